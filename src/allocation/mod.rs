//! Splitting an order-level amount over lines: proportional to weights, largest remainder to
//! the unit (the cent), so that the parts sum exactly to the total.
//!
//! Each part starts at `floor(total × wᵢ / W)`; the units still missing go one each to the
//! parts with the largest remainders (ties to the earlier line). A part that would then
//! exceed its cap is served last, so caps are kept whenever the total allows it.

use crate::money::{Amount, AmountError};

pub mod units;

use units::{from_units, mul_div_rem, scale_of, to_units, to_units_floor};

/// Why an allocation cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AllocationError {
    /// A weight or the total is negative.
    #[error("allocation of a negative amount or by a negative weight")]
    Negative,
    /// A non-zero total over weights that are all zero.
    #[error("allocation of a non-zero amount over weights that are all zero")]
    NoWeight,
    /// The amounts do not fit the arithmetic.
    #[error(transparent)]
    Amount(#[from] AmountError),
}

/// Splits `total` units over `weights`; `caps[i]` (same units) is the most part `i` should
/// get. Returns parts that sum to `total`.
pub fn allocate_units(
    total: i128,
    weights: &[i128],
    caps: Option<&[i128]>,
) -> Result<Vec<i128>, AllocationError> {
    let mut parts = Vec::new();
    allocate_into(total, weights, caps, &mut parts, &mut Vec::new())?;
    Ok(parts)
}

/// [`allocate_units`] into `parts`, with `order` as scratch space (both are cleared first):
/// the stack calls it for every coupon it applies and reuses the buffers.
pub fn allocate_into(
    total: i128,
    weights: &[i128],
    caps: Option<&[i128]>,
    parts: &mut Vec<i128>,
    order: &mut Vec<u128>,
) -> Result<(), AllocationError> {
    if total < 0 || weights.iter().any(|&w| w < 0) {
        return Err(AllocationError::Negative);
    }
    let sum = weights
        .iter()
        .try_fold(0i128, |s, &w| s.checked_add(w))
        .ok_or(AmountError::Overflow {
            operation: "allocate",
        })?;
    split_into(total, weights, sum, caps, parts, order)
}

/// [`allocate_into`] for a caller that knows its weights are not negative and sum to `sum`
/// (the stack sums them as it reads the lines): two passes fewer per coupon applied. Crate
/// only: nothing checks that contract here, so callers outside cannot break it.
pub(crate) fn split_into(
    total: i128,
    weights: &[i128],
    sum: i128,
    caps: Option<&[i128]>,
    parts: &mut Vec<i128>,
    order: &mut Vec<u128>,
) -> Result<(), AllocationError> {
    parts.clear();
    order.clear();
    if total == 0 {
        parts.resize(weights.len(), 0);
        return Ok(());
    }
    if sum == 0 {
        return Err(AllocationError::NoWeight);
    }
    // Each part with a remainder gets one sort key: over its cap (last), then the largest
    // remainder, then the earlier line — packed in one integer (remainders < sum < 2^99).
    if sum >= 1 << 99 || weights.len() >= 1 << 27 {
        return Err(AmountError::Overflow {
            operation: "allocate",
        }
        .into());
    }
    let mut given = 0i128;
    for (i, &w) in weights.iter().enumerate() {
        let (q, r) = mul_div_rem(total as u128, w as u128, sum as u128);
        // q ≤ total because w ≤ sum.
        let q = q as i128;
        parts.push(q);
        given += q;
        if r > 0 {
            let over_cap = caps.is_some_and(|c| c.get(i).is_some_and(|&cap| q >= cap));
            order.push((u128::from(over_cap) << 127) | ((((1u128 << 99) - r) << 27) | i as u128));
        }
    }
    // The missing units (fewer than the positive remainders, since Σ remainders = missing ×
    // sum) go one each to the best keys.
    let missing = (total - given) as usize;
    if missing > 0 {
        if missing < order.len() {
            // Keys are distinct: the first `missing` after the partition are the best.
            select_smallest(order, missing);
        }
        for &key in order.iter().take(missing) {
            parts[(key & ((1 << 27) - 1)) as usize] += 1;
        }
    }
    Ok(())
}

