//! The scenario a user describes (contract: "Scenario (input), schema 1") and its validation
//! against the catalogue. Every error names the JSON path of the offending field.
use crate::calendar::Date;
use crate::catalogue::{self, Article, DateField, Document, Exception, Item, Sector};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The scenario schema this engine reads and writes.
pub const SCHEMA: u32 = 1;

/// A number of natural persons: whole and never negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
pub struct Count(pub u64);

/// Largest count accepted: more people than exist is a typing error.
pub const MAX_COUNT: u64 = 10_000_000_000;

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(COUNT_EXPECTED)
            }
            // Through serde's `invalid_value`, never a message of ours: the reader words it
            // (`crate::tree`: "expected a whole number of persons, 0 or more, found -5") and
            // writes the number, so no float formatting is needed here.
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Count, E> {
                if v > MAX_COUNT {
                    return Err(E::invalid_value(serde::de::Unexpected::Unsigned(v), &UpToMax));
                }
                Ok(Count(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Count, E> {
                if v < 0 {
                    return Err(E::invalid_value(serde::de::Unexpected::Signed(v), &self));
                }
                self.visit_u64(v as u64)
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Count, E> {
                if v.fract() == 0.0 && (0.0..=MAX_COUNT as f64).contains(&v) {
                    return Ok(Count(v as u64));
                }
                Err(E::invalid_value(serde::de::Unexpected::Float(v), &self))
            }
        }
        d.deserialize_any(V)
    }
}

/// What a count is (serde's "expected …" of `Count`).
pub const COUNT_EXPECTED: &str = "a whole number of persons, 0 or more";

/// A count above `MAX_COUNT`: "expected a whole number of persons up to 10000000000".
struct UpToMax;

impl serde::de::Expected for UpToMax {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a whole number of persons up to {MAX_COUNT}")
    }
}

/// The exempt situations of the 2024 Provisions (Arts. 3, 4, 5(1)(1)-(3)), never counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Art. 5(1)(1): necessary to conclude or perform a contract to which the person is a party.
    Contract,
    /// Art. 5(1)(2): cross-border HR management under lawful labour rules and collective contracts.
    Hr,
    /// Art. 5(1)(3): emergencies, to protect a person's life, health or property.
    Emergency,
    /// Art. 4: collected and produced abroad, processed here with nothing domestic added.
    CollectedAbroad,
    /// Art. 3: trade, transport, academic, manufacturing or marketing data without PI or important data.
    NoPersonalData,
    /// Not a national exemption: the situation some items leave out by reference to industry
    /// standards or guidance (Beijing banking 4-7, 9-12: "行业标准规范或指导文件规定情形").
    /// Every item and rule that does not name it counts the entry.
    IndustryStandard,
}

