//! The disclosure review: the items of the official 公开情况检查表 (封面, 目录,
//! 主要职能 … each table … 项目经费情况说明), each `ok` or with the problems a
//! machine can find — a section or table missing, a blank page, text that did
//! not decode, a wrong year, a sentence cut off, a doubled or missing full
//! stop, an unbalanced quote, an item stated with two amounts, a percentage its
//! own figures do not give, a 科目 named differently in text and table, a
//! 单位预算 calling itself 部门预算, text not displayed in full.
//!
//! It reads the report's lines (for pages and the narrative as printed), the
//! text the PDF stage found drawn out of sight, and the normalised report
//! (tables, checks, year, document).

pub mod hidden_text;
pub mod item_figures;
pub mod render;
pub mod sections;
pub mod text_checks;
pub mod toc;
/// The review's words live with the other grammar files.
pub use crate::templates::vocabulary;

use crate::document_kind::{DocumentKind, Level};
use crate::lines::Line;
use crate::pdf::HiddenText;
use crate::report::Report;
use crate::templates::Templates;
use hidden_text::Owner;
use serde::Serialize;

/// What kind of problem was found (stable names for machines).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// A section the 目录 lists (or every report has) is not in the body.
    MissingSection,
    /// A table the 目录 lists is not in the report.
    MissingTable,
    /// A page with no text at all.
    BlankPage,
    /// Glyphs that did not decode, replacement or private-use characters.
    Undecodable,
    /// A year that is neither the report's nor the one before, or a comparison with the wrong year.
    WrongYear,
    /// A sentence that stops where its content should be (“主要原因是。”).
    CutOffSentence,
    /// Two full stops in a row.
    DoubledFullStop,
    /// A statement that ends without its full stop.
    MissingFullStop,
    /// Opening and closing quotes that do not pair.
    UnbalancedQuote,
    /// One item stated with two different amounts.
    TwoAmounts,
    /// A percentage its own figures do not give.
    WrongPercentage,
    /// A 科目 named differently in the text and in the tables.
    SubjectName,
    /// A 单位 report calling itself 部门 (or the reverse).
    WrongLevel,
    /// A template's alternative left in (“增加（减少）”).
    TemplateText,
    /// A table's own identity does not hold.
    TableIdentity,
    /// Text drawn but not displayed in full: cut off by a clip or the page
    /// edge, or painted over (PDF input only).
    HiddenText,
}

/// One problem, located.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// What kind of problem.
    pub kind: ProblemKind,
    /// What is wrong, in words.
    pub message: String,
    /// The page it is on, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// The text concerned, as printed (a sentence or less).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub excerpt: String,
}

/// One item of the checklist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewItem {
    /// The item (封面, 目录, 主要职能 …, a table's title, 其他相关说明 …).
    pub item: String,
    /// True when no problem was found.
    pub ok: bool,
    /// A remark that is not a problem (tables published separately).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The problems found.
    pub problems: Vec<Problem>,
}

/// The review of one report.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Review {
    /// 部门 or 单位, as the cover says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// The checklist's items in order.
    pub items: Vec<ReviewItem>,
}

impl Review {
    /// Every problem, with its item.
    pub fn problems(&self) -> impl Iterator<Item = (&str, &Problem)> {
        self.items
            .iter()
            .flat_map(|i| i.problems.iter().map(move |p| (i.item.as_str(), p)))
    }
}

/// Reviews a budget report (final accounts get an empty review: their
/// checklist is another one). `hidden` is the text a PDF draws out of sight
/// (empty for text input).
pub fn review(
    lines: &[Line],
    hidden: &[HiddenText],
    report: &Report,
    templates: &Templates,
) -> Review {
    if report.document != DocumentKind::Budget {
        return Review::default();
    }
    let claim = crate::document_kind::detect(lines);
    let level = claim.level;
    let vocabulary = &templates.vocabulary;
    let toc = toc::read_toc(lines, templates, report.document);
    let table_of = |text: &str| {
        if text.chars().count() <= 60 && !text.contains('。') {
            toc::table_kind(text, templates, report.document)
        } else {
            None
        }
    };
    let opens_table = |text: &str| table_of(text).is_some();
    let body = sections::split_with(lines, &toc, vocabulary, opens_table);
    let mut hidden = hidden_text::find(hidden, lines, toc.end, &body, vocabulary, table_of);
    let mut items = Vec::new();
    items.push(item("封面", Vec::new(), None));
    let mut toc_problems = sections::blank_pages(lines);
    toc_problems.extend(sections::undecodable(lines));
    toc_problems.extend(
        report
            .warnings
            .iter()
            .filter(|w| w.message.contains("could not be decoded"))
            .map(|w| Problem {
                kind: ProblemKind::Undecodable,
                message: w.message.clone(),
                page: w.page,
                excerpt: String::new(),
            }),
    );
    items.push(item("目录", toc_problems, None));
    for def in &vocabulary.sections {
        let name = def.item.as_str();
        let section = body.iter().find(|s| s.item == name);
        let mut problems = Vec::new();
        match section {
            Some(s) => {
                problems.extend(text_checks::check(s, report, level, vocabulary));
                problems.extend(item_figures::check(s, report, vocabulary));
                problems.extend(take_owned(&mut hidden, &Owner::Section(name.to_string())));
            }
            None if toc.lists_any(&def.headings) => problems.push(Problem {
                kind: ProblemKind::MissingSection,
                message: format!("the 目录 lists {name} but the report has no such section"),
                page: None,
                excerpt: String::new(),
            }),
            None => continue,
        }
        items.push(item(name, problems, None));
    }
    items.extend(toc::table_items(&toc, report, lines));
    for (owner, problem) in hidden {
        let name = match &owner {
            Owner::Table(kind) => toc::table_item_name(&toc, report, kind),
            Owner::Section(name) => Some(name.clone()),
            Owner::Document => None,
        };
        let at = name
            .and_then(|n| items.iter().position(|i| i.item == n))
            .or_else(|| items.iter().position(|i| i.item == "目录"));
        if let Some(i) = at.and_then(|at| items.get_mut(at)) {
            i.problems.push(problem);
            i.ok = false;
        }
    }
    Review { level, items }
}

/// Removes and returns the problems that belong to `owner`.
fn take_owned(hidden: &mut Vec<(Owner, Problem)>, owner: &Owner) -> Vec<Problem> {
    let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(hidden)
        .into_iter()
        .partition(|(o, _)| o == owner);
    *hidden = rest;
    mine.into_iter().map(|(_, p)| p).collect()
}

fn item(name: &str, problems: Vec<Problem>, note: Option<String>) -> ReviewItem {
    ReviewItem {
        item: name.to_string(),
        ok: problems.is_empty(),
        note,
        problems,
    }
}
