//! What gwr remembers between runs: where its files live ([`paths`]), the
//! user's settings ([`config`]), the reading state — last report, positions,
//! bookmarks, marks ([`state`]) — and the one way files are written
//! ([`atomic`]). Terminal-free: key specs and colours are plain data that the
//! TUI maps to crossterm/ratatui.
//!
//! Layer: at the bottom beside `text`; imports only `report` (for
//! [`crate::report::ReportKey`]) and `text`. The one place that reads gwr's
//! environment variables for paths ([`paths`]).
//!
//! # Wiring it into the TUI
//!
//! Start-up, in one call that never fails (problems become messages):
//!
//! ```no_run
//! use gwr::report::ReportKey;
//! use gwr::store::{self, Environment, Position};
//!
//! let mut start = store::open(&Environment::from_process());
//! for message in &start.messages {
//!     eprintln!("gwr: {message}"); // or show them in the status line
//! }
//! # let reports: Vec<gwr::report::Report> = Vec::new();
//! // Reopen the last report where the reader left it.
//! let keys: Vec<ReportKey> = reports.iter().map(ReportKey::of).collect();
//! if let Some(i) = start.state.last_report_in(&keys) {
//!     let at = start.state.position(&keys[i]).unwrap_or_default();
//!     // … open report i at `at` (clamp it: the outline may have changed)
//! }
//! // While reading: `set_position`, `set_last_report`, `add_bookmark`,
//! // `set_mark`. Saving flushes to disk (milliseconds), so save on quit,
//! // after a bookmark or mark changes and when switching reports — not on
//! // every key.
//! if let Some(file) = start.state_file.as_mut() {
//!     if let Err(e) = file.save(&mut start.state) {
//!         eprintln!("gwr: {e}");
//!     }
//! }
//! # let _ = Position::default();
//! ```
//!
//! Key bindings: `config.keys` maps an action name to its keys, for the
//! actions the user rebound; `config.retain_known_actions(|name| …)`
//! drops (and reports) names the TUI's action table does not know. A
//! terminal key event becomes a [`KeySpec`] through [`KeySpec::new`] (which
//! normalises Shift the same way the parser does), so lookups are plain
//! equality:
//!
//! ```ignore
//! use crossterm::event::{KeyCode as C, KeyEvent, KeyModifiers as M};
//! fn key_spec(e: &KeyEvent) -> Option<KeySpec> {
//!     let code = match e.code {
//!         C::Char(c) => KeyCode::Char(c),
//!         C::Enter => KeyCode::Enter,
//!         C::Esc => KeyCode::Esc,
//!         C::Tab => KeyCode::Tab,
//!         C::BackTab => KeyCode::BackTab,
//!         C::Backspace => KeyCode::Backspace,
//!         C::Delete => KeyCode::Delete,
//!         C::Insert => KeyCode::Insert,
//!         C::Home => KeyCode::Home,
//!         C::End => KeyCode::End,
//!         C::PageUp => KeyCode::PageUp,
//!         C::PageDown => KeyCode::PageDown,
//!         C::Up => KeyCode::Up,
//!         C::Down => KeyCode::Down,
//!         C::Left => KeyCode::Left,
//!         C::Right => KeyCode::Right,
//!         C::F(n) => KeyCode::F(n),
//!         _ => return None,
//!     };
//!     let m = e.modifiers;
//!     Some(KeySpec::new(code, Modifiers {
//!         ctrl: m.contains(M::CONTROL),
//!         alt: m.contains(M::ALT),
//!         shift: m.contains(M::SHIFT),
//!     }))
//! }
//! ```
//!
//! Colours: [`Color`]'s variants are named like ratatui's, so the mapping is
//! one `match`; [`Style`]'s flags are ratatui's `Modifier`s (`underlined` is
//! `UNDERLINED`, `reversed` is `REVERSED`). With `NO_COLOR` the theme
//! already has no colours; `config.no_color` tells the TUI to add none of
//! its own.
//!
//! The promise: nothing the user has is lost. Config files are only read;
//! the state file is replaced atomically, merged with what other instances
//! saved meanwhile, and a file that cannot be read is set aside, never
//! deleted or overwritten.

pub mod atomic;
pub mod bounded;
pub mod config;
pub mod keys;
pub mod paths;
pub mod state;
pub mod theme;

pub use config::{Borders, Config};
pub use keys::{KeyCode, KeySpec, Modifiers};
pub use paths::{Environment, Paths};
pub use state::{Bookmark, Mark, Position, ReadingState, StateFile};
pub use theme::{Color, Style, Theme};

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// A problem found while reading a config or state file, shown to the user
/// instead of a crash: `config.toml:12: keys.quit: unknown key name "qq"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file concerned, if any.
    pub file: Option<PathBuf>,
    /// 1-based line in that file, when known.
    pub line: Option<usize>,
    /// Dotted path of the setting concerned (`themes.default.heading1`).
    pub key: Option<String>,
    pub message: String,
}

