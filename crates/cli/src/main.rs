//! `xborder`: the command line. It only asks the core; see `../shared/contract/README.md`.
use xborder::{ics, input, report};

use std::io::Read;
use std::process::ExitCode;
use xborder_core::{evaluate, listing, permalink};

const USAGE: &str = "\
xborder — what a cross-border data transfer from China needs (FTZ negative lists, 2024 Provisions)

Usage:
  xborder check FILE [--format text|json|ics|materials]
                                            verdict for a scenario (JSON; - for stdin);
                                            ics: its dated obligations as an iCalendar file;
                                            materials: the checklists of materials to prepare
                                            (Markdown with check boxes)
  xborder rules list [--format json|text]   the catalogue of lists, sectors and items
  xborder rules lint [--dir DIR]            check the rules data (default: the rules built in)
  xborder link FILE [--base URL]            the permalink of a scenario
  xborder link --decode LINK                the scenario a permalink holds (JSON)
  xborder --version

Exit status: 0 verdict or success, 2 invalid input (one line on stderr naming the field), 1 lint findings.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("xborder: {msg}");
            ExitCode::from(2)
        }
    }
}

fn flag<'a>(args: &'a [String], name: &str) -> Result<Option<&'a str>, String> {
    match args.iter().position(|a| a == name) {
        Some(i) => args.get(i + 1).map(|s| Some(s.as_str())).ok_or_else(|| format!("{name} needs a value")),
        None => Ok(None),
    }
}

fn positional(args: &[String]) -> Vec<&str> {
    let mut out = Vec::new();
    let mut skip = false;
    for a in args {
        if skip {
            skip = false;
            continue;
        }
        if matches!(a.as_str(), "--format" | "--base" | "--dir") {
            skip = true;
            continue;
        }
        if a.starts_with("--") && a != "-" {
            continue;
        }
        out.push(a.as_str());
    }
    out
}

fn read_input(path: &str) -> Result<String, String> {
    if path == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map_err(|e| format!("stdin: cannot read: {e}"))?;
        Ok(s)
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read: {e}"))
    }
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let pos = positional(args);
    if args.iter().any(|a| a == "--version" || a == "-V") {
        println!("xborder {} (rules {})", env!("CARGO_PKG_VERSION"), xborder_core::catalogue::RULES_VERSION);
        return Ok(ExitCode::SUCCESS);
    }
    if pos.is_empty() || args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return Ok(if pos.is_empty() && !args.iter().any(|a| a == "--help" || a == "-h") { ExitCode::from(2) } else { ExitCode::SUCCESS });
    }
    let format = flag(args, "--format")?;
    match pos.as_slice() {
        ["check", file] => {
            let scenario = input::parse(&read_input(file)?).map_err(|e| e.to_string())?;
            let verdict = evaluate(&scenario).map_err(|e| e.to_string())?;
            match format.unwrap_or("text") {
                "json" => println!("{}", json(&verdict)),
                "text" => print!("{}", report::render(&scenario, &verdict)),
                "ics" => {
                    print!("{}", ics::render(&scenario, &verdict));
                    for (id, why) in ics::undated(&verdict) {
                        eprintln!("xborder: note: {id} has no date in the calendar: {why}");
                    }
                }
                "materials" => print!("{}", xborder_core::materials::markdown(&verdict)),
                f => return Err(format!("--format: expected text, json, ics or materials, found \"{f}\"")),
            }
            Ok(ExitCode::SUCCESS)
        }
        ["rules", "list"] => {
            match format.unwrap_or("json") {
                "json" => println!("{}", json(&listing::catalogue())),
                "text" => print!("{}", report::catalogue_text()),
                f => return Err(format!("--format: expected json or text, found \"{f}\"")),
            }
            Ok(ExitCode::SUCCESS)
        }
        ["rules", "lint"] => {
            let sources = match flag(args, "--dir")? {
                Some(dir) => xborder_rules::read_dir(std::path::Path::new(dir)).map_err(|e| format!("--dir {dir}: cannot read: {e}"))?,
                None => built_in_rules(),
            };
            let problems = match xborder_rules::parse(&sources) {
                Ok(parsed) => xborder_rules::lint::lint(&parsed),
                Err(p) => p,
            };
            if problems.is_empty() {
                let n: usize = xborder_core::catalogue::lists().map(|l| l.sectors.iter().map(|s| s.items.len()).sum::<usize>()).sum();
                println!("rules lint: {} files, {} list items: no problems ({})", sources.len(), n, xborder_rules::rules_version(RULES_LABEL, &sources));
                Ok(ExitCode::SUCCESS)
            } else {
                for p in &problems {
                    println!("{p}");
                }
                eprintln!("rules lint: {} problem(s)", problems.len());
                Ok(ExitCode::from(1))
            }
        }
        ["link", target] => {
            if args.iter().any(|a| a == "--decode") {
                let frag = target.split_once('#').map(|(_, f)| f).unwrap_or(target);
                let d = permalink::decode(frag).map_err(|e| format!("link: {e}"))?;
                d.scenario.resolve().map_err(|e| format!("link: {e}"))?;
                if d.rules_changed {
                    eprintln!("xborder: note: the rules changed since this link was made; the scenario is read with today's rules");
                }
                println!("{}", json(&d.scenario));
                return Ok(ExitCode::SUCCESS);
            }
            let scenario = input::parse(&read_input(target)?).map_err(|e| e.to_string())?;
            scenario.resolve().map_err(|e| e.to_string())?;
            let base = flag(args, "--base")?.unwrap_or("http://127.0.0.1:8080/");
            println!("{}", permalink::link(base, &scenario));
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(format!("unknown command: {}\n{USAGE}", pos.join(" "))),
    }
}

/// The label in `rules/VERSION`, as built.
const RULES_LABEL: &str = include_str!("../../../rules/VERSION");

/// The rules files this binary was built from, for `rules lint` outside a checkout.
fn built_in_rules() -> Vec<xborder_rules::Source> {
    include!(concat!(env!("OUT_DIR"), "/rules_sources.rs"))
}
