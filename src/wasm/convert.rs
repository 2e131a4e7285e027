//! JS values in and out of the core, through JSON text.
//!
//! Objects cross the boundary as JSON text (`JSON.stringify` in, `JSON.parse` out): a JS
//! number is written in its shortest round-trip form — exactly `String(n)` — and the core
//! reads it from that text, so no amount passes through `f64` on the Rust side. One crossing
//! per call keeps the boundary cheap.

#![allow(dead_code)] // used by the area bindings as they are added

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

use super::error::{bss_error, to_js_error};

/// The JS `typeof` of a value, with `null` and arrays named as such, for error messages.
pub(crate) fn js_type_name(value: &JsValue) -> &'static str {
    if value.is_null() {
        return "null";
    }
    if js_sys::Array::is_array(value) {
        return "array";
    }
    match value.js_typeof().as_string().as_deref() {
        Some("string") => "string",
        Some("number") => "number",
        Some("bigint") => "bigint",
        Some("boolean") => "boolean",
        Some("symbol") => "symbol",
        Some("undefined") => "undefined",
        Some("function") => "function",
        _ => "object",
    }
}

/// `String(n)` for a JS number — its shortest round-trip decimal text, computed by JS itself —
/// or `None` when the value is not a number. Amounts are read from this text, never from `f64`.
pub(crate) fn js_number_text(value: &JsValue) -> Option<String> {
    value.as_f64()?;
    js_sys::Number::unchecked_from_js_ref(value)
        .to_string_with_radix(10)
        .ok()
        .and_then(|s| s.as_string())
}

/// Reads a JS value into a core type. `what` names the argument in error messages.
pub(crate) fn from_js<T: DeserializeOwned>(value: &JsValue, what: &str) -> Result<T, JsValue> {
    let text = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            bss_error(
                "invalid_input",
                &format!(
                    "{what}: cannot read a value of type {} (expected JSON data)",
                    js_type_name(value)
                ),
                JsValue::UNDEFINED,
            )
        })?;
    crate::json::from_str(&text).map_err(|e| to_js_error(&e))
}

/// Writes a core value as a plain JS value (objects, arrays, strings; amounts as strings).
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|e| bss_error("internal", &e.to_string(), JsValue::UNDEFINED))?;
    js_sys::JSON::parse(&text)
}
