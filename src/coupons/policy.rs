//! [`Policy`]: the choices made where Huawei's documentation is silent or contradicts itself
//! (DESIGN.md "Policies"). Every field has the documented default; callers override single
//! fields (`{ policy: { base_value_lower: "inclusive" } }`) and the quote reports the policy it
//! used. Unknown fields are rejected so that a typo does not silently keep a default.

use serde::{Deserialize, Serialize};

/// Whether a bound admits the value equal to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// `amount > bound` (lower) / `amount < bound` (upper).
    Exclusive,
    /// `amount ≥ bound` (lower) / `amount ≤ bound` (upper).
    Inclusive,
}

/// Which amount the `baseValue` range is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BaseValueAmount {
    /// Payable sum of the lines that satisfy the coupon's other limits (billing FAQ).
    EligiblePayable,
    /// Payable sum of the whole order.
    OrderPayable,
}

/// What a verdict says when the engine cannot decide a limit locally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Undecided {
    /// The coupon is `indeterminate`: the preview defers to BSS.
    Indeterminate,
    /// The coupon is `not_applicable`: the preview never shows it as usable.
    NotApplicable,
}

/// Which discounts `simultaneousUseWithEmpowerDiscount = 0` excludes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmpowerScope {
    /// Every discount: PayOrders v3 "如果优惠券的限制属性上存在simultaneousUseWithEmpowerDiscount字段，
    /// 并且值为0，则折扣和优惠券不能同时使用" names no kind (the safe reading, issue 13 item 5).
    AnyDiscount,
    /// Business and partner discounts (the limit table's wording) and partner price
    /// adjustments (609).
    BusinessAndPartner,
    /// Partner-granted discounts and partner price adjustments only (PayOrders' wording).
    Partner,
}

/// The base of the `maxDeductionRatio` cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatioBase {
    /// The order's payable total after the discount ("order total" read as payable).
    AfterDiscount,
    /// The order's list-price total.
    Official,
}

/// The BSS discount family a rating code 606 (渠道商务合同折扣) belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscountFamily {
    /// A business (商务) discount.
    Business,
    /// A partner (伙伴) discount.
    Partner,
}

/// How the best discount is chosen (the only rule; reported by the quote).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BestDiscount {
    /// The element flagged `best_offer = 1`; else the largest saving among business and
    /// partner discounts, ties to business; promotions are never "best".
    BestOfferThenLargestSaving,
}

/// Order in which benefits are deducted (the only rule; reported by the quote).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StackingOrder {
    /// One discount (or a discount coupon) → cash coupon → flexi-purchase coupons →
    /// stored-value card → cash balance → credit balance.
    DiscountCashFlexiCardCashCredit,
}

/// Rounding of money results (the only rule; reported by the quote).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Full precision inside; payable truncated to 0.01 (the cut is `truncated_amount`);
    /// ratio caps floored to 0.01.
    TruncatePayableFloorCaps,
}

/// Allocation of order-level amounts to lines (the only rule; reported by the quote).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Allocation {
    /// Proportional to the eligible line amounts, largest remainder to the cent.
    ProportionalLargestRemainder,
}

/// The policy fields with their DESIGN.md defaults (see [`Policy::default`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// `baseValue` lower bound: exclusive (满100 = "greater than 100", billing FAQ).
    pub base_value_lower: Bound,
    /// `baseValue` upper bound: inclusive.
    pub base_value_upper: Bound,
    /// Amount compared with `baseValue`: the eligible lines' payable sum.
    pub base_value_amount: BaseValueAmount,
    /// A `limit_key` the engine does not know: `indeterminate` (never "no restriction").
    pub unknown_limit: Undecided,
    /// `firstOrderInService` when the order carries no history for the service:
    /// `indeterminate`.
    pub first_order_unknown: Undecided,
    /// Coupons per order in total (PayOrders); `coupon_max_use_quantity` from the server wins.
    pub max_coupons_per_order: u32,
    /// Cash coupons (代金券) per order (billing center).
    pub max_cash_coupons_per_order: u32,
    /// Whether a cash coupon and a discount coupon may be used together (CBC.99003147: no).
    pub cash_with_discount_coupon: bool,
    /// Whether a discount and coupons may be combined at all (current PayOrders: yes, unless a
    /// coupon flag forbids it; the outdated appendix said no).
    pub discount_with_coupons: bool,
    /// Discounts excluded by `simultaneousUseWithEmpowerDiscount = 0`.
    pub empower_scope: EmpowerScope,
    /// Base of the `maxDeductionRatio` cap: the amount after discount.
    pub max_deduction_ratio_base: RatioBase,
    /// The family of rating discount code 606 (605 is business, 607 partner).
    pub discount_606: DiscountFamily,
    /// Whether a business discount wins under auto-pay.
    pub auto_pay_business_first: bool,
    /// How the best discount is chosen.
    pub best_discount: BestDiscount,
    /// Order of deductions.
    pub stacking_order: StackingOrder,
    /// Rounding of money results.
    pub rounding: Rounding,
    /// Allocation of order-level amounts to lines.
    pub allocation: Allocation,
}

impl Policy {
    /// The field names, as written in JSON.
    pub const FIELDS: [&'static str; 17] = [
        "base_value_lower",
        "base_value_upper",
        "base_value_amount",
        "unknown_limit",
        "first_order_unknown",
        "max_coupons_per_order",
        "max_cash_coupons_per_order",
        "cash_with_discount_coupon",
        "discount_with_coupons",
        "empower_scope",
        "max_deduction_ratio_base",
        "discount_606",
        "auto_pay_business_first",
        "best_discount",
        "stacking_order",
        "rounding",
        "allocation",
    ];
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            base_value_lower: Bound::Exclusive,
            base_value_upper: Bound::Inclusive,
            base_value_amount: BaseValueAmount::EligiblePayable,
            unknown_limit: Undecided::Indeterminate,
            first_order_unknown: Undecided::Indeterminate,
            max_coupons_per_order: 3,
            max_cash_coupons_per_order: 1,
            cash_with_discount_coupon: false,
            discount_with_coupons: true,
            empower_scope: EmpowerScope::AnyDiscount,
            max_deduction_ratio_base: RatioBase::AfterDiscount,
            discount_606: DiscountFamily::Business,
            auto_pay_business_first: true,
            best_discount: BestDiscount::BestOfferThenLargestSaving,
            stacking_order: StackingOrder::DiscountCashFlexiCardCashCredit,
            rounding: Rounding::TruncatePayableFloorCaps,
            allocation: Allocation::ProportionalLargestRemainder,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_policy_keeps_other_defaults_and_rejects_typos() {
        let p: Policy = crate::json::from_str(r#"{"base_value_lower":"inclusive"}"#).unwrap();
        assert_eq!(p.base_value_lower, Bound::Inclusive);
        assert_eq!(p.base_value_upper, Bound::Inclusive);
        assert_eq!(p.max_coupons_per_order, 3);
        let err = crate::json::from_str::<Policy>(r#"{"base_value_lowr":"inclusive"}"#);
        assert!(err.is_err());
        let json = serde_json::to_string(&Policy::default()).unwrap();
        assert!(json.contains(r#""base_value_lower":"exclusive""#), "{json}");
    }
}
