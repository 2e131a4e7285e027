//! `quoteOrder` and `orderFromDetails`: the shared vectors (`tests/vectors/orders.json`), and
//! what taking facts from ListOrderCouponsByOrderId changes.

mod common;

use bss_storefront::ErrorCode;
use bss_storefront::orders::{order_from_details_json, quote_order_json};
use bss_storefront::quote::quote_json;
use serde_json::{Value, json};

fn region_case() -> Value {
    common::load_cases("orders").remove(0)["input"].clone()
}

#[test]
fn a_listed_coupon_with_a_region_limit_would_be_refused_without_bss_word() {
    // The same order and coupon through `quote`: the order built from the details has no
    // region, so the engine alone refuses the coupon. quoteOrder takes the region from BSS.
    let input = region_case();
    let order: Value =
        serde_json::from_str(&order_from_details_json(&input["details"].to_string()).unwrap())
            .unwrap();
    assert_eq!(order["lines"][0]["region"], "");
    let plain = json!({
        "order": order,
        "discounts": input["discounts"]["discounts"],
        "coupons": input["coupons"]["user_coupons"],
        "selection": { "coupon_ids": ["CP-CASH-100"] },
        "now": input["now"],
    });
    let q: Value =
        serde_json::from_str(&quote_json(&plain.to_string(), "null", None).unwrap()).unwrap();
    assert_eq!(q["coupon_amount"], "0.00", "{q}");
    assert_eq!(q["rejected"][0]["id"], "CP-CASH-100", "{q}");
    let mut by_order = input.clone();
    by_order["selection"] = json!({ "coupon_ids": ["CP-CASH-100"] });
    let q: Value =
        serde_json::from_str(&quote_order_json(&by_order.to_string(), "null", None).unwrap())
            .unwrap();
    assert_eq!(q["coupon_amount"], "100.00", "{q}");
    assert_eq!(q["facts_from_bss"][0]["limit_key"], "regionCode");
}

#[test]
fn a_limit_the_details_can_decide_still_refuses() {
    // baseValue above the order amount: BSS would not list it, and the engine does not
    // take amounts on faith either.
    let mut input = region_case();
    input["coupons"]["user_coupons"][0]["use_limits"][1]["value1"] = json!("5000");
    input["selection"] = json!({ "coupon_ids": ["CP-CASH-100"] });
    let q: Value =
        serde_json::from_str(&quote_order_json(&input.to_string(), "null", None).unwrap()).unwrap();
    assert_eq!(q["coupon_amount"], "0.00", "{q}");
    assert_eq!(q["rejected"][0]["code"], "coupon_not_applicable", "{q}");
}

#[test]
fn text_and_object_parts_give_the_same_quote() {
    let input = region_case();
    let mut as_text = input.clone();
    for part in ["details", "discounts", "coupons", "balances"] {
        as_text[part] = Value::String(input[part].to_string());
    }
    let a = quote_order_json(&input.to_string(), "null", None).unwrap();
    let b = quote_order_json(&as_text.to_string(), "null", None).unwrap();
    assert_eq!(a, b);
}

#[test]
fn digits_beyond_a_double_survive_in_text() {
    // 20 significant digits: no double holds them.
    let details = r#"{"order_info":{"order_id":"O","status":6,"order_type":1},"order_line_items":[
        {"order_line_item_id":"a","service_type_code":"s","period_type":2,"period_num":1,"official_amount":12345678.123456789012},
        {"order_line_item_id":"b","service_type_code":"s","period_type":2,"period_num":1,"official_amount":0.01}]}"#;
    let input = json!({ "details": details, "now": "2026-11-01T00:00:00Z" });
    let q: Value =
        serde_json::from_str(&quote_order_json(&input.to_string(), "null", None).unwrap()).unwrap();
    assert_eq!(q["official_amount"], "12345678.133456789012");
    assert_eq!(q["payable"], "12345678.13");
    assert_eq!(q["truncated_amount"], "0.003456789012");
}

