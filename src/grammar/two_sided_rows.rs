//! Rows of the two-sided summary tables (收入支出决算总表, 财政拨款收入支出决算总表):
//! each grid row holds a left (收入) item — label, 行次, values — and a right
//! (支出) item; labels wrap over lines on each side independently.
//!
//! Reading happens in two steps. First every body token is given its side
//! and role (label fragment, 行次 or value): with positions (PDF) by its x
//! against the split between the sides' label columns and the header's 行次
//! cells; without (text) by where it stands on its line — a line prints the
//! left cell's piece, its numbers, then the right cell's piece and numbers —
//! and, for a lone label fragment at a line's start, by which side's item it
//! continues or opens (the sides' item names, [`SideNames`], are the
//! evidence). Then each side is read on its own, as a one-sided list: a
//! fragment opens an item (an ordinal, a total word, the start of a known
//! name) or continues the open one; 行次 and values attach to the open item.

use super::document::{HeaderCell, RawRow};
use super::ordinal::{has_ordinal, strip_ordinal};
use super::stream::Tok;
use super::token::TokenKind;
use crate::doubt::Doubt;
use crate::templates::TableTemplate;
use crate::templates::catalogue::Catalogue;

/// The sides' names as row keys use them: 0 is the left (收入) side.
const SIDES: [&str; 2] = ["收入", "支出"];

/// Labels that begin an item of their own, whatever came before.
const ITEM_STARTS: [&str; 6] = ["本年", "总计", "年初", "年末", "使用", "结余分配"];

/// The smallest gap (points) between the sides' label columns in a PDF.
const MIN_SIDE_GAP: f32 = 24.0;

/// The item names each side prints (ordinal removed): the template's
/// `items`, totals and sub-items, and for a side whose items are the
/// 功能分类 类 the catalogue's names of them. Evidence for joining wrapped
/// fragments and for the side of a fragment standing alone.
#[derive(Debug, Clone, Default)]
pub struct SideNames {
    names: [Vec<String>; 2],
    /// The right side's items printed in a second label column of their own.
    second_column: Vec<String>,
}

impl SideNames {
    /// The names of a two-sided template's sides.
    pub fn of(tpl: &TableTemplate, catalogue: &Catalogue) -> Self {
        let mut out = SideNames::default();
        for (i, slot) in out.names.iter_mut().enumerate() {
            let Some(side) = tpl
                .sides
                .iter()
                .find(|s| SIDES.get(i) == Some(&s.name.as_str()))
            else {
                continue;
            };
            slot.extend(side.items.iter().cloned());
            slot.extend(side.item_total.iter().cloned());
            slot.extend(side.sub_item_parents.iter().cloned());
            slot.extend(side.sub_items.iter().cloned());
            slot.extend(side.key_aliases.keys().cloned());
            if side.class_items {
                slot.extend(catalogue.names_of_length(3).into_iter().map(str::to_string));
            }
            if i == 1 {
                out.second_column = side.second_label_items.clone();
                slot.extend(side.second_label_items.iter().cloned());
            }
            slot.sort();
            slot.dedup();
        }
        out
    }

    fn of_side(&self, side: usize) -> &[String] {
        self.names.get(side).map(Vec::as_slice).unwrap_or_default()
    }

    /// Is `label` (ordinal removed) one of the side's names?
    fn is_name(&self, side: usize, label: &str) -> bool {
        let name = strip_ordinal(label);
        self.of_side(side).iter().any(|n| n == name)
    }

    /// Does some name of the side start with `label` (ordinal removed)?
    fn is_prefix(&self, side: usize, label: &str) -> bool {
        let name = strip_ordinal(label);
        !name.is_empty() && self.of_side(side).iter().any(|n| n.starts_with(name))
    }

    /// Does `label` + `piece` read on towards one of the side's names, when
    /// `label` alone is not already a whole name that `piece` cannot extend?
    fn continues(&self, side: usize, label: &str, piece: &str) -> bool {
        self.is_prefix(side, &format!("{label}{piece}"))
    }

    fn known(&self, side: usize) -> bool {
        !self.of_side(side).is_empty()
    }

    /// Does some name of the right side's second label column start with `label`?
    fn opens_second_column(&self, label: &str) -> bool {
        let name = strip_ordinal(label);
        !name.is_empty() && self.second_column.iter().any(|n| n.starts_with(name))
    }

    /// Does a text line show the right side's second label column: three
    /// label groups, the last naming one of its items?
    fn second_column_on(&self, line: &[&Tok]) -> bool {
        let texts: Vec<&str> = line
            .iter()
            .filter(|t| t.is_text())
            .map(|t| t.text())
            .collect();
        texts.len() >= 3
            && texts
                .last()
                .is_some_and(|t| self.second_column.iter().any(|n| n == strip_ordinal(t)))
    }
}

