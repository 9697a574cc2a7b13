//! The declarative description of one table kind (or a region's variant of it),
//! deserialised from a `grammars/tables/*.toml` file.

use serde::Deserialize;

/// How a table's rows are printed, which decides how the grammar reassembles them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Rows keyed by a function-classification code (tables 2, 3, 5, 7, 8).
    Coded,
    /// Two item lists side by side with 行次 numbers (tables 1, 4).
    TwoSided,
    /// Several code/name/amount groups per printed line (table 6).
    Grouped,
    /// A header and one line of numbers (table 9).
    SingleRow,
    /// One uncoded row per printed line (Jiangsu list-form budget tables).
    List,
}

/// How a list table's rows are keyed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKeys {
    /// Codes, totals and labels (the default of every other layout).
    #[default]
    Default,
    /// `<group>/<item>`, the group head's name carried down.
    Grouped,
    /// 政府采购预算表: category / 专项 / 经济科目 / 物品.
    Procurement,
}

/// A canonical column and the header words that mean it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnDef {
    /// The canonical label of ../shared/spec/cells.md.
    pub label: String,
    /// Header texts (whitespace removed) that name this column.
    #[serde(default)]
    pub synonyms: Vec<String>,
    /// A spanning header above this column, when the label is a path.
    #[serde(default)]
    pub parent: Option<String>,
    /// The header cells to find the column under (PDF input), top-down, when
    /// they are not the label's own path parts: each entry lists the texts
    /// (`|`-separated) that name that level (`公务用车运行费|公务用车运行维护费`).
    #[serde(default)]
    pub header: Vec<String>,
}

impl ColumnDef {
    /// The header path to look for: `header` when given, else the label's parts.
    pub fn header_path(&self) -> Vec<&str> {
        if self.header.is_empty() {
            self.label.split('/').collect()
        } else {
            self.header.iter().map(String::as_str).collect()
        }
    }
}

/// One side (收入 or 支出) of a two-sided table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SideDef {
    /// `收入` or `支出`: the first part of the row key.
    pub name: String,
    /// The side's canonical columns, left to right.
    pub columns: Vec<ColumnDef>,
    /// Columns assumed printed when the header does not say.
    #[serde(default)]
    pub default_columns: Vec<String>,
    /// The label of the row that sums the side's ordinal items.
    #[serde(default)]
    pub item_total: Option<String>,
    /// Rows whose following sub-items get them as a parent in their key.
    #[serde(default)]
    pub sub_item_parents: Vec<String>,
    /// Labels that are sub-items when they follow a parent.
    #[serde(default)]
    pub sub_items: Vec<String>,
    /// Identities between this side's columns, within one row.
    #[serde(default)]
    pub row_identities: Vec<String>,
    /// Printed labels (ordinal removed) keyed under another name: the totals a
    /// report words its own way (收入总计, 当年收入小计) under the contract's key.
    #[serde(default)]
    pub key_aliases: std::collections::BTreeMap<String, String>,
    /// The names of the side's items as printed (ordinal removed), besides
    /// its totals and sub-items: what tells a wrapped label's continuation
    /// from the next item and from the other side's fragment.
    #[serde(default)]
    pub items: Vec<String>,
    /// True when the side's items are the 功能分类 类 (their names come from
    /// the code catalogue).
    #[serde(default)]
    pub class_items: bool,
    /// Items printed in a label column of their own beside the side's first
    /// (Jiangsu's 收支预算总表 lists 支出用途 beside the 功能分类 classes): a text
    /// line then shows three label groups.
    #[serde(default)]
    pub second_label_items: Vec<String>,
}

impl SideDef {
    /// The key part of a printed item name: its alias, or the name itself.
    pub fn key_of<'a>(&'a self, name: &'a str) -> &'a str {
        self.key_aliases.get(name).map_or(name, String::as_str)
    }
}

/// An identity written in a grammar file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// The rule text, parsed by [`crate::templates::rule::parse_rule`].
    pub rule: String,
}

/// A table kind's template: how to find it, read it and check it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableTemplate {
    /// Canonical kind (`income`, `expenditure`, …).
    pub kind: String,
    /// Name of a regional or wording variant, when this file is one.
    #[serde(default)]
    pub variant: Option<String>,
    /// The document whose table this is (`final_accounts` unless the file says `budget`):
    /// a title is only a table title in a report of the same document.
    #[serde(default)]
    pub document: crate::document_kind::DocumentKind,
    /// How rows are printed.
    pub layout: Layout,
    /// Title regexes over the normalised, whitespace-free title.
    pub titles: Vec<String>,
    /// Canonical columns (all layouts but two-sided).
    #[serde(default)]
    pub columns: Vec<ColumnDef>,
    /// Columns assumed printed when the header does not say (default: all).
    #[serde(default)]
    pub default_columns: Vec<String>,
    /// The two sides of a two-sided table.
    #[serde(default)]
    pub sides: Vec<SideDef>,
    /// Identities between columns within one row.
    #[serde(default)]
    pub row_identities: Vec<String>,
    /// Identities between rows of this table (per column).
    #[serde(default)]
    pub identities: Vec<RuleDef>,
    /// Whether coded rows sum up their code tree (合计 = Σ类, 类 = Σ款, 款 = Σ项).
    #[serde(default)]
    pub tree: bool,
    /// Labels of rows that are kept under their own label as key.
    #[serde(default)]
    pub special_rows: Vec<String>,
    /// Columns from most to least common, to order placements the identities
    /// cannot decide (the choice is still reported as ambiguous).
    #[serde(default)]
    pub prefer: Vec<String>,
    /// Rules linking this table to others.
    #[serde(default)]
    pub cross: Vec<RuleDef>,
    /// How a list table keys its rows.
    #[serde(default)]
    pub row_keys: RowKeys,
    /// Labels of a list table's total row (key `合计`).
    #[serde(default)]
    pub total_labels: Vec<String>,
    /// Second cells that make a list row its group's head (`小计`).
    #[serde(default)]
    pub group_heads: Vec<String>,
    /// The names of a grouped list's merged group cells: printed beside any
    /// row of their group (a merged cell centred vertically) or on a line of
    /// their own, they still name the whole group.
    #[serde(default)]
    pub groups: Vec<String>,
    /// Words of a procurement item row's last text cell (its 采购组织形式).
    #[serde(default)]
    pub item_markers: Vec<String>,
    /// The region whose reports print this variant (`jiangsu`); a report of that
    /// region prefers it over a same-titled template without a region.
    #[serde(default)]
    pub region: Option<String>,
    /// The words in a report's front matter that name the region.
    #[serde(default)]
    pub region_words: Vec<String>,
}

impl TableTemplate {
    /// The column definitions of one side, or of the whole table when `side` is `None`.
    pub fn columns_of(&self, side: Option<&str>) -> &[ColumnDef] {
        match side {
            Some(name) => self
                .sides
                .iter()
                .find(|s| s.name == name)
                .map(|s| s.columns.as_slice())
                .unwrap_or(&[]),
            None => &self.columns,
        }
    }
}
