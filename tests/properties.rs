//! Properties over arbitrary input (proptest): any bytes, given as a text
//! report or as a PDF, give a report or a classified error and never a
//! panic; and the cells of every report that reads survive a round trip
//! through every output format.
//!
//! To cover a new output format, add one entry to [`FORMATS`]: a function
//! that writes a report in the format and reads its cells back.

use proptest::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use yujuesuan::output::cells::{Cell, cells, write_jsonl};
use yujuesuan::output::report_json::write_report;
use yujuesuan::pdf::PdfLimits;
use yujuesuan::pipeline::read_report_bytes_with;
use yujuesuan::report::Report;
use yujuesuan::templates::Templates;

fn templates() -> &'static Templates {
    static T: OnceLock<Templates> = OnceLock::new();
    T.get_or_init(|| Templates::embedded().expect("embedded templates"))
}

fn read(bytes: &[u8], name: &str) -> Result<Report, yujuesuan::ReadError> {
    read_report_bytes_with(
        bytes,
        Path::new(name),
        templates(),
        &PdfLimits::for_fuzzing(),
    )
}

/// The committed text reports the mutations start from.
fn seeds() -> &'static [Vec<u8>] {
    static S: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    S.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<PathBuf> = ["corpus/text", "corpus/seed-variants"]
            .iter()
            .flat_map(|d| std::fs::read_dir(root.join(d)).into_iter().flatten())
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        files.iter().filter_map(|p| std::fs::read(p).ok()).collect()
    })
}

/// The committed PDF fixtures.
fn pdf_seeds() -> &'static [Vec<u8>] {
    static S: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    S.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        files.sort();
        files.iter().filter_map(|p| std::fs::read(p).ok()).collect()
    })
}

/// One edit of a text report, at a position taken modulo its size.
#[derive(Debug, Clone)]
enum Edit {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    ReplaceLine(usize, String),
    InsertText(usize, String),
    OverwriteByte(usize, u8),
    /// The amount at a position (taken modulo the report's amounts)
    /// printed as another number: one far longer than any report prints.
    ReplaceAmount(usize, String),
}

/// A number of 15 to 400 digits, signed or not, with decimals or without:
/// past the precision of an `f64`, past `i64` cents, past any `f64`.
fn huge_number() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just(""), Just("-")],
        15usize..400,
        any::<u64>(),
        prop_oneof![Just(""), Just(".22"), Just(".5")],
    )
        .prop_map(|(sign, len, seed, decimals)| {
            let digits: String = (0..len)
                .map(|i| char::from(b'1' + ((seed >> (i % 60)) % 9) as u8))
                .collect();
            format!("{sign}{digits}{decimals}")
        })
}

