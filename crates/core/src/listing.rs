//! The catalogue as the contract shows it (`xborder rules list --format json`, the embed API's
//! `catalogue()`), with compatible extensions: details, scopes, bands, notes, definitions.
use crate::catalogue::{self, Band, DocKind, Document, Exception, Item, Measure, ScopeKind, Sector};
use crate::verdict::Citation;
use serde::Serialize;

#[derive(Serialize)]
pub struct CatalogueView {
    pub rules_version: &'static str,
    pub lists: Vec<ListView>,
    /// Zones with measures but possibly no list of their own (e.g. Guangdong).
    pub zones: Vec<ZoneView>,
    pub definitions: Vec<DefinitionView>,
    /// The conditions obligations set (the renewal check), each named as a scenario's
    /// `conditions` key.
    pub conditions: Vec<ConditionView>,
    /// Every document with its materials checklists (an extension).
    pub documents: Vec<DocumentView>,
    /// Zones with lists the rules do not hold: named as not covered (an extension).
    pub not_covered: &'static [catalogue::NotCovered],
    /// The zones' classification annexes and our notes on their differences: the important-data
    /// identification guide (an extension).
    pub classification: crate::guide::ClassificationView,
}

#[derive(Serialize)]
pub struct ConditionView {
    /// `<obligation id>:<condition id>`.
    pub id: String,
    pub obligation: &'static str,
    pub text_zh: &'static str,
    pub text_en: &'static str,
}

#[derive(Serialize)]
pub struct DocumentView {
    pub id: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub materials: Vec<ChecklistView>,
    /// Contract "Rules as of a date": the first and last day this edition is in force (null:
    /// no end known), and how we read them where the source does not print them.
    pub in_force: crate::calendar::Date,
    pub until: Option<crate::calendar::Date>,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub dates_reading_zh: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub dates_reading_en: &'static str,
    /// The document this is an edition of.
    pub edition_of: &'static str,
}

#[derive(Serialize)]
pub struct ChecklistView {
    pub id: &'static str,
    /// When it is shown: the `when` of the rules file (`security_assessment`, `list_applies`, …).
    pub when: String,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub citation: Citation,
    pub confirmed: bool,
    pub summary: bool,
    pub caveat_zh: &'static str,
    pub caveat_en: &'static str,
    pub items: Vec<MaterialView>,
}

#[derive(Serialize)]
pub struct MaterialView {
    pub id: &'static str,
    pub text_zh: &'static str,
    pub text_en: &'static str,
}

/// `SecurityAssessment` → `security_assessment`: the rules file's spelling of a `When`.
fn snake(debug: &str) -> String {
    let mut out = String::new();
    for (i, c) in debug.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn checklist(doc: &'static Document, c: &'static catalogue::Checklist) -> ChecklistView {
    ChecklistView {
        id: c.id,
        when: snake(&format!("{:?}", c.when)),
        title_zh: c.title_zh,
        title_en: c.title_en,
        citation: Citation::new(doc, c.citation),
        confirmed: c.confirmed,
        summary: c.summary,
        caveat_zh: c.caveat_zh,
        caveat_en: c.caveat_en,
        items: c.items.iter().map(|m| MaterialView { id: m.id, text_zh: m.text_zh, text_en: m.text_en }).collect(),
    }
}

#[derive(Serialize)]
pub struct ZoneView {
    pub id: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub list: Option<&'static str>,
    pub documents: Vec<&'static str>,
}

#[derive(Serialize)]
pub struct ListView {
    pub id: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub issued: &'static str,
    pub zone: &'static str,
    pub zone_zh: &'static str,
    pub zone_en: &'static str,
    pub applies_zh: &'static str,
    pub applies_en: &'static str,
    pub source: &'static str,
    pub sectors: Vec<SectorView>,
}

#[derive(Serialize)]
pub struct SectorView {
    pub id: &'static str,
    pub number: u32,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub heading_zh: &'static str,
    pub scenarios: Vec<ScenarioView>,
    pub groups: Vec<GroupView>,
    pub items: Vec<ItemView>,
    pub exceptions: Vec<ExceptionView>,
    pub notes: Vec<NoteView>,
}

#[derive(Serialize)]
pub struct ScenarioView {
    pub id: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity_zh: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity_en: Option<&'static str>,
}

#[derive(Serialize)]
pub struct GroupView {
    pub id: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
}

#[derive(Serialize)]
pub struct ExceptionView {
    pub id: &'static str,
    pub kind: catalogue::ExceptionKind,
    pub text_zh: &'static str,
    pub text_en: &'static str,
    pub question_zh: &'static str,
    /// A precondition: the items (numbers) it governs.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub items: &'static [u32],
    /// A not-applicable answer: the sector that applies instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instead: Option<&'static str>,
}

#[derive(Serialize)]
pub struct BandView {
    /// The one class the band counts (null when it counts any class, or several).
    pub group: Option<&'static str>,
    /// Every class the band counts as one total (empty: any class).
    pub groups: &'static [&'static str],
    /// Classes counted too because their people overlap with a named one.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub also_groups: &'static [&'static str],
    pub measure: &'static str,
    pub at_least: Option<u64>,
    pub below: Option<u64>,
}

