//! One report's page: who and what (unit, year, document type), its
//! discrepancies with the sentence and both crops, its checks with their
//! outcomes, every table with canonical columns and the numbers as printed,
//! its narrative facts and a chart of its spending.

use super::charts::{self, Item};
use super::crops::ReportCrops;
use super::html::{esc, outcome_tag, page, table};
use super::load::{LoadedReport, outcome, text};
use serde_json::Value;
use std::fmt::Write;

/// The page's HTML (it lives in `site/reports/`, one folder below the root).
pub fn report_page(report: &LoadedReport, crops: &ReportCrops) -> String {
    let mut body = String::new();
    let unit = report.str_of("unit");
    let _ = writeln!(
        body,
        "<h1>{}</h1>\n<dl class=\"meta\"><dt>Unit 单位</dt><dd>{}</dd><dt>Year 年度</dt><dd>{}</dd>\
         <dt>Document 文件类型</dt><dd>{}</dd><dt>Input</dt><dd>{} · {} pages</dd>\
         <dt>Amount unit 金额单位</dt><dd>{}</dd><dt>Source</dt><dd>{}</dd></dl>",
        esc(if unit.is_empty() { &report.name } else { unit }),
        esc(unit),
        esc(&text(report.json.get("year"))),
        esc(&document_type(report)),
        esc(report.str_of("input_kind")),
        esc(&text(report.json.get("pages"))),
        esc(report.str_of("amount_unit")),
        esc(report.str_of("source")),
    );
    body.push_str(&discrepancies(report, crops));
    body.push_str(&checks(report, crops));
    body.push_str(&tables(report));
    body.push_str(&facts(report));
    body.push_str(&spending_chart(report));
    if !crops.failures.is_empty() {
        let _ = write!(
            body,
            "<p class=\"muted\">Crops not rendered: {}</p>",
            esc(&crops.failures.join("; "))
        );
    }
    page(&format!("{} — yujuesuan", report.name), 1, &body)
}

/// `document` when the report states it (final_accounts / budget), else what the titles say.
fn document_type(report: &LoadedReport) -> String {
    let stated = report.str_of("document");
    if !stated.is_empty() {
        return stated.to_string();
    }
    let titles: String = report
        .list("tables")
        .iter()
        .filter_map(|t| t.get("title").and_then(Value::as_str))
        .collect();
    if titles.contains("决算") {
        "final_accounts (决算)".into()
    } else if titles.contains("预算") {
        "budget (预算)".into()
    } else {
        String::new()
    }
}

/// Where something is printed, as text: `p. 3` or `p. 3, line 52`.
fn place_text(v: Option<&Value>, fallback_page: Option<&Value>) -> String {
    let page = v.and_then(|p| p.get("page")).or(fallback_page);
    let line = v.and_then(|p| p.get("line")).and_then(Value::as_u64);
    match (page.and_then(Value::as_u64), line) {
        (Some(p), Some(l)) => format!("p. {p}, line {l}"),
        (Some(p), None) => format!("p. {p}"),
        _ => String::new(),
    }
}

fn img(path: &Option<String>, alt: &str) -> String {
    path.as_ref()
        .map(|p| {
            format!(
                "<img class=\"crop\" src=\"../{}\" alt=\"{}\" loading=\"lazy\">",
                esc(p),
                esc(alt)
            )
        })
        .unwrap_or_default()
}

fn discrepancies(report: &LoadedReport, crops: &ReportCrops) -> String {
    let list = report.list("discrepancies");
    let mut out = format!(
        "<h2 id=\"discrepancies\">Discrepancies 不一致 ({})</h2>\n",
        list.len()
    );
    for (k, d) in list.iter().enumerate() {
        let get = |key: &str| text(d.get(key));
        let (sentence_crop, cell_crop) = crops.discrepancies.get(k).cloned().unwrap_or_default();
        let _ = writeln!(
            out,
            "<div class=\"discrepancy\" id=\"d{n}\"><h3>{n}. {} {}</h3>\
             <p>Narrative 文字: <b class=\"narrative-value\">{}</b> {} · table 表格: <b class=\"table-value\">{}</b> \
             · difference 差额 {} {}</p>\
             <blockquote>{}</blockquote><p class=\"muted\">sentence {} · cell <code>{}</code> {}</p>{}{}</div>",
            esc(&get("fact")),
            esc(&get("item")),
            esc(&get("narrative_value")),
            esc(&get("unit")),
            esc(&get("table_value")),
            esc(&get("difference")),
            esc(&get("note")),
            esc(&get("sentence")),
            esc(&place_text(d.get("sentence_at"), d.get("page"))),
            esc(&get("cell")),
            esc(&place_text(d.get("cell_at"), d.get("cell_page"))),
            img(&sentence_crop, "the sentence on the page"),
            img(&cell_crop, "the table cell on the page"),
            n = k + 1,
        );
    }
    out
}

