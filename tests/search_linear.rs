//! The text scan that answers queries before the index is ready
//! (`search::linear`) gives the index's answers: the same reports with the
//! same numbers of matching passages, for random substrings of the built-in
//! corpus and for queries with phrases, exclusions, alternatives and fields.

use gwr::search::linear::Scan;
use gwr::search::Query;
use gwr::topics::TopicSource;

/// A small deterministic generator (no test may depend on luck).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn the_scan_answers_like_the_index() {
    let corpus = gwr::corpus::load_builtin();
    let reports = &corpus.reports;
    assert!(reports.len() >= 20);
    let topics = TopicSource::builtin();
    let idx = gwr::search::from_reports(reports, &topics).expect("index");
    let searcher = idx.searcher();
    let mut queries: Vec<String> = Vec::new();
    // Random 2–5 character CJK substrings of the text.
    let mut rng = Lcg(20260101);
    while queries.len() < 150 {
        let r = &reports[rng.next() as usize % reports.len()];
        let Some(p) = r
            .paragraphs
            .get(rng.next() as usize % r.paragraphs.len().max(1))
        else {
            continue;
        };
        let chars: Vec<char> = p.text.chars().collect();
        let len = 2 + rng.next() as usize % 4;
        if chars.len() < len {
            continue;
        }
        let start = rng.next() as usize % (chars.len() - len + 1);
        let s: String = chars[start..start + len].iter().collect();
        if s.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)) {
            queries.push(s);
        }
    }
    for q in [
        "污水处理 -煤炭",
        "光伏 | 风电",
        "\"高质量 发展\"",
        "营商环境 year:2026",
        "营商环境 year:..2025",
        "province:广东 创新",
        "province:内蒙古",
        "level:provincial 就业",
        "title:民生",
        "topic:生态环境 污水",
        "ＧＤＰ",
        "gdp | 5g",
        "口袋公园",
        "(口袋 | 公园) -城市",
    ] {
        queries.push(q.to_string());
    }
    let mut nonempty = 0;
    for q in &queries {
        let query = Query::parse(q).unwrap_or_else(|e| panic!("{q}: {e}"));
        let mut by_index: Vec<(String, u32)> = searcher
            .matching_reports(&query)
            .expect("search")
            .into_iter()
            .map(|m| {
                let file = searcher.report(m.report).expect("report").file.clone();
                (file, m.passages)
            })
            .collect();
        let mut by_scan: Vec<(String, u32)> = Scan::new(&query.expr, Some(topics.taxonomy.clone()))
            .matching_reports(reports)
            .into_iter()
            .map(|(i, n)| (reports[i].file.clone(), n))
            .collect();
        by_index.sort();
        by_scan.sort();
        assert_eq!(by_scan, by_index, "{q}");
        nonempty += usize::from(!by_scan.is_empty());
    }
    // Random substrings of the text always match.
    assert!(nonempty >= 150, "{nonempty}");
}
