//! Code catalogues (`grammars/catalogues/*.toml`): 科目 codes and their standard
//! names, used to read codes printed only by their own level (`01` under `205`)
//! and, later, to check printed names.

use crate::text_norm::compact;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Standard names by code, names in compact form.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    names: HashMap<String, String>,
    /// Names a code was printed under before a renaming (`[former_names]`:
    /// `"2200199" = ["其他国土资源事务支出"]`), compact.
    former: HashMap<String, Vec<String>>,
    /// Codes by the stem of their standard and former names (the name less
    /// any trailing 支出), sorted and distinct: built on first use, so that
    /// a narrative name is looked up once instead of compared with every
    /// name (thousands, per reference).
    by_stem: OnceLock<HashMap<String, Vec<String>>>,
}

impl Catalogue {
    /// Adds every `"code" = "name"` pair found anywhere in a TOML document.
    pub fn add_toml(&mut self, text: &str) -> Result<(), String> {
        let value: toml::Value = toml::from_str(text).map_err(|e| e.to_string())?;
        self.walk(&value);
        self.by_stem = OnceLock::new();
        Ok(())
    }

    fn walk(&mut self, v: &toml::Value) {
        if let toml::Value::Table(t) = v {
            for (k, v) in t {
                match v {
                    toml::Value::String(name) if k.chars().all(|c| c.is_ascii_digit()) => {
                        self.names.entry(k.clone()).or_insert_with(|| compact(name));
                    }
                    toml::Value::Array(names) if k.chars().all(|c| c.is_ascii_digit()) => {
                        let former = self.former.entry(k.clone()).or_default();
                        former.extend(names.iter().filter_map(|n| n.as_str()).map(compact));
                    }
                    // A list of `[name, code]` pairs (the summary tables' items).
                    toml::Value::Array(pairs) => {
                        for pair in pairs.iter().filter_map(|p| p.as_array()) {
                            if let [toml::Value::String(name), toml::Value::String(code)] =
                                pair.as_slice()
                                && !code.is_empty()
                                && code.chars().all(|c| c.is_ascii_digit())
                            {
                                self.names
                                    .entry(code.clone())
                                    .or_insert_with(|| compact(name));
                            }
                        }
                    }
                    other => self.walk(other),
                }
            }
        }
    }

    /// The standard name of a code.
    pub fn name(&self, code: &str) -> Option<&str> {
        self.names.get(code).map(String::as_str)
    }

    /// Every code whose standard or former name satisfies `matches` (names compact).
    pub fn codes_named(&self, matches: impl Fn(&str) -> bool) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .names
            .iter()
            .filter(|(_, n)| matches(n))
            .chain(
                self.former
                    .iter()
                    .flat_map(|(c, ns)| ns.iter().map(move |n| (c, n)))
                    .filter(|(_, n)| matches(n)),
            )
            .map(|(c, _)| c.as_str())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Every code whose standard or former name, less any trailing 支出, is
    /// `stem` (sorted, distinct): `codes_named(|n| n.trim_end_matches("支出")
    /// == stem)` without comparing every name.
    pub fn codes_with_stem(&self, stem: &str) -> &[String] {
        let index = self.by_stem.get_or_init(|| {
            let mut index: HashMap<String, Vec<String>> = HashMap::new();
            let former = self
                .former
                .iter()
                .flat_map(|(c, ns)| ns.iter().map(move |n| (c, n)));
            for (code, name) in self.names.iter().chain(former) {
                index
                    .entry(name.trim_end_matches("支出").to_string())
                    .or_default()
                    .push(code.clone());
            }
            for codes in index.values_mut() {
                codes.sort_unstable();
                codes.dedup();
            }
            index
        });
        index.get(stem).map_or(&[], Vec::as_slice)
    }

    /// The standard and former names of every code of `len` digits (3: the 类).
    pub fn names_of_length(&self, len: usize) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .names
            .iter()
            .filter(|(c, _)| c.len() == len)
            .map(|(_, n)| n.as_str())
            .chain(
                self.former
                    .iter()
                    .filter(|(c, _)| c.len() == len)
                    .flat_map(|(_, ns)| ns.iter().map(String::as_str)),
            )
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Number of codes known.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when no code is known.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_sections_and_skips_other_values() {
        let mut c = Catalogue::default();
        c.add_toml("x = [[\"a\", \"b\"]]\n[general]\n\"205\" = \"教育支出\"\n\"20103\" = \"政府办公厅（室）\"\n").unwrap();
        assert_eq!(c.name("205"), Some("教育支出"));
        assert_eq!(c.name("20103"), Some("政府办公厅(室)"));
        assert_eq!(c.len(), 2);
    }

    #[test]
    fn former_names_find_renamed_codes() {
        let mut c = Catalogue::default();
        c.add_toml("[general]\n\"2200199\" = \"其他自然资源事务支出\"\n[former_names]\n\"2200199\" = [\"其他国土资源事务支出\"]\n").unwrap();
        assert_eq!(c.codes_named(|n| n == "其他国土资源事务支出"), ["2200199"]);
        assert_eq!(c.codes_named(|n| n == "其他自然资源事务支出"), ["2200199"]);
        assert_eq!(c.len(), 1);
    }
}
