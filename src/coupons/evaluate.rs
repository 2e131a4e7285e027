//! One coupon against one order: state, then limits, then amounts.

use std::borrow::Cow;

use super::limits::{self, LineMatch, amount, deduction, discount, period, subscription};
use super::model::{Coupon, CouponKind};
use super::order::{ChargingMode, Line, Order};
use super::policy::{BaseValueAmount, RatioBase};
use super::state;
use super::verdict::{LineIndexes, Param, Reason, ReasonCode, Status, Verdict, push_reason, text};
use super::{CouponError, EvalOptions};
use crate::money::Amount;

/// The most line-selecting rules a coupon compiles to (one per kind of [`limits::LineRule`]).
const MAX_LINE_RULES: usize = 10;

/// What every coupon needs from the order, computed once per call.
#[derive(Debug, Clone, Copy)]
pub struct OrderFacts {
    /// Payable sum of all lines.
    pub payable_total: Amount,
    /// Base of `maxDeductionRatio` under the policy: the period and one-time lines' payable
    /// (or list-price) sum; on-demand consumption is not capped.
    pub ratio_base: Amount,
    /// Payable sum of the on-demand lines.
    pub on_demand_total: Amount,
}

impl OrderFacts {
    /// The facts of `order` under `opts.policy`.
    pub fn of(order: &Order, opts: &EvalOptions) -> Result<OrderFacts, CouponError> {
        let mut payable_total = Amount::ZERO;
        let mut ratio_base = Amount::ZERO;
        let mut on_demand_total = Amount::ZERO;
        for line in &order.lines {
            payable_total = payable_total.checked_add(line.payable())?;
            if line.charging_mode(order) == ChargingMode::OnDemand {
                on_demand_total = on_demand_total.checked_add(line.payable())?;
            } else {
                let amount = match opts.policy.max_deduction_ratio_base {
                    // Cash coupons are not known here: the quote lowers the base as they apply.
                    RatioBase::AfterCashCoupon | RatioBase::AfterDiscount => line.payable(),
                    RatioBase::Official => line.official_amount,
                };
                ratio_base = ratio_base.checked_add(amount)?;
            }
        }
        Ok(OrderFacts {
            payable_total,
            ratio_base,
            on_demand_total,
        })
    }
}

/// The verdict on `coupon` for `order` (which must have passed
/// [`validate_order`](super::validate_order)).
pub fn evaluate_coupon(
    order: &Order,
    coupon: &Coupon,
    opts: &EvalOptions,
) -> Result<Verdict, CouponError> {
    evaluate_with_facts(order, &OrderFacts::of(order, opts)?, coupon, opts)
}

/// [`evaluate_coupon`] with the order's facts computed once for many coupons.
pub fn evaluate_with_facts(
    order: &Order,
    facts: &OrderFacts,
    coupon: &Coupon,
    opts: &EvalOptions,
) -> Result<Verdict, CouponError> {
    evaluate_compiled(order, facts, coupon, opts, None)
}

/// [`evaluate_with_facts`] with `coupon`'s limits compiled beforehand when `compiled` holds
/// them (see [`match_compiled`]).
pub fn evaluate_compiled(
    order: &Order,
    facts: &OrderFacts,
    coupon: &Coupon,
    opts: &EvalOptions,
    compiled: Option<&limits::Rules<'_>>,
) -> Result<Verdict, CouponError> {
    let mut matched = match_rules(order, coupon, opts, compiled);
    let reasons = std::mem::take(&mut matched.reasons);
    finish(order, facts, coupon, opts, &matched, reasons, None, true)
}

/// The part of a coupon's verdict that neither the line amounts nor the order's discount
/// change: its state, its compiled limits and the lines they select. A quote computes it once
/// per coupon and finishes it in every discount context with [`evaluate_matched`].
#[derive(Debug, Clone)]
pub struct Matched<'a> {
    /// Whether the coupon is not even an object (its verdict is [`unreadable`]'s).
    unreadable: bool,
    /// State, limit and line-selection reasons, in verdict order (moved into the first
    /// verdict that lists them, see [`evaluate_matched`]).
    reasons: Vec<Reason>,
    /// The status those reasons leave (`Applicable` when there are none).
    least: Status,
    available: Option<Amount>,
    /// Compiled here, or once per wallet.
    rules: Cow<'a, limits::Rules<'a>>,
    /// Indices of the lines every line rule selects.
    known: LineIndexes,
    /// Indices of the lines no line rule rejects but some lack data for.
    maybe: Vec<usize>,
}

