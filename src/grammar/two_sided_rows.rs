//! Rows of the two-sided summary tables (收入支出决算总表, 财政拨款收入支出决算总表):
//! a line carries a left item, its 行次 and values, then a right item, its 行次
//! and values; any part may be missing or wrapped onto the lines around it.
//!
//! The 行次 numbers are the anchors: the left side counts 1, 2, 3…, the right
//! side counts on from where it starts, so an integer that continues either
//! count closes an item and says which side it is on.

use super::document::{HeaderCell, RawRow};
use super::ordinal::{has_ordinal, strip_ordinal};
use super::stream::Tok;
use super::token::TokenKind;
use crate::doubt::Doubt;
use crate::lines::XRange;

/// How many 行次 a side may skip (an item lost to a garbled line) and still count on.
const SKIP: u32 = 3;

/// The row counters of both sides.
#[derive(Debug, Default)]
struct Counters {
    next_left: u32,
    next_right: Option<u32>,
    /// The line the left side last closed an item on: a 行次 after a label
    /// later on that line is the right side's, whatever its value (sides
    /// numbered apart, each from 1).
    left_line: Option<usize>,
    /// True once any 行次 was read: the first one starts the left side's
    /// count, whatever its value (the left side may be numbered after the right).
    started: bool,
}

impl Counters {
    /// The side a 行次 `n` on `line` continues, updating the counts. `hint` is
    /// the side the pending label's words name, when they name one; it breaks
    /// a tie when both sides count on to `n`.
    fn side_of(
        &mut self,
        n: u32,
        may_start_right: bool,
        line: usize,
        hint: Option<&'static str>,
    ) -> Option<&'static str> {
        let left_ok = n >= self.next_left && n <= self.next_left + SKIP;
        let right_ok = self.next_right.is_some_and(|r| n >= r && n <= r + SKIP);
        let after_left_on_line = may_start_right && self.left_line == Some(line);
        let first = !self.started;
        self.started = true;
        let right = if first {
            hint == Some("支出")
        } else if after_left_on_line {
            true
        } else if left_ok && right_ok {
            match hint {
                Some(side) => side == "支出",
                None => self.next_right.is_some_and(|r| n >= r),
            }
        } else if left_ok {
            false
        } else if right_ok
            || (self.next_right.is_none() && n > self.next_left + SKIP && may_start_right)
        {
            true
        } else {
            return None;
        };
        if right {
            self.next_right = Some(n + 1);
            Some("支出")
        } else {
            self.next_left = n + 1;
            self.left_line = Some(line);
            Some("收入")
        }
    }
}

/// A 行次 stands after a label, at the start of a line, or right after the
/// other side's 行次 (an item with no label); never after a value.
fn may_be_line_number(toks: &[Tok], k: usize, cur: Option<&RawRow>) -> bool {
    let Some(t) = toks.get(k) else { return false };
    if t.token.kind != TokenKind::Digits || t.text().len() > 3 {
        return false;
    }
    let prev = k.checked_sub(1).and_then(|p| toks.get(p));
    let after_label = prev.is_none_or(|p| p.is_text() || p.line != t.line);
    let after_bare_item = cur.is_some_and(|r| r.line_number.is_some() && r.numbers.is_empty());
    after_label || after_bare_item
}

fn at_page_edge(toks: &[Tok], k: usize) -> bool {
    let Some(t) = toks.get(k) else { return false };
    let alone = toks.iter().filter(|o| o.line == t.line).count() == 1;
    let prev_other = k
        .checked_sub(1)
        .and_then(|p| toks.get(p))
        .is_some_and(|p| p.page != t.page);
    let next_other = toks.get(k + 1).is_some_and(|n| n.page != t.page);
    alone && (prev_other || next_other)
}

/// Labels that begin an item of their own (so a label-only item before them
/// is complete, in tables printed without 行次).
const ITEM_STARTS: [&str; 6] = ["本年", "总计", "年初", "年末", "使用", "结余分配"];

/// Does text token `t` begin a new item rather than continue the pending label?
/// With positions, another cell (another x) is another item, and so is another
/// line when no 行次 closes items. In text without 行次, an ordinal (`二、`) or a
/// total/balance word starts one; with 行次, wrapped labels simply run on.
fn starts_new_item(numbered: bool, pending: (Option<XRange>, usize), t: &Tok) -> bool {
    match (pending.0, t.token.x) {
        (Some(a), Some(b)) => a != b || (!numbered && t.line != pending.1),
        _ => {
            !numbered
                && (has_ordinal(t.text()) || ITEM_STARTS.iter().any(|s| t.text().starts_with(s)))
        }
    }
}

/// The doubt of a label gathered from several text lines (whose fragments
/// may belong to the other side), resetting the flag for the next label.
fn wrapped_doubt(wrapped: &mut bool) -> Vec<Doubt> {
    if std::mem::take(wrapped) {
        vec![Doubt::FragmentSide]
    } else {
        Vec::new()
    }
}

