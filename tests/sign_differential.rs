//! Differential test of the signer against Huawei's official Python signer.
//!
//! `tests/sign/official_signer.py differential` generates varied requests and signs each one
//! with `huaweicloudsdkcore`'s `Signer`; this test signs the same requests with `sign::sign` and
//! requires the identical `Authorization` header, the identical final header list and the
//! identical request URI for every one. `make sign-diff` (part of `make test`) creates the
//! virtualenv, writes the file and runs this test.

use bss_storefront::sign::{AccessKey, SdkDate, SignRequest, sign};
use serde_json::Value;

const DEFAULT_FILE: &str = "target/sign-differential.json";
const MIN_CASES: usize = 500;

fn decode_base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes().filter(|&c| c != b'=') {
        let v = ALPHABET.iter().position(|&a| a == c).expect("base64") as u32;
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

fn pairs(value: &Value) -> Vec<(String, String)> {
    value
        .as_array()
        .expect("pairs")
        .iter()
        .map(|p| {
            (
                p[0].as_str().expect("key").to_owned(),
                p[1].as_str().expect("value").to_owned(),
            )
        })
        .collect()
}

#[test]
#[ignore = "needs the official signer's output: run `make sign-diff`"]
fn rust_signer_matches_the_official_python_signer() {
    let file = std::env::var("SIGN_DIFFERENTIAL")
        .unwrap_or_else(|_| format!("{}/{DEFAULT_FILE}", env!("CARGO_MANIFEST_DIR")));
    let text = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{file}: {e} (run `make sign-diff`)"));
    let doc: Value = serde_json::from_str(&text).expect("JSON");
    let cases = doc["cases"].as_array().expect("cases");
    assert!(cases.len() >= MIN_CASES, "only {} cases", cases.len());

    let mut mismatches = Vec::new();
    for case in cases {
        let id = case["id"].as_str().unwrap_or("?");
        let query = pairs(&case["query"]);
        let headers = pairs(&case["headers"]);
        let body = decode_base64(case["body_base64"].as_str().expect("body"));
        let path = case["path"].as_str().expect("path");
        let req = SignRequest {
            method: case["method"].as_str().expect("method"),
            host: case["host"].as_str().expect("host"),
            path,
            query: &query,
            headers: &headers,
            body: &body,
        };
        let key = AccessKey::new(
            case["ak"].as_str().expect("ak"),
            case["sk"].as_str().expect("sk"),
        );
        let date = SdkDate::parse(case["fallback_date"].as_str().expect("date")).expect("date");
        let expected = &case["expected"];
        match sign(&req, &key, date) {
            Err(e) => mismatches.push(format!("{id}: error {e}")),
            Ok(signed) => {
                let uri = if signed.query.is_empty() {
                    path.to_owned()
                } else {
                    format!("{path}?{}", signed.query)
                };
                if signed.authorization != expected["authorization"].as_str().unwrap_or("") {
                    mismatches.push(format!(
                        "{id}: Authorization\n  rust: {}\n  sdk:  {}\n  canonical request: {:?}",
                        signed.authorization, expected["authorization"], signed.canonical_request
                    ));
                } else if signed.headers != pairs(&expected["headers"]) {
                    mismatches.push(format!(
                        "{id}: headers {:?} vs {}",
                        signed.headers, expected["headers"]
                    ));
                } else if uri != expected["uri"].as_str().unwrap_or("") {
                    mismatches.push(format!("{id}: uri {uri:?} vs {}", expected["uri"]));
                }
            }
        }
    }
    println!(
        "signer differential test: {} requests signed by {} compared, {} mismatches",
        cases.len(),
        doc["signer"].as_str().unwrap_or("?"),
        mismatches.len()
    );
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}
