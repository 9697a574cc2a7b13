//! The run-wide pages: the overview (`index.html`), the checks that did not
//! pass and the discrepancies across all reports (split into files of
//! [`ROWS_PER_FILE`](super::spool::ROWS_PER_FILE) rows so that no page grows
//! with the corpus; written by `spool.rs`), and the charts.

use super::charts::{self, Item};
use super::html::{esc, href_segment, outcome_tag, page, page_head, table, table_head};
use super::load::{LoadedReport, text};
use super::spool::List;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Units per chart: beyond this a bar chart stops being readable.
const UNITS_PER_CHART: usize = 60;
/// 类 named in the stacked chart; the rest are summed as 其他.
const CLASSES_SHOWN: usize = 9;

fn report_link(r: &LoadedReport) -> String {
    format!(
        "<a href=\"reports/{}.html\">{}</a>",
        href_segment(&r.name),
        esc(&r.name)
    )
}

/// The overview's columns: a report's row ([`report_row`]) fills them.
pub const REPORT_HEADERS: [&str; 12] = [
    "report",
    "unit 单位",
    "year",
    "document",
    "input",
    "pages",
    "tables",
    "cells",
    "failing checks",
    "unverified",
    "discrepancies",
    "warnings",
];

/// Which of [`REPORT_HEADERS`] are numbers (right-aligned).
pub const REPORT_NUMERIC: [bool; 12] = [
    false, false, true, false, false, true, true, true, true, true, true, true,
];

/// `index.html` up to its first report row: the run's counts, the failed
/// files, and the head of the reports' table. The rows follow one by one
/// ([`super::html::push_table_row`]), then [`super::html::TABLE_TAIL`] and the
/// page's tail, so the page is written without being held whole.
pub fn index_head(errors: &[Value], summary: &Value) -> String {
    let mut body = page_head("yujuesuan — run overview", 0);
    body.push_str("<h1>yujuesuan run 运行总览</h1>\n");
    let count = |k: &str| text(summary.get(k));
    let _ = writeln!(
        body,
        "<p>{} files: <b>{}</b> read, <b>{}</b> failed; {} pages, {} cells, {} warnings.</p>",
        esc(&count("files")),
        esc(&count("read")),
        esc(&count("failed")),
        esc(&count("pages")),
        esc(&count("cells")),
        esc(&count("warnings"))
    );
    let mut by_class: BTreeMap<String, usize> = BTreeMap::new();
    for e in errors {
        *by_class.entry(text(e.get("class"))).or_default() += 1;
    }
    let class_rows: Vec<Vec<String>> = by_class
        .iter()
        .map(|(c, n)| vec![esc(c), n.to_string()])
        .collect();
    body.push_str("<h2>Failed files by error class 失败文件</h2>\n");
    body.push_str(&table(
        "plain",
        &["class", "files"],
        &[false, true],
        &class_rows,
    ));
    let error_rows: Vec<Vec<String>> = errors
        .iter()
        .map(|e| {
            vec![
                esc(&text(e.get("path"))),
                esc(&text(e.get("class"))),
                esc(&text(e.get("message"))),
            ]
        })
        .collect();
    body.push_str(&table(
        "data",
        &["path", "class", "message"],
        &[false; 3],
        &error_rows,
    ));
    body.push_str("<h2>Reports 报告</h2>\n");
    body.push_str(&table_head("data", &REPORT_HEADERS, &REPORT_NUMERIC));
    body
}

/// A report's row of the overview.
pub fn report_row(r: &LoadedReport) -> Vec<String> {
    let j = &r.json;
    let tables = &j.tables;
    let kinds: Vec<&str> = tables.iter().map(|t| t.kind.as_str()).collect();
    let cells: usize = tables
        .iter()
        .flat_map(|t| &t.rows)
        .map(|row| row.values.len())
        .sum();
    vec![
        report_link(r),
        esc(j.unit.as_str()),
        esc(j.year.as_str()),
        esc(j.document.as_str()),
        esc(j.input_kind.as_str()),
        esc(j.pages.as_str()),
        format!(
            "<span title=\"{}\">{}</span>",
            esc(&kinds.join(" ")),
            tables.len()
        ),
        cells.to_string(),
        j.count_outcome("fail").to_string(),
        j.count_outcome("unverified").to_string(),
        j.discrepancies.len().to_string(),
        j.warnings.len().to_string(),
    ]
}

/// The checks list (`checks-N.html`): [`check_rows`] fills its columns.
pub const CHECKS: List = List {
    stem: "checks",
    title: "Checks not passing 未通过的校验",
    headers: &[
        "report",
        "unit",
        "outcome",
        "kind",
        "where",
        "expected",
        "found",
        "difference",
    ],
    numeric: &[false, false, false, false, false, true, true, true],
};

/// The discrepancies list (`discrepancies-N.html`): [`discrepancy_rows`]
/// fills its columns.
pub const DISCREPANCIES: List = List {
    stem: "discrepancies",
    title: "Discrepancies 不一致",
    headers: &[
        "report",
        "unit",
        "kind",
        "fact",
        "narrative",
        "table",
        "difference",
        "unit",
        "sentence",
    ],
    numeric: &[false, false, false, false, true, true, true, false, false],
};

