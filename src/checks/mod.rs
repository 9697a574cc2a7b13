//! Accounting checks: every identity the report's 注 lines and the grammar
//! files declare, evaluated on the normalised numbers, each result kept (not
//! only failures) so a reader can see what was verified.
//!
//! The rules come from `grammars/tables/*.toml` (`row_identities`,
//! `identities`, `tree`, the two-sided `item_total`s and `cross`), parsed
//! once per template into [`crate::templates::rule::TemplateRules`], the
//! same rules placement uses; here they are evaluated rather than solved.

pub mod alternatives;
mod cents;
pub mod check;
pub mod column_order;
pub mod cross_table;
pub mod item_sums;
pub mod misreading;
pub mod outcome;
pub mod row_identities;
pub mod self_evaluation;
pub mod sum;
pub mod table_identities;
pub mod tree_sums;

pub use check::{Check, CheckKind};
pub use outcome::Outcome;

use crate::report::Report;
use crate::templates::Templates;

/// Every check of a report, in table order then cross-table rules.
pub fn run_checks(report: &Report, templates: &Templates) -> Vec<Check> {
    let mut out = Vec::new();
    for table in &report.tables {
        let Some(compiled) = template_of(templates, &table.kind, table.variant.as_deref()) else {
            continue;
        };
        let template = &compiled.template;
        row_identities::check(table, &compiled.rules, &mut out);
        tree_sums::check(table, template, &mut out);
        item_sums::check(table, template, &mut out);
        item_sums::check_sub_items(table, template, &mut out);
        table_identities::check(table, &compiled.rules, &mut out);
    }
    cross_table::check(report, templates, &mut out);
    self_evaluation::check(&report.self_evaluation, templates.facts(), &mut out);
    misreading::weigh(report, templates, &mut out);
    out
}

pub(crate) fn template_of<'a>(
    templates: &'a Templates,
    kind: &str,
    variant: Option<&str>,
) -> Option<&'a crate::templates::CompiledTemplate> {
    templates
        .tables
        .iter()
        .find(|t| t.template.kind == kind && t.template.variant.as_deref() == variant)
        .or_else(|| templates.by_kind(kind))
}
