//! Secrets (SK, token, password) never appear in `Debug`, `Display` or error output of the
//! core: signing errors, request errors, the token helper.

use bss_storefront::api::token::PasswordLogin;
use bss_storefront::api::{ApiRequest, Auth, Json, Operation, build, redact, server_error};
use bss_storefront::registration::Site;
use bss_storefront::sign::{AccessKey, SdkDate, Secret, SignRequest, sign, sign_url};
use serde_json::json;

const SK: &str = "SK-SECRET-rust-5d2c";
const TOKEN: &str = "TOKEN-SECRET-rust-91aa";
const PASSWORD: &str = "PASSWORD-SECRET-rust-7";

type Headers = Vec<(String, String)>;

fn assert_clean(what: &str, shown: &str) {
    for s in [SK, TOKEN, PASSWORD] {
        assert!(!shown.contains(s), "{what} shows a secret: {shown}");
    }
}

#[test]
fn secrets_stay_out_of_debug_and_errors() {
    let key = AccessKey::new("AK", SK);
    let date = SdkDate::parse("20250101T080000Z").unwrap();
    assert_clean("AccessKey", &format!("{key:?}"));
    assert_clean("Secret", &format!("{:?}", Secret::new(TOKEN)));
    let login = PasswordLogin {
        user_name: "u".into(),
        password: Secret::new(PASSWORD),
        domain_name: "d".into(),
    };
    assert_clean(
        "PasswordLogin",
        &format!("{login:?} {}", login.cache_key("https://iam")),
    );

    // Every signing error, with the secret key in hand.
    let bad: Vec<(&str, &str, Headers)> = vec![
        ("G T", "https://h/", vec![]),
        ("GET", "/relative", vec![]),
        ("GET", "https://h/a/../b", vec![]),
        ("GET", "https://h/", vec![("bad name".into(), "v".into())]),
        (
            "GET",
            "https://h/",
            vec![("X-Sdk-Date".into(), "yesterday".into())],
        ),
    ];
    for (method, url, headers) in &bad {
        let e = sign_url(method, url, headers, b"", &key, date).unwrap_err();
        assert_clean("SignError", &format!("{e} {e:?}"));
    }
    let e = sign(
        &SignRequest {
            method: "GET",
            host: "h",
            path: "/",
            ..Default::default()
        },
        &AccessKey::new("", SK),
        date,
    )
    .unwrap_err();
    assert_clean("SignError", &format!("{e} {e:?}"));

    // A signed request's Debug shows the signature, never the key.
    let req: ApiRequest = build(
        Operation::ListMeasureUnits,
        &Json::from(&json!({})),
        Site::Cn,
    )
    .unwrap();
    let out = req
        .outgoing(
            "https://bss.example.com",
            Auth::AkSk {
                key: &key,
                domain_id: "d",
                security_token: None,
            },
            date,
        )
        .unwrap();
    assert_clean("Outgoing", &format!("{out:?}"));

    // Request errors carry the input, which holds no credential.
    let input = Json::from(&json!({"xaccount_id": "x", "xaccount_type": "t", "password": "short"}));
    let e = build(Operation::CreateSubCustomer, &input, Site::Cn).unwrap_err();
    assert_clean("ApiError", &format!("{e} {e:?}"));

    // A server that echoes a secret: the caller masks what it knows.
    let echoed = server_error(
        500,
        &format!(r#"{{"error_code":"CBC.0999","error_msg":"got {TOKEN}"}}"#),
        None,
    );
    assert_eq!(redact(&echoed.message, &[TOKEN]), "got ***");
}
