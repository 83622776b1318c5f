use clap::{Parser, Subcommand};
use gwr::cli::{self, output::Format};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// gwr: a terminal reader for Chinese government work reports.
#[derive(Parser)]
#[command(name = "gwr", version, about)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Report files or folders to read (default: the built-in sample corpus).
    paths: Vec<PathBuf>,
    /// Draw the first frame showing a report, then exit (measures start-up).
    #[arg(long)]
    exit_after_first_frame: bool,
    /// Draw borders with ASCII characters (for terminals that draw
    /// box-drawing characters two columns wide).
    #[arg(long)]
    ascii_borders: bool,
    /// Let the mouse wheel scroll and clicks select.
    #[arg(long)]
    mouse: bool,
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
}

fn main() -> ExitCode {
    let args = Args::parse();
    // No subcommand: the reader, when there is a terminal to read in;
    // piped output keeps getting the list.
    if args.command.is_none() && std::io::stdout().is_terminal() {
        let options = gwr::tui::Options {
            paths: args.paths,
            exit_after_first_frame: args.exit_after_first_frame,
            ascii_borders: args.ascii_borders,
            mouse: args.mouse,
        };
        return match gwr::tui::run(options) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("gwr: {e}");
                ExitCode::from(1)
            }
        };
    }
    let (paths, format, which) = match args.command {
        Some(Command::List { paths, format }) => (paths, format, "list"),
        Some(Command::Outline { paths, format }) => (paths, format, "outline"),
        None => (args.paths, Format::Tsv, "list"),
    };
    let corpus = cli::load(&paths);
    if corpus.reports.is_empty() {
        eprintln!("gwr: no report could be loaded");
        return ExitCode::from(1);
    }
    let table = match which {
        "outline" => cli::outline::table(&corpus),
        _ => cli::list::table(&corpus),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match table.write(format, &mut out).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`gwr list | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gwr: {e}");
            ExitCode::from(1)
        }
    }
}
