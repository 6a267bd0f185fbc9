//! The evaluation: a pure function of (rules, scenario) to a verdict.
//!
//! Order of the steps (each one leaves a line in the trace):
//! 1. National core data (数据安全法; measures of each zone): outside negative-list management.
//! 2. Which rules decide: the zone's list (handler in zone, sector chosen, sector applicable) or
//!    the national rules (Provisions Art. 6; Chongqing measures Art. 19).
//! 3. Important data notified or published by an authority (Provisions Art. 2, Regulation Art. 37).
//! 4. Listed important-data items, each unless an exception written into it is affirmed.
//! 5. Personal information: CIIO (Art. 7(1)); else the list's bands or the national ones
//!    (Arts. 5(1)(4), 7(2), 8), never counting the exempt situations (Arts. 3, 4, 5(1)(1)-(3)).
//! 6. The export-control regime (Chongqing measures Art. 20; each Beijing sector's note).
//! 7. Outcome, obligations (dated from the scenario's dates: `deadline`) and warnings.
//!
//! Where one result prevails over another, the code names the row of `crate::precedence` that
//! says so (`Eval::prevails`), and the outcome is `precedence::outcome`: the order is the
//! table's, not the statements'.
use crate::catalogue::{self, DocKind, NationalRule, Document, ExceptionKind, Item, Kind, Measure, Note, Pathway, Rule, Sector, When};
use crate::precedence::{self, Row};
use crate::verdict::Citation;
use crate::scenario::{InputError, PiEntry, Resolved, Scenario};
use crate::text::{clip, num, persons_en};
use crate::threshold;
use crate::verdict::*;
use crate::render::*;

/// Evaluates a scenario. Bad input gives an error naming the field; nothing panics.
/// Questions named `unknown` give a conditional verdict (`crate::unknown`).
/// A scenario without `as_of` is evaluated on the rules' own day (`edition::rules_day`).
pub fn evaluate(scenario: &Scenario) -> Result<Verdict, InputError> {
    crate::unknown::evaluate(scenario, crate::edition::rules_day())
}

/// Evaluates a scenario on `today` (the caller's local date) unless it names its own `as_of`
/// (contract: "Rules as of a date").
pub fn evaluate_on(scenario: &Scenario, today: crate::calendar::Date) -> Result<Verdict, InputError> {
    crate::unknown::evaluate(scenario, today)
}

/// Evaluates a resolved scenario whose questions are all answered.
pub(crate) fn resolved(r: &Resolved) -> Verdict {
    Eval::new(r).run().0
}

/// [`resolved`], with the precedence rows that decided something, in the order they did.
pub(crate) fn resolved_with_rows(r: &Resolved) -> (Verdict, Vec<Row>) {
    Eval::new(r).run()
}

/// Which rules decide the personal-information counts.
#[derive(Clone, Copy)]
enum Regime {
    List(&'static Document, &'static Sector),
    National,
}

struct Eval<'a> {
    r: &'a Resolved<'a>,
    s: &'a Scenario,
    findings: Vec<Finding>,
    cleared: Vec<Finding>,
    warnings: Vec<Warning>,
    trace: Vec<String>,
    trace_zh: Vec<String>,
    /// What each count added up, for the `entries-summed` warning.
    sums: Vec<(String, String)>,
    /// The precedence rows that decided something, in order.
    rows: Vec<Row>,
}

fn rule_finding(rule: &'static Rule, pathway: Pathway, zh: String, en: String) -> Finding {
    Finding {
        rule: rule.id.to_string(),
        pathway,
        citation: Citation::new(catalogue::baseline(), rule.citation),
        reason_zh: zh,
        reason_en: en,
        source_zh: rule.text_zh,
        title_en: rule.title_en,
        answer: None,
    }
}

fn item_finding(doc: &'static Document, item: &'static Item, pathway: Pathway, zh: String, en: String) -> Finding {
    Finding {
        rule: item.id.to_string(),
        pathway,
        citation: Citation::new(doc, item.citation),
        reason_zh: zh,
        reason_en: en,
        source_zh: item.text_zh,
        title_en: item.title_en,
        answer: None,
    }
}

/// A sector-level answer (a note's applicability or exemption) that cleared the data.
fn sector_answer_finding(doc: &'static Document, sector: &'static Sector, e: &'static catalogue::Exception, zh: String, en: String) -> Finding {
    Finding {
        rule: e.id.to_string(),
        pathway: Pathway::Exempt,
        citation: Citation::new(doc, catalogue::Cite::at(sector.heading_zh, "注")),
        reason_zh: zh,
        reason_en: en,
        source_zh: e.text_zh,
        title_en: e.text_en,
        answer: Some(e.id.to_string()),
    }
}

