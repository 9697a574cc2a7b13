//! Expanding the paths a user gives into the report files to read: files as
//! given, folders recursed for `.pdf` and `.txt`, in a stable sorted order so
//! that runs are reproducible.

use std::path::{Path, PathBuf};

fn is_report(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf") || e.eq_ignore_ascii_case("txt"))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, out);
        } else if is_report(&path) {
            out.push(path);
        }
    }
}

/// One file to read, with its path relative to the parent of the folder
/// argument it was found under (`corpus/text/a.txt` for `corpus`, however
/// `corpus` was spelled), or as given for a file argument: the part of the
/// path that stays the same when the corpus is moved, used to name outputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path to open.
    pub path: PathBuf,
    /// The path below the folder given on the command line.
    pub relative: PathBuf,
}

/// Files as given (whatever their extension), folders recursed. A path that
/// does not exist is kept, so that reading it reports the error.
pub fn collect_inputs(paths: &[PathBuf]) -> Vec<PathBuf> {
    collect_inputs_relative(paths)
        .into_iter()
        .map(|i| i.path)
        .collect()
}

/// [`collect_inputs`] with each file's relative path; a file found twice
/// (the same path given twice) is kept once.
pub fn collect_inputs_relative(paths: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for p in paths {
        let mut found = Vec::new();
        if p.is_dir() {
            walk(p, &mut found);
            found.sort();
        } else {
            found.push(p.clone());
        }
        for path in found {
            if !seen.insert(path.clone()) {
                continue;
            }
            let relative = match (path.strip_prefix(p), p.file_name()) {
                (Ok(under), Some(folder)) if !under.as_os_str().is_empty() => {
                    Path::new(folder).join(under)
                }
                (Ok(under), None) if !under.as_os_str().is_empty() => under.to_path_buf(),
                _ => path.clone(),
            };
            out.push(Input { path, relative });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recurses_folders_for_reports_only() {
        let dir = std::env::temp_dir().join(format!("yjs-inputs-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("a/b")).unwrap();
        std::fs::write(dir.join("a/b/x.PDF"), b"").unwrap();
        std::fs::write(dir.join("a/y.txt"), b"").unwrap();
        std::fs::write(dir.join("a/z.json"), b"").unwrap();
        let got = collect_inputs(std::slice::from_ref(&dir));
        assert_eq!(got.len(), 2);
        assert!(got[0].ends_with("a/b/x.PDF"));
        let rel = collect_inputs_relative(&[dir.clone(), dir.join("a/y.txt")]);
        assert_eq!(rel.len(), 2, "the file found twice is kept once");
        let folder = dir.file_name().unwrap();
        assert_eq!(rel[0].relative, Path::new(folder).join("a/b/x.PDF"));
        std::fs::remove_dir_all(dir).ok();
    }
}
