//! Glyphs → text lines → words.
//!
//! PDF producers place glyphs individually (Chromium and WPS draw every CJK
//! glyph with its own positioning), so words are rebuilt from geometry: two
//! glyphs on one baseline belong to the same word when the gap between them
//! is small relative to the font size. Han text never gets a space invented
//! inside it; a real gap (a table column, a number after a label) splits.

use crate::pdf::Glyph;

/// Baselines closer than this fraction of the font size are one line.
const BASELINE_TOLERANCE: f32 = 0.3;
/// Gap (fraction of size) that splits two Han/CJK glyphs; justification can
/// spread Han text, so this is wider than for mixed neighbours.
const HAN_GAP: f32 = 0.6;
/// Gap that splits a Han glyph from a non-Han one (a label and its number).
const MIXED_GAP: f32 = 0.3;
/// Gap that splits two non-Han glyphs: a Latin space is about 0.25 em.
const LATIN_GAP: f32 = 0.15;
/// Gap (× font size) that separates a digit from a following Han glyph.
const DIGIT_HAN_GAP: f32 = 0.05;

/// Dashes printed for a blank or zero amount (`-`, `—`, `－`, `–`).
const AMOUNT_DASHES: [char; 4] = ['-', '—', '－', '–'];

/// A run of glyphs with no real gap inside.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Word {
    pub(crate) text: String,
    pub(crate) x0: f32,
    pub(crate) x1: f32,
}

/// Glyphs sharing a baseline, split into words, left to right.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextLine {
    /// Mean baseline of the line's glyphs.
    pub(crate) y: f32,
    /// Top of the highest glyph box.
    pub(crate) top: f32,
    /// Bottom of the lowest glyph box.
    pub(crate) bottom: f32,
    pub(crate) words: Vec<Word>,
}

impl TextLine {
    /// The line's words joined, with a space only between two Latin or
    /// digit words (never next to Han text, which has no spaces).
    pub(crate) fn text(&self) -> String {
        let room = self.words.iter().map(|w| w.text.len() + 1).sum();
        let mut out = String::with_capacity(room);
        for w in &self.words {
            let latin_pair = out.chars().next_back().is_some_and(|c| !is_cjk(c))
                && w.text.chars().next().is_some_and(|c| !is_cjk(c));
            if latin_pair {
                out.push(' ');
            }
            out.push_str(&w.text);
        }
        out
    }
}

/// True for Han ideographs and CJK punctuation, which are set without spaces.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'
        | '\u{3000}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// Groups glyphs into lines (top to bottom) of words (left to right).
pub(crate) fn text_lines(glyphs: &[&Glyph]) -> Vec<TextLine> {
    baseline_clusters(glyphs)
        .into_iter()
        .flat_map(superimposed_layers)
        .map(line_of)
        .collect()
}

/// Glyphs grouped by baseline, top to bottom: the lines before words are
/// made (and before texts printed over each other are told apart).
pub(crate) fn baseline_clusters<'g>(glyphs: &[&'g Glyph]) -> Vec<Vec<&'g Glyph>> {
    let mut sorted: Vec<&Glyph> = glyphs.to_vec();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    // Each cluster is a run of the sorted glyphs: find where the runs
    // start, then copy each out at its exact size (no growing per glyph).
    cluster_starts(&sorted)
        .windows(2)
        .filter_map(|w| match w {
            [start, end] => sorted.get(*start..*end).map(<[_]>::to_vec),
            _ => None,
        })
        .collect()
}

/// Where the baseline clusters of glyphs sorted by baseline start, with
/// the glyphs' count last: a glyph joins the cluster before it when its
/// baseline is within tolerance of that cluster's running mean.
fn cluster_starts(sorted: &[&Glyph]) -> Vec<usize> {
    let mut starts = Vec::new();
    // Running mean baseline, largest size and length of the last cluster.
    let (mut mean_y, mut max_size, mut len) = (0.0f32, 0.0f32, 0usize);
    for (i, g) in sorted.iter().enumerate() {
        // The tolerance of the smaller text: a large glyph (a watermark's)
        // must not widen a table line's band until it swallows the next line.
        let joins = len > 0 && (g.y - mean_y).abs() <= BASELINE_TOLERANCE * max_size.min(g.size);
        if joins {
            len += 1;
            mean_y += (g.y - mean_y) / len as f32;
            max_size = max_size.max(g.size);
        } else {
            starts.push(i);
            (mean_y, max_size, len) = (g.y, g.size, 1);
        }
    }
    starts.push(sorted.len());
    starts
}

/// How much of the narrower of two glyphs another must cover for the two to
/// collide: glyphs of one line of text never stand on each other.
const COLLISION: f32 = 0.5;

/// True when two glyphs cover each other: not neighbours in one run of text
/// but two texts printed over each other.
fn collide(a: &Glyph, b: &Glyph) -> bool {
    let overlap = a.x1.min(b.x1) - a.x0.max(b.x0);
    let narrower = (a.x1 - a.x0).min(b.x1 - b.x0);
    narrower > 0.0 && overlap > COLLISION * narrower
}

