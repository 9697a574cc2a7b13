//! Every narrative section under its heading, with its text: the 情况说明
//! as a reader navigates it.

use crate::grammar::Block;
use serde::Serialize;

/// One heading and the paragraphs up to the next heading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// The heading, compact.
    pub heading: String,
    /// 0 part (第N部分), 1 section (一、), 2 subsection ((一)), 3 item.
    pub level: u8,
    /// The heading's page.
    pub page: u32,
    /// The paragraphs, joined.
    pub text: String,
}

/// The sections in reading order (text before the first heading is dropped:
/// a cover page carries no section).
pub fn outline(blocks: &[Block]) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for b in blocks {
        match b {
            Block::Heading { text, level, page } => out.push(Section {
                heading: text.clone(),
                level: *level,
                page: *page,
                text: String::new(),
            }),
            Block::Paragraph { text, .. } => {
                if let Some(s) = out.last_mut() {
                    s.text.push_str(text);
                }
            }
            Block::Table(_) => {}
        }
    }
    out
}
