//! The oracle of the integers: the former `Amount`, written on `rust_decimal::Decimal` exactly
//! as it was, against the new one on a seeded stream of operands (28- and 29-digit
//! mantissas, scales 0 and 28, zeros with a scale and a sign, carries at 2^32, 2^64, 2^96 and
//! 10^28), every operation and rounding helper, the text and the parser. Results are compared
//! whole: mantissa, scale and sign, or the same error.

use std::hash::{DefaultHasher, Hash, Hasher};

use rust_decimal::Decimal;

use super::{Amount, AmountError, InvalidReason, arith, from_decimal, to_decimal};

/// The former implementation, unchanged but for `Amount` → `Decimal` (and the text written by
/// `Decimal`'s own `Display`).
mod reference {
    use rust_decimal::{Decimal, RoundingStrategy};

    use crate::money::{
        AmountError, InvalidReason, MAX_AMOUNT_TEXT_LEN, MAX_SCALE, MAX_SIGNIFICANT_DIGITS,
    };

    pub fn parse(text: &str) -> Result<Decimal, AmountError> {
        if text.len() > MAX_AMOUNT_TEXT_LEN {
            return Err(AmountError::invalid(text, InvalidReason::TooLong));
        }
        parse_decimal(text).map_err(|reason| AmountError::invalid(text, reason))
    }

    pub fn trunc_dp(d: Decimal, dp: u32) -> Decimal {
        d.round_dp_with_strategy(dp, RoundingStrategy::ToZero)
    }

    pub fn floor_dp(d: Decimal, dp: u32) -> Decimal {
        d.round_dp_with_strategy(dp, RoundingStrategy::ToNegativeInfinity)
    }

    pub fn round_half_up_dp(d: Decimal, dp: u32) -> Decimal {
        d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
    }

    pub fn to_fixed(a: Decimal, dp: u32) -> String {
        let held = dp.min(28);
        let mut d = round_half_up_dp(a, held);
        d.rescale(held);
        if d.is_zero() {
            d.set_sign_positive(true);
        }
        // `money::push_decimal` wrote this; `Decimal`'s `Display` is the independent oracle.
        // (Its buffer is short: the zeros past the scale are added here.)
        let mut text = d.to_string();
        if d.scale() == 0 && dp > 0 {
            text.push('.');
        }
        text.extend(std::iter::repeat_n('0', (dp - d.scale()) as usize));
        text
    }

    /// The canonical text, through `Decimal`'s `Display`.
    pub fn text(d: Decimal) -> String {
        d.normalize().to_string()
    }

    pub fn checked_add(a: Decimal, b: Decimal) -> Result<Decimal, AmountError> {
        let r = a.checked_add(b);
        exact(r, sum_scale(a, b, r), "add")
    }

    pub fn checked_sub(a: Decimal, b: Decimal) -> Result<Decimal, AmountError> {
        let r = a.checked_sub(b);
        exact(r, sum_scale(a, b, r), "sub")
    }

    pub fn checked_mul(a: Decimal, b: Decimal) -> Result<Decimal, AmountError> {
        let (a, b) = (a.normalize(), b.normalize());
        if a.is_zero() || b.is_zero() {
            return Ok(Decimal::ZERO);
        }
        let r = a.checked_mul(b);
        exact(r, a.scale() + b.scale(), "mul")
    }

    /// As before, for `dp` ≤ 28 (past 28 `Decimal::from_parts` panicked).
    pub fn checked_mul_floor(a: Decimal, b: Decimal, dp: u32) -> Result<Decimal, AmountError> {
        if let Ok(p) = checked_mul(a, b) {
            return Ok(floor_dp(p, dp));
        }
        let r = a
            .checked_mul(b)
            .ok_or(AmountError::Overflow { operation: "mul" })?;
        let f = floor_dp(r, dp);
        if f == r && !f.is_zero() {
            return checked_sub(f, Decimal::from_parts(1, 0, 0, false, dp));
        }
        Ok(f)
    }

    pub fn checked_div(a: Decimal, b: Decimal) -> Result<Decimal, AmountError> {
        a.checked_div(b)
            .ok_or(AmountError::Overflow { operation: "div" })
    }

    fn sum_scale(a: Decimal, b: Decimal, r: Option<Decimal>) -> u32 {
        let s = |d: Decimal| if d.is_zero() { 0 } else { d.scale() };
        if r.is_some_and(|r| r.is_zero()) {
            0
        } else {
            s(a).max(s(b))
        }
    }

