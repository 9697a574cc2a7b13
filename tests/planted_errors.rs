//! Errors planted in a copy of a clean corpus report are each caught, and the
//! clean corpus raises no false alarm.
//!
//! The seed variants copy the seed's narrative, so they carry the seed's
//! six narrative and self-evaluation discrepancies; v4 (extra and missing rows, internally
//! consistent tables) also disagrees with that copied narrative wherever its
//! tables differ from the seed's — legitimately, since its narrative describes
//! other tables. Checks (table against table) must pass everywhere.

mod common;
use yujuesuan::checks::Outcome;
use yujuesuan::report::Report;
use yujuesuan::templates::Templates;

const CLEAN: &str = "corpus/text/text-00-small-wan.txt";

fn read_text(text: &str) -> Report {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("planted.txt");
    std::fs::write(&path, text).unwrap();
    yujuesuan::read_report(&path, &Templates::embedded().unwrap()).unwrap()
}

fn clean_text() -> String {
    let bytes = std::fs::read(common::root().join(CLEAN)).unwrap();
    yujuesuan::input::decode::decode_text(&bytes).unwrap().0
}

fn fails(r: &Report) -> Vec<String> {
    r.checks
        .iter()
        .filter(|c| c.outcome == Outcome::Fail)
        .map(|c| c.location.clone())
        .collect()
}

#[test]
fn the_clean_report_is_clean() {
    let r = read_text(&clean_text());
    assert!(fails(&r).is_empty());
    assert!(r.discrepancies.is_empty(), "{:?}", r.discrepancies);
    assert!(r.facts.len() > 20);
}

/// The clean report as read, to find what to plant.
fn clean_report() -> (String, Report) {
    let text = clean_text();
    let r = read_text(&text);
    (text, r)
}

/// Where the lines of a row end with `numbers` and hold `name` (the text
/// since a blank line; a wrapped label may hold one), between `from` and `to`.
fn row_block(
    text: &str,
    (from, to): (usize, usize),
    numbers: &str,
    name: &str,
) -> Option<(usize, usize)> {
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let name = squeeze(name);
    let mut at = from;
    while let Some(i) = text[at..to].find(numbers) {
        let hit = at + i;
        let end = hit + numbers.len();
        at = end;
        if !text[end..].starts_with('\n') {
            continue;
        }
        let mut start = hit;
        for _ in 0..3 {
            start = text[from..start].rfind("\n\n").map_or(from, |b| from + b);
            if squeeze(&text[start..end]).contains(&name) {
                return Some((start, end));
            }
        }
    }
    None
}

/// Where a table's text lies: from its title to the next table's title.
fn table_span(text: &str, r: &Report, kind: &str) -> (usize, usize) {
    let i = r.tables.iter().position(|t| t.kind == kind).unwrap();
    let from = text.find(&r.tables[i].title).unwrap();
    let to = r
        .tables
        .get(i + 1)
        .and_then(|next| text[from..].find(&next.title))
        .map_or(text.len(), |j| from + j);
    (from, to)
}

/// `printed` moved by `delta`, with as many decimals as printed.
fn shifted(printed: &str, delta: f64) -> String {
    let decimals = printed.split_once('.').map_or(0, |(_, d)| d.len());
    let value: f64 = printed.parse().unwrap();
    format!("{:.*}", decimals, value + delta)
}

#[test]
fn a_wrong_total_fails_its_checks() {
    let (clean, r) = clean_report();
    let table = r.table("expenditure").unwrap();
    let total = table.rows.iter().find(|row| row.name == "合计").unwrap();
    assert!(total.printed.len() > 1, "{total:?}");
    let numbers = total.printed.join(" ");
    let span = table_span(&clean, &r, "expenditure");
    let (start, end) = row_block(&clean, span, &numbers, "合计").unwrap();
    let mut wrong = total.printed.clone();
    wrong[0] = shifted(&wrong[0], 0.1);
    let line = clean[start..end].replacen(&numbers, &wrong.join(" "), 1);
    let text = format!("{}{}{}", &clean[..start], line, &clean[end..]);
    let f = fails(&read_text(&text));
    let column = &total.values.0[0].0;
    assert!(f.contains(&format!("expenditure[{}]", total.key)), "{f:?}");
    assert!(
        f.contains(&format!("expenditure[{}][{column}]", total.key)),
        "{f:?}"
    );
}

#[test]
fn a_narrative_figure_off_by_a_cent_is_a_discrepancy() {
    let (clean, r) = clean_report();
    // A figure with a table cell, printed with decimals, stated once in the text.
    let fact = r
        .facts
        .iter()
        .find(|f| {
            f.cell.is_some()
                && f.unit != "%"
                && f.value > 0.0
                && f.printed.contains('.')
                && clean.matches(&format!("{}{}", f.printed, f.unit)).count() == 1
        })
        .expect("a figure to plant");
    let printed = format!("{}{}", fact.printed, fact.unit);
    let planted = shifted(&fact.printed, 0.01);
    let text = clean.replacen(&printed, &format!("{planted}{}", fact.unit), 1);
    let r = read_text(&text);
    assert!(fails(&r).is_empty());
    // The discrepancy names the cell by its row key, the fact by its row name:
    // the same table either way.
    let table = |cell: &str| cell.split('[').next().unwrap_or_default().to_string();
    let d: Vec<_> = r
        .discrepancies
        .iter()
        .map(|d| {
            (
                d.fact.as_str(),
                format!("{:.2}", d.narrative_value),
                format!("{:.2}", d.table_value),
                table(&d.cell),
            )
        })
        .collect();
    assert_eq!(
        d,
        vec![(
            fact.name.as_str(),
            shifted(&fact.printed, 0.01),
            shifted(&fact.printed, 0.0),
            table(fact.cell.as_deref().unwrap())
        )],
        "planted {planted} for {printed}"
    );
}

