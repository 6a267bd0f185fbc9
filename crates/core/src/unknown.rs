//! Unknown answers and conditional verdicts (contract: "Unknown answers and conditional
//! verdicts"). A scenario names the questions it cannot answer yet; every combination of answers
//! is evaluated (at most 2^8), the questions whose answer changes the outcome or the set of
//! pathways are the verdict's `depends_on`, with one branch per combination of them, and the rest
//! of the verdict is the strictest branch's (`national_core_data` > `security_assessment` >
//! `standard_contract_or_certification` > `exempt`; among equals, more pathways; then the first).
use crate::catalogue::{Pathway, Sector};
use crate::edition::Coverage;
use crate::scenario::{Assumed, InputError, Question, Scenario};
use crate::text::clip;
use crate::verdict::{Branch, Verdict, Warning};

/// Evaluates a scenario, its unknown questions included, on `today` when it names no `as_of`.
pub fn evaluate(s: &Scenario, today: crate::calendar::Date) -> Result<Verdict, InputError> {
    evaluate_with(s, today, None, Coverage::Strict)
}

/// [`evaluate`], counting each rule's persons with `overlaps` where given, and with what a day
/// outside an edition does (the register: the national rules decide, said in a warning).
pub fn evaluate_with(s: &Scenario, today: crate::calendar::Date, overlaps: Option<&dyn crate::threshold::Overlaps>, coverage: Coverage) -> Result<Verdict, InputError> {
    let mut r = s.resolve_at(today, coverage)?;
    r.overlaps = overlaps;
    if r.unknown.is_empty() {
        return Ok(crate::evaluate::resolved(&r));
    }
    let qs = r.unknown.clone();
    let answers: Vec<Vec<Assumed>> = qs.iter().map(|q| q.answers()).collect();
    let combos = Combos { radix: answers.iter().map(Vec::len).collect() };
    let runs = decide_each(s, today, overlaps, coverage, &qs, &answers, &combos)?;
    let open = Open::of(&runs, &combos);
    let shown = assume(s, &qs, &answers, &combos.digits(open.strictest));
    let mut rb = shown.resolve_at(today, coverage)?;
    rb.overlaps = overlaps;
    let mut v = crate::evaluate::resolved(&rb);
    v.decided = open.depends.is_empty();
    v.depends_on = open.depends.iter().map(|&i| qs[i].id().into_owned()).collect();
    v.branches = open
        .branches
        .iter()
        .map(|&c| {
            let d = combos.digits(c);
            Branch { assume: open.depends.iter().map(|&i| (qs[i].id().into_owned(), answers[i][d[i]])).collect(), outcome: runs[c].0, pathways: runs[c].1.clone() }
        })
        .collect();
    say_open(&mut v, &Said { qs: &qs, answers: &answers, combos: &combos, open: &open, runs: &runs, sector: r.sector });
    Ok(v)
}

/// Each combination of answers, decided but not put in words (only the strictest is shown):
/// one copy of the scenario, given each combination's answers in turn (`answer`), the same
/// scenario `assume` makes, without a copy per combination.
fn decide_each(s: &Scenario, today: crate::calendar::Date, overlaps: Option<&dyn crate::threshold::Overlaps>, coverage: Coverage, qs: &[Question], answers: &[Vec<Assumed>], combos: &Combos) -> Result<Vec<(Pathway, Vec<Pathway>)>, InputError> {
    let mut runs = Vec::with_capacity(combos.len());
    let mut branch = s.clone();
    branch.unknown.clear();
    let mut digits = vec![0; qs.len()];
    for c in 0..combos.len() {
        combos.digits_into(c, &mut digits);
        answer(&mut branch, s, qs, answers, &digits);
        let mut rb = branch.resolve_at(today, coverage)?;
        rb.overlaps = overlaps;
        runs.push(crate::evaluate::decided(&rb));
    }
    Ok(runs)
}

/// What the combinations' results say: which questions decide, one branch per combination of
/// their answers, and the strictest combination (the one shown).
struct Open {
    /// The questions whose answer alone changes the outcome or the pathways.
    depends: Vec<usize>,
    /// One combination per combination of the deciding questions' answers, first answers first
    /// (yes before no); the other questions take their first answer (it changes nothing).
    branches: Vec<usize>,
    strictest: usize,
}

