//! Recognising a table title line: a template's title pattern ending the line,
//! optionally followed by 表N (on the same line or the next) and (续).

use super::line_kind::{AmountUnit, may_hold_unit_marker, table_number_suffix, unit_line};
use super::tok_line::TokLine;
use crate::document_kind::DocumentKind;
use crate::templates::{TableTemplate, Templates};
use crate::text_search::contains_char;

/// A recognised title.
#[derive(Debug, Clone, PartialEq)]
pub struct Title {
    /// Index of the matched template.
    pub template: usize,
    /// The title text, compact.
    pub text: String,
    /// 表N, when printed.
    pub number: Option<u32>,
    /// How many lines the title takes (2 when 表N stands on the next line).
    pub lines: usize,
    /// True when the title says (续): a continuation of the previous table.
    pub continued: bool,
    /// The amount unit printed on the title's own line (`…决算总表 单位：万元`).
    pub amount_unit: Option<AmountUnit>,
}

/// The title line without what may stand after the title on its line: an
/// amount unit (`单位:万元`, `(金额单位:元)`) and a table code in brackets in
/// any form (`(附表2)`, `(公开01表)`, `(Z01)`, `(表1-1)`), whose first number
/// is returned.
fn strip_line_furniture(c: &str) -> (&str, Option<AmountUnit>, Option<u32>) {
    let mut body = c;
    let mut unit = None;
    if may_hold_unit_marker(body)
        && let Some(pos) = body.rfind("单位:")
        && let Some(u) = unit_line(body.get(pos..).unwrap_or_default()).and_then(|u| u.amount_unit)
        && body.len() - pos <= "单位:万元)".len()
    {
        unit = Some(u);
        body = body.get(..pos).unwrap_or(body);
        body = body.strip_suffix("金额").unwrap_or(body);
        body = body.strip_suffix('(').unwrap_or(body);
    }
    let mut code = None;
    if let Some(inner) = body.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
    {
        let text = inner.get(open + 1..).unwrap_or_default();
        let digits: String = text
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(char::is_ascii_digit)
            .collect();
        let short = text.chars().count() <= 8;
        if short
            && !digits.is_empty()
            && !text.contains('续')
            && table_number_suffix(body).is_none()
        {
            code = digits.parse().ok();
            body = inner.get(..open).unwrap_or(body);
        }
    }
    (body, unit, code)
}

/// Which templates a title may be: those of the report's document and region.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TitleScope {
    /// Only templates of this document, when known.
    pub document: Option<DocumentKind>,
    /// The report's region: its templates win ties, other regions' are not used.
    pub region: Option<String>,
}

impl TitleScope {
    fn admits(&self, t: &TableTemplate) -> bool {
        self.document.is_none_or(|d| t.document == d)
            && t.region
                .as_ref()
                .is_none_or(|r| self.region.as_ref() == Some(r))
    }
}

/// Longest title pattern that ends exactly at the end of `s`; on a tie, the
/// template of the report's region.
fn match_at_end(s: &str, templates: &Templates, scope: &TitleScope) -> Option<usize> {
    let mut best: Option<(usize, bool, usize)> = None;
    for &(i, j) in templates.titles_ending(s) {
        let Some(t) = templates.tables.get(i) else {
            continue;
        };
        let Some(re) = t.title_patterns.get(j) else {
            continue;
        };
        if !scope.admits(&t.template) || !re.may_match(s) {
            continue;
        }
        let regional = t.template.region.is_some();
        for m in re.find_iter(s) {
            if m.end() == s.len() {
                let len = m.as_str().chars().count();
                if best.is_none_or(|(l, r, _)| (len, regional) > (l, r)) {
                    best = Some((len, regional, i));
                }
            }
        }
    }
    best.map(|(_, _, i)| i)
}

fn strip_continued(s: &str) -> (&str, bool) {
    for suffix in ["(续)", "续表", "(续表)"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            return (rest, true);
        }
    }
    (s, false)
}

/// The longest tail a budget title may wrap onto its next line (`表`, `支出预算表`).
const WRAPPED_TAIL: usize = 6;

/// The longest tail a 决算 title may wrap onto its next line
/// (`公”经费支出决算表`, after `…一般公共预算财政拨款“三`).
const WRAPPED_TAIL_FINAL: usize = 10;

/// True when template `template`'s title, matched at the end of `joined`,
/// begins before byte `split`: the first line holds part of the title, so
/// the next line's tail is its end and not a title of its own
/// (`…政府性基金预算财政拨款收入支` + `出决算表`).
fn title_starts_before(joined: &str, split: usize, template: usize, templates: &Templates) -> bool {
    templates.tables.get(template).is_some_and(|t| {
        t.title_patterns.iter().any(|re| {
            re.may_end_at_end(joined)
                && re
                    .find_iter(joined)
                    .any(|m| m.end() == joined.len() && m.start() < split)
        })
    })
}

