//! `xborder`: the command line. It only asks the core; see `../shared/contract/README.md`.
use xborder::{ics, input, register, report, today::today};

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;
use xborder_core::{evaluate_on, listing, permalink};

/// xborder — what a cross-border data transfer from China needs (FTZ negative lists, 2024 Provisions)
#[derive(Parser)]
#[command(name = "xborder", version = version(), arg_required_else_help = true, disable_help_subcommand = true)]
#[command(after_help = "Exit status: 0 verdict or success, 2 invalid input (one line on stderr naming the field) or usage error, 1 lint findings.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The verdict for a scenario
    Check {
        /// The scenario (JSON); - for stdin
        file: PathBuf,
        /// What to print
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// The same transfer under every regime the handler may use (contract: "Compare")
    Compare {
        /// The scenario (JSON); - for stdin
        file: PathBuf,
        /// What to print
        #[arg(long, value_enum, default_value_t = CompareFormat::Text)]
        format: CompareFormat,
    },
    /// The rules data: the catalogue, and its checks
    #[command(arg_required_else_help = true)]
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// The permalink of a scenario, or (with --decode) the scenario a permalink holds (JSON)
    Link {
        /// The scenario (JSON; - for stdin), or with --decode the link
        #[arg(value_name = "FILE|LINK")]
        target: PathBuf,
        /// Where the web app is served
        #[arg(long, value_name = "URL", default_value = "http://127.0.0.1:8080/", conflicts_with = "decode")]
        base: String,
        /// Read the scenario out of a permalink (or its fragment) instead
        #[arg(long)]
        decode: bool,
    },
    /// The year-to-date position of an inventory of flows (CSV), each person counted once
    Register {
        /// The register (UTF-8 CSV with a header row)
        file: PathBuf,
        /// The calendar year counted (default: the year of --as-of, else of today)
        #[arg(long, value_name = "YYYY")]
        year: Option<i32>,
        /// The day of the position: rows after it are left out (default: the whole year)
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// What to print
        #[arg(long, value_enum, default_value_t = RegisterFormat::Text)]
        format: RegisterFormat,
        /// Is the handler registered or operating in the list's zone? (default: an open question)
        #[arg(long, value_enum, value_name = "yes|no")]
        in_zone: Option<YesNo>,
        /// Is the handler a critical information infrastructure operator? (default: an open question)
        #[arg(long, value_enum, value_name = "yes|no")]
        ciio: Option<YesNo>,
        /// The handler's zone, where it differs from the list's (a scenario's `zone`)
        #[arg(long, value_name = "ZONE")]
        zone: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum RegisterFormat {
    /// The readable bilingual report
    Text,
    /// The position as JSON (contract: "Register")
    Json,
    /// The flows in date order as CSV, each with the year's outcome once counted and its
    /// crossing; user text neutralised against spreadsheet formulas
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum YesNo {
    Yes,
    No,
}

#[derive(Subcommand)]
enum RulesCommand {
    /// The catalogue of lists, sectors and items
    List {
        /// What to print
        #[arg(long, value_enum, default_value_t = ListFormat::Json)]
        format: ListFormat,
    },
    /// Check the rules data (default: the rules built in)
    Lint {
        /// A folder of rules files (a copy being edited)
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    /// The readable bilingual report
    Text,
    /// The verdict as JSON
    Json,
    /// The verdict's dated obligations as an iCalendar file
    Ics,
    /// The checklists of materials to prepare (Markdown with check boxes)
    Materials,
}

#[derive(Clone, Copy, ValueEnum)]
enum CompareFormat {
    /// The comparison as JSON (contract: "Compare")
    Json,
    /// A readable summary, one regime after another
    Text,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    /// The whole catalogue as JSON
    Json,
    /// A readable summary
    Text,
}

/// What `--version` prints after the name: `<version> (rules <RULES_VERSION>)`.
fn version() -> &'static str {
    static V: OnceLock<String> = OnceLock::new();
    V.get_or_init(|| format!("{} (rules {})", env!("CARGO_PKG_VERSION"), xborder_core::catalogue::RULES_VERSION))
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version: on stdout, exit 0.
        Err(e) if !e.use_stderr() => e.exit(),
        // A usage error: on stderr, exit 2.
        Err(e) => {
            drain_stdin();
            match bad_value(&e) {
                Some(msg) => {
                    eprintln!("xborder: {msg}");
                    return ExitCode::from(2);
                }
                None => e.exit(),
            }
        }
    };
    match run(cli.command) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("xborder: {msg}");
            ExitCode::from(2)
        }
    }
}

