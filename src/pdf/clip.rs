//! The visible region of a page while it is drawn: the stack of clip paths
//! in force, each kept as its bounding box intersected with the ones below.
//!
//! Word and LibreOffice clip a table cell's text to the cell: when a table
//! breaks across pages, the repeated header row can be shorter than its
//! text, and the characters that do not fit are drawn but clipped away. A
//! reader never sees them; left in, a narrow header's fourth character
//! lands on the 栏次 line ("助3 入4 入5"). A bounding box is a superset of
//! its clip path, so testing against it never hides a glyph that shows.

use hayro_interpret::kurbo::{Point, Rect};

/// Clip regions pushed and not yet popped.
#[derive(Debug, Default)]
pub(crate) struct ClipStack {
    /// Effective region after each push (intersection with the one below).
    regions: Vec<Rect>,
}

/// How far, in points, a glyph's centre may lie outside the clip and still
/// count as visible: clip boxes are often drawn exactly at the text's edge.
const TOLERANCE: f64 = 0.5;

impl ClipStack {
    /// Pushes a clip whose bounding box is `bbox` (page space).
    pub(crate) fn push(&mut self, bbox: Rect) {
        let region = match self.regions.last() {
            Some(below) => below.intersect(bbox),
            None => bbox,
        };
        self.regions.push(region);
    }

    /// Pops the last clip; popping an empty stack does nothing (a damaged
    /// content stream may pop more than it pushed).
    pub(crate) fn pop(&mut self) {
        self.regions.pop();
    }

    /// The current region's width (`None` when no clip is set).
    pub(crate) fn width(&self) -> Option<f64> {
        self.regions.last().map(Rect::width)
    }

    /// True when `p` lies inside the current region (or no clip is set).
    pub(crate) fn shows(&self, p: Point) -> bool {
        self.regions
            .last()
            .is_none_or(|r| r.inflate(TOLERANCE, TOLERANCE).contains(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_clips_intersect_and_pop_restores_the_outer_region() {
        let mut clips = ClipStack::default();
        assert!(clips.shows(Point::new(500.0, 500.0)));
        clips.push(Rect::new(0.0, 0.0, 100.0, 100.0));
        clips.push(Rect::new(50.0, 50.0, 200.0, 200.0));
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
        clips.push(Rect::new(0.0, 0.0, 100.0, 20.0));
        assert!(clips.shows(Point::new(50.0, 20.3)));
        assert!(!clips.shows(Point::new(50.0, 21.0)));
    }
}