impl<'a> Eval<'a> {
    fn new(r: &'a Resolved<'a>) -> Self {
        Eval {
            r,
            s: r.scenario,
            findings: Vec::new(),
            cleared: Vec::new(),
            warnings: Vec::new(),
            trace: Vec::new(),
            trace_zh: Vec::new(),
            sums: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// `holds`, recording that `row` of the precedence table decides here when it does.
    fn prevails(&mut self, row: Row, holds: bool) -> bool {
        if holds && !self.rows.contains(&row) {
            self.rows.push(row);
        }
        holds
    }

    fn step(&mut self, zh: impl Into<String>, en: impl Into<String>) {
        self.trace_zh.push(zh.into());
        self.trace.push(en.into());
    }

    fn warn(&mut self, id: &str, zh: impl Into<String>, en: impl Into<String>) {
        if !self.warnings.iter().any(|w| w.id == id) {
            self.warnings.push(Warning { id: id.to_string(), text_zh: zh.into(), text_en: en.into() });
        }
    }

    /// Entries counted at all (a national exempt basis keeps an entry out of every count).
    fn counted(&self) -> impl Iterator<Item = &PiEntry> {
        self.s.personal_information.iter().filter(|e| e.basis.is_none_or(|b| !b.exempt_nationally()))
    }

    fn run(mut self) -> (Verdict, Vec<Row>) {
        let s = self.s;
        // Step 1 (row `core-data-over-everything`: nothing else is decided).
        if self.prevails(Row::CoreDataOverEverything, s.flags.national_core_data) {
            let rule = NationalRule::CoreData.rule();
            self.step("第1步：用户确认数据属于国家核心数据：不纳入负面清单管理，适用更加严格的管理制度。", "Step 1: the user marks the data as national core data: it is outside negative-list management and the stricter core-data regime applies.");
            let mut f = rule_finding(
                rule,
                Pathway::NationalCoreData,
                "数据属于国家核心数据，实行更加严格的管理制度，不纳入负面清单管理；应按国家有关规定办理，本工具不再据清单判断。".into(),
                "The data is national core data: it is under a stricter regime and outside negative-list management. Follow the national rules for core data; this checker does not decide it from any list.".into(),
            );
            // Cite the handler's own zone measures where they say it (Chongqing Art. 17).
            if let Some((doc, cite, text)) = self.own_provision(Regime::National, When::NationalCoreData) {
                f.citation = Citation::new(doc, cite);
                f.source_zh = text;
            }
            self.findings.push(f);
            if self.prevails(Row::ExportControlInAddition, s.flags.export_control) {
                self.export_control(Regime::National);
            }
            return self.finish(None);
        }
        self.step("第1步：数据未标记为国家核心数据。", "Step 1: the data is not marked as national core data.");

        // Step 2.
        let regime = self.regime();

        // Step 3 (row `notified-important-data`: whichever rules decide).
        if self.prevails(Row::NotifiedImportantData, s.notified_important_data) {
            let rule = NationalRule::Art2.rule();
            self.findings.push(rule_finding(
                rule,
                Pathway::SecurityAssessment,
                "该数据已被有关部门、地区告知或者公开发布为重要数据：向境外提供重要数据须申报数据出境安全评估（《规定》第二条、第七条；《条例》第三十七条）。".into(),
                "An authority has notified or published this data as important data: exporting important data needs a CAC security assessment (Provisions Arts. 2 and 7; Regulation Art. 37).".into(),
            ));
            self.step("第3步：数据已被告知或公开发布为重要数据 → 安全评估。", "Step 3: the data was notified or published as important data → security assessment.");
        } else if !self.r.items.is_empty() {
            // The selected list items are themselves published as important data (step 4):
            // never say "not published" of the same data.
            self.step("第3步：除所选清单条目（见第4步）外，用户未标记有关部门、地区另行告知或公开发布的重要数据。", "Step 3: apart from the selected list items (step 4), the user marks no data that an authority has otherwise notified or published as important data.");
        } else {
            self.step("第3步：数据未被有关部门、地区告知或公开发布为重要数据。", "Step 3: no authority has notified or published the data as important data.");
        }

        // Step 4.
        self.important_data(regime);
        if s.handler.ciio && (!self.r.items.is_empty() || s.notified_important_data) {
            self.warn("ciio-important-data", "关键信息基础设施运营者向境外提供重要数据，须申报数据出境安全评估（《规定》第七条第一项）。", "A CIIO exporting important data needs the security assessment (Provisions Art. 7(1)).");
        }

        // Step 5.
        self.personal_information(regime);

        // Step 6 (row `export-control-in-addition`).
        if self.prevails(Row::ExportControlInAddition, s.flags.export_control) {
            self.export_control(regime);
        } else {
            self.step("第6步：未涉及出口管制物项或技术出口管理事项。", "Step 6: no export-controlled item or technology-export matter.");
        }
        self.finish(match regime {
            Regime::List(d, sec) => Some((d, sec)),
            Regime::National => None,
        })
    }

    fn sector_answer(&self, kind: ExceptionKind) -> Option<&'static catalogue::Exception> {
        self.r.exceptions.iter().find(|(e, item)| item.is_none() && e.kind == kind).map(|(e, _)| *e)
    }

    fn regime(&mut self) -> Regime {
        let s = self.s;
        let Some(list) = self.r.list else {
            let zone_has_list = self.r.zone.is_some_and(|z| catalogue::lists().any(|l| l.zone == z));
            match self.r.zone.and_then(|z| catalogue::zone_documents(z).next()) {
                Some(d) if s.handler.in_zone && !zone_has_list => self.step(
                    format!("第2步：{}尚无本区负面清单（本工具所收资料中）：适用国家规定；其办法允许参照其他自贸试验区正式发布的负面清单。", d.zone_zh),
                    format!("Step 2: the {} has no negative list of its own (in our sources): the national rules decide; its measures let handlers refer to other zones' published lists.", d.zone_en),
                ),
                Some(d) if s.handler.in_zone => self.step(
                    format!("第2步：选择了{}，但未选择其负面清单及行业：适用国家规定。如出境数据属于该清单所涉行业，请选择清单和行业。", d.zone_zh),
                    format!("Step 2: the {} is chosen, but not its negative list and sector: the national rules decide. If the data is in one of the list's sectors, choose the list and sector.", d.zone_en),
                ),
                _ => self.step("第2步：未选择负面清单：适用国家规定。", "Step 2: no negative list chosen: the national rules decide."),
            }
            return Regime::National;
        };
        if let Some(zone) = self.r.zone.filter(|z| *z != list.zone) {
            let zd = catalogue::zone_documents(zone).next().expect("resolved zone");
            if !s.handler.in_zone || !catalogue::allows_referral(zone) {
                self.step(
                    format!("第2步：数据处理者所在区域（{}）不是{}，且无参照执行的依据：适用国家规定。", zd.zone_zh, list.zone_zh),
                    format!("Step 2: the handler's zone ({}) is not the {} and has no basis to refer to its list: the national rules decide.", zd.zone_en, list.zone_en),
                );
                return Regime::National;
            }
            self.warn(
                "referral",
                format!("参照执行：{}的管理办法允许区内数据处理者参照执行其他自贸试验区正式发布的负面清单。参照{}前，请向所属区域管理机构确认适用方式和报告要求。", zd.zone_zh, list.title_zh),
                format!("Referral: the {}'s measures let its handlers refer to other free trade zones' published lists. Before relying on the {}, confirm with your own zone's authority how it applies and what to report.", zd.zone_en, list.title_en),
            );
            self.step(
                format!("第2步：{}内的数据处理者参照执行{}。", zd.zone_zh, list.title_zh),
                format!("Step 2: a handler in the {} refers to the {}.", zd.zone_en, list.title_en),
            );
        }
        if !s.handler.in_zone {
            self.step(
                format!("第2步：数据处理者不在{}登记注册或开展经营活动：该负面清单不适用，适用国家规定。", list.zone_zh),
                format!("Step 2: the handler is not registered or operating in the {}: its list does not apply; the national rules decide.", list.zone_en),
            );
            self.warn(
                "list-not-applicable-out-of-zone",
                format!("负面清单只适用于{}内的数据处理者。本结论按国家规定作出。", list.zone_zh),
                format!("A negative list binds only handlers in its zone ({}). This verdict follows the national rules.", list.zone_en),
            );
            return Regime::National;
        }
        let Some(sector) = self.r.sector else {
            self.step(
                "第2步：出境数据不属于该清单所涉行业、领域：按国家相关规定执行（如《重庆办法》第十九条）。",
                "Step 2: the data is outside the list's sectors: the national rules apply (e.g. Chongqing measures Art. 19).",
            );
            return Regime::National;
        };
        if let Some(e) = self.sector_answer(ExceptionKind::NotApplicable) {
            self.prevails(Row::SectorNotApplicable, true);
            self.step(
                format!("第2步：用户确认“{}”：{}部分不适用，适用国家规定。", e.question_zh, sector.name_zh),
                format!("Step 2: the user affirms \"{}\": the {} section does not apply; the national rules decide.", e.text_en, sector.name_en),
            );
            self.cleared.push(sector_answer_finding(
                list,
                sector,
                e,
                format!("用户确认：{}。因此该行业清单不适用，按国家规定判断。", e.question_zh),
                format!("You affirmed: {} The sector's list therefore does not apply; the national rules decide.", e.text_en),
            ));
            return Regime::National;
        }
        if self.r.zone == Some(list.zone) {
            self.step(
                format!("第2步：数据处理者在{}内，出境数据属于“{}”：适用{}。", list.zone_zh, sector.name_zh, list.title_zh),
                format!("Step 2: the handler is in the {} and the data is in the {} sector: {} decides.", list.zone_en, sector.name_en, list.title_en),
            );
        } else {
            self.step(
                format!("第2步：出境数据属于“{}”：按所参照的清单判断。", sector.name_zh),
                format!("Step 2: the data is in the {} sector: the list referred to decides.", sector.name_en),
            );
        }
        self.prevails(Row::ListOverNationalBands, true);
        Regime::List(list, sector)
    }

    fn item_exception(&self, item: &Item) -> Option<&'static catalogue::Exception> {
        self.r.exceptions.iter().find(|(_, it)| it.is_some_and(|i| i.id == item.id)).map(|(e, _)| *e)
    }

