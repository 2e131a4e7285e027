//! The fixed messages of codes, in English and Chinese: the quote's rejections. (Messages with
//! data are worded where their data is: `registration::messages`, `coupons::verdict`,
//! `api::issue`; each gives `message` and `message_zh` too.)

/// A message in English and in Chinese.
pub type Texts = (&'static str, &'static str);

/// The messages of the rejection codes (`codes::rejection`), one constant per code.
pub mod messages {
    use super::Texts;

    /// `unknown_coupon`.
    pub const UNKNOWN_COUPON: Texts = ("no coupon with this id was given", "未找到该优惠券");
    /// `unknown_discount`.
    pub const UNKNOWN_DISCOUNT: Texts = ("no discount with this id was given", "未找到该折扣");
    /// `duplicate_coupon`.
    pub const DUPLICATE_COUPON: Texts = (
        "the coupon id is given more than once; it is used once",
        "优惠券重复选择，只使用一次",
    );
    /// `coupon_not_applicable`.
    pub const COUPON_NOT_APPLICABLE: Texts = (
        "the coupon does not apply to this order",
        "该优惠券不适用于此订单",
    );
    /// `coupon_indeterminate`.
    pub const COUPON_INDETERMINATE: Texts = (
        "whether the coupon applies can only be checked by Huawei Cloud",
        "该优惠券是否可用需在支付时由华为云确认",
    );
    /// `unsupported_coupon_kind`.
    pub const UNSUPPORTED_COUPON_KIND: Texts = (
        "this kind of coupon cannot be used here",
        "此类优惠券不能在此使用",
    );
    /// `too_many_coupons`.
    pub const TOO_MANY_COUPONS: Texts = (
        "the order already uses the most coupons allowed",
        "订单使用的优惠券已达上限",
    );
    /// `too_many_cash_coupons`.
    pub const TOO_MANY_CASH_COUPONS: Texts = (
        "the order already uses a cash coupon",
        "订单已使用一张代金券",
    );
    /// `coupon_max_use_quantity`.
    pub const COUPON_MAX_USE_QUANTITY: Texts = (
        "the order already uses the most coupons of this type the server allows",
        "此类优惠券的使用张数已达上限",
    );
    /// `too_many_discount_coupons`.
    pub const TOO_MANY_DISCOUNT_COUPONS: Texts = (
        "the order already uses a discount coupon",
        "订单已使用一张折扣券",
    );
    /// `cash_with_discount_coupon`.
    pub const CASH_WITH_DISCOUNT_COUPON: Texts = (
        "a cash coupon and a discount coupon cannot be used together",
        "代金券和折扣券不能同时使用",
    );
    /// `discount_coupon_not_combinable`.
    pub const DISCOUNT_COUPON_NOT_COMBINABLE: Texts = (
        "the coupon cannot be combined with a discount coupon",
        "该优惠券不能与折扣券同时使用",
    );
    /// `coupon_group_conflict`.
    pub const COUPON_GROUP_CONFLICT: Texts = (
        "KooGallery coupons and 1024 dedicated coupons cannot be used together",
        "云商店优惠券与 1024 专用券不能同时使用",
    );
    /// `nothing_to_deduct`.
    pub const NOTHING_TO_DEDUCT: Texts = (
        "the benefits before this coupon already cover everything it could pay",
        "前面的优惠已抵扣全部可抵扣金额",
    );
    /// `discount_not_applicable`.
    pub const DISCOUNT_NOT_APPLICABLE: Texts = (
        "the discount does not fit this order",
        "该折扣不适用于此订单",
    );
    /// `discount_not_payable`.
    pub const DISCOUNT_NOT_PAYABLE: Texts = (
        "PayOrders cannot pay with this discount",
        "PayOrders 不能使用该折扣支付",
    );
    /// `order_adjustment_mandatory`.
    pub const ORDER_ADJUSTMENT_MANDATORY: Texts = (
        "the order carries a price adjustment (609) that must be used instead",
        "订单有调价（609），须使用调价",
    );
}

/// The messages of a rejection code; `None` for a code that is not one.
pub fn rejection(code: &str) -> Option<Texts> {
    use super::rejection as code;
    Some(match code {
        code::UNKNOWN_COUPON => messages::UNKNOWN_COUPON,
        code::UNKNOWN_DISCOUNT => messages::UNKNOWN_DISCOUNT,
        code::DUPLICATE_COUPON => messages::DUPLICATE_COUPON,
        code::COUPON_NOT_APPLICABLE => messages::COUPON_NOT_APPLICABLE,
        code::COUPON_INDETERMINATE => messages::COUPON_INDETERMINATE,
        code::UNSUPPORTED_COUPON_KIND => messages::UNSUPPORTED_COUPON_KIND,
        code::TOO_MANY_COUPONS => messages::TOO_MANY_COUPONS,
        code::TOO_MANY_CASH_COUPONS => messages::TOO_MANY_CASH_COUPONS,
        code::COUPON_MAX_USE_QUANTITY => messages::COUPON_MAX_USE_QUANTITY,
        code::TOO_MANY_DISCOUNT_COUPONS => messages::TOO_MANY_DISCOUNT_COUPONS,
        code::CASH_WITH_DISCOUNT_COUPON => messages::CASH_WITH_DISCOUNT_COUPON,
        code::DISCOUNT_COUPON_NOT_COMBINABLE => messages::DISCOUNT_COUPON_NOT_COMBINABLE,
        code::COUPON_GROUP_CONFLICT => messages::COUPON_GROUP_CONFLICT,
        code::NOTHING_TO_DEDUCT => messages::NOTHING_TO_DEDUCT,
        code::DISCOUNT_NOT_APPLICABLE => messages::DISCOUNT_NOT_APPLICABLE,
        code::DISCOUNT_NOT_PAYABLE => messages::DISCOUNT_NOT_PAYABLE,
        code::ORDER_ADJUSTMENT_MANDATORY => messages::ORDER_ADJUSTMENT_MANDATORY,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::rejection::SET;

    #[test]
    fn every_rejection_code_has_both_messages() {
        for c in SET.codes {
            let (en, zh) = super::rejection(c.code).unwrap_or_else(|| panic!("{}", c.code));
            assert!(
                !en.is_empty() && zh.chars().any(|ch| ch > '\u{2e80}'),
                "{}",
                c.code
            );
        }
        assert_eq!(super::rejection("invalid_order"), None);
    }
}
