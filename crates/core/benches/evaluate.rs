//! Evaluation time per scenario (std harness; prints figures, never fails on a slow machine).
//! Run: cargo bench -p xborder-core --bench evaluate
use std::hint::black_box;
use std::time::Instant;
use xborder_core::{decide, evaluate, permalink, Basis, Count, PiEntry, Scenario};

fn scenarios() -> Vec<(&'static str, Scenario)> {
    let mut out = Vec::new();
    let mut national = Scenario::new();
    national.personal_information.push(PiEntry { persons: Count(250_000), sensitive_persons: Count(20), ..Default::default() });
    out.push(("national, one group", national));
    for l in xborder_core::catalogue::lists() {
        for sec in l.sectors {
            let mut s = Scenario::new();
            s.list = Some(l.id.into());
            s.sector = Some(sec.id.into());
            s.handler.in_zone = true;
            s.important_data = sec.items.iter().filter(|i| i.kind == xborder_core::catalogue::Kind::ImportantData).take(3).map(|i| i.id.to_string()).collect();
            for sc in sec.scenarios.iter().take(4) {
                s.personal_information.push(PiEntry { scenario: Some(sc.id.into()), group: sec.groups.first().map(|g| g.id.into()), persons: Count(120_000), sensitive_persons: Count(9_000), basis: None });
            }
            s.personal_information.push(PiEntry { persons: Count(5_000), sensitive_persons: Count(0), basis: Some(Basis::Hr), ..Default::default() });
            out.push((Box::leak(format!("{} {}", l.id, sec.id).into_boxed_str()), s));
        }
    }
    out
}

/// The heaviest conditional verdict the contract allows: 8 questions left unknown (5 facts of
/// the handler and the data, 3 items of the sector), 256 combinations.
fn conditional() -> Scenario {
    let (_, mut s) = scenarios().into_iter().find(|(n, _)| *n == "bj-2025 pharma").expect("pharma");
    s.unknown = ["handler.in_zone", "handler.ciio", "notified_important_data", "flags.national_core_data", "flags.export_control"].map(String::from).to_vec();
    s.unknown.extend(s.important_data.iter().take(3).cloned());
    s
}

fn main() {
    // For `perf record`, or `farm-bench` of one build against another, printing nothing:
    // `XB_PROFILE=conditional` runs the conditional verdict 3,000 times; `XB_PROFILE=decide`
    // decides each scenario (or the one `XB_ONLY` names) 20,000 times; `XB_PROFILE=evaluate`
    // evaluates them (the verdict in words) as many times.
    let only = std::env::var("XB_ONLY").ok();
    let chosen = || scenarios().into_iter().filter(|(n, _)| only.as_deref().is_none_or(|o| o == *n));
    match std::env::var("XB_PROFILE").as_deref() {
        Ok("conditional") => {
            let s = conditional();
            for _ in 0..3000 {
                black_box(evaluate(black_box(&s)).expect("valid"));
            }
            return;
        }
        Ok("decide") => {
            for (_, s) in chosen() {
                for _ in 0..20_000 {
                    black_box(decide(black_box(&s)).expect("valid"));
                }
            }
            return;
        }
        Ok("evaluate") => {
            for (_, s) in chosen() {
                for _ in 0..20_000 {
                    black_box(evaluate(black_box(&s)).expect("valid"));
                }
            }
            return;
        }
        _ => {}
    }
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    println!("evaluate: time per scenario (release, this machine); decide: the same decision without the verdict in words");
    let (mut worst, mut worst_decide) = (0.0f64, 0.0f64);
    for (name, s) in scenarios() {
        let n = 2_000;
        evaluate(&s).expect("valid");
        let t = Instant::now();
        for _ in 0..n {
            black_box(evaluate(black_box(&s)).expect("valid"));
        }
        let us = t.elapsed().as_secs_f64() * 1e6 / n as f64;
        worst = worst.max(us);
        let t = Instant::now();
        for _ in 0..n {
            black_box(decide(black_box(&s)).expect("valid"));
        }
        let decide_us = t.elapsed().as_secs_f64() * 1e6 / n as f64;
        worst_decide = worst_decide.max(decide_us);
        let t = Instant::now();
        for _ in 0..n {
            black_box(permalink::decode(black_box(&permalink::encode(&s))).expect("round trip"));
        }
        let link_us = t.elapsed().as_secs_f64() * 1e6 / n as f64;
        println!("  {name:<28} evaluate {us:>8.1} µs   decide {decide_us:>6.1} µs   link encode+decode {link_us:>6.1} µs");
    }
    println!("worst evaluate: {worst:.1} µs per scenario (of which the decision: at most {worst_decide:.1} µs; the rest is the verdict in words)");
    let s = conditional();
    let v = evaluate(&s).expect("valid");
    let n = 50;
    let t = Instant::now();
    for _ in 0..n {
        black_box(evaluate(black_box(&s)).expect("valid"));
    }
    let us = t.elapsed().as_secs_f64() * 1e6 / n as f64;
    println!("conditional verdict, {} unknowns ({} deciding): {:.0} µs", s.unknown.len(), v.depends_on.len(), us);
}
