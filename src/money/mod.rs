//! [`Amount`]: the one money type of the project.
//!
//! An amount is an exact decimal (a 96-bit mantissa and up to 28 decimal places, the range of
//! rust_decimal, whose results it reproduces on its own integers). It is read from decimal
//! strings or from the raw text of JSON numbers, never through `f64`, and written in one
//! canonical plain notation (`"10.5"`, `"0.0000001"`, `"0"`).

use std::fmt;
use std::str::FromStr;

#[cfg(feature = "serde")]
use serde::de::{self, Deserializer, MapAccess, Visitor};
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize, Serializer};

use crate::error::{ErrorCode, quote_input};

mod arith;
pub(crate) use arith::checked_pow10;
mod divide;
#[cfg(test)]
mod oracle;
mod parse;

pub(crate) use arith::mul_wide;

/// The longest text accepted as an amount. Longer input is rejected before it is scanned.
pub const MAX_AMOUNT_TEXT_LEN: usize = 128;

/// The most significant digits an amount may have (rust_decimal's precision).
pub const MAX_SIGNIFICANT_DIGITS: usize = 28;

/// The most decimal places an amount may have.
pub const MAX_SCALE: u32 = 28;

/// How many characters of a rejected input an error message quotes.
const QUOTE_CHARS: usize = 64;

/// Why a text is not an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvalidReason {
    /// The empty string.
    Empty,
    /// Not `-?digits[.digits][(e|E)[+|-]digits]`.
    Syntax,
    /// More than [`MAX_SIGNIFICANT_DIGITS`] significant digits.
    TooManyDigits,
    /// Too large, or more than [`MAX_SCALE`] decimal places.
    OutOfRange,
    /// Longer than [`MAX_AMOUNT_TEXT_LEN`] characters.
    TooLong,
    /// A JS `NaN` or `±Infinity`.
    NotFinite,
    /// Neither a string nor a number (the JS type is given).
    WrongType(&'static str),
}

impl InvalidReason {
    /// The reason's text (`WrongType`: its start, the JS type follows). Literals, not
    /// `write!` with the limits: no integer formatting per message; the test
    /// `reason_texts_name_the_limits` keeps them equal to the constants.
    fn text(self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::Syntax => {
                "expected a decimal number such as 12.34, -5 or 1e-7 (ASCII digits, no sign '+', no separators)"
            }
            Self::TooManyDigits => "more than 28 significant digits",
            Self::OutOfRange => {
                "out of range (at most 79228162514264337593543950335 in magnitude and 28 decimal places)"
            }
            Self::TooLong => "longer than 128 characters",
            Self::NotFinite => "not a finite number",
            Self::WrongType(_) => "expected a string or a number, got ",
        }
    }
}

impl fmt::Display for InvalidReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())?;
        match self {
            Self::WrongType(ty) => f.write_str(ty),
            _ => Ok(()),
        }
    }
}

/// Errors of amount parsing and arithmetic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    /// The input is not an amount.
    Invalid {
        /// The rejected text, cut to 64 characters (absent when the input was not text or
        /// was rejected from its length alone).
        input: Option<String>,
        /// Why it was rejected.
        reason: InvalidReason,
    },
    /// An arithmetic result does not fit an amount.
    Overflow {
        /// The operation that overflowed (`add`, `mul`, …).
        operation: &'static str,
    },
}

impl std::error::Error for AmountError {}

/// `invalid amount "{input}": {reason}` (no input: `invalid amount: {reason}`) and
/// `amount overflow in {operation}`, written piece by piece (no `format!` of the input).
impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AmountError::Invalid { input, reason } => {
                f.write_str("invalid amount")?;
                if let Some(input) = input {
                    f.write_str(" \"")?;
                    f.write_str(input)?;
                    f.write_str("\"")?;
                }
                f.write_str(": ")?;
                fmt::Display::fmt(reason, f)
            }
            AmountError::Overflow { operation } => {
                f.write_str("amount overflow in ")?;
                f.write_str(operation)
            }
        }
    }
}

impl AmountError {
    fn invalid(input: &str, reason: InvalidReason) -> Self {
        AmountError::Invalid {
            input: Some(quote_input(input, QUOTE_CHARS)),
            reason,
        }
    }

