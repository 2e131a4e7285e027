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
        Some((cut, _)) => format!("{}…", &input[..cut]),
    }
}

/// `prefix` + `path`, the path of a value inside another (`order` + `lines[2].amount` →
/// `order.lines[2].amount`); a `path` that starts with an index joins without a dot
/// (`lines` + `[2]` → `lines[2]`).
pub fn join_path(prefix: &str, path: &str) -> String {
    match (prefix.is_empty(), path.is_empty()) {
        (true, _) => path.to_owned(),
        (false, true) => prefix.to_owned(),
        (false, false) if path.starts_with('[') => format!("{prefix}{path}"),
        (false, false) => format!("{prefix}.{path}"),
    }
}

#[cfg(test)]
mod tests {
    use super::{join_path, quote_input};

    #[test]
    fn paths_join_with_a_dot_or_an_index() {
        assert_eq!(
            join_path("order", "lines[2].amount"),
            "order.lines[2].amount"
        );
        assert_eq!(join_path("lines", "[2]"), "lines[2]");
        assert_eq!(join_path("", "x"), "x");
        assert_eq!(join_path("x", ""), "x");
    }

    #[test]
    fn quotes_are_cut_on_char_boundaries() {
        assert_eq!(quote_input("abc", 64), "abc");
        assert_eq!(quote_input("abcdef", 3), "abc…");
        assert_eq!(quote_input("１２３４", 2), "１２…");
        assert_eq!(quote_input("", 2), "");
    }
}
