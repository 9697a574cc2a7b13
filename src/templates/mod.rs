//! The declarative side: table templates and code catalogues loaded from
//! `grammars/` (embedded at build time, or read from a directory at run time).

pub mod catalogue;
pub mod compiling;
pub mod header_words;
pub mod lazy_regex;
pub mod rule;
pub mod table_template;
pub mod title_ends;
pub mod vocabulary;

use lazy_regex::LazyRegex;
use std::path::Path;
use std::sync::OnceLock;
pub use table_template::{ColumnDef, Layout, RowKeys, SideDef, TableTemplate};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_grammars.rs"));
}

/// A template with its compiled title patterns.
#[derive(Debug, Clone)]
pub struct CompiledTemplate {
    /// The template as written.
    pub template: TableTemplate,
    /// `titles`, each compiled on first use.
    pub title_patterns: Vec<LazyRegex>,
    /// Where it came from, for error messages.
    pub source: String,
    /// Its identities, parsed once: what placement and checks both use.
    pub rules: rule::TemplateRules,
}

/// All table templates in force for a run.
#[derive(Debug, Clone)]
pub struct Templates {
    /// Every template, in file order.
    pub tables: Vec<CompiledTemplate>,
    /// 科目 codes and their standard names.
    pub catalogue: catalogue::Catalogue,
    /// The narrative's fact patterns (`grammars/facts.toml`): see [`Templates::facts`].
    facts: LazyFacts,
    /// The fact patterns of budgets (`grammars/facts_budget.toml`).
    budget_facts: LazyFacts,
    /// The words of disclosures that are data (`grammars/vocabulary.toml`).
    pub vocabulary: vocabulary::Vocabulary,
    /// `tables`' title patterns by the character they can end with.
    title_ends: title_ends::TitleEnds,
}

impl Templates {
    /// The templates compiled into the binary from `grammars/`.
    pub fn embedded() -> Result<Templates, String> {
        Self::from_files(
            embedded::EMBEDDED
                .iter()
                .map(|(p, c)| (p.to_string(), c.to_string())),
            Compile::OnFirstUse,
        )
    }

    /// Reads every `*.toml` under `dir/tables` and `dir/catalogues` (a user's own grammar set).
    pub fn from_dir(dir: &Path) -> Result<Templates, String> {
        let tables = dir.join("tables");
        if !tables.is_dir() {
            return Err(format!("cannot read {}: not a directory", tables.display()));
        }
        let mut files = Vec::new();
        read_toml_files(&tables, "tables", &mut files)?;
        read_toml_files(&dir.join("catalogues"), "catalogues", &mut files)?;
        // The fact and vocabulary files: the directory's own, else the built-in ones.
        for name in ["facts.toml", "facts_budget.toml", "vocabulary.toml"] {
            let path = dir.join(name);
            if path.is_file() {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                files.push((name.to_string(), text));
            } else if let Some((_, text)) = embedded::EMBEDDED.iter().find(|(p, _)| *p == name) {
                files.push((name.to_string(), text.to_string()));
            }
        }
        Self::from_files(files.into_iter(), Compile::Now)
    }

    fn from_files(
        files: impl Iterator<Item = (String, String)>,
        when: Compile,
    ) -> Result<Templates, String> {
        let mut tables = Vec::new();
        let mut catalogue = catalogue::Catalogue::default();
        let mut facts = LazyFacts::default();
        let mut budget_facts = LazyFacts::default();
        let mut vocabulary = vocabulary::Vocabulary::default();
        for (path, text) in files {
            if path == "vocabulary.toml" {
                vocabulary = vocabulary::Vocabulary::from_toml(&text)?;
                continue;
            }
            if path == "facts.toml" || path == "facts_budget.toml" {
                let grammar = LazyFacts::new(&path, text, when)?;
                if path == "facts.toml" {
                    facts = grammar;
                } else {
                    budget_facts = grammar;
                }
                continue;
            }
            if path.starts_with("tables/") {
                tables.push(compile(&path, &text, when)?);
            } else if path.starts_with("catalogues/") {
                catalogue
                    .add_toml(&text)
                    .map_err(|e| format!("grammars/{path}: {e}"))?;
            }
        }
        if tables.is_empty() {
            return Err("no table templates found".into());
        }
        Ok(Templates {
            title_ends: title_ends::TitleEnds::of(&tables),
            tables,
            catalogue,
            facts,
            budget_facts,
            vocabulary,
        })
    }

