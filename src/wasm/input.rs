//! Reading the arguments of the discount and quote exports.

use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

use super::convert::from_js;
use super::error::to_js_error;

/// A BSS body given either as the raw response text (amounts then keep every digit, even
/// beyond what a JS number holds) or as an already parsed object.
pub(crate) fn body_from_js<T: DeserializeOwned>(value: &JsValue, what: &str) -> Result<T, JsValue> {
    match value.as_string() {
        Some(text) => crate::json::from_str(&text).map_err(|e| to_js_error(&e)),
        None => from_js(value, what),
    }
}

/// An optional options object: `undefined` and `null` give the defaults.
pub(crate) fn options_from_js<T: DeserializeOwned + Default>(
    value: &JsValue,
    what: &str,
) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    from_js(value, what)
}
