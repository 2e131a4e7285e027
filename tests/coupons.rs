//! The coupon checks that do not fit a vector file (size limits, hostile input, the typed
//! API); the cases of `tests/vectors/coupons.json` run one trial each in tests/vectors.rs.

mod common;

use bss_storefront::ErrorCode;
use bss_storefront::coupons::{
    self, Coupon, EvalOptions, Order, ReasonCode, Status, Timestamp, evaluate_coupons,
    evaluate_json,
};
use serde_json::{Value, json};

/// Every limit key of the spec's tables appears in the vectors, passing and failing.
#[test]
fn vectors_cover_every_limit_key() {
    let cases = common::load_cases("coupons");
    for key in coupons::limits::LimitKey::ALL {
        let mut passing = 0;
        let mut failing = 0;
        for case in &cases {
            let Some(Value::Array(expect)) = case.get("expect") else {
                continue;
            };
            let coupons = case["coupons"].as_array().expect("coupons");
            for (c, v) in coupons.iter().zip(expect) {
                let has_key = c["use_limits"]
                    .as_array()
                    .is_some_and(|rows| rows.iter().any(|r| r["limit_key"] == key.as_str()));
                if !has_key {
                    continue;
                }
                let blamed = v["reasons"].as_array().is_some_and(|rs| {
                    rs.iter()
                        .any(|r| r.get("limit_key").and_then(Value::as_str) == Some(key.as_str()))
                });
                if blamed {
                    failing += 1;
                } else if v["status"] == "applicable" {
                    passing += 1;
                }
            }
        }
        assert!(passing > 0, "{}: no vector where it passes", key.as_str());
        // usageTimes cannot fail: BSS coerces any value (spec §4.1).
        if key != coupons::limits::LimitKey::UsageTimes {
            assert!(failing > 0, "{}: no vector where it fails", key.as_str());
        }
        println!("{}: {passing} passing, {failing} failing", key.as_str());
    }
}

fn order() -> Order {
    coupons::parse_order(
        r#"{"order_type":"new","charging_mode":"period","period_type":2,"period_num":1,
            "lines":[{"id":"a","cloud_service_type":"hws.service.type.ec2","region":"cn-north-4",
                      "official_amount":"100"}]}"#,
    )
    .expect("order")
}

fn now() -> EvalOptions {
    EvalOptions::at(Timestamp::parse("2024-06-01T00:00:00Z").expect("now"))
}

#[test]
fn too_many_lines_or_coupons_is_too_large() {
    let line = r#"{"id":"L","cloud_service_type":"s","region":"r","official_amount":"1"}"#;
    let lines: Vec<String> = (0..1001)
        .map(|i| line.replace("\"L\"", &format!("\"L{i}\"")))
        .collect();
    let text = format!(
        r#"{{"order_type":"new","charging_mode":"period","lines":[{}]}}"#,
        lines.join(",")
    );
    let err = evaluate_json(&text, "[]", "null", Some("2024-01-01T00:00:00Z")).unwrap_err();
    assert_eq!(err.code(), "too_large");
    assert_eq!(err.field(), Some("lines"));
    // 1,000 lines are fine.
    let ok = format!(
        r#"{{"order_type":"new","charging_mode":"period","lines":[{}]}}"#,
        lines[..1000].join(",")
    );
    assert!(evaluate_json(&ok, "[]", "null", Some("2024-01-01T00:00:00Z")).is_ok());

    let coupons = format!("[{}]", vec!["{}"; 1001].join(","));
    let err = evaluate_json(&ok, &coupons, "null", Some("2024-01-01T00:00:00Z")).unwrap_err();
    assert_eq!(err.code(), "too_large");
    assert_eq!(err.field(), Some("coupons"));
    let many = vec![Coupon::default(); 1001];
    let err = evaluate_coupons(&order(), &many, &now()).unwrap_err();
    assert_eq!(err.code(), "too_large");
}

