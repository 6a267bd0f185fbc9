//! The rules as static data, compiled from `rules/*.toml` at build time, and the look-ups the
//! engine needs. The types mirror the rules files (see `rules/README.md`).
use crate::calendar::Date;
use serde::Serialize;

/// A data-export pathway (the contract's `pathway` codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pathway {
    SecurityAssessment,
    StandardContractOrCertification,
    OtherLawfulPathway,
    ExportControl,
    NationalCoreData,
    Exempt,
}

impl Pathway {
    pub const fn code(self) -> &'static str {
        match self {
            Pathway::SecurityAssessment => "security_assessment",
            Pathway::StandardContractOrCertification => "standard_contract_or_certification",
            Pathway::OtherLawfulPathway => "other_lawful_pathway",
            Pathway::ExportControl => "export_control",
            Pathway::NationalCoreData => "national_core_data",
            Pathway::Exempt => "exempt",
        }
    }
    pub const fn name_zh(self) -> &'static str {
        match self {
            Pathway::SecurityAssessment => "数据出境安全评估",
            Pathway::StandardContractOrCertification => "个人信息出境标准合同备案或个人信息保护认证",
            Pathway::OtherLawfulPathway => "其他合法合规路径",
            Pathway::ExportControl => "出口管制与技术出口管理",
            Pathway::NationalCoreData => "国家核心数据（不纳入负面清单管理）",
            Pathway::Exempt => "免予申报安全评估、订立标准合同、通过认证",
        }
    }
    pub const fn name_en(self) -> &'static str {
        match self {
            Pathway::SecurityAssessment => "CAC security assessment",
            Pathway::StandardContractOrCertification => "Standard contract filing or PI protection certification",
            Pathway::OtherLawfulPathway => "Another lawful pathway",
            Pathway::ExportControl => "Export-control / technology-export regime",
            Pathway::NationalCoreData => "National core data (outside negative-list management)",
            Pathway::Exempt => "Exempt: no assessment, contract or certification",
        }
    }
    pub fn from_code(code: &str) -> Option<Pathway> {
        [
            Pathway::SecurityAssessment,
            Pathway::StandardContractOrCertification,
            Pathway::OtherLawfulPathway,
            Pathway::ExportControl,
            Pathway::NationalCoreData,
            Pathway::Exempt,
        ]
        .into_iter()
        .find(|p| p.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Baseline,
    List,
    Measures,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    ImportantData,
    PersonalInformation,
}

impl Kind {
    pub const fn code(self) -> &'static str {
        match self {
            Kind::ImportantData => "important_data",
            Kind::PersonalInformation => "personal_information",
        }
    }
}

/// What a band counts: persons whose personal information of any kind is provided, or those
/// whose sensitive personal information is provided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Measure {
    Persons,
    SensitivePersons,
}

/// A situation of the 2024 Provisions that an item leaves out of its count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Article {
    Art3,
    Art4,
    Art5_1_1,
    Art5_1_2,
    Art5_1_3,
    Art6,
    IndustryStandard,
}