    fn important_data(&mut self, regime: Regime) {
        let items = self.r.items.clone();
        if items.is_empty() {
            self.step("第4步：未选择清单所列重要数据。", "Step 4: no listed important-data item selected.");
            return;
        }
        let list = self.r.list.expect("items need a list");
        // An affirmed "this section does not apply" takes the section's items out of the
        // verdict and points to the section that applies instead.
        if let (Regime::National, Some(na), Some(sector)) = (regime, self.sector_answer(ExceptionKind::NotApplicable), self.r.sector) {
            let instead = na.instead.and_then(|id| list.sector(id));
            let (to_zh, to_en) = match instead {
                Some(o) => (format!("请改按本清单“{}”部分识别出境数据。", o.name_zh), format!(" Identify the data under the list's {} section instead.", o.name_en)),
                None => ("出境数据按国家规定识别重要数据。".to_string(), " Identify important data under the national rules.".to_string()),
            };
            for item in items {
                self.cleared.push(Finding {
                    answer: Some(na.id.to_string()),
                    ..item_finding(
                        list,
                        item,
                        Pathway::Exempt,
                        format!("用户确认“{}”：{}部分不适用，第{}项不据此判断。{}", na.question_zh, sector.name_zh, item.number, to_zh),
                        format!("You affirmed \"{}\": the {} section does not apply, so its item {} does not decide.{}", na.text_en, sector.name_en, item.number, to_en),
                    )
                });
                self.step(
                    format!("第4步：第{}项：所在部分不适用，不据此判断。{}", item.number, to_zh),
                    format!("Step 4: item {}: its section does not apply, so it does not decide.{}", item.number, to_en),
                );
            }
            return;
        }
        let exempt = match regime {
            Regime::List(..) => self.sector_answer(ExceptionKind::Exempt),
            Regime::National => None,
        };
        if self.prevails(Row::ListedItemsOutsideList, matches!(regime, Regime::National)) {
            self.warn(
                "listed-items-outside-list",
                "所选数据项来自负面清单，但该清单此处不适用。清单所列重要数据已由有关部门公开发布；为避免合规不足，本工具仍按重要数据处理（《规定》第二条、第七条）。请向主管部门确认。",
                "The selected items come from a negative list that does not apply here. The list publishes them as important data, so to avoid under-compliance we still treat them as important data (Provisions Arts. 2 and 7). Confirm with the authority.",
            );
        }
        // Answers given for items not selected.
        for (e, it) in &self.r.exceptions {
            if let Some(it) = it {
                if it.kind == Kind::ImportantData && !items.iter().any(|x| x.id == it.id) {
                    self.warn(
                        &format!("answer-unused:{}", e.id),
                        format!("已回答第{}项的例外问题，但未选择该项：该回答未被使用。", it.number),
                        format!("You answered an exception of item {}, but did not select the item: the answer is not used.", it.number),
                    );
                }
            }
        }
        for item in items {
            let pathway = item.pathway;
            if let Some(e) = exempt {
                self.prevails(Row::SectorExemptionOverList, true);
                self.cleared.push(Finding {
                    answer: Some(e.id.to_string()),
                    ..item_finding(list, item, pathway, format!("用户确认：{}。清单规定此类数据免予申报安全评估、订立标准合同、通过认证，第{}项不触发。", e.question_zh, item.number), format!("You affirmed: {} The list exempts such data, so item {} does not trigger.", e.text_en, item.number))
                });
                self.step(format!("第4步：第{}项：因“{}”豁免。", item.number, e.question_zh), format!("Step 4: item {}: exempt because \"{}\".", item.number, e.text_en));
                continue;
            }
            if let Some(e) = self.item_exception(item) {
                self.prevails(Row::ItemExceptionClearsItem, true);
                let kind_zh = if e.kind == ExceptionKind::Qualifier { "限定条件不满足" } else { "例外情形" };
                let kind_en = if e.kind == ExceptionKind::Qualifier { "the item's qualifier is not met" } else { "an exception written into the item applies" };
                self.cleared.push(Finding {
                    answer: Some(e.id.to_string()),
                    ..item_finding(
                        list,
                        item,
                        pathway,
                        format!("第{}项未触发：用户确认“{}”（{}；原文：{}）。", item.number, e.question_zh, kind_zh, e.text_zh),
                        format!("Item {} does not trigger: you affirmed \"{}\" ({kind_en}; source: {}).", item.number, e.text_en, e.text_zh),
                    )
                });
                self.step(
                    format!("第4步：第{}项：用户确认“{}”，不触发。", item.number, e.question_zh),
                    format!("Step 4: item {}: you affirmed \"{}\"; it does not trigger.", item.number, e.text_en),
                );
                continue;
            }
            let (zh, en) = match pathway {
                Pathway::OtherLawfulPathway => (
                    format!("出境数据包含第{}项所列数据（{}），应通过其他合法合规路径出境。", item.number, clip(item.text_zh, 40)),
                    format!("The transfer contains data of item {} ({}): it must leave through another lawful pathway.", item.number, item.title_en),
                ),
                _ => (
                    format!("出境数据包含第{}项所列重要数据（{}），须申报数据出境安全评估。", item.number, clip(item.text_zh, 40)),
                    format!("The transfer contains important data of item {} ({}): it needs a CAC security assessment.", item.number, item.title_en),
                ),
            };
            let open: Vec<&str> = item.exceptions.iter().map(|e| e.question_zh).collect();
            let (zh, en) = if open.is_empty() {
                (zh, en)
            } else {
                (
                    format!("{zh}未确认的例外或限定条件：{}。", open.join("；")),
                    format!("{en} Not affirmed: {}.", item.exceptions.iter().map(|e| e.text_en.trim_end_matches('.')).collect::<Vec<_>>().join("; ")),
                )
            };
            self.step(format!("第4步：第{}项 → {}。", item.number, pathway.name_zh()), format!("Step 4: item {} → {}.", item.number, pathway.name_en()));
            self.findings.push(item_finding(list, item, pathway, zh, en));
            if pathway == Pathway::OtherLawfulPathway {
                self.assessment_beside_other_pathway(regime, item);
            }
        }
    }

    /// Important data the list routes through another lawful pathway still needs the
    /// assessment for a CIIO (Provisions Art. 7(1)) or where the list does not decide
    /// (Arts. 2 and 7): row `important-data-assessment-beside-other-pathway`.
    fn assessment_beside_other_pathway(&mut self, regime: Regime, item: &'static Item) {
        let ciio = self.s.handler.ciio;
        if !self.prevails(Row::ImportantDataAssessmentBesideOtherPathway, ciio || matches!(regime, Regime::National)) {
            return;
        }
        let (rule, zh, en) = if ciio {
            (
                NationalRule::Art7_1,
                format!("关键信息基础设施运营者向境外提供第{}项所列重要数据：须申报数据出境安全评估（《规定》第七条第一项），并另行通过清单所指的其他合法合规路径。", item.number),
                format!("A CIIO providing the important data of item {}: it needs the CAC security assessment (Provisions Art. 7(1)), besides the other lawful pathway the list names.", item.number),
            )
        } else {
            (
                NationalRule::Art2,
                format!("清单此处不适用，第{}项所列数据作为已公开发布的重要数据，按国家规定须申报数据出境安全评估（《规定》第二条、第七条），并另行通过其他合法合规路径。", item.number),
                format!("The list does not apply here, so the data of item {}, published as important data, needs the CAC security assessment under the national rules (Provisions Arts. 2 and 7), besides the other lawful pathway.", item.number),
            )
        };
        self.step(format!("第4步：第{}项 → 另须安全评估。", item.number), format!("Step 4: item {} → the security assessment as well.", item.number));
        self.findings.push(rule_finding(rule.rule(), Pathway::SecurityAssessment, zh, en));
    }

    /// The items whose precondition the user has not affirmed (they take nobody).
    fn unmet(&self, sector: &Sector) -> Vec<u32> {
        sector.exceptions.iter().filter(|e| e.kind == ExceptionKind::Precondition && !self.affirmed(e.id)).flat_map(|e| e.items.iter().copied()).collect()
    }

    fn affirmed(&self, id: &str) -> bool {
        self.r.exceptions.iter().any(|(e, _)| e.id == id)
    }

    /// The count `rule` sees over `parts`: their union where the people are known
    /// (`threshold::Overlaps`, the register), else their sum.
    fn total(&self, rule: &str, parts: &[(usize, Measure, u64)]) -> u64 {
        threshold::total(self.r.overlaps, rule, parts)
    }

    /// The parts of the national count of `m`: every entry not exempt nationally.
    fn national_parts(&self, m: Measure) -> Vec<(usize, Measure, u64)> {
        self.s.personal_information.iter().enumerate().filter(|(_, e)| e.basis.is_none_or(|b| !b.exempt_nationally())).map(|(i, e)| (i, m, e.count(m))).filter(|(_, _, c)| *c > 0).collect()
    }

    /// Records that a count added several groups, to say exactly what was added. Where the
    /// people are known (`overlaps`), nothing was added: the count is their union.
    fn summed(&mut self, what_zh: String, what_en: String, parts: &[(usize, u64)]) {
        if parts.len() < 2 || self.r.overlaps.is_some() {
            return;
        }
        let total: u64 = parts.iter().map(|(_, c)| c).sum();
        let zh = parts.iter().map(|(i, c)| format!("第{}组{}人", i + 1, num(*c))).collect::<Vec<_>>().join(" + ");
        let en = parts.iter().map(|(i, c)| format!("group {} ({})", i + 1, persons_en(*c))).collect::<Vec<_>>().join(" + ");
        self.sums.push((format!("{what_zh}：{zh} = {}人", num(total)), format!("{what_en}: {en} = {}", persons_en(total))));
    }