impl Basis {
    pub const ALL: [Basis; 6] = [Basis::Contract, Basis::Hr, Basis::Emergency, Basis::CollectedAbroad, Basis::NoPersonalData, Basis::IndustryStandard];
    /// One of the Provisions' exempt situations (Arts. 3, 4, 5(1)(1)-(3)), never counted.
    pub const fn exempt_nationally(self) -> bool {
        !matches!(self, Basis::IndustryStandard)
    }
    /// Exemptions that hold only as far as the transfer is truly needed (确需).
    /// The exemption's own conditions beyond necessity, said in a warning when it is chosen
    /// (`say::Caution::BasisConditions`): Art. 5(1)(2)'s labour rules and collective contract,
    /// employees only; Art. 4's "nothing domestic brought in".
    pub const fn has_conditions(self) -> bool {
        matches!(self, Basis::Hr | Basis::CollectedAbroad)
    }
    pub const fn needs_necessity(self) -> bool {
        matches!(self, Basis::Contract | Basis::Hr | Basis::Emergency)
    }
    pub const fn article(self) -> Article {
        match self {
            Basis::Contract => Article::Art5_1_1,
            Basis::Hr => Article::Art5_1_2,
            Basis::Emergency => Article::Art5_1_3,
            Basis::CollectedAbroad => Article::Art4,
            Basis::NoPersonalData => Article::Art3,
            Basis::IndustryStandard => Article::IndustryStandard,
        }
    }
    pub const fn code(self) -> &'static str {
        match self {
            Basis::Contract => "contract",
            Basis::Hr => "hr",
            Basis::Emergency => "emergency",
            Basis::CollectedAbroad => "collected_abroad",
            Basis::NoPersonalData => "no_personal_data",
            Basis::IndustryStandard => "industry_standard",
        }
    }
    pub fn from_code(s: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|b| b.code() == s)
    }
    pub const fn name_zh(self) -> &'static str {
        match self {
            Basis::Contract => "为订立、履行个人作为一方当事人的合同所必需（第五条第一款第一项）",
            Basis::Hr => "按照依法制定的劳动规章制度和依法签订的集体合同实施跨境人力资源管理，确需提供员工个人信息（第五条第一款第二项）",
            Basis::Emergency => "紧急情况下保护自然人生命健康和财产安全（第五条第一款第三项）",
            Basis::CollectedAbroad => "境外收集和产生、境内处理后向境外提供，处理中未引入境内个人信息或重要数据（第四条）",
            Basis::NoPersonalData => "不含个人信息或重要数据的业务数据（第三条）",
            Basis::IndustryStandard => "行业标准规范或指导文件规定情形（部分清单条目不计入）",
        }
    }
    pub const fn name_en(self) -> &'static str {
        match self {
            Basis::Contract => "Necessary for a contract the person is party to (Art. 5(1)(1))",
            Basis::Hr => "Cross-border HR management under lawfully made labour rules and a lawfully signed collective contract, employees' information truly needed (Art. 5(1)(2))",
            Basis::Emergency => "Emergency protecting life, health or property (Art. 5(1)(3))",
            Basis::CollectedAbroad => "Collected and generated abroad, processed here and provided abroad, with no domestic personal information or important data brought in (Art. 4)",
            Basis::NoPersonalData => "Business data without PI or important data (Art. 3)",
            Basis::IndustryStandard => "A situation set by industry standards or guidance (left out only by the items that name it)",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Handler {
    /// Registered in, or carrying on business in, the zone whose list is named.
    pub in_zone: bool,
    /// A critical information infrastructure operator.
    pub ciio: bool,
}

/// One group of people whose personal information goes abroad this year.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PiEntry {
    #[serde(default)]
    pub scenario: Option<String>,
    #[serde(default)]
    pub group: Option<String>,
    pub persons: Count,
    pub sensitive_persons: Count,
    #[serde(default)]
    pub basis: Option<Basis>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Flags {
    #[serde(default)]
    pub national_core_data: bool,
    #[serde(default)]
    pub export_control: bool,
}

/// The contract's scenario, schema 1.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub schema: u32,
    #[serde(default)]
    pub list: Option<String>,
    #[serde(default)]
    pub sector: Option<String>,
    pub handler: Handler,
    #[serde(default)]
    pub important_data: Vec<String>,
    #[serde(default)]
    pub notified_important_data: bool,
    #[serde(default)]
    pub item_exceptions: Vec<String>,
    #[serde(default)]
    pub personal_information: Vec<PiEntry>,
    #[serde(default)]
    pub flags: Flags,
    /// Extension: the handler's zone, when it differs from the list's (a handler referring to
    /// another zone's published list) or when the zone has no list of its own (Guangdong).
    /// Null: the zone of `list`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// Extension (contract: "Dated obligations"): the days deadlines run from.
    #[serde(default, skip_serializing_if = "Dates::is_empty")]
    pub dates: Dates,
    /// Extension: the user's answers to the conditions an obligation sets (the renewal check of
    /// an assessment result), keyed `<obligation id>:<condition id>` as the catalogue names
    /// them; `true` met, `false` not met, absent not yet answered.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub conditions: BTreeMap<String, bool>,
    /// Questions the user cannot answer yet (contract: "Unknown answers and conditional
    /// verdicts"); the scenario's own value for each is ignored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<String>,
    /// Extension: the matter the check belongs to, for the record (printed, kept in the link);
    /// it never decides anything.
    #[serde(default, skip_serializing_if = "Matter::is_empty")]
    pub matter: Matter,
    /// Contract: "Rules as of a date": the day whose rules decide (`YYYY-MM-DD`); absent, the
    /// day of evaluation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

/// The matter a check is for: what a filed record names. Free text, each field at most
/// `Matter::MAX_CHARS` characters; `date` is a day (`YYYY-MM-DD`) when given.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Matter {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub recipient: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub country: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub purpose: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prepared_by: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
}

