//! [`SdkDate`]: the `X-Sdk-Date` time stamp, and the HTTP `Date` header read for clock-skew
//! correction and `Retry-After`.

use crate::calendar::{civil_from_days, days_from_civil, days_in_month};
use crate::text::ByteSearch as _;
use std::fmt;

/// A UTC time to the second, written `YYYYMMDDTHHMMSSZ` (`20250101T080000Z`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SdkDate {
    /// Seconds since 1970-01-01T00:00:00Z.
    unix: i64,
}

/// Years outside 0000–9999 cannot be written in the four-digit form.
const MIN_UNIX: i64 = -62_167_219_200; // 0000-01-01T00:00:00Z
const MAX_UNIX: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z

fn digits(s: &[u8]) -> Option<i64> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0, |n, &b| n * 10 + i64::from(b - b'0')))
}

/// `n` (never negative here: years 0000–9999) with leading zeros up to `width` digits.
fn digits_of(out: &mut String, n: i64, width: usize) {
    crate::json::write::digits(out, n.unsigned_abs(), width);
}

impl SdkDate {
    /// The time `unix` seconds after the epoch, when it is within years 0000–9999.
    pub fn from_unix(unix: i64) -> Option<SdkDate> {
        (MIN_UNIX..=MAX_UNIX)
            .contains(&unix)
            .then_some(SdkDate { unix })
    }

    /// Seconds since the epoch.
    pub fn unix(self) -> i64 {
        self.unix
    }

    /// `self` moved by `seconds`, clamped to the representable range.
    pub fn plus_seconds(self, seconds: i64) -> SdkDate {
        SdkDate {
            unix: self.unix.saturating_add(seconds).clamp(MIN_UNIX, MAX_UNIX),
        }
    }

    fn from_parts(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64) -> Option<SdkDate> {
        let valid = (1..=12).contains(&mo)
            && (1..=days_in_month(y, mo)).contains(&d)
            && (0..24).contains(&h)
            && (0..60).contains(&mi)
            && (0..60).contains(&s);
        valid.then(|| SdkDate {
            unix: days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s,
        })
    }

    /// Reads exactly `YYYYMMDDTHHMMSSZ` with a valid calendar date and time.
    pub fn parse(text: &str) -> Option<SdkDate> {
        let b = text.as_bytes();
        if b.len() != 16 || b.get(8) != Some(&b'T') || b.get(15) != Some(&b'Z') {
            return None;
        }
        let num = |from: usize, to: usize| b.get(from..to).and_then(digits);
        Self::from_parts(
            num(0, 4)?,
            num(4, 6)?,
            num(6, 8)?,
            num(9, 11)?,
            num(11, 13)?,
            num(13, 15)?,
        )
    }

    /// Reads an HTTP date in the IMF-fixdate form servers send
    /// (`Sun, 06 Nov 1994 08:49:37 GMT`).
    pub fn parse_http_date(text: &str) -> Option<SdkDate> {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let rest = crate::text::split_once(text.trim(), ", ")?.1;
        let mut parts = rest.pieces(b' ');
        let day = digits(parts.next()?.as_bytes())?;
        let month_name = parts.next()?;
        let month = MONTHS.iter().position(|m| *m == month_name)?;
        let year = digits(parts.next()?.as_bytes())?;
        let time = parts.next()?;
        if parts.next()? != "GMT" || parts.next().is_some() || time.len() != 8 {
            return None;
        }
        let t = time.as_bytes();
        if t.get(2) != Some(&b':') || t.get(5) != Some(&b':') {
            return None;
        }
        let num = |from: usize, to: usize| t.get(from..to).and_then(digits);
        let month = i64::try_from(month).ok()? + 1;
        Self::from_parts(year, month, day, num(0, 2)?, num(3, 5)?, num(6, 8)?)
    }
}

impl fmt::Display for SdkDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.unix.div_euclid(86_400);
        let secs = self.unix.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        // Digits by hand, not `{:02}` widths (with `text::int` for the other integers: 393 B
        // gzipped of the client module).
        let mut out = String::with_capacity(16);
        for (n, width) in [(y, 4), (m, 2), (d, 2)] {
            digits_of(&mut out, n, width);
        }
        out.push('T');
        for n in [secs / 3600, secs % 3600 / 60, secs % 60] {
            digits_of(&mut out, n, 2);
        }
        out.push('Z');
        f.write_str(&out)
    }
}

#[cfg(test)]
mod tests {
    use super::SdkDate;

    #[test]
    fn round_trips_and_epoch() {
        let d = SdkDate::parse("20200608T023900Z").unwrap();
        assert_eq!(d.unix(), 1_591_583_940);
        assert_eq!(d.to_string(), "20200608T023900Z");
        assert_eq!(
            SdkDate::from_unix(0).unwrap().to_string(),
            "19700101T000000Z"
        );
        assert_eq!(
            SdkDate::parse("20240229T235959Z")
                .unwrap()
                .plus_seconds(1)
                .to_string(),
            "20240301T000000Z"
        );
        assert_eq!(
            SdkDate::from_unix(-1).unwrap().to_string(),
            "19691231T235959Z"
        );
    }

    #[test]
    fn rejects_other_forms() {
        for bad in [
            "",
            "2020068T023900Z",
            "20200608T023900",
            "20200608 023900Z",
            "20230229T000000Z",
            "20201301T000000Z",
            "20200608T240000Z",
            "20200608T236000Z",
            "20200608T235960Z",
            "+0200608T023900Z",
            "２0200608T023900Z",
        ] {
            assert_eq!(SdkDate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn http_dates() {
        let d = SdkDate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(d.to_string(), "19941106T084937Z");
        assert_eq!(
            SdkDate::parse_http_date("Sun, 06 Nov 1994 08:49:37 UTC"),
            None
        );
        assert_eq!(
            SdkDate::parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"),
            None
        );
        assert_eq!(
            SdkDate::parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"),
            None
        );
    }
}