    fn personal_information(&mut self, regime: Regime) {
        let s = self.s;
        let entries = &s.personal_information;
        if entries.is_empty() {
            self.step("第5步：未向境外提供个人信息。", "Step 5: no personal information leaves the country.");
            return;
        }
        for (i, e) in entries.iter().enumerate() {
            let Some(b) = e.basis else { continue };
            if !b.exempt_nationally() {
                self.step(
                    format!("第5步：第{}组（{}人）属于{}：国家规定不豁免，只有明文排除该情形的清单条目不计入。", i + 1, num(e.persons.0), b.name_zh()),
                    format!("Step 5: group {} ({}) falls under {}: not a national exemption; only the list items that name it leave it out.", i + 1, persons_en(e.persons.0), b.name_en()),
                );
                continue;
            }
            self.step(
                format!("第5步：第{}组（{}人）属于{}，不计入累计数量。", i + 1, num(e.persons.0), b.name_zh()),
                format!("Step 5: group {} ({}) falls under {}: not counted.", i + 1, persons_en(e.persons.0), b.name_en()),
            );
            self.prevails(Row::ExemptSituationsOverCounts, true);
            let rule = match b {
                crate::scenario::Basis::NoPersonalData => NationalRule::Art3,
                crate::scenario::Basis::CollectedAbroad => NationalRule::Art4,
                _ => NationalRule::Art5_1,
            }
            .rule();
            self.cleared.push(Finding {
                answer: Some(format!("personal_information[{i}].basis")),
                ..rule_finding(
                    rule,
                    Pathway::Exempt,
                    format!("第{}组个人信息（{}人，其中敏感{}人）属于{}，免予申报安全评估、订立标准合同、通过认证，且不计入任何门槛。", i + 1, num(e.persons.0), num(e.sensitive_persons.0), b.name_zh()),
                    format!("Group {} ({}, {} with sensitive PI) falls under {}: exempt, and not counted toward any threshold.", i + 1, persons_en(e.persons.0), num(e.sensitive_persons.0), b.name_en()),
                )
            });
            if b.needs_necessity() {
                self.warn(
                    "basis-necessity",
                    "豁免情形以“确需”为前提：只有确为订立、履行合同、人力资源管理或紧急情况所必需的个人信息才可不计入，超出必要范围的部分应计入。",
                    "The exemptions require necessity (确需): only the personal information truly needed for the contract, HR management or emergency is left out; anything beyond that must be counted.",
                );
            }
        }
        let persons: u64 = self.counted().map(|e| e.persons.0).sum();
        let sensitive: u64 = self.counted().map(|e| e.sensitive_persons.0).sum();
        if self.counted().count() > 0 {
            self.warn(
                "cumulative-count",
                "人数自当年1月1日起累计计算，并以自然人为单位去重；每年1月1日重新起算。年内累计人数升入更高档位的，应自该时起履行更高档位的义务。",
                "Counts run from 1 January of the current year, de-duplicated by natural person, and restart each year. If this year's running total crosses into a higher band, the higher band's pathway applies from then on.",
            );
            if sensitive > 0 && persons > 0 {
                self.warn(
                    "persons-include-sensitive",
                    "对“个人信息（不含敏感个人信息）”的门槛，本工具按提供了任何个人信息的全部自然人计数（含同时提供了敏感个人信息的人）。这是避免合规不足的从严解读。",
                    "For the thresholds on \"personal information (excluding sensitive personal information)\" we count every person whose personal information is provided, including those whose sensitive data is also provided: the reading that avoids under-compliance.",
                );
            }
        }
        if let Some(sector) = self.r.sector {
            self.health_data_check(sector);
        }
        if s.handler.ciio {
            if self.prevails(Row::CiioOverBands, persons > 0 || sensitive > 0) {
                let persons = self.total("national.art7-1", &self.national_parts(Measure::Persons));
                let rule = NationalRule::Art7_1.rule();
                self.findings.push(rule_finding(
                    rule,
                    Pathway::SecurityAssessment,
                    format!("数据处理者是关键信息基础设施运营者，向境外提供{}人的个人信息（不属于豁免情形）：须申报数据出境安全评估，无人数门槛。", num(persons)),
                    format!("The handler is a critical information infrastructure operator providing the personal information of {} abroad outside the exempt situations: a CAC security assessment is needed, whatever the number.", persons_en(persons)),
                ));
                self.step("第5步：关键信息基础设施运营者提供个人信息 → 安全评估（《规定》第七条第一项）。", "Step 5: a CIIO provides personal information → security assessment (Provisions Art. 7(1)).");
                if matches!(regime, Regime::List(..)) {
                    self.warn(
                        "ciio-list",
                        "关键信息基础设施运营者：本工具不适用负面清单的人数档位，任何非豁免的个人信息出境均需安全评估。《规定》第七条末句（“属于本规定第三条、第四条、第五条、第六条规定情形的，从其规定”）的原文未经核实，故不据此免除。",
                        "CIIO: we do not apply the list's bands; any non-exempt personal information needs the assessment. The closing sentence of Provisions Art. 7 (deferring to Arts. 3-6) could not be checked against the official text, so we do not rely on it.",
                    );
                }
            } else {
                self.step("第5步：计入的个人信息为零（均属豁免情形）。", "Step 5: no personal information is counted (all of it is exempt).");
            }
            return;
        }
        match regime {
            Regime::List(doc, sector) => {
                if let Some(e) = self.sector_answer(ExceptionKind::Exempt) {
                    self.prevails(Row::SectorExemptionOverList, true);
                    self.cleared.push(sector_answer_finding(
                        doc,
                        sector,
                        e,
                        format!("用户确认：{}。个人信息免予申报安全评估、订立标准合同、通过认证。", e.question_zh),
                        format!("You affirmed: {} The personal information is exempt.", e.text_en),
                    ));
                    self.step("第5步：清单注释的豁免适用于本行业数据。", "Step 5: the sector note's exemption covers the personal information.");
                    return;
                }
                self.list_bands(doc, sector)
            }
            Regime::National => self.national_bands(persons, sensitive),
        }
    }