impl Matter {
    pub const MAX_CHARS: usize = 200;
    /// The field names, in the record's order.
    pub const FIELDS: [&'static str; 6] = ["name", "recipient", "country", "purpose", "prepared_by", "date"];

    pub fn is_empty(&self) -> bool {
        self.fields().iter().all(|f| f.is_empty())
    }

    /// The fields in `FIELDS` order.
    pub fn fields(&self) -> [&String; 6] {
        [&self.name, &self.recipient, &self.country, &self.purpose, &self.prepared_by, &self.date]
    }

    pub fn fields_mut(&mut self) -> [&mut String; 6] {
        [&mut self.name, &mut self.recipient, &mut self.country, &mut self.purpose, &mut self.prepared_by, &mut self.date]
    }

    /// Checks lengths, control characters and the date; the error names `matter.<field>`.
    fn check(&self) -> Result<(), InputError> {
        for (name, v) in Matter::FIELDS.iter().zip(self.fields()) {
            // The path is written only for an error (resolve runs once per combination of answers).
            let path = || format!("matter.{name}");
            if v.chars().count() > Matter::MAX_CHARS {
                return Err(too_many(path(), Matter::MAX_CHARS, Some(v.chars().count()), format!("expected at most {} characters, found {}", Matter::MAX_CHARS, v.chars().count())));
            }
            if v.chars().any(|c| c.is_control()) {
                let kind = InputErrorKind::Invalid { expected: "one line of text".into(), found: Found::Other("a control character".into()) };
                return Err(err(path(), kind, "expected one line of text, found a control character"));
            }
        }
        if !self.date.is_empty() && Date::parse(&self.date).is_err() {
            let kind = InputErrorKind::Date { found: crate::text::clip(&self.date, 40).to_string() };
            return Err(err("matter.date", kind, format!("expected a date YYYY-MM-DD, found \"{}\"", crate::text::clip(&self.date, 40))));
        }
        Ok(())
    }
}

/// The days the deadlines of the verdict's obligations run from (contract: "Dated
/// obligations"), each `"YYYY-MM-DD"` or absent. Kept as written; `Scenario::resolve` reads
/// them, and an error names the field (`dates.contract_effective`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Dates {
    /// The standard contract takes effect (filing: 10 working days after).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_effective: Option<String>,
    /// The security assessment result is issued (valid 3 years).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment_issued: Option<String>,
    /// The personal-information protection certificate is issued (valid 3 years).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certification_issued: Option<String>,
    /// The handler starts to export (Chongqing: report 15 working days after).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_start: Option<String>,
    /// This year's count reached the security-assessment band (the assessment is needed from
    /// that day: January 2026 Q&A).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment_band_reached: Option<String>,
}

impl Dates {
    pub fn is_empty(&self) -> bool {
        DateField::ALL.iter().all(|f| self.get(*f).is_none())
    }

    /// The text given for a date.
    pub fn get(&self, f: DateField) -> Option<&str> {
        self.slot(f).as_deref()
    }

    fn slot(&self, f: DateField) -> &Option<String> {
        match f {
            DateField::ContractEffective => &self.contract_effective,
            DateField::AssessmentIssued => &self.assessment_issued,
            DateField::CertificationIssued => &self.certification_issued,
            DateField::TransferStart => &self.transfer_start,
            DateField::AssessmentBandReached => &self.assessment_band_reached,
        }
    }

    pub fn set(&mut self, f: DateField, value: Option<String>) {
        *match f {
            DateField::ContractEffective => &mut self.contract_effective,
            DateField::AssessmentIssued => &mut self.assessment_issued,
            DateField::CertificationIssued => &mut self.certification_issued,
            DateField::TransferStart => &mut self.transfer_start,
            DateField::AssessmentBandReached => &mut self.assessment_band_reached,
        } = value;
    }
}