#[test]
fn a_missing_row_fails_the_code_tree() {
    let (clean, r) = clean_report();
    let table = r.table("income").unwrap();
    let code = |row: &yujuesuan::report::Row| row.code.clone().unwrap_or_default();
    // A 项 row with a sibling and a value, whose 款 is printed.
    let (row, parent) = table
        .rows
        .iter()
        .filter(|row| row.level.as_deref() == Some("项") && !row.values.0.is_empty())
        .filter(|row| row.values.0.iter().any(|(_, v)| *v != 0.0))
        .filter_map(|row| {
            let c = code(row);
            let parent = table
                .rows
                .iter()
                .find(|p| p.level.as_deref() == Some("款") && c.len() > 5 && code(p) == c[..5])?;
            let siblings = table
                .rows
                .iter()
                .filter(|s| s.level.as_deref() == Some("项") && code(s).starts_with(&c[..5]))
                .count();
            (siblings > 1).then_some((row, parent))
        })
        .next()
        .expect("a 项 row to remove");
    let span = table_span(&clean, &r, "income");
    let (start, end) =
        row_block(&clean, span, &row.printed.join(" "), &row.name).expect("the row's lines");
    let text = format!("{}{}", &clean[..start], &clean[end..]);
    let f = fails(&read_text(&text));
    // The parent's sums miss the row (in whichever columns the parent's
    // numbers are placed once the row is gone).
    let at = format!("income[{}][", parent.key);
    assert!(f.iter().any(|l| l.starts_with(&at)), "{at}: {f:?}");
}

#[test]
fn a_wrong_percentage_is_a_discrepancy() {
    let (clean, r) = clean_report();
    // A share between 1% and 99%, stated once in the text.
    let fact = r
        .facts
        .iter()
        .find(|f| {
            f.unit == "%"
                && f.value > 1.0
                && f.value < 99.0
                && f.printed.contains('.')
                && clean.matches(&format!("{}%", f.printed)).count() == 1
        })
        .expect("a percentage to plant");
    let planted = shifted(&fact.printed, -1.0);
    let text = clean.replacen(&format!("{}%", fact.printed), &format!("{planted}%"), 1);
    let r = read_text(&text);
    let pct: Vec<_> = r
        .discrepancies
        .iter()
        .map(|d| (d.fact.as_str(), format!("{:.1}", d.narrative_value)))
        .collect();
    let want = format!("{:.1}", planted.parse::<f64>().unwrap());
    assert_eq!(pct, vec![(fact.name.as_str(), want)]);
}

fn corpus(dir: &str) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(common::root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    out.sort();
    out
}

#[test]
fn no_false_alarm_on_the_clean_corpus() {
    let templates = Templates::embedded().unwrap();
    for path in corpus("corpus/text") {
        let r = yujuesuan::read_report(&path, &templates).unwrap();
        assert!(fails(&r).is_empty(), "{}: {:?}", path.display(), fails(&r));
        assert!(
            r.discrepancies.is_empty(),
            "{}: {:?}",
            path.display(),
            r.discrepancies
        );
    }
}

#[test]
fn seed_variants_carry_the_seed_narratives_discrepancies_only() {
    let templates = Templates::embedded().unwrap();
    for path in corpus("corpus/seed-variants") {
        let r = yujuesuan::read_report(&path, &templates).unwrap();
        // The copied self-evaluation budget table's own sums fail, as in the seed.
        let table_fails: Vec<String> = fails(&r)
            .into_iter()
            .filter(|l| !l.starts_with("self_evaluation_budget["))
            .collect();
        assert!(
            table_fails.is_empty(),
            "{}: {table_fails:?}",
            path.display()
        );
        assert_eq!(fails(&r).len(), 4, "{}", path.display());
        let facts: Vec<&str> = r.discrepancies.iter().map(|d| d.fact.as_str()).collect();
        for seed in [
            "general_budget_item_actual",
            "general_budget_by_class_share_pct",
            "general_budget_item_completion_pct",
            "self_evaluation_budget/财政拨款收入",
            "self_evaluation_budget/其他收入",
            "self_evaluation_budget/基本支出/小计",
        ] {
            assert!(facts.contains(&seed), "{}: {facts:?}", path.display());
        }
        if !path.to_string_lossy().contains("-v4-") {
            assert_eq!(facts.len(), 6, "{}: {facts:?}", path.display());
        }
    }
}
