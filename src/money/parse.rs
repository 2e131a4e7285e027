//! Reading an amount from its text: the grammar, the digit limit and the range.

use super::{Amount, InvalidReason, MAX_MAGNITUDE, MAX_SCALE, MAX_SIGNIFICANT_DIGITS};

/// The grammar and range checks, on bytes: `-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
pub(super) fn parse_decimal(text: &str) -> Result<Amount, InvalidReason> {
    let b = text.as_bytes();
    if b.is_empty() {
        return Err(InvalidReason::Empty);
    }
    let mut i = 0;
    let negative = b[0] == b'-';
    if negative {
        i = 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    // `get`, not `[..]`: the indexes are in range, and slicing would link its panic.
    let int_digits = b.get(int_start..i).unwrap_or_default();
    if int_digits.is_empty() {
        return Err(InvalidReason::Syntax);
    }
    let mut frac_digits: &[u8] = &[];
    if i < b.len() && b[i] == b'.' {
        let start = i + 1;
        i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        frac_digits = b.get(start..i).unwrap_or_default();
        if frac_digits.is_empty() {
            return Err(InvalidReason::Syntax);
        }
    }
    let mut exponent: i64 = 0;
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        let mut exp_negative = false;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            exp_negative = b[i] == b'-';
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            // Saturate: any exponent beyond a few hundred is out of range anyway.
            exponent = (exponent * 10 + i64::from(b[i] - b'0')).min(1_000_000);
            i += 1;
        }
        if i == start {
            return Err(InvalidReason::Syntax);
        }
        if exp_negative {
            exponent = -exponent;
        }
    }
    if i != b.len() {
        return Err(InvalidReason::Syntax);
    }

    // value = digits × 10^k, with the significant digits stripped of leading and trailing zeros.
    let digits = int_digits.iter().chain(frac_digits.iter());
    let leading_zeros = digits.clone().take_while(|&&d| d == b'0').count();
    let total = int_digits.len() + frac_digits.len();
    if leading_zeros == total {
        return Ok(Amount::ZERO);
    }
    let trailing_zeros = digits.clone().rev().take_while(|&&d| d == b'0').count();
    let significant = total - leading_zeros - trailing_zeros;
    if significant > MAX_SIGNIFICANT_DIGITS {
        return Err(InvalidReason::TooManyDigits);
    }
    let k = exponent - frac_digits.len() as i64 + trailing_zeros as i64;

    let mut mantissa: u128 = 0;
    for &d in digits.skip(leading_zeros).take(significant) {
        mantissa = mantissa * 10 + u128::from(d - b'0');
    }
    let scale = if k >= 0 {
        // At most 29 digits fit 96 bits; the multiplication below cannot overflow u128.
        if significant as i64 + k > 29 {
            return Err(InvalidReason::OutOfRange);
        }
        mantissa *= 10u128.pow(k as u32);
        0
    } else {
        if -k > i64::from(MAX_SCALE) {
            return Err(InvalidReason::OutOfRange);
        }
        (-k) as u32
    };
    if mantissa > MAX_MAGNITUDE {
        return Err(InvalidReason::OutOfRange);
    }
    Ok(Amount::from_parts(mantissa, scale, negative))
}