/// The scenario's dates, read: a real day or none, for each field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KnownDates([Option<Date>; DateField::ALL.len()]);

impl KnownDates {
    pub fn get(&self, f: DateField) -> Option<Date> {
        self.0[f as usize]
    }

    /// Reads each date; the error names the first that is not a day written `YYYY-MM-DD`.
    pub fn read(d: &Dates) -> Result<KnownDates, InputError> {
        let mut out = KnownDates::default();
        for f in DateField::ALL {
            if let Some(text) = d.get(f) {
                out.0[f as usize] = Some(Date::parse(text).map_err(|e| bad_date(format!("dates.{}", f.key()), text, e))?);
            }
        }
        Ok(out)
    }

    /// The latest of the dates given, if any.
    pub fn latest(&self) -> Option<Date> {
        self.0.iter().flatten().max().copied()
    }
}

pub use crate::input_error::{Among, CountProblem, Found, InputError, InputErrorKind, SchemaProblem, SectorRef};

fn err(path: impl Into<String>, kind: InputErrorKind, message: impl Into<String>) -> InputError {
    InputError::new(path, kind, message)
}

fn too_many(path: impl Into<String>, max: usize, found: Option<usize>, message: impl Into<String>) -> InputError {
    err(path, InputErrorKind::TooMany { max, found }, message)
}

fn unknown_id(path: impl Into<String>, found: &str, among: Among, message: impl Into<String>) -> InputError {
    err(path, InputErrorKind::UnknownId { found: found.to_string(), among }, message)
}

fn needs_list(path: impl Into<String>, sector_too: bool, message: impl Into<String>) -> InputError {
    err(path, InputErrorKind::NeedsList { sector_too }, message)
}

fn repeated(path: impl Into<String>, found: &str, message: impl Into<String>) -> InputError {
    err(path, InputErrorKind::Repeated { found: found.to_string() }, message)
}

/// A date that is not a day written `YYYY-MM-DD`, named by its field.
fn bad_date(path: impl Into<String>, text: &str, e: crate::calendar::DateError) -> InputError {
    err(path, InputErrorKind::Date { found: crate::text::clip(text, 40).to_string() }, e.to_string())
}

/// Most entries and ids a scenario may hold (a bound for permalinks and the UI).
pub const MAX_ENTRIES: usize = 64;
pub const MAX_IDS: usize = 256;

/// A scenario checked against the catalogue, with its references resolved.
#[derive(Debug)]
pub struct Resolved<'a> {
    pub scenario: &'a Scenario,
    pub list: Option<&'static Document>,
    /// The handler's zone: `zone`, else the list's.
    pub zone: Option<&'static str>,
    pub sector: Option<&'static Sector>,
    pub items: Vec<&'static Item>,
    /// Affirmed exceptions with the item they belong to (None: sector level).
    pub exceptions: Vec<(&'static Exception, Option<&'static Item>)>,
    /// The dates, read.
    pub dates: KnownDates,
    /// The answered conditions, with the obligation that sets them.
    pub answers: Vec<Answer>,
    /// The questions named unknown, in the order given.
    pub unknown: Vec<Question>,
    /// The day whose rules decide: `as_of`, else the day of evaluation (`crate::edition`).
    pub as_of: Date,
    /// The list and zone measures the scenario asks about that are not in force on `as_of`,
    /// where the caller lets the national rules decide then (the register:
    /// `edition::Coverage::NationalWhereLapsed`); always empty otherwise.
    pub lapsed: Vec<&'static Document>,
    /// Who the entries' people are, where known (the register): counts are then unions, not
    /// sums (`threshold::Overlaps`). `resolve` leaves it unset.
    pub overlaps: Option<&'a dyn crate::threshold::Overlaps>,
}

