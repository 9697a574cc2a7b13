//! The review's words (`grammars/vocabulary.toml`): checklist sections and
//! their headings, former 科目 names, level words and template leftovers.

use crate::text_search::contains_char;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A checklist section and the headings that open it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    /// The checklist item's name.
    pub item: String,
    /// Heading words that open the section.
    pub headings: Vec<String>,
}

/// The words that make a two-sided table's label name one side.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SideWords {
    /// The side (`收入`, `支出`).
    pub side: String,
    /// Words the label contains.
    #[serde(default)]
    pub contains: Vec<String>,
    /// Words the label begins with.
    #[serde(default)]
    pub starts_with: Vec<String>,
    /// Whole labels.
    #[serde(default)]
    pub equals: Vec<String>,
}

impl SideWords {
    /// Whether a label (ordinal removed) names this side.
    fn named_by(&self, name: &str) -> bool {
        self.contains.iter().any(|w| name.contains(w.as_str()))
            || self
                .starts_with
                .iter()
                .any(|w| name.starts_with(w.as_str()))
            || self.equals.iter().any(|w| name == w)
    }
}

/// The vocabulary file.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    /// Checklist sections in order.
    pub sections: Vec<SectionDef>,
    /// Sections whose years must be the report's or the one before.
    #[serde(default)]
    pub year_sections: Vec<String>,
    /// Words a 单位 report must not use for itself.
    #[serde(default)]
    pub unit_level_wrong: Vec<String>,
    /// Words after which a level word is a proper name.
    #[serde(default)]
    pub level_exceptions: Vec<String>,
    /// Template alternatives left unfilled.
    #[serde(default)]
    pub template_texts: Vec<String>,
    /// Former names of 科目 by code.
    #[serde(default)]
    pub former_names: BTreeMap<String, Vec<String>>,
    /// A budget `table/column` and the final accounts' column of the same cell.
    #[serde(default)]
    pub execution_columns: BTreeMap<String, String>,
    /// Labels of total rows in coded tables (keyed `合计`).
    #[serde(default)]
    pub total_labels: Vec<String>,
    /// The self-evaluation budget table's columns, left to right.
    #[serde(default)]
    pub self_evaluation_columns: Vec<String>,
    /// The words that name a two-sided table's side, by side, in the order tried.
    #[serde(default)]
    pub side_words: Vec<SideWords>,
}

const EMBEDDED: &str = include_str!("../../grammars/vocabulary.toml");

static BUILT_IN: std::sync::LazyLock<Vocabulary> = std::sync::LazyLock::new(Vocabulary::embedded);

/// A vocabulary installed for the whole run (`--grammars DIR` with its own
/// `vocabulary.toml`), in place of the built-in one.
static INSTALLED: std::sync::OnceLock<Vocabulary> = std::sync::OnceLock::new();

/// The built-in vocabulary, parsed once.
pub fn built_in() -> &'static Vocabulary {
    &BUILT_IN
}

/// The vocabulary in force: the installed one, else the built-in. The
/// grammar stage reads its words (total labels, side words) here.
pub fn active() -> &'static Vocabulary {
    INSTALLED.get().unwrap_or(&BUILT_IN)
}

/// Installs a run's vocabulary (once, before any report is read); false
/// when one was installed already.
pub fn install(vocabulary: Vocabulary) -> bool {
    INSTALLED.set(vocabulary).is_ok()
}

impl Vocabulary {
    /// The vocabulary built into the binary; empty (no section checks) if it does not parse,
    /// which the unit test below rules out.
    pub fn embedded() -> Vocabulary {
        Self::from_toml(EMBEDDED).unwrap_or_default()
    }

    /// Parses a vocabulary file; unknown keys are an error.
    pub fn from_toml(text: &str) -> Result<Vocabulary, String> {
        toml::from_str(text).map_err(|e| format!("grammars/vocabulary.toml: {e}"))
    }

    /// The final accounts' column that executes a budget table's column.
    pub fn actual_column<'a>(&'a self, table: &str, column: &'a str) -> &'a str {
        self.execution_columns
            .get(&format!("{table}/{column}"))
            .map_or(column, String::as_str)
    }

    /// The checklist section a heading line opens: short, no sentence, ending
    /// with one of a section's heading words (上海市普陀区司法局主要职能).
    pub fn section_of_heading(&self, text: &str) -> Option<&str> {
        /// A heading line is short.
        const HEADING_MAX_CHARS: usize = 40;
        if text.chars().count() > HEADING_MAX_CHARS
            || contains_char(text, '。')
            || contains_char(text, '…')
            || (text.contains('.') && text.contains("..."))
        {
            return None;
        }
        self.sections
            .iter()
            .find(|s| s.headings.iter().any(|h| text.ends_with(h.as_str())))
            .map(|s| s.item.as_str())
    }

    /// Whether a label is a total row's label (its key is `合计`).
    pub fn is_total_label(&self, label: &str) -> bool {
        self.total_labels.iter().any(|l| l == label)
    }

    /// The side a two-sided table's label (ordinal removed) names, when it names one.
    pub fn side_named(&self, name: &str) -> Option<&str> {
        self.side_words
            .iter()
            .find(|s| s.named_by(name))
            .map(|s| s.side.as_str())
    }

    /// The section names in order.
    pub fn section_names(&self) -> impl Iterator<Item = &str> {
        self.sections.iter().map(|s| s.item.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_vocabulary_parses_and_rejects_unknown_keys() {
        let v = Vocabulary::from_toml(EMBEDDED).unwrap();
        assert!(v.section_names().any(|s| s == "预算编制说明"));
        assert!(v.former_names.contains_key("210"));
        assert!(Vocabulary::from_toml("sections = []\nnonsense = 1\n").is_err());
        assert!(v.is_total_label("本年支出合计"));
        assert_eq!(v.side_named("年末结转和结余"), Some("支出"));
        assert_eq!(v.side_named("使用非财政拨款结余"), Some("收入"));
        assert_eq!(v.side_named("一般公共服务"), None);
        assert_eq!(
            v.self_evaluation_columns.last().map(String::as_str),
            Some("决算数")
        );
    }
}
