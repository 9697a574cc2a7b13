//! The government-published PDFs in ../shared/real (never copied into the
//! repository): the three 2024 决算 reports extract with all nine tables and
//! every identity holding or reported as the report's own rounding break; no
//! file there panics the reader.

mod common;
use std::collections::BTreeSet;
use std::path::PathBuf;
use yujuesuan::checks::Outcome;
use yujuesuan::templates::Templates;

fn pdfs_under(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(pdfs_under(&p));
        } else if p.extension().is_some_and(|x| x == "pdf") {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn final_accounts(shared: &std::path::Path) -> Vec<PathBuf> {
    pdfs_under(&shared.join("real/zxj6827111-blip__GOV"))
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("2024"))
        .collect()
}

#[test]
fn real_final_accounts_have_nine_tables_and_hold_their_identities() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let templates = Templates::embedded().unwrap();
    let files = final_accounts(&shared);
    assert_eq!(files.len(), 3, "the three 2024 决算 PDFs");
    for path in files {
        let report = yujuesuan::read_report(&path, &templates)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let kinds: BTreeSet<&str> = report.tables.iter().map(|t| t.kind.as_str()).collect();
        assert_eq!(kinds.len(), 9, "{}: {kinds:?}", path.display());
        assert_eq!(report.year, Some(2024));
        assert!(report.unit.as_deref().is_some_and(|u| u.starts_with("上海市普陀区") || u.starts_with("中共上海市普陀区")));
        assert!(
            report.checks.len() > 100,
            "{}: only {} checks",
            path.display(),
            report.checks.len()
        );
        let failing: Vec<String> = report
            .checks
            .iter()
            .filter(|c| c.outcome == Outcome::Fail)
            .map(|c| {
                format!(
                    "{} at {}: expected {} found {}",
                    c.rule, c.location, c.expected, c.found
                )
            })
            .collect();
        assert!(
            failing.is_empty(),
            "{}:\n{}",
            path.display(),
            failing.join("\n")
        );
        for c in report
            .checks
            .iter()
            .filter(|c| c.outcome == Outcome::Rounding)
        {
            assert!(c.difference.abs() <= 0.02 + 1e-9, "{c:?}");
        }
    }
}

#[test]
fn no_real_pdf_panics_the_reader() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let templates = Templates::embedded().unwrap();
    let files = pdfs_under(&shared.join("real"));
    assert!(files.len() >= 30);
    let mut read = 0;
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        match std::panic::catch_unwind(|| yujuesuan::read_report_bytes(&bytes, path, &templates)) {
            Ok(Ok(_)) => read += 1,
            Ok(Err(e)) => eprintln!("{}: {e}", path.display()),
            Err(_) => panic!("{} panicked", path.display()),
        }
    }
    eprintln!("{read} of {} real PDFs read as reports", files.len());
}
