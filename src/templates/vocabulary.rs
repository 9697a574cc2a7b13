//! The review's words (`grammars/vocabulary.toml`): checklist sections and
//! their headings, former 科目 names, level words and template leftovers.

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
}

const EMBEDDED: &str = include_str!("../../grammars/vocabulary.toml");

static BUILT_IN: std::sync::LazyLock<Vocabulary> = std::sync::LazyLock::new(Vocabulary::embedded);

/// The built-in vocabulary, parsed once.
pub fn built_in() -> &'static Vocabulary {
    &BUILT_IN
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
            || text.contains('。')
            || text.contains('…')
            || text.contains("...")
        {
            return None;
        }
        self.sections
            .iter()
            .find(|s| s.headings.iter().any(|h| text.ends_with(h.as_str())))
            .map(|s| s.item.as_str())
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
    }
}