/// The right side's two label columns read apart (text input): the first
/// (classes) and the second (支出用途), each an item list of its own.
struct RightColumns {
    second: SideReader,
    /// Whether the last label on the current line went to the second column.
    last_label_second: Option<bool>,
}

impl RightColumns {
    /// Does text `piece` go to the second column rather than the first?
    fn takes_label(&self, first: &SideReader, names: &SideNames, piece: &str) -> bool {
        let second = &self.second;
        if second.would_continue(names, piece, false) && names.continues(1, second.label(), piece) {
            return true;
        }
        if first.would_continue(names, piece, false) && names.continues(1, first.label(), piece) {
            return false;
        }
        names.opens_second_column(piece)
    }

    /// Does a number go to the second column, and was that a guess? The
    /// column whose label came last on the line takes it when it waits for
    /// one, else the first column that waits. A lone number on a line
    /// without labels while both columns wait is a guess: the second column
    /// (支出用途: 基本支出 is never blank) rather than the first (most of the
    /// twenty classes print blank).
    fn takes_value(&self, first: &SideReader, numbers_on_line: usize) -> (bool, bool) {
        let waiting = |second: bool| {
            if second {
                self.second.waiting()
            } else {
                first.waiting()
            }
        };
        if self.last_label_second.is_none()
            && numbers_on_line == 1
            && waiting(false)
            && waiting(true)
        {
            return (true, true);
        }
        let order = match self.last_label_second {
            Some(true) => [true, false],
            _ => [false, true],
        };
        let second = order
            .into_iter()
            .find(|s| waiting(*s))
            .unwrap_or(self.last_label_second.unwrap_or(false));
        (second, false)
    }
}

/// Does text `piece` open a new item on `side` rather than continue `label`?
fn opens_item(names: &SideNames, side: usize, label: &str, piece: &str) -> bool {
    if has_ordinal(piece) || ITEM_STARTS.iter().any(|s| piece.starts_with(s)) {
        return true;
    }
    if piece.chars().count() < 2 || label.is_empty() {
        return label.is_empty();
    }
    names.is_prefix(side, piece) && !names.continues(side, label, piece)
}

/// What a body token is to its side.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Label,
    LineNumber,
    Value,
}

/// One side read as a one-sided list of items.
#[derive(Debug)]
struct SideReader {
    side: usize,
    rows: Vec<RawRow>,
    cur: Option<RawRow>,
    /// The line the open item's label last grew on.
    label_line: Option<usize>,
    /// The last 行次 read on this side.
    last_line_number: Option<u32>,
    /// The ordinal of the last item opened with one (`二十、` is 20).
    last_ordinal: Option<u32>,
    /// The Arabic ordinal of the last sub-item opened with one (`2. 政府性基金预算`
    /// is 2), cleared when an item with a Chinese ordinal opens.
    last_sub_ordinal: Option<u32>,
    /// The line the last labelled item was opened on.
    opened_line: Option<usize>,
}

impl SideReader {
    fn new(side: usize) -> Self {
        SideReader {
            side,
            rows: Vec::new(),
            cur: None,
            label_line: None,
            last_line_number: None,
            last_ordinal: None,
            last_sub_ordinal: None,
            opened_line: None,
        }
    }

    fn label(&self) -> &str {
        self.cur.as_ref().map_or("", |r| r.label.as_str())
    }

    /// True when the open item has a label and nothing else yet.
    fn waiting(&self) -> bool {
        !self.label().is_empty() && !self.closed()
    }

    /// True when the open item already holds a 行次 or a value.
    fn closed(&self) -> bool {
        self.cur
            .as_ref()
            .is_some_and(|r| r.line_number.is_some() || !r.numbers.is_empty())
    }

    fn open(&mut self, t: &Tok, label: &str) {
        self.rows.extend(self.cur.take());
        self.cur = Some(RawRow {
            side: Some(
                SIDES
                    .get(self.side)
                    .copied()
                    .unwrap_or_default()
                    .to_string(),
            ),
            label: label.to_string(),
            label_x: if label.is_empty() { None } else { t.token.x },
            label_at: (!label.is_empty()).then(|| t.at()),
            page: t.page,
            ..RawRow::default()
        });
        self.label_line = (!label.is_empty()).then_some(t.line);
        if !label.is_empty() {
            self.opened_line = Some(t.line);
        }
        if let Some(n) = ordinal_value(label) {
            self.last_ordinal = Some(n);
            self.last_sub_ordinal = None;
        }
        if let Some(n) = arabic_ordinal_value(label) {
            self.last_sub_ordinal = Some(n);
        }
    }

    /// Would text `piece` continue the open item (rather than open one)?
    fn would_continue(&self, names: &SideNames, piece: &str, ruled: bool) -> bool {
        let label = self.label();
        if ruled || self.cur.is_none() || label.is_empty() {
            return false;
        }
        if opens_item(names, self.side, label, piece) {
            return false;
        }
        if self.closed() || names.is_name(self.side, label) {
            // After the numbers (labels centred, or numbers on the first
            // line), only a known name's missing end continues it.
            return names.continues(self.side, label, piece);
        }
        true
    }

