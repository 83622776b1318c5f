//! Word files (`.docx`): the paragraphs of the main document part, one a
//! line, each numbered paragraph with the number text Word draws in front
//! of it ([`numbering`]), so that `一、` and `（一）` headings read as they do
//! in a text file.
//!
//! Element names are matched with Word's `w:` prefix, the one every Word
//! processor writes; DrawingML text (`a:p`, charts and shapes) is not
//! report text.

mod numbering;

use crate::corpus::LoadError;
use numbering::{Counter, Numbering, NumberingRef, Styles};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;
use quick_xml::Reader;
use std::io::{Cursor, Read};

/// A report's XML parts are a few megabytes; a part that unpacks to more
/// is a zip bomb or not a report.
const MAX_PART_BYTES: u64 = 64 << 20;

/// The main document part where Word puts it.
const DEFAULT_MAIN_PART: &str = "word/document.xml";

fn damaged(why: impl std::fmt::Display) -> LoadError {
    LoadError::Unreadable(format!("damaged Word file: {why}"))
}

/// Why a compound (OLE) file named like a Word file is not read.
pub fn ole_reason(bytes: &[u8]) -> &'static str {
    let encrypted_package: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    if memchr::memmem::find(bytes, &encrypted_package).is_some() {
        "a password-protected Word file; remove the password in Word and save it again"
    } else {
        "an old-format Word file (.doc); save it as .docx or .txt in Word"
    }
}

/// The decoded text of one XML part.
pub(super) struct Part(String);

impl Part {
    fn reader(&self) -> Reader<&[u8]> {
        Reader::from_reader(self.0.as_bytes())
    }

    /// The part's events, without the content of the elements `skip` picks.
    fn events(&self, name: &'static str, skip: fn(QName<'_>) -> bool) -> Events<'_> {
        Events {
            reader: self.reader(),
            name,
            skip,
            skipped: 0,
        }
    }
}

/// Events of one part, leaving out whole elements.
pub(super) struct Events<'a> {
    reader: Reader<&'a [u8]>,
    name: &'static str,
    skip: fn(QName<'_>) -> bool,
    /// Depth inside a left-out element; 0 outside.
    skipped: usize,
}

impl<'a> Events<'a> {
    /// The next event, `None` at the end of the part.
    fn next(&mut self) -> Result<Option<Event<'a>>, LoadError> {
        loop {
            let event = self
                .reader
                .read_event()
                .map_err(|e| xml_error(self.name, &self.reader, e))?;
            match &event {
                Event::Eof => return Ok(None),
                Event::Start(_) if self.skipped > 0 => self.skipped += 1,
                Event::End(_) if self.skipped > 0 => self.skipped -= 1,
                Event::Start(e) if (self.skip)(e.name()) => self.skipped = 1,
                _ if self.skipped > 0 => {}
                _ => return Ok(Some(event)),
            }
        }
    }
}

/// Whether a qualified name is `w:<local>`.
fn is(name: QName<'_>, local: &str) -> bool {
    name.as_ref().strip_prefix("w:").is_some_and(|n| n == local)
}

/// An attribute's unescaped value.
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let a = e.try_get_attribute(name).ok()??;
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .ok()
        .map(|v| v.into_owned())
}

fn xml_error(part: &str, reader: &Reader<&[u8]>, e: quick_xml::Error) -> LoadError {
    damaged(format!(
        "{part}.xml is not well-formed at byte {} ({e})",
        reader.error_position()
    ))
}

/// The text of a Word file, one paragraph a line.
pub fn extract(bytes: &[u8]) -> Result<String, LoadError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| damaged(format!("not a readable zip archive ({e})")))?;
    let main = main_part(&mut archive)?;
    let document = read_part(&mut archive, &main)?.ok_or_else(|| {
        LoadError::Unreadable(format!("a zip archive without {main}: not a Word document"))
    })?;
    let folder = main.rsplit_once('/').map_or("", |(folder, _)| folder);
    let beside = |name: &str| {
        if folder.is_empty() {
            name.to_string()
        } else {
            format!("{folder}/{name}")
        }
    };
    let numbering = match read_part(&mut archive, &beside("numbering.xml"))? {
        Some(part) => Numbering::parse(&part)?,
        None => Numbering::default(),
    };
    let styles = match read_part(&mut archive, &beside("styles.xml"))? {
        Some(part) => Styles::parse(&part)?,
        None => Styles::default(),
    };
    paragraphs(&document, &mut Counter::new(&numbering, &styles))
}

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// The main document part: `word/document.xml`, or where the package
/// relationships point (some producers name it otherwise).
fn main_part(archive: &mut Archive<'_>) -> Result<String, LoadError> {
    if archive.index_for_name(DEFAULT_MAIN_PART).is_some() {
        return Ok(DEFAULT_MAIN_PART.into());
    }
    let Some(rels) = read_part(archive, "_rels/.rels")? else {
        return Ok(DEFAULT_MAIN_PART.into());
    };
    let mut reader = rels.reader();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.name().as_ref() == "Relationship" => {
                let is_main = attr(&e, "Type").is_some_and(|t| t.ends_with("/officeDocument"));
                if let Some(target) = attr(&e, "Target").filter(|_| is_main) {
                    return Ok(target.trim_start_matches('/').to_string());
                }
            }
            Ok(Event::Eof) | Err(_) => return Ok(DEFAULT_MAIN_PART.into()),
            Ok(_) => {}
        }
    }
}

