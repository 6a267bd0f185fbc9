//! The precedence table (`xborder_core::precedence`): one test per row, each a minimal scenario
//! (JSON, as the golden scenarios are) where the row decides, asserting the outcome, and the
//! same scenario without the winning fact, where the overridden result shows and the row does
//! not decide. Then the table itself: every citation resolves in the catalogue, the outcome
//! rows give the contract's order, every row is explained, and the README lists every row.
use xborder_core::catalogue::{self, DocKind};
use xborder_core::precedence::{self, Reading, Row, Source, EXPLAIN, TABLE};
use xborder_core::{Pathway, Scenario, Verdict};

fn run(json: &str) -> (Verdict, Vec<Row>) {
    let s: Scenario = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let (v, rows) = precedence::rows_applied(&s).unwrap();
    // The rows are a view of the same evaluation: the verdict is the one `evaluate` gives.
    assert_eq!(v, xborder_core::evaluate(&s).unwrap(), "{json}");
    (v, rows)
}

fn codes(v: &Verdict) -> Vec<&'static str> {
    v.pathways.iter().map(|p| p.pathway.code()).collect()
}

fn has_warning(v: &Verdict, id: &str) -> bool {
    v.warnings.iter().any(|w| w.id == id)
}

/// The row decides in `with`, giving `outcome`; in `without` it does not, and `otherwise` shows.
fn decides(row: Row, with: &str, outcome: Pathway, without: &str, otherwise: Pathway) -> (Verdict, Verdict) {
    let (v, rows) = run(with);
    assert!(rows.contains(&row), "{} should decide: {rows:?}", row.id());
    assert_eq!(v.outcome, outcome, "{}", row.id());
    let (w, rows) = run(without);
    assert!(!rows.contains(&row), "{} should not decide without its fact: {rows:?}", row.id());
    assert_eq!(w.outcome, otherwise, "{}: without the winning fact", row.id());
    (v, w)
}

const CQ: &str = r#""list":"cq-2025","sector":"auto""#;
const NAT: &str = r#""list":null,"sector":null,"handler":{"in_zone":false,"ciio":false}"#;

