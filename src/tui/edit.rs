//! `e`: open the report's file in the user's editor at the line being
//! read. Choosing what to open is here; the event loop hands the terminal
//! over and takes it back as Ctrl-Z does, then reloads a changed file.

use super::app::{App, StartAt};
use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

/// The editor the user chose: `$VISUAL`, else `$EDITOR`, else `vi`; a value
/// may carry its own arguments (`code --wait`), split at spaces as git does
/// without a shell.
pub fn editor_command(visual: Option<OsString>, editor: Option<OsString>, at: &StartAt) -> Command {
    let chosen = [visual, editor]
        .into_iter()
        .flatten()
        .map(|v| v.to_string_lossy().into_owned())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    let mut words = chosen.split_whitespace();
    let mut command = Command::new(words.next().unwrap_or("vi"));
    command.args(words);
    // `+N FILE` opens at line N in vi, vim, nvim, emacs, nano, micro, kak,
    // helix and most others.
    command.arg(format!("+{}", at.line)).arg(&at.file);
    command
}

/// Size and modification time, to tell whether the editor changed the
/// file.
pub fn stamp(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

impl App {
    /// `e`: ask the event loop to open the report's file at the line of
    /// the sentence being read (text files only: the editor sees what gwr
    /// read).
    pub(in crate::tui) fn edit_here(&mut self) {
        let Some((_, report)) = self.report_being_read() else {
            self.message = Some("No report is open".into());
            return;
        };
        let Some(path) = report.path.clone() else {
            self.message = Some("A built-in sample report has no file to edit".into());
            return;
        };
        let text = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
        if !text {
            self.message = Some("Only text (.txt) reports open in the editor".into());
            return;
        }
        let line = self
            .current_sentence()
            .and_then(|(p, range)| Some(report.paragraphs.get(p)?.line_at(range.start)))
            .unwrap_or(1);
        self.edit = Some(StartAt { file: path, line });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(c: &Command) -> Vec<String> {
        std::iter::once(c.get_program())
            .chain(c.get_args())
            .map(|s| s.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn visual_then_editor_then_vi_with_the_line_before_the_file() {
        let at = StartAt {
            file: "/r/2023 安徽.txt".into(),
            line: 42,
        };
        let os = |s: &str| Some(OsString::from(s));
        assert_eq!(
            words(&editor_command(os("code --wait"), os("nano"), &at)),
            ["code", "--wait", "+42", "/r/2023 安徽.txt"]
        );
        assert_eq!(words(&editor_command(None, os("nano"), &at))[0], "nano");
        assert_eq!(
            words(&editor_command(os(" "), None, &at)),
            ["vi", "+42", "/r/2023 安徽.txt"]
        );
    }
}