    fn push_label(&mut self, t: &Tok, names: &SideNames, ruled: bool) {
        if self.would_continue(names, t.text(), ruled) {
            if let Some(r) = self.cur.as_mut() {
                r.label.push_str(t.text());
                r.mark_label(t.at());
            }
            self.label_line = Some(t.line);
        } else {
            self.open(t, t.text());
        }
    }

    fn push_line_number(&mut self, t: &Tok, n: u32) {
        let free = self
            .cur
            .as_ref()
            .is_some_and(|r| r.line_number.is_none() && r.numbers.is_empty());
        if !free {
            self.open(t, "");
        }
        if let Some(r) = self.cur.as_mut() {
            r.line_number = Some(n);
        }
        self.last_line_number = Some(n);
    }

    fn push_value(&mut self, t: &Tok, doubt: Option<Doubt>, warnings: &mut Vec<String>) {
        let Some(n) = t.as_number() else { return };
        match self.cur.as_mut() {
            Some(r) => {
                r.numbers.push(n);
                r.doubt.extend(doubt);
            }
            None => warnings.push(format!(
                "number {} outside any item on page {}",
                t.text(),
                t.page
            )),
        }
    }

    /// Marks the open item in doubt when it still waits for its numbers.
    fn doubt_if_waiting(&mut self, doubt: Doubt) {
        if self.waiting()
            && let Some(r) = self.cur.as_mut()
            && !r.doubt.contains(&doubt)
        {
            r.doubt.push(doubt);
        }
    }

    fn finish(mut self) -> Vec<RawRow> {
        self.rows.extend(self.cur.take());
        self.rows
    }

    /// Could `t` be this side's next 行次 (text input: an integer after the
    /// side's last one)?
    fn takes_line_number(&self, t: &Tok, numbered: bool) -> Option<u32> {
        let n = line_number_value(t, numbered)?;
        (self.last_line_number.is_none_or(|last| n > last)).then_some(n)
    }
}

/// A token's value as a 行次: a bare integer of up to three digits, not 0,
/// in a table that numbers its rows.
fn line_number_value(t: &Tok, numbered: bool) -> Option<u32> {
    if !numbered || t.token.kind != TokenKind::Digits || t.text().len() > 3 {
        return None;
    }
    t.text().parse::<u32>().ok().filter(|n| *n > 0)
}

/// The value of a label's leading Chinese ordinal (`二十一、` is 21).
fn ordinal_value(label: &str) -> Option<u32> {
    if !has_ordinal(label) {
        return None;
    }
    let digits: Vec<u32> = label
        .chars()
        .map_while(super::ordinal::cn_digit_value)
        .collect();
    match digits.as_slice() {
        [d] => Some(*d),
        [10, d] => Some(10 + d),
        [d, 10] => Some(d * 10),
        [d, 10, e] => Some(d * 10 + e),
        _ => None,
    }
}

/// The value of a label's leading Arabic ordinal (`3. 国有资本经营预算`, `3、…` is 3).
fn arabic_ordinal_value(label: &str) -> Option<u32> {
    let digits = label.chars().take_while(char::is_ascii_digit).count();
    let rest = label.get(digits..)?;
    if digits == 0 || digits > 2 || ![".", "．", "、"].iter().any(|p| rest.starts_with(p)) {
        return None;
    }
    label.get(..digits)?.parse().ok()
}

/// Does the table number its items (行次 1 and 2 printed as bare integers)?
fn is_numbered(toks: &[Tok]) -> bool {
    let has = |n: &str| {
        toks.iter()
            .any(|t| t.token.kind == TokenKind::Digits && t.text() == n)
    };
    has("1") && has("2")
}

/// A lone integer on its own line at a page break: a page number, unless it
/// continues a side's 行次.
fn at_page_edge(toks: &[Tok], k: usize) -> bool {
    let Some(t) = toks.get(k) else { return false };
    let alone = toks.iter().filter(|o| o.line == t.line).count() == 1;
    let prev_other = k
        .checked_sub(1)
        .and_then(|p| toks.get(p))
        .is_some_and(|p| p.page != t.page);
    let next_other = toks.get(k + 1).is_some_and(|n| n.page != t.page);
    alone && (prev_other || next_other) && t.token.kind == TokenKind::Digits
}

