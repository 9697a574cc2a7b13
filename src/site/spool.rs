//! The rows of a run-wide list (checks not passing, discrepancies), kept on
//! disk while the reports are read and written out a file's worth at a
//! time at the end. A file's navigation names every file of the list and
//! its heading the total, neither known before the last report. Holding
//! these rows and the overview's in memory until then made the site's
//! writer grow with the corpus: at 10,000 reports the parent peaked at
//! 90 MB writing the site, 62 MB since (docs/performance.md).

use super::html::{TABLE_TAIL, esc, page_head, page_tail, push_table_row, table_head};
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Rows per file of a run-wide list.
pub const ROWS_PER_FILE: usize = 500;

/// A run-wide list: its files' stem (`checks` → `checks-1.html` …), title
/// and columns, given once for the rows and the pages alike.
pub struct List {
    /// The files' stem.
    pub stem: &'static str,
    /// The pages' title and heading.
    pub title: &'static str,
    /// The columns.
    pub headers: &'static [&'static str],
    /// Which columns are numbers (right-aligned).
    pub numeric: &'static [bool],
}

/// A list's rows as table HTML in a temporary file beside the pages.
pub struct RowSpool {
    list: &'static List,
    path: PathBuf,
    file: BufWriter<File>,
    rows: usize,
    bytes: u64,
    /// Where each output file's first row starts in the spool.
    file_starts: Vec<u64>,
    /// The row being written, its buffer reused.
    row: String,
}

impl RowSpool {
    /// Starts the spool of `list` in `site`.
    pub fn create(site: &Path, list: &'static List) -> std::io::Result<Self> {
        let path = site.join(format!(".{}.rows", list.stem));
        Ok(RowSpool {
            list,
            // Read back at the end, so opened for both.
            file: BufWriter::new(
                std::fs::OpenOptions::new()
                    .read(true)
                    .write(true)
                    .create(true)
                    .truncate(true)
                    .open(&path)?,
            ),
            path,
            rows: 0,
            bytes: 0,
            file_starts: Vec::new(),
            row: String::new(),
        })
    }

    /// Adds one row, its cells already HTML.
    pub fn push(&mut self, row: &[String]) -> std::io::Result<()> {
        if self.rows.is_multiple_of(ROWS_PER_FILE) {
            self.file_starts.push(self.bytes);
        }
        self.row.clear();
        push_table_row(&mut self.row, self.list.numeric, row);
        self.file.write_all(self.row.as_bytes())?;
        self.rows += 1;
        self.bytes += self.row.len() as u64;
        Ok(())
    }

    /// Writes the list's files, `stem-1.html`, `stem-2.html` … (at least
    /// one, so the navigation links always lead somewhere), and removes the
    /// spool.
    pub fn write_pages(self, site: &Path) -> std::io::Result<()> {
        let RowSpool {
            list,
            path,
            file,
            rows,
            bytes,
            mut file_starts,
            ..
        } = self;
        let spool = file.into_inner().map_err(|e| e.into_error())?;
        (&spool).seek(SeekFrom::Start(0))?;
        if file_starts.is_empty() {
            file_starts.push(0);
        }
        let files = file_starts.len();
        let ends = file_starts.iter().skip(1).copied().chain([bytes]);
        for (i, (start, end)) in file_starts.iter().zip(ends).enumerate() {
            let nav = navigation(list.stem, i + 1, files);
            let name = format!("{}-{}.html", list.stem, i + 1);
            let mut out = BufWriter::new(File::create(site.join(name))?);
            out.write_all(page_head(list.title, 0).as_bytes())?;
            write!(out, "<h1>{} ({rows})</h1>{nav}", esc(list.title))?;
            out.write_all(table_head("data", list.headers, list.numeric).as_bytes())?;
            std::io::copy(&mut (&spool).take(end - start), &mut out)?;
            out.write_all(TABLE_TAIL.as_bytes())?;
            out.write_all(nav.as_bytes())?;
            out.write_all(page_tail().as_bytes())?;
            out.flush()?;
        }
        drop(spool);
        std::fs::remove_file(path)
    }
}

/// The links to every file of a list, file `current` in bold (1-based).
fn navigation(stem: &str, current: usize, files: usize) -> String {
    let mut nav = String::from("<p>");
    for j in 1..=files {
        if j == current {
            nav.push_str(&format!("<b>{j}</b> "));
        } else {
            nav.push_str(&format!("<a href=\"{stem}-{j}.html\">{j}</a> "));
        }
    }
    nav.push_str("</p>");
    nav
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: List = List {
        stem: "checks",
        title: "T",
        headers: &["a", "b"],
        numeric: &[false, true],
    };

    const D: List = List {
        stem: "discrepancies",
        title: "D",
        headers: &["a"],
        numeric: &[false],
    };

    #[test]
    fn rows_are_split_into_files_that_link_to_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let mut spool = RowSpool::create(dir.path(), &T).unwrap();
        for i in 0..ROWS_PER_FILE * 2 + 1 {
            spool.push(&[format!("r{i}"), i.to_string()]).unwrap();
        }
        spool.write_pages(dir.path()).unwrap();
        let read = |n: usize| std::fs::read_to_string(dir.path().join(format!("checks-{n}.html")));
        let (one, two, three) = (read(1).unwrap(), read(2).unwrap(), read(3).unwrap());
        assert!(read(4).is_err());
        assert_eq!(one.matches("<tr><td>").count(), ROWS_PER_FILE);
        assert_eq!(three.matches("<tr><td>").count(), 1);
        assert!(one.contains("<h1>T (1001)</h1><p><b>1</b> <a href=\"checks-2.html\">2</a> "));
        assert!(two.contains("<td>r500</td><td class=\"n\">500</td>"));
        assert!(three.contains("<td>r1000</td>") && three.ends_with("</html>\n"));
        assert!(!dir.path().join(".checks.rows").exists());
    }

    #[test]
    fn an_empty_list_still_has_its_first_file() {
        let dir = tempfile::tempdir().unwrap();
        let spool = RowSpool::create(dir.path(), &D).unwrap();
        spool.write_pages(dir.path()).unwrap();
        let one = std::fs::read_to_string(dir.path().join("discrepancies-1.html")).unwrap();
        assert!(one.contains("<h1>D (0)</h1><p><b>1</b> </p>"));
        assert!(one.contains("<tbody>\n</tbody>"));
    }
}
