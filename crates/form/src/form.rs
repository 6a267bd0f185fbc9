//! The working form, its conversion to and from the core's `Scenario`, the checks the form
//! makes before asking the core (numbers as typed), and the reducer. No legal logic here:
//! the verdict always comes from `xborder_core::evaluate`.
use crate::lang::Lang;
use crate::zone;
use std::collections::BTreeMap;
use std::rc::Rc;
use xborder_core::calendar::Date;
use xborder_core::catalogue::{self, DateField, Document, Sector};
use xborder_core::permalink;
use xborder_core::scenario::{MAX_COMBINATIONS, MAX_COUNT, MAX_UNKNOWN};
use xborder_core::text::num;
use xborder_core::{evaluate_on, Basis, Count, PiEntry, Scenario, Verdict};

/// Largest number of groups of people the form offers (the core's bound).
pub const MAX_ROWS: usize = xborder_core::scenario::MAX_ENTRIES;

/// One group of people, with the numbers as the user typed them.
#[derive(Clone, Debug, PartialEq)]
pub struct PiRow {
    pub key: u32,
    pub scenario: Option<&'static str>,
    pub group: RowGroup,
    pub persons: String,
    pub sensitive: String,
    pub basis: Option<Basis>,
}

/// A row's group of people as the user chose it. A row starts with its group open (never
/// "none of the groups"): until it is chosen, the verdict is tried with each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowGroup {
    Open,
    NoneOfThem,
    Is(&'static str),
}

impl RowGroup {
    /// The group id the scenario carries (open rows carry none and ask).
    pub fn id(self) -> Option<&'static str> {
        match self {
            RowGroup::Is(g) => Some(g),
            _ => None,
        }
    }
}

/// The group a row in `scenario` takes by itself: the only one that scenario's items name.
fn only_group(sector: Option<&'static Sector>, scenario: Option<&'static str>) -> RowGroup {
    match sector.zip(scenario).map(|(sec, sc)| sec.groups_for(sc)).as_deref() {
        Some([only]) => RowGroup::Is(only.id),
        _ => RowGroup::Open,
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Form {
    pub zone: Option<&'static str>,
    pub in_zone: bool,
    pub ciio: bool,
    pub list: Option<&'static str>,
    pub sector: Option<&'static str>,
    /// Business scenarios the user says the transfer involves (a view filter; not in the
    /// scenario, so restored from the items and groups chosen).
    pub scenarios: Vec<&'static str>,
    pub items: Vec<&'static str>,
    /// Affirmed exceptions, qualifiers and sector-level answers.
    pub answers: Vec<&'static str>,
    pub notified: bool,
    pub pi: Vec<PiRow>,
    pub core_data: bool,
    pub export_control: bool,
    /// The days deadlines run from, in `DateField::ALL` order, as the date fields hold them.
    pub dates: [DateInput; DateField::ALL.len()],
    /// Answers to the conditions obligations set (the renewal check), keyed as the scenario's
    /// `conditions`; absent: not yet answered.
    pub conditions: BTreeMap<String, bool>,
    /// Questions the user answered "I don't know" (contract ids, in the order chosen).
    pub unknown: Vec<String>,
    /// The handler's and the data's yes/no questions the user has answered (yes, no or "I
    /// don't know"). The others are unanswered: nothing is pre-answered, and the verdict treats
    /// an unanswered question as unknown (issue 11; contract: "Unknown answers").
    pub answered: Vec<&'static str>,
    /// The record's fields (the matter), as typed.
    pub matter: xborder_core::scenario::Matter,
    /// The day whose rules decide, as the date field holds it (empty: today).
    pub as_of: DateInput,
    pub next_key: u32,
}

/// The handler's and the data's questions (contract ids), in the form's order.
const FIXED: [&str; 5] = xborder_core::scenario::FIXED_IDS;

/// The question whether the handler is in the zone chosen (contract id).
const IN_ZONE: &str = "handler.in_zone";

/// A date field as the browser gives it: its value (`YYYY-MM-DD`, or empty), and whether the
/// user left something in it that is not a whole date (the value is then empty).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct DateInput {
    pub value: String,
    pub incomplete: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PiField {
    Persons,
    Sensitive,
    /// A date of the dates step (`key` 0: no row).
    Date(DateField),
    /// The questions left open, together (`key` 0: no row).
    Open,
    /// The day whose rules decide (`key` 0: no row).
    AsOf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    NotNumber,
    Negative,
    NotWhole,
    TooLarge,
    AbovePersons,
    /// Part of a date typed, not a whole one.
    IncompleteDate,
    /// Not a date the checker can count from (a year of five digits, a day the month lacks).
    BadDate,
    /// More questions open than the checker tries at once (`MAX_UNKNOWN`, `MAX_COMBINATIONS`).
    TooManyOpen,
    /// The rules hold no edition of this document on the day (its id; `true`: the day was
    /// given, else it is today).
    NotCovered(&'static str, bool),
}

/// A number the form cannot pass on, next to its field.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    pub key: u32,
    pub row: usize,
    pub field: PiField,
    pub problem: Problem,
}

impl FieldError {
    /// The contract's JSON path of the field.
    pub fn path(&self) -> String {
        let f = match self.field {
            PiField::Persons => "persons",
            PiField::Sensitive => "sensitive_persons",
            PiField::Date(d) => return format!("dates.{}", d.key()),
            PiField::Open => return "unknown".into(),
            PiField::AsOf => return "as_of".into(),
        };
        format!("personal_information[{}].{f}", self.row)
    }

    /// The field as the page names it (never a JSON path): "Group 2 · persons".
    pub fn label(&self, l: Lang) -> String {
        match (self.field, l) {
            (PiField::Date(d), _) => date_label(d, l).into(),
            (PiField::AsOf, _) => l.t("规则适用日期", "Rules as of").into(),
            (PiField::Open, _) => l.t("尚未回答或答“不确定”的问题", "Questions not answered or answered \"I don't know\"").into(),
            (PiField::Persons, Lang::Zh) => format!("第{}组 · 人数", self.row + 1),
            (PiField::Persons, Lang::En) => format!("Group {} · persons", self.row + 1),
            (PiField::Sensitive, Lang::Zh) => format!("第{}组 · 敏感个人信息人数", self.row + 1),
            (PiField::Sensitive, Lang::En) => format!("Group {} · persons with sensitive information", self.row + 1),
        }
    }

    pub fn message(&self, l: Lang) -> String {
        let max = num(MAX_COUNT);
        match self.problem {
            Problem::NotNumber => l.t("请输入人数（整数，如 150000 或 15万）。", "Enter a number of persons (a whole number such as 150000).").into(),
            Problem::Negative => l.t("人数不能为负数。", "The number of persons cannot be negative.").into(),
            Problem::NotWhole => l.t("人数必须是整数。", "The number of persons must be a whole number.").into(),
            Problem::TooLarge => match l {
                Lang::Zh => format!("人数过大（最多 {max}）。"),
                Lang::En => format!("That is more persons than this checker accepts (at most {max})."),
            },
            Problem::AbovePersons => l
                .t("敏感个人信息人数不能超过总人数：提供了敏感个人信息的人也计入总人数。", "Cannot exceed the number of persons: people whose sensitive information is provided are counted among them.")
                .into(),
            Problem::TooManyOpen => match l {
                Lang::Zh => format!("同时未确定的问题过多（最多{MAX_UNKNOWN}个，且答案组合不超过{}种）：请先回答其中一些问题，结论随即显示。", num(MAX_COMBINATIONS as u64)),
                Lang::En => format!("Too many questions are open at once (at most {MAX_UNKNOWN}, and at most {} combinations of answers): answer some of them and the verdict appears.", num(MAX_COMBINATIONS as u64)),
            },
            Problem::NotCovered(id, given) => not_covered(id, given, l),
            Problem::IncompleteDate | Problem::BadDate => {
                let name = self.label(l);
                match (self.problem, l) {
                    (Problem::IncompleteDate, Lang::Zh) => format!("“{name}”不完整：请填写年、月、日，如 2026-09-28；或清空此项。"),
                    (Problem::IncompleteDate, Lang::En) => format!("“{name}” is not a whole date: give the year, month and day (such as 2026-09-28), or clear it."),
                    (_, Lang::Zh) => format!("“{name}”不是可以计算期限的日期：年份须为四位数（0001至9999年），且该月须有这一天。"),
                    (_, Lang::En) => format!("“{name}” is not a date the checker can count from: the year must have four digits (0001 to 9999) and the month that day."),
                }
            }
        }
    }
}

/// A day no edition covers, in words: which document, and the days it is in force.
fn not_covered(id: &str, given: bool, l: Lang) -> String {
    let Some(d) = catalogue::documents().iter().find(|d| d.id == id) else { return String::new() };
    let day = if given { l.t("所填日期", "The day given") } else { l.t("今天", "Today") };
    let span = match (d.until, l) {
        (Some(u), Lang::Zh) => format!("{}至{}", d.in_force, u),
        (Some(u), Lang::En) => format!("from {} to {}", d.in_force, u),
        (None, Lang::Zh) => format!("自{}起", d.in_force),
        (None, Lang::En) => format!("from {}", d.in_force),
    };
    match l {
        Lang::Zh => format!("{day}不在本工具所收规则的适用期间内：《{}》的适用期间为{span}。请填写该期间内的日期。", d.title_zh),
        Lang::En => format!("{day} is outside the rules this checker holds: {} applies {span}. Give a day within it.", d.title_en),
    }
}

/// Reads a count as typed: digits with any thousands separators, full-width digits, and the
/// Chinese units 万 (10,000) and 亿 (100,000,000). Empty means 0.
pub fn parse_count(text: &str) -> Result<u64, Problem> {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '０'..='９' => s.push(char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or('0')),
            '．' | '。' => s.push('.'),
            '－' | '−' => s.push('-'),
            ',' | '，' | '、' | ' ' | '\u{3000}' | '\u{a0}' | '_' | '\'' => {}
            c => s.push(c),
        }
    }
    let s = s.trim();
    if s.is_empty() {
        return Ok(0);
    }
    let (s, unit) = if let Some(x) = s.strip_suffix('万') {
        (x, 10_000u64)
    } else if let Some(x) = s.strip_suffix('亿') {
        (x, 100_000_000u64)
    } else {
        (s, 1u64)
    };
    let s = s.strip_suffix('人').unwrap_or(s);
    if let Some(rest) = s.strip_prefix('-') {
        return if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.') { Err(Problem::Negative) } else { Err(Problem::NotNumber) };
    }
    let s = s.strip_prefix('+').unwrap_or(s);
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty() && frac.is_empty() {
        return Err(Problem::NotNumber);
    }
    if !int.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
        return Err(Problem::NotNumber);
    }
    if int.len() > 12 || frac.len() > 8 {
        return Err(if frac.len() > 8 { Problem::NotWhole } else { Problem::TooLarge });
    }
    let int_v: u64 = if int.is_empty() { 0 } else { int.parse().map_err(|_| Problem::TooLarge)? };
    let frac_v: u64 = if frac.is_empty() { 0 } else { frac.parse().map_err(|_| Problem::NotNumber)? };
    let scale = 10u64.pow(frac.len() as u32);
    let whole = int_v.checked_mul(unit).ok_or(Problem::TooLarge)?;
    let part = frac_v.checked_mul(unit).ok_or(Problem::TooLarge)?;
    if part % scale != 0 {
        return Err(Problem::NotWhole);
    }
    let v = whole.checked_add(part / scale).ok_or(Problem::TooLarge)?;
    if v > MAX_COUNT {
        return Err(Problem::TooLarge);
    }
    Ok(v)
}

