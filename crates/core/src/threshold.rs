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

fn same(a: Option<&str>, b: &Option<String>) -> bool {
    match (a, b) {
        (None, _) => true,
        (Some(x), Some(y)) => x == y,
        (Some(_), None) => false,
    }
}

fn in_scenarios(list: &[&str], s: &Option<String>) -> bool {
    s.as_deref().is_some_and(|s| list.contains(&s))
}

/// Does a scenario-limited item take this entry's count of `measure` for `band`?
fn limited_takes(item: &Item, band: &Band, e: &PiEntry) -> bool {
    in_scenarios(item.scope.scenarios, &e.scenario) && same(band.group, &e.group)
}

/// Is the entry's count of `measure` taken by one of the sector's items named in `except`?
/// `by_measure`: "不计入第…项所包含的…个人信息" (content) leaves the other measure to the rest;
/// "除第…项涉及场景以外" (scenario) takes the whole person.
fn covered(sector: &Sector, except: &[u32], e: &PiEntry, measure: Measure, by_measure: bool) -> bool {
    except.iter().filter_map(|n| sector.item_by_number(*n)).any(|it| {
        it.bands.iter().any(|b| {
            limited_takes(it, b, e) && (!by_measure || b.measure == measure || it.scope.contains.contains(&measure))
        })
    })
}

/// Does `item` take the entry's count of `band.measure`?
pub fn takes(sector: Option<&Sector>, item: &Item, band: &Band, e: &PiEntry) -> bool {
    if e.basis.is_some_and(|b| item.not_counted.contains(&b.article())) {
        return false;
    }
    match item.scope.kind {
        ScopeKind::All => same(band.group, &e.group),
        ScopeKind::Limited => limited_takes(item, band, e),
        ScopeKind::OtherScenarios => sector.is_none_or(|s| !covered(s, item.scope.except_items, e, band.measure, false)),
        ScopeKind::AllExcept => sector.is_none_or(|s| !covered(s, item.scope.except_items, e, band.measure, true)),
    }
}

/// The count `item` sees for `band`: the sum over the entries it takes.
pub fn count(sector: Option<&Sector>, item: &Item, band: &Band, entries: &[PiEntry]) -> u64 {
    entries.iter().filter(|e| takes(sector, item, band, e)).map(|e| e.count(band.measure)).sum()
}

/// An entry whose scenario is one a limited item names, but whose group no limited item of
/// that scenario takes: under "other scenarios" we count it anyway (protective reading).
pub fn uncovered_in_limited_scenario(sector: &Sector, e: &PiEntry) -> bool {
    let limited: Vec<&Item> = sector.items.iter().filter(|i| i.scope.kind == ScopeKind::Limited).collect();
    limited.iter().any(|i| in_scenarios(i.scope.scenarios, &e.scenario))
        && !limited.iter().any(|i| i.bands.iter().any(|b| limited_takes(i, b, e)))
}

/// Is `band` the lowest band of its chain (same scope, group and measure) in the sector?
/// Only that one reports a count below it as "outside the list".
pub fn lowest_in_chain(sector: &Sector, item: &Item, band: &Band) -> bool {
    let key = |i: &Item| {
        let mut v: Vec<&str> = i.scope.scenarios.to_vec();
        v.sort();
        (matches!(i.scope.kind, ScopeKind::OtherScenarios | ScopeKind::AllExcept), i.scope.kind == ScopeKind::All, v)
    };
    let mine = key(item);
    !sector.items.iter().filter(|i| key(i) == mine).any(|i| {
        i.bands.iter().any(|b| b.group == band.group && b.measure == band.measure && b.floor() < band.floor())
    })
}
