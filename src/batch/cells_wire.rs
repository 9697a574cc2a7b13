//! How a report's cells cross the worker pipe: grouped by the fields a
//! table's cells share, each cell a short array.
//!
//! The answer is MessagePack with named fields (`Cell`'s provenance fields
//! are left out when empty, which a positional struct cannot do). Named, a
//! cell carried thirteen field names and its table's report, unit, amount
//! unit and kind again, and the parent read each name and text back and
//! checked it as UTF-8: about a tenth of the parent's work over the text
//! twins. Here a run of cells with the same shared fields carries them
//! once, and each cell is `[row, row_name, column, value, page, bbox,
//! line]`, its optional fields `nil` when absent.
//!
//! Only a format that says it is not human-readable gets this form: the
//! records on disk (JSON) keep one object per cell, as `cells.jsonl` does.

use crate::document_kind::DocumentKind;
use crate::output::cells::{Cell, OwnFields, SharedFields};
use crate::provenance::BBox;
use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// [`SharedFields`] on the pipe, in `Cell`'s order.
type Shared<T> = (T, DocumentKind, Option<T>, Option<i32>, Option<T>, T);

/// [`OwnFields`] on the pipe; the box as [`BBox`] writes it (`[x0, y0,
/// x1, y1]` to 0.01 pt), so that a cell reads back as from its record on
/// disk.
type Own<T> = (T, T, T, f64, Option<u32>, Option<BBox>, Option<u32>);

/// The shared fields of `cell` as an array: the same split as
/// `cells.jsonl`'s lines.
fn shared_of(cell: &Cell) -> Shared<&str> {
    let SharedFields {
        report,
        document,
        unit,
        year,
        amount_unit,
        table,
    } = SharedFields::of(cell);
    (report, document, unit, year, amount_unit, table)
}

/// The own fields of `cell` as an array.
fn own_of(cell: &Cell) -> Own<&str> {
    let OwnFields {
        row,
        row_name,
        column,
        value,
        page,
        bbox,
        line,
    } = OwnFields::of(cell);
    (row, row_name, column, value, page, bbox, line)
}

/// A run of cells with the same shared fields, as written.
struct Group<'a>(&'a [Cell]);

impl Serialize for Group<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let own: Vec<Own<&str>> = self.0.iter().map(own_of).collect();
        (self.0.first().map(shared_of), own).serialize(s)
    }
}

/// `serialize_with` for `Extracted::cells`.
pub fn write<S: Serializer>(cells: &[Cell], s: S) -> Result<S::Ok, S::Error> {
    if s.is_human_readable() {
        return cells.serialize(s);
    }
    let groups: Vec<&[Cell]> = cells
        .chunk_by(|a, b| SharedFields::of(a) == SharedFields::of(b))
        .collect();
    let mut seq = s.serialize_seq(Some(groups.len()))?;
    for group in groups {
        seq.serialize_element(&Group(group))?;
    }
    seq.end()
}

/// `deserialize_with` for `Extracted::cells`.
pub fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Cell>, D::Error> {
    if d.is_human_readable() {
        return Vec::<Cell>::deserialize(d);
    }
    d.deserialize_seq(GroupsVisitor)
}

/// Reads the groups into one list of cells.
struct GroupsVisitor;

