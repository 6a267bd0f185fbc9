//! The shape of a `rules/*.toml` file, as a compliance reader writes it.
//!
//! One file per source document (`[document]`), and the working-day calendar of the State
//! Council holiday notices (`[calendar]`, see [`CalendarFile`]). See `rules/README.md` for the
//! prose version of this schema.
use serde::Deserialize;

/// A whole rules file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    pub document: DocumentMeta,
    /// National rules with fixed ids (baseline document only).
    #[serde(default)]
    pub rules: Vec<Rule>,
    #[serde(default)]
    pub sectors: Vec<Sector>,
    #[serde(default)]
    pub obligations: Vec<Note>,
    #[serde(default)]
    pub warnings: Vec<Note>,
    #[serde(default)]
    pub definitions: Vec<Definition>,
    /// Checklists of the materials a pathway or report asks for (`[[materials]]`).
    #[serde(default)]
    pub materials: Vec<Checklist>,
    /// Zones known to have lists that the rules do not hold (`[[not_covered]]`, baseline only):
    /// named so the page never pretends to cover them.
    #[serde(default)]
    pub not_covered: Vec<NotCovered>,
    /// A measures document's classification annex (`[classification]`, see `classification.rs`).
    #[serde(default)]
    pub classification: Option<crate::classification::Annex>,
}

/// A zone whose list is known to exist but is not in the sources, and what is known of it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotCovered {
    pub id: String,
    pub zone_zh: String,
    pub zone_en: String,
    /// What is known of its list (edition, where it is cited), in both languages.
    pub known_zh: String,
    pub known_en: String,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// The national Provisions and Regulation.
    Baseline,
    /// A zone's negative list.
    List,
    /// A zone's administrative measures (obligations and warnings attached to a list or zone).
    Measures,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentMeta {
    pub id: String,
    pub kind: DocKind,
    pub title_zh: String,
    pub title_en: String,
    /// File name in `shared/sources/`.
    pub source: String,
    /// Date of issue, YYYY-MM-DD (or YYYY-MM when the day is not printed).
    pub issued: String,
    /// The zone a list or measures govern (empty for the baseline).
    #[serde(default)]
    pub zone: String,
    #[serde(default)]
    pub zone_zh: String,
    #[serde(default)]
    pub zone_en: String,
    /// For measures: the list id they govern, if a list exists.
    #[serde(default)]
    pub governs: Option<String>,
    /// Measures: the zone's handlers may refer to (参照执行) other zones' published lists.
    #[serde(default)]
    pub allows_referral: bool,
    /// Short bilingual statement of whom the document binds.
    #[serde(default)]
    pub applies_zh: String,
    #[serde(default)]
    pub applies_en: String,
    /// The first day this edition is in force (a TOML date, `2024-03-22`; contract: "Rules as
    /// of a date").
    #[serde(default)]
    pub in_force: Option<Day>,
    /// The last day it is in force, where the source sets an end (a measure valid two years);
    /// absent: no end is known.
    #[serde(default)]
    pub until: Option<Day>,
    /// How the dates were read where the source does not print them (our words, shown with
    /// the edition).
    #[serde(default)]
    pub dates_reading_zh: String,
    #[serde(default)]
    pub dates_reading_en: String,
    /// The document this file is an edition of (absent: its own id). Editions of one document
    /// neither overlap nor leave a gap (the lint).
    #[serde(default)]
    pub edition_of: Option<String>,
}