    /// The error for a JS value that is neither a string nor a number.
    pub fn wrong_type(js_type: &'static str) -> Self {
        AmountError::Invalid {
            input: None,
            reason: InvalidReason::WrongType(js_type),
        }
    }

    /// The error for a string too long to be read (rejected from its length alone).
    pub fn too_long() -> Self {
        AmountError::Invalid {
            input: None,
            reason: InvalidReason::TooLong,
        }
    }
}

impl ErrorCode for AmountError {
    fn code(&self) -> &'static str {
        match self {
            AmountError::Invalid { .. } => crate::codes::error::INVALID_AMOUNT,
            AmountError::Overflow { .. } => crate::codes::error::AMOUNT_OVERFLOW,
        }
    }
}

/// An exact money amount: a sign, a 96-bit magnitude and a scale of 0 to 28 decimal places,
/// the value range and the results of rust_decimal's `Decimal`, packed into one `u128`.
///
/// `Amount` keeps the scale it was computed with (`1.5 + 1.5` is `3.0`; the allocation reads
/// it) but compares and hashes by value (`1.0 == 1.00`) and always prints canonically.
// Own integers, not rust_decimal (its results bit for bit, proved by `oracle.rs`): the pricing
// module 331,093 -> 314,726 B (132,860 -> 127,774 gzipped), a wallet quote 7.7 % fewer instructions.
// A `u128` is 16-byte aligned in wasm32, so structs holding amounts are padded (a 300-coupon
// wallet 357,827 B; 321,126 B as `[u32; 4]`, measured on the build of 09a27d3), but packing to words cost +1,534 B gzipped of the
// pricing module (`[u64; 2]`: +2,080 B, 330,301 B): size wins, the module's budget is missed.
#[derive(Clone, Copy, Default)]
pub struct Amount(u128);

/// The bit of the packed representation holding the sign (set: negative; a zero may carry it).
const SIGN_BIT: u128 = 1 << 127;
/// Where the scale sits in the packed representation.
const SCALE_SHIFT: u32 = 96;
/// The largest magnitude: 2^96 − 1 = 79,228,162,514,264,337,593,543,950,335.
pub(crate) const MAX_MAGNITUDE: u128 = (1 << 96) - 1;

impl Amount {
    /// Zero.
    pub const ZERO: Amount = Amount(0);

    /// The amount `±magnitude × 10^-scale` (`magnitude` ≤ [`MAX_MAGNITUDE`], `scale` ≤ 28:
    /// every caller has checked both).
    const fn from_parts(magnitude: u128, scale: u32, negative: bool) -> Amount {
        let sign = if negative { SIGN_BIT } else { 0 };
        Amount(sign | ((scale as u128) << SCALE_SHIFT) | (magnitude & MAX_MAGNITUDE))
    }

    /// The magnitude of the mantissa.
    const fn magnitude(self) -> u128 {
        self.0 & MAX_MAGNITUDE
    }

    /// Whether the sign bit is set (a zero may carry it, as rust_decimal's may).
    const fn sign(self) -> bool {
        self.0 & SIGN_BIT != 0
    }

    /// The amount without its sign.
    const fn abs(self) -> Amount {
        Amount(self.0 & !SIGN_BIT)
    }

    /// The number of decimal places the amount is kept with (`1.5 + 1.5` has 1; parsing
    /// drops trailing zeros, so `"1.50"` has 1 too).
    pub const fn scale(self) -> u32 {
        ((self.0 >> SCALE_SHIFT) & 0xff) as u32
    }

    /// The mantissa: the amount is `mantissa × 10^-scale`.
    pub const fn mantissa(self) -> i128 {
        let m = self.magnitude() as i128;
        if self.sign() { -m } else { m }
    }

    /// `mantissa × 10^-scale`, or `None` when the mantissa has more than 96 bits or the scale
    /// is above 28.
    pub const fn from_mantissa(mantissa: i128, scale: u32) -> Option<Amount> {
        let magnitude = mantissa.unsigned_abs();
        if magnitude > MAX_MAGNITUDE || scale > MAX_SCALE {
            return None;
        }
        Some(Amount::from_parts(magnitude, scale, mantissa < 0))
    }

