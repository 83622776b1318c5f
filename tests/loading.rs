//! Loading files from disk: what is found, what loads, and the problem
//! reported for each file that does not.

use gwr::corpus::{self, Corpus, LoadError, LoadProblem};
use gwr::report::Encoding;
use std::fs;
use std::path::{Path, PathBuf};

const REPORT: &str = "政府工作报告\n——2024年1月20日在某区第三届人民代表大会第四次会议上\n各位代表：\n现在，我代表区人民政府，向大会报告工作，请予审议。\n一、2023年工作回顾\n全年地区生产总值增长5.2%，一般公共预算收入完成12.5亿元。\n";

fn sample_bytes() -> Vec<u8> {
    fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/corpus/samples/004_304e5ed636b3d688.txt"),
    )
    .unwrap()
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    bytes
}

fn utf16be_without_bom(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect()
}

fn problem_for<'a>(corpus: &'a Corpus, name: &str) -> &'a LoadProblem {
    corpus
        .problems
        .iter()
        .find(|p| p.path.file_name().is_some_and(|n| n == name))
        .unwrap_or_else(|| panic!("no problem reported for {name}: {:?}", corpus.problems))
}

fn loaded<'a>(corpus: &'a Corpus, display: &str) -> &'a gwr::report::Report {
    corpus
        .reports
        .iter()
        .find(|r| r.file == display)
        .unwrap_or_else(|| panic!("{display} not loaded"))
}

/// Running as root, permissions do not stop reads.
fn permissions_are_enforced(dir: &Path) -> bool {
    let probe = dir.join("probe");
    fs::write(&probe, "x").unwrap();
    set_mode(&probe, 0o000);
    let enforced = fs::read(&probe).is_err();
    set_mode(&probe, 0o644);
    fs::remove_file(&probe).unwrap();
    enforced
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) {}

#[test]
fn a_folder_of_good_and_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("sub")).unwrap();
    fs::write(d.join("good.txt"), sample_bytes()).unwrap();
    fs::write(d.join("sub/nested.txt"), REPORT).unwrap();
    fs::write(d.join("UPPER.TXT"), REPORT).unwrap();
    fs::write(d.join("utf16.txt"), utf16le_with_bom(REPORT)).unwrap();
    fs::write(d.join("utf16be.txt"), utf16be_without_bom(REPORT)).unwrap();
    fs::write(d.join("gb18030.txt"), encoding_rs::GB18030.encode(REPORT).0).unwrap();
    let traditional = "各位代表：\n我們第一屆全國人民代表大會第一次會議，在聽了劉少奇同志關於憲法草案的報告並進行了三天的討論以後，已經光榮地完成了一件歷史性的工作。\n";
    fs::write(d.join("big5.txt"), encoding_rs::BIG5.encode(traditional).0).unwrap();
    fs::write(d.join("notes.md"), REPORT).unwrap();
    fs::write(d.join("data.csv"), "a,b\n1,2\n").unwrap();
    fs::write(d.join("empty.txt"), "").unwrap();
    fs::write(d.join("blank.txt"), "\n \u{3000}\n\u{200b}\r\n").unwrap();
    fs::write(
        d.join("binary.txt"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    )
    .unwrap();
    fs::write(
        d.join("controls.txt"),
        [0x01u8, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0e, 0x0f, b'a'],
    )
    .unwrap();
    fs::write(d.join("garbage.txt"), [0xFFu8; 300]).unwrap();
    fs::write(
        d.join("chrome.txt"),
        "下载\n打印\n【字号：\n加大\n】\n来源：某某日报\n",
    )
    .unwrap();
    let locked = d.join("locked.txt");
    fs::write(&locked, REPORT).unwrap();
    set_mode(&locked, 0o000);
    let check_locked = permissions_are_enforced(d);

    let corpus = corpus::load_paths(&[d.to_path_buf()]);
    set_mode(&locked, 0o644);

    let mut names: Vec<&str> = corpus.reports.iter().map(|r| r.file.as_str()).collect();
    names.sort();
    let mut expected = vec![
        "UPPER.TXT",
        "big5.txt",
        "gb18030.txt",
        "good.txt",
        "sub/nested.txt",
        "utf16.txt",
        "utf16be.txt",
    ];
    if !check_locked {
        expected.push("locked.txt");
        expected.sort();
    }
    assert_eq!(names, expected);

    assert_eq!(loaded(&corpus, "utf16.txt").encoding, Encoding::Utf16Le);
    assert_eq!(loaded(&corpus, "utf16be.txt").encoding, Encoding::Utf16Be);
    assert_eq!(loaded(&corpus, "gb18030.txt").encoding, Encoding::Gb18030);
    assert_eq!(loaded(&corpus, "big5.txt").encoding, Encoding::Big5);
    for name in ["utf16.txt", "utf16be.txt", "gb18030.txt", "sub/nested.txt"] {
        let texts: Vec<&str> = loaded(&corpus, name)
            .paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(texts, REPORT.lines().collect::<Vec<_>>(), "{name}");
    }
    assert!(loaded(&corpus, "big5.txt").paragraphs[1]
        .text
        .starts_with("我們第一屆全國人民代表大會"));

    assert_eq!(problem_for(&corpus, "empty.txt").error, LoadError::Empty);
    assert_eq!(problem_for(&corpus, "blank.txt").error, LoadError::Empty);
    assert!(matches!(
        problem_for(&corpus, "binary.txt").error,
        LoadError::Binary(_)
    ));
    assert!(matches!(
        problem_for(&corpus, "controls.txt").error,
        LoadError::Binary(_)
    ));
    assert!(matches!(
        problem_for(&corpus, "garbage.txt").error,
        LoadError::Undecodable(_)
    ));
    assert_eq!(problem_for(&corpus, "chrome.txt").error, LoadError::NoText);
    let mut expected_problems = 6;
    if check_locked {
        assert!(matches!(
            problem_for(&corpus, "locked.txt").error,
            LoadError::Io(_)
        ));
        expected_problems += 1;
    }
    assert_eq!(
        corpus.problems.len(),
        expected_problems,
        "{:?}",
        corpus.problems
    );

    // Each message names the file and the reason.
    let message = |name: &str| problem_for(&corpus, name).to_string();
    assert!(message("empty.txt").ends_with("empty.txt: empty file"));
    assert!(message("binary.txt").contains("binary.txt: binary file, not text (NUL byte"));
    assert!(message("controls.txt").contains("control characters"));
    assert!(message("garbage.txt").contains("garbage.txt: cannot decode: not UTF-8"));
    assert!(message("chrome.txt").contains("no report text left"));
    if check_locked {
        assert!(message("locked.txt").contains("locked.txt: cannot read:"));
    }
}