/// Does a label read from text look assembled from both sides' fragments: an
/// ordinal (`三、`) inside it rather than at its start, or words of both sides?
/// Its side, and so its key and the numbers it holds, are then a guess.
fn mixes_sides(label: &str) -> bool {
    let inner_ordinal = label
        .char_indices()
        .filter(|(_, c)| *c == '、')
        .any(|(i, _)| {
            let before = label.get(..i).unwrap_or_default();
            let digits: String = before
                .chars()
                .rev()
                .take_while(|c| "一二三四五六七八九十".contains(*c))
                .collect();
            !digits.is_empty() && before.chars().count() > digits.chars().count()
        });
    let name = strip_ordinal(label);
    let both = name.contains("收入") && name.contains("支出");
    inner_ordinal || both
}

/// Does the table number its items (行次 1 and 2 printed as bare integers)?
fn is_numbered(toks: &[Tok]) -> bool {
    let has = |n: &str| {
        toks.iter()
            .any(|t| t.token.kind == TokenKind::Digits && t.text() == n)
    };
    has("1") && has("2")
}

/// Gives a side to items read without 行次: by position against the header's
/// 支出 cell when the input had positions, else by what the label says.
pub fn assign_sides(rows: &mut [RawRow], header: &[HeaderCell]) {
    let split = super::document::expenditure_side_start(header);
    let mut last_side: Option<String> = None;
    let mut last_total: Option<String> = None;
    for r in rows
        .iter_mut()
        .filter(|r| r.side.is_none() || r.line_number.is_none())
    {
        if r.side.is_some() {
            continue;
        }
        let side = match (split, r.label_x) {
            (Some(s), Some(x)) => {
                if x.x0 >= s - 1.0 {
                    "支出"
                } else {
                    "收入"
                }
            }
            _ => side_by_label(&r.label, last_side.as_deref(), &mut last_total),
        };
        last_side = Some(side.to_string());
        r.side = Some(side.to_string());
    }
}

/// The side a label's own words name (支出…, 年末…, 结余分配 the 支出 side;
/// …收入, 年初…, 使用… the 收入 side), when they name one. The one place the
/// side-deciding vocabulary of two-sided tables lives.
pub fn side_word(label: &str) -> Option<&'static str> {
    let name = strip_ordinal(label);
    if name.contains("支出") || name.starts_with("年末") || name == "结余分配" {
        return Some("支出");
    }
    if name.contains("收入") || name.starts_with("年初") || name.starts_with("使用") {
        return Some("收入");
    }
    None
}

fn side_by_label(label: &str, last: Option<&str>, last_total: &mut Option<String>) -> &'static str {
    let name = strip_ordinal(label);
    if let Some(side) = side_word(name) {
        return side;
    }
    if name == "总计" || name == "合计" {
        let side = if last_total.as_deref() == Some("收入") {
            "支出"
        } else {
            "收入"
        };
        *last_total = Some(side.to_string());
        return side;
    }
    if last == Some("支出") {
        "支出"
    } else {
        "收入"
    }
}

