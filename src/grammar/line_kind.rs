//! Recognisers for the structural lines of a report, over a line's compact
//! (whitespace-free, folded) text: part headings, table-number suffixes, the
//! 部门/单位 line, 注 and 说明 lines, the 栏次 line, page numbers.

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while1},
    character::complete::{char, digit1},
    combinator::{all_consuming, opt, recognize},
    multi::many1,
    sequence::{delimited, preceded},
};

const CN_NUMERALS: &str = "一二三四五六七八九十百零〇";

fn cn_numeral(input: &str) -> IResult<&str, &str> {
    take_while1(|c: char| CN_NUMERALS.contains(c)).parse(input)
}

/// `第一部分…`: a part heading.
pub fn is_part_heading(compact: &str) -> bool {
    (
        tag::<&str, &str, nom::error::Error<&str>>("第"),
        cn_numeral,
        tag("部分"),
    )
        .parse(compact)
        .is_ok()
}

/// The value of a Chinese numeral up to 99 (`十二` = 12), for 表N and ordinals.
pub fn cn_value(s: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".find(c).map(|i| (i / 3) as u32);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => digit(*u).map(|d| 10 + d),
        [t, '十'] => digit(*t).map(|d| d * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

fn table_number_body(input: &str) -> IResult<&str, &str> {
    preceded(tag("表"), alt((digit1, cn_numeral))).parse(input)
}

/// A table-number suffix or line: `(表1)`, `表1`, `(表一)`, optionally `(续)`.
/// Returns the number and how many characters of `compact`'s end it takes.
pub fn table_number_suffix(compact: &str) -> Option<(u32, usize)> {
    // Every line of every report is asked this: try only the positions a
    // suffix can start at, `(` or `表`, and parse the tail in place.
    for (start, c) in compact.char_indices() {
        if c != '(' && c != '表' {
            continue;
        }
        let tail = compact.get(start..)?;
        let parsed = all_consuming((
            alt((
                delimited(char('('), table_number_body, char(')')),
                table_number_body,
            )),
            opt(alt((tag("(续)"), tag("续")))),
        ))
        .parse(tail);
        if let Ok((_, (num, _))) = parsed {
            let n = num.parse().ok().or_else(|| cn_value(num))?;
            return Some((n, tail.chars().count()));
        }
    }
    None
}

/// The printed amount unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum AmountUnit {
    /// 元
    #[serde(rename = "元")]
    Yuan,
    /// 千元
    #[serde(rename = "千元")]
    Qianyuan,
    /// 万元
    #[serde(rename = "万元")]
    Wanyuan,
}

impl AmountUnit {
    /// As printed.
    pub fn as_str(&self) -> &'static str {
        match self {
            AmountUnit::Yuan => "元",
            AmountUnit::Qianyuan => "千元",
            AmountUnit::Wanyuan => "万元",
        }
    }
}

/// What a 部门/单位 line says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnitLine {
    /// The reporting department or unit, when printed.
    pub department: Option<String>,
    /// The amount unit, when printed.
    pub amount_unit: Option<AmountUnit>,
}

fn amount_unit(input: &str) -> IResult<&str, AmountUnit> {
    alt((
        tag("万元").map(|_| AmountUnit::Wanyuan),
        tag("千元").map(|_| AmountUnit::Qianyuan),
        tag("元").map(|_| AmountUnit::Yuan),
    ))
    .parse(input)
}

/// Whether `compact` can hold one of [`unit_line`]'s markers (`单位:` …).
/// Every marker ends with a colon and nearly every line has none: one byte
/// search spares a substring searcher set up per marker.
pub(crate) fn may_hold_unit_marker(compact: &str) -> bool {
    memchr::memchr(b':', compact.as_bytes()).is_some()
}

/// Parses `部门：X 单位：万元`, `编制单位：X`, `单位：万元`, `金额单位：元` in any order.
pub fn unit_line(compact: &str) -> Option<UnitLine> {
    if !may_hold_unit_marker(compact) {
        return None;
    }
    let mut out = UnitLine::default();
    for marker in ["金额单位:", "单位:"] {
        if let Some(pos) = compact.rfind(marker)
            && let Ok((_, u)) = amount_unit(&compact[pos + marker.len()..])
        {
            out.amount_unit = Some(u);
            break;
        }
    }
    for marker in [
        "部门:",
        "编制单位:",
        "填报单位:",
        "单位名称:",
        "部门名称:",
        "预算单位:",
    ] {
        if let Some(pos) = compact.find(marker) {
            let rest = &compact[pos + marker.len()..];
            let end = ["单位:", "金额单位:", "年度:"]
                .iter()
                .filter_map(|m| rest.find(m))
                .min()
                .unwrap_or(rest.len());
            let name = rest[..end].trim_end_matches("金额");
            if !name.is_empty() {
                out.department = Some(name.to_string());
            }
            break;
        }
    }
    (out.department.is_some() || out.amount_unit.is_some()).then_some(out)
}

