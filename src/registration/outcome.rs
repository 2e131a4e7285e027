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
        // A table, not a string `match` (one loop instead of a comparison chain per arm).
        const NAMES: [(&str, Operation); 3] = [
            ("CheckUserIdentity", Operation::CheckUserIdentity),
            (
                "SendVerificationMessageCode",
                Operation::SendVerificationMessageCode,
            ),
            ("CreateSubCustomer", Operation::CreateSubCustomer),
        ];
        NAMES.iter().find(|(n, _)| *n == name).map(|&(_, op)| op)
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
    match &v.body {
        Some(body) if v.valid => answer("body", body),
        _ => answer("issues", &v.issues),
    }
}

/// One writer for the three bodies' types (one copy of the code in the module).
fn answer(key: &'static str, value: &dyn WriteJson) -> String {
    let mut out = String::new();
    Object::new(&mut out).field(key, value).end();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registration::FieldValue;

    #[test]
    fn a_form_goes_through_flat_text_unchanged() {
        let form = Form::new()
            .with("a", FieldValue::Null)
            .with("b", FieldValue::Bool(true))
            .with("c", FieldValue::Bool(false))
            .with("d", FieldValue::Number("1e+21".into()))
            .with("e", FieldValue::Text(String::new()))
            .with("f", FieldValue::Text("\"#-t".into()))
            .with("g", FieldValue::Other("array"))
            .with("h", FieldValue::Other("object"))
            .with("i", FieldValue::Other("bigint"));
        assert_eq!(Form::from_flat(&form.to_flat()), Some(form));
    }

    #[test]
    fn flat_text_of_another_shape_is_refused() {
        for flat in [&["a"][..], &["a", ""], &["a", "x1"]] {
            let flat: Vec<String> = flat.iter().map(|s| (*s).to_owned()).collect();
            assert_eq!(Form::from_flat(&flat), None, "{flat:?}");
        }
    }

    #[test]
    fn the_answer_is_the_body_or_the_issues() {
        let ok = Form::new()
            .with("search_type", FieldValue::Text("email".into()))
            .with("search_value", FieldValue::Text("a@example.com".into()));
        assert_eq!(
            outcome_json(Operation::CheckUserIdentity, &ok, Site::Cn),
            r#"{"body":{"search_type":"email","search_value":"a@example.com"}}"#
        );
        let bad = outcome_json(Operation::CheckUserIdentity, &Form::new(), Site::Cn);
        assert!(
            bad.starts_with(r#"{"issues":[{"field":"search_type","code":"required""#),
            "{bad}"
        );
    }
}
