//! Every Chinese text in a list's rules file is the source's own words: each `text_zh`,
//! `detail_zh`, scenario and group name, note and exception source text is found in the source
//! document (white space and markup aside; a text the PDF split across table cells may match in
//! up to three consecutive pieces). In a measures file, every obligation and warning shown as
//! the source's words (not `summary`, `confirmed`) and every definition is found whole, in one
//! piece; a summary's quotations (“…”) are found too. Needs `../shared/sources/` beside the
//! checkout.
//!
//! Punctuation width is folded (`,` = `，`, `;` = `；`, `:` = `：`, `(` = `（`, `)` = `）`): the
//! Guangdong copy prints half-width commas, semicolons and brackets in some paragraphs and
//! full-width ones in others, so the width is an artefact of the copy, not a word.
use std::path::{Path, PathBuf};
use xborder_rules::model::{DocKind, File, Note};
use xborder_rules::Parsed;

fn fold(c: char) -> char {
    match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '(' => '（',
        ')' => '）',
        c => c,
    }
}

fn norm(s: &str) -> Vec<char> {
    let s = s.replace("<p>", "").replace("</p>", "");
    s.chars().filter(|c| !c.is_whitespace()).map(fold).collect()
}

/// The rules files and the sources folder, or `None` when the sources are not beside the checkout.
fn load() -> Option<(Vec<Parsed>, PathBuf)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let sources = root.join("../shared/sources");
    if !sources.exists() {
        println!("skipped: {} is not beside the checkout", sources.display());
        return None;
    }
    let files = xborder_rules::read_dir(&root.join("rules")).unwrap();
    Some((xborder_rules::parse(&files).unwrap().documents, sources))
}

fn source_text(sources: &Path, f: &File) -> Vec<char> {
    norm(&std::fs::read_to_string(sources.join(&f.document.source)).unwrap())
}

