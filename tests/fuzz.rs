//! A seeded, structured fuzzer over the public Rust API (stable Rust, no `cargo fuzz`): inputs
//! are the shared vectors mutated towards hostile shapes (huge and odd numbers, long strings,
//! lone surrogate escapes, deep nesting, wrong types, long lists, duplicated keys). Each call
//! must return a value or an error with a known code, never panic; every quote must keep its
//! money invariants. `make test` runs it for `FUZZ_SECONDS` (default 3); `make fuzz` runs it
//! longer and prints calls per export. An input that ever failed is kept in
//! `tests/vectors/fuzz_regressions.json` and replayed first.

mod common;
use common::Rng;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use bss_storefront::ErrorCode;
use bss_storefront::api::{Operation, parse_json, retry_after_ms, server_error_redacted};
use bss_storefront::coupons::evaluate_json;
use bss_storefront::discounts::select_json;
use bss_storefront::money::Amount;
use bss_storefront::quote::pricing::price_line_json;
use bss_storefront::quote::quote_json;
use bss_storefront::registration::{FieldValue, Form, Site, validate_registration};
use bss_storefront::sign::SdkDate;
use serde_json::{Value, json};

/// Hostile scalars: what a fuzzer found useful against parsers of amounts, ids and times.
fn hostile(rng: &mut Rng) -> Value {
    let texts = [
        "",
        "0",
        "-0",
        "1e400",
        "-1e-400",
        "1E+28",
        "79228162514264337593543950336",
        "0.00000000000000000000000000001",
        "NaN",
        "Infinity",
        "1_000",
        " 1",
        "1.",
        ".5",
        "+5",
        "0x10",
        "１２３",
        "\u{0}",
        "\u{feff}",
        "𝟙",
        "2024-02-30T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "2024-06-01T00:00:00+25:00",
        "hws.service.type.ec2",
        "cn-north-4",
        "__proto__",
        "constructor",
    ];
    match rng.index(12) {
        0 => json!(null),
        1 => json!(rng.one_in(2)),
        2 => json!(rng.next() as i64),
        3 => serde_json::from_str(
            [
                "1e308",
                "-1e308",
                "1e-320",
                "123456789012345678901234567890",
            ][rng.index(4)],
        )
        .unwrap(),
        4 => json!("x".repeat(1 << rng.index(16))),
        5 => json!([]),
        6 => json!({}),
        7 => {
            let mut v = json!(1);
            for _ in 0..rng.index(200) {
                v = json!([v]);
            }
            v
        }
        _ => json!(texts[rng.index(texts.len())]),
    }
}

/// `v` with a few random changes: a value replaced, a key removed or added, a list grown.
fn mutate(v: &Value, rng: &mut Rng, depth: usize) -> Value {
    if depth > 0 && rng.one_in(8) {
        return hostile(rng);
    }
    match v {
        Value::Object(map) => {
            let mut out = map.clone();
            let keys: Vec<String> = out.keys().cloned().collect();
            if let Some(k) = keys.get(rng.index(keys.len().max(1))) {
                match rng.index(6) {
                    0 => {
                        out.remove(k);
                    }
                    1 => {
                        out.insert(k.clone(), hostile(rng));
                    }
                    _ => {
                        let inner = mutate(&out[k], rng, depth + 1);
                        out.insert(k.clone(), inner);
                    }
                }
            }
            if rng.one_in(10) {
                out.insert(
                    ["__proto__", "extra", "status", "id"][rng.index(4)].into(),
                    hostile(rng),
                );
            }
            Value::Object(out)
        }
        Value::Array(items) if !items.is_empty() => {
            let mut out = items.clone();
            let i = rng.index(out.len());
            match rng.index(6) {
                0 => {
                    out.remove(i);
                }
                1 => {
                    // Grow the list towards (and past) its limit.
                    let n = [2, 50, 1000, 1001][rng.index(4)];
                    let item = out[i].clone();
                    out.extend(std::iter::repeat_n(item, n));
                }
                _ => out[i] = mutate(&out[i], rng, depth + 1),
            }
            Value::Array(out)
        }
        _ if depth == 0 || rng.one_in(2) => hostile(rng),
        other => other.clone(),
    }
}

