//! Precedence, declared: which rule prevails over which, written down once as data.
//!
//! The engine (`crate::evaluate`) names a [`Row`] wherever one result overrides another, and
//! the outcome of a verdict is the first of the table's outcome rows whose pathway a finding
//! gives ([`outcome`]): the order of [`TABLE`] is the order of the outcomes, nothing else is.
//! Each row cites the instrument that says it ([`Cited`]); where the override itself is our
//! reading of that text (the text does not say in so many words which one prevails), the row
//! is marked [`Reading::Ours`]. The explanations are kept apart from the decision code
//! ([`EXPLAIN`], bilingual).
use crate::catalogue::{self, Cite, Document, ExceptionKind, Pathway};
use crate::verdict::PathwayUse;

/// A precedence row, by name. Each variant's doc names the article it implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Row {
    /// National core data: a stricter regime, outside negative-list management (Chongqing
    /// measures Art. 17); the checker decides nothing else (our reading).
    CoreDataOverEverything,
    /// The assessment prevails over the contract band (CAC Q&A, January 2026: once the
    /// assessment band is reached, what went under a contract counts and is declared with it).
    AssessmentOverContract,
    /// A band's standard contract prevails over the exemption of other data (Provisions Art. 8).
    ContractOverExempt,
    /// Export control applies in addition, under every outcome (Chongqing measures Art. 20;
    /// each Beijing sector's note 3).
    ExportControlInAddition,
    /// Data a list sends through another lawful pathway does not need assessment, contract or
    /// certification: an Exempt outcome stays, with a warning (Beijing list, pharma (三)).
    OtherPathwayNotAnOutcome,
    /// A zone's list replaces the national bands for a handler in the zone whose data is in
    /// one of its sectors (Provisions Art. 6).
    ListOverNationalBands,
    /// A sector note that says the section does not apply sends the personal information back to
    /// the national rules (each list's sector notes); its selected items stay important data
    /// (row `listed-items-outside-list`).
    SectorNotApplicable,
    /// The exempt situations are never counted, by any band, a CIIO's included (Provisions
    /// Arts. 3, 4, 5(1)(1)-(3)).
    ExemptSituationsOverCounts,
    /// A CIIO's personal information needs the assessment, whatever the list's or the national
    /// bands say (Provisions Art. 7(1)).
    CiioOverBands,
    /// Important data notified or published by an authority needs the assessment, whichever
    /// rules decide (Provisions Arts. 2 and 7).
    NotifiedImportantData,
    /// Important data a list routes through another lawful pathway (Beijing, each sector's
    /// (三)) still needs the assessment where that routing does not decide for the handler: a
    /// CIIO providing important data (Provisions Art. 7(1)), and a handler the list does not
    /// apply to (Arts. 2 and 7: the list publishes it as important data). The other pathway is
    /// needed as well (our reading).
    ImportantDataAssessmentBesideOtherPathway,
    /// A listed important-data item is still important data where its list does not apply
    /// (Provisions Art. 2: the list publishes it; our reading).
    ListedItemsOutsideList,
    /// An exception or qualifier written into an item, affirmed, keeps the item out (the item's
    /// own words).
    ItemExceptionClearsItem,
    /// A carve-out whose words can be read two ways, one of them keeping the data in the item,
    /// does not clear it when affirmed: the item's finding stands, with a warning (our reading,
    /// the stricter one; e.g. Beijing 贸易物流 item 2's "……外的数据除外").
    AmbiguousExceptionKeepsItem,
    /// A sector note's exemption, affirmed, clears the sector's items and personal information
    /// (the sector's own note).
    SectorExemptionOverList,
    /// Data an item expressly takes out of its contract band needs the assessment (the item's
    /// own words, e.g. Beijing pharma item 10).
    EscalationOverContractBand,
    /// People above a contract item's ceiling that no scenario-limited assessment item counts
    /// go to the item the list names for them (our reading of the Beijing autonomous-driving
    /// section, items 12 and 13).
    CeilingOverflowToAssessment,
    /// Certification is closed to a CIIO and to an export holding important data: the
    /// standard contract remains (Certification Measures, in force 2026-01-01).
    CertificationClosed,
}

