//! Provenance: where on the page (or in the text file) each number, label and
//! sentence was printed, so that a reader can be shown the place itself.
//!
//! PDF input gives a [`BBox`] in PDF points, in the page's own space as
//! displayed: origin at the bottom-left corner of the (crop box of the) page,
//! y upwards — PDF's default user space for an unrotated page. Text input has
//! no geometry, so it gives the 1-based line number in the file instead. The
//! layout stage and the text reader fill [`Origin`]s on spans; tokens, rows
//! and cells carry them along as [`Provenance`] (page included).

pub mod narrative;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Serialize, Serializer};

/// A rectangle in PDF points, page space (origin bottom-left, y up):
/// `x0 <= x1`, `y0 <= y1`. Serialised as `[x0, y0, x1, y1]` rounded to 0.01 pt.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(from = "[f32; 4]")]
pub struct BBox {
    /// Left edge.
    pub x0: f32,
    /// Bottom edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Top edge.
    pub y1: f32,
}

impl From<[f32; 4]> for BBox {
    fn from([x0, y0, x1, y1]: [f32; 4]) -> Self {
        BBox { x0, y0, x1, y1 }
    }
}

impl Serialize for BBox {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(4))?;
        for v in [self.x0, self.y0, self.x1, self.y1] {
            // Two decimals: a hundredth of a point is far below a glyph.
            seq.serialize_element(&((f64::from(v) * 100.0).round() / 100.0))?;
        }
        seq.end()
    }
}

impl BBox {
    /// A box from top-origin coordinates (how the PDF stage measures, reading
    /// top to bottom) on a page of the given displayed height.
    pub fn from_top_origin(x0: f32, top: f32, x1: f32, bottom: f32, page_height: f32) -> Self {
        BBox {
            x0: x0.min(x1),
            y0: page_height - top.max(bottom),
            x1: x0.max(x1),
            y1: page_height - top.min(bottom),
        }
    }

    /// The smallest box holding both.
    pub fn union(&self, other: &BBox) -> BBox {
        BBox {
            x0: self.x0.min(other.x0),
            y0: self.y0.min(other.y0),
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
        }
    }

    /// True when `other` lies inside this box, allowing `slack` points on each side.
    pub fn contains(&self, other: &BBox, slack: f32) -> bool {
        other.x0 >= self.x0 - slack
            && other.x1 <= self.x1 + slack
            && other.y0 >= self.y0 - slack
            && other.y1 <= self.y1 + slack
    }

    /// Parses `x0,y0,x1,y1` (the `show --box` argument).
    pub fn parse(text: &str) -> Option<BBox> {
        let v: Vec<f32> = text
            .split(',')
            .map(|p| p.trim().parse().ok())
            .collect::<Option<_>>()?;
        match v.as_slice() {
            [x0, y0, x1, y1] => Some(BBox {
                x0: x0.min(*x1),
                y0: y0.min(*y1),
                x1: x0.max(*x1),
                y1: y0.max(*y1),
            }),
            _ => None,
        }
    }
}

/// Where a span's text came from: its ink box on a PDF page, or its line in a text file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Origin {
    /// The box around the span's glyphs (PDF input).
    Ink(BBox),
    /// The 1-based line number in the text file (text input).
    Line(u32),
}

/// A printed thing's place: its page, and its box (PDF) or line (text).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// 1-based page number.
    pub page: u32,
    /// The box around the printed text (PDF input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<BBox>,
    /// The 1-based line number in the text file (text input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

impl Provenance {
    /// The place of something on `page` with the given origin.
    pub fn new(page: u32, origin: Option<Origin>) -> Self {
        Provenance {
            page,
            bbox: match origin {
                Some(Origin::Ink(b)) => Some(b),
                _ => None,
            },
            line: match origin {
                Some(Origin::Line(n)) => Some(n),
                _ => None,
            },
        }
    }

    /// Both places as one: boxes on the same page are joined, otherwise the
    /// first place is kept (a label wrapped over a page break is shown where it begins).
    pub fn join(self, other: Provenance) -> Provenance {
        if other.page != self.page {
            return self;
        }
        Provenance {
            page: self.page,
            bbox: match (self.bbox, other.bbox) {
                (Some(a), Some(b)) => Some(a.union(&b)),
                (a, b) => a.or(b),
            },
            line: self.line.or(other.line),
        }
    }
}

/// Joins an optional place with another (see [`Provenance::join`]).
pub fn join(a: Option<Provenance>, b: Provenance) -> Option<Provenance> {
    Some(a.map_or(b, |a| a.join(b)))
}

/// Places by canonical column, in column order: where each of a row's values is printed.
/// Serialised as a JSON object `{column: {page, bbox | line}}`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Places(pub Vec<(String, Provenance)>);

impl Places {
    /// The place of a column's value.
    pub fn get(&self, column: &str) -> Option<&Provenance> {
        self.0.iter().find(|(k, _)| k == column).map(|(_, p)| p)
    }

    /// True when no value has a place (serialisation leaves the field out).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Places {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// The places of a row's values: `columns[c]` for each printed number placed
/// at column index `c` (in `placement`), skipping dashes (no value) and numbers
/// without a place.
pub fn value_places(
    placement: &[usize],
    columns: &[String],
    numbers: &[Option<f64>],
    printed_at: &[Option<Provenance>],
) -> Places {
    Places(
        placement
            .iter()
            .zip(numbers)
            .zip(printed_at)
            .filter_map(|((c, v), at)| {
                v.as_ref()?;
                Some((columns.get(*c)?.clone(), (*at)?))
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_origin_boxes_flip_into_page_space() {
        let b = BBox::from_top_origin(10.0, 100.0, 30.0, 112.0, 842.0);
        assert_eq!(
            b,
            BBox {
                x0: 10.0,
                y0: 730.0,
                x1: 30.0,
                y1: 742.0
            }
        );
        assert_eq!(
            serde_json::to_string(&b).ok().as_deref(),
            Some("[10.0,730.0,30.0,742.0]")
        );
    }

    #[test]
    fn places_join_on_one_page_only() {
        let a = Provenance::new(1, Some(Origin::Ink(BBox::from([0.0, 0.0, 1.0, 1.0]))));
        let b = Provenance::new(1, Some(Origin::Ink(BBox::from([2.0, 2.0, 3.0, 3.0]))));
        let c = Provenance::new(2, Some(Origin::Ink(BBox::from([5.0, 5.0, 6.0, 6.0]))));
        assert_eq!(a.join(b).bbox, Some(BBox::from([0.0, 0.0, 3.0, 3.0])));
        assert_eq!(a.join(c), a);
        assert_eq!(
            BBox::parse("3,4,1,2"),
            Some(BBox::from([1.0, 2.0, 3.0, 4.0]))
        );
    }
}
