//! The register in the page (issue 15; contract "Register"): a handler's flows of the year,
//! entered in a small table or imported from a CSV file (the columns and messages of
//! `xborder register`), and the year-to-date position `xborder_core::register::position`
//! gives: per rule its count, band and margin to the next band, the verdict, the crossings,
//! and an alert when a new flow crosses into a stricter outcome.
//!
//! Kept on the device only: in IndexedDB (`register_store.rs`), never in the scenario
//! permalink or the draft; exported and imported as one JSON file.
use xborder_form::lang::Lang;
use crate::register_csv::{self, Cells, CsvError, COLUMNS};
use crate::register_ids::Spec;
use crate::register_store::Hashes;
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use xborder_core::calendar::Date;
use xborder_core::catalogue::{self, Band, Measure};
use xborder_core::register::{self, Crossing, Flow, Groups, HandlerFacts, Period, Position};

/// One flow as the user gave it: the register's cells as text (the CSV's columns, in the same
/// words), so that what is kept, exported and imported is exactly what was entered.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Entry {
    pub date: String,
    pub flow: String,
    pub recipient: String,
    pub country: String,
    pub list: String,
    pub sector: String,
    pub scenario: String,
    pub group: String,
    pub persons: String,
    pub sensitive_persons: String,
    pub basis: String,
    pub important_data: String,
    /// The identifier files picked for the flow (their names), and the keyed hashes of their
    /// identifiers (`register_ids.rs`), held by the register's store: never the identifiers.
    pub person_ids: String,
    pub person_hashes: Hashes,
    pub sensitive_ids: String,
    pub sensitive_hashes: Hashes,
    /// The identifier files an imported row names and the user has not picked yet (the page
    /// cannot open files a CSV names): until they are, the register gives no position.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub person_ids_named: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub sensitive_ids_named: String,
}

impl Entry {
    pub fn cells(&self) -> Cells {
        let e = self;
        [&e.date, &e.flow, &e.recipient, &e.country, &e.list, &e.sector, &e.scenario, &e.group, &e.persons, &e.sensitive_persons, &e.basis, &String::new(), &String::new(), &e.important_data].map(|s| s.trim().to_string())
    }

    pub fn from_cells(t: Cells) -> Entry {
        let [date, flow, recipient, country, list, sector, scenario, group, persons, sensitive_persons, basis, person_ids_named, sensitive_ids_named, important_data] = t;
        Entry { date, flow, recipient, country, list, sector, scenario, group, persons, sensitive_persons, basis, important_data, person_ids_named, sensitive_ids_named, ..Entry::default() }
    }

    /// Has the flow identifiers (picked, or named by its row and still to pick): persons, sensitive.
    fn has_ids(&self) -> (bool, bool) {
        (!self.person_ids.is_empty() || !self.person_ids_named.is_empty(), !self.sensitive_ids.is_empty() || !self.sensitive_ids_named.is_empty())
    }

    /// The flow, checked as the CLI checks a row (`line`: its number for the message).
    pub fn flow(&self, line: u64) -> Result<Flow, CsvError> {
        register_csv::flow_with(line, &self.cells(), self.has_ids())
    }

    /// The identifier files the flow's row names and the user has still to pick.
    pub fn waiting(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [("person_ids", self.person_ids_named.as_str()), ("sensitive_ids", self.sensitive_ids_named.as_str())].into_iter().filter(|(_, f)| !f.is_empty())
    }
}

/// The identifier files imported rows name and the user has still to pick: `"file" (flow date)`.
pub fn waiting_files(flows: &[Entry]) -> Vec<String> {
    flows.iter().flat_map(|e| e.waiting().map(move |(_, f)| format!("\"{f}\" ({} {})", e.flow, e.date))).collect()
}

/// What stops the register giving a position: identifier files named by imported rows and not
/// yet picked (counting them as nobody would under-count).
pub fn waiting(flows: &[Entry]) -> Option<String> {
    let names = waiting_files(flows);
    (!names.is_empty()).then(|| {
        format!(
            "pick the identifier file{} the imported rows name, beside each flow below (the page cannot open files a CSV names): {}; until then the register gives no position",
            if names.len() > 1 { "s" } else { "" },
            names.join(", ")
        )
    })
}