/// The spans a summary quotes between “ and ”.
fn quotations(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(a) = rest.find('“') {
        let after = &rest[a + '“'.len_utf8()..];
        let Some(b) = after.find('”') else { break };
        out.push(&after[..b]);
        rest = &after[b + '”'.len_utf8()..];
    }
    out
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
    let Some((parsed, sources)) = load() else { return };
    let mut checked = 0;
    let mut bad = Vec::new();
    for p in &parsed {
        let f: &File = &p.file;
        if f.document.kind != DocKind::List {
            continue;
        }
        let src = source_text(&sources, f);
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

fn found_in_order(src: &[char], pieces: &[&str]) -> bool {
    let mut from = 0;
    for piece in pieces {
        let t = norm(piece);
        match find(src, &t, from) {
            Some(p) => from = p + t.len(),
            None => return false,
        }
    }
    true
}

/// Measures: obligations, warnings and definitions shown as the source's words are its words,
/// each found whole; a summary's quotations are found too.
#[test]
fn measures_texts_are_the_sources_words() {
    let Some((parsed, sources)) = load() else { return };
    let mut checked = 0;
    let mut bad = Vec::new();
    for p in &parsed {
        let f: &File = &p.file;
        if f.document.kind != DocKind::Measures {
            continue;
        }
        let src = source_text(&sources, f);
        let notes: Vec<&Note> = f.obligations.iter().chain(&f.warnings).collect();
        for n in notes {
            let elsewhere = n.citation.document_zh.as_deref().is_some_and(|d| d != f.document.title_zh);
            if elsewhere {
                // Another instrument's words: not in this source, so never shown as checked words.
                if n.confirmed && !n.summary {
                    bad.push(format!("{}: {}: cites {} but is shown as checked source words: mark it `summary` or `confirmed = false`", p.name, n.id, n.citation.document_zh.as_deref().unwrap_or("")));
                }
                continue;
            }
            if !n.confirmed {
                continue;
            }
            if n.summary {
                for q in quotations(&n.text_zh) {
                    checked += 1;
                    if !found_in_order(&src, &[q]) {
                        bad.push(format!("{}: {}: a summary quotes words not in the source: “{}”", p.name, n.id, q.chars().take(40).collect::<String>()));
                    }
                }
                continue;
            }
            checked += 1;
            if n.text_zh.contains("……") || !found_in_order(&src, &[n.text_zh.as_str()]) {
                bad.push(format!("{}: {}: not the source's words, whole (quote it verbatim or mark it `summary = true`): {}", p.name, n.id, n.text_zh.chars().take(40).collect::<String>()));
            }
        }
        for d in &f.definitions {
            for para in d.text_zh.lines().filter(|l| !l.trim().is_empty()) {
                checked += 1;
                if para.contains("……") || !found_in_order(&src, &[para]) {
                    bad.push(format!("{}: {}: definition not the source's words, whole: {}", p.name, d.id, para.chars().take(40).collect::<String>()));
                }
            }
        }
    }
    println!("{checked} measures texts checked against the sources");
    assert!(bad.is_empty(), "{} text(s) differ from the source:\n{}", bad.len(), bad.join("\n"));
    assert!(checked >= 20, "too few measures texts checked ({checked})");
}

/// A document known only from a third party's translation (the Chongqing Implementation Guide)
/// shows nothing as its words: every entry is a summary with unchecked wording; and every
/// `cq-guide.*` entry is in the Guide's own document.
#[test]
fn translated_documents_are_summaries_and_the_guide_is_its_own_document() {
    let Some((parsed, _)) = load() else { return };
    let mut bad = Vec::new();
    let mut guide_entries = 0;
    for p in &parsed {
        let f: &File = &p.file;
        let d = &f.document;
        let translated = d.source.contains("translation");
        if translated && (!f.definitions.is_empty() || !f.sectors.is_empty() || !f.rules.is_empty()) {
            bad.push(format!("{}: a translated source carries only summarised obligations and warnings", p.name));
        }
        for n in f.obligations.iter().chain(&f.warnings) {
            if translated && (n.confirmed || !n.summary) {
                bad.push(format!("{}: {}: from a third-party translation: needs `summary = true` and `confirmed = false`", p.name, n.id));
            }
            if n.id.starts_with("cq-guide.") {
                guide_entries += 1;
                let title = n.citation.document_zh.as_deref().unwrap_or(&d.title_zh);
                if !title.contains("实施指南") || d.zone != "chongqing" {
                    bad.push(format!("{}: {}: a Guide entry cites {title}, not the Implementation Guide", p.name, n.id));
                }
                if n.confirmed || !n.summary {
                    bad.push(format!("{}: {}: we have only a third-party summary of the Guide", p.name, n.id));
                }
            }
        }
    }
    assert!(guide_entries >= 5, "the Guide's report deadline, late reporting, materials, termination ({guide_entries})");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// A carve-out read from an item's "例如…" example is a reading, not the item's words: it is a
/// qualifier and says so.
#[test]
fn example_readings_are_qualifiers_that_say_so() {
    let Some((parsed, _)) = load() else { return };
    let mut bad = Vec::new();
    let mut n = 0;
    for p in parsed.iter().filter(|p| p.file.document.kind == DocKind::List) {
        for s in &p.file.sectors {
            for it in &s.items {
                for e in it.exceptions.iter().filter(|e| e.text_zh.trim_start().starts_with("例如")) {
                    n += 1;
                    let id = format!("{}.{}.{}:{}", p.file.document.id, s.id, it.number, e.key);
                    if e.kind != xborder_rules::model::ExceptionKind::Qualifier {
                        bad.push(format!("{id}: built from an example: kind = \"qualifier\""));
                    }
                    if !e.question_zh.starts_with("按清单所举例子理解") || !e.text_en.to_lowercase().contains("example") {
                        bad.push(format!("{id}: question_zh must start 按清单所举例子理解 and text_en say it reads the example"));
                    }
                }
            }
        }
    }
    println!("{n} example readings checked");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// "特定行业达到一定规模的…数据" (Chongqing auto items 16, 17): the scale can be read of the
/// industry or of the data, so the qualifier asks for both (README "Readings we chose").
#[test]
fn an_undefined_scale_of_industry_or_data_is_asked_of_both() {
    let Some((parsed, _)) = load() else { return };
    let mut n = 0;
    for p in parsed.iter().filter(|p| p.file.document.kind == DocKind::List) {
        for s in &p.file.sectors {
            for it in s.items.iter().filter(|it| it.text_zh.contains("特定行业达到一定规模")) {
                for e in it.exceptions.iter().filter(|e| e.text_zh.contains("一定规模")) {
                    n += 1;
                    let id = format!("{}.{}.{}:{}", p.file.document.id, s.id, it.number, e.key);
                    assert!(e.question_zh.contains("特定行业") && e.question_zh.contains("两者均未达到"), "{id}: {}", e.question_zh);
                    assert!(e.text_en.contains("Neither") && e.text_en.contains("industry"), "{id}: {}", e.text_en);
                }
            }
        }
    }
    assert_eq!(n, 2, "Chongqing auto items 16 and 17");
}

/// Wording slips: a Chinese phrase printed twice in a row ("规定情形规定情形"), "1 persons".
#[test]
fn no_doubled_phrases_or_singular_counts() {
    let Some((parsed, _)) = load() else { return };
    let mut bad = Vec::new();
    let doubled = |s: &str| -> Option<String> {
        let c: Vec<char> = s.chars().collect();
        for len in 4..=c.len() / 2 {
            for i in 0..=c.len() - 2 * len {
                let a = &c[i..i + len];
                if a.iter().all(|x| ('\u{4e00}'..='\u{9fff}').contains(x)) && a == &c[i + len..i + 2 * len] {
                    return Some(a.iter().collect());
                }
            }
        }
        None
    };
    // "1 persons" standing alone (not the end of "10,000 persons" or "2.1 persons").
    let singular = |s: &str| {
        let b = s.as_bytes();
        s.match_indices("1 persons").any(|(i, _)| i == 0 || !(b[i - 1].is_ascii_digit() || b[i - 1] == b',' || b[i - 1] == b'.'))
    };
    for p in &parsed {
        let f = &p.file;
        let mut texts: Vec<(String, &str, &str)> = Vec::new();
        for n in f.obligations.iter().chain(&f.warnings) {
            texts.push((n.id.clone(), &n.text_zh, &n.text_en));
        }
        for d in &f.definitions {
            texts.push((d.id.clone(), &d.text_zh, &d.text_en));
        }
        for s in &f.sectors {
            for it in &s.items {
                let id = format!("{}.{}.{}", f.document.id, s.id, it.number);
                texts.push((id.clone(), &it.text_zh, &it.title_en));
                texts.push((id.clone(), &it.detail_zh, &it.detail_en));
                for e in &it.exceptions {
                    texts.push((format!("{id}:{}", e.key), &e.question_zh, &e.text_en));
                }
            }
        }
        for (id, zh, en) in texts {
            if let Some(d) = doubled(zh) {
                bad.push(format!("{}: {id}: “{d}” printed twice in a row", p.name));
            }
            if singular(en) {
                bad.push(format!("{}: {id}: \"1 persons\": {en}", p.name));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// （一）…（十三）, as the annexes number their level-1 categories.
fn cjk(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n as usize].to_string(),
        10 => "十".into(),
        _ => format!("十{}", D[(n - 10) as usize]),
    }
}

/// Where `t` sits in `hay` from `from` on: whole, or in up to three pieces in order (a table
/// cell the PDF's layout interleaves with its neighbours' lines), the gaps at most `GAP`
/// characters; never on characters already `claimed`. The earliest start wins, the longest
/// first piece first. Returns the spans.
fn place(hay: &[char], claimed: &[bool], t: &[char], from: usize, pieces: usize) -> Option<Vec<(usize, usize)>> {
    const GAP: usize = 400;
    fn at(hay: &[char], claimed: &[bool], t: &[char], i: usize, pieces: usize, gap_end: usize) -> Option<Vec<(usize, usize)>> {
        // The longest prefix of t found at i, unclaimed.
        let mut k = 0;
        while k < t.len() && i + k < hay.len() && hay[i + k] == t[k] && !claimed[i + k] {
            k += 1;
        }
        if k == t.len() {
            return Some(vec![(i, i + k)]);
        }
        if pieces <= 1 {
            return None;
        }
        for len in (1..=k).rev() {
            let rest = &t[len..];
            let end = i + len;
            for j in end + 1..(end + gap_end + 1).min(hay.len()) {
                if hay[j] == rest[0] && !claimed[j] {
                    if let Some(mut more) = at(hay, claimed, rest, j, pieces - 1, gap_end) {
                        more.insert(0, (i, end));
                        return Some(more);
                    }
                }
            }
        }
        None
    }
    (from..hay.len()).find_map(|i| if hay[i] == t[0] && !claimed[i] { at(hay, claimed, t, i, pieces, GAP) } else { None })
}

/// The annex of each measures file tiles its source's annex: every rule, category name,
/// description and example cell is the source's words (in up to three pieces where the PDF's
/// table interleaves cells), each where the annex prints it, and every character of the
/// source's annex belongs to exactly one entry (the annex's headings and the table header
/// aside). Words left out, added or changed fail.
#[test]
fn classification_annexes_tile_the_sources_annex() {
    let Some((parsed, sources)) = load() else { return };
    let mut checked = 0;
    let mut bad = Vec::new();
    for p in &parsed {
        let Some(a) = &p.file.classification else { continue };
        let src = source_text(&sources, &p.file);
        let head = norm("重要数据统一识别参考规则：");
        let Some(start) = find(&src, &head, 0) else {
            bad.push(format!("{}: no 重要数据统一识别参考规则 in the source", p.name));
            continue;
        };
        let hay = &src[start..];
        let mut claimed = vec![false; hay.len()];
        let claim = |claimed: &mut Vec<bool>, spans: &[(usize, usize)]| {
            for &(x, y) in spans {
                for c in &mut claimed[x..y] {
                    *c = true;
                }
            }
        };
        // The headings: claimed first, once each.
        for h in ["重要数据统一识别参考规则：", "一级类别二级类别数据基本信息描述重要数据识别参考规则（示例）"] {
            match place(hay, &claimed, &norm(h), 0, 1) {
                Some(s) => claim(&mut claimed, &s),
                None => bad.push(format!("{}: heading not in the source: {h}", p.name)),
            }
        }
        // Each kind of text in its own chain, in the annex's order.
        let mut chains: Vec<(String, String, usize)> = Vec::new(); // (id, text, chain)
        for r in &a.rules {
            chains.push((format!("{}:r{}", a.id, r.number), format!("{}.{}", r.number, r.text_zh), 0));
        }
        for c in &a.categories {
            chains.push((format!("{}:c{}", a.id, c.number), format!("（{}）{}", cjk(c.number), c.name_zh), 1));
            for s in &c.subcategories {
                // The row's number and name, then its description (the PDF may break it by an
                // example cell's lines).
                chains.push((format!("{}:s{}", a.id, s.number), format!("{}.{}{}", s.number, s.name_zh, s.description_zh), 2));
            }
            for (k, e) in c.examples.iter().enumerate() {
                chains.push((format!("{}:c{}-x{}", a.id, c.number, k + 1), e.text_zh.clone(), 4));
            }
        }
        let mut pos = [0usize; 5]; // rules, level-1, level-2 rows, (unused), examples
        for (id, text, chain) in &chains {
            checked += 1;
            let t = norm(text);
            match place(hay, &claimed, &t, pos[*chain], 3) {
                Some(spans) => {
                    pos[*chain] = spans[0].1;
                    claim(&mut claimed, &spans);
                }
                None => bad.push(format!("{}: {id}: not the annex's words where it prints them: {}", p.name, text.chars().take(50).collect::<String>())),
            }
        }
        // Nothing of the annex left over (a bullet "-" of the Guangdong copy's list aside).
        let left: String = hay.iter().zip(&claimed).filter(|(c, k)| !**k && **c != '-').map(|(c, _)| *c).collect();
        if !left.is_empty() {
            bad.push(format!("{}: {}: words of the annex in no entry: {}", p.name, a.id, left.chars().take(80).collect::<String>()));
        }
    }
    println!("{checked} annex texts checked against the sources");
    assert!(bad.is_empty(), "{} problem(s):\n{}", bad.len(), bad.join("\n"));
    assert!(checked >= 2 * (5 + 13 + 40), "both annexes checked ({checked})");
}
