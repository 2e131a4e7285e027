//! `baseValue`: the order amount range (`value1` lower bound, `value2` upper bound; an empty
//! value is no bound). The amount compared is the payable sum of the eligible lines; the bound
//! inclusivity is [`Policy::base_value_lower`] / [`Policy::base_value_upper`] (default
//! `amount > value1` and `amount ≤ value2`).

use super::{BadValue, LimitKey};
use crate::coupons::model::UseLimit;
use crate::coupons::policy::{Bound, Policy};
use crate::coupons::verdict::{
    Param, Reason, ReasonCode, Status, money_text, push_reason, to_text,
};
use crate::money::Amount;

/// One `baseValue` row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// `value1`: the lower bound.
    pub lower: Option<Amount>,
    /// `value2`: the upper bound.
    pub upper: Option<Amount>,
}

fn bound(row: &UseLimit, field: &'static str) -> Result<Option<Amount>, BadValue> {
    let text = match field {
        "value1" => row.value1.as_deref(),
        _ => row.value2.as_deref(),
    }
    .unwrap_or_default()
    .trim();
    if text.is_empty() {
        return Ok(None);
    }
    match Amount::parse(text) {
        Ok(a) if a.is_negative() => Err(BadValue::new(field, text, "negative amount")),
        Ok(a) => Ok(Some(a)),
        Err(e) => Err(BadValue::new(field, text, to_text(&e))),
    }
}

/// Reads a `baseValue` row.
pub fn parse(row: &UseLimit) -> Result<Range, BadValue> {
    let lower = bound(row, "value1")?;
    let upper = bound(row, "value2")?;
    if lower.is_none() && upper.is_none() {
        return Err(BadValue::new("value1", "", "neither bound is set"));
    }
    Ok(Range { lower, upper })
}

/// The amount a bound is checked against: certainly `known` (lines that surely qualify), at
/// most `possible` (adding lines the order lacks data for).
#[derive(Debug, Clone, Copy)]
pub struct Span {
    /// Payable sum of the lines that surely qualify.
    pub known: Amount,
    /// `known` plus the lines that may qualify.
    pub possible: Amount,
}

/// Checks one range; a bound decided only by the lines of unknown status is indeterminate.
/// Without `detail` the reasons carry their code and effect only.
pub fn check(range: &Range, span: Span, policy: &Policy, detail: bool, out: &mut Vec<Reason>) {
    type Cmp = fn(Amount, Amount) -> bool;
    if let Some(low) = range.lower {
        let (op, ok): (&str, Cmp) = match policy.base_value_lower {
            Bound::Exclusive => (">", |a, b| a > b),
            Bound::Inclusive => (">=", |a, b| a >= b),
        };
        // More lines can only raise the amount: `known` decides a pass, `possible` a failure.
        let r = judge(ok, low, span.known, span.possible);
        push(
            out,
            r,
            ReasonCode::AmountBelowMinimum,
            (op, low, span),
            detail,
        );
    }
    if let Some(high) = range.upper {
        let (op, ok): (&str, Cmp) = match policy.base_value_upper {
            Bound::Exclusive => ("<", |a, b| a < b),
            Bound::Inclusive => ("<=", |a, b| a <= b),
        };
        let r = judge(ok, high, span.possible, span.known);
        push(
            out,
            r,
            ReasonCode::AmountAboveMaximum,
            (op, high, span),
            detail,
        );
    }
}

/// `None` if `sure` passes, `Indeterminate` if only `hopeful` passes, else `NotApplicable`.
fn judge(
    ok: fn(Amount, Amount) -> bool,
    bound: Amount,
    sure: Amount,
    hopeful: Amount,
) -> Option<Status> {
    if ok(sure, bound) {
        None
    } else if ok(hopeful, bound) {
        Some(Status::Indeterminate)
    } else {
        Some(Status::NotApplicable)
    }
}

fn push(
    out: &mut Vec<Reason>,
    effect: Option<Status>,
    code: ReasonCode,
    (op, bound, span): (&str, Amount, Span),
    detail: bool,
) {
    if let Some(effect) = effect {
        let key = Some(LimitKey::BaseValue.as_str());
        let params = || params(op, bound, span);
        push_reason(
            out,
            Reason::detailed(code, effect, key, detail.then(params)),
        );
    }
}

fn params(op: &str, bound: Amount, span: Span) -> Vec<(&'static str, Param)> {
    let mut p = vec![
        ("required", Param::Text(format!("{op} {bound}"))),
        ("actual", Param::Money(span.known)),
    ];
    if span.possible != span.known {
        p.push(("possible", Param::Text(money_text(span.possible))));
    }
    p
}
