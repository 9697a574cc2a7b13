//! One narrative fact, and finding them all in a report's sections.

use super::amount::parse_number;
use super::grammar::{COUNT_UNITS, FactGrammar, FactPattern};
use super::passages::{Passage, passages};
use crate::grammar::Block;
use regex::{Captures, Regex};
use serde::Serialize;
use std::sync::LazyLock;

/// Words that make a `*_change` figure negative.
const DECREASE: [&str; 3] = ["减少", "下降", "降低"];

/// A figure stated in the narrative.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    /// The canonical name (README, "Narrative facts").
    pub name: String,
    /// What the figure is about when the name covers several (a 类 or 项 name, an income source).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The value, signed (a decrease is negative).
    pub value: f64,
    /// `万元`, `千元`, `元`, `%`, or a count unit (个, 人次, 辆, 台(套), 分 …).
    pub unit: String,
    /// The number as printed.
    pub printed: String,
    /// The sentence it was read from.
    pub sentence: String,
    /// The page of that sentence.
    pub page: u32,
    /// The headings the sentence sits under.
    pub section: String,
    /// The table cell the figure describes, when the grammar names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// Which match of which pattern produced it: facts of one match belong together.
    #[serde(skip)]
    pub origin: (usize, usize),
    /// Where the sentence is printed: page and box (PDF) or line (text);
    /// filled by [`crate::provenance::narrative`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence_at: Option<crate::provenance::Provenance>,
}

/// A count unit at the start of a text (compiled once).
static UNIT_AT_START: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(&format!("^(?:{COUNT_UNITS})")).ok());

/// A printed page number inside a name (compiled once).
static PAGE_NUMBER: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"-\d{1,3}-").ok());

fn unit_after(text: &str, end: usize) -> String {
    let Some(re) = UNIT_AT_START.as_ref() else {
        return String::new();
    };
    text.get(end..)
        .and_then(|t| re.find(t))
        .map(|m| m.as_str().to_string())
        .unwrap_or_default()
}

/// Removes printed page numbers ("-20-") that a page break left inside a name.
fn without_page_numbers(name: &str) -> String {
    match PAGE_NUMBER.as_ref() {
        Some(re) => re.replace_all(name, "").into_owned(),
        None => name.to_string(),
    }
}

fn facts_of_match(
    pattern: &FactPattern,
    caps: &Captures<'_>,
    passage: &Passage,
    origin: (usize, usize),
    out: &mut Vec<Fact>,
) {
    let whole = caps.get(0).map(|m| (m.start(), m.end())).unwrap_or((0, 0));
    let item = caps.name("item").map(|m| without_page_numbers(m.as_str()));
    let negative = caps
        .name("dir")
        .is_some_and(|d| DECREASE.contains(&d.as_str()));
    let is_pct_name = |n: &str| pattern.percents.iter().any(|p| p.percent == n);
    for name in pattern.regex.capture_names().flatten() {
        if name == "item" || name == "dir" || name.ends_with("__u") {
            continue;
        }
        let Some(m) = caps.name(name) else { continue };
        let Some(mut value) = parse_number(m.as_str()) else {
            continue;
        };
        if negative && (name.ends_with("_change") || name.ends_with("_change_pct")) {
            value = -value;
        }
        let unit = match caps.name(&format!("{name}__u")) {
            Some(u) if u.as_str() == "万" => "万元".to_string(),
            Some(u) => u.as_str().to_string(),
            None if name.ends_with("_pct") || is_pct_name(name) => "%".to_string(),
            None => unit_after(&passage.text, m.end()),
        };
        let cell = pattern
            .cells
            .get(name)
            .map(|c| c.replace("{item}", item.as_deref().unwrap_or_default()));
        out.push(Fact {
            name: name.to_string(),
            item: item.clone(),
            value,
            unit,
            printed: m.as_str().to_string(),
            sentence: passage.sentence_around(whole.0, whole.1),
            page: passage.page_at(m.start()),
            section: passage.headings.clone(),
            cell,
            origin,
            sentence_at: None,
        });
    }
}

/// Every fact the grammar finds in the sections, in pattern then text order.
pub fn extract_facts(sections: &[Block], grammar: &FactGrammar) -> Vec<Fact> {
    let passages = passages(sections);
    let mut out = Vec::new();
    let mut match_id = 0;
    for (p, pattern) in grammar.patterns.iter().enumerate() {
        for passage in &passages {
            if pattern
                .section
                .as_ref()
                .is_some_and(|s| !s.is_match(&passage.headings))
            {
                continue;
            }
            if !pattern.regex.may_match(&passage.text) {
                continue;
            }
            for caps in pattern.regex.captures_iter(&passage.text) {
                match_id += 1;
                facts_of_match(pattern, &caps, passage, (p, match_id), &mut out);
            }
        }
    }
    out
}
