//! Compiles `rules/*.toml` into static Rust (see `xborder-rules`). A malformed rules file fails
//! the build here, with one line per problem naming the file, the item and what is wrong.
use std::path::PathBuf;

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../rules");
    println!("cargo:rerun-if-changed={}", root.display());
    let sources = match xborder_rules::read_dir(&root) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", root.display());
            std::process::exit(1);
        }
    };
    for s in &sources {
        println!("cargo:rerun-if-changed={}/{}", root.display(), s.name.trim_start_matches("rules/"));
    }
    let label = std::fs::read_to_string(root.join("VERSION")).unwrap_or_else(|_| "unversioned".into());
    println!("cargo:rerun-if-changed={}/VERSION", root.display());
    match xborder_rules::compile(&label, &sources) {
        Ok(code) => {
            let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
            std::fs::write(out.join("catalogue.rs"), code.catalogue).expect("write catalogue.rs");
            std::fs::write(out.join("working_days.rs"), code.calendar).expect("write working_days.rs");
            std::fs::write(out.join("mappings.rs"), code.mappings).expect("write mappings.rs");
        }
        Err(problems) => {
            eprintln!("error: the rules data is not valid ({} problem(s)):", problems.len());
            for p in &problems {
                eprintln!("  {p}");
            }
            std::process::exit(1);
        }
    }
}
