//! File names are input too: a report saved under a name holding terminal
//! escape sequences, bell, C1 controls or bidirectional overrides must not
//! reach the user's terminal through any table a subcommand prints.

mod cli_support;

use cli_support::{command, fixture, run, stdout};

/// Names a hostile folder could hold (all valid on Linux).
const HOSTILE: [&str; 4] = [
    "a\u{1b}]0;pwned\u{7}.txt",
    "b\u{1b}[31mred.txt",
    "c\u{9b}2Jclear.txt",
    "d\u{202e}txt.exe.txt",
];

fn is_harmful(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\t' | '\r') || ('\u{202a}'..='\u{202e}').contains(&c)
}

#[test]
fn no_control_or_bidi_character_reaches_stdout_of_any_table() {
    let dir = tempfile::tempdir().unwrap();
    let report = std::fs::read(fixture("assets/corpus/provinces-2026/2026_北京市.txt")).unwrap();
    for name in HOSTILE {
        std::fs::write(dir.path().join(name), &report).unwrap();
    }
    let cache = tempfile::tempdir().unwrap();
    let folder = dir.path().to_string_lossy().into_owned();
    let commands: [&[&str]; 5] = [
        &["list"],
        &["outline"],
        &["figures"],
        &["sections"],
        &["search", "科技"],
    ];
    for args in commands {
        for format in ["tsv", "csv", "json"] {
            let out = run(command()
                .args(args)
                .arg(&folder)
                .args(["--format", format])
                .env("GWR_CACHE_DIR", cache.path()));
            assert!(out.status.success(), "{args:?} {format}: {out:?}");
            let text = stdout(&out);
            let bad: Vec<char> = text.chars().filter(|&c| is_harmful(c)).collect();
            assert!(bad.is_empty(), "{args:?} {format} printed {bad:?}");
            // Every file is still there, its controls shown as symbols.
            for shown in ["]0;pwned␇", "[31mred", "2Jclear", "txt.exe"] {
                assert!(text.contains(shown), "{args:?} {format} lacks {shown}");
            }
        }
    }
}
