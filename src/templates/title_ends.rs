//! Which title patterns may end a line, by the line's last character.
//!
//! Every line of a table's body is tried as the next table's title, and
//! most end in an amount, which no title ends with. Asking each of the
//! templates' title patterns in turn whether it can end with that
//! character was a twentieth of reading a text report; this index, built
//! once from the patterns' own sets of last characters
//! ([`LazyRegex::last_chars`]), hands over only the patterns that can.

use super::CompiledTemplate;
use super::lazy_regex::LazyRegex;
use rustc_hash::FxHashMap;

/// `(template, pattern)` indices of title patterns, by the character a
/// match can end with, each list in template then pattern order (the
/// order ties are broken in).
#[derive(Debug, Clone, Default)]
pub struct TitleEnds {
    /// The patterns that can end with the character, and those that can
    /// end with any.
    by_last: FxHashMap<char, Vec<(usize, usize)>>,
    /// The patterns that can end with any character.
    any: Vec<(usize, usize)>,
}

impl TitleEnds {
    /// Indexes the title patterns of `tables`.
    pub fn of(tables: &[CompiledTemplate]) -> TitleEnds {
        let patterns = || {
            tables.iter().enumerate().flat_map(|(i, t)| {
                t.title_patterns
                    .iter()
                    .enumerate()
                    .map(move |(j, re)| ((i, j), re))
            })
        };
        let mut ends = TitleEnds::default();
        let chars: Vec<char> = patterns()
            .filter_map(|(_, re)| re.last_chars())
            .flatten()
            .copied()
            .collect();
        for c in chars {
            ends.by_last.entry(c).or_insert_with(|| {
                patterns()
                    .filter(|(_, re)| ends_with(re, c))
                    .map(|(at, _)| at)
                    .collect()
            });
        }
        ends.any = patterns()
            .filter(|(_, re)| re.last_chars().is_none())
            .map(|(at, _)| at)
            .collect();
        ends
    }

    /// The patterns that may match at the end of `text`, in order.
    pub fn ending(&self, text: &str) -> &[(usize, usize)] {
        text.chars()
            .next_back()
            .and_then(|c| self.by_last.get(&c))
            .unwrap_or(&self.any)
    }
}

/// Can a match of `re` end with `c`?
fn ends_with(re: &LazyRegex, c: char) -> bool {
    re.last_chars()
        .is_none_or(|last| last.binary_search(&c).is_ok())
}

#[cfg(test)]
mod tests {
    use crate::templates::Templates;

    /// The index lists exactly the patterns `may_end_at_end` lets through,
    /// in order, for lines ending in every character a title can end with
    /// and in others (amounts, Latin, nothing).
    #[test]
    fn lists_the_patterns_that_may_end_a_line_in_order() {
        let templates = Templates::embedded().unwrap();
        let mut texts: Vec<String> = ["", "合计 1,234.56", "x", "表", "(续)"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for t in &templates.tables {
            for re in &t.title_patterns {
                for c in re.last_chars().unwrap_or_default() {
                    texts.push(format!("收入支出决算总{c}"));
                }
            }
        }
        for text in &texts {
            let expected: Vec<(usize, usize)> = templates
                .tables
                .iter()
                .enumerate()
                .flat_map(|(i, t)| {
                    t.title_patterns
                        .iter()
                        .enumerate()
                        .filter(|(_, re)| re.may_end_at_end(text))
                        .map(move |(j, _)| (i, j))
                })
                .collect();
            assert_eq!(templates.titles_ending(text), expected, "{text}");
        }
    }
}
