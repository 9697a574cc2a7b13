//! Narrative lines into headings and paragraphs: wrapped prose lines are
//! joined until a sentence ends or a heading starts.

use super::document::Block;
use super::line_kind::is_part_heading;
use super::ordinal::is_cn_digit;
use super::tok_line::TokLine;

/// The heading level of a line: 1 for `一、`, 2 for `(一)`, none otherwise.
/// Long lines and full sentences are paragraphs even when numbered.
pub fn heading_level(compact: &str) -> Option<u8> {
    if compact.chars().count() > 40 || compact.contains('。') {
        return None;
    }
    let rest = compact.trim_start_matches(is_cn_digit);
    if rest.len() < compact.len() && rest.starts_with('、') {
        return Some(1);
    }
    let inner = compact.strip_prefix('(')?;
    let rest = inner.trim_start_matches(is_cn_digit);
    (rest.len() < inner.len() && rest.starts_with(')')).then_some(2)
}

fn ends_sentence(s: &str) -> bool {
    ["。", "；", ";", "：", ":", "！", "?", "？"]
        .iter()
        .any(|e| s.ends_with(e))
}

/// Accumulates narrative lines into blocks.
#[derive(Debug, Default)]
pub struct NarrativeBuilder {
    blocks: Vec<Block>,
    open: Option<(String, u32)>,
    open_heading: Option<(String, u8, u32)>,
}

impl NarrativeBuilder {
    /// Adds a narrative line.
    pub fn push(&mut self, l: &TokLine) {
        let c = l.compact.clone();
        if is_part_heading(&c) {
            self.flush();
            self.open_heading = Some((c, 0, l.page()));
            return;
        }
        if let Some((text, level, page)) = self.open_heading.take() {
            // A part heading wrapped onto a second short line.
            if level == 0
                && c.chars().count() <= 24
                && heading_level(&c).is_none()
                && !ends_sentence(&c)
            {
                self.blocks.push(Block::Heading {
                    text: text + &c,
                    level,
                    page,
                });
                return;
            }
            self.blocks.push(Block::Heading { text, level, page });
        }
        if let Some(level) = heading_level(&c) {
            self.flush();
            self.blocks.push(Block::Heading {
                text: c,
                level,
                page: l.page(),
            });
            return;
        }
        match self.open.as_mut() {
            Some((text, _)) => text.push_str(&c),
            None => self.open = Some((c, l.page())),
        }
        if self.open.as_ref().is_some_and(|(t, _)| ends_sentence(t)) {
            self.flush();
        }
    }

    /// Closes any open paragraph or heading (before a table, at the end).
    pub fn flush(&mut self) {
        if let Some((text, level, page)) = self.open_heading.take() {
            self.blocks.push(Block::Heading { text, level, page });
        }
        if let Some((text, page)) = self.open.take() {
            self.blocks.push(Block::Paragraph { text, page });
        }
    }

    /// Moves the finished blocks out.
    pub fn take(&mut self) -> Vec<Block> {
        self.flush();
        std::mem::take(&mut self.blocks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_levels() {
        assert_eq!(heading_level("一、部门主要职能"), Some(1));
        assert_eq!(
            heading_level("(一)一般公共预算财政拨款支出决算总体情况"),
            Some(2)
        );
        assert_eq!(
            heading_level("1、负责全区教育信息化建设、管理、应用与研究；"),
            None
        );
        assert_eq!(heading_level("2022年度收、支总计187.89万元。"), None);
    }
}