    fn exact(
        r: Option<Decimal>,
        scale: u32,
        operation: &'static str,
    ) -> Result<Decimal, AmountError> {
        let overflow = AmountError::Overflow { operation };
        let r = r.ok_or(overflow.clone())?;
        if r.scale() < scale {
            return Err(overflow);
        }
        const LIMIT: u128 = 10u128.pow(MAX_SIGNIFICANT_DIGITS as u32);
        if r.mantissa().unsigned_abs() >= LIMIT && r.normalize().mantissa().unsigned_abs() >= LIMIT
        {
            return Err(overflow);
        }
        Ok(r)
    }

    /// The former grammar, frozen here: the new parser must keep its every verdict.
    fn parse_decimal(text: &str) -> Result<Decimal, InvalidReason> {
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
        let int_digits = &b[int_start..i];
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
            frac_digits = &b[start..i];
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
        let digits = int_digits.iter().chain(frac_digits.iter());
        let leading_zeros = digits.clone().take_while(|&&d| d == b'0').count();
        let total = int_digits.len() + frac_digits.len();
        if leading_zeros == total {
            return Ok(Decimal::ZERO);
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
        if mantissa >= 1u128 << 96 {
            return Err(InvalidReason::OutOfRange);
        }
        let signed = if negative {
            -(mantissa as i128)
        } else {
            mantissa as i128
        };
        Decimal::try_from_i128_with_scale(signed, scale).map_err(|_| InvalidReason::OutOfRange)
    }
}

/// A seeded xorshift stream of operands.
struct Operands(u64);

const MAX: u128 = (1 << 96) - 1;

/// Magnitudes at the edges: word carries, the digit limit, the range's end.
fn edges() -> Vec<u128> {
    let mut v = vec![
        0,
        1,
        2,
        5,
        9,
        10,
        15,
        25,
        99,
        100,
        (1 << 32) - 1,
        1 << 32,
        (1 << 32) + 1,
        (1 << 64) - 1,
        1 << 64,
        (1 << 64) + 1,
        MAX - 1,
        MAX,
        MAX / 10,
        MAX / 10 + 1,
        MAX / 2,
        10u128.pow(28) - 1,
        10u128.pow(28),
        10u128.pow(28) + 1,
        10u128.pow(28) * 5,
        10u128.pow(27) * 7 + 5,
        10u128.pow(19),
        10u128.pow(9),
        10u128.pow(9) - 1,
        79_228_162_514_264_337_593_543_950_330,
        333_333_333_333_333_333_333_333_333,
    ];
    v.sort_unstable();
    v.dedup();
    v
}

impl Operands {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn wide(&mut self) -> u128 {
        (u128::from(self.next()) << 64) | u128::from(self.next())
    }

    fn magnitude(&mut self, edges: &[u128]) -> u128 {
        match self.below(10) {
            0 | 1 => {
                let e = edges[self.below(edges.len() as u64) as usize];
                let delta = u128::from(self.below(4));
                match self.below(3) {
                    0 => e,
                    1 => e.saturating_sub(delta),
                    _ => (e + delta).min(MAX),
                }
            }
            2 | 3 => u128::from(self.below(1_000_000)),
            4 => u128::from(1 + self.below(9)) * 10u128.pow(self.below(28) as u32),
            // Trailing zeros under a random mantissa.
            5 => {
                (self.wide() >> (34 + self.below(60))) * 10u128.pow(self.below(8) as u32)
                    % (MAX + 1)
            }
            _ => self.wide() >> (32 + self.below(97)).min(127),
        }
    }

    fn scale(&mut self) -> u32 {
        match self.below(6) {
            0 => 0,
            1 => 28,
            2 => 2,
            _ => self.below(29) as u32,
        }
    }

    fn decimal(&mut self, edges: &[u128]) -> Decimal {
        let m = self.magnitude(edges);
        let mut d = Decimal::from_i128_with_scale(m as i128, self.scale());
        if self.below(3) == 0 {
            // A negative zero too: rounding makes them.
            d.set_sign_negative(true);
        }
        d
    }

