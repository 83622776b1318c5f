//! `y`: copy what is being read — the current sentence, the selected
//! section, a figure row — with where it comes from (place, year,
//! file:line), to the terminal's clipboard through OSC 52. The text is
//! chosen here; the event loop writes the sequence (it owns the terminal).

use super::app::{App, Pane};
use super::marks::MarkLayer;
use super::reader::{Anchor, Doc};
use crate::figures::ReportFigure;
use crate::report::Report;
use base64::Engine;
use std::ops::Range;

/// What sits between gwr and the terminal, which decides how an OSC 52
/// sequence must be wrapped to reach the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Multiplexer {
    None,
    /// tmux passes a sequence on inside its DCS passthrough (with
    /// `set -g allow-passthrough on`, tmux 3.3 and later).
    Tmux,
    /// GNU screen passes DCS strings on, each at most 768 bytes long.
    Screen,
}

impl Multiplexer {
    /// From `$TMUX` (set inside tmux) and `$TERM` (`screen…` inside screen;
    /// tmux sets it so too, hence tmux first).
    pub fn from_env(tmux: Option<&str>, term: Option<&str>) -> Multiplexer {
        if tmux.is_some_and(|t| !t.is_empty()) {
            Multiplexer::Tmux
        } else if term.is_some_and(|t| t.starts_with("screen")) {
            Multiplexer::Screen
        } else {
            Multiplexer::None
        }
    }
}

/// The one escape sequence that puts `text` on the clipboard: OSC 52 with
/// the text in base64 (so no byte of it reaches the terminal raw),
/// wrapped for a multiplexer.
pub fn osc52(text: &str, mux: Multiplexer) -> String {
    let payload = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let sequence = format!("\x1b]52;c;{payload}\x07");
    match mux {
        Multiplexer::None => sequence,
        // Inside the passthrough every ESC is doubled.
        Multiplexer::Tmux => format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b")),
        // screen's limit is per DCS string: cut the (ASCII) sequence into
        // pieces, each its own string; the terminal sees them joined.
        Multiplexer::Screen => sequence
            .as_bytes()
            .chunks(SCREEN_CHUNK)
            .map(|c| format!("\x1bP{}\x1b\\", String::from_utf8_lossy(c)))
            .collect(),
    }
}

/// The longest DCS string screen passes on, less room for its own bytes.
const SCREEN_CHUNK: usize = 760;

/// `text` and a last line saying where it is from: the place and year of
/// the report, and the file and line.
pub fn with_source(text: &str, report: &Report, line: u32) -> String {
    let m = &report.meta;
    let place = m
        .county
        .as_deref()
        .or(m.city.as_deref())
        .or(m.province.as_deref());
    let mut source: Vec<String> = Vec::new();
    if let Some(place) = place {
        source.push(place.to_string());
    }
    if let Some(year) = m.year {
        source.push(format!("{year}年"));
    }
    let file = report
        .path
        .as_ref()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|| report.file.clone());
    source.push(format!("{file}:{line}"));
    format!("{}\n（{}）", text.trim_end(), source.join("，"))
}

impl App {
    /// `y`: copy what the focused pane shows selected.
    pub(in crate::tui) fn copy_here(&mut self) {
        let Some((_, report)) = self.report_being_read() else {
            self.message = Some("Nothing to copy: no report is open".into());
            return;
        };
        let copied = match self.focus {
            Pane::Outline => section_text(&report, self.outline.selected),
            Pane::Reader | Pane::List => self
                .current_sentence()
                .and_then(|(paragraph, range)| sentence_text(&report, paragraph, range)),
        };
        match copied {
            Some((text, line)) => self.copy(with_source(&text, &report, line)),
            None => self.message = Some("Nothing to copy here".into()),
        }
    }

    /// `y` on a row of the figures table: the indicator and the figure as
    /// written.
    pub(in crate::tui) fn copy_figure(&mut self, report: &Report, row: &ReportFigure) {
        let indicator = super::figures::indicator_text(row);
        let text = format!("{indicator}\t{}", row.figure.raw);
        self.copy(with_source(&text, report, row.line));
    }