/// A title wrapped over two lines (`…会议费、培训费支出预算` + `表`,
/// `…财政拨款收入支` + `出决算表`): the first line (`body`, no title alone)
/// and the next together are; a 决算 title must begin on the first line.
fn wrapped_title(
    lines: &[TokLine],
    i: usize,
    body: &str,
    templates: &Templates,
    scope: &TitleScope,
) -> Option<Title> {
    let next = lines.get(i + 1)?;
    let tail = next.compact.as_str();
    if tail.is_empty()
        || tail.chars().count() > WRAPPED_TAIL_FINAL
        || contains_char(tail, '。')
        // The joined text ends as the tail does: no title pattern can end
        // there, so nothing is joined (most lines of a table body).
        || templates.titles_ending(tail).is_empty()
    {
        return None;
    }
    let joined = [body, tail].concat();
    let template = match_at_end(&joined, templates, scope)?;
    let budget = templates
        .tables
        .get(template)
        .is_some_and(|t| t.template.document == DocumentKind::Budget);
    let admitted = if budget {
        tail.chars().count() <= WRAPPED_TAIL
    } else {
        title_starts_before(&joined, body.len(), template, templates)
    };
    admitted.then_some(Title {
        template,
        text: joined,
        number: None,
        lines: 2,
        continued: false,
        amount_unit: None,
    })
}

/// A title line's text without its 表N suffix (or with the code found in
/// its brackets) and (续): the body, the table number, continued or not.
fn numbered_body(c: &str, code: Option<u32>) -> (&str, Option<u32>, bool) {
    match table_number_suffix(c) {
        Some((n, len)) => {
            let cut = c
                .char_indices()
                .rev()
                .nth(len - 1)
                .map(|(b, _)| b)
                .unwrap_or(0);
            let (head, rest) = c.split_at(cut);
            let (body, cont) = strip_continued(head);
            (body, Some(n), cont || rest.contains('续'))
        }
        None => {
            let (body, cont) = strip_continued(c);
            (body, code, cont)
        }
    }
}

/// The longest line a 决算 title's end and its furniture may wrap onto
/// (`表(表9-1)金额单位:元`, `7-1)金额单位:万元`).
const WRAPPED_FURNITURE_LINE: usize = 16;

/// A 决算 title printed as one paragraph with its code and unit that wrapped
/// anywhere (`…决算总表(表4-1)金额单位` + `:万元`, `…支出决算` +
/// `表(表9-1)金额单位:元`): the two lines joined are a title once their
/// furniture is taken off, and the title begins on the first line.
fn wrapped_with_furniture(
    lines: &[TokLine],
    i: usize,
    templates: &Templates,
    scope: &TitleScope,
) -> Option<Title> {
    let first = lines.get(i)?.compact.as_str();
    let tail = lines.get(i + 1)?.compact.as_str();
    if tail.is_empty()
        || tail.chars().count() > WRAPPED_FURNITURE_LINE
        || contains_char(tail, '。')
        || contains_char(tail, '，')
    {
        return None;
    }
    let joined = [first, tail].concat();
    let (c, amount_unit, code) = strip_line_furniture(&joined);
    let (body, number, continued) = numbered_body(c, code);
    let template = match_at_end(body, templates, scope)?;
    let final_accounts = templates
        .tables
        .get(template)
        .is_some_and(|t| t.template.document != DocumentKind::Budget);
    let title_in_tail = body.get(first.len()..).map_or(0, |t| t.chars().count());
    (final_accounts
        && title_in_tail <= WRAPPED_TAIL_FINAL
        && title_starts_before(body, first.len(), template, templates))
    .then(|| Title {
        template,
        text: body.to_string(),
        number,
        lines: 2,
        continued,
        amount_unit,
    })
}

/// Recognises a title at `lines[i]`, of any template.
pub fn title_at(lines: &[TokLine], i: usize, templates: &Templates) -> Option<Title> {
    title_at_in(lines, i, templates, &TitleScope::default())
}

/// Recognises a title at `lines[i]` among the templates `scope` admits.
pub fn title_at_in(
    lines: &[TokLine],
    i: usize,
    templates: &Templates,
    scope: &TitleScope,
) -> Option<Title> {
    let line = lines.get(i)?;
    let c = line.compact.as_str();
    if c.chars().count() > 80 || contains_char(c, '。') || contains_char(c, '，') || c.contains(',')
    {
        return None;
    }
    let (c, amount_unit, code) = strip_line_furniture(c);
    let (body, mut number, mut continued) = numbered_body(c, code);
    let Some(template) = match_at_end(body, templates, scope) else {
        return wrapped_title(lines, i, body, templates, scope)
            .or_else(|| wrapped_with_furniture(lines, i, templates, scope));
    };
    let mut used = 1;
    if number.is_none()
        && let Some(next) = lines.get(i + 1)
        && let Some((n, len)) = table_number_suffix(&next.compact)
        && is_number_line(&next.compact, len)
    {
        number = Some(n);
        continued |= next.compact.contains('续');
        used = 2;
    }
    Some(Title {
        template,
        text: body.to_string(),
        number,
        lines: used,
        continued,
        amount_unit,
    })
}

