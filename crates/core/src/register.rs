//! The register: a handler's year-to-date position across all of its flows (contract:
//! "Register: a year-to-date inventory of transfers"; issue 15).
//!
//! Thresholds count a handler's transfers since 1 January, across all of its flows, each
//! natural person once (contract: "Scenario (input)", `persons`: "cumulative from 1 January of
//! the current year, de-duplicated by natural person"; 2024 Provisions Arts. 7 and 8; the
//! January 2026 Q&A: an assessment declaration includes what already went under a standard
//! contract). This module is pure: it takes the flows and, for the flows that have them, the
//! hashed identifiers of their people (the CLI reads and hashes the files), and gives
//!
//! - the year-to-date scenario: one `personal_information` entry per distinct
//!   (scenario, group, basis), the union of the flows' important-data items;
//! - its verdict (`evaluate`), every rule counting with [`People`]: where every flow a rule
//!   takes has identifiers, the count is the number of distinct identifiers in their union
//!   (a sensitive identifier is also a person), `exact`; otherwise the declared counts of the
//!   flows without identifiers are added to it, not `exact`, and a warning
//!   ([`DECLARED_ADDED`]) says a person in two flows may be counted twice;
//! - the counts each rule saw ([`RuleCount`]);
//! - the crossings: the flows, replayed cumulatively in date order (ties in file order), at
//!   which the year's outcome became stricter.
//!
//! Each rule takes the entries the engine's own counting takes (`threshold::takes`: an item's
//! scope, groups and not-counted situations; the national rules every entry whose basis is not
//! a national exemption), so de-duplication follows the same rules as the sums it replaces.
use crate::calendar::Date;
use crate::catalogue::{DocKind, Measure, Pathway};
use crate::edition::Coverage;
use crate::scenario::{Basis, Count, InputError, PiEntry, Scenario, MAX_COUNT, MAX_ENTRIES};
use crate::threshold::Overlaps;
use crate::verdict::{Verdict, Warning};
use serde::Serialize;
use std::cell::RefCell;
use std::collections::HashMap;

/// The id of the warning that the declared counts of flows without identifiers were added.
pub const DECLARED_ADDED: &str = "register-declared-counts-added";

/// The id of the warning that an earlier flow reached a stricter outcome under the rules of
/// its day than the year-to-date verdict gives.
pub const STRICTER_EARLIER: &str = "register-stricter-earlier";

use crate::say::NOT_IN_FORCE;

/// The id prefix of the warning that some flows were judged without a document not in force on
/// their days, then the document.
pub const JUDGED_WITHOUT: &str = "register-judged-without:";

/// The id of the warning that flows dated before the 2024 Provisions were judged under them.
pub const BEFORE_PROVISIONS: &str = "register-before-provisions";

/// One row of the register: a transfer on a day (contract: the register's columns).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Flow {
    pub date: Option<Date>,
    /// A name for the flow (system, project).
    pub name: String,
    pub recipient: String,
    pub country: String,
    pub list: Option<String>,
    pub sector: Option<String>,
    pub scenario: Option<String>,
    pub group: Option<String>,
    /// Declared counts for this flow (empty cell: none).
    pub persons: Option<Count>,
    pub sensitive_persons: Option<Count>,
    pub basis: Option<Basis>,
    pub important_data: Vec<String>,
    /// Identifier files given: `person_ids`, `sensitive_ids`. Their identifiers count instead
    /// of the declared figure of the same measure.
    pub has_person_ids: bool,
    pub has_sensitive_ids: bool,
}

/// What is wrong with a flow: the column as the user knows it, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowError {
    pub column: &'static str,
    pub message: String,
}

impl Flow {
    /// The persons this flow adds beyond its identifiers: the declared figure where no
    /// `person_ids` file is given (its sensitive identifiers are persons too, and are counted
    /// from the file).
    fn declared_persons(&self) -> u64 {
        if self.has_person_ids { 0 } else { self.persons.map_or(0, |c| c.0) }
    }

    fn declared_sensitive(&self) -> u64 {
        if self.has_sensitive_ids { 0 } else { self.sensitive_persons.map_or(0, |c| c.0) }
    }

    /// Persons counted exactly: from `person_ids`, or none declared beside the sensitive file.
    fn persons_exact(&self) -> bool {
        self.has_person_ids || self.declared_persons() == 0
    }

    fn sensitive_exact(&self) -> bool {
        self.has_sensitive_ids || self.declared_sensitive() == 0
    }

    /// The flow as a one-entry scenario, to check its catalogue terms as a scenario is checked.
    fn as_scenario(&self) -> Scenario {
        let mut s = Scenario::new();
        s.handler.in_zone = true;
        s.list = self.list.clone();
        s.sector = self.sector.clone();
        s.important_data = self.important_data.clone();
        let persons = if self.has_person_ids || self.has_sensitive_ids { 1 } else { self.persons.map_or(0, |c| c.0) };
        let sensitive = if self.has_person_ids || self.has_sensitive_ids { 0 } else { self.sensitive_persons.map_or(0, |c| c.0) };
        s.personal_information.push(PiEntry { scenario: self.scenario.clone(), group: self.group.clone(), persons: Count(persons), sensitive_persons: Count(sensitive), basis: self.basis });
        s
    }

    /// Checks the flow on its own: a date, a name, catalogue terms the catalogue has, counts
    /// that hold together. The error names the column.
    pub fn check(&self) -> Result<(), FlowError> {
        let e = |column, message: String| Err(FlowError { column, message });
        if self.date.is_none() {
            return e("date", "missing: expected the day of the transfer, YYYY-MM-DD".into());
        }
        if self.name.trim().is_empty() {
            return e("flow", "missing: expected a name for the flow (system, project)".into());
        }
        if self.basis == Some(Basis::NoPersonalData) && (self.has_person_ids || self.has_sensitive_ids) {
            return e("basis", "`no_personal_data` (Provisions Art. 3) is for data that holds no personal information, but this flow names identifier files: choose another basis, or leave it empty".into());
        }
        self.as_scenario().resolve().map(|_| ()).map_err(|err| FlowError { column: column_of(&err), message: err.message })
    }
}

/// The register column a scenario error of a one-flow scenario is about.
fn column_of(e: &InputError) -> &'static str {
    let p = e.path.as_str();
    if p.starts_with("important_data") {
        return "important_data";
    }
    for c in ["scenario", "group", "basis", "sensitive_persons", "persons"] {
        if p.ends_with(&format!(".{c}")) {
            return c;
        }
    }
    match p {
        "list" => "list",
        "sector" => "sector",
        _ => "persons",
    }
}

/// The handler's facts, which the register's rows do not hold: `None` leaves the question open
/// (contract: "Unknown answers"), so the verdict says what it depends on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HandlerFacts {
    pub in_zone: Option<bool>,
    pub ciio: Option<bool>,
    /// The handler's zone where it differs from the list's (scenario `zone`).
    pub zone: Option<String>,
}

/// The count a rule saw for the year (contract: register output, `counts`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    /// The item id or national rule id that counts these persons.
    pub rule: String,
    pub persons: Count,
    pub sensitive_persons: Count,
    /// Every flow the rule takes has identifiers: the counts are distinct persons.
    pub exact: bool,
}

/// A flow at which the year's outcome became stricter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Crossing {
    pub date: Date,
    pub flow: String,
    pub from: &'static str,
    pub to: &'static str,
}

/// The year-to-date position (contract: register output).
#[derive(Debug, Clone, Serialize)]
pub struct Position {
    pub schema: u32,
    pub year: i32,
    /// Rows of the year counted.
    pub flows: usize,
    /// Rows left out: of other years, or after the day of the position.
    pub ignored_rows: usize,
    pub counts: Vec<RuleCount>,
    pub verdict: Verdict,
    pub crossings: Vec<Crossing>,
    /// The year-to-date scenario the verdict is of (not in the JSON: the report prints it).
    #[serde(skip)]
    pub scenario: Scenario,
    /// The flows counted, in the order replayed (indexes into the input; not in the JSON).
    #[serde(skip)]
    pub order: Vec<usize>,
    /// The year's outcome once each flow of `order` is counted (its code; not in the JSON).
    #[serde(skip)]
    pub outcomes: Vec<&'static str>,
    /// Where in `order` each crossing happened (not in the JSON).
    #[serde(skip)]
    pub crossed_at: Vec<usize>,
}

