//! Which half of a disclosure a report is — 决算 (final accounts) or 预算
//! (budget) — and at which level (部门 or 单位). Several stages need it: the
//! grammar picks the table templates of the report's document, the checks and
//! facts use that document's rules, and every cell carries it (`document`).

use crate::lines::Line;
use serde::{Deserialize, Serialize};

/// How many lines of the cover are read for the claim before the 目录 and
/// the first pages are consulted.
const COVER_LINES: usize = 40;
/// How many lines the 目录 and first table titles are looked for in.
const FRONT_LINES: usize = 250;

/// The `document` field of the cells contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 部门决算 / 单位决算.
    #[default]
    FinalAccounts,
    /// 部门预算 / 单位预算.
    Budget,
}

impl DocumentKind {
    /// The contract's spelling (`final_accounts`, `budget`).
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::FinalAccounts => "final_accounts",
            DocumentKind::Budget => "budget",
        }
    }

    /// Parses the contract's spelling (the `--document` flag).
    pub fn parse(s: &str) -> Option<DocumentKind> {
        match s {
            "final_accounts" => Some(DocumentKind::FinalAccounts),
            "budget" => Some(DocumentKind::Budget),
            _ => None,
        }
    }

    /// The word a title uses for this document (决算 or 预算).
    pub fn word(self) -> &'static str {
        match self {
            DocumentKind::FinalAccounts => "决算",
            DocumentKind::Budget => "预算",
        }
    }
}

/// The reporting level: a 部门 report consolidates its units, a 单位 report is one unit's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 部门预算 / 部门决算.
    #[default]
    Department,
    /// 单位预算 / 单位决算.
    Unit,
}

/// What a report's cover says it is: document and level, each when stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CoverClaim {
    /// 预算 or 决算, when the cover names one.
    pub document: Option<DocumentKind>,
    /// 部门 or 单位, when the cover names one.
    pub level: Option<Level>,
}

/// Reads the claim of a cover text (whitespace-free): the first of 决算 /
/// 预算 that is not part of a fund name (一般公共预算, 年初预算 …) decides the
/// document; 单位预算/单位决算 makes it a 单位 report.
pub fn cover_claim(cover: &str) -> CoverClaim {
    let text: String = cover.chars().filter(|c| !c.is_whitespace()).collect();
    let mut claim = CoverClaim::default();
    for (i, _) in text.char_indices() {
        let rest = text.get(i..).unwrap_or("");
        let before = text.get(..i).unwrap_or("");
        let document = if rest.starts_with("决算") {
            Some(DocumentKind::FinalAccounts)
        } else if rest.starts_with("预算") && !is_fund_name(before) {
            Some(DocumentKind::Budget)
        } else {
            None
        };
        let Some(document) = document else { continue };
        claim.document = Some(document);
        claim.level = Some(if before.ends_with("单位") {
            Level::Unit
        } else {
            Level::Department
        });
        break;
    }
    claim
}

/// The claim of a report's front matter: the cover (its first page), else
/// the 目录 and the first titles. `None` fields when nothing says.
pub fn detect(lines: &[Line]) -> CoverClaim {
    let first_page = lines.first().map(|l| l.page).unwrap_or(1);
    let cover: String = lines
        .iter()
        .take_while(|l| l.page == first_page)
        .take(COVER_LINES)
        .map(Line::compact)
        .collect();
    let claim = cover_claim(&cover);
    if claim.document.is_some() {
        return claim;
    }
    let front: String = lines.iter().take(FRONT_LINES).map(Line::compact).collect();
    cover_claim(&front)
}

/// True when `before` ends a fund or column name whose 预算 is not the document's.
fn is_fund_name(before: &str) -> bool {
    [
        "一般公共",
        "基金",
        "经营",
        "年初",
        "调整",
        "全年",
        "财政专户管理",
    ]
    .iter()
    .any(|w| before.ends_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_say_what_they_are() {
        let c = cover_claim("上海市普陀区2026年区级单位预算 预算单位:上海市普陀区司法局");
        assert_eq!(c.document, Some(DocumentKind::Budget));
        assert_eq!(c.level, Some(Level::Unit));
        let c = cover_claim("上海市普陀区财政局 2024年度部门决算 目录");
        assert_eq!(c.document, Some(DocumentKind::FinalAccounts));
        assert_eq!(c.level, Some(Level::Department));
        let c = cover_claim("一般公共预算财政拨款收入支出决算总表");
        assert_eq!(c.document, Some(DocumentKind::FinalAccounts));
        assert_eq!(cover_claim("目录").document, None);
    }

    #[test]
    fn contract_spelling_round_trips() {
        for d in [DocumentKind::FinalAccounts, DocumentKind::Budget] {
            assert_eq!(DocumentKind::parse(d.as_str()), Some(d));
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(json, format!("\"{}\"", d.as_str()));
        }
    }
}
