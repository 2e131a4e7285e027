//! `tests/vectors/registration.json` against the core (tests/registration.rs holds the
//! request rules of CheckUserIdentity and SendVerificationMessageCode).

use std::collections::BTreeMap;

use bss_storefront::ErrorCode;
use bss_storefront::registration::{
    FieldValue, Form, Issue, Site, normalize_mobile, validate_field, validate_registration,
};
use serde_json::{Value, json};

use crate::common::{self, check_messages};

/// Expands `{"$repeat": s, "times": n, "prefix"?, "suffix"?}` anywhere in a vector value.
fn expand(value: &Value) -> Value {
    match value {
        Value::Object(map) if map.contains_key("$repeat") => {
            let s = map["$repeat"].as_str().expect("$repeat string");
            let n = map["times"].as_u64().expect("times") as usize;
            let part = |k: &str| map.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
            Value::String(format!(
                "{}{}{}",
                part("prefix"),
                s.repeat(n),
                part("suffix")
            ))
        }
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), expand(v))).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(expand).collect()),
        other => other.clone(),
    }
}

fn site_of(case: &Value) -> Site {
    match common::str_field(case, "site") {
        Some("intl") => Site::Intl,
        _ => Site::Cn,
    }
}

/// An issue as the vectors write it (messages are checked separately).
fn issue_json(issue: &Issue) -> Value {
    json!({ "field": issue.field, "code": issue.code, "params": issue.params, "server_code": issue.server_code })
}

fn sorted(mut issues: Vec<Value>) -> Vec<Value> {
    issues.sort_by_key(|i| i.to_string());
    issues
}

fn form_of(value: &Value) -> Form {
    Form::from(value.as_object().expect("form is an object"))
}

pub fn case(raw: &Value) {
    let case = expand(raw);
    let name = common::str_field(&case, "name").expect("name");
    let site = site_of(&case);
    match common::str_field(&case, "call") {
        Some("validateRegistration") => {
            let form = form_of(&case["form"]);
            let got = validate_registration(&form, site);
            assert_eq!(
                got.valid,
                case["valid"].as_bool().expect("valid"),
                "{name}: {:#?}",
                got.issues
            );
            let expected: Vec<Value> = case["issues"].as_array().expect("issues").clone();
            let actual: Vec<Value> = got.issues.iter().map(issue_json).collect();
            assert_eq!(sorted(actual), sorted(expected), "{name}");
            let body = serde_json::to_value(&got.body).expect("body serialises");
            assert_eq!(
                body,
                case.get("body").cloned().unwrap_or(Value::Null),
                "{name}"
            );
            check_messages(
                name,
                &got.issues,
                case["form"].get("password").and_then(Value::as_str),
            );
        }
        Some("validateField") => {
            let field = common::str_field(&case, "field").expect("field");
            let value = case.get("value").map(FieldValue::from);
            let got = validate_field(field, value.as_ref(), &form_of(&case["form"]), site);
            match common::str_field(&case, "error") {
                Some(code) => assert_eq!(got.expect_err(name).code(), code, "{name}"),
                None => {
                    let got = got.unwrap_or_else(|e| panic!("{name}: {e}"));
                    let actual: Vec<Value> = got.iter().map(issue_json).collect();
                    let expected = case["issues"].as_array().expect("issues").clone();
                    assert_eq!(sorted(actual), sorted(expected), "{name}");
                    check_messages(name, &got, case.get("value").and_then(Value::as_str));
                }
            }
        }
        Some("normalizeMobile") => {
            let input = common::str_field(&case, "input").expect("input");
            match (case.get("expected"), common::str_field(&case, "error")) {
                (Some(expected), None) => {
                    let got = normalize_mobile(input).unwrap_or_else(|e| panic!("{name}: {e}"));
                    assert_eq!(serde_json::to_value(&got).unwrap(), *expected, "{name}");
                }
                (None, Some(code)) => assert_eq!(
                    normalize_mobile(input).expect_err(name).code(),
                    code,
                    "{name}"
                ),
                _ => panic!("{name}: needs exactly one of expected / error"),
            }
        }
        other => panic!("{name}: unknown call {other:?}"),
    }
}

/// Every field has cases of its own.
pub fn coverage(cases: &[Value]) {
    assert!(cases.len() >= 150, "only {} cases", cases.len());
    let mut per_field: BTreeMap<String, usize> = BTreeMap::new();
    for case in cases {
        *per_field
            .entry(common::str_field(case, "about").expect("about").to_owned())
            .or_default() += 1;
    }
    for field in [
        "xaccount_id",
        "xaccount_type",
        "domain_name",
        "mobile_phone",
        "verification_code",
        "password",
        "is_close_market_ms",
        "indirect_partner_id",
        "include_association_result",
        "email",
        "domain_area",
        "normalizeMobile",
    ] {
        assert!(
            per_field.get(field).copied().unwrap_or(0) >= 5,
            "few cases about {field}"
        );
    }
}