fn checks(report: &LoadedReport, crops: &ReportCrops) -> String {
    let all = report.list("checks");
    let open: Vec<(usize, &Value)> = report.open_checks().collect();
    let mut out = format!(
        "<h2 id=\"checks\">Checks 校验 ({} of {} not passing)</h2>\n",
        open.len(),
        all.len()
    );
    let row = |i: usize, c: &Value| {
        vec![
            outcome_tag(outcome(c)),
            esc(&text(c.get("kind"))),
            esc(&text(c.get("rule"))),
            format!("<code>{}</code>", esc(&text(c.get("where")))),
            esc(&text(c.get("page"))),
            esc(&text(c.get("expected"))),
            esc(&text(c.get("found"))),
            esc(&text(c.get("difference"))),
            img(&crops.checks.get(&i).cloned(), "the checked cell"),
        ]
    };
    let headers = [
        "outcome",
        "kind",
        "rule",
        "where",
        "page",
        "expected",
        "found",
        "difference",
        "on the page",
    ];
    let numeric = [false, false, false, false, true, true, true, true, false];
    let open_rows: Vec<Vec<String>> = open.iter().map(|(i, c)| row(*i, c)).collect();
    out.push_str(&table("data", &headers, &numeric, &open_rows));
    // Passing checks in brief (their rules, spelled out for tree sums, are long).
    let passing: Vec<Vec<String>> = all
        .iter()
        .filter(|c| outcome(c) == "pass")
        .map(|c| {
            vec![
                esc(&text(c.get("kind"))),
                esc(&text(c.get("where"))),
                esc(&text(c.get("found"))),
            ]
        })
        .collect();
    let _ = writeln!(
        out,
        "<details><summary>{} passing checks</summary>{}</details>",
        passing.len(),
        table(
            "plain",
            &["kind", "where", "found = expected"],
            &[false, false, true],
            &passing
        )
    );
    out
}

/// A value as printed in the row (`1,234.50`), else as JSON gives it.
fn printed_value(row: &Value, value: f64, used: &mut Vec<bool>) -> String {
    let printed = row
        .get("printed")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    used.resize(printed.len(), false);
    for (i, p) in printed.iter().enumerate() {
        let Some(p) = p.as_str() else { continue };
        let parsed: Option<f64> = p.replace(',', "").parse().ok();
        if parsed == Some(value) && !used.get(i).copied().unwrap_or(true) {
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
            return p.to_string();
        }
    }
    value.to_string()
}

fn tables(report: &LoadedReport) -> String {
    let mut out = String::from("<h2 id=\"tables\">Tables 表格</h2>\n");
    for t in report.list("tables") {
        let kind = text(t.get("kind"));
        let columns: Vec<String> = t
            .get("columns")
            .and_then(Value::as_array)
            .map(|c| c.iter().map(|v| text(Some(v))).collect())
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<h3 id=\"t-{}\">{} <span class=\"muted\">{} · p. {} · {}</span></h3>",
            esc(&kind),
            esc(&text(t.get("title"))),
            esc(&kind),
            esc(&text(t.get("page"))),
            esc(&text(t.get("amount_unit")))
        );
        let mut headers = vec!["row 行", "code 编码", "name 名称"];
        headers.extend(columns.iter().map(String::as_str));
        let mut numeric = vec![false, false, false];
        numeric.extend(columns.iter().map(|_| true));
        let rows: Vec<Vec<String>> = t
            .get("rows")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .map(|r| {
                let key = text(r.get("key"));
                let mut used = Vec::new();
                let mut cells = vec![
                    esc(&key),
                    esc(&text(r.get("code"))),
                    esc(&text(r.get("label"))),
                ];
                for c in &columns {
                    let v = r
                        .get("values")
                        .and_then(|v| v.get(c))
                        .and_then(Value::as_f64);
                    cells.push(match v {
                        Some(v) => format!(
                            "<span data-cell=\"{}/{}/{}\" title=\"{}\">{}</span>",
                            esc(&kind),
                            esc(&key),
                            esc(c),
                            esc(&place_text(r.get("value_at").and_then(|a| a.get(c)), None)),
                            esc(&printed_value(r, v, &mut used))
                        ),
                        None => String::new(),
                    });
                }
                cells
            })
            .collect();
        out.push_str(&table("data", &headers, &numeric, &rows));
    }
    out
}

fn facts(report: &LoadedReport) -> String {
    let list = report.list("facts");
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|f| {
            vec![
                esc(&text(f.get("name"))),
                esc(&text(f.get("item"))),
                esc(&text(f.get("printed"))),
                esc(&text(f.get("unit"))),
                esc(&place_text(f.get("sentence_at"), f.get("page"))),
                format!("<code>{}</code>", esc(&text(f.get("cell")))),
                esc(&text(f.get("sentence"))),
            ]
        })
        .collect();
    format!(
        "<h2 id=\"facts\">Facts 文字中的数字 ({})</h2>\n{}",
        list.len(),
        table(
            "data",
            &[
                "name", "item", "printed", "unit", "where", "cell", "sentence"
            ],
            &[false, false, true, false, false, false, false],
            &rows
        )
    )
}

fn spending_chart(report: &LoadedReport) -> String {
    let classes = super::figures::spending_by_class(report);
    if classes.is_empty() {
        return String::new();
    }
    let items: Vec<Item> = classes
        .iter()
        .map(|(name, v)| Item {
            label: name.clone(),
            values: vec![*v],
        })
        .collect();
    format!(
        "<h2 id=\"charts\">Spending by 类 (万元)</h2>\n{}",
        charts::grouped(
            "本年支出合计 by 类, 万元",
            &["本年支出合计".to_string()],
            &items
        )
    )
}
