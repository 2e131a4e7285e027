//! Coupon applicability: which coupons of a customer's wallet can be used on an order, and
//! every reason why not.
//!
//! # API
//!
//! * [`evaluate_coupons`]`(&Order, &[Coupon], &EvalOptions) -> Result<Vec<Verdict>, CouponError>`
//!   — one [`Verdict`] per coupon, in input order. Pure: `now` and the [`Policy`] are inputs.
//! * [`evaluate_coupon`] — the same for one coupon (the order must pass [`validate_order`]);
//!   [`evaluate::evaluate_with_facts`] with [`evaluate::OrderFacts`] computed once when many
//!   coupons meet the same order.
//! * [`evaluate_json`] — text in, text out: what the JS binding `evaluateCoupons` calls.
//! * [`parse_order`], [`parse_coupons`], [`parse_options`] — the text readers it uses, over
//!   [`json::tree`](crate::json::tree) (a small borrowed JSON tree; [`JsonNode`] lets the same readers
//!   take a `serde_json::Value`, e.g. [`Coupon::from_value`] and [`input::order_from_value`]).
//!
//! # Types
//!
//! * [`Order`] / [`Line`] / [`OrderDiscount`] ([`order`]) — the cart, engine input.
//! * [`Coupon`] ([`model`]) — a coupon as BSS sends it, read leniently: a malformed coupon
//!   gets an `indeterminate` verdict (`malformed_coupon`), it does not fail the call.
//! * [`Verdict`], [`Reason`], [`CouponParams`] ([`verdict`]) — the answer. `CouponParams`
//!   carries the typed values the quote needs (exclusivity flags, `minConsumeDiscount`,
//!   `maxDeductionRatio`, `usageTimes`, `coupon_group`); [`discount_conflicts`] checks a coupon
//!   against any discount the quote considers.
//! * [`Policy`] ([`policy`]) — the DESIGN.md choices for undocumented questions.
//!
//! # Rules
//!
//! [`state`] checks status, `is_frozen`, the validity window `effective ≤ now < expire`,
//! balance (new-version coupons) and locks; [`limits`] has one evaluator per `limit_key`.
//! Line-selecting limits decide `eligible_lines`; `baseValue` compares their payable sum;
//! `subscribeType` and `cycleNum` apply to the order; discount flags are checked against
//! `order.discount` when present. `max_deduction` is the coupon's balance or face value capped
//! by the eligible amount and `maxDeductionRatio`, floored to the cent.
//!
//! # Limits
//!
//! At most [`MAX_LINES`] lines and [`MAX_COUPONS`] coupons per call (`too_large`); a coupon
//! with more than [`model::MAX_USE_LIMITS`] rows or a limit with more than
//! [`limits::MAX_LIMIT_VALUES`] values is malformed; line amounts are at most
//! [`MAX_LINE_AMOUNT`].

pub mod evaluate;
pub mod input;
pub mod limits;
mod message;
pub mod model;
pub mod order;
pub mod policy;
pub mod state;
pub mod timestamp;
pub mod verdict;

use crate::json::tree::{self, JsonNode};

/// Sorts strings (unstably: equal strings are the same text). Hand-written for size: the
/// standard library's `sort_unstable` for `&str` was 4,147 B of wasm before wasm-opt.
/// Insertion for short lists (a cart's line ids), heapsort above.
pub(crate) fn sort_strs(v: &mut [&str]) {
    crate::allocation::sort(v);
}

/// Sorts `v` and drops repeats (as `sort_strs` then `dedup`; by hand, without the standard
/// library's generic `dedup_by`).
pub(crate) fn sort_distinct(v: &mut Vec<&str>) {
    sort_strs(v);
    let mut kept = 0;
    for i in 0..v.len() {
        let Some(&s) = v.get(i) else { break };
        if kept == 0 || v.get(kept - 1) != Some(&s) {
            if let Some(slot) = v.get_mut(kept) {
                *slot = s;
            }
            kept += 1;
        }
    }
    v.truncate(kept);
}

pub use evaluate::evaluate_coupon;
pub use limits::discount::discount_conflicts;
pub use model::{Coupon, CouponKind, MAX_COUPONS, UseLimit};
pub use order::{
    ChargingMode, DiscountKind, DiscountLine, Line, MAX_LINES, Order, OrderDiscount, OrderType,
    PeriodType,
};
pub use policy::Policy;
pub use timestamp::Timestamp;
pub use verdict::{CouponParams, LineIndexes, Reason, ReasonCode, Status, Verdict};

