//! Engine errors in words (issue 11): the field as the form names it, never a JSON path. The
//! core names the field by its contract path (`personal_information[1].group`); the page says
//! "Group 2 · group of people" and keeps the path only as data for tools (`data-path`).
use crate::form::{date_label, Said};
use crate::lang::Lang;
use xborder_core::catalogue::DateField;
use xborder_core::InputError;

/// A contract path as the form names the field.
pub fn field(path: &str, l: Lang) -> String {
    let indexed = |prefix: &str| path.strip_prefix(prefix).and_then(|r| r.strip_prefix('[')).and_then(|r| r.split_once(']'));
    if let Some((n, rest)) = indexed("personal_information") {
        let n = n.parse::<usize>().map_or(0, |n| n + 1);
        let part = match rest.trim_start_matches('.') {
            "persons" => l.t("人数", "persons"),
            "sensitive_persons" => l.t("敏感个人信息人数", "persons with sensitive information"),
            "scenario" => l.t("业务场景", "business scenario"),
            "group" => l.t("人员类别", "group of people"),
            "basis" => l.t("豁免情形", "exempt situation"),
            _ => "",
        };
        return match (l, part.is_empty()) {
            (Lang::Zh, true) => format!("第{n}组人员"),
            (Lang::Zh, false) => format!("第{n}组 · {part}"),
            (Lang::En, true) => format!("Group {n}"),
            (Lang::En, false) => format!("Group {n} · {part}"),
        };
    }
    for (prefix, zh, en) in [
        ("important_data", "清单所列重要数据", "Listed important data"),
        ("item_exceptions", "确认的例外或条件", "Answers affirmed"),
        ("unknown", "尚未回答或答“不确定”的问题", "Questions not answered or answered \"I don't know\""),
    ] {
        if let Some((n, _)) = indexed(prefix) {
            let n = n.parse::<usize>().map_or(0, |n| n + 1);
            return match l {
                Lang::Zh => format!("{zh}（第{n}项）"),
                Lang::En => format!("{en} (number {n})"),
            };
        }
    }
    if let Some(key) = path.strip_prefix("dates.") {
        if let Some(f) = DateField::ALL.into_iter().find(|f| f.key() == key) {
            return date_label(f, l).into();
        }
    }
    if let Some(key) = path.strip_prefix("matter.") {
        if let Some(i) = xborder_core::scenario::Matter::FIELDS.iter().position(|f| *f == key) {
            return matter_label(i, l).into();
        }
    }
    if path.starts_with("conditions.") {
        return l.t("续期核对", "Renewal check").into();
    }
    match path {
        "list" => l.t("负面清单", "Negative list"),
        "zone" => l.t("自由贸易试验区", "Free trade zone"),
        "sector" => l.t("行业", "Sector"),
        "schema" => l.t("场景格式版本", "Scenario format version"),
        "as_of" => l.t("规则适用日期", "Rules as of"),
        "" => l.t("输入", "The input"),
        _ => l.t("某一字段", "A field"),
    }
    .into()
}

/// An engine error in both languages, naming the field as the form does; the detail is the
/// engine's own (English) words.
pub fn input_error(e: &InputError) -> Said {
    Said {
        zh: e.zh_at(&format!("“{}”", field(&e.path, Lang::Zh))),
        en: format!("{}: {}", field(&e.path, Lang::En), e.message),
    }
}

/// Each field's label, in `Matter::FIELDS` order.
pub fn matter_label(i: usize, l: Lang) -> &'static str {
    const ZH: [&str; 6] = ["事项名称", "境外接收方", "接收方所在国家或地区", "出境目的", "填写人", "日期"];
    const EN: [&str; 6] = ["Matter", "Overseas recipient", "Recipient's country or region", "Purpose of the transfer", "Prepared by", "Date"];
    if l == Lang::Zh { ZH[i] } else { EN[i] }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_the_forms_words() {
        for (path, en, zh) in [
            ("personal_information[1].group", "Group 2 · group of people", "第2组 · 人员类别"),
            ("personal_information[0]", "Group 1", "第1组人员"),
            ("important_data[2]", "Listed important data (number 3)", "清单所列重要数据（第3项）"),
            ("unknown[0]", "Questions not answered or answered \"I don't know\" (number 1)", "尚未回答或答“不确定”的问题（第1项）"),
            ("dates.contract_effective", "Standard contract took effect on", "标准合同生效日期"),
            ("matter.recipient", "Overseas recipient", "境外接收方"),
            ("as_of", "Rules as of", "规则适用日期"),
            ("sector", "Sector", "行业"),
        ] {
            assert_eq!(field(path, Lang::En), en, "{path}");
            assert_eq!(field(path, Lang::Zh), zh, "{path}");
        }
        let e = InputError { path: "personal_information[0].scenario".into(), message: "expected a scenario of sector auto".into(), kind: xborder_core::InputErrorKind::Other };
        let said = input_error(&e);
        assert_eq!(said.en, "Group 1 · business scenario: expected a scenario of sector auto");
        assert!(!said.en.contains("personal_information") && !said.zh.contains("personal_information"));
        // The Chinese is a sentence of its own (the kind's), naming the field as the form does.
        let e = InputError::new("personal_information[0].persons", xborder_core::InputErrorKind::Missing, "missing: this field is required");
        assert_eq!(input_error(&e).zh, "“第1组 · 人数”缺失：此项为必填。");
    }
}
