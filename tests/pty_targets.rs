//! Targets against outcomes in the real binary: the State Council's
//! reports of consecutive years (tests/fixtures/corpus/national), the
//! figures overlay, `o` for the nation's targets and outcomes read on
//! screen, Enter to a target's sentence.

mod pty_support;

use pty_support::*;

#[test]
fn targets_view_from_the_figures_overlay() {
    let corpus = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/corpus/national"
    );
    let mut s = Session::start(&[corpus]);
    s.wait_for("a report on screen", |screen| {
        screen.contains("Reports (52)") && !screen.contains("Loading")
    });
    s.keys("f");
    s.wait_for("the figures table", |screen| {
        screen.contains("Indicator") && screen.contains("When")
    });
    // Typing a status filters by it.
    s.keys("目标");
    s.wait_for("the targets of the report", |screen| {
        screen.contains("Filter: 目标") && screen.contains(" 目标 ")
    });
    s.keys("\r");

    // `o`: every indicator and year of the nation, read on screen.
    s.keys("o");
    let screen = s.wait_for("the targets view filled in", |screen| {
        screen.contains("Targets against outcomes · 全国")
            && !screen.contains("reports read")
            && screen.contains("Outcome")
    });
    assert!(screen.contains("Tab target/outcome"), "{screen}");
    // The end: the latest years, a target beside its outcome, met or not.
    s.keys("G");
    s.wait_for("rows with both sides and whether they were met", |screen| {
        screen.contains("2024 城镇新增就业") && screen.contains(" yes ") && screen.contains("左右")
    });

    // `o` on a row: that indicator in every place; Esc back.
    s.keys("o");
    s.wait_text("in every place: targets against outcomes");
    s.keys("\x1b");
    s.wait_for("the nation's view again", |screen| {
        screen.contains("Targets against outcomes · 全国") && !screen.contains("reports read")
    });

    // Enter: the target's sentence in its report.
    s.keys("\r");
    s.wait_for("the view closed", |screen| {
        !screen.contains("Targets against outcomes") && !screen.contains("Indicator")
    });
    s.keys("q");
    s.wait_exit();
}
