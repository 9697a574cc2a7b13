//! The 名词解释 glossary as term → definition. An entry starts at a numbered
//! line with a colon ("(七)其他收入:指…", "3.社会保障和就业(类)…(项):反映…");
//! wrapped lines continue the definition.

use super::{ITEM_NUMBER, block_text, under_heading};
use crate::grammar::Block;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// One glossary entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GlossaryEntry {
    /// The term, without its ordinal.
    pub term: String,
    /// The definition, wrapped lines joined.
    pub definition: String,
    /// The page of the term.
    pub page: u32,
}

/// A numbered glossary entry, `term:definition` — compiled once per process.
static ENTRY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        "^{ITEM_NUMBER}(?P<term>[^:]{{1,80}}?):(?P<def>.*)$"
    ))
    .ok()
});

/// Reads the glossary part (第N部分 名词解释).
pub fn read_glossary(sections: &[Block]) -> Vec<GlossaryEntry> {
    let Some(entry) = ENTRY.as_ref() else {
        return Vec::new();
    };
    let blocks = under_heading(sections, |t| t.contains("名词解释"));
    let mut out: Vec<GlossaryEntry> = Vec::new();
    for b in blocks {
        let Some((text, page, _)) = block_text(b) else {
            continue;
        };
        if text.contains("咨询电话") {
            break;
        }
        match entry.captures(text) {
            Some(c) => out.push(GlossaryEntry {
                term: c
                    .name("term")
                    .map(|m| m.as_str().to_string())
                    .unwrap_or_default(),
                definition: c
                    .name("def")
                    .map(|m| m.as_str().to_string())
                    .unwrap_or_default(),
                page,
            }),
            None => {
                if let Some(last) = out.last_mut()
                    && !text.starts_with('(')
                {
                    last.definition.push_str(text);
                }
            }
        }
    }
    out
}
