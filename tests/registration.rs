//! The registration rules beyond the shared vectors (those run one trial per case in
//! tests/vectors.rs): the spec's patterns against oracles, and the request rules of
//! CheckUserIdentity and SendVerificationMessageCode.

mod common;

use bss_storefront::ErrorCode;
use bss_storefront::registration::{
    FieldValue, Form, Issue, Site, check_user_identity_request,
    send_verification_message_code_request, validate_field, validate_registration,
};
use serde_json::{Value, json};

fn form_of(value: &Value) -> Form {
    Form::from(value.as_object().expect("form is an object"))
}

/// A domain-name oracle written from the spec's regular expression, checked against the
/// rule on every name over a small alphabet up to length 6, plus lengths 31–34.
#[test]
fn domain_names_match_the_spec_pattern() {
    // ^[A-Za-z-][A-Za-z0-9_-]{4,31}$, not op_ / shadow_ in any case.
    fn oracle(name: &str) -> bool {
        let b = name.as_bytes();
        let first_ok = b
            .first()
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'-');
        let rest_ok = b
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-');
        let lower = name.to_ascii_lowercase();
        (5..=32).contains(&b.len())
            && first_ok
            && rest_ok
            && !lower.starts_with("op_")
            && !lower.starts_with("shadow_")
    }
    let alphabet = ['o', 'P', '_', '1', '-', '.'];
    let mut names = vec![String::new()];
    let mut checked = 0;
    for _ in 0..6 {
        names = names
            .iter()
            .flat_map(|n| alphabet.iter().map(move |c| format!("{n}{c}")))
            .collect();
        for name in &names {
            let form = Form::new().with("domain_name", FieldValue::Text(name.clone()));
            let issues =
                validate_field("domain_name", form.get("domain_name"), &form, Site::Cn).unwrap();
            assert_eq!(issues.is_empty(), oracle(name), "{name:?}: {issues:#?}");
            checked += 1;
        }
    }
    for n in 31..=34 {
        for name in [
            format!("a{}", "b".repeat(n - 1)),
            format!("Op_{}", "1".repeat(n - 3)),
        ] {
            let form = Form::new();
            let value = FieldValue::Text(name.clone());
            let issues = validate_field("domain_name", Some(&value), &form, Site::Cn).unwrap();
            assert_eq!(issues.is_empty(), oracle(&name), "{name:?}");
        }
    }
    assert!(checked > 40_000);
}

/// The password class rule against a counting oracle, over every 8-character password
/// built from one representative of each class and one refused character.
#[test]
fn password_classes_match_a_counting_oracle() {
    let reps = ['a', 'Z', '7', '#', ' ', 'é'];
    let mut count = 0;
    for mask in 0..(6u32.pow(4)) {
        let mut m = mask;
        let chars: Vec<char> = (0..4)
            .map(|_| {
                let c = reps[(m % 6) as usize];
                m /= 6;
                c
            })
            .collect();
        let password: String = chars.iter().cycle().take(8).collect();
        let classes = [
            chars.iter().any(char::is_ascii_lowercase),
            chars.iter().any(char::is_ascii_uppercase),
            chars.iter().any(char::is_ascii_digit),
            chars
                .iter()
                .any(|c| c.is_ascii() && !c.is_ascii_alphanumeric()),
        ]
        .iter()
        .filter(|x| **x)
        .count();
        let refused = chars.iter().any(|c| !c.is_ascii());
        let value = FieldValue::Text(password.clone());
        let issues = validate_field("password", Some(&value), &Form::new(), Site::Cn).unwrap();
        let codes: Vec<&str> = issues.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(
            codes.contains(&"too_few_character_classes"),
            classes < 2,
            "{password:?} {codes:?}"
        );
        assert_eq!(
            codes.contains(&"invalid_character"),
            refused,
            "{password:?} {codes:?}"
        );
        count += 1;
    }
    assert_eq!(count, 1296);
}

fn request(value: Value) -> Form {
    form_of(&value)
}

fn codes(issues: &[Issue]) -> Vec<(&'static str, &'static str)> {
    issues.iter().map(|i| (i.field, i.code.as_str())).collect()
}

