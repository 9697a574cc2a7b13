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
}

const EMBEDDED: &str = include_str!("../../grammars/vocabulary.toml");

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
