//! Walking a corpus report by report without holding it: files are parsed
//! in parallel, a bounded batch at a time, and what is made of each is
//! handed on in file order, so memory follows the batch and not the corpus.

use super::{builtin_files, find_files, load_file, parse_report, LoadProblem};
use crate::report::Report;
use rayon::prelude::*;
use std::path::PathBuf;

/// Reports parsed at once per worker thread: enough that a slow report
/// seldom leaves a thread idle at the end of a batch, few enough that the
/// reports alive at once stay a handful.
const BATCH_PER_THREAD: usize = 4;

/// Load the reports of `paths` (the built-in corpus when empty), turn each
/// into `make(report)` in parallel, and give the results and the problems
/// to `take` in the order [`super::load_paths`] lists them (problems in
/// finding files first). Only a batch of reports is alive at a time, and
/// the next batch is parsed while `take` handles one. An error from `take`
/// (a closed pipe) stops the walk and is returned.
pub fn each_report<T, E>(
    paths: &[PathBuf],
    make: impl Fn(Report) -> T + Sync,
    mut take: impl FnMut(Result<T, LoadProblem>) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
{
    let jobs: Vec<Job> = if paths.is_empty() {
        builtin_files()
            .into_iter()
            .map(|(name, bytes)| Job::Builtin(name, bytes))
            .collect()
    } else {
        let (found, problems) = find_files(paths);
        for p in problems {
            take(Err(p))?;
        }
        found.into_iter().map(Job::File).collect()
    };
    let batch = (rayon::current_num_threads() * BATCH_PER_THREAD).max(1);
    std::thread::scope(|scope| {
        // One batch waits while the next is parsed.
        let (sender, batches) = std::sync::mpsc::sync_channel::<Vec<Result<T, LoadProblem>>>(1);
        let make = &make;
        let jobs = &jobs;
        scope.spawn(move || {
            for chunk in jobs.chunks(batch) {
                let done: Vec<Result<T, LoadProblem>> =
                    chunk.par_iter().map(|job| job.load().map(make)).collect();
                if sender.send(done).is_err() {
                    return;
                }
            }
        });
        for done in batches {
            for result in done {
                take(result)?;
            }
        }
        Ok(())
    })
}

/// One file to parse.
enum Job {
    Builtin(String, &'static [u8]),
    File(super::FoundFile),
}

impl Job {
    fn load(&self) -> Result<Report, LoadProblem> {
        match self {
            Job::Builtin(name, bytes) => {
                parse_report(name, None, bytes).map_err(|error| LoadProblem {
                    path: PathBuf::from(name),
                    error,
                })
            }
            Job::File(file) => load_file(file),
        }
    }
}
