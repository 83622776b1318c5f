//! The real `gwr` binary on the built-in corpus in a pseudo-terminal:
//! the topic view opens a section, `c` compares it with another report's
//! (side by side, then stacked after a resize) with the shared-figure
//! strip, and `>` moves along the topic to another report.

mod pty_support;

use pty_support::*;

/// The reader pane's title: the open report.
fn reader_title(rows: &[String]) -> String {
    rows.first()
        .and_then(|r| r.rfind('┌').map(|i| r[i..].to_string()))
        .unwrap_or_default()
}

#[test]
fn comparing_two_reports_and_moving_along_a_topic() {
    let mut s = Session::start(&[]);
    s.wait_text("Reports (");
    s.wait_for("the corpus loaded", |scr| !scr.contains("Loading"));
    // The index's "ready" message takes the status line when it comes: let
    // it come first, so the status checks below read what the keys did.
    s.wait_for("the search index", |_| {
        s.status().contains("Search index ready")
    });

    // The topic view on the section being read, or the topic list; pick
    // the environment and open its first section.
    s.keys("T");
    // Screens are read while gwr may be drawing: wait for a whole view
    // (a topic's sections, or the topic picker's filter box).
    let screen = s.wait_for("the topic view or its picker", |sc| {
        (sc.contains("Topic: ") && sc.contains("sections in")) || sc.contains("Filter:")
    });
    if !screen.contains("Topic: 生态环境") {
        if screen.contains("Filter:") {
            // The picker is open: type into its filter.
            s.keys("environment\r");
        } else {
            s.keys("/environment\r");
        }
        s.wait_text("Topic: 生态环境");
    }
    // The sections are gathered on a worker: the title counts the reports
    // read until all are.
    s.wait_for("every report read", |scr| {
        scr.contains("Topic: 生态环境") && !scr.contains("reports read")
    });
    s.keys("\r");
    s.wait_for("the topic view closed", |scr| {
        !scr.contains("Topic: 生态环境")
    });

    // Compare: two reports side by side at 120 columns, the strip between.
    s.keys("c");
    s.wait_text("Shared figures");
    // Screens are read while gwr may be drawing: wait for each fact.
    s.wait_for("two sides", |_| {
        s.rows()
            .first()
            .is_some_and(|r| r.matches("┌ 2026 ").count() >= 2)
    });
    s.wait_for("the topic in the status line", |_| {
        s.status().contains("生态环境")
    });

    // Stacked at 80 columns: one side above the other, the strip below.
    s.resize(30, 80);
    s.wait_for("stacked sides", |_| {
        let rows = s.rows();
        rows.first()
            .is_some_and(|r| r.matches("┌ 2026 ").count() == 1)
            && rows.iter().skip(1).any(|r| r.starts_with("┌ 2026 "))
    });
    s.wait_text("Shared figures");
    s.resize(ROWS, COLS);
    s.wait_for("side by side again", |_| {
        s.rows()
            .first()
            .is_some_and(|r| r.matches("┌ 2026 ").count() >= 2)
    });

    // Esc closes; `>` moves to the same topic in another report.
    s.keys("\x1b");
    s.wait_for("the compare view closed", |scr| {
        !scr.contains("Shared figures")
    });
    let before = reader_title(&s.rows());
    s.keys(">");
    s.wait_for("the topic jump", |_| {
        let status = s.status();
        status.contains(" reports") && status.contains("生态环境")
    });
    s.wait_for("another report open", |_| {
        let title = reader_title(&s.rows());
        title.contains("2026") && title != before
    });

    s.keys("q");
    assert!(s.wait_exit().success());
}
