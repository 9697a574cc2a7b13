//! The printed tokens of a self-evaluation line, with units that the layout
//! split off their numbers glued back ("8 间/8间/2 间" → "8间/8间/2间",
//! "11 个" → "11个").

use crate::lines::Line;
use crate::text_norm::compact;

/// Characters that begin a unit printed apart from its number.
const UNIT_STARTS: &str = "间个人队家路台所分次辆项天年月日小时%MG万元";

fn glues(previous: &str, token: &str) -> bool {
    let prev_ends_digit = previous.chars().last().is_some_and(|c| c.is_ascii_digit());
    let starts_unit = token
        .chars()
        .next()
        .is_some_and(|c| UNIT_STARTS.contains(c));
    (prev_ends_digit && starts_unit) || token.starts_with('/') || previous.ends_with('/')
}

/// The line's tokens, compact, units glued to their numbers.
pub fn tokens(line: &Line) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for span in &line.spans {
        let t = compact(&span.text);
        if t.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(prev) if glues(prev, &t) => prev.push_str(&t),
            _ => out.push(t),
        }
    }
    out
}

/// The number a score token holds ("20分" → 20, "98.5" → 98.5).
pub fn score_of(token: &str) -> Option<f64> {
    let t = token.trim_end_matches('分');
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    t.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::Span;

    fn line(s: &str) -> Line {
        Line {
            page: 1,
            y: None,
            spans: s.split_whitespace().map(Span::text).collect(),
            ruled: false,
        }
    }

    #[test]
    fn glues_units() {
        assert_eq!(
            tokens(&line("考场数量 8 间/8间/2 间 9 间/9 间/2 间 4")),
            vec!["考场数量", "8间/8间/2间", "9间/9间/2间", "4"]
        );
        assert_eq!(
            tokens(&line("市级智慧校园学校创建数量 8个 11 个 4")),
            vec!["市级智慧校园学校创建数量", "8个", "11个", "4"]
        );
        assert_eq!(score_of("20分"), Some(20.0));
        assert_eq!(score_of("2.5"), Some(2.5));
        assert_eq!(score_of("≥95%"), None);
    }
}
