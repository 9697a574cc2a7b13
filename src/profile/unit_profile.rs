//! The unit profile of 第一部分: 主要职能 as a list, 机构设置, the 决算单位构成
//! (count of subordinate units, and the units when listed), 人员情况.

use super::{ITEM_NUMBER, block_text, under_heading};
use crate::grammar::Block;
use crate::lines::Line;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// One unit of the 决算单位构成 list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComponentUnit {
    /// 序号.
    pub number: u32,
    /// 单位名称.
    pub name: String,
    /// 备注, when printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The unit's profile.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct UnitProfile {
    /// 主要职能, one item per printed function.
    pub functions: Vec<String>,
    /// 机构设置, as printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub institutions: Option<String>,
    /// 决算单位构成, as printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub composition: Option<String>,
    /// The number of subordinate units (下属单位) the composition states or lists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subordinate_units: Option<u32>,
    /// The units listed in the composition table, when printed.
    pub component_units: Vec<ComponentUnit>,
    /// 人员情况, as printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff: Option<String>,
}

fn joined(blocks: &[Block]) -> Option<String> {
    let text: String = blocks
        .iter()
        .filter_map(block_text)
        .map(|(t, _, _)| t)
        .collect();
    (!text.is_empty()).then_some(text)
}

fn functions(sections: &[Block]) -> Vec<String> {
    let Some(numbered) = NUMBERED.as_ref() else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for b in under_heading(sections, |t| {
        t.contains("主要职能") || t.contains("部门职责")
    }) {
        let Some((text, _, level)) = block_text(b) else {
            continue;
        };
        match out.last_mut() {
            Some(last) if level.is_none() && !numbered.is_match(text) => last.push_str(text),
            _ => out.push(text.to_string()),
        }
    }
    out
}

fn component_units(lines: &[Line]) -> Vec<ComponentUnit> {
    let Some(start) = lines
        .iter()
        .position(|l| l.compact_starts_with("序号单位名称"))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for line in lines.iter().skip(start + 1) {
        let mut spans = line.spans.iter().map(|s| s.text.trim());
        let Some(number) = spans.next().and_then(|n| n.parse::<u32>().ok()) else {
            break;
        };
        let Some(name) = spans.next() else { break };
        let note: String = spans.collect::<Vec<_>>().join("");
        out.push(ComponentUnit {
            number,
            name: name.to_string(),
            note: (!note.is_empty()).then_some(note),
        });
    }
    out
}

/// A numbered item: (一) 一、 1. 1、 — compiled once per process.
static NUMBERED: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(&format!("^{ITEM_NUMBER}")).ok());

/// "N个下属单位" in the composition paragraph.
static STATED_UNITS: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"([0-9]+)个下属单位").ok());

/// Reads the profile.
pub fn read_profile(sections: &[Block], lines: &[Line]) -> UnitProfile {
    let composition = joined(under_heading(sections, |t| t.contains("单位构成")));
    let units = component_units(lines);
    let stated = STATED_UNITS.as_ref().and_then(|re| {
        composition
            .as_deref()
            .and_then(|c| re.captures(c))
            .and_then(|c| c.get(1))
            .and_then(|m| m.as_str().parse().ok())
    });
    let listed = units.iter().filter(|u| !u.name.contains("本级")).count();
    UnitProfile {
        functions: functions(sections),
        institutions: joined(under_heading(sections, |t| t.contains("机构设置"))),
        subordinate_units: stated.or((!units.is_empty()).then_some(listed as u32)),
        composition,
        component_units: units,
        staff: joined(under_heading(sections, |t| {
            t.contains("人员情况") || t.contains("人员构成")
        })),
    }
}
