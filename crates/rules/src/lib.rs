//! The rules compiler: reads `rules/*.toml`, checks them (`lint`) and writes them out as static
//! Rust data for `xborder-core` (`codegen`). It runs at build time and in `xborder rules lint`;
//! it is never part of the wasm build.
pub mod codegen;
pub mod lint;
pub mod model;

use std::fmt;

/// One rules file's name and text.
pub struct Source {
    pub name: String,
    pub text: String,
}

/// A problem found in the rules: which file, which item, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub item: String,
    pub problem: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.item.is_empty() {
            write!(f, "{}: {}", self.file, self.problem)
        } else {
            write!(f, "{}: {}: {}", self.file, self.item, self.problem)
        }
    }
}

/// A parsed rules file with the name it came from.
pub struct Parsed {
    pub name: String,
    pub file: model::File,
}

/// Parses every source; a file that is not valid TOML of the rules schema is one problem.
pub fn parse(sources: &[Source]) -> Result<Vec<Parsed>, Vec<Problem>> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for s in sources {
        match toml::from_str::<model::File>(&s.text) {
            Ok(file) => out.push(Parsed { name: s.name.clone(), file }),
            Err(e) => problems.push(Problem {
                file: s.name.clone(),
                item: String::new(),
                problem: e.to_string().replace('\n', " "),
            }),
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

/// Parses, lints and generates the Rust source of the static catalogue.
pub fn compile(label: &str, sources: &[Source]) -> Result<String, Vec<Problem>> {
    let parsed = parse(sources)?;
    let problems = lint::lint(&parsed);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(codegen::generate(&rules_version(label, sources), &parsed))
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