#[test]
fn hostile_input_gives_errors_or_verdicts_never_panics() {
    let o = r#"{"order_type":"new","charging_mode":"period","lines":[]}"#;
    let deep = "[".repeat(200) + &"]".repeat(200);
    for text in ["", "nul", "{", &deep, "\"\\ud800\"", "1e999999", "[1,]"] {
        assert!(evaluate_json(text, "[]", "null", Some("2024-01-01T00:00:00Z")).is_err());
        assert!(evaluate_json(o, text, "null", Some("2024-01-01T00:00:00Z")).is_err());
    }
    // Coupons of every shape get a verdict each.
    let weird = r#"[null, true, 1, "x", [], {}, {"coupon_id": 5, "coupon_type": [1],
        "face_value": {"a": 1}, "status": "2", "use_limits": [null, {"limit_key": 1,
        "value1": {}}, {"limit_key": "baseValue", "value1": "1e400"}]},
        {"coupon_id": "x", "coupon_type": 1, "status": 2, "face_value": "99999999999999999999999999999"}]"#;
    let text = evaluate_json(o, weird, "null", Some("2024-01-01T00:00:00Z")).expect("verdicts");
    let got: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(got.as_array().map(Vec::len), Some(8));
    for v in got.as_array().into_iter().flatten() {
        assert_ne!(v["status"], "applicable", "{v}");
    }
    // A huge face value on a large order does not overflow.
    let big = r#"{"order_type":"new","charging_mode":"period","lines":[
        {"id":"a","cloud_service_type":"s","region":"r","official_amount":"1000000000000"}]}"#;
    let c = r#"[{"coupon_id":"x","coupon_type":4,"status":2,"face_value":"7922816251426433759354395033",
        "use_limits":[{"limit_key":"maxDeductionRatio","value1":"0.9999999999999999999999999999"}]}]"#;
    let text = evaluate_json(big, c, "null", Some("2024-01-01T00:00:00Z")).expect("verdicts");
    assert!(
        text.contains(r#""max_deduction":"999999999999.99""#),
        "{text}"
    );
    let err = evaluate_json(
        &big.replace("1000000000000", "1000000000000.01"),
        c,
        "null",
        Some("2024-01-01T00:00:00Z"),
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_order");
}

#[test]
fn now_is_required_in_the_core() {
    let o = r#"{"order_type":"new","charging_mode":"period","lines":[]}"#;
    let err = evaluate_json(o, "[]", "{}", None).unwrap_err();
    assert_eq!(err.code(), "invalid_option");
    assert_eq!(err.field(), Some("now"));
    // opts.now wins over the binding's default.
    let c = r#"[{"coupon_id":"x","coupon_type":1,"status":2,"face_value":"1",
        "expire_time":"2024-01-01T00:00:00Z"}]"#;
    let o1 = r#"{"order_type":"new","charging_mode":"period","lines":[
        {"id":"a","cloud_service_type":"s","region":"r","official_amount":"5"}]}"#;
    let text = evaluate_json(
        o1,
        c,
        r#"{"now":"2023-12-31T23:59:59Z"}"#,
        Some("2030-01-01T00:00:00Z"),
    )
    .expect("verdicts");
    assert!(text.contains(r#""status":"applicable""#), "{text}");
}

#[test]
fn typed_api_for_the_quote() {
    let coupon = Coupon::from_json(
        r#"{"coupon_id":"c","coupon_type":302,"status":2,"face_value":"100",
            "use_limits":[{"limit_key":"simultaneousUseWithPromotionDiscount","value1":"0"},
                          {"limit_key":"minConsumeDiscount","value1":"0.9"},
                          {"limit_key":"maxDeductionRatio","value1":"0.5"}]}"#,
    )
    .expect("json");
    let verdicts = evaluate_coupons(&order(), std::slice::from_ref(&coupon), &now()).expect("ok");
    let v = &verdicts[0];
    assert_eq!(v.status, Status::Applicable);
    assert_eq!(
        v.params.simultaneous_use_with_promotion_discount,
        Some(false)
    );
    assert_eq!(
        v.params.min_consume_discount.map(|a| a.to_string()),
        Some("0.9".to_owned())
    );
    assert_eq!(v.max_deduction.to_string(), "50");
    // The quote checks a discount it considers with the same rule the evaluator uses.
    let promotion = coupons::OrderDiscount {
        discount_id: None,
        discount_type: 0,
        lines: vec![coupons::DiscountLine {
            id: "a".into(),
            discount_ratio: "0.95".parse().expect("ratio"),
        }],
    };
    let reasons = coupons::discount_conflicts(
        v.kind,
        &v.params,
        &promotion,
        &order().lines,
        &Default::default(),
    );
    let codes: Vec<ReasonCode> = reasons.iter().map(|r| r.code).collect();
    assert_eq!(codes, [ReasonCode::DiscountNotCombinable]);
    // serde derives read the same order as the binding's reader.
    let via_serde: Order = serde_json::from_value(json!({
        "order_type": "new", "charging_mode": "period", "period_type": 2, "period_num": 1,
        "lines": [{"id": "a", "cloud_service_type": "hws.service.type.ec2",
                   "region": "cn-north-4", "official_amount": "100"}]
    }))
    .expect("serde");
    assert_eq!(via_serde, order());
}