#[test]
fn escape_sequences_and_control_characters_never_survive() {
    let dir = tempfile::tempdir().unwrap();
    let text = "\u{1b}[1;31m政府工作报告\u{1b}[0m\r\n各位\u{200b}代表\u{7}：\r\n\u{1b}]0;窗口标题\u{7}现在，我代表\u{202e}区人民政府\u{1b}[2J报告工作。\u{1b}]8;;http://x\u{1b}\\链接\u{1b}]8;;\u{1b}\\\u{8}\r\n增长\u{a0}5%\u{9b}31m，\u{85}完成\u{7f}任务。\r\n";
    let path = dir.path().join("escapes.txt");
    fs::write(&path, text).unwrap();
    let corpus = corpus::load_paths(&[path]);
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let texts: Vec<&str> = corpus.reports[0]
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "政府工作报告",
            "各位代表：",
            "现在，我代表区人民政府报告工作。链接",
            "增长 5%， 完成任务。",
        ]
    );
}

#[test]
fn ten_megabyte_single_line() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "全年地区生产总值增长5.2%，政 府 工 作 报 告，\u{1b}[1m一般公共预算收入完成12.5亿元。\u{200b}";
    let mut text = String::from("各位代表：\n");
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(unit);
    }
    let path = dir.path().join("giant.txt");
    fs::write(&path, &text).unwrap();
    let corpus = corpus::load_paths(&[path]);
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let report = &corpus.reports[0];
    assert_eq!(report.line_count, 2);
    assert_eq!(report.paragraphs.len(), 2);
    let giant = &report.paragraphs[1];
    assert_eq!(giant.line(), 2);
    assert!(giant.text.len() > 8 * 1024 * 1024);
    assert!(giant
        .text
        .starts_with("全年地区生产总值增长5.2%，政府工作报告，一般公共预算收入"));
    assert!(!giant.text.contains('\u{1b}') && !giant.text.contains('\u{200b}'));
}

#[test]
fn paths_named_directly() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("named.md");
    fs::write(&md, REPORT).unwrap();
    let missing = dir.path().join("missing.txt");
    let corpus = corpus::load_paths(&[md.clone(), missing.clone()]);
    // A file named on the command line is read whatever its extension.
    assert_eq!(corpus.reports.len(), 1);
    assert_eq!(corpus.reports[0].file, "named.md");
    assert_eq!(corpus.reports[0].path.as_deref(), Some(md.as_path()));
    assert_eq!(corpus.problems.len(), 1);
    assert_eq!(corpus.problems[0].path, missing);
    assert!(matches!(corpus.problems[0].error, LoadError::Io(_)));
}

#[cfg(unix)]
#[test]
fn symlinked_folders_do_not_loop_and_fifos_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("a")).unwrap();
    fs::write(d.join("a/report.txt"), REPORT).unwrap();
    std::os::unix::fs::symlink(d, d.join("a/loop")).unwrap();
    std::os::unix::fs::symlink(d.join("a/report.txt"), d.join("linked.txt")).unwrap();
    std::os::unix::fs::symlink(d.join("nowhere.txt"), d.join("dangling.txt")).unwrap();
    let fifo = d.join("pipe.txt");
    let made_fifo = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());

    let corpus = corpus::load_paths(&[d.to_path_buf()]);
    let mut names: Vec<&str> = corpus.reports.iter().map(|r| r.file.as_str()).collect();
    names.sort();
    assert_eq!(names, ["a/report.txt", "linked.txt"]);
    // The dangling link and the FIFO are named, not read.
    let mut skipped: Vec<String> = corpus
        .problems
        .iter()
        .map(|p| p.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    skipped.sort();
    let expected: &[&str] = if made_fifo {
        &["dangling.txt", "pipe.txt"]
    } else {
        &["dangling.txt"]
    };
    assert_eq!(skipped, expected, "{:?}", corpus.problems);

    if made_fifo {
        let corpus = corpus::load_paths(&[fifo]);
        assert!(corpus.reports.is_empty());
        assert_eq!(corpus.problems.len(), 1);
    }
}

