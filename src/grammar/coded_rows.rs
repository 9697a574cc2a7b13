//! Rows of coded tables (收入决算表, 支出决算表, the fund tables): each row is a
//! code (or a total label), a name that may wrap over lines and pages, and its
//! numbers, which may follow on the next line.

use super::document::RawRow;
use super::stream::{Tok, read_code};
use super::token::TokenKind;
use crate::templates::catalogue::Catalogue;

/// True for the label of a total row (its row key is `合计`): the
/// vocabulary's `total_labels` (`grammars/vocabulary.toml`).
pub fn is_total_label(label: &str) -> bool {
    crate::templates::vocabulary::active().is_total_label(label)
}

/// Function-classification code lengths: 类, 款, 项.
const CODE_LENS: [usize; 3] = [3, 5, 7];

/// A row start: a full code, or a code printed only by its own level
/// (`01` in a 款 column under `205`), returned with a leading `~`.
fn starts_row(toks: &[Tok], k: usize, cur: Option<&RawRow>) -> Option<(String, usize)> {
    let open = cur.is_none_or(|r| !r.label.is_empty() || !r.numbers.is_empty());
    let first = toks.get(k)?;
    if open
        && first.is_digits_of(&[2])
        && cur.is_some()
        && toks.get(k + 1).is_some_and(Tok::is_text)
    {
        return Some((format!("~{}", first.text()), 1));
    }
    let well_formed = read_code(toks, k, &CODE_LENS).filter(|(code, used)| {
        toks.get(k + used).is_some_and(Tok::is_text) && matches!(code.len(), 3 | 5 | 7)
    });
    if !open {
        return None;
    }
    well_formed.or_else(|| cur.and_then(|r| misprinted_code(toks, k, r)))
}

/// A code whose higher parts are not a 科目 code (`7 11 02 事业单位医疗`: the
/// 类 cell holds a stray figure): two or three digit groups opening their
/// line, none longer than a 类, the last one or two digits, then the row's
/// name. Such groups stand in the code columns, never among the amounts,
/// which follow the name. The row is read by its own level (`~02`) and
/// completed from the rows above like a code printed by its own level only;
/// the caller reports what was printed. Where positions are known, the groups
/// must stand left of the column the row above printed its name in.
fn misprinted_code(toks: &[Tok], k: usize, above: &RawRow) -> Option<(String, usize)> {
    let first = toks.get(k)?;
    if first.column != 0 {
        return None;
    }
    let parts = toks
        .iter()
        .skip(k)
        .take_while(|t| t.line == first.line && t.is_digits_of(&[1, 2, 3]))
        .count();
    let last = toks.get((k + parts).checked_sub(1)?)?;
    let named = toks.get(k + parts).is_some_and(Tok::is_text);
    let left_of_names = match (last.token.x, above.label_x) {
        (Some(part), Some(names)) => part.x1 <= names.x0 + 1.0,
        _ => true,
    };
    (matches!(parts, 2 | 3) && named && left_of_names && last.is_digits_of(&[1, 2]))
        .then(|| (format!("~{:0>2}", last.text()), parts))
}

/// The printed parts of a code that [`misprinted_code`] read by its own level.
fn printed_parts(toks: &[Tok], k: usize, used: usize) -> String {
    toks.iter()
        .skip(k)
        .take(used)
        .map(Tok::text)
        .collect::<Vec<_>>()
        .join(" ")
}

fn new_row(t: &Tok, code: Option<String>, label: &str) -> RawRow {
    RawRow {
        code,
        label: label.to_string(),
        page: t.page,
        label_x: if label.is_empty() { None } else { t.token.x },
        label_at: Some(t.at()),
        ..RawRow::default()
    }
}

/// A code at the start of a positioned line followed directly by amounts, after
/// a row that already has its numbers: a borderless row whose wrapped name is
/// printed above and below its vertically centred code and numbers.
fn centred_row(toks: &[Tok], k: usize, cur: Option<&RawRow>) -> Option<(String, usize)> {
    let t = toks.get(k)?;
    if t.column != 0 || t.token.x.is_none() || cur.is_none_or(|r| r.numbers.is_empty()) {
        return None;
    }
    let (code, used) = read_code(toks, k, &CODE_LENS)?;
    let next = toks.get(k + used)?;
    let amount_follows =
        next.line == t.line && matches!(next.token.kind, TokenKind::Amount(_) | TokenKind::Dash);
    (amount_follows && matches!(code.len(), 3 | 5 | 7)).then_some((code, used))
}