    /// A group whose data a list item says is health data by nature (`contains` sensitive: trial
    /// subjects', patients' 诊疗和健康生理信息), entered with fewer sensitive persons than
    /// persons: said, whichever rules decide (the national bands count sensitive persons apart).
    fn health_data_check(&mut self, sector: &'static Sector) {
        let rows: Vec<(usize, &'static Item)> = self
            .s
            .personal_information
            .iter()
            .enumerate()
            .filter(|(_, e)| e.sensitive_persons.0 < e.persons.0 && e.basis.is_none_or(|b| !b.exempt_nationally()))
            .filter_map(|(i, e)| threshold::health_data_item(sector, e).map(|it| (i, it)))
            .collect();
        if rows.is_empty() {
            return;
        }
        let zh: Vec<String> = rows.iter().map(|(i, it)| format!("第{}组（{}所述人员）", i + 1, it.label_zh())).collect();
        let en: Vec<String> = rows.iter().map(|(i, it)| format!("group {} (the people of item {})", i + 1, it.number)).collect();
        self.warn(
            "health-data-sensitive",
            format!("{}：清单条目所述数据包括其诊疗和健康生理信息，医疗健康信息属于敏感个人信息（《个人信息保护法》第二十八条；原文未经核实）。所填敏感个人信息人数少于总人数：若这些人的健康信息一并出境，应将其全部计为敏感个人信息人数，否则按国家规定可能得出过轻的结论。", zh.join("、")),
            format!("{}: the list item's data includes their medical and health data, and health data is sensitive personal information (PIPL Art. 28; wording not checked against the official text). Fewer sensitive persons than persons are entered: if their health data goes abroad too, count every one of them as a sensitive person, or the national bands may give too light an answer.", en.join("; ")),
        );
    }

    /// Personal information under a list's sector: every PI item, with its own scope and bands.
    fn list_bands(&mut self, doc: &'static Document, sector: &'static Sector) {
        let entries = &self.s.personal_information;
        let unmet = self.unmet(sector);
        let cx = threshold::Ctx { sector: Some(sector), unmet: &unmet };
        let open = threshold::Ctx { sector: Some(sector), unmet: &[] };
        // Preconditions not affirmed, where they matter: say where the people go instead.
        let pending: Vec<&'static catalogue::Exception> = sector.exceptions.iter().filter(|e| e.kind == ExceptionKind::Precondition && !self.affirmed(e.id)).collect();
        for p in pending {
            let governed: Vec<&Item> = p.items.iter().filter_map(|n| sector.item_by_number(*n)).collect();
            let matters = entries.iter().any(|en| en.persons.0 > 0 && governed.iter().any(|it| it.bands.iter().any(|b| threshold::takes(open, it, b, en))));
            if !matters {
                continue;
            }
            let rest: Vec<u32> = sector
                .items
                .iter()
                .filter(|i| matches!(i.scope.kind, catalogue::ScopeKind::OtherScenarios | catalogue::ScopeKind::AllExcept) && i.scope.except_items.iter().any(|n| p.items.contains(n)))
                .map(|i| i.number)
                .collect();
            let (gz, ge) = (items_zh(sector, &p.items), items_en(&p.items));
            let (mut rz, mut re) = (items_zh(sector, &rest), items_en(&rest));
            if governed.iter().any(|it| it.scope.contains.contains(&Measure::SensitivePersons)) {
                rz.push_str("（其诊疗和健康生理信息属于敏感个人信息，全部人数按敏感个人信息计入）");
                re.push_str(" (their medical and health data is sensitive personal information, so every one of them counts as a sensitive person there)");
            }
            self.warn(
                &format!("precondition-not-met:{}", p.id),
                format!("未确认“{}”（原文：{}）：{}以此为前提，故不适用于这些人员；他们计入{}，按其档位判断。确认该前提成立后，才适用{}的档位。", p.question_zh, p.text_zh, gz, rz, gz),
                format!("Not affirmed: \"{}\" (source: {}). {} presuppose it, so they do not take these people; they are counted under {} and its bands instead. Affirm the condition to use the bands of {}.", p.text_en, p.text_zh, ge, re, ge),
            );
            self.step(
                format!("第5步：前提条件“{}”未确认 → {}不计入，相关人员计入{}。", p.question_zh, gz, rz),
                format!("Step 5: condition \"{}\" not affirmed → {} take nobody; the people count under {}.", p.text_en, ge, re),
            );
        }
        for e in entries.iter().filter(|e| e.basis.is_none_or(|b| !b.exempt_nationally())) {
            if e.scenario.is_some() && threshold::uncovered_in_limited_scenario(open, sector, e) {
                self.warn(
                    "uncovered-group",
                    "有一组人员所在场景为清单的限定场景，但其人群不属于该场景限定条目所列人群：本工具将其计入“其他场景”条目（从严解读）。",
                    "A group is in a scenario the list limits to other groups of people: we count it under the list's \"other scenarios\" items (the stricter reading).",
                );
            }
        }
        // A class counted by an item that names another, because their people overlap.
        for (i, e) in entries.iter().enumerate() {
            for item in sector.items.iter().filter(|it| it.kind == Kind::PersonalInformation && it.scope.kind == catalogue::ScopeKind::Limited) {
                if item.bands.iter().any(|b| threshold::by_overlap(b, &e.group) && threshold::takes(cx, item, b, e)) {
                    let named: Vec<&str> = item.bands.iter().flat_map(|b| b.groups.iter()).filter_map(|g| sector.group(g)).map(|g| g.name_zh).collect();
                    let named_en: Vec<&str> = item.bands.iter().flat_map(|b| b.groups.iter()).filter_map(|g| sector.group(g)).map(|g| g.name_en).collect();
                    let g = e.group.as_deref().and_then(|g| sector.group(g));
                    self.warn(
                        &format!("group-overlap:{}:{i}", item.id),
                        format!("第{}组选择的人群“{}”不是{}所列人群（{}），但所在场景属于该项，且两类人群都包括个人客户：本工具按场景将其计入{}，使所选人群标签不改变结论。", i + 1, g.map(|g| g.name_zh).unwrap_or(""), item.label_zh(), named.join("、"), item.label_zh()),
                        format!("Group {} is labelled \"{}\", which item {} does not name ({}); but its scenario is one of the item's and both classes include individual customers, so we count it under item {} by its scenario: the label cannot change the answer.", i + 1, g.map(|g| g.name_en).unwrap_or(""), item.number, named_en.join("; "), item.number),
                    );
                }
            }
        }
        let mut any = false;
        for (e, item) in self.r.exceptions.clone() {
            let Some(item) = item.filter(|_| e.kind == ExceptionKind::Escalation) else { continue };
            self.prevails(Row::EscalationOverContractBand, true);
            any = true;
            self.findings.push(Finding {
                answer: Some(e.id.to_string()),
                ..item_finding(
                    doc,
                    item,
                    Pathway::SecurityAssessment,
                    format!("用户确认“{}”：该部分数据被{}明文排除在标准合同档位之外（原文：{}），应作为重要数据申报数据出境安全评估。", e.question_zh, item.label_zh(), e.text_zh),
                    format!("You affirmed \"{}\": item {} expressly takes such data out of its contract band (source: {}), so it is handled as important data and needs the security assessment.", e.text_en, item.number, e.text_zh),
                )
            });
            self.step(format!("第5步：{}的排除情形成立 → 安全评估。", item.label_zh()), format!("Step 5: item {}'s carve-out of graver data applies → security assessment.", item.number));
        }
        // Row `escalation-over-contract-band`: an escalated item's contract bands count nobody.
        let escalated: Vec<&str> = self.r.exceptions.iter().filter(|(e, _)| e.kind == ExceptionKind::Escalation).filter_map(|(_, i)| i.map(|i| i.id)).collect();
        // (entry, measure) pairs some item took, to say which counted people no item bands.
        let mut taken: Vec<(usize, Measure)> = Vec::new();
        let mut overflow: Vec<(&'static Item, &'static catalogue::Band, u64)> = Vec::new();
        for item in sector.items.iter().filter(|i| i.kind == Kind::PersonalInformation && !escalated.contains(&i.id)) {
            let mut hit: Vec<(u64, &catalogue::Band)> = Vec::new();
            let mut seen: Vec<(u64, &catalogue::Band)> = Vec::new();
            for b in item.bands {
                let measured = threshold::measured_contributions(cx, item, b, entries);
                let parts: Vec<(usize, u64)> = measured.iter().map(|(i, _, c)| (*i, *c)).collect();
                taken.extend(parts.iter().map(|(i, _)| (*i, b.measure)));
                // An item whose data contains more than its bands count (health data by nature)
                // bands that too.
                taken.extend(parts.iter().flat_map(|(i, _)| item.scope.contains.iter().map(move |m| (*i, *m))));
                let c = self.total(item.id, &measured);
                if b.holds(c) {
                    self.summed(format!("{}（{}）", item.label_zh(), measure_zh(b.measure)), format!("item {} ({})", item.number, measure_word_en(b.measure)), &parts);
                    hit.push((c, b));
                } else if c > 0 {
                    if b.below.is_some_and(|hi| c >= hi) && item.overflow_to.is_some() {
                        overflow.push((item, b, c));
                        self.summed(format!("{}（{}）", item.label_zh(), measure_zh(b.measure)), format!("item {} ({})", item.number, measure_word_en(b.measure)), &parts);
                    }
                    seen.push((c, b));
                }
                self.near(item, b, c);
            }
            let (nc_zh, nc_en) = articles(item.not_counted);
            if !hit.is_empty() {
                any = true;
                let what_zh: Vec<String> = hit.iter().map(|(c, b)| format!("{}人（{}{}，档位：{}）", num(*c), group_zh(sector, b), measure_zh(b.measure), b.describe_zh())).collect();
                let what_en: Vec<String> = hit.iter().map(|(c, b)| format!("{}{}{} (band: {})", group_en(sector, b), persons_en(*c), measure_en(b.measure), b.describe_en())).collect();
                self.findings.push(item_finding(
                    doc,
                    item,
                    item.pathway,
                    format!("{}：{}，累计{}，落入本项档位，须{}。不计入：{}。", item.label_zh(), scope_zh(sector, item), what_zh.join("；"), item.pathway.name_zh(), nc_zh),
                    format!("Item {}: {}, cumulative {}, within this item's band: {}. Not counted: {}.", item.number, scope_en(sector, item), what_en.join("; "), item.pathway.name_en(), nc_en),
                ));
                self.step(format!("第5步：{}档位成立 → {}。", item.label_zh(), item.pathway.name_zh()), format!("Step 5: item {}'s band holds → {}.", item.number, item.pathway.name_en()));
            } else {
                // Only the lowest band of a chain says "below the list"; a count above a
                // contract band is reported by the assessment item that takes it. One entry
                // per item, naming every band it is below.
                let below: Vec<(u64, &catalogue::Band)> = seen.into_iter().filter(|(c, b)| *c < b.floor() && threshold::lowest_in_chain(sector, item, b)).collect();
                if !below.is_empty() {
                    any = true;
                    let zh: Vec<String> = below.iter().map(|(c, b)| format!("{}人{}，低于档位（{}）", num(*c), measure_zh(b.measure), b.describe_zh())).collect();
                    let en: Vec<String> = below.iter().map(|(c, b)| format!("{}{}, below the band ({})", persons_en(*c), measure_en(b.measure), b.describe_en())).collect();
                    let (off_zh, off_en) = off_list(doc);
                    self.cleared.push(item_finding(
                        doc,
                        item,
                        Pathway::Exempt,
                        format!("{}：{}，累计{}：不在负面清单内，免予申报安全评估、订立标准合同、通过认证（{}）。", item.label_zh(), scope_zh(sector, item), zh.join("；"), off_zh),
                        format!("Item {}: {}, cumulative {}: outside the negative list, so exempt ({}).", item.number, scope_en(sector, item), en.join("; "), off_en),
                    ));
                    self.step(
                        format!("第5步：{}：{} → 清单外。", item.label_zh(), zh.join("；")),
                        format!("Step 5: item {}: {} → outside the list.", item.number, en.join("; ")),
                    );
                }
            }
        }
        // Above a contract ceiling that no limited assessment item meets for these classes.
        for (item, b, c) in overflow {
            let Some(target) = item.overflow_to.and_then(|n| sector.item_by_number(n)) else { continue };
            if self.findings.iter().any(|f| f.rule == target.id) {
                continue;
            }
            let Some(tb) = target.bands.iter().find(|t| t.measure == b.measure && t.holds(c)) else { continue };
            self.prevails(Row::CeilingOverflowToAssessment, true);
            any = true;
            self.findings.push(item_finding(
                doc,
                target,
                target.pathway,
                format!("{}所涵盖的人员合计{}人{}，已达到其档位上限（{}），而场景限定的安全评估条目只计其中部分人群：从严按{}（{}）判断，须{}。", item.label_zh(), num(c), measure_zh(b.measure), b.describe_zh(), target.label_zh(), tb.describe_zh(), target.pathway.name_zh()),
                format!("The people item {} takes add up to {}{}, at or above its ceiling ({}), while the scenario-limited assessment items count only some of these classes: we apply item {} ({}) instead, the stricter reading: {}.", item.number, persons_en(c), measure_en(b.measure), b.describe_en(), target.number, tb.describe_en(), target.pathway.name_en()),
            ));
            self.warn(
                &format!("above-contract-ceiling:{}", item.id),
                format!("{}的合计人数已达其上限，但没有一项场景限定的安全评估条目计入全部这些人群。本工具按{}申报安全评估（避免合规不足的解读）。", item.label_zh(), target.label_zh()),
                format!("The total under item {} reaches its ceiling, but no scenario-limited assessment item counts all of these classes. We apply item {} and the security assessment (the reading that avoids under-compliance).", item.number, target.number),
            );
            self.step(format!("第5步：{}合计超过上限 → {} → {}。", item.label_zh(), target.label_zh(), target.pathway.name_zh()), format!("Step 5: item {}'s total is above its ceiling → item {} → {}.", item.number, target.number, target.pathway.name_en()));
        }
        // Counted people that no item of the sector bands: outside the list, and said so.
        let mut unbanded: Vec<(usize, Measure, u64)> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            if e.basis.is_some_and(|b| b.exempt_nationally()) {
                continue;
            }
            for m in [Measure::Persons, Measure::SensitivePersons] {
                let c = e.count(m);
                // Sensitive persons are also persons: they are banded when either measure is.
                let banded = taken.contains(&(i, m)) || (m == Measure::Persons && taken.contains(&(i, Measure::SensitivePersons)) && e.persons == e.sensitive_persons);
                if c > 0 && !banded {
                    unbanded.push((i, m, c));
                }
            }
        }
        if !unbanded.is_empty() {
            any = true;
            let zh: Vec<String> = unbanded.iter().map(|(i, m, c)| format!("第{}组{}人{}", i + 1, num(*c), measure_zh(*m))).collect();
            let en: Vec<String> = unbanded.iter().map(|(i, m, c)| format!("group {}: {}{}", i + 1, persons_en(*c), measure_en(*m))).collect();
            let (off_zh, off_en) = off_list(doc);
            let rule = NationalRule::Art6.rule();
            self.cleared.push(Finding {
                citation: Citation::new(doc, catalogue::Cite::at(sector.heading_zh, "")),
                ..rule_finding(
                    rule,
                    Pathway::Exempt,
                    format!("{}：本行业清单没有任何条目的档位计入这些个人信息，故不在负面清单内，免予申报安全评估、订立标准合同、通过认证（{}）。", zh.join("；"), off_zh),
                    format!("{}: no item of this sector's list bands this personal information, so it is outside the negative list and exempt ({}).", en.join("; "), off_en),
                )
            });
            self.step(
                format!("第5步：{}不属于任何条目的档位 → 清单外。", zh.join("；")),
                format!("Step 5: {} falls under no item's bands → outside the list.", en.join("; ")),
            );
        }
        if !any {
            if self.counted().any(|e| e.persons.0 > 0) {
                self.step("第5步：计入的个人信息均未达到任何条目的档位。", "Step 5: the counted personal information reaches no item's band.");
            } else {
                self.step("第5步：计入的个人信息为零，或全部属于豁免情形。", "Step 5: no personal information is counted (none, or all exempt).");
            }
        }
    }

