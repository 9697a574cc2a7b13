//! The 重点工作完成情况 table (序号 重要事项 工作内容及目标 完成情况), read from
//! the lines: each row starts at its 序号; its cells are told apart by how
//! they wrap (the 重要事项 column is narrow, the 工作内容 cell ends with 。).

use crate::lines::Line;
use serde::Serialize;

/// The header that opens the table.
const HEADER: &str = "序号重要事项工作内容及目标完成情况";
/// The widest line of the narrow 重要事项 column, in characters.
const NARROW: usize = 7;

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyWork {
    /// 序号.
    pub number: u32,
    /// 重要事项.
    pub item: String,
    /// 工作内容及目标.
    pub content: String,
    /// 完成情况.
    pub result: String,
    /// The page.
    pub page: u32,
}

fn split_row(number: u32, page: u32, pieces: &[String]) -> KeyWork {
    let mut item = String::new();
    let mut rest = pieces.iter().peekable();
    while let Some(p) = rest.peek() {
        let narrow = p.chars().count() <= NARROW && !p.contains(['。', ',', '、']);
        if !narrow || (!item.is_empty() && p.chars().count() > NARROW) {
            break;
        }
        item.push_str(p);
        rest.next();
    }
    let mut content = String::new();
    let mut result = String::new();
    for p in rest {
        if content.ends_with('。') {
            result.push_str(p);
        } else {
            content.push_str(p);
        }
    }
    KeyWork {
        number,
        item,
        content,
        result,
        page,
    }
}

/// Reads the table when the lines hold one.
pub fn read_key_works(lines: &[Line]) -> Vec<KeyWork> {
    let Some(start) = lines
        .iter()
        .position(|l| l.compact_chars().eq(HEADER.chars()))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut current: Option<(u32, u32, Vec<String>)> = None;
    for line in lines.iter().skip(start + 1) {
        let compact = crate::text_norm::compact(&line.compact());
        if compact.starts_with("第") && compact.contains("部分") {
            break;
        }
        let first = line
            .spans
            .first()
            .map(|s| s.text.trim())
            .unwrap_or_default();
        let expected = current.as_ref().map(|c| c.0 + 1).unwrap_or(1);
        if first.parse::<u32>().ok() == Some(expected) {
            if let Some((n, page, pieces)) = current.take() {
                out.push(split_row(n, page, &pieces));
            }
            let rest: String = line.spans.iter().skip(1).map(|s| s.text.trim()).collect();
            let pieces = if rest.is_empty() {
                Vec::new()
            } else {
                vec![crate::text_norm::compact(&rest)]
            };
            current = Some((expected, line.page, pieces));
        } else if let Some((_, _, pieces)) = current.as_mut() {
            pieces.push(compact);
        }
    }
    if let Some((n, page, pieces)) = current {
        out.push(split_row(n, page, &pieces));
    }
    out
}
