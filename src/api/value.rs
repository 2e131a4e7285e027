//! [`Json`]: the client's JSON value, with numbers kept as their exact text.
//!
//! The client reads inputs and BSS answers and writes bodies; a small reader and writer of its
//! own keep that out of `serde_json::Value`, whose map type, (de)serializers and float
//! formatting would add ~20 KB (gzipped) to the wasm for no gain: nothing here needs a float.

use std::fmt;

/// Deepest nesting accepted (as serde_json).
pub const MAX_DEPTH: usize = 128;

/// A JSON value. Numbers are their text (`10.50`, `1e-7`), objects keep their key order.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Json {
    /// `null`
    #[default]
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, in order; with a repeated key the last one counts, as in `JSON.parse`.
    Object(Vec<(String, Json)>),
}

/// Why text is not JSON.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not JSON at byte {offset}: {reason}")]
pub struct JsonSyntax {
    /// Byte offset of the problem.
    pub offset: usize,
    /// What was expected.
    pub reason: &'static str,
}

struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl Reader<'_> {
    fn fail<T>(&self, reason: &'static str) -> Result<T, JsonSyntax> {
        Err(JsonSyntax {
            offset: self.pos,
            reason,
        })
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, word: &str) -> bool {
        let end = self.pos + word.len();
        if self.bytes.get(self.pos..end) == Some(word.as_bytes()) {
            self.pos = end;
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonSyntax> {
        if depth > MAX_DEPTH {
            return self.fail("nested too deeply");
        }
        self.skip_ws();
        match self.bytes.get(self.pos) {
            Some(b'{') => {
                self.pos += 1;
                let mut entries = Vec::new();
                self.skip_ws();
                if self.eat("}") {
                    return Ok(Json::Object(entries));
                }
                loop {
                    self.skip_ws();
                    if self.bytes.get(self.pos) != Some(&b'"') {
                        return self.fail("expected a key");
                    }
                    let key = self.string()?;
                    self.skip_ws();
                    if !self.eat(":") {
                        return self.fail("expected `:`");
                    }
                    entries.push((key, self.value(depth + 1)?));
                    self.skip_ws();
                    if self.eat("}") {
                        return Ok(Json::Object(entries));
                    }
                    if !self.eat(",") {
                        return self.fail("expected `,` or `}`");
                    }
                }
            }
            Some(b'[') => {
                self.pos += 1;
                let mut items = Vec::new();
                self.skip_ws();
                if self.eat("]") {
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.skip_ws();
                    if self.eat("]") {
                        return Ok(Json::Array(items));
                    }
                    if !self.eat(",") {
                        return self.fail("expected `,` or `]`");
                    }
                }
            }
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ if self.eat("true") => Ok(Json::Bool(true)),
            _ if self.eat("false") => Ok(Json::Bool(false)),
            _ if self.eat("null") => Ok(Json::Null),
            _ => self.fail("expected a value"),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Json, JsonSyntax> {
        let start = self.pos;
        self.eat("-");
        match self.bytes.get(self.pos) {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return self.fail("expected a digit"),
        }
        if self.eat(".") && self.digits() == 0 {
            return self.fail("expected a digit after `.`");
        }
        if matches!(self.bytes.get(self.pos), Some(b'e' | b'E')) {
            self.pos += 1;
            if !self.eat("+") {
                self.eat("-");
            }
            if self.digits() == 0 {
                return self.fail("expected an exponent");
            }
        }
        Ok(Json::Number(
            self.text
                .get(start..self.pos)
                .unwrap_or_default()
                .to_owned(),
        ))
    }

    fn hex4(&mut self) -> Result<u32, JsonSyntax> {
        let digits = self.text.get(self.pos..self.pos + 4).unwrap_or_default();
        match u32::from_str_radix(digits, 16) {
            Ok(v) if digits.len() == 4 && !digits.starts_with('+') => {
                self.pos += 4;
                Ok(v)
            }
            _ => self.fail("expected 4 hex digits"),
        }
    }

    /// A string; lone UTF-16 surrogates (which `JSON.stringify` writes as escapes) become
    /// U+FFFD, as text crossing into wasm does.
    fn string(&mut self) -> Result<String, JsonSyntax> {
        self.pos += 1; // the opening quote
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(self.text.get(run_start..self.pos).unwrap_or_default());
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = match self.bytes.get(self.pos) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let hi = self.hex4()?;
                            let code = if (0xd800..0xdc00).contains(&hi) && self.eat("\\u") {
                                let lo = self.hex4()?;
                                if (0xdc00..0xe000).contains(&lo) {
                                    0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00)
                                } else {
                                    out.push('\u{fffd}');
                                    lo
                                }
                            } else {
                                hi
                            };
                            out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                            continue;
                        }
                        _ => return self.fail("invalid escape"),
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(_) => return self.fail("control character in a string"),
                None => return self.fail("unterminated string"),
            }
        }
    }
}

