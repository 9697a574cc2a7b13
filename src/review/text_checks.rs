//! Checks on a section's wording: sentences cut off, doubled or missing full
//! stops, unbalanced quotes, years that are not the budget's, a 单位 report
//! calling itself 部门, template alternatives left in.

use super::sections::Section;
use super::vocabulary::Vocabulary;
use super::{Problem, ProblemKind};
use crate::document_kind::Level;
use crate::report::Report;
use regex::Regex;
use std::sync::LazyLock;

static YEAR: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"(\d{4})年").ok());
static COMPARED: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?:比|与|较)(\d{4})年").ok());
static CUT_OFF: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?:原因是|主要用于|其中)[:：]?[。；;]").ok());

/// A line shorter than this share of the section's longest line ends its paragraph.
const SHORT_LINE: f64 = 0.7;

/// Every wording problem of a section.
pub fn check(
    section: &Section,
    report: &Report,
    level: Option<Level>,
    vocabulary: &Vocabulary,
) -> Vec<Problem> {
    let (text, pages) = section.text_with_pages();
    let mut out = Vec::new();
    let page_at = |byte: usize| pages.get(text[..byte].chars().count()).copied();
    let mut problem = |kind, message: String, byte: usize| {
        out.push(Problem {
            kind,
            message,
            page: page_at(byte),
            excerpt: sentence_at(&text, byte).to_string(),
        })
    };
    if let Some(re) = CUT_OFF.as_ref() {
        for m in re.find_iter(&text) {
            problem(
                ProblemKind::CutOffSentence,
                format!("the sentence stops after “{}”", m.as_str()),
                m.start(),
            );
        }
    }
    for (i, _) in text.match_indices("。。") {
        problem(
            ProblemKind::DoubledFullStop,
            "two full stops in a row".into(),
            i,
        );
    }
    let mut offset = 0;
    for s in text.split_inclusive('。') {
        if s.matches('“').count() != s.matches('”').count() {
            problem(
                ProblemKind::UnbalancedQuote,
                "opening and closing quotes do not pair".into(),
                offset,
            );
        }
        offset += s.len();
    }
    for t in &vocabulary.template_texts {
        for (i, _) in text.match_indices(t.as_str()) {
            problem(
                ProblemKind::TemplateText,
                format!("the template's “{t}” is printed instead of one word"),
                i,
            );
        }
    }
    if level == Some(Level::Unit) {
        for w in &vocabulary.unit_level_wrong {
            for (i, _) in text.match_indices(w.as_str()) {
                let after = &text[i + w.len()..];
                if vocabulary
                    .level_exceptions
                    .iter()
                    .any(|e| after.starts_with(e.as_str()))
                {
                    continue;
                }
                problem(
                    ProblemKind::WrongLevel,
                    format!("a 单位预算 calls itself “{w}”"),
                    i,
                );
            }
        }
    }
    if let Some(year) = report.year
        && vocabulary.year_sections.contains(&section.item)
    {
        year_problems(&text, year, &mut problem);
    }
    out.extend(missing_full_stops(section));
    out
}

fn year_problems(text: &str, year: i32, problem: &mut impl FnMut(ProblemKind, String, usize)) {
    if let Some(re) = COMPARED.as_ref() {
        for c in re.captures_iter(text) {
            let (Some(m), Some(y)) = (c.get(0), c.get(1)) else {
                continue;
            };
            if y.as_str().parse::<i32>().ok() == Some(year) {
                problem(
                    ProblemKind::WrongYear,
                    format!(
                        "compares {year} with {year} (the year before is {})",
                        year - 1
                    ),
                    m.start(),
                );
            }
        }
    }
    if let Some(re) = YEAR.as_ref() {
        for c in re.captures_iter(text) {
            let (Some(m), Some(y)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let y: i32 = y.as_str().parse().unwrap_or(year);
            if y != year && y != year - 1 {
                problem(
                    ProblemKind::WrongYear,
                    format!("{y} is neither the budget year {year} nor the year before"),
                    m.start(),
                );
            }
        }
    }
}

/// The sentence around byte `at` (from the previous 。 to the next).
fn sentence_at(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('。').map_or(0, |i| i + '。'.len_utf8());
    let end = text[at..]
        .char_indices()
        .skip(1)
        .find(|(_, c)| *c == '。')
        .map_or(text.len(), |(i, c)| at + i + c.len_utf8());
    &text[start..end]
}

/// A statement of a reason (原因是…) ending its paragraph (a short line)
/// without a full stop.
fn missing_full_stops(section: &Section) -> Vec<Problem> {
    // A full line's length: the upper quartile of the section's lines (the
    // longest may be a table's or a heading's, far wider than the text).
    let mut lengths: Vec<usize> = section
        .lines
        .iter()
        .map(|l| l.text.chars().count())
        .collect();
    lengths.sort_unstable();
    let longest = lengths.get(lengths.len() * 3 / 4).copied().unwrap_or(0);
    /// A next line whose sentence ends within this many characters continues the line.
    const WRAP_TAIL: usize = 8;
    let continued = |i: usize| {
        section.lines.get(i + 1).is_some_and(|n| {
            n.text
                .char_indices()
                .position(|(_, c)| c == '。')
                .is_some_and(|p| p < WRAP_TAIL)
        })
    };
    section
        .lines
        .iter()
        .enumerate()
        .filter(|(i, _)| !continued(*i))
        .map(|(_, l)| l)
        .filter(|l| {
            let tail = l.text.rsplit('。').next().unwrap_or("");
            let short = (l.text.chars().count() as f64) < SHORT_LINE * longest as f64;
            short
                && tail.contains("原因是")
                && !tail.ends_with(['。', '；', ';', '：', ':', '！', '？'])
        })
        .map(|l| Problem {
            kind: ProblemKind::MissingFullStop,
            message: "the statement ends without a full stop".into(),
            page: Some(l.page),
            excerpt: l.text.clone(),
        })
        .collect()
}