/// Words a table-number line may print before 表N (`公开表一`, `附表1`).
const NUMBER_LINE_PREFIXES: [&str; 3] = ["", "公开", "附"];

/// True when a line whose last `len` characters are a table number is that
/// number alone, or with a prefix of `NUMBER_LINE_PREFIXES`: the title's
/// number line, after which the 部门/单位 line stands.
fn is_number_line(compact: &str, len: usize) -> bool {
    let head = compact.chars().count().saturating_sub(len);
    let prefix: String = compact.chars().take(head).collect();
    NUMBER_LINE_PREFIXES.contains(&prefix.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::tok_line::prepare;
    use crate::input::text_lines::text_to_lines;

    fn titles(text: &str) -> Vec<Option<(String, Option<u32>, usize)>> {
        let t = Templates::embedded().unwrap();
        let lines = text_to_lines(text);
        let prepared = prepare(&lines);
        (0..prepared.len())
            .map(|i| {
                title_at(&prepared, i, &t).map(|x| {
                    (
                        t.tables[x.template].template.kind.clone(),
                        x.number,
                        x.lines,
                    )
                })
            })
            .collect()
    }

    #[test]
    fn titles_with_and_without_numbers() {
        let r = titles(
            "2022 年度收入决算表（表 2）\n2022 年度政府性基金预算财政拨款收入支出决算表\n（表 7）\n一般公共预算财政拨款基本支出决算表",
        );
        assert_eq!(r[0], Some(("income".into(), Some(2), 1)));
        assert_eq!(r[1], Some(("gov_fund".into(), Some(7), 2)));
        assert_eq!(
            r[3],
            Some(("general_budget_basic_expenditure".into(), None, 1))
        );
    }

    #[test]
    fn units_and_codes_after_the_title() {
        let r = titles(
            "2022年度收入支出决算总表 单位：万元\n收入决算表（附表2）\n收入支出决算总表（公开01表）\n支出决算表（Z03）\n支出决算表（表3-1）\n收入决算表（金额单位：元）",
        );
        assert_eq!(r[0], Some(("income_expenditure_summary".into(), None, 1)));
        assert_eq!(r[1], Some(("income".into(), Some(2), 1)));
        assert_eq!(
            r[2],
            Some(("income_expenditure_summary".into(), Some(1), 1))
        );
        assert_eq!(r[3], Some(("expenditure".into(), Some(3), 1)));
        assert_eq!(r[4], Some(("expenditure".into(), Some(3), 1)));
        assert_eq!(r[5], Some(("income".into(), None, 1)));
    }

    #[test]
    fn final_accounts_titles_wrapped_inside_a_word() {
        let r = titles(
            "某单位2022年度政府性基金预算财政拨款收入支\n出决算表\n某单位2022年度一般公共预算财政拨款“三\n公”经费支出决算表\n一、收入支出决算总体情况\n支出决算表",
        );
        assert_eq!(r[0], Some(("gov_fund".into(), None, 2)));
        assert_eq!(r[2], Some(("three_public".into(), None, 2)));
        assert_eq!(r[4], None, "a title of its own on the next line");
        assert_eq!(r[5], Some(("expenditure".into(), None, 1)));
    }

    #[test]
    fn final_accounts_titles_wrapped_with_their_code_and_unit() {
        let t = Templates::embedded().unwrap();
        let lines = text_to_lines(
            "某单位2022年财政拨款收入支出决算总表(表4-1)金额单位\n:万元\n某单位2022年一般公共预算财政拨款“三公”经费支出决算\n表(表9-1)金额单位:元",
        );
        let prepared = prepare(&lines);
        let first = title_at(&prepared, 0, &t).unwrap();
        assert_eq!(
            t.tables[first.template].template.kind,
            "fiscal_grant_summary"
        );
        assert_eq!((first.number, first.lines), (Some(4), 2));
        assert_eq!(first.amount_unit, Some(AmountUnit::Wanyuan));
        let second = title_at(&prepared, 2, &t).unwrap();
        assert_eq!(t.tables[second.template].template.kind, "three_public");
        assert_eq!(
            (second.number, second.amount_unit),
            (Some(9), Some(AmountUnit::Yuan))
        );
    }

    #[test]
    fn narrative_mentioning_a_table_is_not_a_title() {
        let r =
            titles("一、收入支出决算总体情况说明\n具体详见收入决算表。\n心 2022 年度部门决算表");
        assert!(r.iter().all(Option::is_none), "{r:?}");
    }
}