/// Where the right side begins in a table read with positions: the 支出
/// header cell's left edge when a right label cell starts there (a ruled
/// table), else the left edge of the right label column — the label
/// fragments' left edges fall in two groups (each side's label column,
/// indents included), split at their widest gap; an edge shared by no other
/// fragment (a stray glyph) is no column.
pub fn side_split(toks: &[Tok], header: &[HeaderCell]) -> Option<f32> {
    // A side word alone (`支出` of a header repeated on the next page) is no label.
    let mut x0s: Vec<f32> = toks
        .iter()
        .filter(|t| t.is_text() && !SIDES.contains(&t.token.text.as_str()))
        .filter_map(|t| t.token.x.map(|x| x.x0))
        .collect();
    let from_header = super::document::expenditure_side_start(header);
    if let Some(h) = from_header
        && x0s.iter().any(|x| (x - h).abs() <= 2.0)
    {
        return Some(h - 1.0);
    }
    x0s.sort_by(f32::total_cmp);
    let shared: Vec<f32> = x0s
        .iter()
        .enumerate()
        .filter(|(i, x)| {
            let near = |j: Option<usize>| {
                j.and_then(|j| x0s.get(j))
                    .is_some_and(|y| (*y - **x).abs() <= 8.0)
            };
            near(i.checked_sub(1)) || near(Some(i + 1))
        })
        .map(|(_, x)| *x)
        .collect();
    if let Some(edge) = centred_sides_split(toks, &shared, header) {
        return Some(edge - 1.0);
    }
    let widest = shared
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((b - a, *b)),
            _ => None,
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match widest {
        Some((gap, right)) if gap >= MIN_SIDE_GAP => Some(right - 1.0),
        _ => from_header,
    }
}

/// The label-column edge (of `edges`, sorted) that splits the body so each
/// side's header word — 收入, 支出, printed once each and centred over its
/// side — stands over the middle of its side, when one does within a tenth
/// of the body's width: a borderless 收支预算总表 whose 支出 side has two
/// label columns (功能分类 and 支出用途) has its widest label gap inside the
/// 支出 side, not between the sides.
fn centred_sides_split(toks: &[Tok], edges: &[f32], header: &[HeaderCell]) -> Option<f32> {
    let centre_of = |name: &str| -> Option<f32> {
        match header
            .iter()
            .filter(|c| c.text == name)
            .collect::<Vec<_>>()
            .as_slice()
        {
            [one] => Some(one.x.centre()),
            _ => None,
        }
    };
    let (left, right) = (centre_of(SIDES[0])?, centre_of(SIDES[1])?);
    let xs = toks.iter().filter_map(|t| t.token.x);
    let body0 = xs.clone().map(|x| x.x0).fold(f32::MAX, f32::min);
    let body1 = xs.map(|x| x.x1).fold(f32::MIN, f32::max);
    let tolerance = (body1 - body0) / 10.0;
    edges
        .iter()
        .filter(|e| **e > body0 + 1.0)
        .map(|e| {
            let miss = ((body0 + e) / 2.0 - left).abs() + ((e + body1) / 2.0 - right).abs();
            (miss, *e)
        })
        .filter(|(miss, _)| *miss <= tolerance)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, e)| e)
}

/// Is a header cell the 行次 column's?
fn is_line_number_header(text: &str) -> bool {
    matches!(text, "行次" | "行" | "次" | "行号")
}

/// The role of a number on `side` of a table read with positions: a 行次
/// when the nearest header cell over that side is its 行次 cell.
fn positioned_role(t: &Tok, side: usize, split: f32, header: &[HeaderCell]) -> Role {
    let Some(x) = t.token.x else {
        return Role::Value;
    };
    if t.token.kind != TokenKind::Digits {
        return Role::Value;
    }
    let nearest = header
        .iter()
        .filter(|c| usize::from(c.x.centre() >= split) == side)
        .filter(|c| !SIDES.contains(&c.text.as_str()) && c.text != "栏次")
        .min_by(|a, b| {
            (a.x.centre() - x.centre())
                .abs()
                .total_cmp(&(b.x.centre() - x.centre()).abs())
        });
    match nearest {
        Some(c) if is_line_number_header(&c.text) => Role::LineNumber,
        _ => Role::Value,
    }
}

/// How strongly text `piece`, first on its line, belongs to `side`: 3 it
/// reads on towards one of the side's names, 2 the label's own words name the
/// side, 1 nothing against it, 0 it cannot be this side's.
fn side_fit(r: &SideReader, names: &SideNames, piece: &str) -> u8 {
    let side = r.side;
    if r.would_continue(names, piece, false) {
        if names.continues(side, r.label(), piece) {
            return 3;
        }
        return if names.known(side) { 1 } else { 2 };
    }
    if names.is_prefix(side, piece) {
        return 3;
    }
    let other = 1 - side;
    match side_word(piece) {
        Some(w) if Some(&w) == SIDES.get(side) => 2,
        Some(_) => 0,
        None if names.is_prefix(other, piece) => 0,
        None => 1,
    }
}

