//! Replacing a file so that a crash, a full disk or a read-only directory
//! never leaves it half-written: the new bytes go to a temporary file in the
//! same directory, are flushed to disk, and only then renamed over the old
//! file (rename within one directory is atomic on POSIX and NTFS).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Write `bytes` to `path` atomically. On any error the old file (if any) is
/// untouched and the temporary file is removed.
///
/// A symbolic link at `path` is followed, so a state file that the user
/// linked elsewhere (a dotfiles repository) stays linked.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = resolve_link(path);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "gwr".to_string());
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.flush()?;
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    sync_dir(&dir);
    Ok(())
}

/// The file a symbolic link points to (resolved relative to the link's
/// directory); the path itself when it is not a link or cannot be read.
fn resolve_link(path: &Path) -> PathBuf {
    match std::fs::read_link(path) {
        Ok(dest) if dest.is_absolute() => dest,
        Ok(dest) => path
            .parent()
            .map(|p| p.join(&dest))
            .unwrap_or_else(|| dest.clone()),
        Err(_) => path.to_path_buf(),
    }
}

/// Make the rename itself durable. Best effort: not every platform or file
/// system lets a directory be opened and synced, and the data is already
/// safe either way (the old or the new file is there, whole).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("f.json");
        write(&path, b"one").expect("first write");
        write(&path, "二".as_bytes()).expect("second write");
        assert_eq!(std::fs::read_to_string(&path).ok().as_deref(), Some("二"));
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.file_name()).collect())
            .unwrap_or_default();
        assert_eq!(names, vec![std::ffi::OsString::from("f.json")]);
    }

    #[test]
    fn missing_directory_is_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("no/such/dir/f.json");
        assert!(write(&path, b"x").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn follows_a_symbolic_link() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        std::fs::write(&real, b"old").expect("seed");
        std::os::unix::fs::symlink("real.json", &link).expect("symlink");
        write(&link, b"new").expect("write through link");
        assert_eq!(std::fs::read(&real).ok().as_deref(), Some(&b"new"[..]));
        assert!(std::fs::symlink_metadata(&link)
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false));
    }
}