impl<'de> Visitor<'de> for GroupsVisitor {
    type Value = Vec<Cell>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("groups of cells")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Cell>, A::Error> {
        let mut cells = Vec::new();
        while let Some((shared, own)) =
            seq.next_element::<(Option<Shared<String>>, Vec<Own<String>>)>()?
        {
            let Some((report, document, unit, year, amount_unit, table)) = shared else {
                // Never written so (a group has a first cell); a damaged
                // answer fails its file rather than lose cells.
                if own.is_empty() {
                    continue;
                }
                return Err(serde::de::Error::custom(
                    "cells without their table's fields",
                ));
            };
            let (report, table): (Arc<str>, Arc<str>) = (report.into(), table.into());
            let unit: Option<Arc<str>> = unit.map(Into::into);
            let amount_unit: Option<Arc<str>> = amount_unit.map(Into::into);
            cells.reserve(own.len());
            for (row, row_name, column, value, page, bbox, line) in own {
                cells.push(Cell {
                    report: Arc::clone(&report),
                    document,
                    unit: unit.clone(),
                    year,
                    amount_unit: amount_unit.clone(),
                    table: Arc::clone(&table),
                    row,
                    row_name,
                    column,
                    value,
                    page,
                    bbox,
                    line,
                });
            }
        }
        Ok(cells)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Cells through the pipe's encoding and back; they read back as
    /// through a record on disk (JSON).
    fn round_trip(cells: &[Cell]) -> Vec<Cell> {
        #[derive(Serialize, Deserialize)]
        struct Holder {
            #[serde(serialize_with = "write", deserialize_with = "read")]
            cells: Vec<Cell>,
        }
        let held = Holder {
            cells: cells.to_vec(),
        };
        let bytes = rmp_serde::to_vec_named(&held).unwrap();
        let back: Holder = rmp_serde::from_slice(&bytes).unwrap();
        // JSON keeps one object per cell.
        let json = serde_json::to_string(&held).unwrap();
        let from_json: Holder = serde_json::from_str(&json).unwrap();
        assert_eq!(back.cells, from_json.cells);
        assert_eq!(
            serde_json::to_value(&held).unwrap()["cells"],
            serde_json::to_value(cells).unwrap()
        );
        back.cells
    }

    fn cell(table: &str, unit: Option<&str>, row: &str, value: f64, page: Option<u32>) -> Cell {
        Cell {
            report: Arc::from("r"),
            document: DocumentKind::FinalAccounts,
            unit: unit.map(Arc::from),
            year: Some(2022),
            amount_unit: Some(Arc::from("万元")),
            table: Arc::from(table),
            row: row.to_string(),
            row_name: format!("{row}名"),
            column: "决算数".to_string(),
            value,
            page,
            bbox: page.map(|_| BBox::from([1.0, 2.0, 3.5, 4.25])),
            line: page.is_none().then_some(7),
        }
    }

    #[test]
    fn cells_of_several_tables_come_back_equal() {
        let cells = vec![
            cell("a", Some("单位"), "1", 1.5, Some(2)),
            cell("a", Some("单位"), "2", -3.0, None),
            cell("b", Some("单位"), "1", 0.0, Some(3)),
            cell("a", None, "3", 7.25, Some(4)),
        ];
        assert_eq!(round_trip(&cells), cells);
        assert!(round_trip(&[]).is_empty());
    }

    #[test]
    fn cells_without_their_shared_fields_are_an_error() {
        let own: Vec<Own<&str>> = vec![("1", "名", "决算数", 1.0, None, None, Some(3))];
        let bytes = rmp_serde::to_vec(&vec![(None::<Shared<&str>>, own)]).unwrap();
        let mut d = rmp_serde::Deserializer::from_read_ref(&bytes);
        assert!(read(&mut d).is_err());
        let bytes = rmp_serde::to_vec(&vec![(None::<Shared<&str>>, Vec::<u8>::new())]).unwrap();
        let mut d = rmp_serde::Deserializer::from_read_ref(&bytes);
        assert!(read(&mut d).unwrap().is_empty());
    }

    #[test]
    fn a_box_reads_back_to_the_hundredth_as_from_a_record() {
        let mut c = cell("a", None, "1", 1.0, Some(2));
        c.bbox = Some(BBox::from([632.3, 421.443, 653.86, 429.443]));
        let back = round_trip(&[c]);
        let b = back[0].bbox.unwrap();
        assert_eq!((b.y0, b.y1), (421.44, 429.44));
    }

    proptest! {
        #[test]
        fn any_cells_read_back_as_from_a_record(
            specs in prop::collection::vec(
                (
                    0u8..3,
                    any::<bool>(),
                    "[0-9]{1,3}",
                    -1e9f64..1e9,
                    prop::option::of(1u32..50),
                    prop::option::of((0f32..1000.0, 0f32..1000.0)),
                ),
                0..40,
            )
        ) {
            let cells: Vec<Cell> = specs
                .iter()
                .map(|(t, u, row, v, p, b)| {
                    let mut c = cell(&format!("t{t}"), u.then_some("单位"), row, *v, *p);
                    if let (Some(_), Some((x, y))) = (p, b) {
                        c.bbox = Some(BBox::from([*x, *y, x + 10.5, y + 7.25]));
                    }
                    c
                })
                .collect();
            // `round_trip` holds the pipe's cells to the record's.
            prop_assert_eq!(round_trip(&cells).len(), cells.len());
        }
    }
}
