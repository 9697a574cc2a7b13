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
    compiled: OnceLock<Regex>,
}

impl LazyRegex {
    /// Checks `pattern`'s syntax (the error a grammar author needs) without
    /// compiling it.
    pub fn new(pattern: &str) -> Result<LazyRegex, String> {
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(pattern)
            .map_err(|e| e.to_string())?;
        let mut literals = Vec::new();
        required_literals(&hir, &mut literals);
        Ok(LazyRegex {
            pattern: pattern.to_string(),
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
