//! The rest of the document as structure, not lost text: the unit profile
//! (第一部分), every narrative section under its heading, the 重点工作完成情况
//! table and the 名词解释 glossary.

pub mod glossary;
pub mod key_works;
pub mod outline;
pub mod unit_profile;

pub use glossary::GlossaryEntry;
pub use key_works::KeyWork;
pub use outline::Section;
pub use unit_profile::{ComponentUnit, UnitProfile};

use crate::grammar::Block;
use crate::lines::Line;
use serde::Serialize;

/// The document's structure beyond its tables and figures.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct DocumentStructure {
    /// The unit profile of 第一部分.
    pub profile: UnitProfile,
    /// Every narrative section with its text, in order.
    pub outline: Vec<Section>,
    /// The 重点工作完成情况 table, when printed.
    pub key_works: Vec<KeyWork>,
    /// The 名词解释 glossary, term → definition.
    pub glossary: Vec<GlossaryEntry>,
}

/// Reads the structure from the narrative blocks and the document's lines.
pub fn read_structure(sections: &[Block], lines: &[Line]) -> DocumentStructure {
    DocumentStructure {
        profile: unit_profile::read_profile(sections, lines),
        outline: outline::outline(sections),
        key_works: key_works::read_key_works(lines),
        glossary: glossary::read_glossary(sections),
    }
}

/// An item number at the start of a paragraph: (一) 一、 1. 1、 — shared by
/// the numbered lists of 主要职能 and of the glossary.
pub(crate) const ITEM_NUMBER: &str = r"(?:\(?[一二三四五六七八九十]+[)、]|[0-9]+[.、])";

/// The compact text of a block, when it is a heading or paragraph.
pub(crate) fn block_text(block: &Block) -> Option<(&str, u32, Option<u8>)> {
    match block {
        Block::Heading { text, level, page } => Some((text, *page, Some(*level))),
        Block::Paragraph { text, page } => Some((text, *page, None)),
        Block::Table(_) => None,
    }
}

/// The blocks after a heading matching `is_start`, up to the next heading of
/// the same or a higher level: the first such range that holds anything (a
/// table of contents repeats the headings with nothing under them).
pub(crate) fn under_heading(sections: &[Block], is_start: impl Fn(&str) -> bool) -> &[Block] {
    let mut i = 0;
    while i < sections.len() {
        if let Some(Block::Heading { text, level, .. }) = sections.get(i)
            && is_start(text)
        {
            let end = sections
                .iter()
                .enumerate()
                .skip(i + 1)
                .find(|(_, b)| matches!(b, Block::Heading { level: l, .. } if l <= level))
                .map(|(j, _)| j)
                .unwrap_or(sections.len());
            let range = sections.get(i + 1..end).unwrap_or_default();
            if !range.is_empty() {
                return range;
            }
        }
        i += 1;
    }
    &[]
}
