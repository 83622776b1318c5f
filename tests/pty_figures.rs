//! The figures overlay in the real binary, on the built-in corpus: open
//! it, sort, filter by typing Chinese, jump to a figure, then compare its
//! indicator across reports.

mod pty_support;

use pty_support::*;

/// Text of the underlined cells of the screen (the sentence a jump landed
/// on is underlined), row by row.
fn underlined(s: &Session) -> String {
    let parser = s.parser.lock().expect("parser");
    let screen = parser.screen();
    let (rows, cols) = screen.size();
    let mut out = String::new();
    for r in 0..rows.get() {
        for c in 0..cols.get() {
            if let Some(cell) = screen.cell(r, c) {
                if cell.underline() && !cell.is_wide_continuation() {
                    out.push_str(cell.contents());
                }
            }
        }
    }
    out
}

/// Wait until the underlined text on screen contains `text` (a redraw may
/// clear the screen first, so one look is not enough).
fn wait_underlined(s: &Session, text: &str) -> String {
    let start = std::time::Instant::now();
    loop {
        let marked = underlined(s);
        if marked.contains(text) {
            return marked;
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "no underlined {text:?}; underlined now: {marked:?}\n{}",
            s.screen()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn figures_overlay_sort_filter_jump_and_chart() {
    let mut s = Session::start(&[]);
    s.wait_for("a report on screen", |screen| {
        screen.contains("Reports (") && !screen.contains("Loading")
    });

    // The table of the open report's figures.
    s.keys("f");
    // Screens are read while gwr may be drawing: wait for the whole fact.
    s.wait_for("the figures table", |screen| {
        screen.contains("Indicator")
            && screen.contains("Figures ")
            && screen.contains("Value")
            && screen.contains("Section")
    });

    // Sort: text order → indicator → value (largest first, marked).
    s.keys("ss");
    s.wait_text("Value ▼");
    s.wait_text("Sorted by value");

    // Filter by typing Chinese (as an input method commits it).
    s.keys("生产总值");
    s.wait_for("the filtered table", |screen| {
        screen.contains("Filter: 生产总值") && screen.contains("地区生产总值")
    });
    assert!(!s.screen().contains("Figures 0/"), "{}", s.screen());

    // Enter ends the filter, Enter again jumps to the figure: the overlay
    // closes and the figure's sentence is marked in the reading pane.
    s.keys("\r");
    s.wait_text("Esc close");
    s.keys("\r");
    s.wait_for("the overlay closed", |screen| !screen.contains("Indicator"));
    wait_underlined(&s, "生产总值");

    // Back in the table: the indicator across all reports, as bars.
    s.keys("f");
    s.wait_text("Indicator");
    s.keys("/生产总值\r");
    s.wait_text("Filter: 生产总值");
    s.keys("a");
    s.wait_for("the chart with its bars", |screen| {
        screen.contains("values in") && screen.contains("across reports") && screen.contains('█')
    });
    // Down one, Enter: that report opens at that sentence.
    s.keys("j\r");
    s.wait_for("the chart closed", |screen| !screen.contains("values in"));
    wait_underlined(&s, "生产总值");
    s.keys("q");
    s.wait_exit();
}