/// The file the register is exported to and imported from (and the record kept on the device).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterFile {
    /// `xborder-register`: what the file is.
    pub format: String,
    pub schema: u32,
    pub flows: Vec<Entry>,
}

pub const FORMAT: &str = "xborder-register";

impl RegisterFile {
    pub fn of(flows: &[Entry]) -> RegisterFile {
        RegisterFile { format: FORMAT.into(), schema: 1, flows: flows.to_vec() }
    }

    /// The flows of a file read back: the format named, every flow valid (`flows[N]: column: …`).
    pub fn checked(self) -> Result<Vec<Entry>, String> {
        if self.format != FORMAT || self.schema != 1 {
            return Err(format!("format: expected \"{FORMAT}\", schema 1 (a register exported by xborder), found \"{}\", schema {}", self.format, self.schema));
        }
        if self.flows.len() > register_csv::MAX_ROWS {
            return Err(format!("flows: more than {} flows", register_csv::MAX_ROWS));
        }
        for (i, e) in self.flows.iter().enumerate() {
            e.flow(0).map_err(|err| format!("flows[{i}]: {}: {}", err.column.unwrap_or_default(), err.message))?;
        }
        Ok(self.flows)
    }
}

/// What the year-to-date position is computed with: the page's answers and the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ctx {
    pub handler: HandlerFacts,
    pub today: Date,
}

/// Which of the store's sets each flow names (`register_ids::Spec`).
pub fn spec(flows: &[Entry]) -> Spec {
    flows.iter().map(|e| (e.person_hashes.handle(), e.sensitive_hashes.handle())).collect()
}

/// The position of the flows for the current year, as `xborder register FILE` (no `--year`,
/// no `--as-of`) gives it on the same day with the same handler facts, from the groups of
/// people of the flows' identifier sets (made by the store: `Counted`); none while
/// identifier files are still to pick ([`waiting`]).
pub fn position(flows: &[Entry], ctx: &Ctx, groups: &Groups) -> Result<Position, String> {
    match waiting(flows) {
        Some(w) => Err(w),
        None => counted(flows, ctx, groups),
    }
}

/// The position, identifier files still to pick counting nobody: to check a change, never shown.
fn counted(flows: &[Entry], ctx: &Ctx, groups: &Groups) -> Result<Position, String> {
    let fl: Vec<Flow> = flows.iter().enumerate().map(|(i, e)| e.flow(i as u64 + 1).map_err(|x| x.render("flow"))).collect::<Result<_, _>>()?;
    let period = Period { year: ctx.today.year(), until: None };
    register::position_grouped(&fl, period, &ctx.handler, ctx.today, groups).map_err(|e| {
        let which = e.flow.and_then(|i| flows.get(i)).map(|f| format!("{} ({}): ", f.flow, f.date)).unwrap_or_default();
        match e.kind {
            register::RegisterErrorKind::Flow(f) => format!("{which}{}: {}", f.column, f.message),
            register::RegisterErrorKind::Scenario(s) => format!("{which}{}: {}", s.path, s.message),
            register::RegisterErrorKind::Ids(never) => match never {},
        }
    })
}

/// What the view shows while the store makes the groups of a change's identifier sets.
pub const COUNTING: &str = "counting the identifier files (in the background)…";

/// The groups of people of the flows' identifier sets, and the sets (`spec`) the store made
/// them of: the position is counted from them, without a hash on the page's thread.
#[derive(Debug, Clone, PartialEq)]
pub struct Counted {
    pub spec: Spec,
    pub groups: Rc<Groups>,
}

