//! Narrative facts: the figures the 情况说明 states in sentences (totals and
//! their change, structure shares, the “三公” budget and actual, 政府采购,
//! 国有资产, self-evaluation scores …), each with a canonical name, its
//! sentence and page. The patterns are data (`grammars/facts.toml`); the
//! canonical names are listed in the README.

pub mod amount;
pub mod fact;
pub mod grammar;
pub mod passages;
pub mod percent_bounds;

pub use fact::{Fact, extract_facts};
pub use grammar::FactGrammar;
