//! The registration operations' rules, asked of the registration module (loaded on first use
//! by `registration_bridge.js`): the client module carries none of them, 12 KB gzipped less.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use bss_storefront::api::registration::{Outcome, flat_form, read_outcome};
use bss_storefront::api::{Json, Operation};
use bss_storefront::codes::error as code;
use bss_storefront::registration::Site;

use crate::error::bss_error;

#[wasm_bindgen(raw_module = "./registration_bridge.js")]
extern "C" {
    #[wasm_bindgen(js_name = registrationOutcome)]
    fn registration_outcome(operation: &str, form: js_sys::Array, site: &str) -> js_sys::Promise;
}

/// The registration rules' answer for `input` when `op` is a registration operation.
pub(crate) async fn outcome(
    op: Operation,
    input: &Json,
    site: Site,
) -> Result<Option<Outcome>, JsValue> {
    let Some(names) = op.spec().registration else {
        return Ok(None);
    };
    let form: js_sys::Array = flat_form(names, input)
        .into_iter()
        .map(JsValue::from)
        .collect();
    let unavailable = |why: &str| {
        bss_error(
            code::INTERNAL,
            &format!("the registration rules could not be run: {why}"),
            JsValue::UNDEFINED,
        )
    };
    let answer = JsFuture::from(registration_outcome(op.spec().name, form, site.as_str()))
        .await
        .map_err(|e| unavailable(&e.as_string().unwrap_or_else(|| "module not loaded".into())))?;
    answer
        .as_string()
        .and_then(|text| read_outcome(&text))
        .map(Some)
        .ok_or_else(|| unavailable("an answer of another shape"))
}

/// The answer `build_with` takes: given, or none (the operation has no registration rules).
pub(crate) fn given(outcome: Option<Outcome>) -> impl FnOnce() -> Outcome {
    move || outcome.unwrap_or_else(|| Err(Vec::new()))
}
