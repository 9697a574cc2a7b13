//! The 目录: which sections and tables a report says it has, and the table
//! items of the review (listed tables found, missing, or published apart).

use super::{Problem, ProblemKind, ReviewItem};
use crate::document_kind::DocumentKind;
use crate::lines::Line;
use crate::report::Report;
use crate::templates::Templates;

/// How far after the 目录 heading its entries are looked for.
const TOC_LINES: usize = 60;
/// How far into a report the 目录 heading is looked for.
const TOC_SEARCH: usize = 150;

/// One 目录 entry.
#[derive(Debug, Clone, PartialEq)]
pub struct TocEntry {
    /// The entry's text without ordinal, leader dots and page number.
    pub text: String,
    /// The table kind, when the entry is a table title of the report's document.
    pub kind: Option<String>,
}

/// The 目录 as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Toc {
    /// Entries in order (wrapped entries joined).
    pub entries: Vec<TocEntry>,
    /// Index of the first line after the 目录 (0 when there is none).
    pub end: usize,
}

impl Toc {
    /// Does the 目录 list a section named by any of `headings`?
    pub fn lists_any(&self, headings: &[String]) -> bool {
        self.entries
            .iter()
            .any(|e| headings.iter().any(|h| e.text.contains(h.as_str())))
    }
}

/// The longest 目录 entry that may end with a full stop.
const ENTRY_MAX_CHARS: usize = 40;

/// A short line that starts an entry and whose only full stop ends it.
fn is_entry_with_full_stop(text: &str) -> bool {
    starts_entry(text)
        && text.chars().count() <= ENTRY_MAX_CHARS
        && text.find('。') == Some(text.len() - '。'.len_utf8())
}

/// An entry's text: ordinal, leader dots, page numbers, a closing full stop
/// and spaces removed.
fn clean(text: &str) -> String {
    let t = crate::text_norm::compact(text);
    let t = t.trim_end_matches('。');
    let t = t
        .trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '…' | '·' | '-' | '—'));
    crate::grammar::ordinal::strip_ordinal(t).to_string()
}

/// True for a page-number line (`— 1 —`, `- 2 -`, `3`).
fn is_page_number(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || matches!(c, '-' | '—' | '－'))
}

/// Does an entry begin a new item (an ordinal, 第N部分), rather than continue a wrapped one?
fn starts_entry(text: &str) -> bool {
    crate::grammar::ordinal::has_ordinal(text) || text.starts_with('第')
}

/// The table kind whose title (of `document`) ends `text`.
pub fn table_kind(text: &str, templates: &Templates, document: DocumentKind) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for t in templates
        .tables
        .iter()
        .filter(|t| t.template.document == document)
    {
        for re in t.title_patterns.iter().filter(|re| re.may_end_at_end(text)) {
            for m in re.find_iter(text) {
                let len = m.as_str().chars().count();
                if m.end() == text.len() && best.is_none_or(|(l, _)| len > l) {
                    best = Some((len, t.template.kind.as_str()));
                }
            }
        }
    }
    best.map(|(_, k)| k.to_string())
}

/// Reads the 目录: the lines after a `目录` heading up to the first sentence
/// or the first entry printed again (the body's own heading).
pub fn read_toc(lines: &[Line], templates: &Templates, document: DocumentKind) -> Toc {
    let Some(start) = lines
        .iter()
        .take(TOC_SEARCH)
        .position(|l| l.compact() == "目录")
    else {
        return Toc::default();
    };
    let mut raw: Vec<String> = Vec::new();
    let mut end = start + 1;
    for (i, line) in lines.iter().enumerate().skip(start + 1).take(TOC_LINES) {
        let text = line.compact();
        end = i;
        // A sentence ends the 目录; an entry may end with a full stop (一、主要职能。).
        if text.contains('。') && !is_entry_with_full_stop(&text) {
            break;
        }
        if is_page_number(&line.joined()) || text.is_empty() {
            continue;
        }
        let entry = clean(&text);
        if raw.first().is_some_and(|f| clean(f) == entry) {
            break;
        }
        // Entries printed with leader dots end at the first line without them.
        let dotted = |t: &str| t.contains("...") || t.contains('…');
        let led = raw.iter().filter(|r| dotted(r)).count();
        if led >= 2 && led * 2 > raw.len() && !dotted(&text) && !starts_entry(&text) {
            break;
        }
        match raw.last_mut() {
            Some(last) if !starts_entry(&text) && !dotted(&text) && !dotted(last) => {
                // A complete entry followed by a line that starts none: the body.
                if ENTRY_ENDS.iter().any(|e| clean(last).ends_with(e)) {
                    break;
                }
                last.push_str(&text)
            }
            _ => raw.push(text),
        }
        end = i + 1;
    }
    let entries = raw
        .iter()
        .map(|r| {
            let text = clean(r);
            let kind = table_kind(&text, templates, document);
            TocEntry { text, kind }
        })
        .collect();
    Toc { entries, end }
}

