//! The rules the engine relies on by name (issue 10: "typed keys that the lint proves present"):
//! each national rule the evaluation cites becomes a variant of `NationalRule` in the generated
//! catalogue, resolved at build time to its place in the baseline, so the engine never looks a
//! rule up by string and a missing one fails the lint (and so the build), never a run.
use crate::lint::Report;
use crate::model::File;

/// (variant, rule id, what the engine uses it for): the national rules `evaluate` cites.
pub const NATIONAL_RULES: &[(&str, &str, &str)] = &[
    ("CoreData", "national.core-data", "national core data: outside negative-list management"),
    ("Art2", "national.art2", "important data notified or published by an authority (Provisions Art. 2)"),
    ("Art3", "national.art3", "business data without personal information (Art. 3)"),
    ("Art4", "national.art4", "collected abroad and sent back (Art. 4)"),
    ("Art5_1", "national.art5-1", "contract, HR and emergency exemptions (Art. 5(1)(1)-(3))"),
    ("Art5_1_4", "national.art5-1-4", "fewer than 100,000 persons (Art. 5(1)(4))"),
    ("Art6", "national.art6", "data outside a zone's negative list (Art. 6)"),
    ("Art7_1", "national.art7-1", "a CIIO's export (Art. 7(1))"),
    ("ExportControl", "national.export-control", "the export-control regime"),
];

/// (rule id) → its index among the baseline's rules, for each key in order; a missing one is a
/// lint finding.
pub(crate) fn lint(r: &mut Report, baseline: &File) {
    for (_, id, why) in NATIONAL_RULES {
        if !baseline.rules.iter().any(|x| x.id == *id) {
            r.add_hint(*id, format!("the engine relies on this national rule ({why}), which the baseline does not have"), "add it to the baseline, or change crates/rules/src/keys.rs and the engine together");
        }
    }
}

/// The generated `NationalRule` enum and its `rule()`: indices into the baseline document,
/// checked by the lint before this runs.
pub fn generate(baseline_index: usize, baseline: &File) -> String {
    use crate::codegen::n;
    use proc_macro2::{Ident, Span};
    use quote::quote;
    let name = |v: &str| Ident::new(v, Span::call_site());
    let variants = NATIONAL_RULES.iter().map(|(v, id, why)| {
        let (v, doc) = (name(v), format!(" `{id}`: {why}."));
        quote! { #[doc = #doc] #v }
    });
    let b = n(baseline_index as u64);
    let arms = NATIONAL_RULES.iter().map(|(v, id, _)| {
        let (v, i) = (name(v), n(baseline.rules.iter().position(|x| x.id == *id).unwrap_or(0) as u64));
        quote! { NationalRule::#v => &DOCUMENTS[#b].rules[#i] }
    });
    let tokens = quote! {
        /// The national rules the engine cites, by name (crates/rules/src/keys.rs).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum NationalRule { #(#variants),* }
        impl NationalRule {
            /// The rule in the baseline (placed at build time: no lookup, no panic).
            pub fn rule(self) -> &'static Rule {
                match self { #(#arms),* }
            }
        }
    };
    format!("{tokens}\n")
}
