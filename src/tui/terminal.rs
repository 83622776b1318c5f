//! Entering and leaving the terminal's interactive mode. Raw mode, the
//! alternate screen and mouse capture are undone on every way out: normal
//! exit and errors (the guard's `Drop`) and panics (the panic hook).

use crossterm::cursor::Show;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use rustix::event::{PollFd, PollFlags, Timespec};
use std::io::{self, IsTerminal, Stdout};
use std::mem::ManuallyDrop;
use std::os::fd::{AsFd, BorrowedFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;
use std::time::Duration;

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Whether the terminal is in interactive mode, and with the mouse.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);

/// The terminal in interactive mode; dropping it restores the terminal.
pub struct TerminalGuard {
    /// Never dropped: [`restore`] shows the cursor, and ratatui's own drop
    /// would try again and, on a terminal that has gone away, print the
    /// failure to a standard error that no longer exists, which panics.
    pub terminal: ManuallyDrop<Tui>,
}

impl TerminalGuard {
    pub fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        install_panic_hook();
        let result = (|| {
            ACTIVE.store(true, Ordering::SeqCst);
            enable_raw_mode()?;
            execute!(io::stdout(), EnterAlternateScreen)?;
            if mouse {
                MOUSE.store(true, Ordering::SeqCst);
                execute!(io::stdout(), EnableMouseCapture)?;
            }
            let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
            terminal.hide_cursor()?;
            redraw_all(&mut terminal)?;
            Ok(terminal)
        })();
        match result {
            Ok(terminal) => Ok(TerminalGuard {
                terminal: ManuallyDrop::new(terminal),
            }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

impl TerminalGuard {
    /// Hand the terminal back and stop, as Ctrl-Z does to a program in
    /// cooked mode (raw mode turns the key into a plain key press); on
    /// `fg`, take the terminal again and repaint. Where job control cannot
    /// stop the process (no shell to resume it: the stop signal is then
    /// ignored) this returns at once with the screen repainted.
    pub fn suspend(&mut self) -> io::Result<()> {
        self.outside(|| {
            #[cfg(unix)]
            signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
            Ok(())
        })?
    }

    /// Run `f` with the terminal handed back (cooked mode, the main
    /// screen, no mouse capture), then take it again and repaint: a stop
    /// (Ctrl-Z) and an editor (`e`) both go through here.
    pub fn outside<T>(&mut self, f: impl FnOnce() -> T) -> io::Result<T> {
        let mouse = MOUSE.load(Ordering::SeqCst);
        restore();
        let out = f();
        ACTIVE.store(true, Ordering::SeqCst);
        enable_raw_mode()?;
        execute!(io::stdout(), EnterAlternateScreen)?;
        if mouse {
            MOUSE.store(true, Ordering::SeqCst);
            execute!(io::stdout(), EnableMouseCapture)?;
        }
        self.terminal.hide_cursor()?;
        redraw_all(&mut self.terminal)?;
        Ok(out)
    }
}

/// Make the next frame repaint every cell. (`Terminal::clear` would ask
/// the terminal for the cursor position, which some never answer.)
pub fn redraw_all(terminal: &mut Tui) -> io::Result<()> {
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Leave interactive mode; does nothing when not in it, so it is safe to
/// call from both the panic hook and `Drop`.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // Restore first, so the panic message lands on a usable screen.
            restore();
            previous(info);
        }));
    });
}

/// What the terminal's input holds after waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Something to read (or a signal woke the wait).
    Ready,
    /// Nothing came in the time given.
    Quiet,
    /// The terminal is gone (its window closed, the connection dropped).
    HungUp,
    /// Input is not a terminal gwr can watch itself.
    Unknown,
}

/// Wait up to `wait` for the terminal's input. gwr waits here rather than
/// in crossterm's `event::poll`: on a terminal that has gone away, that
/// poll reads end-of-file again and again and never returns
/// (crossterm-rs/crossterm#793), so gwr neither saved nor exited and kept
/// a core busy for good. poll(2) says so instead.
pub fn wait_for_input(wait: Duration) -> Input {
    // crossterm reads standard input when it is a terminal.
    let stdin = io::stdin();
    if !stdin.is_terminal() {
        return Input::Unknown;
    }
    wait_on(stdin.as_fd(), wait)
}

fn wait_on(fd: BorrowedFd<'_>, wait: Duration) -> Input {
    let mut watched = [PollFd::new(&fd, PollFlags::IN)];
    // A wait too long to express waits for good.
    let timeout = Timespec::try_from(wait).ok();
    match rustix::event::poll(&mut watched, timeout.as_ref()) {
        // Interrupted by a signal (a resize, a stop): let the loop look.
        Err(_) => Input::Ready,
        Ok(0) => Input::Quiet,
        Ok(_) => {
            let gone = PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL;
            if watched[0].revents().intersects(gone) {
                Input::HungUp
            } else {
                Input::Ready
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustix::fs::{Mode, OFlags};
    use rustix::pty::OpenptFlags;

    #[test]
    fn a_closed_terminal_is_seen_as_hung_up() {
        let master = rustix::pty::openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
        rustix::pty::grantpt(&master).unwrap();
        rustix::pty::unlockpt(&master).unwrap();
        let name = rustix::pty::ptsname(&master, Vec::new()).unwrap();
        let slave = rustix::fs::open(
            name.as_c_str(),
            OFlags::RDWR | OFlags::NOCTTY,
            Mode::empty(),
        )
        .unwrap();
        let short = Duration::from_millis(20);
        assert_eq!(wait_on(slave.as_fd(), short), Input::Quiet);
        assert_eq!(rustix::io::write(&master, b"x\r").unwrap(), 2);
        assert_eq!(wait_on(slave.as_fd(), short), Input::Ready);
        drop(master);
        assert_eq!(wait_on(slave.as_fd(), short), Input::HungUp);
    }
}
