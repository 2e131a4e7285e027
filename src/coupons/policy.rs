//! [`Policy`]: the choices made where Huawei's documentation is silent or contradicts itself
//! (DESIGN.md "Policies"). Every field has the documented default; callers override single
//! fields (`{ policy: { base_value_lower: "inclusive" } }`) and the quote reports the policy it
//! used. Unknown fields are rejected so that a typo does not silently keep a default.

use crate::json::write::{Object, WriteJson, write_as_str};

/// Whether a bound admits the value equal to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Bound {
    /// `amount > bound` (lower) / `amount < bound` (upper).
    Exclusive,
    /// `amount ≥ bound` (lower) / `amount ≤ bound` (upper).
    Inclusive,
}

/// Which amount the `baseValue` range is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum BaseValueAmount {
    /// Payable sum of the lines that satisfy the coupon's other limits (billing FAQ).
    EligiblePayable,
    /// Payable sum of the whole order.
    OrderPayable,
}

/// What a verdict says when the engine cannot decide a limit locally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Undecided {
    /// The coupon is `indeterminate`: the preview defers to BSS.
    Indeterminate,
    /// The coupon is `not_applicable`: the preview never shows it as usable.
    NotApplicable,
}

/// Which discounts `simultaneousUseWithEmpowerDiscount = 0` excludes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum RatioBase {
    /// The order's payable total after the discount and after the cash coupon (代金券) that
    /// applies before the capped coupon: the smallest base, so the smallest cap.
    AfterCashCoupon,
    /// The order's payable total after the discount ("order total" read as payable).
    AfterDiscount,
    /// The order's list-price total.
    Official,
}

/// The BSS discount family a rating code 606 (渠道商务合同折扣) belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum DiscountFamily {
    /// A business (商务) discount.
    Business,
    /// A partner (伙伴) discount.
    Partner,
}

/// Which lines of an order a `coupon_group` 3 (hardware only) coupon that
/// ListOrderCouponsByOrderId listed for the order marks as hardware (`quoteOrder`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ListedHardwareCoupon {
    /// Every line, only when all lines are of one product; on lines of different products
    /// none is marked and the coupon is refused (`hardware_only`).
    OneProduct,
    /// Every line of the order, whatever its product.
    EveryLine,
}

/// How the best discount is chosen (the only rule; reported by the quote).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum BestDiscount {
    /// The element flagged `best_offer = 1`; else the largest saving among business and
    /// partner discounts, ties to business; promotions are never "best".
    BestOfferThenLargestSaving,
}

/// Order in which benefits are deducted (the only rule; reported by the quote).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum StackingOrder {
    /// One discount (or a discount coupon) → cash coupon → flexi-purchase coupons →
    /// stored-value card → cash balance → credit balance.
    DiscountCashFlexiCardCashCredit,
}

/// Rounding of money results (the only rule; reported by the quote).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Rounding {
    /// Full precision inside; payable truncated to 0.01 (the cut is `truncated_amount`);
    /// ratio caps floored to 0.01.
    TruncatePayableFloorCaps,
}

/// Allocation of order-level amounts to lines (the only rule; reported by the quote).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Allocation {
    /// Proportional to the eligible line amounts, largest remainder to the cent.
    ProportionalLargestRemainder,
}

/// The wire names of a policy enum: one table for the reader (`NAMES`) and the writer
/// (`as_str`, [`WriteJson`]).
macro_rules! wire_names {
    ($($t:ident { $($v:ident = $n:literal),+ $(,)? })+) => {$(
        impl $t {
            /// Every value with its wire name.
            pub const NAMES: &'static [(&'static str, $t)] = &[$(($n, $t::$v)),+];

            /// The wire names alone, in the order of `NAMES` (what the reader matches).
            pub const WIRE: &'static [&'static str] = &[$($n),+];

            /// The wire name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($t::$v => $n),+
                }
            }
        }
        write_as_str!($t);
    )+};
}

wire_names! {
    Bound {
        Exclusive = "exclusive",
        Inclusive = "inclusive",
    }
    BaseValueAmount {
        EligiblePayable = "eligible_payable",
        OrderPayable = "order_payable",
    }
    Undecided {
        Indeterminate = "indeterminate",
        NotApplicable = "not_applicable",
    }
    EmpowerScope {
        AnyDiscount = "any_discount",
        BusinessAndPartner = "business_and_partner",
        Partner = "partner",
    }
    RatioBase {
        AfterCashCoupon = "after_cash_coupon",
        AfterDiscount = "after_discount",
        Official = "official",
    }
    DiscountFamily {
        Business = "business",
        Partner = "partner",
    }
    ListedHardwareCoupon {
        OneProduct = "one_product",
        EveryLine = "every_line",
    }
    BestDiscount {
        BestOfferThenLargestSaving = "best_offer_then_largest_saving",
    }
    StackingOrder {
        DiscountCashFlexiCardCashCredit = "discount_cash_flexi_card_cash_credit",
    }
    Rounding {
        TruncatePayableFloorCaps = "truncate_payable_floor_caps",
    }
    Allocation {
        ProportionalLargestRemainder = "proportional_largest_remainder",
    }
}

