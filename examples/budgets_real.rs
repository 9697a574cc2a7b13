//! Prints, for every budget PDF under a folder (by default `../shared/real`),
//! one Markdown table row: the unit and year read, the tables its 目录 lists
//! and how many of them were found (or that they are published separately),
//! the tables read, the checks passed / rounding / failed / unverified, the
//! discrepancies, and the review's problems. The figures of
//! `docs/budgets-real.md`:
//!
//! ```sh
//! cargo run --example budgets_real [FOLDER]
//! ```

use std::path::{Path, PathBuf};
use yujuesuan::checks::Outcome;
use yujuesuan::document_kind::DocumentKind;
use yujuesuan::review::toc::read_toc;
use yujuesuan::templates::Templates;

/// Every PDF under `dir`, sorted.
fn pdfs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            pdfs(&p, out);
        } else if p.extension().is_some_and(|x| x == "pdf") {
            out.push(p);
        }
    }
}

/// One row of the table, or why the file gives none.
fn row(path: &Path, root: &Path, templates: &Templates) -> Option<String> {
    let name = path
        .strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string();
    let bytes = std::fs::read(path).ok()?;
    let (lines, _) = yujuesuan::pipeline::read_lines(&bytes).ok()?;
    let report = match yujuesuan::read_report(path, templates) {
        Ok(r) => r,
        Err(e) => return Some(format!("| {name} | not read: {e} |||||||")),
    };
    if report.document != DocumentKind::Budget {
        return None;
    }
    let toc = read_toc(&lines, templates, report.document);
    let listed: Vec<&str> = toc
        .entries
        .iter()
        .filter_map(|e| e.kind.as_deref())
        .collect();
    let found = listed
        .iter()
        .filter(|k| report.tables.iter().any(|t| t.kind == **k))
        .count();
    let apart = report
        .review
        .items
        .iter()
        .any(|i| i.note.as_deref().is_some_and(|n| n.contains("separately")));
    let toc_cell = match (listed.len(), apart) {
        (0, _) => "no 目录 of tables".to_string(),
        (n, true) if found == 0 => format!("{n} listed, published separately"),
        (n, _) => format!("{found} / {n}"),
    };
    let count = |o: Outcome| report.checks.iter().filter(|c| c.outcome == o).count();
    let problems: usize = report.review.items.iter().map(|i| i.problems.len()).sum();
    Some(format!(
        "| {name} | {} {} | {toc_cell} | {} | {} / {} / {} / {} | {} ({} unverified) | {problems} |",
        report.unit.as_deref().unwrap_or("—"),
        report.year.map_or("—".to_string(), |y| y.to_string()),
        report.tables.len(),
        count(Outcome::Pass),
        count(Outcome::Rounding),
        count(Outcome::Fail),
        count(Outcome::Unverified),
        report.discrepancies.len(),
        report.unverified_discrepancies.len(),
    ))
}

fn main() {
    let root = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("../shared/real"), PathBuf::from);
    let templates = match Templates::embedded() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let mut files = Vec::new();
    pdfs(&root, &mut files);
    files.sort();
    println!(
        "| file | unit, year | 目录 tables found / listed | tables read | checks pass / rounding / fail / unverified | discrepancies | review problems |"
    );
    println!("|---|---|---|---|---|---|---|");
    for f in &files {
        if let Some(r) = row(f, &root, &templates) {
            println!("{r}");
        }
    }
}
