//! The documented limits of the engine exports, each at the limit (answered) and one past it
//! (`too_large`, refused before the work), and the worst cases inside them: bounded output,
//! bounded search. Times are printed (`--nocapture`), never asserted; `make bench` reports
//! them too.

mod common;

use std::time::Instant;

use bss_storefront::ErrorCode;
use bss_storefront::coupons::{MAX_COUPONS, MAX_LINES, evaluate_json};
use bss_storefront::discounts::select_json;
use bss_storefront::limits::{MAX_INPUT_BYTES, MAX_OPTIONS_BYTES};
use bss_storefront::quote::input::MAX_DISCOUNTS;
use bss_storefront::quote::quote_json;
use serde_json::{Value, json};

const NOW: &str = "2024-06-01T00:00:00Z";

/// `n` lines whose ids are `id_len` characters long, 100.00 each.
fn lines(n: usize, id_len: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            let tag = format!("L{i}-");
            let id = format!("{tag}{}", "x".repeat(id_len.saturating_sub(tag.len())));
            json!({ "id": id, "cloud_service_type": "hws.service.type.ec2",
                    "region": "cn-north-4", "official_amount": "100.00" })
        })
        .collect()
}

fn order(lines: Vec<Value>) -> Value {
    json!({ "order_type": "new", "charging_mode": "period", "period_type": 2,
            "period_num": 1, "lines": lines })
}

/// `n` flexi-purchase coupons worth `face` each, no limit: every line is eligible for each.
/// Each expires a minute after the previous one, so that no two are interchangeable.
fn flexi_coupons(n: usize, face: &str) -> Vec<Value> {
    (0..n)
        .map(|i| {
            json!({ "coupon_id": format!("F{i:04}"), "coupon_type": 4, "status": 2,
                    "coupon_version": 2, "face_value": face, "balance": face,
                    "effective_time": "2024-01-01T00:00:00Z",
                    "expire_time": format!("2025-01-01T{:02}:{:02}:00Z", i / 60, i % 60) })
        })
        .collect()
}

/// `n` partner discounts over every line, ratios 0.80, 0.81, …
fn discounts(n: usize, ids: &[&str]) -> Vec<Value> {
    (0..n)
        .map(|i| {
            json!({ "discount_id": format!("D{i:02}"), "discount_type": 3,
                    "orders": [{ "order_id": "CS1", "order_line_items": [{
                        "order_line_item_ids": ids, "discount_mode": 0,
                        "discount_ratio": format!("0.{}", 80 + i) }] }] })
        })
        .collect()
}

fn ids(lines: &[Value]) -> Vec<&str> {
    lines.iter().map(|l| l["id"].as_str().unwrap()).collect()
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    eprintln!("{what}: {:.1} ms", start.elapsed().as_secs_f64() * 1e3);
    out
}

fn opts() -> String {
    json!({ "now": NOW }).to_string()
}

/// The longest line id that keeps `n` lines within `MAX_INPUT_BYTES`.
fn longest_id(n: usize) -> usize {
    let one = order(lines(1, 0)).to_string().len();
    (MAX_INPUT_BYTES - one) / n - 200
}

#[test]
fn evaluate_coupons_output_stays_bounded_at_the_limits() {
    // Finding 1: 1,000 lines with ids as long as the byte limit allows × 1,000 coupons that
    // all select every line. Before: every verdict copied every id (4 GB and a trap).
    let id_len = longest_id(MAX_LINES);
    let lines = lines(MAX_LINES, id_len);
    let order = order(lines).to_string();
    assert!(order.len() <= MAX_INPUT_BYTES, "{}", order.len());
    let coupons = Value::Array(flexi_coupons(MAX_COUPONS, "50")).to_string();
    let out = timed(
        &format!(
            "evaluateCoupons {MAX_LINES} lines (ids of {id_len} chars) × {MAX_COUPONS} coupons"
        ),
        || evaluate_json(&order, &coupons, &opts(), None).unwrap(),
    );
    let verdicts: Value = serde_json::from_str(&out).unwrap();
    let verdicts = verdicts.as_array().unwrap();
    assert_eq!(verdicts.len(), MAX_COUPONS);
    for v in verdicts {
        let lines = v["eligible_lines"].as_array().unwrap();
        assert_eq!(lines.len(), MAX_LINES);
        assert!(
            lines
                .iter()
                .enumerate()
                .all(|(i, l)| l.as_u64() == Some(i as u64))
        );
    }
    // Indexes, not ids: the output is smaller than the input plus a few bytes per pair.
    assert!(
        out.len() < order.len() + coupons.len() + 8 * MAX_LINES * MAX_COUPONS,
        "{} bytes",
        out.len()
    );
}

