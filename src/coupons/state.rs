//! The coupon's own state, before any limit: status, `is_frozen`, validity window, what is
//! left on it, locks by other orders, currency.

use super::model::{Coupon, CouponKind};
use super::order::Order;
use super::timestamp::Timestamp;
use super::verdict::{Param, Reason, ReasonCode, Status, text};
use crate::money::Amount;
use crate::text::with_int;

/// Appends the reasons the coupon's state gives against `order` at `now`, and returns what
/// the coupon has to give (balance or face value), if known.
pub fn check_state(
    coupon: &Coupon,
    order: &Order,
    now: Timestamp,
    reasons: &mut Vec<Reason>,
) -> Option<Amount> {
    let na = Status::NotApplicable;
    for m in &coupon.malformed {
        push_malformed(reasons, &m.field, &m.message);
    }
    if coupon.kind == Some(CouponKind::ProductCoupon) {
        add(
            reasons,
            Status::Indeterminate,
            ReasonCode::UnsupportedKind,
            vec![],
        );
    }
    status_reason(coupon, reasons);
    if coupon.is_frozen == Some(true) {
        add(reasons, na, ReasonCode::Frozen, vec![]);
    }
    if let Some(from) = coupon.effective_time.filter(|&t| now < t) {
        add(
            reasons,
            na,
            ReasonCode::NotYetValid,
            vec![("effective_time", text(from))],
        );
    }
    // A status-4 coupon already carries `expired`; the window repeats it only otherwise.
    if let Some(until) = coupon.expire_time.filter(|&t| now >= t) {
        if !reasons.iter().any(|r| r.code == ReasonCode::Expired) {
            add(
                reasons,
                na,
                ReasonCode::Expired,
                vec![("expire_time", text(until))],
            );
        }
    }
    let own = |id: &Option<String>| match (id, &order.order_id) {
        (Some(lock), Some(mine)) => lock != mine,
        (Some(_), None) => true,
        _ => false,
    };
    // A new-version coupon locked by an unpaid order keeps the rest usable (billing FAQ:
    // 100 available, order A locks 20, order B may use 80); how much is held is not sent.
    let lock = if own(&coupon.used_by_order_id) {
        Some((na, ReasonCode::LockedByOtherOrder, &coupon.used_by_order_id))
    } else if own(&coupon.lock_order_id) {
        let code = ReasonCode::LockedAmountUnknown;
        Some((Status::Indeterminate, code, &coupon.lock_order_id))
    } else {
        None
    };
    if let Some((effect, code, id)) = lock {
        let id = id.as_deref().unwrap_or_default();
        add(reasons, effect, code, vec![("order_id", text(id))]);
    }
    if let (Some(mine), Some(theirs)) = (&coupon.currency, &order.currency) {
        if !mine.eq_ignore_ascii_case(theirs) {
            add(
                reasons,
                na,
                ReasonCode::CurrencyMismatch,
                vec![("required", text(mine)), ("actual", text(theirs))],
            );
        }
    }
    if let Some(m) = coupon.measure_id.filter(|&m| m != 1) {
        push_malformed(
            reasons,
            "measure_id",
            &with_int("measure unit ", m, " is not 1 (元)"),
        );
    }
    let available = available(coupon, reasons)?;
    if available.is_zero() {
        add(reasons, na, ReasonCode::NoBalance, vec![]);
    }
    Some(available)
}

/// Appends a reason without a limit key: one out-of-line body for every site of the file.
#[inline(never)]
fn add(
    reasons: &mut Vec<Reason>,
    effect: Status,
    code: ReasonCode,
    params: Vec<(&'static str, Param)>,
) {
    reasons.push(Reason::new(code, effect, None, params));
}

/// Appends a `malformed_coupon` reason for `field` (out of line: many sites).
#[inline(never)]
pub fn push_malformed(reasons: &mut Vec<Reason>, field: &str, error: &str) {
    add(
        reasons,
        Status::Indeterminate,
        ReasonCode::MalformedCoupon,
        vec![("field", text(field)), ("error", text(error))],
    );
}

fn status_reason(coupon: &Coupon, reasons: &mut Vec<Reason>) {
    let na = |reasons: &mut Vec<Reason>, code| add(reasons, Status::NotApplicable, code, vec![]);
    let Some(status) = coupon.status else {
        if !coupon.malformed.iter().any(|m| m.field == "status") {
            push_malformed(reasons, "status", "missing");
        }
        return;
    };
    if coupon.is_stored_value_card_object() {
        // ListStoredValueCards: 1 usable, 2 used up.
        match status {
            1 => {}
            2 => na(reasons, ReasonCode::UsedUp),
            _ => push_malformed(
                reasons,
                "status",
                &with_int("unknown stored-value card status ", status, ""),
            ),
        }
        return;
    }
    match status {
        2 => {}
        1 => na(reasons, ReasonCode::NotActivated),
        3 => na(reasons, ReasonCode::UsedUp),
        4 => na(reasons, ReasonCode::Expired),
        5 => na(reasons, ReasonCode::Reclaimed),
        _ => push_malformed(
            reasons,
            "status",
            &with_int("unknown coupon status ", status, ""),
        ),
    }
}

/// Balance for new-version coupons (`coupon_version` 2) and cards, face value for old ones.
fn available(coupon: &Coupon, reasons: &mut Vec<Reason>) -> Option<Amount> {
    let already_bad = |field: &str| coupon.malformed.iter().any(|m| m.field == field);
    let uses_balance = coupon.coupon_version == Some(2)
        || coupon.kind == Some(CouponKind::StoredValueCard)
        || (coupon.coupon_version.is_none() && coupon.balance.is_some());
    if uses_balance {
        if coupon.balance.is_none() && !already_bad("balance") {
            push_malformed(
                reasons,
                "balance",
                "missing (new-version coupons and cards carry their balance)",
            );
        }
        return coupon.balance;
    }
    if coupon.face_value.is_none() && !already_bad("face_value") {
        push_malformed(reasons, "face_value", "missing");
    }
    coupon.face_value
}
