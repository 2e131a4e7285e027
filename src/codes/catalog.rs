//! The fixed messages of codes, in English and Chinese: the quote's rejections. (Messages with
//! data are worded where their data is: `registration::messages`, `coupons::verdict`,
//! `api::issue`; each gives `message` and `message_zh` too.)

use super::rejection::*;

/// The English and Chinese message of a rejection code; `None` for a code that is not one.
pub fn rejection(code: &str) -> Option<(&'static str, &'static str)> {
    Some(match code {
        UNKNOWN_COUPON => ("no coupon with this id was given", "未找到该优惠券"),
        UNKNOWN_DISCOUNT => ("no discount with this id was given", "未找到该折扣"),
        DUPLICATE_COUPON => (
            "the coupon id is given more than once; it is used once",
            "优惠券重复选择，只使用一次",
        ),
        COUPON_NOT_APPLICABLE => (
            "the coupon does not apply to this order",
            "该优惠券不适用于此订单",
        ),
        COUPON_INDETERMINATE => (
            "whether the coupon applies can only be checked by Huawei Cloud",
            "该优惠券是否可用需在支付时由华为云确认",
        ),
        UNSUPPORTED_COUPON_KIND => (
            "this kind of coupon cannot be used here",
            "此类优惠券不能在此使用",
        ),
        TOO_MANY_COUPONS => (
            "the order already uses the most coupons allowed",
            "订单使用的优惠券已达上限",
        ),
        TOO_MANY_CASH_COUPONS => (
            "the order already uses a cash coupon",
            "订单已使用一张代金券",
        ),
        COUPON_MAX_USE_QUANTITY => (
            "the order already uses the most coupons of this type the server allows",
            "此类优惠券的使用张数已达上限",
        ),
        TOO_MANY_DISCOUNT_COUPONS => (
            "the order already uses a discount coupon",
            "订单已使用一张折扣券",
        ),
        CASH_WITH_DISCOUNT_COUPON => (
            "a cash coupon and a discount coupon cannot be used together",
            "代金券和折扣券不能同时使用",
        ),
        DISCOUNT_COUPON_NOT_COMBINABLE => (
            "the coupon cannot be combined with a discount coupon",
            "该优惠券不能与折扣券同时使用",
        ),
        COUPON_GROUP_CONFLICT => (
            "KooGallery coupons and 1024 dedicated coupons cannot be used together",
            "云商店优惠券与 1024 专用券不能同时使用",
        ),
        NOTHING_TO_DEDUCT => (
            "the benefits before this coupon already cover everything it could pay",
            "前面的优惠已抵扣全部可抵扣金额",
        ),
        DISCOUNT_NOT_APPLICABLE => (
            "the discount does not fit this order",
            "该折扣不适用于此订单",
        ),
        DISCOUNT_NOT_PAYABLE => (
            "PayOrders cannot pay with this discount",
            "PayOrders 不能使用该折扣支付",
        ),
        ORDER_ADJUSTMENT_MANDATORY => (
            "the order carries a price adjustment (609) that must be used instead",
            "订单有调价（609），须使用调价",
        ),
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
