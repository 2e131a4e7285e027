//! A small JSON parser into a tree that borrows from the text ([`Node`]), numbers kept as
//! their text, and [`JsonNode`]: one reading interface over [`Node`] and `serde_json::Value`.
//!
//! It replaces serde_json's deserializer on the wasm path (coupons, discounts, quote and the
//! BSS client read their inputs and bodies through it): that
//! deserializer (with its float formatting and error machinery) weighs about 26 KB gzipped in
//! the module, this parser a small fraction of it; and a borrowed tree allocates only for
//! containers and escaped strings, where a `serde_json::Value` allocates every key and string
//! (several times faster to build and drop, in wasm most of all). It accepts exactly RFC 8259
//! JSON, nests at most [`MAX_DEPTH`] levels, and reads a lone UTF-16 surrogate escape (which
//! `JSON.stringify` may write) as U+FFFD. Nothing in it is specific to coupons.

use std::borrow::Cow;

#[cfg(feature = "serde")]
use serde_json::Value;

/// The deepest nesting accepted.
pub const MAX_DEPTH: usize = 128;

/// Why a text is not JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset of the problem.
    pub offset: usize,
    /// What is wrong.
    pub message: &'static str,
}

impl std::error::Error for SyntaxError {}

/// `{message} at byte {offset}` (the offset by `text::with_int`, not the formatter).
impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message)?;
        f.write_str(&crate::text::with_int(" at byte ", self.offset as i64, ""))
    }
}

/// A JSON value borrowing its strings from the parsed text where it can.
#[derive(Debug, Clone, PartialEq)]
pub enum Node<'a> {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as written.
    Number(Cow<'a, str>),
    /// A string, unescaped.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Node<'a>>),
    /// An object, members in order (a repeated key: the last one counts).
    Object(Vec<(Cow<'a, str>, Node<'a>)>),
}

/// What a JSON value is, as seen by a reader.
#[derive(Debug, Clone, Copy)]
pub enum Json<'n, N> {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as written.
    Number(&'n str),
    /// A string.
    String(&'n str),
    /// An array.
    Array(&'n [N]),
    /// An object (read it with [`JsonNode::field`]).
    Object,
}

/// A JSON value that readers can walk: [`Node`] and `serde_json::Value`.
pub trait JsonNode: Sized {
    /// What the value is.
    fn json(&self) -> Json<'_, Self>;
    /// The member `key` of an object (`None` for other values).
    fn field(&self, key: &str) -> Option<&Self>;
    /// The members of an object, in order (empty for other values).
    fn members(&self) -> Vec<(&str, &Self)>;
    /// The value as a [`Node`] (borrowed where it is one): the readers are compiled for
    /// [`Node`] only, which keeps one copy of them in the wasm module.
    fn as_node(&self) -> Cow<'_, Node<'_>>;
    /// The first member key of an object that is not in `allowed`.
    fn unknown_key(&self, allowed: &[&str]) -> Option<&str> {
        self.members()
            .into_iter()
            .map(|(k, _)| k)
            .find(|k| !allowed.contains(k))
    }
}

impl JsonNode for Node<'_> {
    fn as_node(&self) -> Cow<'_, Node<'_>> {
        Cow::Borrowed(self)
    }

    fn json(&self) -> Json<'_, Self> {
        match self {
            Node::Null => Json::Null,
            Node::Bool(b) => Json::Bool(*b),
            Node::Number(n) => Json::Number(n),
            Node::String(s) => Json::String(s),
            Node::Array(items) => Json::Array(items),
            Node::Object(_) => Json::Object,
        }
    }

    fn field(&self, key: &str) -> Option<&Self> {
        match self {
            Node::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn members(&self) -> Vec<(&str, &Self)> {
        match self {
            Node::Object(members) => members.iter().map(|(k, v)| (k.as_ref(), v)).collect(),
            _ => Vec::new(),
        }
    }

    fn unknown_key(&self, allowed: &[&str]) -> Option<&str> {
        match self {
            Node::Object(members) => members
                .iter()
                .map(|(k, _)| k.as_ref())
                .find(|k| !allowed.contains(k)),
            _ => None,
        }
    }
}

#[cfg(feature = "serde")]
impl JsonNode for Value {
    fn as_node(&self) -> Cow<'_, Node<'_>> {
        Cow::Owned(Node::borrowed(self))
    }

    fn json(&self) -> Json<'_, Self> {
        match self {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(n.as_str()),
            Value::String(s) => Json::String(s),
            Value::Array(items) => Json::Array(items),
            Value::Object(_) => Json::Object,
        }
    }

    fn field(&self, key: &str) -> Option<&Self> {
        self.as_object().and_then(|m| m.get(key))
    }

    fn members(&self) -> Vec<(&str, &Self)> {
        self.as_object()
            .map(|m| m.iter().map(|(k, v)| (k.as_str(), v)).collect())
            .unwrap_or_default()
    }
}

/// The JSON type of a value, for error messages.
pub fn type_name<N: JsonNode>(v: &N) -> &'static str {
    match v.json() {
        Json::Null => "null",
        Json::Bool(_) => "boolean",
        Json::Number(_) => "number",
        Json::String(_) => "string",
        Json::Array(_) => "array",
        Json::Object => "object",
    }
}

