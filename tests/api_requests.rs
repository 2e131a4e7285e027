//! The shared client vectors (`tests/vectors/api_requests.json`): each operation input
//! becomes exactly the documented HTTP request, or exactly the listed validation issues.

mod common;

use bss_storefront::api::{ApiError, Json, Operation, build};
use bss_storefront::registration::Site;
use bss_storefront::sign::canonical_query;
use serde_json::Value;

#[test]
fn api_request_vectors() {
    let cases = common::load_cases("api_requests");
    let mut per_operation = std::collections::BTreeMap::<&str, usize>::new();
    for case in &cases {
        let name = common::str_field(case, "name").expect("name");
        let op = Operation::from_name(common::str_field(case, "operation").expect("operation"))
            .unwrap_or_else(|| panic!("{name}: unknown operation"));
        *per_operation.entry(op.spec().name).or_default() += 1;
        let site = match common::str_field(case, "site") {
            Some("intl") => Site::Intl,
            _ => Site::Cn,
        };
        let result = build(op, &Json::from(&case["input"]), site);
        match (case.get("request"), result) {
            (Some(expected), Ok(req)) => {
                assert_eq!(op.spec().method, expected["method"], "{name}: method");
                assert_eq!(req.path(), expected["path"], "{name}: path");
                assert_eq!(
                    canonical_query(&req.query),
                    expected["query"],
                    "{name}: query"
                );
                if let Some(Value::Object(headers)) = expected.get("headers") {
                    for (k, v) in headers {
                        assert!(
                            req.headers
                                .iter()
                                .any(|(hk, hv)| hk == k && Some(hv.as_str()) == v.as_str()),
                            "{name}: header {k}"
                        );
                    }
                }
                let body: Value = match &req.body {
                    Some(text) => serde_json::from_str(text).expect("body is JSON"),
                    None => Value::Null,
                };
                assert_eq!(body, expected["body"], "{name}: body");
            }
            (None, Err(ApiError::InvalidRequest { issues, .. })) => {
                let got: Vec<Value> = issues
                    .iter()
                    .map(|i| serde_json::json!([i.field, i.code]))
                    .collect();
                assert_eq!(Value::Array(got), case["issues"], "{name}: issues");
                for issue in &issues {
                    assert!(
                        !issue.message.is_empty() && !issue.message_zh.is_empty(),
                        "{name}"
                    );
                }
            }
            (_, other) => panic!("{name}: unexpected {other:?}"),
        }
    }
    let missing: Vec<&str> = Operation::ALL
        .iter()
        .map(|op| op.spec().name)
        .filter(|n| !per_operation.contains_key(n))
        .collect();
    assert!(
        missing.is_empty(),
        "operations without a vector: {missing:?}"
    );
    println!(
        "api request vectors: {} cases over {} operations",
        cases.len(),
        per_operation.len()
    );
}
