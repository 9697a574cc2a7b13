//! Text that is drawn but not seen: glyphs painted wholly or partly outside
//! the visible area (the clip in force, the page's crop box) or painted over
//! by an opaque fill drawn later.
//!
//! A reader of the printed report never sees such text, yet its glyphs are in
//! the file: WPS cuts a text box's last lines off at the box's edge, a title
//! wider than its print area loses its ends, a white rectangle hides a
//! correction. The review reports it ("text not displayed in full"), so the
//! PDF stage records it here as plain data, one [`HiddenText`] per run of
//! hidden glyphs on one baseline.
//!
//! Everything errs towards "visible": a clip is tested by its bounding box
//! (a superset of the clip), covering counts only opaque axis-aligned
//! rectangles under rectangular clips, and a glyph counts as hidden only when
//! at least [`HIDDEN_SHARE`] of its box is, so text that shows is never
//! reported.

use super::dedup::remove_copies;
use super::page::Glyph;
use hayro_interpret::kurbo::Rect;
use rustc_hash::FxHashSet;
use serde::Serialize;

/// The share of a glyph's box that must be out of sight for the glyph to be
/// hidden. Boxes are estimates (ascent 0.88, descent 0.12 em); a quarter of
/// the box is more than any font's estimate is off by, and a quarter of a
/// character cut away is plainly visible on paper.
pub(crate) const HIDDEN_SHARE: f64 = 0.25;

/// How far, in points, the visible area is widened before measuring: clip
/// boxes are often drawn exactly at the text's edge.
const EDGE_TOLERANCE: f64 = 0.5;

/// Why text cannot be seen (in full).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Hiding {
    /// Outside the clip path in force (a text box, a cell, a print area).
    Clipped,
    /// Outside the page as displayed (the crop box).
    OffPage,
    /// Painted over by an opaque fill drawn later.
    Covered,
}

impl Hiding {
    /// The words a review uses for it.
    pub fn describe(self) -> &'static str {
        match self {
            Hiding::Clipped => "cut off by a clipping path",
            Hiding::OffPage => "outside the page",
            Hiding::Covered => "painted over",
        }
    }
}

/// A run of text on one baseline, drawn but (partly) out of sight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HiddenText {
    /// 1-based page number.
    pub page: u32,
    /// The hidden glyphs' text, in drawing order.
    pub text: String,
    /// Why it is not seen.
    pub hiding: Hiding,
    /// Baseline of the run, from the page top (the same space as glyphs).
    pub y: f32,
    /// Left edge of the run's glyph boxes.
    pub x0: f32,
    /// Right edge of the run's glyph boxes.
    pub x1: f32,
    /// Top of the run's glyph boxes.
    pub top: f32,
    /// Bottom of the run's glyph boxes.
    pub bottom: f32,
    /// The share of the run's glyph boxes out of sight (0.25–1): 1 when
    /// none of it shows, less when glyphs are cut (a line's lower half).
    pub hidden_share: f32,
    /// True when text that shows continues the run on its baseline (within
    /// [`RUN_GAP`] em of either end): the run is the cut-off part of a line
    /// a reader sees, such as `项目` of a label printed as `支出，34.20%`.
    pub continues_shown: bool,
}

/// One hidden glyph, before runs are formed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct HiddenGlyph {
    /// The glyph as it was drawn.
    pub(crate) glyph: Glyph,
    /// Why it is not seen.
    pub(crate) hiding: Hiding,
    /// Share of its box out of sight.
    pub(crate) share: f64,
}

/// The share of `bbox` outside `visible` (widened by [`EDGE_TOLERANCE`]);
/// 0 for a degenerate box.
pub(crate) fn share_outside(bbox: Rect, visible: Rect) -> f64 {
    let area = bbox.area();
    if area <= 0.0 || !area.is_finite() {
        return 0.0;
    }
    let seen = bbox
        .intersect(visible.inflate(EDGE_TOLERANCE, EDGE_TOLERANCE))
        .area()
        .max(0.0);
    (1.0 - seen / area).clamp(0.0, 1.0)
}

/// The share of `bbox` under `cover` (not widened: a fill must reach well
/// into the box to hide it).
pub(crate) fn share_under(bbox: Rect, cover: Rect) -> f64 {
    let area = bbox.area();
    if area <= 0.0 || !area.is_finite() {
        return 0.0;
    }
    (bbox.intersect(cover).area().max(0.0) / area).clamp(0.0, 1.0)
}

/// Groups a page's hidden glyphs (drawing order) into runs: consecutive
/// glyphs hidden the same way on one baseline, no wider apart than
/// [`RUN_GAP`] em. Repeated copies (fake bold, fill-and-stroke) count once.
/// `shown` are the page's glyphs that show, to tell a cut-off line end.
pub(crate) fn runs(page: u32, glyphs: Vec<HiddenGlyph>, shown: &[Glyph]) -> Vec<HiddenText> {
    if glyphs.is_empty() {
        return Vec::new();
    }
    let hidden: FxHashSet<(u32, u32)> = glyphs.iter().map(|h| place(&h.glyph)).collect();
    let mut by_baseline: Vec<&Glyph> = shown
        .iter()
        .filter(|g| !hidden.contains(&place(g)))
        .collect();
    by_baseline.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut out = group(page, glyphs);
    for run in &mut out {
        run.continues_shown = continues(run, &by_baseline);
    }
    out
}