/// Reassembles coded rows from a body's token stream. Numbers before any row
/// are reported in `warnings`, never dropped silently.
pub fn coded_rows(toks: &[Tok], catalogue: &Catalogue, warnings: &mut Vec<String>) -> Vec<RawRow> {
    let mut rows: Vec<RawRow> = Vec::new();
    let mut cur: Option<RawRow> = None;
    // Per row: where each piece of label printed after its numbers begins.
    let mut tails: Vec<Vec<usize>> = Vec::new();
    let mut cur_tail: Vec<usize> = Vec::new();
    // Length of the current row's label when its numbers began: text after
    // that is a tail, which a vertically centred row below may claim.
    let mut label_at_numbers: Option<usize> = None;
    let mut k = 0;
    while let Some(t) = toks.get(k) {
        if let Some((code, used)) = starts_row(toks, k, cur.as_ref()) {
            if code.starts_with('~') && used > 1 {
                warnings.push(format!(
                    "code printed as `{}` on page {}: read by its last part and the rows above",
                    printed_parts(toks, k, used),
                    t.page
                ));
            }
            finish(&mut rows, &mut tails, cur.take(), &mut cur_tail);
            cur = Some(new_row(t, Some(code), ""));
            label_at_numbers = None;
            k += used;
            continue;
        }
        if let Some((code, used)) = centred_row(toks, k, cur.as_ref()) {
            // The text since the previous row's numbers is this row's first line.
            let mut prev = cur.take();
            let head = match (prev.as_mut(), label_at_numbers) {
                (Some(p), Some(cut)) if cut < p.label.len() => p.label.split_off(cut),
                _ => String::new(),
            };
            cur_tail.clear();
            finish(&mut rows, &mut tails, prev, &mut cur_tail);
            let mut row = new_row(t, Some(code), "");
            row.label = head;
            cur = Some(row);
            label_at_numbers = None;
            k += used;
            continue;
        }
        if t.is_text() {
            let is_total = is_total_label(t.text());
            match cur.as_mut() {
                Some(r) if !is_total || r.label.is_empty() && r.code.is_some() => {
                    if r.label_x.is_none() {
                        r.label_x = t.token.x;
                    }
                    if !r.numbers.is_empty() {
                        cur_tail.push(r.label.len());
                    }
                    r.label.push_str(t.text());
                    r.mark_label(t.at());
                }
                _ => {
                    finish(&mut rows, &mut tails, cur.take(), &mut cur_tail);
                    cur = Some(new_row(t, None, t.text()));
                }
            }
        } else if let Some(n) = t.as_number() {
            match cur.as_mut() {
                Some(r) => {
                    if r.numbers.is_empty() {
                        label_at_numbers = Some(r.label.len());
                    }
                    r.numbers.push(n)
                }
                None => warnings.push(format!(
                    "number {} before any row on page {}",
                    t.text(),
                    t.page
                )),
            }
        }
        k += 1;
    }
    finish(&mut rows, &mut tails, cur, &mut cur_tail);
    give_tails_to_next_rows(&mut rows, &tails, catalogue);
    resolve_partial_codes(&mut rows, catalogue, warnings);
    rows
}

/// Ends a row: it joins `rows`, the places of its label's tail pieces `tails`.
fn finish(
    rows: &mut Vec<RawRow>,
    tails: &mut Vec<Vec<usize>>,
    row: Option<RawRow>,
    tail: &mut Vec<usize>,
) {
    if let Some(r) = row {
        rows.push(r);
        tails.push(std::mem::take(tail));
    }
    tail.clear();
}

/// Whether `label` is the standard or a former name of `code`.
fn named(catalogue: &Catalogue, code: Option<&str>, label: &str) -> bool {
    let Some(code) = code else {
        return is_total_label(label);
    };
    // A code printed by its own level only (`~02`): some 款 or 项 of that name ends so.
    if let Some(own) = code.strip_prefix('~') {
        return catalogue
            .codes_named(|n| n == label)
            .iter()
            .any(|c| matches!(c.len(), 5 | 7) && c.ends_with(own));
    }
    catalogue.name(code) == Some(label) || catalogue.codes_named(|n| n == label).contains(&code)
}

