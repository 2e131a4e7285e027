//! The error-code registry (`src/codes`) against the sources and the generated files:
//!
//! * no code is minted as a string literal outside the registry (Rust sources of the core and
//!   the binding), and every code the JS files mint is registered (with its HTTP status);
//! * `docs/errors.md`'s tables and `pkg/js/bss_error.d.ts`'s unions are what the registry
//!   generates (`UPDATE=1 cargo test --test codes` rewrites them);
//! * the JS guard's limits (`pkg/js/guard.js`) are the core's.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use bss_storefront::codes::{self, Area, Code, Retried, SETS, Set, catalog};

mod common;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source without what is not code that runs: the `#[cfg(test)]` module (last in every
/// file), comments, and raw strings (the binding's TypeScript declarations).
fn runtime_code(source: &str) -> String {
    let source = source.split("#[cfg(test)]").next().unwrap_or_default();
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(start) = rest.find("r#\"") {
        out.push_str(&rest[..start]);
        rest = rest[start + 3..]
            .split_once("\"#")
            .map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out.lines()
        .map(|l| l.split_once("//").map_or(l, |(code, _)| code))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `"text"` literals of a line of Rust.
fn literals(line: &str) -> Vec<&str> {
    line.split('"').skip(1).step_by(2).collect()
}

fn all_codes() -> BTreeSet<&'static str> {
    SETS.iter().flat_map(|s| s.codes).map(|c| c.code).collect()
}

/// Every snake_case code is minted through its registry constant: no `"invalid_amount"`
/// literal in the runtime code of `src/` (outside `src/codes/`) or `pkg/src/`.
#[test]
fn no_code_literal_outside_the_registry() {
    let codes: BTreeSet<&str> = all_codes()
        .into_iter()
        .filter(|c| c.contains('_'))
        .collect();
    // Literals that equal a code but name something else: policy fields named after the
    // code they govern, the server's `coupon_max_use_quantity` list, the `reason` param of
    // an `invalid_mobile` issue.
    let not_codes = [
        ("src/coupons/input.rs", "unknown_limit"),
        ("src/coupons/input.rs", "first_order_unknown"),
        ("src/coupons/input.rs", "cash_with_discount_coupon"),
        ("src/coupons/policy.rs", "unknown_limit"),
        ("src/coupons/policy.rs", "first_order_unknown"),
        ("src/coupons/policy.rs", "cash_with_discount_coupon"),
        ("src/orders/mod.rs", "coupon_max_use_quantity"),
        ("src/quote/input.rs", "coupon_max_use_quantity"),
        ("src/quote/wallet.rs", "coupon_max_use_quantity"),
        ("src/registration/kinds.rs", "too_long"),
        ("src/registration/kinds.rs", "invalid_character"),
        ("src/registration/kinds.rs", "invalid_type"),
    ];
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    rust_files(&root().join("pkg/src"), &mut files);
    let mut found = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if rel.starts_with("src/codes/") {
            continue;
        }
        let code = runtime_code(&fs::read_to_string(&file).unwrap());
        for (n, line) in code.lines().enumerate() {
            for lit in literals(line) {
                if codes.contains(lit) && !not_codes.contains(&(rel.as_str(), lit)) {
                    found.push(format!("{rel}:{}: \"{lit}\"", n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "codes minted as literals (use src/codes constants):\n{}",
        found.join("\n")
    );
    // The renamed code is gone from every source, docs and vector.
    for dir in [
        "src",
        "pkg/src",
        "pkg/js",
        "pkg/cli",
        "tests/vectors",
        "www",
    ] {
        let mut stack = vec![root().join(dir)];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            } else if !path.starts_with(root().join("src/codes")) {
                let text = fs::read(&path).unwrap();
                let text = String::from_utf8_lossy(&text);
                assert!(
                    !text.contains("\"invalid_options\"") && !text.contains("'invalid_options'"),
                    "{}",
                    path.display()
                );
            }
        }
    }
}

/// The HTTP status of a signing proxy's refusal `code`.
fn refusal_status(code: &str) -> Option<u16> {
    codes::refusal::SET
        .codes
        .iter()
        .find(|c| c.code == code)
        .and_then(|c| c.status)
}

/// The JS files mint codes too (`new BssError('too_large', …)`, the Node adapter's
/// `sendError(req, res, 408, 'request_timeout', …)`): each is registered, with its status.
#[test]
fn the_js_codes_are_registered() {
    let all = all_codes();
    let mut seen = 0;
    for file in [
        "pkg/js/guard.js",
        "pkg/js/node_adapter.js",
        "pkg/js/bss_error.js",
    ] {
        let text = read(file);
        for (at, _) in text.match_indices("new BssError('") {
            let code = text[at + 14..].split('\'').next().unwrap();
            assert!(all.contains(code), "{file}: {code} is not registered");
            seen += 1;
        }
        for (at, _) in text.match_indices("sendError(req, res, ") {
            let mut args = text[at + 20..].splitn(3, ", ");
            let Ok(status) = args.next().unwrap().parse::<u16>() else {
                continue; // the declaration
            };
            let code = args.next().unwrap();
            let Some(code) = code.strip_prefix('\'').and_then(|c| c.strip_suffix('\'')) else {
                continue; // a BssError's own code, passed on
            };
            assert_eq!(refusal_status(code), Some(status), "{file}: {code}");
            seen += 1;
        }
    }
    assert!(seen >= 6, "{seen}");
    // The CLI's request errors (exit code 2) are codes the client throws.
    let cli = read("pkg/cli/main.mjs");
    let set = cli
        .split("const REQUEST_ERRORS = new Set([")
        .nth(1)
        .and_then(|s| s.split("])").next())
        .expect("REQUEST_ERRORS");
    for code in set.split(',').map(|c| c.trim().trim_matches('\'')) {
        assert!(
            codes::error::SET.codes.iter().any(|c| c.code == code),
            "pkg/cli: {code}"
        );
    }
}

// ---- generated files ---------------------------------------------------------------------

const DOC_BEGIN: &str = "<!-- codes: generated from src/codes by tests/codes.rs (UPDATE=1 cargo test --test codes) -->\n";
const DOC_END: &str = "<!-- end of codes -->";
const TS_BEGIN: &str =
    "// codes: generated from src/codes by tests/codes.rs (UPDATE=1 cargo test --test codes)\n";
const TS_END: &str = "// end of codes";

/// Replaces what is between `begin` and `end` in `path` with `body`, or checks it is already
/// there (`UPDATE=1` writes).
fn generated(path: &str, begin: &str, end: &str, body: &str) {
    let text = read(path);
    let start = text
        .find(begin)
        .unwrap_or_else(|| panic!("{path}: no {begin:?}"))
        + begin.len();
    let stop = start
        + text[start..]
            .find(end)
            .unwrap_or_else(|| panic!("{path}: no {end:?}"));
    if text[start..stop] == *body {
        return;
    }
    if std::env::var_os("UPDATE").is_some() {
        fs::write(
            root().join(path),
            format!("{}{body}{}", &text[..start], &text[stop..]),
        )
        .unwrap();
        return;
    }
    panic!("{path} is stale: run `UPDATE=1 cargo test --test codes`");
}

fn cell(text: &str) -> String {
    text.trim().replace('|', "\\|")
}

fn table(set: &Set) -> String {
    let status = set.codes.iter().any(|c| c.status.is_some());
    let retried = set.codes.iter().any(|c| c.retried != Retried::No);
    let messages = set.union == "RejectionCode";
    let mut head = vec!["code", "area", "meaning"];
    if status {
        head.push("HTTP status");
    }
    if retried {
        head.push("retried");
    }
    if messages {
        head.extend(["message", "message_zh"]);
    }
    let mut out = format!("| {} |\n|{}\n", head.join(" | "), "---|".repeat(head.len()));
    for c in set.codes {
        let mut row = vec![
            format!("`{}`", c.code),
            c.area.as_str().to_owned(),
            cell(c.meaning),
        ];
        if status {
            row.push(c.status.map(|s| s.to_string()).unwrap_or_default());
        }
        if retried {
            row.push(
                match c.retried {
                    Retried::No => "no",
                    Retried::ReadOnly => "read-only operations",
                }
                .to_owned(),
            );
        }
        if messages {
            let (en, zh) = catalog::rejection(c.code).unwrap();
            row.extend([cell(en), cell(zh)]);
        }
        out.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    out
}

fn docs() -> String {
    let mut out = String::new();
    for set in SETS {
        out.push_str(&format!(
            "\n### `{}` ({})\n\n{}",
            set.union,
            set.field,
            table(&set)
        ));
    }
    out.push_str(
        "\n### Details of discount rejections\n\nWhat follows the message of a \
         `discount_not_applicable` or `discount_not_payable` rejection (`{0}`, `{1}`, …: its \
         values; `{0}` alone: the rating error's text, English only).\n\n| message | message_zh |\n|---|---|\n",
    );
    for (en, zh) in catalog::details::ALL {
        out.push_str(&format!("| {} | {} |\n", cell(en), cell(zh)));
    }
    out.push_str("\n### Changed codes\n\n| was | now | since |\n|---|---|---|\n");
    for (old, new, why) in codes::CHANGED {
        out.push_str(&format!("| `{old}` | `{new}` | {} |\n", cell(why)));
    }
    out.push('\n');
    out
}

/// The union of `sets`' codes in registry order, without repeats.
fn union<'a>(sets: impl IntoIterator<Item = &'a Set>) -> String {
    let mut seen = BTreeSet::new();
    let mut out = String::new();
    for c in sets.into_iter().flat_map(|s| s.codes.iter()) {
        if seen.insert(c.code) {
            out.push_str(&format!("\n  | \"{}\"", c.code));
        }
    }
    out
}

fn declarations() -> String {
    format!(
        "/** The codes the package itself throws (`docs/errors.md`), a signing proxy's refusals included. */\n\
         export type ErrorCode ={};\n\
         /** A signing proxy's own answers (`docs/errors.md`: their HTTP statuses). */\n\
         export type RefusalCode ={};\n\
         /** Codes passed on from BSS, its gateway or IAM: `CBC.99000038`, `APIGW.0301`, or the HTTP status (`\"502\"`). */\n\
         export type ServerErrorCode = `CBC.${{string}}` | `APIGW.${{string}}` | `APIG.${{string}}` | `${{number}}`;\n\
         /** The codes of a request's validation issues (`invalid_request`), registration codes included. */\n\
         export type RequestIssueCode ={};\n",
        union([&codes::error::SET, &codes::refusal::SET]),
        union([&codes::refusal::SET]),
        union([&codes::request::SET, &codes::registration::SET]),
    )
}

#[test]
fn docs_tables_are_generated_from_the_registry() {
    generated("docs/errors.md", DOC_BEGIN, DOC_END, &docs());
}

#[test]
fn bss_error_types_are_generated_from_the_registry() {
    generated("pkg/js/bss_error.d.ts", TS_BEGIN, TS_END, &declarations());
}

#[test]
fn every_area_has_codes_and_the_tables_name_them() {
    let areas: BTreeSet<Area> = SETS
        .iter()
        .flat_map(|s| s.codes)
        .map(|c: &Code| c.area)
        .collect();
    assert_eq!(areas.len(), 7);
    let doc = docs();
    for code in all_codes() {
        assert!(doc.contains(&format!("`{code}`")), "{code}");
    }
}

// ---- the JS guard's limits -------------------------------------------------------------

/// `const NAME = <integer expression of * and <<>;` of `pkg/js/guard.js`.
fn guard_limit(text: &str, name: &str) -> usize {
    let decl = format!("const {name} = ");
    let at = text
        .find(&decl)
        .unwrap_or_else(|| panic!("guard.js has no {name}"))
        + decl.len();
    let expr = text[at..].split(';').next().unwrap();
    expr.split('*')
        .map(|factor| {
            let mut parts = factor.split("<<").map(|p| p.trim().replace('_', ""));
            let base: usize = parts.next().unwrap().parse().unwrap();
            parts.fold(base, |v, s| v << s.parse::<u32>().unwrap())
        })
        .product()
}

#[test]
fn the_js_guard_limits_are_the_cores() {
    let guard = read("pkg/js/guard.js");
    let expected = [
        ("MAX_INPUT_BYTES", bss_storefront::limits::MAX_INPUT_BYTES),
        ("MAX_LINES", bss_storefront::coupons::MAX_LINES),
        ("MAX_COUPONS", bss_storefront::coupons::MAX_COUPONS),
        ("MAX_DISCOUNTS", bss_storefront::quote::input::MAX_DISCOUNTS),
        (
            "MAX_ELEMENTS",
            bss_storefront::discounts::option::MAX_ELEMENTS,
        ),
    ];
    for (name, core) in expected {
        assert_eq!(guard_limit(&guard, name), core, "{name}");
    }
    // Every limit the guard declares is one of them.
    let declared = guard.matches("\nconst MAX_").count();
    assert_eq!(declared, expected.len());
}

// ---- the area pages' code tables ------------------------------------------------------------

/// The text of the section under `heading` (a whole heading line) of `doc`, up to the next
/// heading of the same or a higher level.
fn section<'a>(doc: &'a str, heading: &str) -> &'a str {
    let level = heading.bytes().take_while(|&b| b == b'#').count();
    let start = doc
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("no {heading:?}"))
        + heading.len()
        + 2;
    let end = doc[start..]
        .lines()
        .scan(start, |at, line| {
            let here = *at;
            *at += line.len() + 1;
            Some((here, line))
        })
        .find(|(_, line)| {
            let hashes = line.bytes().take_while(|&b| b == b'#').count();
            hashes > 0 && hashes <= level && line.as_bytes().get(hashes) == Some(&b' ')
        })
        .map_or(doc.len(), |(at, _)| at);
    &doc[start..end]
}

/// The `snake_case` codes quoted in `text` (`` `invalid_order` ``), in order.
fn quoted_codes(text: &str) -> Vec<&str> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
        .collect()
}

