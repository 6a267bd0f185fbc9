//! The web crate's modules form layers, with no cycle (issue 10): the entry points (`main`,
//! `embed`) mount the app; the app composes the views; the views use the form's state, the
//! host boundary (`host`), and leaf modules (`words`, `widgets`, `json_text`, …), none of which
//! uses a view. A test, so a new `crate::…` path that closes a cycle fails `cargo test`.
#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    /// Each module (a file of `src/`, or a folder with its `mod.rs`) and the modules its code
    /// names as `crate::<module>` (comments left out).
    fn graph() -> BTreeMap<String, BTreeSet<String>> {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut texts: BTreeMap<String, String> = BTreeMap::new();
        for e in std::fs::read_dir(&src).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_stem().unwrap().to_string_lossy().to_string();
            let text = if p.is_dir() {
                std::fs::read_dir(&p).unwrap().map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap()).collect::<Vec<_>>().join("\n")
            } else if p.extension().is_some_and(|x| x == "rs") {
                std::fs::read_to_string(&p).unwrap()
            } else {
                continue;
            };
            texts.insert(name, text);
        }
        let names: BTreeSet<String> = texts.keys().cloned().collect();
        texts
            .iter()
            .map(|(m, text)| {
                let code: String = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
                let uses = code
                    .split("crate::")
                    .skip(1)
                    .map(|rest| rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect::<String>())
                    .filter(|u| u != m && names.contains(u))
                    .collect();
                (m.clone(), uses)
            })
            .collect()
    }

    #[test]
    fn no_module_cycle() {
        let g = graph();
        assert!(g.len() > 20 && g["app"].contains("verdict"), "the module graph was not read: {g:?}");
        // Depth-first: a module met again while it is still on the path closes a cycle.
        fn visit<'a>(m: &'a str, g: &'a BTreeMap<String, BTreeSet<String>>, path: &mut Vec<&'a str>, done: &mut BTreeSet<&'a str>) {
            if let Some(at) = path.iter().position(|x| *x == m) {
                panic!("module cycle: {} -> {m}", path[at..].join(" -> "));
            }
            if !done.insert(m) {
                return;
            }
            path.push(m);
            for u in &g[m] {
                visit(u, g, path, done);
            }
            path.pop();
        }
        let mut done = BTreeSet::new();
        for m in g.keys() {
            visit(m, &g, &mut Vec::new(), &mut done);
        }
    }
}
