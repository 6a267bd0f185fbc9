//! How many people each combination of sorted files shares: one merge of the files' sorted,
//! distinct hashes, each person's files as the bits of a mask, counted in a table of 2^files.
//! `xborder_core::register::Groups::merge` turns the table into the register's groups.

/// The most files one table counts (its 2^files entries).
pub const MAX_FILES: usize = 16;

/// `table[mask]`: how many hashes are in exactly the files of `mask` (bit j: `files[j]`).
/// Each file sorted ascending and distinct; at most [`MAX_FILES`] files (more: `None`).
pub fn combinations(files: &[&[u128]]) -> Option<Vec<u64>> {
    if files.len() > MAX_FILES {
        return None;
    }
    let mut table = vec![0u64; 1 << files.len()];
    // Each file's rest, and its head (u128::MAX once it is done: a real hash of all ones still
    // counts, since a file is done only when its rest is empty).
    let mut rest: Vec<&[u128]> = files.to_vec();
    let mut heads: Vec<u128> = files.iter().map(|f| f.first().copied().unwrap_or(u128::MAX)).collect();
    let mut live = files.iter().filter(|f| !f.is_empty()).count();
    while live > 0 {
        let h = heads.iter().copied().min().unwrap_or(u128::MAX);
        let mut mask = 0usize;
        for (j, (head, r)) in heads.iter_mut().zip(rest.iter_mut()).enumerate() {
            if *head == h {
                if let Some((_, tail)) = r.split_first() {
                    mask |= 1 << j;
                    *r = tail;
                    match tail.first() {
                        Some(&x) => *head = x,
                        None => {
                            *head = u128::MAX;
                            live -= 1;
                        }
                    }
                }
            }
        }
        table[mask] += 1;
    }
    Some(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    proptest::proptest! {
        /// The table counts each hash under the set of files that hold it.
        #[test]
        fn each_hash_is_counted_under_its_files(files in proptest::collection::vec(proptest::collection::btree_set(0u16..300, 0..120), 0..6)) {
            let files: Vec<Vec<u128>> = files.iter().map(|f| f.iter().map(|&x| if x == 299 { u128::MAX } else { u128::from(x) << 100 }).collect()).collect();
            let refs: Vec<&[u128]> = files.iter().map(|f| &f[..]).collect();
            let table = combinations(&refs).unwrap();
            let mut want: BTreeMap<usize, u64> = BTreeMap::new();
            for h in files.iter().flatten().collect::<std::collections::BTreeSet<_>>() {
                let mask = files.iter().enumerate().filter(|(_, f)| f.contains(h)).fold(0, |m, (j, _)| m | 1 << j);
                *want.entry(mask).or_default() += 1;
            }
            for (mask, &n) in table.iter().enumerate() {
                proptest::prop_assert_eq!(n, want.get(&mask).copied().unwrap_or(0), "mask {}", mask);
            }
        }
    }

    #[test]
    fn more_files_than_a_table_holds_are_refused() {
        let one = [1u128];
        assert!(combinations(&vec![&one[..]; MAX_FILES + 1]).is_none());
        assert_eq!(combinations(&vec![&one[..]; MAX_FILES]).unwrap()[(1 << MAX_FILES) - 1], 1);
        assert_eq!(combinations(&[]).unwrap(), vec![0]);
    }
}