/// True for a whitespace-free piece printed as an amount (`1,234.50`, `-3`).
fn looks_like_amount(piece: &str) -> bool {
    let body = piece.strip_prefix('-').unwrap_or(piece);
    body.starts_with(|c: char| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// Replaces the `which`-th amount of `lines` (modulo their count) by `with`.
fn replace_amount(lines: &mut [String], which: usize, with: &str) {
    let at: Vec<(usize, usize, usize)> = lines
        .iter()
        .enumerate()
        .flat_map(|(l, line)| {
            line.split_whitespace()
                .filter(|p| looks_like_amount(p))
                .map(move |p| {
                    let start = p.as_ptr() as usize - line.as_ptr() as usize;
                    (l, start, start + p.len())
                })
        })
        .collect();
    if at.is_empty() {
        return;
    }
    let (l, start, end) = at[which % at.len()];
    lines[l].replace_range(start..end, with);
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    let fragment = prop_oneof![
        "[0-9.,\\- ]{0,12}",
        "[合计收入支出项目科目编码类款项年度决算预算数万元 ]{0,10}",
        ".{0,20}",
    ];
    prop_oneof![
        any::<usize>().prop_map(Edit::DeleteLine),
        any::<usize>().prop_map(Edit::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
        (any::<usize>(), fragment.clone()).prop_map(|(a, s)| Edit::ReplaceLine(a, s)),
        (any::<usize>(), fragment).prop_map(|(a, s)| Edit::InsertText(a, s)),
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Edit::OverwriteByte(a, b)),
        (any::<usize>(), huge_number()).prop_map(|(a, s)| Edit::ReplaceAmount(a, s)),
    ]
}

fn apply(seed: &[u8], edits: &[Edit]) -> Vec<u8> {
    let text = String::from_utf8_lossy(seed).into_owned();
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut bytes_edits = Vec::new();
    for e in edits {
        let n = lines.len().max(1);
        match e {
            Edit::DeleteLine(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Edit::DuplicateLine(i) if !lines.is_empty() => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Edit::SwapLines(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            Edit::ReplaceLine(i, s) if !lines.is_empty() => lines[i % n] = s.clone(),
            Edit::InsertText(i, s) => lines.insert(i % (n + 1).min(lines.len() + 1), s.clone()),
            Edit::OverwriteByte(i, b) => bytes_edits.push((*i, *b)),
            Edit::ReplaceAmount(i, s) => replace_amount(&mut lines, *i, s),
            _ => {}
        }
    }
    let mut out = lines.join("\n").into_bytes();
    for (i, b) in bytes_edits {
        if !out.is_empty() {
            let len = out.len();
            out[i % len] = b;
        }
    }
    out
}

/// Writes `report` in a format and reads its cells back.
type RoundTrip = fn(&Report) -> Result<Vec<Cell>, String>;

/// Every output format that carries cells. CSV and SQLite go here when
/// they are added.
const FORMATS: &[(&str, RoundTrip)] = &[
    ("cells JSON Lines", via_jsonl),
    ("report JSON", via_report_json),
];

fn via_jsonl(report: &Report) -> Result<Vec<Cell>, String> {
    let mut buf = Vec::new();
    write_jsonl(&cells(report), &mut buf).map_err(|e| e.to_string())?;
    let text = String::from_utf8(buf).map_err(|e| e.to_string())?;
    text.lines()
        .map(|l| serde_json::from_str::<Cell>(l).map_err(|e| format!("{e}: {l}")))
        .collect()
}

/// The report JSON's tables, rows and values flattened as `cells` does.
fn via_report_json(report: &Report) -> Result<Vec<Cell>, String> {
    let mut buf = Vec::new();
    write_report(report, &mut buf).map_err(|e| e.to_string())?;
    let v: serde_json::Value = serde_json::from_slice(&buf).map_err(|e| e.to_string())?;
    let s = |v: &serde_json::Value| v.as_str().map(str::to_string);
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for t in v["tables"].as_array().ok_or("no tables")? {
        let kind = s(&t["kind"]).ok_or("no kind")?;
        let amount_unit = s(&t["amount_unit"]).or_else(|| s(&v["amount_unit"]));
        for r in t["rows"].as_array().ok_or("no rows")? {
            let key = s(&r["key"]).ok_or("no key")?;
            for (column, value) in r["values"].as_object().ok_or("no values")? {
                if !seen.insert((kind.clone(), key.clone(), column.clone())) {
                    continue;
                }
                let at: Option<yujuesuan::provenance::Provenance> =
                    serde_json::from_value(r["value_at"][column.as_str()].clone()).ok();
                out.push(Cell {
                    report: s(&v["report"]).ok_or("no report")?.into(),
                    document: Default::default(),
                    unit: s(&v["unit"]).map(Into::into),
                    year: v["year"].as_i64().and_then(|y| i32::try_from(y).ok()),
                    amount_unit: amount_unit.clone().map(Into::into),
                    table: kind.as_str().into(),
                    row: key.clone(),
                    row_name: s(&r["name"]).ok_or("no name")?,
                    column: column.clone(),
                    value: value.as_f64().ok_or("value not a number")?,
                    page: at.map(|a| a.page),
                    bbox: at.and_then(|a| a.bbox),
                    line: at.and_then(|a| a.line),
                });
            }
        }
    }
    Ok(out)
}

/// Cells as comparable strings, in a fixed order (JSON objects are maps).
fn cell_keys(cells: &[Cell]) -> Vec<String> {
    let mut keys: Vec<String> = cells
        .iter()
        .map(|c| serde_json::to_string(c).unwrap_or_default())
        .collect();
    keys.sort();
    keys
}

fn check_round_trips(report: &Report) -> Result<(), TestCaseError> {
    let all = cells(report);
    // The contract's `value` is a JSON number: a value no output can carry
    // (JSON writes infinity as null) is never a cell.
    prop_assert!(
        all.iter().all(|c| c.value.is_finite()),
        "a cell's value is not finite"
    );
    let expected = cell_keys(&all);
    for (name, round_trip) in FORMATS {
        let back = round_trip(report).map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
        prop_assert_eq!(&cell_keys(&back), &expected, "{} changed the cells", name);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_as_text_give_a_report_or_a_classified_error(
        bytes in proptest::collection::vec(any::<u8>(), 0..2048)
    ) {
        if let Ok(report) = read(&bytes, "any.txt") {
            check_round_trips(&report)?;
        }
    }

    #[test]
    fn any_bytes_as_pdf_give_a_report_or_a_classified_error(
        bytes in proptest::collection::vec(any::<u8>(), 0..2048)
    ) {
        let mut pdf = b"%PDF-1.7\n".to_vec();
        pdf.extend(bytes);
        if let Ok(report) = read(&pdf, "any.pdf") {
            check_round_trips(&report)?;
        }
    }

    #[test]
    fn mutated_pdf_fixtures_give_a_report_or_a_classified_error(
        which in any::<usize>(),
        edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..12)
    ) {
        let seeds = pdf_seeds();
        prop_assume!(!seeds.is_empty());
        let mut pdf = seeds[which % seeds.len()].clone();
        for (i, b) in edits {
            let len = pdf.len();
            pdf[i % len] = b;
        }
        let _ = read(&pdf, "mutant.pdf");
    }

    /// The family of a fuzzer's finding: amounts far longer than any
    /// report prints (their cents overflowed the solver's and the checks'
    /// sums; past ~300 digits they parse as infinity). Such reports read
    /// without a panic and every cell round-trips with a finite value.
    #[test]
    fn reports_with_amounts_past_any_real_one_read_and_round_trip(
        which in any::<usize>(),
        edits in proptest::collection::vec(
            (any::<usize>(), huge_number()).prop_map(|(a, s)| Edit::ReplaceAmount(a, s)),
            1..8,
        )
    ) {
        let seeds = seeds();
        prop_assume!(!seeds.is_empty());
        let bytes = apply(&seeds[which % seeds.len()], &edits);
        if let Ok(report) = read(&bytes, "huge.txt") {
            check_round_trips(&report)?;
        }
    }

    #[test]
    fn edited_reports_read_or_fail_classified_and_round_trip(
        which in any::<usize>(),
        edits in proptest::collection::vec(edit_strategy(), 0..8)
    ) {
        let seeds = seeds();
        prop_assume!(!seeds.is_empty());
        let bytes = apply(&seeds[which % seeds.len()], &edits);
        if let Ok(report) = read(&bytes, "edited.txt") {
            check_round_trips(&report)?;
        }
    }
}

#[test]
fn every_seed_report_round_trips() {
    let mut read_ok = 0;
    for seed in seeds() {
        if let Ok(report) = read(seed, "seed.txt") {
            read_ok += 1;
            if let Err(e) = check_round_trips(&report) {
                panic!("{e}");
            }
        }
    }
    assert!(read_ok > 10, "only {read_ok} seeds read");
}