impl Article {
    pub const fn zh(self) -> &'static str {
        match self {
            Article::Art3 => "第三条",
            Article::Art4 => "第四条",
            Article::Art5_1_1 => "第五条第一款第一项",
            Article::Art5_1_2 => "第五条第一款第二项",
            Article::Art5_1_3 => "第五条第一款第三项",
            Article::Art6 => "第六条",
            Article::IndustryStandard => "行业标准规范或指导文件规定情形",
        }
    }
    pub const fn en(self) -> &'static str {
        match self {
            Article::Art3 => "Art. 3",
            Article::Art4 => "Art. 4",
            Article::Art5_1_1 => "Art. 5(1)(1)",
            Article::Art5_1_2 => "Art. 5(1)(2)",
            Article::Art5_1_3 => "Art. 5(1)(3)",
            Article::Art6 => "Art. 6",
            Article::IndustryStandard => "situations set by industry standards or guidance",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    All,
    Limited,
    OtherScenarios,
    AllExcept,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExceptionKind {
    Exception,
    Qualifier,
    /// Read two ways, one keeping the data in the item: asked, never clears it (row
    /// `ambiguous-exception-keeps-item`).
    Ambiguous,
    Escalation,
    NotApplicable,
    Exempt,
    Precondition,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    Applicability,
    Obligation,
    Warning,
    Definition,
    /// The export-control note (e.g. each Beijing sector's note 3): cited by the export-control
    /// finding when the list decides.
    ExportControl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Zone,
    ListApplies,
    SecurityAssessment,
    StandardContract,
    PersonalInformation,
    /// When any personal information leaves, whatever its basis (notice, separate consent,
    /// impact assessment: owed on every pathway).
    PersonalInformationAny,
    /// When a standard contract or certification is needed and certification is open to the
    /// handler (no important data, not a CIIO: Certification Measures).
    Certification,
    /// Whenever this document's zone is chosen, unless the data is national core data: a note
    /// inviting a referral to another zone's list (core data is outside every list).
    ReferralOpen,
    NationalRules,
    ExportControl,
    NationalCoreData,
    Always,
}

/// Section and item within a document; the document is the one that holds it.
#[derive(Debug, Clone, Copy)]
pub struct Cite {
    pub section: &'static str,
    pub item: &'static str,
    /// The instrument that says it, when not the document holding the entry.
    pub document_zh: Option<&'static str>,
    pub document_en: Option<&'static str>,
}

impl Cite {
    /// A section and item of the document that holds them.
    pub const fn at(section: &'static str, item: &'static str) -> Cite {
        Cite { section, item, document_zh: None, document_en: None }
    }
}

#[derive(Debug)]
pub struct Band {
    /// The classes the band counts, as one total (empty: any class).
    pub groups: &'static [&'static str],
    /// Classes counted too because their people overlap with a named one (warned).
    pub also_groups: &'static [&'static str],
    pub measure: Measure,
    /// "以上": the number itself is inside.
    pub at_least: Option<u64>,
    /// "不满": the number itself is outside.
    pub below: Option<u64>,
}

#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub scenarios: &'static [&'static str],
    pub except_items: &'static [u32],
    /// Measures the item's data contains beyond those its bands count (empty: the bands').
    pub contains: &'static [Measure],
}

#[derive(Debug)]
pub struct Exception {
    pub id: &'static str,
    pub kind: ExceptionKind,
    pub text_zh: &'static str,
    pub text_en: &'static str,
    pub question_zh: &'static str,
    /// A precondition: the items it governs.
    pub items: &'static [u32],
    /// A not-applicable answer: the sector that applies instead.
    pub instead: Option<&'static str>,
}

#[derive(Debug)]
pub struct Item {
    pub id: &'static str,
    pub number: u32,
    pub printed_number: bool,
    pub kind: Kind,
    pub pathway: Pathway,
    pub title_en: &'static str,
    pub text_zh: &'static str,
    pub detail_zh: &'static str,
    pub detail_en: &'static str,
    pub scenarios: &'static [&'static str],
    pub scope: Scope,
    pub bands: &'static [Band],
    pub not_counted: &'static [Article],
    pub exceptions: &'static [Exception],
    /// Counts at or above this contract band's ceiling go to this assessment item.
    pub overflow_to: Option<u32>,
    pub citation: Cite,
}

#[derive(Debug)]
pub struct Scenario {
    pub id: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub activity_zh: Option<&'static str>,
    pub activity_en: Option<&'static str>,
}

#[derive(Debug)]
pub struct Group {
    pub id: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
}

#[derive(Debug)]
pub struct SectorNote {
    pub number: u32,
    pub kind: NoteKind,
    pub text_zh: &'static str,
    pub text_en: &'static str,
}

#[derive(Debug)]
pub struct Sector {
    pub id: &'static str,
    pub number: u32,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub heading_zh: &'static str,
    pub scenarios: &'static [Scenario],
    pub groups: &'static [Group],
    pub items: &'static [Item],
    pub exceptions: &'static [Exception],
    pub notes: &'static [SectorNote],
}

#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub title_en: &'static str,
    pub text_zh: &'static str,
    pub citation: Cite,
    pub confirmed: bool,
    pub pathway: Option<Pathway>,
    pub bands: &'static [Band],
    pub not_counted: &'static [Article],
}

#[derive(Debug)]
pub struct Note {
    pub id: &'static str,
    pub when: When,
    pub text_zh: &'static str,
    pub text_en: &'static str,
    pub citation: Cite,
    pub confirmed: bool,
    /// `text_zh` is our summary, not the source's words.
    pub summary: bool,
    /// The deadline an obligation states (computed by `deadline`).
    pub deadline: Option<Deadline>,
    /// The conditions it sets, a checklist the user answers (answered by `conditions`).
    pub conditions: Option<Conditions>,
    /// Where the note holds for less than its document: its first and last day.
    pub in_force: Option<Date>,
    pub until: Option<Date>,
    /// The sectors it is for (`<list>.<sector>`): it holds only for a scenario in one of them;
    /// empty: for every sector and none (the automotive guidelines are for the lists' automotive
    /// sectors).
    pub sectors: &'static [&'static str],
}

