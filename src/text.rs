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
    push_int(&mut out, n);
    out
}

/// `before`, `n` in decimal, `after`: an integer in a message without the formatting machinery
/// (each integer type's `Display` is its own code in the wasm).
pub fn with_int(before: &str, n: i64, after: &str) -> String {
    let mut out = String::with_capacity(before.len() + 20 + after.len());
    out.push_str(before);
    push_int(&mut out, n);
    out.push_str(after);
    out
}

/// Appends an integer in decimal.
pub fn push_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    digits(out, n.unsigned_abs(), 1);
}

/// Appends `v` in decimal, with leading zeros up to `width` digits (at most 20).
pub fn digits(out: &mut String, mut v: u64, width: usize) {
    // By hand: `Display` pulls the formatting machinery's padding code in.
    let mut buf = [b'0'; 20];
    let mut i = buf.len();
    while v > 0 {
        i -= 1;
        // `get_mut`: 20 digits hold any u64, and no bounds-check panic is linked.
        if let Some(d) = buf.get_mut(i) {
            *d = b'0' + (v % 10) as u8;
        }
        v /= 10;
    }
    i = i.min(buf.len() - width.clamp(1, 20));
    // Pushed one by one: `str::from_utf8` would link UTF-8 validation into every module.
    // Masked to ASCII, so that `push` drops its multi-byte path.
    for &d in &buf[i..] {
        out.push(char::from(d & 0x7f));
    }
}

/// [`digits`] of a 128-bit value (up to 39 digits): 9 digits at a time above 64 bits.
pub fn wide_digits(out: &mut String, v: u128, width: usize) {
    const E9: u64 = 1_000_000_000;
    match u64::try_from(v) {
        Ok(v) => {
            for _ in 20..width {
                out.push('0');
            }
            digits(out, v, width.min(20));
        }
        Err(_) => {
            // Long division by 10^9 on u32 limbs with u64 `/`, not u128 `/` (compiler_builtins'
            // u128 division, -520 B gzipped in the client).
            let mut rem = 0u64;
            let mut bytes = v.to_le_bytes();
            for limb in bytes.chunks_exact_mut(4).rev() {
                let cur = (rem << 32)
                    | u64::from(u32::from_le_bytes([limb[0], limb[1], limb[2], limb[3]]));
                limb.copy_from_slice(&((cur / E9) as u32).to_le_bytes());
                rem = cur % E9;
            }
            wide_digits(out, u128::from_le_bytes(bytes), width.saturating_sub(9));
            digits(out, rem, 9);
        }
    }
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

/// Fills the `{name}` placeholders of `template`: `var(name, out)` appends the value to `out`
/// and tells whether there is one (an unknown placeholder stays as written). Every message
/// template of the catalogs is filled by it. (`dyn`: one copy of the code serves every caller; values
/// are written in place, not returned as `String`s: 0.5 KB gzipped less, measured.)
pub fn render(template: &str, var: &dyn Fn(&str, &mut String) -> bool) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some((before, after)) = rest.cut(b'{') {
        out.push_str(before);
        let Some((name, tail)) = after.cut(b'}') else {
            out.push('{');
            rest = after;
            continue;
        };
        if !var(name, &mut out) {
            // The placeholder as written: `{name}`, the text between `before` and `tail`.
            out.push_str(
                rest.get(before.len()..rest.len() - tail.len())
                    .unwrap_or_default(),
            );
        }
        rest = tail;
    }
    out.push_str(rest);
    out
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

    /// `digits` against `u64`'s `Display`, zero-padded: every value to 120 and each side of
    /// every power of ten, at widths from 0 (as 1) to 21 (as 20).
    #[test]
    fn digits_match_display() {
        let powers = (0..20).map(|k| 10u64.pow(k));
        let values = (0..=120)
            .chain(powers.flat_map(|p| [p - 1, p, p + 1]))
            .chain([u64::MAX]);
        for v in values {
            for width in 0..=21 {
                let mut out = String::from("x");
                super::digits(&mut out, v, width);
                assert_eq!(
                    out,
                    format!("x{v:0w$}", w = width.clamp(1, 20)),
                    "{v} {width}"
                );
            }
        }
    }

    /// Known placeholders are filled, unknown ones and a lone `{` stay as written.
    #[test]
    fn render_keeps_unknown_placeholders() {
        let var = |name: &str, out: &mut String| {
            let known = name == "x";
            if known {
                out.push('1');
            }
            known
        };
        assert_eq!(
            super::render("a {x} {y}{} é{x}{ {z", &var),
            "a 1 {y}{} é1{ {z"
        );
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
