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
use std::io::{self, Stdout};
use std::mem::ManuallyDrop;
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
        let mouse = MOUSE.load(Ordering::SeqCst);
        restore();
        #[cfg(unix)]
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
        ACTIVE.store(true, Ordering::SeqCst);
        enable_raw_mode()?;
        execute!(io::stdout(), EnterAlternateScreen)?;
        if mouse {
            MOUSE.store(true, Ordering::SeqCst);
            execute!(io::stdout(), EnableMouseCapture)?;
        }
        self.terminal.hide_cursor()?;
        redraw_all(&mut self.terminal)
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
    // SAFETY: isatty only inspects the descriptor.
    if unsafe { libc::isatty(libc::STDIN_FILENO) } != 1 {
        return Input::Unknown;
    }
    wait_on(libc::STDIN_FILENO, wait)
}

fn wait_on(fd: std::os::fd::RawFd, wait: Duration) -> Input {
    let mut watched = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    let millis = wait.as_millis().min(i32::MAX as u128) as i32;
    // SAFETY: one valid pollfd, and its count.
    let n = unsafe { libc::poll(&mut watched, 1, millis) };
    if n < 0 {
        // Interrupted by a signal (a resize, a stop): let the loop look.
        return Input::Ready;
    }
    if n == 0 {
        return Input::Quiet;
    }
    if watched.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        Input::HungUp
    } else {
        Input::Ready
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_terminal_is_seen_as_hung_up() {
        let (mut master, mut slave) = (0, 0);
        // SAFETY: openpty fills the two descriptors; the other arguments
        // may be null.
        let opened = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                std::ptr::null(),
            )
        };
        assert_eq!(opened, 0, "openpty");
        let short = Duration::from_millis(20);
        assert_eq!(wait_on(slave, short), Input::Quiet);
        // SAFETY: writing one byte from a valid buffer to our descriptor.
        let written = unsafe { libc::write(master, b"x\r".as_ptr().cast(), 2) };
        assert_eq!(written, 2);
        assert_eq!(wait_on(slave, short), Input::Ready);
        // SAFETY: closing descriptors this test opened.
        unsafe { libc::close(master) };
        assert_eq!(wait_on(slave, short), Input::HungUp);
        unsafe { libc::close(slave) };
    }
}
