//! `validateRegistration`, `validateField`, `normalizeMobile`.
//!
//! The form is read field by field (`Reflect.get` of the known names), not through JSON:
//! unknown fields are never copied, a BigInt or a symbol is an `invalid_type` issue instead
//! of a failed `JSON.stringify`, and no JSON parser is needed for this area.

use wasm_bindgen::prelude::*;

use crate::convert::{js_number_text, js_type_name};
use crate::error::to_js_error;
use bss_storefront::json::write::WriteJson;
use bss_storefront::registration::{
    self, FieldValue, Form, MAX_MOBILE_INPUT_CHARS, MobileProblem, REGISTRATION_FIELDS,
    RegistrationError, Site,
};

/// A core result as a plain JS value: its JSON text (written by the core's small writer, not
/// serde: see `json::write`) through one `JSON.parse`.
fn to_js(value: &impl WriteJson) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&value.to_json())
}

fn invalid_input(what: &'static str, expected: &'static str, value: &JsValue) -> JsValue {
    to_js_error(&RegistrationError::InvalidInput {
        what,
        expected,
        actual: js_type_name(value).to_owned(),
    })
}

/// `opts.site`; `cn` when `opts` or `site` is missing.
fn site_from_js(opts: Option<JsValue>) -> Result<Site, JsValue> {
    let Some(opts) = opts.filter(|o| !o.is_null_or_undefined()) else {
        return Ok(Site::default());
    };
    if !opts.is_object() {
        return Err(invalid_input("opts", "an object", &opts));
    }
    let site = js_sys::Reflect::get(&opts, &JsValue::from_str("site"))
        .map_err(|_| invalid_input("opts", "an object whose fields can be read", &opts))?;
    if site.is_null_or_undefined() {
        return Ok(Site::default());
    }
    match site.as_string() {
        Some(text) => text.parse().map_err(|e: RegistrationError| to_js_error(&e)),
        None => Err(invalid_input("site", "\"cn\" or \"intl\"", &site)),
    }
}

/// One JS value as a form value; `None` for `undefined` (absent). Strings with lone
/// surrogates arrive with U+FFFD in their place.
fn field_value(value: &JsValue) -> Option<FieldValue> {
    if value.is_undefined() {
        return None;
    }
    if value.is_null() {
        return Some(FieldValue::Null);
    }
    if let Some(text) = value.as_string() {
        return Some(FieldValue::Text(text));
    }
    if let Some(b) = value.as_bool() {
        return Some(FieldValue::Bool(b));
    }
    if let Some(text) = js_number_text(value) {
        return Some(FieldValue::Number(text));
    }
    Some(FieldValue::Other(js_type_name(value)))
}

thread_local! {
    /// The field names as JS strings, made once: bulk validation reads millions of fields.
    static FIELD_KEYS: Vec<JsValue> = REGISTRATION_FIELDS.iter().map(|n| JsValue::from_str(n)).collect();
}

/// The registration fields of a JS object. `missing_is_empty`: `undefined` / `null` read as
/// an empty form (an optional argument).
fn form_from_js(value: &JsValue, missing_is_empty: bool) -> Result<Form, JsValue> {
    if missing_is_empty && value.is_null_or_undefined() {
        return Ok(Form::new());
    }
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(invalid_input("form", "an object", value));
    }
    FIELD_KEYS.with(|keys| {
        let mut form = Form::new();
        for (name, key) in REGISTRATION_FIELDS.iter().zip(keys) {
            // A throwing getter or proxy trap is the caller's error, not a panic.
            let v = js_sys::Reflect::get(value, key)
                .map_err(|_| invalid_input("form", "an object whose fields can be read", value))?;
            if let Some(v) = field_value(&v) {
                form.set(name, v);
            }
        }
        Ok(form)
    })
}

/// Validates a CreateSubCustomer form: `{ valid, issues, body }`. Every issue of every field
/// is reported; `body` is the wire-ready request body when there is none. Throws `BssError`
/// `invalid_input` only when `form` is not an object or `opts.site` is not `cn` / `intl`.
#[wasm_bindgen(js_name = validateRegistration, unchecked_return_type = "RegistrationResult")]
pub fn validate_registration(
    #[wasm_bindgen(unchecked_param_type = "RegistrationForm")] form: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RegistrationOptions")] opts: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let site = site_from_js(opts)?;
    let form = form_from_js(&form, false)?;
    to_js(&registration::validate_registration(&form, site))
}