/// The days a position covers: a calendar year, up to a day of it where given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub year: i32,
    /// The last day counted (`--as-of`); none: the whole year.
    pub until: Option<Date>,
}

impl Period {
    pub fn holds(&self, d: Date) -> bool {
        d.year() == self.year && self.until.is_none_or(|u| d <= u)
    }
}

/// One person in [`Table`]: the 128-bit hash of their identifier (never the identifier) and the
/// index of the combination of entries they are in. All zero: an empty slot.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    lo: u64,
    hi: u64,
    kind: u32,
}

/// An open-addressing hash table of identifier hashes (linear probing, at most 5/8 full). The
/// hashes are uniformly random, so the low word is the slot; lookups come in batches whose slots
/// are prefetched first, so that the memory latency of a table far larger than the caches
/// overlaps instead of adding up (this is what makes 10 million identifiers a second's work).
#[derive(Debug, Default)]
struct Table {
    slots: Vec<Slot>,
    len: usize,
}

impl Table {
    /// The home slot of a hash: the top bits of its high half. A flow's hashes come sorted in
    /// the page (its hasher keeps them sorted), so its lookups then sweep the table in order,
    /// as the table's own regrowth does; in any other order they are as random as before.
    #[inline(always)]
    fn home(&self, hi: u64) -> usize {
        match self.slots.len() {
            0 => 0,
            n => (hi >> (64 - n.trailing_zeros())) as usize,
        }
    }

    /// Room for `more` beyond `len` within the load factor.
    fn reserve(&mut self, more: usize) {
        let need = self.len.saturating_add(more);
        if need.saturating_mul(8) <= self.slots.len() * 5 {
            return;
        }
        let cap = need.saturating_mul(8).div_ceil(5).next_power_of_two().max(1024);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); cap]);
        let mask = cap - 1;
        for s in old.into_iter().filter(|s| s.lo != 0 || s.hi != 0) {
            let mut i = self.home(s.hi);
            while self.slots[i].lo != 0 || self.slots[i].hi != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }

    /// Asks the processor to start loading the slot of `hi` (no effect where it cannot).
    #[inline(always)]
    fn prefetch(&self, hi: u64) {
        #[cfg(target_arch = "x86_64")]
        if let Some(s) = self.slots.get(self.home(hi)) {
            // SAFETY: a prefetch is only a hint; the pointer is to a live element.
            unsafe { std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>((s as *const Slot).cast()) };
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = hi;
    }

    /// The slot of the hash, and whether it was there already (a new one gets `kind` u32::MAX).
    /// The caller has reserved room.
    #[inline(always)]
    fn slot(&mut self, lo: u64, hi: u64) -> (&mut Slot, bool) {
        let mask = self.slots.len() - 1;
        let mut i = self.home(hi);
        loop {
            let s = self.slots[i];
            if s.lo == lo && s.hi == hi {
                return (&mut self.slots[i], true);
            }
            if s.lo == 0 && s.hi == 0 {
                self.len += 1;
                self.slots[i] = Slot { lo, hi, kind: u32::MAX };
                return (&mut self.slots[i], false);
            }
            i = (i + 1) & mask;
        }
    }
}

/// How many identifiers are looked up together (their slots prefetched first).
const BATCH: usize = 32;

/// Which entries a person is in: for persons, and for sensitive persons. A sensitive
/// identifier is also a person: its bit is in both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
struct Membership {
    persons: u64,
    sensitive: u64,
}

/// Everyone the year's identifier files name, de-duplicated by 128-bit hash, each with the
/// entries they are in; and how many people share each combination of entries, so that the
/// number of distinct people in any union of entries is a sum over the (few) combinations.
///
/// Only hashes are held, never an identifier. Two different identifiers collide with a
/// probability of about n²/2¹²⁹ (for 10⁹ identifiers, 10⁻²¹).
#[derive(Debug, Default)]
pub struct People {
    /// hash → index into `kinds`.
    who: Table,
    kinds: Vec<Membership>,
    kind_of: HashMap<Membership, u32>,
    /// People per kind.
    many: Vec<u64>,
    /// For the entry and measure now being added: kind → kind after (u32::MAX: not yet known).
    step: Vec<u32>,
    step_for: Option<(usize, bool)>,
    /// Hashes not yet looked up, for `step_for`.
    pending: Vec<(u64, u64)>,
}

/// The index of a combination of entries, interned.
fn kind(kinds: &mut Vec<Membership>, kind_of: &mut HashMap<Membership, u32>, many: &mut Vec<u64>, m: Membership) -> u32 {
    if let Some(k) = kind_of.get(&m) {
        return *k;
    }
    let k = kinds.len() as u32;
    kinds.push(m);
    kind_of.insert(m, k);
    many.push(0);
    k
}

impl People {

    /// Adds one identifier's hash to entry `entry` (a sensitive one also as a person).
    fn add(&mut self, entry: usize, sensitive: bool, hash: u128) {
        if self.step_for != Some((entry, sensitive)) {
            self.flush();
            self.step_for = Some((entry, sensitive));
            self.step.clear();
        }
        // The all-zero hash marks an empty slot: it is taken as (1, 0) (a 2^-128 chance of
        // meeting a real (1, 0)).
        let (lo, hi) = match hash {
            0 => (1, 0),
            h => (h as u64, (h >> 64) as u64),
        };
        self.pending.push((lo, hi));
        if self.pending.len() == BATCH {
            self.flush();
        }
    }

    /// Looks up the pending hashes: their slots prefetched, then each in turn.
    fn flush(&mut self) {
        let Some((entry, sensitive)) = self.step_for else { return };
        if self.pending.is_empty() {
            return;
        }
        self.who.reserve(self.pending.len());
        for &(_, hi) in &self.pending {
            self.who.prefetch(hi);
        }
        let bit = 1u64 << entry;
        let fresh = kind(&mut self.kinds, &mut self.kind_of, &mut self.many, Membership { persons: bit, sensitive: if sensitive { bit } else { 0 } });
        let pending = std::mem::take(&mut self.pending);
        for &(lo, hi) in &pending {
            let (slot, known) = self.who.slot(lo, hi);
            let from = slot.kind as usize;
            let to = if !known {
                fresh
            } else {
                match self.step.get(from) {
                    Some(&to) if to != u32::MAX => to,
                    _ => {
                        if self.step.len() <= from {
                            self.step.resize(self.kinds.len().max(from + 1), u32::MAX);
                        }
                        let m = self.kinds[from];
                        let next = Membership { persons: m.persons | bit, sensitive: if sensitive { m.sensitive | bit } else { m.sensitive } };
                        let to = kind(&mut self.kinds, &mut self.kind_of, &mut self.many, next);
                        self.step[from] = to;
                        to
                    }
                }
            };
            if !known || to as usize != from {
                if known {
                    self.many[from] -= 1;
                }
                self.many[to as usize] += 1;
                slot.kind = to;
            }
        }
        self.pending = pending;
        self.pending.clear();
    }

    /// Room for `more` people beyond those held (a hint: the table grows as needed anyway).
    fn reserve(&mut self, more: usize) {
        self.who.reserve(more);
    }

    /// Distinct people in the union of the entries of `persons` (as persons) and of
    /// `sensitive` (as sensitive persons), by bit.
    fn union(&self, persons: u64, sensitive: u64) -> u64 {
        self.kinds.iter().zip(&self.many).filter(|(m, _)| m.persons & persons != 0 || m.sensitive & sensitive != 0).map(|(_, n)| n).sum()
    }

    /// Distinct people named in all.
    pub fn len(&self) -> usize {
        self.who.len
    }

    pub fn is_empty(&self) -> bool {
        self.who.len == 0
    }
}

/// How many distinct people a union of entries holds: [`People`], or [`Sorted`].
trait Unions {
    /// Distinct people in the union of the entries of `persons` (as persons) and of
    /// `sensitive` (as sensitive persons), by bit.
    fn union(&self, persons: u64, sensitive: u64) -> u64;
}

impl Unions for People {
    fn union(&self, persons: u64, sensitive: u64) -> u64 {
        People::union(self, persons, sensitive)
    }
}

/// The year's people as counts per distinct pair of flow sets: for each group, the flows that
/// name its people as persons and as sensitive persons (indices into the flows, ascending), and
/// how many people that is. One merge of the flows' sorted hashes makes it ([`Groups::merge`]);
/// the page's store makes it off the page's main thread and hands only it over, and a removed
/// flow is dropped from it without the hashes ([`Groups::without`]). [`Sorted`] counts with it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Groups(pub Vec<Group>);