impl Matched<'_> {
    /// Whether some discount context could still find the coupon applicable: no context-free
    /// reason (state, limits, line selection) holds against it. A quote's search skips the
    /// others in every context but the one its rejections quote.
    pub fn may_apply(&self) -> bool {
        !self.unreadable && self.least == Status::Applicable
    }
}

/// The context-free part of `coupon`'s verdict on `order` (see [`Matched`]).
pub fn match_lines<'a>(order: &Order, coupon: &'a Coupon, opts: &EvalOptions) -> Matched<'a> {
    match_rules(order, coupon, opts, None)
}

/// [`match_lines`] with `coupon`'s limits already compiled (by [`limits::compile`] under
/// `opts.policy`): a wallet compiles them once, not on every cart edit.
pub fn match_compiled<'a>(
    order: &Order,
    coupon: &'a Coupon,
    opts: &EvalOptions,
    rules: &'a limits::Rules<'a>,
) -> Matched<'a> {
    match_rules(order, coupon, opts, Some(rules))
}

/// One out-of-line copy for both entry points (the wasm stays small).
#[inline(never)]
fn match_rules<'a>(
    order: &Order,
    coupon: &'a Coupon,
    opts: &EvalOptions,
    compiled: Option<&'a limits::Rules<'a>>,
) -> Matched<'a> {
    let policy = &opts.policy;
    if coupon.malformed.iter().any(|m| m.field.is_empty()) {
        // Not even an object: nothing else can be read from it.
        return Matched {
            unreadable: true,
            reasons: Vec::new(),
            least: Status::Applicable,
            available: None,
            rules: Cow::Owned(limits::Rules::default()),
            known: LineIndexes::default(),
            maybe: Vec::new(),
        };
    }
    let mut reasons = Vec::new();
    let available = state::check_state(coupon, order, opts.now, &mut reasons);
    let rules = match compiled {
        Some(r) => {
            for reason in &r.reasons {
                push_reason(&mut reasons, reason.clone());
            }
            Cow::Borrowed(r)
        }
        None => {
            let mut r = limits::compile(coupon, policy);
            reasons.append(&mut r.reasons);
            Cow::Owned(r)
        }
    };

    // Line selection: `known` lines satisfy every line rule; `maybe` lines fail none but lack
    // data for some.
    let n = rules.line_rules.len().min(MAX_LINE_RULES);
    let mut matched = [false; MAX_LINE_RULES];
    let mut unknown: [Vec<&Line>; MAX_LINE_RULES] = Default::default();
    let mut known: Vec<usize> = Vec::with_capacity(order.lines.len());
    let mut maybe: Vec<usize> = Vec::new();
    let mut maybe_lines: Vec<&Line> = Vec::new();
    for (i, line) in order.lines.iter().enumerate() {
        let mut all_yes = true;
        let mut any_no = false;
        for (k, rule) in rules.line_rules.iter().take(n).enumerate() {
            match rule.check(line, order, policy) {
                LineMatch::Yes => matched[k] = true,
                LineMatch::No => {
                    all_yes = false;
                    any_no = true;
                }
                LineMatch::Unknown => {
                    all_yes = false;
                    unknown[k].push(line);
                }
            }
        }
        if all_yes {
            known.push(i);
        } else if !any_no {
            maybe.push(i);
            maybe_lines.push(line);
        }
    }
    let before = reasons.len();
    for (k, rule) in rules.line_rules.iter().take(n).enumerate() {
        if !matched[k] {
            push_reason(&mut reasons, rule.reason(order, &unknown[k], policy));
        }
    }
    if reasons.len() == before && known.is_empty() {
        push_reason(
            &mut reasons,
            if maybe.is_empty() {
                Reason::new(
                    ReasonCode::NoEligibleLine,
                    Status::NotApplicable,
                    None,
                    vec![],
                )
            } else {
                // Repeats dropped as they come (as `dedup` after the loop would).
                let mut fields: Vec<String> = Vec::new();
                for (r, unknown) in rules.line_rules.iter().take(n).zip(&unknown) {
                    let field = r.line_field();
                    if !unknown.is_empty() && fields.last().is_none_or(|f| f != field) {
                        fields.push(field.to_owned());
                    }
                }
                Reason::new(
                    ReasonCode::LineDataMissing,
                    Status::Indeterminate,
                    None,
                    vec![
                        ("field", Param::List(fields)),
                        ("lines", limits::line_ids(&maybe_lines)),
                    ],
                )
            },
        );
    }
    let least = reasons.iter().map(|r| r.effect).max();
    Matched {
        unreadable: false,
        reasons,
        least: least.unwrap_or(Status::Applicable),
        available,
        rules,
        known: known.into(),
        maybe,
    }
}

