//! Dated obligations (contract: "Dated obligations"): the deadline an obligation states, kept
//! in the rules data on its note (`deadline = { from = "…", … }`), counted from the scenario's
//! date with the calendar of the State Council holiday notices ([`crate::calendar`]).
//!
//! The deadlines in `rules/` today:
//! - `national.scc-filing`: 个人信息出境标准合同办法第七条, 标准合同生效之日起10个工作日内备案: the
//!   10th working day after `contract_effective`.
//! - `cq-guide.report-deadline`: Chongqing Implementation Guide (third-party summary), 自开始使用负面
//!   清单开展数据出境活动之日起15个工作日内报告: the 15th working day after `transfer_start`.
//! - `national.art9-validity`: 规定第九条, 评估结果有效期为3年，自评估结果出具之日起计算: the last day
//!   of the 3 years from `assessment_issued`.
//! - `national.art9-extension-window` (until 2026-07-23), then `national.qa-2026-07-extension`
//!   (from 2026-07-24, with the Q&A's conditions): 规定第九条, 有效期届满前60个工作日内申请延长: the
//!   60 working days before that last day.
//! - `national.cert-measures`: 个人信息出境认证办法, 认证证书有效期为3年: the last day of the 3 years
//!   from `certification_issued`.
//! - `national.qa-2026-01-crossing`: the January 2026 Q&A, 当年累计达到安全评估门槛的应当申报: from
//!   `assessment_band_reached` itself (the obligation starts that day; no period is stated).
//!
//! Readings: the day a period runs from is not counted (民法典第二百零一条); a validity of years
//! ends on the corresponding day (第二百零二条) and is not moved off a holiday (第二百零三条 moves
//! the last day of a time limit for doing something, not of a validity); the window before an
//! expiry does not count the last day of validity itself, so it ends on the last working day
//! before it. A count that reaches a year with no notice in the rules gives no date.
use crate::calendar::{self, Date};
use crate::catalogue::{self, Deadline, Period};
use crate::scenario::KnownDates;
use crate::verdict::{Dated, Due, Obligation, Window};

/// Dates every obligation whose note states a deadline and whose date the scenario gives.
pub fn attach(obligations: &mut [Obligation], dates: &KnownDates) {
    for o in obligations.iter_mut() {
        if let Some(rule) = catalogue::obligation(&o.id).and_then(|n| n.deadline) {
            o.deadline = dated(rule, dates);
        }
    }
}

/// One deadline from the scenario's dates; `None` when the date it runs from is not given.
pub fn dated(rule: Deadline, dates: &KnownDates) -> Option<Dated> {
    let start = dates.get(rule.from)?;
    let (day_zh, day_en) = (rule.from.name_zh(), rule.from.name_en());
    let (basis_zh, basis_en, due) = match rule.period {
        Period::WorkingDaysAfter(n) => (
            format!("{}后第{n}个工作日（{day_zh}当日不计入）", start.zh()),
            format!("{n} working days after {start} ({day_en}, not counted)"),
            calendar::add_working_days(start, n).map_or_else(Due::Unknown, Due::On),
        ),
        Period::Years(years) => {
            let last = validity_end(start, years);
            (
                format!("自{}起{years}年（{day_zh}当日不计入），有效期最后一日为{}", start.zh(), last.zh()),
                format!("{years} years from {start} ({day_en}, not counted): the last day of validity is {last}"),
                Due::On(last),
            )
        }
        Period::OnTheDay => (format!("自{}（{day_zh}）起", start.zh()), format!("from {start} ({day_en})"), Due::On(start)),
        Period::WindowBeforeExpiry { years, working_days } => {
            let last = validity_end(start, years);
            let window = calendar::working_days_before(last, 1).and_then(|until| Ok(Window { from: calendar::working_days_before(last, working_days)?, until }));
            (
                format!("有效期最后一日{}（自{}起{years}年）前的{working_days}个工作日，该日不计入", last.zh(), start.zh()),
                format!("the {working_days} working days before {last}, the last day of validity ({years} years from {start}, {day_en}), that day not counted"),
                window.map_or_else(Due::Unknown, Due::Window),
            )
        }
    };
    Some(Dated { label_zh: rule.label_zh, label_en: rule.label_en, basis_zh, basis_en, due })
}

/// The last day of a validity of `years` from `start`, `start` not counted (民法典第二百零一条、
/// 第二百零二条).
fn validity_end(start: Date, years: u32) -> Date {
    start.add_years(years.min(100) as i32)
}
