//! Ruling segments from vector paths.
//!
//! Table borders reach a PDF in two ways: stroked lines (`m l S`, or `re S`
//! which gives four edges) and, from Excel and WPS, thin filled rectangles.
//! Both become [`Rule`]s; curves and large fills (cell shading, backgrounds)
//! are not borders and are ignored.

use super::page::Rule;
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point};
use smallvec::SmallVec;

/// How far from exactly horizontal/vertical a segment may be, in points.
const AXIS_TOLERANCE: f64 = 0.5;
/// A filled rectangle at most this thick is a border line.
pub(crate) const MAX_FILL_THICKNESS: f64 = 3.0;
/// Segments shorter than this are dots or joints, not borders.
const MIN_LENGTH: f64 = 1.0;

/// Appends the rules a path contributes. `transform` maps path space to
/// top-origin page space; `stroked`/`filled` say how the path was painted.
pub(crate) fn path_rules(
    path: &BezPath,
    transform: Affine,
    stroked: bool,
    filled: bool,
    out: &mut Vec<Rule>,
) {
    let paint = Paint { stroked, filled };
    // The current subpath as a polyline in page space (closed ones repeat
    // their first point), held inline: a border is a handful of points,
    // and a table draws thousands of them.
    let mut points: SmallVec<[Point; 8]> = SmallVec::new();
    let mut curved = false;
    for el in path.elements() {
        match *el {
            PathEl::MoveTo(p) => {
                subpath_rules(&points, curved, paint, out);
                points.clear();
                points.push(transform * p);
                curved = false;
            }
            PathEl::LineTo(p) => points.push(transform * p),
            PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => {
                curved = true;
                points.push(transform * p);
            }
            PathEl::ClosePath => {
                if let Some(first) = points.first().copied() {
                    points.push(first);
                }
            }
        }
    }
    subpath_rules(&points, curved, paint, out);
}

/// How a path was painted.
#[derive(Clone, Copy)]
struct Paint {
    stroked: bool,
    filled: bool,
}

/// The rules of one subpath: its straight segments when stroked, its
/// centre line when it is a thin filled rectangle; curves give none.
fn subpath_rules(points: &[Point], curved: bool, paint: Paint, out: &mut Vec<Rule>) {
    if points.len() < 2 || curved {
        return;
    }
    if paint.stroked {
        for pair in points.windows(2) {
            if let [a, b] = pair {
                push_segment(*a, *b, out);
            }
        }
    }
    if paint.filled {
        push_thin_rect(points, out);
    }
}

fn push_segment(a: Point, b: Point, out: &mut Vec<Rule>) {
    let (dx, dy) = ((b.x - a.x).abs(), (b.y - a.y).abs());
    if dy <= AXIS_TOLERANCE && dx >= MIN_LENGTH {
        let y = (a.y + b.y) / 2.0;
        out.push(rule(a.x.min(b.x), y, a.x.max(b.x), y));
    } else if dx <= AXIS_TOLERANCE && dy >= MIN_LENGTH {
        let x = (a.x + b.x) / 2.0;
        out.push(rule(x, a.y.min(b.y), x, a.y.max(b.y)));
    }
}

/// A filled axis-aligned rectangle that is thin in one direction becomes
/// its centre line.
fn push_thin_rect(points: &[Point], out: &mut Vec<Rule>) {
    if points.len() < 4 || points.len() > 5 {
        return;
    }
    let axis_aligned = points.windows(2).all(|pair| match pair {
        [a, b] => (a.x - b.x).abs() <= AXIS_TOLERANCE || (a.y - b.y).abs() <= AXIS_TOLERANCE,
        _ => true,
    });
    if !axis_aligned {
        return;
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for p in points {
        x0 = x0.min(p.x);
        y0 = y0.min(p.y);
        x1 = x1.max(p.x);
        y1 = y1.max(p.y);
    }
    let (w, h) = (x1 - x0, y1 - y0);
    if h <= MAX_FILL_THICKNESS && w >= MIN_LENGTH && w > h {
        let y = (y0 + y1) / 2.0;
        out.push(rule(x0, y, x1, y));
    } else if w <= MAX_FILL_THICKNESS && h >= MIN_LENGTH && h > w {
        let x = (x0 + x1) / 2.0;
        out.push(rule(x, y0, x, y1));
    }
}

fn rule(x0: f64, y0: f64, x1: f64, y1: f64) -> Rule {
    Rule {
        x0: x0 as f32,
        y0: y0 as f32,
        x1: x1 as f32,
        y1: y1 as f32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hayro_interpret::kurbo::{Rect, Shape};

    fn rules_of(path: &BezPath, stroked: bool, filled: bool) -> Vec<Rule> {
        let mut out = Vec::new();
        path_rules(path, Affine::IDENTITY, stroked, filled, &mut out);
        out
    }

    #[test]
    fn stroked_rectangle_gives_four_edges() {
        let path = Rect::new(10.0, 10.0, 110.0, 40.0).to_path(0.1);
        assert_eq!(rules_of(&path, true, false).len(), 4);
    }

    #[test]
    fn thin_filled_rectangle_is_a_rule_but_a_large_fill_is_not() {
        let thin = Rect::new(10.0, 10.0, 110.0, 10.5).to_path(0.1);
        let r = rules_of(&thin, false, true);
        assert_eq!(r.len(), 1);
        assert!(r[0].is_horizontal());
        let big = Rect::new(10.0, 10.0, 110.0, 40.0).to_path(0.1);
        assert!(rules_of(&big, false, true).is_empty());
    }

    #[test]
    fn diagonal_and_curved_segments_are_ignored() {
        let mut path = BezPath::new();
        path.move_to((0.0, 0.0));
        path.line_to((50.0, 50.0));
        path.curve_to((60.0, 50.0), (70.0, 50.0), (80.0, 50.0));
        assert!(rules_of(&path, true, false).is_empty());
    }
}
