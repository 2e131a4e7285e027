//! Sums, products, rounding and comparison on the packed integers of [`Amount`], each giving
//! exactly the mantissa, scale and sign rust_decimal gave (its zero rules included: a zero
//! operand's scale is dropped, a zero product is a bare `0`).

use std::cmp::Ordering;

use super::{Amount, MAX_MAGNITUDE, MAX_SCALE, MAX_SIGNIFICANT_DIGITS};

/// `10^n` for `n` ≤ 38 (amounts use up to 28; the allocation's units up to 38).
const POW10: [u128; 39] = {
    let mut table = [1u128; 39];
    let mut i = 1;
    while i < table.len() {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// `10^n` for `n` ≤ 38 (it fits an `i128`), else `None`.
pub(crate) fn checked_pow10(n: u32) -> Option<u128> {
    POW10.get(n as usize).copied()
}

/// `10^n`, `n` ≤ 28 (a scale or a difference of scales).
pub(super) fn pow10(n: u32) -> u128 {
    POW10[(n as usize).min(MAX_SCALE as usize)]
}

/// `10^28`: magnitudes from here on have 29 digits.
const DIGIT_LIMIT: u128 = POW10[MAX_SIGNIFICANT_DIGITS];

/// `(m / d, m % d)` for a divisor below 2^32, in 64-bit steps (128-bit division is a slow
/// library call, in wasm and natively).
pub(super) fn div_rem_small(m: u128, d: u32) -> (u128, u32) {
    let d = u64::from(d);
    if let Ok(m) = u64::try_from(m) {
        return (u128::from(m / d), (m % d) as u32);
    }
    let high = (m >> 64) as u64;
    let (q_high, r) = (high / d, high % d);
    let mid = (r << 32) | ((m >> 32) as u64 & 0xffff_ffff);
    let (q_mid, r) = (mid / d, mid % d);
    let low = (r << 32) | (m as u64 & 0xffff_ffff);
    let (q_low, r) = (low / d, low % d);
    (
        (u128::from(q_high) << 64) | (u128::from(q_mid) << 32) | u128::from(q_low),
        r as u32,
    )
}

/// `(a / b, a % b)`, `b` > 0, with the 64-bit and small-divisor paths first.
pub(super) fn div_rem(a: u128, b: u128) -> (u128, u128) {
    match (u64::try_from(a), u64::try_from(b), u32::try_from(b)) {
        (Ok(a), Ok(b), _) => (u128::from(a / b), u128::from(a % b)),
        (_, _, Ok(small)) => {
            let (q, r) = div_rem_small(a, small);
            (q, u128::from(r))
        }
        _ => (a / b, a % b),
    }
}

/// The magnitude and scale without trailing zeros (rust_decimal's `normalize`; a zero
/// becomes `0` at scale 0).
pub(super) fn normalize(mut magnitude: u128, mut scale: u32) -> (u128, u32) {
    if magnitude == 0 {
        return (0, 0);
    }
    while scale > 0 && magnitude & 1 == 0 {
        let (q, r) = div_rem_small(magnitude, 10);
        if r != 0 {
            break;
        }
        magnitude = q;
        scale -= 1;
    }
    (magnitude, scale)
}

/// `a` when it has at most 28 significant digits: below 10^28, or 29 digits ending in a zero
/// that a fractional scale lets drop.
#[inline]
fn within_digits(a: Amount) -> Option<Amount> {
    let m = a.magnitude();
    if m < DIGIT_LIMIT || (a.scale() > 0 && div_rem_small(m, 10).1 == 0) {
        Some(a)
    } else {
        None
    }
}

/// `m × 10^n`, or `None` past 128 bits.
fn scale_up(m: u128, n: u32) -> Option<u128> {
    let p = pow10(n);
    match (u64::try_from(m), u64::try_from(p)) {
        (Ok(m), Ok(p)) => Some(u128::from(m) * u128::from(p)),
        _ => m.checked_mul(p),
    }
}

/// [`sum`] in the engine's case, or `None` for [`sum`] to decide: 64-bit magnitudes, scales at
/// most 19 apart (one widening product aligns them), a result below 10^28. No division and no
/// wide product: its caller needs few registers.
#[inline]
pub(super) fn small_sum(a: Amount, b: Amount, subtract: bool) -> Option<Amount> {
    let (ma, mb) = (a.magnitude(), b.magnitude());
    let (sa, sb) = (a.scale(), b.scale());
    if (ma | mb) >> 64 != 0 || sa.abs_diff(sb) > 19 {
        return None;
    }
    if ma == 0 {
        // As [`sum`]: the other operand as it is, negated for `0 - b`.
        return Some(if subtract && mb != 0 { b.negated() } else { b });
    }
    if mb == 0 {
        return Some(a);
    }
    let (ma, mb) = (ma as u64, mb as u64);
    let (xa, xb, scale) = match sa.cmp(&sb) {
        Ordering::Equal => (u128::from(ma), u128::from(mb), sa),
        Ordering::Greater => (u128::from(ma), wide(mb, sa - sb), sa),
        Ordering::Less => (wide(ma, sb - sa), u128::from(mb), sb),
    };
    let (na, nb) = (a.sign(), b.sign() != subtract);
    let (magnitude, negative) = if na == nb {
        (xa + xb, na)
    } else if xa >= xb {
        (xa - xb, na)
    } else {
        (xb - xa, nb)
    };
    (magnitude < DIGIT_LIMIT)
        .then(|| Amount::from_parts(magnitude, scale, negative && magnitude != 0))
}

/// `m × 10^n` for `n` ≤ 19: one 64 × 64-bit product.
fn wide(m: u64, n: u32) -> u128 {
    u128::from(m) * u128::from(POW10[n as usize] as u64)
}

/// `a + b` (`a - b` when `subtract`), exact at the larger scale, or `None` when it needs more
/// than 96 bits there or more than 28 significant digits.
pub(super) fn sum(a: Amount, b: Amount, subtract: bool) -> Option<Amount> {
    let (ma, mb) = (a.magnitude(), b.magnitude());
    // A zero operand gives the other one as it is (its scale, its sign, negated for `0 - b`).
    // The engine's case is [`small_sum`]'s, tried first by the caller.
    let r = match (ma, mb) {
        (0, _) if subtract && mb != 0 => b.negated(),
        (0, _) => b,
        (_, 0) => a,
        _ => return aligned_sum(a, b, subtract),
    };
    within_digits(r)
}

/// [`sum`] of two non-zero operands in every case: wide mantissas, scales far apart, a
/// result past 10^28 or 2^96.
#[inline(never)]
fn aligned_sum(a: Amount, b: Amount, subtract: bool) -> Option<Amount> {
    let (ma, mb) = (a.magnitude(), b.magnitude());
    let (sa, sb) = (a.scale(), b.scale());
    let (xa, xb, scale) = match sa.cmp(&sb) {
        Ordering::Equal => (ma, mb, sa),
        Ordering::Greater => (ma, scale_up(mb, sa - sb)?, sa),
        Ordering::Less => (scale_up(ma, sb - sa)?, mb, sb),
    };
    let (na, nb) = (a.sign(), b.sign() != subtract);
    let (magnitude, negative) = if na == nb {
        (xa.checked_add(xb)?, na)
    } else if xa >= xb {
        (xa - xb, na)
    } else {
        (xb - xa, nb)
    };
    if magnitude > MAX_MAGNITUDE {
        return None;
    }
    within_digits(Amount::from_parts(
        magnitude,
        scale,
        negative && magnitude != 0,
    ))
}

impl Amount {
    /// The amount with the opposite sign bit.
    const fn negated(self) -> Amount {
        Amount(self.0 ^ super::SIGN_BIT)
    }
}

/// `a × b` for magnitudes below 2^96, or `None` when the product needs more than 96 bits.
fn product_magnitude(a: u128, b: u128) -> Option<u128> {
    let (big, small) = if a >= b { (a, b) } else { (b, a) };
    let fits = match (
        u64::try_from(big),
        u64::try_from(small),
        u32::try_from(small),
    ) {
        (Ok(_), Ok(_), _) | (_, _, Ok(_)) => true,
        // 2^64 × 2^32 already has 97 bits.
        _ => false,
    };
    if !fits {
        return None;
    }
    let p = big * small;
    (p <= MAX_MAGNITUDE).then_some(p)
}

/// `a × b` of the normalized operands, exact, or `None` when it needs more than 28 places,
/// 96 bits or 28 significant digits. A zero operand gives `0` (scale 0).
pub(super) fn product(a: Amount, b: Amount) -> Option<Amount> {
    let (ma, sa) = normalize(a.magnitude(), a.scale());
    let (mb, sb) = normalize(b.magnitude(), b.scale());
    if ma == 0 || mb == 0 {
        return Some(Amount::ZERO);
    }
    let scale = sa + sb;
    if scale > MAX_SCALE {
        return None;
    }
    let magnitude = product_magnitude(ma, mb)?;
    within_digits(Amount::from_parts(magnitude, scale, a.sign() != b.sign()))
}

/// The 256-bit product of two `u128`s as `(high, low)`.
pub(crate) fn mul_wide(a: u128, b: u128) -> (u128, u128) {
    const MASK: u128 = u64::MAX as u128;
    let (a1, a0) = (a >> 64, a & MASK);
    let (b1, b0) = (b >> 64, b & MASK);
    let p00 = a0 * b0;
    let p01 = a0 * b1;
    let p10 = a1 * b0;
    let p11 = a1 * b1;
    let mid = (p00 >> 64) + (p01 & MASK) + (p10 & MASK);
    let lo = (p00 & MASK) | (mid << 64);
    let hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    (hi, lo)
}

/// rust_decimal's product of the operands as they are (not normalized): exact when it fits
/// 96 bits and 28 places, else rounded half-even to the most places that fit, or `None`
/// when even the integer does not fit. Its zero rules are kept: a zero operand gives `0`,
/// a product of two 32-bit mantissas that rounds to zero is `0`, a wider one keeps its sign
/// and scale.
pub(super) fn rounded_product(a: Amount, b: Amount) -> Option<Amount> {
    let (ma, mb) = (a.magnitude(), b.magnitude());
    if ma == 0 || mb == 0 {
        return Some(Amount::ZERO);
    }
    let scale = a.scale() + b.scale();
    let negative = a.sign() != b.sign();
    if let (Ok(x), Ok(y)) = (u32::try_from(ma), u32::try_from(mb)) {
        // Two 32-bit mantissas: past 28 + 19 places the product is 0, else rounded once.
        let mut p = u128::from(u64::from(x) * u64::from(y));
        let mut scale = scale;
        if scale > MAX_SCALE {
            if scale > MAX_SCALE + 19 {
                return Some(Amount::ZERO);
            }
            p = round_half_even(p, scale - MAX_SCALE);
            scale = MAX_SCALE;
        }
        return Some(Amount::from_parts(p, scale, negative && p != 0));
    }
    let (hi, lo) = mul_wide(ma, mb);
    if hi == 0 && lo <= MAX_MAGNITUDE && scale <= MAX_SCALE {
        return Some(Amount::from_parts(lo, scale, negative));
    }
    // Drop digits until the product fits 96 bits and 28 places, then round half-even (a
    // round-up onto 2^96 drops one digit more); no digit left to drop is an overflow.
    let mut limbs = [0u32; 6];
    for (i, limb) in limbs.iter_mut().enumerate() {
        let word = if i < 4 {
            lo >> (32 * i)
        } else {
            hi >> (32 * (i - 4))
        };
        *limb = word as u32;
    }
    let min_dropped = scale.saturating_sub(MAX_SCALE);
    let (mut dropped, mut last, mut sticky) = (0u32, 0u32, false);
    loop {
        while dropped < min_dropped || limbs[3..].iter().any(|&l| l != 0) {
            if dropped == scale {
                return None;
            }
            sticky |= last != 0;
            last = div_limbs(&mut limbs, 10);
            dropped += 1;
        }
        let odd = limbs[0] & 1 == 1;
        if last > 5 || (last == 5 && (sticky || odd)) {
            add_one(&mut limbs);
            (last, sticky) = (0, false);
            if limbs[3] != 0 {
                continue;
            }
        }
        break;
    }
    let magnitude = u128::from(limbs[0]) | u128::from(limbs[1]) << 32 | u128::from(limbs[2]) << 64;
    Some(Amount::from_parts(magnitude, scale - dropped, negative))
}

/// Divides the little-endian limbs by `d` in place; returns the remainder.
fn div_limbs(limbs: &mut [u32; 6], d: u32) -> u32 {
    let d = u64::from(d);
    let mut rem = 0u64;
    for limb in limbs.iter_mut().rev() {
        let cur = (rem << 32) | u64::from(*limb);
        *limb = (cur / d) as u32;
        rem = cur % d;
    }
    rem as u32
}

/// Adds one to the little-endian limbs.
fn add_one(limbs: &mut [u32; 6]) {
    for limb in limbs.iter_mut() {
        let (v, carry) = limb.overflowing_add(1);
        *limb = v;
        if !carry {
            break;
        }
    }
}

/// `m / 10^n` rounded half to even (`n` ≤ 19, `m` < 2^64).
fn round_half_even(m: u128, n: u32) -> u128 {
    let p = pow10(n);
    let (q, r) = div_rem(m, p);
    let half = p / 2;
    if r > half || (r == half && q & 1 == 1) {
        q + 1
    } else {
        q
    }
}

/// How [`round_dp`] rounds.
#[derive(Clone, Copy)]
pub(super) enum Rounding {
    /// Toward zero.
    ToZero,
    /// Toward negative infinity.
    Down,
    /// To nearest, ties away from zero.
    HalfUp,
}

/// `a` rounded to `dp` places: unchanged when it has no more; a zero keeps its sign at
/// scale `dp`; any other result has scale `dp` and a zero result no sign.
pub(super) fn round_dp(a: Amount, dp: u32, mode: Rounding) -> Amount {
    let scale = a.scale();
    if scale <= dp {
        return a;
    }
    let m = a.magnitude();
    let negative = a.sign();
    if m == 0 {
        return Amount::from_parts(0, dp, negative);
    }
    let n = scale - dp;
    let (q, r) = match u32::try_from(pow10(n)) {
        Ok(p) => {
            let (q, r) = div_rem_small(m, p);
            (q, u128::from(r))
        }
        Err(_) => div_rem(m, pow10(n)),
    };
    let up = match mode {
        Rounding::ToZero => false,
        Rounding::Down => negative && r != 0,
        Rounding::HalfUp => r >= pow10(n) / 2,
    };
    let q = q + u128::from(up);
    Amount::from_parts(q, dp, negative && q != 0)
}

/// The order of the values (`-0 == 0`, `1.0 == 1.00`).
#[inline]
pub(super) fn compare(a: Amount, b: Amount) -> Ordering {
    if a.0 >> 96 == b.0 >> 96 && !a.sign() {
        // One scale, both signs clear: the magnitudes' order.
        return a.magnitude().cmp(&b.magnitude());
    }
    compare_values(a, b)
}

/// [`compare`] in every case.
#[inline(never)]
fn compare_values(a: Amount, b: Amount) -> Ordering {
    let (na, nb) = (a.is_negative(), b.is_negative());
    if na != nb {
        return if na {
            Ordering::Less
        } else {
            Ordering::Greater
        };
    }
    let (ma, mb) = (a.magnitude(), b.magnitude());
    let (sa, sb) = (a.scale(), b.scale());
    let by_magnitude = match sa.cmp(&sb) {
        Ordering::Equal => ma.cmp(&mb),
        // The side with fewer places scaled up; past 128 bits it is the larger.
        Ordering::Less => scale_up(ma, sb - sa).map_or(Ordering::Greater, |x| x.cmp(&mb)),
        Ordering::Greater => scale_up(mb, sa - sb).map_or(Ordering::Less, |x| ma.cmp(&x)),
    };
    if na {
        by_magnitude.reverse()
    } else {
        by_magnitude
    }
}