/// JSON text, sometimes with a lone surrogate escape or a syntax break spliced in.
fn text_of(v: &Value, rng: &mut Rng) -> String {
    let mut t = v.to_string();
    if rng.one_in(20) {
        if let Some(at) = t.find("\":\"") {
            t.insert_str(
                at + 3,
                ["\\ud800", "\\udfff\\ud800", "\\u0000"][rng.index(3)],
            );
        }
    }
    if rng.one_in(50) && !t.is_empty() {
        let mut at = rng.index(t.len());
        while !t.is_char_boundary(at) {
            at -= 1;
        }
        t.truncate(at);
    }
    t
}

const CODES: &[&str] = &[
    "invalid_order",
    "invalid_input",
    "invalid_option",
    "invalid_json",
    "invalid_amount",
    "invalid_rating",
    "too_large",
    "amount_overflow",
];

#[derive(Default)]
struct Tally {
    calls: BTreeMap<&'static str, u64>,
    errors: BTreeMap<&'static str, u64>,
    violations: Vec<String>,
    panics: u64,
}

impl Tally {
    fn outcome<E: ErrorCode + std::fmt::Display>(
        &mut self,
        export: &'static str,
        input: &str,
        r: Result<String, E>,
    ) -> Option<Value> {
        *self.calls.entry(export).or_default() += 1;
        match r {
            Ok(text) => match serde_json::from_str(&text) {
                Ok(v) => Some(v),
                Err(e) => {
                    self.violations
                        .push(format!("{export}: output is not JSON ({e}): {input}"));
                    None
                }
            },
            Err(e) => {
                *self.errors.entry(export).or_default() += 1;
                if !CODES.contains(&e.code()) {
                    self.violations.push(format!(
                        "{export}: unexpected code {} ({e}) for {input}",
                        e.code()
                    ));
                }
                None
            }
        }
    }
}

fn run_one(case: &str, value: &Value, rng: &mut Rng, t: &mut Tally) {
    let opts = json!({ "now": "2024-06-01T00:00:00Z" }).to_string();
    match case {
        "evaluateCoupons" => {
            let order = text_of(&value["order"], rng);
            let coupons = text_of(&value["coupons"], rng);
            let r = evaluate_json(&order, &coupons, &opts, None);
            t.outcome("evaluateCoupons", &format!("{order} {coupons}"), r);
        }
        "quote" => {
            let input = text_of(value, rng);
            if let Some(q) = t.outcome(
                "quote",
                &input,
                quote_json(&input, "null", Some("2024-06-01T00:00:00Z")),
            ) {
                if let Err(e) = common::money_invariants(&q) {
                    t.violations.push(format!("quote: {e}: {input}"));
                }
            }
        }
        "selectDiscount" => {
            let rating = text_of(value, rng);
            t.outcome("selectDiscount", &rating, select_json(&rating, "null"));
        }
        "priceLine" => {
            let line = text_of(value, rng);
            t.outcome("priceLine", &line, price_line_json(&line));
        }
        _ => unreachable!(),
    }
}

