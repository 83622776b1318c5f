use clap::{Parser, Subcommand};
use gwr::cli::{self, output::Format};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// gwr: a terminal reader for Chinese government work reports.
#[derive(Parser)]
#[command(name = "gwr", version, about)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Report files or folders (default: the built-in sample corpus).
    paths: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// One row per report: file, title, level, place, year, date, encoding, sections, chars.
    List {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "tsv")]
        format: Format,
    },
    /// One row per section of the given reports: file, line, depth, label, title.
    Outline {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "tsv")]
        format: Format,
    },
    /// One row per figure: file, line, raw, value, unit, qualifier, kind, indicator, canonical, section.
    Figures {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "tsv")]
        format: Format,
        /// Only figures of this canonical indicator (a name or an alias:
        /// 城镇新增就业, 新增城镇就业); other names match a figure's own indicator.
        #[arg(long, value_name = "NAME")]
        indicator: Option<String>,
        /// Start CSV output with a UTF-8 byte-order mark (for Excel).
        #[arg(long)]
        bom: bool,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut figure_filter = cli::figures::Filter::default();
    let mut bom = false;
    let (paths, format, which) = match args.command {
        Some(Command::List { paths, format }) => (paths, format, "list"),
        Some(Command::Outline { paths, format }) => (paths, format, "outline"),
        Some(Command::Figures {
            paths,
            format,
            indicator,
            bom: with_bom,
        }) => {
            figure_filter.indicator = indicator;
            bom = with_bom;
            (paths, format, "figures")
        }
        None => (args.paths, Format::Tsv, "list"),
    };
    let corpus = cli::load(&paths);
    if corpus.reports.is_empty() {
        eprintln!("gwr: no report could be loaded");
        return ExitCode::from(1);
    }
    let table = match which {
        "outline" => cli::outline::table(&corpus),
        "figures" => cli::figures::table(&corpus, &figure_filter),
        _ => cli::list::table(&corpus),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = if bom && format == Format::Csv {
        table.write_csv(&mut out, true)
    } else {
        table.write(format, &mut out)
    };
    match written.and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`gwr list | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gwr: {e}");
            ExitCode::from(1)
        }
    }
}
