//! How a coupon combines with the order's discount: `simultaneousUseWithEmpowerDiscount`,
//! `simultaneousUseWithContractDiscount`, `simultaneousUseWithPromotionDiscount`,
//! `simultaneousUseWithDiscountCoupon` and `minConsumeDiscount` (spec §6.3, PayOrders).
//!
//! [`discount_conflicts`] is the one check, used by the evaluator when the order carries its
//! discount and by the quote for each discount it considers.

use super::{BadValue, LimitKey, flag, ratio};
use crate::coupons::model::{CouponKind, UseLimit};
use crate::coupons::order::{DiscountKind, Line, OrderDiscount};
use crate::coupons::policy::{EmpowerScope, Policy};
use crate::coupons::verdict::{CouponParams, Param, Reason, ReasonCode, Status, push_reason, text};
use crate::money::Amount;

/// Reads one discount-related row into `params`; with several rows the strictest wins
/// (any `0` flag, the highest minimum ratio).
pub(crate) fn parse(
    key: LimitKey,
    row: &UseLimit,
    params: &mut CouponParams,
) -> Result<(), BadValue> {
    // The flag's slot first, then one read of it (four reads were four error paths).
    let slot = match key {
        LimitKey::SimultaneousUseWithEmpowerDiscount => {
            &mut params.simultaneous_use_with_empower_discount
        }
        LimitKey::SimultaneousUseWithContractDiscount => {
            &mut params.simultaneous_use_with_contract_discount
        }
        LimitKey::SimultaneousUseWithPromotionDiscount => {
            &mut params.simultaneous_use_with_promotion_discount
        }
        LimitKey::SimultaneousUseWithDiscountCoupon => {
            &mut params.simultaneous_use_with_discount_coupon
        }
        _ => {
            let m = ratio(row, false)?;
            params.min_consume_discount =
                Some(params.min_consume_discount.map_or(m, |old| old.max(m)));
            return Ok(());
        }
    };
    let v = flag(row)?;
    *slot = Some(slot.unwrap_or(true) && v);
    Ok(())
}

fn names(kind: DiscountKind) -> (&'static str, &'static str) {
    match kind {
        DiscountKind::Promotion => ("promotion", "促销折扣"),
        DiscountKind::Contract => ("contract", "合同折扣"),
        DiscountKind::Business => ("business", "商务折扣"),
        DiscountKind::Partner => ("partner-granted", "伙伴授予折扣"),
        DiscountKind::OrderAdjustment => ("order price adjustment", "订单调价折扣"),
    }
}

/// Every reason the coupon (its `kind` and `params`) cannot be combined with `discount` on an
/// order with `lines`. Empty when they combine.
pub fn discount_conflicts(
    kind: Option<CouponKind>,
    params: &CouponParams,
    discount: &OrderDiscount,
    lines: &[Line],
    policy: &Policy,
) -> Vec<Reason> {
    let mut out = Vec::new();
    conflicts(kind, params, (discount, lines), policy, true, &mut out);
    out
}

/// [`discount_conflicts`], appended to `out` (a verdict's reasons: no list of their own);
/// without `detail` the reasons carry their code and effect only.
pub(crate) fn conflicts(
    kind: Option<CouponKind>,
    params: &CouponParams,
    (discount, lines): (&OrderDiscount, &[Line]),
    policy: &Policy,
    detail: bool,
    out: &mut Vec<Reason>,
) {
    let dk = DiscountKind::from_code(discount.discount_type, policy);
    let type_param = || {
        (
            "discount_type",
            Param::Text(crate::text::int(i64::from(discount.discount_type))),
        )
    };
    let not_combinable = |key: Option<LimitKey>| {
        let params = || {
            let mut p = vec![type_param()];
            if let Some(dk) = dk {
                let (en, zh) = names(dk);
                p.push(("discount_kind", Param::Static(en)));
                p.push(("discount_kind_zh", Param::Static(zh)));
            }
            p
        };
        let (code, key) = (ReasonCode::DiscountNotCombinable, key.map(LimitKey::as_str));
        Reason::detailed(code, Status::NotApplicable, key, detail.then(params))
    };
    // A discount coupon is the alternative to a discount (one per order, spec §6.1/§6.2); the
    // outdated appendix policy forbids every coupon next to a discount.
    if kind == Some(CouponKind::DiscountCoupon) || !policy.discount_with_coupons {
        push_reason(out, not_combinable(None));
        return;
    }
    let Some(dk) = dk else {
        let has_flag = params.simultaneous_use_with_empower_discount == Some(false)
            || params.simultaneous_use_with_contract_discount == Some(false)
            || params.simultaneous_use_with_promotion_discount == Some(false);
        if has_flag {
            let code = ReasonCode::DiscountTypeUnknown;
            let params = || vec![type_param()];
            let params = detail.then(params);
            push_reason(
                out,
                Reason::detailed(code, Status::Indeterminate, None, params),
            );
        }
        return min_consume(params, (discount, lines), out);
    };
    let empower = matches!(
        (policy.empower_scope, dk),
        (EmpowerScope::AnyDiscount, _)
            | (_, DiscountKind::Partner | DiscountKind::OrderAdjustment)
            | (
                EmpowerScope::BusinessAndPartner,
                DiscountKind::Business | DiscountKind::Contract
            )
    );
    let flags = [
        (
            LimitKey::SimultaneousUseWithEmpowerDiscount,
            params.simultaneous_use_with_empower_discount,
            empower,
        ),
        (
            LimitKey::SimultaneousUseWithContractDiscount,
            params.simultaneous_use_with_contract_discount,
            matches!(dk, DiscountKind::Business | DiscountKind::Contract),
        ),
        (
            LimitKey::SimultaneousUseWithPromotionDiscount,
            params.simultaneous_use_with_promotion_discount,
            dk == DiscountKind::Promotion,
        ),
    ];
    for (key, allowed, covers) in flags {
        if allowed == Some(false) && covers {
            push_reason(out, not_combinable(Some(key)));
        }
    }
    min_consume(params, (discount, lines), out)
}

/// `minConsumeDiscount` = m: the pair is refused when **every** line of the discount pays
/// less than m (CBC.99003117); one line at or above m is enough.
fn min_consume(
    params: &CouponParams,
    (discount, lines): (&OrderDiscount, &[Line]),
    out: &mut Vec<Reason>,
) {
    let Some(m) = params.min_consume_discount else {
        return;
    };
    let key = Some(LimitKey::MinConsumeDiscount.as_str());
    // The highest ratio, by plain loops (two `max` folds were code of their own).
    let mut best: Option<Amount> = None;
    let mut see = |r: Amount| best = Some(best.map_or(r, |b| b.max(r)));
    if discount.lines.is_empty() {
        for l in lines {
            if let Some(r) = l.discount_ratio {
                see(r);
            }
        }
    } else {
        for l in &discount.lines {
            see(l.discount_ratio);
        }
    }
    let (code, effect) = match best {
        None => (ReasonCode::DiscountRatioMissing, Status::Indeterminate),
        Some(best) if best < m => (ReasonCode::DiscountBelowMinimum, Status::NotApplicable),
        Some(_) => return,
    };
    // One body for both reasons: `required`, then the best ratio when there is one.
    let mut params = vec![("required", Param::Text(format!(">= {m}")))];
    if let Some(best) = best {
        params.push(("actual", text(best)));
    }
    push_reason(out, Reason::new(code, effect, key, params));
}
