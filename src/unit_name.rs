//! The unit a report is about: what its tables' 部门/单位 lines name, else
//! what its own title names, on the cover or above the tables. Titles put
//! the unit before the year (`上海市普陀区财政局2024年度部门决算`) or after it
//! (`2018年度江苏省高级人民法院预算公开`, `2018年度江苏省高级人民法院收支预算总表`);
//! a sentence that cites a title (`…依据省财政厅《关于编制省级2018年度部门预算的通知》`)
//! names no unit, nor does a part heading (`第二部分 2019年度部门预算表`).
//! A report whose cover prints its title as an image (江苏省政协办公厅 2019)
//! names itself in its 情况说明's statements instead: the unit is their
//! subject (`江苏省政协办公厅2019年度收入、支出预算总计13,377.11万元`).

use crate::grammar::document::{Block, Document};
use regex::Regex;
use std::sync::LazyLock;

/// How many blocks from the start a title is looked for.
const FRONT_BLOCKS: usize = 80;

/// The longest title line read for a unit.
const TITLE_MAX_CHARS: usize = 50;

/// Unit, year, then 部门/单位 决算/预算.
static UNIT_THEN_YEAR: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"^(?:第[一二三四五六七八九十]+部分)?(.{4,40}?)20[0-9][0-9]年度?(?:部门|单位)(?:决算|预算)",
    )
    .ok()
});

/// Year, unit, then (部门/单位) 决算/预算 — a cover or a table's title.
static YEAR_THEN_UNIT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^(?:第[一二三四五六七八九十]+部分)?(?:[一二三四五六七八九十]+、)?20[0-9][0-9]年度?(.{4,40}?)(?:部门|单位)?(?:决算|预算|收支预算总表|收入预算总表|支出预算总表|财政拨款)").ok()
});

/// A statement whose subject is the unit: the unit, the year or 本年, then a
/// total of the report (收入、支出预算总计, 本年收入预算合计, 财政拨款收、支预算 …).
static UNIT_STATES: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"^(.{4,40}?)(?:20[0-9][0-9]年度?|本年)(?:财政拨款)?(?:收入、支出|收、支|收支|收入|支出)(?:预算|决算)(?:总计|合计)?",
    )
    .ok()
});

/// Characters a title never prints but a sentence does.
const SENTENCE_MARKS: [char; 11] = ['。', '，', ',', '；', ';', '《', '》', '[', ']', '：', ':'];

/// A line that may be a title: short and not a sentence.
fn title_like(text: &str) -> bool {
    text.chars().count() <= TITLE_MAX_CHARS && !text.contains(SENTENCE_MARKS)
}

/// A captured name that is a unit's: not a part heading, not a year or a
/// document word alone.
fn unit_like(name: &str) -> bool {
    let name = name.trim();
    name.chars().count() >= 4
        && !crate::grammar::line_kind::is_part_heading(name)
        && !name.chars().any(|c| c.is_ascii_digit())
        && !["部门", "单位", "预算", "决算"].contains(&name)
}

/// The unit a title line names, when it names one.
fn unit_in(text: &str) -> Option<String> {
    if !title_like(text) {
        return None;
    }
    [&UNIT_THEN_YEAR, &YEAR_THEN_UNIT]
        .into_iter()
        .filter_map(|re| re.as_ref())
        .filter_map(|re| re.captures(text)?.get(1))
        .map(|m| m.as_str().to_string())
        .find(|n| unit_like(n))
}

/// The unit the tables' 部门/单位 lines name: the name most of them print,
/// a name that another extends counting for the longer (a name wrapped in
/// its cell, `部门名称:江苏省人大` over `常委会办公厅`, is read cut short).
pub fn from_tables(doc: &Document) -> Option<String> {
    let names: Vec<&str> = doc
        .tables()
        .filter_map(|t| t.department.as_deref())
        .collect();
    let whole = |n: &str| -> String {
        names
            .iter()
            .filter(|m| m.starts_with(n) && m.len() > n.len())
            .max_by_key(|m| m.len())
            .map_or(n, |m| *m)
            .to_string()
    };
    most_named(names.iter().map(|n| whole(n)))
}

/// The name given most often; the first of equals (max_by_key would keep
/// the last).
fn most_named(names: impl Iterator<Item = String>) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for name in names {
        match counts.iter_mut().find(|(k, _)| *k == name) {
            Some((_, c)) => *c += 1,
            None => counts.push((name, 1)),
        }
    }
    let most = counts.iter().map(|(_, c)| *c).max()?;
    counts.into_iter().find(|(_, c)| *c == most).map(|(k, _)| k)
}

/// The unit named in the report's own title, on its cover or in its tables'
/// titles; else the unit most of the narrative's statements are about.
pub fn from_titles(doc: &Document) -> Option<String> {
    let blocks = doc.blocks.iter().take(FRONT_BLOCKS);
    let texts = blocks.map(|b| match b {
        Block::Heading { text, .. } | Block::Paragraph { text, .. } => text.as_str(),
        Block::Table(t) => t.title.as_str(),
    });
    texts
        .filter_map(unit_in)
        .next()
        .or_else(|| from_statements(doc))
}

/// The subject most of the report's statements of its totals name
/// (the first of equals).
fn from_statements(doc: &Document) -> Option<String> {
    most_named(doc.blocks.iter().filter_map(|b| match b {
        Block::Paragraph { text, .. } => subject_of(text),
        _ => None,
    }))
}

/// The unit a statement of a total is about (`本部门` is no name).
fn subject_of(text: &str) -> Option<String> {
    let text = crate::text_norm::compact(text);
    let name = UNIT_STATES.as_ref()?.captures(&text)?.get(1)?.as_str();
    (unit_like(name) && !name.contains(SENTENCE_MARKS) && !name.starts_with('本'))
        .then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_the_unit_before_or_after_the_year() {
        assert_eq!(
            unit_in("上海市普陀区财政局2024年度部门决算").as_deref(),
            Some("上海市普陀区财政局")
        );
        assert_eq!(
            unit_in("2018年度江苏省高级人民法院预算公开").as_deref(),
            Some("江苏省高级人民法院")
        );
        assert_eq!(
            unit_in("一、2018年度江苏省高级人民法院收支预算总表").as_deref(),
            Some("江苏省高级人民法院")
        );
    }

    #[test]
    fn statements_of_totals_name_their_subject() {
        assert_eq!(
            subject_of("江苏省政协办公厅 2019 年度收入、支出预算总计 13,377.11 万元，与上年相比")
                .as_deref(),
            Some("江苏省政协办公厅")
        );
        assert_eq!(
            subject_of("江苏省政协办公厅本年收入预算合计10,150.48万元，其中：").as_deref(),
            Some("江苏省政协办公厅")
        );
        assert_eq!(subject_of("本部门本年收入预算合计10,150.48万元"), None);
        assert_eq!(subject_of("（一）收入预算总计13,377.11万元。包括："), None);
        assert_eq!(subject_of("与上年相比，2019年度收入预算总计增加"), None);
    }

    #[test]
    fn sentences_and_part_headings_name_no_unit() {
        assert_eq!(
            unit_in(
                "江苏省高级人民法院依据省财政厅苏财预[2017]82号《江苏省财政厅关于编制省级2018年度部门预算的通知》"
            ),
            None
        );
        assert_eq!(unit_in("第二部分2019年度部门预算表"), None);
    }
}