/// The register's state in the page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reg {
    pub flows: Vec<Entry>,
    /// The last thing that could not be done (the register unchanged).
    pub error: Option<String>,
    /// Crossings the last change made: the alert.
    pub alert: Vec<Crossing>,
    /// What the last change did (a status line).
    pub said: Option<(String, String)>,
    /// Changes made by the user (to be stored); not bumped by loading from storage.
    pub rev: u64,
    /// The last change committed to the database (`#register[data-stored]`: the browser
    /// suite reads the database once it equals `rev`).
    pub stored: u64,
    /// The stored register has been read (or there is none).
    pub loaded: bool,
    /// An identifier file being hashed: bytes read, of the total.
    pub progress: Option<(f64, f64)>,
    /// The position of `flows` as the last change computed it, with the facts it used: the
    /// view shows it rather than counting again.
    pub cached: Option<Cached>,
    /// Times the stored register was read (this tab's start, another tab's change).
    pub loads: u64,
    /// The groups of people of identifier sets, as the store last made them.
    pub counted: Option<Counted>,
    /// The position shown before a change whose groups the store is still making: the alert
    /// of that change compares with it.
    before: Option<Shown>,
}

/// A position shown (compared by identity).
#[derive(Debug, Clone)]
struct Shown(Rc<Result<Position, String>>);

impl PartialEq for Shown {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.0, &o.0)
    }
}

/// A position computed once and shared (compared by identity: it is never changed).
#[derive(Debug, Clone)]
pub struct Cached(pub Ctx, pub Rc<Result<Position, String>>);

impl PartialEq for Cached {
    fn eq(&self, o: &Self) -> bool {
        self.0 == o.0 && Rc::ptr_eq(&self.1, &o.1)
    }
}

/// Flows without identifier sets: nobody to group.
fn no_sets(flows: &[Entry]) -> bool {
    flows.iter().all(|e| e.person_hashes.handle() == 0 && e.sensitive_hashes.handle() == 0)
}

impl Reg {
    /// The groups of the flows' sets, where the store has made them for exactly these sets.
    pub fn groups(&self) -> Option<Rc<Groups>> {
        if no_sets(&self.flows) {
            return Some(Rc::new(Groups::default()));
        }
        self.counted.as_ref().filter(|c| c.spec == spec(&self.flows)).map(|c| c.groups.clone())
    }

    /// The store is still making the groups of the flows' sets (the view asks it: `spec`).
    pub fn counting(&self) -> bool {
        self.groups().is_none()
    }

    /// The position of the flows under `ctx`: the cached one where it was computed with these
    /// facts, else computed now from the groups (or [`COUNTING`] while the store makes them).
    pub fn position(&self, ctx: &Ctx) -> Rc<Result<Position, String>> {
        match (&self.cached, self.groups()) {
            (Some(Cached(c, p)), _) if c == ctx => p.clone(),
            (_, Some(g)) => Rc::new(position(&self.flows, ctx, &g)),
            (_, None) => Rc::new(Err(COUNTING.to_string())),
        }
    }

    /// The groups of `new` where they follow from what is known without the store: flows
    /// appended without identifier sets keep the groups.
    fn carried(&self, new: &[Entry]) -> Option<Counted> {
        let groups = self.groups()?;
        let (old, now) = (spec(&self.flows), spec(new));
        (now.len() >= old.len() && now[..old.len()] == old[..] && now[old.len()..].iter().all(|&x| x == (0, 0))).then_some(Counted { spec: now, groups })
    }

    /// Replaces the flows with `new` (whose groups are `groups`, or still to be made by the
    /// store) if the year still evaluates, and says which crossings the change made. On an
    /// error nothing changes but `error`.
    fn change(&mut self, new: Vec<Entry>, groups: Option<Counted>, ctx: &Ctx, said: (String, String)) -> bool {
        let before = self.before.clone().map(|b| b.0).unwrap_or_else(|| self.position(ctx));
        let known = if no_sets(&new) { Some(Rc::new(Groups::default())) } else { groups.as_ref().map(|c| c.groups.clone()) };
        // A change whose groups are still to come is checked with nobody counted (its errors
        // are the flows', never the counts').
        match counted(&new, ctx, known.as_deref().unwrap_or(&Groups::default())) {
            Err(e) => {
                self.error = Some(e);
                false
            }
            Ok(after) => {
                self.flows = new;
                self.counted = groups.or(self.counted.take());
                match known {
                    Some(_) => self.show(Ok(after), Some(&before), ctx),
                    None => {
                        self.cached = None;
                        self.alert.clear();
                        self.before = Some(Shown(before));
                    }
                }
                self.error = None;
                self.said = Some(said);
                self.rev += 1;
                true
            }
        }
    }