/// The name of a date field on the page.
pub fn date_label(d: DateField, l: Lang) -> &'static str {
    match d {
        DateField::ContractEffective => l.t("标准合同生效日期", "Standard contract took effect on"),
        DateField::AssessmentIssued => l.t("安全评估结果出具日期", "Security assessment result issued on"),
        DateField::CertificationIssued => l.t("个人信息保护认证证书颁发日期", "Certification certificate issued on"),
        DateField::TransferStart => l.t("开始数据出境日期", "Transfers started on"),
        DateField::AssessmentBandReached => l.t("当年累计人数达到安全评估门槛的日期", "This year's count reached the assessment band on"),
    }
}

impl Form {
    pub fn list_doc(&self) -> Option<&'static Document> {
        self.list.and_then(catalogue::list)
    }

    pub fn sector_ref(&self) -> Option<&'static Sector> {
        self.list_doc().and_then(|l| l.sector(self.sector?))
    }

    /// Whether the page asks this question now (an unknown it no longer shows is dropped).
    fn asks(&self, q: &str) -> bool {
        match q {
            "handler.in_zone" => self.zone.is_some(),
            "handler.ciio" | "notified_important_data" | "flags.national_core_data" | "flags.export_control" => true,
            id => self.sector_ref().is_some_and(|s| s.exception(id).is_some() || s.item(id).is_some_and(|i| i.kind == catalogue::Kind::ImportantData)),
        }
    }

    /// The handler's and the data's questions asked and not answered yet.
    pub fn unanswered(&self) -> Vec<&'static str> {
        FIXED.into_iter().filter(|q| self.asks(q) && !self.answered.contains(q) && !self.unknown.iter().any(|u| u == q)).collect()
    }

    /// Contract "Page states": nothing is described yet (no item, no personal information, no
    /// flag, not even as "I don't know"): the verdict shows the neutral start.
    pub fn describes_nothing(&self) -> bool {
        // An item or a flag the user is not sure of is described (an exception alone is not).
        let flag_unknown = self.unknown.iter().any(|q| {
            matches!(q.as_str(), "notified_important_data" | "flags.national_core_data" | "flags.export_control") || self.sector_ref().is_some_and(|s| s.item(q).is_some())
        });
        self.items.is_empty() && self.pi.is_empty() && !self.notified && !self.core_data && !self.export_control && !flag_unknown
    }

    pub fn is_empty(&self) -> bool {
        let empty = Form { next_key: self.next_key, ..Form::default() };
        *self == empty
    }

    fn row_mut(&mut self, key: u32) -> Option<&mut PiRow> {
        self.pi.iter_mut().find(|r| r.key == key)
    }

    /// Changes the row `key`, if it is still there.
    fn edit_row(&mut self, key: u32, change: impl FnOnce(&mut PiRow)) {
        if let Some(r) = self.row_mut(key) {
            change(r);
        }
    }

    pub fn new_row(&mut self) -> PiRow {
        self.next_key += 1;
        PiRow { key: self.next_key, scenario: None, group: RowGroup::Open, persons: String::new(), sensitive: String::new(), basis: None }
    }

    /// The zone to write into the scenario: only when it is not simply the list's own zone.
    fn scenario_zone(&self) -> Option<String> {
        let z = zone::zone(self.zone?)?;
        match self.list_doc() {
            Some(l) if l.zone == z.id => None,
            _ => Some(z.id.to_string()),
        }
    }

    /// The scenario the form describes, or the fields that stop it.
    pub fn to_scenario(&self) -> Result<Scenario, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut s = Scenario::new();
        s.list = self.list.map(String::from);
        s.sector = self.sector_ref().map(|x| x.id.to_string());
        s.zone = self.scenario_zone();
        s.handler.in_zone = self.zone.is_some() && self.in_zone;
        s.handler.ciio = self.ciio;
        s.notified_important_data = self.notified;
        s.flags.national_core_data = self.core_data;
        s.flags.export_control = self.export_control;
        if let Some(sec) = self.sector_ref() {
            s.important_data = sec.items.iter().filter(|i| self.items.contains(&i.id)).map(|i| i.id.to_string()).collect();
            let all = sec.exceptions.iter().chain(sec.items.iter().flat_map(|i| i.exceptions.iter()));
            s.item_exceptions = all.filter(|e| self.answers.contains(&e.id)).map(|e| e.id.to_string()).collect();
        }
        let mut open_groups = Vec::new();
        for (row, r) in self.pi.iter().enumerate() {
            let persons = parse_count(&r.persons);
            let sensitive = parse_count(&r.sensitive);
            if let Err(problem) = persons {
                errors.push(FieldError { key: r.key, row, field: PiField::Persons, problem });
            }
            if let Err(problem) = sensitive {
                errors.push(FieldError { key: r.key, row, field: PiField::Sensitive, problem });
            }
            if let (Ok(p), Ok(sv)) = (persons, sensitive) {
                if sv > p {
                    errors.push(FieldError { key: r.key, row, field: PiField::Sensitive, problem: Problem::AbovePersons });
                }
                // An open group is a question (contract: "Unknown answers"), where the list has groups.
                if r.group == RowGroup::Open && self.sector_ref().is_some_and(|sec| !sec.groups.is_empty()) {
                    open_groups.push(format!("personal_information[{}].group", s.personal_information.len()));
                }
                s.personal_information.push(PiEntry {
                    scenario: r.scenario.map(String::from),
                    group: r.group.id().map(String::from),
                    persons: Count(p),
                    sensitive_persons: Count(sv),
                    basis: r.basis,
                });
            }
        }
        for f in DateField::ALL {
            let d = &self.dates[f as usize];
            let text = d.value.trim();
            let problem = if d.incomplete && text.is_empty() {
                Some(Problem::IncompleteDate)
            } else if text.is_empty() {
                None
            } else {
                match Date::parse(text) {
                    Ok(_) => {
                        s.dates.set(f, Some(text.to_string()));
                        None
                    }
                    Err(_) => Some(Problem::BadDate),
                }
            };
            if let Some(problem) = problem {
                errors.push(FieldError { key: 0, row: 0, field: PiField::Date(f), problem });
            }
        }
        let unanswered = self.unanswered().into_iter().map(String::from);
        s.unknown = self.unknown.iter().filter(|q| self.asks(q)).cloned().chain(unanswered).chain(open_groups).collect();
        s.conditions = self.conditions.iter().filter(|(k, _)| catalogue::condition(k).is_some()).map(|(k, v)| (k.clone(), *v)).collect();
        s.matter = self.matter.clone();
        let text = self.as_of.value.trim();
        if self.as_of.incomplete && text.is_empty() {
            errors.push(FieldError { key: 0, row: 0, field: PiField::AsOf, problem: Problem::IncompleteDate });
        } else if !text.is_empty() {
            match Date::parse(text) {
                Ok(_) => s.as_of = Some(text.to_string()),
                Err(_) => errors.push(FieldError { key: 0, row: 0, field: PiField::AsOf, problem: Problem::BadDate }),
            }
        }
        if s.too_many_open() {
            errors.push(FieldError { key: 0, row: 0, field: PiField::Open, problem: Problem::TooManyOpen });
        }
        if errors.is_empty() {
            Ok(s)
        } else {
            Err(errors)
        }
    }

    /// The form for a scenario the core has resolved.
    pub fn from_scenario(s: &Scenario) -> Form {
        let mut f = Form::default();
        let list = s.list.as_deref().and_then(catalogue::list);
        f.list = list.map(|l| l.id);
        f.zone = s.zone.as_deref().and_then(zone::zone).or_else(|| list.and_then(|l| zone::zone_of_list(l.id))).map(|z| z.id);
        f.in_zone = f.zone.is_some() && s.handler.in_zone;
        f.ciio = s.handler.ciio;
        f.notified = s.notified_important_data;
        f.core_data = s.flags.national_core_data;
        f.export_control = s.flags.export_control;
        for d in DateField::ALL {
            f.dates[d as usize] = DateInput { value: s.dates.get(d).unwrap_or_default().to_string(), incomplete: false };
        }
        f.conditions = s.conditions.clone();
        f.matter = s.matter.clone();
        f.as_of = DateInput { value: s.as_of.clone().unwrap_or_default(), incomplete: false };
        // A row's open group lives in the row (its index changes as rows come and go).
        f.unknown = s.unknown.iter().filter(|q| xborder_core::scenario::group_question_row(q).is_none()).cloned().collect();
        // A scenario answers every question, its unknowns with "I don't know".
        f.answered = FIXED.to_vec();
        let sector = list.and_then(|l| l.sector(s.sector.as_deref()?));
        f.sector = sector.map(|x| x.id);
        if let Some(sec) = sector {
            f.items = s.important_data.iter().filter_map(|id| sec.item(id)).map(|i| i.id).collect();
            f.answers = s.item_exceptions.iter().filter_map(|id| sec.exception(id)).map(|(e, _)| e.id).collect();
            for i in sec.items.iter().filter(|i| f.items.contains(&i.id)) {
                if let Some(first) = i.scenarios.first().and_then(|x| sec.scenario(x)) {
                    if !f.scenarios.contains(&first.id) {
                        f.scenarios.push(first.id);
                    }
                }
            }
        }
        for (n, e) in s.personal_information.iter().enumerate() {
            let mut r = f.new_row();
            r.scenario = sector.and_then(|sec| sec.scenario(e.scenario.as_deref()?)).map(|x| x.id);
            let open = s.unknown.iter().any(|q| xborder_core::scenario::group_question_row(q) == Some(n));
            r.group = match sector.and_then(|sec| sec.group(e.group.as_deref()?)) {
                _ if open => RowGroup::Open,
                Some(g) => RowGroup::Is(g.id),
                None => RowGroup::NoneOfThem,
            };
            r.persons = num(e.persons.0);
            r.sensitive = num(e.sensitive_persons.0);
            r.basis = e.basis;
            if let Some(sc) = r.scenario {
                if !f.scenarios.contains(&sc) {
                    f.scenarios.push(sc);
                }
            }
            f.pi.push(r);
        }
        if let Some(sec) = sector {
            xborder_core::order::by_key(&mut f.scenarios, |id| sec.scenarios.iter().position(|x| x.id == *id));
        }
        f
    }

    /// Opens a permalink fragment: decoded and resolved by the core, or the reason it cannot be.
    pub fn open(fragment: &str, today: Date) -> Result<(Form, bool), Said> {
        let d = permalink::decode(fragment).map_err(|e| Said { zh: e.zh(), en: sentence(&e.to_string()) })?;
        // A day the rules do not cover opens all the same: the "Rules as of" field says why.
        match d.scenario.resolve_on(today) {
            Err(e) if e.path != "as_of" => return Err(crate::said::input_error(&e)),
            _ => {}
        }
        Ok((Form::from_scenario(&d.scenario), d.rules_changed))
    }
}