    /// `(template, pattern)` indices of the title patterns that may match
    /// at the end of `text`, in template then pattern order.
    pub fn titles_ending(&self, text: &str) -> &[(usize, usize)] {
        self.title_ends.ending(text)
    }

    /// The template whose title pattern matches `title` (normalised, whitespace-free)
    /// with the longest match: specific kinds beat the generic ones they contain.
    pub fn match_title(&self, title: &str) -> Option<&CompiledTemplate> {
        let mut best: Option<(usize, &CompiledTemplate)> = None;
        for t in &self.tables {
            for re in t.title_patterns.iter().filter(|re| re.may_match(title)) {
                if let Some(m) = re.find(title) {
                    let len = m.as_str().chars().count();
                    if best.is_none_or(|(l, _)| len > l) {
                        best = Some((len, t));
                    }
                }
            }
        }
        best.map(|(_, t)| t)
    }

    /// The region a report belongs to: the first template region whose words
    /// its front matter (first lines) names.
    pub fn region_in(&self, lines: &[crate::lines::Line]) -> Option<String> {
        const FRONT_LINES: usize = 60;
        let front: String = lines
            .iter()
            .take(FRONT_LINES)
            .map(|l| l.compact())
            .collect();
        self.tables.iter().find_map(|t| {
            let region = t.template.region.as_ref()?;
            t.template
                .region_words
                .iter()
                .any(|w| front.contains(w.as_str()))
                .then(|| region.clone())
        })
    }

    /// The fact patterns of a document's narrative.
    pub fn facts_for(
        &self,
        document: crate::document_kind::DocumentKind,
    ) -> &crate::facts::FactGrammar {
        match document {
            crate::document_kind::DocumentKind::Budget => self.budget_facts.get(),
            crate::document_kind::DocumentKind::FinalAccounts => self.facts.get(),
        }
    }

    /// The fact patterns of `grammars/facts.toml` (also the rules of the
    /// self-evaluation report's budget table).
    pub fn facts(&self) -> &crate::facts::FactGrammar {
        self.facts.get()
    }

    /// The main template of a kind (the one without a variant name).
    pub fn by_kind(&self, kind: &str) -> Option<&CompiledTemplate> {
        self.tables
            .iter()
            .find(|t| t.template.kind == kind && t.template.variant.is_none())
            .or_else(|| self.tables.iter().find(|t| t.template.kind == kind))
    }
}

fn read_toml_files(
    dir: &Path,
    prefix: &str,
    out: &mut Vec<(String, String)>,
) -> Result<(), String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            read_toml_files(&path, &format!("{prefix}/{name}"), &mut found)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            found.push((format!("{prefix}/{name}"), text));
        }
    }
    found.sort();
    out.extend(found);
    Ok(())
}

/// A fact grammar, parsed when first asked for (the embedded grammars,
/// which the tests parse and compile whole) or at load (a user's grammar
/// directory, so that its errors come before the run): a run that reads no
/// narrative, such as `yujuesuan cells` on tables with no ambiguous row,
/// does not parse its patterns.
#[derive(Debug, Clone, Default)]
struct LazyFacts {
    /// The file's text, while not parsed.
    text: String,
    parsed: OnceLock<crate::facts::FactGrammar>,
}

impl LazyFacts {
    fn new(path: &str, text: String, when: Compile) -> Result<LazyFacts, String> {
        let lazy = LazyFacts {
            text,
            parsed: OnceLock::new(),
        };
        if when == Compile::Now {
            let grammar = parse_facts(&lazy.text)
                .and_then(|g| g.compiled_now())
                .map_err(|e| e.replace("facts.toml", path))?;
            let _ = lazy.parsed.set(grammar);
        }
        Ok(lazy)
    }

    /// The grammar; an empty one if the text does not parse, which only a
    /// broken build could embed (`embedded_fact_grammars_parse` tests it).
    fn get(&self) -> &crate::facts::FactGrammar {
        self.parsed
            .get_or_init(|| parse_facts(&self.text).unwrap_or_default())
    }
}