impl Open {
    fn of(runs: &[(Pathway, Vec<Pathway>)], combos: &Combos) -> Open {
        let key = |(outcome, pathways): &(Pathway, Vec<Pathway>)| {
            let mut codes: Vec<&str> = pathways.iter().map(|p| p.code()).collect();
            crate::order::sort(&mut codes);
            (*outcome, codes)
        };
        let keys: Vec<_> = runs.iter().map(key).collect();
        let depends: Vec<usize> = (0..combos.radix.len())
            .filter(|&i| (0..combos.len()).any(|c| (0..combos.radix[i]).any(|a| keys[c] != keys[combos.with(c, i, a)])))
            .collect();
        let sub = Combos { radix: depends.iter().map(|&i| combos.radix[i]).collect() };
        let branches = if depends.is_empty() { Vec::new() } else { (0..sub.len()).map(|b| sub.digits(b).iter().zip(&depends).fold(0, |c, (&a, &i)| combos.with(c, i, a))).collect() };
        let rank = |m: usize| strictness_of(runs[m].0, runs[m].1.len());
        let strictest = (0..runs.len()).fold(0, |best, m| if rank(m) > rank(best) { m } else { best });
        Open { depends, branches, strictest }
    }
}

/// What `say_open` puts in words.
struct Said<'a> {
    qs: &'a [Question],
    answers: &'a [Vec<Assumed>],
    combos: &'a Combos,
    open: &'a Open,
    runs: &'a [(Pathway, Vec<Pathway>)],
    sector: Option<&'static crate::catalogue::Sector>,
}

/// The open questions in the verdict's words: a trace line when no answer changes anything,
/// else the `depends-on-answers` warning (first) and its trace line, naming each branch.
fn say_open(v: &mut Verdict, x: &Said) {
    let (depends, qs) = (&x.open.depends, x.qs);
    if depends.is_empty() {
        v.trace.push(format!("Open questions ({}): every answer gives this outcome and these pathways.", qs.iter().map(|&q| name(q, false)).collect::<Vec<_>>().join("; ")).into());
        v.trace_zh.push(format!("尚未回答的问题（{}）：无论如何回答，结论和路径都相同。", qs.iter().map(|&q| name(q, true)).collect::<Vec<_>>().join("；")).into());
        return;
    }
    // Numbered once, then named by number: "(1) yes, (2) no → …".
    let combo = |c: usize, zh: bool| {
        let d = x.combos.digits(c);
        depends
            .iter()
            .enumerate()
            .map(|(n, &i)| {
                let a = words(x.answers[i][d[i]], x.sector, zh);
                if zh { format!("（{}）{a}", n + 1) } else { format!("({}) {a}", n + 1) }
            })
            .collect::<Vec<_>>()
            .join(if zh { "，" } else { ", " })
    };
    let open_zh = depends.iter().enumerate().map(|(n, &i)| format!("（{}）{}", n + 1, name(qs[i], true))).collect::<Vec<_>>().join("；");
    let open_en = depends.iter().enumerate().map(|(n, &i)| format!("({}) {}", n + 1, name(qs[i], false))).collect::<Vec<_>>().join("; ");
    let each_zh: Vec<String> = x.open.branches.iter().map(|&c| format!("{}→{}", combo(c, true), x.runs[c].0.name_zh())).collect();
    let each_en: Vec<String> = x.open.branches.iter().map(|&c| format!("{} → {}", combo(c, false), x.runs[c].0.name_en())).collect();
    let best = x.open.strictest;
    let w = Warning {
        id: "depends-on-answers".into(),
        text_zh: format!("结论取决于尚未回答的问题：{open_zh}。{}。下文按最严格的情形（{}）列出；回答这些问题后结论才确定。", each_zh.join("；"), combo(best, true)).into(),
        text_en: format!("The verdict depends on questions not yet answered: {open_en}. {}. Shown below is the strictest case ({}); answer them to settle it.", each_en.join("; "), combo(best, false)).into(),
    };
    v.trace.push(w.text_en.clone());
    v.trace_zh.push(w.text_zh.clone());
    v.warnings.insert(0, w);
}

/// The combinations of answers, numbered: digit i is the index of question i's answer, the
/// first question the most significant (so combination 0 takes every first answer).
struct Combos {
    radix: Vec<usize>,
}

