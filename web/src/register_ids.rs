//! Identifier files hashed in the page (issue 15): a file of person identifiers, one per line,
//! read streamed, each identifier (trimmed; blank lines skipped) hashed to 128 bits with
//! XXH3-128 keyed by a random secret generated once and kept on the device (IndexedDB); only
//! the hashes are kept (sorted, each once), never an identifier. The counts are then exact:
//! `xborder_core::register` counts the distinct hashes of the union of the flows.
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::rc::Rc;

/// Longest identifier, in bytes (as the CLI).
pub const MAX_ID: usize = 1024;
/// The length of the device's secret (XXH3 needs at least 136 bytes).
pub const SECRET_LEN: usize = 192;

/// Splits streamed bytes into lines and hashes each identifier.
pub struct LineHasher {
    secret: Vec<u8>,
    carry: Vec<u8>,
    pub lines: u64,
    out: Vec<u128>,
}

impl LineHasher {
    pub fn new(secret: &[u8]) -> LineHasher {
        LineHasher { secret: secret.to_vec(), carry: Vec::new(), lines: 0, out: Vec::new() }
    }

    fn one(&mut self, raw: &[u8]) -> Result<(), String> {
        self.lines += 1;
        let id = raw.trim_ascii();
        if id.len() > MAX_ID {
            return Err(format!("line {}: an identifier longer than {MAX_ID} bytes: expected one identifier per line (is this an identifier file?)", self.lines));
        }
        if !id.is_empty() {
            self.out.push(xxhash_rust::xxh3::xxh3_128_with_secret(id, &self.secret));
        }
        Ok(())
    }

    /// The next bytes of the file.
    pub fn feed(&mut self, mut chunk: &[u8]) -> Result<(), String> {
        if !self.carry.is_empty() {
            match chunk.iter().position(|b| *b == b'\n') {
                None => {
                    self.carry.extend_from_slice(chunk);
                    return self.check_carry();
                }
                Some(p) => {
                    let mut line = std::mem::take(&mut self.carry);
                    line.extend_from_slice(&chunk[..p]);
                    self.one(&line)?;
                    chunk = &chunk[p + 1..];
                }
            }
        }
        let mut at = 0;
        while let Some(p) = chunk[at..].iter().position(|b| *b == b'\n') {
            let (s, e) = (at, at + p);
            self.one(&chunk[s..e])?;
            at = e + 1;
        }
        self.carry.extend_from_slice(&chunk[at..]);
        self.check_carry()
    }

    fn check_carry(&self) -> Result<(), String> {
        if self.carry.len() > MAX_ID + 2 && self.carry.trim_ascii().len() > MAX_ID {
            return Err(format!("line {}: an identifier longer than {MAX_ID} bytes: expected one identifier per line (is this an identifier file?)", self.lines + 1));
        }
        if self.carry.contains(&0) {
            return Err(format!("line {}: binary data (a NUL byte): expected one identifier per line", self.lines + 1));
        }
        Ok(())
    }

    /// The distinct hashes, sorted.
    pub fn finish(mut self) -> Result<Vec<u128>, String> {
        if !self.carry.is_empty() {
            let last = std::mem::take(&mut self.carry);
            self.one(&last)?;
        }
        self.out.sort_unstable();
        self.out.dedup();
        Ok(self.out)
    }
}

/// A flow's hashes (shared, so that the state is cheap to clone), sorted and distinct, kept as
/// base64 of 16 little-endian bytes each.
#[derive(Debug, Clone, Default)]
pub struct Hashes(pub Rc<Vec<u128>>);

impl Hashes {
    /// Hashes from their bytes (16 little-endian each), kept sorted and distinct (the page's
    /// count merges them: `position_sorted`), whatever a file made elsewhere holds.
    pub fn from_le_bytes(bytes: &[u8]) -> Hashes {
        let mut h: Vec<u128> = bytes.chunks_exact(16).map(|c| u128::from_le_bytes(c.try_into().expect("16 bytes"))).collect();
        if !h.is_sorted_by(|a, b| a < b) {
            h.sort_unstable();
            h.dedup();
        }
        Hashes(Rc::new(h))
    }
}