    /// Warns when a count is within 10% below a threshold that would move it up.
    fn near(&mut self, item: &Item, b: &catalogue::Band, c: u64) {
        let Some(lo) = b.at_least else { return };
        if c < lo && c * 10 >= lo * 9 {
            self.warn(
                &format!("near-threshold:{}:{lo}", item.id),
                format!("累计人数{}接近{}的门槛（{}以上）：年内继续增加即会触发该项。", num(c), item.label_zh(), num(lo)),
                format!("The cumulative count {} is close to item {}'s threshold ({} or more): further transfers this year would trigger it.", num(c), item.number, num(lo)),
            );
        }
    }

    /// The national bands (Provisions Arts. 7(2), 8; Art. 5(1)(4) below them).
    fn national_bands(&mut self, persons: u64, sensitive: u64) {
        if persons == 0 && sensitive == 0 {
            self.step("第5步：计入的个人信息为零。", "Step 5: no personal information is counted.");
            return;
        }
        let parts_p: Vec<(usize, u64)> = self.s.personal_information.iter().enumerate().filter(|(_, e)| e.basis.is_none_or(|b| !b.exempt_nationally())).map(|(i, e)| (i, e.persons.0)).filter(|(_, c)| *c > 0).collect();
        let parts_s: Vec<(usize, u64)> = self.s.personal_information.iter().enumerate().filter(|(_, e)| e.basis.is_none_or(|b| !b.exempt_nationally())).map(|(i, e)| (i, e.sensitive_persons.0)).filter(|(_, c)| *c > 0).collect();
        self.summed("国家规定（个人信息）".into(), "national rules (persons)".into(), &parts_p);
        self.summed("国家规定（敏感个人信息）".into(), "national rules (sensitive personal information)".into(), &parts_s);
        let mut any = false;
        let rules: Vec<&'static Rule> = catalogue::baseline().rules.iter().filter(|r| r.pathway.is_some() && !r.bands.is_empty()).collect();
        for rule in rules {
            let pathway = rule.pathway.expect("filtered");
            for b in rule.bands {
                let c = self.total(rule.id, &self.national_parts(b.measure));
                if let Some(lo) = b.at_least {
                    if c < lo && c * 10 >= lo * 9 {
                        self.warn(&format!("near-threshold:{}:{lo}", rule.id), format!("累计人数{}接近国家规定的门槛（{}以上）。", num(c), num(lo)), format!("The cumulative count {} is close to the national threshold ({} or more).", num(c), num(lo)));
                    }
                }
                if b.holds(c) {
                    any = true;
                    self.findings.push(rule_finding(
                        rule,
                        pathway,
                        format!("自当年1月1日起累计向境外提供{}人{}（不计豁免情形），落入{}档位，须{}。", num(c), measure_zh(b.measure), b.describe_zh(), pathway.name_zh()),
                        format!("Cumulative since 1 January: {}{} (exempt situations not counted), within the band {}: {}.", persons_en(c), measure_en(b.measure), b.describe_en(), pathway.name_en()),
                    ));
                    self.step(format!("第5步：国家规定{} → {}。", rule.citation.item, pathway.name_zh()), format!("Step 5: national rule {} → {}.", rule.id, pathway.name_en()));
                }
            }
        }
        if !any {
            let persons = self.total("national.art5-1-4", &self.national_parts(Measure::Persons));
            let rule = NationalRule::Art5_1_4.rule();
            self.cleared.push(rule_finding(
                rule,
                Pathway::Exempt,
                format!("累计向境外提供{}人个人信息，不含敏感个人信息，不满10万人：免予申报安全评估、订立标准合同、通过认证（《规定》第五条第一款第四项）。", num(persons)),
                format!("Personal information of {}, none sensitive, fewer than 100,000: exempt (Provisions Art. 5(1)(4)).", persons_en(persons)),
            ));
            self.step("第5步：不满10万人且无敏感个人信息 → 免予（第五条第一款第四项）。", "Step 5: fewer than 100,000 persons and no sensitive PI → exempt (Art. 5(1)(4)).");
        }
    }

