//! Every Chinese text in a list's rules file is the source's own words: each `text_zh`,
//! `detail_zh`, scenario and group name, note and exception source text is found in the source
//! document (white space and markup aside; a text the PDF split across table cells may match in
//! up to three consecutive pieces). Needs `../shared/sources/` beside the checkout.
use std::path::PathBuf;
use xborder_rules::model::{DocKind, File};

fn norm(s: &str) -> Vec<char> {
    let s = s.replace("<p>", "").replace("</p>", "");
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn find(hay: &[char], needle: &[char], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return Some(from);
    }
    (from..hay.len().saturating_sub(needle.len() - 1)).find(|&i| hay[i..i + needle.len()] == *needle)
}

/// Found whole, or in up to `pieces` consecutive pieces, each at least 6 characters, in order.
fn found(hay: &[char], t: &[char], from: usize, pieces: usize) -> bool {
    if find(hay, t, from).is_some() {
        return true;
    }
    if pieces <= 1 || t.len() < 12 {
        return false;
    }
    for k in (6..=t.len() - 6).rev() {
        if let Some(p) = find(hay, &t[..k], from) {
            if found(hay, &t[k..], p + k, pieces - 1) {
                return true;
            }
        }
    }
    false
}

#[test]
fn list_texts_are_the_sources_words() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let sources = root.join("../shared/sources");
    if !sources.exists() {
        println!("skipped: {} is not beside the checkout", sources.display());
        return;
    }
    let files = xborder_rules::read_dir(&root.join("rules")).unwrap();
    let parsed = xborder_rules::parse(&files).unwrap();
    let mut checked = 0;
    let mut bad = Vec::new();
    for p in &parsed {
        let f: &File = &p.file;
        if f.document.kind != DocKind::List {
            continue;
        }
        let src = norm(&std::fs::read_to_string(sources.join(&f.document.source)).unwrap());
        let mut check = |what: String, text: &str| {
            // "……" in our text marks words left out between quoted pieces.
            for piece in text.split("……").filter(|x| !x.trim().is_empty()) {
                checked += 1;
                if !found(&src, &norm(piece), 0, 3) {
                    bad.push(format!("{}: {what}: not in the source: {}", p.name, piece.chars().take(40).collect::<String>()));
                }
            }
        };
        for s in &f.sectors {
            for sc in &s.scenarios {
                check(format!("{} scenario {}", s.id, sc.id), &sc.name_zh);
            }
            for g in &s.groups {
                check(format!("{} group {}", s.id, g.id), &g.name_zh);
            }
            for n in &s.notes {
                check(format!("{} note {}", s.id, n.number), &n.text_zh);
            }
            for e in &s.exceptions {
                check(format!("{}:{}", s.id, e.key), &e.text_zh);
            }
            for it in &s.items {
                check(format!("{}.{} text_zh", s.id, it.number), &it.text_zh);
                for para in it.detail_zh.lines() {
                    check(format!("{}.{} detail_zh", s.id, it.number), para);
                }
                for e in &it.exceptions {
                    check(format!("{}.{}:{}", s.id, it.number, e.key), &e.text_zh);
                }
            }
        }
        for d in &f.definitions {
            for para in d.text_zh.lines() {
                check(d.id.clone(), para);
            }
        }
    }
    println!("{checked} Chinese texts checked against the sources");
    assert!(bad.is_empty(), "{} text(s) differ from the source:\n{}", bad.len(), bad.join("\n"));
}