/// Where a glyph was drawn, exactly: a glyph both read and noted hidden
/// (partly cut, painted over) is the same drawing in both lists.
fn place(g: &Glyph) -> (u32, u32) {
    (g.x0.to_bits(), g.y.to_bits())
}

/// True when a glyph of `shown` (sorted by baseline) lies on the run's
/// baseline within [`RUN_GAP`] em of its ends.
fn continues(run: &HiddenText, shown: &[&Glyph]) -> bool {
    let size = (run.bottom - run.top).max(1.0);
    let low = run.y - 0.3 * size;
    let first = shown.partition_point(|g| g.y < low);
    shown
        .get(first..)
        .unwrap_or_default()
        .iter()
        .take_while(|g| g.y <= run.y + 0.3 * size)
        .any(|g| g.x1 >= run.x0 - RUN_GAP * size && g.x0 <= run.x1 + RUN_GAP * size)
}

/// [`runs`] before their neighbours are known.
fn group(page: u32, glyphs: Vec<HiddenGlyph>) -> Vec<HiddenText> {
    let glyphs = remove_copies(glyphs, |h| &h.glyph);
    let mut out: Vec<(HiddenText, f32, usize)> = Vec::new();
    for h in glyphs {
        let g = &h.glyph;
        let joins = out.last().is_some_and(|(run, size, _)| {
            let size = size.max(g.size);
            run.hiding == h.hiding
                && (run.y - g.y).abs() <= 0.3 * size
                && g.x0 >= run.x0 - size
                && g.x0 - run.x1 <= RUN_GAP * size
        });
        match out.last_mut() {
            Some((run, size, n)) if joins => {
                run.text.push_str(&g.text);
                run.x0 = run.x0.min(g.x0);
                run.x1 = run.x1.max(g.x1);
                run.top = run.top.min(g.top);
                run.bottom = run.bottom.max(g.bottom);
                let total = f64::from(run.hidden_share) * *n as f64 + h.share;
                *n += 1;
                run.hidden_share = (total / *n as f64) as f32;
                *size = size.max(g.size);
            }
            _ => out.push((
                HiddenText {
                    page,
                    text: g.text.to_string(),
                    hiding: h.hiding,
                    y: g.y,
                    x0: g.x0,
                    x1: g.x1,
                    top: g.top,
                    bottom: g.bottom,
                    hidden_share: h.share as f32,
                    continues_shown: false,
                },
                g.size,
                1,
            )),
        }
    }
    out.into_iter().map(|(run, _, _)| run).collect()
}

/// The widest gap, in em, between two glyphs of one run (a few spaces).
const RUN_GAP: f32 = 3.0;

#[cfg(test)]
mod tests {
    use super::*;

    fn hidden(text: &str, x: f32, y: f32, hiding: Hiding) -> HiddenGlyph {
        HiddenGlyph {
            glyph: crate::pdf::dedup::tests::glyph(text, x, y),
            hiding,
            share: 1.0,
        }
    }

    #[test]
    fn a_glyph_a_quarter_outside_is_measured_so() {
        let bbox = Rect::new(0.0, 0.0, 10.0, 12.0);
        assert!((share_outside(bbox, Rect::new(-100.0, -100.0, 100.0, 8.5)) - 0.25).abs() < 1e-9);
        assert_eq!(share_outside(bbox, Rect::new(-1.0, -1.0, 11.0, 13.0)), 0.0);
        assert_eq!(share_outside(bbox, Rect::new(50.0, 50.0, 60.0, 60.0)), 1.0);
        assert!((share_under(bbox, Rect::new(0.0, 6.0, 10.0, 20.0)) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn glyphs_on_one_baseline_form_a_run_and_copies_count_once() {
        let glyphs = vec![
            hidden("负", 58.0, 477.0, Hiding::Clipped),
            hidden("责", 70.0, 477.0, Hiding::Clipped),
            hidden("责", 70.3, 477.0, Hiding::Clipped),
            hidden("本", 82.0, 477.0, Hiding::Clipped),
            hidden("规", 58.0, 493.0, Hiding::Clipped),
            hidden("划", 70.0, 493.0, Hiding::Covered),
        ];
        let runs = runs(4, glyphs, &[]);
        let texts: Vec<&str> = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["负责本", "规", "划"]);
        assert_eq!(runs[0].page, 4);
        assert_eq!((runs[0].x0, runs[0].x1), (58.0, 92.0));
    }

    #[test]
    fn a_run_next_to_text_that_shows_is_its_cut_off_part() {
        let shown = [
            crate::pdf::dedup::tests::glyph("支", 100.0, 300.0),
            crate::pdf::dedup::tests::glyph("出", 110.0, 300.0),
            crate::pdf::dedup::tests::glyph("远", 300.0, 400.0),
        ];
        let glyphs = vec![
            hidden("项", 80.0, 300.0, Hiding::Clipped),
            hidden("目", 90.0, 300.0, Hiding::Clipped),
            hidden("行", 100.0, 400.0, Hiding::Clipped),
        ];
        let runs = runs(1, glyphs, &shown);
        let cut: Vec<(&str, bool)> = runs
            .iter()
            .map(|r| (r.text.as_str(), r.continues_shown))
            .collect();
        assert_eq!(cut, [("项目", true), ("行", false)]);
    }
}