/// A heading of a disclosure's narrative section (其他相关情况说明, 项目经费情况说明 …,
/// `grammars/vocabulary.toml`): it ends a table's body.
pub fn is_section_heading(compact: &str) -> bool {
    crate::templates::vocabulary::active()
        .section_of_heading(compact)
        .is_some()
}

/// `注：…` (a table's notes).
pub fn is_note_start(compact: &str) -> bool {
    ["注:", "备注:", "注："]
        .iter()
        .any(|m| compact.starts_with(m))
}

/// `说明：…` (a table's explanation, e.g. 本单位无…).
pub fn is_explanation_start(compact: &str) -> bool {
    compact.starts_with("说明:")
}

/// A column-number line: `栏次 1 2 3`, `栏次 1 栏次 2 3 4 5`, or bare `1 2 … n`
/// (n ≥ 3); the marker may wrap (`栏 1 2 3` over `次`). Returns the numbers
/// in groups split at each 栏次.
pub fn column_numbers(tokens: &[&str]) -> Option<Vec<Vec<u32>>> {
    let mut groups: Vec<Vec<u32>> = Vec::new();
    let mut saw_marker = false;
    for t in tokens {
        if *t == "栏次" || *t == "栏" {
            saw_marker = true;
            groups.push(Vec::new());
        } else if let Ok(n) = t.parse::<u32>() {
            if groups.is_empty() {
                groups.push(Vec::new());
            }
            groups.last_mut()?.push(n);
        } else {
            return None;
        }
    }
    let all: Vec<u32> = groups.iter().flatten().copied().collect();
    let consecutive =
        all.windows(2).all(|w| matches!(w, [a, b] if *b == *a + 1)) && all.first() == Some(&1);
    if saw_marker || (consecutive && all.len() >= 3) {
        Some(groups)
    } else {
        None
    }
}

/// The rest of a wrapped 栏次 marker: a line of `次` alone.
pub fn is_marker_tail(tokens: &[&str]) -> bool {
    !tokens.is_empty() && tokens.iter().all(|t| *t == "次")
}

/// A printed page number: `- 5 -`, `—5—`, `第5页`, `5/30`, `第 5 页 共 30 页`.
pub fn is_page_number(compact: &str) -> bool {
    let dashed = (
        many1(alt((char('-'), char('—'), char('－')))),
        digit1::<&str, nom::error::Error<&str>>,
        many1(alt((char('-'), char('—'), char('－')))),
    );
    let paged = (
        tag("第"),
        digit1,
        tag("页"),
        opt((tag("共"), digit1, tag("页"))),
    );
    let slashed = (digit1, char('/'), digit1);
    all_consuming(alt((
        recognize(dashed),
        recognize(paged),
        recognize(slashed),
    )))
    .parse(compact)
    .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_headings() {
        assert!(is_part_heading("第一部分武汉市硚口区教育局信息技术"));
        assert!(is_part_heading("第三部分"));
        assert!(!is_part_heading("一、部门主要职能"));
    }

    #[test]
    fn table_numbers() {
        assert_eq!(table_number_suffix("2022年度收入决算表(表2)"), Some((2, 4)));
        assert_eq!(table_number_suffix("(表9)"), Some((9, 4)));
        assert_eq!(table_number_suffix("表十二"), Some((12, 3)));
        assert_eq!(table_number_suffix("收入决算表(表3)(续)"), Some((3, 7)));
        assert_eq!(table_number_suffix("收入决算表"), None);
    }

    #[test]
    fn unit_lines() {
        let u = unit_line("部门:武汉市硚口区教育局信息技术中心单位:万元").unwrap();
        assert_eq!(
            u.department.as_deref(),
            Some("武汉市硚口区教育局信息技术中心")
        );
        assert_eq!(u.amount_unit, Some(AmountUnit::Wanyuan));
        let u = unit_line("编制单位:某某局金额单位:元").unwrap();
        assert_eq!(u.department.as_deref(), Some("某某局"));
        assert_eq!(u.amount_unit, Some(AmountUnit::Yuan));
        assert_eq!(
            unit_line("单位:千元").unwrap().amount_unit,
            Some(AmountUnit::Qianyuan)
        );
        assert!(unit_line("收入支出").is_none());
    }

    #[test]
    fn column_number_lines() {
        assert_eq!(
            column_numbers(&["栏次", "1", "栏次", "2", "3"]),
            Some(vec![vec![1], vec![2, 3]])
        );
        assert_eq!(
            column_numbers(&["1", "2", "3", "4"]),
            Some(vec![vec![1, 2, 3, 4]])
        );
        assert_eq!(column_numbers(&["30", "61"]), None);
        assert_eq!(column_numbers(&["合计", "1"]), None);
    }

    #[test]
    fn notes_pages_numerals() {
        assert!(is_note_start("注:1.本表反映"));
        assert!(is_explanation_start("说明:本单位无政府性基金"));
        assert!(is_page_number("-5-"));
        assert!(is_page_number("第5页共30页"));
        assert!(!is_page_number("5"));
        assert_eq!(cn_value("二十六"), Some(26));
        assert_eq!(cn_value("十"), Some(10));
    }
}