fn parse_facts(text: &str) -> Result<crate::facts::FactGrammar, String> {
    crate::facts::FactGrammar::from_toml(text)
}

/// When a grammar's regexes are compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compile {
    /// On first use: the embedded grammars, which the tests compile whole.
    OnFirstUse,
    /// While loading, so that every error is reported before the run:
    /// a user's grammar directory.
    Now,
}

fn compile(path: &str, text: &str, when: Compile) -> Result<CompiledTemplate, String> {
    let template: TableTemplate =
        toml::from_str(text).map_err(|e| format!("grammars/{path}: {e}"))?;
    let mut title_patterns = Vec::new();
    for p in &template.titles {
        let mut re = LazyRegex::new(p);
        if when == Compile::Now {
            re = re.and_then(LazyRegex::compiled_now);
        }
        title_patterns.push(re.map_err(|e| format!("grammars/{path}: title {p:?}: {e}"))?);
    }
    let rules = rule::TemplateRules::of(&template).map_err(|e| format!("grammars/{path}: {e}"))?;
    Ok(CompiledTemplate {
        template,
        title_patterns,
        source: path.to_string(),
        rules,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_templates_load_and_cover_every_kind() {
        let t = Templates::embedded().unwrap();
        for kind in [
            "income_expenditure_summary",
            "income",
            "expenditure",
            "fiscal_grant_summary",
            "general_budget_expenditure",
            "general_budget_basic_expenditure",
            "gov_fund",
            "state_capital",
            "three_public",
        ] {
            assert!(t.by_kind(kind).is_some(), "{kind}");
        }
    }

    #[test]
    fn longest_title_wins() {
        let t = Templates::embedded().unwrap();
        let k = |s: &str| t.match_title(s).map(|c| c.template.kind.clone());
        assert_eq!(
            k("2022年度收入支出决算总表(表1)").as_deref(),
            Some("income_expenditure_summary")
        );
        assert_eq!(
            k("2022年度财政拨款收入支出决算总表(表4)").as_deref(),
            Some("fiscal_grant_summary")
        );
        assert_eq!(k("2022年度支出决算表(表3)").as_deref(), Some("expenditure"));
        assert_eq!(
            k("2022年度一般公共预算财政拨款基本支出决算表").as_deref(),
            Some("general_budget_basic_expenditure")
        );
        assert_eq!(
            k("2022年度一般公共预算财政拨款支出决算表").as_deref(),
            Some("general_budget_expenditure")
        );
        assert_eq!(
            k("2022年度政府性基金预算财政拨款收入支出决算表").as_deref(),
            Some("gov_fund")
        );
        assert_eq!(
            k("2022年度一般公共预算财政拨款\"三公\"经费支出决算表").as_deref(),
            Some("three_public")
        );
        let sc = t
            .match_title("国有资本经营预算财政拨款收入支出决算表")
            .unwrap();
        assert_eq!(sc.template.kind, "state_capital");
        assert_eq!(
            sc.template.variant.as_deref(),
            Some("income_and_expenditure")
        );
        assert!(t.match_title("一、收入支出决算总体情况说明").is_none());
    }

    #[test]
    fn every_embedded_regex_compiles() {
        let t = Templates::embedded().unwrap();
        for c in &t.tables {
            for re in &c.title_patterns {
                assert!(re.clone().compiled_now().is_ok(), "{}", re.as_str());
            }
        }
        assert!(t.facts().clone().compiled_now().is_ok());
        let budget = t.facts_for(crate::document_kind::DocumentKind::Budget);
        assert!(budget.clone().compiled_now().is_ok());
    }

    #[test]
    fn embedded_fact_grammars_parse() {
        for (path, text) in embedded::EMBEDDED {
            if path.starts_with("facts") {
                assert!(parse_facts(text).is_ok(), "{path}");
            }
        }
    }

    #[test]
    fn a_bad_rule_names_its_file() {
        let bad = "kind='x'\nlayout='coded'\ntitles=['x']\nrow_identities=['a +']\n";
        let err = compile("tables/bad.toml", bad, Compile::Now).unwrap_err();
        assert!(err.contains("grammars/tables/bad.toml"), "{err}");
    }
}