/// The verdict on `coupon` for `order` from its context-free part `matched` (computed by
/// [`match_lines`] on an order with the same lines): the same as [`evaluate_with_facts`].
/// With `all_reasons` the context-free reasons move into the verdict (a quote lists them
/// once per coupon, from one context). Without, the verdict serves the quote's search: it
/// lists only the reasons of this context (amounts, discount) by code and effect (its status
/// still counts the context-free ones). Either way without the coupon id: a quote names its
/// rejections from the coupon (not a copy per verdict; a coupon that is not even an object has
/// no id, `""` either way).
pub fn evaluate_matched(
    order: &Order,
    facts: &OrderFacts,
    coupon: &Coupon,
    opts: &EvalOptions,
    matched: &mut Matched<'_>,
    all_reasons: bool,
) -> Result<Verdict, CouponError> {
    let (reasons, least) = match all_reasons {
        true => (std::mem::take(&mut matched.reasons), None),
        false => (Vec::new(), Some(matched.least)),
    };
    finish(order, facts, coupon, opts, matched, reasons, least, false)
}

/// The verdict on a coupon that is not even an object: its malformed fields only. Built
/// again for each context rather than kept and cloned (a rare coupon; no `Verdict` clone
/// in the wasm).
#[cold]
#[inline(never)]
fn unreadable(coupon: &Coupon) -> Verdict {
    let mut reasons = Vec::with_capacity(coupon.malformed.len());
    for m in &coupon.malformed {
        state::push_malformed(&mut reasons, &m.field, &m.message);
    }
    let mut v = Verdict {
        coupon_id: String::new(),
        kind: None,
        status: Status::Indeterminate,
        reasons,
        eligible_lines: LineIndexes::default(),
        eligible_amount: Amount::ZERO,
        available: Amount::ZERO,
        max_deduction: Amount::ZERO,
        params: Default::default(),
    };
    v.settle();
    v
}

/// Amounts, amount limits and the order's discount: what depends on the discount context.
/// `least`, for a verdict that serves the search only (reasons by code and effect, no id), is
/// the status of the context-free reasons left out of `reasons`. `named`: the verdict carries
/// the coupon's id (a quote's verdicts do not: it names its rejections from the coupon).
#[allow(clippy::too_many_arguments)]
fn finish(
    order: &Order,
    facts: &OrderFacts,
    coupon: &Coupon,
    opts: &EvalOptions,
    matched: &Matched<'_>,
    mut reasons: Vec<Reason>,
    least: Option<Status>,
    named: bool,
) -> Result<Verdict, CouponError> {
    if matched.unreadable {
        return Ok(unreadable(coupon));
    }
    let detail = least.is_none();
    let policy = &opts.policy;
    let rules = &matched.rules;
    let line = |i: &usize| {
        order
            .lines
            .get(*i)
            .ok_or_else(|| CouponError::Internal("line index".to_owned()))
    };
    let mut eligible_amount = if rules.line_rules.is_empty() {
        facts.payable_total
    } else {
        Amount::ZERO
    };
    let mut on_demand_amount = Amount::ZERO;
    // Every line eligible (no line rule, the common case): the order's sums, computed once
    // per order rather than once per coupon and context.
    let every_line = matched.known.len() == order.lines.len();
    if every_line {
        eligible_amount = facts.payable_total;
        on_demand_amount = facts.on_demand_total;
    }
    let walked: &[usize] = if every_line { &[] } else { &matched.known };
    for i in walked {
        let line = line(i)?;
        if !rules.line_rules.is_empty() {
            eligible_amount = eligible_amount.checked_add(line.payable())?;
        }
        if line.charging_mode(order) == ChargingMode::OnDemand {
            on_demand_amount = on_demand_amount.checked_add(line.payable())?;
        }
    }
    let mut maybe_amount = Amount::ZERO;
    for i in &matched.maybe {
        maybe_amount = maybe_amount.checked_add(line(i)?.payable())?;
    }

    let span = match policy.base_value_amount {
        BaseValueAmount::EligiblePayable => amount::Span {
            known: eligible_amount,
            possible: eligible_amount.checked_add(maybe_amount)?,
        },
        BaseValueAmount::OrderPayable => amount::Span {
            known: facts.payable_total,
            possible: facts.payable_total,
        },
    };
    for range in &rules.base_values {
        amount::check(range, span, policy, detail, &mut reasons);
    }
    if let Some(types) = rules.subscribe_types {
        if let Some(r) = subscription::check_subscribe_type(types, order, detail) {
            push_reason(&mut reasons, r);
        }
    }
    if let Some(nums) = &rules.cycle_nums {
        if let Some(r) = period::check_cycle_num(nums, order, detail) {
            push_reason(&mut reasons, r);
        }
    }
    if let Some(d) = &order.discount {
        let lines = (d, order.lines.as_slice());
        discount::conflicts(
            coupon.kind,
            &rules.params,
            lines,
            policy,
            detail,
            &mut reasons,
        );
    }

    // A discount coupon (折扣券) is a pay ratio, not an amount (spec §2 terminology, §6.2):
    // `face_value` 0.85 = pay 85 % of the list price of its yearly/monthly lines, instead of
    // the order's discount. Its saving is what it may take; a face value that cannot be a
    // ratio is never guessed at.
    let mut available = matched.available;
    if coupon.kind == Some(CouponKind::DiscountCoupon) {
        available = match coupon.face_value {
            Some(r) if r > Amount::ZERO && r < Amount::from(1) => {
                let mut official = Amount::ZERO;
                for i in matched.known.iter() {
                    official = official.checked_add(line(i)?.official_amount)?;
                }
                // Floored to the cent: the smaller saving (never preview less than BSS charges).
                Some(official.checked_mul_floor(Amount::from(1).checked_sub(r)?, 2)?)
            }
            _ => {
                // The face value written out only for a verdict that lists it (not in every
                // context of a quote's search).
                let actual = || {
                    vec![(
                        "actual",
                        match coupon.face_value {
                            Some(f) => text(f),
                            None => Param::Text("none".to_owned()),
                        },
                    )]
                };
                push_reason(
                    &mut reasons,
                    Reason::detailed(
                        ReasonCode::DiscountCouponFaceValue,
                        Status::Indeterminate,
                        None,
                        detail.then(actual),
                    ),
                );
                None
            }
        };
    }
    let mut verdict = Verdict {
        // Not for a quote: it names its rejections from the coupon.
        coupon_id: match named {
            true => coupon.id().to_owned(),
            false => String::new(),
        },
        kind: coupon.kind,
        status: Status::Applicable,
        reasons,
        eligible_lines: matched.known.clone(),
        eligible_amount,
        available: available.unwrap_or(Amount::ZERO),
        max_deduction: Amount::ZERO,
        params: rules.params.clone(),
    };
    verdict.settle();
    verdict.status = verdict.status.max(least.unwrap_or(Status::Applicable));
    if let (Some(available), false) = (available, verdict.status == Status::NotApplicable) {
        verdict.max_deduction = deduction::max_deduction(
            available,
            deduction::Eligible {
                amount: eligible_amount,
                on_demand: on_demand_amount,
            },
            facts.ratio_base,
            &verdict.params,
        )?;
    }
    Ok(verdict)
}