impl Combos {
    fn len(&self) -> usize {
        self.radix.iter().product()
    }

    fn digits(&self, c: usize) -> Vec<usize> {
        let mut d = vec![0; self.radix.len()];
        self.digits_into(c, &mut d);
        d
    }

    fn digits_into(&self, mut c: usize, d: &mut [usize]) {
        for i in (0..self.radix.len()).rev() {
            d[i] = c % self.radix[i];
            c /= self.radix[i];
        }
    }

    /// The digit of question `i` in combination `c` is `c / stride(i) % radix[i]`.
    fn stride(&self, i: usize) -> usize {
        self.radix[i + 1..].iter().product()
    }

    /// Combination `c` with question `i` answered `a`.
    fn with(&self, c: usize, i: usize, a: usize) -> usize {
        let stride = self.stride(i);
        c - (c / stride % self.radix[i]) * stride + a * stride
    }
}

/// The scenario with each question given its answer (`digits[i]` indexes `answers[i]`).
fn assume(s: &Scenario, qs: &[Question], answers: &[Vec<Assumed>], digits: &[usize]) -> Scenario {
    let mut c = s.clone();
    c.unknown.clear();
    answer(&mut c, s, qs, answers, digits);
    c
}

/// Gives `c`, a copy of `s` with no unknown questions, each question's answer: every field a
/// question sets is first put back as `s` has it (an item list, the ids in their order), so
/// that `c` is what `assume` makes, whatever answers it was given before.
fn answer(c: &mut Scenario, s: &Scenario, qs: &[Question], answers: &[Vec<Assumed>], digits: &[usize]) {
    if qs.iter().any(|q| matches!(q, Question::Item(_))) {
        c.important_data.clone_from(&s.important_data);
    }
    if qs.iter().any(|q| matches!(q, Question::Exception(_))) {
        c.item_exceptions.clone_from(&s.item_exceptions);
    }
    for (i, q) in qs.iter().enumerate() {
        let a = answers[i][digits[i]];
        let yes = a == Assumed::Yes;
        match *q {
            Question::InZone => c.handler.in_zone = yes,
            Question::Ciio => c.handler.ciio = yes,
            Question::Notified => c.notified_important_data = yes,
            Question::CoreData => c.flags.national_core_data = yes,
            Question::ExportControl => c.flags.export_control = yes,
            Question::Item(item) => set(&mut c.important_data, item.id, yes),
            Question::Exception(e) => set(&mut c.item_exceptions, e.id, yes),
            Question::Group(row, _) => {
                if let Assumed::Group(g) = a {
                    c.personal_information[row].group = g.map(String::from);
                }
            }
        }
    }
}

fn set(ids: &mut Vec<String>, id: &str, yes: bool) {
    ids.retain(|x| x != id);
    if yes {
        ids.push(id.to_string());
    }
}

/// An answer in a word or two: yes, no, or the group's name.
pub fn words(a: Assumed, sector: Option<&Sector>, zh: bool) -> String {
    match a {
        Assumed::Yes => (if zh { "是" } else { "yes" }).into(),
        Assumed::No => (if zh { "否" } else { "no" }).into(),
        Assumed::Group(None) => (if zh { "不属于所列人群" } else { "none of the groups the list names" }).into(),
        Assumed::Group(Some(id)) => match sector.and_then(|s| s.group(id)) {
            Some(g) if zh => g.name_zh.into(),
            Some(g) => g.name_en.into(),
            None => id.into(),
        },
    }
}

/// How strict a verdict is, for choosing the branch shown: its outcome's rank in the precedence
/// table's outcome rows, then the number of pathways.
pub(crate) fn strictness(v: &Verdict) -> (u8, usize) {
    strictness_of(v.outcome, v.pathways.len())
}

fn strictness_of(outcome: Pathway, pathways: usize) -> (u8, usize) {
    (crate::precedence::rank(outcome), pathways)
}

