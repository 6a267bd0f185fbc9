//! The rules compiler: reads `rules/*.toml`, checks them (`lint`) and writes them out as static
//! Rust data for `xborder-core` (`codegen`). It runs at build time and in `xborder rules lint`;
//! it is never part of the wasm build.
pub mod classification;
pub mod codegen;
pub mod keys;
pub mod lint;
pub mod mapping;
pub mod model;

use std::fmt;

/// One rules file's name and text.
pub struct Source {
    pub name: String,
    pub text: String,
}

/// A problem found in the rules: which file (and line, where [`locate`] finds it), which item,
/// what is wrong, and (where the check knows it) what the editor of the file should do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub item: String,
    /// What is wrong, without advice.
    pub problem: String,
    /// What to do about it, when the check can say.
    pub hint: Option<String>,
    pub line: Option<usize>,
}

impl Problem {
    pub fn new(file: impl Into<String>, item: impl Into<String>, problem: impl Into<String>) -> Problem {
        Problem { file: file.into(), item: item.into(), problem: problem.into(), hint: None, line: None }
    }

    /// The same problem with what to do about it.
    pub fn with_hint(self, hint: impl Into<String>) -> Problem {
        Problem { hint: Some(hint.into()), ..self }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if !self.item.is_empty() {
            write!(f, ": {}", self.item)?;
        }
        write!(f, ": {}", self.problem)?;
        match &self.hint {
            Some(h) => write!(f, "; hint: {h}"),
            None => Ok(()),
        }
    }
}

/// Gives each problem the line of its file where its item is written: the table whose `id` is
/// the item (or, for a list item `list.sector.N`, its sector's `number = N`), then the
/// exception's `key` after a `:`; a TOML error's own line. Problems it cannot place keep none.
pub fn locate(problems: &mut [Problem], sources: &[Source]) {
    for p in problems.iter_mut().filter(|p| p.line.is_none()) {
        let Some(s) = sources.iter().find(|s| s.name == p.file) else { continue };
        p.line = line_of(&s.text, &p.item).or_else(|| toml_line(&p.problem));
    }
}

