//! The native runner of `make bench`: every scenario of `bench/scenarios/` through the Rust
//! core, the way a Rust service calls it (JSON text in, JSON text out).
//!
//!   cargo bench --bench scenarios -- --out FILE          time every scenario, write FILE
//!   cargo bench --bench scenarios -- --peak-rss c        run (c) alone, print the peak RSS
//!   cargo bench --bench scenarios -- --wallet FILE       time the wallet handle's compact calls
//!                                                        (wa: evaluate (a), wb: quote (b)), write FILE
//!   cargo bench --bench scenarios -- --calls b 6         6 untimed calls of (a), (b) or (c),
//!                                                        for instruction counts under callgrind
//!                                                        (wa, wb: through a wallet handle)
//!
//! Each figure is a distribution of the time per call: samples of enough calls to last
//! `SAMPLE` each, as many samples as fit in `BUDGET` (at least `MIN_SAMPLES`). The answers of
//! the first call are written next to the timings, so the Node runner can check that the
//! wasm build answers the same.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bss_storefront::registration::{Form, Site, validate_registrations};
use bss_storefront::sign::{AccessKey, SdkDate, sign_url};
use bss_storefront::{coupons, quote};
use serde_json::{Value, json};

const SAMPLE: Duration = Duration::from_millis(20);
const BUDGET: Duration = Duration::from_millis(1500);
const MIN_SAMPLES: usize = 11;
const MAX_SAMPLES: usize = 101;

/// Per-call times of the samples, in nanoseconds, sorted.
fn measure(mut f: impl FnMut()) -> Vec<f64> {
    f(); // warm-up
    let mut per_sample = 1u64;
    loop {
        let start = Instant::now();
        for _ in 0..per_sample {
            f();
        }
        let took = start.elapsed();
        if took >= SAMPLE || per_sample >= 1 << 24 {
            break;
        }
        // Aim straight at the sample length, at most ×10 per step.
        let factor = (SAMPLE.as_secs_f64() / took.as_secs_f64().max(1e-9)).clamp(2.0, 10.0);
        per_sample = (per_sample as f64 * factor).ceil() as u64;
    }
    let mut samples = Vec::new();
    let begin = Instant::now();
    while samples.len() < MAX_SAMPLES && (samples.len() < MIN_SAMPLES || begin.elapsed() < BUDGET) {
        let start = Instant::now();
        for _ in 0..per_sample {
            f();
        }
        samples.push(start.elapsed().as_nanos() as f64 / per_sample as f64);
    }
    samples.sort_by(f64::total_cmp);
    samples
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

fn stats(samples: &[f64], items: usize) -> Value {
    json!({
        "median_ns": percentile(samples, 0.5),
        "p10_ns": percentile(samples, 0.1),
        "p90_ns": percentile(samples, 0.9),
        "min_ns": samples[0],
        "max_ns": samples[samples.len() - 1],
        "samples": samples.len(),
        "items_per_call": items,
    })
}

fn scenario(dir: &Path, file: &str) -> Value {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run `node bench/scenarios/generate.mjs`)",
            path.display()
        )
    });
    serde_json::from_str(&text).expect("scenario JSON")
}

/// A wallet handle read from scenario (a) (`kind` "a": the coupons) or (b) (the rest of the
/// input), with the order's text and the call's options.
fn wallet_of(s: &Value, kind: &str) -> (quote::wallet::Wallet, String, String) {
    let (mut wallet, order) = match kind {
        "a" => (
            json!({ "coupons": s["coupons"], "now": s["opts"]["now"] }),
            s["order"].clone(),
        ),
        _ => (s["input"].clone(), s["input"]["order"].clone()),
    };
    let selection = wallet.as_object_mut().and_then(|w| {
        w.remove("order");
        w.remove("selection")
    });
    let w = quote::wallet::Wallet::from_json(&wallet.to_string(), None).expect("wallet");
    let call = json!({ "selection": selection }).to_string();
    (w, order.to_string(), call)
}

/// One compact call through the handle: evaluate ("a": `eligible_lines` as indexes into the
/// line ids that come with them) or quote (the rest, no ids), JSON text out.
fn wallet_call(
    w: &quote::wallet::Wallet,
    kind: &str,
    order: &str,
    call: &str,
) -> (String, Vec<String>) {
    match kind {
        "a" => w.evaluate_json(order, "null").expect("evaluate"),
        _ => (w.quote_json(order, call).expect("quote"), Vec::new()),
    }
}