/// Parses one JSON value into a `serde_json::Value` (numbers keep their text).
#[cfg(feature = "serde")]
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    parse_node(text).map(|n| n.into_value())
}

#[cfg(feature = "serde")]
impl<'a> Node<'a> {
    /// A tree borrowing the strings of `v` (only containers are allocated).
    pub fn borrowed(v: &'a Value) -> Node<'a> {
        match v {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => Node::Number(Cow::Borrowed(n.as_str())),
            Value::String(s) => Node::String(Cow::Borrowed(s)),
            Value::Array(items) => Node::Array(items.iter().map(Node::borrowed).collect()),
            Value::Object(m) => Node::Object(
                m.iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Node::borrowed(v)))
                    .collect(),
            ),
        }
    }

    /// The tree as an owned `serde_json::Value`.
    pub fn into_value(self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(b),
            // The parser only lets JSON numbers through, which serde_json reads back as text.
            Node::Number(t) => t.parse().map_or(Value::Null, Value::Number),
            Node::String(s) => Value::String(s.into_owned()),
            Node::Array(items) => Value::Array(items.into_iter().map(Node::into_value).collect()),
            Node::Object(members) => {
                // Inserted one by one (a repeated key: the last one counts): collecting would
                // pull a stable sort into the wasm module for nothing.
                let mut map = serde_json::Map::new();
                for (k, v) in members {
                    map.insert(k.into_owned(), v.into_value());
                }
                Value::Object(map)
            }
        }
    }
}

/// Parses one JSON value into a [`Node`] borrowing from `text` (surrounding whitespace
/// allowed).
pub fn parse_node(text: &str) -> Result<Node<'_>, SyntaxError> {
    let mut p = Parser {
        s: text,
        b: text.as_bytes(),
        i: 0,
    };
    let v = p.value(0)?;
    p.ws();
    if p.i != p.b.len() {
        return Err(p.err("trailing characters"));
    }
    Ok(v)
}

/// Whether a byte ends a string's run of plain text: `"`, `\\` or a control byte.
fn plain_end(&c: &u8) -> bool {
    c == b'"' || c == b'\\' || c < 0x20
}

