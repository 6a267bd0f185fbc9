//! A JSON object that repeats a member name is not a valid scenario (contract: "Command line").
//! JSON parsers keep the last copy silently, so a 2,000,000-person entry could vanish behind a
//! second `"persons"`. This scan finds the first repeated name and its JSON path, without a
//! parser (the wasm carries none): it only tracks strings, nesting and member names. Text that
//! is not JSON is left to the parser, which words that error itself.

/// The message for a member name given twice in one object (the CLI's and the embed's).
pub const DUPLICATE: &str = "this member name appears twice in one object: a scenario names each field once (a JSON reader would silently keep the last copy)";

/// The JSON path of the first member name repeated within one object (e.g. `handler.ciio`,
/// `personal_information[1].persons`), or `None`.
pub fn first_duplicate(text: &str) -> Option<String> {
    let mut s = Scan { b: text.as_bytes(), i: 0 };
    s.value("").ok().flatten()
}

struct Scan<'a> {
    b: &'a [u8],
    i: usize,
}

/// `Err(())`: not JSON (the parser will say why); `Ok(Some(path))`: a repeated name.
type Found = Result<Option<String>, ()>;

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

impl Scan<'_> {
    fn ws(&mut self) {
        while self.b.get(self.i).is_some_and(|c| c.is_ascii_whitespace()) {
            self.i += 1;
        }
    }

    fn value(&mut self, path: &str) -> Found {
        self.ws();
        match self.b.get(self.i) {
            Some(b'{') => self.object(path),
            Some(b'[') => self.array(path),
            Some(b'"') => self.string().map(|_| None),
            Some(_) => {
                // A number, true, false or null: up to the next delimiter.
                while self.b.get(self.i).is_some_and(|c| !matches!(c, b',' | b'}' | b']') && !c.is_ascii_whitespace()) {
                    self.i += 1;
                }
                Ok(None)
            }
            None => Err(()),
        }
    }

    fn object(&mut self, path: &str) -> Found {
        self.i += 1;
        let mut seen: Vec<String> = Vec::new();
        loop {
            self.ws();
            match self.b.get(self.i) {
                Some(b'}') => {
                    self.i += 1;
                    return Ok(None);
                }
                Some(b'"') => {}
                _ => return Err(()),
            }
            let key = self.string()?;
            let here = join(path, &key);
            if seen.contains(&key) {
                return Ok(Some(here));
            }
            self.ws();
            if self.b.get(self.i) != Some(&b':') {
                return Err(());
            }
            self.i += 1;
            if let Some(p) = self.value(&here)? {
                return Ok(Some(p));
            }
            seen.push(key);
            self.ws();
            match self.b.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b'}') => {}
                _ => return Err(()),
            }
        }
    }

    fn array(&mut self, path: &str) -> Found {
        self.i += 1;
        let mut n = 0;
        loop {
            self.ws();
            if self.b.get(self.i) == Some(&b']') {
                self.i += 1;
                return Ok(None);
            }
            if let Some(p) = self.value(&format!("{path}[{n}]"))? {
                return Ok(Some(p));
            }
            n += 1;
            self.ws();
            match self.b.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b']') => {}
                _ => return Err(()),
            }
        }
    }

    /// A string, decoded (escapes resolved, so `"\u0061"` and `"a"` are one name).
    fn string(&mut self) -> Result<String, ()> {
        self.i += 1;
        let mut out: Vec<u16> = Vec::new();
        loop {
            let c = *self.b.get(self.i).ok_or(())?;
            self.i += 1;
            match c {
                b'"' => return Ok(String::from_utf16_lossy(&out)),
                b'\\' => {
                    let e = *self.b.get(self.i).ok_or(())?;
                    self.i += 1;
                    let unit = match e {
                        b'n' => 0x0a,
                        b't' => 0x09,
                        b'r' => 0x0d,
                        b'b' => 0x08,
                        b'f' => 0x0c,
                        b'u' => {
                            let hex = self.b.get(self.i..self.i + 4).ok_or(())?;
                            self.i += 4;
                            u16::from_str_radix(std::str::from_utf8(hex).map_err(|_| ())?, 16).map_err(|_| ())?
                        }
                        other => other as u16,
                    };
                    out.push(unit);
                }
                _ => {
                    // Copy one UTF-8 character.
                    let start = self.i - 1;
                    let len = match c {
                        0xf0..=0xff => 4,
                        0xe0..=0xef => 3,
                        0xc0..=0xdf => 2,
                        _ => 1,
                    };
                    let ch = self.b.get(start..start + len).and_then(|x| std::str::from_utf8(x).ok()).ok_or(())?;
                    out.extend(ch.encode_utf16());
                    self.i = start + len;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::first_duplicate as dup;

    #[test]
    fn finds_repeated_names_with_their_path() {
        assert_eq!(dup(r#"{"schema":1,"schema":1}"#).as_deref(), Some("schema"));
        assert_eq!(dup(r#"{"handler":{"in_zone":true,"ciio":false,"ciio":true}}"#).as_deref(), Some("handler.ciio"));
        assert_eq!(
            dup(r#"{"personal_information":[{"persons":1},{"persons":2000000,"sensitive_persons":0,"persons":1}]}"#).as_deref(),
            Some("personal_information[1].persons")
        );
        assert_eq!(dup(r#"{"a":1,"\u0061":2}"#).as_deref(), Some("a"));
        assert_eq!(dup(r#"{"名":1,"名":2}"#).as_deref(), Some("名"));
    }

    #[test]
    fn leaves_distinct_names_and_broken_text_alone() {
        assert_eq!(dup(r#"{"a":{"a":1},"b":[{"a":1},{"a":2}],"c":"\"a\":"}"#), None);
        assert_eq!(dup(r#"{"a":1,"#), None);
        assert_eq!(dup(""), None);
        assert_eq!(dup("[1,2,{\"x\":[]}]"), None);
    }
}
