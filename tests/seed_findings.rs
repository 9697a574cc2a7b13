//! The seed report's checks, facts, discrepancies, self-evaluation and
//! structure, asserted value by value (worked out by hand from the printed
//! report; see the README's "Findings on the seed").

mod common;
use yujuesuan::checks::{CheckKind, Outcome};
use yujuesuan::discrepancies::DiscrepancyKind;
use yujuesuan::report::Report;
use yujuesuan::templates::Templates;

fn seed() -> Option<Report> {
    let shared = common::shared_dir()?;
    let path = shared.join("seeds/qiaokou-edu-itc-2022-final-accounts.txt");
    Some(yujuesuan::read_report(&path, &Templates::embedded().unwrap()).unwrap())
}

fn fact(r: &Report, name: &str, item: Option<&str>) -> f64 {
    r.facts
        .iter()
        .find(|f| f.name == name && f.item.as_deref() == item)
        .unwrap_or_else(|| panic!("no fact {name} {item:?}"))
        .value
}

#[test]
fn every_table_check_passes_and_the_self_evaluation_budget_table_fails_four() {
    let Some(r) = seed() else { return };
    let tables: Vec<_> = r
        .checks
        .iter()
        .filter(|c| c.kind != CheckKind::SelfEvaluation)
        .collect();
    assert_eq!(tables.len(), 136);
    assert!(tables.iter().all(|c| c.outcome == Outcome::Pass));
    for kind in [
        CheckKind::RowIdentity,
        CheckKind::TableIdentity,
        CheckKind::ItemSum,
        CheckKind::Tree,
        CheckKind::CrossTable,
    ] {
        assert!(tables.iter().any(|c| c.kind == kind), "{kind:?} checked");
    }
    let cross = |rule_part: &str| {
        tables
            .iter()
            .find(|c| c.kind == CheckKind::CrossTable && c.rule.contains(rule_part))
            .unwrap_or_else(|| panic!("{rule_part}"))
    };
    let basic = cross("人员经费合计");
    assert_eq!((basic.found, basic.expected), (89.89, 89.89));
    let summary = cross("expenditure[合计][本年支出合计] = income_expenditure_summary");
    assert_eq!(summary.found, 187.89);
    let mut fails: Vec<(String, f64, f64)> = r
        .checks
        .iter()
        .filter(|c| c.outcome == Outcome::Fail)
        .map(|c| (c.location.clone(), c.found, c.expected))
        .collect();
    fails.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        fails,
        vec![
            (
                "self_evaluation_budget[基本支出/小计][决算数]".into(),
                182.89,
                89.89
            ),
            (
                "self_evaluation_budget[基本支出/小计][调整后预算数]".into(),
                182.89,
                89.89
            ),
            (
                "self_evaluation_budget[支出合计][决算数]".into(),
                187.89,
                280.89
            ),
            (
                "self_evaluation_budget[支出合计][调整后预算数]".into(),
                187.89,
                280.89
            ),
        ]
    );
    let totals: Vec<_> = r
        .checks
        .iter()
        .filter(|c| c.rule.starts_with("总分"))
        .map(|c| (c.found, c.outcome))
        .collect();
    assert_eq!(totals, vec![(97.0, Outcome::Pass), (98.5, Outcome::Pass)]);
}

