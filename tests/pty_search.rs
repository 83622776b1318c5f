//! Search in the real binary, in a pseudo-terminal, on the built-in corpus
//! with a fresh cache directory: type `/` and a Chinese query in UTF-8,
//! see the list narrow with hit counts and the cursor in the box, open a
//! hit and see it on screen, highlighted.

mod pty_support;

use pty_support::*;

/// `(k, n)` of the list title `Reports (k/n)`.
fn filtered_title(screen: &str) -> Option<(usize, usize)> {
    let at = screen.find("Reports (")? + "Reports (".len();
    let rest = &screen[at..];
    let close = rest.find(')')?;
    let (k, n) = rest[..close].split_once('/')?;
    Some((k.parse().ok()?, n.parse().ok()?))
}

#[test]
fn typing_a_chinese_query_narrows_the_list_and_opens_a_hit() {
    let mut s = Session::start(&[]);
    s.wait_text("Reports (");
    let total = s.wait_for("the whole corpus loaded", |screen| {
        screen.contains("Reports (") && !screen.contains("Loading")
    });
    assert!(total.contains("Outline"), "{total}");

    s.keys("\t"); // the list
    s.keys("/");
    s.wait_text("Filter /");
    s.keys("口袋公园");
    let screen = s.wait_for("the list narrowed", |screen| {
        filtered_title(screen).is_some_and(|(k, n)| k > 0 && k < n)
    });
    let (k, _) = filtered_title(&screen).unwrap_or_default();
    // Screens are read while gwr may be drawing: wait for each fact.
    s.wait_for("the query and the count in the status line", |_| {
        let status = s.status();
        status.contains("Filter /口袋公园") && status.contains(&format!("{k} reports"))
    });
    // The terminal cursor is in the box, after the query: `Filter /` and
    // four wide characters.
    s.wait_for("the cursor after the query", |_| {
        s.parser
            .lock()
            .map(|p| p.screen().cursor_position())
            .is_ok_and(|at| at == (ROWS - 2, 8 + 8))
    });
    // Every listed report shows its hit count at the end of its row.
    let rows = s.rows();
    let listed: Vec<&String> = rows
        .iter()
        .skip(1)
        .take(k.min(8))
        .filter(|r| r.starts_with('│'))
        .collect();
    for r in &listed {
        let cell: String = r.chars().skip(1).take_while(|&c| c != '│').collect();
        let last = cell.trim_end().rsplit(' ').next().unwrap_or("");
        assert!(last.parse::<u32>().is_ok_and(|n| n > 0), "{r}");
    }

    // Enter keeps the filter; Enter again opens the best report at its
    // first hit.
    s.keys("\r");
    s.wait_for("the box closed", |screen| !screen.contains("Filter /"));
    s.keys("\r");
    let status = s.wait_for("the first match", |_| s.status().contains("Match 1/"));
    assert!(status.contains("口袋公园"), "{status}");
    // The hit is in the reading pane (right of the list and outline) and
    // drawn highlighted (the theme's search style is reverse video).
    s.wait_for("the hit highlighted", |_| {
        s.parser
            .lock()
            .map(|p| {
                let screen = p.screen();
                let (rows, cols) = screen.size();
                (0..rows.get()).any(|r| {
                    (0..cols.get()).any(|c| {
                        screen
                            .cell(r, c)
                            .is_some_and(|cell| cell.contents() == "口" && cell.inverse())
                    })
                })
            })
            .unwrap_or(false)
    });
    // n moves on (or wraps when there is one match); the counter follows.
    s.keys("n");
    s.wait_for("the next match", |_| {
        let st = s.status();
        st.contains("Match 2/") || st.contains("wrapped")
    });
    s.keys("q");
    s.wait_exit();
}