/// On a usage error with `-` (stdin) among the arguments, reads the piped input to its end
/// before exiting, as the input was read before the options were checked until clap: what
/// writes into the pipe (`cat s.json | xborder check - --format xml`) never meets a closed
/// end. A terminal is not waited on.
fn drain_stdin() {
    use std::io::IsTerminal;
    let stdin = std::io::stdin();
    if std::env::args_os().skip(1).any(|a| a == "-") && !stdin.is_terminal() {
        let _ = std::io::copy(&mut stdin.lock(), &mut std::io::sink());
    }
}

/// A bad or missing option value, in the one line the CLI has always printed for it:
/// `--format: expected text, json, ics or materials, found "x"`, `--dir needs a value`.
fn bad_value(e: &clap::Error) -> Option<String> {
    if e.kind() != ErrorKind::InvalidValue {
        return None;
    }
    let (Some(ContextValue::String(arg)), Some(ContextValue::String(found))) = (e.get(ContextKind::InvalidArg), e.get(ContextKind::InvalidValue)) else { return None };
    let flag = arg.split(' ').next().filter(|f| f.starts_with("--"))?;
    if found.is_empty() {
        return Some(format!("{flag} needs a value"));
    }
    let Some(ContextValue::Strings(valid)) = e.get(ContextKind::ValidValue) else { return None };
    let (last, rest) = valid.split_last()?;
    let expected = if rest.is_empty() { last.clone() } else { format!("{} or {last}", rest.join(", ")) };
    Some(format!("{flag}: expected {expected}, found \"{found}\""))
}

/// Writes to stdout. Output into a closed pipe (`xborder … | head`) ends the program quietly;
/// any other failure to write is one line on stderr and exit 1.
fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("xborder: cannot write the output: {e}");
            std::process::exit(1);
        }
        std::process::exit(0);
    }
}

/// [`out`] with a line break after the text.
fn outln(text: &str) {
    out(&format!("{text}\n"));
}

fn read_input(path: &Path) -> Result<String, String> {
    if path == Path::new("-") {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map_err(|e| format!("stdin: cannot read: {e}"))?;
        Ok(s)
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))
    }
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

