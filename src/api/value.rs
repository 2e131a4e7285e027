//! [`Json`]: the client's JSON value — the package's one tree, [`Node`], owning its text
//! (`Node<'static>`), numbers kept as their exact text.
//!
//! The client reads inputs and BSS answers with the package's one parser (`json::tree`) and
//! owns the result ([`Json::parse`]), so it can change it and write it back (a request kept
//! across a fetch, the next page's `offset`, amounts rewritten as strings). Keeping this out of
//! `serde_json::Value` saves its map type, (de)serializers and float formatting — ~20 KB
//! gzipped of wasm — for no gain: nothing here needs a float.

use std::borrow::Cow;
use std::fmt;

pub use crate::json::tree::MAX_DEPTH;
use crate::json::tree::{JsonNode, Node, parse_node};

/// A JSON value that owns its text: numbers are their text (`10.50`, `1e-7`), objects keep
/// their key order (with a repeated key the last one counts, as in `JSON.parse`).
pub type Json = Node<'static>;

/// Why text is not JSON.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not JSON at byte {offset}: {reason}")]
pub struct JsonSyntax {
    /// Byte offset of the problem.
    pub offset: usize,
    /// What was expected.
    pub reason: &'static str,
}

/// Appends `s` as a JSON string: the one JSON string writer, [`crate::json::write::string`].
pub use crate::json::write::string as write_str;

// Numbers are text and objects lists: equality is total.
impl Eq for Node<'_> {}

impl Node<'_> {
    /// The tree owning its text.
    pub fn into_owned(self) -> Json {
        match self {
            Node::Null => Node::Null,
            Node::Bool(b) => Node::Bool(b),
            Node::Number(t) => Node::Number(Cow::Owned(t.into_owned())),
            Node::String(s) => Node::String(Cow::Owned(s.into_owned())),
            Node::Array(items) => Node::Array(items.into_iter().map(Node::into_owned).collect()),
            Node::Object(members) => Node::Object(
                members
                    .into_iter()
                    .map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned()))
                    .collect(),
            ),
        }
    }

    /// The member `key` of an object (the last one when repeated).
    pub fn get(&self, key: &str) -> Option<&Self> {
        JsonNode::field(self, key)
    }

    /// Whether the member `key` is present and not `null`.
    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some_and(|v| !matches!(v, Node::Null))
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::String(s) => Some(s),
            _ => None,
        }
    }

    /// The integer, if this is a number written as one (no fraction, no exponent).
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Node::Number(t) if is_integer_text(t) => t.parse().ok(),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&[Self]> {
        match self {
            Node::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The JS type name, for messages.
    pub fn type_name(&self) -> &'static str {
        crate::json::tree::type_name(self)
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
            Node::Null => out.push_str("null"),
            Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Node::Number(t) => out.push_str(t),
            Node::String(s) => write_str(out, s),
            Node::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Node::Object(entries) => {
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

impl Json {
    /// Reads JSON text (RFC 8259, with the package's one JSON reader); numbers keep their
    /// digits.
    pub fn parse(text: &str) -> Result<Json, JsonSyntax> {
        parse_node(text)
            .map(Node::into_owned)
            .map_err(|e| JsonSyntax {
                offset: e.offset,
                reason: e.message,
            })
    }

    /// A string value.
    pub fn str(s: impl Into<String>) -> Json {
        Node::String(Cow::Owned(s.into()))
    }

    /// A number value from its text.
    pub fn number(text: impl Into<String>) -> Json {
        Node::Number(Cow::Owned(text.into()))
    }

    /// An integer value.
    pub fn int(n: i64) -> Json {
        Json::number(crate::text::int(n))
    }
}

/// Whether a JSON number's text has no fraction and no exponent (by bytes: a `[char; 3]`
/// pattern links its own searcher: 149 B gzipped of the client module, with `split_url`'s).
pub fn is_integer_text(t: &str) -> bool {
    !t.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'))
}

impl fmt::Display for Node<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

#[cfg(feature = "serde")]
impl From<&serde_json::Value> for Json {
    /// For Rust callers holding a `serde_json::Value` (numbers keep their text with
    /// `arbitrary_precision`).
    fn from(v: &serde_json::Value) -> Json {
        Node::borrowed(v).into_owned()
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