/// (wa), (wb): the calls through the wallet handle, compact, timed like the scenarios: what
/// the engine itself costs per call, with no JS and no wasm in the way.
fn wallet_timings(dir: &Path) -> Value {
    let mut out = serde_json::Map::new();
    for (name, file, kind) in [
        ("wa", "a-coupons.json", "a"),
        ("wb", "b-quote-best.json", "b"),
    ] {
        let s = scenario(dir, file);
        let (w, order, call) = wallet_of(&s, kind);
        let (text, ids) = wallet_call(&w, kind, &order, &call);
        let mut answer: Value = serde_json::from_str(&text).expect("compact JSON");
        // The JS binding gives the line ids where the core writes indexes.
        for v in answer.as_array_mut().into_iter().flatten() {
            for line in v["eligible_lines"].as_array_mut().into_iter().flatten() {
                *line = json!(ids[line.as_u64().expect("a line index") as usize]);
            }
        }
        let samples = measure(|| {
            black_box(wallet_call(&w, kind, black_box(&order), &call));
        });
        eprintln!(
            "native ({name}, wallet handle): median {:.2} µs/call",
            percentile(&samples, 0.5) / 1000.0
        );
        out.insert(
            name.to_owned(),
            json!({ "timing": stats(&samples, 1), "answer": answer }),
        );
    }
    Value::Object(out)
}

/// (a): `evaluate_json`, the whole wallet against the cart.
fn coupons_a(dir: &Path) -> (Value, Value) {
    let s = scenario(dir, "a-coupons.json");
    let order = s["order"].to_string();
    let wallet = s["coupons"].to_string();
    let opts = s["opts"].to_string();
    let run = || coupons::evaluate_json(&order, &wallet, &opts, None).expect("evaluate");
    let mut answer: Value = serde_json::from_str(&run()).expect("verdicts");
    // The core writes `eligible_lines` as indexes into `order.lines`; the JS binding (and so
    // the Node runner's answer) gives the line ids.
    for v in answer.as_array_mut().into_iter().flatten() {
        for line in v["eligible_lines"].as_array_mut().into_iter().flatten() {
            let i = line.as_u64().expect("a line index") as usize;
            *line = s["order"]["lines"][i]["id"].clone();
        }
    }
    let samples = measure(|| {
        black_box(coupons::evaluate_json(
            black_box(&order),
            black_box(&wallet),
            black_box(&opts),
            None,
        ))
        .ok();
    });
    (stats(&samples, 1), answer)
}

/// (b), (c): `quote_json`.
fn quote_file(dir: &Path, file: &str) -> (Value, Value) {
    let s = scenario(dir, file);
    let input = s["input"].to_string();
    let answer: Value =
        serde_json::from_str(&quote::quote_json(&input, "null", None).expect("quote"))
            .expect("quote JSON");
    let samples = measure(|| {
        black_box(quote::quote_json(black_box(&input), "null", None)).ok();
    });
    (stats(&samples, 1), answer)
}

/// (d): the batch of forms, read from its JSON text.
fn registration_d(dir: &Path) -> (Value, Value) {
    let s = scenario(dir, "d-registration.json");
    let forms_text = s["forms"].to_string();
    let run = |text: &str| {
        let parsed: Value = serde_json::from_str(text).expect("forms");
        let forms: Vec<Form> = parsed
            .as_array()
            .expect("array")
            .iter()
            .map(|v| Form::from(v.as_object().expect("form object")))
            .collect();
        validate_registrations(&forms, Site::Cn)
    };
    let answer = serde_json::to_value(run(&forms_text)).expect("batch JSON");
    let samples = measure(|| {
        black_box(run(black_box(&forms_text)));
    });
    let n = s["forms"].as_array().map_or(0, Vec::len);
    (stats(&samples, n), answer)
}

/// A signing request of (e), ready for `sign_url`.
struct Request {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    key: AccessKey,
    date: SdkDate,
}

/// The URL of a scenario request: its query values are URL-safe by construction.
fn request_url(r: &Value) -> String {
    let mut url = format!(
        "https://{}{}",
        r["host"].as_str().expect("host"),
        r["path"].as_str().expect("path")
    );
    let query = r["query"].as_array().expect("query");
    for (i, pair) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(pair[0].as_str().expect("key"));
        url.push('=');
        url.push_str(pair[1].as_str().expect("value"));
    }
    url
}