/// Partitions `v` so that its `k` smallest keys come first (in any order), by quickselect with
/// the middle key as pivot: as `select_nth_unstable(k)` for the first `k`, in a few hundred
/// bytes of wasm where the standard library's was 3.5 KB (before wasm-opt).
fn select_smallest(v: &mut [u128], k: usize) {
    // Every key before `low` is below every key from `low` on; every key from `high` on is
    // above every key before `high`; `low <= k <= high`.
    let (mut low, mut high) = (0, v.len());
    while high - low > 1 {
        let last = high - 1;
        v.swap(low + (high - low) / 2, last);
        let pivot = v[last];
        let mut store = low;
        for i in low..last {
            if v[i] < pivot {
                v.swap(i, store);
                store += 1;
            }
        }
        v.swap(store, last);
        match store.cmp(&k) {
            std::cmp::Ordering::Equal => return,
            std::cmp::Ordering::Less => low = store + 1,
            std::cmp::Ordering::Greater => high = store,
        }
    }
}

/// Sorts `v` ascending (unstably): by insertion up to 20 elements (a cart's lines, often in
/// order already), by heapsort above (O(n log n)). A few hundred bytes of wasm per element
/// type, where the standard library's `sort_unstable` for `&str` was 4.1 KB (before wasm-opt).
pub(crate) fn sort<T: PartialOrd>(v: &mut [T]) {
    fn sift<T: PartialOrd>(v: &mut [T], mut root: usize, end: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                break;
            }
            if child + 1 < end && v[child] < v[child + 1] {
                child += 1;
            }
            if v[root] >= v[child] {
                break;
            }
            v.swap(root, child);
            root = child;
        }
    }
    let n = v.len();
    if n <= 20 {
        for i in 1..n {
            let mut j = i;
            while j > 0 && v[j] < v[j - 1] {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        return;
    }
    for root in (0..n / 2).rev() {
        sift(v, root, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

/// Splits `total` over `weights` to the unit `10^-max(min_scale, scale of total)` (the cent
/// for `min_scale = 2` and a cent-valued total). `caps` are the most each part should get.
pub fn allocate(
    total: Amount,
    weights: &[Amount],
    caps: Option<&[Amount]>,
    min_scale: u32,
) -> Result<Vec<Amount>, AllocationError> {
    let unit_scale = min_scale.max(scale_of(total));
    let weight_scale = weights.iter().map(|w| scale_of(*w)).max().unwrap_or(0);
    let total_units = to_units(total, unit_scale)?;
    let mut weight_units = Vec::with_capacity(weights.len());
    for w in weights {
        weight_units.push(to_units(*w, weight_scale)?);
    }
    let mut cap_units = Vec::new();
    for c in caps.unwrap_or_default() {
        cap_units.push(to_units_floor(*c, unit_scale)?);
    }
    let caps = caps.map(|_| cap_units.as_slice());
    // `allocate_into` itself: the `allocate_units` wrapper is then not linked at all.
    let mut parts = Vec::new();
    allocate_into(
        total_units,
        &weight_units,
        caps,
        &mut parts,
        &mut Vec::new(),
    )?;
    let mut out = Vec::with_capacity(weights.len());
    for p in parts {
        out.push(from_units(p, unit_scale)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Amount {
        Amount::parse(s).unwrap()
    }
    fn amounts(v: &[&str]) -> Vec<Amount> {
        v.iter().map(|s| a(s)).collect()
    }
    fn strings(v: Vec<Amount>) -> Vec<String> {
        v.into_iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn thirds_of_a_cent_amount() {
        let parts = allocate(a("100"), &amounts(&["1", "1", "1"]), None, 2).unwrap();
        assert_eq!(strings(parts), ["33.34", "33.33", "33.33"]);
        let parts = allocate(a("0.02"), &amounts(&["1", "1", "1"]), None, 2).unwrap();
        assert_eq!(strings(parts), ["0.01", "0.01", "0"]);
    }

    #[test]
    fn largest_remainder_not_first_line() {
        // 10 × (1, 2, 4) / 7 = 1.428…, 2.857…, 5.714… → floors 1.42, 2.85, 5.71 (9.98);
        // sub-cent remainders .857, .714, .428 → the two missing cents go to lines 0 and 1.
        let parts = allocate(a("10"), &amounts(&["1", "2", "4"]), None, 2).unwrap();
        assert_eq!(strings(parts), ["1.43", "2.86", "5.71"]);
    }

    #[test]
    fn caps_are_served_first() {
        // Two lines of 0.005: one cent cannot be split without exceeding a cap; it still goes
        // somewhere (the total is kept), to the earlier line.
        let w = amounts(&["0.005", "0.005"]);
        let parts = allocate(a("0.01"), &w, Some(&w), 2).unwrap();
        assert_eq!(strings(parts), ["0.01", "0"]);
        // 1.01 over (0.0199, 1): 1.97… and 99.02… cents. Line 0 has the larger remainder but
        // no room under its cap; line 1 takes the missing cent.
        let w = amounts(&["0.0199", "1"]);
        let caps = amounts(&["0.01", "1"]);
        let parts = allocate(a("1.01"), &w, Some(&caps), 2).unwrap();
        assert_eq!(strings(parts), ["0.01", "1"]);
        let parts = allocate(a("1.01"), &w, None, 2).unwrap();
        assert_eq!(strings(parts), ["0.02", "0.99"]);
    }

    #[test]
    fn finer_totals_use_their_own_unit() {
        let parts = allocate(a("0.001"), &amounts(&["1", "1"]), None, 2).unwrap();
        assert_eq!(strings(parts), ["0.001", "0"]);
    }

    /// A linear congruential generator's next state.
    fn next(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *seed
    }

    #[test]
    fn sort_sorts_as_the_standard_sort() {
        let mut seed = 7u64;
        for n in 0..70 {
            let keys: Vec<u128> = (0..n)
                .map(|_| {
                    let r = next(&mut seed);
                    // Few distinct values (repeats) and the top bit (over cap) set on some.
                    u128::from(r >> 60) << (if r & 1 == 1 { 127 } else { 27 })
                })
                .collect();
            let mut ours = keys.clone();
            let mut std = keys;
            sort(&mut ours);
            std.sort_unstable();
            assert_eq!(ours, std, "n = {n}");
        }
    }

    /// The first `k` keys after `select_smallest` are those after `select_nth_unstable`.
    #[test]
    fn select_smallest_as_the_standard_selection() {
        let mut seed = 11u64;
        for n in 1..80usize {
            let keys: Vec<u128> = (0..n)
                .map(|i| {
                    let r = next(&mut seed);
                    // Distinct (the index in the low bits), some with the top bit set.
                    let top = if r & 1 == 1 { 1u128 << 127 } else { 0 };
                    top | (u128::from(r >> 54) << 27) | i as u128
                })
                .collect();
            for k in [1, n / 3, n / 2, n - 1]
                .into_iter()
                .filter(|&k| k >= 1 && k < n)
            {
                let mut ours = keys.clone();
                let mut std = keys.clone();
                select_smallest(&mut ours, k);
                std.select_nth_unstable(k);
                ours[..k].sort_unstable();
                std[..k].sort_unstable();
                assert_eq!(ours[..k], std[..k], "n = {n}, k = {k}");
            }
        }
    }

    #[test]
    fn degenerate_inputs() {
        assert_eq!(
            allocate(a("0"), &amounts(&["0", "0"]), None, 2).unwrap(),
            vec![Amount::ZERO, Amount::ZERO]
        );
        assert!(matches!(
            allocate(a("1"), &amounts(&["0", "0"]), None, 2),
            Err(AllocationError::NoWeight)
        ));
        assert!(matches!(
            allocate(a("1"), &amounts(&["-1", "2"]), None, 2),
            Err(AllocationError::Negative)
        ));
        assert!(allocate(a("1"), &[], None, 2).is_err());
    }
}