/// The rows of the first table in `text`, as cells (header and rule skipped).
fn table_rows(text: &str) -> Vec<Vec<&str>> {
    text.lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| l.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect()
}

/// The codes of the first column of the first table in `text`.
fn first_column(text: &str) -> BTreeSet<&str> {
    table_rows(text)
        .iter()
        .flat_map(|row| quoted_codes(row[0]))
        .collect()
}

fn codes_of(set: &Set, areas: &[Area]) -> BTreeSet<&'static str> {
    set.codes
        .iter()
        .filter(|c| areas.is_empty() || areas.contains(&c.area))
        .map(|c| c.code)
        .collect()
}

/// `listed` names only codes of `set`, and every code of `set` in `areas` (all if empty).
fn agrees(page: &str, listed: &BTreeSet<&str>, set: &Set, areas: &[Area]) {
    let registered = codes_of(set, &[]);
    let unknown: Vec<_> = listed.difference(&registered).collect();
    assert!(
        unknown.is_empty(),
        "{page}: not a registered {} code: {unknown:?}",
        set.union
    );
    agrees_subset(page, listed, set, areas);
}

/// docs/registration.md: "Issue codes" is exactly the registration issue set; its "Errors"
/// table names `BssError` codes only, the registration area's included.
#[test]
fn registration_page_lists_the_registered_codes() {
    let doc = read("docs/registration.md");
    let issues = first_column(section(&doc, "## Issue codes"));
    agrees(
        "registration.md Issue codes",
        &issues,
        &codes::registration::SET,
        &[],
    );
    let errors = first_column(section(&doc, "## Errors"));
    agrees(
        "registration.md Errors",
        &errors,
        &codes::error::SET,
        &[Area::Registration],
    );
}