/// What prevails, or what is set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// An outcome: the outcome rows rank them, in the table's order.
    Outcome(Pathway),
    /// A pathway shown beside the outcome, never the outcome itself.
    Beside(Pathway),
    /// Every other finding and step.
    Everything,
    /// Nothing: added, it replaces no result.
    Nothing,
    /// The deciding list's personal-information bands.
    ListBands,
    /// The national bands (Provisions Arts. 5(1)(4), 7(2), 8).
    NationalBands,
    /// Every count (list bands, national bands, the CIIO rule).
    Counts,
    /// A listed item's finding.
    ItemFinding,
    /// The reach of a list (its zone, its sectors).
    ListReach,
    /// An answer the user affirmed (an exception, qualifier or sector note).
    Answer,
    /// An item's contract band.
    ContractBand,
    /// A list's routing of an item (its (三) part: another lawful pathway, not the assessment).
    ListRouting,
    /// Certification as a way through the contract band.
    Certification,
    /// The standard contract alone.
    StandardContract,
}

impl Party {
    /// A few words, for the README and tests.
    pub fn code(self) -> String {
        match self {
            Party::Outcome(p) => format!("outcome {}", p.code()),
            Party::Beside(p) => format!("pathway {}", p.code()),
            Party::Everything => "everything".into(),
            Party::Nothing => "nothing".into(),
            Party::ListBands => "list bands".into(),
            Party::NationalBands => "national bands".into(),
            Party::Counts => "every count".into(),
            Party::ItemFinding => "item finding".into(),
            Party::ListReach => "list reach".into(),
            Party::Answer => "affirmed answer".into(),
            Party::ContractBand => "contract band".into(),
            Party::ListRouting => "the list's routing of an item".into(),
            Party::Certification => "certification".into(),
            Party::StandardContract => "standard contract".into(),
        }
    }
}

