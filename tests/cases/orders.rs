//! `tests/vectors/orders.json`: `quoteOrder` on BSS response bodies as received; each case's
//! `expect` is a subset of the quote (or its `error`).

use bss_storefront::ErrorCode;
use bss_storefront::orders::quote_order_json;
use serde_json::Value;

/// Every key of `expected` equals the same key of `actual` (arrays element by element).
pub fn subset(expected: &Value, actual: &Value, path: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e.iter().try_for_each(|(k, v)| {
            let got = a
                .get(k)
                .ok_or_else(|| format!("{path}.{k}: missing in {actual}"))?;
            subset(v, got, &format!("{path}.{k}"))
        }),
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => e
            .iter()
            .zip(a)
            .enumerate()
            .try_for_each(|(i, (x, y))| subset(x, y, &format!("{path}[{i}]"))),
        (e, a) if e == a => Ok(()),
        (e, a) => Err(format!("{path}: got {a}, expected {e}")),
    }
}

pub fn case(case: &Value) {
    let name = case["name"].as_str().unwrap_or("?");
    let input = case["input"].to_string();
    let opts = case.get("opts").unwrap_or(&Value::Null).to_string();
    match quote_order_json(&input, &opts, None) {
        Ok(text) => {
            let got: Value = serde_json::from_str(&text).expect("a quote is JSON");
            let expect = case
                .get("expect")
                .unwrap_or_else(|| panic!("{name}: {got}"));
            subset(expect, &got, "").unwrap_or_else(|e| panic!("{name}: {e}\n{got}"));
        }
        Err(e) => {
            let want = case.get("error").unwrap_or_else(|| panic!("{name}: {e}"));
            assert_eq!(e.code(), want["code"], "{name}: {e}");
            assert_eq!(e.field(), want["field"].as_str(), "{name}: {e}");
        }
    }
}

pub fn coverage(cases: &[Value]) {
    assert!(cases.len() >= 8, "orders.json holds {} cases", cases.len());
}
