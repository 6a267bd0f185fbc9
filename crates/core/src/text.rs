//! Small text helpers shared by the verdict and the UIs.

/// A count with thousands separators: 1000000 → "1,000,000".
pub fn num(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "1 person", "2 persons", with separators.
pub fn persons_en(n: u64) -> String {
    if n == 1 { "1 person".to_string() } else { format!("{} persons", num(n)) }
}

/// The first `n` characters of a text, with "…" when cut.
pub fn clip(s: &str, n: usize) -> String {
    let mut it = s.chars();
    let head: String = it.by_ref().take(n).collect();
    if it.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn separators() {
        assert_eq!(num(0), "0");
        assert_eq!(num(999), "999");
        assert_eq!(num(1000), "1,000");
        assert_eq!(num(100000), "100,000");
        assert_eq!(num(1000000), "1,000,000");
    }
}