    fn copy(&mut self, text: String) {
        self.message = Some(format!(
            "Copied {} characters to the clipboard (OSC 52)",
            text.chars().count()
        ));
        self.clipboard = Some(text);
    }

    /// The sentence being read, as a paragraph and a byte range: the one a
    /// jump marked while it is on screen, else the one at the top.
    pub(in crate::tui) fn current_sentence(&mut self) -> Option<(usize, Range<usize>)> {
        let (i, report) = self.report_being_read()?;
        let top = self.reader.anchor;
        if let Some(mark) = self.reader.marks.layer(MarkLayer::Target).first() {
            let at = Anchor {
                paragraph: mark.paragraph,
                offset: mark.range.start,
            };
            let (width, height) = self.reader_viewport();
            let cache = &mut self.reader.cache;
            let mut source = |p: usize| cache.lines(i, &report, width, p);
            let mut doc = Doc::new(&report, &mut source);
            let first = doc.row_of(top);
            let last = doc.forward(first, height.saturating_sub(1));
            let row = doc.row_of(at);
            if first <= row && row <= last {
                return Some((mark.paragraph, mark.range.clone()));
            }
        }
        let text = &report.paragraphs.get(top.paragraph)?.text;
        let range = crate::text::sentence::sentence_around(text, top.offset..top.offset);
        Some((top.paragraph, range))
    }
}

/// A sentence's text and its original line.
fn sentence_text(report: &Report, paragraph: usize, range: Range<usize>) -> Option<(String, u32)> {
    let p = report.paragraphs.get(paragraph)?;
    let text = p.text.get(range.clone())?;
    Some((text.to_string(), p.line_at(range.start)))
}

/// A section's heading and text, one paragraph a line, and its first line.
fn section_text(report: &Report, section: usize) -> Option<(String, u32)> {
    let s = report.sections.get(section)?;
    let text: Vec<&str> = report
        .paragraphs
        .get(s.paragraphs.clone())?
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    Some((text.join("\n"), s.first_line))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(payload: &str) -> String {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(payload)
            .unwrap();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn the_text_travels_in_base64_inside_one_sequence() {
        let text = "推动经济实现质的有效提升。\n\x1b]0;x\x07";
        let seq = osc52(text, Multiplexer::None);
        let payload = seq
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix('\x07'))
            .expect("OSC 52 … BEL");
        assert_eq!(decoded(payload), text);
        // Not one control character of the text reaches the terminal.
        assert!(!payload.chars().any(|c| c.is_control()));
    }

    #[test]
    fn tmux_gets_the_sequence_in_its_passthrough_with_escapes_doubled() {
        let seq = osc52("文", Multiplexer::Tmux);
        assert_eq!(seq, "\x1bPtmux;\x1b\x1b]52;c;5paH\x07\x1b\\");
    }

    #[test]
    fn screen_gets_pieces_no_longer_than_it_passes_on() {
        let text = "国".repeat(2000);
        let seq = osc52(&text, Multiplexer::Screen);
        let pieces: Vec<&str> = seq.split("\x1bP").filter(|s| !s.is_empty()).collect();
        assert!(pieces.len() > 1);
        let mut joined = String::new();
        for piece in pieces {
            let inner = piece.strip_suffix("\x1b\\").expect("ST");
            assert!(inner.len() <= 768);
            joined.push_str(inner);
        }
        assert_eq!(joined, osc52(&text, Multiplexer::None));
    }

    #[test]
    fn the_multiplexer_comes_from_the_environment() {
        let from = Multiplexer::from_env;
        assert_eq!(
            from(Some("/tmp/tmux-0/default,1,0"), Some("screen")),
            Multiplexer::Tmux
        );
        assert_eq!(
            from(None, Some("screen.xterm-256color")),
            Multiplexer::Screen
        );
        assert_eq!(from(Some(""), Some("xterm-256color")), Multiplexer::None);
        assert_eq!(from(None, None), Multiplexer::None);
    }
}
