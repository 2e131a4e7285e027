//! `evaluate_coupons`: 30 coupons × 20 lines (bench/scenarios/coupons-30x20.json).
//!
//! Run with `cargo bench --bench coupons`. Prints the median and the 10th/90th percentiles of
//! batches, per call: the core on parsed input, and text in → text out (what the wasm binding
//! runs, without the JS boundary).

use std::hint::black_box;
use std::time::Instant;

use bss_storefront::coupons::{self, evaluate_coupons, evaluate_json};
use bss_storefront::json::write::WriteJson;

const SCENARIO: &str = include_str!("scenarios/coupons-30x20.json");

/// Per-call times in µs of `batches` batches of `per_batch` calls, sorted.
fn measure(batches: usize, per_batch: usize, mut f: impl FnMut()) -> Vec<f64> {
    for _ in 0..per_batch * 10 {
        f();
    }
    let mut times: Vec<f64> = (0..batches)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..per_batch {
                f();
            }
            start.elapsed().as_secs_f64() * 1e6 / per_batch as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times
}

fn report(name: &str, times: &[f64]) {
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    println!(
        "{name:<44} p50 {:>8.2} µs   p10 {:>8.2}   p90 {:>8.2}",
        at(0.5),
        at(0.1),
        at(0.9)
    );
}

fn main() {
    let doc: serde_json::Value = serde_json::from_str(SCENARIO).expect("scenario");
    let order_text = doc["order"].to_string();
    let coupons_text = doc["coupons"].to_string();
    let opts_text = doc["opts"].to_string();
    let order = coupons::parse_order(&order_text).expect("order");
    let list = coupons::parse_coupons(&coupons_text).expect("coupons");
    let opts = coupons::parse_options(&opts_text, None).expect("opts");
    assert_eq!((list.len(), order.lines.len()), (30, 20));

    let verdicts = evaluate_coupons(&order, &list, &opts).expect("verdicts");
    let count = |s: coupons::Status| verdicts.iter().filter(|v| v.status == s).count();
    println!(
        "scenario: 30 coupons × 20 lines → {} applicable, {} not applicable, {} indeterminate",
        count(coupons::Status::Applicable),
        count(coupons::Status::NotApplicable),
        count(coupons::Status::Indeterminate)
    );

    // `--calls=N`: just N calls of the core, for instruction counts (valgrind, perf).
    if let Some(n) =
        std::env::args().find_map(|a| a.strip_prefix("--calls=")?.parse::<usize>().ok())
    {
        let text = std::env::args().any(|a| a == "--text");
        for _ in 0..n {
            if text {
                black_box(
                    evaluate_json(black_box(&order_text), &coupons_text, &opts_text, None).ok(),
                );
            } else {
                black_box(evaluate_coupons(black_box(&order), black_box(&list), &opts).ok());
            }
        }
        return;
    }
    let text_only = std::env::args().any(|a| a == "--text-only");
    let core = measure(if text_only { 1 } else { 200 }, 200, || {
        black_box(evaluate_coupons(black_box(&order), black_box(&list), &opts).ok());
    });
    report("evaluate_coupons (parsed input)", &core);
    if std::env::args().any(|a| a == "--core-only") {
        return;
    }
    let text = measure(100, 100, || {
        black_box(
            evaluate_json(
                black_box(&order_text),
                black_box(&coupons_text),
                &opts_text,
                None,
            )
            .ok(),
        );
    });
    report("evaluate_json (text in, text out)", &text);
    let read = measure(100, 100, || {
        black_box(coupons::parse_order(black_box(&order_text)).ok());
        black_box(coupons::parse_coupons(black_box(&coupons_text)).ok());
    });
    report("  of which reading order and coupons", &read);
    let tree = measure(100, 100, || {
        black_box(bss_storefront::json::tree::parse_node(black_box(&coupons_text)).ok());
    });
    report("  json::tree::parse_node(coupons)", &tree);
    let tree2 = measure(100, 100, || {
        black_box(serde_json::from_str::<serde_json::Value>(black_box(&coupons_text)).ok());
    });
    report("  serde_json Value (coupons)", &tree2);
    let write = measure(100, 100, || {
        black_box(black_box(&verdicts).to_json());
    });
    report("  of which writing the verdicts", &write);
    println!("verdicts JSON: {} bytes", verdicts.to_json().len());
}