/// The side of text `piece` standing first on line `line` with no second
/// label beside it, and whether the choice was a guess.
fn lone_piece_side(
    readers: &[SideReader; 2],
    names: &SideNames,
    piece: &str,
    line: usize,
    next: &NextLine,
) -> (usize, bool) {
    let [left, right] = readers;
    let (l, r) = (side_fit(left, names, piece), side_fit(right, names, piece));
    if l != r {
        return (usize::from(r > l), l.min(r) > 0);
    }
    // A tie: the side whose piece on the next line reads on with it towards
    // one of its names (`政府性基金预算财政拨` above `… 款 30`).
    if let [Some(a), Some(b)] = next.pieces {
        let completes = |side: usize, rest: &str| names.is_prefix(side, &format!("{piece}{rest}"));
        match (completes(0, a), completes(1, b)) {
            (true, false) => return (0, false),
            (false, true) => return (1, false),
            _ => {}
        }
    }
    // A tie: the side whose sub-items the Arabic ordinal continues (`3.` after `2.`).
    if let Some(n) = arabic_ordinal_value(piece) {
        let next = |s: &SideReader| s.last_sub_ordinal.is_some_and(|o| o + 1 == n);
        match (next(left), next(right)) {
            (true, false) => return (0, true),
            (false, true) => return (1, true),
            _ => {}
        }
    }
    let next_integer = next.integer;
    // A tie: the side whose items the ordinal continues (`二十一、` after `二十、`).
    if let Some(n) = ordinal_value(piece) {
        let next = |s: &SideReader| s.last_ordinal.map_or(n == 1, |o| o + 1 == n);
        match (next(left), next(right)) {
            (true, false) => return (0, true),
            (false, true) => return (1, true),
            _ => {}
        }
    }
    // The side whose 行次 count the next integer continues exactly.
    if let Some(n) = next_integer {
        let next = |s: &SideReader| s.last_line_number.is_some_and(|l| l + 1 == n);
        match (next(left), next(right)) {
            (true, false) => return (0, true),
            (false, true) => return (1, true),
            _ => {}
        }
    }
    // More numbers follow than the left side prints (行次 and its value
    // columns) and some of the rest is a value, not the dash of an empty
    // cell: it would be the right's with no item waiting for it, so the
    // label is the right side's.
    if next.values_beyond_left && !right.waiting() {
        return (1, true);
    }
    // Both would open an item: the side that opened one longer ago (a grid
    // row opens one item on each side).
    let (lc, rc) = (
        left.would_continue(names, piece, false),
        right.would_continue(names, piece, false),
    );
    if !lc && !rc && left.opened_line != right.opened_line {
        return (usize::from(left.opened_line > right.opened_line), true);
    }
    // Else the side whose label grew on the line before (a wrapped label runs on).
    let recent = |s: &SideReader| s.label_line.is_some_and(|k| k + 1 == line && !s.closed());
    match (recent(left), recent(right)) {
        (false, true) => (1, true),
        _ => (0, true),
    }
}

/// What the lines after a text line show: the next integer (a 行次 to come)
/// and the next line's two label pieces, when it prints two.
#[derive(Debug, Default, Clone, Copy)]
struct NextLine<'a> {
    integer: Option<u32>,
    pieces: [Option<&'a str>; 2],
    /// Whether, after the lone label on its own line, a value (not a dash)
    /// stands beyond the numbers the left side prints (行次 and values).
    values_beyond_left: bool,
}

/// The sides of one text line's tokens: the left cell's piece and numbers,
/// then the right cell's. `left_values` is how many value columns the left
/// side prints.
fn text_line_sides(
    line: &[&Tok],
    next: &NextLine,
    readers: &[SideReader; 2],
    names: &SideNames,
    numbered: bool,
    left_values: usize,
) -> (Vec<usize>, bool) {
    let texts: Vec<usize> = line
        .iter()
        .enumerate()
        .filter(|(_, t)| t.is_text())
        .map(|(i, _)| i)
        .collect();
    let mut sides = vec![0usize; line.len()];
    let mut guessed = false;
    let right_from = match texts.as_slice() {
        // Numbers before any label: the left cell's (its label is on other
        // lines); every label on the line is then the right cell's.
        [first, ..] if *first > 0 => Some(*first),
        [_, second, ..] => Some(*second),
        [first] => {
            let piece = line.get(*first).map_or("", |t| t.text());
            let line_no = line.first().map_or(0, |t| t.line);
            let next = NextLine {
                values_beyond_left: line
                    .iter()
                    .skip(first + 1)
                    .filter(|t| !t.is_text())
                    .skip(left_values + usize::from(numbered))
                    .any(|t| t.token.kind != TokenKind::Dash),
                ..*next
            };
            let (side, guess) = lone_piece_side(readers, names, piece, line_no, &next);
            guessed = guess;
            (side == 1).then_some(0)
        }
        // Numbers alone: the side whose label waits for them, when one does.
        [] => (readers[1].waiting() && !readers[0].waiting()).then_some(0),
    };
    let right_from = right_from.unwrap_or_else(|| {
        // The left cell's label (or none) and a run of numbers: the left
        // side takes its 行次 and its value columns, the rest is the right's.
        let start = texts.first().map_or(0, |i| i + 1);
        let [left, right] = readers;
        let mut k = start;
        if line
            .get(k)
            .is_some_and(|t| left.takes_line_number(t, numbered).is_some())
        {
            k += 1;
        }
        let mut taken = 0;
        while let Some(t) = line.get(k) {
            let right_number = right.takes_line_number(t, numbered).is_some();
            if taken >= left_values || right_number {
                break;
            }
            taken += 1;
            k += 1;
        }
        k
    });
    for (i, s) in sides.iter_mut().enumerate() {
        *s = usize::from(i >= right_from);
    }
    (sides, guessed)
}

