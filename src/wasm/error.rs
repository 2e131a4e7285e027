//! Core errors as JS `BssError`s.
//!
//! `BssError` is a real `Error` subclass defined in the package's `bss_error.js`, which sits
//! next to the generated glue in every build, so `err instanceof BssError` holds for errors
//! thrown by the engine.

use wasm_bindgen::prelude::*;

use crate::error::ErrorCode;

#[wasm_bindgen(raw_module = "./bss_error.js")]
extern "C" {
    #[wasm_bindgen(extends = js_sys::Error)]
    type BssError;

    #[wasm_bindgen(constructor)]
    fn new(code: &str, message: &str, details: &JsValue) -> BssError;
}

/// Builds a JS `BssError` with `code`, `message` and the optional `details` properties
/// (`field`, `status`, `issues`, `request_id`, …).
pub(crate) fn bss_error(code: &str, message: &str, details: JsValue) -> JsValue {
    BssError::new(code, message, &details).into()
}

/// Any core error as a JS `BssError`.
pub(crate) fn to_js_error<E: ErrorCode + ?Sized>(e: &E) -> JsValue {
    let details = match e.field() {
        Some(field) => {
            let obj = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&obj, &"field".into(), &field.into());
            obj.into()
        }
        None => JsValue::UNDEFINED,
    };
    bss_error(e.code(), &e.to_string(), details)
}

#[wasm_bindgen(typescript_custom_section)]
const BSS_ERROR_TS: &'static str = r#"
/** The one error type of bss-storefront: a real `Error` with a stable `code`. */
export class BssError extends Error {
  constructor(code: string, message: string, details?: Record<string, unknown>);
  readonly name: "BssError";
  /** Stable code: `invalid_amount`, `invalid_order`, `CBC.99000038`, `APIGW.0301`, … */
  code: string;
  /** The input field or path the error concerns, e.g. `lines[3].official_amount`. */
  field?: string;
  /** HTTP status, for errors that come from a response. */
  status?: number;
  /** Validation issues, for `invalid_request`. */
  issues?: unknown[];
  /** The request id of the failed call, when the server sent one. */
  request_id?: string;
}
"#;
