//! The real 2024 决算 PDFs in ../shared/real/zxj6827111-blip__GOV: every
//! finding (failing or rounding check, discrepancy) is listed on stderr
//! (`cargo test --test real_findings -- --nocapture`), and the ones worked
//! out by hand are asserted.

mod common;
use yujuesuan::checks::Outcome;
use yujuesuan::report::Report;
use yujuesuan::templates::Templates;

fn real_reports() -> Option<Vec<Report>> {
    let dir = common::shared_path("real/zxj6827111-blip__GOV", "the real 决算 PDFs are read")?;
    let Ok(entries) = std::fs::read_dir(&dir) else {
        common::absent(&format!("{} cannot be listed", dir.display()));
        return None;
    };
    let mut paths: Vec<_> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.to_string_lossy().contains("2024") && p.extension().is_some_and(|x| x == "pdf")
        })
        .collect();
    paths.sort();
    let templates = Templates::embedded().unwrap();
    Some(
        paths
            .iter()
            .map(|p| yujuesuan::read_report(p, &templates).unwrap())
            .collect(),
    )
}

fn list(r: &Report) {
    eprintln!(
        "== {} ({} facts, {} checks)",
        r.report,
        r.facts.len(),
        r.checks.len()
    );
    for c in r.checks.iter().filter(|c| c.outcome != Outcome::Pass) {
        eprintln!(
            "  check {:?} {} found {} expected {} (p{:?}) {}",
            c.outcome, c.location, c.found, c.expected, c.page, c.rule
        );
    }
    for d in &r.discrepancies {
        eprintln!(
            "  discrepancy {:?} {} {:?}: narrative {} vs {} {} (p{}) {}",
            d.kind, d.fact, d.item, d.narrative_value, d.table_value, d.cell, d.page, d.sentence
        );
    }
}

fn discrepancy(r: &Report, fact: &str) -> Option<(f64, f64)> {
    r.discrepancies
        .iter()
        .find(|d| d.fact == fact)
        .map(|d| (d.narrative_value, d.table_value))
}

#[test]
fn real_pdfs_list_every_finding() {
    let Some(reports) = real_reports() else {
        return;
    };
    assert_eq!(reports.len(), 3);
    for r in &reports {
        list(r);
        assert!(r.facts.len() > 30, "{}: {} facts", r.report, r.facts.len());
        assert!(r.checks.len() > 100, "{}", r.report);
        assert!(!r.structure.glossary.is_empty(), "{}", r.report);
        assert!(
            !r.structure.profile.component_units.is_empty(),
            "{}",
            r.report
        );
    }
    let by = |needle: &str| reports.iter().find(|r| r.report.contains(needle)).unwrap();
    // 规划和自然资源局: "一般公共预算财政拨款基本支出5377.64万元" is the all-funds
    // 基本支出 (表3); 表5 prints 5364.75 (and 人员经费 4884.09, not 4896.98).
    let planning = by("规划和自然资源局");
    assert_eq!(
        discrepancy(planning, "basic_expenditure"),
        Some((5377.64, 5364.75))
    );
    assert_eq!(
        discrepancy(planning, "personnel_expenses"),
        Some((4896.98, 4884.09))
    );
    // 财政局: 一般公共服务支出(类) 2106.66 / 2940.05 = 71.65%, printed 71.73%.
    let finance = by("财政局");
    assert_eq!(
        discrepancy(finance, "general_budget_by_class_share_pct"),
        Some((71.73, 71.6539))
    );
    // 社会工作部: 住房保障支出 29.42 / 307.82 = 9.5575%, printed 9.55% (truncated).
    let social = by("社会工作部");
    let d = social
        .discrepancies
        .iter()
        .find(|d| d.fact == "general_budget_by_class_share_pct")
        .unwrap();
    assert_eq!(d.note.as_deref(), Some("truncated rather than rounded"));
}