/// Reassembles both sides' items. Rows carry `side` and `line_number`; the
/// left side's rows come first.
pub fn two_sided_rows(
    toks: &[Tok],
    header: &[HeaderCell],
    names: &SideNames,
    left_values: usize,
    warnings: &mut Vec<String>,
) -> Vec<RawRow> {
    let positioned = toks.iter().any(|t| t.token.x.is_some());
    let joined = (!positioned).then(|| join_bare_ordinals(toks));
    let toks = joined.as_deref().unwrap_or(toks);
    let numbered = is_numbered(toks);
    // With positions but one label column only, everything is the left side's.
    let split = positioned.then(|| side_split(toks, header).unwrap_or(f32::MAX));
    let mut readers = [SideReader::new(0), SideReader::new(1)];
    let mut right_columns = (!positioned && !names.second_column.is_empty())
        .then(|| {
            let mut k = 0;
            while k < toks.len() {
                let line = toks.get(k).map_or(0, |t| t.line);
                let end = toks
                    .iter()
                    .skip(k)
                    .position(|t| t.line != line)
                    .map_or(toks.len(), |n| k + n);
                let on_line: Vec<&Tok> = toks.get(k..end).unwrap_or_default().iter().collect();
                if names.second_column_on(&on_line) {
                    return true;
                }
                k = end;
            }
            false
        })
        .filter(|on| *on)
        .map(|_| RightColumns {
            second: SideReader::new(1),
            last_label_second: None,
        });
    let mut guessed_rows: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        let Some(first) = toks.get(k) else { break };
        let end = toks
            .iter()
            .skip(k)
            .position(|t| t.line != first.line)
            .map_or(toks.len(), |n| k + n);
        let line: Vec<&Tok> = toks.get(k..end).unwrap_or_default().iter().collect();
        let edge = at_page_edge(toks, k) && end == k + 1;
        k = end;
        if edge {
            let continues = match split {
                Some(s) => {
                    (0..2).any(|side| positioned_role(first, side, s, header) == Role::LineNumber)
                }
                // At a page edge only a side's exact next 行次 is one.
                None => readers.iter().any(|r| {
                    r.takes_line_number(first, numbered).is_some_and(|n| {
                        r.last_line_number
                            .map_or(n == 1 || r.waiting(), |l| l + 1 == n)
                    })
                }),
            };
            if !continues {
                warnings.push(format!(
                    "dropped page number {} on page {}",
                    first.text(),
                    first.page
                ));
                continue;
            }
        }
        let (sides, guessed) = match split {
            Some(s) => (
                line.iter()
                    .map(|t| usize::from(t.token.x.is_some_and(|x| x.centre() >= s)))
                    .collect(),
                false,
            ),
            None => {
                let next_integer = toks
                    .iter()
                    .skip(k)
                    .take_while(|t| t.line <= first.line + 4)
                    .find(|t| t.token.kind == TokenKind::Digits && t.text().len() <= 3)
                    .and_then(|t| t.text().parse::<u32>().ok());
                let line_tail = line.iter().skip_while(|t| !t.is_text()).skip(1);
                let next_integer = line_tail
                    .clone()
                    .find(|t| t.token.kind == TokenKind::Digits && t.text().len() <= 3)
                    .and_then(|t| t.text().parse::<u32>().ok())
                    .or(next_integer);
                let next_texts: Vec<&str> = toks
                    .iter()
                    .skip(k)
                    .take_while(|t| toks.get(k).is_some_and(|n| n.line == t.line))
                    .filter(|t| t.is_text())
                    .map(Tok::text)
                    .collect();
                let next = NextLine {
                    integer: next_integer,
                    pieces: match next_texts.as_slice() {
                        [a, b] => [Some(*a), Some(*b)],
                        _ => [None, None],
                    },
                    ..NextLine::default()
                };
                text_line_sides(&line, &next, &readers, names, numbered, left_values)
            }
        };
        let ruled = line.iter().any(|t| t.ruled);
        if let Some(rc) = right_columns.as_mut() {
            rc.last_label_second = None;
        }
        // Text: numbers under a left label still waiting for its value while
        // a right item waits too, and no right label on the line: where the
        // left's numbers end is a guess (a blank cell prints nothing).
        let right_waiting =
            readers[1].waiting() || right_columns.as_ref().is_some_and(|rc| rc.second.waiting());
        let on = |side: usize, text: bool| {
            line.iter()
                .zip(&sides)
                .any(|(t, s)| *s == side && t.is_text() == text)
        };
        let split_guessed = split.is_none()
            && readers[0].waiting()
            && right_waiting
            && on(0, false)
            && !on(1, true);
        for side in 0..2 {
            let mut first_number = true;
            let numbers_on_line = line
                .iter()
                .zip(&sides)
                .filter(|(t, s)| **s == side && !t.is_text())
                .count();
            for (t, _) in line.iter().zip(&sides).filter(|(_, s)| **s == side) {
                let [_, first_right] = &readers;
                let (second, column_guessed) = match right_columns.as_mut().filter(|_| side == 1) {
                    Some(rc) if t.is_text() => {
                        let second = rc.takes_label(first_right, names, t.text());
                        rc.last_label_second = Some(second);
                        (second, false)
                    }
                    Some(rc) => rc.takes_value(first_right, numbers_on_line),
                    None => (false, false),
                };
                let reader = match right_columns.as_mut() {
                    Some(rc) if second => &mut rc.second,
                    _ => match readers.get_mut(side) {
                        Some(r) => r,
                        None => continue,
                    },
                };
                let role = if t.is_text() {
                    Role::Label
                } else if let Some(s) =
                    split.filter(|_| header.iter().any(|c| is_line_number_header(&c.text)))
                {
                    positioned_role(t, side, s, header)
                } else if first_number && reader.takes_line_number(t, numbered).is_some() {
                    Role::LineNumber
                } else {
                    Role::Value
                };
                match role {
                    Role::Label => {
                        reader.push_label(t, names, ruled);
                        if guessed && split.is_none() && !second {
                            guessed_rows.push((side, reader.rows.len()));
                        }
                    }
                    Role::LineNumber => {
                        let n = t.text().parse::<u32>().unwrap_or(0);
                        reader.push_line_number(t, n);
                    }
                    Role::Value => {
                        let doubt = (first_number
                            && split.is_none()
                            && line_number_value(t, numbered).is_some())
                        .then_some(Doubt::LineNumberSplit)
                        .or((column_guessed || split_guessed).then_some(Doubt::FragmentSide));
                        reader.push_value(t, doubt, warnings);
                    }
                }
                if !t.is_text() {
                    first_number = false;
                }
            }
        }
        if split_guessed {
            let second = right_columns.as_mut().map(|rc| &mut rc.second);
            for r in std::iter::once(&mut readers[1]).chain(second) {
                r.doubt_if_waiting(Doubt::FragmentSide);
            }
        }
    }
    let [left, right] = readers;
    let mut right = right.finish();
    right.extend(right_columns.map_or_else(Vec::new, |rc| rc.second.finish()));
    let mut sides = [left.finish(), right];
    if !positioned {
        for (side, rows) in sides.iter_mut().enumerate() {
            for (i, r) in rows.iter_mut().enumerate() {
                let guessed = guessed_rows.contains(&(side, i));
                let unknown =
                    names.known(side) && !r.label.is_empty() && !names.is_name(side, &r.label);
                if (guessed && unknown
                    || mixes_sides(&r.label)
                    || unknown && r.label.chars().count() > 1)
                    && !r.doubt.contains(&Doubt::FragmentSide)
                {
                    r.doubt.push(Doubt::FragmentSide);
                }
            }
        }
    }
    let [l, r] = sides;
    l.into_iter().chain(r).collect()
}