    /// The export-control regime applies in addition. The finding cites the instrument that
    /// says so for this verdict: the deciding list's own note (each Beijing sector's note 3),
    /// else the handler's zone measures (Chongqing Art. 20, Guangdong 附则), else the laws.
    fn export_control(&mut self, regime: Regime) {
        let rule = NationalRule::ExportControl.rule();
        let mut f = rule_finding(
            rule,
            Pathway::ExportControl,
            "数据涉及《出口管制法》规定的管制物项相关技术资料或《对外贸易法》规定的技术出口管理事项：另须按出口管制和技术出口管理的法律法规、规章执行。".into(),
            "The data is technical material of a controlled item under the Export Control Law, or a technology-export matter under the Foreign Trade Law: those regimes apply in addition.".into(),
        );
        if let Some((doc, cite, text)) = self.own_provision(regime, When::ExportControl) {
            f.citation = Citation::new(doc, cite);
            f.source_zh = text;
        }
        self.findings.push(f);
        self.step("第6步：涉及出口管制 → 另按出口管制法律法规执行。", "Step 6: export control → the export-control regime applies in addition.");
    }

    /// A provision of the deciding list (its sector note of that role) or of the handler's zone
    /// measures (a note shown `when` that flag is set): the text that says it for this verdict.
    fn own_provision(&self, regime: Regime, when: When) -> Option<(&'static Document, catalogue::Cite, &'static str)> {
        if let (Regime::List(doc, sector), When::ExportControl) = (regime, when) {
            if let Some(n) = sector.notes.iter().find(|n| n.kind == catalogue::NoteKind::ExportControl) {
                return Some((doc, catalogue::Cite::at(sector.heading_zh, note_label(n.number)), n.text_zh));
            }
        }
        let zone = self.r.zone?;
        if !self.s.handler.in_zone {
            return None;
        }
        catalogue::documents()
            .iter()
            .filter(|d| d.kind == DocKind::Measures && d.zone == zone)
            .flat_map(|d| d.warnings.iter().chain(d.obligations).map(move |n| (d, n)))
            .find(|(_, n)| n.when == when && n.confirmed && !n.summary)
            .map(|(d, n)| (d, n.citation, n.text_zh))
    }

    fn finish(mut self, list: Option<(&'static Document, &'static Sector)>) -> (Verdict, Vec<Row>) {
        let s = self.s;
        // Pathways: each with the rules that triggered it.
        let mut pathways: Vec<PathwayUse> = Vec::new();
        for f in &self.findings {
            match pathways.iter_mut().find(|p| p.pathway == f.pathway) {
                Some(p) => {
                    if !p.because.contains(&f.rule) {
                        p.because.push(f.rule.clone())
                    }
                }
                None => pathways.push(PathwayUse { pathway: f.pathway, because: vec![f.rule.clone()] }),
            }
        }
        pathways.sort_by_key(|p| p.pathway);
        let outcome = precedence::outcome(&pathways);
        for row in precedence::outcome_rows(&pathways, !self.cleared.is_empty()) {
            self.prevails(row, true);
        }
        if pathways.is_empty() {
            let because: Vec<String> = if self.cleared.is_empty() {
                vec![if list.is_some() { NationalRule::Art6 } else { NationalRule::Art5_1_4 }.rule().id.to_string()]
            } else {
                self.cleared.iter().map(|c| c.rule.clone()).collect()
            };
            let mut because_dedup = Vec::new();
            for b in because {
                if !because_dedup.contains(&b) {
                    because_dedup.push(b);
                }
            }
            pathways.push(PathwayUse { pathway: Pathway::Exempt, because: because_dedup });
        }
        if self.prevails(Row::OtherPathwayNotAnOutcome, outcome == Pathway::Exempt && pathways.iter().any(|p| p.pathway == Pathway::OtherLawfulPathway)) {
            self.warn(
                "other-pathway-needed",
                "无需安全评估、标准合同或认证，但所列数据须通过其他合法合规路径出境（如人类遗传资源的行政许可与备案）。",
                "No assessment, contract or certification is needed, but the listed data must leave through another lawful pathway (such as the human genetic resources licence or filing).",
            );
        }
        let mut t_zh = format!("结论：{}。", outcome.name_zh());
        let mut t_en = format!("Outcome: {}.", outcome.name_en());
        if pathways.len() > 1 {
            t_zh.push_str(&format!("适用路径：{}。", pathways.iter().map(|p| p.pathway.name_zh()).collect::<Vec<_>>().join("；")));
            t_en.push_str(&format!(" Pathways: {}.", pathways.iter().map(|p| p.pathway.name_en()).collect::<Vec<_>>().join("; ")));
        }
        self.step(t_zh, t_en);

        let decided_by = match list {
            Some((d, sec)) => DecidedBy {
                list: Some(d.id),
                sector: Some(sec.id),
                reason_zh: format!("{}·{}", d.title_zh, sec.name_zh),
                reason_en: format!("{}: {}", d.title_en, sec.name_en),
            },
            None => DecidedBy {
                list: None,
                sector: None,
                reason_zh: if s.flags.national_core_data { "国家核心数据管理制度".into() } else { "国家规定（《促进和规范数据跨境流动规定》）".into() },
                reason_en: if s.flags.national_core_data { "The national core-data regime".into() } else { "The national rules (2024 Provisions)".into() },
            },
        };
        if !self.sums.is_empty() {
            let (zh, en): (Vec<String>, Vec<String>) = std::mem::take(&mut self.sums).into_iter().unzip();
            self.warn(
                "entries-summed",
                format!("以下人数由多组相加得出；若同一自然人出现在多组中，相加结果可能偏高（从严），请按自然人去重后填写。{}。", zh.join("；")),
                format!("These counts add up several groups; a person who appears in two groups is then counted twice (the stricter result), so enter de-duplicated counts where you can. {}.", en.join("; ")),
            );
        }
        let closed = outcome == Pathway::StandardContractOrCertification && !self.certification_open() && self.certification_measures_in_force();
        if self.prevails(Row::CertificationClosed, closed) {
            self.warn(
                "certification-not-open",
                "个人信息保护认证仅适用于非关键信息基础设施运营者、且出境数据不含重要数据的情形（《个人信息出境认证办法》，2026年1月1日起施行）：本次出境应订立个人信息出境标准合同并备案。",
                "Certification is open only to a handler that is not a CIIO and whose export holds no important data (Certification Measures, in force 2026-01-01): this transfer needs the standard contract and its filing.",
            );
        }
        let mut obligations = self.obligations(list, outcome, &pathways);
        crate::deadline::attach(&mut obligations, &self.r.dates);
        let (checklist_warnings, unused) = crate::conditions::attach(&mut obligations, &self.r.answers);
        for w in checklist_warnings {
            self.step(w.text_zh.clone(), w.text_en.clone());
            self.warnings.push(w);
        }
        if !unused.is_empty() {
            self.step(
                format!("以下条件的回答未被使用（其义务不在本结论中，或其起算日期未填写）：{}。", unused.join("、")),
                format!("These answers were not used (their obligation is not in this verdict, or its date is not given): {}.", unused.join(", ")),
            );
        }
        self.band_date_check(&obligations);
        self.data_warnings(list, &pathways);
        let materials = self.materials(list, &pathways);
        let editions = crate::edition::used(self.documents(list.map(|(d, _)| d)).into_iter().map(|(d, _)| d));
        let verdict = Verdict {
            schema: crate::scenario::SCHEMA,
            rules_version: catalogue::RULES_VERSION,
            outcome,
            pathways,
            findings: self.findings,
            obligations,
            warnings: self.warnings,
            trace: self.trace,
            trace_zh: self.trace_zh,
            cleared: self.cleared,
            decided_by,
            materials,
            decided: true,
            depends_on: Vec::new(),
            branches: Vec::new(),
            as_of: self.r.as_of,
            editions,
        };
        (verdict, self.rows)
    }

