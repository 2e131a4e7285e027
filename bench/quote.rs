//! `quote` with `selection: "best"` on 20 lines × 30 coupons (bench/scenarios/quote-best-20x30.json),
//! and the search's worst case: how many interchangeable-looking coupons it takes before one
//! quote exceeds 10 ms.
//!
//! Run: `cargo bench --bench quote`. Timed with `std::time::Instant`; results are printed,
//! never asserted.

use std::hint::black_box;
use std::time::{Duration, Instant};

use bss_storefront::quote::{QuoteInput, QuoteOptions, quote, quote_json};

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1e6
}

fn time<F: FnMut()>(label: &str, iterations: usize, mut f: F) {
    for _ in 0..iterations / 10 {
        f();
    }
    let mut samples = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let t = Instant::now();
        f();
        samples.push(t.elapsed());
    }
    samples.sort();
    println!(
        "{label:<52} p50 {:>8.1} µs   p90 {:>8.1} µs   min {:>8.1} µs   ({iterations} runs)",
        percentile(&samples, 0.5),
        percentile(&samples, 0.9),
        percentile(&samples, 0.0),
    );
}

fn scenario() -> (String, String) {
    let path = format!(
        "{}/bench/scenarios/quote-best-20x30.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("scenario file");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("scenario JSON");
    (doc["input"].to_string(), path)
}

/// `n` flexi-purchase coupons of the same face value with distinct expiry times on a large
/// order: every 3-coupon combination pays the same, so the bound cannot cut ties and the
/// tie-breaks (expiry, ids) decide: the search's worst case.
fn worst_case(n: usize) -> String {
    let coupons: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"coupon_id":"F{i:04}","coupon_type":4,"status":2,"face_value":"100.00","expire_time":"2025-01-01T{:02}:{:02}:00Z"}}"#,
                (i / 60) % 24,
                i % 60
            )
        })
        .collect();
    format!(
        r#"{{"now":"2024-11-21T00:00:00Z","order":{{"order_type":"new","charging_mode":"period","lines":[
            {{"id":"a","cloud_service_type":"hws.service.type.ec2","region":"cn-north-4","official_amount":"100000.00"}}]}},
            "coupons":[{}],"selection":"best"}}"#,
        coupons.join(",")
    )
}

fn main() {
    let (input, path) = scenario();
    println!("scenario: {path}");
    let parsed = QuoteInput::from_json(&input, None).expect("input");
    let opts = QuoteOptions::default();
    let q = quote(&parsed, &opts).expect("quote");
    let search = q.search.expect("search stats");
    println!(
        "best: discount {:?}, coupons {:?}, payable {}; {} search nodes, exact {}",
        q.discount.as_ref().map(|d| d.discount_id.as_str()),
        q.coupons
            .iter()
            .map(|c| c.coupon_id.as_str())
            .collect::<Vec<_>>(),
        q.payable,
        search.nodes,
        search.exact
    );
    time(
        "quote_json (text in, text out), 20 lines × 30 coupons",
        2000,
        || {
            black_box(quote_json(black_box(&input), "null", None).expect("quote"));
        },
    );
    time("quote (parsed input), 20 lines × 30 coupons", 2000, || {
        black_box(quote(black_box(&parsed), &opts).expect("quote"));
    });
    time("QuoteInput::from_json only", 2000, || {
        black_box(QuoteInput::from_json(black_box(&input), None).expect("input"));
    });

    if std::env::var_os("QUOTE_BENCH_SCENARIO_ONLY").is_some() {
        return;
    }
    println!("\nworst case: n same-value flexi coupons, distinct expiry (one line, no discount)");
    for n in [10, 20, 30, 40, 50, 60, 70, 80, 85, 90, 95, 100] {
        let text = worst_case(n);
        let parsed = QuoteInput::from_json(&text, None).expect("input");
        let q = quote(&parsed, &opts).expect("quote");
        let runs = if n <= 40 { 50 } else { 9 };
        let mut samples: Vec<Duration> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                black_box(quote(black_box(&parsed), &opts).expect("quote"));
                t.elapsed()
            })
            .collect();
        samples.sort();
        let search = q.search.expect("stats");
        println!(
            "  n = {n:>3}: p50 {:>9.3} ms, min {:>9.3} ms, {:>7} nodes, exact {}",
            percentile(&samples, 0.5) / 1000.0,
            percentile(&samples, 0.0) / 1000.0,
            search.nodes,
            search.exact
        );
    }
}
