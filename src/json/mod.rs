//! Reading JSON text — BSS response bodies and the inputs the JS binding passes in — with
//! amounts kept exact, and writing results.
//!
//! [`tree`] parses text into a small borrowed tree (numbers kept as their text, so a JSON
//! number reaches [`Amount`] as `0.0006400000` and never passes through `f64`); [`read`] is
//! the one reader of every input over it, whose errors ([`JsonError`]) carry the path of the
//! offending value (`lines[3].official_amount`); [`write`](mod@write) writes results as JSON text.
//! serde_json's deserializer is not used on any input path (Rust callers may still use the
//! serde derives of the public types, with serde_json's `arbitrary_precision`).
//!
//! [`Amount`]: crate::money::Amount

pub mod map;
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// What went wrong.
    pub kind: JsonErrorKind,
    /// The path of the value (`lines[3].official_amount`); empty for the whole document.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl std::error::Error for JsonError {}

/// `{path}: {message}`, or the message alone for the whole document.
impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.path.is_empty() {
            f.write_str(&self.path)?;
            f.write_str(": ")?;
        }
        f.write_str(&self.message)
    }
}

impl ErrorCode for JsonError {
    fn code(&self) -> &'static str {
        match self.kind {
            JsonErrorKind::Syntax => crate::codes::error::INVALID_JSON,
            JsonErrorKind::Amount => crate::codes::error::INVALID_AMOUNT,
            JsonErrorKind::Shape => crate::codes::error::INVALID_INPUT,
            JsonErrorKind::TooLarge => crate::codes::error::TOO_LARGE,
        }
    }

    fn field(&self) -> Option<&str> {
        (!self.path.is_empty()).then_some(self.path.as_str())
    }
}