/// People named by exactly the same flows (see [`Groups`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub persons: Vec<u32>,
    pub sensitive: Vec<u32>,
    pub people: u64,
}

impl Groups {
    /// `files[k]`: flow `k`'s persons' and sensitive persons' hashes, each sorted and distinct
    /// (flows without identifiers: empty).
    pub fn merge(files: &[(&[u128], &[u128])]) -> Groups {
        let lists: Vec<(usize, bool, &[u128])> = files.iter().enumerate().flat_map(|(k, (p, s))| [(k, false, *p), (k, true, *s)]).filter(|(_, _, l)| !l.is_empty()).collect();
        if lists.len() <= xborder_ids::merge::MAX_FILES {
            Groups::merge_few(&lists)
        } else {
            Groups::merge_many(&lists)
        }
    }

    /// [`Groups::merge`] of at most 16 lists: each person's lists as bits, people counted per
    /// combination in a table of 2^lists (`xborder_ids::merge`: no hashing, no allocation per
    /// person).
    fn merge_few(lists: &[(usize, bool, &[u128])]) -> Groups {
        let sorted: Vec<&[u128]> = lists.iter().map(|(_, _, l)| *l).collect();
        let many = xborder_ids::merge::combinations(&sorted).expect("at most 16 lists");
        let groups = many.iter().enumerate().filter(|(_, n)| **n > 0).map(|(mask, &people)| {
            let (mut persons, mut sensitive) = (Vec::new(), Vec::new());
            for (j, (k, s, _)) in lists.iter().enumerate() {
                if mask & (1 << j) != 0 {
                    let into = if *s { &mut sensitive } else { &mut persons };
                    if into.last() != Some(&(*k as u32)) {
                        into.push(*k as u32);
                    }
                }
            }
            Group { persons, sensitive, people }
        });
        Groups(groups.collect())
    }

    /// [`Groups::merge`] of any number of lists.
    fn merge_many(lists: &[(usize, bool, &[u128])]) -> Groups {
        // Heads of every list: (list, position); a person is the smallest head, taken from
        // every list that has it.
        let mut at = vec![0usize; lists.len()];
        let mut index: HashMap<(Vec<u32>, Vec<u32>), usize> = HashMap::new();
        let mut groups: Vec<Group> = Vec::new();
        let (mut ps, mut ss) = (Vec::new(), Vec::new());
        loop {
            let Some(h) = lists.iter().zip(&at).filter_map(|((_, _, l), &i)| l.get(i)).min().copied() else { break };
            ps.clear();
            ss.clear();
            for (j, (k, sensitive, l)) in lists.iter().enumerate() {
                if l.get(at[j]) == Some(&h) {
                    at[j] += 1;
                    let into = if *sensitive { &mut ss } else { &mut ps };
                    if into.last() != Some(&(*k as u32)) {
                        into.push(*k as u32);
                    }
                }
            }
            // The pair of flow sets as the key, its buffers taken back afterwards (no
            // allocation for a pair already seen).
            let key = (std::mem::take(&mut ps), std::mem::take(&mut ss));
            match index.get(&key) {
                Some(&g) => groups[g].people += 1,
                None => {
                    index.insert(key.clone(), groups.len());
                    groups.push(Group { persons: key.0.clone(), sensitive: key.1.clone(), people: 1 });
                }
            }
            (ps, ss) = key;
        }
        Groups(groups)
    }

    /// The groups once flow `k` is removed from the flows: its people in no other flow leave,
    /// the flows after it move down one, groups that become the same are one.
    pub fn without(&self, k: usize) -> Groups {
        let k = k as u32;
        let shift = |v: &[u32]| v.iter().filter(|&&x| x != k).map(|&x| if x > k { x - 1 } else { x }).collect::<Vec<u32>>();
        let mut out: Vec<Group> = Vec::new();
        for g in &self.0 {
            let (persons, sensitive) = (shift(&g.persons), shift(&g.sensitive));
            if persons.is_empty() && sensitive.is_empty() {
                continue;
            }
            match out.iter_mut().find(|o| o.persons == persons && o.sensitive == sensitive) {
                Some(o) => o.people += g.people,
                None => out.push(Group { persons, sensitive, people: g.people }),
            }
        }
        Groups(out)
    }

    /// Distinct people named in all.
    pub fn people(&self) -> u64 {
        self.0.iter().map(|g| g.people).sum()
    }
}

/// The year's people counted from [`Groups`]: replaying the year then costs nothing per person
/// (adding a flow updates each group's entries). The same counts as [`People`] (a property
/// test checks it), without a table of every person.
pub struct Sorted<'g> {
    /// Per group: the entries its people are in so far.
    groups: Vec<(&'g Group, Membership)>,
}

impl<'g> Sorted<'g> {
    pub fn new(groups: &'g Groups) -> Sorted<'g> {
        Sorted { groups: groups.0.iter().map(|g| (g, Membership::default())).collect() }
    }

    /// Flow `k` is counted, in entry `entry`.
    fn add(&mut self, k: usize, entry: usize) {
        let (bit, k) = (1u64 << entry, k as u32);
        for (g, m) in &mut self.groups {
            let sensitive = g.sensitive.contains(&k);
            if sensitive || g.persons.contains(&k) {
                m.persons |= bit;
            }
            if sensitive {
                m.sensitive |= bit;
            }
        }
    }
}

impl Unions for Sorted<'_> {
    fn union(&self, persons: u64, sensitive: u64) -> u64 {
        self.groups.iter().filter(|(_, m)| m.persons & persons != 0 || m.sensitive & sensitive != 0).map(|(g, _)| g.people).sum()
    }
}

/// Where a flow's identifiers go while it is being added: its entry in [`People`].
pub struct Sink<'a> {
    people: &'a mut People,
    entry: usize,
}

impl Sink<'_> {
    /// A person's identifier, hashed to 128 bits.
    pub fn person(&mut self, hash: u128) {
        self.people.add(self.entry, false, hash);
    }

    /// A sensitive person's identifier (also a person), hashed to 128 bits.
    pub fn sensitive(&mut self, hash: u128) {
        self.people.add(self.entry, true, hash);
    }

    /// A hint that about `more` identifiers are coming (saves regrowing the table).
    pub fn reserve(&mut self, more: usize) {
        self.people.reserve(more);
    }
}

/// What an entry (a distinct (scenario, group, basis)) holds beyond its identifiers.
#[derive(Debug, Clone, Copy, Default)]
struct Declared {
    persons: u64,
    sensitive: u64,
    persons_exact: bool,
    sensitive_exact: bool,
}

/// The counting the engine asks for: unions over [`People`], plus the declared counts of the
/// flows without identifiers. Records what each rule saw.
struct Tally<'a> {
    people: &'a dyn Unions,
    declared: &'a [Declared],
    seen: RefCell<Vec<RuleCount>>,
}

impl Tally<'_> {
    fn count(&self, persons: u64, sensitive: u64) -> u64 {
        let extra: u64 = bits(persons).map(|k| self.declared[k].persons).chain(bits(sensitive).map(|k| self.declared[k].sensitive)).sum();
        (self.people.union(persons, sensitive) + extra).min(MAX_COUNT)
    }

    /// An entry's counts: persons never fewer than its sensitive persons.
    fn entry(&self, k: usize) -> (u64, u64) {
        let bit = 1u64 << k;
        let s = self.count(0, bit);
        (self.count(bit, 0).max(s), s)
    }
}

fn bits(mask: u64) -> impl Iterator<Item = usize> {
    (0..64).filter(move |k| mask & (1u64 << k) != 0)
}

impl std::fmt::Debug for Tally<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tally").field("declared", &self.declared).field("seen", &self.seen).finish_non_exhaustive()
    }
}