/// A report's checks that did not pass, as rows of the run-wide list.
pub fn check_rows(r: &LoadedReport) -> Vec<Vec<String>> {
    r.json
        .open_checks()
        .map(|(_, c)| {
            vec![
                report_link(r),
                esc(r.json.unit.as_str()),
                outcome_tag(c.outcome.as_str()),
                esc(c.kind.as_str()),
                format!("<code>{}</code>", esc(c.location.as_str())),
                esc(c.expected.as_str()),
                esc(c.found.as_str()),
                esc(c.difference.as_str()),
            ]
        })
        .collect()
}

/// A report's discrepancies, as rows of the run-wide list.
pub fn discrepancy_rows(r: &LoadedReport) -> Vec<Vec<String>> {
    r.json
        .discrepancies
        .iter()
        .enumerate()
        .map(|(k, d)| {
            vec![
                format!(
                    "<a href=\"reports/{}.html#d{}\">{} #{}</a>",
                    href_segment(&r.name),
                    k + 1,
                    esc(&r.name),
                    k + 1
                ),
                esc(r.json.unit.as_str()),
                esc(d.kind.as_str()),
                esc(d.fact.as_str()),
                esc(d.narrative_value.as_str()),
                esc(d.table_value.as_str()),
                esc(d.difference.as_str()),
                esc(d.unit.as_str()),
                esc(d.sentence.as_str()),
            ]
        })
        .collect()
}

/// What the charts need of one report.
pub struct ChartFigures {
    label: String,
    three_public: Option<(f64, f64)>,
    classes: Vec<(String, f64)>,
}

impl ChartFigures {
    /// The figures of a report.
    pub fn of(r: &LoadedReport) -> Self {
        ChartFigures {
            label: super::figures::label(r),
            three_public: super::figures::three_public(r),
            classes: super::figures::spending_by_class(r),
        }
    }
}

/// `charts.html`: “三公” budget against actual per unit, spending by 类 per unit.
pub fn charts_page(reports: &[ChartFigures]) -> String {
    let mut body = String::from("<h1>Charts 图表</h1>\n");
    let mut three: Vec<Item> = reports
        .iter()
        .filter_map(|r| {
            let (budget, actual) = r.three_public?;
            Some(Item {
                label: r.label.clone(),
                values: vec![budget, actual],
            })
        })
        .collect();
    three.sort_by(|a, b| total(b).total_cmp(&total(a)));
    let _ = writeln!(
        body,
        "<h2>“三公”经费: budget 预算数 against actual 决算数 (万元)</h2><p class=\"muted\">{} units with a “三公” table; the {} largest shown.</p>",
        three.len(),
        three.len().min(UNITS_PER_CHART)
    );
    three.truncate(UNITS_PER_CHART);
    body.push_str(&charts::grouped(
        "“三公”经费 预算数 vs 决算数, 万元",
        &["预算数".to_string(), "决算数".to_string()],
        &three,
    ));
    body.push_str(&class_chart(reports));
    page("yujuesuan — charts", 0, &body)
}

fn total(i: &Item) -> f64 {
    i.values.iter().sum()
}

/// Spending by 类 per unit, stacked: the most common 类 named, the rest 其他.
fn class_chart(reports: &[ChartFigures]) -> String {
    let per_report: Vec<(&String, &Vec<(String, f64)>)> = reports
        .iter()
        .map(|r| (&r.label, &r.classes))
        .filter(|(_, c)| !c.is_empty())
        .collect();
    let mut sums: BTreeMap<String, f64> = BTreeMap::new();
    for (_, classes) in &per_report {
        for (name, v) in classes.iter() {
            *sums.entry(name.clone()).or_default() += v;
        }
    }
    let mut names: Vec<(String, f64)> = sums.into_iter().collect();
    names.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut series: Vec<String> = names
        .iter()
        .take(CLASSES_SHOWN)
        .map(|(n, _)| n.clone())
        .collect();
    let named = series.len();
    series.push("其他".to_string());
    let mut items: Vec<Item> = per_report
        .iter()
        .map(|(label, classes)| {
            let mut values = vec![0.0; named + 1];
            for (name, v) in classes.iter() {
                let slot = series
                    .iter()
                    .take(named)
                    .position(|s| s == name)
                    .unwrap_or(named);
                if let Some(x) = values.get_mut(slot) {
                    *x += v;
                }
            }
            Item {
                label: (*label).clone(),
                values,
            }
        })
        .collect();
    items.sort_by(|a, b| total(b).total_cmp(&total(a)));
    let shown = items.len().min(UNITS_PER_CHART);
    let head = format!(
        "<h2>Spending by 类 per unit 各单位按类支出 (本年支出合计, 万元)</h2><p class=\"muted\">{} units; the {shown} largest shown.</p>\n",
        items.len()
    );
    items.truncate(UNITS_PER_CHART);
    head + &charts::stacked("本年支出合计 by 类, 万元", &series, &items)
}