#[test]
fn check_user_identity_request_rules() {
    let ok = |v: Value, body: Value| {
        let got = check_user_identity_request(&request(v.clone()));
        assert!(got.valid, "{v}: {:#?}", got.issues);
        assert_eq!(serde_json::to_value(&got.body).unwrap(), body, "{v}");
    };
    ok(
        json!({"search_type": "mobile", "search_value": "138 0000 0000"}),
        json!({"search_type": "mobile", "search_value": "0086-13800000000"}),
    );
    ok(
        json!({"search_type": "mobile", "search_value": "0086-13800000000"}),
        json!({"search_type": "mobile", "search_value": "0086-13800000000"}),
    );
    ok(
        json!({"search_type": "name", "search_value": "-alice"}),
        json!({"search_type": "name", "search_value": "-alice"}),
    );
    ok(
        json!({"search_type": "email", "search_value": "bob@example.com"}),
        json!({"search_type": "email", "search_value": "bob@example.com"}),
    );
    let bad = |v: Value, expected: &[(&str, &str)]| {
        let got = check_user_identity_request(&request(v.clone()));
        assert!(!got.valid && got.body.is_none(), "{v}");
        assert_eq!(codes(&got.issues), expected, "{v}");
        assert!(
            got.issues.iter().all(|i| i.server_code == Some("CBC.0100")),
            "{v}"
        );
        common::check_messages(&v.to_string(), &got.issues, None);
    };
    bad(
        json!({}),
        &[("search_type", "required"), ("search_value", "required")],
    );
    bad(
        json!({"search_type": "phone", "search_value": "13800000000"}),
        &[("search_type", "invalid_value")],
    );
    bad(
        json!({"search_type": "mobile", "search_value": "+1 650 555 1234"}),
        &[("search_value", "invalid_mobile")],
    );
    // Its own rule: a name may not start with '_' (no mention of CreateSubCustomer).
    let got = check_user_identity_request(&request(
        json!({"search_type": "name", "search_value": "_alice"}),
    ));
    assert_eq!(codes(&got.issues), [("search_value", "invalid_start")]);
    assert!(!got.issues[0].message.contains("CreateSubCustomer"));
    bad(
        json!({"search_type": "name", "search_value": "shadow_x"}),
        &[("search_value", "reserved_prefix")],
    );
    bad(
        json!({"search_type": "email", "search_value": "a".repeat(60) + "@b.com"}),
        &[("search_value", "too_long")],
    );
    bad(
        json!({"search_type": "email", "search_value": "bob"}),
        &[("search_value", "invalid_email")],
    );
    bad(
        json!({"search_type": 1, "search_value": ""}),
        &[
            ("search_type", "invalid_type"),
            ("search_value", "required"),
        ],
    );
}