/// docs/pricing.md: "Coupon reason codes" is exactly the reason set, and its status column is
/// what the coupon vectors show (a verdict with that one reason; "(policy)" where the policy
/// decides); the quote's `rejected` table is exactly the rejection set; the "Errors" lines of
/// both name `BssError` codes, the coupons' and the quote's included.
#[test]
fn pricing_page_lists_the_registered_codes() {
    let doc = read("docs/pricing.md");
    let reasons = section(&doc, "### Coupon reason codes");
    agrees(
        "pricing.md Coupon reason codes",
        &first_column(reasons),
        &codes::reason::SET,
        &[],
    );

    // The statuses each code gives a verdict where it is the only reason.
    let mut seen: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
    for case in common::load_cases("coupons") {
        for verdict in case
            .get("expect")
            .and_then(|e| e.as_array())
            .into_iter()
            .flatten()
        {
            let reasons = verdict.get("reasons").and_then(|r| r.as_array());
            if let (Some([reason]), Some(status)) = (
                reasons.map(Vec::as_slice),
                common::str_field(verdict, "status"),
            ) {
                let code = common::str_field(reason, "code").unwrap().to_owned();
                seen.entry(code)
                    .or_default()
                    .insert(status.replace('_', " "));
            }
        }
    }
    for row in table_rows(reasons) {
        let status = row[1];
        for code in quoted_codes(row[0]) {
            let Some(observed) = seen.get(code) else {
                panic!("pricing.md: no coupon vector shows `{code}` alone");
            };
            let both = observed.len() > 1;
            assert_eq!(
                status.ends_with("(policy)"),
                both,
                "pricing.md `{code}`: {status:?}, vectors: {observed:?}"
            );
            if !both {
                assert_eq!(
                    Some(status),
                    observed.first().map(String::as_str),
                    "pricing.md `{code}`"
                );
            }
        }
    }

    let preview = section(&doc, "## Discounts and exact price preview");
    let rejected = &preview[preview.find("**`rejected`**").expect("rejected")..];
    agrees(
        "pricing.md rejected",
        &first_column(rejected),
        &codes::rejection::SET,
        &[],
    );

    let errors: BTreeSet<&str> = [reasons, preview]
        .iter()
        .flat_map(|s| s.lines().filter(|l| l.starts_with("Errors (")))
        .flat_map(|first| {
            // The paragraph that starts with "Errors (".
            let at = doc.find(first).unwrap();
            quoted_codes(doc[at..].split("\n\n").next().unwrap())
        })
        // Field names are quoted too: the codes are the words that are registered somewhere.
        .filter(|c| all_codes().contains(c))
        .collect();
    agrees(
        "pricing.md Errors",
        &errors,
        &codes::error::SET,
        &[Area::Coupons, Area::Quote],
    );
}

