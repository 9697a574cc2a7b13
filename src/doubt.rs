//! Why a row's reading is in doubt. A check or a narrative comparison that
//! rests on a doubtful cell cannot accuse the report: it is `unverified`.

use serde::Serialize;

/// One reason to doubt how a row's numbers were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Doubt {
    /// Several placements of the numbers satisfy every identity; one was taken.
    AmbiguousPlacement,
    /// Fewer numbers than columns and no placement satisfies the row's identities.
    NoPlacementHolds,
    /// More numbers than columns: those beyond the last column were not placed.
    NumbersBeyondColumns,
    /// A small integer could be the row's 行次 or one of its amounts.
    LineNumberSplit,
    /// A wrapped fragment (label or number) could belong to either side of a
    /// two-sided table, or to another group of a grouped table's line.
    FragmentSide,
    /// The table's printed columns were not identified; the template's were assumed.
    ColumnsAssumed,
    /// A number stood where no column is (outside every column's x-range) and was not placed.
    NumberOutsideColumns,
}

impl Doubt {
    /// The snake_case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Doubt::AmbiguousPlacement => "ambiguous_placement",
            Doubt::NoPlacementHolds => "no_placement_holds",
            Doubt::NumbersBeyondColumns => "numbers_beyond_columns",
            Doubt::LineNumberSplit => "line_number_split",
            Doubt::FragmentSide => "fragment_side",
            Doubt::ColumnsAssumed => "columns_assumed",
            Doubt::NumberOutsideColumns => "number_outside_columns",
        }
    }
}
