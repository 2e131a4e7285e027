//! The Rust loader of the shared test vectors in `tests/vectors/*.json` (the JS tests have
//! their twin in `tests/js/vectors.mjs`).

#![allow(dead_code)]

use bss_storefront::money::Amount;
use bss_storefront::registration::Issue;
use serde_json::Value;

/// The `cases` of `tests/vectors/<name>.json`.
pub fn load_cases(name: &str) -> Vec<Value> {
    let path = format!("{}/tests/vectors/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    match doc.get("cases") {
        Some(Value::Array(cases)) if !cases.is_empty() => cases.clone(),
        _ => panic!("{path}: no cases"),
    }
}

/// A case's string field.
pub fn str_field<'a>(case: &'a Value, key: &str) -> Option<&'a str> {
    case.get(key).and_then(Value::as_str)
}

/// Every issue explains itself in both languages, with every placeholder filled, and never
/// quotes a password.
pub fn check_messages(name: &str, issues: &[Issue], password: Option<&str>) {
    for issue in issues {
        assert!(
            !issue.message.is_empty() && !issue.message_zh.is_empty(),
            "{name}: empty message"
        );
        for text in [&issue.message, &issue.message_zh] {
            assert!(
                !text.contains('{') && !text.contains('}'),
                "{name}: unfilled placeholder in {text}"
            );
        }
        assert!(
            issue
                .message_zh
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{name}: message_zh is not Chinese: {}",
            issue.message_zh
        );
        if let Some(pw) = password.filter(|p| p.len() >= 4) {
            assert!(
                !issue.message.contains(pw) && !issue.message_zh.contains(pw),
                "{name}: password quoted"
            );
        }
    }
}

/// `official − discount − coupon − flexi − card − truncated = payable`, payable ≥ 0, each
/// column of `lines` sums to its total; exact decimals.
pub fn money_invariants(q: &Value) -> Result<(), String> {
    // The quote's money columns, in stacking order: official first, payable last.
    let cols = bss_storefront::quote::explain::COLUMNS;
    let a = |row: &Value, k: &str| {
        row[k]
            .as_str()
            .and_then(|s| Amount::parse(s).ok())
            .ok_or_else(|| format!("{k} is not an amount: {}", row[k]))
    };
    let overflow = |e: bss_storefront::AmountError| e.to_string();
    let mut rest = a(q, cols[0])?;
    for k in &cols[1..6] {
        rest = rest.checked_sub(a(q, k)?).map_err(overflow)?;
    }
    if rest != a(q, "payable")? {
        return Err(format!("columns do not add up to payable: {rest}"));
    }
    if a(q, "payable")?.is_negative() {
        return Err("negative payable".into());
    }
    for k in cols {
        let mut sum = Amount::ZERO;
        for l in q["lines"].as_array().into_iter().flatten() {
            sum = sum.checked_add(a(l, k)?).map_err(overflow)?;
        }
        if sum != a(q, k)? {
            return Err(format!("lines of {k} sum to {sum}"));
        }
    }
    Ok(())
}

/// xorshift64*: small, deterministic from its seed, no dependency (the fuzzer's and the
/// brute-force search test's generators).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// An index below `n` (0 when `n` is 0).
    pub fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// True one time in `n`.
    pub fn one_in(&mut self, n: u64) -> bool {
        self.below(n) == 0
    }

    /// True `percent` times in a hundred.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }
}