    /// Parses a decimal string: `-?digits[.digits]`, optionally with a JSON-style exponent
    /// (`1e-7`, `2.5E+3`). Leading zeros are allowed; everything else is rejected.
    pub fn parse(text: &str) -> Result<Amount, AmountError> {
        if text.len() > MAX_AMOUNT_TEXT_LEN {
            return Err(AmountError::invalid(text, InvalidReason::TooLong));
        }
        parse::parse_decimal(text).map_err(|reason| AmountError::invalid(text, reason))
    }

    /// Reads the shortest round-trip decimal form of a JS number (what `String(n)` gives).
    /// `NaN`, `Infinity` and `-Infinity` are rejected as not finite.
    pub fn parse_js_number(repr: &str) -> Result<Amount, AmountError> {
        match repr {
            "NaN" | "Infinity" | "-Infinity" => {
                Err(AmountError::invalid(repr, InvalidReason::NotFinite))
            }
            _ => Amount::parse(repr),
        }
    }

    /// The amount as a `rust_decimal::Decimal` (the same mantissa, scale and sign).
    #[cfg(feature = "rust_decimal")]
    pub fn as_decimal(self) -> rust_decimal::Decimal {
        self.into()
    }

    /// Whether the amount is zero (of any scale or sign).
    pub const fn is_zero(self) -> bool {
        self.magnitude() == 0
    }

    /// Whether the amount is below zero.
    pub const fn is_negative(self) -> bool {
        self.sign() && !self.is_zero()
    }

    /// Truncates to `dp` decimal places, toward zero (BSS "抹零": `0.0459 → 0.04`).
    #[inline(never)]
    pub fn trunc_dp(self, dp: u32) -> Amount {
        arith::round_dp(self, dp, arith::Rounding::ToZero)
    }

    /// Rounds down to `dp` decimal places, toward negative infinity. Out of line: it is
    /// called all over the engine, one copy keeps the wasm small.
    #[inline(never)]
    pub fn floor_dp(self, dp: u32) -> Amount {
        arith::round_dp(self, dp, arith::Rounding::Down)
    }

    /// Rounds half-up to `dp` decimal places (ties away from zero: `0.125 → 0.13`,
    /// `-0.125 → -0.13`).
    pub fn round_half_up_dp(self, dp: u32) -> Amount {
        arith::round_dp(self, dp, arith::Rounding::HalfUp)
    }

    /// The amount with exactly `dp` decimal places (`"105"` → `"105.00"` for `dp = 2`),
    /// rounding half-up when it has more.
    pub fn to_fixed(self, dp: u32) -> String {
        // An amount holds at most 28 places: rounded to what it can hold, then written with
        // `dp` places (zeros past the 28th).
        let mut text = String::with_capacity(32);
        push_decimal(
            &mut text,
            self.round_half_up_dp(dp.min(MAX_SCALE)),
            dp as usize,
        );
        text
    }

    /// `self + rhs`, exact, or an overflow error: a sum that would need more than
    /// [`MAX_SIGNIFICANT_DIGITS`] digits (rust_decimal would round it silently, and
    /// `normalizeAmount` would refuse what it prints) is `amount_overflow` (issue 13 item 7).
    #[inline]
    pub fn checked_add(self, rhs: Amount) -> Result<Amount, AmountError> {
        checked_sum(self, rhs, false)
    }

    /// `self - rhs`, exact, or an overflow error (see [`checked_add`](Self::checked_add)).
    #[inline]
    pub fn checked_sub(self, rhs: Amount) -> Result<Amount, AmountError> {
        checked_sum(self, rhs, true)
    }

    /// `self × rhs`, exact, or an overflow error: a product whose exact digits do not fit
    /// (more than 28 decimal places or significant digits) is `amount_overflow`, never
    /// rounded. Its scale is the sum of the operands' scales without their trailing zeros.
    #[inline(never)]
    pub fn checked_mul(self, rhs: Amount) -> Result<Amount, AmountError> {
        arith::product(self, rhs).ok_or(AmountError::Overflow { operation: "mul" })
    }