/// A question by its contract id, in a few words (the id itself if the catalogue lacks it).
pub fn describe(id: &str, zh: bool) -> String {
    if let Some(row) = crate::scenario::group_question_row(id) {
        return if zh { format!("第{}组个人信息属于哪一人群", row + 1) } else { format!("which group of people row {} of personal information is in", row + 1) };
    }
    let q = Question::FIXED.into_iter().find(|q| q.id() == id).or_else(|| {
        crate::catalogue::lists().flat_map(|l| l.sectors.iter()).find_map(|s| match s.item(id) {
            Some(i) => Some(Question::Item(i)),
            None => s.exception(id).map(|(e, _)| Question::Exception(e)),
        })
    });
    q.map_or_else(|| id.to_string(), |q| name(q, zh))
}

/// A question in a few words.
pub fn name(q: Question, zh: bool) -> String {
    let t = |a: &str, b: &str| if zh { a.to_string() } else { b.to_string() };
    match q {
        Question::InZone => t("是否在该自由贸易试验区内登记注册或经营", "whether the handler is registered or operating in the zone"),
        Question::Ciio => t("是否为关键信息基础设施运营者", "whether the handler is a critical information infrastructure operator"),
        Question::Notified => t("数据是否已被告知或公开发布为重要数据", "whether the data has been notified or published as important data"),
        Question::CoreData => t("是否涉及国家核心数据", "whether national core data is involved"),
        Question::ExportControl => t("是否涉及出口管制物项的技术资料或技术出口", "whether export-controlled technical material or a technology export is involved"),
        Question::Item(i) if zh => format!("数据是否包含{}", i.label_zh()),
        Question::Item(i) => format!("whether the data contains item {} ({})", i.number, i.title_en),
        Question::Exception(e) if zh => format!("“{}”是否成立", clip(if e.question_zh.is_empty() { e.text_zh } else { e.question_zh }, 40)),
        Question::Exception(e) => format!("whether \"{}\" holds", clip(e.text_en, 80)),
        Question::Group(..) => describe(&q.id(), zh),
    }
}

#[cfg(test)]
mod tests {
    use super::{answer, assume, Combos};
    use crate::scenario::Scenario;

    /// One copy given each combination's answers in turn, in any order, is the scenario a fresh
    /// `assume` makes: the same items and exceptions, in the same order.
    #[test]
    fn answering_a_reused_copy_is_assuming_afresh() {
        let sec = crate::catalogue::list("bj-2025").and_then(|l| l.sector("pharma")).expect("bj-2025 pharma");
        let items: Vec<String> = sec.items.iter().filter(|i| i.kind == crate::catalogue::Kind::ImportantData).take(3).map(|i| i.id.to_string()).collect();
        let exception = sec.items.iter().flat_map(|i| i.exceptions.iter()).next().expect("an exception").id.to_string();
        let mut s = Scenario::new();
        s.list = Some("bj-2025".into());
        s.sector = Some("pharma".into());
        s.handler.in_zone = true;
        s.important_data = vec![items[2].clone(), items[0].clone()];
        s.item_exceptions = vec![exception.clone()];
        s.unknown = vec![items[0].clone(), "handler.ciio".into(), items[1].clone(), exception];
        let r = s.resolve().expect("valid");
        let qs = r.unknown.clone();
        let answers: Vec<_> = qs.iter().map(|q| q.answers()).collect();
        let combos = Combos { radix: answers.iter().map(Vec::len).collect() };
        let mut copy = s.clone();
        copy.unknown.clear();
        // Forward, then backward: every field is put back whatever came before.
        for c in (0..combos.len()).chain((0..combos.len()).rev()) {
            let d = combos.digits(c);
            answer(&mut copy, &s, &qs, &answers, &d);
            assert_eq!(copy, assume(&s, &qs, &answers, &d), "combination {c}");
        }
    }

    /// `with` is "the digits of `c`, digit `i` replaced by `a`, read back", for mixed radixes
    /// (a group question has more than two answers).
    #[test]
    fn with_replaces_one_digit() {
        let combos = Combos { radix: vec![2, 3, 2, 4] };
        for c in 0..combos.len() {
            for (i, &r) in combos.radix.iter().enumerate() {
                for a in 0..r {
                    let mut d = combos.digits(c);
                    d[i] = a;
                    let want = d.iter().zip(&combos.radix).fold(0, |n, (&x, &r)| n * r + x);
                    assert_eq!(combos.with(c, i, a), want, "c={c} i={i} a={a}");
                }
            }
        }
    }
}
