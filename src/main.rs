#![forbid(unsafe_code)]

use clap::{Parser, Subcommand};
use gwr::cli::{self, output::Format, output::Table, RowsOf};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// An index build allocates and frees postings and read buffers on several
// threads at once; glibc's allocator let a 10,000-report build's heap creep
// from 200 to 340 MB through fragmentation, mimalloc holds it near 250.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// gwr: a terminal reader for Chinese government work reports.
#[derive(Parser)]
#[command(
    name = "gwr",
    version,
    about,
    after_long_help = EXIT_STATUS,
    // The reader's options have no meaning after a subcommand.
    args_conflicts_with_subcommands = true
)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Report files or folders to read (default: the built-in sample
    /// corpus); FILE:LINE opens FILE at that line of the file.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Open the first PATH (a report file) at this line of the file.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    line: Option<u32>,
    /// Draw the first frame showing a report, then exit (measures start-up).
    #[arg(long, hide = true)]
    exit_after_first_frame: bool,
    /// Exit once the corpus is loaded and the background work (topics,
    /// search index) is done, keys typed meanwhile handled (measures
    /// memory and load time at scale).
    #[arg(long, hide = true)]
    exit_when_idle: bool,
    /// Draw borders with ASCII characters (for terminals that draw
    /// box-drawing characters two columns wide).
    #[arg(long)]
    ascii_borders: bool,
    /// Let the mouse wheel scroll and clicks select.
    #[arg(long)]
    mouse: bool,
}

/// The end of `--help` (and of the man page).
const EXIT_STATUS: &str = "\
Exit status:
  0  success (gwr search: something matched)
  1  gwr search: nothing matched; other commands: nothing could be loaded
  2  a bad argument or query; gwr search: any error";

#[derive(Subcommand)]
enum Command {
    /// One row per report: file, path, title, level, place, year, date, encoding, sections, chars.
    List {
        /// Report files or folders (default: the built-in sample corpus).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "tsv")]
        format: Format,
    },
    /// One row per section of the given reports: file, path, line, depth, label, title.
    Outline {
        /// Report files or folders (default: the built-in sample corpus).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "tsv")]
        format: Format,
    },
    /// One row per section with its topic and type: file, path, line, depth, title, topic, type, score, secondary.
    Sections {
        /// Report files or folders (default: the built-in sample corpus).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Only sections whose primary or secondary topic this is (name or id, e.g. 生态环境 or environment).
        #[arg(long)]
        topic: Option<String>,
        /// Only sections of this part: review, targets, tasks, government, appendix, other (or 回顾, 目标, 任务, 自身建设, 附录, 其他).
        #[arg(long = "type", value_name = "TYPE")]
        kind: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "tsv")]
        format: Format,
    },
    /// One row per figure: file, path, line, raw, value, unit, qualifier, kind, indicator, status, period, canonical, section.
    Figures {
        /// Report files or folders (default: the built-in sample corpus).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output format.
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
        /// Report files or folders (default: the built-in sample corpus).
        #[arg(value_name = "PATH")]
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
        /// Output format.
        #[arg(long, value_enum, default_value = "tsv")]
        format: Format,
    },
    /// One row per matching section, best first: file, line, section, score, snippet.
    ///
    /// Words are ANDed; "..." is an exact phrase; -word excludes; a | b is
    /// either; fields: year:2023, year:2020..2023, province:安徽, city:,
    /// county:, place:, level:county, topic:生态环境, title:.
    ///
    /// Exit status: 0 when something matched, 1 when nothing did, 2 on an
    /// error (a bad query, a missing path), as rg and grep do.
    Search {
        /// What to look for.
        query: String,
        /// Report files or folders (default: the built-in sample corpus).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Most rows to print.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Output format.
        #[arg(long, value_enum, default_value = "tsv")]
        format: Format,
    },
    /// Print the cleaned text of one report, paragraphs separated by blank lines.
    ///
    /// For a Word file or web page, line N of this output is what the
    /// `line` columns of the other commands call line N.
    Show {
        /// A report file (.txt, .docx, .html, .htm).
        path: PathBuf,
        /// Only this outline entry: its number in `gwr outline`'s rows for the file, from 1.
        #[arg(long, value_name = "N")]
        section: Option<usize>,
    },
    /// Build or update the search index (in the cache directory) with a progress bar.
    Index {
        /// Report files or folders (default: the built-in sample corpus).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "tsv")]
        format: Format,
    },
    /// Print a completion script for a shell (e.g. `gwr completions bash >
    /// ~/.local/share/bash-completion/completions/gwr`).
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): `gwr man > ~/.local/share/man/man1/gwr.1`.
    Man,
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
    /// Bad arguments or query, or a search that failed (exit code 2); empty
    /// when already reported.
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
                // rg's convention: 1 is kept for "nothing matched".
                cli::search::table(&query, &paths, limit).map_err(|e| match e {
                    cli::search::Failure::Query(m) | cli::search::Failure::Other(m) => {
                        Failure::Usage(m)
                    }
                })
            })),
        },
        Some(Command::Show { .. }) => {
            unreachable!("gwr show prints text, not a table: main runs it")
        }
        Some(Command::Index { paths, format }) => TableCommand {
            format,
            bom: false,
            source: Source::Own(Box::new(move || {
                cli::index::table(&paths).map_err(Failure::Run)
            })),
        },
        Some(Command::Completions { .. } | Command::Man) => {
            unreachable!("printed before any table command")
        }
    })
}

