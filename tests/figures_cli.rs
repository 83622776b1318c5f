//! `gwr figures` through the real binary: TSV, CSV (with and without a
//! BOM), JSON, `--indicator`, the built-in corpus, and original line
//! numbers for a GB18030 + CRLF file.

mod cli_support;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn gwr(args: &[&str]) -> Vec<u8> {
    let out = cli_support::run(cli_support::command().args(args).current_dir(root()));
    assert!(
        out.status.success(),
        "gwr {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

const SAMPLE: &str = "assets/corpus/samples/000_c2261995aa5722eb.txt";
/// The header line scripts read: a public contract, so spelled out here
/// rather than taken from the code that writes it.
const HEADER_LINE: &str =
    "file\tpath\tline\traw\tvalue\tunit\tqualifier\tkind\tindicator\tstatus\tperiod\tcanonical\tsection";

fn header() -> Vec<&'static str> {
    HEADER_LINE.split('\t').collect()
}

#[test]
fn tsv_has_spec_columns_then_canonical_and_section() {
    let out = String::from_utf8(gwr(&["figures", SAMPLE])).expect("UTF-8");
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some(HEADER_LINE));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert!(rows.len() > 50, "{} rows", rows.len());
    assert!(rows.iter().all(|r| r.len() == header().len()));
    let jobs = rows
        .iter()
        .find(|r| r[3] == "9568人")
        .expect("新增城镇就业9568人");
    // A district's 2023 report (`区2023年政府工作报告`): its review states
    // the outcomes of 2022.
    assert_eq!(
        &jobs[..12],
        &[
            "000_c2261995aa5722eb.txt",
            SAMPLE,
            "5",
            "9568人",
            "9568",
            "人",
            "=",
            "level",
            "新增城镇就业",
            "actual",
            "2022",
            "城镇新增就业"
        ]
    );
    let money = rows.iter().find(|r| r[3] == "2.45亿元").expect("2.45亿元");
    // A report given in December 2022 sets out the tasks of 2023.
    let planned = String::from_utf8(gwr(&[
        "figures",
        "assets/corpus/samples/004_304e5ed636b3d688.txt",
    ]))
    .expect("UTF-8");
    let jobs = planned
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|r| r[3] == "750人")
        .expect("城镇新增就业750人以上");
    assert_eq!((jobs[9], jobs[10]), ("target", "2023"));
    assert_eq!((money[4], money[5]), ("245000000", "元"));
    // Nothing from the page header `…-39篇(第127/192页)` on line 1.
    assert!(rows.iter().all(|r| r[2] != "1"));
}

#[test]
fn csv_opens_in_a_spreadsheet() {
    let plain = gwr(&["figures", "--format", "csv", SAMPLE]);
    assert!(!plain.starts_with(b"\xEF\xBB\xBF"));
    let with_bom = gwr(&["figures", "--format", "csv", "--bom", SAMPLE]);
    assert!(with_bom.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    assert_eq!(&with_bom[3..], &plain[..]);

    let mut rdr = csv::Reader::from_reader(plain.as_slice());
    let headers: Vec<String> = rdr
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(headers, header());
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("row")).collect();
    let tsv_rows = String::from_utf8(gwr(&["figures", SAMPLE]))
        .expect("UTF-8")
        .lines()
        .count()
        - 1;
    assert_eq!(rows.len(), tsv_rows, "same figures as TSV");
    // An indicator written with quotes survives CSV quoting intact.
    assert!(rows.iter().any(|r| &r[8] == "\"快乐健身\"体育设施"));
}

#[test]
fn json_is_an_array_of_records() {
    let out = gwr(&["figures", "--format", "json", SAMPLE]);
    let v: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    let rows = v.as_array().expect("array");
    assert!(rows.len() > 50);
    let jobs = rows.iter().find(|r| r["raw"] == "9568人").expect("9568人");
    assert_eq!(jobs["value"].as_f64(), Some(9568.0));
    assert_eq!(jobs["line"].as_i64(), Some(5));
    assert_eq!(jobs["unit"], "人");
    assert_eq!(jobs["qualifier"], "=");
    assert_eq!(jobs["kind"], "level");
    assert_eq!(jobs["canonical"], "城镇新增就业");
    assert_eq!(jobs["status"], "actual");
    assert_eq!(jobs["period"], "2022");
    for key in header() {
        assert!(jobs.get(key).is_some(), "key {key}");
    }
}

#[test]
fn indicator_filter_takes_any_alias() {
    for name in ["城镇新增就业", "新增城镇就业"] {
        let out = String::from_utf8(gwr(&[
            "figures",
            "--indicator",
            name,
            "assets/corpus/samples",
        ]))
        .expect("UTF-8");
        let rows: Vec<Vec<&str>> = out
            .lines()
            .skip(1)
            .map(|l| l.split('\t').collect())
            .collect();
        // One value per sample report.
        assert_eq!(rows.len(), 5, "{name}: {out}");
        assert!(rows.iter().all(|r| r[11] == "城镇新增就业" && r[5] == "人"));
        let files: std::collections::BTreeSet<&str> = rows.iter().map(|r| r[0]).collect();
        assert_eq!(files.len(), 5);
    }
    // A name the table does not know matches figures' own indicators.
    let out = String::from_utf8(gwr(&[
        "figures",
        "--indicator",
        "学位",
        "assets/corpus/samples",
    ]))
    .expect("UTF-8");
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.split('\t').nth(8) == Some("学位")));
}

#[test]
fn builtin_corpus_without_paths() {
    let out = String::from_utf8(gwr(&["figures", "--indicator", "城镇调查失业率"])).expect("UTF-8");
    let rows: Vec<Vec<&str>> = out
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    assert!(
        rows.len() >= 20,
        "provincial reports state it: {}",
        rows.len()
    );
    assert!(rows.iter().all(|r| r[5] == "%"));
    assert!(rows.iter().any(|r| r[0].starts_with("provinces-2026/")));
}

#[test]
fn lines_are_original_lines_in_gb18030_crlf_files() {
    let dir = root().join("tests/fixtures/corpus/gbk");
    let out = String::from_utf8(gwr(&["figures", dir.to_str().expect("path")])).expect("UTF-8");
    let rows: Vec<Vec<&str>> = out
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    assert!(rows.len() > 20, "{} figures", rows.len());
    for r in &rows {
        let bytes = std::fs::read(dir.join(r[0])).expect("fixture");
        let (text, _, _) = encoding_rs::GB18030.decode(&bytes);
        let line: usize = r[2].parse().expect("line");
        let original = text.split('\n').nth(line - 1).expect("line exists");
        assert!(
            original.contains(r[3]),
            "{}:{line} does not hold {:?}: {original:?}",
            r[0],
            r[3]
        );
    }
}
