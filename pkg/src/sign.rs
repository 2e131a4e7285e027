//! `signRequest`: SDK-HMAC-SHA256 signing for `fetch` (Node, workers, servers).

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use bss_storefront::codes::error as code;

use crate::error::field_error;
use crate::error::to_js_error;
use crate::js_input::{self, opt_string, req_string};
use bss_storefront::sign::{AccessKey, SdkDate, sign_url};

#[wasm_bindgen(typescript_custom_section)]
const SIGN_TS: &'static str = r#"
/** A request to sign with AK/SK (SDK-HMAC-SHA256). */
export interface SignRequestInput {
  method: string;
  /** Absolute http(s) URL; the query may be raw or encoded. */
  url: string;
  /** Plain object, `Headers`, or `[name, value]` pairs. Headers whose name has `_` are sent unsigned. */
  headers?: Record<string, string> | Headers | [string, string][];
  /** The exact body to send: a string is sent as UTF-8. */
  body?: string | Uint8Array | ArrayBuffer;
  ak: string;
  sk: string;
  /** `YYYYMMDDTHHMMSSZ` or a `Date`; defaults to now. An `X-Sdk-Date` header wins. */
  date?: string | Date;
}
/** What to pass to `fetch`: the URL (canonical query) and the headers (with `Authorization`). */
export interface SignedRequest {
  url: string;
  headers: Record<string, string>;
}
"#;

/// Reads the `date` option: a `YYYYMMDDTHHMMSSZ` string, a `Date`, or now.
pub(crate) fn date_option(value: &JsValue) -> Result<SdkDate, JsValue> {
    let bad = || {
        field_error(
            code::INVALID_DATE,
            "date",
            "date: expected YYYYMMDDTHHMMSSZ (UTC) or a valid Date",
        )
    };
    if value.is_undefined() || value.is_null() {
        return SdkDate::from_unix(js_input::now_unix()).ok_or_else(bad);
    }
    if let Some(text) = value.as_string() {
        return SdkDate::parse(&text).ok_or_else(bad);
    }
    if let Some(date) = value.dyn_ref::<js_sys::Date>() {
        let ms = date.get_time();
        if ms.is_finite() {
            return SdkDate::from_unix((ms / 1000.0).floor() as i64).ok_or_else(bad);
        }
    }
    Err(bad())
}

/// Headers as a plain JS object, in order.
pub(crate) fn headers_to_js(headers: &[(String, String)]) -> JsValue {
    let obj = js_sys::Object::new();
    for (k, v) in headers {
        let _ = js_sys::Reflect::set(&obj, &k.into(), &v.into());
    }
    obj.into()
}

/// Signs a request with AK/SK exactly as Huawei's SDK does and returns the URL and headers
/// to send. Throws `BssError` (`invalid_url`, `invalid_header`, `invalid_date`,
/// `invalid_body`, `invalid_method`, `missing_credentials`); messages never contain the SK.
#[wasm_bindgen(js_name = signRequest, unchecked_return_type = "SignedRequest")]
pub fn sign_request(
    #[wasm_bindgen(unchecked_param_type = "SignRequestInput")] req: JsValue,
) -> Result<JsValue, JsValue> {
    if !req.is_object() {
        return Err(field_error(
            code::INVALID_INPUT,
            "req",
            "signRequest: expected an object",
        ));
    }
    let method = req_string(&req, "method", code::INVALID_METHOD)?;
    let url = req_string(&req, "url", code::INVALID_URL)?;
    let ak = opt_string(&req, "ak", code::MISSING_CREDENTIALS)?.unwrap_or_default();
    let sk = opt_string(&req, "sk", code::MISSING_CREDENTIALS)?.unwrap_or_default();
    let headers = js_input::headers(&js_input::prop(&req, "headers"))?;
    let body = js_input::body(&js_input::prop(&req, "body"))?;
    let date = date_option(&js_input::prop(&req, "date"))?;
    let signed = sign_url(
        &method,
        &url,
        &headers,
        &body,
        &AccessKey::new(ak, sk),
        date,
    )
    .map_err(|e| to_js_error(&e))?;
    let out = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&out, &"url".into(), &signed.url.into());
    let _ = js_sys::Reflect::set(&out, &"headers".into(), &headers_to_js(&signed.headers));
    Ok(out.into())
}