impl Note {
    /// Holds on `day` (its document being in force then).
    pub fn holds_on(&self, day: Date) -> bool {
        self.in_force.is_none_or(|f| f <= day) && self.until.is_none_or(|u| day <= u)
    }

    /// Holds for a scenario in `sector` (of `list`), or in none.
    pub fn holds_for(&self, list: Option<&Document>, sector: Option<&Sector>) -> bool {
        self.sectors.is_empty()
            || list.zip(sector).is_some_and(|(l, s)| self.sectors.iter().any(|id| id.split_once('.') == Some((l.id, s.id))))
    }
}

/// A checklist of conditions an obligation sets, with what follows when all are met and when
/// any is not (e.g. the extension of an assessment result, July 2026 Q&A).
#[derive(Debug)]
pub struct Conditions {
    pub met_zh: &'static str,
    pub met_en: &'static str,
    pub not_met_zh: &'static str,
    pub not_met_en: &'static str,
    pub items: &'static [Condition],
}

/// One condition, named in a scenario `<note id>:<condition id>`.
#[derive(Debug)]
pub struct Condition {
    pub id: &'static str,
    pub text_zh: &'static str,
    pub text_en: &'static str,
}

/// A date of the scenario's `dates` (contract: "Dated obligations").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateField {
    ContractEffective,
    AssessmentIssued,
    CertificationIssued,
    TransferStart,
    AssessmentBandReached,
}

impl DateField {
    pub const ALL: [DateField; 5] =
        [DateField::ContractEffective, DateField::AssessmentIssued, DateField::CertificationIssued, DateField::TransferStart, DateField::AssessmentBandReached];
    /// The field's name in the scenario's `dates`.
    pub const fn key(self) -> &'static str {
        match self {
            DateField::ContractEffective => "contract_effective",
            DateField::AssessmentIssued => "assessment_issued",
            DateField::CertificationIssued => "certification_issued",
            DateField::TransferStart => "transfer_start",
            DateField::AssessmentBandReached => "assessment_band_reached",
        }
    }
    /// The day, as the sources name it.
    pub const fn name_zh(self) -> &'static str {
        match self {
            DateField::ContractEffective => "标准合同生效之日",
            DateField::AssessmentIssued => "评估结果出具之日",
            DateField::CertificationIssued => "认证证书颁发之日",
            DateField::TransferStart => "开始数据出境之日",
            DateField::AssessmentBandReached => "当年累计人数达到安全评估门槛之日",
        }
    }
    pub const fn name_en(self) -> &'static str {
        match self {
            DateField::ContractEffective => "the day the standard contract took effect",
            DateField::AssessmentIssued => "the day the assessment result was issued",
            DateField::CertificationIssued => "the day the certificate was issued",
            DateField::TransferStart => "the day the transfers started",
            DateField::AssessmentBandReached => "the day this year's count reached the assessment band",
        }
    }
}

/// How a deadline is counted from its date (the first day never counted: 民法典第二百零一条).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// The n-th working day after the date ("…之日起10个工作日内").
    WorkingDaysAfter(u32),
    /// A validity of n years: its last day is the corresponding day n years on (第二百零二条).
    Years(u32),
    /// The n working days before the last day of a validity of `years` ("有效期届满前60个工作日内").
    WindowBeforeExpiry { years: u32, working_days: u32 },
    /// Falls due on the date itself: an obligation that starts that day.
    OnTheDay,
}

/// A deadline an obligation states, from the rules data (`deadline = { … }` on the note).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    pub from: DateField,
    pub period: Period,
    /// What falls due, in a few words.
    pub label_zh: &'static str,
    pub label_en: &'static str,
}

#[derive(Debug)]
pub struct Definition {
    pub id: &'static str,
    pub term_zh: &'static str,
    pub term_en: &'static str,
    pub text_zh: &'static str,
    pub text_en: &'static str,
    pub citation: Cite,
    /// The wording was checked against the official text.
    pub confirmed: bool,
    /// `text_zh` is our summary, not the source's words.
    pub summary: bool,
}