    /// `self × rhs` floored to `dp` places, for non-negative caps: exact when the product
    /// fits; otherwise from the rounded product (rust_decimal's, half-even), one step lower
    /// when rounding may have lifted it onto the step (a cap is never higher than the exact
    /// one).
    pub fn checked_mul_floor(self, rhs: Amount, dp: u32) -> Result<Amount, AmountError> {
        if let Ok(p) = self.checked_mul(rhs) {
            return Ok(p.floor_dp(dp));
        }
        let overflow = AmountError::Overflow { operation: "mul" };
        let r = arith::rounded_product(self, rhs).ok_or(overflow.clone())?;
        let f = r.floor_dp(dp);
        if f == r && !f.is_zero() {
            // One step of `dp` places (none finer than 28 places exists: an overflow).
            let step = Amount::from_mantissa(1, dp).ok_or(overflow)?;
            return f.checked_sub(step);
        }
        Ok(f)
    }

    /// `self ÷ rhs`, or an error on overflow or division by zero. Inexact: the quotient of
    /// rust_decimal, digit for digit (see `divide.rs`).
    pub fn checked_div(self, rhs: Amount) -> Result<Amount, AmountError> {
        divide::quotient(self, rhs).ok_or(AmountError::Overflow { operation: "div" })
    }
}

/// [`Amount::checked_add`] and [`Amount::checked_sub`]: one out-of-line copy of the sum, the
/// engine's most frequent operation, its common case apart (a small body, few registers saved).
#[inline(never)]
fn checked_sum(a: Amount, b: Amount, subtract: bool) -> Result<Amount, AmountError> {
    match arith::small_sum(a, b, subtract) {
        Some(r) => Ok(r),
        None => any_sum(a, b, subtract),
    }
}

/// [`checked_sum`] in every case.
#[inline(never)]
fn any_sum(a: Amount, b: Amount, subtract: bool) -> Result<Amount, AmountError> {
    arith::sum(a, b, subtract).ok_or(AmountError::Overflow {
        operation: if subtract { "sub" } else { "add" },
    })
}

/// Equal by value, whatever the scales and the sign of a zero (`1.0 == 1.00`, `-0 == 0`).
impl PartialEq for Amount {
    #[inline(never)]
    fn eq(&self, other: &Amount) -> bool {
        self.0 == other.0 || self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl Eq for Amount {}

impl PartialOrd for Amount {
    fn partial_cmp(&self, other: &Amount) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Ordered by value.
impl Ord for Amount {
    // One out-of-line copy: amounts are compared all over the engine.
    #[inline(never)]
    fn cmp(&self, other: &Amount) -> std::cmp::Ordering {
        arith::compare(*self, *other)
    }
}

/// Hashed by value (the normalized mantissa and scale), consistent with `Eq`.
impl std::hash::Hash for Amount {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let (magnitude, scale) = arith::normalize(self.magnitude(), self.scale());
        magnitude.hash(state);
        scale.hash(state);
        self.is_negative().hash(state);
    }
}

/// `Amount(105.00)`: the mantissa with its scale, as `Decimal`'s `Debug` wrote it.
impl fmt::Debug for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::with_capacity(40);
        if self.sign() {
            text.push('-');
        }
        push_decimal(&mut text, self.abs(), self.scale() as usize);
        write!(f, "Amount({text})")
    }
}

#[cfg(feature = "rust_decimal")]
impl From<rust_decimal::Decimal> for Amount {
    fn from(d: rust_decimal::Decimal) -> Self {
        from_decimal(d)
    }
}

#[cfg(feature = "rust_decimal")]
impl From<Amount> for rust_decimal::Decimal {
    fn from(a: Amount) -> Self {
        to_decimal(a)
    }
}

/// The same mantissa, scale and sign (a negative zero stays one).
#[cfg(any(test, feature = "rust_decimal"))]
fn from_decimal(d: rust_decimal::Decimal) -> Amount {
    Amount::from_parts(d.mantissa().unsigned_abs(), d.scale(), d.is_sign_negative())
}

/// The same mantissa, scale and sign (a negative zero stays one).
#[cfg(any(test, feature = "rust_decimal"))]
fn to_decimal(a: Amount) -> rust_decimal::Decimal {
    let mut d = rust_decimal::Decimal::from_i128_with_scale(a.magnitude() as i128, a.scale());
    d.set_sign_negative(a.sign());
    d
}

impl From<i64> for Amount {
    fn from(n: i64) -> Self {
        Amount::from_parts(u128::from(n.unsigned_abs()), 0, n < 0)
    }
}

