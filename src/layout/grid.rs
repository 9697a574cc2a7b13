//! Ruling segments → table grids with (possibly merged) cells.
//!
//! Producers draw borders as many short pieces (one per cell edge, dashed,
//! doubled), so collinear pieces are merged first. Rules that touch each
//! other form one table; its distinct horizontal positions are the row
//! boundaries and its vertical positions the column boundaries. Where a
//! boundary is missing between two grid positions the cells are merged, which
//! is how a header cell spanning several columns keeps one x-range.

use crate::pdf::Rule;

/// Rules whose positions differ by at most this are one line (points).
const SAME_LINE: f32 = 2.0;
/// Collinear pieces with at most this gap are joined.
const JOIN_GAP: f32 = 2.0;
/// How far a rule may miss another and still be taken as touching it.
const TOUCH: f32 = 2.5;
/// Above this many horizontal × vertical pairs a page is not a table page
/// but a drawing; grid detection is skipped to bound the work.
const MAX_PAIRS: usize = 4_000_000;

/// A merged straight rule: `pos` across, `from..to` along.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Segment {
    pos: f32,
    from: f32,
    to: f32,
}

impl Segment {
    fn covers(&self, pos: f32, along: f32) -> bool {
        (self.pos - pos).abs() <= SAME_LINE
            && along >= self.from - TOUCH
            && along <= self.to + TOUCH
    }
}

/// One cell: an inclusive range of grid rows and columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cell {
    pub(crate) row0: usize,
    pub(crate) row1: usize,
    pub(crate) col0: usize,
    pub(crate) col1: usize,
}

/// A ruled table: boundaries top to bottom and left to right, and its cells.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Grid {
    pub(crate) xs: Vec<f32>,
    pub(crate) ys: Vec<f32>,
    pub(crate) cells: Vec<Cell>,
    /// Cell index for each (row, column) grid position, row-major.
    slots: Vec<usize>,
}

impl Grid {
    /// The cell index holding a point, if the point lies inside the grid.
    pub(crate) fn cell_at(&self, x: f32, y: f32) -> Option<usize> {
        let col = interval(&self.xs, x)?;
        let row = interval(&self.ys, y)?;
        let columns = self.xs.len().checked_sub(1)?;
        self.slots.get(row * columns + col).copied()
    }

    /// The horizontal extent of a cell.
    pub(crate) fn cell_x(&self, cell: &Cell) -> Option<(f32, f32)> {
        Some((*self.xs.get(cell.col0)?, *self.xs.get(cell.col1 + 1)?))
    }
}

/// Index `i` with `bounds[i] <= v < bounds[i + 1]`.
fn interval(bounds: &[f32], v: f32) -> Option<usize> {
    let first = *bounds.first()?;
    let last = *bounds.last()?;
    if v < first || v > last {
        return None;
    }
    let i = bounds.partition_point(|b| *b <= v);
    Some(i.saturating_sub(1).min(bounds.len().saturating_sub(2)))
}

/// Finds the ruled tables on a page.
pub(crate) fn find_grids(rules: &[Rule]) -> Vec<Grid> {
    let (horizontal, vertical): (Vec<&Rule>, Vec<&Rule>) =
        rules.iter().partition(|r| r.is_horizontal());
    let hs = merge(horizontal.iter().map(|r| Segment {
        pos: (r.y0 + r.y1) / 2.0,
        from: r.x0,
        to: r.x1,
    }));
    let vs = merge(vertical.iter().map(|r| Segment {
        pos: (r.x0 + r.x1) / 2.0,
        from: r.y0,
        to: r.y1,
    }));
    if hs.len().saturating_mul(vs.len()) > MAX_PAIRS {
        return Vec::new();
    }
    // Union-find over horizontals (0..h) and verticals (h..h+v).
    let mut sets = DisjointSets::new(hs.len() + vs.len());
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            if h.covers(h.pos, v.pos) && v.covers(v.pos, h.pos) {
                sets.union(i, hs.len() + j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Segment>, Vec<Segment>)> =
        std::collections::BTreeMap::new();
    for (i, h) in hs.iter().enumerate() {
        groups.entry(sets.find(i)).or_default().0.push(*h);
    }
    for (j, v) in vs.iter().enumerate() {
        groups
            .entry(sets.find(hs.len() + j))
            .or_default()
            .1
            .push(*v);
    }
    groups
        .into_values()
        .filter_map(|(h, v)| grid_of(&h, &v))
        .collect()
}

/// Builds the grid of one connected set of rules, if it is a table: at least
/// two columns (a budget table always has a name and an amount column), so
/// that a box around text or a page frame with a header rule is not one.
fn grid_of(hs: &[Segment], vs: &[Segment]) -> Option<Grid> {
    let ys = positions(hs);
    let xs = positions(vs);
    if ys.len() < 2 || xs.len() < 3 {
        return None;
    }
    let (rows, columns) = (ys.len() - 1, xs.len() - 1);
    let mut sets = DisjointSets::new(rows * columns);
    for r in 0..rows {
        let mid_y = (ys.get(r)? + ys.get(r + 1)?) / 2.0;
        for c in 0..columns {
            let mid_x = (xs.get(c)? + xs.get(c + 1)?) / 2.0;
            if c + 1 < columns {
                let x = *xs.get(c + 1)?;
                if !vs.iter().any(|v| v.covers(x, mid_y)) {
                    sets.union(r * columns + c, r * columns + c + 1);
                }
            }
            if r + 1 < rows {
                let y = *ys.get(r + 1)?;
                if !hs.iter().any(|h| h.covers(y, mid_x)) {
                    sets.union(r * columns + c, (r + 1) * columns + c);
                }
            }
        }
    }
    let mut cells: Vec<Cell> = Vec::new();
    let mut root_cell: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut slots = Vec::with_capacity(rows * columns);
    for r in 0..rows {
        for c in 0..columns {
            let root = sets.find(r * columns + c);
            let index = *root_cell.entry(root).or_insert_with(|| {
                cells.push(Cell {
                    row0: r,
                    row1: r,
                    col0: c,
                    col1: c,
                });
                cells.len() - 1
            });
            if let Some(cell) = cells.get_mut(index) {
                cell.row0 = cell.row0.min(r);
                cell.row1 = cell.row1.max(r);
                cell.col0 = cell.col0.min(c);
                cell.col1 = cell.col1.max(c);
            }
            slots.push(index);
        }
    }
    Some(Grid {
        xs,
        ys,
        cells,
        slots,
    })
}

/// Distinct positions of segments, nearby ones (double lines) averaged.
fn positions(segments: &[Segment]) -> Vec<f32> {
    let mut all: Vec<f32> = segments.iter().map(|s| s.pos).collect();
    all.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, usize)> = Vec::new();
    for p in all {
        match out.last_mut() {
            Some((mean, n)) if p - *mean <= SAME_LINE => {
                *n += 1;
                *mean += (p - *mean) / *n as f32;
            }
            _ => out.push((p, 1)),
        }
    }
    out.into_iter().map(|(p, _)| p).collect()
}