impl Overlaps for Tally<'_> {
    fn union(&self, rule: &str, parts: &[(usize, Measure)]) -> u64 {
        let mask = |want: Measure| parts.iter().filter(|(_, m)| *m == want).fold(0u64, |a, (k, _)| a | (1u64 << k));
        let (p, s) = (mask(Measure::Persons), mask(Measure::SensitivePersons));
        let all = p | s;
        // Persons: every sensitive person is a person, so never fewer than the sensitive count.
        let persons_all = self.count(all, 0).max(self.count(0, all));
        let answer = if s == 0 { persons_all } else { self.count(p, s) };
        let sensitive_seen = if s == 0 { self.count(0, all) } else { answer };
        let exact = bits(all).all(|k| self.declared[k].persons_exact && self.declared[k].sensitive_exact);
        if !parts.is_empty() {
            let mut seen = self.seen.borrow_mut();
            match seen.iter_mut().find(|c| c.rule == rule) {
                Some(c) => {
                    c.persons = c.persons.max(Count(persons_all));
                    c.sensitive_persons = c.sensitive_persons.max(Count(sensitive_seen));
                    c.exact &= exact;
                }
                None => seen.push(RuleCount { rule: rule.to_string(), persons: Count(persons_all), sensitive_persons: Count(sensitive_seen), exact }),
            }
        }
        answer
    }
}

/// Why the register cannot be evaluated as a whole: the flow (index into the input) and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterError<E> {
    pub flow: Option<usize>,
    pub kind: RegisterErrorKind<E>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegisterErrorKind<E> {
    /// A flow that does not fit the year (another list, too many groups).
    Flow(FlowError),
    /// The caller's identifiers could not be read.
    Ids(E),
    /// The year-to-date scenario is not valid (e.g. `--zone`).
    Scenario(InputError),
}

/// The position of `flows` for `period` and the handler. `ids(i, sink)` is called once for each
/// flow of the period that names identifier files, in date order (ties: input order), to add
/// the hashed identifiers of flow `i` (index into `flows`). The rules are those in force on the
/// period's last day counted (contract "Rules as of a date"): `--as-of`, else `today`, or the
/// last day of a past year.
pub fn position<E>(
    flows: &[Flow],
    period: Period,
    handler: &HandlerFacts,
    today: Date,
    mut ids: impl FnMut(usize, &mut Sink) -> Result<(), E>,
) -> Result<Position, RegisterError<E>> {
    let mut people = People::default();
    position_by(flows, period, handler, today, &mut people, |people, i, entry| {
        ids(i, &mut Sink { people: &mut *people, entry })?;
        people.flush();
        Ok(())
    })
}

/// [`position`] for flows whose identifiers are already hashed, each flow's sorted and
/// distinct (`hashes(i)`: persons, sensitive persons). The same position, counted by one merge
/// of the files ([`Groups::merge`]) rather than a table of every person.
pub fn position_sorted<'h>(flows: &[Flow], period: Period, handler: &HandlerFacts, today: Date, hashes: impl Fn(usize) -> (&'h [u128], &'h [u128])) -> Result<Position, RegisterError<std::convert::Infallible>> {
    let files: Vec<(&[u128], &[u128])> = (0..flows.len()).map(|i| if flows[i].has_person_ids || flows[i].has_sensitive_ids { hashes(i) } else { (&[][..], &[][..]) }).collect();
    position_grouped(flows, period, handler, today, &Groups::merge(&files))
}

/// [`position`] from the flows' [`Groups`] (made by [`Groups::merge`] of their hashes,
/// wherever that ran): the page's register, which holds no hash on its main thread.
pub fn position_grouped(flows: &[Flow], period: Period, handler: &HandlerFacts, today: Date, groups: &Groups) -> Result<Position, RegisterError<std::convert::Infallible>> {
    let mut sorted = Sorted::new(groups);
    position_by(flows, period, handler, today, &mut sorted, |sorted, i, entry| {
        sorted.add(i, entry);
        Ok(())
    })
}

/// The replay of the year (see [`position`]), counting people with `people`; `add(people, i,
/// entry)` counts flow `i`'s identifiers in `entry`.
fn position_by<E, U: Unions>(
    flows: &[Flow],
    period: Period,
    handler: &HandlerFacts,
    today: Date,
    people: &mut U,
    mut add: impl FnMut(&mut U, usize, usize) -> Result<(), E>,
) -> Result<Position, RegisterError<E>> {
    let flow_err = |i: usize, column, message: String| RegisterError { flow: Some(i), kind: RegisterErrorKind::Flow(FlowError { column, message }) };
    let mut order: Vec<usize> = (0..flows.len()).filter(|&i| flows[i].date.is_some_and(|d| period.holds(d))).collect();
    order.sort_by_key(|&i| flows[i].date);
    let ignored_rows = flows.len() - order.len();
    let year_end = Date::new(period.year, 12, 31).unwrap_or(today);
    let day = period.until.unwrap_or(if year_end < today { year_end } else { today });

    let mut base = Scenario::new();
    let mut unknown = Vec::new();
    match handler.in_zone {
        Some(v) => base.handler.in_zone = v,
        None => unknown.push("handler.in_zone".to_string()),
    }
    match handler.ciio {
        Some(v) => base.handler.ciio = v,
        None => unknown.push("handler.ciio".to_string()),
    }
    base.unknown = unknown;
    base.zone = handler.zone.clone();
    // The year's list and sector: the one every flow that names one names.
    let first = |f: fn(&Flow) -> &Option<String>| order.iter().find_map(|&i| f(&flows[i]).clone().map(|v| (i, v)));
    let list = first(|f| &f.list);
    let sector = first(|f| &f.sector);
    for &i in &order {
        for (column, mine, year) in [("list", &flows[i].list, &list), ("sector", &flows[i].sector, &sector)] {
            if let (Some(m), Some((_, y))) = (mine, year) {
                if m != y {
                    return Err(flow_err(i, column, format!("expected \"{y}\" as the year's other flows name it (a register is one handler's position under one list and sector; keep another list's flows in a register of their own), found \"{m}\"")));
                }
            }
        }
    }
    base.list = list.map(|(_, v)| v);
    base.sector = sector.map(|(_, v)| v);

    let mut keys: Vec<(Option<String>, Option<String>, Option<Basis>)> = Vec::new();
    let mut declared: Vec<Declared> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    // Each flow is judged on its own day, with the rules in force then (`judged_on`).
    let provisions = provisions_day();
    let judged_on = |d: Date| d.max(provisions);
    let evaluate = |s: &Scenario, on: Date, tally: &Tally| crate::unknown::evaluate_with(s, on, Some(tally), Coverage::NationalWhereLapsed);
    let empty = Tally { people: &*people, declared: &declared, seen: RefCell::new(Vec::new()) };
    let start = order.first().and_then(|&i| flows[i].date).map_or(day, judged_on);
    let mut last = evaluate(&year_scenario(&base, &keys, &items, &empty), start, &empty).map_err(|e| RegisterError { flow: None, kind: RegisterErrorKind::Scenario(e) })?.outcome;
    // The strictest outcome of the year so far, and the day of the flow that reached it.
    let mut peak: Option<(Pathway, Date)> = None;
    // The editions not in force on some flows' days: (document, first and last such day).
    let mut lapsed: Vec<(String, Date, Date)> = Vec::new();
    let mut crossings = Vec::new();
    let mut crossed_at = Vec::new();
    let mut outcomes = Vec::with_capacity(order.len());
    for (k, &i) in order.iter().enumerate() {
        let f = &flows[i];
        let key = (f.scenario.clone(), f.group.clone(), f.basis);
        let entry = match keys.iter().position(|k| *k == key) {
            Some(k) => k,
            None => {
                if keys.len() >= MAX_ENTRIES {
                    return Err(flow_err(i, "scenario", format!("more than {MAX_ENTRIES} different combinations of scenario, group and basis in one year")));
                }
                keys.push(key);
                declared.push(Declared { persons_exact: true, sensitive_exact: true, ..Declared::default() });
                keys.len() - 1
            }
        };
        let d = &mut declared[entry];
        d.persons = (d.persons + f.declared_persons()).min(MAX_COUNT);
        d.sensitive = (d.sensitive + f.declared_sensitive()).min(MAX_COUNT);
        d.persons_exact &= f.persons_exact();
        d.sensitive_exact &= f.sensitive_exact();
        for it in &f.important_data {
            if !items.contains(it) {
                items.push(it.clone());
            }
        }
        if f.has_person_ids || f.has_sensitive_ids {
            add(people, i, entry).map_err(|e| RegisterError { flow: Some(i), kind: RegisterErrorKind::Ids(e) })?;
        }
        let date = f.date.expect("in the period");
        let tally = Tally { people: &*people, declared: &declared, seen: RefCell::new(Vec::new()) };
        let s = year_scenario(&base, &keys, &items, &tally);
        let v = evaluate(&s, judged_on(date), &tally).map_err(|e| RegisterError { flow: Some(i), kind: RegisterErrorKind::Scenario(e) })?;
        for w in v.warnings.iter().filter_map(|w| w.id.strip_prefix(NOT_IN_FORCE)) {
            match lapsed.iter_mut().find(|(id, ..)| id == w) {
                Some((_, _, until)) => *until = date,
                None => lapsed.push((w.to_string(), date, date)),
            }
        }
        let outcome = v.outcome;
        if rank(outcome) > rank(last) {
            crossings.push(Crossing { date, flow: f.name.clone(), from: last.code(), to: outcome.code() });
            crossed_at.push(k);
        }
        if peak.is_none_or(|(p, _)| rank(outcome) > rank(p)) {
            peak = Some((outcome, date));
        }
        outcomes.push(outcome.code());
        last = outcome;
    }
    // The year-to-date verdict, on the position's day.
    let tally = Tally { people: &*people, declared: &declared, seen: RefCell::new(Vec::new()) };
    let scenario = year_scenario(&base, &keys, &items, &tally);
    let mut verdict = evaluate(&scenario, day, &tally).map_err(|e| RegisterError { flow: None, kind: RegisterErrorKind::Scenario(e) })?;
    let counts = tally.seen.into_inner();
    for (id, from, until) in &lapsed {
        if let Some(doc) = crate::catalogue::documents().iter().find(|d| d.id == id) {
            if !verdict.warnings.iter().any(|w| w.id.strip_prefix(NOT_IN_FORCE) == Some(id)) {
                verdict.warnings.push(judged_without(doc, *from, *until, day));
            }
        }
    }
    if let Some((p, date)) = peak.filter(|(p, _)| rank(*p) > rank(verdict.outcome)) {
        verdict.warnings.push(stricter_earlier(p, date, day));
    }
    if let Some(first) = order.first().and_then(|&i| flows[i].date).filter(|&d| d < provisions) {
        verdict.warnings.push(before_provisions(first, provisions));
    }
    let inexact: Vec<&str> = counts.iter().filter(|c| !c.exact).map(|c| c.rule.as_str()).collect();
    if !inexact.is_empty() {
        verdict.warnings.push(Warning {
            id: DECLARED_ADDED.into(),
            text_zh: format!("以下规则的人数加上了未提供标识符文件的流转所填报的人数（{}）：同一自然人出现在多个流转中时会被重复计算（结果从严）。为每个流转提供 person_ids / sensitive_ids 标识符文件，即可按自然人精确去重。", inexact.join("、")).into(),
            text_en: format!("These rules' counts add the declared counts of flows without identifier files ({}): a person in two flows is then counted twice (the stricter result). Give each flow person_ids / sensitive_ids files to count each natural person once.", inexact.join(", ")).into(),
        });
    }
    Ok(Position { schema: crate::scenario::SCHEMA, year: period.year, flows: order.len(), ignored_rows, counts, verdict, crossings, scenario, order, outcomes, crossed_at })
}

