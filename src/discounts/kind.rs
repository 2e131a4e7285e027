//! Discount type codes and the kinds they belong to.
//!
//! BSS uses two code spaces that share no value: the rating APIs (605 / 606 / 607) and the
//! order APIs (ListOrderDiscounts, PayOrders: 0 / 1 / 2 / 3 / 609). The kinds are the coupon
//! area's [`DiscountKind`], so that the selection rules and the coupon exclusivity flags read
//! a code the same way (606's family is a [`Policy`] field).

use crate::coupons::{DiscountKind, Policy};

/// The kind of a `discount_type` code. An absent or undocumented code counts as a promotion:
/// it never wins the best-offer contest.
pub fn kind_of(code: Option<i64>, policy: &Policy) -> DiscountKind {
    code.and_then(|c| u16::try_from(c).ok())
        .and_then(|c| DiscountKind::from_code(c, policy))
        .unwrap_or(DiscountKind::Promotion)
}

/// Business discounts (商务 and 合同): they win ties and auto-pay.
pub fn is_business(kind: DiscountKind) -> bool {
    matches!(kind, DiscountKind::Business | DiscountKind::Contract)
}

/// Whether the kind takes part in the best-offer contest (business and partner only).
pub fn contests_best_offer(kind: DiscountKind) -> bool {
    is_business(kind) || kind == DiscountKind::Partner
}

/// The `discount_infos[].type` PayOrders (v3) takes for a discount of this `discount_type`.
///
/// Order codes pass through. Rating codes map by kind (605 / 606 → 2 business, 607 → 3
/// partner-granted): the documentation gives no mapping, this one is derived from the labels.
pub fn pay_discount_type(code: i64) -> i64 {
    match code {
        605 | 606 => 2,
        607 => 3,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coupons::policy::DiscountFamily;

    #[test]
    fn both_code_spaces_map_to_kinds() {
        let p = Policy::default();
        assert_eq!(kind_of(Some(605), &p), DiscountKind::Business);
        assert_eq!(kind_of(Some(606), &p), DiscountKind::Business);
        assert_eq!(kind_of(Some(607), &p), DiscountKind::Partner);
        assert_eq!(kind_of(Some(2), &p), DiscountKind::Business);
        assert_eq!(kind_of(Some(1), &p), DiscountKind::Contract);
        assert_eq!(kind_of(Some(3), &p), DiscountKind::Partner);
        assert_eq!(kind_of(Some(0), &p), DiscountKind::Promotion);
        assert_eq!(kind_of(Some(609), &p), DiscountKind::OrderAdjustment);
        assert_eq!(kind_of(Some(123), &p), DiscountKind::Promotion);
        assert_eq!(kind_of(Some(-1), &p), DiscountKind::Promotion);
        assert_eq!(kind_of(None, &p), DiscountKind::Promotion);
        let partner_606 = Policy {
            discount_606: DiscountFamily::Partner,
            ..Policy::default()
        };
        assert_eq!(kind_of(Some(606), &partner_606), DiscountKind::Partner);
        assert!(contests_best_offer(DiscountKind::Contract));
        assert!(!contests_best_offer(DiscountKind::Promotion));
        assert!(!contests_best_offer(DiscountKind::OrderAdjustment));
        assert_eq!(pay_discount_type(606), 2);
        assert_eq!(pay_discount_type(609), 609);
    }
}