fn run(command: Command) -> Result<ExitCode, String> {
    match command {
        Command::Check { file, format } => {
            let scenario = input::parse(&read_input(&file)?).map_err(|e| e.to_string())?;
            let verdict = evaluate_on(&scenario, today()?).map_err(|e| e.to_string())?;
            match format {
                CheckFormat::Json => outln(&json(&verdict)),
                CheckFormat::Text => out(&report::render(&scenario, &verdict)),
                CheckFormat::Ics => {
                    out(&ics::render(&scenario, &verdict));
                    for (id, why) in ics::undated(&verdict) {
                        eprintln!("xborder: note: {id} has no date in the calendar: {why}");
                    }
                }
                CheckFormat::Materials => out(&xborder_core::materials::markdown(&verdict)),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Compare { file, format } => {
            let scenario = input::parse(&read_input(&file)?).map_err(|e| e.to_string())?;
            let comparison = xborder_core::compare_on(&scenario, today()?).map_err(|e| e.to_string())?;
            match format {
                CompareFormat::Json => outln(&json(&comparison)),
                CompareFormat::Text => out(&report::compare_text(&comparison)),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { command: RulesCommand::List { format } } => {
            match format {
                ListFormat::Json => outln(&json(&listing::catalogue())),
                ListFormat::Text => out(&report::catalogue_text()),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { command: RulesCommand::Lint { dir } } => lint(dir.as_deref()),
        Command::Link { target, decode: true, .. } => {
            let target = target.to_string_lossy();
            let frag = target.split_once('#').map(|(_, f)| f).unwrap_or(&target);
            let d = permalink::decode(frag).map_err(|e| format!("link: {e}"))?;
            d.scenario.resolve_on(today()?).map_err(|e| format!("link: {e}"))?;
            if d.rules_changed {
                eprintln!("xborder: note: the rules changed since this link was made; the scenario is read with today's rules");
            }
            outln(&json(&d.scenario));
            Ok(ExitCode::SUCCESS)
        }
        Command::Register { file, year, as_of, format, in_zone, ciio, zone } => {
            let as_of = match as_of {
                None => None,
                Some(t) => Some(xborder_core::calendar::Date::parse(&t).map_err(|_| format!("--as-of: expected a day YYYY-MM-DD, found \"{t}\""))?),
            };
            let year = match (year, as_of) {
                (Some(y), _) if !(1..=9999).contains(&y) => return Err(format!("--year: expected a year 1 to 9999, found {y}")),
                (Some(y), Some(d)) if d.year() != y => return Err(format!("--as-of: expected a day of --year {y}, found {d}")),
                (Some(y), _) => y,
                (None, Some(d)) => d.year(),
                (None, None) => today()?.year(),
            };
            let yes = |v: Option<YesNo>| v.map(|v| matches!(v, YesNo::Yes));
            let opts = register::Options {
                period: xborder_core::register::Period { year, until: as_of },
                handler: xborder_core::register::HandlerFacts { in_zone: yes(in_zone), ciio: yes(ciio), zone },
                today: today()?,
            };
            let (position, rows) = register::run(&file, &opts)?;
            match format {
                RegisterFormat::Json => outln(&json(&position)),
                RegisterFormat::Text => out(&register::render(&position, &rows)),
                RegisterFormat::Csv => {
                    let flows: Vec<_> = rows.iter().map(|r| r.flow.clone()).collect();
                    let ids = |i: usize| (rows[i].person_ids.clone().unwrap_or_default(), rows[i].sensitive_ids.clone().unwrap_or_default());
                    out(&xborder_core::inventory::export_csv(&position, &flows, ids))
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Link { target, base, decode: false } => {
            let scenario = input::parse(&read_input(&target)?).map_err(|e| e.to_string())?;
            scenario.resolve_on(today()?).map_err(|e| e.to_string())?;
            outln(&permalink::link(&base, &scenario));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `rules lint [--dir DIR]`: the checks on the rules built in, or on the files in DIR; the
/// counts are of what was read and parsed.
fn lint(dir: Option<&Path>) -> Result<ExitCode, String> {
    let sources = match dir {
        // Problems name the files of the folder read (`DIR/NAME.toml:LINE`).
        Some(dir) => xborder_rules::read_dir(dir)
            .map_err(|e| format!("--dir {}: cannot read: {e}", dir.display()))?
            .into_iter()
            .map(|s| xborder_rules::Source { name: dir.join(s.name.trim_start_matches("rules/")).display().to_string(), ..s })
            .collect(),
        None => built_in_rules(),
    };
    let (mut problems, items) = match xborder_rules::parse(&sources) {
        Ok(parsed) => (xborder_rules::lint::lint(&parsed), list_items(&parsed)),
        Err(p) => (p, 0),
    };
    xborder_rules::locate(&mut problems, &sources);
    if problems.is_empty() {
        let version = xborder_rules::rules_version(RULES_LABEL, &sources);
        let place = dir.map(|d| format!("{}: ", d.display())).unwrap_or_default();
        outln(&format!("rules lint: {place}{} files, {items} list items: no problems ({version})", sources.len()));
        Ok(ExitCode::SUCCESS)
    } else {
        for p in &problems {
            outln(&p.to_string());
        }
        eprintln!("rules lint: {} problem(s)", problems.len());
        Ok(ExitCode::from(1))
    }
}

/// The items of every negative list's sectors in parsed rules files.
fn list_items(rules: &xborder_rules::Rules) -> usize {
    rules.documents.iter().filter(|d| d.file.document.kind == xborder_rules::model::DocKind::List).flat_map(|d| &d.file.sectors).map(|s| s.items.len()).sum()
}

/// The label in `rules/VERSION`, as built.
const RULES_LABEL: &str = include_str!("../../../rules/VERSION");

/// The rules files this binary was built from, for `rules lint` outside a checkout.
fn built_in_rules() -> Vec<xborder_rules::Source> {
    include!(concat!(env!("OUT_DIR"), "/rules_sources.rs"))
}

/// The allocator: the system's, asking Linux to back large blocks (the register's table of
/// identifier hashes, hundreds of MB) with huge pages, which spares most TLB misses of its
/// random lookups. Everything else is as allocated by the system.
#[cfg(target_os = "linux")]
mod huge_pages {
    use std::alloc::{GlobalAlloc, Layout, System};

    pub struct Allocator;

    /// Blocks from this size up are advised.
    const LARGE: usize = 16 << 20;
    const HUGE_PAGE: usize = 2 << 20;

    fn advise(p: *mut u8, size: usize) {
        if p.is_null() || size < LARGE {
            return;
        }
        let start = (p as usize).next_multiple_of(HUGE_PAGE);
        let end = (p as usize + size) / HUGE_PAGE * HUGE_PAGE;
        if start < end {
            // SAFETY: the range lies inside the block just allocated; advice changes no data.
            unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE) };
        }
    }

    // SAFETY: every call is passed to `System` unchanged; `advise` only adds a hint.
    unsafe impl GlobalAlloc for Allocator {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let p = unsafe { System.alloc(layout) };
            advise(p, layout.size());
            p
        }
        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            let p = unsafe { System.alloc_zeroed(layout) };
            advise(p, layout.size());
            p
        }
        unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
            unsafe { System.dealloc(p, layout) }
        }
        unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            let q = unsafe { System.realloc(p, layout, new_size) };
            advise(q, new_size);
            q
        }
    }
}

#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: huge_pages::Allocator = huge_pages::Allocator;