#[cfg(test)]
mod tests {
    use super::super::{evaluate_json, parse_coupons, parse_options, parse_order};
    use super::*;

    const ORDER: &str = r#"{"order_type":"new","charging_mode":"period","period_type":2,"period_num":1,
        "lines":[{"id":"a","cloud_service_type":"hws.service.type.ec2","region":"cn-north-4","official_amount":"80.00"},
                 {"id":"b","cloud_service_type":"hws.service.type.ebs","region":"cn-north-4","official_amount":30}]}"#;

    fn verdict(coupon: &str) -> Verdict {
        let order = parse_order(ORDER).unwrap();
        let coupons = parse_coupons(&format!("[{coupon}]")).unwrap();
        let opts = parse_options(r#"{"now":"2024-06-01T00:00:00Z"}"#, None).unwrap();
        evaluate_coupon(&order, &coupons[0], &opts).unwrap()
    }

    #[test]
    fn service_type_selects_lines_and_base_value_reads_their_sum() {
        let v = verdict(
            r#"{"coupon_id":"c","coupon_type":1,"status":2,"face_value":"100",
                "use_limits":[{"limit_key":"serviceType","value1":"hws.service.type.ec2"},
                              {"limit_key":"baseValue","value1":"80","value2":""}]}"#,
        );
        assert_eq!(*v.eligible_lines, [0]);
        assert_eq!(
            v.status,
            Status::NotApplicable,
            "{}",
            super::super::verdict::summary(&v)
        );
        assert_eq!(v.reasons.len(), 1);
        assert_eq!(v.reasons[0].code, ReasonCode::AmountBelowMinimum);
        assert_eq!(v.max_deduction, Amount::ZERO);
        let json = evaluate_json(
            ORDER,
            r#"[{"coupon_id":"c","coupon_type":301,"status":2,"face_value":50}]"#,
            "{}",
            Some("2024-06-01T00:00:00.000Z"),
        )
        .unwrap();
        assert!(json.contains(r#""eligible_amount":"110.00""#), "{json}");
        assert!(json.contains(r#""max_deduction":"50.00""#), "{json}");
        assert!(json.contains(r#""status":"applicable""#), "{json}");
    }
}
