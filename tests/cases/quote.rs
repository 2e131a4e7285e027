//! `tests/vectors/{quotes,discounts,pricing}.json` against the Rust API, plus the invariants
//! every quote must keep.

use bss_storefront::ErrorCode;
use bss_storefront::discounts::select_json;
use bss_storefront::quote::explain::COLUMNS;
use bss_storefront::quote::pricing::price_line_json;
use bss_storefront::quote::quote_json;
use serde_json::Value;

use crate::common;

/// Every key of `expected` equals the same key of `actual` (recursively; arrays element by
/// element with the same length). Returns the path of the first difference.
fn matches(expected: &Value, actual: &Value, path: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, v) in e {
                let sub = format!("{path}.{k}");
                let got = a.get(k).ok_or_else(|| format!("{sub}: missing"))?;
                matches(v, got, &sub)?;
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Err(format!(
                    "{path}: {} elements, expected {}",
                    a.len(),
                    e.len()
                ));
            }
            for (i, (x, y)) in e.iter().zip(a).enumerate() {
                matches(x, y, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        (e, a) if e == a => Ok(()),
        (e, a) => Err(format!("{path}: got {a}, expected {e}")),
    }
}

/// Exact cents-and-below arithmetic on the money strings of a quote.
fn units(s: &Value) -> i128 {
    let s = s.as_str().expect("money string");
    let (neg, s) = s.strip_prefix('-').map_or((false, s), |r| (true, r));
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    assert!(frac.len() <= 20, "{s}");
    let v: i128 = format!("{int}{frac:0<20}").parse().expect(s);
    if neg { -v } else { v }
}

/// What holds for every quote, whatever the input.
fn invariants(q: &Value, name: &str) {
    let lines = q["lines"].as_array().expect("lines");
    for col in COLUMNS {
        let sum: i128 = lines.iter().map(|l| units(&l[col])).sum();
        assert_eq!(sum, units(&q[col]), "{name}: lines do not sum to {col}");
    }
    for l in lines {
        let [o, d, c, f, s, t, p] = COLUMNS.map(|col| units(&l[col]));
        assert_eq!(
            o - d - c - f - s - t,
            p,
            "{name}: line {} does not add up",
            l["id"]
        );
        assert!(p >= 0, "{name}: negative payable");
        assert_eq!(p % 10i128.pow(18), 0, "{name}: line payable below the cent");
    }
    let cent = 10i128.pow(18);
    let payable = units(&q["payable"]);
    assert_eq!(payable % cent, 0, "{name}: payable below the cent");
    let truncated = units(&q["truncated_amount"]);
    assert!(
        (0..cent).contains(&truncated),
        "{name}: truncated {truncated}"
    );
    assert_eq!(
        units(&q["amount_after_discount"]),
        units(&q["official_amount"]) - units(&q["discount_amount"]),
        "{name}"
    );
    let pay = &q["payment"];
    assert_eq!(
        units(&pay["cash"]) + units(&pay["credit"]) + units(&pay["unpaid"]),
        payable,
        "{name}: payment"
    );
    // The PayOrders body names exactly the coupons used, in order, and the discount.
    let used: Vec<&Value> = q["coupons"]
        .as_array()
        .expect("coupons")
        .iter()
        .map(|c| &c["coupon_id"])
        .collect();
    let body = &q["pay_request"];
    match body["use_coupon"].as_str() {
        Some("YES") => {
            let ids: Vec<&Value> = body["coupon_infos"]
                .as_array()
                .expect("coupon_infos")
                .iter()
                .map(|c| &c["id"])
                .collect();
            assert_eq!(ids, used, "{name}: pay_request coupons");
            assert!(ids.len() <= 3, "{name}");
        }
        Some("NO") => {
            assert!(used.is_empty(), "{name}");
            assert!(
                body.get("coupon_infos").is_none(),
                "{name}: coupon_infos with NO"
            );
        }
        other => panic!("{name}: use_coupon {other:?}"),
    }
    match (
        body["use_discount"].as_str(),
        q["discount"].get("discount_id"),
    ) {
        (Some("YES"), Some(id)) => assert_eq!(&body["discount_infos"][0]["id"], id, "{name}"),
        (Some("NO"), None) => assert!(body.get("discount_infos").is_none(), "{name}"),
        other => panic!("{name}: use_discount / discount {other:?}"),
    }
}

fn text(v: Option<&Value>) -> String {
    v.map_or_else(|| "null".to_owned(), Value::to_string)
}

fn run<E: ErrorCode>(case: &Value, result: Result<String, E>, check: impl Fn(&Value, &str)) {
    let name = common::str_field(case, "name").expect("name");
    match (case.get("expect"), case.get("error")) {
        (Some(expect), None) => {
            let out = result.unwrap_or_else(|e| panic!("{name}: {} {e}", e.code()));
            let actual: Value = serde_json::from_str(&out).expect("output JSON");
            if let Err(diff) = matches(expect, &actual, "") {
                panic!(
                    "{name}: {diff}\n{}",
                    serde_json::to_string_pretty(&actual).unwrap_or_default()
                );
            }
            check(&actual, name);
        }
        (None, Some(error)) => {
            let e = result.err().unwrap_or_else(|| panic!("{name}: no error"));
            assert_eq!(Some(e.code()), error["code"].as_str(), "{name}: {e}");
            if let Some(field) = error["field"].as_str() {
                assert_eq!(e.field(), Some(field), "{name}: {e}");
            }
        }
        _ => panic!("{name}: needs exactly one of expect / error"),
    }
}

pub fn quote_case(case: &Value) {
    let result = quote_json(
        &case["input"].to_string(),
        &text(case.get("opts")),
        Some("2024-06-01T00:00:00Z"),
    );
    run(case, result, invariants);
}

pub fn coverage(cases: &[Value]) {
    assert!(cases.len() >= 100, "only {} cases", cases.len());
}

pub fn discount_case(case: &Value) {
    let rating = match case.get("rating_text") {
        Some(Value::String(t)) => t.clone(),
        _ => case["rating"].to_string(),
    };
    run(
        case,
        select_json(&rating, &text(case.get("opts"))),
        |_, _| {},
    );
}

pub fn pricing_case(case: &Value) {
    run(case, price_line_json(&case["line"].to_string()), |_, _| {});
}