/// Validates a batch of forms (bulk onboarding): `{ valid, invalid: [{ index, issues }] }`,
/// the issues of each invalid form exactly as `validateRegistration` reports them. One call
/// for many forms keeps the JS↔wasm crossing off the per-row cost. At most 10,000 forms; an
/// element that is not an object throws `BssError` `invalid_input` with `field` `forms[i]`.
#[wasm_bindgen(js_name = validateRegistrations, unchecked_return_type = "RegistrationBatchResult")]
pub fn validate_registrations(
    #[wasm_bindgen(unchecked_param_type = "RegistrationForm[]")] forms: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RegistrationOptions")] opts: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let site = site_from_js(opts)?;
    let Some(array) = forms.dyn_ref::<js_sys::Array>() else {
        return Err(invalid_input("forms", "an array of forms", &forms));
    };
    if array.length() as usize > registration::MAX_BATCH_FORMS {
        return Err(to_js_error(&RegistrationError::BatchTooLarge {
            count: array.length() as usize,
            max: registration::MAX_BATCH_FORMS,
        }));
    }
    let mut parsed = Vec::with_capacity(array.length() as usize);
    for (i, value) in array.iter().enumerate() {
        parsed.push(form_from_js(&value, false).inspect_err(|e| {
            // `forms[i]` by hand: `format!` pulls the formatter into this module.
            let mut field = String::from("forms[");
            bss_storefront::json::write::int(&mut field, i64::try_from(i).unwrap_or(i64::MAX));
            field.push(']');
            let _ = js_sys::Reflect::set(e, &"field".into(), &field.into());
        })?);
    }
    to_js(&registration::validate_registrations(&parsed, site))
}

/// The issues of one field for `value`, using the rest of `form` for the cross-field rules
/// (password vs name and mobile, code required by a mobile). For per-keystroke validation.
/// Throws `BssError` `unknown_field` for a name that is not a registration field.
#[wasm_bindgen(js_name = validateField, unchecked_return_type = "RegistrationIssue[]")]
pub fn validate_field(
    #[wasm_bindgen(unchecked_param_type = "RegistrationField")] field: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | boolean | null | undefined")] value: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Partial<RegistrationForm>")] form: Option<
        JsValue,
    >,
    #[wasm_bindgen(unchecked_optional_param_type = "RegistrationOptions")] opts: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let name = field
        .as_string()
        .ok_or_else(|| invalid_input("field", "a field name (string)", &field))?;
    let site = site_from_js(opts)?;
    let value = field_value(&value);
    let form = form_from_js(&form.unwrap_or(JsValue::UNDEFINED), true)?;
    let issues = registration::validate_field(&name, value.as_ref(), &form, site)
        .map_err(|e| to_js_error(&e))?;
    to_js(&issues)
}

/// A typed Chinese mobile number (`138 0000 0000`, `+86-138…`, `0086-…`, full-width digits)
/// as `{ national: "13800000000", check_identity: "0086-13800000000" }`. Throws `BssError`
/// `invalid_mobile`.
#[wasm_bindgen(js_name = normalizeMobile, unchecked_return_type = "MobileNumber")]
pub fn normalize_mobile(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let problem = |p| to_js_error(&RegistrationError::InvalidMobile(p));
    let Some(s) = input.dyn_ref::<js_sys::JsString>() else {
        return Err(problem(MobileProblem::WrongType(js_type_name(&input))));
    };
    // Too many UTF-16 units for MAX_MOBILE_INPUT_CHARS characters: refuse before copying.
    if s.length() as usize > 2 * MAX_MOBILE_INPUT_CHARS {
        return Err(problem(MobileProblem::TooLong));
    }
    let text = s.as_string().unwrap_or_default();
    let number = registration::normalize_mobile(&text).map_err(|e| to_js_error(&e))?;
    to_js(&number)
}

