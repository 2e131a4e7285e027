//! Native micro-benchmarks of the registration rules: `cargo bench --bench registration`.
//!
//! Each figure is the median of 31 samples of the time per call (each sample runs the call
//! enough times to last ~10 ms), with the fastest sample beside it. The budget for
//! `validate_registration` on a typical form is 5 µs.

use std::hint::black_box;
use std::time::{Duration, Instant};

use bss_storefront::registration::{
    FieldValue, Form, Site, normalize_mobile, validate_field, validate_registration,
};

fn text(s: &str) -> FieldValue {
    FieldValue::Text(s.to_owned())
}

/// Median and minimum time per call of `f`.
fn measure(mut f: impl FnMut()) -> (Duration, Duration) {
    // Calibrate: how many calls make a ~10 ms sample.
    let mut per_sample = 1u32;
    loop {
        let start = Instant::now();
        for _ in 0..per_sample {
            f();
        }
        if start.elapsed() >= Duration::from_millis(10) || per_sample >= 1 << 24 {
            break;
        }
        per_sample *= 2;
    }
    let mut samples: Vec<Duration> = (0..31)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..per_sample {
                f();
            }
            start.elapsed() / per_sample
        })
        .collect();
    samples.sort();
    (samples[samples.len() / 2], samples[0])
}

fn report(name: &str, f: impl FnMut()) {
    let (median, min) = measure(f);
    println!("{name:<58} median {median:>9.2?}   min {min:>9.2?}");
}

fn main() {
    // A typical China-site sign-up: the mobile as people type it, every field filled in.
    let typical = Form::new()
        .with("xaccount_id", text("partner-user-000123"))
        .with("xaccount_type", text("ACME_IDP"))
        .with("domain_name", text("alice-2024"))
        .with("mobile_phone", text("138 0000 0000"))
        .with("verification_code", text("123456"))
        .with("password", text("Secret#2024"))
        .with("is_close_market_ms", FieldValue::Bool(true));
    assert!(validate_registration(&typical, Site::Cn).valid);

    // The same form with six issues (messages rendered in two languages).
    let invalid = typical
        .clone()
        .with("domain_name", text("_op"))
        .with("mobile_phone", text("12800000000"))
        .with("verification_code", text(""))
        .with("password", text("abc"));
    assert_eq!(validate_registration(&invalid, Site::Cn).issues.len(), 6);

    let international = Form::new()
        .with("xaccount_id", text("partner-user-000123"))
        .with("xaccount_type", text("ACME_IDP"))
        .with("domain_name", text("bob-2024"))
        .with("email", text("bob@example.com"))
        .with("domain_area", text("MX"))
        .with("verification_code", text("123456"))
        .with("password", text("Secret#2024"));
    assert!(validate_registration(&international, Site::Intl).valid);

    let keystroke = text("Secret#202");
    let huge = text(&"aB1".repeat(350_000));

    report("validate_registration, typical China form (valid)", || {
        black_box(validate_registration(black_box(&typical), Site::Cn));
    });
    report(
        "validate_registration, typical international form (valid)",
        || {
            black_box(validate_registration(black_box(&international), Site::Intl));
        },
    );
    report("validate_registration, form with 6 issues", || {
        black_box(validate_registration(black_box(&invalid), Site::Cn));
    });
    report("validate_field password, per keystroke", || {
        black_box(validate_field("password", Some(black_box(&keystroke)), &typical, Site::Cn).ok());
    });
    report("normalize_mobile \"+86-138-0000-0000\"", || {
        black_box(normalize_mobile(black_box("+86-138-0000-0000")).ok());
    });
    report("validate_field password, 1 MB value", || {
        black_box(validate_field("password", Some(black_box(&huge)), &typical, Site::Cn).ok());
    });
}