impl Definition {
    /// The text as shown: a summary marked as one, unconfirmed wording with its caveat.
    pub fn shown(&self, zh: bool) -> String {
        match zh {
            true => format!("{}{}{}", if self.summary { "（摘要）" } else { "" }, self.text_zh, if self.confirmed { "" } else { "（原文未经核实）" }),
            false => format!("{}{}{}", if self.summary { "(Summary) " } else { "" }, self.text_en, if self.confirmed { "" } else { " (wording not checked against the official text)" }),
        }
    }
}

/// The list a sector belongs to.
pub fn list_of(sector: &Sector) -> Option<&'static Document> {
    lists().find(|d| d.sectors.iter().any(|x| std::ptr::eq(x, sector)))
}

/// The definitions of a term (its Chinese words) that apply in a sector: its list's own, then
/// the national ones.
pub fn definitions_of(term_zh: &str, sector: Option<&Sector>) -> Vec<(&'static Document, &'static Definition)> {
    let mut out: Vec<(&'static Document, &'static Definition)> = Vec::new();
    let list = sector.and_then(list_of);
    let docs = list.into_iter().chain(DOCUMENTS.iter().filter(|d| d.kind == DocKind::Baseline));
    for d in docs {
        out.extend(d.definitions.iter().filter(|x| x.term_zh == term_zh).map(|x| (d, x)));
    }
    out
}

#[derive(Debug)]
pub struct Document {
    pub id: &'static str,
    pub kind: DocKind,
    pub file: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub source: &'static str,
    pub issued: &'static str,
    pub zone: &'static str,
    pub zone_zh: &'static str,
    pub zone_en: &'static str,
    pub governs: Option<&'static str>,
    pub allows_referral: bool,
    pub applies_zh: &'static str,
    pub applies_en: &'static str,
    pub rules: &'static [Rule],
    pub sectors: &'static [Sector],
    pub obligations: &'static [Note],
    pub warnings: &'static [Note],
    pub definitions: &'static [Definition],
    /// Checklists of the materials to prepare (`[[materials]]`).
    pub materials: &'static [Checklist],
    /// Zones with lists the rules do not hold (baseline only).
    pub not_covered: &'static [NotCovered],
    /// The first day this edition is in force (contract: "Rules as of a date").
    pub in_force: Date,
    /// Its last day in force, where the source sets an end; None: no end known.
    pub until: Option<Date>,
    /// How the dates were read where the source does not print them ("" when it does).
    pub dates_reading_zh: &'static str,
    pub dates_reading_en: &'static str,
    /// The document this is an edition of (its own id when it is the only one).
    pub edition_of: &'static str,
}

impl Document {
    /// In force on `day`.
    pub fn covers(&self, day: Date) -> bool {
        self.in_force <= day && self.until.is_none_or(|u| day <= u)
    }
}

/// A zone whose list is known to exist but is not in the sources: named, never applied.
#[derive(Debug, serde::Serialize)]
pub struct NotCovered {
    pub id: &'static str,
    pub zone_zh: &'static str,
    pub zone_en: &'static str,
    pub known_zh: &'static str,
    pub known_en: &'static str,
}

/// A checklist of the materials a pathway or report asks for, shown when `when` holds.
#[derive(Debug)]
pub struct Checklist {
    pub id: &'static str,
    pub when: When,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub citation: Cite,
    pub confirmed: bool,
    /// The items are our summary, not the source's words.
    pub summary: bool,
    /// What decides in the end (may be empty).
    pub caveat_zh: &'static str,
    pub caveat_en: &'static str,
    pub items: &'static [Material],
    /// The first day it holds where later than its document's (`Checklist::holds_on`).
    pub in_force: Option<Date>,
}

impl Checklist {
    /// In force on `day`: from its own first day, else its document's (the verdict's editions).
    pub fn holds_on(&self, day: Date) -> bool {
        self.in_force.is_none_or(|d| d <= day)
    }
}

/// One material to prepare; `id` is unique within its checklist.
#[derive(Debug)]
pub struct Material {
    pub id: &'static str,
    pub text_zh: &'static str,
    pub text_en: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

/// Every document, in file order.
pub fn documents() -> &'static [Document] {
    DOCUMENTS
}

/// The national baseline (the lint guarantees there is exactly one).
pub fn baseline() -> &'static Document {
    DOCUMENTS.iter().find(|d| d.kind == DocKind::Baseline).expect("lint: one baseline")
}

/// An obligation note of any document, by id (the lint keeps note ids unique).
pub fn obligation(id: &str) -> Option<&'static Note> {
    DOCUMENTS.iter().flat_map(|d| d.obligations.iter()).find(|n| n.id == id)
}