impl FromStr for Amount {
    type Err = AmountError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Amount::parse(s)
    }
}

/// Canonical form: plain notation, no exponent, no `+`, no leading zeros, no insignificant
/// trailing zeros, and `-0` written `0`.
impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::with_capacity(32);
        push_decimal(&mut text, *self, 0);
        f.write_str(&text)
    }
}

/// Appends `a` in plain notation with at least `min_decimals` decimals and no other trailing
/// zero: `money_text` with 2, the canonical `Display` text with 0.
pub fn push_decimal(out: &mut String, a: Amount, min_decimals: usize) {
    // The mantissa's digits with the point `scale` digits from the right, the fraction's
    // trailing zeros cut down to `min_decimals` (or zeros added up to them).
    let mantissa = a.magnitude();
    let scale = a.scale() as usize;
    if a.is_negative() {
        out.push('-');
    }
    wide_digits(out, mantissa, scale + 1);
    let point = out.len() - scale;
    let mut end = out.len();
    while end > point + min_decimals && out.as_bytes()[end - 1] == b'0' {
        end -= 1;
    }
    out.truncate(end);
    if end > point || min_decimals > 0 {
        out.insert(point, '.');
    }
    for _ in scale..min_decimals {
        out.push('0');
    }
}

// The digit writers live in `text`, the lowest layer, so that the catalogs' renderer there
// can write integers without depending on this area.
pub use crate::text::{digits, wide_digits};

#[cfg(feature = "serde")]
impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// serde_json's token for a number kept as raw text (`arbitrary_precision`).
#[cfg(feature = "serde")]
const RAW_NUMBER_TOKEN: &str = "$serde_json::private::Number";

#[cfg(feature = "serde")]
impl<'de> Deserialize<'de> for Amount {
    /// Accepts a decimal string or a JSON number, both read from their text.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AmountVisitor)
    }
}

#[cfg(feature = "serde")]
struct AmountVisitor;

