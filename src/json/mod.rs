//! Reading JSON text — BSS response bodies and the inputs the JS binding passes in — with
//! amounts kept exact.
//!
//! serde_json runs with `arbitrary_precision`, so a JSON number reaches [`Amount`] as its
//! original text (`0.0006400000`, `105.00`) and never passes through `f64`. Errors carry the
//! path of the offending value (`lines[3].official_amount`).
//!
//! [`tree`] is the small borrowed JSON tree the engine's readers use on the wasm path.
//!
//! [`Amount`]: crate::money::Amount

use serde::de::DeserializeOwned;

pub mod read;
pub mod tree;
pub mod write;

use crate::error::ErrorCode;

/// What went wrong while reading JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonErrorKind {
    /// The text is not JSON.
    Syntax,
    /// A value that should be an amount is not one.
    Amount,
    /// The JSON does not have the expected shape (missing field, wrong type).
    Shape,
    /// A list longer than its documented limit (`too_large`).
    TooLarge,
}

/// A JSON reading error with the path of the value it concerns.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", if path.is_empty() { String::new() } else { format!("{path}: ") })]
pub struct JsonError {
    /// What went wrong.
    pub kind: JsonErrorKind,
    /// The path of the value (`lines[3].official_amount`); empty for the whole document.
    pub path: String,
    /// serde's description.
    pub message: String,
}

impl ErrorCode for JsonError {
    fn code(&self) -> &'static str {
        match self.kind {
            JsonErrorKind::Syntax => "invalid_json",
            JsonErrorKind::Amount => "invalid_amount",
            JsonErrorKind::Shape => "invalid_input",
            JsonErrorKind::TooLarge => "too_large",
        }
    }

    fn field(&self) -> Option<&str> {
        (!self.path.is_empty()).then_some(self.path.as_str())
    }
}

/// Reads `T` from JSON text, keeping every number's digits.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        (
            if path == "." { String::new() } else { path },
            e.into_inner(),
        )
    });
    let value = value.and_then(|v| de.end().map(|()| v).map_err(|e| (String::new(), e)));
    value.map_err(|(path, inner)| {
        let message = inner.to_string();
        let kind = if inner.is_syntax() || inner.is_eof() {
            JsonErrorKind::Syntax
        } else if message.starts_with("invalid amount") {
            JsonErrorKind::Amount
        } else {
            JsonErrorKind::Shape
        };
        JsonError {
            kind,
            path,
            message,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Amount;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Line {
        id: String,
        official_amount: Amount,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Order {
        lines: Vec<Line>,
    }

    #[test]
    fn errors_name_the_path_and_kind() {
        let text = r#"{"lines":[{"id":"a","official_amount":1},{"id":"b","official_amount":"x"}]}"#;
        let err = from_str::<Order>(text).unwrap_err();
        assert_eq!(err.kind, JsonErrorKind::Amount);
        assert_eq!(err.code(), "invalid_amount");
        assert_eq!(err.field(), Some("lines[1].official_amount"));

        let err = from_str::<Order>(r#"{"lines":[{"official_amount":1}]}"#).unwrap_err();
        assert_eq!(err.kind, JsonErrorKind::Shape);
        assert_eq!(err.field(), Some("lines[0]"));

        let err = from_str::<Order>(r#"{"lines":[]"#).unwrap_err();
        assert_eq!(err.code(), "invalid_json");
        let err = from_str::<Order>(r#"{"lines":[]} x"#).unwrap_err();
        assert_eq!(err.code(), "invalid_json");
    }

    #[test]
    fn numbers_stay_exact() {
        let o: Order =
            from_str(r#"{"lines":[{"id":"a","official_amount":0.0006400000}]}"#).unwrap();
        assert_eq!(o.lines[0].official_amount.to_string(), "0.00064");
    }
}
