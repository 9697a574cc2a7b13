//! One report's page: who and what (unit, year, document type), its
//! discrepancies with the sentence and both crops, its checks with their
//! outcomes, every table with canonical columns and the numbers as printed,
//! its narrative facts and a chart of its spending.

use super::charts::{self, Item};
use super::crops::ReportCrops;
use super::html::{esc, outcome_tag, page, table};
use super::load::LoadedReport;
use crate::provenance::Provenance;
use crate::show::{CheckJson, RowJson, Shown};
use std::fmt::Write;

/// The page's HTML (it lives in `site/reports/`, one folder below the root).
pub fn report_page(report: &LoadedReport, crops: &ReportCrops) -> String {
    let mut body = String::new();
    let r = &report.json;
    let unit = r.unit.as_str();
    let _ = writeln!(
        body,
        "<h1>{}</h1>\n<dl class=\"meta\"><dt>Unit 单位</dt><dd>{}</dd><dt>Year 年度</dt><dd>{}</dd>\
         <dt>Document 文件类型</dt><dd>{}</dd><dt>Input</dt><dd>{} · {} pages</dd>\
         <dt>Amount unit 金额单位</dt><dd>{}</dd><dt>Source</dt><dd>{}</dd></dl>",
        esc(if unit.is_empty() { &report.name } else { unit }),
        esc(unit),
        esc(r.year.as_str()),
        esc(&document_type(report)),
        esc(r.input_kind.as_str()),
        esc(r.pages.as_str()),
        esc(r.amount_unit.as_str()),
        esc(r.source.as_str()),
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
    let stated = report.json.document.as_str();
    if !stated.is_empty() {
        return stated.to_string();
    }
    let titles: String = report
        .json
        .tables
        .iter()
        .map(|t| t.title.as_str())
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
fn place_text(at: Option<&Provenance>, fallback_page: &Shown) -> String {
    let page = at
        .map(|p| u64::from(p.page))
        .or_else(|| fallback_page.as_str().parse().ok());
    let line = at.and_then(|p| p.line);
    match (page, line) {
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
    let list = &report.json.discrepancies;
    let mut out = format!(
        "<h2 id=\"discrepancies\">Discrepancies 不一致 ({})</h2>\n",
        list.len()
    );
    for (k, d) in list.iter().enumerate() {
        let (sentence_crop, cell_crop) = crops.discrepancies.get(k).cloned().unwrap_or_default();
        let _ = writeln!(
            out,
            "<div class=\"discrepancy\" id=\"d{n}\"><h3>{n}. {} {}</h3>\
             <p>Narrative 文字: <b class=\"narrative-value\">{}</b> {} · table 表格: <b class=\"table-value\">{}</b> \
             · difference 差额 {} {}</p>\
             <blockquote>{}</blockquote><p class=\"muted\">sentence {} · cell <code>{}</code> {}</p>{}{}</div>",
            esc(d.fact.as_str()),
            esc(d.item.as_str()),
            esc(d.narrative_value.as_str()),
            esc(d.unit.as_str()),
            esc(d.table_value.as_str()),
            esc(d.difference.as_str()),
            esc(d.note.as_str()),
            esc(d.sentence.as_str()),
            esc(&place_text(d.sentence_at.as_ref(), &d.page)),
            esc(d.cell.as_str()),
            esc(&place_text(d.cell_at.as_ref(), &d.cell_page)),
            img(&sentence_crop, "the sentence on the page"),
            img(&cell_crop, "the table cell on the page"),
            n = k + 1,
        );
    }
    out
}

fn checks(report: &LoadedReport, crops: &ReportCrops) -> String {
    let all = &report.json.checks;
    let open: Vec<(usize, &CheckJson)> = report.json.open_checks().collect();
    let mut out = format!(
        "<h2 id=\"checks\">Checks 校验 ({} of {} not passing)</h2>\n",
        open.len(),
        all.len()
    );
    let row = |i: usize, c: &CheckJson| {
        vec![
            outcome_tag(c.outcome.as_str()),
            esc(c.kind.as_str()),
            esc(c.rule.as_str()),
            format!("<code>{}</code>", esc(c.location.as_str())),
            esc(c.page.as_str()),
            esc(c.expected.as_str()),
            esc(c.found.as_str()),
            esc(c.difference.as_str()),
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
        .filter(|c| c.outcome.as_str() == "pass")
        .map(|c| {
            vec![
                esc(c.kind.as_str()),
                esc(c.location.as_str()),
                esc(c.found.as_str()),
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
fn printed_value(row: &RowJson, value: f64, used: &mut Vec<bool>) -> String {
    let printed = &row.printed;
    used.resize(printed.len(), false);
    for (i, p) in printed.iter().enumerate() {
        let p = p.as_str();
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
    for t in &report.json.tables {
        let kind = t.kind.as_str();
        let columns: Vec<&str> = t.columns.iter().map(Shown::as_str).collect();
        let _ = writeln!(
            out,
            "<h3 id=\"t-{}\">{} <span class=\"muted\">{} · p. {} · {}</span></h3>",
            esc(kind),
            esc(t.title.as_str()),
            esc(kind),
            esc(t.page.as_str()),
            esc(t.amount_unit.as_str())
        );
        let mut headers = vec!["row 行", "code 编码", "name 名称"];
        headers.extend(columns.iter().copied());
        let mut numeric = vec![false, false, false];
        numeric.extend(columns.iter().map(|_| true));
        let no_page = Shown::default();
        let rows: Vec<Vec<String>> = t
            .rows
            .iter()
            .map(|r| {
                let key = r.key.as_str();
                let mut used = Vec::new();
                let mut cells = vec![esc(key), esc(r.code.as_str()), esc(r.label.as_str())];
                for c in &columns {
                    let v = r.values.get(c).copied().flatten();
                    cells.push(match v {
                        Some(v) => format!(
                            "<span data-cell=\"{}/{}/{}\" title=\"{}\">{}</span>",
                            esc(kind),
                            esc(key),
                            esc(c),
                            esc(&place_text(r.value_at.get(c), &no_page)),
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
    let list = &report.json.facts;
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|f| {
            vec![
                esc(f.name.as_str()),
                esc(f.item.as_str()),
                esc(f.printed.as_str()),
                esc(f.unit.as_str()),
                esc(&place_text(f.sentence_at.as_ref(), &f.page)),
                format!("<code>{}</code>", esc(f.cell.as_str())),
                esc(f.sentence.as_str()),
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
