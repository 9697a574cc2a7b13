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

/// Files as given (whatever their extension), folders recursed. A path that
/// does not exist is kept, so that reading it reports the error.
pub fn collect_inputs(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found);
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
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
        std::fs::remove_dir_all(dir).ok();
    }
}
