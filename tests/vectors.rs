//! The shared vectors (`tests/vectors/*.json`) against the core: one trial per case, named
//! `<file>::<case name>`, so that a case can be run and reported by name
//! (`cargo test --test vectors -- coupons::`, `… -- --exact 'amounts::zero'`), plus one
//! `<file>::(coverage)` trial per file for what only the whole file shows (case counts,
//! every operation or field covered). The JS tests run the same files (tests/js/vectors.mjs).
//!
//! A `harness = false` target on `libtest-mimic`: the built-in harness cannot register tests
//! at run time.

mod common;

#[path = "cases/amounts.rs"]
mod amounts;
#[path = "cases/api_requests.rs"]
mod api_requests;
#[path = "cases/coupons.rs"]
mod coupons;
#[path = "cases/fuzz_regressions.rs"]
mod fuzz_regressions;
#[path = "cases/orders.rs"]
mod orders;
#[path = "cases/quote.rs"]
mod quote;
#[path = "cases/registration.rs"]
mod registration;

use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::Value;

/// How one vector file is run: each case alone, then the file as a whole.
struct Suite {
    file: &'static str,
    case: fn(&Value),
    coverage: fn(&[Value]),
}

const SUITES: &[Suite] = &[
    Suite {
        file: "amounts",
        case: amounts::case,
        coverage: amounts::coverage,
    },
    Suite {
        file: "api_requests",
        case: api_requests::case,
        coverage: api_requests::coverage,
    },
    Suite {
        file: "coupons",
        case: coupons::case,
        coverage: coupons::coverage,
    },
    Suite {
        file: "discounts",
        case: quote::discount_case,
        coverage: |_| {},
    },
    Suite {
        file: "fuzz_regressions",
        case: fuzz_regressions::case,
        coverage: |_| {},
    },
    Suite {
        file: "orders",
        case: orders::case,
        coverage: orders::coverage,
    },
    Suite {
        file: "pricing",
        case: quote::pricing_case,
        coverage: |_| {},
    },
    Suite {
        file: "quotes",
        case: quote::quote_case,
        coverage: quote::coverage,
    },
    Suite {
        file: "registration",
        case: registration::case,
        coverage: registration::coverage,
    },
];

fn main() {
    let args = Arguments::from_args();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            Some(name.strip_suffix(".json")?.to_owned())
        })
        .collect();
    files.sort();
    let mut trials = Vec::new();
    for file in files {
        let Some(suite) = SUITES.iter().find(|s| s.file == file) else {
            // A new vector file must get a runner here, or its cases would go unchecked.
            trials.push(Trial::test(format!("{file}::(runner)"), move || {
                Err(Failed::from(format!(
                    "no runner for tests/vectors/{file}.json"
                )))
            }));
            continue;
        };
        let cases = common::load_cases(&file);
        for case in &cases {
            let name = common::str_field(case, "name")
                .unwrap_or_else(|| panic!("{file}: a case without a name"));
            let (check, case) = (suite.case, case.clone());
            trials.push(Trial::test(format!("{file}::{name}"), move || {
                check(&case);
                Ok(())
            }));
        }
        let coverage = suite.coverage;
        trials.push(Trial::test(format!("{file}::(coverage)"), move || {
            coverage(&cases);
            Ok(())
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}
