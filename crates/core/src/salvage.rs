//! A damaged permalink: what of it can still be read (issue 11). A link that does not decode
//! opens an empty form with a message (contract: "Web app"); the page then offers this as a
//! choice, saying exactly what it leaves out. Each part of the fragment is kept only if the link
//! still decodes and its scenario still resolves with it; a list part (`i`, `x`, `u`) is tried
//! element by element. Without readable handler answers, those questions are left open, never
//! answered "no".
use crate::permalink::{decode, View, MAX_LEN};
use crate::scenario::{Scenario, FIXED_IDS, MAX_UNKNOWN};

/// What a salvaged link keeps, and what it had to leave out.
#[derive(Debug, Clone, PartialEq)]
pub struct Salvage {
    pub scenario: Scenario,
    pub dropped: Vec<Dropped>,
    /// The view the link opens in, when its `v` part could be read (page state, not scenario).
    pub view: View,
}

/// A part of a damaged link left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dropped {
    List,
    Sector,
    Zone,
    /// The handler's and the data's answers (left open instead).
    Handler,
    Dates,
    /// The day whose rules decide (the link then opens on today's rules).
    AsOf,
    Conditions,
    /// The matter's record fields (name, recipient…).
    Matter,
    /// The view the link asked for (the `v` part: it opens in the form and verdict instead).
    View,
    /// A group of people, by its place in the link (1-based).
    Group(usize),
    Item,
    Exception,
    Question,
    /// A part the link format does not have.
    Unreadable,
}

impl Dropped {
    pub fn describe(&self, zh: bool) -> String {
        let (z, e): (&str, &str) = match self {
            Dropped::List => ("所选清单", "the list chosen"),
            Dropped::Sector => ("所选行业", "the sector chosen"),
            Dropped::Zone => ("所选自贸试验区", "the zone chosen"),
            Dropped::Handler => ("关于数据处理者和数据的回答（改为尚未回答）", "the answers about the handler and the data (left open instead)"),
            Dropped::Dates => ("日期", "the dates"),
            Dropped::AsOf => ("规则适用日期（改为今天）", "the day whose rules decide (today's instead)"),
            Dropped::Conditions => ("续期条件的回答", "the answers to the renewal conditions"),
            Dropped::Matter => ("事项信息（名称、接收方等）", "the matter's details (name, recipient…)"),
            Dropped::View => ("链接指定的视图（改为表单和结论）", "the view the link asked for (the form and verdict instead)"),
            Dropped::Group(n) => return if zh { format!("第{n}组人员") } else { format!("group of people {n}") },
            Dropped::Item => ("一项清单所列重要数据", "a listed item"),
            Dropped::Exception => ("一项例外或条件的回答", "an answer to an exception or condition"),
            Dropped::Question => ("一个“不确定”的问题", "a question left open"),
            Dropped::Unreadable => ("一段无法识别的内容", "a part that could not be read"),
        };
        (if zh { z } else { e }).to_string()
    }
}

/// What can be read of a fragment that does not open as it is; None when it opens (nothing to
/// salvage) or when nothing of it can be read.
pub fn salvage(fragment: &str) -> Option<Salvage> {
    let f = fragment.strip_prefix('#').unwrap_or(fragment);
    if f.len() > MAX_LEN || opens(f) {
        return None;
    }
    let mut tokens = f.split('~');
    if tokens.next() != Some("1") {
        return None;
    }
    // The open questions last: a group's question needs its group.
    let (asks, rest): (Vec<&str>, Vec<&str>) = tokens.partition(|t| t.starts_with('u'));
    let mut keep: Vec<String> = vec!["1".into()];
    let mut dropped: Vec<Dropped> = Vec::new();
    let mut groups = 0;
    for t in rest.into_iter().chain(asks) {
        let tag = t.chars().next().unwrap_or(' ');
        if tag == 'p' {
            groups += 1;
        }
        match tag {
            'i' | 'x' | 'u' => {
                let mut good: Vec<&str> = Vec::new();
                for el in t[1..].split('.') {
                    let mut trial = good.clone();
                    trial.push(el);
                    if opens_with(&keep, &format!("{tag}{}", trial.join("."))) {
                        good = trial;
                    } else {
                        dropped.push(match tag {
                            'i' => Dropped::Item,
                            'x' => Dropped::Exception,
                            _ => Dropped::Question,
                        });
                    }
                }
                if !good.is_empty() {
                    keep.push(format!("{tag}{}", good.join(".")));
                }
            }
            _ if opens_with(&keep, t) => keep.push(t.to_string()),
            _ => dropped.push(match tag {
                'l' => Dropped::List,
                's' => Dropped::Sector,
                'z' => Dropped::Zone,
                'h' => Dropped::Handler,
                'd' => Dropped::Dates,
                'a' => Dropped::AsOf,
                'c' => Dropped::Conditions,
                'm' => Dropped::Matter,
                'v' => Dropped::View,
                'p' => Dropped::Group(groups),
                _ => Dropped::Unreadable,
            }),
        }
    }
    let has_h = keep.iter().any(|t| t.starts_with('h'));
    if !has_h && !dropped.contains(&Dropped::Handler) {
        dropped.push(Dropped::Handler);
    }
    let decoded = decode(&with_h(&keep).join("~")).ok()?;
    let view = decoded.view;
    let mut scenario = decoded.scenario;
    if !has_h {
        // Unknown handler answers: open, in front of whatever else was open.
        let mut open: Vec<String> = FIXED_IDS.iter().map(|q| q.to_string()).collect();
        let more: Vec<String> = scenario.unknown.iter().filter(|q| !open.contains(q)).cloned().collect();
        open.extend(more);
        open.truncate(MAX_UNKNOWN);
        scenario.unknown = open;
    }
    // The view alone is nothing of the scenario.
    let nothing = keep.iter().skip(1).all(|t| t.starts_with('v'));
    (!nothing && scenario.resolve().is_ok()).then_some(Salvage { scenario, dropped, view })
}

