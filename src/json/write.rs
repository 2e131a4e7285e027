//! Writing results as JSON text by hand, for the wasm binding's one `JSON.parse` per call.
//!
//! Every result the registration and pricing modules emit writes itself with this instead of
//! serde's serializer and serde_json: that machinery (one serializer per derived type,
//! serde_json's writer and its error texts) cost about 2 KB gzipped of the registration
//! module and 5.8 KB of the pricing module (30 KB before wasm-opt), and per-key escaping.
//! A type writes itself with [`Object`] (`field`, `some`); a flattened part writes its
//! members into the caller's [`Object`]; an enum with a wire name uses `write_as_str!`.

/// A value that writes itself as JSON text.
pub trait WriteJson {
    /// Appends the value's JSON text to `out`.
    fn write_json(&self, out: &mut String);

    /// The value's JSON text.
    fn to_json(&self) -> String {
        let mut out = buffer();
        self.write_json(&mut out);
        out
    }
}

/// The text a result is written into: room for a compact quote (growing from empty would
/// reallocate and copy ten times). One function, not inlined into every `to_json`.
#[inline(never)]
fn buffer() -> String {
    String::with_capacity(1024)
}

/// Appends `s` as a JSON string (quotes and control characters escaped, as serde_json does).
pub fn string(out: &mut String, s: &str) {
    out.push('"');
    let mut rest = s;
    loop {
        // Runs without escapes (most text: all of it) are found eight bytes at a time, as the
        // parser finds them, and copied whole; only ASCII bytes are escaped, so every run
        // ends on a character boundary.
        let n = super::tree::plain_len(rest.as_bytes());
        out.push_str(rest.get(..n).unwrap_or_default());
        let Some(&b) = rest.as_bytes().get(n) else {
            break;
        };
        rest = rest.get(n + 1..).unwrap_or_default();
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            8 => "\\b",
            12 => "\\f",
            _ => "",
        };
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        } else {
            out.push_str(escape);
        }
    }
    out.push('"');
}

/// Appends `s` between quotes as it is: for wire names and amounts, which never need an
/// escape.
pub fn plain(out: &mut String, s: &str) {
    out.push('"');
    out.push_str(s);
    out.push('"');
}

pub use crate::text::push_int as int;

// The digit writers live with money formatting (`money` writes amounts with them; the JSON
// area depends on `money`, not the reverse).
pub use crate::money::{digits, wide_digits};

/// Implements [`WriteJson`] for types whose `as_str(self)` is their wire name.
macro_rules! write_as_str {
    ($($t:ty),+ $(,)?) => {$(
        impl $crate::json::write::WriteJson for $t {
            fn write_json(&self, out: &mut String) {
                $crate::json::write::plain(out, self.as_str());
            }
        }
    )+};
}
pub(crate) use write_as_str;

/// Writes an object member by member: `{"a":1,"b":"x"}`.
pub struct Object<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Object<'a> {
    /// Opens an object.
    pub fn new(out: &'a mut String) -> Self {
        out.push('{');
        Object { out, first: true }
    }

    /// Writes the key of the next member, a field name of the wire format (static, so never
    /// escaped), and returns the text to write its value into.
    pub fn key(&mut self, key: &'static str) -> &mut String {
        debug_assert!(!key.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\'));
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        plain(self.out, key);
        self.out.push(':');
        self.out
    }

    /// Writes a key taken from data (escaped), as [`Object::key`] does.
    pub fn key_text(&mut self, key: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        string(self.out, key);
        self.out.push(':');
        self.out
    }

    /// A member whose value writes itself.
    pub fn field(&mut self, key: &'static str, value: &(impl WriteJson + ?Sized)) -> &mut Self {
        value.write_json(self.key(key));
        self
    }

    /// A member written only when `value` is present (serde's `skip_serializing_if`).
    pub fn some(
        &mut self,
        key: &'static str,
        value: Option<&(impl WriteJson + ?Sized)>,
    ) -> &mut Self {
        if let Some(v) = value {
            self.field(key, v);
        }
        self
    }

    /// Closes the object.
    pub fn end(&mut self) {
        self.out.push('}');
    }
}

impl WriteJson for str {
    fn write_json(&self, out: &mut String) {
        string(out, self);
    }
}

impl WriteJson for String {
    fn write_json(&self, out: &mut String) {
        string(out, self);
    }
}

impl WriteJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl WriteJson for i64 {
    fn write_json(&self, out: &mut String) {
        int(out, *self);
    }
}

impl WriteJson for usize {
    fn write_json(&self, out: &mut String) {
        digits(out, *self as u64, 1);
    }
}

impl WriteJson for u64 {
    fn write_json(&self, out: &mut String) {
        digits(out, *self, 1);
    }
}

impl WriteJson for u32 {
    fn write_json(&self, out: &mut String) {
        digits(out, (*self).into(), 1);
    }
}

impl WriteJson for u16 {
    fn write_json(&self, out: &mut String) {
        digits(out, (*self).into(), 1);
    }
}

impl<T: WriteJson + ?Sized> WriteJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl<T: WriteJson> WriteJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(v) => v.write_json(out),
            None => out.push_str("null"),
        }
    }
}

/// Appends the items as a JSON array.
pub fn array<T: WriteJson>(out: &mut String, items: impl IntoIterator<Item = T>) {
    out.push('[');
    for (i, v) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        v.write_json(out);
    }
    out.push(']');
}

impl<T: WriteJson> WriteJson for [T] {
    fn write_json(&self, out: &mut String) {
        array(out, self);
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_serde_json() {
        for s in [
            "",
            "plain",
            "q\"b\\s/",
            "\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}",
            "中文😀",
        ] {
            assert_eq!(s.to_json(), serde_json::to_string(s).unwrap(), "{s:?}");
        }
        // Escapes at every place of runs of every length up to 20 (the scan's eight-byte
        // steps and their tails), next to multi-byte characters.
        for len in 0..20 {
            for at in 0..=len {
                for escaped in ["\"", "\\", "\n", "\u{1}", "\u{1f}", "é\t中"] {
                    let s = format!("{}{escaped}{}", "a".repeat(at), "😀".repeat(len - at));
                    assert_eq!(s.to_json(), serde_json::to_string(&s).unwrap(), "{s:?}");
                }
            }
        }
        for (v, width) in [
            (0u128, 1),
            (0, 3),
            (5, 2),
            (10_000_000_000_000_000_000, 1),
            (u128::from(u64::MAX) + 1, 1),
            (u128::MAX, 1),
            (1, 39),
            (12_345_678_901_234_567_890_123, 25),
        ] {
            let mut out = String::new();
            wide_digits(&mut out, v, width);
            assert_eq!(out, format!("{v:0width$}"));
            if let Ok(narrow) = u64::try_from(v) {
                let mut out = String::new();
                let width = width.min(20);
                digits(&mut out, narrow, width);
                assert_eq!(out, format!("{v:0width$}"));
            }
        }
        for n in [0, 7, -7, 1234567890, i64::MAX, i64::MIN] {
            assert_eq!(n.to_json(), n.to_string());
        }
        assert_eq!(u64::MAX.to_json(), u64::MAX.to_string());
        let mut out = String::new();
        let mut o = Object::new(&mut out);
        o.field("a", &1i64)
            .some("skip", None::<&str>)
            .some("b", Some("x"))
            .field("c", &vec![true, false])
            .field("d", &None::<i64>);
        o.end();
        assert_eq!(out, r#"{"a":1,"b":"x","c":[true,false],"d":null}"#);
        assert_eq!(Vec::<i64>::new().to_json(), "[]");
    }
}