/// Every condition an obligation sets, with its note, in document order (the permalink's order).
pub fn conditions() -> impl Iterator<Item = (&'static Note, &'static Condition)> {
    DOCUMENTS.iter().flat_map(|d| d.obligations.iter()).flat_map(|n| n.conditions.iter().flat_map(move |c| c.items.iter().map(move |i| (n, i))))
}

/// A condition by its scenario name, `<note id>:<condition id>`.
pub fn condition(key: &str) -> Option<(&'static Note, &'static Condition)> {
    let (note, id) = key.split_once(':')?;
    conditions().find(|(n, c)| n.id == note && c.id == id)
}

/// A materials checklist of any document, by id, with its document (the lint keeps ids unique).
pub fn checklist(id: &str) -> Option<(&'static Document, &'static Checklist)> {
    DOCUMENTS.iter().find_map(|d| d.materials.iter().find(|c| c.id == id).map(|c| (d, c)))
}

/// The negative lists.
pub fn lists() -> impl Iterator<Item = &'static Document> {
    DOCUMENTS.iter().filter(|d| d.kind == DocKind::List)
}

pub fn list(id: &str) -> Option<&'static Document> {
    lists().find(|d| d.id == id)
}

impl Document {
    pub fn sector(&self, id: &str) -> Option<&'static Sector> {
        // SAFETY of 'static: every Document lives in the static DOCUMENTS.
        let sectors: &'static [Sector] = self.sectors;
        sectors.iter().find(|s| s.id == id)
    }

}

impl Item {
    /// The item as named in Chinese text: "第5项", or, for a clause the source does not number,
    /// "未编号的个人信息条款（本工具编号35）" (never "第35项").
    pub fn label_zh(&self) -> String {
        if self.printed_number {
            format!("第{}项", self.number)
        } else {
            format!("未编号的个人信息条款（本工具编号{}）", self.number)
        }
    }
}

impl Sector {
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }
    pub fn item_by_number(&self, n: u32) -> Option<&Item> {
        self.items.iter().find(|i| i.number == n)
    }
    pub fn scenario(&self, id: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.id == id)
    }
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }
    /// The groups the bands of a business scenario's items name, in the sector's order: the
    /// answers a row of personal information in that scenario may need.
    pub fn groups_for(&self, scenario: &str) -> Vec<&Group> {
        let items: Vec<&Item> = self.items.iter().filter(|i| i.scenarios.contains(&scenario) || i.scope.scenarios.contains(&scenario)).collect();
        self.groups
            .iter()
            .filter(|g| items.iter().flat_map(|i| i.bands.iter()).any(|b| b.groups.contains(&g.id) || b.also_groups.contains(&g.id)))
            .collect()
    }
    /// An exception by id, at sector or item level.
    pub fn exception(&self, id: &str) -> Option<(&Exception, Option<&Item>)> {
        if let Some(e) = self.exceptions.iter().find(|e| e.id == id) {
            return Some((e, None));
        }
        self.items.iter().find_map(|i| i.exceptions.iter().find(|e| e.id == id).map(|e| (e, Some(i))))
    }
}

/// Every zone named by a list or measures, in file order.
pub fn zones() -> impl Iterator<Item = &'static str> {
    let mut seen: Vec<&'static str> = Vec::new();
    for d in DOCUMENTS.iter().filter(|d| !d.zone.is_empty()) {
        if !seen.contains(&d.zone) {
            seen.push(d.zone);
        }
    }
    seen.into_iter()
}

/// A zone id as known to the catalogue.
pub fn zone(id: &str) -> Option<&'static str> {
    zones().find(|z| *z == id)
}

/// The documents (list and measures) of a zone.
pub fn zone_documents(zone: &str) -> impl Iterator<Item = &'static Document> + '_ {
    DOCUMENTS.iter().filter(move |d| d.kind != DocKind::Baseline && d.zone == zone)
}

/// Whether a zone's measures let its handlers refer to other zones' published lists.
pub fn allows_referral(zone: &str) -> bool {
    zone_documents(zone).any(|d| d.allows_referral)
}

/// Finds an item anywhere, with its list and sector.
pub fn find_item(id: &str) -> Option<(&'static Document, &'static Sector, &'static Item)> {
    lists().find_map(|d| d.sectors.iter().find_map(|s| s.items.iter().find(|i| i.id == id).map(|i| (d, s, i))))
}