/// Joins collinear, touching or overlapping pieces.
fn merge(segments: impl Iterator<Item = Segment>) -> Vec<Segment> {
    let mut all: Vec<Segment> = segments.collect();
    all.sort_by(|a, b| a.pos.total_cmp(&b.pos).then(a.from.total_cmp(&b.from)));
    // Group by position first, then join along each group.
    let mut groups: Vec<Vec<Segment>> = Vec::new();
    let mut group_pos = f32::MIN;
    for s in all {
        match groups.last_mut() {
            Some(g) if s.pos - group_pos <= SAME_LINE => g.push(s),
            _ => {
                group_pos = s.pos;
                groups.push(vec![s]);
            }
        }
    }
    let mut out = Vec::new();
    for mut g in groups {
        g.sort_by(|a, b| a.from.total_cmp(&b.from));
        let mut current: Option<Segment> = None;
        for s in g {
            current = match current {
                Some(c) if s.from <= c.to + JOIN_GAP => Some(Segment {
                    pos: c.pos,
                    from: c.from,
                    to: c.to.max(s.to),
                }),
                Some(c) => {
                    out.push(c);
                    Some(s)
                }
                None => Some(s),
            };
        }
        out.extend(current);
    }
    out
}

/// A minimal union-find.
struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    fn new(n: usize) -> Self {
        DisjointSets {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while let Some(&p) = self.parent.get(i) {
            if p == i {
                break;
            }
            let grandparent = self.parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(i) {
                *slot = grandparent;
            }
            i = p;
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb
            && let Some(slot) = self.parent.get_mut(ra.max(rb))
        {
            *slot = ra.min(rb);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn h(y: f32, x0: f32, x1: f32) -> Rule {
        Rule {
            x0,
            y0: y,
            x1,
            y1: y,
        }
    }

    fn v(x: f32, y0: f32, y1: f32) -> Rule {
        Rule {
            x0: x,
            y0,
            x1: x,
            y1,
        }
    }

    /// A 3-column table at x 0/100/200/300 with rows at y 0/20/40/60, whose
    /// first row is one merged cell (no verticals inside it), drawn with
    /// every border split into per-cell pieces.
    pub(crate) fn table_rules() -> Vec<Rule> {
        let mut rules = Vec::new();
        for y in [0.0, 20.0, 40.0, 60.0] {
            for x in [0.0, 100.0, 200.0] {
                rules.push(h(y, x, x + 100.0));
            }
        }
        for x in [0.0, 300.0] {
            rules.push(v(x, 0.0, 60.0));
        }
        for x in [100.0, 200.0] {
            rules.push(v(x, 20.0, 40.0));
            rules.push(v(x, 40.0, 60.0));
        }
        rules
    }

    #[test]
    fn pieces_merge_and_a_spanning_header_becomes_one_cell() {
        let grids = find_grids(&table_rules());
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!(g.xs, [0.0, 100.0, 200.0, 300.0]);
        assert_eq!(g.ys, [0.0, 20.0, 40.0, 60.0]);
        assert_eq!(g.cells.len(), 1 + 3 + 3);
        let header = g.cell_at(150.0, 10.0).and_then(|i| g.cells.get(i));
        assert_eq!(header.and_then(|c| g.cell_x(c)), Some((0.0, 300.0)));
        assert_ne!(g.cell_at(50.0, 30.0), g.cell_at(150.0, 30.0));
        assert_eq!(g.cell_at(350.0, 30.0), None);
    }

    #[test]
    fn a_lone_box_or_loose_underlines_are_not_tables() {
        let boxed = vec![
            h(0.0, 0.0, 100.0),
            h(50.0, 0.0, 100.0),
            v(0.0, 0.0, 50.0),
            v(100.0, 0.0, 50.0),
        ];
        assert!(find_grids(&boxed).is_empty());
        let underlines = vec![h(0.0, 0.0, 100.0), h(20.0, 0.0, 100.0), h(40.0, 0.0, 100.0)];
        assert!(find_grids(&underlines).is_empty());
        let mut frame = underlines;
        frame.extend([v(0.0, 0.0, 40.0), v(100.0, 0.0, 40.0)]);
        assert!(find_grids(&frame).is_empty());
    }
}