/// The policy fields with their DESIGN.md defaults (see [`Policy::default`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct Policy {
    /// `baseValue` lower bound: exclusive. Source: billing FAQ explains "满¥100可用" as the
    /// eligible payable sum "大于 100" (spec coupons §4.1 row 1, §8 example 6). Safe: the equal
    /// amount gets no coupon, so the preview never counts on one BSS may refuse.
    pub base_value_lower: Bound,
    /// `baseValue` upper bound: exclusive. The docs are silent (spec coupons §9); the exclusive
    /// reading refuses the coupon at the bound, so a preview never promises a coupon BSS may
    /// refuse (issue 13: never preview less than BSS may charge). "inclusive" stays selectable.
    pub base_value_upper: Bound,
    /// Amount compared with `baseValue`: the eligible lines' payable sum (after the discount,
    /// before coupons). Source: billing FAQ "满¥100可用" — the payable sum of the products the
    /// coupon covers (spec coupons §4.1 row 1, §6.2).
    pub base_value_amount: BaseValueAmount,
    /// A `limit_key` the engine does not know: `indeterminate` (never "no restriction").
    /// Source: spec coupons §4.1 ("treat unknown keys as not evaluable client-side"). Safe: the
    /// quote never uses an indeterminate coupon.
    pub unknown_limit: Undecided,
    /// `firstOrderInService` when the order carries no history for the service:
    /// `indeterminate`.
    pub first_order_unknown: Undecided,
    /// Coupons per order in total: 3. Source: PayOrders `coupon_infos` "目前支持传递最多三个"
    /// (spec coupons §6.1, §7). A policy may lower it, never raise it: the quote caps it at 3
    /// so that its `pay_request` always passes PayOrders (issue 13 item 4).
    pub max_coupons_per_order: u32,
    /// Cash coupons (代金券) per order: 1. Source: billing center "一个订单只能使用一张代金券"
    /// (spec coupons §6.1); `coupon_max_use_quantity` from the server wins when given.
    pub max_cash_coupons_per_order: u32,
    /// Whether a cash coupon and a discount coupon may be used together: no. Source: PayOrders
    /// error CBC.99003147 (spec coupons §6.1, §7).
    pub cash_with_discount_coupon: bool,
    /// Whether a discount and coupons may be combined at all: yes, unless a coupon flag
    /// forbids it. Source: the current PayOrders text with its per-coupon exclusion flags (spec
    /// coupons §6.3; pricing §3.3); the older appendix "使用优惠券支付将不能再享受折扣优惠" is
    /// selectable (`false`). The flags default to their strict readings, so BSS cannot refuse
    /// a combination the quote shows.
    pub discount_with_coupons: bool,
    /// Discounts excluded by `simultaneousUseWithEmpowerDiscount = 0`: every discount. Source:
    /// PayOrders v3 "…值为0，则折扣和优惠券不能同时使用" (no kind named). Safe: the widest
    /// exclusion; the limit table's narrower readings stay selectable (issue 13 item 5).
    pub empower_scope: EmpowerScope,
    /// Base of the `maxDeductionRatio` cap: the amount after discount and after the cash coupon
    /// (代金券) stacked before it ("order total" read as the payable order total; partner console
    /// "占订单总金额的比例", spec coupons §6.2 step 4). Whether the 代金券 comes off first is not
    /// stated \[gap\]: after it, the base and so the cap are smallest, the payable highest
    /// (issue 13: never preview less than BSS may charge). `after_discount` (DESIGN's reading)
    /// and the list-price base (`official`) are selectable.
    pub max_deduction_ratio_base: RatioBase,
    /// The family of rating discount code 606: business. Source: doc table and old Go SDK
    /// label 606 "渠道商务合同折扣" (pricing §1.4); SDK 3.1.219's "伙伴授予折扣" is selectable.
    pub discount_606: DiscountFamily,
    /// Whether a business discount wins under auto-pay: yes. Source: ListRateOnPeriodDetail
    /// function description (pricing §1.5 rule 3). Coupons under auto-pay are chosen by BSS
    /// by an undocumented rule \[gap\]: the quote previews the coupons it is given.
    pub auto_pay_business_first: bool,
    /// Lines a `coupon_group` 3 (hardware only) coupon listed by ListOrderCouponsByOrderId
    /// marks as hardware in `quoteOrder`: `one_product`. The order details never say which
    /// lines are hardware; a listing for an order of one product can only mean that product
    /// is. On lines of different products which of them BSS counts is not stated \[gap\]:
    /// marking none refuses the coupon, the higher payable. `every_line` (the whole order
    /// taken as hardware on BSS's word) is selectable.
    pub listed_hardware_coupon: ListedHardwareCoupon,
    /// How the best discount is chosen.
    pub best_discount: BestDiscount,
    /// Order of deductions.
    pub stacking_order: StackingOrder,
    /// Rounding of money results: full precision inside, payable truncated to the cent (抹零,
    /// pricing §4.4 fact 1), ratio caps and discount-coupon savings floored to the cent (spec
    /// coupons §6.6 \[derived\]) — a cap is never above what BSS could allow.
    pub rounding: Rounding,
    /// Allocation of order-level amounts to lines.
    pub allocation: Allocation,
}

