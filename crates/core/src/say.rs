//! What the evaluation says, as values: each line of the trace ([`Step`]), each finding's
//! reason ([`Why`]) and each warning ([`Caution`]) names what it reports and carries the facts
//! it reports. Their Chinese and English words are written here and only here (`text`), so the
//! decision code (`crate::evaluate`, `crate::bands`) holds no prose. Nothing is decided here.
use std::borrow::Cow;

use crate::calendar::Date;
use crate::catalogue::{Band, Document, Exception, ExceptionKind, Group, Item, Measure, Note, Pathway, Rule, Sector, SectorNote};
use crate::render::*;
use crate::scenario::Basis;
use crate::text::{clip, num, persons_en};
use crate::verdict::{Text, Warning};

/// One text in both languages: (Chinese, English).
pub(crate) type Words = (Text, Text);

/// A precondition of some items not affirmed: its items take nobody, and the people count under
/// the items written for the other scenarios (`rest`).
#[derive(Clone)]
pub(crate) struct Pending {
    pub sector: &'static Sector,
    pub precondition: &'static Exception,
    pub rest: Vec<u32>,
    /// The governed items' data is health data by nature: every person counts as sensitive.
    pub health: bool,
}

/// Where the data is identified when its section does not apply.
#[derive(Clone, Copy)]
pub(crate) struct Instead(pub Option<&'static Sector>);

/// A count that added several groups, for the `entries-summed` warning.
pub(crate) struct Sum {
    pub of: Summed,
    pub parts: Vec<(usize, u64)>,
}

pub(crate) enum Summed {
    Item(&'static Item, Measure),
    National(Measure),
}

/// A line of the trace.
pub(crate) enum Step {
    CoreData,
    NotCoreData,
    /// A list or zone measures not in force on the day (the register).
    NotInForce(&'static Document, Date),
    ZoneWithoutList(&'static Document),
    ZoneListNotChosen(&'static Document),
    NoList,
    ZoneCannotRefer { zone: &'static Document, list: &'static Document },
    Refers { zone: &'static Document, list: &'static Document },
    OutOfZone(&'static Document),
    OutsideSectors,
    SectorNotApplicable(&'static Exception, &'static Sector),
    InZoneSector(&'static Document, &'static Sector),
    ReferredSector(&'static Sector),
    Notified,
    NotNotifiedBesideItems,
    NotNotified,
    NoItems,
    /// The section does not apply: its selected items are still important data (and where to
    /// identify the data instead).
    SectionNotApplicableItems(Instead),
    ItemSectorExempt(&'static Item, &'static Exception),
    ItemExcepted(&'static Item, &'static Exception),
    /// Listed; with the ambiguous carve-out the user affirmed and the engine set aside.
    ItemListed(&'static Item, Option<&'static Exception>),
    ItemAssessmentToo(&'static Item),
    NoPersonalInformation,
    BasisNotExempt(usize, u64, Basis),
    BasisExempt(usize, u64, Basis),
    Ciio,
    CiioNothingCounted,
    SectorExemptsPersonalInformation,
    PreconditionNotMet(Pending),
    Escalated(&'static Item),
    BandHolds(&'static Item),
    BelowBands(&'static Item, Vec<(u64, &'static Band)>),
    AboveCeiling { item: &'static Item, target: &'static Item },
    Unbanded(Vec<(usize, Measure, u64)>),
    NoBandReached,
    NothingCountedList,
    NothingCountedNational,
    NationalBand(&'static Rule, Pathway),
    NationalExempt,
    NoExportControl,
    ExportControl,
    Outcome(Pathway, Vec<Pathway>),
    /// A checklist's warning, repeated in the trace (its words are `crate::conditions`').
    Checklist(Words),
    UnusedAnswers(Vec<String>),
}

/// Why a finding (or a cleared rule) says what it says.
pub(crate) enum Why {
    CoreData,
    Notified,
    SectorNotApplicable(&'static Exception),
    ItemSectorExempt(&'static Exception, &'static Item),
    ItemExcepted(&'static Exception, &'static Item),
    /// Listed; with the ambiguous carve-out the user affirmed and the engine set aside.
    ItemListed(&'static Item, Option<&'static Exception>),
    AssessmentBesideOtherPathway { item: &'static Item, ciio: bool },
    BasisExempt { group: usize, persons: u64, sensitive: u64, basis: Basis },
    CiioPersonalInformation(u64),
    SectorExemptsPersonalInformation(&'static Exception),
    Escalated(&'static Exception, &'static Item),
    BandHolds { sector: &'static Sector, item: &'static Item, hits: Vec<(u64, &'static Band)> },
    BelowBands { doc: &'static Document, sector: &'static Sector, item: &'static Item, below: Vec<(u64, &'static Band)> },
    AboveCeiling { item: &'static Item, band: &'static Band, count: u64, target: &'static Item, target_band: &'static Band },
    Unbanded { doc: &'static Document, parts: Vec<(usize, Measure, u64)> },
    NationalBand { count: u64, band: &'static Band, pathway: Pathway },
    NationalExempt(u64),
    ExportControl,
}

/// A warning: its id ([`Caution::id`]) and its words.
/// The id prefix of [`Caution::NotInForce`]'s warning, then the document (the register reads it).
pub(crate) const NOT_IN_FORCE: &str = "edition-not-in-force:";

pub(crate) enum Caution {
    CiioImportantData,
    /// A list or zone measures not in force on the day: the national rules decide (the register).
    NotInForce(&'static Document, Date),
    Referral { zone: &'static Document, list: &'static Document },
    OutOfZone(&'static Document),
    ListedItemsOutsideList,
    AnswerUnused(&'static Exception, &'static Item),
    /// An affirmed carve-out read two ways: the item is kept (row `ambiguous-exception-keeps-item`).
    AmbiguousException(&'static Exception, &'static Item),
    BasisNecessity,
    /// An exempt basis chosen whose article sets conditions beyond necessity.
    BasisConditions(Basis),
    CumulativeCount,
    PersonsIncludeSensitive,
    CiioList,
    HealthData(Vec<(usize, &'static Item)>),
    PreconditionNotMet(Pending),
    UncoveredGroup,
    GroupOverlap { group: usize, sector: &'static Sector, item: &'static Item, label: Option<&'static Group> },
    AboveCeiling { item: &'static Item, target: &'static Item },
    NearItem { item: &'static Item, at_least: u64, count: u64 },
    NearNational { rule: &'static Rule, at_least: u64, count: u64 },
    OtherPathwayNeeded,
    EntriesSummed(Vec<Sum>),
    CertificationNotOpen,
    BandDateWithoutAssessment(Date),
    Note(&'static Note),
    SectorNote(&'static Document, &'static Sector, &'static SectorNote),
    UnconfirmedWording(Vec<String>),
    /// A checklist's warning (`crate::conditions`), in its own words.
    Checklist(Warning),
}

fn kind_of(e: &Exception) -> (&'static str, &'static str) {
    if e.kind == ExceptionKind::Qualifier {
        ("限定条件不满足", "the item's qualifier is not met")
    } else {
        ("例外情形", "an exception written into the item applies")
    }
}

fn instead(i: Instead) -> Words {
    match i.0 {
        Some(o) => (format!("请改按本清单“{}”部分识别出境数据。", o.name_zh).into(), format!(" Identify the data under the list's {} section instead.", o.name_en).into()),
        None => ("出境数据按国家规定识别重要数据。".into(), " Identify important data under the national rules.".into()),
    }
}

/// The governed items and the items the people count under instead, in words.
fn pending(p: &Pending) -> (Words, Words) {
    let governed = (items_zh(p.sector, p.precondition.items), items_en(p.precondition.items));
    let (mut rz, mut re) = (items_zh(p.sector, &p.rest), items_en(&p.rest));
    if p.health {
        rz.push_str("（其诊疗和健康生理信息属于敏感个人信息，全部人数按敏感个人信息计入）");
        re.push_str(" (their medical and health data is sensitive personal information, so every one of them counts as a sensitive person there)");
    }
    ((governed.0.into(), governed.1.into()), (rz.into(), re.into()))
}

fn below(below: &[(u64, &Band)]) -> Words {
    let zh: Vec<String> = below.iter().map(|(c, b)| format!("{}人{}，低于档位（{}）", num(*c), measure_zh(b.measure), b.describe_zh())).collect();
    let en: Vec<String> = below.iter().map(|(c, b)| format!("{}{}, below the band ({})", persons_en(*c), measure_en(b.measure), b.describe_en())).collect();
    (zh.join("；").into(), en.join("; ").into())
}

fn unbanded(parts: &[(usize, Measure, u64)]) -> Words {
    let zh: Vec<String> = parts.iter().map(|(i, m, c)| format!("第{}组{}人{}", i + 1, num(*c), measure_zh(*m))).collect();
    let en: Vec<String> = parts.iter().map(|(i, m, c)| format!("group {}: {}{}", i + 1, persons_en(*c), measure_en(*m))).collect();
    (zh.join("；").into(), en.join("; ").into())
}

/// When a document is in force, in words.
pub(crate) fn in_force_period(d: &Document) -> Words {
    match d.until {
        Some(until) => (format!("{}起施行，至{until}", d.in_force).into(), format!("in force from {} until {until}", d.in_force).into()),
        None => (format!("自{}起施行", d.in_force).into(), format!("in force from {}", d.in_force).into()),
    }
}

fn both(zh: &'static str, en: &'static str) -> Words {
    (Text::Borrowed(zh), Text::Borrowed(en))
}

impl Step {
    pub(crate) fn text(&self) -> Words {
        use Step::*;
        match self {
            CoreData => both("第1步：用户确认数据属于国家核心数据：不纳入负面清单管理，适用更加严格的管理制度。", "Step 1: the user marks the data as national core data: it is outside negative-list management and the stricter core-data regime applies."),
            NotCoreData => both("第1步：数据未标记为国家核心数据。", "Step 1: the data is not marked as national core data."),
            NotInForce(d, day) => {
                let (zh, en) = in_force_period(d);
                (format!("第2步：{}在{day}不在施行期内（{zh}）：当日按国家规定判断。", d.title_zh).into(), format!("Step 2: the {} is not in force on {day} ({en}): the national rules decide that day.", d.title_en).into())
            }
            ZoneWithoutList(d) => (
                format!("第2步：{}尚无本区负面清单（本工具所收资料中）：适用国家规定；其办法允许参照其他自贸试验区正式发布的负面清单。", d.zone_zh).into(),
                format!("Step 2: the {} has no negative list of its own (in our sources): the national rules decide; its measures let handlers refer to other zones' published lists.", d.zone_en).into(),
            ),
            ZoneListNotChosen(d) => (
                format!("第2步：选择了{}，但未选择其负面清单及行业：适用国家规定。如出境数据属于该清单所涉行业，请选择清单和行业。", d.zone_zh).into(),
                format!("Step 2: the {} is chosen, but not its negative list and sector: the national rules decide. If the data is in one of the list's sectors, choose the list and sector.", d.zone_en).into(),
            ),
            NoList => both("第2步：未选择负面清单：适用国家规定。", "Step 2: no negative list chosen: the national rules decide."),
            ZoneCannotRefer { zone, list } => (
                format!("第2步：数据处理者所在区域（{}）不是{}，且无参照执行的依据：适用国家规定。", zone.zone_zh, list.zone_zh).into(),
                format!("Step 2: the handler's zone ({}) is not the {} and has no basis to refer to its list: the national rules decide.", zone.zone_en, list.zone_en).into(),
            ),
            Refers { zone, list } => (format!("第2步：{}内的数据处理者参照执行{}。", zone.zone_zh, list.title_zh).into(), format!("Step 2: a handler in the {} refers to the {}.", zone.zone_en, list.title_en).into()),
            OutOfZone(list) => (
                format!("第2步：数据处理者不在{}登记注册或开展经营活动：该负面清单不适用，适用国家规定。", list.zone_zh).into(),
                format!("Step 2: the handler is not registered or operating in the {}: its list does not apply; the national rules decide.", list.zone_en).into(),
            ),
            OutsideSectors => both("第2步：出境数据不属于该清单所涉行业、领域：按国家相关规定执行（如《重庆办法》第十九条）。", "Step 2: the data is outside the list's sectors: the national rules apply (e.g. Chongqing measures Art. 19)."),
            SectorNotApplicable(e, sector) => (
                format!("第2步：用户确认“{}”：{}部分不适用，适用国家规定。", e.question_zh, sector.name_zh).into(),
                format!("Step 2: the user affirms \"{}\": the {} section does not apply; the national rules decide.", e.text_en, sector.name_en).into(),
            ),
            InZoneSector(list, sector) => (
                format!("第2步：数据处理者在{}内，出境数据属于“{}”：适用{}。", list.zone_zh, sector.name_zh, list.title_zh).into(),
                format!("Step 2: the handler is in the {} and the data is in the {} sector: {} decides.", list.zone_en, sector.name_en, list.title_en).into(),
            ),
            ReferredSector(sector) => (format!("第2步：出境数据属于“{}”：按所参照的清单判断。", sector.name_zh).into(), format!("Step 2: the data is in the {} sector: the list referred to decides.", sector.name_en).into()),
            Notified => both("第3步：数据已被告知或公开发布为重要数据 → 安全评估。", "Step 3: the data was notified or published as important data → security assessment."),
            NotNotifiedBesideItems => both("第3步：除所选清单条目（见第4步）外，用户未标记有关部门、地区另行告知或公开发布的重要数据。", "Step 3: apart from the selected list items (step 4), the user marks no data that an authority has otherwise notified or published as important data."),
            NotNotified => both("第3步：数据未被有关部门、地区告知或公开发布为重要数据。", "Step 3: no authority has notified or published the data as important data."),
            NoItems => both("第4步：未选择清单所列重要数据。", "Step 4: no listed important-data item selected."),
            SectionNotApplicableItems(to) => {
                let (zh, en) = instead(*to);
                (
                    format!("第4步：所选数据项所在部分不适用，但清单已将其公开为重要数据：仍按重要数据判断。{zh}").into(),
                    format!("Step 4: the selected items' section does not apply, but the list publishes them as important data: they are still treated as important data.{en}").into(),
                )
            }
            ItemSectorExempt(item, e) => (format!("第4步：第{}项：因“{}”豁免。", item.number, e.question_zh).into(), format!("Step 4: item {}: exempt because \"{}\".", item.number, e.text_en).into()),
            ItemExcepted(item, e) => (format!("第4步：第{}项：用户确认“{}”，不触发。", item.number, e.question_zh).into(), format!("Step 4: item {}: you affirmed \"{}\"; it does not trigger.", item.number, e.text_en).into()),
            ItemListed(item, None) => (format!("第4步：第{}项 → {}。", item.number, item.pathway.name_zh()).into(), format!("Step 4: item {} → {}.", item.number, item.pathway.name_en()).into()),
            ItemListed(item, Some(e)) => (
                format!("第4步：第{}项：用户确认“{}”，但该例外可作不同理解，不据此排除（从严）→ {}。", item.number, e.question_zh, item.pathway.name_zh()).into(),
                format!("Step 4: item {}: you affirmed \"{}\", but the carve-out can be read two ways and is not applied (the stricter reading) → {}.", item.number, e.text_en.trim_end_matches('.'), item.pathway.name_en()).into(),
            ),
            ItemAssessmentToo(item) => (format!("第4步：第{}项 → 另须安全评估。", item.number).into(), format!("Step 4: item {} → the security assessment as well.", item.number).into()),
            NoPersonalInformation => both("第5步：未向境外提供个人信息。", "Step 5: no personal information leaves the country."),
            BasisNotExempt(i, persons, b) => (
                format!("第5步：第{}组（{}人）属于{}：国家规定不豁免，只有明文排除该情形的清单条目不计入。", i + 1, num(*persons), b.name_zh()).into(),
                format!("Step 5: group {} ({}) falls under {}: not a national exemption; only the list items that name it leave it out.", i + 1, persons_en(*persons), b.name_en()).into(),
            ),
            BasisExempt(i, persons, b) => (
                format!("第5步：第{}组（{}人）属于{}，不计入累计数量。", i + 1, num(*persons), b.name_zh()).into(),
                format!("Step 5: group {} ({}) falls under {}: not counted.", i + 1, persons_en(*persons), b.name_en()).into(),
            ),
            Ciio => both("第5步：关键信息基础设施运营者提供个人信息 → 安全评估（《规定》第七条第一项）。", "Step 5: a CIIO provides personal information → security assessment (Provisions Art. 7(1))."),
            CiioNothingCounted => both("第5步：计入的个人信息为零（均属豁免情形）。", "Step 5: no personal information is counted (all of it is exempt)."),
            SectorExemptsPersonalInformation => both("第5步：清单注释的豁免适用于本行业数据。", "Step 5: the sector note's exemption covers the personal information."),
            PreconditionNotMet(p) => {
                let ((gz, ge), (rz, re)) = pending(p);
                (
                    format!("第5步：前提条件“{}”未确认 → {}不计入，相关人员计入{}。", p.precondition.question_zh, gz, rz).into(),
                    format!("Step 5: condition \"{}\" not affirmed → {} take nobody; the people count under {}.", p.precondition.text_en, ge, re).into(),
                )
            }
            Escalated(item) => (format!("第5步：{}的排除情形成立 → 安全评估。", item.label_zh()).into(), format!("Step 5: item {}'s carve-out of graver data applies → security assessment.", item.number).into()),
            BandHolds(item) => (format!("第5步：{}档位成立 → {}。", item.label_zh(), item.pathway.name_zh()).into(), format!("Step 5: item {}'s band holds → {}.", item.number, item.pathway.name_en()).into()),
            BelowBands(item, b) => {
                let (zh, en) = below(b);
                (format!("第5步：{}：{} → 清单外。", item.label_zh(), zh).into(), format!("Step 5: item {}: {} → outside the list.", item.number, en).into())
            }
            AboveCeiling { item, target } => (
                format!("第5步：{}合计超过上限 → {} → {}。", item.label_zh(), target.label_zh(), target.pathway.name_zh()).into(),
                format!("Step 5: item {}'s total is above its ceiling → item {} → {}.", item.number, target.number, target.pathway.name_en()).into(),
            ),
            Unbanded(parts) => {
                let (zh, en) = unbanded(parts);
                (format!("第5步：{zh}不属于任何条目的档位 → 清单外。").into(), format!("Step 5: {en} falls under no item's bands → outside the list.").into())
            }
            NoBandReached => both("第5步：计入的个人信息均未达到任何条目的档位。", "Step 5: the counted personal information reaches no item's band."),
            NothingCountedList => both("第5步：计入的个人信息为零，或全部属于豁免情形。", "Step 5: no personal information is counted (none, or all exempt)."),
            NothingCountedNational => both("第5步：计入的个人信息为零。", "Step 5: no personal information is counted."),
            NationalBand(rule, pathway) => (format!("第5步：国家规定{} → {}。", rule.citation.item, pathway.name_zh()).into(), format!("Step 5: national rule {} → {}.", rule.id, pathway.name_en()).into()),
            NationalExempt => both("第5步：不满10万人且无敏感个人信息 → 免予（第五条第一款第四项）。", "Step 5: fewer than 100,000 persons and no sensitive PI → exempt (Art. 5(1)(4))."),
            NoExportControl => both("第6步：未涉及出口管制物项或技术出口管理事项。", "Step 6: no export-controlled item or technology-export matter."),
            ExportControl => both("第6步：涉及出口管制 → 另按出口管制法律法规执行。", "Step 6: export control → the export-control regime applies in addition."),
            Outcome(outcome, pathways) => {
                let mut zh = format!("结论：{}。", outcome.name_zh());
                let mut en = format!("Outcome: {}.", outcome.name_en());
                if pathways.len() > 1 {
                    zh.push_str(&format!("适用路径：{}。", pathways.iter().map(|p| p.name_zh()).collect::<Vec<_>>().join("；")));
                    en.push_str(&format!(" Pathways: {}.", pathways.iter().map(|p| p.name_en()).collect::<Vec<_>>().join("; ")));
                }
                (zh.into(), en.into())
            }
            Checklist(words) => words.clone(),
            UnusedAnswers(ids) => (
                format!("以下条件的回答未被使用（其义务不在本结论中，或其起算日期未填写）：{}。", ids.join("、")).into(),
                format!("These answers were not used (their obligation is not in this verdict, or its date is not given): {}.", ids.join(", ")).into(),
            ),
        }
    }
}

impl Why {
    pub(crate) fn text(&self) -> Words {
        use Why::*;
        match self {
            CoreData => both(
                "数据属于国家核心数据，实行更加严格的管理制度，不纳入负面清单管理；应按国家有关规定办理，本工具不再据清单判断。",
                "The data is national core data: it is under a stricter regime and outside negative-list management. Follow the national rules for core data; this checker does not decide it from any list.",
            ),
            Notified => both(
                "该数据已被有关部门、地区告知或者公开发布为重要数据：向境外提供重要数据须申报数据出境安全评估（《规定》第二条、第七条；《条例》第三十七条）。",
                "An authority has notified or published this data as important data: exporting important data needs a CAC security assessment (Provisions Arts. 2 and 7; Regulation Art. 37).",
            ),
            SectorNotApplicable(e) => (
                format!("用户确认：{}。因此该行业清单不适用，按国家规定判断。", e.question_zh).into(),
                format!("You affirmed: {} The sector's list therefore does not apply; the national rules decide.", e.text_en).into(),
            ),
            ItemSectorExempt(e, item) => (
                format!("用户确认：{}。清单规定此类数据免予申报安全评估、订立标准合同、通过认证，第{}项不触发。", e.question_zh, item.number).into(),
                format!("You affirmed: {} The list exempts such data, so item {} does not trigger.", e.text_en, item.number).into(),
            ),
            ItemExcepted(e, item) => {
                let (kind_zh, kind_en) = kind_of(e);
                (
                    format!("第{}项未触发：用户确认“{}”（{}；原文：{}）。", item.number, e.question_zh, kind_zh, e.text_zh).into(),
                    format!("Item {} does not trigger: you affirmed \"{}\" ({kind_en}; source: {}).", item.number, e.text_en, e.text_zh).into(),
                )
            }
            ItemListed(item, kept) => item_listed(item, *kept),
            AssessmentBesideOtherPathway { item, ciio: true } => (
                format!("关键信息基础设施运营者向境外提供第{}项所列重要数据：须申报数据出境安全评估（《规定》第七条第一项），并另行通过清单所指的其他合法合规路径。", item.number).into(),
                format!("A CIIO providing the important data of item {}: it needs the CAC security assessment (Provisions Art. 7(1)), besides the other lawful pathway the list names.", item.number).into(),
            ),
            AssessmentBesideOtherPathway { item, ciio: false } => (
                format!("清单此处不适用，第{}项所列数据作为已公开发布的重要数据，按国家规定须申报数据出境安全评估（《规定》第二条、第七条），并另行通过其他合法合规路径。", item.number).into(),
                format!("The list does not apply here, so the data of item {}, published as important data, needs the CAC security assessment under the national rules (Provisions Arts. 2 and 7), besides the other lawful pathway.", item.number).into(),
            ),
            BasisExempt { group, persons, sensitive, basis } => (
                format!("第{}组个人信息（{}人，其中敏感{}人）属于{}，免予申报安全评估、订立标准合同、通过认证，且不计入任何门槛。", group + 1, num(*persons), num(*sensitive), basis.name_zh()).into(),
                format!("Group {} ({}, {} with sensitive PI) falls under {}: exempt, and not counted toward any threshold.", group + 1, persons_en(*persons), num(*sensitive), basis.name_en()).into(),
            ),
            CiioPersonalInformation(persons) => (
                format!("数据处理者是关键信息基础设施运营者，向境外提供{}人的个人信息（不属于豁免情形）：须申报数据出境安全评估，无人数门槛。", num(*persons)).into(),
                format!("The handler is a critical information infrastructure operator providing the personal information of {} abroad outside the exempt situations: a CAC security assessment is needed, whatever the number.", persons_en(*persons)).into(),
            ),
            SectorExemptsPersonalInformation(e) => (
                format!("用户确认：{}。个人信息免予申报安全评估、订立标准合同、通过认证。", e.question_zh).into(),
                format!("You affirmed: {} The personal information is exempt.", e.text_en).into(),
            ),
            Escalated(e, item) => (
                format!("用户确认“{}”：该部分数据被{}明文排除在标准合同档位之外（原文：{}），应作为重要数据申报数据出境安全评估。", e.question_zh, item.label_zh(), e.text_zh).into(),
                format!("You affirmed \"{}\": item {} expressly takes such data out of its contract band (source: {}), so it is handled as important data and needs the security assessment.", e.text_en, item.number, e.text_zh).into(),
            ),
            BandHolds { sector, item, hits } => {
                let (nc_zh, nc_en) = articles(item.not_counted);
                let what_zh: Vec<String> = hits.iter().map(|(c, b)| format!("{}人（{}{}，档位：{}）", num(*c), group_zh(sector, b), measure_zh(b.measure), b.describe_zh())).collect();
                let what_en: Vec<String> = hits.iter().map(|(c, b)| format!("{}{}{} (band: {})", group_en(sector, b), persons_en(*c), measure_en(b.measure), b.describe_en())).collect();
                (
                    format!("{}：{}，累计{}，落入本项档位，须{}。不计入：{}。", item.label_zh(), scope_zh(sector, item), what_zh.join("；"), item.pathway.name_zh(), nc_zh).into(),
                    format!("Item {}: {}, cumulative {}, within this item's band: {}. Not counted: {}.", item.number, scope_en(sector, item), what_en.join("; "), item.pathway.name_en(), nc_en).into(),
                )
            }
            BelowBands { doc, sector, item, below: b } => {
                let (zh, en) = below(b);
                let (off_zh, off_en) = off_list(doc);
                (
                    format!("{}：{}，累计{}：不在负面清单内，免予申报安全评估、订立标准合同、通过认证（{}）。", item.label_zh(), scope_zh(sector, item), zh, off_zh).into(),
                    format!("Item {}: {}, cumulative {}: outside the negative list, so exempt ({}).", item.number, scope_en(sector, item), en, off_en).into(),
                )
            }
            AboveCeiling { item, band, count, target, target_band } => (
                format!("{}所涵盖的人员合计{}人{}，已达到其档位上限（{}），而场景限定的安全评估条目只计其中部分人群：从严按{}（{}）判断，须{}。", item.label_zh(), num(*count), measure_zh(band.measure), band.describe_zh(), target.label_zh(), target_band.describe_zh(), target.pathway.name_zh()).into(),
                format!("The people item {} takes add up to {}{}, at or above its ceiling ({}), while the scenario-limited assessment items count only some of these classes: we apply item {} ({}) instead, the stricter reading: {}.", item.number, persons_en(*count), measure_en(band.measure), band.describe_en(), target.number, target_band.describe_en(), target.pathway.name_en()).into(),
            ),
            Unbanded { doc, parts } => {
                let (zh, en) = unbanded(parts);
                let (off_zh, off_en) = off_list(doc);
                (
                    format!("{zh}：本行业清单没有任何条目的档位计入这些个人信息，故不在负面清单内，免予申报安全评估、订立标准合同、通过认证（{off_zh}）。").into(),
                    format!("{en}: no item of this sector's list bands this personal information, so it is outside the negative list and exempt ({off_en}).").into(),
                )
            }
            NationalBand { count, band, pathway } => (
                format!("自当年1月1日起累计向境外提供{}人{}（不计豁免情形），落入{}档位，须{}。", num(*count), measure_zh(band.measure), band.describe_zh(), pathway.name_zh()).into(),
                format!("Cumulative since 1 January: {}{} (exempt situations not counted), within the band {}: {}.", persons_en(*count), measure_en(band.measure), band.describe_en(), pathway.name_en()).into(),
            ),
            NationalExempt(persons) => (
                format!("累计向境外提供{}人个人信息，不含敏感个人信息，不满10万人：免予申报安全评估、订立标准合同、通过认证（《规定》第五条第一款第四项）。", num(*persons)).into(),
                format!("Personal information of {}, none sensitive, fewer than 100,000: exempt (Provisions Art. 5(1)(4)).", persons_en(*persons)).into(),
            ),
            ExportControl => both(
                "数据涉及《出口管制法》规定的管制物项相关技术资料或《对外贸易法》规定的技术出口管理事项：另须按出口管制和技术出口管理的法律法规、规章执行。",
                "The data is technical material of a controlled item under the Export Control Law, or a technology-export matter under the Foreign Trade Law: those regimes apply in addition.",
            ),
        }
    }
}

/// A listed item the data contains, with the exceptions and qualifiers the user did not affirm.
fn item_listed(item: &Item, kept: Option<&Exception>) -> Words {
    let (mut zh, mut en): (String, String) = match item.pathway {
        Pathway::OtherLawfulPathway => (
            format!("出境数据包含第{}项所列数据（{}），应通过其他合法合规路径出境。", item.number, clip(item.text_zh, 40)),
            format!("The transfer contains data of item {} ({}): it must leave through another lawful pathway.", item.number, item.title_en),
        ),
        _ => (
            format!("出境数据包含第{}项所列重要数据（{}），须申报数据出境安全评估。", item.number, clip(item.text_zh, 40)),
            format!("The transfer contains important data of item {} ({}): it needs a CAC security assessment.", item.number, item.title_en),
        ),
    };
    if let Some(e) = kept {
        zh.push_str(&format!("用户确认“{}”，但原文“{}”可作不同理解，本工具不据此排除该项（从严理解）。", e.question_zh, e.text_zh));
        en.push_str(&format!(" You affirmed \"{}\", but the source words \"{}\" can be read two ways, so we do not clear the item on it (the stricter reading).", e.text_en.trim_end_matches('.'), e.text_zh));
    }
    let open: Vec<&Exception> = item.exceptions.iter().filter(|e| kept.is_none_or(|k| k.id != e.id)).collect();
    if !open.is_empty() {
        zh.push_str(&format!("未确认的例外或限定条件：{}。", open.iter().map(|e| e.question_zh).collect::<Vec<_>>().join("；")));
        en.push_str(&format!(" Not affirmed: {}.", open.iter().map(|e| e.text_en.trim_end_matches('.')).collect::<Vec<_>>().join("; ")));
    }
    (zh.into(), en.into())
}

impl Caution {
    /// The warning's id (contract: "Verdict"), the same for the same situation.
    pub(crate) fn id(&self) -> Cow<'static, str> {
        use Caution::*;
        match self {
            CiioImportantData => Cow::Borrowed("ciio-important-data"),
            NotInForce(d, _) => Cow::Owned(format!("{NOT_IN_FORCE}{}", d.id)),
            Referral { .. } => Cow::Borrowed("referral"),
            OutOfZone(_) => Cow::Borrowed("list-not-applicable-out-of-zone"),
            ListedItemsOutsideList => Cow::Borrowed("listed-items-outside-list"),
            AnswerUnused(e, _) => Cow::Owned(format!("answer-unused:{}", e.id)),
            AmbiguousException(e, _) => Cow::Owned(format!("ambiguous-exception:{}", e.id)),
            BasisNecessity => Cow::Borrowed("basis-necessity"),
            BasisConditions(b) => Cow::Owned(format!("basis-conditions:{}", b.code())),
            CumulativeCount => Cow::Borrowed("cumulative-count"),
            PersonsIncludeSensitive => Cow::Borrowed("persons-include-sensitive"),
            CiioList => Cow::Borrowed("ciio-list"),
            HealthData(_) => Cow::Borrowed("health-data-sensitive"),
            PreconditionNotMet(p) => Cow::Owned(format!("precondition-not-met:{}", p.precondition.id)),
            UncoveredGroup => Cow::Borrowed("uncovered-group"),
            GroupOverlap { group, item, .. } => Cow::Owned(format!("group-overlap:{}:{group}", item.id)),
            AboveCeiling { item, .. } => Cow::Owned(format!("above-contract-ceiling:{}", item.id)),
            NearItem { item, at_least, .. } => Cow::Owned(format!("near-threshold:{}:{at_least}", item.id)),
            NearNational { rule, at_least, .. } => Cow::Owned(format!("near-threshold:{}:{at_least}", rule.id)),
            OtherPathwayNeeded => Cow::Borrowed("other-pathway-needed"),
            EntriesSummed(_) => Cow::Borrowed("entries-summed"),
            CertificationNotOpen => Cow::Borrowed("certification-not-open"),
            BandDateWithoutAssessment(_) => Cow::Borrowed("assessment-band-date-without-assessment"),
            Note(n) => Cow::Borrowed(n.id),
            SectorNote(doc, sector, n) => Cow::Owned(format!("{}.{}.note-{}", doc.id, sector.id, n.number)),
            UnconfirmedWording(_) => Cow::Borrowed("unconfirmed-wording"),
            Checklist(w) => w.id.clone(),
        }
    }

    pub(crate) fn text(&self) -> Words {
        use Caution::*;
        match self {
            NotInForce(d, day) => {
                let (zh, en) = in_force_period(d);
                let (rzh, ren) = if d.dates_reading_zh.is_empty() { ("", "") } else { ("其施行日期为本工具的解读（见 xborder rules list）。", " Its dates are our reading (see `xborder rules list`).") };
                (
                    format!("{}在{day}不在施行期内（{zh}）：当日的数据出境按国家规定判断，不依据该文件。{rzh}", d.title_zh).into(),
                    format!("The {} is not in force on {day} ({en}): transfers on that day are judged under the national rules, not under it.{ren}", d.title_en).into(),
                )
            }
            CiioImportantData => both("关键信息基础设施运营者向境外提供重要数据，须申报数据出境安全评估（《规定》第七条第一项）。", "A CIIO exporting important data needs the security assessment (Provisions Art. 7(1))."),
            Referral { zone, list } => (
                format!("参照执行：{}的管理办法允许区内数据处理者参照执行其他自贸试验区正式发布的负面清单。参照{}前，请向所属区域管理机构确认适用方式和报告要求。", zone.zone_zh, list.title_zh).into(),
                format!("Referral: the {}'s measures let its handlers refer to other free trade zones' published lists. Before relying on the {}, confirm with your own zone's authority how it applies and what to report.", zone.zone_en, list.title_en).into(),
            ),
            OutOfZone(list) => (
                format!("负面清单只适用于{}内的数据处理者。本结论按国家规定作出。", list.zone_zh).into(),
                format!("A negative list binds only handlers in its zone ({}). This verdict follows the national rules.", list.zone_en).into(),
            ),
            ListedItemsOutsideList => both(
                "所选数据项来自负面清单，但该清单此处不适用。清单所列重要数据已由有关部门公开发布；为避免合规不足，本工具仍按重要数据处理（《规定》第二条、第七条）。请向主管部门确认。",
                "The selected items come from a negative list that does not apply here. The list publishes them as important data, so to avoid under-compliance we still treat them as important data (Provisions Arts. 2 and 7). Confirm with the authority.",
            ),
            AnswerUnused(_, item) => (
                format!("已回答第{}项的例外问题，但未选择该项：该回答未被使用。", item.number).into(),
                format!("You answered an exception of item {}, but did not select the item: the answer is not used.", item.number).into(),
            ),
            AmbiguousException(e, item) => (
                format!("第{}项所载“{}”的文义可作不同理解，在其中一种理解下，您确认的数据（{}）仍属于该项。因此本工具不据此排除该项，仍按该项判断（从严理解）。请向主管部门确认该例外的含义后再据此安排出境。", item.number, e.text_zh, e.question_zh).into(),
                format!("The words of item {}'s carve-out, \"{}\", can be read more than one way, and under one reading the data you affirmed ({}) is still in the item. So we do not clear the item on your answer and still apply it (the stricter reading). Confirm with the authority what the carve-out means before relying on it.", item.number, e.text_zh, e.text_en.trim_end_matches('.')).into(),
            ),
            BasisConditions(Basis::CollectedAbroad) => both(
                "选择“境外收集和产生”豁免（《规定》第四条）的，须符合原文的条件：“数据处理者在境外收集和产生的个人信息传输至境内处理后向境外提供，处理过程中没有引入境内个人信息或者重要数据的”。境内处理中加入了境内个人信息或重要数据的，不适用该豁免，该组人数应当计入。",
                "The exemption for personal information collected abroad (Provisions Art. 4) holds only as its words say: \"数据处理者在境外收集和产生的个人信息传输至境内处理后向境外提供，处理过程中没有引入境内个人信息或者重要数据的\" — information collected and generated abroad, processed here and provided abroad, with no domestic personal information or important data brought in while it was processed. If anything domestic was added, the exemption does not apply: count the group.",
            ),
            BasisConditions(Basis::Hr) => both(
                "选择“跨境人力资源管理”豁免（《规定》第五条第一款第二项）的，须符合原文的条件：“按照依法制定的劳动规章制度和依法签订的集体合同实施跨境人力资源管理，确需向境外提供员工个人信息的”。须有依法制定的劳动规章制度和依法签订的集体合同，且仅限员工的个人信息：求职者、外包或派遣人员、家属等的个人信息不按此豁免（本工具的解读，结果从严）。不符合的，该组人数应当计入。",
                "The cross-border HR exemption (Provisions Art. 5(1)(2)) holds only as its words say: \"按照依法制定的劳动规章制度和依法签订的集体合同实施跨境人力资源管理，确需向境外提供员工个人信息的\" — HR management under lawfully made labour rules and a lawfully signed collective contract, and employees' information that truly needs to go. Applicants, contractors, agency workers or family members are not employees, so their information is not exempt on this ground (our reading, the stricter one). If this does not hold, count the group.",
            ),
            // No other basis has conditions of its own (`Basis::has_conditions`); its label says
            // what holds.
            BasisConditions(b) => (b.name_zh().into(), b.name_en().into()),
            BasisNecessity => both(
                "豁免情形以“确需”为前提：只有确为订立、履行合同、人力资源管理或紧急情况所必需的个人信息才可不计入，超出必要范围的部分应计入。",
                "The exemptions require necessity (确需): only the personal information truly needed for the contract, HR management or emergency is left out; anything beyond that must be counted.",
            ),
            CumulativeCount => both(
                "人数自当年1月1日起累计计算，并以自然人为单位去重；每年1月1日重新起算。年内累计人数升入更高档位的，应自该时起履行更高档位的义务。",
                "Counts run from 1 January of the current year, de-duplicated by natural person, and restart each year. If this year's running total crosses into a higher band, the higher band's pathway applies from then on.",
            ),
            PersonsIncludeSensitive => both(
                "对“个人信息（不含敏感个人信息）”的门槛，本工具按提供了任何个人信息的全部自然人计数（含同时提供了敏感个人信息的人）。这是避免合规不足的从严解读。",
                "For the thresholds on \"personal information (excluding sensitive personal information)\" we count every person whose personal information is provided, including those whose sensitive data is also provided: the reading that avoids under-compliance.",
            ),
            CiioList => both(
                "关键信息基础设施运营者：本工具不适用负面清单的人数档位，任何非豁免的个人信息出境均需安全评估。《规定》第七条末句（“属于本规定第三条、第四条、第五条、第六条规定情形的，从其规定”）的原文未经核实，故不据此免除。",
                "CIIO: we do not apply the list's bands; any non-exempt personal information needs the assessment. The closing sentence of Provisions Art. 7 (deferring to Arts. 3-6) could not be checked against the official text, so we do not rely on it.",
            ),
            HealthData(rows) => {
                let zh: Vec<String> = rows.iter().map(|(i, it)| format!("第{}组（{}所述人员）", i + 1, it.label_zh())).collect();
                let en: Vec<String> = rows.iter().map(|(i, it)| format!("group {} (the people of item {})", i + 1, it.number)).collect();
                (
                    format!("{}：清单条目所述数据包括其诊疗和健康生理信息，医疗健康信息属于敏感个人信息（《个人信息保护法》第二十八条；原文未经核实）。所填敏感个人信息人数少于总人数：若这些人的健康信息一并出境，应将其全部计为敏感个人信息人数，否则按国家规定可能得出过轻的结论。", zh.join("、")).into(),
                    format!("{}: the list item's data includes their medical and health data, and health data is sensitive personal information (PIPL Art. 28; wording not checked against the official text). Fewer sensitive persons than persons are entered: if their health data goes abroad too, count every one of them as a sensitive person, or the national bands may give too light an answer.", en.join("; ")).into(),
                )
            }
            PreconditionNotMet(p) => {
                let ((gz, ge), (rz, re)) = pending(p);
                let e = p.precondition;
                (
                    format!("未确认“{}”（原文：{}）：{}以此为前提，故不适用于这些人员；他们计入{}，按其档位判断。确认该前提成立后，才适用{}的档位。", e.question_zh, e.text_zh, gz, rz, gz).into(),
                    format!("Not affirmed: \"{}\" (source: {}). {} presuppose it, so they do not take these people; they are counted under {} and its bands instead. Affirm the condition to use the bands of {}.", e.text_en, e.text_zh, ge, re, ge).into(),
                )
            }
            UncoveredGroup => both(
                "有一组人员所在场景为清单的限定场景，但其人群不属于该场景限定条目所列人群：本工具将其计入“其他场景”条目（从严解读）。如该组人员均属于该场景条目所列人群（例如两类人群都包括的个人客户），请改选该条目所列人群。",
                "A group is in a scenario the list limits to other groups of people: we count it under the list's \"other scenarios\" items (the stricter reading). If all its people belong to a class the scenario's items name (individual customers, say, where both classes include them), choose that class instead.",
            ),
            GroupOverlap { group, sector, item, label } => {
                let named: Vec<&Group> = item.bands.iter().flat_map(|b| b.groups.iter()).filter_map(|g| sector.group(g)).collect();
                (
                    format!("第{}组选择的人群“{}”不是{}所列人群（{}），但所在场景属于该项，且两类人群都包括个人客户：本工具按场景将其计入{}，使所选人群标签不改变结论。", group + 1, label.map(|g| g.name_zh).unwrap_or(""), item.label_zh(), named.iter().map(|g| g.name_zh).collect::<Vec<_>>().join("、"), item.label_zh()).into(),
                    format!("Group {} is labelled \"{}\", which item {} does not name ({}); but its scenario is one of the item's and both classes include individual customers, so we count it under item {} by its scenario: the label cannot change the answer.", group + 1, label.map(|g| g.name_en).unwrap_or(""), item.number, named.iter().map(|g| g.name_en).collect::<Vec<_>>().join("; "), item.number).into(),
                )
            }
            AboveCeiling { item, target } => (
                format!("{}的合计人数已达其上限，但没有一项场景限定的安全评估条目计入全部这些人群。本工具按{}申报安全评估（避免合规不足的解读）。", item.label_zh(), target.label_zh()).into(),
                format!("The total under item {} reaches its ceiling, but no scenario-limited assessment item counts all of these classes. We apply item {} and the security assessment (the reading that avoids under-compliance).", item.number, target.number).into(),
            ),
            NearItem { item, at_least, count } => (
                format!("累计人数{}接近{}的门槛（{}以上）：年内继续增加即会触发该项。", num(*count), item.label_zh(), num(*at_least)).into(),
                format!("The cumulative count {} is close to item {}'s threshold ({} or more): further transfers this year would trigger it.", num(*count), item.number, num(*at_least)).into(),
            ),
            NearNational { at_least, count, .. } => (
                format!("累计人数{}接近国家规定的门槛（{}以上）。", num(*count), num(*at_least)).into(),
                format!("The cumulative count {} is close to the national threshold ({} or more).", num(*count), num(*at_least)).into(),
            ),
            OtherPathwayNeeded => both(
                "无需安全评估、标准合同或认证，但所列数据须通过其他合法合规路径出境（如人类遗传资源的行政许可与备案）。",
                "No assessment, contract or certification is needed, but the listed data must leave through another lawful pathway (such as the human genetic resources licence or filing).",
            ),
            EntriesSummed(sums) => {
                let (zh, en): (Vec<Text>, Vec<Text>) = sums.iter().map(sum).unzip();
                (
                    format!("以下人数由多组相加得出；若同一自然人出现在多组中，相加结果可能偏高（从严），请按自然人去重后填写。{}。", zh.join("；")).into(),
                    format!("These counts add up several groups; a person who appears in two groups is then counted twice (the stricter result), so enter de-duplicated counts where you can. {}.", en.join("; ")).into(),
                )
            }
            CertificationNotOpen => both(
                "个人信息保护认证仅适用于非关键信息基础设施运营者、且出境数据不含重要数据的情形（《个人信息出境认证办法》，2026年1月1日起施行）：本次出境应订立个人信息出境标准合同并备案。",
                "Certification is open only to a handler that is not a CIIO and whose export holds no important data (Certification Measures, in force 2026-01-01): this transfer needs the standard contract and its filing.",
            ),
            BandDateWithoutAssessment(day) => (
                format!("已填写当年累计人数达到安全评估门槛之日（{}），但所填人数和数据未触发安全评估。请核对人数：自当年1月1日起累计计算，当年已通过标准合同或认证出境的个人信息也计入；若门槛确已达到，自该日起应当申报数据出境安全评估。", day.zh()).into(),
                format!("You gave the day this year's count reached the assessment band ({day}), but the counts and data entered do not call for the assessment. Check the counts: they run from 1 January and include what already went under a standard contract or certification this year; if the band was reached, the security assessment is needed from that day.").into(),
            ),
            Note(n) => note_text(n),
            SectorNote(_, sector, n) => (format!("{}注{}：{}", sector.name_zh, n.number, n.text_zh).into(), format!("{} note {}: {}", sector.name_en, n.number, n.text_en).into()),
            UnconfirmedWording(ids) => (
                format!("以下国家规定的原文未能与官方文本核对，请以官方文本为准：{}。", ids.join("、")).into(),
                format!("The wording of these national rules could not be checked against the official text; rely on the official text: {}.", ids.join(", ")).into(),
            ),
            Checklist(w) => (w.text_zh.clone(), w.text_en.clone()),
        }
    }
}

/// One count of the `entries-summed` warning: "第1组10人 + 第2组20人 = 30人".
fn sum(s: &Sum) -> Words {
    let (what_zh, what_en) = match s.of {
        Summed::Item(item, m) => (format!("{}（{}）", item.label_zh(), measure_zh(m)), format!("item {} ({})", item.number, measure_word_en(m))),
        Summed::National(m) => (format!("国家规定（{}）", measure_zh(m)), format!("national rules ({})", measure_word_en(m))),
    };
    let total: u64 = s.parts.iter().map(|(_, c)| c).sum();
    let zh = s.parts.iter().map(|(i, c)| format!("第{}组{}人", i + 1, num(*c))).collect::<Vec<_>>().join(" + ");
    let en = s.parts.iter().map(|(i, c)| format!("group {} ({})", i + 1, persons_en(*c))).collect::<Vec<_>>().join(" + ");
    (format!("{what_zh}：{zh} = {}人", num(total)).into(), format!("{what_en}: {en} = {}", persons_en(total)).into())
}

/// Which rules decided, in words (the verdict's `decided_by`).
pub(crate) fn decided_by(list: Option<(&Document, &Sector)>, core_data: bool) -> Words {
    match list {
        Some((d, sec)) => (format!("{}·{}", d.title_zh, sec.name_zh).into(), format!("{}: {}", d.title_en, sec.name_en).into()),
        None if core_data => both("国家核心数据管理制度", "The national core-data regime"),
        None => both("国家规定（《促进和规范数据跨境流动规定》）", "The national rules (2024 Provisions)"),
    }
}
