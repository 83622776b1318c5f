//! `gwr-gen N OUT_DIR`: write a synthetic corpus of N reports built from
//! the real paragraphs of the corpus, for benchmarks and load tests.

#![forbid(unsafe_code)]

use clap::Parser;
use gwr::corpus::synthetic::{self, Config};
use std::path::PathBuf;
use std::process::ExitCode;

/// Write a synthetic corpus of N reports (≈ 50 KB each) under OUT_DIR.
#[derive(Parser)]
#[command(name = "gwr-gen", version)]
struct Args {
    /// Number of reports.
    reports: usize,
    /// Folder to write into (created if needed).
    out: PathBuf,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folders of real reports to take paragraphs from (default: the
    /// built-in corpus and tests/fixtures/corpus).
    #[arg(long = "from")]
    from: Vec<PathBuf>,
    /// The divisions table.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/places/divisions.tsv"))]
    places: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut sources = if args.from.is_empty() {
        gwr::corpus::load_builtin().reports
    } else {
        Vec::new()
    };
    let from = if args.from.is_empty() {
        let fixtures = PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/corpus"
        ));
        if fixtures.is_dir() {
            vec![fixtures]
        } else {
            vec![]
        }
    } else {
        args.from.clone()
    };
    if !from.is_empty() {
        let loaded = gwr::corpus::load_paths(&from);
        for p in &loaded.problems {
            eprintln!("gwr-gen: {p}");
        }
        sources.extend(loaded.reports);
    }
    let places = match std::fs::read_to_string(&args.places) {
        Ok(tsv) => synthetic::read_places(&tsv),
        Err(e) => {
            eprintln!("gwr-gen: {}: {e}", args.places.display());
            return ExitCode::from(1);
        }
    };
    let started = std::time::Instant::now();
    match synthetic::generate(
        &Config::new(args.reports, args.seed),
        &sources,
        &places,
        &args.out,
    ) {
        Ok(w) => {
            eprintln!(
                "gwr-gen: wrote {} reports, {:.1} MB, from {} source reports, in {:.1} s",
                w.files,
                w.bytes as f64 / 1e6,
                sources.len(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gwr-gen: {e}");
            ExitCode::from(1)
        }
    }
}
