//! The three registration operations validate with the registration rules
//! (`crate::registration`): the same rules the storefront form uses, so a request the form
//! accepted is sent as the form built it.
//!
//! The rules answer as JSON text ([`outcome_json`]), read here by [`read_outcome`]: the
//! client of the npm package gets that text from the registration module, and then carries
//! none of the rules itself (12 KB gzipped less, measured); [`check`] runs them in place.

use super::issue::Issue;
use super::value::Json;
use crate::registration::{FieldValue, Form, REGISTRATION_FIELDS, Site, outcome_json};

/// What the registration rules say about a request: its wire body, or the issues.
pub type Outcome = Result<Json, Vec<Issue>>;

/// The registration rules' view of a request object: the parameters in `names` (the rules
/// read no other; unknown ones are issues of their own), so the form stays small whatever the
/// input holds.
pub fn form(input: &Json, names: &[&str]) -> Form {
    let mut form = Form::new();
    if let Json::Object(entries) = input {
        for (k, v) in entries.iter().filter(|(k, _)| names.contains(&k.as_ref())) {
            form.set(k, FieldValue::from(v));
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

/// Runs the registration rules of the operation `name` (parameters `names`) on `input`
/// (`None`: not a registration operation).
pub fn check(name: &str, names: &[&str], input: &Json, site: Site) -> Option<Outcome> {
    let rules = crate::registration::Operation::from_name(name)?;
    read_outcome(&outcome_json(rules, &form(input, names), site))
}

/// A registration operation's request (parameters `names`) as the registration module reads
/// it: [`Form::to_flat`]. The client module sends this to the registration module and gives
/// its answer to [`build_with`](super::build_with) through [`read_outcome`].
pub fn flat_form(names: &[&str], input: &Json) -> Vec<String> {
    form(input, names).to_flat()
}

/// Reads the rules' answer (`{"body":…}` or `{"issues":[…]}`, as [`outcome_json`] writes it);
/// `None` when the text is not such an answer.
pub fn read_outcome(text: &str) -> Option<Outcome> {
    let Ok(Json::Object(members)) = Json::parse(text) else {
        return None;
    };
    match members.into_iter().next()? {
        (k, body @ Json::Object(_)) if k == "body" => Some(Ok(body)),
        (k, Json::Array(list)) if k == "issues" => {
            list.into_iter().map(issue).collect::<Option<_>>().map(Err)
        }
        _ => None,
    }
}

/// One issue as the registration rules write it (`params` `{}` and `server_code` `null` when
/// there is none: the client leaves both out).
fn issue(value: Json) -> Option<Issue> {
    let Json::Object(members) = value else {
        return None;
    };
    let mut issue = Issue {
        field: String::new(),
        code: "",
        message: String::new(),
        message_zh: String::new(),
        params: Vec::new(),
        server_code: None,
    };
    for (k, v) in members {
        match (k.as_ref(), v) {
            ("field", Json::String(s)) => issue.field = s.into_owned(),
            ("code", Json::String(s)) => issue.code = registered(&s)?,
            ("message", Json::String(s)) => issue.message = s.into_owned(),
            ("message_zh", Json::String(s)) => issue.message_zh = s.into_owned(),
            ("params", Json::Object(p)) => issue.params = p,
            ("server_code", Json::String(s)) => issue.server_code = Some(s.into_owned()),
            ("server_code", Json::Null) => {}
            _ => return None,
        }
    }
    Some(issue)
}

/// The registry's text of a registration issue code (an [`Issue`] holds `'static` codes).
fn registered(code: &str) -> Option<&'static str> {
    crate::codes::registration::ALL
        .iter()
        .find(|c| **c == code)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::super::{Operation, build, build_with};
    use super::*;

    /// The client module's path: the form as flat text to the registration module, its
    /// answer read back.
    fn delegated(name: &str, names: &[&str], input: &Json, site: Site) -> Outcome {
        let rules = crate::registration::Operation::from_name(name).unwrap();
        let form = Form::from_flat(&flat_form(names, input)).expect("flat text");
        read_outcome(&outcome_json(rules, &form, site)).expect("an outcome")
    }

    /// The rules' structs turned into the client's values directly (the conversion before the
    /// JSON answer existed), as the oracle of [`check`].
    fn direct(name: &str, input: &Json, site: Site) -> Outcome {
        // Every member, as before the forms were cut to the parameters.
        let names: Vec<&str> = match input {
            Json::Object(entries) => entries.iter().map(|(k, _)| k.as_ref()).collect(),
            _ => Vec::new(),
        };
        use crate::json::write::WriteJson;
        use crate::registration as r;
        fn convert<B: WriteJson>(v: r::Validation<B>) -> Outcome {
            match v.body {
                Some(body) if v.valid => Ok(Json::parse(&body.to_json()).unwrap()),
                _ => Err(v
                    .issues
                    .into_iter()
                    .map(|i| Issue {
                        field: i.field.to_owned(),
                        code: i.code.as_str(),
                        params: match Json::parse(&i.params.to_json()) {
                            Ok(Json::Object(entries)) => entries,
                            _ => Vec::new(),
                        },
                        message: i.message,
                        message_zh: i.message_zh,
                        server_code: i.server_code.map(str::to_owned),
                    })
                    .collect()),
            }
        }
        let form = form(input, &names);
        match name {
            "CheckUserIdentity" => convert(r::check_user_identity_request(&form)),
            "SendVerificationMessageCode" => {
                convert(r::send_verification_message_code_request(&form, site))
            }
            _ => convert(r::validate_registration(&form, site)),
        }
    }

    fn inputs() -> Vec<(Json, Site)> {
        let mut out = Vec::new();
        for file in [
            include_str!("../../tests/vectors/registration.json"),
            include_str!("../../tests/vectors/api_requests.json"),
        ] {
            let Ok(Json::Object(top)) = Json::parse(file) else {
                panic!("a vector file")
            };
            let Some((_, Json::Array(cases))) = top.into_iter().find(|(k, _)| k == "cases") else {
                panic!("cases")
            };
            for case in cases {
                let site = match case.get("site") {
                    Some(Json::String(s)) if s == "intl" => Site::Intl,
                    _ => Site::Cn,
                };
                for key in ["form", "input"] {
                    if let Some(v @ Json::Object(_)) = case.get(key) {
                        out.push((v.clone(), site));
                    }
                }
            }
        }
        // Shapes the vectors do not hold: arrays, objects, numbers as text, a repeated key.
        for text in [
            r#"{"search_type":["mobile"],"search_value":{"a":1}}"#,
            r#"{"search_type":"mobile","search_value":13800000001}"#,
            r#"{"receiver_type":1,"timeout":1e2,"mobile_phone":"x","mobile_phone":"13800000000"}"#,
            r#"{"domain_name":"\ud800abc","password":null,"extra":true}"#,
        ] {
            for site in [Site::Cn, Site::Intl] {
                out.push((Json::parse(text).unwrap(), site));
            }
        }
        out
    }

    #[test]
    fn the_delegated_answer_builds_the_same_request_as_the_rules_in_place() {
        let mut compared = 0;
        for (input, site) in inputs() {
            for op in [
                Operation::CheckUserIdentity,
                Operation::SendVerificationMessageCode,
                Operation::CreateSubCustomer,
            ] {
                let name = op.spec().name;
                let names = op.spec().registration.unwrap();
                let here = build(op, &input, site);
                let there = build_with(op, &input, site, || delegated(name, names, &input, site));
                assert_eq!(here, there, "{name} {site:?} {input}");
                let oracle = build_with(op, &input, site, || direct(name, &input, site));
                assert_eq!(here, oracle, "{name} {site:?} {input}");
                compared += 1;
            }
        }
        assert!(compared > 900, "{compared}");
    }

    #[test]
    fn an_answer_of_another_shape_is_refused() {
        for text in [
            "",
            "[]",
            r#"{"body":[]}"#,
            r#"{"issues":[{"code":"not_a_code"}]}"#,
            r#"{"issues":[{"field":1}]}"#,
            r#"{"other":{}}"#,
        ] {
            assert!(read_outcome(text).is_none(), "{text}");
        }
        assert_eq!(
            read_outcome(r#"{"body":{}}"#),
            Some(Ok(Json::Object(vec![])))
        );
    }
}
