#![forbid(unsafe_code)]

use clap::{Parser, Subcommand};
use gwr::cli::{self, output::Format, output::Table, RowsOf};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

// An index build allocates and frees postings and read buffers on several
// threads at once; glibc's allocator let a 10,000-report build's heap creep
// from 200 to 340 MB through fragmentation, mimalloc holds it near 250.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in the mimalloc.h that libmimalloc-sys builds
/// (v3; its Rust bindings do not name it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Give freed pages back to the system at once rather than after 10 ms
/// (100 ms in arenas): parsing a report frees its lines and decoded text
/// before its outline is built, and a table command's peak is then the
/// report, not the report plus the garbage of the stage before (`gwr list`
/// of a 5 MB file: 80 MB instead of 119 MB; no slower on the samples).
fn tune_allocator() {
    // SAFETY: sets an option in mimalloc's option table; called once,
    // before any other thread exists.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) }
}

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
    /// Exit once the corpus is loaded and the background work (topics,
    /// search index) is done, keys typed meanwhile handled (measures
    /// memory and load time at scale).
    #[arg(long)]
    exit_when_idle: bool,
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
    /// One row per report: file, path, title, level, place, year, date, encoding, sections, chars.
    List {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "tsv")]
        format: Format,
    },
    /// One row per section of the given reports: file, path, line, depth, label, title.
    Outline {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "tsv")]
        format: Format,
    },
    /// One row per section with its topic and type: file, path, line, depth, title, topic, type, score, secondary.
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
    /// One row per figure: file, path, line, raw, value, unit, qualifier, kind, indicator, status, period, canonical, section.
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
    /// Targets against outcomes: one row per place, year, indicator, kind and unit.
    ///
    /// The target the report of year Y sets for Y beside the outcome the
    /// report of Y+1 states for Y: place, year, indicator, kind, unit,
    /// target_raw, target_value, target_value_high, target_qualifier,
    /// outcome_raw, outcome_value, met (yes/no/empty), target_file,
    /// target_path, target_line, outcome_file, outcome_path, outcome_line.
    Targets {
        paths: Vec<PathBuf>,
        /// Only this canonical indicator (a name or an alias: 地区生产总值, 新增城镇就业).
        #[arg(long, value_name = "NAME")]
        indicator: Option<String>,
        /// Only this place, however reports name it (河北, 河北省, 海拉尔区, 全国).
        #[arg(long, value_name = "NAME")]
        place: Option<String>,
        /// Only this year (the year the target and the outcome are about).
        #[arg(long, value_name = "Y")]
        year: Option<u16>,
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

/// A table-printing subcommand, its arguments checked, ready to run.
struct TableCommand {
    format: Format,
    bom: bool,
    source: Source,
}

/// Where a subcommand's table comes from.
enum Source {
    /// Rows made report by report from the reports of these paths, written
    /// as they are made.
    Reports {
        paths: Vec<PathBuf>,
        columns: &'static [&'static str],
        rows: Box<RowsOf<'static>>,
    },
    /// Built by the subcommand itself (search and index go through the
    /// on-disk index and load only what they need).
    Own(Box<dyn FnOnce() -> Result<Table, Failure>>),
}

/// Why a command printed no table.
enum Failure {
    /// Bad arguments or query (exit code 2).
    Usage(String),
    /// Nothing to work on or an I/O failure (exit code 1); empty when
    /// already reported.
    Run(String),
}

fn table_command(
    command: Option<Command>,
    default_paths: Vec<PathBuf>,
) -> Result<TableCommand, String> {
    let plain = |paths, format, columns, rows: Box<RowsOf<'static>>| TableCommand {
        format,
        bom: false,
        source: Source::Reports {
            paths,
            columns,
            rows,
        },
    };
    let list = |paths, format| {
        plain(
            paths,
            format,
            &cli::list::COLUMNS,
            Box::new(cli::list::rows),
        )
    };
    Ok(match command {
        None => list(default_paths, Format::Tsv),
        Some(Command::List { paths, format }) => list(paths, format),
        Some(Command::Outline { paths, format }) => plain(
            paths,
            format,
            &cli::outline::COLUMNS,
            Box::new(cli::outline::rows),
        ),
        Some(Command::Sections {
            paths,
            topic,
            kind,
            format,
        }) => {
            let taxonomy = cli::sections::load_taxonomy();
            let query = cli::sections::Query::new(taxonomy, topic.as_deref(), kind.as_deref())
                .map_err(|e| e.to_string())?;
            plain(
                paths,
                format,
                &cli::sections::COLUMNS,
                Box::new(move |r| cli::sections::rows(r, &query)),
            )
        }
        Some(Command::Figures {
            paths,
            format,
            indicator,
            bom,
        }) => {
            let filter = cli::figures::Filter { indicator };
            TableCommand {
                bom,
                ..plain(
                    paths,
                    format,
                    &cli::figures::COLUMNS,
                    Box::new(move |r| cli::figures::rows(r, &filter)),
                )
            }
        }
        Some(Command::Targets {
            paths,
            indicator,
            place,
            year,
            format,
        }) => {
            let filter = cli::targets::Filter::new(indicator.as_deref(), place.as_deref(), year)?;
            TableCommand {
                format,
                bom: false,
                source: Source::Own(Box::new(move || {
                    cli::targets::table_of_paths(&paths, &filter).map_err(Failure::Run)
                })),
            }
        }
        Some(Command::Search {
            query,
            paths,
            limit,
            format,
        }) => TableCommand {
            format,
            bom: false,
            source: Source::Own(Box::new(move || {
                cli::search::table(&query, &paths, limit).map_err(|e| match e {
                    cli::search::Failure::Query(m) => Failure::Usage(m),
                    cli::search::Failure::Other(m) => Failure::Run(m),
                })
            })),
        },
        Some(Command::Index { paths, format }) => TableCommand {
            format,
            bom: false,
            source: Source::Own(Box::new(move || {
                cli::index::table(&paths).map_err(Failure::Run)
            })),
        },
    })
}

fn main() -> ExitCode {
    tune_allocator();
    let args = Args::parse();
    // No subcommand: the reader, when there is a terminal to read in;
    // piped output keeps getting the list.
    if args.command.is_none() && std::io::stdout().is_terminal() {
        let options = gwr::tui::Options {
            paths: args.paths,
            exit_after_first_frame: args.exit_after_first_frame,
            exit_when_idle: args.exit_when_idle,
            ascii_borders: args.ascii_borders,
            mouse: args.mouse,
            indexer: std::env::current_exe().ok(),
        };
        return match gwr::tui::run(options) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("gwr: {e}");
                ExitCode::from(1)
            }
        };
    }
    let command = match table_command(args.command, args.paths) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("gwr: {e}");
            return ExitCode::from(2);
        }
    };
    let made = match command.source {
        Source::Reports {
            paths,
            columns,
            rows,
        } => {
            cli::stream(&paths, command.format, command.bom, columns, &*rows).map_err(Failure::Run)
        }
        Source::Own(make) => make().and_then(|table| {
            cli::print(&table, command.format, command.bom).map_err(Failure::Run)
        }),
    };
    match made {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("gwr: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Run(message)) => {
            if !message.is_empty() {
                eprintln!("gwr: {message}");
            }
            ExitCode::from(1)
        }
    }
}
