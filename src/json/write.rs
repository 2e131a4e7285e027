//! Writing results as JSON text by hand, for the wasm binding's one `JSON.parse` per call.
//!
//! The registration module writes its results with this instead of serde's serializer and
//! serde_json: that machinery (one serializer per derived type, serde_json's writer and its
//! error texts) cost about 2 KB gzipped of a module whose budget is 30 KB. The serde derives
//! stay on the public types for Rust callers.

/// A value that writes itself as JSON text.
pub trait WriteJson {
    /// Appends the value's JSON text to `out`.
    fn write_json(&self, out: &mut String);

    /// The value's JSON text.
    fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }
}

/// Appends `s` as a JSON string (quotes and control characters escaped, as serde_json does).
pub fn string(out: &mut String, s: &str) {
    out.push('"');
    // Runs without escapes are copied whole; only ASCII bytes are escaped, so every run
    // boundary is a character boundary.
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            8 => "\\b",
            12 => "\\f",
            0..=31 => "",
            _ => continue,
        };
        out.push_str(s.get(run..i).unwrap_or_default());
        run = i + 1;
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        } else {
            out.push_str(escape);
        }
    }
    out.push_str(s.get(run..).unwrap_or_default());
    out.push('"');
}

/// Appends an integer.
pub fn int(out: &mut String, n: i64) {
    // By hand: `i64`'s `Display` pulls the formatting machinery's padding code in.
    if n < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut v = n.unsigned_abs();
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

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

    /// Writes the key of the next member and returns the text to write its value into.
    pub fn key(&mut self, key: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        string(self.out, key);
        self.out.push(':');
        self.out
    }

    /// A member whose value writes itself.
    pub fn field(&mut self, key: &str, value: &(impl WriteJson + ?Sized)) -> &mut Self {
        value.write_json(self.key(key));
        self
    }

    /// A member written only when `value` is present (serde's `skip_serializing_if`).
    pub fn some(&mut self, key: &str, value: Option<&(impl WriteJson + ?Sized)>) -> &mut Self {
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

impl WriteJson for &str {
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
        int(out, i64::try_from(*self).unwrap_or(i64::MAX));
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

impl<T: WriteJson> WriteJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            v.write_json(out);
        }
        out.push(']');
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
        for n in [0, 7, -7, 1234567890, i64::MAX, i64::MIN] {
            assert_eq!(n.to_json(), n.to_string());
        }
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