/// docs/client.md: the "Errors" table names only `BssError` codes and proxy refusals, every
/// client code and every refusal among them, each refusal with its registered HTTP status;
/// "signRequest" names every signer code.
#[test]
fn client_page_lists_the_registered_codes() {
    let doc = read("docs/client.md");
    let errors = section(&doc, "## Errors");
    let listed = first_column(errors);
    let known: BTreeSet<&str> = codes_of(&codes::error::SET, &[])
        .union(&codes_of(&codes::refusal::SET, &[]))
        .copied()
        .collect();
    let unknown: Vec<_> = listed.difference(&known).collect();
    assert!(
        unknown.is_empty(),
        "client.md Errors: not registered: {unknown:?}"
    );
    agrees_subset(
        "client.md Errors",
        &listed,
        &codes::error::SET,
        &[Area::Client],
    );
    agrees_subset("client.md Errors", &listed, &codes::refusal::SET, &[]);
    // "`operation_not_allowed` (403)": the refusal's status.
    let mut statuses = 0;
    for row in table_rows(errors) {
        for part in row[0].split("), ") {
            let code = quoted_codes(part);
            let status = part.split_once(" (").map(|(_, s)| s.trim_end_matches(')'));
            if let ([code], Some(status)) = (code.as_slice(), status) {
                let status: u16 = status
                    .split(',')
                    .next()
                    .unwrap()
                    .trim()
                    .parse()
                    .unwrap_or_else(|_| panic!("{part}"));
                assert_eq!(
                    refusal_status(code),
                    Some(status),
                    "client.md Errors: {part}"
                );
                statuses += 1;
            }
        }
    }
    assert!(statuses >= 4, "{statuses} statuses read");
    let signer = quoted_codes(section(&doc, "## signRequest"))
        .into_iter()
        .collect();
    agrees_subset(
        "client.md signRequest",
        &signer,
        &codes::error::SET,
        &[Area::Signer],
    );
}

