//! The Rust loader of the shared test vectors in `tests/vectors/*.json` (the JS tests have
//! their twin in `tests/js/vectors.mjs`).

#![allow(dead_code)]

use serde_json::Value;

/// The `cases` of `tests/vectors/<name>.json`.
pub fn load_cases(name: &str) -> Vec<Value> {
    let path = format!("{}/tests/vectors/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    match doc.get("cases") {
        Some(Value::Array(cases)) if !cases.is_empty() => cases.clone(),
        _ => panic!("{path}: no cases"),
    }
}

/// A case's string field.
pub fn str_field<'a>(case: &'a Value, key: &str) -> Option<&'a str> {
    case.get(key).and_then(Value::as_str)
}