/// Whether a fragment asks for the compare view (its `v` part; page state, not scenario).
fn view_of(fragment: &str) -> bool {
    permalink::decode(fragment).is_ok_and(|d| d.view == permalink::View::Compare)
}

/// What a damaged link still holds (`xborder_core::salvage`): the fragment to open, and what
/// it leaves out, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Salvaged {
    pub fragment: String,
    pub dropped: Said,
}

impl Salvaged {
    fn of(fragment: &str) -> Option<Salvaged> {
        let s = xborder_core::salvage::salvage(fragment)?;
        let words = |zh: bool| s.dropped.iter().map(|d| d.describe(zh)).collect::<Vec<_>>();
        Some(Salvaged { fragment: permalink::encode_view(&s.scenario, s.view), dropped: Said { zh: words(true).join("、"), en: words(false).join(", ") } })
    }
}

/// A message in both languages (the page shows the one of the chosen language).
#[derive(Clone, Debug, PartialEq)]
pub struct Said {
    pub zh: String,
    pub en: String,
}

/// A sentence starts with a capital letter.
fn sentence(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => std::iter::once(f.to_ascii_uppercase()).chain(c).collect(),
        None => String::new(),
    }
}

/// A scenario the core accepted, its fragment and its verdict.
#[derive(Debug, PartialEq)]
pub struct Checked {
    pub scenario: Scenario,
    pub fragment: String,
    pub verdict: Verdict,
}

