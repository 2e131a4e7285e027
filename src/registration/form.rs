//! The site, the errors of the registration area, and reading a form from JSON text.

#[cfg(feature = "serde")]
use serde_json::{Map, Value};

use super::kinds::{MobileProblem, Site};
use crate::error::ErrorCode;
use crate::json::tree::{Node, parse_node, type_name};

impl std::str::FromStr for Site {
    type Err = RegistrationError;

    /// `cn` or `intl`.
    fn from_str(s: &str) -> Result<Site, RegistrationError> {
        match s {
            "cn" => Ok(Site::Cn),
            "intl" => Ok(Site::Intl),
            other => Err(RegistrationError::InvalidInput {
                what: "site",
                expected: "\"cn\" or \"intl\"",
                actual: {
                    // By hand, as `quoted` (no `format!` in the registration module).
                    let mut actual = String::from("\"");
                    actual.push_str(&quoted(other));
                    actual.push('"');
                    actual
                },
            }),
        }
    }
}

/// Errors of the registration area. Validation problems are not errors (they are
/// [`Issue`](super::Issue)s); these are for calls that cannot be answered with issues.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistrationError {
    /// `normalizeMobile` was given something that is not a Chinese mobile number.
    #[error("invalid mobile number: {}", .0.message_en())]
    InvalidMobile(MobileProblem),
    /// The form (or another argument) does not have the expected shape.
    #[error("{what}: expected {expected}, got {actual}")]
    InvalidInput {
        /// The argument (`form`, `opts.site`, …).
        what: &'static str,
        /// What was expected.
        expected: &'static str,
        /// What was given (a JSON type, or the value cut to 64 characters).
        actual: String,
    },
    /// JSON text given to [`Form::from_json`] is not JSON.
    #[error("form: not JSON: {0}")]
    InvalidJson(String),
    /// `validateField` was asked about a field the registration form does not have.
    #[error("unknown registration field \"{0}\"")]
    UnknownField(String),
    /// A batch holds more forms than [`MAX_BATCH_FORMS`](super::MAX_BATCH_FORMS).
    #[error("too many forms in one batch: {count} (at most {max})")]
    BatchTooLarge {
        /// The forms given.
        count: usize,
        /// The limit.
        max: usize,
    },
}

impl ErrorCode for RegistrationError {
    fn code(&self) -> &'static str {
        match self {
            RegistrationError::InvalidMobile(_) => crate::codes::error::INVALID_MOBILE,
            RegistrationError::InvalidInput { .. } => crate::codes::error::INVALID_INPUT,
            RegistrationError::InvalidJson(_) => crate::codes::error::INVALID_JSON,
            RegistrationError::UnknownField(_) => crate::codes::error::UNKNOWN_FIELD,
            RegistrationError::BatchTooLarge { .. } => crate::codes::error::TOO_LARGE,
        }
    }

    fn field(&self) -> Option<&str> {
        match self {
            RegistrationError::InvalidInput { what, .. } => Some(what),
            RegistrationError::UnknownField(name) => Some(name),
            _ => None,
        }
    }
}

impl RegistrationError {
    pub(crate) fn unknown_field(name: &str) -> Self {
        RegistrationError::UnknownField(quoted(name))
    }
}

/// A caller's text as shown in an error: its first 64 characters, `…` when cut (what
/// `error::quote_input(text, 64)` writes). Cut with `str::get`, not by slicing: a `str`
/// slice's panic path pulls `char`'s `Debug` and the Unicode printable tables into the
/// registration module (4 KB gzipped).
fn quoted(text: &str) -> String {
    // A loop, not `char_indices().nth(64)`: `nth`'s `advance_by` is larger (33 B gzipped).
    let mut out = String::new();
    for (count, c) in text.chars().enumerate() {
        if count == 64 {
            out.push('…');
            break;
        }
        out.push(c);
    }
    out
}

/// A field value as the caller gave it. A field that is not in the [`Form`] is absent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    /// `null`.
    Null,
    /// A string (possibly `""`).
    Text(String),
    /// A boolean.
    Bool(bool),
    /// A number, as its JSON text (JS: `String(n)`).
    Number(String),
    /// Any other type, named for messages: `array`, `object`, `bigint`, `symbol`, `function`.
    Other(&'static str),
}

impl From<&Node<'_>> for FieldValue {
    fn from(value: &Node<'_>) -> Self {
        match value {
            Node::Null => FieldValue::Null,
            Node::Bool(b) => FieldValue::Bool(*b),
            Node::Number(n) => FieldValue::Number(n.to_string()),
            Node::String(s) => FieldValue::Text(s.to_string()),
            Node::Array(_) => FieldValue::Other("array"),
            Node::Object(_) => FieldValue::Other("object"),
        }
    }
}

#[cfg(feature = "serde")]
impl From<&Value> for FieldValue {
    fn from(value: &Value) -> Self {
        FieldValue::from(&Node::borrowed(value))
    }
}

/// The fields of a request by BSS wire name (`domain_name`, `search_type`, …). Unknown names
/// may be present; the rules only read the fields they know.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    fields: Vec<(String, FieldValue)>,
}

impl Form {
    /// An empty form.
    pub fn new() -> Self {
        Form::default()
    }

    /// Sets `name` to `value` (replacing an earlier value).
    pub fn set(&mut self, name: &str, value: FieldValue) {
        match self.fields.iter_mut().find(|(n, _)| n == name) {
            Some((_, slot)) => *slot = value,
            None => self.fields.push((name.to_owned(), value)),
        }
    }

    /// The form with `name` set to `value`.
    pub fn with(mut self, name: &str, value: FieldValue) -> Self {
        self.set(name, value);
        self
    }

