//! The one inexact operation: rust_decimal's quotient (`ops/div.rs`, itself .NET's
//! `VarDecDiv`), step for step, so that a price truncated after a division moves exactly as
//! before. The 96-bit word juggling is replaced by `u128`; every decision is kept: the
//! integer quotient, then up to nine more digits at a time while they fit 96 bits and 28
//! places, half-even rounding on the remainder, and the partial removal of trailing zeros.

use super::arith::{div_rem, div_rem_small, pow10};
use super::{Amount, MAX_MAGNITUDE, MAX_SCALE};

/// The most digits one step adds (10^9 fits 32 bits).
const STEP_DIGITS: u32 = 9;

/// `a ÷ b` as rust_decimal computes it, or `None` on division by zero or overflow.
pub(super) fn quotient(a: Amount, b: Amount) -> Option<Amount> {
    let divisor = b.magnitude();
    if divisor == 0 {
        return None;
    }
    if a.is_zero() {
        return Some(Amount::ZERO);
    }
    let negative = a.sign() != b.sign();
    let mut scale = a.scale() as i32 - b.scale() as i32;
    let (mut q, mut r) = div_rem(a.magnitude(), divisor);
    let mut inexact = false;
    while r != 0 || scale < 0 {
        let digits = if r == 0 {
            // An exact quotient at a negative scale: multiplied out, or an overflow.
            STEP_DIGITS.min(scale.unsigned_abs())
        } else {
            inexact = true;
            let digits = if scale == MAX_SCALE as i32 {
                0
            } else {
                room(q, scale)?
            };
            if digits == 0 {
                // No digit left: round half-even on the remainder.
                let twice = r * 2;
                if twice > divisor || (twice == divisor && q & 1 == 1) {
                    q += 1;
                    if q > MAX_MAGNITUDE {
                        (q, scale) = drop_digit(q, scale, true)?;
                    }
                }
                break;
            }
            digits
        };
        scale += digits as i32;
        q *= pow10(digits);
        if q > MAX_MAGNITUDE {
            return None;
        }
        let (chunk, rest) = div_rem(r * pow10(digits), divisor);
        r = rest;
        q += chunk;
        if q > MAX_MAGNITUDE {
            (q, scale) = drop_digit(q, scale, r != 0)?;
            break;
        }
    }
    if inexact {
        (q, scale) = strip_zeros(q, scale);
    }
    let scale = u32::try_from(scale).ok()?;
    Some(Amount::from_parts(q, scale, negative && q != 0))
}

/// How many digits (at most nine, and none past 28 places) `q` may still gain within 96
/// bits; `None` when fewer than nine are left and they do not bring a negative scale to 0
/// (rust_decimal's `find_scale`).
fn room(q: u128, scale: i32) -> Option<u32> {
    let cap = if scale > MAX_SCALE as i32 - STEP_DIGITS as i32 {
        (MAX_SCALE as i32 - scale) as u32
    } else {
        STEP_DIGITS
    };
    let mut digits = 0;
    while digits < cap && q * pow10(digits + 1) <= MAX_MAGNITUDE {
        digits += 1;
    }
    if digits < STEP_DIGITS && digits as i32 + scale < 0 {
        return None;
    }
    Some(digits)
}

/// `q` (above 2^96, below 2^97) with one digit less, rounded half-even (`sticky`: a non-zero
/// remainder lies below that digit), or `None` at scale 0.
fn drop_digit(q: u128, scale: i32, sticky: bool) -> Option<(u128, i32)> {
    if scale < 1 {
        return None;
    }
    let (mut q, digit) = div_rem_small(q, 10);
    if digit > 5 || (digit == 5 && (sticky || q & 1 == 1)) {
        q += 1;
    }
    Some((q, scale - 1))
}

/// Removes trailing zeros as rust_decimal's `unscale` does: eight at a time only while the
/// low 32 bits are zero, then four, two and one at most once each.
fn strip_zeros(mut q: u128, mut scale: i32) -> (u128, i32) {
    while q as u32 == 0 && scale >= 8 && strip(&mut q, &mut scale, 8) {}
    for (digits, low_bits) in [(4, 0xf), (2, 0x3), (1, 0x1)] {
        if q & low_bits == 0 && scale >= digits as i32 {
            strip(&mut q, &mut scale, digits);
        }
    }
    (q, scale)
}

/// Divides `q` by `10^digits` (`digits` ≤ 9) when it is a multiple; whether it was.
fn strip(q: &mut u128, scale: &mut i32, digits: u32) -> bool {
    let (d, r) = div_rem_small(*q, pow10(digits) as u32);
    if r == 0 {
        *q = d;
        *scale -= digits as i32;
    }
    r == 0
}