    /// `d`, or another operand; often the same value at another scale or a neighbour.
    fn partner(&mut self, d: Decimal, edges: &[u128]) -> Decimal {
        match self.below(8) {
            0 => {
                let mut e = d;
                e.rescale((d.scale() + 1 + self.below(5) as u32).min(28));
                e
            }
            1 => -d,
            2 => Decimal::from_i128_with_scale(i128::from(self.below(200)), self.below(3) as u32),
            _ => self.decimal(edges),
        }
    }
}

fn bits(a: Amount) -> [u8; 16] {
    to_decimal(a).serialize()
}

fn same(ours: Result<Amount, AmountError>, theirs: Result<Decimal, AmountError>) -> bool {
    ours.map(bits) == theirs.map(|d| d.serialize())
}

fn hash(a: Amount) -> u64 {
    let mut h = DefaultHasher::new();
    a.hash(&mut h);
    h.finish()
}

/// Every unary operation of `d` against the reference.
fn check_one(d: Decimal) {
    let a = from_decimal(d);
    assert_eq!(bits(a), d.serialize(), "{d:?} round trip");
    assert_eq!(a.to_string(), reference::text(d), "{d:?}");
    assert_eq!(format!("{a:?}"), format!("Amount({d:?})"));
    assert_eq!(
        (a.is_zero(), a.is_negative()),
        (d.is_zero(), d.is_sign_negative() && !d.is_zero())
    );
    assert_eq!((a.mantissa(), a.scale()), (d.mantissa(), d.scale()));
    for dp in [0, 1, 2, 3, 5, 8, 9, 10, 19, 20, 27, 28, 29, 40] {
        assert_eq!(
            bits(a.trunc_dp(dp)),
            reference::trunc_dp(d, dp).serialize(),
            "{d:?} trunc {dp}"
        );
        assert_eq!(
            bits(a.floor_dp(dp)),
            reference::floor_dp(d, dp).serialize(),
            "{d:?} floor {dp}"
        );
        assert_eq!(
            bits(a.round_half_up_dp(dp)),
            reference::round_half_up_dp(d, dp).serialize(),
            "{d:?} half-up {dp}"
        );
        assert_eq!(
            a.to_fixed(dp),
            reference::to_fixed(d, dp),
            "{d:?} to_fixed {dp}"
        );
    }
    // The text written back reads as the same value.
    let text = d.to_string();
    let parsed = Amount::parse(&text);
    assert!(same(parsed.clone(), reference::parse(&text)), "{text}");
    if let Ok(p) = parsed {
        assert_eq!(p, a, "{text}");
    }
}

/// How many results of each kind the checks saw: `[ok, error]` per operation (add, sub, mul,
/// div, the rounded product, the floored product through its rounding path).
type Seen = [[u32; 2]; 6];

/// Every binary operation of `(x, y)` against the reference.
fn check_two(x: Decimal, y: Decimal, seen: &mut Seen) {
    let (a, b) = (from_decimal(x), from_decimal(y));
    for (i, ok) in [
        a.checked_add(b).is_ok(),
        a.checked_sub(b).is_ok(),
        a.checked_mul(b).is_ok(),
        a.checked_div(b).is_ok(),
        arith::rounded_product(a, b).is_some(),
        a.checked_mul(b).is_err() && a.checked_mul_floor(b, 2).is_ok(),
    ]
    .into_iter()
    .enumerate()
    {
        seen[i][usize::from(!ok)] += 1;
    }
    let at = |op: &str| format!("{x:?} {op} {y:?}");
    assert!(
        same(a.checked_add(b), reference::checked_add(x, y)),
        "{}",
        at("+")
    );
    assert!(
        same(a.checked_sub(b), reference::checked_sub(x, y)),
        "{}",
        at("-")
    );
    assert!(
        same(a.checked_mul(b), reference::checked_mul(x, y)),
        "{}",
        at("×")
    );
    assert!(
        same(a.checked_div(b), reference::checked_div(x, y)),
        "{}",
        at("÷")
    );
    assert_eq!(
        arith::rounded_product(a, b).map(bits),
        x.checked_mul(y).map(|d| d.serialize()),
        "{}",
        at("rounded ×")
    );
    for dp in [0, 2, 7, 28] {
        assert!(
            same(
                a.checked_mul_floor(b, dp),
                reference::checked_mul_floor(x, y, dp)
            ),
            "{} floor {dp}",
            at("×")
        );
    }
    assert_eq!(a.cmp(&b), x.cmp(&y), "{}", at("cmp"));
    assert_eq!(a == b, x == y, "{}", at("=="));
    if a == b {
        assert_eq!(hash(a), hash(b), "{}", at("hash"));
    }
}

#[test]
fn integers_match_rust_decimal_on_edges_and_a_seeded_stream() {
    let edges = edges();
    // Every edge against every edge, at the extreme and a few everyday scales, both signs.
    let mut values = Vec::new();
    for &m in &edges {
        for scale in [0, 1, 2, 27, 28] {
            for negative in [false, true] {
                let mut d = Decimal::from_i128_with_scale(m as i128, scale);
                d.set_sign_negative(negative);
                values.push(d);
            }
        }
    }
    for &x in &values {
        check_one(x);
    }
    let mut pairs = 0;
    let mut seen = Seen::default();
    for (i, &x) in values.iter().enumerate() {
        // Every other pair keeps the run short; the stream below covers the rest.
        for &y in values.iter().skip(i % 2).step_by(2) {
            check_two(x, y, &mut seen);
            pairs += 1;
        }
    }
    let mut ops = Operands(0x9e37_79b9_7f4a_7c15);
    for _ in 0..40_000 {
        let x = ops.decimal(&edges);
        let y = ops.partner(x, &edges);
        check_one(x);
        check_two(x, y, &mut seen);
        check_two(y, x, &mut seen);
        pairs += 2;
    }
    assert!(pairs > 100_000, "{pairs}");
    eprintln!("pairs {pairs}, [ok, err] per operation {seen:?}");
    // Every operation met both outcomes many times (a stream of only errors proves nothing).
    for (op, [ok, err]) in seen.iter().enumerate() {
        assert!(
            *ok > 5_000 && *err > 500,
            "operation {op}: {ok} ok, {err} errors"
        );
    }
}

#[test]
fn parser_matches_the_former_one() {
    let mut ops = Operands(0x2545_f491_4f6c_dd1d);
    let pieces = [
        "0",
        "00",
        "1",
        "9",
        "12",
        "105",
        "0.5",
        "1.",
        ".5",
        "-",
        "+",
        "e",
        "E5",
        "e-3",
        "e+2",
        "e29",
        "e-29",
        "e-28",
        "e28",
        "e999999999999",
        "0000",
        "5000",
        "99999999",
        "x",
        " ",
        "１",
        ".",
        "-0",
        "7922816251426433759354395033",
        "79228162514264337593543950335",
    ];
    let edges = edges();
    for i in 0..60_000 {
        let text = if i % 3 == 0 {
            let d = ops.decimal(&edges);
            let mut t = d.to_string();
            if ops.below(2) == 0 {
                t.push_str(&format!("e{}", ops.below(60) as i64 - 30));
            }
            t
        } else {
            (0..1 + ops.below(5))
                .map(|_| pieces[ops.below(pieces.len() as u64) as usize])
                .collect::<String>()
        };
        assert!(
            same(Amount::parse(&text), reference::parse(&text)),
            "{text:?}"
        );
    }
    assert!(same(
        Amount::parse(&"1".repeat(200)),
        reference::parse(&"1".repeat(200))
    ));
    let reason = |s: &str| match Amount::parse(s) {
        Err(AmountError::Invalid { reason, .. }) => reason,
        other => panic!("{other:?}"),
    };
    assert_eq!(reason("1e-29"), InvalidReason::OutOfRange);
}

/// The division cases of the engine: tenths and hundredths of a percentage, pay ratios and
/// per-unit prices, each against rust_decimal.
#[test]
fn engine_divisions_match() {
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    for (x, y) in [
        ("85", "100"),
        ("8.5", "10"),
        ("1", "3"),
        ("2", "3"),
        ("100", "7"),
        ("123.45", "0.0001"),
        ("99.99", "3600"),
        ("0.01", "720"),
        ("1000000", "0.0000001"),
        ("79228162514264337593543950335", "0.1"),
        ("7.9228162514264337593543950335", "3"),
        ("0.0000000000000000000000000001", "3"),
        ("1", "79228162514264337593543950335"),
    ] {
        check_two(d(x), d(y), &mut Seen::default());
    }
}

#[test]
fn amount_is_16_bytes() {
    assert_eq!(std::mem::size_of::<Amount>(), 16);
}
