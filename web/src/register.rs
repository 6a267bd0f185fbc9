//! The register in the page (issue 15; contract "Register"): a handler's flows of the year,
//! entered in a small table or imported from a CSV file (the columns and messages of
//! `xborder register`), and the year-to-date position `xborder_core::register::position`
//! gives: per rule its count, band and margin to the next band, the verdict, the crossings,
//! and an alert when a new flow crosses into a stricter outcome.
//!
//! Kept on the device only: in IndexedDB (`register_store.rs`), never in the scenario
//! permalink or the draft; exported and imported as one JSON file.
use crate::i18n::Lang;
use crate::register_csv::{self, Cells, CsvError, COLUMNS};
use crate::register_ids::Hashes;
use serde::{Deserialize, Serialize};
use xborder_core::calendar::Date;
use xborder_core::catalogue::{self, Band, Measure};
use xborder_core::register::{self, Crossing, Flow, HandlerFacts, Period, Position};

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
    /// identifiers (`register_ids.rs`): never the identifiers.
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

/// The position of the flows for the current year, as `xborder register FILE` (no `--year`,
/// no `--as-of`) gives it on the same day with the same handler facts; none while identifier
/// files are still to pick ([`waiting`]).
pub fn position(flows: &[Entry], ctx: &Ctx) -> Result<Position, String> {
    match waiting(flows) {
        Some(w) => Err(w),
        None => counted(flows, ctx),
    }
}

/// The position, identifier files still to pick counting nobody: to check a change, never shown.
fn counted(flows: &[Entry], ctx: &Ctx) -> Result<Position, String> {
    let fl: Vec<Flow> = flows.iter().enumerate().map(|(i, e)| e.flow(i as u64 + 1).map_err(|x| x.render("flow"))).collect::<Result<_, _>>()?;
    let period = Period { year: ctx.today.year(), until: None };
    // Each flow's hashes are sorted and distinct (`Hashes`): one merge counts the year
    // (`position_sorted`), the CLI's position without a table of every person.
    register::position_sorted(&fl, period, &ctx.handler, ctx.today, |i| (&flows[i].person_hashes.0[..], &flows[i].sensitive_hashes.0[..])).map_err(|e| {
        let which = e.flow.and_then(|i| flows.get(i)).map(|f| format!("{} ({}): ", f.flow, f.date)).unwrap_or_default();
        match e.kind {
            register::RegisterErrorKind::Flow(f) => format!("{which}{}: {}", f.column, f.message),
            register::RegisterErrorKind::Scenario(s) => format!("{which}{}: {}", s.path, s.message),
            register::RegisterErrorKind::Ids(never) => match never {},
        }
    })
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
    /// The stored register has been read (or there is none).
    pub loaded: bool,
    /// An identifier file being hashed: bytes read, of the total.
    pub progress: Option<(f64, f64)>,
    /// The position of `flows` as the last change computed it, with the facts it used: the
    /// view shows it rather than counting every identifier again.
    pub cached: Option<Cached>,
    /// Times the stored register was read (this tab's start, another tab's change).
    pub loads: u64,
}

/// A position computed once and shared (compared by identity: it is never changed).
#[derive(Debug, Clone)]
pub struct Cached(pub Ctx, pub std::rc::Rc<Result<Position, String>>);

impl PartialEq for Cached {
    fn eq(&self, o: &Self) -> bool {
        self.0 == o.0 && std::rc::Rc::ptr_eq(&self.1, &o.1)
    }
}

impl Reg {
    /// The position of the flows under `ctx`: the cached one where it was computed with these
    /// facts, else computed now.
    pub fn position(&self, ctx: &Ctx) -> std::rc::Rc<Result<Position, String>> {
        match &self.cached {
            Some(Cached(c, p)) if c == ctx => p.clone(),
            _ => std::rc::Rc::new(position(&self.flows, ctx)),
        }
    }

    /// Replaces the flows with `new` if the year still evaluates, and says which crossings the
    /// change made. On an error nothing changes but `error`.
    fn change(&mut self, new: Vec<Entry>, ctx: &Ctx, said: (String, String)) -> bool {
        let before = self.position(ctx);
        let before = before.as_ref().as_ref().ok();
        match counted(&new, ctx) {
            Err(e) => {
                self.error = Some(e);
                false
            }
            Ok(after) => {
                let was = before.map(|p| register::rank(p.verdict.outcome)).unwrap_or(0);
                let wait = waiting(&new);
                self.alert = if wait.is_none() && register::rank(after.verdict.outcome) > was {
                    after.crossings.iter().filter(|c| !before.is_some_and(|b| b.crossings.contains(c))).cloned().collect()
                } else {
                    Vec::new()
                };
                self.cached = Some(Cached(ctx.clone(), std::rc::Rc::new(match wait {
                    Some(w) => Err(w),
                    None => Ok(after),
                })));
                self.flows = new;
                self.error = None;
                self.said = Some(said);
                self.rev += 1;
                true
            }
        }
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
        self.change(new, ctx, (format!("已加入流转“{name}”。"), format!("Added the flow \"{name}\".")))
    }