/// Text printed between one row's numbers and the next row's code is either
/// the tail of the first row's wrapped name or the first line of the next
/// row's, vertically centred on its numbers (`社会保障和就业支` above
/// `208 出 3,918,636.27`). The catalogue decides: the pieces go where both
/// rows' names come out as the standard (or a total's) names; without that
/// evidence they stay with the row above.
fn give_tails_to_next_rows(rows: &mut [RawRow], tails: &[Vec<usize>], catalogue: &Catalogue) {
    for i in 0..rows.len().saturating_sub(1) {
        let Some(cuts) = tails.get(i).filter(|c| !c.is_empty()) else {
            continue;
        };
        let (Some(a), Some(b)) = (rows.get(i), rows.get(i + 1)) else {
            continue;
        };
        if b.code.is_none() {
            continue;
        }
        let score = |cut: usize| {
            let (keep, moved) = a.label.split_at(cut.min(a.label.len()));
            usize::from(named(catalogue, a.code.as_deref(), keep))
                + usize::from(named(
                    catalogue,
                    b.code.as_deref(),
                    &format!("{moved}{}", b.label),
                ))
        };
        let stay = score(a.label.len());
        let best = cuts
            .iter()
            .copied()
            .filter(|c| a.label.is_char_boundary(*c))
            .map(|c| (score(c), c))
            .filter(|(s, _)| *s > stay)
            .max_by_key(|(s, c)| (*s, *c));
        if let Some((_, cut)) = best
            && let Some(a) = rows.get_mut(i)
        {
            let moved = a.label.split_off(cut);
            if let Some(b) = rows.get_mut(i + 1) {
                b.label.insert_str(0, &moved);
            }
        }
    }
}

/// What the rows read so far say about where a partial code belongs.
#[derive(Default)]
struct Context {
    class: Option<String>,
    kuan: Option<String>,
    kuan_total: f64,
    covered: f64,
}