fn toml_line(message: &str) -> Option<usize> {
    let rest = &message[message.find("at line ")? + "at line ".len()..];
    rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

fn line_of(text: &str, item: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let find = |from: usize, want: &str| (from..lines.len()).find(|&i| lines[i].trim_start().starts_with(want));
    let (base, key) = match item.split_once(':') {
        Some((b, k)) => (b, Some(k)),
        None => (item, None),
    };
    if base.is_empty() {
        return None;
    }
    let at = if base == "document" {
        find(0, "[document]")
    } else {
        find(0, &format!("id = \"{base}\"")).or_else(|| {
            // A list item: `list.sector.N` is the sector's table, then its `number = N`.
            let (sector, n) = base.rsplit_once('.')?;
            let n: u32 = n.parse().ok()?;
            let sector = sector.rsplit('.').next()?;
            let s = find(0, &format!("id = \"{sector}\""))?;
            (s..lines.len()).find(|&i| lines[i].trim() == format!("number = {n}"))
        })
    }?;
    Some(match key {
        Some(k) => find(at, &format!("key = \"{k}\"")).unwrap_or(at),
        None => at,
    } + 1)
}

/// A parsed rules file of a source document (`[document]`) with the name it came from.
pub struct Parsed {
    pub name: String,
    pub file: model::File,
}

/// A parsed working-day calendar (`[calendar]`) with the name it came from.
pub struct ParsedCalendar {
    pub name: String,
    pub file: model::CalendarFile,
}

/// Every rules file, by kind.
pub struct Rules {
    pub documents: Vec<Parsed>,
    pub calendars: Vec<ParsedCalendar>,
    /// `rules/facts.toml` and the lists' mapping tables (`mapping`, for compare).
    pub facts: Vec<mapping::ParsedFacts>,
    pub mappings: Vec<mapping::ParsedMapping>,
}

/// A file is the working-day calendar when its top-level table `[calendar]` says so; every
/// other file is a source document's rules (and needs `[document]`).
fn is_calendar(text: &str) -> bool {
    text.parse::<toml::Table>().is_ok_and(|t| t.contains_key("calendar"))
}

/// Parses every source; a file that is not valid TOML of the rules schema is one problem.
pub fn parse(sources: &[Source]) -> Result<Rules, Vec<Problem>> {
    let mut out = Rules { documents: Vec::new(), calendars: Vec::new(), facts: Vec::new(), mappings: Vec::new() };
    let mut problems = Vec::new();
    let problem = |s: &Source, e: toml::de::Error| Problem::new(s.name.clone(), String::new(), e.to_string().replace('\n', " "));
    for s in sources {
        match mapping::shape(&s.text) {
            mapping::Shape::Facts => {
                match toml::from_str::<mapping::FactsFile>(&s.text) {
                    Ok(file) => out.facts.push(mapping::ParsedFacts { name: s.name.clone(), file }),
                    Err(e) => problems.push(problem(s, e)),
                }
                continue;
            }
            mapping::Shape::Mapping => {
                match toml::from_str::<mapping::MappingFile>(&s.text) {
                    Ok(file) => out.mappings.push(mapping::ParsedMapping { name: s.name.clone(), file }),
                    Err(e) => problems.push(problem(s, e)),
                }
                continue;
            }
            mapping::Shape::Other => {}
        }
        if is_calendar(&s.text) {
            match toml::from_str::<model::CalendarFile>(&s.text) {
                Ok(file) => out.calendars.push(ParsedCalendar { name: s.name.clone(), file }),
                Err(e) => problems.push(problem(s, e)),
            }
        } else {
            match toml::from_str::<model::File>(&s.text) {
                Ok(file) => out.documents.push(Parsed { name: s.name.clone(), file }),
                Err(e) => problems.push(problem(s, e)),
            }
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Version of the rules data: the date written in `rules/VERSION` and a short hash of every
/// rules file, so a permalink can tell when the rules changed after it was made.
pub fn rules_version(label: &str, sources: &[Source]) -> String {
    // FNV-1a, 32 bits, over names and texts in order.
    let mut h: u32 = 0x811c_9dc5;
    for s in sources {
        for b in s.name.bytes().chain([0u8]).chain(s.text.bytes()).chain([0u8]) {
            h ^= b as u32;
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    format!("{}-{:08x}", label.trim(), h)
}

/// The generated Rust: the catalogue of documents, and the working-day calendar.
pub struct Compiled {
    pub catalogue: String,
    pub calendar: String,
    /// The facts and mapping tables (`xborder_core::mapping`).
    pub mappings: String,
}

/// Parses, lints and generates the Rust source of the static catalogue and calendar.
pub fn compile(label: &str, sources: &[Source]) -> Result<Compiled, Vec<Problem>> {
    let parsed = parse(sources).map_err(|mut p| {
        locate(&mut p, sources);
        p
    })?;
    let mut problems = lint::lint(&parsed);
    if !problems.is_empty() {
        locate(&mut problems, sources);
        return Err(problems);
    }
    Ok(Compiled { catalogue: codegen::generate(&rules_version(label, sources), &parsed.documents), calendar: codegen::calendar(&parsed.calendars), mappings: mapping::generate(&parsed.facts, &parsed.mappings) })
}

/// Reads `*.toml` in a folder, sorted by name (baseline first: its name sorts before the lists'
/// only by luck, so the engine never depends on file order).
pub fn read_dir(dir: &std::path::Path) -> std::io::Result<Vec<Source>> {
    let mut names: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|p| {
            Ok(Source {
                name: format!("rules/{}", p.file_name().unwrap_or_default().to_string_lossy()),
                text: std::fs::read_to_string(&p)?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lint problem names the line of its item's table (issue 10: "lint problems carry file
    /// and line"); a TOML error its own line.
    #[test]
    fn problems_are_placed_at_their_line() {
        let text = "[document]\nid = \"bj\"\n\n[[sectors]]\nid = \"auto\"\n\n  [[sectors.items]]\n  number = 1\n\n  [[sectors.items]]\n  number = 2\n    [[sectors.items.exceptions]]\n    key = \"done\"\n\n[[rules]]\nid = \"bj.rule\"\n";
        let sources = [Source { name: "rules/bj.toml".into(), text: text.into() }];
        let mut p = vec![
            Problem::new("rules/bj.toml", "bj.auto.2", "x"),
            Problem::new("rules/bj.toml", "bj.auto.2:done", "x"),
            Problem::new("rules/bj.toml", "bj.rule", "x"),
            Problem::new("rules/bj.toml", "document", "x"),
            Problem::new("rules/bj.toml", "", "TOML parse error at line 7, column 3 | …"),
            Problem::new("rules/bj.toml", "nowhere", "x"),
        ];
        locate(&mut p, &sources);
        assert_eq!(p.iter().map(|p| p.line).collect::<Vec<_>>(), [Some(11), Some(13), Some(16), Some(1), Some(7), None]);
        assert_eq!(p[0].to_string(), "rules/bj.toml:11: bj.auto.2: x");
        assert_eq!(p[5].to_string(), "rules/bj.toml: nowhere: x");
    }

    /// Issue 10: a problem says what is wrong and, apart, what to do; one line, the hint after
    /// `; hint: `.
    #[test]
    fn a_hint_follows_its_problem_on_the_same_line() {
        let text = "[document]\nid = \"bj\"\n";
        let sources = [Source { name: "rules/bj.toml".into(), text: text.into() }];
        let mut p = vec![
            Problem::new("rules/bj.toml", "document", "`in_force` is required").with_hint("give the first day this edition is in force, a TOML date such as 2024-03-22"),
            Problem::new("rules/", "", "expected exactly one document of kind \"baseline\", found 0").with_hint("add the national baseline's rules file"),
            Problem::new("rules/bj.toml", "document", "`source` is missing or empty"),
        ];
        locate(&mut p, &sources);
        assert_eq!(p[0].problem, "`in_force` is required");
        assert_eq!(p[0].hint.as_deref(), Some("give the first day this edition is in force, a TOML date such as 2024-03-22"));
        assert_eq!(p[0].to_string(), "rules/bj.toml:1: document: `in_force` is required; hint: give the first day this edition is in force, a TOML date such as 2024-03-22");
        assert_eq!(p[1].to_string(), "rules/: expected exactly one document of kind \"baseline\", found 0; hint: add the national baseline's rules file");
        // No hint: the line ends with the problem, as before.
        assert_eq!((p[2].hint.as_deref(), p[2].to_string()), (None, "rules/bj.toml:1: document: `source` is missing or empty".to_string()));
    }
}