/// The non-JSON entry points: amounts, registration forms, error bodies, Retry-After.
fn run_scalars(rng: &mut Rng, t: &mut Tally) {
    let text = match hostile(rng) {
        Value::String(s) => s,
        other => other.to_string(),
    };
    *t.calls.entry("Amount").or_default() += 1;
    if let Ok(a) = Amount::parse(&text) {
        let s = a.to_fixed(rng.index(40) as u32);
        if Amount::parse(&s).is_err() {
            t.violations
                .push(format!("to_fixed wrote {s}, which does not parse back"));
        }
    }
    *t.calls.entry("validateRegistration").or_default() += 1;
    let mut form = Form::new();
    let fields = [
        "account_name",
        "password",
        "email",
        "mobile",
        "customer_name",
        "xaccount_id",
        "xaccount_type",
        "indust_id",
        "verification_code",
        "cooperation_type",
        "unknown",
    ];
    for _ in 0..rng.index(6) {
        let value = match rng.index(4) {
            0 => FieldValue::Null,
            1 => FieldValue::Bool(rng.one_in(2)),
            2 => FieldValue::Number(text.clone()),
            _ => FieldValue::Text(text.clone()),
        };
        form.set(fields[rng.index(fields.len())], value);
    }
    let _ = validate_registration(&form, if rng.one_in(2) { Site::Cn } else { Site::Intl });
    *t.calls.entry("serverError").or_default() += 1;
    let secret = "SECRET-TOKEN-0123456789";
    let body = format!(
        r#"{{"error_code":"{text}","error_msg":"{} {secret}","issues":[{{"m":"{secret}"}}]}}"#,
        "x".repeat(rng.index(600))
    );
    let e = server_error_redacted(rng.index(600) as u16, &body, Some(&text), &[secret]);
    let shown = format!("{} {} {:?} {:?}", e.code, e.message, e.issues, e.request_id);
    if shown.contains("SECRET-TOKEN") {
        t.violations.push(format!("secret shown: {shown}"));
    }
    *t.calls.entry("retryAfter").or_default() += 1;
    let _ = retry_after_ms(&text, SdkDate::parse("20250101T080000Z").unwrap());
    let _ = parse_json(&text);
    let _ = Operation::from_name(&text);
}

/// Runs `f`, recording a panic as a violation (with the input) instead of stopping.
fn guarded(t: &mut Tally, export: &str, input: &Value, f: impl FnOnce(&mut Tally)) {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(t)));
    if outcome.is_err() {
        t.panics += 1;
        t.violations.push(format!("{export}: panic on {input}"));
    }
}

/// The seeds: every vector of the engine areas, each tagged with the export it feeds.
fn corpus() -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    for c in common::load_cases("coupons") {
        out.push((
            "evaluateCoupons",
            json!({ "order": c["order"], "coupons": c["coupons"] }),
        ));
    }
    for c in common::load_cases("quotes") {
        out.push(("quote", c["input"].clone()));
    }
    for c in common::load_cases("discounts") {
        out.push(("selectDiscount", c["rating"].clone()));
    }
    for c in common::load_cases("pricing") {
        out.push(("priceLine", c["line"].clone()));
    }
    out
}

#[test]
fn fuzz_the_public_api() {
    let seconds: u64 = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_1234_abcd_0001);
    let mut rng = Rng(seed);
    let mut t = Tally::default();
    // Regressions first, unmutated.
    for c in common::load_cases("fuzz_regressions") {
        let export = c["export"].as_str().expect("export");
        let export: &'static str = ["evaluateCoupons", "quote", "selectDiscount", "priceLine"]
            .into_iter()
            .find(|e| *e == export)
            .expect("a known export");
        let mut quiet = Rng(1 << 40); // no splicing: the input as recorded
        guarded(&mut t, export, &c["input"], |t| {
            run_one(export, &c["input"], &mut quiet, t)
        });
    }
    let seeds = corpus();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < deadline {
        let (export, seed_value) = &seeds[rng.index(seeds.len())];
        let mut v = seed_value.clone();
        for _ in 0..1 + rng.index(2) {
            v = mutate(&v, &mut rng, 0);
        }
        guarded(&mut t, export, &v, |t| {
            run_one(export, &v, &mut rng, t);
            run_scalars(&mut rng, t);
        });
    }
    eprintln!(
        "fuzz (seed {seed}, {seconds} s): calls per export {:?}; errors {:?}; panics {}; violations {}",
        t.calls,
        t.errors,
        t.panics,
        t.violations.len()
    );
    assert!(
        t.violations.is_empty(),
        "{} violations:\n{}",
        t.violations.len(),
        t.violations
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
