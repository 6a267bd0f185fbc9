//! Embeds the rules files so `xborder rules lint` can check what the binary was built from.
use std::path::PathBuf;

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../rules");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut names: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "toml")).collect())
        .unwrap_or_default();
    names.sort();
    let mut code = String::from("vec![\n");
    for p in names {
        let abs = p.canonicalize().unwrap_or(p.clone());
        println!("cargo:rerun-if-changed={}", abs.display());
        code.push_str(&format!(
            "xborder_rules::Source {{ name: {:?}.to_string(), text: include_str!({:?}).to_string() }},\n",
            format!("rules/{}", p.file_name().unwrap().to_string_lossy()),
            abs.display().to_string()
        ));
    }
    code.push(']');
    std::fs::write(PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("rules_sources.rs"), code).unwrap();
}