#[derive(Serialize)]
pub struct ScopeView {
    pub kind: &'static str,
    pub scenarios: &'static [&'static str],
    pub except_items: &'static [u32],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contains: Vec<&'static str>,
}

#[derive(Serialize)]
pub struct ItemView {
    pub id: &'static str,
    pub number: u32,
    pub printed_number: bool,
    pub kind: &'static str,
    pub pathway: catalogue::Pathway,
    pub text_zh: &'static str,
    pub title_en: &'static str,
    pub detail_zh: &'static str,
    pub detail_en: &'static str,
    pub scenarios: &'static [&'static str],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<ScopeView>,
    pub bands: Vec<BandView>,
    pub not_counted: Vec<&'static str>,
    pub exceptions: Vec<ExceptionView>,
    pub citation: Citation,
}

#[derive(Serialize)]
pub struct NoteView {
    pub number: u32,
    pub kind: catalogue::NoteKind,
    pub text_zh: &'static str,
    pub text_en: &'static str,
}

#[derive(Serialize)]
pub struct DefinitionView {
    pub id: &'static str,
    pub term_zh: &'static str,
    pub term_en: &'static str,
    pub text_zh: &'static str,
    pub text_en: &'static str,
    pub citation: Citation,
    pub confirmed: bool,
    pub summary: bool,
}

fn exception(e: &'static Exception) -> ExceptionView {
    ExceptionView { id: e.id, kind: e.kind, text_zh: e.text_zh, text_en: e.text_en, question_zh: e.question_zh, items: e.items, instead: e.instead }
}

fn measure_code(m: Measure) -> &'static str {
    match m {
        Measure::Persons => "persons",
        Measure::SensitivePersons => "sensitive_persons",
    }
}

fn band(b: &'static Band) -> BandView {
    BandView {
        group: if b.groups.len() == 1 { Some(b.groups[0]) } else { None },
        groups: b.groups,
        also_groups: b.also_groups,
        measure: measure_code(b.measure),
        at_least: b.at_least,
        below: b.below,
    }
}

fn item(doc: &'static Document, it: &'static Item) -> ItemView {
    let pi = it.kind == catalogue::Kind::PersonalInformation;
    ItemView {
        id: it.id,
        number: it.number,
        printed_number: it.printed_number,
        kind: it.kind.code(),
        pathway: it.pathway,
        text_zh: it.text_zh,
        title_en: it.title_en,
        detail_zh: it.detail_zh,
        detail_en: it.detail_en,
        scenarios: it.scenarios,
        scope: pi.then(|| ScopeView {
            kind: match it.scope.kind {
                ScopeKind::All => "all",
                ScopeKind::Limited => "limited",
                ScopeKind::OtherScenarios => "other_scenarios",
                ScopeKind::AllExcept => "all_except",
            },
            scenarios: it.scope.scenarios,
            except_items: it.scope.except_items,
            contains: it.scope.contains.iter().map(|m| measure_code(*m)).collect(),
        }),
        bands: it.bands.iter().map(band).collect(),
        not_counted: it.not_counted.iter().map(|a| a.en()).collect(),
        exceptions: it.exceptions.iter().map(exception).collect(),
        citation: Citation::new(doc, it.citation),
    }
}

