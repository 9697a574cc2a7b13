//! Writing a file so that it is either absent, the old version or the whole
//! new version, never half-written: the content goes to `<name>.tmp` beside
//! it and is renamed over the target (atomic on one file system). A run
//! killed at any moment therefore leaves only complete outputs (and perhaps
//! stray `.tmp` files, overwritten by the next run). Files are not synced to
//! disk: that would guard against a power cut, not a killed process, and
//! costs a disk flush per report.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The temporary path beside `path`.
pub fn temporary_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    path.with_file_name(name)
}

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// A file being written: content goes to the temporary path until
/// [`AtomicFile::commit`] renames it into place. Dropped uncommitted, the
/// target is left as it was.
pub struct AtomicFile {
    target: PathBuf,
    temporary: PathBuf,
    writer: BufWriter<File>,
}

impl AtomicFile {
    /// Starts writing `path`.
    pub fn create(path: &Path) -> std::io::Result<Self> {
        let temporary = temporary_path(path);
        let writer = BufWriter::with_capacity(1 << 16, File::create(&temporary)?);
        Ok(AtomicFile {
            target: path.to_path_buf(),
            temporary,
            writer,
        })
    }

    /// Flushes and renames into place.
    pub fn commit(self) -> std::io::Result<()> {
        let file = self.writer.into_inner().map_err(|e| e.into_error())?;
        drop(file);
        std::fs::rename(&self.temporary, &self.target)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}
