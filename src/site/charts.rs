//! Charts as inline SVG written here (no library, no network): horizontal
//! bars, grouped (budget against actual) or stacked (spending by 类), one bar
//! per unit so that units are compared at a glance.

use super::html::esc;
use std::fmt::Write;

/// Colours of successive series (colour-blind-safe palette).
const PALETTE: [&str; 10] = [
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac",
];
const LABEL_W: f64 = 260.0;
const PLOT_W: f64 = 560.0;
const BAR_H: f64 = 12.0;

/// One bar (or group of bars) of a chart: its label and one value per series.
pub struct Item {
    /// The unit's name (and year).
    pub label: String,
    /// One value per series, in 万元.
    pub values: Vec<f64>,
}

fn colour(i: usize) -> &'static str {
    PALETTE.get(i % PALETTE.len()).copied().unwrap_or("#888")
}

fn frame(title: &str, height: f64, body: &str) -> String {
    format!(
        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{w}\" height=\"{height}\" \
         viewBox=\"0 0 {w} {height}\" font-family=\"Noto Sans CJK SC, sans-serif\"><title>{t}</title>{body}</svg>\
         <figcaption>{t}</figcaption></figure>\n",
        w = LABEL_W + PLOT_W + 80.0,
        t = esc(title)
    )
}

/// Bars side by side per item (e.g. 预算数 and 决算数 per unit).
pub fn grouped(title: &str, series: &[String], items: &[Item]) -> String {
    let max = items
        .iter()
        .flat_map(|i| i.values.iter())
        .fold(0.0f64, |a, v| a.max(*v))
        .max(f64::MIN_POSITIVE);
    let group_h = BAR_H * series.len() as f64 + 6.0;
    let mut body = legend_chunk(series, 0, 14.0);
    let mut y = 24.0;
    for item in items {
        let _ = write!(
            body,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            LABEL_W - 6.0,
            y + group_h / 2.0,
            esc(&item.label)
        );
        for (s, v) in item.values.iter().enumerate() {
            let w = (v / max * PLOT_W).max(0.0);
            let by = y + s as f64 * BAR_H;
            let _ = write!(
                body,
                "<rect x=\"{LABEL_W}\" y=\"{by}\" width=\"{w:.1}\" height=\"{}\" fill=\"{}\"><title>{}: {v:.2} 万元</title></rect>\
                 <text x=\"{:.1}\" y=\"{}\" font-size=\"10\">{v:.2}</text>",
                BAR_H - 2.0,
                colour(s),
                esc(series.get(s).map(String::as_str).unwrap_or("")),
                LABEL_W + w + 3.0,
                by + BAR_H - 3.0
            );
        }
        y += group_h;
    }
    frame(title, y + 10.0, &body)
}

/// One bar per item, split into its parts (e.g. spending by 类).
pub fn stacked(title: &str, series: &[String], items: &[Item]) -> String {
    let max = items
        .iter()
        .map(|i| i.values.iter().sum::<f64>())
        .fold(0.0f64, f64::max)
        .max(f64::MIN_POSITIVE);
    let legend_rows = 1.0 + (series.len() / 6) as f64;
    let mut body = String::new();
    for (row, chunk) in series.chunks(6).enumerate() {
        let offset = row * 6;
        let named: Vec<String> = (0..offset)
            .map(|_| String::new())
            .chain(chunk.iter().cloned())
            .collect();
        body.push_str(&legend_chunk(&named, offset, 14.0 + row as f64 * 16.0));
    }
    let mut y = 10.0 + legend_rows * 16.0;
    for item in items {
        let _ = write!(
            body,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            LABEL_W - 6.0,
            y + BAR_H - 2.0,
            esc(&item.label)
        );
        let mut x = LABEL_W;
        for (s, v) in item.values.iter().enumerate() {
            let w = (v / max * PLOT_W).max(0.0);
            let _ = write!(
                body,
                "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"{BAR_H}\" fill=\"{}\"><title>{}: {v:.2} 万元</title></rect>",
                colour(s),
                esc(series.get(s).map(String::as_str).unwrap_or(""))
            );
            x += w;
        }
        let total: f64 = item.values.iter().sum();
        let _ = write!(
            body,
            "<text x=\"{:.1}\" y=\"{}\" font-size=\"10\">{total:.2}</text>",
            x + 3.0,
            y + BAR_H - 2.0
        );
        y += BAR_H + 5.0;
    }
    frame(title, y + 10.0, &body)
}

/// A legend row for series `offset..` (earlier names left empty are skipped).
fn legend_chunk(named: &[String], offset: usize, y: f64) -> String {
    let mut out = String::new();
    let mut x = LABEL_W;
    for (i, s) in named.iter().enumerate().skip(offset) {
        let _ = write!(
            out,
            "<rect x=\"{x}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/>\
             <text x=\"{}\" y=\"{y}\" font-size=\"11\">{}</text>",
            y - 9.0,
            colour(i),
            x + 13.0,
            esc(s)
        );
        x += 20.0 + 11.0 * s.chars().count() as f64;
    }
    out
}

/// A value in the table's amount unit converted to 万元 (None for an unknown unit).
pub fn to_wan(value: f64, amount_unit: &str) -> Option<f64> {
    match amount_unit {
        "万元" => Some(value),
        "千元" => Some(value / 10.0),
        "元" => Some(value / 10000.0),
        _ => None,
    }
}
