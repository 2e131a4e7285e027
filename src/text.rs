//! Text searches by bytes, for the modules' size.
//!
//! `str`'s own searches with a `&str` pattern (`contains`, `find`, `split_once`, `replace`)
//! and `str` slicing link the two-way searcher and the slice-panic path, whose message
//! formats chars with `{:?}` (Unicode printability tables): for a handful of cold searches,
//! 5.8 KB gzipped of the client module (measured 84,282 -> 78,474 B), 5 KB of pricing's. A match of valid UTF-8
//! in valid UTF-8 starts and ends on char boundaries, so the `get`s below never fail.

/// The byte offset of the first `needle` in `hay`.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w == needle.as_bytes())
}

/// `hay` cut around its first `sep`, as `str::split_once`.
pub fn split_once<'a>(hay: &'a str, sep: &str) -> Option<(&'a str, &'a str)> {
    let at = find(hay, sep)?;
    Some((hay.get(..at)?, hay.get(at + sep.len()..)?))
}

/// `hay` with every `from` (left to right, not overlapping) replaced by `to`, as
/// `str::replace`.
pub fn replace(hay: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(hay.len());
    let mut rest = hay;
    while let Some((before, after)) = split_once(rest, from).filter(|_| !from.is_empty()) {
        out.push_str(before);
        out.push_str(to);
        rest = after;
    }
    out.push_str(rest);
    out
}

/// An integer in decimal (`Display` would link the integer formatter of its type).
pub fn int(n: i64) -> String {
    let mut out = String::new();
    crate::json::write::int(&mut out, n);
    out
}

/// `bytes` as text, each invalid sequence (maximal subpart) replaced by U+FFFD, as
/// `String::from_utf8_lossy`, over `str::from_utf8`'s errors (which the module links anyway)
/// instead of std's second decoder: 308 B gzipped of the client module.
pub fn lossy(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                out.push_str(valid);
                return out;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                out.push('\u{FFFD}');
                rest = after
                    .get(e.error_len().unwrap_or(after.len())..)
                    .unwrap_or_default();
            }
        }
    }
}

/// Single-byte searches on `str` for ASCII separators, instead of std's char searcher
/// (`split(char)`, `split_once(char)`, `contains(char)` link its `memchr`): 387 B gzipped of
/// the client module.
pub trait ByteSearch {
    /// `self` cut around its first `sep`, as `split_once(sep as char)`.
    fn cut(&self, sep: u8) -> Option<(&str, &str)>;
    /// Whether `self` holds `b`, as `contains(b as char)`.
    fn has(&self, b: u8) -> bool;
    /// The pieces between `sep`s, as `split(sep as char)`.
    fn pieces(&self, sep: u8) -> Pieces<'_>;
}

impl ByteSearch for str {
    fn cut(&self, sep: u8) -> Option<(&str, &str)> {
        let at = self.bytes().position(|b| b == sep)?;
        Some((self.get(..at)?, self.get(at + 1..)?))
    }

    fn has(&self, b: u8) -> bool {
        self.bytes().any(|c| c == b)
    }

    fn pieces(&self, sep: u8) -> Pieces<'_> {
        Pieces(Some(self), sep)
    }
}

/// The iterator of [`ByteSearch::pieces`].
pub struct Pieces<'a>(Option<&'a str>, u8);

impl<'a> Iterator for Pieces<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.0?;
        let (head, tail) = match rest.cut(self.1) {
            Some((head, tail)) => (head, Some(tail)),
            None => (rest, None),
        };
        self.0 = tail;
        Some(head)
    }
}

#[cfg(test)]
mod tests {
    use super::{find, lossy, replace, split_once};

    /// Against std's decoder, on every 1..=3-byte sequence from interesting bytes and on
    /// mixed text.
    #[test]
    fn lossy_agrees_with_std() {
        let bytes = [
            0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
            0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF,
        ];
        let mut cases: Vec<Vec<u8>> = vec![Vec::new()];
        for &a in &bytes {
            cases.push(vec![a]);
            for &b in &bytes {
                cases.push(vec![a, b]);
                for &c in &bytes {
                    cases.push(vec![a, b, c]);
                    cases.push(vec![b'x', a, b, c, 0x80, b'y']);
                }
            }
        }
        cases.push("é😀中".as_bytes().to_vec());
        cases.push(b"a\xF0\x9F\x98b\xE4\xB8c\xFF\xFEd".to_vec());
        for case in cases {
            assert_eq!(lossy(&case), String::from_utf8_lossy(&case), "{case:?}");
        }
    }

    /// Against `str`'s own searches.
    #[test]
    fn searches_agree_with_str() {
        let cases = [
            ("", "a"),
            ("a", ""),
            ("aaa", "aa"),
            ("x{id}y{id}", "{id}"),
            ("ééé", "é"),
            ("Date, 06 Jun", ", "),
            ("abc", "abcd"),
        ];
        for (hay, needle) in cases {
            assert_eq!(find(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
            assert_eq!(split_once(hay, needle), hay.split_once(needle));
            if !needle.is_empty() {
                assert_eq!(replace(hay, needle, "***"), hay.replace(needle, "***"));
            }
        }
    }
}
