//! Core errors as JS `BssError`s.
//!
//! `BssError` is a real `Error` subclass defined in the package's `bss_error.js`, which sits
//! next to the generated glue in every build, so `err instanceof BssError` holds for errors
//! thrown by the engine.

use wasm_bindgen::prelude::*;

use bss_storefront::error::ErrorCode;

#[wasm_bindgen(raw_module = "./bss_error.js")]
extern "C" {
    type BssError;

    #[wasm_bindgen(constructor)]
    fn new(code: &str, message: &str, details: &JsValue) -> BssError;
}

/// Builds a JS `BssError` with `code`, `message` and the optional `details` properties
/// (`field`, `status`, `issues`, `request_id`, …).
pub(crate) fn bss_error(code: &str, message: &str, details: JsValue) -> JsValue {
    BssError::new(code, message, &details).into()
}

/// A `BssError` with `code` and `field`.
pub(crate) fn field_error(code: &str, field: &str, message: &str) -> JsValue {
    bss_error(code, message, crate::js::object_with("field", field))
}

/// Any core error as a JS `BssError`. Through `dyn`, not generic: one copy for every core error
/// type (pricing 121,089 -> 120,809 B gzipped).
pub(crate) fn to_js_error(e: &dyn ErrorCode) -> JsValue {
    match e.field() {
        Some(field) => field_error(e.code(), field, &e.to_string()),
        None => bss_error(e.code(), &e.to_string(), JsValue::UNDEFINED),
    }
}
