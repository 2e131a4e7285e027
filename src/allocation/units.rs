//! Amounts as integers of a fixed scale, for exact and fast proportional arithmetic.
//!
//! An amount at scale `s` is the integer `amount × 10^s`. Proportions (`total × w / W`) are
//! computed with a 256-bit intermediate product, so they are exact for every amount that fits
//! an `i128` at the chosen scale.

use crate::money::{Amount, AmountError, mul_wide};

fn overflow(operation: &'static str) -> AmountError {
    AmountError::Overflow { operation }
}

/// `amount × 10^scale` as an integer, or an error when `amount` has more decimal places than
/// `scale` or does not fit.
pub fn to_units(amount: Amount, scale: u32) -> Result<i128, AmountError> {
    let shift = scale.checked_sub(amount.scale()).ok_or(overflow("scale"))?;
    let (m, p) = (amount.mantissa(), pow10(shift)?);
    match (i64::try_from(m), i64::try_from(p)) {
        // Two 64-bit factors: the product fits 127 bits, no overflow check.
        (Ok(m), Ok(p)) => Ok(i128::from(m) * i128::from(p)),
        // Through the 256-bit product, not `i128::checked_mul` (`__muloti4`, 472 B of wasm).
        _ => {
            let (high, low) = mul_wide(m.unsigned_abs(), p.unsigned_abs());
            let magnitude = i128::try_from(low)
                .ok()
                .filter(|_| high == 0)
                .ok_or(overflow("scale"))?;
            Ok(if m < 0 { -magnitude } else { magnitude })
        }
    }
}

/// `amount × 10^scale` truncated toward negative infinity (for caps).
pub fn to_units_floor(amount: Amount, scale: u32) -> Result<i128, AmountError> {
    to_units(amount.floor_dp(scale), scale)
}

/// `units × 10^-scale` as an amount.
pub fn from_units(units: i128, scale: u32) -> Result<Amount, AmountError> {
    Amount::from_mantissa(units, scale).ok_or(overflow("scale"))
}

/// `10^n` as an integer (money's table of powers: `checked_pow` loops).
pub fn pow10(n: u32) -> Result<i128, AmountError> {
    crate::money::checked_pow10(n)
        .map(|p| p as i128)
        .ok_or(overflow("scale"))
}

/// `x` rounded down to a multiple of `unit` (> 0), with a 64-bit fast path (128-bit division
/// is a slow library call).
pub fn floor_to(x: i128, unit: i128) -> i128 {
    match (i64::try_from(x), i64::try_from(unit)) {
        (Ok(x), Ok(u)) => i128::from(x.div_euclid(u) * u),
        _ => x.div_euclid(unit) * unit,
    }
}

/// The number of decimal places of an amount (`"1.05"` has 2; parsing drops trailing zeros).
pub fn scale_of(amount: Amount) -> u32 {
    amount.scale()
}

/// `(a × b) div c` and `(a × b) mod c` for `b ≤ c`, exact through a 256-bit product.
pub fn mul_div_rem(a: u128, b: u128, c: u128) -> (u128, u128) {
    debug_assert!(c > 0 && b <= c);
    // Amounts of everyday size: one 64-bit division.
    if let (Ok(a), Ok(b), Ok(c)) = (u64::try_from(a), u64::try_from(b), u64::try_from(c)) {
        if let Some(p) = a.checked_mul(b) {
            return (u128::from(p / c), u128::from(p % c));
        }
    }
    let (hi, lo) = mul_wide(a, b);
    if hi == 0 {
        return (lo / c, lo % c);
    }
    // Restoring division of the 256-bit (hi, lo) by c; hi < c because b ≤ c, so the
    // quotient fits 128 bits.
    let mut rem = hi;
    let mut quotient = 0u128;
    for bit in (0..128).rev() {
        let carry = rem >> 127;
        rem = (rem << 1) | ((lo >> bit) & 1);
        quotient <<= 1;
        if carry == 1 || rem >= c {
            rem = rem.wrapping_sub(c);
            quotient |= 1;
        }
    }
    (quotient, rem)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Amount {
        Amount::parse(s).unwrap()
    }

    #[test]
    fn conversions_round_trip() {
        assert_eq!(to_units(a("1.5"), 2).unwrap(), 150);
        assert_eq!(to_units(a("-0.01"), 4).unwrap(), -100);
        assert!(to_units(a("0.001"), 2).is_err());
        assert_eq!(to_units_floor(a("0.019"), 2).unwrap(), 1);
        assert_eq!(from_units(150, 2).unwrap().to_string(), "1.5");
        assert!(to_units(a("7922816251426433759354395033"), 20).is_err());
        assert_eq!(scale_of(a("1.05")), 2);
    }

    /// `to_units` and `from_units` against the former ones on `rust_decimal`.
    #[test]
    fn units_match_the_decimal_mantissa() {
        use rust_decimal::Decimal;
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let m = (i128::from(x as i64) << (x % 40)) % 10i128.pow(28);
            let scale = (x >> 50) as u32 % 29;
            let d = Decimal::from_i128_with_scale(m, scale);
            let amount = from_units(m, scale).unwrap();
            assert_eq!((amount.mantissa(), amount.scale()), (m, scale));
            assert_eq!(amount, Amount::parse(&d.to_string()).unwrap());
            for target in [0u32, 2, 4, 10, 28, 29, 40] {
                let want = target
                    .checked_sub(d.scale())
                    .and_then(|shift| d.mantissa().checked_mul(10i128.checked_pow(shift)?));
                assert_eq!(to_units(amount, target).ok(), want, "{d} at {target}");
            }
        }
        assert!(from_units(1 << 96, 0).is_err());
        assert!(from_units(1, 29).is_err());
    }

    #[test]
    fn wide_mul_div_matches_small_arithmetic_and_big_cases() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..10_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let a = u128::from(x >> 20);
            let c = u128::from((x % 1_000_000) + 1);
            let b = u128::from(x % 997) % (c + 1);
            assert_eq!(mul_div_rem(a, b, c), (a * b / c, a * b % c));
        }
        // 256-bit intermediate: (2^127 − 1) × (2^127 − 3) / (2^127 − 2).
        let m = (1u128 << 127) - 1;
        let (q, r) = mul_div_rem(m, m - 2, m - 1);
        // m(m−2) = (m−1)^2 − 1 = (m−1)(m−1) − 1 → q = m − 2, r = m − 2.
        assert_eq!((q, r), (m - 2, m - 2));
        assert_eq!(mul_div_rem(u128::MAX, 1, 1), (u128::MAX, 0));
        assert_eq!(mul_div_rem(u128::MAX, 3, 4), (u128::MAX / 4 * 3 + 2, 1));
    }
}
