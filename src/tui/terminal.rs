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
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Whether the terminal is in interactive mode, and with the mouse.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);

/// The terminal in interactive mode; dropping it restores the terminal.
pub struct TerminalGuard {
    pub terminal: Tui,
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
            Ok(terminal) => Ok(TerminalGuard { terminal }),
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
