//! `gwr show`: the cleaned text of one report, or of one outline entry, as
//! plain text, paragraphs separated by blank lines. For a Word file or a
//! web page, the lines printed for the whole report are the lines `gwr
//! outline`, `gwr figures` and the others give.

use crate::report::Report;

/// Why nothing was shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The arguments name no single report or no outline entry.
    Usage(String),
    /// Nothing could be loaded (the reasons are already on stderr).
    Load,
}

/// Load the one report at `path` (a file, or a folder holding one report
/// file); problems go to stderr as in the other commands.
pub fn load(path: &std::path::Path) -> Result<Report, Failure> {
    let (mut files, problems) = crate::corpus::find_files(&[path.to_path_buf()]);
    for p in &problems {
        eprintln!("gwr: {p}");
    }
    match files.len() {
        0 => {
            if problems.is_empty() {
                eprintln!(
                    "gwr: {}: no report file in it",
                    crate::text::sanitize::visible(&path.to_string_lossy())
                );
            }
            Err(Failure::Load)
        }
        1 => crate::corpus::load_file(&files.remove(0)).map_err(|p| {
            eprintln!("gwr: {p}");
            Failure::Load
        }),
        n => Err(Failure::Usage(format!(
            "{} holds {n} report files; name one file",
            crate::text::sanitize::visible(&path.to_string_lossy())
        ))),
    }
}

/// The text of the report, or of its `section`-th outline entry (1-based,
/// in the order `gwr outline` lists them), ending with a newline.
pub fn text(report: &Report, section: Option<usize>) -> Result<String, Failure> {
    let ((first, start), (end, end_offset)) = match section {
        None => ((0, 0), (report.paragraphs.len(), 0)),
        Some(n) => {
            let i = n
                .checked_sub(1)
                .filter(|&i| i < report.sections.len())
                .ok_or_else(|| {
                    Failure::Usage(format!(
                        "no outline entry {n}: {} has {} (see gwr outline)",
                        crate::text::sanitize::visible(&report.file),
                        report.sections.len()
                    ))
                })?;
            (report.section_start(i), report.section_end(i))
        }
    };
    let mut pieces: Vec<&str> = Vec::new();
    for (p, paragraph) in report
        .paragraphs
        .iter()
        .enumerate()
        .take(end + 1)
        .skip(first)
    {
        let text = paragraph.text.as_str();
        let from = if p == first { start } else { 0 };
        let to = if p == end { end_offset } else { text.len() };
        if let Some(piece) = text.get(from..to).map(str::trim).filter(|t| !t.is_empty()) {
            pieces.push(piece);
        }
    }
    let mut out = pieces.join("\n\n");
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_is_its_heading_and_text_up_to_the_next() {
        let text = "2024年政府工作报告\n\n一、过去一年的工作\n\n经济运行稳中向好。\n\n二、今年的任务\n\n推进改革。\n";
        let report = crate::corpus::parse_report("r.txt", None, text.as_bytes()).unwrap();
        assert_eq!(super::text(&report, None).unwrap(), text);
        let first = report
            .sections
            .iter()
            .position(|s| s.label == "一、")
            .unwrap();
        assert_eq!(
            super::text(&report, Some(first + 1)).unwrap(),
            "一、过去一年的工作\n\n经济运行稳中向好。\n"
        );
        assert!(matches!(
            super::text(&report, Some(99)),
            Err(Failure::Usage(_))
        ));
        assert!(matches!(
            super::text(&report, Some(0)),
            Err(Failure::Usage(_))
        ));
    }
}
