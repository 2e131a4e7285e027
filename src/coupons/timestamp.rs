//! [`Timestamp`]: the instants of coupon validity windows and of `now`.
//!
//! BSS writes UTC times as `yyyy-MM-dd'T'HH:mm:ss'Z'` (`2019-05-06T08:05:01Z`); JS's
//! `Date.prototype.toISOString()` adds milliseconds (`2019-05-06T08:05:01.000Z`). Both are
//! read, as is an explicit offset (`+08:00`, `+0800`). Nothing else is guessed: a time without
//! a zone is rejected, because reading it in the wrong zone would shift a validity window.

use crate::calendar::{civil_from_days, days_from_civil, days_in_month};
use std::fmt;

/// The longest text read as a timestamp; longer input is rejected before it is scanned.
const MAX_TIMESTAMP_LEN: usize = 40;

/// An instant, as milliseconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

/// A text that is not an ISO 8601 UTC timestamp.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid timestamp \"{input}\": expected ISO 8601 with a zone, e.g. 2019-05-06T08:05:01Z")]
pub struct TimestampError {
    /// The rejected text, cut to 40 characters.
    pub input: String,
}

impl Timestamp {
    /// Milliseconds since the Unix epoch.
    pub fn from_millis(ms: i64) -> Timestamp {
        Timestamp(ms)
    }

    /// Milliseconds since the Unix epoch.
    pub fn millis(self) -> i64 {
        self.0
    }

    /// Reads `yyyy-MM-ddTHH:mm[:ss[.fff…]](Z|±HH:MM|±HHMM)`; a space may replace the `T`.
    pub fn parse(text: &str) -> Result<Timestamp, TimestampError> {
        parse_iso(text).ok_or_else(|| TimestampError {
            input: crate::error::quote_input(text, MAX_TIMESTAMP_LEN),
        })
    }
}

/// Written as `yyyy-MM-ddTHH:mm:ss.fffZ`, the form `Date.prototype.toISOString()` gives.
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.0.div_euclid(86_400_000);
        let ms = self.0.rem_euclid(86_400_000);
        let (y, m, d) = civil_from_days(days);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
            ms / 3_600_000,
            ms / 60_000 % 60,
            ms / 1000 % 60,
            ms % 1000
        )
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Timestamp::parse(&text).map_err(serde::de::Error::custom)
    }
}

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn digits(&mut self, n: usize) -> Option<i64> {
        let chunk = self.b.get(self.i..self.i + n)?;
        let mut v = 0i64;
        for &c in chunk {
            if !c.is_ascii_digit() {
                return None;
            }
            v = v * 10 + i64::from(c - b'0');
        }
        self.i += n;
        Some(v)
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.b.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
}

fn parse_iso(text: &str) -> Option<Timestamp> {
    if text.len() > MAX_TIMESTAMP_LEN {
        return None;
    }
    let mut c = Cursor {
        b: text.as_bytes(),
        i: 0,
    };
    let year = c.digits(4)?;
    c.eat(b'-').then_some(())?;
    let month = c.digits(2)?;
    c.eat(b'-').then_some(())?;
    let day = c.digits(2)?;
    (c.eat(b'T') || c.eat(b' ')).then_some(())?;
    let hour = c.digits(2)?;
    c.eat(b':').then_some(())?;
    let minute = c.digits(2)?;
    let mut second = 0;
    let mut millis = 0;
    if c.eat(b':') {
        second = c.digits(2)?;
        if c.eat(b'.') {
            // Keep milliseconds; further digits only refine within the millisecond.
            let start = c.i;
            let mut scale = 100;
            while let Some(d) = c.peek().filter(u8::is_ascii_digit) {
                millis += i64::from(d - b'0') * scale;
                scale /= 10;
                c.i += 1;
            }
            (c.i > start).then_some(())?;
        }
    }
    let offset_minutes = match c.peek()? {
        b'Z' | b'z' => {
            c.i += 1;
            0
        }
        sign @ (b'+' | b'-') => {
            c.i += 1;
            let h = c.digits(2)?;
            c.eat(b':');
            let m = c.digits(2)?;
            (h <= 23 && m <= 59).then_some(())?;
            let off = h * 60 + m;
            if sign == b'-' { -off } else { off }
        }
        _ => return None,
    };
    (c.i == c.b.len()).then_some(())?;
    let valid = (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month)
        && hour <= 23
        && minute <= 59
        && second <= 59;
    valid.then_some(())?;
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
    Some(Timestamp(secs * 1000 + millis))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(s: &str) -> i64 {
        Timestamp::parse(s).unwrap().millis()
    }

    #[test]
    fn reads_bss_and_js_forms() {
        assert_eq!(ms("1970-01-01T00:00:00Z"), 0);
        assert_eq!(ms("2019-05-06T08:05:01Z"), 1_557_129_901_000);
        assert_eq!(ms("2019-05-06T08:05:01.250Z"), 1_557_129_901_250);
        assert_eq!(ms("2019-05-06T16:05:01+08:00"), 1_557_129_901_000);
        assert_eq!(ms("2019-05-06T03:05:01-0500"), 1_557_129_901_000);
        assert_eq!(ms("2019-05-06 08:05Z"), 1_557_129_900_000);
        assert_eq!(ms("2024-02-29T00:00:00Z"), 1_709_164_800_000);
        assert_eq!(ms("1969-12-31T23:59:59Z"), -1000);
    }

    #[test]
    fn rejects_what_it_cannot_place_in_time() {
        for bad in [
            "",
            "2019-05-06",
            "2019-05-06T08:05:01",
            "2019-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2019-05-06T24:00:00Z",
            "2019-05-06T08:05:60Z",
            "2019-05-06T08:05:01.Z",
            "2019-05-06T08:05:01Zjunk",
            "１９７０-01-01T00:00:00Z",
            "2019-05-06T08:05:01+25:00",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad:?}");
        }
        let long = "9".repeat(1000);
        assert!(Timestamp::parse(&long).unwrap_err().input.len() < 50);
    }

    #[test]
    fn displays_as_js_iso_string() {
        let t = Timestamp::parse("2019-05-06T16:05:01.5+08:00").unwrap();
        assert_eq!(t.to_string(), "2019-05-06T08:05:01.500Z");
        assert_eq!(
            Timestamp::from_millis(-1).to_string(),
            "1969-12-31T23:59:59.999Z"
        );
    }
}
