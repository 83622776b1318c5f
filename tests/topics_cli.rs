//! `gwr sections` as a script meets it.

mod cli_support;
use cli_support::fixture;
use std::process::Output;

/// Run gwr with a config directory of its own (empty unless `topics` is
/// given), so the user's real config never leaks in.
fn gwr(args: &[&str], topics: Option<&[u8]>) -> Output {
    let config = tempfile::tempdir().unwrap();
    if let Some(t) = topics {
        std::fs::write(config.path().join("topics.toml"), t).unwrap();
    }
    cli_support::run(
        cli_support::command()
            .args(args)
            .env("GWR_CONFIG_DIR", config.path()),
    )
}

fn rows(out: &Output) -> Vec<Vec<String>> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| l.split('\t').map(String::from).collect())
        .collect()
}

/// The header line scripts read: a public contract, so spelled out here
/// rather than taken from the code that writes it.
const HEADER_LINE: &str = "file\tpath\tline\tdepth\ttitle\ttopic\ttype\tscore\tsecondary";

fn header() -> Vec<&'static str> {
    HEADER_LINE.split('\t').collect()
}

#[test]
fn sections_of_the_builtin_corpus() {
    let out = gwr(&["sections"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = rows(&out);
    assert_eq!(rows[0], header());
    assert!(rows.len() > 500, "{} rows", rows.len());
    for r in &rows[1..] {
        assert_eq!(r.len(), 9, "{r:?}");
        assert!(
            r[2].parse::<u32>().is_ok() && r[3].parse::<u8>().is_ok(),
            "{r:?}"
        );
        let score: f64 = r[7].parse().unwrap();
        assert!((0.0..=1.0).contains(&score), "{r:?}");
        assert!(
            ["回顾", "目标", "任务", "自身建设", "附录", "其他"].contains(&r[6].as_str()),
            "{r:?}"
        );
    }
    let files: std::collections::BTreeSet<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(files.len(), 36);
}

#[test]
fn topic_and_type_filters_by_name_or_id() {
    let provinces = fixture("assets/corpus/provinces-2026");
    for (topic, kind) in [
        ("生态环境", "任务"),
        ("environment", "tasks"),
        ("ENVIRONMENT", "TASKS"),
    ] {
        let out = gwr(
            &["sections", &provinces, "--topic", topic, "--type", kind],
            None,
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let rows = rows(&out);
        assert_eq!(rows[0], header());
        for r in &rows[1..] {
            assert!(r[5] == "生态环境" || r[8] == "生态环境", "{r:?}");
            assert_eq!(r[6], "任务", "{r:?}");
        }
        let files: std::collections::BTreeSet<&str> =
            rows[1..].iter().map(|r| r[0].as_str()).collect();
        assert_eq!(files.len(), 31, "every province has environment tasks");
    }
}

#[test]
fn json_rows_carry_the_same_columns() {
    let sample = fixture("assets/corpus/samples/000_c2261995aa5722eb.txt");
    let out = gwr(&["sections", &sample, "--format", "json"], None);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v.as_array().unwrap();
    assert!(!rows.is_empty());
    for r in rows {
        let keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        for h in header() {
            assert!(keys.contains(&h), "{h} missing in {r}");
        }
        assert!(r["line"].is_u64() && r["score"].is_number());
    }
    let livelihood = rows
        .iter()
        .find(|r| r["title"].as_str().unwrap().starts_with("坚定不移抓民生"))
        .unwrap();
    assert_eq!(livelihood["topic"], "就业收入与社会保障");
    assert_eq!(livelihood["type"], "回顾");
}

#[test]
fn unknown_topic_or_type_is_an_error_listing_the_known_ones() {
    let out = gwr(&["sections", "--topic", "天气"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("天气") && err.contains("生态环境 (environment)"),
        "{err}"
    );

    let out = gwr(&["sections", "--type", "summary"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("summary") && err.contains("review (回顾)"),
        "{err}"
    );
}

#[test]
fn user_taxonomy_is_used_and_a_bad_one_is_reported() {
    let sample = fixture("assets/corpus/samples/004_304e5ed636b3d688.txt");
    let mine = "[[topic]]\nname = \"老人\"\nid = \"elderly\"\n[topic.keywords]\n\"养老\" = 3\n\"老年人\" = 2\n";
    let out = gwr(
        &["sections", &sample, "--topic", "elderly"],
        Some(mine.as_bytes()),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
    let elderly = rows(&out);
    assert!(elderly.len() > 1);
    assert!(
        elderly[1..].iter().any(|r| r[4] == "提升养老服务质量"),
        "{elderly:?}"
    );

    let out = gwr(&["sections", &sample], Some(b"[[topic]]\nname = 3\n"));
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("topics.toml") && err.contains("line 2") && err.contains("built-in"),
        "{err}"
    );
    assert!(rows(&out).iter().any(|r| r[5] == "教育"));
}