fn opens(f: &str) -> bool {
    decode(f).is_ok_and(|d| d.scenario.resolve().is_ok())
}

/// The parts with a handler part (all "no") when they hold none, so that the rest can be tried.
fn with_h(keep: &[String]) -> Vec<String> {
    let mut v = keep.to_vec();
    if !v.iter().any(|t| t.starts_with('h')) {
        v.push("h0".into());
    }
    v
}

fn opens_with(keep: &[String], t: &str) -> bool {
    let mut v = keep.to_vec();
    v.push(t.to_string());
    opens(&with_h(&v).join("~"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permalink::encode;

    fn link() -> String {
        let mut s = Scenario::new();
        s.list = Some("cq-2025".into());
        s.sector = Some("auto".into());
        s.handler.in_zone = true;
        s.important_data = vec!["cq-2025.auto.18".into(), "cq-2025.auto.26".into()];
        s.personal_information = vec![crate::scenario::PiEntry { scenario: Some("telematics".into()), group: None, persons: crate::scenario::Count(150_000), sensitive_persons: crate::scenario::Count(2_000), basis: None }];
        encode(&s)
    }

    #[test]
    fn a_link_that_opens_has_nothing_to_salvage() {
        assert_eq!(salvage(&link()), None);
        assert_eq!(salvage("garbage"), None);
        assert_eq!(salvage("1~zz"), None, "nothing readable");
    }

    #[test]
    fn a_bad_item_is_left_out_and_said() {
        let bad = link().replace("i18.26", "i18.999.26");
        let s = salvage(&bad).unwrap();
        assert_eq!(s.dropped, [Dropped::Item]);
        assert_eq!(s.scenario.important_data, ["cq-2025.auto.18", "cq-2025.auto.26"]);
        assert_eq!(s.scenario.personal_information.len(), 1);
    }

    #[test]
    fn the_view_part_is_kept_when_it_reads_and_said_when_it_does_not() {
        let bad = link().replace("i18.26", "i18.999.26");
        let s = salvage(&format!("{bad}~vc")).unwrap();
        assert_eq!((s.dropped.as_slice(), s.view), ([Dropped::Item].as_slice(), View::Compare));
        let s = salvage(&format!("{}~vq", link())).unwrap();
        assert_eq!((s.dropped.as_slice(), s.view), ([Dropped::View].as_slice(), View::Verdict));
        assert_eq!(s.scenario, decode(&link()).unwrap().scenario, "the scenario is whole");
        assert_eq!(salvage(&format!("{}~vc", link())), None, "a link that opens has nothing to salvage");
        assert_eq!(salvage("1~vc~zz"), None, "the view alone is nothing to open");
    }

    #[test]
    fn without_handler_answers_they_are_open_not_no() {
        let l = link();
        let h = l.split('~').find(|t| t.starts_with('h')).unwrap().to_string();
        let s = salvage(&l.replace(&format!("~{h}"), "~hzz")).unwrap();
        assert_eq!(s.dropped, [Dropped::Handler]);
        assert_eq!(&s.scenario.unknown[..5], ["handler.in_zone", "handler.ciio", "notified_important_data", "flags.national_core_data", "flags.export_control"]);
        // A broken group of people goes; the rest stays.
        let s = salvage(&l.replace("~ptelematics.", "~ptelematics.x.")).unwrap();
        assert_eq!(s.dropped, [Dropped::Group(1)]);
        assert!(s.scenario.personal_information.is_empty() && s.scenario.important_data.len() == 2);
    }
}