/// The length of the run of plain text at the start of `b`: up to its first `"`, `\\` or
/// control byte (all of `b` without one). Eight bytes at a time: byte by byte, this scan was
/// a tenth of a wallet quote's reading of its order.
pub(crate) fn plain_len(b: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while let Some(&w) = b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let w = u64::from_le_bytes(w);
        let (quote, slash) = (w ^ (ONES * 0x22), w ^ (ONES * 0x5c));
        // A byte's high bit is set when it is zero (`quote`, `slash`) or below 0x20 (`w`);
        // a borrow only sets bits above a byte that is one, so the lowest bit set is exact.
        let hit = (quote.wrapping_sub(ONES) & !quote
            | slash.wrapping_sub(ONES) & !slash
            | w.wrapping_sub(ONES * 0x20) & !w)
            & HIGH;
        if hit != 0 {
            return i + (hit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    let rest = b.get(i..).unwrap_or_default();
    i + rest.iter().position(plain_end).unwrap_or(rest.len())
}

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
}

impl<'a> Parser<'a> {
    fn err(&self, message: &'static str) -> SyntaxError {
        SyntaxError {
            offset: self.i,
            message,
        }
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    /// The input from `start` to the cursor (callers stop on ASCII bytes: char boundaries).
    fn text(&self, start: usize) -> &'a str {
        self.s.get(start..self.i).unwrap_or_default()
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn literal(&mut self, word: &[u8], v: Node<'a>) -> Result<Node<'a>, SyntaxError> {
        if self.b.get(self.i..self.i + word.len()) == Some(word) {
            self.i += word.len();
            Ok(v)
        } else {
            Err(self.err("invalid literal"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node<'a>, SyntaxError> {
        self.ws();
        match self.peek() {
            None => Err(self.err("unexpected end of input")),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Node::String),
            Some(b't') => self.literal(b"true", Node::Bool(true)),
            Some(b'f') => self.literal(b"false", Node::Bool(false)),
            Some(b'n') => self.literal(b"null", Node::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.err("expected a value")),
        }
    }

    fn nest(&self, depth: usize) -> Result<(), SyntaxError> {
        if depth > MAX_DEPTH {
            Err(self.err("nested too deeply"))
        } else {
            Ok(())
        }
    }

    fn array(&mut self, depth: usize) -> Result<Node<'a>, SyntaxError> {
        self.nest(depth)?;
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(Node::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(Node::Array(items));
                }
                _ => return Err(self.err("expected ',' or ']'")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Node<'a>, SyntaxError> {
        self.nest(depth)?;
        self.i += 1;
        // Room for a line's members at once: growing from 4 was a copy per line.
        let mut map = Vec::with_capacity(8);
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(Node::Object(map));
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err(self.err("expected a key"));
            }
            let key = self.string()?;
            self.ws();
            if self.peek() != Some(b':') {
                return Err(self.err("expected ':'"));
            }
            self.i += 1;
            self.ws();
            // Most members are strings: read here, without a call of `value` for each.
            let v = match self.peek() {
                Some(b'"') => Node::String(self.string()?),
                _ => self.value(depth)?,
            };
            map.push((key, v));
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Node::Object(map));
                }
                _ => return Err(self.err("expected ',' or '}'")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self
            .b
            .get(self.i..self.i + 4)
            .ok_or_else(|| self.err("truncated \\u escape"))?;
        let mut v = 0;
        for &d in digits {
            let n = (d as char)
                .to_digit(16)
                .ok_or_else(|| self.err("invalid \\u escape"))?;
            v = v * 16 + n;
        }
        self.i += 4;
        Ok(v)
    }

    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        self.i += 1;
        // Most strings have no escape: borrowed at once, without the loop's `String`.
        let start = self.i;
        self.i += plain_len(self.b.get(start..).unwrap_or_default());
        if self.peek() == Some(b'"') {
            // The input is a &str and the run stops at an ASCII byte: a char boundary.
            let run = self.s.get(start..self.i).unwrap_or_default();
            self.i += 1;
            return Ok(Cow::Borrowed(run));
        }
        self.i = start;
        self.escaped()
    }

    /// The rest of a string that has an escape (or is not valid), from after its `"`.
    #[inline(never)]
    fn escaped(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        let mut out = String::new();
        loop {
            // Most strings have no escape: one copy of the run.
            let start = self.i;
            self.i += plain_len(self.b.get(start..).unwrap_or_default());
            // The input is a &str and the run stops at ASCII bytes: it is valid UTF-8.
            let run = self.text(start);
            match self.peek() {
                None => return Err(self.err("unterminated string")),
                Some(b'"') => {
                    self.i += 1;
                    if out.is_empty() {
                        return Ok(Cow::Borrowed(run));
                    }
                    out.push_str(run);
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    out.push_str(run);
                    self.i += 1;
                    let e = self.peek().ok_or_else(|| self.err("unterminated string"))?;
                    self.i += 1;
                    // One `push` for every escape (each `push` is its own code).
                    let c = match e {
                        b'"' | b'\\' | b'/' => char::from(e),
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => {
                            self.i -= 1;
                            return Err(self.err("invalid escape"));
                        }
                    };
                    out.push(c);
                }
                Some(_) => return Err(self.err("control character in string")),
            }
        }
    }

    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let hi = self.hex4()?;
        if (0xD800..0xDC00).contains(&hi) && self.b.get(self.i..self.i + 2) == Some(b"\\u") {
            let save = self.i;
            self.i += 2;
            let lo = self.hex4()?;
            if (0xDC00..0xE000).contains(&lo) {
                let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                return Ok(char::from_u32(c).unwrap_or('\u{FFFD}'));
            }
            self.i = save;
        }
        Ok(char::from_u32(hi).unwrap_or('\u{FFFD}'))
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<Node<'a>, SyntaxError> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        let int_start = self.i;
        let n = self.digits();
        if n == 0 || (n > 1 && self.b.get(int_start) == Some(&b'0')) {
            return Err(self.err("invalid number"));
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err(self.err("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(self.err("invalid number"));
            }
        }
        Ok(Node::Number(Cow::Borrowed(self.text(start))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_serde_json() {
        for text in [
            r#"{"a":[1,-0.0006400000,1e-7,2.5E+3,true,false,null],"b":{"c":"x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"}}"#,
            " [ ] ",
            "{}",
            r#""\u4e2d文""#,
            "0",
            "-12.50",
            r#"{"k":1,"k":2}"#,
        ] {
            let mine = parse(text).unwrap();
            let theirs: Value = serde_json::from_str(text).unwrap();
            assert_eq!(mine, theirs, "{text}");
        }
        assert_eq!(parse_node("105.00").unwrap(), Node::Number("105.00".into()));
        let n = parse("105.00").unwrap();
        assert_eq!(
            n.as_number().map(serde_json::Number::as_str),
            Some("105.00")
        );
        // The last of repeated keys counts, as in serde_json.
        assert_eq!(
            parse_node(r#"{"k":1,"k":2}"#).unwrap().field("k"),
            Some(&Node::Number("2".into()))
        );
        // Strings without escapes are borrowed.
        assert!(matches!(
            parse_node(r#""abc""#).unwrap(),
            Node::String(Cow::Borrowed("abc"))
        ));
    }

    #[test]
    fn rejects_what_is_not_json() {
        for bad in [
            "",
            "[",
            "[1,]",
            "{\"a\"}",
            "{\"a\":1,}",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "tru",
            "\"a",
            "\"\\x\"",
            "\"\u{1}\"",
            "[1] x",
            "{a:1}",
            "NaN",
            "\"\\u12\"",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            parse_node("[1,]").unwrap_err().to_string(),
            "expected a value at byte 3"
        );
        assert_eq!(
            parse_node(&format!("{}x", " ".repeat(12345)))
                .unwrap_err()
                .to_string(),
            format!("expected a value at byte {}", 12345)
        );
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(parse_node(&deep).unwrap_err().message, "nested too deeply");
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
    }

    /// The eight-at-a-time scan stops where a byte-by-byte scan stops, whatever the bytes
    /// around the stop (each edge of the three tests, UTF-8 bytes) and the run's length.
    #[test]
    fn plain_runs_end_as_scanned_byte_by_byte() {
        const EDGES: [u8; 16] = [
            0x00, 0x01, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x5b, 0x5c, 0x5d, 0x7f, 0x80, 0xa2, 0xdc,
            0xfe, 0xff,
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for len in 0..40 {
            for _ in 0..400 {
                let b: Vec<u8> = (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        // Mostly plain bytes, so that runs are long.
                        match seed % 8 {
                            0 => EDGES[(seed >> 8) as usize % EDGES.len()],
                            _ => b'a' + (seed >> 8) as u8 % 26,
                        }
                    })
                    .collect();
                let expected = b.iter().position(plain_end).unwrap_or(b.len());
                assert_eq!(plain_len(&b), expected, "{b:?}");
            }
        }
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let s = |t: &str| match parse_node(t).unwrap() {
            Node::String(s) => s.into_owned(),
            other => panic!("{other:?}"),
        };
        assert_eq!(s(r#""\ud800x""#), "\u{FFFD}x");
        assert_eq!(s(r#""\udc00\ud800""#), "\u{FFFD}\u{FFFD}");
    }
}