/// What the page tells the user about where the form came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// Opened from a link; `draft`: a different saved draft exists.
    Link { rules_changed: bool, draft: bool },
    /// The link could not be opened; the form is empty and the draft untouched.
    BadLink { message: Said, draft: bool, salvage: Option<Salvaged> },
    /// What could be read of a damaged link was opened; what was left out is said.
    Salvaged(Said),
    /// The saved draft could not be restored (kept in storage until the next edit).
    BadDraft { message: Said },
    /// The draft was restored after a reload.
    Restored,
    /// The user started over; `Undo` brings the form back.
    StartedOver,
    /// Switching zone, list or sector removed what no longer applies (said); `Undo` brings it back.
    Removed(Said),
}

/// What a switch of zone, list or sector took out of the form, in words (None: nothing).
fn removed(old: &Form, new: &Form) -> Option<Said> {
    let mut zh: Vec<String> = Vec::new();
    let mut en: Vec<String> = Vec::new();
    if let (Some(sec), true) = (old.sector_ref(), old.sector != new.sector) {
        zh.push(format!("行业“{}”", sec.name_zh));
        en.push(format!("the sector {}", sec.name_en));
    }
    let gone = |a: &[&'static str], b: &[&'static str]| a.iter().filter(|x| !b.contains(x)).count();
    let items = gone(&old.items, &new.items);
    if items > 0 {
        zh.push(format!("{items}项清单所列重要数据"));
        en.push(format!("{items} listed item{}", if items == 1 { "" } else { "s" }));
    }
    let answers = gone(&old.answers, &new.answers);
    if answers > 0 {
        zh.push(format!("{answers}项例外或条件的回答"));
        en.push(format!("{answers} answer{} to exceptions or conditions", if answers == 1 { "" } else { "s" }));
    }
    let rows = old.pi.iter().zip(&new.pi).filter(|(a, b)| (a.scenario.is_some() && b.scenario.is_none()) || (matches!(a.group, RowGroup::Is(_)) && !matches!(b.group, RowGroup::Is(_)))).count();
    if rows > 0 {
        zh.push(format!("{rows}组人员的业务场景和人群（人数保留）"));
        en.push(format!("the business scenario and group of {rows} group{} of people (their numbers are kept)", if rows == 1 { "" } else { "s" }));
    }
    if zh.is_empty() {
        return None;
    }
    Some(Said { zh: format!("已移除不再适用的内容：{}。", zh.join("、")), en: format!("Removed what no longer applies: {}.", en.join(", ")) })
}

/// Choices an embedding page fixed (`<xborder-checker list=… sector=…>`): the form keeps them
/// (the controls are disabled, the reducer ignores changes, "Start over" keeps them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Lock {
    pub zone: Option<&'static str>,
    pub list: Option<&'static str>,
    pub sector: Option<&'static str>,
}

impl Lock {
    pub fn is_some(&self) -> bool {
        self.list.is_some()
    }

    /// The form with only the fixed choices.
    pub fn form(&self, next_key: u32) -> Form {
        Form { zone: self.zone, list: self.list, sector: self.sector, next_key, ..Form::default() }
    }
}

#[derive(Debug, PartialEq)]
pub struct Model {
    pub form: Form,
    /// Choices fixed by an embedding page (none on the standalone page).
    pub lock: Lock,
    pub errors: Vec<FieldError>,
    /// The core refused the scenario (should not happen from the form; shown, never a panic).
    pub input_error: Option<Said>,
    /// The last scenario the core accepted, with its verdict.
    pub valid: Option<Rc<Checked>>,
    pub notice: Option<Notice>,
    /// Edits are saved as the draft (false after opening a link, until the first edit).
    pub save: bool,
    pub undo: Option<Form>,
    /// Counts edits, so effects run once per change.
    pub rev: u32,
    /// Counts the times the form was replaced whole (Undo, a link, a draft, Start over): the
    /// page re-creates its controls then, as a <select> the user changed ignores a re-rendered
    /// `selected`.
    pub generation: u32,
    /// The compare view is open (page state: a link's `v` part, the "Compare regimes" button;
    /// never part of the scenario or the draft).
    pub compare: bool,
    /// The day of evaluation, given by the host when the model is made (the browser's local
    /// date; contract: "Rules as of a date"), used where the scenario names no `as_of`.
    pub today: Date,
}

