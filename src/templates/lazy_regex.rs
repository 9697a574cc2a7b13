//! A grammar regex checked when the grammar loads and compiled the first time
//! it is used.
//!
//! A run over one small report used to spend a third of its time compiling
//! every title and fact pattern of every grammar — budget templates for a
//! 决算 report, patterns of sections the report does not have. Parsing a
//! pattern (what finds a grammar author's mistake) costs a small fraction of
//! compiling it, so loading parses and the first search compiles.

use regex::Regex;
use std::ops::Deref;
use std::sync::OnceLock;

/// A regex compiled on first use; dereferences to [`Regex`].
#[derive(Debug, Clone)]
pub struct LazyRegex {
    pattern: String,
    /// Text every match contains (the longest literal the pattern requires),
    /// so that a text without it is passed over without compiling; searched
    /// with a finder built once (`str::contains` builds its searcher anew
    /// at every call, and titles are tried on every line).
    required: Option<memchr::memmem::Finder<'static>>,
    /// Every character a match can end with (sorted), when the pattern
    /// says: a text whose last character is not among them has no match
    /// ending at its end, which is what a title must do — so the lines of
    /// a report that end in an amount are passed over without a search.
    last: Option<Vec<char>>,
    compiled: OnceLock<Regex>,
}

impl LazyRegex {
    /// Every character a match can end with (sorted), or None when any
    /// may (see `last`).
    pub fn last_chars(&self) -> Option<&[char]> {
        self.last.as_deref()
    }

    /// False when no match can end at the end of `text`: its last
    /// character is none a match can end with (see `last`).
    pub fn may_end_at_end(&self, text: &str) -> bool {
        match (&self.last, text.chars().next_back()) {
            (None, _) => true,
            (Some(last), Some(c)) => last.binary_search(&c).is_ok(),
            (Some(_), None) => false,
        }
    }

    /// Checks `pattern`'s syntax (the error a grammar author needs) without
    /// compiling it.
    pub fn new(pattern: &str) -> Result<LazyRegex, String> {
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(pattern)
            .map_err(|e| e.to_string())?;
        let mut literals = Vec::new();
        required_literals(&hir, &mut literals);
        let last = (hir.properties().minimum_len() != Some(0))
            .then(|| last_chars(&hir))
            .flatten()
            .map(|set| set.into_iter().collect());
        Ok(LazyRegex {
            pattern: pattern.to_string(),
            last,
            required: literals
                .into_iter()
                .max_by_key(String::len)
                .map(|l| memchr::memmem::Finder::new(l.as_bytes()).into_owned()),
            compiled: OnceLock::new(),
        })
    }

    /// False when `text` cannot hold a match (it lacks a literal every match
    /// contains); then the pattern need not be compiled or searched.
    pub fn may_match(&self, text: &str) -> bool {
        self.required
            .as_ref()
            .is_none_or(|literal| literal.find(text.as_bytes()).is_some())
    }

    /// Compiles now, reporting what only compilation finds (a pattern past
    /// the regex crate's size limits): for grammars read from a directory
    /// at run time, whose patterns no test has compiled.
    pub fn compiled_now(self) -> Result<LazyRegex, String> {
        let regex = Regex::new(&self.pattern).map_err(|e| e.to_string())?;
        let _ = self.compiled.set(regex);
        Ok(self)
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }
}

/// Pushes literals every match of `hir` contains: the literal parts of a
/// concatenation (through groups and repetitions of at least one), never
/// those of one branch of an alternation.
fn required_literals(hir: &regex_syntax::hir::Hir, out: &mut Vec<String>) {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Literal(literal) => {
            if let Ok(text) = std::str::from_utf8(&literal.0) {
                out.push(text.to_string());
            }
        }
        HirKind::Capture(capture) => required_literals(&capture.sub, out),
        HirKind::Repetition(repetition) if repetition.min >= 1 => {
            required_literals(&repetition.sub, out)
        }
        HirKind::Concat(parts) => {
            for part in parts {
                required_literals(part, out);
            }
        }
        _ => {}
    }
}

/// Matches nothing: what a pattern that parsed but could not be compiled
/// (only possible past the size limits, which [`LazyRegex::compiled_now`]
/// reports for run-time grammars and the tests for the embedded ones)
/// stands for rather than panicking mid-run.
/// Classes with more characters than this are not listed as a match's
/// possible last characters (the pattern's ends are then unknown).
const MAX_LAST_CLASS: u32 = 64;

/// The characters a non-empty match of `hir` can end with; `None` when
/// they cannot be listed (a byte class, a large character class). A part
/// that can match the empty string adds the ends of what precedes it.
fn last_chars(hir: &regex_syntax::hir::Hir) -> Option<std::collections::BTreeSet<char>> {
    use regex_syntax::hir::{Class, HirKind};
    use std::collections::BTreeSet;
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(BTreeSet::new()),
        HirKind::Literal(literal) => {
            let c = std::str::from_utf8(&literal.0).ok()?.chars().next_back()?;
            Some(BTreeSet::from([c]))
        }
        HirKind::Class(Class::Unicode(class)) => {
            let size: u32 = class
                .ranges()
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum();
            (size <= MAX_LAST_CLASS).then(|| {
                class
                    .ranges()
                    .iter()
                    .flat_map(|r| r.start()..=r.end())
                    .collect()
            })
        }
        HirKind::Class(Class::Bytes(_)) => None,
        HirKind::Repetition(repetition) if repetition.max == Some(0) => Some(BTreeSet::new()),
        HirKind::Repetition(repetition) => last_chars(&repetition.sub),
        HirKind::Capture(capture) => last_chars(&capture.sub),
        HirKind::Concat(parts) => {
            let mut ends = BTreeSet::new();
            for part in parts.iter().rev() {
                ends.extend(last_chars(part)?);
                if part.properties().minimum_len() != Some(0) {
                    break;
                }
            }
            Some(ends)
        }
        HirKind::Alternation(alternatives) => {
            let mut ends = BTreeSet::new();
            for alternative in alternatives {
                ends.extend(last_chars(alternative)?);
            }
            Some(ends)
        }
    }
}

