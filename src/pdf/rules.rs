//! Ruling segments from vector paths.
//!
//! Table borders reach a PDF in two ways: stroked lines (`m l S`, or `re S`
//! which gives four edges) and, from Excel and WPS, thin filled rectangles.
//! Both become [`Rule`]s; curves and large fills (cell shading, backgrounds)
//! are not borders and are ignored.

use super::page::Rule;
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point};

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
    for sub in subpaths(path) {
        let points: Vec<Point> = sub.points.iter().map(|p| transform * *p).collect();
        if stroked && !sub.curved {
            for pair in points.windows(2) {
                if let [a, b] = pair {
                    push_segment(*a, *b, out);
                }
            }
        }
        if filled && !sub.curved {
            push_thin_rect(&points, out);
        }
    }
}

/// One subpath as a polyline (closed ones repeat their first point).
struct Subpath {
    points: Vec<Point>,
    curved: bool,
}

fn subpaths(path: &BezPath) -> Vec<Subpath> {
    let mut result = Vec::new();
    let mut current = Subpath {
        points: Vec::new(),
        curved: false,
    };
    for el in path.elements() {
        match *el {
            PathEl::MoveTo(p) => {
                if current.points.len() > 1 {
                    result.push(current);
                }
                current = Subpath {
                    points: vec![p],
                    curved: false,
                };
            }
            PathEl::LineTo(p) => current.points.push(p),
            PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => {
                current.curved = true;
                current.points.push(p);
            }
            PathEl::ClosePath => {
                if let Some(first) = current.points.first().copied() {
                    current.points.push(first);
                }
            }
        }
    }
    if current.points.len() > 1 {
        result.push(current);
    }
    result
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