#[test]
fn narrative_facts() {
    let Some(r) = seed() else { return };
    let f = |n: &str| fact(&r, n, None);
    let i = |n: &str, item: &str| fact(&r, n, Some(item));
    assert_eq!(f("total_income_expenditure"), 187.89);
    assert_eq!(f("total_income_expenditure_change"), 30.78);
    assert_eq!(f("total_income_expenditure_change_pct"), 19.6);
    assert_eq!(f("fiscal_grant_total"), 187.89);
    assert_eq!(f("income_total"), 187.89);
    assert_eq!(i("income_by_source", "财政拨款收入"), 187.89);
    assert_eq!(i("income_by_source_share_pct", "财政拨款收入"), 100.0);
    assert_eq!(f("expenditure_total"), 187.89);
    assert_eq!(i("expenditure_by_type", "基本支出"), 89.89);
    assert_eq!(i("expenditure_by_type_share_pct", "基本支出"), 47.8);
    assert_eq!(i("expenditure_by_type", "项目支出"), 98.0);
    assert_eq!(i("expenditure_by_type_share_pct", "项目支出"), 52.16);
    assert_eq!(i("general_budget_by_class", "教育支出"), 164.9);
    assert_eq!(i("general_budget_by_class_share_pct", "住房保障"), 5.7);
    assert_eq!(f("general_budget_initial_budget"), 183.58);
    assert_eq!(f("general_budget_completion_pct"), 102.3);
    assert_eq!(i("general_budget_item_budget", "事业单位医疗"), 3.63);
    assert_eq!(i("general_budget_item_actual", "公务员医疗补助"), 3.85);
    assert_eq!(f("basic_expenditure"), 89.89);
    assert_eq!(f("personnel_expenses"), 81.08);
    assert_eq!(f("public_expenses"), 8.81);
    for zero in [
        "three_public_budget",
        "three_public_actual",
        "three_public_abroad_budget",
        "three_public_abroad_actual",
        "three_public_vehicle_budget",
        "three_public_vehicle_actual",
        "three_public_vehicle_purchase_actual",
        "three_public_vehicle_operation_actual",
        "three_public_reception_budget",
        "three_public_reception_actual",
        "abroad_groups",
        "abroad_people",
        "official_vehicles",
        "operating_costs",
        "procurement_goods",
        "procurement_works",
        "vehicles_total",
        "equipment_over_1m",
        "subordinate_units",
    ] {
        assert_eq!(f(zero), 0.0, "{zero}");
    }
    assert_eq!(f("procurement_total"), 66.5);
    assert_eq!(f("procurement_services"), 66.5);
    assert_eq!(f("procurement_sme"), 66.5);
    assert_eq!(f("procurement_sme_share_pct"), 100.0);
    assert_eq!(f("procurement_small_micro"), 66.5);
    let items: Vec<(String, f64)> = r
        .facts
        .iter()
        .filter(|x| x.name == "project_spending_item")
        .map(|x| (x.item.clone().unwrap(), x.value))
        .collect();
    assert_eq!(items.len(), 4, "{items:?}");
    assert_eq!(items.iter().map(|x| x.1).sum::<f64>(), 98.0);
    assert_eq!(f("performance_evaluated_projects"), 1.0);
    assert_eq!(f("project_self_evaluation_budget"), 93.0);
    assert_eq!(f("project_self_evaluation_completion_pct"), 105.4);
    assert_eq!(f("overall_self_evaluation_score"), 97.0);
    assert_eq!(f("project_self_evaluation_score"), 98.5);
    assert_eq!(f("self_evaluation_basic_total"), 89.89);
    assert_eq!(f("self_evaluation_funds_received"), 187.89);
    assert_eq!(f("self_evaluation_execution_pct"), 100.0);
    assert_eq!(f("project_self_evaluation_spent"), 98.0);
    let total = r
        .facts
        .iter()
        .find(|x| x.name == "total_income_expenditure")
        .unwrap();
    assert_eq!((total.page, total.unit.as_str()), (9, "万元"));
    assert!(total.sentence.starts_with("2022年度收、支总计187.89万元"));
}

#[test]
fn discrepancies_worked_out_by_hand() {
    let Some(r) = seed() else { return };
    let got: Vec<(DiscrepancyKind, &str, f64, f64, &str, u32)> = r
        .discrepancies
        .iter()
        .map(|d| {
            (
                d.kind,
                d.fact.as_str(),
                d.narrative_value,
                d.table_value,
                d.cell.as_str(),
                d.page,
            )
        })
        .collect();
    use DiscrepancyKind::*;
    assert_eq!(
        got,
        vec![
            // 社会保障和就业 … 机关事业单位基本养老保险缴费支出(项) 支出决算为 6.11; 表5 row 2080505 prints 6.15.
            (
                Figure,
                "general_budget_item_actual",
                6.11,
                6.15,
                "general_budget_expenditure[2080505][合计]",
                14
            ),
            // 教育支出(类)164.9 万元, 占 87.7%: 164.9 / 187.89 = 87.76% → 87.8%.
            (
                Percentage,
                "general_budget_by_class_share_pct",
                87.7,
                87.7641,
                "(general_budget_by_class) / (general_budget_expenditure[合计][合计]) × 100",
                13
            ),
            // 年初预算 156.13, 决算 164.9, 完成年初预算的 105.17%: 164.9 / 156.13 = 105.62%.
            (
                Percentage,
                "general_budget_item_completion_pct",
                105.17,
                105.6171,
                "(general_budget_item_actual) / (general_budget_item_budget) × 100",
                14
            ),
            // 整体绩效自评报告's budget table: 财政拨款收入 决算数 182.89 vs 表2 187.89,
            (
                SelfEvaluation,
                "self_evaluation_budget/财政拨款收入",
                182.89,
                187.89,
                "income[合计][财政拨款收入]",
                31
            ),
            // 其他收入 5.00 vs none printed,
            (
                SelfEvaluation,
                "self_evaluation_budget/其他收入",
                5.0,
                0.0,
                "income[合计][其他收入]",
                31
            ),
            // 基本支出 小计 182.89 vs 表3 基本支出 89.89.
            (
                SelfEvaluation,
                "self_evaluation_budget/基本支出/小计",
                182.89,
                89.89,
                "expenditure[合计][基本支出]",
                31
            ),
        ]
    );
    // Not discrepancies: 52.16% (= 98/187.89 to two decimals), 105.4% (= 98/93),
    // 91.5% (= 6.11/6.68, the narrative's own figures), 102.3%, 19.6%.
}