/// A question a scenario may leave open (contract: "Unknown answers").
#[derive(Debug, Clone, Copy)]
pub enum Question {
    InZone,
    Ciio,
    Notified,
    CoreData,
    ExportControl,
    /// "The data may contain this item."
    Item(&'static Item),
    /// "This exception, qualifier or sector-level answer may hold."
    Exception(&'static Exception),
    /// "Which of the sector's groups does this row of personal information belong to?" (the
    /// row's index): answered by one of the groups, or none of them.
    Group(usize, &'static Sector),
}

/// One answer to an open question, as a branch assumes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assumed {
    Yes,
    No,
    /// The row is in this group (None: in none of the groups the list names).
    Group(Option<&'static str>),
}

/// Two questions are the same when they ask the same thing (items and exceptions by id).
impl PartialEq for Question {
    fn eq(&self, other: &Question) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other) && self.id() == other.id()
    }
}

impl Eq for Question {}

impl Question {
    /// The handler's and the data's questions (not an item's or an exception's).
    pub const FIXED: [Question; 5] = [Question::InZone, Question::Ciio, Question::Notified, Question::CoreData, Question::ExportControl];

    /// The contract's question id.
    pub fn id(self) -> std::borrow::Cow<'static, str> {
        match self {
            Question::Item(i) => i.id.into(),
            Question::Exception(e) => e.id.into(),
            Question::InZone => FIXED_IDS[0].into(),
            Question::Ciio => FIXED_IDS[1].into(),
            Question::Notified => FIXED_IDS[2].into(),
            Question::CoreData => FIXED_IDS[3].into(),
            Question::ExportControl => FIXED_IDS[4].into(),
            Question::Group(row, _) => format!("personal_information[{row}].group").into(),
        }
    }

    /// The answers it can take, the first assumed first: yes then no; each group in the
    /// sector's order, then none of them.
    pub fn answers(self) -> Vec<Assumed> {
        match self {
            Question::Group(_, sec) => sec.groups.iter().map(|g| Assumed::Group(Some(g.id))).chain([Assumed::Group(None)]).collect(),
            _ => vec![Assumed::Yes, Assumed::No],
        }
    }
}

/// The row of a group question id, `personal_information[N].group`.
pub fn group_question_row(id: &str) -> Option<usize> {
    let n = id.strip_prefix("personal_information[")?.strip_suffix("].group")?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) || (n.len() > 1 && n.starts_with('0')) {
        return None;
    }
    n.parse().ok()
}

/// The contract ids of `Question::FIXED`, in its order.
pub const FIXED_IDS: [&str; 5] = ["handler.in_zone", "handler.ciio", "notified_important_data", "flags.national_core_data", "flags.export_control"];

/// Most questions a scenario may leave open (2^8 combinations are evaluated).
pub const MAX_UNKNOWN: usize = 8;

/// The user's answer to one condition of an obligation.
#[derive(Debug, Clone, Copy)]
pub struct Answer {
    pub note: &'static catalogue::Note,
    pub condition: &'static catalogue::Condition,
    pub met: bool,
}

impl Scenario {
    /// An empty scenario of the current schema.
    pub fn new() -> Scenario {
        Scenario { schema: SCHEMA, ..Default::default() }
    }