fn never() -> Regex {
    #[allow(clippy::expect_used)] // a fixed, valid pattern: no input reaches it
    Regex::new(r"[a&&b]").expect("an empty class compiles")
}

impl Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.compiled
            .get_or_init(|| Regex::new(&self.pattern).unwrap_or_else(|_| never()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_match_ends_with_a_character_the_pattern_lists() {
        let re = LazyRegex::new(r"财政拨款支出预算表(\(功能科目\))?").unwrap();
        assert_eq!(re.last.as_deref(), Some(&[')', '表'][..]));
        assert!(re.may_end_at_end("一般公共预算财政拨款支出预算表"));
        assert!(re.may_end_at_end("财政拨款支出预算表(功能科目)"));
        assert!(!re.may_end_at_end("2010301行政运行12.50"));
        assert!(!re.may_end_at_end(""));
        let re = LazyRegex::new(r"(?i)abc|x[0-9]").unwrap();
        let mut last = re.last.clone().unwrap();
        last.sort_unstable();
        assert_eq!(last.len(), 12, "{last:?}");
        // Unknown ends: a large class, or a pattern that can match nothing.
        assert!(LazyRegex::new(r"表\w").unwrap().last.is_none());
        assert!(LazyRegex::new(r"(表)?").unwrap().last.is_none());
    }

    /// Wherever a pattern matches at the end of a text, its last character
    /// is listed: checked for every title pattern of the grammars on titles
    /// as printed and on lines of the corpus.
    #[test]
    fn the_listed_ends_never_miss_a_match_at_the_end() {
        let templates = crate::templates::Templates::embedded().unwrap();
        let text = std::fs::read_to_string("corpus/text/calc-12-large-wan.txt").unwrap();
        let mut texts: Vec<String> = text.lines().map(|l| l.replace(' ', "")).collect();
        texts.extend(
            templates
                .tables
                .iter()
                .flat_map(|t| t.template.titles.clone()),
        );
        let mut checked = 0;
        for t in &templates.tables {
            for re in &t.title_patterns {
                for s in &texts {
                    let at_end = re.find_iter(s).any(|m| m.end() == s.len());
                    assert!(!at_end || re.may_end_at_end(s), "{} on {s}", re.as_str());
                    checked += usize::from(at_end);
                }
            }
        }
        assert!(checked > 20, "only {checked} matches at the end");
    }

    #[test]
    fn a_syntax_error_is_found_at_load() {
        assert!(LazyRegex::new("(unclosed").is_err());
        assert!(LazyRegex::new("支出决算(明细)?表").is_ok());
    }

    #[test]
    fn searches_like_the_regex() {
        let re = LazyRegex::new("支出决算(明细)?表").unwrap();
        assert!(re.is_match("2022年度一般公共预算财政拨款支出决算明细表"));
        assert_eq!(re.as_str(), "支出决算(明细)?表");
    }

    #[test]
    fn a_text_without_the_required_literal_cannot_match() {
        let re = LazyRegex::new(r"(?:本年)?收入合计(?P<a>[0-9]+)(万元|元)").unwrap();
        assert_eq!(
            re.required.as_ref().map(|f| f.needle()),
            Some("收入合计".as_bytes())
        );
        assert!(!re.may_match("支出合计5万元"));
        assert!(re.may_match("本年收入合计5万元"));
        assert!(re.compiled.get().is_none(), "not compiled to decide");
        // Nothing required in a branch of an alternation or an optional part.
        let re = LazyRegex::new("(?:甲|乙)(?:丙)?").unwrap();
        assert!(re.required.is_none());
        assert!(re.may_match("丁"));
        // Case-insensitive letters are classes, not literals.
        let re = LazyRegex::new("(?i)abc").unwrap();
        assert!(re.may_match("ABC"));
    }

    #[test]
    fn may_match_agrees_with_the_regex() {
        let patterns = [
            r"(?:^|[^款])(?:收、支|收入支出)总计(?P<t>-?[0-9][0-9,]*)万元",
            r"\)(?P<item>[^()。]+?)\(项\)[^年]{0,80}?年初预算为",
            "公务接待[^。]{0,40}?([0-9]+)批次",
            "(?:ab)+c",
        ];
        let texts = [
            "收入支出总计12万元",
            "款收、支总计3万元",
            "(x)教育(项)本年年初预算为",
            "公务接待3批次",
            "ababc",
            "abab",
            "",
        ];
        for p in patterns {
            let re = LazyRegex::new(p).unwrap();
            let full = Regex::new(p).unwrap();
            for t in texts {
                assert!(re.may_match(t) || !full.is_match(t), "{p} on {t}");
            }
        }
    }

    #[test]
    fn the_fallback_matches_nothing() {
        assert!(!never().is_match(""));
        assert!(!never().is_match("ab"));
    }

    #[test]
    fn compiled_now_reports_size_limits() {
        let huge = "(?:a{1000}){1000}";
        let re = LazyRegex::new(huge).unwrap();
        assert!(re.compiled_now().is_err());
    }
}