/// Every code of `set` in `areas` is in `listed` (which may name other things too).
fn agrees_subset(page: &str, listed: &BTreeSet<&str>, set: &Set, areas: &[Area]) {
    let missing: Vec<_> = codes_of(set, areas)
        .into_iter()
        .filter(|c| !listed.contains(c))
        .collect();
    assert!(
        missing.is_empty(),
        "{page}: registered {} codes not listed: {missing:?}",
        set.union
    );
}

/// The `{0}`, `{1}`, … of a template.
fn placeholders(template: &str) -> BTreeSet<&str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|t| t.split_once('}').map(|(p, _)| p))
        .collect()
}

/// Every message of the catalog has a Chinese text (with Chinese in it) that carries the same
/// values as the English one.
#[test]
fn every_catalog_message_has_chinese() {
    let rejections = codes::rejection::SET.codes.iter().map(|c| {
        catalog::rejection(c.code).unwrap_or_else(|| panic!("{} has no messages", c.code))
    });
    let all: Vec<catalog::Texts> = rejections.chain(catalog::details::ALL).collect();
    assert_eq!(all.len(), codes::rejection::SET.codes.len() + 15);
    for (en, zh) in all {
        assert!(!en.trim().is_empty(), "an empty English message");
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{en}: no Chinese in {zh:?}"
        );
        // A value the English text shows is shown in Chinese too (the rating error's text
        // `{0}` is English: its Chinese names the field `{1}` instead).
        if en != "{0}" {
            assert_eq!(placeholders(en), placeholders(zh), "{en} / {zh}");
        }
    }
}

