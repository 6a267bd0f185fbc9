//! A file's hashes sorted, each once.

/// Below this many hashes a comparison sort is as quick as the counting passes.
const COUNTING_FROM: usize = 1 << 12;

/// Hashes sorted and each once. The hashes are keyed and so spread evenly: two stable counting
/// passes by their top two bytes (the lower first) leave runs of equal top 16 bits a few dozen
/// long, each then sorted in place; about half the time of a comparison sort of the whole.
pub fn sorted_distinct(mut v: Vec<u128>) -> Vec<u128> {
    if v.len() >= COUNTING_FROM {
        let byte = |h: u128, k: usize| (h >> (112 + 8 * k)) as usize & 255;
        let mut counts = [[0usize; 256]; 2];
        for &h in &v {
            counts[0][byte(h, 0)] += 1;
            counts[1][byte(h, 1)] += 1;
        }
        let mut tmp = vec![0u128; v.len()];
        for (k, count) in counts.iter().enumerate() {
            let mut next = [0usize; 256];
            let mut at = 0;
            for (n, c) in next.iter_mut().zip(count) {
                *n = at;
                at += c;
            }
            for &h in &v {
                let b = byte(h, k);
                tmp[next[b]] = h;
                next[b] += 1;
            }
            std::mem::swap(&mut v, &mut tmp);
        }
        drop(tmp);
        for run in v.chunk_by_mut(|a, b| a >> 112 == b >> 112) {
            run.sort_unstable();
        }
    } else {
        v.sort_unstable();
    }
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// The counting sort by the top bytes gives what a comparison sort gives, on sets large
        /// enough to take it: repeated hashes, hashes sharing their top bytes (few distinct
        /// `top` values make long runs), and the extremes.
        #[test]
        fn the_counting_sort_sorts_and_keeps_each_hash_once(seeds in proptest::collection::vec(proptest::prelude::any::<u64>(), 4096..9000), top in 1u32..70_000) {
            let v: Vec<u128> = seeds.iter().map(|&x| {
                let lo = (x as u128).wrapping_mul(0x9E37_79B9_7F4A_7C15) % 5000;
                let hi = (x as u128 >> 7) % top as u128;
                match x % 97 { 0 => 0, 1 => u128::MAX, _ => (hi << 112) | lo }
            }).collect();
            let mut want = v.clone();
            want.sort_unstable();
            want.dedup();
            proptest::prop_assert_eq!(sorted_distinct(v), want);
        }
    }
}
