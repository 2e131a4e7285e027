//! The site, the errors of the registration area, and reading a form from JSON text.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::mobile::MobileProblem;
use crate::error::{ErrorCode, quote_input};

/// The Huawei Cloud site a customer registers on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Site {
    /// China site (`bss.myhuaweicloud.com`): the customer gives a mobile number.
    #[default]
    Cn,
    /// International site (`bss-intl`): the customer gives an email and a `domain_area`.
    Intl,
}

impl Site {
    /// `cn` or `intl`.
    pub fn as_str(self) -> &'static str {
        match self {
            Site::Cn => "cn",
            Site::Intl => "intl",
        }
    }

    pub(crate) fn name_en(self) -> &'static str {
        match self {
            Site::Cn => "China",
            Site::Intl => "international",
        }
    }

    pub(crate) fn name_zh(self) -> &'static str {
        match self {
            Site::Cn => "中国站",
            Site::Intl => "国际站",
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
    /// JSON text given to [`parse_form`] is not JSON.
    #[error("form: not JSON: {0}")]
    InvalidJson(String),
    /// `validateField` was asked about a field the registration form does not have.
    #[error("unknown registration field \"{0}\"")]
    UnknownField(String),
}

impl ErrorCode for RegistrationError {
    fn code(&self) -> &'static str {
        match self {
            RegistrationError::InvalidMobile(_) => "invalid_mobile",
            RegistrationError::InvalidInput { .. } => "invalid_input",
            RegistrationError::InvalidJson(_) => "invalid_json",
            RegistrationError::UnknownField(_) => "unknown_field",
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
        RegistrationError::UnknownField(quote_input(name, 64))
    }
}

/// The JSON type name of a value, for messages (`null`, `boolean`, `number`, `string`,
/// `array`, `object`).
pub(crate) fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Reads a form (a JSON object) from JSON text, e.g. `JSON.stringify(form)`.
///
/// Lone UTF-16 surrogates (`"\ud800"`, which JavaScript strings may hold and
/// `JSON.stringify` writes as escapes) are read as U+FFFD, the way text crossing into wasm is,
/// so they become an `invalid_character` issue instead of a failed call.
pub fn parse_form(text: &str) -> Result<Map<String, Value>, RegistrationError> {
    match parse_value(text)? {
        Value::Object(map) => Ok(map),
        other => Err(RegistrationError::InvalidInput {
            what: "form",
            expected: "an object",
            actual: json_type(&other).to_owned(),
        }),
    }
}

/// Reads any JSON value, with lone surrogates read as U+FFFD (see [`parse_form`]).
pub fn parse_value(text: &str) -> Result<Value, RegistrationError> {
    serde_json::from_str(text).or_else(|first| match replace_lone_surrogates(text) {
        Some(repaired) => serde_json::from_str(&repaired)
            .map_err(|e| RegistrationError::InvalidJson(e.to_string())),
        None => Err(RegistrationError::InvalidJson(first.to_string())),
    })
}

/// Rewrites `\uD800`–`\uDFFF` escapes that are not part of a surrogate pair as `\uFFFD`.
/// `None` when there is nothing to rewrite. One pass over the text.
fn replace_lone_surrogates(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let escape_at = |i: usize| -> Option<u16> {
        let hex = bytes.get(i..i + 6)?;
        if hex.first() != Some(&b'\\') || hex.get(1) != Some(&b'u') {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(hex.get(2..)?).ok()?, 16).ok()
    };
    let mut out = String::new();
    let mut copied = 0; // bytes of `text` already in `out`
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i) != Some(&b'\\') {
            i += 1;
            continue;
        }
        let unit = match escape_at(i) {
            Some(u) => u,
            None => {
                i += 2; // `\\`, `\"`, `\n`, …: skip the escaped character
                continue;
            }
        };
        let lone = match unit {
            0xD800..=0xDBFF => match escape_at(i + 6) {
                Some(0xDC00..=0xDFFF) => {
                    i += 12; // a valid pair
                    continue;
                }
                _ => true,
            },
            0xDC00..=0xDFFF => true,
            _ => false,
        };
        if lone {
            out.push_str(text.get(copied..i)?);
            out.push_str("\\uFFFD");
            copied = i + 6;
        }
        i += 6;
    }
    if copied == 0 {
        return None;
    }
    out.push_str(text.get(copied..)?);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let map = parse_form(r#"{"a":"x\ud800y","b":"\udc00","c":"\ud83d\ude00","d":"\\ud800"}"#)
            .unwrap();
        assert_eq!(map["a"], "x\u{FFFD}y");
        assert_eq!(map["b"], "\u{FFFD}");
        assert_eq!(map["c"], "😀");
        assert_eq!(map["d"], "\\ud800");
        let map = parse_form(r#"{"a":"\uD800\uD800\uDC00"}"#).unwrap();
        assert_eq!(map["a"], "\u{FFFD}\u{10000}");
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
            assert_eq!(parse_form(text).unwrap_err().code(), code, "{text}");
        }
        assert_eq!(
            parse_form("[1]").unwrap_err().to_string(),
            "form: expected an object, got array"
        );
    }
}
