//! The visible region of a page while it is drawn: the stack of clip paths
//! in force, each kept as its bounding box intersected with the ones below.
//!
//! Word and LibreOffice clip a table cell's text to the cell: when a table
//! breaks across pages, the repeated header row can be shorter than its
//! text, and the characters that do not fit are drawn but clipped away. A
//! reader never sees them; left in, a narrow header's fourth character
//! lands on the 栏次 line ("助3 入4 入5"). A bounding box is a superset of
//! its clip path, so testing against it never hides a glyph that shows.
//! Whether the region is exactly its box (every clip an axis-aligned
//! rectangle) is kept too: only then is a fill's visible part known (see
//! `hidden.rs`).

use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point, Rect, Shape};
use smallvec::SmallVec;

/// Clip regions pushed and not yet popped.
#[derive(Debug, Default)]
pub(crate) struct ClipStack {
    /// Effective region after each push (intersection with the one below),
    /// and whether it is exactly that rectangle.
    regions: Vec<(Rect, bool)>,
}

/// How far, in points, a glyph's centre may lie outside the clip and still
/// count as visible: clip boxes are often drawn exactly at the text's edge.
const TOLERANCE: f64 = 0.5;

impl ClipStack {
    /// Pushes a clip path (page space).
    pub(crate) fn push(&mut self, path: &BezPath) {
        let bbox = path.bounding_box();
        let exact = is_rectangle(path);
        let region = match self.regions.last() {
            Some((below, below_exact)) => (below.intersect(bbox), exact && *below_exact),
            None => (bbox, exact),
        };
        self.regions.push(region);
    }

    /// The current region's bounding box (`None` when no clip is set).
    pub(crate) fn region(&self) -> Option<Rect> {
        self.regions.last().map(|(r, _)| *r)
    }

    /// True when the current region is exactly [`ClipStack::region`] (or no
    /// clip is set).
    pub(crate) fn is_exact(&self) -> bool {
        self.regions.last().is_none_or(|(_, exact)| *exact)
    }

    /// Pops the last clip; popping an empty stack does nothing (a damaged
    /// content stream may pop more than it pushed).
    pub(crate) fn pop(&mut self) {
        self.regions.pop();
    }

    /// The current region's width (`None` when no clip is set).
    pub(crate) fn width(&self) -> Option<f64> {
        self.regions.last().map(|(r, _)| r.width())
    }

    /// True when `p` lies inside the current region (or no clip is set).
    pub(crate) fn shows(&self, p: Point) -> bool {
        self.regions
            .last()
            .is_none_or(|(r, _)| r.inflate(TOLERANCE, TOLERANCE).contains(p))
    }
}

/// How far from exactly axis-aligned a rectangle's edge may be, in points.
const AXIS_TOLERANCE: f64 = 0.01;

/// True when `path` is one closed axis-aligned rectangle (`re`, or four
/// lines): its bounding box is then the region it encloses.
pub(crate) fn is_rectangle(path: &BezPath) -> bool {
    rectangle_points(path, |p| p).is_some()
}

/// The bounding box of `path` placed by `transform` when, so placed, it is
/// one closed axis-aligned rectangle; the path itself is not copied.
pub(crate) fn placed_rectangle(path: &BezPath, transform: Affine) -> Option<Rect> {
    let points = rectangle_points(path, |p| transform * p)?;
    let first = *points.first()?;
    Some(
        points
            .iter()
            .fold(Rect::from_points(first, first), |r, p| r.union_pt(*p)),
    )
}

/// The points of `path`, each placed by `place`, when they form one closed
/// axis-aligned rectangle (a closing point that repeats the first is kept
/// in the list but not counted as a corner); `None` otherwise.
fn rectangle_points(
    path: &BezPath,
    place: impl Fn(Point) -> Point,
) -> Option<SmallVec<[Point; 5]>> {
    let mut points: SmallVec<[Point; 5]> = SmallVec::new();
    for (i, el) in path.elements().iter().enumerate() {
        match (i, *el) {
            (0, PathEl::MoveTo(p)) => points.push(place(p)),
            (_, PathEl::LineTo(p)) if i > 0 => points.push(place(p)),
            (_, PathEl::ClosePath) if i > 0 => {}
            _ => return None,
        }
    }
    let mut corners: &[Point] = &points;
    if let (Some(first), Some((last, rest))) = (points.first(), points.split_last())
        && first.distance(*last) <= AXIS_TOLERANCE
    {
        corners = rest;
    }
    let axis_aligned = corners
        .iter()
        .zip(corners.iter().cycle().skip(1))
        .all(|(a, b)| (a.x - b.x).abs() <= AXIS_TOLERANCE || (a.y - b.y).abs() <= AXIS_TOLERANCE);
    (corners.len() == 4 && axis_aligned).then_some(points)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_clips_intersect_and_pop_restores_the_outer_region() {
        let mut clips = ClipStack::default();
        assert!(clips.shows(Point::new(500.0, 500.0)));
        clips.push(&Rect::new(0.0, 0.0, 100.0, 100.0).to_path(0.1));
        clips.push(&Rect::new(50.0, 50.0, 200.0, 200.0).to_path(0.1));
        assert!(clips.shows(Point::new(75.0, 75.0)));
        assert!(
            !clips.shows(Point::new(150.0, 150.0)),
            "outside the outer clip"
        );
        assert!(
            !clips.shows(Point::new(25.0, 25.0)),
            "outside the inner clip"
        );
        clips.pop();
        assert!(clips.shows(Point::new(25.0, 25.0)));
        clips.pop();
        clips.pop();
        assert!(clips.shows(Point::new(500.0, 500.0)));
    }

    #[test]
    fn a_centre_on_the_edge_shows() {
        let mut clips = ClipStack::default();
        clips.push(&Rect::new(0.0, 0.0, 100.0, 20.0).to_path(0.1));
        assert!(clips.shows(Point::new(50.0, 20.3)));
        assert!(!clips.shows(Point::new(50.0, 21.0)));
    }

    #[test]
    fn rectangles_are_exact_and_other_clips_are_not() {
        let mut clips = ClipStack::default();
        assert!(clips.is_exact());
        clips.push(&Rect::new(0.0, 0.0, 100.0, 100.0).to_path(0.1));
        assert!(clips.is_exact());
        let circle = hayro_interpret::kurbo::Circle::new((50.0, 50.0), 20.0);
        clips.push(&hayro_interpret::kurbo::Shape::to_path(&circle, 0.1));
        assert!(!clips.is_exact());
        assert_eq!(clips.region(), Some(Rect::new(30.0, 30.0, 70.0, 70.0)));
        clips.pop();
        assert!(clips.is_exact());
    }
}