/// Completes codes printed only by their own level. The catalogue decides
/// when the printed name is the standard name of exactly one reading; else
/// the amounts do: rows after a 款 are its 项 until they add up to it.
fn resolve_partial_codes(rows: &mut [RawRow], catalogue: &Catalogue, warnings: &mut Vec<String>) {
    let mut ctx = Context::default();
    for r in rows.iter_mut() {
        // The first printed amount (a dash in an empty first column is none).
        let first = r.numbers.iter().find_map(|n| n.value).unwrap_or(0.0);
        let Some(code) = r.code.clone() else { continue };
        let Some(own) = code.strip_prefix('~') else {
            match code.len() {
                3 => {
                    ctx = Context {
                        class: Some(code),
                        ..Context::default()
                    }
                }
                5 => {
                    ctx.kuan = Some(code);
                    ctx.kuan_total = first;
                    ctx.covered = 0.0;
                }
                _ => ctx.covered += first,
            }
            continue;
        };
        let as_kuan = ctx.class.as_ref().map(|c| format!("{c}{own}"));
        let as_xiang = ctx.kuan.as_ref().map(|k| format!("{k}{own}"));
        let named = |c: &Option<String>| {
            c.as_deref()
                .and_then(|c| catalogue.name(c))
                .is_some_and(|n| n == r.label)
        };
        let uncovered = ctx.kuan.is_some()
            && ctx.covered + first <= ctx.kuan_total + 0.025
            && ctx.covered < ctx.kuan_total - 0.005;
        let xiang = named(&as_xiang) || (!named(&as_kuan) && uncovered);
        let resolved = if xiang { as_xiang } else { as_kuan };
        match resolved {
            Some(full) if xiang => {
                ctx.covered += first;
                r.code = Some(full);
            }
            Some(full) => {
                ctx.kuan = Some(full.clone());
                ctx.kuan_total = first;
                ctx.covered = 0.0;
                r.code = Some(full);
            }
            None => {
                warnings.push(format!(
                    "code {own} of {:?} printed without its 类 on page {}",
                    r.label, r.page
                ));
                r.code = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::stream::flatten;
    use crate::grammar::tok_line::prepare;
    use crate::input::text_lines::text_to_lines;

    fn rows(text: &str) -> Vec<RawRow> {
        let lines = text_to_lines(text);
        let p = prepare(&lines);
        let mut w = Vec::new();
        let r = coded_rows(&flatten(&p), &Catalogue::default(), &mut w);
        assert!(w.is_empty(), "{w:?}");
        r
    }

    fn summary(r: &RawRow) -> (Option<&str>, &str, Vec<f64>) {
        (
            r.code.as_deref(),
            r.label.as_str(),
            r.numbers.iter().filter_map(|n| n.value).collect(),
        )
    }

    #[test]
    fn code_alone_name_wrapped_numbers_on_next_line() {
        let r = rows(
            "合计 187.89 187.89\n2080505\n机关事业单位基本养老保险\n缴费支出\n6.15 6.15\n210 卫生健康支出 6.11 6.11",
        );
        assert_eq!(r.len(), 3);
        assert_eq!(summary(&r[0]), (None, "合计", vec![187.89, 187.89]));
        assert_eq!(
            summary(&r[1]),
            (
                Some("2080505"),
                "机关事业单位基本养老保险缴费支出",
                vec![6.15, 6.15]
            )
        );
        assert_eq!(
            summary(&r[2]),
            (Some("210"), "卫生健康支出", vec![6.11, 6.11])
        );
    }

    #[test]
    fn split_codes_are_joined() {
        let r = rows(
            "205 教育支出 1.00\n205 01 教育管理事务 1.00\n205 01 99 其他教育管理事务支出 1.00",
        );
        let codes: Vec<_> = r
            .iter()
            .map(|x| x.code.clone().unwrap_or_default())
            .collect();
        assert_eq!(codes, ["205", "20501", "2050199"]);
    }

    #[test]
    fn split_parts_printed_without_their_leading_zero_are_padded() {
        let r = rows("301 工资福利支出 3 3\n301 2 津贴补贴 1 1\n301 7 绩效工资 2 2");
        let codes: Vec<_> = r.iter().map(|x| x.code.clone()).collect();
        assert_eq!(
            codes,
            [
                Some("301".into()),
                Some("30102".into()),
                Some("30107".into())
            ]
        );
        assert_eq!(summary(&r[1]).2, vec![1.0, 1.0]);
    }

    #[test]
    fn a_lone_digit_after_a_class_without_a_name_stays_an_amount() {
        let r = rows("301 工资福利支出 3\n301 5\n");
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(summary(&r[0]).2, vec![3.0, 301.0, 5.0]);
    }

    #[test]
    fn a_misprinted_class_part_is_a_code_not_an_amount() {
        let lines = text_to_lines(
            "210 卫生健康支出 5 5\n210 11 行政事业单位医疗 5 5\n7 11 02 事业单位医疗 5 5",
        );
        let p = prepare(&lines);
        let mut w = Vec::new();
        let r = coded_rows(&flatten(&p), &Catalogue::default(), &mut w);
        let codes: Vec<_> = r
            .iter()
            .map(|x| x.code.clone().unwrap_or_default())
            .collect();
        assert_eq!(codes, ["210", "21011", "2101102"]);
        assert!(r.iter().all(|x| summary(x).2 == vec![5.0, 5.0]), "{r:?}");
        assert!(w.iter().any(|m| m.contains("`7 11 02`")), "{w:?}");
    }

    #[test]
    fn name_tail_after_numbers_and_over_a_page_break() {
        let r = rows(
            "2080505 机关事业单位基本养老保险 6.15 6.15\n缴费支出\n\n\n\n2080506 机关事业单位职业年金\n\n\n\n缴费支出 1.00\n",
        );
        assert_eq!(r[0].label, "机关事业单位基本养老保险缴费支出");
        assert_eq!(r[1].label, "机关事业单位职业年金缴费支出");
        assert_eq!(r[1].page, 2);
    }

    #[test]
    fn integer_amounts_are_not_codes() {
        let r = rows("2050199 其他教育管理事务支出 1878900 1878900\n2080505 缴费支出 615 615");
        assert_eq!(r.len(), 2);
        assert_eq!(summary(&r[0]).2, vec![1878900.0, 1878900.0]);
        assert_eq!(summary(&r[1]).2, vec![615.0, 615.0]);
    }

    #[test]
    fn codes_printed_by_their_own_level_are_completed_by_the_amounts() {
        let r = rows(
            "合计 10.00\n205 教育支出 10.00\n01 教育管理事务 6.00\n01 行政运行 4.00\n99 其他 2.00\n02 普通教育 4.00\n01 学前 4.00",
        );
        let codes: Vec<_> = r
            .iter()
            .map(|x| x.code.clone().unwrap_or_default())
            .collect();
        assert_eq!(
            codes,
            ["", "205", "20501", "2050101", "2050199", "20502", "2050201"]
        );
    }

    #[test]
    fn a_name_centred_on_its_numbers_is_taken_from_the_row_above() {
        let mut catalogue = Catalogue::default();
        catalogue
            .add_toml("[f]\n\"208\" = \"社会保障和就业支出\"\n")
            .unwrap();
        let lines = text_to_lines("合计 10.00\n社会保障和就业支\n208 出 10.00\n");
        let p = prepare(&lines);
        let mut w = Vec::new();
        let r = coded_rows(&flatten(&p), &catalogue, &mut w);
        assert_eq!(r[0].label, "合计");
        assert_eq!(r[1].label, "社会保障和就业支出");
    }

    #[test]
    fn dashes_keep_their_column() {
        let r = rows("205 教育支出 10.00 - 10.00");
        assert_eq!(r[0].numbers.len(), 3);
        assert_eq!(r[0].numbers[1].value, None);
    }
}
