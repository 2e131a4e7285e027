//! Native signing throughput: `cargo bench --bench sign`. The request is the one
//! `bench/sign.mjs` (wasm in Node) and `tests/sign/official_signer.py throughput` (Huawei's
//! Python signer) sign.

use std::hint::black_box;
use std::time::Instant;

use bss_storefront::sign::{AccessKey, SdkDate, sign_url};

fn main() {
    let headers: Vec<(String, String)> = [
        ("Content-Type", "application/json"),
        ("X-Domain-Id", "0a1b2c3d4e5f60718293a4b5c6d7e8f9"),
        ("X-Sdk-Date", "20250101T080000Z"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let body = br#"{"account_name":"alice","offset":0,"limit":10}"#;
    let key = AccessKey::new(
        "HPUAXXXXXXXXXXXXXXXX",
        "bench-secret-key-0123456789abcdefghijklmn",
    );
    let date = SdkDate::from_unix(0).expect("epoch");
    let url = "https://bss.myhuaweicloud.com/v2/partners/sub-customers/query";
    let run = || sign_url("POST", black_box(url), &headers, body, &key, date).expect("signs");
    assert!(
        run().signed.authorization.ends_with(
            "Signature=923bc3595b36082cc8848c624c0aff767485ac3b539e2cb64ff3fe433b4cee0d"
        )
    );
    const N: u32 = 100_000;
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let start = Instant::now();
        for _ in 0..N {
            black_box(run());
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "sign_url (native): {:.0} requests/s ({:.2} µs each, best of 5 × {N})",
        f64::from(N) / best,
        best / f64::from(N) * 1e6
    );
}