/// One part of the archive as text, `None` when the archive lacks it.
fn read_part(archive: &mut Archive<'_>, name: &str) -> Result<Option<Part>, LoadError> {
    let mut entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(damaged(format!("{name}: {e}"))),
    };
    if entry.size() > MAX_PART_BYTES {
        return Err(damaged(format!(
            "{name} unpacks to more than {} MB",
            MAX_PART_BYTES >> 20
        )));
    }
    let mut bytes = Vec::with_capacity(entry.size() as usize);
    (&mut entry)
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| damaged(format!("{name}: {e}")))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(damaged(format!(
            "{name} unpacks to more than its stated size"
        )));
    }
    // XML parts are UTF-8, or UTF-16 with a byte-order mark.
    let text = match encoding_rs::Encoding::for_bom(&bytes) {
        Some((encoding, bom)) => encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned(),
        None => {
            String::from_utf8(bytes).map_err(|e| damaged(format!("{name} is not UTF-8 ({e})")))?
        }
    };
    Ok(Some(Part(text)))
}

/// A paragraph being read.
#[derive(Default)]
struct Paragraph {
    text: String,
    numbering: NumberingRef,
    style: Option<String>,
}

/// Elements whose content is not the document's current text: a tracked
/// change's old formatting, text moved away, the fallback copy of a text
/// box (its text is also in the choice before it).
fn is_skipped(name: QName<'_>) -> bool {
    name.as_ref() == "mc:Fallback"
        || ["pPrChange", "rPrChange", "moveFrom", "del"]
            .iter()
            .any(|l| is(name, l))
}

/// The paragraphs of the main document, numbered, one a line. Text boxes
/// and table cells hold paragraphs of their own: each is a line too.
fn paragraphs(document: &Part, counter: &mut Counter<'_>) -> Result<String, LoadError> {
    let mut events = document.events("document", is_skipped);
    let mut out = String::new();
    let mut open: Vec<Paragraph> = Vec::new();
    let mut in_text = false;
    let mut in_properties = false;
    while let Some(event) = events.next()? {
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name();
                let is_start = matches!(event, Event::Start(_));
                if is(name, "p") {
                    if is_start {
                        open.push(Paragraph::default());
                    }
                } else if is(name, "t") {
                    in_text = is_start;
                } else if is(name, "pPr") {
                    in_properties = is_start;
                } else if let Some(p) = open.last_mut() {
                    if in_properties {
                        if is(name, "pStyle") {
                            p.style = attr(e, "w:val");
                        } else if is(name, "numId") {
                            p.numbering.instance = attr(e, "w:val");
                        } else if is(name, "ilvl") {
                            p.numbering.level =
                                attr(e, "w:val").and_then(|v| v.trim().parse().ok());
                        }
                    } else if is(name, "tab") {
                        p.text.push('\t');
                    } else if is(name, "br") || is(name, "cr") {
                        p.text.push('\n');
                    } else if is(name, "noBreakHyphen") {
                        p.text.push('-');
                    }
                }
            }
            Event::Text(t) if in_text => {
                if let Some(p) = open.last_mut() {
                    p.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(p) = open.last_mut() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => p.text.push(c),
                        _ => p.text.push_str(
                            quick_xml::escape::resolve_predefined_entity(r).unwrap_or(""),
                        ),
                    }
                }
            }
            Event::End(e) => {
                let name = e.name();
                if is(name, "t") {
                    in_text = false;
                } else if is(name, "pPr") {
                    in_properties = false;
                } else if is(name, "p") {
                    if let Some(p) = open.pop() {
                        finish(p, counter, &mut out);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Write a finished paragraph as lines, its number in front. Empty
/// paragraphs (Word's spacing) write nothing, but a numbered one still
/// counts, as Word counts it.
fn finish(p: Paragraph, counter: &mut Counter<'_>, out: &mut String) {
    let label = counter.next(&p.numbering, p.style.as_deref());
    if p.text.trim().is_empty() {
        return;
    }
    let mut text = label.unwrap_or_default();
    // `1.` before `5G网络` must not read as 1.5.
    if text.ends_with(|c: char| c.is_ascii())
        && p.text.starts_with(|c: char| c.is_ascii_alphanumeric())
    {
        text.push(' ');
    }
    text.push_str(&p.text);
    for line in text.split('\n').filter(|l| !l.trim().is_empty()) {
        out.push_str(line);
        out.push('\n');
    }
}