use crate::codes::error as code;
use crate::error::ErrorCode;
use crate::money::{Amount, AmountError};

/// The largest line amount accepted (10^12 元): sums over [`MAX_LINES`] lines stay exact.
pub const MAX_LINE_AMOUNT: i64 = 1_000_000_000_000;

/// Errors of coupon evaluation. A malformed *coupon* is not an error (it gets a verdict).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CouponError {
    /// The order is malformed (`invalid_order`); `path` names the field.
    #[error("invalid order: {}{message}", PathPrefix(path))]
    InvalidOrder {
        /// The field path (`lines[3].official_amount`).
        path: String,
        /// What is wrong.
        message: String,
    },
    /// More lines or coupons than allowed (`too_large`).
    #[error("too many {what}: {count} (at most {max})")]
    TooLarge {
        /// `lines` or `coupons`.
        what: &'static str,
        /// How many were given.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// The coupons argument is not a JSON array (`invalid_input`).
    #[error("invalid coupons: {message}")]
    InvalidCoupons {
        /// What is wrong.
        message: String,
    },
    /// The options are malformed (`invalid_option`); `path` names the field.
    #[error("invalid options: {}{message}", PathPrefix(path))]
    InvalidOptions {
        /// The field path (`now`, `policy.base_value_lower`).
        path: String,
        /// What is wrong.
        message: String,
    },
    /// An amount computation overflowed (not reachable within the documented limits).
    #[error(transparent)]
    Amount(#[from] AmountError),
    /// The verdicts could not be written as JSON (a bug, never expected).
    #[error("internal error: {0}")]
    Internal(String),
    /// An argument longer than [`crate::limits::MAX_INPUT_BYTES`] (`too_large`).
    #[error(transparent)]
    InputTooLarge(#[from] crate::limits::TooLarge),
}

/// `path: ` before a message, nothing for an empty path (written, not formatted into a
/// `String` first).
struct PathPrefix<'a>(&'a str);

impl std::fmt::Display for PathPrefix<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.is_empty() {
            return Ok(());
        }
        f.write_str(self.0)?;
        f.write_str(": ")
    }
}

impl ErrorCode for CouponError {
    fn code(&self) -> &'static str {
        match self {
            CouponError::InvalidOrder { .. } => code::INVALID_ORDER,
            CouponError::TooLarge { .. } => code::TOO_LARGE,
            CouponError::InvalidCoupons { .. } => code::INVALID_INPUT,
            CouponError::InvalidOptions { .. } => code::INVALID_OPTION,
            CouponError::Amount(e) => e.code(),
            CouponError::Internal(_) => code::INTERNAL,
            CouponError::InputTooLarge(_) => code::TOO_LARGE,
        }
    }

    fn field(&self) -> Option<&str> {
        match self {
            CouponError::InvalidOrder { path, .. } | CouponError::InvalidOptions { path, .. } => {
                (!path.is_empty()).then_some(path.as_str())
            }
            CouponError::TooLarge { what, .. } => Some(what),
            CouponError::InvalidCoupons { .. } => Some("coupons"),
            CouponError::Amount(_) | CouponError::Internal(_) => None,
            CouponError::InputTooLarge(e) => Some(e.what),
        }
    }
}

/// The inputs besides order and coupons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalOptions {
    /// The instant validity windows are checked at.
    pub now: Timestamp,
    /// The policy for undocumented questions.
    pub policy: Policy,
}

impl EvalOptions {
    /// Options at `now` with the default policy.
    pub fn at(now: Timestamp) -> EvalOptions {
        EvalOptions {
            now,
            policy: Policy::default(),
        }
    }
}

/// An `invalid_order` error at `{list}[{i}].{field}`: one cold body for every error of
/// [`validate_order`] (each `format!` pair there was code of its own).
#[cold]
#[inline(never)]
fn line_error(list: &str, i: usize, field: &str, message: std::fmt::Arguments<'_>) -> CouponError {
    CouponError::InvalidOrder {
        path: format!("{list}[{i}].{field}"),
        message: message.to_string(),
    }
}

