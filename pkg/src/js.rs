//! The few JS built-ins the binding calls outside the client and registration code, declared
//! here instead of taken from js-sys when js-sys is not linked (the pricing module).
//!
//! Why: linking js-sys exports a descriptor for each of its thousands of bindings and its JSPI
//! task poller; wasm-bindgen removes them, but the closure trampolines and wakers they take the
//! address of stay in the function table, which wasm-opt cannot prune (the module makes
//! indirect calls). For pricing that was 43 closure trampolines and js-sys' futures code.
//! The registration and client modules use js-sys anyway, so there the shared helpers below
//! call js-sys (one import per built-in, not two).

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `JSON.stringify(value)`: `undefined` for a value JSON cannot hold, throws for a
    /// BigInt or a cycle.
    #[cfg(feature = "pricing")]
    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    pub(crate) fn json_stringify(value: &JsValue) -> Result<JsValue, JsValue>;

    /// `JSON.parse(text)`.
    #[cfg(feature = "pricing")]
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    pub(crate) fn json_parse(text: &str) -> Result<JsValue, JsValue>;

    /// `Reflect.get(target, key)`.
    #[cfg(feature = "pricing")]
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    pub(crate) fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;

    /// A JS array (read and changed in place) or string (its length read before it is copied
    /// into wasm): one `length` import serves both.
    #[cfg(feature = "pricing")]
    pub(crate) type Indexed;

    /// `length`: elements, or UTF-16 units of a string.
    #[cfg(feature = "pricing")]
    #[wasm_bindgen(method, getter)]
    pub(crate) fn length(this: &Indexed) -> u32;

    #[cfg(feature = "pricing")]
    #[wasm_bindgen(method, indexing_getter)]
    pub(crate) fn get(this: &Indexed, index: u32) -> JsValue;

    /// An element as a number (`NaN` when it is none): returned as a wasm `f64`, where
    /// `get(..).as_f64()` wrote it through the glue's `DataView` (≈5 % of a wallet's `evaluate`).
    #[cfg(feature = "pricing")]
    #[wasm_bindgen(method, indexing_getter)]
    pub(crate) fn get_number(this: &Indexed, index: u32) -> f64;

    #[cfg(feature = "pricing")]
    #[wasm_bindgen(method, indexing_setter)]
    pub(crate) fn set(this: &Indexed, index: u32, value: &JsValue);

    #[cfg(feature = "pricing")]
    type Date;

    #[cfg(feature = "pricing")]
    #[wasm_bindgen(constructor)]
    fn new() -> Date;

    #[cfg(feature = "pricing")]
    // `JsValue`, not `String`: the glue's string getter serves, no copy code per import.
    #[wasm_bindgen(method, js_name = toISOString)]
    fn to_iso_string(this: &Date) -> JsValue;
}

/// The current time as ISO 8601 UTC (`new Date().toISOString()`).
#[cfg(feature = "pricing")]
pub(crate) fn now_iso() -> String {
    Date::new().to_iso_string().as_string().unwrap_or_default()
}

#[cfg(not(any(feature = "registration", feature = "client")))]
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Array, js_name = isArray)]
    fn array_is_array(value: &JsValue) -> bool;

    /// `String(value)`.
    #[wasm_bindgen(js_name = String)]
    fn string_of(value: &JsValue) -> JsValue;

    #[wasm_bindgen(js_name = Object)]
    type Object;

    #[wasm_bindgen(constructor, js_class = Object)]
    fn new() -> Object;

    #[wasm_bindgen(js_namespace = Reflect, js_name = set, catch)]
    fn reflect_set(target: &JsValue, key: &JsValue, value: &JsValue) -> Result<bool, JsValue>;
}

#[cfg(any(feature = "registration", feature = "client"))]
use js_sys::{Object, Reflect::set as reflect_set};

/// `Array.isArray(value)`.
pub(crate) fn is_array(value: &JsValue) -> bool {
    #[cfg(any(feature = "registration", feature = "client"))]
    return js_sys::Array::is_array(value);
    #[cfg(not(any(feature = "registration", feature = "client")))]
    return array_is_array(value);
}

/// `String(n)` of a JS number: its shortest round-trip decimal text.
#[cfg(any(feature = "registration", feature = "pricing"))]
pub(crate) fn number_text(number: &JsValue) -> Option<String> {
    #[cfg(any(feature = "registration", feature = "client"))]
    return js_sys::Number::unchecked_from_js_ref(number)
        .to_string_with_radix(10)
        .ok()
        .and_then(|s| s.as_string());
    #[cfg(not(any(feature = "registration", feature = "client")))]
    return string_of(number).as_string();
}

/// A new plain object `{ [key]: value }`.
pub(crate) fn object_with(key: &str, value: &str) -> JsValue {
    let object: JsValue = Object::new().into();
    let _ = reflect_set(&object, &key.into(), &value.into());
    object
}
