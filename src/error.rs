//! The error trait of every area.
//!
//! Every area has its own error enum; each variant maps to a stable snake_case `code` (a
//! constant of the registry, `crate::codes`) that JS callers can switch on (`BssError.code`).
//! The wasm layer turns any [`ErrorCode`] into a JS `BssError` without knowing the area.

use std::fmt::Display;

/// An error with a stable machine-readable code.
pub trait ErrorCode: Display {
    /// The stable snake_case code, e.g. `invalid_amount`.
    fn code(&self) -> &'static str;

    /// The input field the error is about (a path such as `lines[3].official_amount`), if any.
    fn field(&self) -> Option<&str> {
        None
    }
}

/// Cuts `input` to at most `max` characters for quoting it in an error message, marking the
/// cut with `…`. Errors quote user input so it must be bounded: a 10 MB string must not end
/// up in a message.
pub fn quote_input(input: &str, max: usize) -> String {
    match input.char_indices().nth(max) {
        None => input.to_owned(),
        // `get`, not `[..cut]`: no slice-panic path (and its formatting) is linked into the modules.
        Some((cut, _)) => format!("{}…", input.get(..cut).unwrap_or(input)),
    }
}

#[cfg(test)]
mod tests {
    use super::quote_input;

    #[test]
    fn quotes_are_cut_on_char_boundaries() {
        assert_eq!(quote_input("abc", 64), "abc");
        assert_eq!(quote_input("abcdef", 3), "abc…");
        assert_eq!(quote_input("１２３４", 2), "１２…");
        assert_eq!(quote_input("", 2), "");
    }
}