/// The first day the rules cover: the 2024 Provisions' entry into force.
fn provisions_day() -> Date {
    crate::catalogue::documents().iter().filter(|d| d.kind == DocKind::Baseline).map(|d| d.in_force).max().expect("lint: the national rules")
}

/// The warning that a flow earlier in the year reached a stricter outcome under the rules in
/// force on its day than the year-to-date verdict gives on the position's day (a list that came
/// into force since, or zone measures that lapsed): the transfers made then needed it.
fn stricter_earlier(p: Pathway, date: Date, day: Date) -> Warning {
    Warning {
        id: STRICTER_EARLIER.into(),
        text_zh: format!("本年早些时候，截至{date}的流转计入后，按当日施行的规则，结论为“{}”，严于本结论（按{day}施行的规则）。在该规则适用期间发生的数据出境，应当按当时的要求办理（结果从严；见 crossings）。", p.name_zh()).into(),
        text_en: format!("Earlier this year, once the flows up to {date} were counted, the rules in force that day gave \"{}\", stricter than this verdict (the rules in force on {day}). The transfers made while those rules applied needed that pathway (the stricter result; see the crossings).", p.name_en()).into(),
    }
}

/// The warning that flows of the year were judged without a list or zone measures not in
/// force on their days (the national rules decided them), where the position's day has it.
fn judged_without(doc: &crate::catalogue::Document, from: Date, until: Date, day: Date) -> Warning {
    let (zh, en) = crate::say::in_force_period(doc);
    let (rzh, ren) = if doc.dates_reading_zh.is_empty() { ("", "") } else { ("其施行日期为本工具的解读（见 xborder rules list）。", " Its dates are our reading (see `xborder rules list`).") };
    let (dzh, den) = if from == until { (from.to_string(), format!("on {from}")) } else { (format!("{from}至{until}"), format!("from {from} to {until}")) };
    Warning {
        id: format!("{JUDGED_WITHOUT}{}", doc.id).into(),
        text_zh: format!("{dzh}的流转计入时，{}不在施行期内（{zh}）：这些流转计入后的结论按国家规定判断（见 crossings）；本结论按{day}施行的规则判断。{rzh}", doc.title_zh).into(),
        text_en: format!("When the flows {den} were counted, the {} was not in force ({en}): the outcome once each was counted follows the national rules (see the crossings); this verdict follows the rules in force on {day}.{ren}", doc.title_en).into(),
    }
}

/// The warning that flows before the 2024 Provisions were judged under them.
fn before_provisions(first: Date, provisions: Date) -> Warning {
    Warning {
        id: BEFORE_PROVISIONS.into(),
        text_zh: format!("有早于{provisions}的流转（最早为{first}）。《促进和规范数据跨境流动规定》自{provisions}起施行，此前适用的规则（如《数据出境安全评估办法》）未收入本工具：这些流转照常计入本年累计人数，但计入后的结论按{provisions}施行的规则作出。此前规则的门槛更低（自上年1月1日起累计计算），请自行核对。").into(),
        text_en: format!("Some flows are dated before {provisions} (the first on {first}). The Provisions on Promoting and Regulating Cross-Border Data Flows came into force on {provisions}; the rules before them (such as the 2022 Security Assessment Measures) are not in this checker. These flows count toward the year's totals as usual, but the outcome once each is counted is judged under the rules of {provisions}. The earlier rules' thresholds were lower (counted from 1 January of the previous year): check them yourself.").into(),
    }
}

/// The year-to-date scenario: the handler, the year's list and sector, one entry per key with
/// its de-duplicated counts, the union of the items.
fn year_scenario(base: &Scenario, keys: &[(Option<String>, Option<String>, Option<Basis>)], items: &[String], tally: &Tally) -> Scenario {
    let mut s = base.clone();
    s.important_data = items.to_vec();
    s.personal_information = keys
        .iter()
        .enumerate()
        .map(|(k, (scenario, group, basis))| {
            let (p, sp) = tally.entry(k);
            PiEntry { scenario: scenario.clone(), group: group.clone(), persons: Count(p), sensitive_persons: Count(sp), basis: *basis }
        })
        .collect();
    s
}