impl Diagnostic {
    pub(crate) fn about_file(file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            file: Some(file.to_path_buf()),
            line: None,
            key: None,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::text::sanitize::visible;
        let mut sep = "";
        if let Some(file) = &self.file {
            write!(f, "{}", visible(&file.to_string_lossy()))?;
            sep = ": ";
        }
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            sep = ": ";
        }
        if let Some(key) = &self.key {
            write!(f, "{sep}{}", visible(key))?;
            sep = ": ";
        }
        write!(f, "{sep}{}", visible(&self.message))
    }
}

/// Why the reading state could not be saved. What was saved before is
/// always still on disk.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot write {}: {source}", crate::text::sanitize::visible(&path.to_string_lossy()))]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Saving would overwrite a file this version cannot fully understand
    /// (written by a newer gwr, or unreadable and not set aside).
    #[error("not saving the reading state: {0}")]
    Blocked(String),
}

/// Everything gwr needs from the store at start-up.
#[derive(Debug)]
pub struct Startup {
    /// `None` when no home directory is known and no override was given;
    /// gwr then runs with defaults and remembers nothing.
    pub paths: Option<Paths>,
    pub config: Config,
    pub state: ReadingState,
    /// Where to save `state`; `None` when there is nowhere to save it.
    pub state_file: Option<StateFile>,
    /// Problems with the config or state files, for the status line.
    pub messages: Vec<Diagnostic>,
}

/// Locate the files, read the config and the reading state. Never fails:
/// every problem becomes a message and a default.
pub fn open(env: &Environment) -> Startup {
    let mut messages = Vec::new();
    let paths = match Paths::new(env) {
        Ok(paths) => Some(paths),
        Err(message) => {
            messages.push(Diagnostic {
                file: None,
                line: None,
                key: None,
                message,
            });
            None
        }
    };
    let config = match &paths {
        Some(p) => {
            let (config, diags) = Config::load(p, env);
            messages.extend(diags);
            config
        }
        None => Config::defaults_for(env),
    };
    let (state, state_file) = match &paths {
        Some(p) => {
            let (file, state, diags) = StateFile::load(&p.state_file());
            messages.extend(diags);
            (state, Some(file))
        }
        None => (ReadingState::default(), None),
    };
    Startup {
        paths,
        config,
        state,
        state_file,
        messages,
    }
}

/// Seconds since the Unix epoch (0 if the clock is before it).
pub fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// `2026-03-05 14:02` (UTC) for a Unix time, e.g. a bookmark's `created`.
pub fn format_utc(secs: u64) -> String {
    let (y, m, d, hh, mm, _) = civil_utc(secs);
    format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}")
}

/// `20260305T140212Z`: a timestamp that is safe in a file name and sorts.
pub(crate) fn file_stamp(secs: u64) -> String {
    let (y, m, d, hh, mm, ss) = civil_utc(secs);
    format!("{y:04}{m:02}{d:02}T{hh:02}{mm:02}{ss:02}Z")
}

/// Calendar date and time of a Unix time, UTC (Howard Hinnant's
/// days-to-civil; exact for the proleptic Gregorian calendar).
fn civil_utc(secs: u64) -> (i64, u32, u32, u32, u32, u32) {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        m,
        d,
        (rem / 3600) as u32,
        (rem % 3600 / 60) as u32,
        (rem % 60) as u32,
    )
}

/// 1-based line of a byte offset in `text`.
pub(crate) fn line_of(text: &str, byte: usize) -> usize {
    let end = byte.min(text.len());
    1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..end]).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_formatting() {
        assert_eq!(format_utc(0), "1970-01-01 00:00");
        // 2024-02-29 12:34:56 UTC, a leap day.
        assert_eq!(format_utc(1_709_210_096), "2024-02-29 12:34");
        assert_eq!(file_stamp(1_709_210_096), "20240229T123456Z");
        // The far future does not overflow.
        let _ = format_utc(u64::MAX);
    }

    #[test]
    fn lines_of_offsets() {
        let text = "a\nb\n中文\nd";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, 2), 2);
        assert_eq!(line_of(text, text.find('d').unwrap_or(0)), 4);
        assert_eq!(line_of(text, 10_000), 4);
    }

    #[test]
    fn diagnostic_display() {
        let d = Diagnostic {
            file: Some(PathBuf::from("/c/config.toml")),
            line: Some(12),
            key: Some("keys.quit".into()),
            message: "bad\x1b[31m".into(),
        };
        assert_eq!(d.to_string(), "/c/config.toml:12: keys.quit: bad␛[31m");
        let bare = Diagnostic {
            file: None,
            line: None,
            key: None,
            message: "no home".into(),
        };
        assert_eq!(bare.to_string(), "no home");
    }
}