#[wasm_bindgen(typescript_custom_section)]
const REGISTRATION_TS: &'static str = r#"
/** A CreateSubCustomer registration form (BSS wire names). Absent, `null` and `""` are told apart per field. */
export interface RegistrationForm {
  /** The partner platform's user ID (≤ 128). */
  xaccount_id: string;
  /** The platform identifier Huawei assigned to the partner (≤ 64). */
  xaccount_type: string;
  /** Account (login) name, 5–32; blank lets BSS generate one. */
  domain_name?: string | null;
  /** China site: a Chinese mobile number as typed; `""` is sent as `""`. */
  mobile_phone?: string | null;
  /** The 6-digit code from SendVerificationMessageCode; required with a mobile (email). */
  verification_code?: string | null;
  /** 8–32 printable ASCII, ≥ 2 character classes; absent lets BSS generate one. */
  password?: string | null;
  /** International site: the customer's email. */
  email?: string | null;
  /** International site: ISO 3166-1 alpha-2 code, upper case (required there). */
  domain_area?: string | null;
  /** Stop marketing messages: `"true"` / `"false"` (booleans are converted). */
  is_close_market_ms?: "true" | "false" | boolean | "" | null;
  /** The cloud reseller the customer is created for (≤ 64). */
  indirect_partner_id?: string | null;
  /** Report the partner–customer association result. */
  include_association_result?: boolean | "true" | "false" | "" | null;
}

/** The name of a registration field. */
export type RegistrationField = keyof RegistrationForm;

/** Options of the registration functions. */
export interface RegistrationOptions {
  /** `cn` (default): mobile number; `intl`: email and `domain_area`. */
  site?: "cn" | "intl";
}

/** One problem with one field. */
export interface RegistrationIssue {
  field: string;
  code: RegistrationIssueCode;
  /** For the customer, in English. */
  message: string;
  /** For the customer, in Chinese. */
  message_zh: string;
  /** The rule's data, e.g. `{ min: 5, max: 32, actual: 40 }`; `{}` when none. */
  params: Record<string, unknown>;
  /** The CBC code the server answers for this error (`CBC.99000031`, …); `null` for client-side guards. */
  server_code: string | null;
}

/** The CreateSubCustomer request body; fields left blank are absent. */
export interface CreateSubCustomerBody {
  xaccount_id: string;
  xaccount_type: string;
  domain_name?: string;
  mobile_phone?: string;
  email?: string;
  domain_area?: string;
  verification_code?: string;
  password?: string;
  is_close_market_ms?: "true" | "false";
  indirect_partner_id?: string;
  include_association_result?: boolean;
}

/** The outcome of `validateRegistration`. */
export interface RegistrationResult {
  valid: boolean;
  issues: RegistrationIssue[];
  /** The wire-ready body, when `valid`. */
  body: CreateSubCustomerBody | null;
}

/** The outcome of `validateRegistrations`: only the invalid forms are listed. */
export interface RegistrationBatchResult {
  /** How many forms are valid. */
  valid: number;
  /** The invalid forms: their 0-based position in the batch and their issues. */
  invalid: { index: number; issues: RegistrationIssue[] }[];
}

/** A Chinese mobile number in the forms the registration APIs use. */
export interface MobileNumber {
  /** `13800000000`: SendVerificationMessageCode and CreateSubCustomer. */
  national: string;
  /** `0086-13800000000`: CheckUserIdentity. */
  check_identity: string;
}
"#;

/// For the client module (not public API): the registration rules' answer to a registration
/// operation's request, `{"body":…}` or `{"issues":[…]}`, from its form as flat text
/// (`Form::to_flat`). `undefined` for an operation, form or site it does not know.
#[wasm_bindgen(js_name = __registrationOutcome, skip_typescript)]
pub fn registration_outcome(operation: &str, form: Vec<JsValue>, site: &str) -> Option<String> {
    // `Vec<JsValue>` read by hand, not a `Vec<String>` argument: the same JS glue and the same
    // error for an element that is not a string, without wasm-bindgen's generic collecting
    // code (338 B gzipped, measured).
    let Some(form) = strings(form) else {
        wasm_bindgen::throw_str("array contains a value of the wrong type")
    };
    let op = registration::Operation::from_name(operation)?;
    let form = Form::from_flat(&form)?;
    let site = site.parse::<Site>().ok()?;
    Some(registration::outcome_json(op, &form, site))
}

/// The values as strings; `None` when one is not a string.
fn strings(values: Vec<JsValue>) -> Option<Vec<String>> {
    let mut out = Vec::with_capacity(values.len());
    for value in &values {
        out.push(value.as_string()?);
    }
    Some(out)
}