/// How a complete 目录 entry ends (a line after one that starts no entry is the body).
const ENTRY_ENDS: [&str; 7] = ["表", "说明", "职能", "设置", "解释", "概况", "目标"];

/// Words saying the tables are printed in another file.
const PUBLISHED_APART: [&str; 4] = ["附后", "另行公开", "单独公开", "另附"];

/// The review items of the tables: each listed table (or, without a 目录,
/// each table read) with the table's failed identities; listed tables that
/// are missing, or a note that the report publishes its tables separately.
pub fn table_items(toc: &Toc, report: &Report, lines: &[Line]) -> Vec<ReviewItem> {
    let listed: Vec<(&str, &str)> = toc
        .entries
        .iter()
        .filter_map(|e| e.kind.as_deref().map(|k| (e.text.as_str(), k)))
        .collect();
    let wanted: Vec<(String, String)> = if listed.is_empty() {
        report
            .tables
            .iter()
            .map(|t| (t.title.clone(), t.kind.clone()))
            .collect()
    } else {
        listed
            .iter()
            .map(|(t, k)| (t.to_string(), k.to_string()))
            .collect()
    };
    let none_found = wanted
        .iter()
        .all(|(_, k)| report.tables.iter().all(|t| &t.kind != k));
    let apart = none_found
        && lines
            .iter()
            .any(|l| PUBLISHED_APART.iter().any(|w| l.compact().contains(w)));
    wanted
        .into_iter()
        .map(|(title, kind)| {
            let found = report.tables.iter().find(|t| t.kind == kind);
            let mut problems = Vec::new();
            let mut note = None;
            match found {
                None if apart => {
                    note = Some("tables published separately (the report says 附后)".into())
                }
                None => problems.push(Problem {
                    kind: ProblemKind::MissingTable,
                    message: format!("the 目录 lists {title} but the report does not print it"),
                    page: None,
                    excerpt: String::new(),
                }),
                Some(t) => problems.extend(failed_identities(report, &t.kind)),
            }
            ReviewItem {
                item: title,
                ok: problems.is_empty(),
                note,
                problems,
            }
        })
        .collect()
}

/// The review item of the table of `kind`: its 目录 entry, else its title.
pub fn table_item_name(toc: &Toc, report: &Report, kind: &str) -> Option<String> {
    toc.entries
        .iter()
        .find(|e| e.kind.as_deref() == Some(kind))
        .map(|e| e.text.clone())
        .or_else(|| {
            report
                .tables
                .iter()
                .find(|t| t.kind == kind)
                .map(|t| t.title.clone())
        })
}

/// The table's own identities that fail (not rounding, not cross-table).
fn failed_identities(report: &Report, kind: &str) -> Vec<Problem> {
    use crate::checks::{CheckKind, Outcome};
    report
        .checks
        .iter()
        .filter(|c| {
            c.outcome == Outcome::Fail && c.table == kind && c.kind != CheckKind::CrossTable
        })
        .map(|c| Problem {
            kind: ProblemKind::TableIdentity,
            message: format!(
                "{} at {}: {} printed, {} by the rule",
                c.rule, c.location, c.found, c.expected
            ),
            page: c.page,
            excerpt: String::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_may_end_with_a_full_stop_a_sentence_ends_the_toc() {
        assert!(is_entry_with_full_stop("一、主要职能。"));
        assert!(is_entry_with_full_stop(
            "二、2017年度部门主要工作任务及目标。"
        ));
        assert!(!is_entry_with_full_stop(
            "江苏省高级人民法院是国家审判机关。"
        ));
        assert!(!is_entry_with_full_stop("一、主要职能。其主要职责是:"));
        assert_eq!(clean("一、主要职能。"), "主要职能");
    }
}