/// Reassembles both sides' items. Rows carry `side` and `line_number`.
pub fn two_sided_rows(toks: &[Tok], warnings: &mut Vec<String>) -> Vec<RawRow> {
    let numbered = is_numbered(toks);
    let mut rows = Vec::new();
    let mut counters = Counters {
        next_left: 1,
        ..Counters::default()
    };
    let mut pending = String::new();
    let mut pending_x = None;
    let mut pending_at = None;
    let mut pending_line = 0usize;
    // True when the pending label gathers fragments from several text lines.
    let mut pending_wrapped = false;
    let mut cur: Option<RawRow> = None;
    for (k, t) in toks.iter().enumerate() {
        if t.is_text() {
            rows.extend(cur.take());
            if !pending.is_empty() && starts_new_item(numbered, (pending_x, pending_line), t) {
                rows.push(RawRow {
                    label: std::mem::take(&mut pending),
                    label_x: pending_x.take(),
                    label_at: pending_at.take(),
                    page: t.page,
                    doubt: wrapped_doubt(&mut pending_wrapped),
                    ..RawRow::default()
                });
            }
            if pending.is_empty() {
                pending_x = t.token.x;
                pending_line = t.line;
                pending_wrapped = false;
            }
            pending_wrapped |= t.token.x.is_none() && t.line != pending_line;
            pending.push_str(t.text());
            pending_at = crate::provenance::join(pending_at, t.at());
            continue;
        }
        if may_be_line_number(toks, k, cur.as_ref()) {
            let n = t.text().parse::<u32>().unwrap_or(u32::MAX);
            // The right side's count starts only after a label.
            let after_label = k
                .checked_sub(1)
                .and_then(|p| toks.get(p))
                .is_some_and(Tok::is_text);
            // At a page edge only the exact next 行次 is one; anything else is a page number.
            let exact = n == counters.next_left
                || counters.next_right == Some(n)
                || (counters.next_right.is_none() && after_label && n > counters.next_left + SKIP);
            if at_page_edge(toks, k) && !exact {
                warnings.push(format!(
                    "dropped page number {} on page {}",
                    t.text(),
                    t.page
                ));
                continue;
            }
            let hint = side_word(&pending);
            if let Some(side) = counters.side_of(n, after_label, t.line, hint) {
                rows.extend(cur.take());
                cur = Some(RawRow {
                    side: Some(side.to_string()),
                    line_number: Some(n),
                    label: std::mem::take(&mut pending),
                    label_x: pending_x.take(),
                    label_at: pending_at.take(),
                    page: t.page,
                    doubt: wrapped_doubt(&mut pending_wrapped),
                    ..RawRow::default()
                });
                continue;
            }
        }
        if t.token.kind == TokenKind::Digits && at_page_edge(toks, k) {
            warnings.push(format!(
                "dropped page number {} on page {}",
                t.text(),
                t.page
            ));
            continue;
        }
        let Some(n) = t.as_number() else { continue };
        // A bare integer where a 行次 stands that continues neither side's
        // count: read as an amount, but it may be a 行次 of a numbering we
        // do not follow.
        let maybe_line_number = numbered
            && t.token.kind == TokenKind::Digits
            && may_be_line_number(toks, k, cur.as_ref());
        match cur.as_mut() {
            Some(r) => {
                if maybe_line_number {
                    r.doubt.push(Doubt::LineNumberSplit);
                }
                r.numbers.push(n);
            }
            None if !pending.is_empty() => {
                cur = Some(RawRow {
                    label: std::mem::take(&mut pending),
                    label_x: pending_x.take(),
                    label_at: pending_at.take(),
                    page: t.page,
                    numbers: vec![n],
                    doubt: {
                        let mut d = wrapped_doubt(&mut pending_wrapped);
                        if maybe_line_number {
                            d.push(Doubt::LineNumberSplit);
                        }
                        d
                    },
                    ..RawRow::default()
                });
            }
            None => warnings.push(format!(
                "number {} outside any item on page {}",
                t.text(),
                t.page
            )),
        }
    }
    rows.extend(cur);
    for r in rows.iter_mut().filter(|r| r.label_x.is_none()) {
        if mixes_sides(&r.label) && !r.doubt.contains(&Doubt::FragmentSide) {
            r.doubt.push(Doubt::FragmentSide);
        }
    }
    if !pending.is_empty() {
        warnings.push(format!(
            "item {pending:?} without 行次 or values at the end of the table"
        ));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::stream::flatten;
    use crate::grammar::tok_line::prepare;
    use crate::input::text_lines::text_to_lines;

    fn rows(text: &str) -> Vec<(String, u32, String, Vec<f64>)> {
        let lines = text_to_lines(text);
        let p = prepare(&lines);
        let mut w = Vec::new();
        two_sided_rows(&flatten(&p), &mut w)
            .into_iter()
            .map(|r| {
                (
                    r.side.unwrap_or_default(),
                    r.line_number.unwrap_or(0),
                    r.label,
                    r.numbers.iter().filter_map(|n| n.value).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn both_sides_on_one_line() {
        let r = rows(
            "一、一般公共预算财政拨款收入 1 187.89 一、一般公共服务支出 30\n二、上级补助收入 2 二、教育支出 31 164.90 164.90",
        );
        assert_eq!(
            r[0],
            (
                "收入".into(),
                1,
                "一、一般公共预算财政拨款收入".into(),
                vec![187.89]
            )
        );
        assert_eq!(
            r[1],
            ("支出".into(), 30, "一、一般公共服务支出".into(), vec![])
        );
        assert_eq!(
            r[3],
            (
                "支出".into(),
                31,
                "二、教育支出".into(),
                vec![164.90, 164.90]
            )
        );
    }

    #[test]
    fn wrapped_left_and_right_items() {
        let r = rows(
            "一、一般公共预算财政拨款收入 1 一、一般公共服务支出 32\n二、政府性基金预算财政拨款收\n入\n2 二、外交支出 33\n3\n十四、资源勘探工业信息等\n支出\n34\n4 35",
        );
        let labels: Vec<_> = r.iter().map(|x| (x.1, x.2.as_str())).collect();
        assert_eq!(
            labels[2..],
            [
                (2, "二、政府性基金预算财政拨款收入"),
                (33, "二、外交支出"),
                (3, ""),
                (34, "十四、资源勘探工业信息等支出"),
                (4, ""),
                (35, "")
            ]
        );
    }

    #[test]
    fn items_without_line_numbers_keep_their_values() {
        let r = rows("本年收入合计 187.89");
        assert_eq!(r[0].2, "本年收入合计");
        assert_eq!(r[0].3, vec![187.89]);
    }
}