/// Checks what serde cannot: sizes, unique line ids, amount ranges, discount lines naming
/// order lines.
pub fn validate_order(order: &Order) -> Result<(), CouponError> {
    if order.lines.len() > MAX_LINES {
        return Err(CouponError::TooLarge {
            what: "lines",
            count: order.lines.len(),
            max: MAX_LINES,
        });
    }
    let max = Amount::from(MAX_LINE_AMOUNT);
    let one = Amount::from(1);
    let mut ids: Vec<&str> = Vec::with_capacity(order.lines.len());
    for (i, line) in order.lines.iter().enumerate() {
        if line.id.is_empty() {
            return Err(line_error("lines", i, "id", format_args!("empty line id")));
        }
        let amounts = [
            ("official_amount", Some(line.official_amount)),
            ("amount", line.amount),
        ];
        for (field, value) in amounts {
            if let Some(a) = value {
                if a.is_negative() || a > max {
                    return Err(line_error(
                        "lines",
                        i,
                        field,
                        format_args!("{a} is outside 0 … {MAX_LINE_AMOUNT}"),
                    ));
                }
            }
        }
        if let Some(r) = line.discount_ratio {
            if r.is_negative() || r > one {
                return Err(line_error(
                    "lines",
                    i,
                    "discount_ratio",
                    format_args!("{r} is outside 0 … 1"),
                ));
            }
        }
        ids.push(&line.id);
    }
    sort_strs(&mut ids);
    if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
        let dup = w[0];
        // The last line with that id (a plain loop: no `rposition` instance).
        let mut i = 0;
        for (k, l) in order.lines.iter().enumerate() {
            if l.id == dup {
                i = k;
            }
        }
        return Err(line_error(
            "lines",
            i,
            "id",
            format_args!(
                "duplicate line id \"{}\"",
                crate::error::quote_input(dup, 64)
            ),
        ));
    }
    if let Some(d) = &order.discount {
        for (i, dl) in d.lines.iter().enumerate() {
            if ids.binary_search(&dl.id.as_str()).is_err() {
                return Err(line_error(
                    "discount.lines",
                    i,
                    "id",
                    format_args!(
                        "no order line has id \"{}\"",
                        crate::error::quote_input(&dl.id, 64)
                    ),
                ));
            }
            let r = dl.discount_ratio;
            if r.is_negative() || r > one {
                return Err(line_error(
                    "discount.lines",
                    i,
                    "discount_ratio",
                    format_args!("{r} is outside 0 … 1"),
                ));
            }
        }
    }
    Ok(())
}

/// Verdicts for every coupon against `order`, in input order.
pub fn evaluate_coupons(
    order: &Order,
    coupons: &[Coupon],
    opts: &EvalOptions,
) -> Result<Vec<Verdict>, CouponError> {
    evaluate_compiled(order, coupons, None, opts)
}

/// [`evaluate_coupons`] with the coupons' limits compiled beforehand (`compiled[k]` for
/// `coupons[k]`, by [`limits::compile`] under `opts.policy`), as a wallet keeps them.
pub fn evaluate_compiled(
    order: &Order,
    coupons: &[Coupon],
    compiled: Option<&[limits::Rules<'_>]>,
    opts: &EvalOptions,
) -> Result<Vec<Verdict>, CouponError> {
    if coupons.len() > MAX_COUPONS {
        return Err(CouponError::TooLarge {
            what: "coupons",
            count: coupons.len(),
            max: MAX_COUPONS,
        });
    }
    validate_order(order)?;
    let facts = evaluate::OrderFacts::of(order, opts)?;
    // A plain loop: a `collect` into `Result<Vec<_>, _>` was ~0.6 KB of wasm.
    let mut verdicts = Vec::with_capacity(coupons.len());
    for (k, c) in coupons.iter().enumerate() {
        let rules = compiled.and_then(|r| r.get(k));
        verdicts.push(evaluate::evaluate_compiled(order, &facts, c, opts, rules)?);
    }
    Ok(verdicts)
}

/// Parses JSON text into a tree, numbers kept as text.
fn tree(
    text: &str,
    bad: impl FnOnce(String) -> CouponError,
) -> Result<tree::Node<'_>, CouponError> {
    tree::parse_node(text).map_err(|e| bad(verdict::to_text(&e)))
}

/// Reads and validates an order from JSON text.
pub fn parse_order(text: &str) -> Result<Order, CouponError> {
    let v = tree(text, |message| CouponError::InvalidOrder {
        path: String::new(),
        message,
    })?;
    let order = input::order_from_value(&v)?;
    validate_order(&order)?;
    Ok(order)
}

/// Reads coupons from a JSON array; each element is read leniently ([`Coupon::from_value`]).
pub fn parse_coupons(text: &str) -> Result<Vec<Coupon>, CouponError> {
    let bad = |message| CouponError::InvalidCoupons { message };
    let v = tree(text, bad)?;
    let tree::Json::Array(items) = v.json() else {
        return Err(bad(format!(
            "expected an array of coupons, got {}",
            tree::type_name(&v)
        )));
    };
    if items.len() > MAX_COUPONS {
        return Err(CouponError::TooLarge {
            what: "coupons",
            count: items.len(),
            max: MAX_COUPONS,
        });
    }
    Ok(items.iter().map(Coupon::from_value).collect())
}

