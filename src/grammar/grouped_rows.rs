//! Rows of the grouped table (基本支出决算表): two or three code/name/amount
//! groups side by side on one printed line, each group its own row.

use super::document::RawRow;
use super::stream::{Tok, read_code};
use crate::doubt::Doubt;

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

/// Reassembles grouped rows; `special` labels (人员经费合计…) start rows of their own.
pub fn grouped_rows(toks: &[Tok], special: &[String], warnings: &mut Vec<String>) -> Vec<RawRow> {
    let mut rows = Vec::new();
    let mut cur: Option<RawRow> = None;
    let mut group_line = usize::MAX;
    let mut group = 0usize;
    let mut cur_line = usize::MAX;
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
            rows.extend(cur.take());
            if t.line != group_line {
                group_line = t.line;
                group = 0;
            } else {
                group += 1;
            }
            cur = Some(RawRow {
                code,
                label,
                page: t.page,
                group: Some(group),
                label_x: t.token.x,
                label_at: Some(t.at()),
                ..RawRow::default()
            });
            cur_line = t.line;
            k += used;
            continue;
        }
        match (cur.as_mut(), t.as_number()) {
            (Some(r), Some(n)) => {
                // In text, a number on a later line than its row's code may
                // belong to another group of the line above: a guess.
                if t.token.x.is_none()
                    && t.line != cur_line
                    && !r.doubt.contains(&Doubt::FragmentSide)
                {
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
    rows.extend(cur);
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
        let rows = grouped_rows(&flatten(&p), &special, &mut w);
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
}