pub enum Action {
    Zone(Option<&'static str>),
    InZone(bool),
    Ciio(bool),
    List(Option<&'static str>),
    Sector(Option<&'static str>),
    Scenario(&'static str, bool),
    Item(&'static str, bool),
    Answer(&'static str, bool),
    Notified(bool),
    CoreData(bool),
    ExportControl(bool),
    AddRow,
    RemoveRow(u32),
    RowScenario(u32, Option<&'static str>),
    RowGroup(u32, RowGroup),
    RowPersons(u32, String),
    RowSensitive(u32, String),
    RowBasis(u32, Option<Basis>),
    /// A date field: its value and whether it holds a partial date.
    Date(DateField, String, bool),
    /// The day whose rules decide: the field's value and whether it holds a partial date.
    AsOf(String, bool),
    /// "I don't know" to a question (its contract id).
    Unknown(&'static str),
    /// An answer to a condition (`<obligation id>:<condition id>`): met, not met, or not yet.
    Condition(&'static str, &'static str, Option<bool>),
    /// Leaving a number field: show it with thousands separators.
    RowTidy(u32),
    /// A fragment from the address bar (load or hashchange), with the draft in storage at that
    /// moment (read by the host: the reducer never touches storage).
    Open { fragment: String, draft: Option<String> },
    /// A field of the record (`Matter::FIELDS` index) as typed.
    Matter(usize, String),
    /// Opens what a damaged link still holds (offered beside the message).
    OpenSalvaged(Salvaged),
    /// Opens the saved draft (as the host read it when the user asked).
    OpenDraft(Option<String>),
    StartOver,
    Undo,
    Dismiss,
    /// Opens (true) or closes the compare view.
    Compare(bool),
}

impl Model {
    /// The page's first state: the link in the address bar, else the saved draft, else empty.
    pub fn initial(hash: &str, draft: Option<String>, today: Date) -> Model {
        let mut m = Model::empty(today);
        m.save = true;
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        if !hash.is_empty() {
            m.open_link(hash, draft.as_deref());
        } else if let Some(d) = draft {
            match Form::open(&d, today) {
                Ok((form, _)) => {
                    m.form = form;
                    m.notice = Some(Notice::Restored);
                }
                Err(message) => {
                    m.notice = Some(Notice::BadDraft { message });
                    m.save = false;
                }
            }
        }
        m.check();
        m
    }

    /// An empty form, nothing said, on `today`.
    pub fn empty(today: Date) -> Model {
        Model { form: Form::default(), lock: Lock::default(), errors: Vec::new(), input_error: None, valid: None, notice: None, save: false, undo: None, rev: 0, generation: 0, compare: false, today }
    }

    fn open_link(&mut self, fragment: &str, draft: Option<&str>) {
        let other_draft = draft.is_some_and(|d| d != fragment);
        match Form::open(fragment, self.today) {
            Ok((form, rules_changed)) => {
                self.form = Form { next_key: self.form.next_key.max(form.next_key), ..form };
                self.notice = Some(Notice::Link { rules_changed, draft: other_draft });
                // A link that describes nothing has no columns to show: the form.
                self.compare = view_of(fragment) && !self.form.describes_nothing();
            }
            Err(message) => {
                self.compare = false;
                self.form = Form { next_key: self.form.next_key, ..Form::default() };
                self.notice = Some(Notice::BadLink { message, draft: draft.is_some(), salvage: Salvaged::of(fragment) });
            }
        }
        self.save = false;
    }

    /// Asks the core: keeps the last valid verdict when the form has a field to fix.
    pub fn check(&mut self) {
        match self.form.to_scenario() {
            Err(errors) => {
                self.errors = errors;
                self.input_error = None;
            }
            Ok(s) => {
                self.errors.clear();
                let today = self.today;
                if let Some((doc, given)) = uncovered(&s, today) {
                    self.errors.push(FieldError { key: 0, row: 0, field: PiField::AsOf, problem: Problem::NotCovered(doc, given) });
                    self.input_error = None;
                    return;
                }
                match evaluate_on(&s, today) {
                    Ok(verdict) => {
                        self.input_error = None;
                        let fragment = permalink::encode(&s);
                        if self.valid.as_ref().is_none_or(|v| v.scenario != s) {
                            self.valid = Some(Rc::new(Checked { scenario: s, fragment, verdict }));
                        }
                    }
                    Err(e) => self.input_error = Some(crate::said::input_error(&e)),
                }
            }
        }
    }

    /// The draft to keep: the last valid fragment, or nothing for an empty form.
    pub fn draft(&self) -> Option<String> {
        if self.form.is_empty() {
            return None;
        }
        self.valid.as_ref().map(|v| v.fragment.clone())
    }

    pub fn stale(&self) -> bool {
        !self.errors.is_empty() || self.input_error.is_some()
    }
}

/// The document no edition of which covers the scenario's day, and whether that day was given.
fn uncovered(s: &Scenario, today: Date) -> Option<(&'static str, bool)> {
    let day = s.as_of.as_deref().and_then(|t| Date::parse(t).ok()).unwrap_or(today);
    let list = s.list.as_deref().and_then(catalogue::list);
    let zone = s.zone.as_deref().or(list.map(|l| l.zone)).and_then(catalogue::zone);
    xborder_core::edition::uncovered(day, list, zone).map(|d| (d.id, s.as_of.is_some()))
}

impl Model {
    /// The next state after `action`; `None` where nothing changes (an embedding page locked
    /// what the action would change). Pure: what it needs from the browser (a draft, a
    /// fragment) comes in the action, and the day of evaluation is the model's `today`.
    pub fn reduce(&self, action: Action) -> Option<Model> {
        // An embedding page fixed these: nothing changes.
        let locked = match action {
            Action::Zone(_) | Action::List(_) => self.lock.list.is_some(),
            Action::Sector(_) => self.lock.sector.is_some(),
            _ => false,
        };
        if locked {
            return None;
        }
        // A switch of zone, list or sector may remove what no longer applies.
        let switch = matches!(action, Action::Zone(_) | Action::List(_) | Action::Sector(_));
        let mut m = Model {
            form: self.form.clone(),
            lock: self.lock,
            errors: self.errors.clone(),
            input_error: self.input_error.clone(),
            valid: self.valid.clone(),
            notice: self.notice.clone(),
            save: self.save,
            undo: self.undo.clone(),
            rev: self.rev + 1,
            generation: self.generation,
            compare: self.compare,
            today: self.today,
        };
        let f = &mut m.form;
        let mut edit = true;
        // Answering a question settles it: it is no longer unknown.
        let settled = match &action {
            Action::InZone(_) => Some("handler.in_zone"),
            Action::Ciio(_) => Some("handler.ciio"),
            Action::Notified(_) => Some("notified_important_data"),
            Action::CoreData(_) => Some("flags.national_core_data"),
            Action::ExportControl(_) => Some("flags.export_control"),
            Action::Answer(id, _) => Some(*id),
            // Ticking or unticking an item settles "it may contain this".
            Action::Item(id, _) => Some(*id),
            _ => None,
        };
        if let Some(q) = settled {
            f.unknown.retain(|x| x != q);
        }
        let answered = match &action {
            Action::Unknown(q) => Some(*q),
            _ => settled,
        };
        if let Some(q) = answered.and_then(|q| FIXED.into_iter().find(|f| *f == q)) {
            if !f.answered.contains(&q) {
                f.answered.push(q);
            }
        }
        match action {
            Action::Zone(z) => {
                if f.zone != z {
                    f.zone = z;
                    f.list = z.and_then(zone::zone).and_then(|z| z.own_list).map(|l| l.id);
                    reset_sector(f);
                    // Choosing a zone is not being in it: the question starts unanswered, and
                    // until it is answered the verdict shows both (contract: "Unknown answers").
                    f.in_zone = false;
                    f.unknown.retain(|q| q != IN_ZONE);
                    f.answered.retain(|q| *q != IN_ZONE);
                }
            }
            Action::Unknown(q) if f.sector_ref().and_then(|s| s.item(q)).is_some() => {
                // "It may contain this": not ticked, open.
                f.items.retain(|x| *x != q);
                if !f.unknown.iter().any(|x| x == q) {
                    f.unknown.push(q.to_string());
                }
            }
            Action::Unknown(q) => {
                // Too many open at once is said beside the verdict (`Problem::TooManyOpen`).
                if !f.unknown.iter().any(|x| x == q) {
                    f.unknown.push(q.to_string());
                }
            }
            Action::InZone(v) => f.in_zone = v,
            Action::Ciio(v) => f.ciio = v,
            Action::List(l) => {
                if f.list != l {
                    f.list = l;
                    reset_sector(f);
                }
            }
            Action::Sector(s) => {
                if f.sector != s {
                    f.sector = s;
                    f.scenarios.clear();
                    f.items.clear();
                    f.answers.clear();
                    for r in &mut f.pi {
                        r.scenario = None;
                        r.group = RowGroup::Open;
                    }
                }
            }
            Action::Scenario(id, on) => toggle(&mut f.scenarios, id, on),
            Action::Item(id, on) => {
                toggle(&mut f.items, id, on);
                // Unticking an item withdraws the answers given under it.
                if let (false, Some(sec)) = (on, f.sector_ref()) {
                    if let Some(item) = sec.item(id) {
                        f.answers.retain(|a| !item.exceptions.iter().any(|e| e.id == *a));
                    }
                }
            }
            Action::Answer(id, on) => toggle(&mut f.answers, id, on),
            Action::Notified(v) => f.notified = v,
            Action::CoreData(v) => f.core_data = v,
            Action::ExportControl(v) => f.export_control = v,
            Action::Date(d, value, incomplete) => {
                let new = DateInput { value, incomplete };
                if f.dates[d as usize] == new {
                    // Leaving a date field unchanged is no edit.
                    edit = false;
                    m.rev = self.rev;
                } else {
                    f.dates[d as usize] = new;
                }
            }
            Action::AsOf(value, incomplete) => {
                let new = DateInput { value, incomplete };
                if f.as_of == new {
                    edit = false;
                    m.rev = self.rev;
                } else {
                    f.as_of = new;
                }
            }
            Action::Condition(note, id, answer) => {
                let key = format!("{note}:{id}");
                match answer {
                    Some(v) => f.conditions.insert(key, v),
                    None => f.conditions.remove(&key),
                };
            }
            Action::Matter(i, v) => {
                if let Some(field) = f.matter.fields_mut().into_iter().nth(i) {
                    // One line of text: a pasted tab or line break becomes a space.
                    *field = v.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
                }
            }
            Action::AddRow => {
                if f.pi.len() < MAX_ROWS {
                    let mut r = f.new_row();
                    // A new group starts in the only business scenario chosen, if just one.
                    if let [only] = f.scenarios.as_slice() {
                        r.scenario = Some(only);
                        r.group = only_group(f.sector_ref(), r.scenario);
                    }
                    f.pi.push(r);
                }
            }
            Action::RemoveRow(k) => f.pi.retain(|r| r.key != k),
            Action::RowScenario(k, v) => {
                let sector = f.sector_ref();
                if let Some(r) = f.row_mut(k) {
                    r.scenario = v;
                    // A scenario whose items name one group takes it; the user may still change it.
                    if r.group == RowGroup::Open {
                        r.group = only_group(sector, v);
                    }
                }
            }
            Action::RowGroup(k, v) => f.edit_row(k, |r| r.group = v),
            Action::RowPersons(k, v) => f.edit_row(k, |r| r.persons = v),
            Action::RowSensitive(k, v) => f.edit_row(k, |r| r.sensitive = v),
            Action::RowBasis(k, v) => f.edit_row(k, |r| r.basis = v),
            Action::RowTidy(k) => {
                edit = false;
                if let Some(r) = f.row_mut(k) {
                    for t in [&mut r.persons, &mut r.sensitive] {
                        if let Ok(v) = parse_count(t) {
                            if !t.trim().is_empty() {
                                *t = num(v);
                            }
                        }
                    }
                }
                m.rev = self.rev;
            }
            Action::Open { fragment, draft } => {
                m.generation += 1;
                edit = false;
                m.undo = None;
                m.open_link(&fragment, draft.as_deref());
            }
            Action::OpenSalvaged(sv) => {
                m.generation += 1;
                edit = false;
                if let Ok((form, _)) = Form::open(&sv.fragment, m.today) {
                    m.form = Form { next_key: m.form.next_key.max(form.next_key), ..form };
                    m.compare = view_of(&sv.fragment) && !m.form.describes_nothing();
                    m.notice = Some(Notice::Salvaged(sv.dropped));
                    m.save = true;
                }
            }
            Action::OpenDraft(draft) => {
                m.generation += 1;
                edit = false;
                if let Some(d) = draft {
                    match Form::open(&d, m.today) {
                        Ok((form, _)) => {
                            m.form = Form { next_key: m.form.next_key.max(form.next_key), ..form };
                            m.notice = Some(Notice::Restored);
                            m.save = true;
                            m.compare = false;
                        }
                        Err(message) => m.notice = Some(Notice::BadDraft { message }),
                    }
                }
            }
            Action::StartOver => {
                m.generation += 1;
                edit = false;
                m.undo = Some(m.form.clone());
                m.form = m.lock.form(m.form.next_key);
                m.compare = false;
                m.notice = Some(Notice::StartedOver);
                m.save = true;
            }
            Action::Undo => {
                m.generation += 1;
                edit = false;
                if let Some(u) = m.undo.take() {
                    m.form = u;
                    m.notice = None;
                    m.save = true;
                }
            }
            Action::Dismiss => {
                edit = false;
                m.notice = None;
                m.rev = self.rev;
            }
            // A view, not an edit: the draft, the undo and the notice stay as they are.
            Action::Compare(on) => {
                edit = false;
                m.compare = on;
                m.rev = self.rev;
            }
        }
        if edit {
            m.save = true;
            m.undo = None;
            if matches!(m.notice, Some(Notice::Restored | Notice::StartedOver | Notice::Removed(_) | Notice::Salvaged(_) | Notice::Link { .. } | Notice::BadLink { .. } | Notice::BadDraft { .. })) {
                // The notice stays until dismissed, but no longer offers to go back.
                m.notice = match m.notice.take() {
                    Some(Notice::Link { rules_changed: true, .. }) => Some(Notice::Link { rules_changed: true, draft: false }),
                    _ => None,
                };
            }
        }
        // A switch that removed something says what, and can be undone.
        if switch {
            if let Some(said) = removed(&self.form, &m.form) {
                m.undo = Some(self.form.clone());
                m.notice = Some(Notice::Removed(said));
            }
        }
        if m.form != self.form || m.valid.is_none() {
            m.check();
        }
        Some(m)
    }
}

fn reset_sector(f: &mut Form) {
    f.sector = None;
    f.scenarios.clear();
    f.items.clear();
    f.answers.clear();
    for r in &mut f.pi {
        r.scenario = None;
        r.group = RowGroup::Open;
    }
}

fn toggle(v: &mut Vec<&'static str>, id: &'static str, on: bool) {
    let has = v.contains(&id);
    if on && !has {
        v.push(id);
    } else if !on && has {
        v.retain(|x| *x != id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The day the state tests evaluate on: the rules' own, never the day they run.
    fn day() -> Date {
        xborder_core::edition::rules_day()
    }

    /// The state after `a`, as the page's reducer gives it (unchanged where nothing changes).
    fn then(m: Rc<Model>, a: Action) -> Rc<Model> {
        Model::reduce(&m, a).map(Rc::new).unwrap_or(m)
    }

    #[test]
    fn counts_as_typed() {
        assert_eq!(parse_count(""), Ok(0));
        assert_eq!(parse_count("150,000"), Ok(150_000));
        assert_eq!(parse_count("１５０，０００"), Ok(150_000));
        assert_eq!(parse_count("15万"), Ok(150_000));
        assert_eq!(parse_count("1.5万"), Ok(15_000));
        assert_eq!(parse_count("2亿"), Ok(200_000_000));
        assert_eq!(parse_count("-3"), Err(Problem::Negative));
        assert_eq!(parse_count("1.5"), Err(Problem::NotWhole));
        assert_eq!(parse_count("abc"), Err(Problem::NotNumber));
        assert_eq!(parse_count("1e5"), Err(Problem::NotNumber));
        assert_eq!(parse_count("99999999999"), Err(Problem::TooLarge));
    }

    #[test]
    fn round_trip() {
        let mut s = Scenario::new();
        s.list = Some("cq-2025".into());
        s.sector = Some("auto".into());
        s.handler.in_zone = true;
        s.important_data = vec!["cq-2025.auto.18".into()];
        s.item_exceptions = vec!["cq-2025.auto.18:ota-filed".into()];
        s.personal_information = vec![PiEntry { scenario: Some("telematics".into()), group: None, persons: Count(150_000), sensitive_persons: Count(2_000), basis: None }];
        s.dates.contract_effective = Some("2026-09-28".into());
        s.dates.transfer_start = Some("2026-04-30".into());
        s.matter.name = "OTA 升级包".into();
        s.matter.date = "2026-12-02".into();
        let f = Form::from_scenario(&s);
        assert_eq!(f.to_scenario().unwrap(), s);
    }

    #[test]
    fn a_switch_says_what_it_removed_and_undo_brings_it_back() {
        let mut f = Form { zone: Some("beijing"), list: Some("bj-2025"), sector: Some("pharma"), items: vec!["bj-2025.pharma.15"], ..Form::default() };
        let mut r = f.new_row();
        r.scenario = Some("clinical-trials");
        r.group = RowGroup::Is("subjects");
        r.persons = "30000".into();
        f.pi.push(r);
        let before = f.clone();
        let mut m = Rc::new(Model { form: f, lock: Lock::default(), errors: Vec::new(), input_error: None, valid: None, notice: None, save: false, undo: None, rev: 0, generation: 0, compare: false, today: day() });
        m = then(m.clone(), Action::Zone(Some("chongqing")));
        let Some(Notice::Removed(said)) = &m.notice else { panic!("no notice: {:?}", m.notice) };
        assert_eq!(said.en, "Removed what no longer applies: the sector Pharmaceuticals, 1 listed item, the business scenario and group of 1 group of people (their numbers are kept).");
        assert_eq!(m.form.pi[0].persons, "30000", "the numbers are kept");
        m = then(m.clone(), Action::Undo);
        assert_eq!(m.form, before);
        // The same zone again removes nothing and says nothing.
        m = then(m.clone(), Action::Zone(Some("beijing")));
        assert_eq!(m.notice, None);
    }

    #[test]
    fn nothing_is_pre_answered() {
        // A new form answers none of the handler's and the data's questions: each is open.
        let f = Form { zone: Some("beijing"), list: Some("bj-2025"), ..Form::default() };
        assert_eq!(f.unanswered(), FIXED);
        assert_eq!(f.to_scenario().unwrap().unknown, FIXED);
        // Answering one settles it, "I don't know" included; choosing a zone again reopens the zone's.
        let mut m = Rc::new(Model { form: f, lock: Lock::default(), errors: Vec::new(), input_error: None, valid: None, notice: None, save: false, undo: None, rev: 0, generation: 0, compare: false, today: day() });
        for a in [Action::Ciio(false), Action::Unknown("flags.export_control"), Action::InZone(true)] {
            m = then(m.clone(), a);
        }
        assert_eq!(m.form.unanswered(), ["notified_important_data", "flags.national_core_data"]);
        assert_eq!(m.form.to_scenario().unwrap().unknown, ["flags.export_control", "notified_important_data", "flags.national_core_data"]);
        m = then(m.clone(), Action::Zone(Some("chongqing")));
        assert!(m.form.unanswered().contains(&"handler.in_zone"));
        // Without a zone, there is no zone question.
        assert!(!Form::default().unanswered().contains(&"handler.in_zone"));
        // A scenario (a link, a draft) answers them all, its unknowns as "I don't know".
        assert!(Form::from_scenario(&Scenario::new()).unanswered().is_empty());
    }

    #[test]
    fn rules_as_of_a_day_go_into_the_scenario_and_a_day_no_edition_covers_is_named() {
        let f = Form { zone: Some("beijing"), list: Some("bj-2025"), as_of: DateInput { value: "2026-06-30".into(), incomplete: false }, ..Form::default() };
        let s = f.to_scenario().unwrap();
        assert_eq!(s.as_of.as_deref(), Some("2026-06-30"));
        assert_eq!(Form::from_scenario(&s).as_of.value, "2026-06-30");
        assert!(permalink::encode(&s).contains("~a"));
        // A partial day is named by its label; an empty one is today.
        let bad = Form { as_of: DateInput { value: String::new(), incomplete: true }, ..Form::default() };
        let e = bad.to_scenario().unwrap_err();
        assert_eq!((e[0].field, e[0].path(), e[0].label(Lang::En)), (PiField::AsOf, "as_of".to_string(), "Rules as of".to_string()));
        assert_eq!(Form::default().to_scenario().unwrap().as_of, None);
        // Before the Beijing list: the field says which document and its days, the verdict stays.
        let mut first = Model { form: Form { as_of: DateInput { value: "2026-05-10".into(), incomplete: false }, ..f }, lock: Lock::default(), errors: Vec::new(), input_error: None, valid: None, notice: None, save: false, undo: None, rev: 0, generation: 0, compare: false, today: day() };
        first.check();
        let mut m = Rc::new(first);
        assert_eq!(m.errors.len(), 1, "{:?}", m.errors);
        assert_eq!(m.errors[0].problem, Problem::NotCovered("bj-2025", true));
        let words = m.errors[0].message(Lang::En);
        assert!(words.contains("The day given is outside") && words.contains("from 2026-05-11"), "{words}");
        assert!(m.input_error.is_none() && m.valid.is_none());
        m = then(m.clone(), Action::AsOf("2026-05-11".into(), false));
        assert!(m.errors.is_empty(), "{:?}", m.errors);
        assert_eq!(m.valid.as_ref().unwrap().verdict.as_of.to_string(), "2026-05-11");
    }

    #[test]
    fn a_rows_group_is_chosen_never_defaulted_to_none() {
        let mut s = Scenario::new();
        s.list = Some("bj-2025".into());
        s.sector = Some("pharma".into());
        s.handler.in_zone = true;
        let row = |group: Option<&str>| PiEntry { scenario: Some("clinical-trials".into()), group: group.map(String::from), persons: Count(90_000), sensitive_persons: Count(90_000), basis: None };
        s.personal_information = vec![row(None), row(Some("subjects")), row(None)];
        s.unknown = vec!["personal_information[2].group".into()];
        let f = Form::from_scenario(&s);
        let groups: Vec<RowGroup> = f.pi.iter().map(|r| r.group).collect();
        assert_eq!(groups, [RowGroup::NoneOfThem, RowGroup::Is("subjects"), RowGroup::Open]);
        assert_eq!(f.to_scenario().unwrap(), s);
        // A new row is open and asks; a scenario whose items name one group takes it.
        let mut f = Form { list: Some("bj-2025"), sector: Some("pharma"), ..Form::default() };
        let r = f.new_row();
        f.pi.push(r);
        assert_eq!(f.to_scenario().unwrap().unknown.last().map(String::as_str), Some("personal_information[0].group"));
        assert_eq!(only_group(catalogue::list("bj-2025").unwrap().sector("retail"), Some("member-management")), RowGroup::Is("members"));
        assert_eq!(only_group(f.sector_ref(), Some("clinical-trials")), RowGroup::Open);
    }

    #[test]
    fn a_date_that_cannot_be_counted_from_is_named_by_its_label() {
        let mut f = Form::default();
        f.dates[DateField::TransferStart as usize] = DateInput { value: String::new(), incomplete: true };
        f.dates[DateField::ContractEffective as usize] = DateInput { value: "20261-09-28".into(), incomplete: false };
        let errors = f.to_scenario().unwrap_err();
        assert_eq!(errors.len(), 2);
        let by = |d: DateField| errors.iter().find(|e| e.field == PiField::Date(d)).unwrap();
        assert_eq!(by(DateField::TransferStart).problem, Problem::IncompleteDate);
        assert_eq!(by(DateField::ContractEffective).problem, Problem::BadDate);
        for e in &errors {
            for l in [Lang::Zh, Lang::En] {
                let m = e.message(l);
                assert!(m.contains(&e.label(l)) && !m.contains("dates."), "{m}");
            }
        }
        // Cleared: nothing to fix, no date.
        f.dates = Default::default();
        assert!(f.to_scenario().unwrap().dates.is_empty());
    }

    #[test]
    fn the_compare_view_is_page_state_opened_by_a_link_or_the_button_never_an_edit() {
        let mut s = Scenario::new();
        s.zone = Some("guangdong".into());
        s.list = Some("bj-2025".into());
        s.sector = Some("retail".into());
        s.handler.in_zone = true;
        s.personal_information = vec![PiEntry { scenario: Some("member-management".into()), group: Some("members".into()), persons: Count(900_000), sensitive_persons: Count(0), basis: None }];
        // A link with the `v` part opens in the compare view; the scenario is the same.
        let plain = permalink::encode(&s);
        let m = Model::initial(&permalink::encode_view(&s, permalink::View::Compare), None, day());
        assert!(m.compare, "a ~vc link opens the compare view");
        assert_eq!(m.valid.as_ref().unwrap().scenario, s);
        assert_eq!(m.valid.as_ref().unwrap().fragment, plain, "the view is not in the scenario's fragment (nor the draft)");
        assert!(!Model::initial(&plain, None, day()).compare, "a link without it opens the form and verdict");
        // The button: a view, not an edit (no draft save, no new revision, the notice stays).
        let m = Rc::new(Model::initial(&plain, None, day()));
        let (rev, save, notice) = (m.rev, m.save, m.notice.clone());
        let m = then(m.clone(), Action::Compare(true));
        assert!(m.compare);
        assert_eq!((m.rev, m.save, m.notice.clone()), (rev, save, notice));
        // Editing keeps it open (the columns follow the form); closing closes it.
        let m = then(m.clone(), Action::InZone(false));
        assert!(m.compare && !m.valid.as_ref().unwrap().scenario.handler.in_zone);
        let m = then(m.clone(), Action::Compare(false));
        assert!(!m.compare);
        // Start over closes it; a bad link opens the form.
        let m = then(then(m, Action::Compare(true)), Action::StartOver);
        assert!(!m.compare);
        assert!(!Model::initial(&format!("{plain}~vz"), None, day()).compare);
        // A link that describes nothing opens the form, and describing something later does not
        // open the view by itself.
        let m = Rc::new(Model::initial("1~h1~vc", None, day()));
        assert!(!m.compare);
        assert!(!then(m.clone(), Action::Ciio(true)).compare);
        // A damaged link keeps the view it asked for when opened for what can be read.
        let bad = Model::initial(&format!("{}~vc", plain.replace("~h1", "~hzz")), None, day());
        let Some(Notice::BadLink { salvage: Some(sv), .. }) = bad.notice.clone() else { panic!("no salvage: {:?}", bad.notice) };
        let m = then(Rc::new(bad), Action::OpenSalvaged(sv));
        assert!(m.compare, "the salvaged link opens in the compare view");
    }
}
