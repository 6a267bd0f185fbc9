//! Thresholds: "以上" includes the number, "不满" excludes it (the Guangdong measures say so
//! expressly; the Provisions use both words the same way). Counts are cumulative from 1 January,
//! de-duplicated by natural person, and leave out the situations each item names.
use crate::catalogue::{Band, Item, Measure, ScopeKind, Sector};
use crate::scenario::PiEntry;
use crate::text::num;

impl Band {
    /// Lowest count inside the band: a band with no "以上" starts at one person.
    pub fn floor(&self) -> u64 {
        self.at_least.unwrap_or(1)
    }

    /// Does `count` fall in the band?
    pub fn holds(&self, count: u64) -> bool {
        count >= self.floor() && self.below.is_none_or(|hi| count < hi)
    }

    /// The band in words, e.g. "100,000 以上且不满 1,000,000".
    pub fn describe_zh(&self) -> String {
        let what = match self.measure {
            Measure::Persons => "人个人信息",
            Measure::SensitivePersons => "人敏感个人信息",
        };
        match (self.at_least, self.below) {
            (Some(lo), Some(hi)) => format!("{}以上且不满{}{what}", num(lo), num(hi)),
            (Some(lo), None) => format!("{}以上{what}", num(lo)),
            (None, Some(hi)) => format!("不满{}{what}", num(hi)),
            (None, None) => what.to_string(),
        }
    }

    pub fn describe_en(&self) -> String {
        let what = match self.measure {
            Measure::Persons => "persons' personal information",
            Measure::SensitivePersons => "persons' sensitive personal information",
        };
        match (self.at_least, self.below) {
            (Some(lo), Some(hi)) => format!("{} or more but fewer than {} {what}", num(lo), num(hi)),
            (Some(lo), None) => format!("{} or more {what}", num(lo)),
            (None, Some(hi)) => format!("1 to fewer than {} {what}", num(hi)),
            (None, None) => what.to_string(),
        }
    }
}

/// Does the band count this entry's class of people? (No classes named: every class.)
pub fn group_takes(band: &Band, g: &Option<String>) -> bool {
    band.groups.is_empty() || g.as_deref().is_some_and(|g| band.groups.contains(&g) || band.also_groups.contains(&g))
}

/// Is the entry's class one the band counts only because the people overlap (not named)?
pub fn by_overlap(band: &Band, g: &Option<String>) -> bool {
    g.as_deref().is_some_and(|g| !band.groups.contains(&g) && band.also_groups.contains(&g))
}

fn in_scenarios(list: &[&str], s: &Option<String>) -> bool {
    s.as_deref().is_some_and(|s| list.contains(&s))
}

/// What the counting depends on beyond the entries: the sector, and the scenario-limited items
/// whose precondition the user has not affirmed (they take nobody).
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub sector: Option<&'a Sector>,
    pub unmet: &'a [u32],
}

impl Ctx<'_> {
    fn open(&self, item: &Item) -> bool {
        !self.unmet.contains(&item.number)
    }
}

/// Does a scenario-limited item take this entry for `band`?
fn limited_takes(cx: Ctx, item: &Item, band: &Band, e: &PiEntry) -> bool {
    cx.open(item) && in_scenarios(item.scope.scenarios, &e.scenario) && group_takes(band, &e.group)
}

/// Is the entry's count of `measure` taken by one of the sector's items named in `except`?
/// Both "不计入第…项所包含的…个人信息" (content) and "除第…项涉及场景以外的其他场景" (scenario)
/// leave to the rest what those items do not count: where they band only sensitive personal
/// information (人工智能 items 3-5 and 7), the same people's other personal information is
/// counted by the catch-all (items 6 and 8). Reading the scenario words as taking the whole
/// person would leave that information under no item at any count: the protective reading
/// (README, "Readings we chose").
fn covered(cx: Ctx, sector: &Sector, except: &[u32], e: &PiEntry, measure: Measure) -> bool {
    except.iter().filter_map(|n| sector.item_by_number(*n)).any(|it| {
        // An entry the item leaves out of its count (e.g. industry_standard) is not "contained".
        let left_out = e.basis.is_some_and(|b| it.not_counted.contains(&b.article()));
        !left_out && it.bands.iter().any(|b| limited_takes(cx, it, b, e) && (b.measure == measure || it.scope.contains.contains(&measure)))
    })
}

/// Does `item` take the entry's count of `band.measure`?
pub fn takes(cx: Ctx, item: &Item, band: &Band, e: &PiEntry) -> bool {
    if e.basis.is_some_and(|b| b.exempt_nationally() || item.not_counted.contains(&b.article())) {
        return false;
    }
    match item.scope.kind {
        ScopeKind::All => group_takes(band, &e.group),
        ScopeKind::Limited => limited_takes(cx, item, band, e),
        ScopeKind::OtherScenarios | ScopeKind::AllExcept => cx.sector.is_none_or(|s| !covered(cx, s, item.scope.except_items, e, band.measure)),
    }
}

/// An entry that an item with an unmet precondition would have taken, and whose data that
/// item says is health data by nature (`contains` sensitive): displaced to the catch-all items,
/// every one of its persons counts as a sensitive person there (protective reading).
pub fn displaced_sensitive(cx: Ctx, e: &PiEntry) -> bool {
    cx.sector.is_some_and(|s| {
        s.items.iter().any(|it| {
            cx.unmet.contains(&it.number)
                && it.scope.contains.contains(&Measure::SensitivePersons)
                && in_scenarios(it.scope.scenarios, &e.scenario)
                && it.bands.iter().any(|b| group_takes(b, &e.group))
        })
    })
}

