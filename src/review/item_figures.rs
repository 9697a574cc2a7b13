//! The numbered 科目 items of the 预算编制说明 (“1、公共安全支出（204类）司法（06款）
//! 行政运行（01项）1672.67万元 … 2025年当年预算执行数为1690.69万元，2026年预算安排
//! 1672.67万元，比2025年预算执行数减少1.07%”): the amount stated twice, the
//! percentage recomputed from its own figures, the 类 name against the tables.

use super::sections::Section;
use super::vocabulary::Vocabulary;
use super::{Problem, ProblemKind};
use crate::facts::percent_bounds::{change_range, printed_within};
use crate::report::Report;
use regex::Regex;
use std::sync::LazyLock;

static ITEM: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(\d+)、([^()、。]+?)\((\d{3})类\)([^()。]+?)\((\d{1,2})款\)([^()。]+?)\((\d{1,2})项\)([\d,]+(?:\.\d+)?)万元",
    )
    .ok()
});
static CHANGE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(\d{4})年当年预算执行数为([\d,]+(?:\.\d+)?)万元[,，]\d{4}年预算安排([\d,]+(?:\.\d+)?)万元[,，]比\d{4}年预算执行数(增加|减少)([\d.]+)%",
    )
    .ok()
});

fn amount(s: &str) -> Option<f64> {
    s.replace(',', "").parse().ok()
}

/// One numbered item as printed.
struct Item<'t> {
    start: usize,
    body: &'t str,
    class_name: &'t str,
    class_code: &'t str,
    code: String,
    stated: f64,
}

fn items(text: &str) -> Vec<Item<'_>> {
    let Some(re) = ITEM.as_ref() else {
        return Vec::new();
    };
    let heads: Vec<_> = re.captures_iter(text).collect();
    let starts: Vec<usize> = heads
        .iter()
        .filter_map(|c| c.get(0))
        .map(|m| m.start())
        .collect();
    heads
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let start = c.get(0)?.start();
            let end = starts.get(i + 1).copied().unwrap_or(text.len());
            let pad = |s: &str| format!("{s:0>2}");
            Some(Item {
                start,
                body: text.get(start..end)?,
                class_name: c.get(2)?.as_str(),
                class_code: c.get(3)?.as_str(),
                code: format!(
                    "{}{}{}",
                    c.get(3)?.as_str(),
                    pad(c.get(5)?.as_str()),
                    pad(c.get(7)?.as_str())
                ),
                stated: amount(c.get(8)?.as_str())?,
            })
        })
        .collect()
}

/// The name the tables print for a code (the first table that has the row).
fn table_name<'r>(report: &'r Report, code: &str) -> Option<&'r str> {
    [
        "general_budget_expenditure",
        "expenditure",
        "income",
        "fiscal_grant_expenditure",
    ]
    .iter()
    .filter_map(|k| report.table(k))
    .find_map(|t| t.row(code))
    .map(|r| r.name.as_str())
}

/// The amount the tables print for a code, in 万元.
fn table_amount(report: &Report, code: &str) -> Option<f64> {
    let t = report.table("general_budget_expenditure")?;
    let v = t.row(code)?.values.get("合计")?;
    let unit = t.amount_unit.as_deref().or(report.amount_unit.as_deref());
    Some(match unit {
        Some("元") => v / 10_000.0,
        Some("千元") => v / 10.0,
        _ => v,
    })
}

/// Does `printed` (with its decimals) state `exact`, rounded or truncated?
fn states(printed: &str, exact: f64) -> bool {
    let decimals = printed.split('.').nth(1).map_or(0, str::len);
    let scale = 10f64.powi(i32::try_from(decimals).unwrap_or(0));
    let Ok(p) = printed.parse::<f64>() else {
        return true;
    };
    let p = (p * scale).round();
    (exact * scale).round() == p || (exact * scale + 1e-6).trunc() == p
}

/// Half the unit of an amount printed in 万元 to two decimals: the
/// rounding each of an item's amounts may carry.
const HALF_CENT: f64 = 0.005;

/// Problems of the numbered items of a section.
pub fn check(section: &Section, report: &Report, vocabulary: &Vocabulary) -> Vec<Problem> {
    let (text, pages) = section.text_with_pages();
    let page_at = |byte: usize| pages.get(text[..byte].chars().count()).copied();
    let mut out = Vec::new();
    for item in items(&text) {
        let page = page_at(item.start);
        let excerpt = item.body.chars().take(120).collect::<String>();
        let mut push = |kind, message: String| {
            out.push(Problem {
                kind,
                message,
                page,
                excerpt: excerpt.clone(),
            })
        };
        if let Some(name) = table_name(report, item.class_code)
            && name != item.class_name
        {
            let former = vocabulary
                .former_names
                .get(item.class_code)
                .is_some_and(|f| f.iter().any(|n| n == item.class_name));
            push(
                ProblemKind::SubjectName,
                format!(
                    "the text names {}类 “{}”{}, the tables “{}”",
                    item.class_code,
                    item.class_name,
                    if former { " (its former name)" } else { "" },
                    name
                ),
            );
        }
        let Some(c) = CHANGE.as_ref().and_then(|re| re.captures(item.body)) else {
            continue;
        };
        let (Some(last), Some(planned), Some(dir), Some(pct)) = (
            c.get(2).and_then(|m| amount(m.as_str())),
            c.get(3).and_then(|m| amount(m.as_str())),
            c.get(4).map(|m| m.as_str()),
            c.get(5).map(|m| m.as_str()),
        ) else {
            continue;
        };
        if (planned - item.stated).abs() >= 0.005 {
            let table = table_amount(report, &item.code);
            let agrees = table.map(|t| {
                if (t - item.stated).abs() < 0.005 {
                    format!("; the table's {t:.2}万元 agrees with the first")
                } else if (t - planned).abs() < 0.005 {
                    format!("; the table's {t:.2}万元 agrees with the second")
                } else {
                    format!("; the table prints {t:.2}万元")
                }
            });
            push(
                ProblemKind::TwoAmounts,
                format!(
                    "{} is stated as {}万元 and as {}万元{}",
                    item.code,
                    item.stated,
                    planned,
                    agrees.unwrap_or_default()
                ),
            );
        }
        if last == 0.0 {
            continue;
        }
        let signed = if dir == "减少" { -1.0 } else { 1.0 };
        let exact = (planned - last) / last * 100.0;
        // The amounts are printed rounded to their decimals: any percentage
        // between the extremes of their rounding intervals is consistent.
        let gives = |base: f64| {
            let e = (base - last) / last * 100.0;
            let p: f64 = pct.parse().unwrap_or(f64::NAN) * signed;
            let possible = last <= HALF_CENT
                || change_range(base, HALF_CENT, last, HALF_CENT)
                    .is_none_or(|range| printed_within(p, pct, range));
            states(pct, (e * signed).abs()) && e.signum() == signed || possible
        };
        if !gives(planned) && !gives(item.stated) {
            push(
                ProblemKind::WrongPercentage,
                format!(
                    "{}万元 against {}万元 is {:+.2}%, not {}{}%",
                    planned,
                    last,
                    exact,
                    if signed < 0.0 { "-" } else { "+" },
                    pct
                ),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_read_to_their_printed_decimals() {
        assert!(states("17.62", 17.624));
        assert!(states("28", 28.0));
        assert!(!states("17.62", -91.1));
        assert!(!states("1.10", 15.13));
    }
}
