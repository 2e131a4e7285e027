//! Shared conversions: JS type names for messages, and a JS number's `String(n)` text (amounts
//! are read from it, never from `f64`).

use wasm_bindgen::prelude::*;

/// The JS `typeof` of a value, with `null` and arrays named as such, for error messages.
pub(crate) fn js_type_name(value: &JsValue) -> &'static str {
    if value.is_null() {
        return "null";
    }
    if crate::js::is_array(value) {
        return "array";
    }
    // A table, not a string `match` (one loop instead of a comparison chain per arm).
    let name = value.js_typeof().as_string().unwrap_or_default();
    [
        "string",
        "number",
        "bigint",
        "boolean",
        "symbol",
        "undefined",
        "function",
    ]
    .into_iter()
    .find(|t| *t == name)
    .unwrap_or("object")
}

/// `String(n)` for a JS number — its shortest round-trip decimal text, computed by JS itself —
/// or `None` when the value is not a number. Amounts are read from this text, never from `f64`.
#[cfg(any(feature = "registration", feature = "pricing"))]
pub(crate) fn js_number_text(value: &JsValue) -> Option<String> {
    value.as_f64()?;
    crate::js::number_text(value)
}
