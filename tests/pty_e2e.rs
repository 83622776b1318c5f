//! The real `gwr` binary in a pseudo-terminal on the sample corpus: type
//! keys, read the screen (vt100), check the panes, the outline, section
//! moves, help, resizing, and that the terminal is given back intact.

mod pty_support;

use pty_support::*;
use std::path::Path;
use std::time::{Duration, Instant};

/// Sample 000's `（五）坚定不移抓民生,公共服务不断改善` (the label as the
/// file writes it, `(五)`, or in full-width form).
fn has_heading(outline: &str) -> bool {
    outline
        .lines()
        .any(|l| (l.contains("(五)") || l.contains("（五）")) && l.contains("坚定不移抓民生"))
}

/// `n` of the `[n/m]` section indicator in the status line.
fn section_number(status: &str) -> Option<usize> {
    let open = status.rfind('[')?;
    let rest = &status[open + 1..];
    let slash = rest.find('/')?;
    let close = rest.find(']')?;
    if slash > close {
        return None;
    }
    rest[..slash].parse().ok()
}

/// The reading pane's title (the open report), from the top row.
fn reader_title(rows: &[String]) -> String {
    rows.first()
        .and_then(|r| r.rfind('┌').map(|i| r[i..].to_string()))
        .unwrap_or_default()
}

fn samples() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/corpus/samples")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn reading_the_sample_corpus_in_a_real_terminal() {
    let mut s = Session::start(&["--mouse", &samples()]);

    // Three panes, a status line and a hint bar.
    // Screens are read while gwr may be drawing: wait for the whole fact.
    s.wait_for("three panes side by side, the hint bar", |screen| {
        let rows = s.rows();
        screen.contains("Reports (5)")
            && screen.contains("Outline")
            && rows.len() == ROWS as usize
            && rows[ROWS as usize - 1].contains("? help")
            && rows[0].matches('┌').count() == 3
    });

    // The sample page with `（五）坚定不移抓民生`: open each report until its
    // outline shows that heading.
    s.keys("\t"); // focus the list
    s.keys("g");
    let mut found = false;
    for _ in 0..5 {
        // The outline on screen may still be the last report's until the
        // one opened now is drawn: wait for the reader's title to change.
        let before = reader_title(&s.rows());
        s.keys("\r");
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(3) && reader_title(&s.rows()) == before {
            std::thread::sleep(Duration::from_millis(20));
        }
        // The title row is written first: let the rest of the frame (the
        // outline below it) arrive before reading it.
        std::thread::sleep(Duration::from_millis(300));
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(3) {
            let outline = s.outline();
            if has_heading(&outline) {
                found = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        if found {
            break;
        }
        s.keys("\tj"); // back to the list (Tab from the reader), next report
    }
    let screen = s.wait_for("the (五) heading of sample 000 in the outline", |_| {
        has_heading(&s.outline())
    });
    assert!(found, "{screen}");

    // Moving between sections: the status line's `[n/m]` counts up and back.
    let n0 = section_number(&s.status()).unwrap_or(0);
    s.keys("]");
    s.wait_for("`]` to reach a later section", |_| {
        section_number(&s.status()).is_some_and(|n| n > n0)
    });
    let n1 = section_number(&s.status()).unwrap_or(0);
    s.keys("]");
    s.wait_for("a second `]`", |_| {
        section_number(&s.status()).is_some_and(|n| n > n1)
    });
    s.keys("[");
    s.wait_for("`[` back to the section before", |_| {
        section_number(&s.status()) == Some(n1)
    });

    // Help overlay opens and closes.
    s.keys("?");
    // The whole overlay, not just its title: a frame may be read half drawn.
    s.wait_for("help listing the keys", |sc| {
        sc.contains("Help: keys") && sc.contains("Next section") && sc.contains("Quit")
    });
    s.keys("\x1b");
    s.wait_for("help to close", |sc| !sc.contains("Help: keys"));

    // A resize storm ends in a correct frame at the final size.
    for (r, c) in [(20, 60), (50, 160), (10, 30), (30, 90), (24, 80)] {
        s.resize(r, c);
    }
    s.wait_for("a frame at 80x24", |_| {
        let rows = s.rows();
        rows.len() == 24
            && rows[0].starts_with('┌')
            && rows[0].trim_end().ends_with('┐')
            && rows[23].contains("help")
    });

    // Quit: exit status 0, main screen back, mouse off, cooked mode.
    let status = s.quit_after_resizing("q");
    assert!(status.success(), "exit status {status:?}");
    s.assert_terminal_restored();
    let raw = s.raw.lock().expect("raw").clone();
    let raw = String::from_utf8_lossy(&raw);
    assert!(
        raw.contains("\x1b[?1000h"),
        "mouse capture was on while running"
    );
    // The reading state went to the state directory given, nowhere else.
    let state = s._home.path().join("state").join("state.json");
    let saved = std::fs::read_to_string(&state).expect("state.json in GWR_STATE_DIR");
    assert!(saved.contains("last_report"), "{saved}");
}

#[test]
fn exit_after_first_frame_draws_a_report_and_exits_cleanly() {
    let mut s = Session::start(&["--exit-after-first-frame"]);
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    let raw = s.raw.lock().expect("raw").clone();
    // Replay what was drawn up to leaving the alternate screen.
    let leave = b"\x1b[?1049l";
    let end = raw
        .windows(leave.len())
        .rposition(|w| w == leave)
        .expect("left the alternate screen");
    let mut screen = vt100::Parser::new(nz(ROWS), nz(COLS), 0);
    screen.process(&raw[..end]);
    let shown = screen.screen().contents();
    assert!(shown.contains("Reports (36)"), "{shown}");
    assert!(
        shown.contains("政府工作报告"),
        "a report is on screen: {shown}"
    );
}

#[test]
fn a_panic_gives_the_terminal_back() {
    let mut s = Session::start_with(&["--mouse", &samples()], &[("GWR_TEST_PANIC", "1")]);
    let status = s.wait_exit();
    assert!(!status.success(), "it panicked: {status:?}");
    s.assert_terminal_restored();
    // The panic message is readable on the normal screen.
    let screen = s.screen();
    assert!(screen.contains("GWR_TEST_PANIC"), "{screen}");
}

#[test]
fn a_terminating_signal_saves_and_gives_the_terminal_back() {
    let mut s = Session::start(&["--mouse", &samples()]);
    s.wait_text("Reports (5)");
    s.keys("]");
    s.wait_for("a section move", |_| section_number(&s.status()).is_some());
    let pid = s.child.process_id().expect("gwr's pid");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(killed.success());
    let status = s.wait_exit();
    assert!(status.success(), "a clean exit: {status:?}");
    s.assert_terminal_restored();
    let state = s._home.path().join("state").join("state.json");
    let saved = std::fs::read_to_string(&state).expect("state saved on SIGTERM");
    assert!(saved.contains("last_report"), "{saved}");
}

#[test]
fn ctrl_z_stops_gwr_with_the_terminal_restored_and_fg_resumes_it() {
    if std::process::Command::new("bash")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("no bash: job control cannot be tested here");
        return;
    }
    let mut s = Session::start_shell();
    s.wait_text("shell$");
    s.keys(&format!(
        "'{}' --mouse '{}'\r",
        env!("CARGO_BIN_EXE_gwr"),
        samples()
    ));
    s.wait_for("the first report open", |_| {
        section_number(&s.status()).is_some()
    });
    let first = section_number(&s.status());
    s.keys("]");
    s.wait_for("a section move", |_| section_number(&s.status()) != first);
    let before = s.status();
    s.keys("\x1a");
    // Stopped: the shell has the normal screen back, in cooked mode,
    // without mouse capture, and says so.
    s.wait_for("the shell reports gwr stopped", |screen| {
        screen.contains("Stopped")
    });
    {
        let p = s.parser.lock().expect("parser");
        assert!(
            !p.screen().alternate_screen(),
            "the alternate screen was left"
        );
        assert_eq!(
            p.screen().mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture was undone"
        );
    }
    // The shell owns the terminal now, so it is the one to ask.
    s.keys("stty -a\r");
    let modes = s.wait_for("stty's answer", |screen| screen.contains("icanon"));
    assert!(
        modes.contains(" icanon") && modes.contains(" echo "),
        "cooked mode again: {modes}"
    );
    s.keys("clear; fg\r");
    let screen = s.wait_text("Reports (5)");
    assert!(screen.contains("政府工作报告"), "{screen}");
    // Where the reader was, and the keys work again.
    s.wait_for("the same section", |_| {
        section_number(&s.status()) == section_number(&before)
    });
    s.keys("q");
    s.wait_for("the shell prompt after q", |screen| {
        screen.contains("shell$") && !screen.contains("Reports (5)")
    });
}

