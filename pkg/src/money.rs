//! `normalizeAmount` and `version`.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::convert::{js_number_text, js_type_name};
use crate::error::to_js_error;
use bss_storefront::money::{Amount, AmountError, MAX_AMOUNT_TEXT_LEN};

/// Reads an amount the way every engine entry point does.
pub(crate) fn amount_from_js(value: &JsValue) -> Result<Amount, AmountError> {
    if value.is_string() {
        let s: &crate::js::Indexed = value.unchecked_ref();
        // Reject long strings from their length, before copying them out of JS.
        if s.length() as usize > MAX_AMOUNT_TEXT_LEN {
            return Err(AmountError::too_long());
        }
        let text = value.as_string().unwrap_or_default();
        return Amount::parse(&text);
    }
    if let Some(repr) = js_number_text(value) {
        return Amount::parse_js_number(&repr);
    }
    Err(AmountError::wrong_type(js_type_name(value)))
}

/// The canonical form of an amount: plain notation, no exponent, no leading zeros, no
/// insignificant trailing zeros, `-0` as `0`. Throws `BssError` `invalid_amount`.
#[wasm_bindgen(js_name = normalizeAmount)]
pub fn normalize_amount(
    #[wasm_bindgen(unchecked_param_type = "string | number")] value: JsValue,
) -> Result<String, JsValue> {
    amount_from_js(&value)
        .map(|a| a.to_string())
        .map_err(|e| to_js_error(&e))
}

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    bss_storefront::VERSION.to_owned()
}