    pub fn remove(&mut self, i: usize, ctx: &Ctx) -> bool {
        if i >= self.flows.len() {
            return false;
        }
        let mut new = self.flows.clone();
        let e = new.remove(i);
        self.change(new, ctx, (format!("已删除流转“{}”。", e.flow), format!("Removed the flow \"{}\".", e.flow)))
    }

    /// Gives flow `i` the hashes of an identifier file (persons, or sensitive persons).
    pub fn set_ids(&mut self, i: usize, sensitive: bool, name: &str, hashes: Hashes, ctx: &Ctx) -> bool {
        if i >= self.flows.len() {
            return false;
        }
        // Sorted and distinct, as the count needs (the hasher gives them so).
        let hashes = if hashes.0.is_sorted_by(|a, b| a < b) {
            hashes
        } else {
            let mut v = hashes.0.as_ref().clone();
            v.sort_unstable();
            v.dedup();
            Hashes(std::rc::Rc::new(v))
        };
        let mut new = self.flows.clone();
        let n = hashes.0.len();
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
        self.change(new, ctx, (format!("已读取 {name}：{n} 个不同标识符（流转“{flow}”），仅保留其哈希值。"), format!("Read {name}: {n} distinct identifiers (flow \"{flow}\"); only their hashes are kept.")))
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
                self.change(new, ctx, (format!("已从 {name} 导入 {n} 个流转。"), format!("Imported {n} flows from {name}.")))
            }
        }
    }

    /// Replaces the register with an exported one.
    pub fn import_file(&mut self, name: &str, f: RegisterFile, ctx: &Ctx) -> bool {
        match f.checked() {
            Err(e) => {
                self.error = Some(format!("{name}: {e}"));
                false
            }
            Ok(flows) => {
                let n = flows.len();
                let ok = self.change(flows, ctx, (format!("已从 {name} 恢复登记簿（{n} 个流转）。"), format!("Restored the register from {name} ({n} flows).")));
                self.alert.clear();
                ok
            }
        }
    }

    pub fn clear(&mut self) {
        self.cached = None;
        self.flows.clear();
        self.alert.clear();
        self.error = None;
        self.said = Some(("登记簿已清空，并已从本浏览器中删除。".into(), "The register is cleared and deleted from this browser.".into()));
        self.rev += 1;
    }

    /// The register as stored (another tab, or a reload): not a change of the user's here.
    pub fn loaded(&mut self, flows: Vec<Entry>) {
        self.cached = None;
        self.loads += 1;
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
        let p = position(&r.flows, &ctx()).unwrap();
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
        assert_eq!(a.as_ref().as_ref().unwrap().verdict, position(&r.flows, &ctx()).unwrap().verdict);
        let other = Ctx { handler: HandlerFacts { in_zone: Some(false), ciio: Some(true), zone: None }, ..ctx() };
        assert_eq!(r.position(&other).as_ref().as_ref().unwrap().verdict.outcome.code(), "security_assessment", "other facts: counted again");
        r.loaded(r.flows.clone());
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
        let w = position(&r.flows, &ctx()).unwrap_err();
        for f in ["crm-persons.txt", "crm-sensitive.txt", "hr-persons.txt", "aftersales-sensitive.txt"] {
            assert!(w.contains(f), "{w}");
        }
        let key = [7u8; crate::register_ids::SECRET_LEN];
        for i in 0..r.flows.len() {
            let named: Vec<(bool, String)> = r.flows[i].waiting().map(|(c, f)| (c == "sensitive_ids", f.to_string())).collect();
            for (sensitive, f) in named {
                let mut h = crate::register_ids::LineHasher::new(&key);
                h.feed(&std::fs::read(format!("{dir}{f}")).unwrap()).unwrap();
                assert!(r.set_ids(i, sensitive, &f, Hashes(std::rc::Rc::new(h.finish().unwrap())), &ctx()), "{:?}", r.error);
            }
        }
        let p = position(&r.flows, &ctx()).unwrap();
        assert!(p.counts.iter().all(|c| (c.persons.0, c.sensitive_persons.0, c.exact) == (14_000, 10_000, true)), "{:?}", p.counts);
        let crossings: Vec<(String, &str, &str)> = p.crossings.iter().map(|c| (c.flow.clone(), c.from, c.to)).collect();
        assert_eq!(crossings, [("CRM".to_string(), "exempt", "standard_contract_or_certification"), ("After-sales".to_string(), "standard_contract_or_certification", "security_assessment")]);
        assert_eq!(p.verdict.outcome.code(), "security_assessment");
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
        let p = position(&flows, &ctx()).unwrap();
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
        let hashes = |a: u128, b: u128| Hashes(std::rc::Rc::new((a..b).collect()));
        assert!(r.set_ids(0, false, "crm.txt", hashes(1, 601), &ctx()), "{:?}", r.error);
        assert!(r.set_ids(1, false, "erp.txt", hashes(401, 1001), &ctx()), "{:?}", r.error);
        let p = position(&r.flows, &ctx()).unwrap();
        assert!(p.counts.iter().all(|c| c.exact && c.persons.0 == 1000), "{:?}", p.counts);
        let back = RegisterFile::of(&r.flows).checked().unwrap();
        assert_eq!(back, r.flows);
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
