//! [`Json`]: the client's JSON value, with numbers kept as their exact text.
//!
//! The client reads inputs and BSS answers (with the package's JSON reader,
//! `json::tree`) into an owned tree it can change and write back. Keeping this out of
//! `serde_json::Value` saves its map type, (de)serializers and float formatting — ~20 KB
//! gzipped of wasm — for no gain: nothing here needs a float.
//!
//! It is not `json::tree::Node` because the client owns and changes its trees (a request kept
//! across a fetch, the next page's `offset`, amounts rewritten as strings), and a `Node` number
//! borrows its text (`Number(&'a str)`): a number the client makes cannot be one. Making that
//! a `Cow` (in `json::tree`) and this type `Node<'static>` is the way to one value type (issue
//! 12); what this type alone costs the client module is ~1.9 KB of wasm before gzip (the
//! `Node` conversion, `parse`, `write`, `eq`, `clone`, drops; measured with twiggy).

use std::fmt;

pub use crate::json::tree::MAX_DEPTH;
use crate::json::tree::{Node, parse_node};

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

impl From<Node<'_>> for Json {
    fn from(node: Node<'_>) -> Json {
        match node {
            Node::Null => Json::Null,
            Node::Bool(b) => Json::Bool(b),
            Node::Number(t) => Json::Number(t.to_owned()),
            Node::String(s) => Json::String(s.into_owned()),
            Node::Array(items) => Json::Array(items.into_iter().map(Json::from).collect()),
            Node::Object(members) => Json::Object(
                members
                    .into_iter()
                    .map(|(k, v)| (k.into_owned(), Json::from(v)))
                    .collect(),
            ),
        }
    }
}

/// Appends `s` as a JSON string: the one JSON string writer, [`crate::json::write::string`].
pub use crate::json::write::string as write_str;

impl Json {
    /// Reads JSON text (RFC 8259, with the package's one JSON reader); numbers keep their
    /// digits.
    pub fn parse(text: &str) -> Result<Json, JsonSyntax> {
        parse_node(text).map(Json::from).map_err(|e| JsonSyntax {
            offset: e.offset,
            reason: e.message,
        })
    }

    /// A string value.
    pub fn str(s: impl Into<String>) -> Json {
        Json::String(s.into())
    }

    /// An integer value.
    pub fn int(n: i64) -> Json {
        Json::Number(crate::text::int(n))
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
            Json::Number(t) if is_integer_text(t) => t.parse().ok(),
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

    /// The compact JSON text (what `to_string` gives, without the formatting machinery's
    /// `ToString` copy: 30 B gzipped of the client module).
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
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

/// Whether a JSON number's text has no fraction and no exponent (by bytes: a `[char; 3]`
/// pattern links its own searcher: 149 B gzipped of the client module, with `split_url`'s).
pub fn is_integer_text(t: &str) -> bool {
    !t.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'))
}

impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

#[cfg(feature = "serde")]
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