    /// Checks every reference and number; the error names the first offending field.
    /// Resolves on the rules' own day when `as_of` is absent (`edition::rules_day`).
    pub fn resolve(&self) -> Result<Resolved<'_>, InputError> {
        self.resolve_on(crate::edition::rules_day())
    }

    /// Checks the scenario against the catalogue; `today` is the day of evaluation, used when
    /// `as_of` is absent.
    pub fn resolve_on(&self, today: Date) -> Result<Resolved<'_>, InputError> {
        self.resolve_at(today, crate::edition::Coverage::Strict)
    }

    /// [`Scenario::resolve_on`], with what a day outside an edition does: an error, or (the
    /// register) the lapsed documents kept in `Resolved::lapsed` for the national rules to
    /// decide, the zone left without measures where its measures lapsed.
    pub(crate) fn resolve_at(&self, today: Date, coverage: crate::edition::Coverage) -> Result<Resolved<'_>, InputError> {
        if self.schema != SCHEMA {
            return Err(if self.schema > SCHEMA {
                err("schema", InputErrorKind::Schema(SchemaProblem::Newer(self.schema.into())), format!("expected {SCHEMA}; this scenario uses schema {}, from a newer version of xborder", self.schema))
            } else {
                err("schema", InputErrorKind::Schema(SchemaProblem::Wrong(self.schema.to_string())), format!("expected {SCHEMA}, found {}", self.schema))
            });
        }
        let list = match &self.list {
            None => None,
            Some(id) => Some(catalogue::list(id).ok_or_else(|| {
                let known: Vec<_> = catalogue::lists().map(|d| d.id).collect();
                unknown_id("list", id, Among::Lists, format!("expected a list id ({}) or null, found \"{id}\"", known.join(", ")))
            })?),
        };
        let zone = match &self.zone {
            None => list.map(|l| l.zone),
            Some(z) => Some(catalogue::zone(z).ok_or_else(|| {
                let known: Vec<_> = catalogue::zones().collect();
                unknown_id("zone", z, Among::Zones, format!("expected a zone ({}) or null, found \"{z}\"", known.join(", ")))
            })?),
        };
        let as_of = match &self.as_of {
            None => today,
            Some(text) => Date::parse(text).map_err(|e| bad_date("as_of", text, e))?,
        };
        let lapsed = match coverage {
            crate::edition::Coverage::Strict => Vec::new(),
            crate::edition::Coverage::NationalWhereLapsed => crate::edition::lapsed(as_of, list, zone),
        };
        let measures_lapsed = lapsed.iter().any(|d| d.kind == catalogue::DocKind::Measures);
        let zone = zone.filter(|_| !measures_lapsed);
        crate::edition::check(as_of, self.as_of.is_some(), list.filter(|l| !lapsed.iter().any(|d| d.id == l.id)), zone)?;
        let at = |sec: &'static Sector| SectorRef { list: list.map_or("", |l| l.id), sector: sec.id };
        let sector = match (&self.sector, list) {
            (None, _) => None,
            (Some(s), None) => return Err(needs_list("sector", false, format!("sector \"{s}\" needs a list: set `list` or make `sector` null"))),
            (Some(s), Some(l)) => Some(l.sector(s).ok_or_else(|| {
                let known: Vec<_> = l.sectors.iter().map(|x| x.id).collect();
                unknown_id("sector", s, Among::Sectors { list: l.id }, format!("expected a sector of list {} ({}) or null, found \"{s}\"", l.id, known.join(", ")))
            })?),
        };
        if self.important_data.len() > MAX_IDS {
            return Err(too_many("important_data", MAX_IDS, Some(self.important_data.len()), format!("expected at most {MAX_IDS} items")));
        }
        if self.item_exceptions.len() > MAX_IDS {
            return Err(too_many("item_exceptions", MAX_IDS, Some(self.item_exceptions.len()), format!("expected at most {MAX_IDS} exceptions")));
        }
        if self.personal_information.len() > MAX_ENTRIES {
            return Err(too_many("personal_information", MAX_ENTRIES, Some(self.personal_information.len()), format!("expected at most {MAX_ENTRIES} groups")));
        }
        let mut items = Vec::new();
        for (i, id) in self.important_data.iter().enumerate() {
            let path = || format!("important_data[{i}]");
            let Some(sec) = sector else {
                return Err(needs_list(path(), true, format!("item \"{id}\" needs a list and sector: choose them, or leave important_data empty")));
            };
            let item = sec.item(id).ok_or_else(|| {
                unknown_id(&path(), id, Among::Items(at(sec)), format!("expected an important-data item id of sector {} (e.g. \"{}\"), found \"{id}\"", sec.id, sec.items.first().map(|x| x.id).unwrap_or("")))
            })?;
            if item.kind != catalogue::Kind::ImportantData {
                return Err(err(path(), InputErrorKind::WrongItemKind { found: id.clone() }, format!("\"{id}\" is a personal-information clause; describe people in personal_information instead")));
            }
            if items.iter().any(|x: &&Item| x.id == item.id) {
                return Err(repeated(path(), id, format!("item \"{id}\" is listed twice")));
            }
            items.push(item);
        }
        let mut exceptions = Vec::new();
        for (i, id) in self.item_exceptions.iter().enumerate() {
            let path = || format!("item_exceptions[{i}]");
            let Some(sec) = sector else {
                return Err(needs_list(path(), true, format!("exception \"{id}\" needs a list and sector")));
            };
            let found = sec.exception(id).ok_or_else(|| unknown_id(&path(), id, Among::Exceptions(at(sec)), format!("expected an exception id of sector {}, found \"{id}\"", sec.id)))?;
            if exceptions.iter().any(|(e, _): &(&Exception, _)| e.id == found.0.id) {
                return Err(repeated(path(), id, format!("exception \"{id}\" is listed twice")));
            }
            exceptions.push(found);
        }
        for (i, e) in self.personal_information.iter().enumerate() {
            if e.basis == Some(Basis::NoPersonalData) && e.persons.0 > 0 {
                return Err(err(
                    format!("personal_information[{i}].basis"),
                    InputErrorKind::Count(CountProblem::NoPersonalDataWithPersons { persons: e.persons.0 }),
                    format!("`no_personal_data` (Provisions Art. 3) is for data that holds no personal information, but this group has {} persons: choose another basis, or null", e.persons.0),
                ));
            }
            if e.sensitive_persons > e.persons {
                return Err(err(
                    format!("personal_information[{i}].sensitive_persons"),
                    InputErrorKind::Count(CountProblem::SensitiveAbovePersons { persons: e.persons.0, sensitive: e.sensitive_persons.0 }),
                    format!("expected at most `persons` ({}): sensitive persons are counted among the persons, found {}", e.persons.0, e.sensitive_persons.0),
                ));
            }
            if let Some(s) = &e.scenario {
                let Some(sec) = sector else {
                    return Err(needs_list(format!("personal_information[{i}].scenario"), true, format!("scenario \"{s}\" needs a list and sector, or null")));
                };
                if sec.scenario(s).is_none() {
                    let known: Vec<_> = sec.scenarios.iter().map(|x| x.id).collect();
                    return Err(unknown_id(format!("personal_information[{i}].scenario"), s, Among::Scenarios(at(sec)), format!("expected a scenario of sector {} ({}) or null, found \"{s}\"", sec.id, known.join(", "))));
                }
            }
            if let Some(g) = &e.group {
                let Some(sec) = sector else {
                    return Err(needs_list(format!("personal_information[{i}].group"), true, format!("group \"{g}\" needs a list and sector, or null")));
                };
                if sec.group(g).is_none() {
                    let known: Vec<_> = sec.groups.iter().map(|x| x.id).collect();
                    let hint = if known.is_empty() { "this sector draws no line between groups: use null".to_string() } else { known.join(", ") };
                    return Err(unknown_id(format!("personal_information[{i}].group"), g, Among::Groups(at(sec)), format!("expected a group of sector {} ({hint}) or null, found \"{g}\"", sec.id)));
                }
            }
        }
        let dates = KnownDates::read(&self.dates)?;
        if self.conditions.len() > MAX_ENTRIES {
            return Err(too_many("conditions", MAX_ENTRIES, Some(self.conditions.len()), format!("expected at most {MAX_ENTRIES} answers")));
        }
        let mut answers = Vec::new();
        for (key, &met) in &self.conditions {
            let (note, condition) = catalogue::condition(key).ok_or_else(|| {
                let known: Vec<String> = catalogue::conditions().map(|(n, c)| format!("{}:{}", n.id, c.id)).collect();
                unknown_id(format!("conditions.{key}"), key, Among::Conditions, format!("expected a condition of an obligation ({}), found \"{key}\"", known.join(", ")))
            })?;
            answers.push(Answer { note, condition, met });
        }
        self.matter.check()?;
        let mut unknown: Vec<Question> = Vec::new();
        for (i, id) in self.unknown.iter().enumerate() {
            let path = || format!("unknown[{i}]");
            if i >= MAX_UNKNOWN {
                return Err(too_many(path(), MAX_UNKNOWN, Some(self.unknown.len()), format!("expected at most {MAX_UNKNOWN} unknown questions: answer some first")));
            }
            if let Some(row) = group_question_row(id) {
                let q = self.group_question(row).map_err(|(kind, m)| err(&path(), kind, m))?;
                if unknown.contains(&q) {
                    return Err(repeated(path(), id, format!("\"{id}\" is listed twice")));
                }
                unknown.push(q);
                continue;
            }
            let q = Question::FIXED
                .into_iter()
                .find(|q| q.id() == id.as_str())
                .or_else(|| {
                    let sec = sector?;
                    match sec.item(id) {
                        Some(item) if item.kind == catalogue::Kind::ImportantData => Some(Question::Item(item)),
                        Some(_) => None,
                        None => sec.exception(id).map(|(e, _)| Question::Exception(e)),
                    }
                })
                .ok_or_else(|| {
                    let fixed: Vec<_> = Question::FIXED.iter().map(|q| q.id()).collect();
                    let more = if sector.is_some() {
                        ", an important-data item id, an exception id of the sector, or personal_information[N].group"
                    } else {
                        " (items and exceptions need a list and sector)"
                    };
                    unknown_id(&path(), id, Among::Questions(sector.map(at)), format!("expected a question id ({}{more}), found \"{id}\"", fixed.join(", ")))
                })?;
            if unknown.contains(&q) {
                return Err(repeated(path(), id, format!("\"{id}\" is listed twice")));
            }
            unknown.push(q);
        }
        if self.open_combinations() > MAX_COMBINATIONS {
            return Err(too_many("unknown", MAX_COMBINATIONS, Some(self.open_combinations()), format!("these open questions leave {} combinations of answers; at most {MAX_COMBINATIONS}: answer some first", self.open_combinations())));
        }
        Ok(Resolved { scenario: self, list, zone, sector, items, exceptions, dates, answers, unknown, as_of, lapsed, overlaps: None })
    }

    /// The sector the scenario names, if the catalogue has it.
    pub fn sector_ref(&self) -> Option<&'static Sector> {
        self.list.as_deref().zip(self.sector.as_deref()).and_then(|(l, s)| catalogue::list(l)?.sector(s))
    }

    /// The question "which group is row `row` in?", if the row's sector names groups.
    fn group_question(&self, row: usize) -> Result<Question, (InputErrorKind, String)> {
        let id = format!("personal_information[{row}].group");
        let Some(_) = self.personal_information.get(row) else {
            return Err((InputErrorKind::UnknownId { found: id, among: Among::Rows(self.personal_information.len()) }, format!("there is no personal_information[{row}] (the scenario has {} groups of people)", self.personal_information.len())));
        };
        match self.sector_ref() {
            Some(sec) if !sec.groups.is_empty() => Ok(Question::Group(row, sec)),
            Some(sec) => Err((InputErrorKind::UnknownId { found: id, among: Among::Groups(SectorRef { list: self.list.as_deref().and_then(catalogue::list).map_or("", |l| l.id), sector: sec.id }) }, format!("sector {} draws no line between groups: there is nothing to ask", sec.id))),
            None => Err((InputErrorKind::NeedsList { sector_too: true }, "a group needs a list and sector".into())),
        }
    }
}

/// Most combinations of answers an evaluation tries.
pub const MAX_COMBINATIONS: usize = 1024;

impl Scenario {
    /// How many combinations of answers the open questions leave: two for a yes/no question,
    /// each group of the sector and "none" for a group question (`Question::answers`).
    pub fn open_combinations(&self) -> usize {
        let groups = self.sector_ref().map_or(0, |sec| sec.groups.len());
        self.unknown.iter().map(|q| if group_question_row(q).is_some() { groups + 1 } else { 2 }).product()
    }

    /// More questions open than an evaluation tries (`MAX_UNKNOWN`, `MAX_COMBINATIONS`).
    pub fn too_many_open(&self) -> bool {
        self.unknown.len() > MAX_UNKNOWN || self.open_combinations() > MAX_COMBINATIONS
    }
}

impl PiEntry {
    pub fn count(&self, m: catalogue::Measure) -> u64 {
        match m {
            catalogue::Measure::Persons => self.persons.0,
            catalogue::Measure::SensitivePersons => self.sensitive_persons.0,
        }
    }
}
