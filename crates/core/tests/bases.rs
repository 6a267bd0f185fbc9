//! The exempt bases say their own conditions (Provisions Arts. 4 and 5(1)(2)): a user who picks
//! "cross-border HR management" or "collected abroad" is told, in the article's words, what must
//! hold for the group to be left out of every count.
use xborder_core::{evaluate, Basis, Count, PiEntry, Scenario};

fn with(basis: Basis) -> xborder_core::Verdict {
    let mut s = Scenario::new();
    s.personal_information.push(PiEntry { persons: Count(5_000), sensitive_persons: Count(5_000), basis: Some(basis), ..Default::default() });
    evaluate(&s).expect("valid")
}

fn warning<'v>(v: &'v xborder_core::Verdict, id: &str) -> Option<&'v xborder_core::verdict::Warning> {
    v.warnings.iter().find(|w| w.id == id)
}

#[test]
fn hr_says_labour_rules_collective_contract_and_employees_only() {
    let v = with(Basis::Hr);
    let w = warning(&v, "basis-conditions:hr").expect("the HR conditions");
    assert!(w.text_zh.contains("按照依法制定的劳动规章制度和依法签订的集体合同实施跨境人力资源管理，确需向境外提供员工个人信息"), "{}", w.text_zh);
    assert!(w.text_en.contains("collective contract") && w.text_en.contains("employees"), "{}", w.text_en);
    assert!(Basis::Hr.name_zh().contains("依法签订的集体合同") && Basis::Hr.name_en().contains("collective contract"), "the choice itself names them");
}

#[test]
fn collected_abroad_says_nothing_domestic_brought_in() {
    let v = with(Basis::CollectedAbroad);
    let w = warning(&v, "basis-conditions:collected_abroad").expect("the Art. 4 condition");
    assert!(w.text_zh.contains("处理过程中没有引入境内个人信息或者重要数据"), "{}", w.text_zh);
    assert!(Basis::CollectedAbroad.name_zh().contains("未引入境内个人信息或重要数据"));
}

#[test]
fn bases_without_further_conditions_add_none() {
    for b in [Basis::Contract, Basis::Emergency] {
        assert!(!with(b).warnings.iter().any(|w| w.id.starts_with("basis-conditions:")), "{b:?}");
    }
}