#[test]
fn self_evaluation_tables() {
    let Some(r) = seed() else { return };
    let t = &r.self_evaluation.tables;
    assert_eq!(t.len(), 2);
    let overall = &t[0];
    assert_eq!(overall.total_score, Some(97.0));
    assert_eq!(overall.indicators.len(), 28);
    assert_eq!(overall.goals.iter().map(|g| g.weight).sum::<f64>(), 80.0);
    let e = overall.execution.as_ref().unwrap();
    assert_eq!(
        (e.budget, e.actual, e.rate_pct, e.score),
        (187.89, 187.89, Some(100.0), 20.0)
    );
    let first = &overall.indicators[0];
    assert_eq!(first.level1.as_deref(), Some("产出指标"));
    assert_eq!(first.level2.as_deref(), Some("数量指标"));
    assert_eq!(first.name, "智慧教室、智慧图书馆、智能化考场数量");
    assert_eq!(first.target.as_deref(), Some("8间/8间/2间"));
    assert_eq!(first.actual.as_deref(), Some("9间/9间/2间"));
    assert_eq!(first.score, 4.0);
    let project = &t[1];
    assert_eq!(project.project.as_deref(), Some("资产及信息化运行维护"));
    assert_eq!(project.total_score, Some(98.5));
    // 项目共设置 16 个三级绩效指标 (the self-evaluation result says so too).
    assert_eq!(project.indicators.len(), 16);
    let lowest = project.indicators.last().unwrap();
    assert_eq!((lowest.name.as_str(), lowest.score), ("故障解决率", 2.5));
    let labels: Vec<&str> = r
        .self_evaluation
        .budget_summary
        .iter()
        .map(|b| b.label.as_str())
        .collect();
    assert_eq!(
        labels,
        vec![
            "收入合计",
            "财政拨款收入",
            "事业收入",
            "其他收入",
            "支出合计",
            "基本支出/人员经费",
            "基本支出/公用经费",
            "基本支出/小计",
            "项目支出/小计"
        ]
    );
}

#[test]
fn structure_profile_key_works_glossary() {
    let Some(r) = seed() else { return };
    let s = &r.structure;
    assert_eq!(s.profile.functions.len(), 5);
    assert_eq!(
        s.profile.functions[4],
        "5、负责区域内教育信息技术平台管理与维护。"
    );
    assert_eq!(s.profile.subordinate_units, Some(0));
    assert_eq!(s.key_works.len(), 5);
    assert_eq!(s.key_works[1].item, "线上教学安全及网路安全");
    assert_eq!(s.key_works[2].result, "教师市级获奖44人,学生获奖学校20所。");
    let term = |t: &str| {
        s.glossary
            .iter()
            .find(|g| g.term == t)
            .map(|g| g.definition.as_str())
    };
    assert_eq!(
        term("基本支出"),
        Some("指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。")
    );
    assert!(term("机关运行经费").unwrap().ends_with("以及其他费用。"));
    assert_eq!(s.glossary.len(), 25);
    let heading = |h: &str| s.outline.iter().find(|x| x.heading == h).unwrap();
    assert!(
        heading("十一、政府采购支出情况")
            .text
            .contains("政府采购支出总额66.5万元")
    );
    assert_eq!(heading("十二、国有资产占用情况").page, 17);
}
