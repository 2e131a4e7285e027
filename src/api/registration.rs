//! The three registration operations validate with the registration rules
//! (`crate::registration`): the same rules the storefront form uses, so a request the form
//! accepted is sent as the form built it.

use crate::json::write::WriteJson;

use super::issue::Issue;
use super::value::Json;
use crate::registration::{
    FieldValue, Form, REGISTRATION_FIELDS, Site, Validation, check_user_identity_request,
    send_verification_message_code_request, validate_registration,
};

/// Validates a registration request into its wire body.
pub type RegistrationCheck = fn(&Form, Site) -> Result<Json, Vec<Issue>>;

/// The registration rules' view of a request object.
pub fn form(input: &Json) -> Form {
    let mut form = Form::new();
    if let Json::Object(entries) = input {
        for (k, v) in entries {
            let value = match v {
                Json::Null => FieldValue::Null,
                Json::Bool(b) => FieldValue::Bool(*b),
                Json::Number(t) => FieldValue::Number(t.clone()),
                Json::String(s) => FieldValue::Text(s.clone()),
                Json::Array(_) => FieldValue::Other("array"),
                Json::Object(_) => FieldValue::Other("object"),
            };
            form.set(k, value);
        }
    }
    form
}

/// CheckUserIdentity's parameters.
pub const CHECK_USER_IDENTITY_FIELDS: &[&str] = &["search_type", "search_value"];
/// SendVerificationMessageCode's parameters (both sites).
pub const SEND_VERIFICATION_CODE_FIELDS: &[&str] = &[
    "receiver_type",
    "timeout",
    "mobile_phone",
    "email",
    "lang",
    "scene",
    "customer_id",
];
/// CreateSubCustomer's parameters (both sites).
pub const CREATE_SUB_CUSTOMER_FIELDS: &[&str] = &REGISTRATION_FIELDS;

/// A value through its JSON text (the registration types write themselves: `WriteJson`, no
/// serde serializer in the client module).
fn json_of<T: WriteJson>(value: &T) -> Option<Json> {
    Json::parse(&value.to_json()).ok()
}

fn issue(i: crate::registration::Issue) -> Issue {
    let params = match json_of(&i.params) {
        Some(Json::Object(entries)) => entries,
        _ => Vec::new(),
    };
    Issue {
        field: i.field.to_owned(),
        code: i.code.as_str(),
        message: i.message,
        message_zh: i.message_zh,
        params,
        server_code: i.server_code,
    }
}

fn finish<B: WriteJson>(v: Validation<B>) -> Result<Json, Vec<Issue>> {
    match v.body {
        Some(body) if v.valid => json_of(&body).ok_or_else(Vec::new),
        _ => Err(v.issues.into_iter().map(issue).collect()),
    }
}

/// CheckUserIdentity (the mobile form is written `0086-<number>`).
pub fn check_user_identity(form: &Form, _site: Site) -> Result<Json, Vec<Issue>> {
    finish(check_user_identity_request(form))
}

/// SendVerificationMessageCode (SMS on the China site, email on the international site).
pub fn send_verification_code(form: &Form, site: Site) -> Result<Json, Vec<Issue>> {
    finish(send_verification_message_code_request(form, site))
}

/// CreateSubCustomer.
pub fn create_sub_customer(form: &Form, site: Site) -> Result<Json, Vec<Issue>> {
    finish(validate_registration(form, site))
}