#[test]
fn send_verification_message_code_request_rules() {
    let send = |v: Value, site| send_verification_message_code_request(&request(v), site);
    let got = send(
        json!({"receiver_type": 1, "mobile_phone": "+86 138 0000 0000"}),
        Site::Cn,
    );
    assert_eq!(
        serde_json::to_value(&got.body).unwrap(),
        json!({"receiver_type": 1, "mobile_phone": "13800000000"})
    );
    let got = send(
        json!({"receiver_type": 1, "mobile_phone": "13800000000", "timeout": 60, "lang": "en-us", "scene": 18, "customer_id": "c-1"}),
        Site::Cn,
    );
    assert_eq!(
        serde_json::to_value(&got.body).unwrap(),
        json!({"receiver_type": 1, "timeout": 60, "mobile_phone": "13800000000", "lang": "en-us", "scene": 18, "customer_id": "c-1"})
    );
    // Outside scene 18 customer_id is ignored: not checked, not sent. lang "" means default.
    let got = send(
        json!({"receiver_type": 1, "mobile_phone": "13800000000", "scene": 29, "customer_id": 5, "lang": ""}),
        Site::Cn,
    );
    assert_eq!(
        serde_json::to_value(&got.body).unwrap(),
        json!({"receiver_type": 1, "mobile_phone": "13800000000", "scene": 29})
    );
    // 61–3000 minutes are accepted (the server uses 5); the range issue explains that.
    assert!(
        send(
            json!({"receiver_type": 1, "mobile_phone": "13800000000", "timeout": 3000}),
            Site::Cn
        )
        .valid
    );
    for (timeout, actual) in [
        (json!(0), json!(0)),
        (json!(3001), json!(3001)),
        (json!(-5), json!(-5)),
    ] {
        let got = send(
            json!({"receiver_type": 1, "mobile_phone": "13800000000", "timeout": timeout}),
            Site::Cn,
        );
        assert_eq!(codes(&got.issues), [("timeout", "out_of_range")]);
        assert_eq!(
            serde_json::to_value(&got.issues[0].params).unwrap(),
            json!({"min": 1, "max": 3000, "actual": actual, "replaced_above": 60, "replaced_with": 5})
        );
        assert!(
            got.issues[0].message.contains("above 60 with 5"),
            "{}",
            got.issues[0].message
        );
    }
    let got = send(
        json!({"receiver_type": 1, "mobile_phone": "13800000000", "timeout": 99999999999999999999u128}),
        Site::Cn,
    );
    assert_eq!(
        got.issues[0]
            .params
            .get("actual")
            .map(|p| serde_json::to_value(p).unwrap()),
        Some(json!("99999999999999999999"))
    );
    let bad = |v: Value, site, expected: &[(&str, &str)]| {
        let got = send(v.clone(), site);
        assert!(!got.valid && got.body.is_none(), "{v}");
        assert_eq!(codes(&got.issues), expected, "{v}");
        common::check_messages(&v.to_string(), &got.issues, None);
    };
    bad(
        json!({}),
        Site::Cn,
        &[("receiver_type", "required"), ("mobile_phone", "required")],
    );
    bad(
        json!({"receiver_type": 2, "mobile_phone": "13800000000"}),
        Site::Cn,
        &[("receiver_type", "invalid_value")],
    );
    bad(
        json!({"receiver_type": "1", "mobile_phone": "13800000000"}),
        Site::Cn,
        &[("receiver_type", "invalid_type")],
    );
    bad(
        json!({"receiver_type": 1, "mobile_phone": "13800000000", "timeout": ""}),
        Site::Cn,
        &[("timeout", "empty")],
    );
    bad(
        json!({"receiver_type": 1, "mobile_phone": "13800000000", "timeout": 1.5}),
        Site::Cn,
        &[("timeout", "invalid_type")],
    );
    bad(
        json!({"receiver_type": 1, "mobile_phone": "13800000000", "scene": ""}),
        Site::Cn,
        &[("scene", "empty")],
    );
    bad(
        json!({"receiver_type": 1, "mobile_phone": "13800000000", "scene": 30}),
        Site::Cn,
        &[("scene", "invalid_value")],
    );
    bad(
        json!({"receiver_type": 1, "mobile_phone": "13800000000", "scene": 18}),
        Site::Cn,
        &[("customer_id", "required")],
    );
    bad(
        json!({"receiver_type": 1, "mobile_phone": "13800000000", "scene": 18, "customer_id": "c".repeat(65)}),
        Site::Cn,
        &[("customer_id", "too_long")],
    );
    bad(
        json!({"receiver_type": 1, "mobile_phone": "13800000000", "lang": "zh-CN"}),
        Site::Cn,
        &[("lang", "invalid_value")],
    );
    bad(
        json!({"receiver_type": 1, "mobile_phone": "12800000000"}),
        Site::Cn,
        &[("mobile_phone", "invalid_mobile")],
    );
    bad(
        json!({"receiver_type": 1, "mobile_phone": "13800000000", "email": "bob@example.com"}),
        Site::Cn,
        &[("email", "field_not_on_site")],
    );
    // International site: email code, no scene.
    let got = send(
        json!({"receiver_type": 2, "email": "bob@example.com", "lang": "en-us"}),
        Site::Intl,
    );
    assert_eq!(
        serde_json::to_value(&got.body).unwrap(),
        json!({"receiver_type": 2, "email": "bob@example.com", "lang": "en-us"})
    );
    bad(
        json!({"receiver_type": 1, "email": "bob@example.com"}),
        Site::Intl,
        &[("receiver_type", "invalid_value")],
    );
    bad(
        json!({"receiver_type": 2}),
        Site::Intl,
        &[("email", "required")],
    );
    bad(
        json!({"receiver_type": 2, "email": "bob@"}),
        Site::Intl,
        &[("email", "invalid_email")],
    );
    bad(
        json!({"receiver_type": 2, "email": "bob@example.com", "scene": 29, "mobile_phone": "13800000000"}),
        Site::Intl,
        &[
            ("mobile_phone", "field_not_on_site"),
            ("scene", "field_not_on_site"),
        ],
    );
    // Every issue of these two operations is the generic parameter error.
    let got = send(json!({"receiver_type": 1, "mobile_phone": "x"}), Site::Cn);
    assert_eq!(got.issues[0].server_code, Some("CBC.0100"));
}

#[test]
fn forms_from_json_text() {
    let form =
        Form::from_json(r#"{"xaccount_id":"u1","xaccount_type":"T","password":"Pass\ud800word1"}"#)
            .unwrap();
    let got = validate_registration(&form, Site::Cn);
    assert_eq!(codes(&got.issues), [("password", "invalid_character")]);
    for (text, code) in [
        ("[]", "invalid_input"),
        ("null", "invalid_input"),
        ("\"x\"", "invalid_input"),
        ("{", "invalid_json"),
    ] {
        assert_eq!(Form::from_json(text).unwrap_err().code(), code, "{text}");
    }
    assert_eq!("us".parse::<Site>().unwrap_err().code(), "invalid_input");
    assert_eq!("intl".parse::<Site>().unwrap(), Site::Intl);
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let form = Form::new()
        .with("xaccount_id", FieldValue::Text("u1".into()))
        .with("xaccount_type", FieldValue::Text("T".into()))
        .with("password", FieldValue::Text("Secret#2024".into()))
        .with("mobile_phone", FieldValue::Text("13800000000".into()))
        .with("verification_code", FieldValue::Text("654321".into()));
    let got = validate_registration(&form, Site::Cn);
    let body = got.body.expect("valid");
    let debug = format!("{body:?}");
    assert!(
        !debug.contains("Secret#2024") && !debug.contains("654321"),
        "{debug}"
    );
    assert!(debug.contains("<hidden>"));
}