/// Where a row's article is in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A rule of the national baseline, by id.
    Rule(&'static str),
    /// An obligation or warning note of any document, by id.
    Note(&'static str),
    /// A list item, by id.
    Item(&'static str),
    /// Every exception of this kind: each in its own item or sector note.
    Exceptions(ExceptionKind),
}

/// A citation: the catalogue entry, the document holding it (its id; "" for `Exceptions`:
/// every list), and words its section or item must hold (e.g. "第七条第一项").
#[derive(Debug, Clone, Copy)]
pub struct Cited {
    pub source: Source,
    pub document: &'static str,
    pub article: &'static str,
}

/// Whether the override is the text's own, or our reading of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// The cited text says which prevails.
    Source,
    /// The cited text is the basis, but which prevails is our reading (protective, or of an
    /// unconfirmed wording).
    Ours,
}

/// One row of the table.
#[derive(Debug)]
pub struct Precedence {
    pub row: Row,
    /// Stable id (README, tests).
    pub id: &'static str,
    pub wins: Party,
    pub overrides: &'static [Party],
    pub cites: &'static [Cited],
    pub reading: Reading,
}

const fn cite(source: Source, document: &'static str, article: &'static str) -> Cited {
    Cited { source, document, article }
}

use Party::*;
use Pathway::{Exempt, ExportControl, NationalCoreData, OtherLawfulPathway, SecurityAssessment, StandardContractOrCertification};

/// The table. The outcome rows come first, strictest first: their order is the outcomes' rank.
pub static TABLE: [Precedence; 18] = [
    Precedence { row: Row::CoreDataOverEverything, id: "core-data-over-everything", wins: Outcome(NationalCoreData), overrides: &[Everything], cites: &[cite(Source::Note("cq-measures.art17-core-data"), "cq-measures", "第十七条")], reading: Reading::Ours },
    Precedence { row: Row::AssessmentOverContract, id: "assessment-over-contract", wins: Outcome(SecurityAssessment), overrides: &[Outcome(StandardContractOrCertification)], cites: &[cite(Source::Note("national.qa-2026-01-crossing"), "national", "年内累计数量达到安全评估门槛")], reading: Reading::Ours },
    Precedence { row: Row::ContractOverExempt, id: "contract-over-exempt", wins: Outcome(StandardContractOrCertification), overrides: &[Outcome(Exempt)], cites: &[cite(Source::Rule("national.art8-pi"), "national", "第八条")], reading: Reading::Ours },
    Precedence { row: Row::ExportControlInAddition, id: "export-control-in-addition", wins: Beside(ExportControl), overrides: &[Nothing], cites: &[cite(Source::Note("cq-measures.art20-export-control"), "cq-measures", "第二十条")], reading: Reading::Source },
    Precedence { row: Row::OtherPathwayNotAnOutcome, id: "other-pathway-not-an-outcome", wins: Outcome(Exempt), overrides: &[Beside(OtherLawfulPathway)], cites: &[cite(Source::Item("bj-2025.pharma.15"), "bj-2025", "（三）需要通过其他合法合规路径出境的数据清单")], reading: Reading::Source },
    Precedence { row: Row::ListOverNationalBands, id: "list-over-national-bands", wins: ListBands, overrides: &[NationalBands], cites: &[cite(Source::Rule("national.art6"), "national", "第六条")], reading: Reading::Source },
    Precedence { row: Row::SectorNotApplicable, id: "sector-not-applicable", wins: NationalBands, overrides: &[ListBands], cites: &[cite(Source::Exceptions(ExceptionKind::NotApplicable), "", "")], reading: Reading::Source },
    Precedence {
        row: Row::ExemptSituationsOverCounts,
        id: "exempt-situations-over-counts",
        wins: Answer,
        overrides: &[Counts],
        cites: &[cite(Source::Rule("national.art3"), "national", "第三条"), cite(Source::Rule("national.art4"), "national", "第四条"), cite(Source::Rule("national.art5-1"), "national", "第五条第一款第一项至第三项")],
        reading: Reading::Source,
    },
    Precedence { row: Row::CiioOverBands, id: "ciio-over-bands", wins: Outcome(SecurityAssessment), overrides: &[ListBands, NationalBands], cites: &[cite(Source::Rule("national.art7-1"), "national", "第七条第一项")], reading: Reading::Ours },
    Precedence { row: Row::NotifiedImportantData, id: "notified-important-data", wins: Outcome(SecurityAssessment), overrides: &[ListReach, ListBands, NationalBands], cites: &[cite(Source::Rule("national.art2"), "national", "第二条")], reading: Reading::Source },
    Precedence {
        row: Row::ImportantDataAssessmentBesideOtherPathway,
        id: "important-data-assessment-beside-other-pathway",
        wins: Outcome(SecurityAssessment),
        overrides: &[ListRouting],
        cites: &[cite(Source::Rule("national.art7-1"), "national", "第七条第一项"), cite(Source::Rule("national.art2"), "national", "第二条")],
        reading: Reading::Ours,
    },
    Precedence { row: Row::ListedItemsOutsideList, id: "listed-items-outside-list", wins: ItemFinding, overrides: &[ListReach], cites: &[cite(Source::Rule("national.art2"), "national", "第二条")], reading: Reading::Ours },
    Precedence {
        row: Row::ItemExceptionClearsItem,
        id: "item-exception-clears-item",
        wins: Answer,
        overrides: &[ItemFinding],
        cites: &[cite(Source::Exceptions(ExceptionKind::Exception), "", ""), cite(Source::Exceptions(ExceptionKind::Qualifier), "", "")],
        reading: Reading::Source,
    },
    Precedence { row: Row::AmbiguousExceptionKeepsItem, id: "ambiguous-exception-keeps-item", wins: ItemFinding, overrides: &[Answer], cites: &[cite(Source::Exceptions(ExceptionKind::Ambiguous), "", "")], reading: Reading::Ours },
    Precedence { row: Row::SectorExemptionOverList, id: "sector-exemption-over-list", wins: Answer, overrides: &[ItemFinding, ListBands], cites: &[cite(Source::Exceptions(ExceptionKind::Exempt), "", "")], reading: Reading::Source },
    Precedence { row: Row::EscalationOverContractBand, id: "escalation-over-contract-band", wins: Outcome(SecurityAssessment), overrides: &[ContractBand], cites: &[cite(Source::Exceptions(ExceptionKind::Escalation), "", "")], reading: Reading::Source },
    Precedence { row: Row::CeilingOverflowToAssessment, id: "ceiling-overflow-to-assessment", wins: Outcome(SecurityAssessment), overrides: &[ContractBand], cites: &[cite(Source::Item("bj-2025.autonomous.12"), "bj-2025", "第12项")], reading: Reading::Ours },
    Precedence { row: Row::CertificationClosed, id: "certification-closed", wins: StandardContract, overrides: &[Certification], cites: &[cite(Source::Note("national.cert-measures"), "national", "适用情形")], reading: Reading::Source },
];

/// Each row's explanation, Chinese and English: one line, kept out of the decision code.
pub static EXPLAIN: [(Row, &str, &str); 18] = [
    (Row::CoreDataOverEverything, "国家核心数据实行更加严格的管理制度，不纳入负面清单管理：结论为国家核心数据，不再据清单或人数判断。", "National core data is under a stricter regime, outside negative-list management: the outcome is core data, and no list or count decides."),
    (Row::AssessmentOverContract, "同一次出境既触发安全评估又触发标准合同档位的，申报安全评估（标准合同部分一并纳入）。", "Where one transfer triggers both the assessment and a contract band, the assessment is the outcome (the contract part goes into it)."),
    (Row::ContractOverExempt, "部分数据豁免，不免除落入标准合同档位的其他数据的义务。", "An exemption for some of the data does not exempt the data a contract band takes."),
    (Row::ExportControlInAddition, "涉及出口管制的，另按出口管制法律法规执行：在任何结论之外增加该路径，不改变结论。", "Export control applies in addition: its pathway is added beside any outcome and changes none."),
    (Row::OtherPathwayNotAnOutcome, "清单规定通过其他合法合规路径出境的数据，不需安全评估、标准合同或认证：结论仍为免予，另行提示该路径。", "Data a list sends through another lawful pathway needs no assessment, contract or certification: the outcome stays exempt, and that pathway is flagged."),
    (Row::ListOverNationalBands, "区内数据处理者的数据属于清单所涉行业的，按清单档位判断，清单外的数据免予（《规定》第六条）。", "For a handler in the zone whose data is in a listed sector, the list's bands decide, and data off the list is exempt (Provisions Art. 6)."),
    (Row::SectorNotApplicable, "清单注释载明该部分不适用的，个人信息按国家规定判断；所选该部分数据项仍按已公开的重要数据处理。", "Where a sector note says the section does not apply, the national rules count the personal information; the section's selected items are still treated as published important data."),
    (Row::ExemptSituationsOverCounts, "《规定》第三条、第四条、第五条第一款第一项至第三项情形不计入任何门槛，关键信息基础设施运营者亦同。", "The situations of Provisions Arts. 3, 4 and 5(1)(1)-(3) are counted by no threshold, a CIIO's included."),
    (Row::CiioOverBands, "关键信息基础设施运营者提供非豁免个人信息，须申报安全评估，不适用清单或国家的人数档位。", "A CIIO providing non-exempt personal information needs the assessment; neither the list's nor the national bands apply."),
    (Row::NotifiedImportantData, "已被告知或公开发布为重要数据的，须申报安全评估，无论按清单还是国家规定判断。", "Data notified or published as important data needs the assessment, whichever rules decide."),
    (Row::ImportantDataAssessmentBesideOtherPathway, "清单规定通过其他合法合规路径出境的重要数据，由关键信息基础设施运营者提供（《规定》第七条第一项），或清单此处不适用（《规定》第二条、第七条）的，仍须申报安全评估，并另行履行该路径（从严）。", "Important data a list sends through another lawful pathway still needs the assessment when a CIIO provides it (Provisions Art. 7(1)) or when the list does not apply (Arts. 2 and 7), besides that pathway (the stricter reading)."),
    (Row::ListedItemsOutsideList, "所选清单条目在该清单不适用时，仍按已公开发布的重要数据处理（避免合规不足）。", "A selected list item is still treated as published important data where its list does not apply (to avoid under-compliance)."),
    (Row::ItemExceptionClearsItem, "用户确认条目所载例外或限定条件的，该条目不触发。", "An affirmed exception or qualifier written into an item keeps the item from triggering."),
    (Row::AmbiguousExceptionKeepsItem, "条目所载例外的文义可作不同理解、其中一种理解下所述数据仍属于该条目的，用户确认该例外不排除该条目，并予提示（从严）。", "A carve-out whose words can be read two ways, under one of which the data stays in the item, does not clear the item when affirmed; a warning says so (the stricter reading)."),
    (Row::SectorExemptionOverList, "用户确认清单注释所载豁免的，该行业的条目和个人信息均不触发。", "An affirmed exemption in a sector note clears the sector's items and personal information."),
    (Row::EscalationOverContractBand, "条目明文排除在标准合同档位之外的数据，作为重要数据申报安全评估。", "Data an item expressly takes out of its contract band is important data and needs the assessment."),
    (Row::CeilingOverflowToAssessment, "标准合同条目的合计人数达到其上限而无场景限定的评估条目计入全部人群的，按清单所指的评估条目判断（从严）。", "A contract item's total at its ceiling, with no scenario-limited assessment item counting all its classes, goes to the assessment item the list names (the stricter reading)."),
    (Row::CertificationClosed, "关键信息基础设施运营者或出境数据含重要数据的，不适用个人信息保护认证，只能订立标准合同。", "Certification is closed to a CIIO and to an export holding important data: only the standard contract remains."),
];

impl Row {
    /// The row's entry in [`TABLE`].
    pub fn entry(self) -> &'static Precedence {
        TABLE.iter().find(|p| p.row == self).expect("every row is in the table")
    }

    pub fn id(self) -> &'static str {
        self.entry().id
    }

    /// The one-line explanation (Chinese, English).
    pub fn explain(self) -> (&'static str, &'static str) {
        EXPLAIN.iter().find(|(r, _, _)| *r == self).map(|(_, zh, en)| (*zh, *en)).expect("every row is explained")
    }
}