/// A rejected discount's detail reaches `message_zh` in Chinese, and the English message is
/// the one it was before the catalog held the details.
#[test]
fn a_discount_rejection_detail_is_in_the_zh_view() {
    use bss_storefront::quote::wallet::Wallet;
    let wallet = r#"{"now":"2024-06-01T00:00:00Z","discounts":[
        {"discount_id":"x","discount_type":3,"orders":[{"order_id":"CS1","order_line_items":[
            {"order_line_item_ids":["a","zz"],"discount_mode":0,"discount_ratio":"0.9"}]}]},
        {"discount_id":"y","discount_type":1,"discount_value":"0.9","orders":[{"order_id":"CS1",
            "order_line_items":[{"order_line_item_ids":["a"],"discount_mode":0,"discount_ratio":"0.9"}]}]},
        {"discount_id":"z","discount_type":3,"orders":[{"order_id":"CS1","order_line_items":[
            {"order_line_item_ids":["a"],"discount_mode":0,"discount_ratio":"1.5"}]}]}]}"#;
    let order = r#"{"order_type":"new","charging_mode":"period","period_type":2,"period_num":1,
        "lines":[{"id":"a","cloud_service_type":"hws.service.type.ec2","region":"cn-north-4","official_amount":"300.00"}]}"#;
    let wallet = Wallet::from_json(wallet, None).unwrap();
    // The catalog's allocation texts are the errors' own (a saving that cannot be spread).
    use bss_storefront::allocation::AllocationError;
    let negative = catalog::details::ALLOCATION_NEGATIVE.0;
    assert_eq!(AllocationError::Negative.to_string(), negative);
    let no_weight = catalog::details::ALLOCATION_NO_WEIGHT.0;
    assert_eq!(AllocationError::NoWeight.to_string(), no_weight);
    let cases = [
        (
            "x",
            "the discount does not fit this order: line \"zz\" is not in the order",
            "该折扣不适用于此订单：订单中没有订单项 \"zz\"",
        ),
        (
            "y",
            "PayOrders cannot pay with this discount: PayOrders takes discount types 0, 2, 3 and 609",
            "PayOrders 不能使用该折扣支付：PayOrders 仅支持折扣类型 0、2、3 和 609",
        ),
        (
            "z",
            "the discount does not fit this order: discount_ratio 1.5 is outside [0, 1]",
            "该折扣不适用于此订单：discount_ratio 1.5 不在 [0, 1] 范围内",
        ),
    ];
    for (id, en, zh) in cases {
        let rejected = |messages: &str| {
            let opts =
                format!(r#"{{"selection":{{"discount_id":"{id}"}},"messages":"{messages}"}}"#);
            let quote: serde_json::Value =
                serde_json::from_str(&wallet.quote_json(order, &opts).unwrap()).unwrap();
            quote["rejected"][0].clone()
        };
        let zh_view = rejected("zh");
        assert_eq!(zh_view["id"], id);
        assert_eq!(zh_view["message_zh"], zh, "{id}");
        assert!(zh_view.get("message").is_none(), "{zh_view}");
        let both = rejected("both");
        assert_eq!(
            (&both["message"], &both["message_zh"]),
            (&en.into(), &zh.into())
        );
    }
}
