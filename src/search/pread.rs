//! An index directory that reads with positioned reads instead of memory
//! maps, for the index writer.
//!
//! Merging segments reads each of them from start to end once. Through
//! memory maps every page read stays in the process's resident memory until
//! the merge ends: 200 MB more for a 10,000-report build, the largest part
//! of its peak. Read with `pread`, the same pages live only in the kernel's
//! page cache. Searching keeps memory maps (random access to hot pages);
//! writing and merging go through this directory, opened as a second
//! `Index` on the same files.

use std::fs::File;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr,
};
use tantivy::HasLen;

/// [`MmapDirectory`] for everything but reading index files.
#[derive(Clone, Debug)]
pub struct PreadDirectory {
    root: PathBuf,
    inner: MmapDirectory,
}

impl PreadDirectory {
    pub fn open(root: &Path) -> tantivy::Result<PreadDirectory> {
        Ok(PreadDirectory {
            root: root.to_path_buf(),
            inner: MmapDirectory::open(root)?,
        })
    }
}

/// Small reads are served from a window read ahead of them: a merge reads
/// each term's postings in turn, front to back, and one system call per
/// term cost a 30,000-report build 30 s of system time.
const WINDOW: usize = 256 << 10;

/// One file read with positioned reads.
#[derive(Debug)]
struct PreadFile {
    file: File,
    len: usize,
    /// The bytes from an offset, read ahead of the last small read.
    window: Mutex<(usize, Vec<u8>)>,
}

impl PreadFile {
    fn new(file: File, len: usize) -> PreadFile {
        PreadFile {
            file,
            len,
            window: Mutex::new((0, Vec::new())),
        }
    }
}

impl HasLen for PreadFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for PreadFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if range.len() >= WINDOW / 2 {
            let mut buf = vec![0u8; range.len()];
            read_at_least(&self.file, &mut buf, range.start as u64, range.len())?;
            return Ok(OwnedBytes::new(buf));
        }
        // A poisoned lock only means another reader panicked mid-read: the
        // window is refilled below whenever it does not hold the range.
        let mut window = self.window.lock().unwrap_or_else(|e| e.into_inner());
        let (start, bytes) = &mut *window;
        let held = *start <= range.start && range.end <= *start + bytes.len();
        if !held {
            let end = (range.start + WINDOW).min(self.len).max(range.end);
            bytes.resize(end - range.start, 0);
            *start = range.start;
            match read_at_least(&self.file, bytes, range.start as u64, range.len()) {
                Ok(n) => bytes.truncate(n),
                Err(e) => {
                    bytes.clear();
                    return Err(e);
                }
            }
        }
        let from = range.start - *start;
        Ok(OwnedBytes::new(bytes[from..from + range.len()].to_vec()))
    }
}

/// Read into `buf` from `offset` until at least `min` bytes are there (or
/// the whole buffer); fewer before the end of the file is an error.
fn read_at_least(file: &File, buf: &mut [u8], offset: u64, min: usize) -> io::Result<usize> {
    let mut filled = 0;
    while filled < min {
        match read_once(file, &mut buf[filled..], offset + filled as u64) {
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

#[cfg(unix)]
fn read_once(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, offset)
}

#[cfg(windows)]
fn read_once(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, offset)
}

impl Directory for PreadDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let full = self.root.join(path);
        let io_error = |e: io::Error| OpenReadError::wrap_io_error(e, full.clone());
        let file = File::open(&full).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => OpenReadError::FileDoesNotExist(path.to_path_buf()),
            _ => io_error(e),
        })?;
        let len = file.metadata().map_err(io_error)?.len() as usize;
        Ok(Arc::new(PreadFile::new(file, len)))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(callback)
    }
}

/// Tantivy's file footer: the body's CRC-32 in a JSON object, then the
/// object's length and a magic number, both `u32` little-endian
/// (`tantivy::directory::footer`, which tantivy does not export).
const FOOTER_MAGIC: u32 = 1337;
const FOOTER_MAX_LEN: u64 = 50_000;
const CHECK_CHUNK: usize = 1 << 20;

/// The files among `files` (relative to `dir`) whose body does not match
/// the checksum in their footer, read in pieces without memory maps (so
/// checking a large index adds no more than a piece to resident memory).
/// Files that are not there are skipped, as tantivy's own check does.
pub fn damaged_files(
    dir: &Path,
    files: impl IntoIterator<Item = PathBuf>,
) -> io::Result<Vec<PathBuf>> {
    let mut damaged = Vec::new();
    let mut buf = vec![0u8; CHECK_CHUNK];
    for rel in files {
        let file = match File::open(dir.join(&rel)) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        if !checksum_matches(&file, &mut buf)? {
            damaged.push(rel);
        }
    }
    Ok(damaged)
}

fn checksum_matches(file: &File, buf: &mut [u8]) -> io::Result<bool> {
    let len = file.metadata()?.len();
    if len < 8 {
        return Ok(false);
    }
    let mut tail = [0u8; 8];
    read_at_least(file, &mut tail, len - 8, 8)?;
    let footer_len = u64::from(u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]));
    let magic = u32::from_le_bytes([tail[4], tail[5], tail[6], tail[7]]);
    if magic != FOOTER_MAGIC || footer_len > FOOTER_MAX_LEN || len < footer_len + 8 {
        return Ok(false);
    }
    let body_len = len - footer_len - 8;
    let mut footer = vec![0u8; footer_len as usize];
    let footer_len = footer.len();
    read_at_least(file, &mut footer, body_len, footer_len)?;
    let Some(expected) = serde_json::from_slice::<serde_json::Value>(&footer)
        .ok()
        .and_then(|v| v.get("crc")?.as_u64())
    else {
        return Ok(false);
    };
    let mut hasher = crc32fast::Hasher::new();
    let mut at = 0u64;
    while at < body_len {
        let n = (body_len - at).min(buf.len() as u64) as usize;
        read_at_least(file, &mut buf[..n], at, n)?;
        hasher.update(&buf[..n]);
        at += n as u64;
    }
    Ok(u64::from(hasher.finalize()) == expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ranges_and_reports_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("f.bin"), b"0123456789").unwrap();
        let d = PreadDirectory::open(dir.path()).unwrap();
        let slice = d.open_read(Path::new("f.bin")).unwrap();
        assert_eq!(slice.len(), 10);
        assert_eq!(slice.slice(3..7).read_bytes().unwrap().as_slice(), b"3456");
        // From the window, before it and after it.
        assert_eq!(slice.slice(8..10).read_bytes().unwrap().as_slice(), b"89");
        assert_eq!(slice.slice(0..2).read_bytes().unwrap().as_slice(), b"01");
        assert_eq!(slice.read_bytes().unwrap().as_slice(), b"0123456789");
        // A file cut short after it was opened.
        let handle = PreadFile::new(File::open(dir.path().join("f.bin")).unwrap(), 12);
        assert!(handle.read_bytes(5..11).is_err());
        assert_eq!(handle.read_bytes(5..7).unwrap().as_slice(), b"56");
        assert!(matches!(
            d.open_read(Path::new("missing")),
            Err(OpenReadError::FileDoesNotExist(_))
        ));
    }
}
