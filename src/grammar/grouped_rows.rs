//! Rows of the grouped table (基本支出决算表): two or three code/name/amount
//! groups side by side on one printed line, each group its own row.

use super::document::RawRow;
use super::stream::{Tok, read_code};
use crate::doubt::Doubt;
use crate::templates::catalogue::Catalogue;

/// Economic-classification code lengths: 类 and 款.
const CODE_LENS: [usize; 2] = [3, 5];

/// 类 codes of the economic classification that head the groups.
const ECONOMIC_CLASSES: [&str; 10] = [
    "301", "302", "303", "307", "309", "310", "311", "312", "313", "399",
];

/// A code starts a row when a name follows it, or when it is an integer whose
/// 类 is an economic class (codes printed without a name, as in the seed's
/// third group); amounts are printed with decimals.
fn economic_code(toks: &[Tok], k: usize) -> Option<(String, usize)> {
    let (code, used) = read_code(toks, k, &CODE_LENS)?;
    let plausible = code.starts_with('3') || code.starts_with('5');
    let named = toks.get(k + used).is_some_and(Tok::is_text);
    let class = code
        .get(..3)
        .is_some_and(|c| ECONOMIC_CLASSES.contains(&c) || c.starts_with('5'));
    (plausible && (named || class) && (used == 1 || code.len() == 5)).then_some((code, used))
}

/// The row of the code line's groups that a token of a later line belongs
/// to. Such a line prints, left to right, each group's next label piece and
/// its amount (bottom- or centre-aligned amounts, names wrapped): an amount
/// goes to the first group from `from` still without one; a label piece to
/// the group whose catalogue name it continues, else the first group from
/// `from` still without an amount (its piece precedes its amount), else the
/// last group.
fn continuation_row(
    rows: &[RawRow],
    groups: &[usize],
    from: usize,
    t: &Tok,
    catalogue: &Catalogue,
) -> Option<usize> {
    let open = groups.iter().skip(from).copied();
    let without_amount = |i: &usize| rows.get(*i).is_some_and(|r| r.numbers.is_empty());
    if t.as_number().is_some() {
        return open.clone().find(without_amount);
    }
    let continues_name = |i: &usize| {
        rows.get(*i).is_some_and(|r| {
            let grown = format!("{}{}", r.label, t.text());
            r.code
                .as_deref()
                .and_then(|c| catalogue.name(c))
                .is_some_and(|n| n != r.label && n.starts_with(&grown))
        })
    };
    open.clone()
        .find(continues_name)
        .or_else(|| open.clone().find(without_amount))
        .or_else(|| groups.last().copied())
}

