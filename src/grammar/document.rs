//! What the grammar hands the normaliser: the report's structure with table
//! rows reassembled but numbers not yet placed in columns.

use super::line_kind::AmountUnit;
use crate::lines::XRange;
use crate::provenance::Provenance;
use serde::Serialize;

/// A number as printed in a row, in printed order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RawNumber {
    /// The value; `None` for a printed dash (an empty cell that still takes a column).
    pub value: Option<f64>,
    /// The text as printed.
    pub text: String,
    /// Where it sits, when known (PDF input).
    pub x: Option<XRange>,
    /// Where it was printed: page and box (PDF) or line (text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<Provenance>,
}

/// One reassembled table row.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct RawRow {
    /// `收入` or `支出` in two-sided tables.
    pub side: Option<String>,
    /// The printed 行次, when the table numbers its rows.
    pub line_number: Option<u32>,
    /// The 科目 code, digits only (split 类/款/项 codes joined).
    pub code: Option<String>,
    /// The label as printed, wrapped pieces joined, whitespace removed.
    pub label: String,
    /// The row's numbers in printed order.
    pub numbers: Vec<RawNumber>,
    /// The page the row starts on.
    pub page: u32,
    /// Which of the side-by-side groups of a grouped table the row came from.
    pub group: Option<usize>,
    /// The label's horizontal extent (PDF input), to find its column group.
    pub label_x: Option<XRange>,
    /// Where the label (with the row's code) was printed: page and box, or line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_at: Option<Provenance>,
    /// Doubts the grammar had while reassembling the row (a 行次 that might be
    /// an amount, a label fragment whose side was a guess).
    pub doubt: Vec<crate::doubt::Doubt>,
}

impl RawRow {
    /// Adds a printed piece of the label (or code) to the label's place.
    pub fn mark_label(&mut self, at: Provenance) {
        self.label_at = crate::provenance::join(self.label_at, at);
    }
}

/// A header cell with position (PDF input), to place numbers under it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeaderCell {
    /// The cell's text, compact.
    pub text: String,
    /// Its extent.
    pub x: XRange,
    /// Which header line it came from (0 = top).
    pub level: usize,
}

/// Header cells that open the 支出 side besides those starting with 支出:
/// the budgets' 本年支出 (Shanghai 财务收支预算总表) and 财政拨款支出.
const EXPENDITURE_SIDE_HEADERS: [&str; 2] = ["本年支出", "财政拨款支出"];

/// Where the 支出 side of a two-sided table begins: the left edge of its
/// header's 支出 cell (PDF input), if printed.
pub fn expenditure_side_start(cells: &[HeaderCell]) -> Option<f32> {
    cells
        .iter()
        .filter(|c| {
            c.text.starts_with("支出") || EXPENDITURE_SIDE_HEADERS.contains(&c.text.as_str())
        })
        .map(|c| c.x.x0)
        .fold(None, |acc: Option<f32>, x| {
            Some(acc.map_or(x, |a| a.min(x)))
        })
}

/// A table as printed, before numbers are placed in canonical columns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RawTable {
    /// Canonical kind of the matched template.
    pub kind: String,
    /// Index of the matched template in [`crate::templates::Templates::tables`].
    pub template: usize,
    /// The title as printed (compact).
    pub title: String,
    /// The printed table number (表N).
    pub number: Option<u32>,
    /// The page of the title.
    pub page: u32,
    /// The 部门/单位 printed above the table.
    pub department: Option<String>,
    /// The amount unit printed above the table.
    pub amount_unit: Option<AmountUnit>,
    /// Header lines, compact, top to bottom.
    pub header: Vec<String>,
    /// The header lines' words as printed (text input keeps each header
    /// cell's wrapped piece a word of its own), to read wrapped labels back.
    #[serde(skip)]
    pub header_words: Vec<Vec<String>>,
    /// Header cells with positions (PDF input).
    pub header_cells: Vec<HeaderCell>,
    /// The 栏次 numbers, grouped at each 栏次 marker.
    pub column_numbers: Vec<Vec<u32>>,
    /// Where each 栏次 number stands (PDF input), in order: column anchors.
    pub column_x: Vec<XRange>,
    /// Where a two-sided table's right (支出) side begins (PDF input): the
    /// one split the grammar read the sides by, for the normaliser's columns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side_split: Option<f32>,
    /// Reassembled rows.
    pub rows: Vec<RawRow>,
    /// 注 lines.
    pub notes: Vec<String>,
    /// 说明 lines.
    pub explanations: Vec<String>,
    /// Problems met while reading the table.
    pub warnings: Vec<String>,
}

/// A block of the document, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// 第N部分 headings (level 0) and section headings (一、 （一）: levels 1, 2).
    Heading {
        /// The heading text, compact.
        text: String,
        /// 0 part, 1 section, 2 subsection, 3 item.
        level: u8,
        /// Page.
        page: u32,
    },
    /// Narrative text, wrapped lines joined.
    Paragraph {
        /// The text, compact.
        text: String,
        /// Page of its first line.
        page: u32,
    },
    /// A recognised table.
    Table(Box<RawTable>),
}

/// The parsed document.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Document {
    /// Blocks in reading order.
    pub blocks: Vec<Block>,
}

impl Document {
    /// The tables, in order.
    pub fn tables(&self) -> impl Iterator<Item = &RawTable> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t.as_ref()),
            _ => None,
        })
    }
}
