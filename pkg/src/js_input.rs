//! Reading the properties of JS option objects that cannot go through JSON (bodies as
//! `Uint8Array`, `Headers` instances, `Date`s), with `BssError`s for wrong types.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use bss_storefront::codes::error as code;

use crate::convert::js_type_name;
use crate::error::field_error;
use bss_storefront::api::Json;

/// `obj[key]`, `undefined` when `obj` is not an object.
pub(crate) fn prop(obj: &JsValue, key: &str) -> JsValue {
    if !obj.is_object() {
        return JsValue::UNDEFINED;
    }
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A string property; `None` when absent (`undefined`/`null`).
pub(crate) fn opt_string(obj: &JsValue, key: &str, code: &str) -> Result<Option<String>, JsValue> {
    let v = prop(obj, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string().map(Some).ok_or_else(|| {
        field_error(
            code,
            key,
            &format!("{key}: expected a string, got {}", js_type_name(&v)),
        )
    })
}

/// A required string property.
pub(crate) fn req_string(obj: &JsValue, key: &str, code: &str) -> Result<String, JsValue> {
    opt_string(obj, key, code)?.ok_or_else(|| field_error(code, key, &format!("{key} is required")))
}

/// A JS value as JSON data (`undefined` is `null`), read from its `JSON.stringify` text so
/// numbers keep their digits; text longer than `max_bytes` is refused before it is copied.
pub(crate) fn json_value(value: &JsValue, what: &str, max_bytes: usize) -> Result<Json, JsValue> {
    if value.is_undefined() {
        return Ok(Json::Null);
    }
    let text = js_sys::JSON::stringify(value)
        .ok()
        .filter(|s| !s.is_undefined())
        .ok_or_else(|| {
            field_error(
                code::INVALID_INPUT,
                what,
                &format!(
                    "{what}: cannot read a value of type {} (expected JSON data)",
                    js_type_name(value)
                ),
            )
        })?;
    // UTF-16 length bounds the UTF-8 length from below; the exact check follows.
    if text.length() as usize > max_bytes {
        return Err(field_error(
            code::INVALID_INPUT,
            what,
            &format!("{what}: larger than {max_bytes} bytes"),
        ));
    }
    let text = String::from(text);
    if text.len() > max_bytes {
        return Err(field_error(
            code::INVALID_INPUT,
            what,
            &format!("{what}: larger than {max_bytes} bytes"),
        ));
    }
    bss_storefront::api::parse_json(&text)
        .map_err(|e| field_error(code::INVALID_INPUT, what, &format!("{what}: {e}")))
}

/// Headers from a plain object, a `Headers`/`Map` (anything with `entries()`), or an array of
/// `[name, value]` pairs. Values must be strings.
pub(crate) fn headers(value: &JsValue) -> Result<Vec<(String, String)>, JsValue> {
    let bad = |msg: &str| field_error(code::INVALID_HEADER, "headers", msg);
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    if !value.is_object() {
        return Err(bad(&format!(
            "headers: expected an object, got {}",
            js_type_name(value)
        )));
    }
    let entries: js_sys::Array = if js_sys::Array::is_array(value) {
        value.clone().unchecked_into()
    } else if prop(value, "entries").is_function() && !prop(value, "get").is_undefined() {
        let iter = js_sys::Reflect::get(value, &"entries".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| f.call0(value).ok())
            .ok_or_else(|| bad("headers: cannot read the entries"))?;
        js_sys::Array::from(&iter)
    } else {
        js_sys::Object::entries(value.unchecked_ref())
    };
    let mut out = Vec::with_capacity(entries.length() as usize);
    for entry in entries.iter() {
        let pair: &js_sys::Array = entry
            .dyn_ref()
            .ok_or_else(|| bad("headers: expected [name, value] pairs"))?;
        let (name, value) = (pair.get(0), pair.get(1));
        match (name.as_string(), value.as_string()) {
            (Some(n), Some(v)) => out.push((n, v)),
            (Some(n), None) => {
                return Err(bad(&format!(
                    "headers: the value of {} must be a string, got {}",
                    bss_storefront::error::quote_input(&n, 64),
                    js_type_name(&value)
                )));
            }
            _ => return Err(bad("headers: names must be strings")),
        }
    }
    Ok(out)
}

/// A body: string (sent as UTF-8), `Uint8Array`, `ArrayBuffer`, or absent (empty).
pub(crate) fn body(value: &JsValue) -> Result<Vec<u8>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    if let Some(s) = value.as_string() {
        return Ok(s.into_bytes());
    }
    if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(bytes.to_vec());
    }
    if let Some(buf) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        return Ok(js_sys::Uint8Array::new(buf).to_vec());
    }
    Err(field_error(
        code::INVALID_BODY,
        "body",
        &format!(
            "body: expected a string, Uint8Array or ArrayBuffer, got {}",
            js_type_name(value)
        ),
    ))
}

/// The current time in whole seconds since the epoch.
pub(crate) fn now_unix() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}

/// A [`Json`] value as a plain JS value (through `JSON.parse` of its text).
pub(crate) fn json_to_js(value: &Json) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&value.text())
}
