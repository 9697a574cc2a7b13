//! The seed report (../shared/seeds) end to end: cells must match its
//! hand-read truth exactly, by our scorer and by the shared score-cells tool.

mod common;
use std::process::Command;
use yujuesuan::output::cells::cells;
use yujuesuan::templates::Templates;

const STEM: &str = "qiaokou-edu-itc-2022-final-accounts";

#[test]
fn seed_scores_f1_one() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let path = shared.join(format!("seeds/{STEM}.txt"));
    let report = yujuesuan::read_report(&path, &Templates::embedded().unwrap()).unwrap();
    assert_eq!(
        report.unit.as_deref(),
        Some("武汉市硚口区教育局信息技术中心")
    );
    assert_eq!(report.year, Some(2022));
    assert_eq!(report.amount_unit.as_deref(), Some("万元"));
    assert_eq!(report.tables.len(), 9, "all nine tables found");
    let empty: Vec<_> = report
        .tables
        .iter()
        .filter(|t| t.empty)
        .map(|t| t.kind.as_str())
        .collect();
    assert_eq!(empty, ["gov_fund", "state_capital", "three_public"]);
    let truth = common::load_truth(&shared.join(format!("seeds/{STEM}.cells.jsonl")));
    let (p, r, f, diffs) = common::score(&truth, &cells(&report));
    assert!(f == 1.0, "P={p} R={r} F1={f}\n{}", diffs.join("\n"));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn seed_expenditure_row_208_places_its_lone_number() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let report = yujuesuan::read_report(
        &shared.join(format!("seeds/{STEM}.txt")),
        &Templates::embedded().unwrap(),
    )
    .unwrap();
    let row = report
        .table("expenditure")
        .and_then(|t| t.row("208"))
        .unwrap();
    assert_eq!(row.values.get("本年支出合计"), Some(6.15));
    assert_eq!(row.values.get("基本支出"), Some(6.15));
    assert_eq!(row.values.get("项目支出"), None);
}

#[test]
fn shared_score_cells_agrees() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let tool = shared.join("tools/score-cells");
    let bin = env!("CARGO_BIN_EXE_yujuesuan");
    let out = Command::new(bin)
        .arg("cells")
        .arg(shared.join(format!("seeds/{STEM}.txt")))
        .output()
        .unwrap();
    assert!(out.status.success());
    let pred = std::env::temp_dir().join(format!("yujuesuan-seed-{}.jsonl", std::process::id()));
    std::fs::write(&pred, &out.stdout).unwrap();
    let Ok(scored) = Command::new("python3")
        .arg(&tool)
        .arg(shared.join(format!("seeds/{STEM}.cells.jsonl")))
        .arg(&pred)
        .args(["--by", "none"])
        .output()
    else {
        common::absent("python3, to run score-cells,");
        return;
    };
    let text = String::from_utf8_lossy(&scored.stdout);
    assert!(text.contains("F1=1.0000"), "{text}");
}