/// A baseline cluster as one or more lines: two texts printed over each other
/// on nearly the same baseline (a running footer across a table title, glyphs
/// interleaving as `2022年宜度昌市一西…`) are split into layers by baseline,
/// each run of glyphs sharing one baseline going to the first layer it does
/// not collide with. A cluster without colliding glyphs stays one line.
pub(crate) fn superimposed_layers(mut cluster: Vec<&Glyph>) -> Vec<Vec<&Glyph>> {
    cluster.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let any_collision = cluster
        .windows(2)
        .any(|w| matches!(w, [a, b] if collide(a, b)));
    if !any_collision {
        return vec![cluster];
    }
    // Runs sharing a baseline (within a tenth of the glyph size), largest first.
    let mut runs: Vec<Vec<&Glyph>> = Vec::new();
    for g in cluster {
        let same = runs.iter_mut().find(|r| {
            r.first()
                .is_some_and(|f| (f.y - g.y).abs() <= 0.1 * f.size.min(g.size))
        });
        match same {
            Some(r) => r.push(g),
            None => runs.push(vec![g]),
        }
    }
    runs.sort_by_key(|r| std::cmp::Reverse(r.len()));
    let mut layers: Vec<Vec<&Glyph>> = Vec::new();
    for run in runs {
        let free = layers
            .iter_mut()
            .find(|l| !run.iter().any(|g| l.iter().any(|h| collide(g, h))));
        match free {
            Some(l) => l.extend(run),
            None => layers.push(run),
        }
    }
    layers.sort_by(|a, b| mean_y(a).total_cmp(&mean_y(b)));
    layers
}

/// The mean baseline of some glyphs.
fn mean_y(glyphs: &[&Glyph]) -> f32 {
    glyphs.iter().map(|g| g.y).sum::<f32>() / glyphs.len().max(1) as f32
}

fn line_of(mut glyphs: Vec<&Glyph>) -> TextLine {
    glyphs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let count = glyphs.len().max(1) as f32;
    let y = glyphs.iter().map(|g| g.y).sum::<f32>() / count;
    let top = glyphs.iter().map(|g| g.top).fold(f32::MAX, f32::min);
    let bottom = glyphs.iter().map(|g| g.bottom).fold(f32::MIN, f32::max);
    let mut words: Vec<Word> = Vec::new();
    let mut start = 0;
    for i in 1..=glyphs.len() {
        let joins = match (glyphs.get(i - 1), glyphs.get(i)) {
            (Some(p), Some(g)) => {
                g.x0 - p.x1 < split_gap(p, g) && !integer_set_apart(&glyphs, i, p)
            }
            _ => false,
        };
        if !joins {
            words.extend(glyphs.get(start..i).and_then(word_of));
            start = i;
        }
    }
    TextLine {
        y,
        top,
        bottom,
        words,
    }
}

/// One word from its glyphs, left to right (none when there are none); its
/// text is sized once rather than grown glyph by glyph.
fn word_of(glyphs: &[&Glyph]) -> Option<Word> {
    let first = glyphs.first()?;
    let mut text = String::with_capacity(glyphs.iter().map(|g| g.text.len()).sum());
    let mut x1 = first.x1;
    for g in glyphs {
        text.push_str(&g.text);
        x1 = x1.max(g.x1);
    }
    Some(Word {
        text,
        x0: first.x0,
        x1,
    })
}

/// True when the digits starting at `glyphs[i]` are an integer of their own
/// after Han text `previous`: a gap of a Latin space before them and a
/// column's gap (or the line's end) after them — a label filling its cell
/// and the 行次 centred in the next (`一般公共预算财政拨款` `28`). Digits a Han
/// glyph follows closely (`第5页`, `公开4表`) or an amount's `.`/`,` are not.
fn integer_set_apart(glyphs: &[&Glyph], i: usize, previous: &Glyph) -> bool {
    let digit = |g: &Glyph| g.text.chars().all(|c| c.is_ascii_digit()) && !g.text.is_empty();
    let Some(first) = glyphs.get(i) else {
        return false;
    };
    let han_before = previous.text.chars().last().is_some_and(is_cjk);
    if !han_before || !digit(first) || first.x0 - previous.x1 < LATIN_GAP * first.size {
        return false;
    }
    let mut last = *first;
    for g in glyphs.iter().skip(i + 1) {
        if g.x0 - last.x1 >= MIXED_GAP * g.size.max(last.size) {
            return true;
        }
        if !digit(g) {
            return false;
        }
        last = g;
    }
    true
}

