//! Text reports into [`Line`]s: one line per non-empty text line, one span per
//! whitespace-separated token, pages counted as pdftotext separates them.

use crate::lines::{Line, Span};

/// How many consecutive blank lines pdftotext leaves at a page break in its
/// blank-line-separated output (the seed's layout): two or more extra.
const PAGE_GAP: usize = 3;

/// Splits text into lines. A form feed, or a run of at least three blank lines,
/// starts a new page, so page numbers in warnings point near the right place.
pub fn text_to_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut page = 1u32;
    let mut blank_run = 0usize;
    for (index, raw) in text.split('\n').enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let mut raw = raw.trim_end_matches('\r');
        while let Some(rest) = raw.strip_prefix('\u{c}') {
            page += 1;
            blank_run = 0;
            raw = rest;
        }
        let form_feeds = raw.matches('\u{c}').count() as u32;
        // A form feed inside the line is whitespace: it separates spans.
        let spans: Vec<Span> = raw
            .split_whitespace()
            .map(|t| Span::on_line(t, number))
            .collect();
        if spans.is_empty() {
            blank_run += 1;
            page += form_feeds;
            continue;
        }
        if blank_run >= PAGE_GAP && !lines.is_empty() {
            page += 1;
        }
        blank_run = 0;
        lines.push(Line {
            page,
            y: None,
            spans,
            ruled: false,
        });
        page += form_feeds;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_tokens_and_counts_pages() {
        let lines = text_to_lines("标题 一\n\n合计 1.00\n\n\n\n第二页\n\u{c}第三页\n");
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[1].spans.len(), 2);
        assert_eq!(lines[1].page, 1);
        assert_eq!(lines[2].page, 2);
        assert_eq!(lines[3].page, 3);
        assert!(lines.iter().all(|l| l.spans.iter().all(|s| s.x.is_none())));
    }

    #[test]
    fn a_form_feed_inside_a_line_separates_spans_and_ends_the_page() {
        let lines = text_to_lines("合计\u{c}1.00\n下一页\n");
        let texts: Vec<&str> = lines[0].spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["合计", "1.00"]);
        assert_eq!((lines[0].page, lines[1].page), (1, 2));
    }
}