/// The item that says this entry's data is health data by nature (`contains` sensitive: trial
/// subjects', patients' 诊疗和健康生理信息), preconditions aside: one that takes the entry, else
/// one that names its class of people (trial subjects entered in another scenario are still
/// the people whose health data the list describes).
pub fn health_data_item(sector: &'static Sector, e: &PiEntry) -> Option<&'static Item> {
    let open = Ctx { sector: Some(sector), unmet: &[] };
    let mut health = sector.items.iter().filter(|it| it.kind == crate::catalogue::Kind::PersonalInformation && it.scope.contains.contains(&Measure::SensitivePersons));
    let named = |it: &&Item| e.group.as_deref().is_some_and(|g| it.bands.iter().any(|b| b.groups.contains(&g)));
    health.clone().find(|it| it.bands.iter().any(|b| takes(open, it, b, e))).or_else(|| health.find(named))
}

/// The entries `item` takes for `band`, with their counts (index into `entries`, count > 0).
pub fn contributions(cx: Ctx, item: &Item, band: &Band, entries: &[PiEntry]) -> Vec<(usize, u64)> {
    measured_contributions(cx, item, band, entries).into_iter().map(|(i, _, c)| (i, c)).collect()
}

/// [`contributions`], with the measure each entry is counted by: `band.measure`, except that a
/// displaced entry counts all of its persons as sensitive persons (`displaced_sensitive`).
/// An `Overlaps` (the register's identifiers) de-duplicates across exactly these.
pub fn measured_contributions(cx: Ctx, item: &Item, band: &Band, entries: &[PiEntry]) -> Vec<(usize, Measure, u64)> {
    entries
        .iter()
        .enumerate()
        .filter(|(_, e)| takes(cx, item, band, e))
        .map(|(i, e)| {
            let m = if band.measure == Measure::SensitivePersons && item.scope.kind != ScopeKind::Limited && displaced_sensitive(cx, e) { Measure::Persons } else { band.measure };
            (i, m, e.count(m))
        })
        .filter(|(_, _, c)| *c > 0)
        .collect()
}

/// Who the people behind a scenario's entries are, where the caller knows (the register's
/// identifier files): thresholds count each natural person once across all the entries a rule
/// takes ("以自然人为单位去重", cumulative from 1 January). Without one, the engine adds the
/// entries' counts, which is exact only when no person is in two entries.
pub trait Overlaps: std::fmt::Debug {
    /// The number of distinct persons in the union of these parts: for each, entry `.0`'s
    /// persons (`Measure::Persons`) or its sensitive persons (`Measure::SensitivePersons`).
    /// `rule` is the item or national rule id that counts them (the caller may record it).
    /// Never more than the sum of the parts' counts; never less than the largest of them.
    fn union(&self, rule: &str, parts: &[(usize, Measure)]) -> u64;
}

/// The count a rule sees over `parts`: their union where an [`Overlaps`] knows the people,
/// else the sum of their counts.
pub fn total(overlaps: Option<&dyn Overlaps>, rule: &str, parts: &[(usize, Measure, u64)]) -> u64 {
    match overlaps {
        Some(o) => o.union(rule, &parts.iter().map(|(i, m, _)| (*i, *m)).collect::<Vec<_>>()),
        None => parts.iter().map(|(_, _, c)| c).sum(),
    }
}

/// The count `item` sees for `band`: the sum over the entries it takes.
pub fn count(cx: Ctx, item: &Item, band: &Band, entries: &[PiEntry]) -> u64 {
    contributions(cx, item, band, entries).iter().map(|(_, c)| c).sum()
}

/// An entry whose scenario is one a limited item names, but whose group no limited item of
/// that scenario takes: under "other scenarios" we count it anyway (protective reading).
pub fn uncovered_in_limited_scenario(cx: Ctx, sector: &Sector, e: &PiEntry) -> bool {
    let limited: Vec<&Item> = sector.items.iter().filter(|i| i.scope.kind == ScopeKind::Limited).collect();
    limited.iter().any(|i| in_scenarios(i.scope.scenarios, &e.scenario))
        && !limited.iter().any(|i| i.bands.iter().any(|b| limited_takes(cx, i, b, e)))
}

/// Is `band` the lowest band of its chain (same scope, classes and measure) in the sector?
/// Only that one reports a count below it as "outside the list".
pub fn lowest_in_chain(sector: &Sector, item: &Item, band: &Band) -> bool {
    !sector.items.iter().filter(|i| same_chain_scope(i, item)).any(|i| {
        i.bands.iter().any(|b| b.groups == band.groups && b.measure == band.measure && b.floor() < band.floor())
    })
}

/// Two items' scopes are one chain's: the same kind (other scenarios and "all except" alike)
/// and the same scenarios, in any order (each named as often in one as in the other).
fn same_chain_scope(a: &Item, b: &Item) -> bool {
    let kind = |i: &Item| (matches!(i.scope.kind, ScopeKind::OtherScenarios | ScopeKind::AllExcept), i.scope.kind == ScopeKind::All);
    let (x, y) = (a.scope.scenarios, b.scope.scenarios);
    let times = |v: &[&str], s: &str| v.iter().filter(|t| **t == s).count();
    kind(a) == kind(b) && x.len() == y.len() && x.iter().all(|s| times(x, s) == times(y, s))
}
