//! Figures two passages have in common: the canonical indicators stated on
//! both sides of a comparison, with each side's values.

use super::format::{human_value, qualifier_word, Change};
use super::{Figure, ReportFigure};
use std::ops::Range;

/// The figures of `figures` (in paragraph order, as
/// [`super::extract_report`] gives them) whose paragraph is in `paragraphs`.
pub fn in_paragraphs(figures: &[ReportFigure], paragraphs: Range<usize>) -> &[ReportFigure] {
    let start = figures.partition_point(|f| f.paragraph < paragraphs.start);
    let end = figures.partition_point(|f| f.paragraph < paragraphs.end);
    figures.get(start..end.max(start)).unwrap_or(&[])
}

/// A canonical indicator stated on both sides.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedIndicator {
    pub name: &'static str,
    /// Indices into the left side's figures, in text order.
    pub left: Vec<usize>,
    /// Indices into the right side's figures, in text order.
    pub right: Vec<usize>,
}

/// Every canonical indicator with a figure on both sides, in the order the
/// left side first states them.
pub fn shared_indicators(left: &[ReportFigure], right: &[ReportFigure]) -> Vec<SharedIndicator> {
    let mut out: Vec<SharedIndicator> = Vec::new();
    for (i, f) in left.iter().enumerate() {
        let Some(name) = f.figure.canonical else {
            continue;
        };
        match out.iter_mut().find(|s| s.name == name) {
            Some(s) => s.left.push(i),
            None => out.push(SharedIndicator {
                name,
                left: vec![i],
                right: Vec::new(),
            }),
        }
    }
    for (j, f) in right.iter().enumerate() {
        if let Some(s) = out.iter_mut().find(|s| f.figure.canonical == Some(s.name)) {
            s.right.push(j);
        }
    }
    out.retain(|s| !s.right.is_empty());
    out
}

/// A figure's value as a reader compares it: the value in its unit as a
/// report writes it (see [`super::format`]), the direction of a change
/// before it and the qualifier word where the report puts it (`↑5.2%`,
/// `超80%`, `6%左右`). `text` is the figure's paragraph; `ascii` writes
/// `+`/`-` for the arrows.
pub fn value_text(text: &str, f: &Figure, ascii: bool) -> String {
    let direction = Change::of(f.kind, f.value)
        .map(|c| Change { points: false, ..c }.symbol(ascii))
        .filter(|s| *s != "=")
        .unwrap_or("");
    let value = human_value(f.value.abs(), f.unit);
    let word = qualifier_word(text, f).unwrap_or("");
    let before = text.get(..f.range.start).unwrap_or("");
    if !word.is_empty() && before.ends_with(word) {
        format!("{direction}{word}{value}")
    } else {
        format!("{direction}{value}{word}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::extract_paragraph;

    fn report_figures(paragraphs: &[&str]) -> Vec<ReportFigure> {
        paragraphs
            .iter()
            .enumerate()
            .flat_map(|(i, t)| {
                extract_paragraph(t).into_iter().map(move |f| ReportFigure {
                    figure: f,
                    paragraph: i,
                    line: i as u32 + 1,
                    section: None,
                })
            })
            .collect()
    }

    #[test]
    fn shared_lists_indicators_on_both_sides_only() {
        let left_text = [
            "地区生产总值增长5.2%，城镇登记失业率下降0.3个百分点。",
            "粮食产量1200万吨。",
        ];
        let right_text = ["城镇登记失业率下降0.1个百分点，地区生产总值增长6%左右。"];
        let left = report_figures(&left_text);
        let right = report_figures(&right_text);
        let shared = shared_indicators(&left, &right);
        let names: Vec<&str> = shared.iter().map(|s| s.name).collect();
        assert_eq!(names, ["地区生产总值", "城镇登记失业率"]);
        let (l, r) = (&left_text[0], &right_text[0]);
        let gdp = &shared[0];
        assert_eq!(value_text(l, &left[gdp.left[0]].figure, true), "+5.2%");
        assert_eq!(value_text(r, &right[gdp.right[0]].figure, true), "+6%左右");
        assert_eq!(value_text(r, &right[gdp.right[0]].figure, false), "↑6%左右");
        let jobless = &shared[1];
        assert_eq!(
            value_text(l, &left[jobless.left[0]].figure, true),
            "-0.3个百分点"
        );
        let over = "优良天数比例首次突破80%。";
        let f = &extract_paragraph(over)[0];
        assert_eq!(value_text(over, f, true), "突破80%");
        assert!(shared_indicators(&left, &[]).is_empty());
    }

    #[test]
    fn in_paragraphs_slices_by_paragraph() {
        let figs = report_figures(&["增长5%。", "无数字。", "投资100亿元，增长3%。"]);
        assert_eq!(in_paragraphs(&figs, 0..1).len(), 1);
        assert_eq!(in_paragraphs(&figs, 1..3).len(), 2);
        assert!(in_paragraphs(&figs, 5..9).is_empty());
        let (from, to) = (2, 1);
        assert!(in_paragraphs(&figs, from..to).is_empty());
    }
}
