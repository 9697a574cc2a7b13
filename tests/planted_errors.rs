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
use yujuesuan::normalise::Report;
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

#[test]
fn a_wrong_total_fails_its_checks() {
    let text = clean_text().replacen("合计 223.46 199.94 23.52", "合计 223.56 199.94 23.52", 1);
    let f = fails(&read_text(&text));
    assert!(f.contains(&"expenditure[合计]".to_string()), "{f:?}");
    assert!(
        f.contains(&"expenditure[合计][本年支出合计]".to_string()),
        "{f:?}"
    );
}

#[test]
fn a_narrative_figure_off_by_a_cent_is_a_discrepancy() {
    let text = clean_text().replacen("人员经费 188.73 万元", "人员经费 188.74 万元", 1);
    let r = read_text(&text);
    assert!(fails(&r).is_empty());
    let d: Vec<_> = r
        .discrepancies
        .iter()
        .map(|d| {
            (
                d.fact.as_str(),
                d.narrative_value,
                d.table_value,
                d.cell.as_str(),
            )
        })
        .collect();
    assert_eq!(
        d,
        vec![(
            "personnel_expenses",
            188.74,
            188.73,
            "general_budget_basic_expenditure[人员经费合计][决算数]"
        )]
    );
}

#[test]
fn a_missing_row_fails_the_code_tree() {
    let clean = clean_text();
    let start = clean.find("2080506").unwrap();
    let end = start + clean[start..].find("10.11 10.11").unwrap() + "10.11 10.11".len();
    let text = format!("{}{}", &clean[..start], &clean[end..]);
    let f = fails(&read_text(&text));
    assert!(
        f.contains(&"income[20805][本年收入合计]".to_string()),
        "{f:?}"
    );
}

#[test]
fn a_wrong_percentage_is_a_discrepancy() {
    let text = clean_text().replacen("支出 89.5%", "支出 88.5%", 1);
    let r = read_text(&text);
    let pct: Vec<_> = r
        .discrepancies
        .iter()
        .map(|d| (d.fact.as_str(), d.narrative_value))
        .collect();
    assert_eq!(pct, vec![("expenditure_by_type_share_pct", 88.5)]);
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
