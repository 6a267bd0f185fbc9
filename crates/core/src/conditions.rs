//! The conditions an obligation sets, as a checklist the user answers (an extension of the
//! contract's "Dated obligations"). Today one obligation sets them: the extension of a security
//! assessment result (规定第九条; the CAC Q&A of July 2026: the purpose, scope, kinds of data and
//! overseas recipient unchanged, the persons grown by no more than 20 %, the legal documents
//! compliant, no major data-security incident in the 3 years; otherwise declare afresh).
//!
//! A checklist is asked once the obligation is in the verdict and the date its deadline runs
//! from is given (the handler holds the result being renewed). Every condition must be met: one
//! "no" decides (not met), otherwise an unanswered one leaves it open.
use crate::scenario::Answer;
use crate::verdict::{Checklist, ConditionAnswer, Met, Obligation, Warning};

/// Answers the checklist of every obligation that sets one and whose date is given; returns the
/// warnings that say a checklist is not met or still open, and the answers that were not used
/// (their obligation is not in this verdict, or its date is not given).
pub fn attach(obligations: &mut [Obligation], answers: &[Answer]) -> (Vec<Warning>, Vec<String>) {
    let mut warnings = Vec::new();
    let mut used = vec![false; answers.len()];
    for o in obligations.iter_mut().filter(|o| o.deadline.is_some()) {
        let Some(set) = crate::catalogue::obligation(&o.id).and_then(|n| n.conditions.as_ref()) else { continue };
        let items: Vec<ConditionAnswer> = set
            .items
            .iter()
            .map(|c| {
                let found = answers.iter().position(|a| a.note.id == o.id && a.condition.id == c.id);
                if let Some(i) = found {
                    used[i] = true;
                }
                ConditionAnswer { id: format!("{}:{}", o.id, c.id), text_zh: c.text_zh, text_en: c.text_en, answer: found.map(|i| answers[i].met) }
            })
            .collect();
        let failed: Vec<&ConditionAnswer> = items.iter().filter(|c| c.answer == Some(false)).collect();
        let open: Vec<&ConditionAnswer> = items.iter().filter(|c| c.answer.is_none()).collect();
        let names = |v: &[&ConditionAnswer], zh: bool| v.iter().map(|c| if zh { c.text_zh } else { c.text_en }).collect::<Vec<_>>().join(if zh { "；" } else { "; " });
        let result = if !failed.is_empty() {
            warnings.push(Warning {
                id: format!("{}:not-met", o.id).into(),
                text_zh: format!("以下条件回答为“否”：{}。{}。", names(&failed, true), set.not_met_zh).into(),
                text_en: format!("Answered no: {}. {}", names(&failed, false), set.not_met_en).into(),
            });
            Met::NotMet
        } else if !open.is_empty() {
            warnings.push(Warning {
                id: format!("{}:open", o.id).into(),
                text_zh: format!("以下条件尚未回答：{}。全部符合的，{}；任一不符合的，{}。", names(&open, true), set.met_zh, set.not_met_zh).into(),
                text_en: format!("Not yet answered: {}. If all are met — {} If any is not — {}", names(&open, false), set.met_en, set.not_met_en).into(),
            });
            Met::Open
        } else {
            Met::Met
        };
        let (text_zh, text_en) = match result {
            Met::Met => (set.met_zh, set.met_en),
            Met::NotMet => (set.not_met_zh, set.not_met_en),
            Met::Open => ("", ""),
        };
        o.conditions = Some(Checklist { items, result, text_zh, text_en });
    }
    let unused = answers.iter().zip(&used).filter(|(_, u)| !**u).map(|(a, _)| format!("{}:{}", a.note.id, a.condition.id)).collect();
    (warnings, unused)
}
