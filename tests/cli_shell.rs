//! gwr beside rg, fd and bat: completions, a man page, help for every
//! argument and rg's exit status from a search, all from the real binary.

mod cli_support;
use cli_support::{fixture, stderr, stdout};
use std::path::Path;
use std::process::Output;

fn gwr(cache: &Path, args: &[&str]) -> Output {
    cli_support::run(
        cli_support::command()
            .args(args)
            .env("GWR_CACHE_DIR", cache),
    )
}

const SUBCOMMANDS: [&str; 9] = [
    "list",
    "outline",
    "sections",
    "figures",
    "targets",
    "search",
    "index",
    "completions",
    "man",
];

#[test]
fn completions_for_every_shell_know_the_subcommands_and_options() {
    let cache = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = gwr(cache.path(), &["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for sub in SUBCOMMANDS {
            assert!(script.contains(sub), "{shell} completes no `{sub}`");
        }
        // (The hidden measurement flags are in the scripts too: clap's
        // generators complete hidden arguments, clap-rs/clap#1335.)
        assert!(
            script.contains("ascii-borders"),
            "{shell}: no --ascii-borders"
        );
        assert!(
            script.contains("--format") || script.contains("format"),
            "{shell}"
        );
    }
    let out = gwr(cache.path(), &["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_man_page_is_roff_with_every_subcommand_and_the_exit_status() {
    let cache = tempfile::tempdir().unwrap();
    let out = gwr(cache.path(), &["man"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    let th = page
        .lines()
        .find(|l| l.starts_with(".TH"))
        .expect(".TH line");
    assert!(th.starts_with(".TH gwr 1"), "{th}");
    assert!(page.lines().any(|l| l == ".SH NAME"), "{page}");
    assert!(page.lines().any(|l| l == ".SH SYNOPSIS"), "{page}");
    for sub in SUBCOMMANDS {
        assert!(page.contains(&format!("gwr\\-{sub}")), "no {sub}:\n{page}");
    }
    assert!(page.contains("Exit status"));
    assert!(!page.contains("exit\\-when\\-idle"));
}

#[test]
fn help_shows_every_argument_with_words_and_hides_measurement_flags() {
    let cache = tempfile::tempdir().unwrap();
    let out = gwr(cache.path(), &["--help"]);
    assert!(out.status.success());
    let help = stdout(&out);
    assert!(help.contains("--line <N>"), "{help}");
    assert!(help.contains("FILE:LINE"), "{help}");
    assert!(help.contains("Exit status"), "{help}");
    assert!(!help.contains("exit-after-first-frame"), "{help}");
    assert!(!help.contains("exit-when-idle"), "{help}");
    // Hidden, not gone: the benchmarks still pass them.
    let out = gwr(
        cache.path(),
        &["--exit-when-idle", "list", "--format", "json"],
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "the reader's flag before a subcommand"
    );
}

#[test]
fn search_exits_0_on_a_match_1_on_none_and_2_on_an_error() {
    let cache = tempfile::tempdir().unwrap();
    let corpus = fixture("tests/fixtures/corpus/gbk");
    let found = gwr(cache.path(), &["search", "污水", &corpus]);
    assert_eq!(found.status.code(), Some(0), "{}", stderr(&found));
    assert!(stdout(&found).lines().count() > 1);

    let none = gwr(cache.path(), &["search", "量子引力弦论", &corpus]);
    assert_eq!(none.status.code(), Some(1), "{}", stderr(&none));
    // Still the header, so a script sees the columns; nothing on stderr.
    assert_eq!(stdout(&none).lines().count(), 1, "{}", stdout(&none));
    assert_eq!(stderr(&none), "");

    let bad = gwr(cache.path(), &["search", "year:", &corpus]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("bad query"), "{}", stderr(&bad));

    let missing = gwr(cache.path(), &["search", "污水", "/no/such/folder"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("/no/such/folder"));
}

#[test]
fn file_colon_line_and_line_need_a_file() {
    let cache = tempfile::tempdir().unwrap();
    let corpus = fixture("tests/fixtures/corpus/gbk");
    let out = gwr(cache.path(), &[&corpus, "--line", "3"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--line"), "{}", stderr(&out));
}
