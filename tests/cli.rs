//! The command line as a script meets it: stdout tables, stderr messages,
//! exit codes.

mod cli_support;
use cli_support::fixture;

fn gwr(args: &[&str]) -> std::process::Output {
    cli_support::run(cli_support::command().args(args))
}

#[test]
fn list_of_builtin_corpus_has_header_and_one_row_per_report() {
    let out = gwr(&["list"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut lines = stdout.lines();
    assert_eq!(
        lines.next(),
        Some("file\tpath\ttitle\tlevel\tprovince\tcity\tcounty\tyear\tdate\tencoding\tsections\tchars")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 36, "5 samples + 31 provinces");
    assert!(rows.iter().all(|r| r.split('\t').count() == 12));
    assert!(rows
        .iter()
        .any(|r| r.starts_with("samples/000_c2261995aa5722eb.txt\t")));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn file_column_is_relative_to_the_folder_argument() {
    let out = gwr(&["list", &fixture("tests/fixtures/corpus")]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout
        .lines()
        .any(|l| l.starts_with("gbk/2012_内蒙古自治区_呼伦贝尔市_海拉尔区.txt\t")));
    let single = gwr(&[
        "list",
        &fixture("tests/fixtures/corpus/gbk/2013_内蒙古自治区_呼伦贝尔市_海拉尔区.txt"),
    ]);
    let stdout = String::from_utf8(single.stdout).unwrap();
    assert!(stdout
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("2013_内蒙古自治区_呼伦贝尔市_海拉尔区.txt\t"));
}

#[test]
fn json_output_is_an_array_of_objects() {
    let out = gwr(&[
        "list",
        "--format",
        "json",
        &fixture("assets/corpus/samples"),
    ]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let rows = v.as_array().expect("array");
    assert_eq!(rows.len(), 5);
    assert!(rows[0].get("file").and_then(|f| f.as_str()).is_some());
    assert!(rows[0].get("chars").and_then(|f| f.as_i64()).unwrap() > 1000);
}

#[test]
fn unreadable_file_is_named_on_stderr_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    std::fs::copy(
        fixture("assets/corpus/samples/001_a1c83bb14aa6ee28.txt"),
        dir.path().join("good.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.md"), b"# not a report").unwrap();
    let out = gwr(&["list", &dir.path().to_string_lossy()]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 2, "header + good.txt: {stdout}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("empty.txt"), "{stderr}");
    assert!(stderr.contains("empty"), "{stderr}");
    assert!(
        !stderr.contains("notes.md"),
        "other files are skipped silently"
    );
}

#[test]
fn nothing_loadable_exits_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    let out = gwr(&["list", &dir.path().to_string_lossy()]);
    assert!(!out.status.success());
    let missing = gwr(&["list", "/nonexistent/gwr-test-path"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/gwr-test-path"));
}

#[test]
fn outline_rows_name_file_line_depth_label_title() {
    let out = gwr(&[
        "outline",
        &fixture("assets/corpus/samples/000_c2261995aa5722eb.txt"),
    ]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout.lines().next(),
        Some("file\tpath\tline\tdepth\tlabel\ttitle")
    );
}