/// The outcomes, strictest first: the winners of the table's outcome rows, in table order, then
/// what the last of them overrides.
pub fn ladder() -> Vec<Pathway> {
    let rows: Vec<&Precedence> = TABLE.iter().take_while(|p| matches!((p.wins, p.overrides), (Outcome(_), [Everything | Outcome(_)]))).collect();
    let mut out: Vec<Pathway> = rows.iter().filter_map(|p| if let Outcome(w) = p.wins { Some(w) } else { None }).collect();
    if let Some(Outcome(last)) = rows.last().and_then(|p| p.overrides.first()) {
        out.push(*last);
    }
    out
}

/// A verdict's outcome from its pathways: the strictest on the [`ladder`] that some pathway
/// gives; Exempt when none does (export control and other lawful pathways are not outcomes:
/// rows `export-control-in-addition`, `other-pathway-not-an-outcome`).
pub fn outcome(pathways: &[PathwayUse]) -> Pathway {
    outcome_among(|o| pathways.iter().any(|p| p.pathway == o))
}

/// [`outcome`], from whether some pathway `has` each outcome.
pub fn outcome_among(has: impl Fn(Pathway) -> bool) -> Pathway {
    ladder().into_iter().find(|o| has(*o)).unwrap_or(Exempt)
}

/// How strict an outcome is: 0 for Exempt and anything off the ladder, higher is stricter.
pub fn rank(p: Pathway) -> u8 {
    let l = ladder();
    l.iter().position(|x| *x == p).map_or(0, |i| (l.len() - 1 - i) as u8)
}

