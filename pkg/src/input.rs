//! The object arguments of the engine exports (coupons, discounts, quote), as JSON text for
//! the core's readers.

use wasm_bindgen::prelude::*;

use crate::convert::js_type_name;
use crate::error::field_error;

/// The JSON text of an argument. A string is taken as JSON text when `text_allowed` (a BSS
/// body as received keeps every digit, even beyond what a JS number holds); `undefined` is
/// `null` when `optional`; anything else goes through `JSON.stringify`. A value JSON cannot
/// hold (a BigInt, a cycle) is a `BssError` with `code` and `field` = `what`.
pub(crate) fn json_text(
    value: &JsValue,
    what: &str,
    code: &str,
    text_allowed: bool,
    optional: bool,
) -> Result<String, JsValue> {
    if optional && value.is_undefined() {
        return Ok("null".to_owned());
    }
    if text_allowed {
        if let Some(text) = value.as_string() {
            return Ok(text);
        }
    }
    crate::js::json_stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            field_error(
                code,
                what,
                &format!(
                    "{what}: cannot read a value of type {} (expected JSON data)",
                    js_type_name(value)
                ),
            )
        })
}
