//! Sorting the few elements a verdict or a form holds (a handful of pathways, editions, zones,
//! business scenarios): a stable insertion sort, a few hundred bytes of wasm where each use of
//! the standard library's sort adds several kilobytes of its own (issue 14). Not for long
//! inputs: the register's files, and whatever the user can make long, use the standard sorts.

/// Sorts `v` by `key`, keeping the order of equal elements (as `slice::sort_by_key`).
pub fn by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && key(&v[j - 1]) > key(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorts `v` (as `slice::sort`).
pub fn sort<T: Ord>(v: &mut [T]) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && v[j - 1] > v[j] {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    /// The standard library's stable sorts, element for element, on every short input of small
    /// keys (ties included, so stability shows).
    #[test]
    fn as_the_standard_sorts() {
        for len in 0..7u32 {
            for code in 0..4u32.pow(len) {
                let v: Vec<(u32, u32)> = (0..len).map(|i| ((code / 4u32.pow(i)) % 4, i)).collect();
                let (mut a, mut b) = (v.clone(), v.clone());
                super::by_key(&mut a, |x| x.0);
                b.sort_by_key(|x| x.0);
                assert_eq!(a, b);
                let (mut a, mut b) = (v.clone(), v);
                super::sort(&mut a);
                b.sort();
                assert_eq!(a, b);
            }
        }
    }
}
