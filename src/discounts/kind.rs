//! Discount type codes and the kinds they belong to.
//!
//! BSS uses two code spaces that share no value: the rating APIs (605 / 606 / 607) and the
//! order APIs (ListOrderDiscounts, PayOrders: 0 / 1 / 2 / 3 / 609).

use serde::Serialize;

/// What a discount is, for the selection rules and the coupon exclusivity flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscountKind {
    /// 商务折扣: rating 605 / 606, order 1 (contract) and 2 (business).
    Business,
    /// 伙伴授予折扣: rating 607, order 3.
    Partner,
    /// 促销折扣: order 0, and any rating code the documentation does not list.
    Promotion,
    /// 订单调价折扣 (609): mandatory when present, never combined with another discount.
    OrderAdjustment,
}

impl DiscountKind {
    /// The kind of a `discount_type` code from either code space. Codes the documentation
    /// does not list count as promotions, which never win the best-offer contest.
    pub fn from_code(code: i64) -> DiscountKind {
        match code {
            605 | 606 | 1 | 2 => DiscountKind::Business,
            607 | 3 => DiscountKind::Partner,
            609 => DiscountKind::OrderAdjustment,
            _ => DiscountKind::Promotion,
        }
    }

    /// Whether the kind takes part in the best-offer contest (business and partner only).
    pub fn contests_best_offer(self) -> bool {
        matches!(self, DiscountKind::Business | DiscountKind::Partner)
    }
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

    #[test]
    fn both_code_spaces_map_to_kinds() {
        assert_eq!(DiscountKind::from_code(605), DiscountKind::Business);
        assert_eq!(DiscountKind::from_code(606), DiscountKind::Business);
        assert_eq!(DiscountKind::from_code(607), DiscountKind::Partner);
        assert_eq!(DiscountKind::from_code(2), DiscountKind::Business);
        assert_eq!(DiscountKind::from_code(1), DiscountKind::Business);
        assert_eq!(DiscountKind::from_code(3), DiscountKind::Partner);
        assert_eq!(DiscountKind::from_code(0), DiscountKind::Promotion);
        assert_eq!(DiscountKind::from_code(609), DiscountKind::OrderAdjustment);
        assert_eq!(DiscountKind::from_code(700), DiscountKind::Promotion);
        assert!(!DiscountKind::Promotion.contests_best_offer());
        assert_eq!(pay_discount_type(606), 2);
        assert_eq!(pay_discount_type(609), 609);
    }
}
