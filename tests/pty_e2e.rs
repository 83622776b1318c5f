//! The real `gwr` binary in a pseudo-terminal on the sample corpus: type
//! keys, read the screen (vt100), check the panes, the outline, section
//! moves, help, resizing, and that the terminal is given back intact.

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize, SlavePty};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const COLS: u16 = 120;
const ROWS: u16 = 36;
/// Generous: the machine running tests may be busy.
const TIMEOUT: Duration = Duration::from_secs(30);

struct Session {
    master: Box<dyn MasterPty + Send>,
    slave: Box<dyn SlavePty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Everything the program wrote, to look for mode switches.
    raw: Arc<Mutex<Vec<u8>>>,
    _home: tempfile::TempDir,
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN)
}

impl Session {
    fn start(args: &[&str]) -> Session {
        Session::start_with(args, &[])
    }

    fn start_with(args: &[&str], env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system();
        let pair = pty.openpty(size(ROWS, COLS)).expect("open a pty");
        let home = tempfile::tempdir().expect("temp dir");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_gwr"));
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        // Stay out of the real home: config, state and caches go here.
        for var in [
            "HOME",
            "XDG_CONFIG_HOME",
            "XDG_STATE_HOME",
            "XDG_DATA_HOME",
            "XDG_CACHE_HOME",
        ] {
            cmd.env(var, home.path());
        }
        cmd.env("GWR_STATE_DIR", home.path().join("state"));
        cmd.env("GWR_CACHE_DIR", home.path().join("cache"));
        let config = home.path().join("config.toml");
        std::fs::write(&config, "# the built-in defaults\n").expect("write config");
        cmd.env("GWR_CONFIG", &config);
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("start gwr");
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(ROWS), nz(COLS), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        {
            let parser = parser.clone();
            let raw = raw.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                while let Ok(n) = reader.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    if let Ok(mut p) = parser.lock() {
                        p.process(&buf[..n]);
                    }
                    if let Ok(mut r) = raw.lock() {
                        r.extend_from_slice(&buf[..n]);
                    }
                }
            });
        }
        Session {
            master: pair.master,
            slave: pair.slave,
            writer,
            child,
            parser,
            raw,
            _home: home,
        }
    }

    /// The text of the outline pane (from its top-left corner to the
    /// next pane's).
    fn outline(&self) -> String {
        let rows = self.rows();
        let Some(first) = rows.first() else {
            return String::new();
        };
        let chars: Vec<char> = first.chars().collect();
        let Some(start) = first.find("┌ Outline").map(|b| first[..b].chars().count()) else {
            return String::new();
        };
        let end = (start + 1..chars.len())
            .find(|&i| chars[i] == '┌')
            .unwrap_or(chars.len());
        self.parser
            .lock()
            .map(|p| {
                p.screen()
                    .rows(start as u16, (end - start) as u16)
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default()
    }

    fn screen(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    fn rows(&self) -> Vec<String> {
        self.parser
            .lock()
            .map(|p| {
                let (_, cols) = p.screen().size();
                p.screen().rows(0, cols.get()).collect()
            })
            .unwrap_or_default()
    }

    /// Wait until the screen satisfies `ok`; fail with the screen shown.
    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; the screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    fn keys(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("type");
        self.writer.flush().expect("flush");
    }

    fn resize(&self, rows: u16, cols: u16) {
        self.master.resize(size(rows, cols)).expect("resize pty");
        if let Ok(mut p) = self.parser.lock() {
            p.screen_mut().set_size(nz(rows), nz(cols));
        }
    }

    /// The status line: the second row from the bottom.
    fn status(&self) -> String {
        let rows = self.rows();
        rows.get(rows.len().saturating_sub(2))
            .cloned()
            .unwrap_or_default()
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("gwr did not exit; the screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `stty -a` run on the same terminal after gwr exited.
    fn terminal_modes(&self) -> String {
        let out = tempfile::NamedTempFile::new().expect("temp file");
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", &format!("stty -a > '{}'", out.path().display())]);
        let mut child = self.slave.spawn_command(cmd).expect("run stty");
        let _ = child.wait();
        std::fs::read_to_string(out.path()).unwrap_or_default()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

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
    let screen = s.wait_text("Reports (5)");
    assert!(screen.contains("Outline"), "{screen}");
    let rows = s.rows();
    assert_eq!(rows.len(), ROWS as usize);
    assert!(rows[ROWS as usize - 1].contains("? help"), "{screen}");
    let top = &rows[0];
    assert_eq!(
        top.matches('┌').count(),
        3,
        "three panes side by side: {top}"
    );

    // The sample page with `（五）坚定不移抓民生`: open each report until its
    // outline shows that heading.
    s.keys("\t"); // focus the list
    s.keys("g");
    let mut found = false;
    for _ in 0..5 {
        s.keys("\r");
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
    let help = s.wait_text("Help: keys");
    assert!(
        help.contains("Next section") && help.contains("Quit"),
        "{help}"
    );
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
    s.keys("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    std::thread::sleep(Duration::from_millis(200));
    let (alternate, mouse) = {
        let p = s.parser.lock().expect("parser");
        (
            p.screen().alternate_screen(),
            p.screen().mouse_protocol_mode(),
        )
    };
    assert!(!alternate, "the alternate screen was left");
    assert_eq!(
        mouse,
        vt100::MouseProtocolMode::None,
        "mouse capture was undone"
    );
    let raw = s.raw.lock().expect("raw").clone();
    let raw = String::from_utf8_lossy(&raw);
    assert!(
        raw.contains("\x1b[?1000h"),
        "mouse capture was on while running"
    );
    let modes = s.terminal_modes();
    assert!(
        modes.contains(" icanon") && modes.contains(" echo"),
        "raw mode undone: {modes}"
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
    std::thread::sleep(Duration::from_millis(200));
    let (alternate, mouse) = {
        let p = s.parser.lock().expect("parser");
        (
            p.screen().alternate_screen(),
            p.screen().mouse_protocol_mode(),
        )
    };
    assert!(!alternate, "the alternate screen was left");
    assert_eq!(
        mouse,
        vt100::MouseProtocolMode::None,
        "mouse capture was undone"
    );
    // The panic message is readable on the normal screen.
    let screen = s.screen();
    assert!(screen.contains("GWR_TEST_PANIC"), "{screen}");
    let modes = s.terminal_modes();
    assert!(
        modes.contains(" icanon") && modes.contains(" echo"),
        "raw mode undone: {modes}"
    );
}