/// A day written as a TOML local date (`in_force = 2024-03-22`), checked by the lint.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(try_from = "toml::value::Datetime")]
pub struct Day {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl TryFrom<toml::value::Datetime> for Day {
    type Error = String;
    fn try_from(d: toml::value::Datetime) -> Result<Day, String> {
        match (d.date, d.time, d.offset) {
            (Some(x), None, None) => Ok(Day { year: x.year, month: x.month, day: x.day }),
            _ => Err(format!("expected a date such as 2024-03-22 (no time), found {d}")),
        }
    }
}

impl Day {
    /// Days since 1970-01-01 (proleptic Gregorian), for ordering and gaps.
    pub fn number(self) -> i64 {
        let (y, m, d) = (self.year as i64, self.month as i64, self.day as i64);
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// A real day of the calendar (TOML already refuses 2024-02-30; this is the rest).
    pub fn is_real(self) -> bool {
        let leap = (self.year.is_multiple_of(4) && !self.year.is_multiple_of(100)) || self.year.is_multiple_of(400);
        let len = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        (1..=12).contains(&self.month) && self.day >= 1 && self.day <= len[self.month as usize - 1]
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Pathway {
    SecurityAssessment,
    StandardContractOrCertification,
    OtherLawfulPathway,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    ImportantData,
    PersonalInformation,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Natural persons whose personal information of any kind is provided.
    Persons,
    /// Natural persons whose sensitive personal information is provided.
    SensitivePersons,
}

/// An article of the 2024 Provisions whose situations an item leaves out of its count.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Article {
    #[serde(rename = "art3")]
    Art3,
    #[serde(rename = "art4")]
    Art4,
    #[serde(rename = "art5-1-1")]
    Art5_1_1,
    #[serde(rename = "art5-1-2")]
    Art5_1_2,
    #[serde(rename = "art5-1-3")]
    Art5_1_3,
    #[serde(rename = "art6")]
    Art6,
    /// Beijing banking: 行业标准规范或指导文件规定情形.
    #[serde(rename = "industry-standard")]
    IndustryStandard,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub title_en: String,
    pub text_zh: String,
    pub citation: Citation,
    /// Confirmed against the official text? (`false`: shown with a caveat).
    #[serde(default = "yes")]
    pub confirmed: bool,
    #[serde(default)]
    pub pathway: Option<Pathway>,
    #[serde(default)]
    pub bands: Vec<Band>,
    #[serde(default)]
    pub not_counted: Vec<Article>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sector {
    pub id: String,
    pub number: u32,
    pub name_zh: String,
    pub name_en: String,
    /// The section heading as printed, e.g. "二、清单内容 汽车行业".
    pub heading_zh: String,
    #[serde(default)]
    pub scenarios: Vec<Scenario>,
    #[serde(default)]
    pub groups: Vec<Group>,
    pub items: Vec<Item>,
    /// Sector-level applicability questions (an affirmed one takes the sector off the list).
    #[serde(default)]
    pub exceptions: Vec<Exception>,
    /// The sector's notes (注), each with what it does.
    #[serde(default)]
    pub notes: Vec<SectorNote>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    #[serde(default)]
    pub activity_zh: Option<String>,
    #[serde(default)]
    pub activity_en: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub number: u32,
    /// Printed? `false` for personal-information clauses the source does not number.
    #[serde(default = "yes")]
    pub printed_number: bool,
    pub kind: Kind,
    pub pathway: Pathway,
    pub title_en: String,
    /// The item's own words.
    pub text_zh: String,
    /// The rest of its row: "包括…" detail, scope line, 适用说明.
    #[serde(default)]
    pub detail_zh: String,
    /// Our own English summary of `detail_zh` (optional).
    #[serde(default)]
    pub detail_en: String,
    /// Important data: the scenarios the list names to help identify it.
    #[serde(default)]
    pub scenarios: Vec<String>,
    /// Personal information: which people the item takes.
    #[serde(default)]
    pub scope: Option<Scope>,
    #[serde(default)]
    pub bands: Vec<Band>,
    #[serde(default)]
    pub not_counted: Vec<Article>,
    #[serde(default)]
    pub exceptions: Vec<Exception>,
    /// A contract item whose ceiling no scenario-limited assessment item meets for every class
    /// it counts (Beijing 自动驾驶 13: all classes, while 10 takes only 车主): a count at or above
    /// its `below` is counted by this (catch-all assessment) item instead.
    #[serde(default)]
    pub overflow_to: Option<u32>,
    pub citation: Citation,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ScopeKind {
    /// 所有场景 (no carve-out).
    All,
    /// 仅限于：…场景 — the listed scenarios, for the bands' groups.
    Limited,
    /// 除第…项涉及场景以外的其他场景 — every person not covered (scenario and group) by `except_items`.
    OtherScenarios,
    /// 所有场景。不计入第…项所包含的…个人信息 — every count not contained (scenario, group and measure) in `except_items`.
    AllExcept,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    pub kind: ScopeKind,
    #[serde(default)]
    pub scenarios: Vec<String>,
    #[serde(default)]
    pub except_items: Vec<u32>,
    /// Limited items: the measures the item's data contains, when more than its bands count
    /// (e.g. "受试者个人基本资料、诊疗和健康生理信息" counts persons but contains sensitive data),
    /// so that an `all_except` item leaves them out too. Default: the bands' measures.
    #[serde(default)]
    pub contains: Vec<Measure>,
}

/// One threshold clause: "at_least" is 以上 (inclusive), "below" is 不满 (exclusive).
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// The one class of people (or kind of data) the band counts.
    #[serde(default)]
    pub group: Option<String>,
    /// Several classes the item's text names together ("车主、驾驶人、乘车人、车外人员"): one
    /// total across them. Use `group` for one.
    #[serde(default)]
    pub groups: Vec<String>,
    /// Classes counted too, though the text names another, because their people overlap
    /// (Beijing banking: 个人客户 is in both groups). An entry taken this way gets a warning.
    #[serde(default)]
    pub also_groups: Vec<String>,
    pub measure: Measure,
    #[serde(default)]
    pub at_least: Option<u64>,
    #[serde(default)]
    pub below: Option<u64>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ExceptionKind {
    /// "…的除外" / 适用说明 carve-outs written into the item.
    Exception,
    /// A quantitative or factual qualifier of the item's text, asked as a question.
    Qualifier,
    /// A carve-out whose words can be read two ways, under one of which the data the question
    /// describes is still in the item (Beijing 贸易物流 item 2's "……外的数据除外"). Asked, but an
    /// affirmed answer does not clear the item: the engine keeps it and warns (the stricter
    /// reading, README "Readings we chose").
    Ambiguous,
    /// A carve-out that takes data out of a contract-tier item because it is graver (e.g. it
    /// reaches the "serious harm" level of the health-data grading rules): affirming it makes
    /// the data important data, needing the security assessment. Never a relief.
    Escalation,
    /// Sector level: the list does not apply to this handler (the national rules decide).
    NotApplicable,
    /// Sector level: the list itself exempts the data (e.g. a demonstration-zone exemption).
    Exempt,
    /// Sector level: a condition written into the relaxed items named in `items` ("受试者个人
    /// 信息应按照《药物临床试验质量管理规范》的要求进行处理"). Until the user affirms it, those
    /// items take nobody, and their people are counted by the items that take the rest.
    Precondition,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    pub key: String,
    pub kind: ExceptionKind,
    /// The source words the exception comes from.
    pub text_zh: String,
    /// Our own English: the statement the user affirms.
    pub text_en: String,
    /// Chinese statement the user affirms (our own wording).
    pub question_zh: String,
    /// A precondition: the numbers of the items it governs.
    #[serde(default)]
    pub items: Vec<u32>,
    /// A `not_applicable` answer: the id of the sector of the same list that applies instead.
    #[serde(default)]
    pub instead: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub section: String,
    #[serde(default)]
    pub item: String,
    /// The instrument that says it, when it is not the file's own document (e.g. the baseline
    /// file's standard-contract filing duty is in the Standard Contract Measures).
    #[serde(default)]
    pub document_zh: Option<String>,
    #[serde(default)]
    pub document_en: Option<String>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectorNote {
    pub number: u32,
    pub kind: NoteKind,
    pub text_zh: String,
    pub text_en: String,
}

/// When a document-level obligation or warning is shown.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// Whenever this document's zone is chosen.
    Zone,
    /// When the zone's list decides the transfer (in zone, sector chosen).
    ListApplies,
    /// When the outcome needs a security assessment.
    SecurityAssessment,
    /// When a standard contract or certification is needed.
    StandardContract,
    /// When any personal information is counted.
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
    /// When the national rules decide (no list applies).
    NationalRules,
    /// When the export-control flag is set.
    ExportControl,
    /// When the core-data flag is set.
    NationalCoreData,
    /// Always.
    Always,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub id: String,
    pub when: When,
    pub text_zh: String,
    pub text_en: String,
    pub citation: Citation,
    #[serde(default = "yes")]
    pub confirmed: bool,
    /// `text_zh` is our summary of the source, not its words: shown marked as a summary.
    #[serde(default)]
    pub summary: bool,
    /// The deadline the note states, counted from a date of the scenario (contract: "Dated
    /// obligations"). Obligations only.
    #[serde(default)]
    pub deadline: Option<Deadline>,
    /// Conditions the note sets, each a question the user answers (a checklist); the verdict
    /// says whether all are met, which is not, or which are still open. Obligations only, and
    /// asked once the date of the note's deadline is given (the handler holds what is renewed).
    #[serde(default)]
    pub conditions: Option<Conditions>,
    /// The first day the note holds, where it comes from an instrument later than its
    /// document (a 2026 Q&A in the national rules); absent: the document's.
    #[serde(default)]
    pub in_force: Option<Day>,
    /// The last day it holds (a citation the amended law renumbered); absent: the document's.
    #[serde(default)]
    pub until: Option<Day>,
    /// The sectors it is for, as `<list>.<sector>` (an instrument on one industry's data, such
    /// as the automotive guidelines): it holds only where the scenario names one of them;
    /// absent: for every sector and none.
    #[serde(default)]
    pub sectors: Vec<String>,
}

/// A checklist of conditions an obligation sets ("同时符合下列条件的，可以…"), with what follows
/// when all are met and when any is not.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conditions {
    pub met_zh: String,
    pub met_en: String,
    pub not_met_zh: String,
    pub not_met_en: String,
    pub items: Vec<Condition>,
}

/// One condition: its id (unique within the note; the scenario names it
/// `<note id>:<condition id>`) and the statement the user affirms or denies.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub id: String,
    pub text_zh: String,
    pub text_en: String,
}

/// A date of the scenario's `dates` that a deadline runs from.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DateField {
    /// The standard contract takes effect (标准合同生效之日).
    ContractEffective,
    /// The security assessment result is issued (评估结果出具之日).
    AssessmentIssued,
    /// The certification certificate is issued.
    CertificationIssued,
    /// The handler starts to export (e.g. under a zone's negative list).
    TransferStart,
    /// This year's count since 1 January reached the security-assessment band (the January
    /// 2026 Q&A: the assessment is needed from then on).
    AssessmentBandReached,
}

/// A deadline as a note states it: from a scenario date, a number of working days after it
/// (`working_days`), or a validity of `years`; with `window_before_expiry_working_days`, the
/// window of that many working days before the validity's last day. The lint checks that the
/// keys make one of these three.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    pub from: DateField,
    #[serde(default)]
    pub working_days: Option<u32>,
    #[serde(default)]
    pub years: Option<u32>,
    #[serde(default)]
    pub window_before_expiry_working_days: Option<u32>,
    /// Falls due on the date itself (an obligation that starts that day).
    #[serde(default)]
    pub on_the_day: bool,
    /// What falls due, in a few words (a calendar entry's title).
    pub label_zh: String,
    pub label_en: String,
}

/// The working-day calendar: one `[[years]]` per State Council holiday notice.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarFile {
    pub calendar: CalendarMeta,
    pub years: Vec<NoticeYear>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarMeta {
    pub id: String,
    pub title_zh: String,
    pub title_en: String,
    /// File name in `shared/sources/`.
    pub source: String,
}

/// One year's notice (国务院办公厅关于某年部分节假日安排的通知).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeYear {
    pub year: i32,
    /// The notice: its references (URLs) as the source gives them.
    pub notice: Vec<String>,
    /// Days off (放假), YYYY-MM-DD, weekends inside a holiday included.
    pub off_days: Vec<String>,
    /// Adjusted working days (调休上班): Saturdays and Sundays worked.
    pub working_days: Vec<String>,
}