/// `gwr completions SHELL` and `gwr man`: text about gwr itself.
fn print_about_gwr(command: &Command) -> Option<std::io::Result<()>> {
    use clap::CommandFactory;
    let mut out = std::io::stdout().lock();
    let mut gwr = Args::command();
    Some(match command {
        Command::Completions { shell } => {
            clap_complete::generate(*shell, &mut gwr, "gwr", &mut out);
            Ok(())
        }
        Command::Man => clap_mangen::Man::new(gwr).render(&mut out),
        _ => return None,
    })
}

/// A path argument `FILE:LINE` naming no file of its own while FILE is
/// one: FILE and LINE. (A file whose name ends in `:12` is read as itself.)
fn file_and_line(path: &Path) -> Option<(PathBuf, u32)> {
    if path.exists() {
        return None;
    }
    let (file, line) = path.to_str()?.rsplit_once(':')?;
    if line.is_empty() || !line.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let line: u32 = line.parse().ok().filter(|&n| n >= 1)?;
    Path::new(file)
        .is_file()
        .then(|| (PathBuf::from(file), line))
}

/// The paths with `FILE:LINE` arguments made FILE, and where the reader
/// opens: `--line N` in the first path, else the first `FILE:LINE`.
fn paths_and_start(
    paths: Vec<PathBuf>,
    line: Option<u32>,
) -> Result<(Vec<PathBuf>, Option<gwr::tui::StartAt>), String> {
    let mut start = None;
    let paths: Vec<PathBuf> = paths
        .into_iter()
        .map(|p| match file_and_line(&p) {
            Some((file, line)) => {
                start.get_or_insert(gwr::tui::StartAt {
                    file: file.clone(),
                    line,
                });
                file
            }
            None => p,
        })
        .collect();
    if let Some(line) = line {
        match paths.first() {
            Some(file) if file.is_file() => {
                start = Some(gwr::tui::StartAt {
                    file: file.clone(),
                    line,
                })
            }
            _ => return Err("--line needs a report file as the first PATH".into()),
        }
    }
    Ok((paths, start))
}