    /// Shows `after` (the flows' position, counted), alerting on the crossings it adds to the
    /// position shown `before` the change (none: no alert).
    fn show(&mut self, after: Result<Position, String>, before: Option<&Rc<Result<Position, String>>>, ctx: &Ctx) {
        let alerting = before.is_some();
        let before = before.and_then(|b| b.as_ref().as_ref().ok());
        let was = before.map(|p| register::rank(p.verdict.outcome)).unwrap_or(0);
        let after = match waiting(&self.flows) {
            Some(w) => Err(w),
            None => after,
        };
        self.alert = match &after {
            Ok(a) if alerting && register::rank(a.verdict.outcome) > was => a.crossings.iter().filter(|c| !before.is_some_and(|b| b.crossings.contains(c))).cloned().collect(),
            _ => Vec::new(),
        };
        self.cached = Some(Cached(ctx.clone(), Rc::new(after)));
        self.before = None;
    }

    /// The store's groups for the sets `spec`: shown if they are still the flows' sets (a
    /// later change asks again).
    pub fn grouped(&mut self, spec: Spec, groups: Groups, ctx: &Ctx) {
        if spec != self::spec(&self.flows) {
            return;
        }
        let groups = Rc::new(groups);
        self.counted = Some(Counted { spec, groups: groups.clone() });
        let before = self.before.take().map(|b| b.0);
        let after = counted(&self.flows, ctx, &groups);
        self.show(after, before.as_ref(), ctx);
    }

    /// Adds one flow entered in the table.
    pub fn add(&mut self, e: Entry, ctx: &Ctx) -> bool {
        if let Err(err) = e.flow(self.flows.len() as u64 + 1) {
            self.error = Some(format!("{}: {}", err.column.unwrap_or_default(), err.message));
            return false;
        }
        let mut new = self.flows.clone();
        let name = e.flow.clone();
        new.push(e);
        let groups = self.carried(&new);
        self.change(new, groups, ctx, (format!("已加入流转“{name}”。"), format!("Added the flow \"{name}\".")))
    }

    pub fn remove(&mut self, i: usize, ctx: &Ctx) -> bool {
        if i >= self.flows.len() {
            return false;
        }
        let mut new = self.flows.clone();
        let e = new.remove(i);
        // The removed flow's people leave the groups without the store (`Groups::without`).
        let groups = self.groups().map(|g| Counted { spec: spec(&new), groups: Rc::new(g.without(i)) });
        self.change(new, groups, ctx, (format!("已删除流转“{}”。", e.flow), format!("Removed the flow \"{}\".", e.flow)))
    }

    /// Gives flow `i` the hashes of an identifier file (persons, or sensitive persons), held by
    /// the store; the store then makes the groups ([`Reg::grouped`]).
    pub fn set_ids(&mut self, i: usize, sensitive: bool, name: &str, hashes: Hashes, ctx: &Ctx) -> bool {
        if i >= self.flows.len() {
            return false;
        }
        let mut new = self.flows.clone();
        let n = hashes.distinct();
        let e = &mut new[i];
        if sensitive {
            e.sensitive_ids = name.to_string();
            e.sensitive_hashes = hashes;
            e.sensitive_ids_named.clear();
        } else {
            e.person_ids = name.to_string();
            e.person_hashes = hashes;
            e.person_ids_named.clear();
        }
        let flow = e.flow.clone();
        self.change(new, None, ctx, (format!("已读取 {name}：{n} 个不同标识符（流转“{flow}”），仅保留其哈希值。"), format!("Read {name}: {n} distinct identifiers (flow \"{flow}\"); only their hashes are kept.")))
    }

