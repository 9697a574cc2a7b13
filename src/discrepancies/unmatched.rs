//! A narrative item the tables do not print: a 科目 named in the text whose
//! row no table with values holds, under its name or a former name of its
//! code. A missing row is not a zero, so this is never a figure discrepancy:
//! it says what the narrative states and which printed rows could be meant.

use serde::Serialize;

/// A narrative item with no row in its table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unmatched {
    /// The canonical fact name.
    pub fact: String,
    /// The item as the narrative names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The figure the narrative states.
    pub narrative_value: f64,
    /// Its unit.
    pub unit: String,
    /// The sentence stating it.
    pub sentence: String,
    /// The page of the sentence.
    pub page: u32,
    /// The cell the fact would describe, `table[level:name][column]`.
    pub cell: String,
    /// Printed rows of the same level (and the same 类/款 when the catalogue
    /// knows the item's code) holding the stated amount: the rows the
    /// narrative may mean under another name.
    pub candidates: Vec<String>,
}