/// Reads options (`{ now?, policy? }`, or `null`) from JSON text; `default_now` is used when
/// `now` is absent, and an error is returned when both are missing.
pub fn parse_options(text: &str, default_now: Option<&str>) -> Result<EvalOptions, CouponError> {
    let v = tree(text, |message| CouponError::InvalidOptions {
        path: String::new(),
        message,
    })?;
    let (now, policy) = input::options_from_value(&v)?;
    let now_text = now
        .as_deref()
        .or(default_now)
        .ok_or_else(|| CouponError::InvalidOptions {
            path: "now".to_owned(),
            message: "missing (an ISO 8601 UTC time such as 2024-05-06T08:05:01Z)".to_owned(),
        })?;
    let now = Timestamp::parse(now_text).map_err(|e| CouponError::InvalidOptions {
        path: "now".to_owned(),
        message: verdict::to_text(&e),
    })?;
    Ok(EvalOptions { now, policy })
}

/// `evaluateCoupons` on JSON text: order, coupons array and options in, the verdicts array
/// out (`eligible_lines` as indexes into `order.lines`). `default_now` fills `opts.now` when
/// absent (the JS binding passes the current time).
pub fn evaluate_json(
    order: &str,
    coupons: &str,
    options: &str,
    default_now: Option<&str>,
) -> Result<String, CouponError> {
    evaluate_json_with_ids(order, coupons, options, default_now).map(|(verdicts, _)| verdicts)
}

/// [`evaluate_json`], and the order's line ids (one copy each): what the JS binding needs to
/// give `eligible_lines` their ids without a copy per coupon.
pub fn evaluate_json_with_ids(
    order: &str,
    coupons: &str,
    options: &str,
    default_now: Option<&str>,
) -> Result<(String, Vec<String>), CouponError> {
    use crate::limits::{MAX_INPUT_BYTES, MAX_OPTIONS_BYTES, check_text};
    check_text("order", order, MAX_INPUT_BYTES)?;
    check_text("coupons", coupons, MAX_INPUT_BYTES)?;
    check_text("opts", options, MAX_OPTIONS_BYTES)?;
    let coupons = parse_coupons(coupons)?;
    let order = parse_order(order)?;
    let opts = parse_options(options, default_now)?;
    verdicts_json(order, &coupons, None, &opts, verdict::Messages::Both)
}

/// Every coupon's verdict on `order` as JSON text (reasons with `messages`), and the order's
/// line ids: what [`evaluate_json_with_ids`] and a wallet's `evaluate` write.
pub fn verdicts_json(
    mut order: Order,
    coupons: &[Coupon],
    compiled: Option<&[limits::Rules<'_>]>,
    opts: &EvalOptions,
    messages: verdict::Messages,
) -> Result<(String, Vec<String>), CouponError> {
    let verdicts = evaluate_compiled(&order, coupons, compiled, opts)?;
    // About 300 bytes a verdict without messages: one allocation for most calls.
    let mut text = String::with_capacity(400 * verdicts.len() + 2);
    let views = verdicts
        .iter()
        .map(|verdict| verdict::VerdictView { verdict, messages });
    crate::json::write::array(&mut text, views);
    let mut ids = Vec::with_capacity(order.lines.len());
    for line in &mut order.lines {
        ids.push(std::mem::take(&mut line.id));
    }
    Ok((text, ids))
}

#[cfg(test)]
mod sort_tests {
    #[test]
    fn sort_strs_sorts_as_the_standard_library() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for n in 0..80usize {
            let texts: Vec<String> = (0..n)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    // Few distinct values, so repeats are common; non-ASCII included.
                    ["a", "b", "ab", "é", "", "z9", "b"][(seed >> 40) as usize % 7]
                        .repeat(1 + (seed >> 20) as usize % 3)
                })
                .collect();
            let mut ours: Vec<&str> = texts.iter().map(String::as_str).collect();
            let mut std = ours.clone();
            let mut distinct = ours.clone();
            super::sort_strs(&mut ours);
            std.sort_unstable();
            assert_eq!(ours, std, "n = {n}");
            super::sort_distinct(&mut distinct);
            std.dedup();
            assert_eq!(distinct, std, "n = {n}");
        }
    }
}