#[cfg(feature = "serde")]
impl<'de> Visitor<'de> for AmountVisitor {
    type Value = Amount;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an amount as a decimal string or a JSON number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
        Amount::parse(v).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
        Ok(Amount::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
        Ok(Amount::from_parts(u128::from(v), 0, false))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Amount, E> {
        // Only reachable from a deserializer that has already lost the number's text.
        Err(E::custom(
            "amounts must be read from text, not from a floating-point number",
        ))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Amount, A::Error> {
        match map.next_key::<String>()? {
            Some(key) if key == RAW_NUMBER_TOKEN => {
                let text: String = map.next_value()?;
                Amount::parse(&text).map_err(de::Error::custom)
            }
            _ => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reasons' literal texts name the limits the code applies.
    #[test]
    fn reason_texts_name_the_limits() {
        let text = |r: InvalidReason| r.to_string();
        assert_eq!(
            text(InvalidReason::TooManyDigits),
            format!("more than {MAX_SIGNIFICANT_DIGITS} significant digits")
        );
        assert_eq!(
            text(InvalidReason::OutOfRange),
            format!(
                "out of range (at most {MAX_MAGNITUDE} in magnitude and {MAX_SCALE} decimal places)"
            )
        );
        assert_eq!(
            text(InvalidReason::TooLong),
            format!("longer than {MAX_AMOUNT_TEXT_LEN} characters")
        );
        assert_eq!(
            AmountError::wrong_type("boolean").to_string(),
            "invalid amount: expected a string or a number, got boolean"
        );
        assert_eq!(
            AmountError::invalid("x", InvalidReason::Empty).to_string(),
            "invalid amount \"x\": empty"
        );
    }

    /// `Display` and `to_fixed` write what `Decimal`'s `Display` wrote before.
    #[test]
    fn text_is_decimal_display() {
        for t in [
            "0",
            "-0",
            "-0.000",
            "105",
            "105.00",
            "-1.50",
            "0.00064",
            "0.1",
            "123456789.123456789",
            "999999999999999999.99",
            "-999999999999999999.999",
            "0.000000000000000001",
            "99999999999999.5",
            "10",
            "-100.010",
        ] {
            let a = Amount::parse(t).unwrap();
            assert_eq!(a.to_string(), to_decimal(a).normalize().to_string(), "{t}");
            for dp in [0, 1, 2, 5, 28, 30] {
                let held = dp.min(28);
                let mut d = to_decimal(a.round_half_up_dp(held));
                d.rescale(held);
                if d.is_zero() {
                    d.set_sign_positive(true);
                }
                let mut want = d.to_string();
                let places = want.split_once('.').map_or(0, |(_, f)| f.len()) as u32;
                if places < dp {
                    if places == 0 {
                        want.push('.');
                    }
                    want.extend(std::iter::repeat_n('0', (dp - places) as usize));
                }
                assert_eq!(a.to_fixed(dp), want, "{t} to {dp}");
            }
        }
    }

    #[test]
    fn to_fixed_writes_any_number_of_places_without_panicking() {
        let a = Amount::parse("1.5").unwrap();
        assert_eq!(a.to_fixed(0), "2");
        assert_eq!(a.to_fixed(28), format!("1.5{}", "0".repeat(27)));
        for dp in [29, 31, 40, 1000] {
            assert_eq!(
                a.to_fixed(dp),
                format!("1.5{}", "0".repeat(dp as usize - 1))
            );
        }
        let big = Amount::parse("12345678901234567890123456.7").unwrap();
        assert_eq!(
            big.to_fixed(31),
            format!("12345678901234567890123456.7{}", "0".repeat(30))
        );
        let tiny = Amount::parse("-0.001").unwrap();
        assert_eq!(tiny.to_fixed(31), format!("-0.001{}", "0".repeat(28)));
        assert_eq!(tiny.to_fixed(2), "0.00");
    }

    fn canon(s: &str) -> String {
        Amount::parse(s).unwrap().to_string()
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(canon("0010.500"), "10.5");
        assert_eq!(canon("1e-7"), "0.0000001");
        assert_eq!(canon("2.5E+3"), "2500");
        assert_eq!(canon("-0"), "0");
        assert_eq!(canon("-0.000e5"), "0");
        assert_eq!(canon("0e999999999999999999"), "0");
        assert_eq!(canon("105.00"), "105");
        assert_eq!(
            canon("7922816251426433759354395033"),
            "7922816251426433759354395033"
        );
        assert_eq!(canon("-7.9e28"), "-79000000000000000000000000000");
        assert_eq!(
            canon("0.0000000000000000000000000001"),
            "0.0000000000000000000000000001"
        );
    }

    #[test]
    fn rejections() {
        let reason = |s: &str| match Amount::parse(s) {
            Err(AmountError::Invalid { reason, .. }) => reason,
            other => panic!("{s:?} gave {other:?}"),
        };
        assert_eq!(reason(""), InvalidReason::Empty);
        assert_eq!(reason("+1"), InvalidReason::Syntax);
        assert_eq!(reason(" 1"), InvalidReason::Syntax);
        assert_eq!(reason("1."), InvalidReason::Syntax);
        assert_eq!(reason(".5"), InvalidReason::Syntax);
        assert_eq!(reason("1e"), InvalidReason::Syntax);
        assert_eq!(reason("１２３"), InvalidReason::Syntax);
        assert_eq!(
            reason("79228162514264337593543950335"),
            InvalidReason::TooManyDigits
        );
        assert_eq!(reason("8e28"), InvalidReason::OutOfRange);
        assert_eq!(reason("1e29"), InvalidReason::OutOfRange);
        assert_eq!(reason("1e-29"), InvalidReason::OutOfRange);
        assert_eq!(
            reason("1.2345678901234567890123456789"),
            InvalidReason::TooManyDigits
        );
        assert_eq!(reason(&"1".repeat(200)), InvalidReason::TooLong);
        assert_eq!(
            Amount::parse_js_number("NaN").unwrap_err().code(),
            "invalid_amount"
        );
    }

    #[test]
    fn error_quotes_input_cut_to_64_chars() {
        let long = format!("x{}", "9".repeat(100));
        let msg = Amount::parse(&long).unwrap_err().to_string();
        assert!(msg.contains(&format!("\"x{}…\"", "9".repeat(63))), "{msg}");
    }

    #[test]
    fn rounding_helpers() {
        let a = |s: &str| Amount::parse(s).unwrap();
        assert_eq!(a("0.0459").trunc_dp(2).to_string(), "0.04");
        assert_eq!(a("-0.0459").trunc_dp(2).to_string(), "-0.04");
        assert_eq!(a("-0.0451").floor_dp(2).to_string(), "-0.05");
        assert_eq!(a("0.125").round_half_up_dp(2).to_string(), "0.13");
        assert_eq!(a("0.124").round_half_up_dp(2).to_string(), "0.12");
        assert_eq!(a("-0.125").round_half_up_dp(2).to_string(), "-0.13");
        assert_eq!(a("105").to_fixed(2), "105.00");
        assert_eq!(a("-0.001").to_fixed(2), "0.00");
    }

    #[test]
    fn checked_arithmetic_reports_overflow() {
        let big = Amount::parse("7.9e28").unwrap();
        let err = big.checked_add(big).unwrap_err();
        assert_eq!(err.code(), "amount_overflow");
        assert!(Amount::from(1).checked_div(Amount::ZERO).is_err());
        // Past 28 significant digits: an error, never a silent rounding (issue 13 item 7).
        let a = |s: &str| Amount::parse(s).unwrap();
        let sum = a("500000000000.0000000000000001").checked_add(a("0.00000000000000005"));
        assert_eq!(sum.unwrap_err().code(), "amount_overflow");
        let sum = a("900000000000.0000000000000001").checked_add(a("0.00000000000000005"));
        assert_eq!(sum.unwrap_err().code(), "amount_overflow");
        let product = a("123456789012.3456789").checked_mul(a("0.8512345678"));
        assert_eq!(product.unwrap_err().code(), "amount_overflow");
        assert_eq!(
            a("999999999999.9999999999999999")
                .checked_add(a("0.0000000000000001"))
                .unwrap()
                .to_string(),
            "1000000000000"
        );
        assert_eq!(
            a("10.01").checked_mul(a("0.85")).unwrap().to_string(),
            "8.5085"
        );
        assert_eq!(a("0.50").checked_mul(a("0.20")).unwrap().to_string(), "0.1");
        assert_eq!(
            Amount::parse("0.1")
                .unwrap()
                .checked_add(Amount::parse("0.2").unwrap())
                .unwrap()
                .to_string(),
            "0.3"
        );
    }

    #[test]
    fn serde_reads_numbers_from_raw_text() {
        #[derive(Deserialize)]
        struct Body {
            a: Amount,
            b: Amount,
            c: Amount,
            d: Amount,
        }
        let body: Body =
            serde_json::from_str(r#"{"a": 0.1, "b": 105.00, "c": 0.0006400000, "d": "7.10"}"#)
                .unwrap();
        assert_eq!(body.a.to_string(), "0.1");
        assert_eq!(body.b.to_string(), "105");
        assert_eq!(body.c.to_string(), "0.00064");
        assert_eq!(body.d.to_string(), "7.1");
        // Through a Value too: the number's text survives.
        let v: serde_json::Value =
            serde_json::from_str(r#"{"x": 0.30000000000000004441}"#).unwrap();
        let x: Amount = serde_json::from_value(v["x"].clone()).unwrap();
        assert_eq!(x.to_string(), "0.30000000000000004441");
        assert!(serde_json::from_str::<Amount>("true").is_err());
        assert!(serde_json::from_str::<Amount>(r#""1,000""#).is_err());
        assert_eq!(serde_json::to_string(&body.b).unwrap(), r#""105""#);
    }

    /// `wide_digits` against `u128`'s `Display`, zero-padded, across the 64-bit boundary.
    #[test]
    fn wide_digits_match_display() {
        let mut x: u128 = 0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c834;
        let edges = [
            0,
            1,
            u128::from(u64::MAX),
            u128::from(u64::MAX) + 1,
            u128::MAX,
            10u128.pow(38),
        ];
        for i in 0..2000u32 {
            x = x
                .wrapping_mul(0x2360_ed05_1fc6_5da4_4385_df64_9fcc_f645)
                .wrapping_add(1);
            let v = edges.get(i as usize).copied().unwrap_or(x >> (i % 128));
            for width in [1, 20, 25, 40] {
                let mut out = String::new();
                wide_digits(&mut out, v, width);
                assert_eq!(out, format!("{v:0width$}"));
            }
        }
    }
}