    /// Adds the rows of a CSV file; a bad row changes nothing and says its line.
    #[cfg(test)]
    pub fn import_csv(&mut self, name: &str, bytes: &[u8], ctx: &Ctx) -> bool {
        self.import_rows(name, register_csv::parse(bytes), ctx)
    }

    /// Adds the rows read from a CSV or XLSX file (`register_csv`, `register_xlsx`); a bad row
    /// changes nothing and says its line. Rows naming identifier files wait for them ([`waiting`]).
    pub fn import_rows(&mut self, name: &str, rows: Result<Vec<(u64, Cells)>, CsvError>, ctx: &Ctx) -> bool {
        match rows {
            Err(e) => {
                self.error = Some(e.render(name));
                false
            }
            Ok(rows) => {
                let n = rows.len();
                let mut new = self.flows.clone();
                new.extend(rows.into_iter().map(|(_, c)| Entry::from_cells(c)));
                let groups = self.carried(&new);
                self.change(new, groups, ctx, (format!("已从 {name} 导入 {n} 个流转。"), format!("Imported {n} flows from {name}.")))
            }
        }
    }

    /// Replaces the register with an exported one, whose sets the store read (`groups`).
    pub fn import_file(&mut self, name: &str, f: RegisterFile, groups: Groups, ctx: &Ctx) -> bool {
        match f.checked() {
            Err(e) => {
                self.error = Some(format!("{name}: {e}"));
                false
            }
            Ok(flows) => {
                let n = flows.len();
                let groups = Counted { spec: spec(&flows), groups: Rc::new(groups) };
                let ok = self.change(flows, Some(groups), ctx, (format!("已从 {name} 恢复登记簿（{n} 个流转）。"), format!("Restored the register from {name} ({n} flows).")));
                self.alert.clear();
                ok
            }
        }
    }

    pub fn clear(&mut self) {
        self.cached = None;
        self.counted = None;
        self.before = None;
        self.flows.clear();
        self.alert.clear();
        self.error = None;
        self.said = Some(("登记簿已清空，并已从本浏览器中删除。".into(), "The register is cleared and deleted from this browser.".into()));
        self.rev += 1;
    }

    /// The register as stored (another tab, or a reload), with the groups the store made of
    /// its sets: not a change of the user's here.
    pub fn loaded(&mut self, flows: Vec<Entry>, groups: Groups) {
        self.cached = None;
        self.before = None;
        self.loads += 1;
        self.counted = Some(Counted { spec: spec(&flows), groups: Rc::new(groups) });
        self.flows = flows;
        self.loaded = true;
    }
}

/// Where a count stands among a rule's bands of one measure: the band it is in (if any) and
/// the next boundary above it with the margin to it.
#[derive(Debug, Clone)]
pub struct Standing {
    pub band: Option<&'static Band>,
    pub next: Option<u64>,
}

impl Standing {
    pub fn margin(&self, count: u64) -> Option<u64> {
        self.next.map(|n| n.saturating_sub(count))
    }
}

/// The bands of a rule (an item of a list, or a national rule) for one measure.
pub fn bands(rule: &str, measure: Measure) -> Vec<&'static Band> {
    let all: &'static [Band] = if let Some((_, _, item)) = catalogue::find_item(rule) {
        item.bands
    } else {
        catalogue::documents().iter().flat_map(|d| d.rules.iter()).find(|r| r.id == rule).map(|r| r.bands).unwrap_or(&[])
    };
    all.iter().filter(|b| b.measure == measure).collect()
}

pub fn standing(rule: &str, measure: Measure, count: u64) -> Standing {
    let bs = bands(rule, measure);
    let band = bs.iter().copied().find(|b| b.holds(count));
    let next = bs.iter().flat_map(|b| [b.at_least, b.below, Some(b.floor())]).flatten().filter(|&n| n > count).min();
    Standing { band, next }
}

