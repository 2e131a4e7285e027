//! The client's requests against the official SDK's: `tests/sdk/official_requests.py` calls
//! `huaweicloudsdkbss` for every `"sdk": true` case of `tests/vectors/api_requests.json`
//! against a recorder on 127.0.0.1; this test builds the same inputs and compares method,
//! path, query pairs, `X-Language` and body. Run by `make sdk-requests`.

use bss_storefront::api::{Json, Operation, build};
use bss_storefront::registration::Site;
use serde_json::{Value, json};

const DEFAULT_FILE: &str = "target/sdk-requests.json";

#[test]
#[ignore = "needs the official SDK's requests: run `make sdk-requests`"]
fn requests_match_the_official_sdk() {
    let file = std::env::var("SDK_REQUESTS").unwrap_or_else(|_| DEFAULT_FILE.to_owned());
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let doc: Value = serde_json::from_str(&text).unwrap();
    let vectors: Value =
        serde_json::from_str(&std::fs::read_to_string("tests/vectors/api_requests.json").unwrap())
            .unwrap();
    let cases = doc["cases"].as_array().unwrap();
    let mut per_operation = std::collections::BTreeMap::<String, usize>::new();
    for sdk in cases {
        let name = sdk["name"].as_str().unwrap();
        let case = vectors["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("{name}: not in the vectors"));
        let op = Operation::from_name(sdk["operation"].as_str().unwrap()).unwrap();
        let req = build(op, &Json::from(&case["input"]), Site::Cn)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut query: Vec<Value> = req.query.iter().map(|(k, v)| json!([k, v])).collect();
        let mut sdk_query = sdk["query"].as_array().unwrap().clone();
        let key = |v: &Value| v.to_string();
        query.sort_by_key(key);
        sdk_query.sort_by_key(key);
        let language: Vec<&(String, String)> = req
            .headers
            .iter()
            .filter(|(k, _)| k == "X-Language")
            .collect();
        let sdk_language: Vec<(String, String)> = sdk["headers"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(_, v)| ("X-Language".to_owned(), v.as_str().unwrap().to_owned()))
            .collect();
        let body: Value = req
            .body
            .as_deref()
            .map_or(Value::Null, |b| serde_json::from_str(b).unwrap());
        assert_eq!(op.spec().method, sdk["method"], "{name}: method");
        assert_eq!(req.path, sdk["path"], "{name}: path");
        assert_eq!(query, sdk_query, "{name}: query");
        assert_eq!(
            language.into_iter().cloned().collect::<Vec<_>>(),
            sdk_language,
            "{name}: X-Language"
        );
        assert_eq!(body, sdk["body"], "{name}: body");
        *per_operation.entry(op.spec().name.to_owned()).or_default() += 1;
    }
    println!(
        "requests equal to huaweicloudsdkbss {}: {per_operation:?}",
        doc["sdk"]
    );
    assert!(per_operation.values().all(|n| *n >= 2), "{per_operation:?}");
}