fn cq(rest: &str) -> String {
    format!(r#"{{"schema":1,{CQ},"handler":{{"in_zone":true,"ciio":false}}{rest}}}"#)
}

fn bj(sector: &str, rest: &str) -> String {
    format!(r#"{{"schema":1,"list":"bj-2025","sector":"{sector}","handler":{{"in_zone":true,"ciio":false}}{rest}}}"#)
}

fn nat(rest: &str) -> String {
    format!(r#"{{"schema":1,{NAT}{rest}}}"#)
}

fn pi(persons: u64, sensitive: u64, basis: &str) -> String {
    format!(r#"{{"scenario":null,"group":null,"persons":{persons},"sensitive_persons":{sensitive},"basis":{basis}}}"#)
}

#[test]
fn core_data_over_everything() {
    let (v, w) = decides(
        Row::CoreDataOverEverything,
        &cq(r#","important_data":["cq-2025.auto.1"],"flags":{"national_core_data":true,"export_control":false}"#),
        Pathway::NationalCoreData,
        &cq(r#","important_data":["cq-2025.auto.1"]"#),
        Pathway::SecurityAssessment,
    );
    assert_eq!(codes(&v), ["national_core_data"]);
    assert!(!v.findings.iter().any(|f| f.rule == "cq-2025.auto.1"), "the list's item does not decide core data");
    assert!(w.findings.iter().any(|f| f.rule == "cq-2025.auto.1"));
}

#[test]
fn assessment_over_contract() {
    let (v, w) = decides(
        Row::AssessmentOverContract,
        &nat(&format!(r#","notified_important_data":true,"personal_information":[{}]"#, pi(200_000, 0, "null"))),
        Pathway::SecurityAssessment,
        &nat(&format!(r#","personal_information":[{}]"#, pi(200_000, 0, "null"))),
        Pathway::StandardContractOrCertification,
    );
    assert_eq!(codes(&v), ["security_assessment", "standard_contract_or_certification"], "the contract band is still shown beside");
    assert_eq!(codes(&w), ["standard_contract_or_certification"]);
}

#[test]
fn contract_over_exempt() {
    let (v, w) = decides(
        Row::ContractOverExempt,
        &nat(&format!(r#","personal_information":[{},{}]"#, pi(200_000, 0, "null"), pi(50, 0, r#""contract""#))),
        Pathway::StandardContractOrCertification,
        &nat(&format!(r#","personal_information":[{}]"#, pi(50, 0, r#""contract""#))),
        Pathway::Exempt,
    );
    assert!(v.cleared.iter().any(|c| c.rule == "national.art5-1"), "the exempt group is cleared, and does not lift the contract");
    assert!(w.cleared.iter().any(|c| c.rule == "national.art5-1"));
}

#[test]
fn export_control_in_addition() {
    let (v, w) = decides(
        Row::ExportControlInAddition,
        &bj("pharma", r#","flags":{"national_core_data":false,"export_control":true}"#),
        Pathway::Exempt,
        &bj("pharma", ""),
        Pathway::Exempt,
    );
    assert_eq!(codes(&v), ["export_control"], "added beside the outcome, which it does not change");
    assert_eq!(codes(&w), ["exempt"]);
    // Under core data too.
    let (v, rows) = run(&cq(r#","flags":{"national_core_data":true,"export_control":true}"#));
    assert!(rows.contains(&Row::ExportControlInAddition) && rows.contains(&Row::CoreDataOverEverything));
    assert_eq!(v.outcome, Pathway::NationalCoreData);
    assert_eq!(codes(&v), ["export_control", "national_core_data"]);
}

#[test]
fn other_pathway_not_an_outcome() {
    let (v, w) = decides(
        Row::OtherPathwayNotAnOutcome,
        &bj("pharma", r#","important_data":["bj-2025.pharma.15"]"#),
        Pathway::Exempt,
        &bj("pharma", &format!(r#","important_data":["bj-2025.pharma.15"],"personal_information":[{}]"#, pi(200_000, 0, "null"))),
        Pathway::StandardContractOrCertification,
    );
    assert_eq!(codes(&v), ["other_lawful_pathway"]);
    assert!(has_warning(&v, "other-pathway-needed"));
    assert!(!has_warning(&w, "other-pathway-needed"), "under another outcome the pathway is only shown beside it");
    assert!(codes(&w).contains(&"other_lawful_pathway"));
}

#[test]
fn list_over_national_bands() {
    // 499,999 customer-service persons: below the aviation section's contract band (500,000),
    // inside the national one (Art. 8).
    let entry = r#","personal_information":[{"scenario":"customer-service","group":null,"persons":499999,"sensitive_persons":0,"basis":null}]"#;
    let (v, w) = decides(
        Row::ListOverNationalBands,
        &bj("aviation", entry),
        Pathway::Exempt,
        &bj("aviation", entry).replace(r#""in_zone":true"#, r#""in_zone":false"#),
        Pathway::StandardContractOrCertification,
    );
    assert!(v.cleared.iter().any(|c| c.rule == "bj-2025.aviation.6"), "{:?}", v.cleared);
    assert!(w.findings.iter().any(|f| f.rule == "national.art8-pi"));
}

#[test]
fn sector_not_applicable() {
    // 499,999 customer-service persons: below the aviation section's contract band, in the
    // national one (Art. 8) once the section does not apply.
    let pi = r#","personal_information":[{"scenario":"customer-service","group":null,"persons":499999,"sensitive_persons":0,"basis":null}]"#;
    let (v, w) = decides(
        Row::SectorNotApplicable,
        &bj("aviation", &format!(r#"{pi},"item_exceptions":["bj-2025.aviation:non-civil-aviation"]"#)),
        Pathway::StandardContractOrCertification,
        &bj("aviation", pi),
        Pathway::Exempt,
    );
    assert_eq!(v.decided_by.list, None, "the national rules decide");
    assert!(v.findings.iter().any(|f| f.rule == "national.art8-pi"), "{:?}", v.findings);
    assert_eq!(w.decided_by.list, Some("bj-2025"));
    // The section's selected items stay important data (row `listed-items-outside-list`).
    let (v, rows) = run(&bj("auto", r#","important_data":["bj-2025.auto.1"],"item_exceptions":["bj-2025.auto:autonomous-driving"]"#));
    assert!(rows.contains(&Row::SectorNotApplicable) && rows.contains(&Row::ListedItemsOutsideList), "{rows:?}");
    assert_eq!(v.outcome, Pathway::SecurityAssessment);
    assert!(v.findings.iter().any(|f| f.rule == "bj-2025.auto.1"));
    assert!(has_warning(&v, "listed-items-outside-list"));
    assert!(v.trace.iter().any(|t| t.contains("autonomous")), "points to the section that applies: {:?}", v.trace);
}

#[test]
fn exempt_situations_over_counts() {
    let ciio = |basis: &str| format!(r#"{{"schema":1,{CQ},"handler":{{"in_zone":true,"ciio":true}},"personal_information":[{}]}}"#, pi(500_000, 50_000, basis));
    let (v, _) = decides(Row::ExemptSituationsOverCounts, &ciio(r#""contract""#), Pathway::Exempt, &ciio("null"), Pathway::SecurityAssessment);
    assert!(v.cleared.iter().any(|c| c.rule == "national.art5-1"));
    // Art. 4 (collected abroad) in the national bands.
    decides(
        Row::ExemptSituationsOverCounts,
        &nat(&format!(r#","personal_information":[{}]"#, pi(2_000_000, 0, r#""collected_abroad""#))),
        Pathway::Exempt,
        &nat(&format!(r#","personal_information":[{}]"#, pi(2_000_000, 0, "null"))),
        Pathway::SecurityAssessment,
    );
}

#[test]
fn ciio_over_bands() {
    let (v, _) = decides(
        Row::CiioOverBands,
        &format!(r#"{{"schema":1,{CQ},"handler":{{"in_zone":true,"ciio":true}},"personal_information":[{}]}}"#, pi(10, 0, "null")),
        Pathway::SecurityAssessment,
        &cq(&format!(r#","personal_information":[{}]"#, pi(10, 0, "null"))),
        Pathway::Exempt,
    );
    assert!(v.findings.iter().any(|f| f.rule == "national.art7-1"));
    assert!(has_warning(&v, "ciio-list"));
    // The national bands too: 10 persons are exempt under Art. 5(1)(4) for anyone else.
    decides(
        Row::CiioOverBands,
        &format!(r#"{{"schema":1,"list":null,"sector":null,"handler":{{"in_zone":false,"ciio":true}},"personal_information":[{}]}}"#, pi(10, 0, "null")),
        Pathway::SecurityAssessment,
        &nat(&format!(r#","personal_information":[{}]"#, pi(10, 0, "null"))),
        Pathway::Exempt,
    );
}

#[test]
fn notified_important_data() {
    let (v, _) = decides(Row::NotifiedImportantData, &cq(r#","notified_important_data":true"#), Pathway::SecurityAssessment, &cq(""), Pathway::Exempt);
    assert!(v.findings.iter().any(|f| f.rule == "national.art2"));
    decides(Row::NotifiedImportantData, &nat(r#","notified_important_data":true"#), Pathway::SecurityAssessment, &nat(""), Pathway::Exempt);
}

#[test]
fn listed_items_outside_list() {
    let out = |rest: &str| format!(r#"{{"schema":1,{CQ},"handler":{{"in_zone":false,"ciio":false}}{rest}}}"#);
    let (v, _) = decides(Row::ListedItemsOutsideList, &out(r#","important_data":["cq-2025.auto.1"]"#), Pathway::SecurityAssessment, &out(""), Pathway::Exempt);
    assert!(has_warning(&v, "listed-items-outside-list"));
    assert_eq!(v.decided_by.list, None, "the list does not decide, its item still counts");
}

/// Beijing pharma item 15 (genetic data, "(三) 需要通过其他合法合规路径出境"): for an in-zone
/// handler that is not a CIIO the list's routing decides (exempt, with the other pathway); a
/// CIIO providing it needs the assessment too (Provisions Art. 7(1)), and so does a handler the
/// list does not apply to (Arts. 2 and 7).
#[test]
fn important_data_assessment_beside_other_pathway() {
    let item = r#","important_data":["bj-2025.pharma.15"]"#;
    let handler = |in_zone: bool, ciio: bool| format!(r#"{{"schema":1,"list":"bj-2025","sector":"pharma","handler":{{"in_zone":{in_zone},"ciio":{ciio}}}{item}}}"#);
    let (v, w) = decides(Row::ImportantDataAssessmentBesideOtherPathway, &handler(true, true), Pathway::SecurityAssessment, &handler(true, false), Pathway::Exempt);
    assert_eq!(codes(&v), ["security_assessment", "other_lawful_pathway"], "the other pathway is needed as well");
    assert!(v.findings.iter().any(|f| f.rule == "national.art7-1" && f.pathway == Pathway::SecurityAssessment), "{:?}", v.findings);
    assert_eq!(codes(&w), ["other_lawful_pathway"]);
    assert!(has_warning(&w, "other-pathway-needed"));
    let (o, rows) = run(&handler(false, false));
    assert!(rows.contains(&Row::ImportantDataAssessmentBesideOtherPathway), "{rows:?}");
    assert_eq!(o.outcome, Pathway::SecurityAssessment);
    assert!(o.findings.iter().any(|f| f.rule == "national.art2" && f.pathway == Pathway::SecurityAssessment), "{:?}", o.findings);
    assert!(has_warning(&o, "listed-items-outside-list"));
    // Cleared by its own exception, the item asks nothing, wherever it is.
    let licensed = format!(r#"{{"schema":1,"list":"bj-2025","sector":"pharma","handler":{{"in_zone":true,"ciio":true}}{item},"item_exceptions":["bj-2025.pharma.15:hgr-obligations-met"]}}"#);
    let (c, rows) = run(&licensed);
    assert!(!rows.contains(&Row::ImportantDataAssessmentBesideOtherPathway));
    assert_eq!(c.outcome, Pathway::Exempt);
}

#[test]
fn item_exception_clears_item() {
    let (v, _) = decides(
        Row::ItemExceptionClearsItem,
        &cq(r#","important_data":["cq-2025.auto.1"],"item_exceptions":["cq-2025.auto.1:ip-published"]"#),
        Pathway::Exempt,
        &cq(r#","important_data":["cq-2025.auto.1"]"#),
        Pathway::SecurityAssessment,
    );
    assert_eq!(v.cleared.iter().find(|c| c.rule == "cq-2025.auto.1").and_then(|c| c.answer.as_deref()), Some("cq-2025.auto.1:ip-published"));
}

#[test]
fn ambiguous_exception_keeps_item() {
    let item = r#","important_data":["bj-2025.logistics.2"]"#;
    let (v, w) = decides(
        Row::AmbiguousExceptionKeepsItem,
        &bj("logistics", &format!(r#"{item},"item_exceptions":["bj-2025.logistics.2:trade-transport-status-only"]"#)),
        Pathway::SecurityAssessment,
        &bj("logistics", item),
        Pathway::SecurityAssessment,
    );
    assert!(v.findings.iter().any(|f| f.rule == "bj-2025.logistics.2"), "the item stands");
    assert!(v.cleared.is_empty());
    assert!(has_warning(&v, "ambiguous-exception:bj-2025.logistics.2:trade-transport-status-only"));
    assert!(!has_warning(&w, "ambiguous-exception:bj-2025.logistics.2:trade-transport-status-only"));
}

#[test]
fn sector_exemption_over_list() {
    let rest = r#","important_data":["bj-2025.autonomous.1"],"personal_information":[{"scenario":"model-training","group":"owners","persons":2000000,"sensitive_persons":100000,"basis":null}]"#;
    let (v, _) = decides(
        Row::SectorExemptionOverList,
        &bj("autonomous", &format!(r#"{rest},"item_exceptions":["bj-2025.autonomous:demonstration-zone"]"#)),
        Pathway::Exempt,
        &bj("autonomous", rest),
        Pathway::SecurityAssessment,
    );
    assert!(v.findings.is_empty());
}

#[test]
fn escalation_over_contract_band() {
    let rest = |escalated: bool| {
        let e = if escalated { r#""bj-2025.pharma.10:serious-harm-grade","# } else { "" };
        format!(r#","item_exceptions":[{e}"bj-2025.pharma:subjects-gcp","bj-2025.pharma:no-names","bj-2025.pharma:patients-deidentified"],"personal_information":[{{"scenario":"clinical-trials","group":"subjects","persons":20000,"sensitive_persons":20000,"basis":null}}]"#)
    };
    let (v, w) = decides(Row::EscalationOverContractBand, &bj("pharma", &rest(true)), Pathway::SecurityAssessment, &bj("pharma", &rest(false)), Pathway::StandardContractOrCertification);
    let f = v.findings.iter().find(|f| f.rule == "bj-2025.pharma.10").expect("the escalated item's finding");
    assert_eq!(f.pathway, Pathway::SecurityAssessment);
    assert_eq!(codes(&v), ["security_assessment"], "the item's contract band no longer counts them");
    assert!(w.findings.iter().any(|f| f.rule == "bj-2025.pharma.10" && f.pathway == Pathway::StandardContractOrCertification));
}

#[test]
fn ceiling_overflow_to_assessment() {
    let group = |g: &str| format!(r#"{{"scenario":"model-training","group":"{g}","persons":600000,"sensitive_persons":0,"basis":null}}"#);
    let (v, _) = decides(
        Row::CeilingOverflowToAssessment,
        &bj("autonomous", &format!(r#","personal_information":[{},{}]"#, group("owners"), group("drivers-passengers-others"))),
        Pathway::SecurityAssessment,
        &bj("autonomous", &format!(r#","personal_information":[{}]"#, group("owners"))),
        Pathway::StandardContractOrCertification,
    );
    assert!(v.findings.iter().any(|f| f.rule == "bj-2025.autonomous.12"));
    assert!(has_warning(&v, "above-contract-ceiling:bj-2025.autonomous.13"));
}

#[test]
fn certification_closed() {
    let people = format!(r#""personal_information":[{}]"#, pi(200_000, 0, "null"));
    let (v, w) = decides(
        Row::CertificationClosed,
        &bj("pharma", &format!(r#","important_data":["bj-2025.pharma.15"],{people}"#)),
        Pathway::StandardContractOrCertification,
        &bj("pharma", &format!(",{people}")),
        Pathway::StandardContractOrCertification,
    );
    assert!(has_warning(&v, "certification-not-open"));
    assert!(v.headline_en().contains("certification is not open here"));
    assert!(!v.obligations.iter().any(|o| o.id == "national.cert-measures"));
    assert!(!has_warning(&w, "certification-not-open"));
    assert!(w.obligations.iter().any(|o| o.id == "national.cert-measures"), "open: the Certification Measures' obligation is listed");
    // An item the user cleared by its own exception is not in the export: certification stays
    // open (Chongqing auto item 1, its intellectual property published).
    let cleared = format!(r#"{{"schema":1,{CQ},"handler":{{"in_zone":false,"ciio":false}},"important_data":["cq-2025.auto.1"],"item_exceptions":["cq-2025.auto.1:ip-published"],{people}}}"#);
    let (c, rows) = run(&cleared);
    assert_eq!(c.outcome, Pathway::StandardContractOrCertification, "{cleared}");
    assert!(!rows.contains(&Row::CertificationClosed) && !has_warning(&c, "certification-not-open"), "{rows:?}");
}

/// Every row has a test above: the list of tests is the list of rows.
#[test]
fn every_row_is_tested() {
    let tested = [
        "core-data-over-everything",
        "assessment-over-contract",
        "contract-over-exempt",
        "export-control-in-addition",
        "other-pathway-not-an-outcome",
        "list-over-national-bands",
        "sector-not-applicable",
        "exempt-situations-over-counts",
        "ciio-over-bands",
        "notified-important-data",
        "important-data-assessment-beside-other-pathway",
        "listed-items-outside-list",
        "item-exception-clears-item",
        "ambiguous-exception-keeps-item",
        "sector-exemption-over-list",
        "escalation-over-contract-band",
        "ceiling-overflow-to-assessment",
        "certification-closed",
    ];
    assert_eq!(TABLE.iter().map(|p| p.id).collect::<Vec<_>>(), tested);
}

#[test]
fn every_citation_resolves_in_the_catalogue() {
    for p in &TABLE {
        assert!(!p.cites.is_empty(), "{}: no citation", p.id);
        for c in p.cites {
            let found = precedence::resolve(c);
            assert!(!found.is_empty(), "{}: {:?} is not in the catalogue", p.id, c.source);
            for (doc, cite) in &found {
                assert!(!cite.section.is_empty(), "{}: {:?} has no article", p.id, c.source);
                match c.source {
                    Source::Exceptions(_) => assert_eq!(doc.kind, DocKind::List, "{}: an exception is a list's", p.id),
                    _ => {
                        assert_eq!(doc.id, c.document, "{}: {:?} is in {}, not {}", p.id, c.source, doc.id, c.document);
                        let article = format!("{}{}", cite.section, cite.item);
                        assert!(article.contains(c.article), "{}: {:?} cites {article}, not {}", p.id, c.source, c.article);
                    }
                }
            }
        }
    }
}

#[test]
fn the_outcome_rows_give_the_contracts_order() {
    use Pathway::*;
    assert_eq!(precedence::ladder(), [NationalCoreData, SecurityAssessment, StandardContractOrCertification, Exempt]);
    assert_eq!([NationalCoreData, SecurityAssessment, StandardContractOrCertification, Exempt].map(precedence::rank), [3, 2, 1, 0]);
    assert_eq!([ExportControl, OtherLawfulPathway].map(precedence::rank), [0, 0], "not outcomes");
    assert_eq!(xborder_core::register::rank(SecurityAssessment), precedence::rank(SecurityAssessment));
}

#[test]
fn every_row_is_explained_once_in_both_languages() {
    assert_eq!(TABLE.len(), EXPLAIN.len());
    for (p, (row, zh, en)) in TABLE.iter().zip(&EXPLAIN) {
        assert_eq!(p.row, *row, "EXPLAIN follows TABLE's order");
        assert_eq!(p.row.entry().id, p.id);
        assert!(!zh.is_empty() && !en.is_empty() && !zh.contains('\n') && !en.contains('\n'), "{}: one line each", p.id);
        assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{}: zh", p.id);
    }
    let mut ids: Vec<&str> = TABLE.iter().map(|p| p.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), TABLE.len(), "ids are unique");
}

#[test]
fn the_readme_lists_every_row_and_marks_our_readings() {
    for file in ["README.md"] {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../").to_string() + file;
        let text = std::fs::read_to_string(&path).expect("README.md");
        for p in &TABLE {
            let line = text.lines().find(|l| l.contains(&format!("`{}`", p.id))).unwrap_or_else(|| panic!("{file} does not list {}", p.id));
            assert_eq!(line.contains("our reading"), p.reading == Reading::Ours, "{file}, {}: reading", p.id);
        }
    }
}

#[test]
fn citations_name_real_catalogue_entries_not_neighbours() {
    // Spot checks of what each cited entry says: the words the row relies on are in it.
    let text = |id: &str| {
        catalogue::documents().iter().flat_map(|d| d.rules.iter().map(|r| (r.id, r.text_zh)).chain(d.obligations.iter().chain(d.warnings).map(|n| (n.id, n.text_zh)))).find(|(i, _)| *i == id).map(|(_, t)| t).unwrap()
    };
    assert!(text("cq-measures.art17-core-data").contains("不纳入负面清单管理"));
    assert!(text("cq-measures.art20-export-control").contains("出口管制法"));
    assert!(text("national.art7-1").contains("关键信息基础设施运营者"));
    assert!(text("national.art6").contains("负面清单外"));
    assert!(text("national.cert-measures").contains("非关键信息基础设施运营者"));
    assert!(text("national.qa-2026-01-crossing").contains("计入累计数量"));
}