    /// The value of `name`; `None` when absent.
    pub fn get(&self, name: &str) -> Option<&FieldValue> {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// The form as flat text, `[name, value, …]`, each value a kind letter then its text
    /// (`-` null, `t` / `f`, `#` number text, `"` string, `[` array, `{` object, `?` another
    /// type): how the npm package's client module hands a request to the registration
    /// module, which has no JSON reader.
    pub fn to_flat(&self) -> Vec<String> {
        let mut flat = Vec::with_capacity(self.fields.len() * 2);
        for (name, value) in &self.fields {
            flat.push(name.clone());
            flat.push(match value {
                FieldValue::Null => "-".to_owned(),
                FieldValue::Bool(true) => "t".to_owned(),
                FieldValue::Bool(false) => "f".to_owned(),
                FieldValue::Number(text) => format!("#{text}"),
                FieldValue::Text(text) => format!("\"{text}"),
                FieldValue::Other("array") => "[".to_owned(),
                FieldValue::Other("object") => "{".to_owned(),
                FieldValue::Other(other) => format!("?{other}"),
            });
        }
        flat
    }

    /// Reads [`Form::to_flat`]'s text; `None` when it is not such text.
    pub fn from_flat(flat: &[String]) -> Option<Form> {
        let mut form = Form::new();
        for pair in flat.chunks(2) {
            let [name, value] = pair else { return None };
            // The kind by its byte, not as a one-letter `str` (a comparison per arm).
            let text = value.get(1..)?;
            let value = match value.as_bytes().first()? {
                b'-' => FieldValue::Null,
                b't' => FieldValue::Bool(true),
                b'f' => FieldValue::Bool(false),
                b'#' => FieldValue::Number(text.to_owned()),
                b'"' => FieldValue::Text(text.to_owned()),
                b'[' => FieldValue::Other("array"),
                b'{' => FieldValue::Other("object"),
                b'?' => FieldValue::Other(
                    ["bigint", "symbol", "function"]
                        .into_iter()
                        .find(|t| *t == text)
                        .unwrap_or("undefined"),
                ),
                _ => return None,
            };
            form.set(name, value);
        }
        Some(form)
    }

    /// Reads a form from JSON text (an object), e.g. `JSON.stringify(form)` or a request body.
    ///
    /// Lone UTF-16 surrogates (`"\ud800"`, which JavaScript strings may hold and
    /// `JSON.stringify` writes as escapes) are read as U+FFFD, as text crossing into wasm
    /// is, so they become an `invalid_character` issue instead of a failed call.
    pub fn from_json(text: &str) -> Result<Form, RegistrationError> {
        // The tree reads a lone surrogate escape as U+FFFD; serde_json is not needed.
        let node = parse_node(text).map_err(|e| RegistrationError::InvalidJson(e.to_string()))?;
        Form::from_node(&node)
    }

    /// Reads a form from a parsed JSON tree (an object).
    pub fn from_node(node: &Node<'_>) -> Result<Form, RegistrationError> {
        match node {
            Node::Object(members) => {
                let mut form = Form::new();
                // A repeated key: the last one counts, as in the tree's own lookups.
                for (k, v) in members {
                    form.set(k, FieldValue::from(v));
                }
                Ok(form)
            }
            other => Err(RegistrationError::InvalidInput {
                what: "form",
                expected: "an object",
                actual: type_name(other).to_owned(),
            }),
        }
    }
}

#[cfg(feature = "serde")]
impl From<&Map<String, Value>> for Form {
    fn from(map: &Map<String, Value>) -> Self {
        Form {
            fields: map
                .iter()
                .map(|(k, v)| (k.clone(), FieldValue::from(v)))
                .collect(),
        }
    }
}

impl FieldValue {
    /// The type name used in messages (`null`, `string`, `boolean`, `number`, `array`, …).
    pub fn type_name(&self) -> &'static str {
        match self {
            FieldValue::Null => "null",
            FieldValue::Text(_) => "string",
            FieldValue::Bool(_) => "boolean",
            FieldValue::Number(_) => "number",
            FieldValue::Other(t) => t,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let text = |s: &str| Some(FieldValue::Text(s.to_owned()));
        let form =
            Form::from_json(r#"{"a":"x\ud800y","b":"\udc00","c":"\ud83d\ude00","d":"\\ud800"}"#)
                .unwrap();
        assert_eq!(form.get("a").cloned(), text("x\u{FFFD}y"));
        assert_eq!(form.get("b").cloned(), text("\u{FFFD}"));
        assert_eq!(form.get("c").cloned(), text("😀"));
        assert_eq!(form.get("d").cloned(), text("\\ud800"));
        let form = Form::from_json(r#"{"a":"\uD800\uD800\uDC00"}"#).unwrap();
        assert_eq!(form.get("a").cloned(), text("\u{FFFD}\u{10000}"));
    }

    #[test]
    fn non_objects_and_bad_json_are_typed_errors() {
        for (text, code) in [
            ("[]", "invalid_input"),
            ("null", "invalid_input"),
            ("\"x\"", "invalid_input"),
            ("{", "invalid_json"),
            ("{\"a\":\"\\ud800\"", "invalid_json"),
            ("", "invalid_json"),
        ] {
            assert_eq!(Form::from_json(text).unwrap_err().code(), code, "{text}");
        }
        assert_eq!(
            Form::from_json("[1]").unwrap_err().to_string(),
            "form: expected an object, got array"
        );
    }

    #[test]
    fn quoted_is_quote_input() {
        for text in [
            "",
            "cn",
            &"é".repeat(64),
            &"é".repeat(65),
            &"x".repeat(200),
            "中文",
        ] {
            assert_eq!(quoted(text), crate::error::quote_input(text, 64));
        }
    }
}
