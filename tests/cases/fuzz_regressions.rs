//! `tests/vectors/fuzz_regressions.json`: inputs a fuzzer once found. Each, unmutated, is
//! answered or refused with an error code — never a panic — and a quote keeps the money
//! invariants (tests/fuzz.rs replays them too, before it mutates).

use bss_storefront::ErrorCode;
use bss_storefront::coupons::evaluate_json;
use bss_storefront::discounts::select_json;
use bss_storefront::quote::pricing::price_line_json;
use bss_storefront::quote::quote_json;
use serde_json::{Value, json};

use crate::common;

pub fn case(case: &Value) {
    let input = &case["input"];
    let opts = json!({ "now": "2024-06-01T00:00:00Z" }).to_string();
    let code = |e: &dyn ErrorCode| assert!(!e.code().is_empty(), "an error without a code: {e}");
    match case["export"].as_str() {
        Some("evaluateCoupons") => {
            let r = evaluate_json(
                &input["order"].to_string(),
                &input["coupons"].to_string(),
                &opts,
                None,
            );
            if let Err(e) = r {
                code(&e);
            }
        }
        Some("quote") => match quote_json(&input.to_string(), "null", Some("2024-06-01T00:00:00Z"))
        {
            Ok(text) => {
                let q: Value = serde_json::from_str(&text).expect("a quote is JSON");
                common::money_invariants(&q).unwrap_or_else(|e| panic!("{e}"));
            }
            Err(e) => code(&e),
        },
        Some("selectDiscount") => {
            if let Err(e) = select_json(&input.to_string(), "null") {
                code(&e);
            }
        }
        Some("priceLine") => {
            if let Err(e) = price_line_json(&input.to_string()) {
                code(&e);
            }
        }
        other => panic!("unknown export {other:?}"),
    }
}
