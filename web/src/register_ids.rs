//! Identifier files hashed in the page (issue 15): a file of person identifiers, one per line,
//! read streamed, each identifier (trimmed; blank lines skipped) hashed to 128 bits with
//! XXH3-128 keyed by a random secret generated once and kept on the device (IndexedDB); only
//! the hashes are kept (sorted, each once), never an identifier. The counts are then exact:
//! `xborder_core::register` counts the distinct hashes of the union of the flows.
use xborder_core::register::{Group, Groups};

pub use xborder_ids::lines::{LineHasher, SECRET_LEN};
pub use xborder_ids::sort::sorted_distinct;

/// Which of the store's sets each flow names: (persons, sensitive persons), 0 for none.
pub type Spec = Vec<(u32, u32)>;

/// The hash sets the store holds, by handle (from 1), each sorted and distinct; and the
/// groups of people of any flows' sets ([`Store::groups`]). The store's worker keeps one
/// (`ids_worker.rs`); the native tests use it as the worker would.
#[derive(Debug, Default)]
pub struct Store {
    sets: Vec<Option<Vec<u128>>>,
}

impl Store {
    /// Keeps a set (sorted and distinct first, whatever made it); its handle.
    pub fn adopt(&mut self, mut h: Vec<u128>) -> u32 {
        if !h.is_sorted_by(|a, b| a < b) {
            h = sorted_distinct(h);
        }
        match self.sets.iter().position(Option::is_none) {
            Some(i) => {
                self.sets[i] = Some(h);
                i as u32 + 1
            }
            None => {
                self.sets.push(Some(h));
                self.sets.len() as u32
            }
        }
    }

    pub fn get(&self, handle: u32) -> Option<&[u128]> {
        self.sets.get((handle as usize).wrapping_sub(1)).and_then(|s| s.as_deref())
    }

    pub fn release(&mut self, handle: u32) {
        if let Some(s) = self.sets.get_mut((handle as usize).wrapping_sub(1)) {
            *s = None;
        }
    }

    /// The groups of the flows' sets (one merge: `Groups::merge`); an error names a handle
    /// the store does not hold.
    pub fn groups(&self, spec: &[(u32, u32)]) -> Result<Groups, String> {
        let one = |h: u32| if h == 0 { Ok(&[][..]) } else { self.get(h).ok_or_else(|| format!("the register's store has no set {h}")) };
        let files: Vec<(&[u128], &[u128])> = spec.iter().map(|&(p, s)| Ok((one(p)?, one(s)?))).collect::<Result<_, String>>()?;
        Ok(Groups::merge(&files))
    }
}

/// Groups as little-endian u32 words, as the store sends them: the number of groups, then for
/// each the number of person flows, of sensitive flows, the flows, and the people (low, high).
pub fn encode_groups(g: &Groups) -> Vec<u32> {
    let mut w = vec![g.0.len() as u32];
    for x in &g.0 {
        w.push(x.persons.len() as u32);
        w.push(x.sensitive.len() as u32);
        w.extend(&x.persons);
        w.extend(&x.sensitive);
        w.push(x.people as u32);
        w.push((x.people >> 32) as u32);
    }
    w
}

pub fn decode_groups(w: &[u32]) -> Result<Groups, String> {
    let bad = || "the register's store answered with damaged counts".to_string();
    let mut it = w.iter().copied();
    let mut next = || it.next().ok_or_else(bad);
    let n = next()?;
    let mut out = Vec::with_capacity((n as usize).min(w.len()));
    for _ in 0..n {
        let (np, ns) = (next()?, next()?);
        let persons = (0..np).map(|_| next()).collect::<Result<Vec<u32>, String>>()?;
        let sensitive = (0..ns).map(|_| next()).collect::<Result<Vec<u32>, String>>()?;
        let people = next()? as u64 | (next()? as u64) << 32;
        out.push(Group { persons, sensitive, people });
    }
    Ok(Groups(out))
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_cross_as_words() {
        let g = Groups(vec![Group { persons: vec![0, 2], sensitive: vec![2], people: 5_000_000_000 }, Group { persons: vec![1], sensitive: vec![], people: 3 }]);
        assert_eq!(decode_groups(&encode_groups(&g)).unwrap(), g);
        let w = encode_groups(&g);
        for cut in 0..w.len() {
            assert!(decode_groups(&w[..cut]).is_err(), "cut at {cut}");
        }
        assert!(decode_groups(&[u32::MAX]).is_err(), "a huge count of groups is refused, not allocated");
    }

    #[test]
    fn the_store_reuses_freed_handles_and_names_a_missing_one() {
        let mut st = Store::default();
        let a = st.adopt(vec![3, 1, 2, 2]);
        let b = st.adopt(vec![2, 5]);
        assert_eq!(st.get(a), Some(&[1, 2, 3][..]), "sorted and distinct");
        assert_eq!(st.groups(&[(a, 0), (b, 0)]).unwrap().people(), 4);
        st.release(a);
        assert!(st.groups(&[(a, 0)]).unwrap_err().contains("no set"));
        assert_eq!(st.adopt(vec![9]), a, "the freed slot again");
        st.release(0);
        st.release(99);
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
