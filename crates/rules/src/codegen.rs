//! Writes the parsed rules as one Rust expression per document, in the static types of
//! `xborder_core::catalogue`, as tokens (`quote`): every string a literal the tokenizer escapes,
//! every variant an identifier, nothing spliced by hand. The output is `include!`d by the core;
//! no parser reaches the wasm.
use crate::model::*;
use crate::{Parsed, ParsedCalendar};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{quote, ToTokens};

/// A number as an unsuffixed literal (its type is the field's).
pub(crate) fn n(v: impl Into<u64>) -> Literal {
    Literal::u64_unsuffixed(v.into())
}

/// An enum variant named as the model's `Debug` names it (the same names in the core).
pub(crate) fn variant(v: impl std::fmt::Debug) -> Ident {
    Ident::new(&format!("{v:?}"), Span::call_site())
}

pub(crate) fn opt<T: ToTokens>(v: Option<T>) -> TokenStream {
    match v {
        Some(x) => quote! { Some(#x) },
        None => quote! { None },
    }
}

fn opt_n(v: Option<impl Into<u64>>) -> TokenStream {
    opt(v.map(n))
}

pub(crate) fn list<T>(items: &[T], f: impl Fn(&T) -> TokenStream) -> TokenStream {
    let xs = items.iter().map(f);
    quote! { &[#(#xs),*] }
}

pub(crate) fn strs(items: &[String]) -> TokenStream {
    list(items, |x| quote! { #x })
}

pub(crate) fn nums(items: &[u32]) -> TokenStream {
    list(items, |&x| n(x).into_token_stream())
}

fn citation(c: &Citation) -> TokenStream {
    let (section, item, zh, en) = (&c.section, &c.item, opt(c.document_zh.as_ref()), opt(c.document_en.as_ref()));
    quote! { Cite { section: #section, item: #item, document_zh: #zh, document_en: #en } }
}

fn band(b: &Band) -> TokenStream {
    let groups: Vec<String> = b.group.iter().chain(&b.groups).cloned().collect();
    let (groups, also, measure, at_least, below) = (strs(&groups), strs(&b.also_groups), variant(b.measure), opt_n(b.at_least), opt_n(b.below));
    quote! { Band { groups: #groups, also_groups: #also, measure: Measure::#measure, at_least: #at_least, below: #below } }
}

fn exception(id: &str, e: &Exception) -> TokenStream {
    let id = format!("{id}:{}", e.key);
    let (kind, zh, en, q, items, instead) = (variant(e.kind), &e.text_zh, &e.text_en, &e.question_zh, nums(&e.items), opt(e.instead.as_ref()));
    quote! { Exception { id: #id, kind: ExceptionKind::#kind, text_zh: #zh, text_en: #en, question_zh: #q, items: #items, instead: #instead } }
}

/// A linted deadline as the core's `Deadline` (the lint leaves one of three shapes).
fn deadline(d: &Option<Deadline>) -> TokenStream {
    let Some(d) = d else { return quote! { None } };
    let period = match (d.working_days, d.years, d.window_before_expiry_working_days) {
        _ if d.on_the_day => quote! { Period::OnTheDay },
        (Some(w), _, _) => {
            let w = n(w);
            quote! { Period::WorkingDaysAfter(#w) }
        }
        (None, Some(y), Some(w)) => {
            let (y, w) = (n(y), n(w));
            quote! { Period::WindowBeforeExpiry { years: #y, working_days: #w } }
        }
        (None, Some(y), None) => {
            let y = n(y);
            quote! { Period::Years(#y) }
        }
        (None, None, _) => unreachable!("lint: a deadline counts working days or years"),
    };
    let (from, zh, en) = (variant(d.from), &d.label_zh, &d.label_en);
    quote! { Some(Deadline { from: DateField::#from, period: #period, label_zh: #zh, label_en: #en }) }
}

fn conditions(c: &Option<Conditions>) -> TokenStream {
    let Some(c) = c else { return quote! { None } };
    let items = list(&c.items, |i| {
        let (id, zh, en) = (&i.id, &i.text_zh, &i.text_en);
        quote! { Condition { id: #id, text_zh: #zh, text_en: #en } }
    });
    let (mz, me, nz, ne) = (&c.met_zh, &c.met_en, &c.not_met_zh, &c.not_met_en);
    quote! { Some(Conditions { met_zh: #mz, met_en: #me, not_met_zh: #nz, not_met_en: #ne, items: #items }) }
}

fn note(x: &Note) -> TokenStream {
    let (id, when, zh, en, cite, confirmed, summary) = (&x.id, variant(x.when), &x.text_zh, &x.text_en, citation(&x.citation), x.confirmed, x.summary);
    let (deadline, conditions, in_force, until) = (deadline(&x.deadline), conditions(&x.conditions), opt(x.in_force.map(day)), opt(x.until.map(day)));
    let sectors = strs(&x.sectors);
    quote! {
        Note { id: #id, when: When::#when, text_zh: #zh, text_en: #en, citation: #cite, confirmed: #confirmed, summary: #summary,
               deadline: #deadline, conditions: #conditions, in_force: #in_force, until: #until, sectors: #sectors }
    }
}

/// A day as a constant of the core (`Date::ymd(2024, 3, 22)`); the lint has checked it is real.
fn day(d: Day) -> TokenStream {
    let (y, m, dd) = (Literal::i64_unsuffixed(d.year.into()), n(d.month), n(d.day));
    quote! { Date::ymd(#y, #m, #dd) }
}

fn item(list_id: &str, sector: &str, it: &Item) -> TokenStream {
    let id = format!("{list_id}.{sector}.{}", it.number);
    let scope = match &it.scope {
        Some(sc) => {
            let (kind, scenarios, except, contains) = (variant(sc.kind), strs(&sc.scenarios), nums(&sc.except_items), list(&sc.contains, |m| {
                let m = variant(m);
                quote! { Measure::#m }
            }));
            quote! { Scope { kind: ScopeKind::#kind, scenarios: #scenarios, except_items: #except, contains: #contains } }
        }
        None => quote! { Scope { kind: ScopeKind::All, scenarios: &[], except_items: &[], contains: &[] } },
    };
    let (number, printed, kind, pathway) = (n(it.number), it.printed_number, variant(it.kind), variant(it.pathway));
    let (title_en, text_zh, detail_zh, detail_en) = (&it.title_en, &it.text_zh, &it.detail_zh, &it.detail_en);
    let (scenarios, bands, not_counted) = (strs(&it.scenarios), list(&it.bands, band), articles(&it.not_counted));
    let (exceptions, overflow, cite) = (list(&it.exceptions, |e| exception(&id, e)), opt_n(it.overflow_to), citation(&it.citation));
    quote! {
        Item { id: #id, number: #number, printed_number: #printed, kind: Kind::#kind, pathway: Pathway::#pathway, title_en: #title_en,
               text_zh: #text_zh, detail_zh: #detail_zh, detail_en: #detail_en, scenarios: #scenarios, scope: #scope, bands: #bands,
               not_counted: #not_counted, exceptions: #exceptions, overflow_to: #overflow, citation: #cite }
    }
}

fn articles(a: &[Article]) -> TokenStream {
    list(a, |a| {
        let a = variant(a);
        quote! { Article::#a }
    })
}

fn sector(list_id: &str, sec: &Sector) -> TokenStream {
    let sid = format!("{list_id}.{}", sec.id);
    let (id, number, name_zh, name_en, heading_zh) = (&sec.id, n(sec.number), &sec.name_zh, &sec.name_en, &sec.heading_zh);
    let scenarios = list(&sec.scenarios, |sc| {
        let (id, zh, en, az, ae) = (&sc.id, &sc.name_zh, &sc.name_en, opt(sc.activity_zh.as_ref()), opt(sc.activity_en.as_ref()));
        quote! { Scenario { id: #id, name_zh: #zh, name_en: #en, activity_zh: #az, activity_en: #ae } }
    });
    let groups = list(&sec.groups, |g| {
        let (id, zh, en) = (&g.id, &g.name_zh, &g.name_en);
        quote! { Group { id: #id, name_zh: #zh, name_en: #en } }
    });
    let items = list(&sec.items, |it| item(list_id, &sec.id, it));
    let exceptions = list(&sec.exceptions, |e| exception(&sid, e));
    let notes = list(&sec.notes, |x| {
        let (number, kind, zh, en) = (n(x.number), variant(x.kind), &x.text_zh, &x.text_en);
        quote! { SectorNote { number: #number, kind: NoteKind::#kind, text_zh: #zh, text_en: #en } }
    });
    quote! {
        Sector { id: #id, number: #number, name_zh: #name_zh, name_en: #name_en, heading_zh: #heading_zh, scenarios: #scenarios,
                 groups: #groups, items: #items, exceptions: #exceptions, notes: #notes }
    }
}

fn rule(r: &Rule) -> TokenStream {
    let (id, title_en, text_zh, cite, confirmed) = (&r.id, &r.title_en, &r.text_zh, citation(&r.citation), r.confirmed);
    let pathway = opt(r.pathway.map(|p| {
        let p = variant(p);
        quote! { Pathway::#p }
    }));
    let (bands, not_counted) = (list(&r.bands, band), articles(&r.not_counted));
    quote! { Rule { id: #id, title_en: #title_en, text_zh: #text_zh, citation: #cite, confirmed: #confirmed, pathway: #pathway, bands: #bands, not_counted: #not_counted } }
}

fn document(p: &Parsed) -> TokenStream {
    let f = &p.file;
    let d = &f.document;
    let (id, kind, file, title_zh, title_en, source, issued) = (&d.id, variant(d.kind), &p.name, &d.title_zh, &d.title_en, &d.source, &d.issued);
    let (zone, zone_zh, zone_en, governs, referral, applies_zh, applies_en) = (&d.zone, &d.zone_zh, &d.zone_en, opt(d.governs.as_ref()), d.allows_referral, &d.applies_zh, &d.applies_en);
    // The lint has proved `in_force` present; a file without it (a lint finding) gets 1 Jan 1.
    let in_force = day(d.in_force.unwrap_or(Day { year: 1, month: 1, day: 1 }));
    let (until, reading_zh, reading_en, edition_of) = (opt(d.until.map(day)), &d.dates_reading_zh, &d.dates_reading_en, d.edition_of.as_deref().unwrap_or(&d.id));
    let rules = list(&f.rules, rule);
    let sectors = list(&f.sectors, |sec| sector(&d.id, sec));
    let (obligations, warnings) = (list(&f.obligations, note), list(&f.warnings, note));
    let definitions = list(&f.definitions, |df| {
        let (id, tz, te, zh, en, cite, confirmed, summary) = (&df.id, &df.term_zh, &df.term_en, &df.text_zh, &df.text_en, citation(&df.citation), df.confirmed, df.summary);
        quote! { Definition { id: #id, term_zh: #tz, term_en: #te, text_zh: #zh, text_en: #en, citation: #cite, confirmed: #confirmed, summary: #summary } }
    });
    let materials = list(&f.materials, checklist);
    let not_covered = list(&f.not_covered, |z| {
        let (id, zz, ze, kz, ke) = (&z.id, &z.zone_zh, &z.zone_en, &z.known_zh, &z.known_en);
        quote! { NotCovered { id: #id, zone_zh: #zz, zone_en: #ze, known_zh: #kz, known_en: #ke } }
    });
    quote! {
        Document { id: #id, kind: DocKind::#kind, file: #file, title_zh: #title_zh, title_en: #title_en, source: #source, issued: #issued,
                   zone: #zone, zone_zh: #zone_zh, zone_en: #zone_en, governs: #governs, allows_referral: #referral,
                   applies_zh: #applies_zh, applies_en: #applies_en,
                   in_force: #in_force, until: #until, dates_reading_zh: #reading_zh, dates_reading_en: #reading_en, edition_of: #edition_of,
                   rules: #rules, sectors: #sectors, obligations: #obligations, warnings: #warnings, definitions: #definitions,
                   materials: #materials, not_covered: #not_covered }
    }
}

/// The whole catalogue as Rust: `RULES_VERSION` and `DOCUMENTS`.
pub fn generate(version: &str, files: &[Parsed]) -> String {
    let docs = files.iter().map(document);
    let tokens = quote! {
        pub static RULES_VERSION: &str = #version;
        pub static DOCUMENTS: &[Document] = &[#(#docs),*];
    };
    let mut out = String::from("// Generated from rules/*.toml by xborder-rules. Do not edit.\n");
    out.push_str(&tokens.to_string());
    out.push('\n');
    if let Some(b) = files.iter().position(|p| p.file.document.kind == DocKind::Baseline) {
        out.push_str(&crate::keys::generate(b, &files[b].file));
    }
    out.push_str(&crate::classification::generate(files));
    out
}

fn checklist(c: &Checklist) -> TokenStream {
    let (id, when, tz, te, cite, confirmed, summary, cz, ce) = (&c.id, variant(c.when), &c.title_zh, &c.title_en, citation(&c.citation), c.confirmed, c.summary, &c.caveat_zh, &c.caveat_en);
    let in_force = opt(c.in_force.map(day));
    let items = list(&c.items, |m| {
        let (id, zh, en) = (&m.id, &m.text_zh, &m.text_en);
        quote! { Material { id: #id, text_zh: #zh, text_en: #en } }
    });
    quote! {
        Checklist { id: #id, when: When::#when, title_zh: #tz, title_en: #te, citation: #cite, confirmed: #confirmed, summary: #summary,
                    caveat_zh: #cz, caveat_en: #ce, items: #items, in_force: #in_force }
    }
}

/// The working-day calendar as Rust, in the types of `xborder_core::calendar`: `NOTICE_YEARS`,
/// sorted by year, each year's days as sorted (month, day) pairs.
pub fn calendar(files: &[ParsedCalendar]) -> String {
    let days = |v: &[String]| -> TokenStream {
        let mut md: Vec<(u32, u32)> = v.iter().filter_map(|d| ymd(d)).map(|(_, m, d)| (m, d)).collect();
        md.sort();
        list(&md, |&(m, d)| {
            let (m, d) = (n(m), n(d));
            quote! { (#m, #d) }
        })
    };
    let mut years: Vec<&NoticeYear> = files.iter().flat_map(|f| &f.file.years).collect();
    years.sort_by_key(|y| y.year);
    let years = years.iter().map(|y| {
        let (year, notice, off, working) = (Literal::i64_unsuffixed(y.year.into()), strs(&y.notice), days(&y.off_days), days(&y.working_days));
        quote! { NoticeYear { year: #year, notice: #notice, off_days: #off, working_days: #working } }
    });
    let tokens = quote! { pub static NOTICE_YEARS: &[NoticeYear] = &[#(#years),*]; };
    format!("// Generated from the [calendar] rules file by xborder-rules. Do not edit.\n{tokens}\n")
}