/// Reassembles grouped rows; `special` labels (人员经费合计…) start rows of their own.
pub fn grouped_rows(
    toks: &[Tok],
    special: &[String],
    catalogue: &Catalogue,
    warnings: &mut Vec<String>,
) -> Vec<RawRow> {
    let mut rows: Vec<RawRow> = Vec::new();
    let mut group_line = usize::MAX;
    // The rows opened on the last line that opened any (its groups).
    let mut groups: Vec<usize> = Vec::new();
    // On a later line: the first group the next token may belong to.
    let mut from = 0usize;
    let mut from_line = usize::MAX;
    let mut k = 0;
    while let Some(t) = toks.get(k) {
        let starts = economic_code(toks, k)
            .map(|(c, u)| (Some(c), String::new(), u))
            .or_else(|| {
                special
                    .iter()
                    .any(|s| s == t.text())
                    .then(|| (None, t.text().to_string(), 1))
            });
        if let Some((code, label, used)) = starts {
            if t.line != group_line {
                group_line = t.line;
                groups.clear();
            }
            groups.push(rows.len());
            rows.push(RawRow {
                code,
                label,
                page: t.page,
                group: Some(groups.len() - 1),
                label_x: t.token.x,
                label_at: Some(t.at()),
                ..RawRow::default()
            });
            k += used;
            continue;
        }
        let target = if t.line == group_line || t.token.x.is_some() || groups.len() < 2 {
            groups.last().copied()
        } else {
            if t.line != from_line {
                from_line = t.line;
                from = 0;
            }
            let target = continuation_row(&rows, &groups, from, t, catalogue);
            if let Some(at) = target.and_then(|i| groups.iter().position(|g| *g == i)) {
                from = at + usize::from(t.as_number().is_some());
            }
            target
        };
        let on_later_line = rows
            .get(target.unwrap_or(usize::MAX))
            .is_some_and(|_| t.line != group_line);
        match (target.and_then(|i| rows.get_mut(i)), t.as_number()) {
            (Some(r), Some(n)) => {
                // In text, a number on a later line than its row's code may
                // belong to another group of the line above: a guess.
                if t.token.x.is_none() && on_later_line && !r.doubt.contains(&Doubt::FragmentSide) {
                    r.doubt.push(Doubt::FragmentSide);
                }
                r.numbers.push(n);
            }
            (Some(r), None) => {
                r.label.push_str(t.text());
                r.mark_label(t.at());
            }
            (None, _) => warnings.push(format!("{:?} before any row on page {}", t.text(), t.page)),
        }
        k += 1;
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::stream::flatten;
    use crate::grammar::tok_line::prepare;
    use crate::input::text_lines::text_to_lines;

    #[test]
    fn three_groups_per_line_with_wraps() {
        let text = "301 工资福利支出 81.08 302 商品和服务支出 8.81 307 资本性支出\n30101 基本工资 21.25 30201 办公费 1.44 30701\n办公设备购\n置\n30108\n机关事业单位\n基本养老保险缴\n费\n6.15 30206 电费 31007\n人员经费合计 81.08 公用经费合计 8.81";
        let lines = text_to_lines(text);
        let p = prepare(&lines);
        let mut w = Vec::new();
        let special = vec!["人员经费合计".to_string(), "公用经费合计".to_string()];
        let rows = grouped_rows(&flatten(&p), &special, &Catalogue::default(), &mut w);
        let got: Vec<_> = rows
            .iter()
            .map(|r| {
                (
                    r.code.clone().unwrap_or_else(|| r.label.clone()),
                    r.label.clone(),
                    r.numbers.first().and_then(|n| n.value),
                )
            })
            .collect();
        assert_eq!(got[0], ("301".into(), "工资福利支出".into(), Some(81.08)));
        assert_eq!(got[2], ("307".into(), "资本性支出".into(), None));
        assert_eq!(got[5], ("30701".into(), "办公设备购置".into(), None));
        assert_eq!(
            got[6],
            (
                "30108".into(),
                "机关事业单位基本养老保险缴费".into(),
                Some(6.15)
            )
        );
        assert_eq!(
            got[9],
            ("人员经费合计".into(), "人员经费合计".into(), Some(81.08))
        );
        assert_eq!(rows[1].group, Some(1));
        assert!(w.is_empty());
    }

    #[test]
    fn amounts_on_the_line_after_the_codes_go_to_their_groups() {
        let text = "30108 机关事业单位基本养 30206 电费 31003 专用设备购置\n老保险缴费 27.84 6.20 -\n30109 职业年金缴费 30207 邮电费 31007 信息网络及软件购置\n16.39 - 更新 3.82";
        let lines = text_to_lines(text);
        let p = prepare(&lines);
        let mut w = Vec::new();
        let rows = grouped_rows(&flatten(&p), &[], &Catalogue::default(), &mut w);
        let got: Vec<_> = rows
            .iter()
            .map(|r| {
                (
                    r.code.clone().unwrap_or_default(),
                    r.label.clone(),
                    r.numbers.first().map(|n| n.text.clone()),
                )
            })
            .collect();
        let row = |c: &str, l: &str, n: &str| (c.to_string(), l.to_string(), Some(n.to_string()));
        assert_eq!(
            got[0],
            row("30108", "机关事业单位基本养老保险缴费", "27.84")
        );
        assert_eq!(got[1], row("30206", "电费", "6.20"));
        assert_eq!(got[2], row("31003", "专用设备购置", "-"));
        assert_eq!(got[3], row("30109", "职业年金缴费", "16.39"));
        assert_eq!(got[5], row("31007", "信息网络及软件购置更新", "3.82"));
    }
}