/// The position as the CSV `xborder register --format csv` writes (`inventory::export_csv`): the
/// flows in date order with the year's outcome once each is counted, user text neutralised.
pub fn position_csv(flows: &[Entry], p: &Position) -> Result<String, String> {
    let fl: Vec<Flow> = flows.iter().enumerate().map(|(i, e)| e.flow(i as u64 + 1).map_err(|x| x.render("flow"))).collect::<Result<_, _>>()?;
    Ok(xborder_core::inventory::export_csv(p, &fl, |i| (flows[i].person_ids.clone(), flows[i].sensitive_ids.clone())))
}

/// The CSV header the page's template and the CLI read.
pub fn csv_header() -> String {
    COLUMNS.join(",")
}

/// The name of an outcome code in the page's language.
pub fn outcome_name(code: &str, l: Lang) -> String {
    {
        use catalogue::Pathway as P;
        [P::SecurityAssessment, P::StandardContractOrCertification, P::OtherLawfulPathway, P::ExportControl, P::NationalCoreData, P::Exempt].into_iter().find(|p| p.code() == code)
    }.map(|p| l.t(p.name_zh(), p.name_en()).to_string()).unwrap_or_else(|| code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register_ids::Store;

    fn ctx() -> Ctx {
        Ctx { handler: HandlerFacts { in_zone: Some(false), ciio: Some(false), zone: None }, today: Date::new(2026, 12, 1).unwrap() }
    }

    fn e(date: &str, name: &str, persons: &str) -> Entry {
        Entry { date: date.into(), flow: name.into(), persons: persons.into(), ..Entry::default() }
    }

    #[test]
    fn a_mid_year_crossing_alerts_once() {
        let mut r = Reg::default();
        assert!(r.add(e("2026-02-01", "CRM", "60000"), &ctx()));
        assert!(r.alert.is_empty(), "60,000 persons: no stricter outcome than the first");
        assert!(r.add(e("2026-06-15", "After-sales", "50000"), &ctx()));
        assert_eq!(r.alert.len(), 1, "110,000 persons crosses 100,000: {:?}", r.alert);
        assert_eq!(r.alert[0].flow, "After-sales");
        let p = position(&r.flows, &ctx(), &Groups::default()).unwrap();
        assert_eq!(p.crossings.len(), 1, "{:?}", p.crossings);
        assert!(r.add(e("2026-07-01", "HR", "10"), &ctx()), "{:?}", r.error);
        assert!(r.alert.is_empty());
    }

    /// The view shows the position the last change computed (every identifier is counted once
    /// per change, not again for the view), and it is the position of the flows.
    #[test]
    fn the_position_is_counted_once_per_change() {
        let mut r = Reg::default();
        assert!(r.add(e("2026-02-01", "CRM", "60000"), &ctx()));
        let a = r.position(&ctx());
        assert!(std::rc::Rc::ptr_eq(&a, &r.position(&ctx())), "cached");
        assert_eq!(a.as_ref().as_ref().unwrap().verdict, position(&r.flows, &ctx(), &Groups::default()).unwrap().verdict);
        let other = Ctx { handler: HandlerFacts { in_zone: Some(false), ciio: Some(true), zone: None }, ..ctx() };
        assert_eq!(r.position(&other).as_ref().as_ref().unwrap().verdict.outcome.code(), "security_assessment", "other facts: counted again");
        r.loaded(r.flows.clone(), Groups::default());
        assert!(!std::rc::Rc::ptr_eq(&a, &r.position(&ctx())), "a load drops the cache");
    }

    #[test]
    fn a_bad_csv_row_names_its_line_and_changes_nothing() {
        let mut r = Reg::default();
        assert!(r.import_csv("a.csv", b"date,flow,persons\n2026-01-05,CRM,100\n", &ctx()));
        let before = r.flows.clone();
        let rev = r.rev;
        assert!(!r.import_csv("b.csv", b"date,flow,persons\n2026-02-01,ERP,5\n2026-13-01,HR,3\n", &ctx()));
        assert_eq!(r.error.as_deref(), Some("b.csv:3: date: expected a day YYYY-MM-DD, found \"2026-13-01\""));
        assert_eq!(r.flows, before);
        assert_eq!(r.rev, rev);
        assert!(!r.import_csv("c.csv", b"date,flow,persons\n2026-02-01,ERP,many\n", &ctx()));
        assert_eq!(r.error.as_deref(), Some("c.csv:2: persons: expected a whole number of persons, 0 or more, found \"many\""));
        assert!(!r.import_csv("d.csv", b"date,nom\n", &ctx()));
        assert!(r.error.as_deref().unwrap().starts_with("d.csv:1: header: unknown column \"nom\""), "{:?}", r.error);
        assert!(!r.import_csv("e.csv", b"\x00\x01binary", &ctx()));
        assert!(!r.import_csv("f.csv", format!("date,flow\n2026-01-01,{}\n", "x".repeat(5000)).as_bytes(), &ctx()));
        assert_eq!(r.error.as_deref().map(|e| e.starts_with("f.csv:2: flow: a cell longer than 4096 bytes")), Some(true), "{:?}", r.error);
        assert_eq!(r.flows, before);
    }

    /// The CLI's register (crates/cli/tests/register/crossing.csv) imported into the page: its
    /// rows name identifier files, which wait to be picked (no position until they are); picked
    /// and hashed, the page gives the CLI's counts, crossings and outcome
    /// (`xborder register crossing.csv --in-zone no --ciio no`).
    #[test]
    fn rows_naming_identifier_files_wait_for_them_then_count_as_the_cli() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../crates/cli/tests/register/");
        let mut r = Reg::default();
        assert!(r.import_csv("crossing.csv", &std::fs::read(format!("{dir}crossing.csv")).unwrap(), &ctx()), "{:?}", r.error);
        assert_eq!(r.flows.len(), 5);
        assert!(r.alert.is_empty(), "no alert while files are still to pick");
        let w = r.position(&ctx()).as_ref().clone().unwrap_err();
        for f in ["crm-persons.txt", "crm-sensitive.txt", "hr-persons.txt", "aftersales-sensitive.txt"] {
            assert!(w.contains(f), "{w}");
        }
        let key = [7u8; crate::register_ids::SECRET_LEN];
        let mut store = Store::default();
        for i in 0..r.flows.len() {
            let named: Vec<(bool, String)> = r.flows[i].waiting().map(|(c, f)| (c == "sensitive_ids", f.to_string())).collect();
            for (sensitive, f) in named {
                let mut h = crate::register_ids::LineHasher::new(&key);
                h.feed(&std::fs::read(format!("{dir}{f}")).unwrap()).unwrap();
                let set = store.adopt(h.finish().unwrap());
                let n = store.get(set).unwrap().len() as u64;
                assert!(r.set_ids(i, sensitive, &f, Hashes::held(set, n), &ctx()), "{:?}", r.error);
                assert!(r.counting(), "the store makes the groups");
                assert_eq!(r.position(&ctx()).as_ref().clone().unwrap_err(), COUNTING);
            }
        }
        let sp = spec(&r.flows);
        r.grouped(sp.clone(), store.groups(&sp).unwrap(), &ctx());
        assert!(!r.counting());
        let p = r.position(&ctx()).as_ref().clone().unwrap();
        assert!(p.counts.iter().all(|c| (c.persons.0, c.sensitive_persons.0, c.exact) == (14_000, 10_000, true)), "{:?}", p.counts);
        let crossings: Vec<(String, &str, &str)> = p.crossings.iter().map(|c| (c.flow.clone(), c.from, c.to)).collect();
        assert_eq!(crossings, [("CRM".to_string(), "exempt", "standard_contract_or_certification"), ("After-sales".to_string(), "standard_contract_or_certification", "security_assessment")]);
        assert_eq!(p.verdict.outcome.code(), "security_assessment");
        assert_eq!(r.alert.len(), 2, "the counted files make the crossings: {:?}", r.alert);
        assert_eq!(RegisterFile::of(&r.flows).checked().unwrap(), r.flows, "export and import keep it");
    }

    #[test]
    fn csv_rows_keep_their_lines_quotes_and_bom() {
        let rows = register_csv::parse(b"\xEF\xBB\xBFflow,date,recipient\n\n\"CRM, EU\",2026-03-01,\"A \"\"B\"\"\"\n").unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, 3);
        let en = Entry::from_cells(rows[0].1.clone());
        assert_eq!((en.flow.as_str(), en.date.as_str(), en.recipient.as_str()), ("CRM, EU", "2026-03-01", "A \"B\""));
        assert_eq!(Entry::from_cells(en.cells()), en);
    }

    #[test]
    fn other_years_are_ignored_and_export_checks_back() {
        let flows = vec![e("2025-12-31", "Old", "500000"), e("2026-01-02", "New", "5")];
        let p = position(&flows, &ctx(), &Groups::default()).unwrap();
        assert_eq!((p.flows, p.ignored_rows), (1, 1));
        assert_eq!(RegisterFile::of(&flows).checked().unwrap(), flows);
        let mut bad = RegisterFile::of(&flows);
        bad.flows[1].persons = "-1".into();
        assert!(bad.checked().unwrap_err().starts_with("flows[1]: persons:"));
    }

    #[test]
    fn identifier_hashes_give_exact_counts_of_the_union() {
        let mut r = Reg::default();
        assert!(r.add(e("2026-01-10", "CRM", "999"), &ctx()));
        assert!(r.add(e("2026-02-10", "ERP", "999"), &ctx()));
        let mut store = Store::default();
        let mut held = |a: u128, b: u128| Hashes::held(store.adopt((a..b).collect()), (b - a) as u64);
        let (crm, erp) = (held(1, 601), held(401, 1001));
        assert!(r.set_ids(0, false, "crm.txt", crm, &ctx()), "{:?}", r.error);
        assert!(r.set_ids(1, false, "erp.txt", erp, &ctx()), "{:?}", r.error);
        let first = spec(&r.flows);
        let sp = spec(&r.flows);
        r.grouped(sp.clone(), store.groups(&sp).unwrap(), &ctx());
        let p = r.position(&ctx()).as_ref().clone().unwrap();
        assert!(p.counts.iter().all(|c| c.exact && c.persons.0 == 1000), "{:?}", p.counts);
        let back = RegisterFile::of(&r.flows).checked().unwrap();
        assert_eq!(back.len(), r.flows.len());

        // A flow appended without a file keeps the groups; a removed one leaves them without
        // the store; groups made for sets the flows no longer name are not shown.
        assert!(r.add(e("2026-03-10", "HR", "5"), &ctx()));
        assert!(!r.counting());
        assert!(r.remove(0, &ctx()));
        assert!(!r.counting(), "removed without the store");
        let p = r.position(&ctx()).as_ref().clone().unwrap();
        let national = p.counts.iter().find(|c| c.rule == "national.art8-pi").unwrap();
        assert_eq!((national.persons.0, national.exact), (605, false), "ERP's 600 and HR's 5 declared");
        let stale = store.groups(&first).unwrap();
        let before = r.position(&ctx());
        r.grouped(first, stale, &ctx());
        assert!(Rc::ptr_eq(&before, &r.position(&ctx())), "stale groups are ignored");
    }

    #[test]
    fn standing_gives_the_band_and_the_margin() {
        let rule = bands_rule();
        let s = standing(&rule, Measure::Persons, 60_000);
        assert_eq!(s.next, Some(100_000), "{rule}");
        assert_eq!(s.margin(60_000), Some(40_000));
    }

    /// The national rule with a 100,000-person boundary.
    fn bands_rule() -> String {
        catalogue::documents().iter().flat_map(|d| d.rules.iter()).find(|r| r.bands.iter().any(|b| b.at_least == Some(100_000) || b.below == Some(100_000))).map(|r| r.id.to_string()).expect("a rule at 100,000")
    }
}