/// The smallest gap, in points, that separates `left` from `right`.
fn split_gap(left: &Glyph, right: &Glyph) -> f32 {
    let size = left.size.max(right.size);
    let left_cjk = left.text.chars().last().is_some_and(is_cjk);
    let right_cjk = right.text.chars().next().is_some_and(is_cjk);
    // An amount's last character: a digit, or the dash printed for a blank.
    let left_digit = left
        .text
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_digit() || AMOUNT_DASHES.contains(&c));
    let fraction = match (left_cjk, right_cjk) {
        (true, true) => HAN_GAP,
        (false, false) => LATIN_GAP,
        // A right-aligned amount (or its blank dash) touching the next cell's
        // left-aligned label (borderless spreadsheets): any visible gap
        // separates them.
        (false, true) if left_digit => DIGIT_HAN_GAP,
        _ => MIXED_GAP,
    };
    fraction * size
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A 10pt glyph of width `w` at `x0` on baseline `y`, for layout tests.
    pub(crate) fn glyph(text: &str, x0: f32, w: f32, y: f32) -> Glyph {
        Glyph {
            text: text.into(),
            code: 0,
            font: "".into(),
            size: 10.0,
            advance: w,
            x0,
            x1: x0 + w,
            y,
            top: y - 8.8,
            bottom: y + 1.2,
        }
    }

    /// Glyphs for a string set with fixed advance, starting at `x0`.
    pub(crate) fn run(text: &str, x0: f32, y: f32) -> Vec<Glyph> {
        let mut x = x0;
        let mut out = Vec::new();
        for c in text.chars() {
            let w = if is_cjk(c) { 10.0 } else { 5.0 };
            out.push(glyph(&c.to_string(), x, w, y));
            x += w;
        }
        out
    }

    #[test]
    fn adjacent_han_glyphs_form_one_word_and_a_number_after_a_gap_another() {
        let mut g = run("一般公共服务支出", 10.0, 100.0);
        g.extend(run("187.89", 200.0, 100.4));
        let refs: Vec<&Glyph> = g.iter().collect();
        let lines = text_lines(&refs);
        assert_eq!(lines.len(), 1);
        let words: Vec<&str> = lines[0].words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(words, ["一般公共服务支出", "187.89"]);
    }

    /// The words of the first line the glyphs make.
    fn first_line_words(glyphs: &[Glyph]) -> Vec<String> {
        let refs: Vec<&Glyph> = glyphs.iter().collect();
        let lines = text_lines(&refs);
        lines[0].words.iter().map(|w| w.text.clone()).collect()
    }

    #[test]
    fn a_blank_dash_touching_the_next_label_is_a_word_of_its_own() {
        // `-` (box 245..254) right-aligned in its cell, `八、…` from 254.8.
        let mut g = vec![glyph("-", 245.0, 9.0, 100.0)];
        g.extend(run("八、社会", 254.8, 100.0));
        assert_eq!(first_line_words(&g), ["-", "八、社会"]);
    }

    #[test]
    fn a_line_number_after_a_label_filling_its_cell_is_a_word_of_its_own() {
        // 款 ends at 20; `28` from 21.9 (a 0.19 em gap), the amount far right.
        let mut g = run("拨款", 0.0, 100.0);
        g.extend(run("28", 21.9, 100.0));
        g.extend(run("60.31", 80.0, 100.0));
        // `第5页` with the same gaps stays one word.
        g.extend(run("第", 200.0, 100.0));
        g.extend(run("5", 211.9, 100.0));
        g.extend(run("页", 217.2, 100.0));
        assert_eq!(first_line_words(&g), ["拨款", "28", "60.31", "第5页"]);
    }

    #[test]
    fn two_texts_printed_over_each_other_are_two_lines() {
        // A footer (9pt steps, baseline 767.25) across a title (baseline 769.5).
        let mut g = run("一般公共预算", 10.0, 769.5);
        let mut x = 13.0;
        for c in "宜昌市西陵".chars() {
            g.push(glyph(&c.to_string(), x, 9.0, 767.25));
            x += 12.0;
        }
        let refs: Vec<&Glyph> = g.iter().collect();
        let texts: Vec<String> = text_lines(&refs).iter().map(TextLine::text).collect();
        assert_eq!(texts, ["宜昌市西陵", "一般公共预算"]);
    }

    #[test]
    fn lines_are_ordered_top_to_bottom_whatever_the_drawing_order() {
        let mut g = run("第二行", 10.0, 120.0);
        g.extend(run("第一行", 10.0, 100.0));
        let refs: Vec<&Glyph> = g.iter().collect();
        let texts: Vec<String> = text_lines(&refs).iter().map(TextLine::text).collect();
        assert_eq!(texts, ["第一行", "第二行"]);
    }

    #[test]
    fn latin_words_get_a_space_but_han_never_does() {
        let mut g = run("Total", 10.0, 100.0);
        g.extend(run("amount", 10.0 + 25.0 + 3.0, 100.0));
        let refs: Vec<&Glyph> = g.iter().collect();
        assert_eq!(text_lines(&refs)[0].text(), "Total amount");
        let mut h = run("部门", 10.0, 100.0);
        h.extend(run("决算", 33.0, 100.0));
        let refs: Vec<&Glyph> = h.iter().collect();
        assert_eq!(text_lines(&refs)[0].text(), "部门决算");
    }
}