/// A day written YYYY-MM-DD, as (year, month, day), or `None` when it is not a day of the
/// Gregorian calendar.
pub fn ymd(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !s.bytes().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit()) {
        return None;
    }
    let (y, m, d) = (s[0..4].parse().ok()?, s[5..7].parse().ok()?, s[8..10].parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    (y >= 1 && (1..=12).contains(&m) && d >= 1 && d <= days[(m - 1) as usize]).then_some((y, m, d))
}

/// Day of the week of a valid date, 0 = Monday … 6 = Sunday (for the lint of adjusted working
/// days, which are weekend days).
pub fn weekday(y: i32, m: u32, d: u32) -> u32 {
    // Days from civil (H. Hinnant), 1970-01-01 = 0, a Thursday.
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    (days + 3).rem_euclid(7) as u32
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    pub id: String,
    pub term_zh: String,
    pub term_en: String,
    pub text_zh: String,
    pub text_en: String,
    pub citation: Citation,
    #[serde(default = "yes")]
    pub confirmed: bool,
    /// `text_zh` is our summary of the source, not its words: shown marked as a summary.
    #[serde(default)]
    pub summary: bool,
}

/// A checklist of the materials to prepare, shown when its `when` holds (as an obligation's).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    pub id: String,
    pub when: When,
    pub title_zh: String,
    pub title_en: String,
    /// The instrument that lists the materials (`document_zh`/`document_en` when not the file's own).
    pub citation: Citation,
    #[serde(default = "yes")]
    pub confirmed: bool,
    /// The items are our summary, not the source's words: shown marked as a summary.
    #[serde(default)]
    pub summary: bool,
    /// What decides in the end (the current edition of a guide, a body's rules…).
    #[serde(default)]
    pub caveat_zh: String,
    #[serde(default)]
    pub caveat_en: String,
    /// At least one (the lint says so, rather than the parser).
    #[serde(default)]
    pub items: Vec<Material>,
    /// The first day the checklist holds, where its instrument is later than its document (the
    /// Certification Measures in the national rules); absent: the document's.
    #[serde(default)]
    pub in_force: Option<Day>,
}

/// One material of a checklist; `id` is a slug unique within its checklist (a tick is kept by
/// checklist id and item id).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Material {
    pub id: String,
    pub text_zh: String,
    pub text_en: String,
}
