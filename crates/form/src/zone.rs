//! The zones as the form offers them: each zone's own list, whether its measures allow referral
//! to other zones' lists, and whom its documents bind (from the catalogue).
use crate::lang::Lang;
use std::sync::OnceLock;
use xborder_core::catalogue::{self, DocKind, Document};

/// A zone as the form offers it.
#[derive(Debug)]
pub struct Zone {
    pub id: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    /// The zone's own negative list, if it has one.
    pub own_list: Option<&'static Document>,
    /// Its measures let its handlers refer to other zones' published lists.
    pub referral: bool,
    /// Whom the zone's documents bind (from its measures, else its list).
    pub applies_zh: &'static str,
    pub applies_en: &'static str,
}

pub fn zones() -> &'static [Zone] {
    static ZONES: OnceLock<Vec<Zone>> = OnceLock::new();
    ZONES.get_or_init(|| {
        let mut out: Vec<Zone> = catalogue::zones()
            .filter_map(|id| {
                let docs: Vec<&'static Document> = catalogue::zone_documents(id).collect();
                let first = *docs.first()?;
                let own_list = docs.iter().copied().find(|d| d.kind == DocKind::List);
                let governing = docs.iter().copied().find(|d| d.kind == DocKind::Measures && !d.applies_zh.is_empty()).unwrap_or(first);
                Some(Zone {
                    id,
                    name_zh: first.zone_zh,
                    name_en: first.zone_en,
                    own_list,
                    referral: catalogue::allows_referral(id),
                    applies_zh: governing.applies_zh,
                    applies_en: governing.applies_en,
                })
            })
            .collect();
        // Zones with a list of their own first, each group in catalogue order.
        xborder_core::order::by_key(&mut out, |z| z.own_list.is_none());
        out
    })
}

pub fn zone(id: &str) -> Option<&'static Zone> {
    zones().iter().find(|z| z.id == id)
}

/// The zone whose own list this is.
pub fn zone_of_list(list: &str) -> Option<&'static Zone> {
    zones().iter().find(|z| z.own_list.is_some_and(|l| l.id == list))
}

/// The lists a handler of this zone may use: its own, then (with referral) every other one.
pub fn usable_lists(z: &Zone) -> Vec<&'static Document> {
    let mut out: Vec<&'static Document> = z.own_list.into_iter().collect();
    if z.referral {
        out.extend(catalogue::lists().filter(|l| z.own_list.is_none_or(|o| o.id != l.id)));
    }
    out
}

pub fn zone_name(z: &Zone, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => z.name_zh,
        Lang::En => z.name_en,
    }
}