fn quote_input(n_lines: usize, n_discounts: usize, n_coupons: usize, id_len: usize) -> Value {
    let lines = lines(n_lines, id_len);
    let discounts = discounts(n_discounts, &ids(&lines));
    // Any 3 of these cover the order (n × 100.00 at most): ties everywhere.
    let face = format!("{}", n_lines * 100 / 3 + 1);
    json!({ "now": NOW, "order": order(lines.clone()), "discounts": discounts,
            "coupons": flexi_coupons(n_coupons, &face) })
}

fn quote_value(input: &Value) -> Value {
    let text = quote_json(&input.to_string(), "null", None).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn assert_money_invariants(q: &Value) {
    if let Err(e) = common::money_invariants(q) {
        panic!("{e}: {q}");
    }
}

#[test]
fn quote_best_at_the_limits_is_bounded() {
    // Finding 3: 1,000 lines, 20 discounts, 1,000 flexi coupons any 3 of which cover the
    // order. Before: 14–22 s and 650 MB in wasm.
    let input = quote_input(MAX_LINES, MAX_DISCOUNTS, MAX_COUPONS, 8);
    let mut best = input.clone();
    best["selection"] = json!("best");
    let q = timed(
        "quote best 1000 lines × 20 discounts × 1000 coupons",
        || quote_value(&best),
    );
    assert_money_invariants(&q);
    assert_eq!(q["payable"], "0.00", "three coupons cover the order");
    eprintln!("search: {}", q["search"]);
    // Explicit: the same order with the three first coupons.
    let mut explicit = input;
    explicit["selection"] =
        json!({ "discount_id": "D00", "coupon_ids": ["F0000", "F0001", "F0002"] });
    let q = timed(
        "quote explicit 1000 lines × 20 discounts × 1000 coupons",
        || quote_value(&explicit),
    );
    assert_money_invariants(&q);
}

#[test]
fn quote_with_long_ids_stays_bounded() {
    // Finding 1 in the quote: 200-character ids and 20 discounts (before: 168 s and a trap).
    let mut input = quote_input(MAX_LINES, MAX_DISCOUNTS, MAX_COUPONS, 200);
    input["selection"] = json!("best");
    let q = timed("quote best, 200-character ids", || quote_value(&input));
    assert_money_invariants(&q);
}

/// The code and field of an error.
fn refusal<E: ErrorCode>(e: E) -> (String, Option<String>) {
    (e.code().to_owned(), e.field().map(str::to_owned))
}

#[test]
fn each_count_limit_is_accepted_at_the_limit_and_refused_past_it() {
    let coupons = |n| Value::Array(flexi_coupons(n, "50")).to_string();
    let lines_at = |n| order(lines(n, 8)).to_string();
    // evaluateCoupons: lines and coupons.
    assert!(evaluate_json(&lines_at(MAX_LINES), &coupons(1), &opts(), None).is_ok());
    let e = evaluate_json(&lines_at(MAX_LINES + 1), &coupons(1), &opts(), None).unwrap_err();
    assert_eq!(refusal(e), ("too_large".into(), Some("lines".into())));
    assert!(evaluate_json(&lines_at(1), &coupons(MAX_COUPONS), &opts(), None).is_ok());
    let e = evaluate_json(&lines_at(1), &coupons(MAX_COUPONS + 1), &opts(), None).unwrap_err();
    assert_eq!(refusal(e), ("too_large".into(), Some("coupons".into())));
    // quote: lines, coupons, discounts.
    let quote = |l, d, c| quote_json(&quote_input(l, d, c, 8).to_string(), "null", None);
    assert!(quote(MAX_LINES, 1, 1).is_ok());
    assert_eq!(
        refusal(quote(MAX_LINES + 1, 1, 1).unwrap_err()),
        ("too_large".into(), Some("order.lines".into()))
    );
    assert!(quote(1, MAX_DISCOUNTS, 1).is_ok());
    assert_eq!(
        refusal(quote(1, MAX_DISCOUNTS + 1, 1).unwrap_err()),
        ("too_large".into(), Some("discounts".into()))
    );
    assert!(quote(1, 1, MAX_COUPONS).is_ok());
    assert_eq!(
        refusal(quote(1, 1, MAX_COUPONS + 1).unwrap_err()),
        ("too_large".into(), Some("coupons".into()))
    );
    // selectDiscount: elements of a rating list.
    let rating = |n| {
        let options: Vec<Value> = (0..n)
            .map(|i| json!({ "discount_id": format!("d{i}"), "discount_type": 607, "amount": "1" }))
            .collect();
        json!({ "official_website_rating_result": { "official_website_amount": "2" },
                "optional_discount_rating_results": options })
        .to_string()
    };
    assert!(select_json(&rating(1000), "null").is_ok());
    let e = select_json(&rating(1001), "null").unwrap_err();
    assert_eq!(
        refusal(e),
        (
            "too_large".into(),
            Some("optional_discount_rating_results".into())
        )
    );
}

/// A JSON text of exactly `bytes` bytes: an object with one padded string member.
fn padded(bytes: usize) -> String {
    let text = format!("{{\"pad\":\"{}\"}}", "x".repeat(bytes - 10));
    assert_eq!(text.len(), bytes);
    text
}

#[test]
fn byte_limits_refuse_before_parsing() {
    // At the limit: parsed (and refused for what it is, not for its size).
    let at = padded(MAX_INPUT_BYTES);
    let over = padded(MAX_INPUT_BYTES + 1);
    let coupons = Value::Array(flexi_coupons(1, "50")).to_string();
    let e = evaluate_json(&at, &coupons, &opts(), None).unwrap_err();
    assert_ne!(e.code(), "too_large", "{e}");
    let e = evaluate_json(&over, &coupons, &opts(), None).unwrap_err();
    assert_eq!(refusal(e), ("too_large".into(), Some("order".into())));
    let e = evaluate_json(&order(lines(1, 8)).to_string(), &over, &opts(), None).unwrap_err();
    assert_eq!(refusal(e), ("too_large".into(), Some("coupons".into())));
    assert_ne!(
        quote_json(&at, "null", None).unwrap_err().code(),
        "too_large"
    );
    assert_eq!(
        refusal(quote_json(&over, "null", None).unwrap_err()),
        ("too_large".into(), Some("input".into()))
    );
    assert_ne!(select_json(&at, "null").unwrap_err().code(), "too_large");
    assert_eq!(
        refusal(select_json(&over, "null").unwrap_err()),
        ("too_large".into(), Some("rating".into()))
    );
    // Options: 64 KiB.
    let opts_at = padded(MAX_OPTIONS_BYTES);
    let opts_over = padded(MAX_OPTIONS_BYTES + 1);
    let rating = r#"{"official_website_rating_result":{"official_website_amount":"2"}}"#;
    assert_ne!(
        select_json(rating, &opts_at).unwrap_err().code(),
        "too_large"
    );
    assert_eq!(
        refusal(select_json(rating, &opts_over).unwrap_err()),
        ("too_large".into(), Some("opts".into()))
    );
    // Finding 4: a million lines (before: 7 s of parsing before too_large) is refused by
    // its length alone.
    let one = lines(1, 8)[0].to_string();
    let million = format!(
        "{{\"order\":{{\"order_type\":\"new\",\"lines\":[{}{one}]}}}}",
        format!("{one},").repeat(999_999)
    );
    let e = timed("quote with 1,000,000 lines refused", || {
        quote_json(&million, "null", None).unwrap_err()
    });
    assert_eq!(refusal(e), ("too_large".into(), Some("input".into())));
}