#[test]
fn find_files_walks_in_name_order() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for name in ["b.txt", "a.txt", "c/z.txt", "c/y.TXT", "c/x.doc"] {
        let path: PathBuf = d.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, REPORT).unwrap();
    }
    let (found, problems) = corpus::find_files(&[d.to_path_buf()]);
    assert!(problems.is_empty());
    let names: Vec<&str> = found.iter().map(|f| f.display.as_str()).collect();
    assert_eq!(names, ["a.txt", "b.txt", "c/y.TXT", "c/z.txt"]);
    // The first few, in the same order, without the rest.
    for limit in 0..=5 {
        let (some, _) = corpus::find_some_files(&[d.to_path_buf()], limit);
        let some: Vec<&str> = some.iter().map(|f| f.display.as_str()).collect();
        assert_eq!(some, names[..limit.min(names.len())], "limit {limit}");
    }
}

#[test]
fn special_files_named_like_reports_are_named_with_why_and_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("real.txt"), REPORT).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(d.join("pipe.txt"))
        .status()
        .unwrap();
    assert!(fifo.success());
    let _socket = std::os::unix::net::UnixListener::bind(d.join("socket.txt")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", d.join("zero.txt")).unwrap();
    std::os::unix::fs::symlink(d.join("missing.txt"), d.join("gone.txt")).unwrap();
    // Not named like a report: skipped without a word.
    std::os::unix::fs::symlink("/dev/null", d.join("null.dat")).unwrap();

    let (found, problems) = corpus::find_files(&[d.to_path_buf()]);
    let found: Vec<&str> = found.iter().map(|f| f.display.as_str()).collect();
    assert_eq!(found, ["real.txt"]);
    let said: Vec<(String, String)> = problems
        .iter()
        .map(|p| {
            let name = p.path.file_name().unwrap().to_string_lossy().into_owned();
            (name, p.error.to_string())
        })
        .collect();
    let reason = |name: &str| {
        said.iter()
            .find(|(n, _)| n == name)
            .map(|(_, why)| why.clone())
            .unwrap_or_else(|| panic!("{name} not named in {said:?}"))
    };
    assert!(reason("pipe.txt").contains("named pipe"));
    assert!(reason("socket.txt").contains("socket"));
    assert!(reason("zero.txt").contains("device"));
    assert!(reason("gone.txt").contains("dangling"));
    assert_eq!(said.len(), 4, "{said:?}");
}

/// Every real report of the repository (the 90 shared files).
fn shared_reports() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (found, problems) = corpus::find_files(&[
        root.join("assets/corpus"),
        root.join("tests/fixtures/corpus"),
    ]);
    assert!(problems.is_empty(), "{problems:?}");
    found
        .into_iter()
        .map(|f| (f.display, fs::read(&f.path).unwrap()))
        .collect()
}

#[test]
fn every_shared_report_in_bomless_utf16_loads_with_its_place() {
    let reports = shared_reports();
    assert!(reports.len() >= 90, "{} reports", reports.len());
    for (name, bytes) in reports {
        let original = corpus::parse_report(&name, None, &bytes).unwrap();
        let text = corpus::decode::decode(&bytes).unwrap().text;
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, encoding) in [(le, Encoding::Utf16Le), (be, Encoding::Utf16Be)] {
            let report = corpus::parse_report(&name, None, &bytes)
                .unwrap_or_else(|e| panic!("{name} as {encoding:?}: {e}"));
            assert_eq!(report.encoding, encoding, "{name}");
            let m = (&report.meta, &original.meta);
            assert_eq!(
                (&m.0.province, &m.0.city, &m.0.county, m.0.year),
                (&m.1.province, &m.1.city, &m.1.county, m.1.year),
                "{name} as {encoding:?}"
            );
            assert_eq!(report.paragraphs.len(), original.paragraphs.len(), "{name}");
        }
    }
}

#[test]
fn binary_with_nul_bytes_is_still_refused() {
    // Machine code and images are full of NULs in both lanes.
    let mut elf = b"\x7fELF\x02\x01\x01\x00".to_vec();
    for i in 0..4000u32 {
        elf.extend_from_slice(&i.wrapping_mul(2654435761).to_le_bytes());
        elf.extend_from_slice(&[0, 0, 0, 0]);
    }
    match corpus::parse_report("a.txt", None, &elf) {
        Err(LoadError::Binary(_)) | Err(LoadError::Undecodable(_)) => {}
        other => panic!("{other:?}"),
    }
}