impl PartialEq for Hashes {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.0, &o.0) || self.0 == o.0
    }
}
impl Eq for Hashes {}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn b64_encode(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for c in bytes.chunks(3) {
        let n = (c[0] as u32) << 16 | (*c.get(1).unwrap_or(&0) as u32) << 8 | *c.get(2).unwrap_or(&0) as u32;
        for i in 0..4 {
            if i <= c.len() {
                s.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                s.push('=');
            }
        }
    }
    s
}

pub fn b64_decode(s: &str) -> Result<Vec<u8>, String> {
    let s = s.trim_end_matches('=').as_bytes();
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut table = [255u8; 256];
    for (i, c) in B64.iter().enumerate() {
        table[*c as usize] = i as u8;
    }
    let val = |b: u8| match table[b as usize] {
        255 => Err("expected base64 text".to_string()),
        v => Ok(v as u32),
    };
    for c in s.chunks(4) {
        let mut n = 0u32;
        for (i, b) in c.iter().enumerate() {
            n |= val(*b)? << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..c.len().saturating_sub(1)]);
    }
    Ok(out)
}

impl Serialize for Hashes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut bytes = Vec::with_capacity(self.0.len() * 16);
        for h in self.0.iter() {
            bytes.extend_from_slice(&h.to_le_bytes());
        }
        s.serialize_str(&b64_encode(&bytes))
    }
}

impl<'de> Deserialize<'de> for Hashes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let bytes = b64_decode(&text).map_err(serde::de::Error::custom)?;
        if bytes.len() % 16 != 0 {
            return Err(serde::de::Error::custom("expected 16 bytes per hash"));
        }
        Ok(Hashes::from_le_bytes(&bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_across_chunks_hash_as_whole_lines() {
        let secret: Vec<u8> = (0..SECRET_LEN).map(|i| (i * 7 + 1) as u8).collect();
        let text = b"alice\r\nbob\n\n  carol  \nalice\ndave";
        let whole = {
            let mut h = LineHasher::new(&secret);
            h.feed(text).unwrap();
            h.finish().unwrap()
        };
        assert_eq!(whole.len(), 4, "alice once, blank skipped");
        for cut in 0..text.len() {
            let mut h = LineHasher::new(&secret);
            h.feed(&text[..cut]).unwrap();
            h.feed(&text[cut..]).unwrap();
            assert_eq!(h.finish().unwrap(), whole, "cut at {cut}");
        }
        let other = {
            let mut h = LineHasher::new(&(0..SECRET_LEN).map(|i| (i * 13 + 5) as u8).collect::<Vec<_>>());
            h.feed(text).unwrap();
            h.finish().unwrap()
        };
        // (A random key: a uniform one would cancel out in XXH3's short-input path.)
        assert_ne!(other, whole, "the key changes the hashes");
    }

    #[test]
    fn a_long_line_is_refused_with_its_number() {
        let mut h = LineHasher::new(&[1u8; SECRET_LEN]);
        h.feed(b"a\nb\n").unwrap();
        let e = h.feed(&vec![b'x'; 2000]).unwrap_err();
        assert!(e.starts_with("line 3: an identifier longer than 1024 bytes"), "{e}");
    }

    #[test]
    fn base64_round_trips() {
        for n in 0..20 {
            let b: Vec<u8> = (0..n as u8).map(|x| x.wrapping_mul(37)).collect();
            assert_eq!(b64_decode(&b64_encode(&b)).unwrap(), b);
        }
        assert_eq!(b64_encode(b"Man"), "TWFu");
        assert_eq!(b64_encode(b"Ma"), "TWE=");
    }
}

#[cfg(test)]
mod union_tests {
    use super::*;

    #[test]
    fn distinct_identifiers_hash_apart() {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let secret: Vec<u8> = (0..SECRET_LEN).map(|_| { x ^= x << 13; x ^= x >> 7; x ^= x << 17; x as u8 }).collect();
        let file = |a: u32, b: u32| (a..b).map(|i| format!("person-{i:07}@example.com\n")).collect::<String>();
        let mut h = LineHasher::new(&secret);
        h.feed(file(0, 10_000).as_bytes()).unwrap();
        h.feed(file(7_000, 12_000).as_bytes()).unwrap();
        assert_eq!(h.finish().unwrap().len(), 12_000);
    }
}