/// The outcome rows that decided between the pathways present: `wins` present, and the outcome
/// it overrides present too (for core data: anything else at all; for Exempt: something cleared).
pub fn outcome_rows(pathways: &[PathwayUse], cleared: bool) -> Vec<Row> {
    let has = |p: Pathway| pathways.iter().any(|x| x.pathway == p) || (p == Exempt && cleared);
    TABLE
        .iter()
        .filter(|r| match (r.wins, r.overrides) {
            (Outcome(NationalCoreData), [Everything]) => has(NationalCoreData),
            (Outcome(w), [Outcome(o)]) => has(w) && has(*o),
            _ => false,
        })
        .map(|r| r.row)
        .collect()
}

/// Every catalogue entry a citation names, with its document and its citation (an exception is
/// cited where it is written: its item, or its sector's notes). Empty: it does not resolve.
pub fn resolve(c: &Cited) -> Vec<(&'static Document, Cite)> {
    let docs = catalogue::documents();
    match c.source {
        Source::Rule(id) => docs.iter().flat_map(|d| d.rules.iter().filter(move |r| r.id == id).map(move |r| (d, r.citation))).collect(),
        Source::Note(id) => docs.iter().flat_map(|d| d.obligations.iter().chain(d.warnings).filter(move |n| n.id == id).map(move |n| (d, n.citation))).collect(),
        Source::Item(id) => catalogue::find_item(id).map(|(d, _, i)| (d, i.citation)).into_iter().collect(),
        Source::Exceptions(kind) => catalogue::lists()
            .flat_map(|d| d.sectors.iter().map(move |s| (d, s)))
            .flat_map(|(d, s)| {
                let sector = s.exceptions.iter().filter(move |e| e.kind == kind).map(move |_| (d, Cite::at(s.heading_zh, "注")));
                let items = s.items.iter().flat_map(move |i| i.exceptions.iter().filter(move |e| e.kind == kind).map(move |_| (d, i.citation)));
                sector.chain(items)
            })
            .collect(),
    }
}

/// Evaluates a scenario as given (questions named `unknown` are not tried both ways) and says
/// which rows decided something in it, in the order they did.
pub fn rows_applied(s: &crate::Scenario) -> Result<(crate::Verdict, Vec<Row>), crate::InputError> {
    let r = s.resolve_on(crate::edition::rules_day())?;
    Ok(crate::evaluate::resolved_with_rows(&r))
}