/// How strict an outcome is (contract: `national_core_data` > `security_assessment` >
/// `standard_contract_or_certification` > `exempt`).
/// The order is the precedence table's outcome rows (`crate::precedence::rank`).
pub fn rank(p: Pathway) -> u8 {
    crate::precedence::rank(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for the CLI's XXH3-128 of an identifier: distinct and well spread.
    fn h(tag: u64, n: u64) -> u128 {
        let mut z = (tag << 40) ^ n ^ 0x9E37_79B9_7F4A_7C15;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        let lo = z ^ (z >> 31);
        (u128::from(lo) << 64) | u128::from(n)
    }

    fn day(s: &str) -> Option<Date> {
        Some(Date::parse(s).unwrap())
    }

    fn flow(date: &str, name: &str) -> Flow {
        Flow { date: day(date), name: name.into(), ..Flow::default() }
    }

    /// A flow whose sensitive persons come from an identifier file.
    fn sensitive_ids(date: &str, name: &str) -> Flow {
        Flow { has_sensitive_ids: true, ..flow(date, name) }
    }

    const Y2026: Period = Period { year: 2026, until: None };

    fn national() -> HandlerFacts {
        HandlerFacts { in_zone: Some(false), ciio: Some(false), zone: None }
    }

    fn count<'a>(p: &'a Position, rule: &str) -> &'a RuleCount {
        p.counts.iter().find(|c| c.rule == rule).unwrap_or_else(|| panic!("no count for {rule}: {:?}", p.counts))
    }

    /// Identifier ranges per flow index: (sensitive?, from, to).
    fn run(flows: &[Flow], period: Period, handler: &HandlerFacts, ranges: &[&[(bool, u64, u64)]]) -> Position {
        position(flows, period, handler, Date::ymd(2026, 12, 1), |i, sink| {
            for &(sensitive, from, to) in ranges[i] {
                for n in from..to {
                    if sensitive { sink.sensitive(h(0, n)) } else { sink.person(h(0, n)) }
                }
            }
            Ok::<(), ()>(())
        })
        .unwrap()
    }

    #[test]
    fn exact_counts_are_the_distinct_union_across_every_flow() {
        let flows = [sensitive_ids("2026-01-10", "CRM"), sensitive_ids("2026-03-01", "After-sales"), sensitive_ids("2026-05-01", "Lake")];
        let p = run(&flows, Y2026, &national(), &[&[(true, 0, 4000)], &[(true, 3000, 6500)], &[(true, 5000, 7500)]]);
        let c = count(&p, "national.art8-sensitive");
        assert_eq!((c.persons.0, c.sensitive_persons.0, c.exact), (7500, 7500, true));
        assert!(!p.verdict.warnings.iter().any(|w| w.id == DECLARED_ADDED));
        assert!(!p.verdict.warnings.iter().any(|w| w.id == "entries-summed"), "nothing was added");
        assert_eq!(p.scenario.personal_information.len(), 1, "one entry per (scenario, group, basis)");
    }

    #[test]
    fn a_mid_year_crossing_from_contract_to_assessment() {
        let flows = [sensitive_ids("2026-06-10", "After-sales"), sensitive_ids("2026-01-15", "CRM"), flow("2025-12-31", "Last year")];
        let p = run(&flows, Y2026, &national(), &[&[(true, 4000, 10_000)], &[(true, 0, 6000)], &[]]);
        assert_eq!((p.flows, p.ignored_rows), (2, 1));
        assert_eq!(p.verdict.outcome, Pathway::SecurityAssessment);
        let seen: Vec<(String, &str, &str, &str)> = p.crossings.iter().map(|c| (c.date.to_string(), c.flow.as_str(), c.from, c.to)).collect();
        assert_eq!(
            seen,
            [
                ("2026-01-15".to_string(), "CRM", "exempt", "standard_contract_or_certification"),
                ("2026-06-10".to_string(), "After-sales", "standard_contract_or_certification", "security_assessment"),
            ]
        );
        assert_eq!(count(&p, "national.art7-2-sensitive").sensitive_persons, Count(10_000));
    }

    #[test]
    fn a_sensitive_identifier_is_also_a_person() {
        let f = Flow { has_person_ids: true, has_sensitive_ids: true, ..flow("2026-02-01", "CRM") };
        let p = run(&[f], Y2026, &national(), &[&[(false, 0, 100), (true, 50, 150)]]);
        let c = count(&p, "national.art8-pi");
        assert_eq!((c.persons.0, c.sensitive_persons.0, c.exact), (150, 100, true));
    }

    #[test]
    fn the_national_count_deduplicates_across_entries_and_leaves_out_exempt_bases() {
        let a = Flow { has_person_ids: true, ..flow("2026-01-01", "CRM") };
        let b = Flow { has_person_ids: true, basis: Some(Basis::IndustryStandard), ..flow("2026-02-01", "Bank") };
        let c = Flow { has_person_ids: true, basis: Some(Basis::Hr), ..flow("2026-03-01", "HR") };
        let p = run(&[a, b, c], Y2026, &national(), &[&[(false, 0, 60_000)], &[(false, 30_000, 110_000)], &[(false, 200_000, 300_000)]]);
        assert_eq!(p.scenario.personal_information.len(), 3);
        // 0..110,000: the HR flow's 100,000 are exempt (Art. 5(1)(2)) and not counted.
        assert_eq!(count(&p, "national.art8-pi").persons, Count(110_000));
        assert_eq!(p.verdict.outcome, Pathway::StandardContractOrCertification);
    }

    #[test]
    fn declared_counts_are_added_and_said_to_be_inexact() {
        let a = Flow { persons: Some(Count(6000)), sensitive_persons: Some(Count(6000)), ..flow("2026-01-01", "CRM") };
        let b = Flow { persons: Some(Count(6000)), sensitive_persons: Some(Count(6000)), ..flow("2026-02-01", "After-sales") };
        let p = run(&[a, b], Y2026, &national(), &[&[], &[]]);
        let c = count(&p, "national.art7-2-sensitive");
        assert_eq!((c.sensitive_persons.0, c.exact), (12_000, false));
        let w = p.verdict.warnings.iter().find(|w| w.id == DECLARED_ADDED).expect("the warning");
        assert!(w.text_en.contains("counted twice") && w.text_zh.contains("重复计算"));
        assert_eq!(p.verdict.outcome, Pathway::SecurityAssessment);
    }

    #[test]
    fn identifiers_and_declared_counts_mixed_never_count_fewer() {
        let a = sensitive_ids("2026-01-01", "CRM");
        let b = Flow { persons: Some(Count(500)), sensitive_persons: Some(Count(500)), ..flow("2026-02-01", "Paper forms") };
        let p = run(&[a, b], Y2026, &national(), &[&[(true, 0, 1000)], &[]]);
        let c = count(&p, "national.art8-sensitive");
        assert_eq!((c.sensitive_persons.0, c.exact), (1500, false));
    }

    #[test]
    fn a_list_item_deduplicates_across_the_scenarios_it_takes() {
        // Beijing automotive item 13 (100,000 to fewer than 1,000,000 persons, all scenarios).
        let f = |date, name, scenario: Option<&str>| Flow { list: Some("bj-2025".into()), sector: Some("auto".into()), scenario: scenario.map(String::from), has_person_ids: true, ..flow(date, name) };
        let sector = crate::catalogue::list("bj-2025").unwrap().sector("auto").unwrap();
        let scen = sector.scenarios.first().map(|s| s.id);
        let flows = [f("2026-01-01", "A", None), f("2026-02-01", "B", scen)];
        let p = run(&flows, Y2026, &HandlerFacts { in_zone: Some(true), ciio: Some(false), zone: None }, &[&[(false, 0, 80_000)], &[(false, 40_000, 120_000)]]);
        let c = count(&p, "bj-2025.auto.13");
        assert_eq!((c.persons.0, c.exact), (120_000, true), "{:?}", p.counts);
        assert_eq!(p.verdict.outcome, Pathway::StandardContractOrCertification);
    }

    #[test]
    fn the_period_ends_on_its_day() {
        let flows = [sensitive_ids("2026-01-15", "CRM"), sensitive_ids("2026-06-10", "After-sales")];
        let p = run(&flows, Period { year: 2026, until: day("2026-06-09") }, &national(), &[&[(true, 0, 6000)], &[(true, 4000, 10_000)]]);
        assert_eq!((p.flows, p.ignored_rows), (1, 1));
        assert_eq!(p.verdict.outcome, Pathway::StandardContractOrCertification);
    }

    #[test]
    fn unanswered_handler_facts_stay_open_questions() {
        let f = Flow { persons: Some(Count(10)), ..flow("2026-01-01", "CRM") };
        let p = run(&[f], Y2026, &HandlerFacts::default(), &[&[]]);
        assert_eq!(p.scenario.unknown, ["handler.in_zone", "handler.ciio"]);
        assert!(p.verdict.depends_on.iter().any(|q| q == "handler.ciio"), "{:?}", p.verdict.depends_on);
        assert_eq!(p.verdict.outcome, Pathway::SecurityAssessment, "the strictest branch: a CIIO");
    }

    #[test]
    fn the_same_day_keeps_file_order() {
        let flows = [sensitive_ids("2026-03-01", "first"), sensitive_ids("2026-03-01", "second")];
        let p = run(&flows, Y2026, &national(), &[&[(true, 0, 9000)], &[(true, 9000, 10_000)]]);
        assert_eq!(p.crossings.iter().map(|c| c.flow.as_str()).collect::<Vec<_>>(), ["first", "second"]);
    }

    #[test]
    fn a_flow_is_checked_column_by_column() {
        let bad = |f: Flow| f.check().unwrap_err().column;
        assert_eq!(bad(Flow { date: None, ..flow("2026-01-01", "x") }), "date");
        assert_eq!(bad(flow("2026-01-01", " ")), "flow");
        assert_eq!(bad(Flow { list: Some("nope".into()), ..flow("2026-01-01", "x") }), "list");
        assert_eq!(bad(Flow { list: Some("bj-2025".into()), sector: Some("nope".into()), ..flow("2026-01-01", "x") }), "sector");
        assert_eq!(bad(Flow { list: Some("bj-2025".into()), sector: Some("auto".into()), scenario: Some("nope".into()), ..flow("2026-01-01", "x") }), "scenario");
        assert_eq!(bad(Flow { list: Some("bj-2025".into()), sector: Some("auto".into()), important_data: vec!["nope".into()], ..flow("2026-01-01", "x") }), "important_data");
        assert_eq!(bad(Flow { basis: Some(Basis::NoPersonalData), persons: Some(Count(3)), ..flow("2026-01-01", "x") }), "basis");
        assert_eq!(bad(Flow { basis: Some(Basis::NoPersonalData), has_person_ids: true, ..flow("2026-01-01", "x") }), "basis");
        assert!(flow("2026-01-01", "x").check().is_ok());
    }

    fn in_zone() -> HandlerFacts {
        HandlerFacts { in_zone: Some(true), ciio: Some(false), zone: None }
    }

    /// A Beijing aviation flow of customer service (the list: a contract from 500,000 persons).
    fn booking(date: &str, persons: u64) -> Flow {
        Flow { list: Some("bj-2025".into()), sector: Some("aviation".into()), scenario: Some("customer-service".into()), persons: Some(Count(persons)), ..flow(date, "Booking") }
    }

    fn has(p: &Position, id: &str) -> bool {
        p.verdict.warnings.iter().any(|w| w.id == id)
    }

    #[test]
    fn flows_before_the_lists_edition_are_judged_under_the_national_rules() {
        // The Beijing list is in force from 2026-05-11. On 2026-03-01 the national rules decide:
        // 200,000 persons need a contract (Provisions Art. 8); from the list's first day the
        // year's 300,000 are below its band.
        let p = run(&[booking("2026-03-01", 200_000), booking("2026-06-01", 100_000)], Y2026, &in_zone(), &[&[], &[]]);
        let seen: Vec<(String, &str, &str)> = p.crossings.iter().map(|c| (c.date.to_string(), c.from, c.to)).collect();
        assert_eq!(seen, [("2026-03-01".to_string(), "exempt", "standard_contract_or_certification")]);
        assert_eq!(p.outcomes, ["standard_contract_or_certification", "exempt"]);
        assert_eq!(p.verdict.outcome, Pathway::Exempt);
        assert!(has(&p, STRICTER_EARLIER) && has(&p, "register-judged-without:bj-2025"), "{:?}", p.verdict.warnings);
        let w = p.verdict.warnings.iter().find(|w| w.id == "register-judged-without:bj-2025").unwrap();
        assert!(w.text_en.contains("on 2026-03-01") && w.text_en.contains("in force from 2026-05-11"), "{}", w.text_en);
        assert!(!has(&p, "edition-not-in-force:bj-2025"), "the position's day has the list");
    }

    #[test]
    fn the_list_decides_from_its_first_day() {
        let on = run(&[booking("2026-05-11", 200_000)], Y2026, &in_zone(), &[&[]]);
        assert!(on.crossings.is_empty(), "{:?}", on.crossings);
        assert!(on.verdict.warnings.iter().all(|w| w.id != STRICTER_EARLIER && !w.id.starts_with(JUDGED_WITHOUT) && !w.id.starts_with(NOT_IN_FORCE)), "{:?}", on.verdict.warnings);
        let before = run(&[booking("2026-05-10", 200_000)], Y2026, &in_zone(), &[&[]]);
        assert_eq!(before.crossings.len(), 1);
    }

    #[test]
    fn a_position_before_the_lists_edition_follows_the_national_rules_and_says_so() {
        let p = run(&[booking("2026-03-01", 200_000)], Period { year: 2026, until: day("2026-04-30") }, &in_zone(), &[&[]]);
        assert_eq!(p.verdict.outcome, Pathway::StandardContractOrCertification);
        assert!(has(&p, "edition-not-in-force:bj-2025") && !has(&p, STRICTER_EARLIER), "{:?}", p.verdict.warnings);
        assert!(!has(&p, "register-judged-without:bj-2025"), "said once, by the verdict itself");
        assert!(p.verdict.editions.iter().all(|e| e.0.id != "bj-2025"), "the list did not decide");
        assert!(p.verdict.trace.iter().any(|t| t.contains("not in force on 2026-04-30")), "{:?}", p.verdict.trace);
    }

    #[test]
    fn listed_items_before_the_edition_are_still_important_data() {
        let sector = crate::catalogue::list("bj-2025").unwrap().sector("aviation").unwrap();
        let item = sector.items.iter().find(|i| i.kind == crate::catalogue::Kind::ImportantData && i.pathway == Pathway::SecurityAssessment).unwrap();
        let f = Flow { important_data: vec![item.id.to_string()], ..booking("2026-02-01", 0) };
        let p = run(&[f], Period { year: 2026, until: day("2026-02-28") }, &in_zone(), &[&[]]);
        assert_eq!(p.verdict.outcome, Pathway::SecurityAssessment);
        assert!(has(&p, "listed-items-outside-list"), "{:?}", p.verdict.warnings);
    }

    #[test]
    fn after_the_measures_and_their_list_end_the_national_rules_decide() {
        // The Chongqing measures and list are valid until 2027-09-04 (measures Art. 23).
        let f = |date: &str| Flow { list: Some("cq-2025".into()), sector: Some("auto".into()), persons: Some(Count(200_000)), ..flow(date, "Dealers") };
        let p = run(&[f("2027-09-04"), f("2027-09-05")], Period { year: 2027, until: day("2027-12-31") }, &in_zone(), &[&[], &[]]);
        assert!(has(&p, "edition-not-in-force:cq-2025") && has(&p, "edition-not-in-force:cq-measures"), "{:?}", p.verdict.warnings);
        assert_eq!(p.verdict.outcome, Pathway::StandardContractOrCertification, "200,000 + 200,000 persons under Provisions Art. 8");
        assert!(p.verdict.editions.iter().all(|e| e.0.kind == DocKind::Baseline), "only the national rules decided");
        assert!(p.verdict.warnings.iter().all(|w| !w.id.starts_with("cq-measures.")), "no note of measures no longer in force");
    }

    #[test]
    fn flows_before_the_provisions_count_and_are_judged_under_them_with_a_warning() {
        let y2024 = Period { year: 2024, until: None };
        let p = run(&[sensitive_ids("2024-02-01", "CRM")], y2024, &national(), &[&[(true, 0, 12_000)]]);
        assert_eq!(p.crossings.iter().map(|c| (c.date.to_string(), c.to)).collect::<Vec<_>>(), [("2024-02-01".to_string(), "security_assessment")]);
        assert!(has(&p, BEFORE_PROVISIONS), "{:?}", p.verdict.warnings);
        // A position on a day before them is not covered at all (contract: "Rules as of a date").
        let early = Period { year: 2024, until: day("2024-03-01") };
        let e = position(&[sensitive_ids("2024-02-01", "CRM")], early, &national(), Date::ymd(2026, 12, 1), |_, _| Ok::<(), ()>(())).unwrap_err();
        assert!(matches!(&e.kind, RegisterErrorKind::Scenario(s) if s.path == "as_of"), "{e:?}");
        assert_eq!(e.flow, None, "the position's day, not a row");
    }

    #[test]
    fn flows_under_two_lists_are_refused_at_the_second() {
        let a = Flow { list: Some("bj-2025".into()), ..flow("2026-01-01", "A") };
        let b = Flow { list: Some("cq-2025".into()), ..flow("2026-02-01", "B") };
        let e = position(&[a, b], Y2026, &national(), Date::ymd(2026, 12, 1), |_, _| Ok::<(), ()>(())).unwrap_err();
        assert_eq!(e.flow, Some(1));
        assert!(matches!(e.kind, RegisterErrorKind::Flow(FlowError { column: "list", .. })));
    }

    #[test]
    fn an_identifier_error_stops_at_its_flow() {
        let e = position(&[sensitive_ids("2026-01-01", "A")], Y2026, &national(), Date::ymd(2026, 12, 1), |_, _| Err("unreadable")).unwrap_err();
        assert_eq!((e.flow, e.kind), (Some(0), RegisterErrorKind::Ids("unreadable")));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, .. Default::default() })]

        /// The national counts are the distinct union of every non-exempt flow's identifiers
        /// (a brute-force count of the same sets), whatever the flows, bases and overlaps.
        #[test]
        fn national_counts_are_the_brute_force_union(
            flows in proptest::collection::vec((0u8..7, proptest::collection::vec(0u64..300, 0..60), proptest::collection::vec(0u64..300, 0..30), 1u8..28), 1..8)
        ) {
            let bases = [None, Some(Basis::Contract), Some(Basis::Hr), Some(Basis::Emergency), Some(Basis::CollectedAbroad), Some(Basis::IndustryStandard), None];
            let rows: Vec<Flow> = flows.iter().enumerate().map(|(i, (b, _, _, d))| Flow { basis: bases[*b as usize], has_person_ids: true, has_sensitive_ids: true, ..flow(&format!("2026-03-{d:02}"), &format!("f{i}")) }).collect();
            let p = position(&rows, Y2026, &national(), Date::ymd(2026, 12, 1), |i, sink| {
                for n in &flows[i].1 { sink.person(h(0, *n)); }
                for n in &flows[i].2 { sink.sensitive(h(0, *n)); }
                Ok::<(), ()>(())
            }).unwrap();
            let counted = flows.iter().filter(|(b, ..)| bases[*b as usize].is_none_or(|b| !b.exempt_nationally()));
            let mut persons: std::collections::HashSet<u64> = std::collections::HashSet::new();
            let mut sensitive: std::collections::HashSet<u64> = std::collections::HashSet::new();
            for (_, ps, ss, _) in counted {
                persons.extend(ps.iter().chain(ss));
                sensitive.extend(ss);
            }
            match p.counts.iter().find(|c| c.rule == "national.art8-pi") {
                Some(c) => {
                    proptest::prop_assert_eq!((c.persons.0, c.sensitive_persons.0, c.exact), (persons.len() as u64, sensitive.len() as u64, true));
                }
                None => proptest::prop_assert!(persons.is_empty()),
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 300, .. Default::default() })]

        /// The page's count (one merge of sorted files, `position_sorted`) gives the CLI's
        /// position (a table of every person, `position`): counts, crossings, each flow's
        /// outcome and the verdict, whatever the flows, bases, dates and overlaps.
        #[test]
        fn sorted_files_count_as_the_table(
            flows in proptest::collection::vec((0u8..7, proptest::collection::btree_set(0u64..400, 0..80), proptest::collection::btree_set(0u64..400, 0..40), 1u8..28, proptest::prelude::any::<bool>()), 1..9)
        ) {
            let bases = [None, Some(Basis::Contract), Some(Basis::Hr), Some(Basis::Emergency), Some(Basis::CollectedAbroad), Some(Basis::IndustryStandard), None];
            let rows: Vec<Flow> = flows.iter().enumerate().map(|(i, (b, _, _, d, ids))| Flow {
                basis: bases[*b as usize],
                has_person_ids: *ids,
                has_sensitive_ids: *ids,
                persons: (!*ids).then_some(Count(150_000)),
                ..flow(&format!("2026-03-{d:02}"), &format!("f{i}"))
            }).collect();
            let files: Vec<(Vec<u128>, Vec<u128>)> = flows.iter().map(|(_, p, s, _, _)| {
                let mut a: Vec<u128> = p.iter().map(|n| h(0, *n)).collect();
                let mut b: Vec<u128> = s.iter().map(|n| h(0, *n)).collect();
                a.sort_unstable();
                b.sort_unstable();
                (a, b)
            }).collect();
            for handler in [national(), HandlerFacts::default()] {
                let table = position(&rows, Y2026, &handler, Date::ymd(2026, 12, 1), |i, sink| {
                    for x in &files[i].0 { sink.person(*x); }
                    for x in &files[i].1 { sink.sensitive(*x); }
                    Ok::<(), ()>(())
                }).unwrap();
                let merged = position_sorted(&rows, Y2026, &handler, Date::ymd(2026, 12, 1), |i| (&files[i].0[..], &files[i].1[..])).unwrap();
                proptest::prop_assert_eq!(&merged.counts, &table.counts);
                proptest::prop_assert_eq!(&merged.crossings, &table.crossings);
                proptest::prop_assert_eq!(&merged.outcomes, &table.outcomes);
                proptest::prop_assert_eq!(&merged.verdict, &table.verdict);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 300, .. Default::default() })]

        /// A flow removed from the groups (the page drops it without its hashes) gives the
        /// groups of the other flows' files merged again.
        #[test]
        fn a_removed_flow_leaves_the_groups_of_the_rest(
            files in proptest::collection::vec((proptest::collection::btree_set(0u64..300, 0..60), proptest::collection::btree_set(0u64..300, 0..30)), 1..8),
            pick in 0usize..8,
        ) {
            let files: Vec<(Vec<u128>, Vec<u128>)> = files.iter().map(|(p, s)| (p.iter().map(|n| h(0, *n)).collect(), s.iter().map(|n| h(0, *n)).collect())).collect();
            let files: Vec<(Vec<u128>, Vec<u128>)> = files.into_iter().map(|(mut a, mut b)| { a.sort_unstable(); b.sort_unstable(); (a, b) }).collect();
            let k = pick % files.len();
            fn view(f: &[(Vec<u128>, Vec<u128>)]) -> Vec<(&[u128], &[u128])> {
                f.iter().map(|(a, b)| (&a[..], &b[..])).collect()
            }
            let mut rest = files.clone();
            rest.remove(k);
            let key = |g: &Groups| { let mut v: Vec<(Vec<u32>, Vec<u32>, u64)> = g.0.iter().map(|g| (g.persons.clone(), g.sensitive.clone(), g.people)).collect(); v.sort(); v };
            proptest::prop_assert_eq!(key(&Groups::merge(&view(&files)).without(k)), key(&Groups::merge(&view(&rest))));
        }

        /// The table of few lists and the general merge make the same groups.
        #[test]
        fn few_lists_group_as_many(files in proptest::collection::vec((proptest::collection::btree_set(0u64..200, 0..50), proptest::collection::btree_set(0u64..200, 0..25)), 1..8)) {
            let files: Vec<(Vec<u128>, Vec<u128>)> = files.iter().map(|(p, s)| {
                let (mut a, mut b): (Vec<u128>, Vec<u128>) = (p.iter().map(|n| h(0, *n)).collect(), s.iter().map(|n| h(0, *n)).collect());
                a.sort_unstable();
                b.sort_unstable();
                (a, b)
            }).collect();
            let lists: Vec<(usize, bool, &[u128])> = files.iter().enumerate().flat_map(|(k, (p, s))| [(k, false, &p[..]), (k, true, &s[..])]).filter(|(_, _, l)| !l.is_empty()).collect();
            let key = |g: &Groups| { let mut v: Vec<(Vec<u32>, Vec<u32>, u64)> = g.0.iter().map(|g| (g.persons.clone(), g.sensitive.clone(), g.people)).collect(); v.sort(); v };
            proptest::prop_assert_eq!(key(&Groups::merge_few(&lists)), key(&Groups::merge_many(&lists)));
        }
    }

    /// A hash of all ones is a person like any other (the merge's end mark is never mistaken
    /// for one).
    #[test]
    fn a_hash_of_all_ones_is_counted() {
        let (a, b) = (vec![1u128, u128::MAX], vec![u128::MAX]);
        let g = Groups::merge(&[(&a[..], &[][..]), (&b[..], &[][..])]);
        assert_eq!(g.people(), 2);
        assert!(g.0.iter().any(|x| x.persons == [0, 1] && x.people == 1), "{g:?}");
    }

    #[test]
    fn people_count_unions_of_entries() {
        let mut p = People::default();
        for n in 0..10 {
            p.add(0, false, h(1, n));
        }
        for n in 5..20 {
            p.add(1, n % 2 == 0, h(1, n));
        }
        p.add(1, false, h(1, 7));
        p.flush();
        assert_eq!(p.len(), 20);
        assert_eq!(p.union(0b01, 0), 10);
        assert_eq!(p.union(0b10, 0), 15);
        assert_eq!(p.union(0b11, 0), 20);
        assert_eq!(p.union(0, 0b10), 7, "6, 8, …, 18");
        assert_eq!(p.union(0b01, 0b10), 10 + 5, "0..10, and 10, 12, 14, 16, 18");
    }
}