impl Policy {
    /// The field names, as written in JSON.
    pub const FIELDS: [&'static str; 18] = [
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
        "listed_hardware_coupon",
        "best_discount",
        "stacking_order",
        "rounding",
        "allocation",
    ];
}

/// Every field, in [`Policy::FIELDS`] order.
impl WriteJson for Policy {
    fn write_json(&self, out: &mut String) {
        let p = self;
        Object::new(out)
            .field("base_value_lower", &p.base_value_lower)
            .field("base_value_upper", &p.base_value_upper)
            .field("base_value_amount", &p.base_value_amount)
            .field("unknown_limit", &p.unknown_limit)
            .field("first_order_unknown", &p.first_order_unknown)
            .field("max_coupons_per_order", &p.max_coupons_per_order)
            .field("max_cash_coupons_per_order", &p.max_cash_coupons_per_order)
            .field("cash_with_discount_coupon", &p.cash_with_discount_coupon)
            .field("discount_with_coupons", &p.discount_with_coupons)
            .field("empower_scope", &p.empower_scope)
            .field("max_deduction_ratio_base", &p.max_deduction_ratio_base)
            .field("discount_606", &p.discount_606)
            .field("auto_pay_business_first", &p.auto_pay_business_first)
            .field("listed_hardware_coupon", &p.listed_hardware_coupon)
            .field("best_discount", &p.best_discount)
            .field("stacking_order", &p.stacking_order)
            .field("rounding", &p.rounding)
            .field("allocation", &p.allocation)
            .end();
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            base_value_lower: Bound::Exclusive,
            base_value_upper: Bound::Exclusive,
            base_value_amount: BaseValueAmount::EligiblePayable,
            unknown_limit: Undecided::Indeterminate,
            first_order_unknown: Undecided::Indeterminate,
            max_coupons_per_order: 3,
            max_cash_coupons_per_order: 1,
            cash_with_discount_coupon: false,
            discount_with_coupons: true,
            empower_scope: EmpowerScope::AnyDiscount,
            max_deduction_ratio_base: RatioBase::AfterCashCoupon,
            discount_606: DiscountFamily::Business,
            auto_pay_business_first: true,
            listed_hardware_coupon: ListedHardwareCoupon::OneProduct,
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
        let p: Policy = serde_json::from_str(r#"{"base_value_lower":"inclusive"}"#).unwrap();
        assert_eq!(p.base_value_lower, Bound::Inclusive);
        assert_eq!(p.base_value_upper, Bound::Exclusive);
        assert_eq!(p.max_coupons_per_order, 3);
        let err = serde_json::from_str::<Policy>(r#"{"base_value_lowr":"inclusive"}"#);
        assert!(err.is_err());
        let json = Policy::default().to_json();
        assert!(json.contains(r#""base_value_lower":"exclusive""#), "{json}");
    }

    /// The serde derives (Rust callers) read the names the reader and the writer use.
    #[test]
    fn serde_names_are_the_wire_names() {
        fn check<T>(names: &[(&str, T)])
        where
            T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug + Copy + WriteJson,
        {
            for &(name, value) in names {
                let text = format!("\"{name}\"");
                assert_eq!(serde_json::from_str::<T>(&text).unwrap(), value);
                assert_eq!(value.to_json(), text);
            }
        }
        check(Bound::NAMES);
        check(BaseValueAmount::NAMES);
        check(Undecided::NAMES);
        check(EmpowerScope::NAMES);
        check(RatioBase::NAMES);
        check(DiscountFamily::NAMES);
        check(ListedHardwareCoupon::NAMES);
        check(BestDiscount::NAMES);
        check(StackingOrder::NAMES);
        check(Rounding::NAMES);
        check(Allocation::NAMES);
    }
}
