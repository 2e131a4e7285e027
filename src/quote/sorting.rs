//! Sorting the short lists of a quote (a few coupons, candidates, keys).
//!
//! One small insertion sort instead of the standard library's sorts: each call site of
//! `sort_by` instantiates a few kilobytes of quicksort in the wasm module, and these lists
//! are short (at most the coupon limit, 1000, and usually a few dozen).

/// Sorts `v` stably by `less`.
pub fn sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && less(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorts_stably() {
        let mut v = [(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        super::sort_by(&mut v, |a, b| a.0 < b.0);
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
        let mut empty: [u8; 0] = [];
        super::sort_by(&mut empty, |a, b| a < b);
    }
}
