//! The real `gwr` binary in a pseudo-terminal: start it, type keys, read
//! the screen (vt100). Shared by the end-to-end tests.
#![allow(dead_code)]

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize, SlavePty};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const COLS: u16 = 120;
pub const ROWS: u16 = 36;
/// Generous: the machine running tests may be busy.
pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Session {
    pub master: Box<dyn MasterPty + Send>,
    pub slave: Box<dyn SlavePty + Send>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub parser: Arc<Mutex<vt100::Parser>>,
    /// Everything the program wrote, to look for mode switches.
    pub raw: Arc<Mutex<Vec<u8>>>,
    pub _home: tempfile::TempDir,
}

pub fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

pub fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN)
}

impl Session {
    pub fn start(args: &[&str]) -> Session {
        Session::start_with(args, &[])
    }

    pub fn start_with(args: &[&str], env: &[(&str, &str)]) -> Session {
        Session::start_program(env!("CARGO_BIN_EXE_gwr"), args, env)
    }

    /// An interactive shell with job control (bash), in the same sandboxed
    /// environment gwr gets: type `gwr_command()` into it to run gwr the way
    /// a user does, so Ctrl-Z really stops it and `fg` resumes it.
    pub fn start_shell() -> Session {
        Session::start_program(
            "bash",
            &["--norc", "--noprofile", "-i"],
            &[("PS1", "shell$ ")],
        )
    }

    fn start_program(program: &str, args: &[&str], env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system();
        let pair = pty.openpty(size(ROWS, COLS)).expect("open a pty");
        let home = tempfile::tempdir().expect("temp dir");
        let mut cmd = CommandBuilder::new(program);
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
    pub fn outline(&self) -> String {
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

    pub fn screen(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    pub fn rows(&self) -> Vec<String> {
        self.parser
            .lock()
            .map(|p| {
                let (_, cols) = p.screen().size();
                p.screen().rows(0, cols.get()).collect()
            })
            .unwrap_or_default()
    }

    /// Wait until the screen satisfies `ok`; fail with the screen shown.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
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

    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    pub fn keys(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("type");
        self.writer.flush().expect("flush");
    }

    pub fn resize(&self, rows: u16, cols: u16) {
        self.master.resize(size(rows, cols)).expect("resize pty");
        if let Ok(mut p) = self.parser.lock() {
            p.screen_mut().set_size(nz(rows), nz(cols));
        }
    }

    /// The status line: the second row from the bottom.
    pub fn status(&self) -> String {
        let rows = self.rows();
        rows.get(rows.len().saturating_sub(2))
            .cloned()
            .unwrap_or_default()
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        self.exit_status(None)
    }

    /// Type `key` (a quit) and wait for gwr to exit, typing it again every
    /// two seconds. crossterm (0.29) waits in edge-triggered epoll and,
    /// when one wake-up brings a resize and a key together, returns the
    /// resize and drops the key's readiness: the key is read only with the
    /// next input. After a resize storm on a loaded machine the quit key
    /// can land in such a batch; a user would press it again, so does this.
    pub fn quit_after_resizing(&mut self, key: &str) -> portable_pty::ExitStatus {
        self.keys(key);
        self.exit_status(Some(key))
    }

    fn exit_status(&mut self, again: Option<&str>) -> portable_pty::ExitStatus {
        let start = Instant::now();
        let mut typed = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("gwr did not exit; the screen:\n{}", self.screen());
            }
            if let Some(key) = again.filter(|_| typed.elapsed() > Duration::from_secs(2)) {
                self.keys(key);
                typed = Instant::now();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// After gwr exited: the main screen is back, mouse capture is off and
    /// the terminal is in cooked mode again.
    pub fn assert_terminal_restored(&self) {
        // Let the last bytes reach the parser.
        std::thread::sleep(Duration::from_millis(200));
        let (alternate, mouse) = {
            let p = self.parser.lock().expect("parser");
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
        let modes = self.terminal_modes();
        assert!(
            modes.contains(" icanon") && modes.contains(" echo"),
            "raw mode undone: {modes}"
        );
    }

    /// `stty -a` run on the same terminal after gwr exited.
    pub fn terminal_modes(&self) -> String {
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
