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
    /// One row per section with its topic and type: file, line, depth, title, topic, type, score, secondary.
    Sections {
        paths: Vec<PathBuf>,
        /// Only sections whose primary or secondary topic this is (name or id, e.g. 生态环境 or environment).
        #[arg(long)]
        topic: Option<String>,
        /// Only sections of this part: review, targets, tasks, government, appendix, other (or 回顾, 目标, 任务, 自身建设, 附录, 其他).
        #[arg(long = "type", value_name = "TYPE")]
        kind: Option<String>,
        #[arg(long, value_enum, default_value = "tsv")]
        format: Format,
    },
    /// One row per matching section, best first: file, line, section, score, snippet.
    ///
    /// Words are ANDed; "..." is an exact phrase; -word excludes; a | b is
    /// either; fields: year:2023, year:2020..2023, province:安徽, city:,
    /// county:, place:, level:county, topic:生态环境, title:.
    Search {
        query: String,
        paths: Vec<PathBuf>,
        /// Most rows to print.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long, value_enum, default_value = "tsv")]
        format: Format,
    },
    /// Build or update the search index (in the cache directory) with a progress bar.
    Index {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "tsv")]
        format: Format,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut sections_query = None;
    let (paths, format, which) = match args.command {
        Some(Command::List { paths, format }) => (paths, format, "list"),
        Some(Command::Outline { paths, format }) => (paths, format, "outline"),
        Some(Command::Sections {
            paths,
            topic,
            kind,
            format,
        }) => {
            let taxonomy = cli::sections::load_taxonomy();
            match cli::sections::Query::new(taxonomy, topic.as_deref(), kind.as_deref()) {
                Ok(q) => sections_query = Some(q),
                Err(e) => {
                    eprintln!("gwr: {e}");
                    return ExitCode::from(2);
                }
            }
            (paths, format, "sections")
        }
        Some(Command::Search {
            query,
            paths,
            limit,
            format,
        }) => {
            return match cli::search::table(&query, &paths, limit) {
                Ok(table) => write(&table, format),
                Err(cli::search::Failure::Query(message)) => {
                    eprintln!("gwr: {message}");
                    ExitCode::from(2)
                }
                Err(cli::search::Failure::Other(message)) => fail(&message),
            };
        }
        Some(Command::Index { paths, format }) => {
            return match cli::index::table(&paths) {
                Ok(table) => write(&table, format),
                Err(message) => fail(&message),
            };
        }
        None => (args.paths, Format::Tsv, "list"),
    };
    let corpus = cli::load(&paths);
    if corpus.reports.is_empty() {
        eprintln!("gwr: no report could be loaded");
        return ExitCode::from(1);
    }
    let table = match (which, &sections_query) {
        ("sections", Some(q)) => cli::sections::table(&corpus, q),
        ("outline", _) => cli::outline::table(&corpus),
        _ => cli::list::table(&corpus),
    };
    write(&table, format)
}

/// Exit 1 with a message (none if it was reported already).
fn fail(message: &str) -> ExitCode {
    if !message.is_empty() {
        eprintln!("gwr: {message}");
    }
    ExitCode::from(1)
}

fn write(table: &cli::output::Table, format: Format) -> ExitCode {
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
