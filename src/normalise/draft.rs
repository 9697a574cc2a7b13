//! A table being normalised: its rows with keys, and which rows are slots in
//! the placement problem.

use crate::report::Table;
use crate::templates::TableTemplate;
use crate::templates::rule::TemplateRules;
use rustc_hash::FxHashMap;

/// A table under construction.
#[derive(Debug, Clone)]
pub struct Draft<'t> {
    /// The table (values filled after placement).
    pub table: Table,
    /// Its template.
    pub template: &'t TableTemplate,
    /// Its identities, parsed once when the templates were loaded (the
    /// rules the checks evaluate).
    pub rules: &'t TemplateRules,
    /// For each row, its slot in the placement problem (rows with numbers).
    pub row_slot: Vec<Option<usize>>,
    /// Row index by key: looked up for every term of every identity, never
    /// iterated, so a fast hash (SipHash was most of building the
    /// constraints).
    pub key_index: FxHashMap<String, usize>,
}

impl Draft<'_> {
    /// The slot of the row with `key`, if that row has numbers.
    pub fn slot_of(&self, key: &str) -> Option<usize> {
        self.key_index
            .get(key)
            .and_then(|i| self.row_slot.get(*i).copied().flatten())
    }
}