fn sector(doc: &'static Document, s: &'static Sector) -> SectorView {
    SectorView {
        id: s.id,
        number: s.number,
        name_zh: s.name_zh,
        name_en: s.name_en,
        heading_zh: s.heading_zh,
        scenarios: s
            .scenarios
            .iter()
            .map(|x| ScenarioView { id: x.id, name_zh: x.name_zh, name_en: x.name_en, activity_zh: x.activity_zh, activity_en: x.activity_en })
            .collect(),
        groups: s.groups.iter().map(|g| GroupView { id: g.id, name_zh: g.name_zh, name_en: g.name_en }).collect(),
        items: s.items.iter().map(|i| item(doc, i)).collect(),
        exceptions: s.exceptions.iter().map(exception).collect(),
        notes: s.notes.iter().map(|n| NoteView { number: n.number, kind: n.kind, text_zh: n.text_zh, text_en: n.text_en }).collect(),
    }
}

/// The whole catalogue.
pub fn catalogue() -> CatalogueView {
    let docs = catalogue::documents();
    let mut zones: Vec<ZoneView> = Vec::new();
    for d in docs.iter().filter(|d| d.kind != DocKind::Baseline) {
        match zones.iter_mut().find(|z| z.id == d.zone) {
            Some(z) => {
                z.documents.push(d.id);
                if d.kind == DocKind::List {
                    z.list = Some(d.id);
                }
            }
            None => zones.push(ZoneView {
                id: d.zone,
                name_zh: d.zone_zh,
                name_en: d.zone_en,
                list: (d.kind == DocKind::List).then_some(d.id),
                documents: vec![d.id],
            }),
        }
    }
    CatalogueView {
        rules_version: catalogue::RULES_VERSION,
        lists: catalogue::lists()
            .map(|d| ListView {
                id: d.id,
                name_zh: d.title_zh,
                name_en: d.title_en,
                issued: d.issued,
                zone: d.zone,
                zone_zh: d.zone_zh,
                zone_en: d.zone_en,
                applies_zh: d.applies_zh,
                applies_en: d.applies_en,
                source: d.source,
                sectors: d.sectors.iter().map(|s| sector(d, s)).collect(),
            })
            .collect(),
        zones,
        definitions: docs
            .iter()
            .flat_map(|d| d.definitions.iter().map(move |x| (d, x)))
            .map(|(d, x)| DefinitionView { id: x.id, term_zh: x.term_zh, term_en: x.term_en, text_zh: x.text_zh, text_en: x.text_en, citation: Citation::new(d, x.citation), confirmed: x.confirmed, summary: x.summary })
            .collect(),
        conditions: catalogue::conditions()
            .map(|(n, c)| ConditionView { id: format!("{}:{}", n.id, c.id), obligation: n.id, text_zh: c.text_zh, text_en: c.text_en })
            .collect(),
        documents: docs
            .iter()
            .map(|d| DocumentView {
                id: d.id,
                title_zh: d.title_zh,
                title_en: d.title_en,
                materials: d.materials.iter().map(|c| checklist(d, c)).collect(),
                in_force: d.in_force,
                until: d.until,
                dates_reading_zh: d.dates_reading_zh,
                dates_reading_en: d.dates_reading_en,
                edition_of: d.edition_of,
            })
            .collect(),
        not_covered: catalogue::baseline().not_covered,
        classification: crate::guide::view(),
    }
}
