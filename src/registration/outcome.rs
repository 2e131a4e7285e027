//! A registration operation's rules as one JSON answer, for a caller holding the request as
//! JSON text: the npm package's client module asks the registration module for it instead of
//! carrying these rules itself (12 KB gzipped less for the client, measured).

use super::issue::{Operation, Validation};
use super::{
    Form, Site, check_user_identity_request, send_verification_message_code_request,
    validate_registration,
};
use crate::json::write::{Object, WriteJson};

impl Operation {
    /// The operation named `name` (`CheckUserIdentity`, …).
    pub fn from_name(name: &str) -> Option<Operation> {
        match name {
            "CheckUserIdentity" => Some(Operation::CheckUserIdentity),
            "SendVerificationMessageCode" => Some(Operation::SendVerificationMessageCode),
            "CreateSubCustomer" => Some(Operation::CreateSubCustomer),
            _ => None,
        }
    }
}

/// The rules of `op` on `form`: `{"body":…}` when the request may be sent, else
/// `{"issues":[…]}` (each issue as [`Issue`](super::Issue) writes itself).
pub fn outcome_json(op: Operation, form: &Form, site: Site) -> String {
    match op {
        Operation::CheckUserIdentity => write(check_user_identity_request(form)),
        Operation::SendVerificationMessageCode => {
            write(send_verification_message_code_request(form, site))
        }
        Operation::CreateSubCustomer => write(validate_registration(form, site)),
    }
}

fn write<B: WriteJson>(v: Validation<B>) -> String {
    let mut out = String::new();
    let mut object = Object::new(&mut out);
    match v.body {
        Some(body) if v.valid => object.field("body", &body),
        _ => object.field("issues", &v.issues),
    };
    object.end();
    out
}