#[test]
fn a_fifo_or_a_device_as_the_state_file_neither_hangs_nor_is_replaced() {
    use std::os::unix::fs::FileTypeExt;
    for kind in ["fifo", "device"] {
        let state = tempfile::tempdir().unwrap();
        let file = state.path().join("state.json");
        match kind {
            "fifo" => {
                let made = std::process::Command::new("mkfifo").arg(&file).status();
                if !made.is_ok_and(|s| s.success()) {
                    continue;
                }
            }
            _ => std::os::unix::fs::symlink("/dev/zero", &file).unwrap(),
        }
        let dir = state.path().to_string_lossy().into_owned();
        let mut s = Session::start_with(&[], &[("GWR_STATE_DIR", dir.as_str())]);
        // Before, open(2) waited for a writer (FIFO) or the read never
        // ended (/dev/zero), and nothing was ever drawn.
        let screen = s.wait_text("Reports (36)");
        assert!(screen.contains("政府工作报告"), "{kind}: {screen}");
        s.wait_for("why the state is not used", |screen| {
            screen.contains("not a regular file")
        });
        s.keys("q");
        assert!(s.wait_exit().success(), "{kind}");
        let still = std::fs::symlink_metadata(&file).unwrap().file_type();
        match kind {
            "fifo" => assert!(still.is_fifo(), "the FIFO was replaced"),
            _ => assert!(still.is_symlink(), "the link was replaced"),
        }
    }
}
