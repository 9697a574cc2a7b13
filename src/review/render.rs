//! The review as a reader sees it: one line per checklist item, its problems
//! indented below (`yujuesuan review FILE…`).

use super::Review;
use std::fmt::Write;

/// The review of one report as text.
pub fn render_text(report: &str, review: &Review) -> String {
    let mut out = format!("{report}\n");
    if review.items.is_empty() {
        out.push_str("  (no review: not a budget report)\n");
    }
    for item in &review.items {
        let mark = if item.ok { "ok  " } else { "FAIL" };
        let _ = writeln!(out, "  {mark} {}", item.item);
        if let Some(note) = &item.note {
            let _ = writeln!(out, "         note: {note}");
        }
        for p in &item.problems {
            let page = p.page.map(|n| format!("p.{n} ")).unwrap_or_default();
            let kind = serde_json::to_value(p.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let _ = writeln!(out, "       - {page}[{kind}] {}", p.message);
            if !p.excerpt.is_empty() {
                let excerpt: String = p.excerpt.chars().take(100).collect();
                let _ = writeln!(out, "         “{excerpt}”");
            }
        }
    }
    out
}
