//! `tests/vectors/coupons.json` against the core (tests/coupons.rs holds the checks that do
//! not fit a vector file).

use bss_storefront::ErrorCode;
use bss_storefront::coupons::evaluate_json;
use serde_json::Value;

use crate::common;

/// Differences between one verdict and its expectation (the rules are in the vector file's
/// description; tests/js/coupons.test.mjs applies the same ones).
fn verdict_diff(got: &Value, want: &Value) -> Vec<String> {
    let mut diffs = Vec::new();
    let mut same = |what: String, g: &Value, w: &Value| {
        if g != w {
            diffs.push(format!("{what}: got {g}, want {w}"));
        }
    };
    same("coupon_id".into(), &got["coupon_id"], &want["coupon_id"]);
    same("status".into(), &got["status"], &want["status"]);
    let empty = Vec::new();
    let got_reasons = got["reasons"].as_array().unwrap_or(&empty);
    let want_reasons = want["reasons"].as_array().unwrap_or(&empty);
    let codes = |rs: &[Value]| Value::Array(rs.iter().map(|r| r["code"].clone()).collect());
    same(
        "reason codes".into(),
        &codes(got_reasons),
        &codes(want_reasons),
    );
    for (i, (g, w)) in got_reasons.iter().zip(want_reasons).enumerate() {
        for key in ["message", "message_zh"] {
            let present = Value::Bool(g[key].as_str().is_some_and(|m| !m.is_empty()));
            same(
                format!("reasons[{i}].{key} present"),
                &present,
                &Value::Bool(true),
            );
        }
        for key in ["limit_key", "message", "message_zh"] {
            if let Some(w) = w.get(key) {
                same(format!("reasons[{i}].{key}"), &g[key], w);
            }
        }
        if let Some(Value::Object(params)) = w.get("params") {
            for (k, v) in params {
                same(format!("reasons[{i}].params.{k}"), &g["params"][k], v);
            }
        }
    }
    for key in [
        "kind",
        "eligible_lines",
        "eligible_amount",
        "available",
        "max_deduction",
        "params",
    ] {
        if let Some(w) = want.get(key) {
            same(key.into(), &got[key], w);
        }
    }
    diffs
}

/// The verdict with `eligible_lines` indexes (the core's output) replaced by the ids of
/// those order lines (what the vectors and the JS binding give).
fn with_line_ids(verdict: &Value, order: &Value) -> Value {
    let mut v = verdict.clone();
    if let Some(lines) = v["eligible_lines"].as_array_mut() {
        for l in lines.iter_mut() {
            let i = l.as_u64().expect("an index") as usize;
            *l = order["lines"][i]["id"].clone();
        }
    }
    v
}

pub fn case(case: &Value) {
    let name = common::str_field(case, "name").expect("name");
    let mut failures = Vec::new();
    let result = evaluate_json(
        &case["order"].to_string(),
        &case["coupons"].to_string(),
        &case["opts"].to_string(),
        None,
    );
    match (case.get("expect"), case.get("error"), result) {
        (Some(Value::Array(expect)), None, Ok(text)) => {
            let got: Value = serde_json::from_str(&text).expect("verdicts are JSON");
            let got = got.as_array().expect("an array");
            if got.len() != expect.len() {
                failures.push(format!(
                    "{name}: {} verdicts, want {}",
                    got.len(),
                    expect.len()
                ));
            }
            for (g, w) in got.iter().zip(expect) {
                let g = &with_line_ids(g, &case["order"]);
                let diffs = verdict_diff(g, w);
                if !diffs.is_empty() {
                    failures.push(format!("{name}: {}\n    got: {g}", diffs.join("; ")));
                }
            }
        }
        (None, Some(error), Err(err)) => {
            let field = err.field().map(|f| Value::String(f.to_owned()));
            if err.code() != error["code"] || field.as_ref() != error.get("field") {
                failures.push(format!(
                    "{name}: error {} {:?} ({err}), want {error}",
                    err.code(),
                    err.field()
                ));
            }
        }
        (Some(_), None, Err(err)) => failures.push(format!("{name}: unexpected error {err}")),
        (None, Some(error), Ok(text)) => {
            failures.push(format!("{name}: no error, want {error}: {text}"))
        }
        _ => failures.push(format!("{name}: needs exactly one of expect / error")),
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Enough cases, and enough verdicts (each case checks every verdict it expects).
pub fn coverage(cases: &[Value]) {
    assert!(cases.len() >= 120, "only {} cases", cases.len());
    let verdicts: usize = cases
        .iter()
        .filter_map(|c| c.get("expect").and_then(Value::as_array))
        .map(Vec::len)
        .sum();
    assert!(verdicts >= 150, "only {verdicts} verdicts checked");
}
