//! The reader from the shell's side, in a real pseudo-terminal: `gwr
//! FILE:LINE` opens there, `y` puts the sentence and its source on the
//! clipboard through OSC 52, `e` runs `$EDITOR +LINE FILE` with the
//! terminal handed over and shows the edited text when it is back.

mod pty_support;

use base64::Engine;
use pty_support::*;
use std::path::{Path, PathBuf};

const REPORT: &str = "assets/corpus/provinces-2026/2026_海南省.txt";
/// Line 200 of the report: a lead sentence near its end.
const LINE_200: &str = "担当作为强作风";
/// Line 20, near the top: not on screen when the reader opens at 200.
const LINE_20: &str = "这一年，我们牢守底线";

/// A copy of the report in a folder of its own (the editor test changes
/// it), and the folder.
fn report_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("2026_海南省.txt");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(REPORT), &file).unwrap();
    (dir, file)
}

/// The texts of the OSC 52 sequences in `raw`.
fn clipboard_texts(raw: &[u8]) -> Vec<String> {
    let raw = String::from_utf8_lossy(raw);
    raw.split("\x1b]52;c;")
        .skip(1)
        .filter_map(|rest| rest.split_once('\x07'))
        .map(|(payload, _)| {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(payload)
                .expect("base64 payload");
            String::from_utf8(bytes).expect("UTF-8 text")
        })
        .collect()
}

#[test]
fn file_colon_line_opens_the_report_at_that_line_and_y_copies_its_sentence() {
    let (_dir, file) = report_copy();
    let arg = format!("{}:200", file.display());
    let mut s = Session::start_with(&[&arg], &[("TMUX", "")]);
    let screen = s.wait_for("line 200 on screen", |sc| sc.contains(LINE_200));
    assert!(!screen.contains(LINE_20), "opened near the top:\n{screen}");
    assert!(screen.contains("海南"), "{screen}");

    s.keys("y");
    s.wait_for("the copy message", |sc| sc.contains("Copied"));
    let copied = {
        let raw = s.raw.lock().unwrap();
        clipboard_texts(&raw)
    };
    assert_eq!(copied.len(), 1, "one OSC 52 sequence: {copied:?}");
    let text = &copied[0];
    assert!(text.starts_with(LINE_200), "{text}");
    let source = text.lines().last().unwrap();
    assert!(source.contains("海南省"), "{source}");
    assert!(source.contains("2026年"), "{source}");
    assert!(source.contains("2026_海南省.txt:200"), "{source}");

    s.keys("q");
    assert!(s.wait_exit().success());
    s.assert_terminal_restored();
}

#[test]
fn e_runs_the_editor_at_the_line_and_the_edited_file_is_read_again() {
    let (dir, file) = report_copy();
    let args_file = dir.path().join("editor-args");
    let editor = dir.path().join("editor.sh");
    // Records its arguments and whether the terminal was in cooked mode,
    // then changes line 200 the way a user would.
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{args}'\nstty -a | grep -q ' icanon' && echo cooked >> '{args}'\n\
             sed -i 's/担当作为强作风/担当作为改作风/' \"$2\"\n",
            args = args_file.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let arg = format!("{}:200", file.display());
    let editor = editor.to_string_lossy().into_owned();
    let mut s = Session::start_with(&[&arg], &[("EDITOR", &editor), ("VISUAL", "")]);
    s.wait_for("line 200 on screen", |sc| sc.contains(LINE_200));
    s.keys("e");
    s.wait_for("the edited line, read again", |sc| {
        sc.contains("担当作为改作风") && !sc.contains(LINE_200)
    });
    let recorded = std::fs::read_to_string(&args_file).unwrap();
    let recorded: Vec<&str> = recorded.lines().collect();
    assert_eq!(
        recorded,
        ["+200", file.to_str().unwrap(), "cooked"],
        "the editor's arguments and the terminal it got"
    );
    // The terminal is the reader's again: keys work.
    s.keys("?");
    s.wait_text("Help: keys");
    s.keys("\x1b");
    s.wait_for("help to close", |sc| !sc.contains("Help: keys"));
    s.keys("q");
    assert!(s.wait_exit().success());
    s.assert_terminal_restored();
}

#[test]
fn an_editor_that_cannot_start_is_a_message() {
    let (_dir, file) = report_copy();
    let arg = format!("{}:200", file.display());
    let mut s = Session::start_with(&[&arg], &[("EDITOR", "/no/such/editor"), ("VISUAL", "")]);
    s.wait_for("line 200 on screen", |sc| sc.contains(LINE_200));
    s.keys("e");
    s.wait_for("the message", |_| {
        s.status().contains("Could not start the editor")
    });
    s.keys("q");
    assert!(s.wait_exit().success());
}

#[test]
fn dash_in_the_reader_is_refused_with_a_reason() {
    // The reader takes its keys from the terminal, so standard input
    // cannot also be a report: gwr says so instead of waiting on it.
    let mut s = Session::start(&["-"]);
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 2);
    assert!(s.screen().contains("standard input"), "{}", s.screen());
}
