//! `tests/vectors/amounts.json` against `Amount`.

use bss_storefront::{Amount, ErrorCode};
use serde_json::Value;

use crate::common;

pub fn case(case: &Value) {
    let name = common::str_field(case, "name").expect("name");
    let result = match (
        common::str_field(case, "input"),
        common::str_field(case, "js_number"),
    ) {
        (Some(input), None) => Amount::parse(input),
        (None, Some(repr)) => Amount::parse_js_number(repr),
        _ => panic!("{name}: needs exactly one of input / js_number"),
    };
    match (
        common::str_field(case, "expected"),
        common::str_field(case, "error"),
    ) {
        (Some(expected), None) => {
            let got = result.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(got.to_string(), expected, "{name}");
        }
        (None, Some(code)) => {
            let err = result.expect_err(name);
            assert_eq!(err.code(), code, "{name}");
        }
        _ => panic!("{name}: needs exactly one of expected / error"),
    }
}

pub fn coverage(cases: &[Value]) {
    assert!(cases.len() >= 60, "only {} cases", cases.len());
}
