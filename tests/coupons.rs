//! The shared coupon vectors (`tests/vectors/coupons.json`) against the core, plus the checks
//! that do not fit a vector file (size limits, hostile input, the typed API).

mod common;

use bss_storefront::ErrorCode;
use bss_storefront::coupons::{
    self, Coupon, EvalOptions, Order, ReasonCode, Status, Timestamp, evaluate_coupons,
    evaluate_json,
};
use serde_json::{Value, json};

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

#[test]
fn coupon_vectors() {
    let cases = common::load_cases("coupons");
    assert!(cases.len() >= 120, "only {} cases", cases.len());
    let mut verdicts = 0;
    let mut failures = Vec::new();
    for case in &cases {
        let name = common::str_field(case, "name").expect("name");
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
                    verdicts += 1;
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
    }
    assert!(
        failures.is_empty(),
        "{} failing vectors:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(verdicts >= 150, "only {verdicts} verdicts checked");
}

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
    assert_eq!(err.code(), "invalid_options");
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