fn main() -> ExitCode {
    gwr_alloc::purge_freed_pages_at_once();
    let args = Args::parse();
    if let Some(printed) = args.command.as_ref().and_then(print_about_gwr) {
        return match printed {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("gwr: {e}");
                ExitCode::from(1)
            }
        };
    }
    let (paths, start_at) = match paths_and_start(args.paths, args.line) {
        Ok(found) => found,
        Err(e) => {
            eprintln!("gwr: {e}");
            return ExitCode::from(2);
        }
    };
    // No subcommand: the reader, when there is a terminal to read in;
    // piped output keeps getting the list.
    if args.command.is_none() && std::io::stdout().is_terminal() {
        // The reader takes its keys from the terminal: standard input is
        // not a report there.
        if paths.iter().any(|p| p.as_os_str() == gwr::corpus::STDIN) {
            eprintln!("gwr: `-` (a report on standard input) is for the table commands and `show`; the reader needs files");
            return ExitCode::from(2);
        }
        let options = gwr::tui::Options {
            paths,
            start_at,
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
    if let Some(Command::Show { path, section }) = &args.command {
        return show(path, *section);
    }
    let searching = matches!(args.command, Some(Command::Search { .. }));
    let command = match table_command(args.command, paths) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("gwr: {e}");
            return ExitCode::from(2);
        }
    };
    // Whether the table had no rows: a search that found nothing says so
    // in its exit status, as rg and grep do (its header is still printed,
    // so scripts see the columns).
    let made = match command.source {
        Source::Reports {
            paths,
            columns,
            rows,
        } => cli::stream(&paths, command.format, command.bom, columns, &*rows)
            .map(|()| false)
            .map_err(Failure::Run),
        Source::Own(make) => make().and_then(|table| {
            cli::print(&table, command.format, command.bom)
                .map(|()| table.rows.is_empty())
                .map_err(Failure::Run)
        }),
    };
    match made {
        Ok(true) if searching => ExitCode::from(1),
        Ok(_) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            if !message.is_empty() {
                eprintln!("gwr: {message}");
            }
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

/// `gwr show`: a report's text on stdout.
fn show(path: &std::path::Path, section: Option<usize>) -> ExitCode {
    use cli::show::Failure;
    use std::io::Write;
    let text = cli::show::load(path).and_then(|report| cli::show::text(&report, section));
    match text {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("gwr: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Err(Failure::Usage(message)) => {
            eprintln!("gwr: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Load) => ExitCode::from(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every argument a user can see says what it is for, in every
    /// subcommand.
    #[test]
    fn every_shown_argument_has_help() {
        fn check(command: &clap::Command, path: &str) {
            for arg in command.get_arguments() {
                if arg.is_hide_set() || ["help", "version"].contains(&arg.get_id().as_str()) {
                    continue;
                }
                assert!(arg.get_help().is_some(), "{path} {}: no help", arg.get_id());
            }
            for sub in command.get_subcommands() {
                assert!(
                    sub.get_about().is_some(),
                    "{path} {}: no about",
                    sub.get_name()
                );
                check(sub, &format!("{path} {}", sub.get_name()));
            }
        }
        let gwr = Args::command();
        gwr.clone().debug_assert();
        check(&gwr, "gwr");
    }

    #[test]
    fn file_colon_line_is_a_file_and_a_line_only_when_the_whole_is_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("report.txt");
        std::fs::write(&report, "x").unwrap();
        let odd = dir.path().join("odd:12");
        std::fs::write(&odd, "x").unwrap();
        let with_line = PathBuf::from(format!("{}:40", report.display()));
        assert_eq!(file_and_line(&with_line), Some((report.clone(), 40)));
        // A real file whose name ends in `:12` is itself.
        assert_eq!(file_and_line(&odd), None);
        // No such FILE, no line, line 0: not a place in a file.
        let missing = PathBuf::from(format!("{}:3", dir.path().join("nope").display()));
        assert_eq!(file_and_line(&missing), None);
        assert_eq!(
            file_and_line(&PathBuf::from(format!("{}:", report.display()))),
            None
        );
        assert_eq!(
            file_and_line(&PathBuf::from(format!("{}:0", report.display()))),
            None
        );

        let (paths, start) = paths_and_start(vec![with_line], None).unwrap();
        assert_eq!(paths, std::slice::from_ref(&report));
        assert_eq!(start.map(|s| (s.file, s.line)), Some((report.clone(), 40)));
        let (_, start) = paths_and_start(vec![report.clone()], Some(7)).unwrap();
        assert_eq!(start.map(|s| s.line), Some(7));
        assert!(paths_and_start(vec![dir.path().to_path_buf()], Some(7)).is_err());
    }
}