/// An ordinal printed apart from its item's name (`1. 一般公`): one piece
/// with the text after it, so the line still shows one label per side.
fn join_bare_ordinals(toks: &[Tok]) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    for t in toks {
        let joins = out.last().is_some_and(|p| {
            p.line == t.line
                && p.is_text()
                && t.is_text()
                && has_ordinal(p.text())
                && strip_ordinal(p.text()).is_empty()
        });
        match out.last_mut() {
            Some(p) if joins => p.token.text.push_str(t.text()),
            _ => out.push(t.clone()),
        }
    }
    out
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

/// The side a label's own words name (支出…, 年末…, 结余分配 the 支出 side;
/// …收入, 年初…, 使用… the 收入 side), when they name one: the vocabulary's
/// `side_words` (`grammars/vocabulary.toml`), the one place the
/// side-deciding words of two-sided tables live.
pub fn side_word(label: &str) -> Option<&'static str> {
    crate::templates::vocabulary::active().side_named(strip_ordinal(label))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::stream::flatten;
    use crate::grammar::tok_line::prepare;
    use crate::input::text_lines::text_to_lines;

    fn names() -> SideNames {
        let templates = crate::templates::Templates::embedded().unwrap();
        let tpl = templates
            .tables
            .iter()
            .find(|c| {
                c.template.kind == "income_expenditure_summary" && c.template.variant.is_none()
            })
            .unwrap();
        SideNames::of(&tpl.template, &templates.catalogue)
    }

    fn rows(text: &str) -> Vec<(String, u32, String, Vec<f64>)> {
        let lines = text_to_lines(text);
        let p = prepare(&lines);
        let mut w = Vec::new();
        two_sided_rows(&flatten(&p), &[], &names(), 1, &mut w)
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

    fn find<'a>(
        r: &'a [(String, u32, String, Vec<f64>)],
        label: &str,
    ) -> &'a (String, u32, String, Vec<f64>) {
        r.iter().find(|x| x.2 == label).unwrap()
    }

    #[test]
    fn the_side_split_puts_each_side_word_over_the_middle_of_its_side() {
        // A borderless 收支预算总表: 收入 labels at 48, 支出 功能分类 labels at
        // 276 and 支出用途 labels at 537 (the widest label gap).
        let span = |t: &str, x0: f32, x1: f32| crate::lines::Span {
            text: t.into(),
            x: Some(crate::lines::XRange { x0, x1 }),
            origin: None,
        };
        let line = |spans: Vec<crate::lines::Span>| crate::lines::Line {
            page: 1,
            y: Some(0.0),
            spans,
            ruled: false,
        };
        let lines = vec![
            line(vec![
                span("一、财政拨款", 48.0, 100.0),
                span("4871.07", 245.0, 271.0),
                span("一、一般公共服务支出", 276.0, 380.0),
                span("一、基本支出", 537.0, 600.0),
                span("2326.70", 767.0, 794.0),
            ]),
            line(vec![
                span("1.一般公共预算", 48.0, 110.0),
                span("4871.07", 245.0, 271.0),
                span("二、外交支出", 276.0, 330.0),
                span("二、项目支出", 537.0, 600.0),
                span("2626.46", 767.0, 794.0),
            ]),
        ];
        let header = |t: &str, x0: f32, x1: f32| HeaderCell {
            text: t.into(),
            x: crate::lines::XRange { x0, x1 },
            level: 0,
        };
        let cells = vec![header("收入", 153.0, 167.0), header("支出", 528.0, 542.0)];
        let p = prepare(&lines);
        let split = side_split(&flatten(&p), &cells).unwrap();
        assert!((split - 275.0).abs() < 0.5, "{split}");
    }

    #[test]
    fn both_sides_on_one_line() {
        let r = rows(
            "一、一般公共预算财政拨款收入 1 187.89 一、一般公共服务支出 30\n二、上级补助收入 2 二、教育支出 31 164.90 164.90",
        );
        assert_eq!(
            find(&r, "一、一般公共预算财政拨款收入"),
            &(
                "收入".into(),
                1,
                "一、一般公共预算财政拨款收入".into(),
                vec![187.89]
            )
        );
        assert_eq!(
            find(&r, "一、一般公共服务支出"),
            &("支出".into(), 30, "一、一般公共服务支出".into(), vec![])
        );
        assert_eq!(
            find(&r, "二、教育支出"),
            &(
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
        assert!(
            labels.contains(&(2, "二、政府性基金预算财政拨款收入")),
            "{labels:?}"
        );
        assert!(labels.contains(&(33, "二、外交支出")), "{labels:?}");
        assert!(
            labels.contains(&(34, "十四、资源勘探工业信息等支出")),
            "{labels:?}"
        );
    }

    #[test]
    fn both_sides_wrapped_and_centred() {
        // Labels wrapped at five characters on both sides, centred on the row.
        let r = rows(
            "一、一般公 一、一般公\n共预算财政 1 165.19 共服务支出 1\n拨款收入\n二、政府性 二、外交支\n基金预算财 2 出 2\n政拨款收入\n五、事业收 5 13.46 五、教育支 5 42.03\n入 出\n九、卫生健 9\n康支出",
        );
        assert_eq!(find(&r, "一、一般公共预算财政拨款收入").3, vec![165.19]);
        assert_eq!(find(&r, "一、一般公共服务支出").0, "支出");
        assert_eq!(find(&r, "二、政府性基金预算财政拨款收入").1, 2);
        assert_eq!(find(&r, "二、外交支出").1, 2);
        assert_eq!(find(&r, "五、事业收入").3, vec![13.46]);
        assert_eq!(find(&r, "五、教育支出").3, vec![42.03]);
        assert_eq!(find(&r, "九、卫生健康支出").0, "支出");
    }

    #[test]
    fn items_without_line_numbers_keep_their_values() {
        let r = rows("本年收入合计 187.89");
        assert_eq!(r[0].2, "本年收入合计");
        assert_eq!(r[0].3, vec![187.89]);
    }
}
