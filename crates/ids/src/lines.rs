//! An identifier file's lines hashed as the file streams in: each identifier (one a line,
//! trimmed; blank lines skipped) hashed to 128 bits with XXH3-128 keyed by the device's secret;
//! only the hashes are kept, never an identifier.
use crate::sort::sorted_distinct;

/// Longest identifier, in bytes (the CLI's limit too).
pub const MAX_ID: usize = 1024;
/// The length of the device's secret (XXH3 needs at least 136 bytes).
pub const SECRET_LEN: usize = 192;

/// The first newline of `s` at or after `from`: eight bytes a step (a word's zero bytes once
/// it is XORed with newlines: the classic bit trick), the last few one by one.
fn next_newline(s: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const NEWLINES: u64 = ONES * b'\n' as u64;
    let mut i = from;
    while let Some(word) = s.get(i..i + 8) {
        let w = u64::from_le_bytes(word.try_into().expect("eight bytes")) ^ NEWLINES;
        let zeros = w.wrapping_sub(ONES) & !w & HIGHS;
        if zeros != 0 {
            // The lowest flagged byte is the first newline (a borrow only flags bytes above it).
            return Some(i + (zeros.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    s[i..].iter().position(|&b| b == b'\n').map(|p| i + p)
}

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
            match next_newline(chunk, 0) {
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
        while let Some(e) = next_newline(chunk, at) {
            self.one(&chunk[at..e])?;
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
        Ok(sorted_distinct(self.out))
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

    proptest::proptest! {
        /// However a file is cut into chunks, the hashes are those of the whole file, sorted
        /// and each once.
        #[test]
        fn runs_merge_to_the_sorted_distinct_hashes(ids in proptest::collection::vec(0u16..400, 0..600), cuts in proptest::collection::vec(1usize..200, 0..12)) {
            let secret: Vec<u8> = (0..SECRET_LEN).map(|i| (i * 7 + 1) as u8).collect();
            let text: Vec<u8> = ids.iter().flat_map(|i| format!("id-{i}\n").into_bytes()).collect();
            let mut h = LineHasher::new(&secret);
            let mut at = 0;
            for c in &cuts {
                let to = (at + c).min(text.len());
                h.feed(&text[at..to]).unwrap();
                at = to;
            }
            h.feed(&text[at..]).unwrap();
            let got = h.finish().unwrap();
            let mut want: Vec<u128> = ids.iter().map(|i| xxhash_rust::xxh3::xxh3_128_with_secret(format!("id-{i}").as_bytes(), &secret)).collect();
            want.sort_unstable();
            want.dedup();
            proptest::prop_assert_eq!(got, want);
        }
    }

    proptest::proptest! {
        /// The word-at-a-time search finds the first newline, wherever it is: any bytes around
        /// it (among them the bytes next to a newline's value and with its high bit set, which
        /// the bit trick must not take for one), every alignment.
        #[test]
        fn the_newline_search_finds_the_first_newline(s in proptest::collection::vec(proptest::prop_oneof![3 => proptest::prelude::any::<u8>(), 1 => proptest::prelude::Just(b'\n'), 1 => proptest::prelude::Just(0x0b), 1 => proptest::prelude::Just(0x8a), 1 => proptest::prelude::Just(0x09)], 0..80), from in 0usize..80) {
            let from = from.min(s.len());
            proptest::prop_assert_eq!(next_newline(&s, from), s[from..].iter().position(|&b| b == b'\n').map(|p| from + p));
        }
    }

    #[test]
    fn a_long_line_is_refused_with_its_number() {
        let mut h = LineHasher::new(&[1u8; SECRET_LEN]);
        h.feed(b"a\nb\n").unwrap();
        let e = h.feed(&vec![b'x'; 2000]).unwrap_err();
        assert!(e.starts_with("line 3: an identifier longer than 1024 bytes"), "{e}");
    }
}