#[test]
fn order_from_details_maps_the_bss_codes() {
    let details = r#"{"order_info":{"order_id":"O9","status":6,"order_type":2,"currency":"CNY"},"order_line_items":[
        {"order_line_item_id":"a","service_type_code":"hws.service.type.ec2","base_product_info":{"product_id":"PB"},"period_type":3,"period_num":2,"official_amount":"10"},
        {"order_line_item_id":"b","service_type_code":"hws.service.type.ebs","product_id":"PE","period_type":2,"period_num":2,"official_amount":"5"},
        {"order_line_item_id":"c","service_type_code":"hws.service.type.obs","period_type":5,"official_amount":"1"}]}"#;
    let order: Value = serde_json::from_str(&order_from_details_json(details).unwrap()).unwrap();
    assert_eq!(order["order_id"], "O9");
    assert_eq!(order["order_type"], "renew");
    assert_eq!(order["charging_mode"], "period");
    assert_eq!(order["period_type"], Value::Null);
    assert_eq!(order["period_num"], Value::Null);
    assert_eq!(order["currency"], "CNY");
    assert_eq!(order["lines"][0]["product_id"], "PB");
    assert_eq!(order["lines"][0]["period_type"], 3);
    assert_eq!(order["lines"][1]["period_type"], 2);
    assert_eq!(order["lines"][2]["charging_mode"], "one_time");
    assert_eq!(order["lines"][2]["official_amount"], "1");
}

#[test]
fn hostile_parts_are_errors_not_panics() {
    let details = r#"{"order_info":{"order_id":"O","status":6,"order_type":1},"order_line_items":[{"order_line_item_id":"a","service_type_code":"s","period_type":2,"period_num":1,"official_amount":"1"}]}"#;
    let cases = [
        json!({}),
        json!({ "details": 1 }),
        json!({ "details": "not json" }),
        json!({ "details": "[1,2]" }),
        json!({ "details": { "order_info": [] } }),
        json!({ "details": { "order_info": { "order_type": "x" } } }),
        json!({ "details": { "total_count": -1, "order_info": { "order_type": 1 }, "order_line_items": [] } }),
        json!({ "details": { "order_info": { "order_type": 1 }, "order_line_items": [{ "order_line_item_id": "a", "official_amount": "-1" }] } }),
        json!({ "details": { "order_info": { "order_type": 1 }, "order_line_items": [{ "order_line_item_id": "a", "official_amount": "1" }, { "order_line_item_id": "a", "official_amount": "1" }] } }),
        json!({ "details": details, "coupons": { "user_coupons": 5 } }),
        json!({ "details": details, "coupons": { "user_coupons": [1, "x", null, { "use_limits": 7 }] }, "now": "2026-01-01T00:00:00Z" }),
        json!({ "details": details, "balances": { "account_balances": [{ "account_type": 1, "amount": "x" }] } }),
        json!({ "details": details, "cards": { "stored_value_cards": [{}] }, "selection": "best", "now": "2026-01-01T00:00:00Z" }),
        json!({ "details": details, "discounts": { "discounts": [{ "discount_id": "d", "orders": 3 }] } }),
        json!({ "details": details, "extra": 1 }),
    ];
    for input in cases {
        let r = quote_order_json(&input.to_string(), "null", Some("2026-01-01T00:00:00Z"));
        if let Err(e) = &r {
            assert!(!e.code().is_empty(), "{input}: {e}");
        }
    }
    // Coupons that cannot be read are rejected, not errors.
    let input = json!({ "details": details, "coupons": { "user_coupons": [1, "x", null] }, "selection": "best", "now": "2026-01-01T00:00:00Z" });
    let q: Value =
        serde_json::from_str(&quote_order_json(&input.to_string(), "null", None).unwrap()).unwrap();
    assert_eq!(q["payable"], "1.00");
}