    /// A date that says the count reached the assessment band, in a verdict with no assessment:
    /// the counts entered contradict it, and the stricter side is the date (January 2026 Q&A:
    /// what went under a standard contract or certification this year counts towards the band).
    fn band_date_check(&mut self, obligations: &[Obligation]) {
        let Some(day) = self.r.dates.get(catalogue::DateField::AssessmentBandReached) else { return };
        let dated_from_it = obligations.iter().any(|o| catalogue::obligation(&o.id).and_then(|n| n.deadline).is_some_and(|d| d.from == catalogue::DateField::AssessmentBandReached));
        if !dated_from_it {
            self.warn(
                "assessment-band-date-without-assessment",
                format!("已填写当年累计人数达到安全评估门槛之日（{}），但所填人数和数据未触发安全评估。请核对人数：自当年1月1日起累计计算，当年已通过标准合同或认证出境的个人信息也计入；若门槛确已达到，自该日起应当申报数据出境安全评估。", day.zh()),
                format!("You gave the day this year's count reached the assessment band ({day}), but the counts and data entered do not call for the assessment. Check the counts: they run from 1 January and include what already went under a standard contract or certification this year; if the band was reached, the security assessment is needed from that day."),
            );
        }
    }

    fn applies(&self, when: When, list: Option<(&'static Document, &'static Sector)>, pathways: &[PathwayUse], zone_chosen: bool) -> bool {
        let has = |p: Pathway| pathways.iter().any(|x| x.pathway == p);
        match when {
            When::Always => true,
            When::Zone => zone_chosen,
            When::ReferralOpen => zone_chosen && !self.s.flags.national_core_data,
            When::ListApplies => list.is_some(),
            When::SecurityAssessment => has(Pathway::SecurityAssessment),
            When::StandardContract => has(Pathway::StandardContractOrCertification),
            When::PersonalInformation => self.counted().any(|e| e.persons.0 > 0),
            When::PersonalInformationAny => self.s.personal_information.iter().any(|e| e.persons.0 > 0),
            When::Certification => has(Pathway::StandardContractOrCertification) && self.certification_open(),
            When::NationalRules => list.is_none() && !self.s.flags.national_core_data,
            When::ExportControl => self.s.flags.export_control,
            When::NationalCoreData => self.s.flags.national_core_data,
        }
    }

    /// Certification is open only to a handler that is not a CIIO and exports no important
    /// data (个人信息出境认证办法, in force 2026-01-01; unconfirmed wording): row
    /// `certification-closed`.
    /// Certification is open to a handler that is not a CIIO exporting no important data
    /// (Certification Measures). A selected item the user cleared by its own exception or
    /// qualifier is not in the export (the item's words say the data is not that item); every
    /// other selected item is, even where a sector note or another list decides.
    fn certification_open(&self) -> bool {
        !self.s.handler.ciio && !self.s.notified_important_data && self.r.items.iter().all(|i| self.item_exception(i).is_some())
    }

    /// The Certification Measures' conditions hold on the verdict's day (their note's first day).
    fn certification_measures_in_force(&self) -> bool {
        catalogue::obligation("national.cert-measures").is_some_and(|n| n.holds_on(self.r.as_of))
    }

    /// Documents whose notes apply: the baseline; the handler's own zone measures; and a list
    /// only in a verdict that list decides (a list's notes never travel to another list's
    /// verdict, nor to one the national rules decide). `true`: the handler's own zone.
    fn documents(&self, deciding: Option<&'static Document>) -> Vec<(&'static Document, bool)> {
        let zone = self.r.zone;
        let in_zone = self.s.handler.in_zone;
        catalogue::documents()
            .iter()
            .filter_map(|d| match d.kind {
                DocKind::Baseline => Some((d, false)),
                DocKind::List => deciding.filter(|l| l.id == d.id).map(|_| (d, Some(d.zone) == zone)),
                DocKind::Measures if Some(d.zone) == zone && in_zone => Some((d, true)),
                DocKind::Measures => None,
            })
            .collect()
    }

    fn obligations(&self, list: Option<(&'static Document, &'static Sector)>, _outcome: Pathway, pathways: &[PathwayUse]) -> Vec<Obligation> {
        let mut out = Vec::new();
        for (doc, zone_doc) in self.documents(list.map(|(d, _)| d)) {
            for n in doc.obligations.iter().filter(|n| n.holds_on(self.r.as_of) && self.applies(n.when, list, pathways, zone_doc)) {
                out.push(obligation(doc, n));
            }
        }
        if let Some((doc, sector)) = list {
            for n in sector.notes.iter().filter(|n| n.kind == catalogue::NoteKind::Obligation) {
                out.push(Obligation {
                    id: format!("{}.{}.note-{}", doc.id, sector.id, n.number),
                    text_zh: n.text_zh.to_string(),
                    text_en: n.text_en.to_string(),
                    citation: Citation::new(doc, catalogue::Cite::at(sector.heading_zh, note_label(n.number))),
                    deadline: None,
                    conditions: None,
                });
            }
        }
        out
    }

    fn data_warnings(&mut self, list: Option<(&'static Document, &'static Sector)>, pathways: &[PathwayUse]) {
        for (doc, zone_doc) in self.documents(list.map(|(d, _)| d)) {
            // A zone's own export-control or core-data provision is the finding's citation, not a warning.
            let provision = |n: &Note| matches!(n.when, When::ExportControl | When::NationalCoreData) && n.confirmed && !n.summary && doc.kind == DocKind::Measures;
            let notes: Vec<&Note> = doc.warnings.iter().filter(|n| n.holds_on(self.r.as_of) && self.applies(n.when, list, pathways, zone_doc) && !provision(n)).collect();
            for n in notes {
                let (zh, en) = note_text(n);
                self.warn(n.id, zh, en);
            }
        }
        if let Some((doc, sector)) = list {
            let export_control_cited = self.s.flags.export_control;
            for n in sector.notes.iter().filter(|n| matches!(n.kind, catalogue::NoteKind::Warning | catalogue::NoteKind::Applicability) || (n.kind == catalogue::NoteKind::ExportControl && !export_control_cited)) {
                self.warn(&format!("{}.{}.note-{}", doc.id, sector.id, n.number), format!("{}注{}：{}", sector.name_zh, n.number, n.text_zh), format!("{} note {}: {}", sector.name_en, n.number, n.text_en));
            }
        }
        // One counting rule: where the handler's zone measures state it in their own words
        // (Guangdong), they replace our general one.
        if self.warnings.iter().any(|w| w.id.ends_with(".counting")) {
            self.warnings.retain(|w| w.id != "cumulative-count");
        }
        let unconfirmed: Vec<String> = self
            .findings
            .iter()
            .chain(&self.cleared)
            .filter(|f| catalogue::baseline().rules.iter().any(|r| r.id == f.rule && !r.confirmed))
            .map(|f| f.rule.clone())
            .collect();
        if !unconfirmed.is_empty() {
            self.warn(
                "unconfirmed-wording",
                format!("以下国家规定的原文未能与官方文本核对，请以官方文本为准：{}。", unconfirmed.join("、")),
                format!("The wording of these national rules could not be checked against the official text; rely on the official text: {}.", unconfirmed.join(", ")),
            );
        }
    }
}

fn obligation(doc: &'static Document, n: &'static Note) -> Obligation {
    let (text_zh, text_en) = note_text(n);
    Obligation { id: n.id.to_string(), text_zh, text_en, citation: Citation::new(doc, n.citation), deadline: None, conditions: None }
}

impl Eval<'_> {
    /// The materials checklists that apply: chosen as the obligations are (the same documents,
    /// the same `when`), in document order.
    fn materials(&self, list: Option<(&'static Document, &'static Sector)>, pathways: &[PathwayUse]) -> Vec<String> {
        let mut out = Vec::new();
        for (doc, zone_doc) in self.documents(list.map(|(d, _)| d)) {
            for c in doc.materials.iter().filter(|c| self.applies(c.when, list, pathways, zone_doc)) {
                out.push(c.id.to_string());
            }
        }
        out
    }
}