/// (e): `sign_url` for each of the 10,000 requests.
fn signing_e(dir: &Path) -> (Value, Value) {
    let s = scenario(dir, "e-signing.json");
    let requests: Vec<Request> = s["requests"]
        .as_array()
        .expect("requests")
        .iter()
        .map(|r| {
            let headers: Vec<(String, String)> = r["headers"]
                .as_object()
                .expect("headers")
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().expect("header").to_owned()))
                .collect();
            let date = SdkDate::parse(r["headers"]["X-Sdk-Date"].as_str().expect("date"))
                .expect("X-Sdk-Date");
            Request {
                method: r["method"].as_str().expect("method").to_owned(),
                url: request_url(r),
                headers,
                body: r["body"].as_str().expect("body").as_bytes().to_vec(),
                key: AccessKey::new(r["ak"].as_str().expect("ak"), r["sk"].as_str().expect("sk")),
                date,
            }
        })
        .collect();
    let sign_all = || {
        requests
            .iter()
            .map(|r| {
                sign_url(&r.method, &r.url, &r.headers, &r.body, &r.key, r.date).expect("sign")
            })
            .collect::<Vec<_>>()
    };
    let answer = Value::Array(
        sign_all()
            .iter()
            .map(|s| {
                Value::String(
                    s.signed
                        .header("Authorization")
                        .unwrap_or_default()
                        .to_owned(),
                )
            })
            .collect(),
    );
    let samples = measure(|| {
        for r in &requests {
            black_box(sign_url(
                black_box(&r.method),
                &r.url,
                &r.headers,
                &r.body,
                &r.key,
                r.date,
            ))
            .ok();
        }
    });
    (stats(&samples, requests.len()), answer)
}

/// The peak resident set of this process (`VmHWM`), in KiB.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bench/scenarios");
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };

    if let Some(which) = arg("--calls") {
        // For instruction counts (valgrind --tool=callgrind): N untimed calls of (a), (b) or (c).
        let n: usize = args
            .iter()
            .position(|a| a == "--calls")
            .and_then(|i| args.get(i + 2))
            .and_then(|n| n.parse().ok())
            .unwrap_or(1);
        let file = match which.as_str() {
            "a" | "wa" => "a-coupons.json",
            "b" | "wb" => "b-quote-best.json",
            _ => "c-large-wallet.json",
        };
        let s = scenario(&dir, file);
        if let Some(kind) = which.strip_prefix('w') {
            let (w, order, call) = wallet_of(&s, kind);
            for _ in 0..n {
                black_box(wallet_call(&w, kind, &order, &call));
            }
        } else if which == "a" {
            let (order, wallet, opts) = (
                s["order"].to_string(),
                s["coupons"].to_string(),
                s["opts"].to_string(),
            );
            for _ in 0..n {
                black_box(coupons::evaluate_json(&order, &wallet, &opts, None)).expect("evaluate");
            }
        } else {
            let input = s["input"].to_string();
            for _ in 0..n {
                black_box(quote::quote_json(&input, "null", None)).expect("quote");
            }
        }
        return;
    }

    if let Some(which) = arg("--peak-rss") {
        assert_eq!(which, "c", "only scenario c is measured for its peak RSS");
        let before = peak_rss_kib();
        let s = scenario(&dir, "c-large-wallet.json");
        let input = s["input"].to_string();
        drop(s);
        for _ in 0..20 {
            black_box(quote::quote_json(black_box(&input), "null", None)).expect("quote");
        }
        println!(
            "{}",
            json!({ "baseline_kib": before, "peak_kib": peak_rss_kib(), "calls": 20 })
        );
        return;
    }

    if let Some(file) = arg("--wallet") {
        let out = wallet_timings(&dir);
        std::fs::write(&file, out.to_string()).expect("write results");
        return;
    }

    let only = arg("--only");
    let wanted = |name: &str| only.as_deref().is_none_or(|o| o.contains(name));
    let mut results = serde_json::Map::new();
    let mut answers = serde_json::Map::new();
    type Runner = fn(&Path) -> (Value, Value);
    let runners: [(&str, Runner); 5] = [
        ("a", coupons_a),
        ("b", |d| quote_file(d, "b-quote-best.json")),
        ("c", |d| quote_file(d, "c-large-wallet.json")),
        ("d", registration_d),
        ("e", signing_e),
    ];
    for (name, run) in runners {
        if !wanted(name) {
            continue;
        }
        let (timing, answer) = run(&dir);
        eprintln!(
            "native ({name}): median {:.2} µs/call",
            timing["median_ns"].as_f64().unwrap_or(0.0) / 1000.0
        );
        results.insert(name.to_owned(), timing);
        answers.insert(name.to_owned(), answer);
    }
    let out = json!({ "timings": results, "answers": answers });
    match arg("--out") {
        Some(file) => std::fs::write(&file, out.to_string()).expect("write results"),
        None => println!(
            "{}",
            serde_json::to_string_pretty(&out["timings"]).unwrap_or_default()
        ),
    }
}
