//! Writing the index: a writer tuned for memory, batches of reports parsed
//! ahead of it, and commits that carry the manifest of what is indexed.

use super::index::{Progress, UpdateStats, MANIFEST_PREFIX};
use super::manifest::{Diff, Manifest, Pointer};
use super::passage;
use super::pread::PreadDirectory;
use super::schema::Fields;
use super::tokenizer;
use crate::corpus::Scan;
use std::path::Path;
use tantivy::indexer::IndexWriterOptions;
use tantivy::merge_policy::LogMergePolicy;
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

/// Reports parsed ahead of the index writer (tantivy queues thousands of
/// documents more itself).
const PARSE_AHEAD: usize = 8;
/// Commit after this much report text, so an interrupted build keeps most
/// of its work.
const COMMIT_EVERY_BYTES: u64 = 256 << 20;
/// Indexing memory per writer thread. A build of 30,000 reports peaked at
/// 292 MB resident with 32 MB (311 MB with 48); the smaller flushed
/// segments cost a little more merging.
const WRITER_MEMORY_PER_THREAD: usize = 32 << 20;
/// Merges run one at a time: each holds buffers, and on two cores more of
/// them only take time from indexing.
const MERGE_THREADS: usize = 1;
/// Segments (of passages) larger than this are not merged again: the
/// segments a writer thread flushes (about 20,000 passages) are merged
/// into larger ones once, never into one giant segment, whose merge would
/// rewrite the whole index at the end of every build. Queries cost little
/// more on a few more segments, searched in parallel.
const MERGE_MAX_DOCS: usize = 60_000;
/// A writer for `index`, which is in `dir` on disk (`None`: in memory).
/// On disk it writes through the same index opened again on a
/// [`PreadDirectory`], so merges do not hold the segments they read in
/// resident memory (searching keeps the memory maps).
pub(super) fn new_writer(
    index: &Index,
    dir: Option<&Path>,
) -> tantivy::Result<IndexWriter<TantivyDocument>> {
    let writing;
    let index = match dir {
        Some(dir) => {
            writing = Index::open(PreadDirectory::open(dir)?)?;
            tokenizer::register(&writing);
            &writing
        }
        None => index,
    };
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4);
    let writer = index.writer_with_options(
        IndexWriterOptions::builder()
            .num_worker_threads(threads)
            .memory_budget_per_thread(WRITER_MEMORY_PER_THREAD)
            .num_merge_threads(MERGE_THREADS)
            .build(),
    )?;
    let mut policy = LogMergePolicy::default();
    policy.set_max_docs_before_merge(MERGE_MAX_DOCS);
    writer.set_merge_policy(Box::new(policy));
    Ok(writer)
}

/// Commit, recording the manifest: inline for an index in memory, in its
/// own file (named in the payload) for an index in `dir`.
pub(super) fn commit(
    writer: &mut IndexWriter<TantivyDocument>,
    manifest: &Manifest,
    dir: Option<&Path>,
) -> tantivy::Result<()> {
    let mut prepared = writer.prepare_commit()?;
    let Some(dir) = dir else {
        prepared.set_payload(&manifest.to_payload());
        prepared.commit()?;
        return Ok(());
    };
    let bytes = manifest.to_payload().into_bytes();
    let name = format!("{MANIFEST_PREFIX}{}.json", prepared.opstamp());
    crate::store::atomic::write(&dir.join(&name), &bytes)?;
    let mut hash = crate::text::hash::Fnv::new();
    hash.bytes(&bytes);
    prepared.set_payload(
        &Pointer {
            manifest_file: name.clone(),
            hash: hash.finish(),
        }
        .to_payload(),
    );
    prepared.commit()?;
    // Earlier manifests describe commits no reader opens any more.
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let other = entry.file_name().to_string_lossy().into_owned();
            if other.starts_with(MANIFEST_PREFIX) && other != name {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    Ok(())
}

/// What documents are built with and where the manifest goes.
pub(super) struct Target<'a> {
    pub(super) fields: &'a Fields,
    pub(super) taxonomy: &'a crate::topics::Taxonomy,
    /// The index directory; `None` for an index in memory.
    pub(super) dir: Option<&'a Path>,
}

/// Delete what is stale and index what is new, committing in batches.
pub(super) fn apply(
    writer: &mut IndexWriter<TantivyDocument>,
    into: &Target,
    manifest: &mut Manifest,
    scan: &Scan,
    diff: &Diff,
    progress: &mut dyn Progress,
) -> tantivy::Result<UpdateStats> {
    let (fields, taxonomy, dir) = (into.fields, into.taxonomy, into.dir);
    let mut stats = UpdateStats {
        added: diff.added,
        changed: diff.changed,
        removed: diff.removed,
        problems: Vec::new(),
    };
    if diff.is_empty() {
        return Ok(stats);
    }
    if !diff.to_index.is_empty() {
        progress.start(diff.to_index.len() as u64);
        passage::prepare();
    }
    for &id in &diff.stale {
        writer.delete_term(Term::from_field_u64(fields.report, id));
    }
    manifest.remove(&diff.stale);
    // Report numbers are handed out in order, so each file's number is
    // known before its documents are built. One thread reads, parses and
    // classifies the files ahead of the writer, blocking when it is
    // `PARSE_AHEAD` reports ahead: parsing takes about a fifth of the
    // work, so it keeps tantivy's indexing threads fed without competing
    // with them for the cores in bursts, and no thread spins.
    let first_id = manifest.next_id;
    let to_index = &diff.to_index;
    std::thread::scope(|scope| -> tantivy::Result<()> {
        let (sender, parsed) = std::sync::mpsc::sync_channel(PARSE_AHEAD);
        scope.spawn(move || {
            for (k, &i) in to_index.iter().enumerate() {
                let file = &scan.files[i];
                let built = file.load().map(|report| {
                    (
                        passage::fingerprint(&report),
                        passage::documents(&report, first_id + k as u64, fields, taxonomy),
                    )
                });
                if sender.send((file, built)).is_err() {
                    // The writer stopped on an error.
                    return;
                }
            }
        });
        let mut since_commit = 0u64;
        for (file, built) in parsed {
            since_commit += file.stamp.0;
            match built {
                Ok((fingerprint, docs)) => {
                    let id = manifest.add(file, fingerprint);
                    debug_assert!(id >= first_id && id < first_id + to_index.len() as u64);
                    for doc in docs {
                        writer.add_document(doc)?;
                    }
                }
                Err(problem) => {
                    manifest.add(file, 0);
                    stats.problems.push(problem);
                }
            }
            progress.advance();
            if since_commit >= COMMIT_EVERY_BYTES {
                commit(writer, manifest, dir)?;
                since_commit = 0;
            }
        }
        Ok(())
    })?;
    commit(writer, manifest, dir)?;
    Ok(stats)
}