/// Writes `s` as a JSON string.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(c as u8 >> 4)]));
                out.push(char::from(HEX[usize::from(c as u8 & 15)]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

impl Json {
    /// Reads JSON text; numbers keep their digits.
    pub fn parse(text: &str) -> Result<Json, JsonSyntax> {
        let mut r = Reader {
            bytes: text.as_bytes(),
            text,
            pos: 0,
        };
        let v = r.value(0)?;
        r.skip_ws();
        if r.pos != text.len() {
            return r.fail("trailing characters");
        }
        Ok(v)
    }

    /// A string value.
    pub fn str(s: impl Into<String>) -> Json {
        Json::String(s.into())
    }

    /// An integer value.
    pub fn int(n: i64) -> Json {
        Json::Number(n.to_string())
    }

    /// The member `key` of an object (the last one when repeated).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Whether the member `key` is present and not `null`.
    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some_and(|v| *v != Json::Null)
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The integer, if this is a number written as one (no fraction, no exponent).
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Number(t) if !t.contains(['.', 'e', 'E']) => t.parse().ok(),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The JS type name, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "boolean",
            Json::Number(_) => "number",
            Json::String(_) => "string",
            Json::Array(_) => "array",
            Json::Object(_) => "object",
        }
    }

    /// Appends the compact JSON text.
    pub fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(t) => out.push_str(t),
            Json::String(s) => write_str(out, s),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(entries) => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_str(out, k);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write(&mut out);
        f.write_str(&out)
    }
}

impl From<&serde_json::Value> for Json {
    /// For Rust callers holding a `serde_json::Value` (numbers keep their text with
    /// `arbitrary_precision`).
    fn from(v: &serde_json::Value) -> Json {
        use serde_json::Value;
        match v {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(n.to_string()),
            Value::String(s) => Json::String(s.clone()),
            Value::Array(items) => Json::Array(items.iter().map(Json::from).collect()),
            Value::Object(map) => Json::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), Json::from(v)))
                    .collect(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_keep_digits_and_order() {
        let text = r#"{"b":[1,-0.50,1e-7,2E+3,true,false,null],"a":"x\"\\\n\t\u00e9\ud83d\ude00/","c":{}}"#;
        let v = Json::parse(text).unwrap();
        assert_eq!(
            v.to_string(),
            "{\"b\":[1,-0.50,1e-7,2E+3,true,false,null],\"a\":\"x\\\"\\\\\\n\\té😀/\",\"c\":{}}"
        );
        assert_eq!(
            v.get("b").and_then(Json::as_array).map(<[Json]>::len),
            Some(7)
        );
        assert_eq!(Json::parse(" [ ] ").unwrap(), Json::Array(vec![]));
        assert_eq!(
            Json::parse(r#"{"k":1,"k":2}"#).unwrap().get("k"),
            Some(&Json::int(2))
        );
        assert_eq!(Json::parse(r#""\ud800x""#).unwrap(), Json::str("\u{fffd}x"));
        assert_eq!(
            Json::parse(r#""\ud800\u0041""#).unwrap(),
            Json::str("\u{fffd}A")
        );
        assert_eq!(Json::str("\u{1}").to_string(), r#""\u0001""#);
        assert_eq!(Json::parse("12").unwrap().as_i64(), Some(12));
        assert_eq!(Json::parse("1.0").unwrap().as_i64(), None);
    }

    #[test]
    fn rejects_what_json_parse_rejects() {
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\"}",
            "{a:1}",
            "01",
            "1.",
            "-",
            "1e",
            ".5",
            "+1",
            "nul",
            "\"\\x\"",
            "\"a",
            "\"\u{1}\"",
            "[1] 2",
            "\"\\u12\"",
            "\"\\u+123\"",
            "NaN",
        ] {
            assert!(Json::parse(bad).is_err(), "{bad:?}");
        }
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert_eq!(Json::parse(&deep).unwrap_err().reason, "nested too deeply");
    }

    #[test]
    fn agrees_with_serde_json() {
        let text =
            r#"{"id":"a","n":[0.0006400000,12345678901234567890.123],"o":{"x":null,"y":"中文"}}"#;
        let ours = Json::parse(text).unwrap();
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(ours, Json::from(&theirs));
        let back: serde_json::Value = serde_json::from_str(&ours.to_string()).unwrap();
        assert_eq!(back, theirs);
    }
}
