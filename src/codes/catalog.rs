//! The messages of codes, in English and Chinese: the quote's rejections and the details that
//! follow a discount rejection's message ([`Detail`]). (Messages with data of their own are
//! worded where their data is: `registration::messages`, `coupons::verdict`, `api::issue`; each
//! gives `message` and `message_zh` too.)

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

/// What follows the message of a discount rejection (`discount_not_applicable`,
/// `discount_not_payable`): why the option does not fit the order. `{0}`, `{1}`, … are the
/// values of the [`Detail`].
pub mod details {
    use super::Texts;

    /// The option has no `discount_type`, or one that is not a number BSS uses.
    pub const DISCOUNT_TYPE_MISSING: Texts = (
        "discount_type is missing or not a BSS code",
        "discount_type 缺失或不是 BSS 折扣类型",
    );
    /// A `discount_type` PayOrders does not take.
    pub const TYPE_NOT_PAYABLE: Texts = (
        "PayOrders takes discount types 0, 2, 3 and 609",
        "PayOrders 仅支持折扣类型 0、2、3 和 609",
    );
    /// `{0}`: the `discount_mode`.
    pub const UNKNOWN_MODE: Texts = ("unknown discount_mode {0}", "未知的 discount_mode {0}");
    /// `{0}`: the `discount_mode`; `{1}`: the field it needs.
    pub const MODE_WITHOUT_VALUE: Texts = (
        "discount_mode {0} without {1}",
        "discount_mode {0} 缺少 {1}",
    );
    /// Neither API family's amounts.
    pub const NO_AMOUNTS: Texts = (
        "neither a rating result (amount, discount_amount) nor order line items (orders)",
        "既无询价结果（amount、discount_amount），也无订单项（orders）",
    );
    /// `{0}`: the line id.
    pub const LINE_NOT_IN_ORDER: Texts = (
        "line \"{0}\" is not in the order",
        "订单中没有订单项 \"{0}\"",
    );
    /// `{0}`: the line id.
    pub const LINE_RATED_TWICE: Texts = ("line \"{0}\" is rated twice", "订单项 \"{0}\" 重复询价");
    /// `{0}`: the line id.
    pub const LINE_DISCOUNTED_TWICE: Texts = (
        "line \"{0}\" is discounted twice",
        "订单项 \"{0}\" 重复折扣",
    );
    /// `{0}`: the saving; `{1}`: the line id; `{2}`: its official amount.
    pub const SAVING_ABOVE_OFFICIAL: Texts = (
        "saving {0} on line \"{1}\" exceeds its official amount {2}",
        "订单项 \"{1}\" 的折扣金额 {0} 超过官网价 {2}",
    );
    /// `{0}`: the saving; `{1}`: the official amount it applies to.
    pub const SAVING_OUT_OF_RANGE: Texts = (
        "saving {0} is outside [0, {1}] (the official amount it applies to)",
        "折扣金额 {0} 不在 [0, {1}] 范围内（{1} 为适用的官网价）",
    );
    /// A line item group without lines.
    pub const ITEM_WITHOUT_LINES: Texts = (
        "a line item without order_line_item_ids",
        "订单项组缺少 order_line_item_ids",
    );
    /// `{0}`: the ratio.
    pub const RATIO_OUT_OF_RANGE: Texts = (
        "discount_ratio {0} is outside [0, 1]",
        "discount_ratio {0} 不在 [0, 1] 范围内",
    );
    /// A negative saving or line amount (`AllocationError::Negative`, whose text this is).
    pub const ALLOCATION_NEGATIVE: Texts = (
        "allocation of a negative amount or by a negative weight",
        "不能分摊负金额，也不能按负权重分摊",
    );
    /// A saving on lines without amounts (`AllocationError::NoWeight`, whose text this is).
    pub const ALLOCATION_NO_WEIGHT: Texts = (
        "allocation of a non-zero amount over weights that are all zero",
        "各订单项权重均为零，无法分摊非零金额",
    );
    /// `{0}`: the rating error's text (`field: message`, English only: errors are); `{1}`: the
    /// field, named in the Chinese text.
    pub const INVALID_RATING: Texts = ("{0}", "折扣的询价金额无效（{1}）");

    /// Every detail (for the tests).
    pub const ALL: [Texts; 15] = [
        DISCOUNT_TYPE_MISSING,
        TYPE_NOT_PAYABLE,
        UNKNOWN_MODE,
        MODE_WITHOUT_VALUE,
        NO_AMOUNTS,
        LINE_NOT_IN_ORDER,
        LINE_RATED_TWICE,
        LINE_DISCOUNTED_TWICE,
        SAVING_ABOVE_OFFICIAL,
        SAVING_OUT_OF_RANGE,
        ITEM_WITHOUT_LINES,
        RATIO_OUT_OF_RANGE,
        ALLOCATION_NEGATIVE,
        ALLOCATION_NO_WEIGHT,
        INVALID_RATING,
    ];
}

/// A catalog message with its values: written in either language when a view asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    texts: Texts,
    values: Vec<String>,
}

impl Detail {
    /// `texts` with `values` for its `{0}`, `{1}`, … (at most ten).
    #[inline(never)]
    pub fn new(texts: Texts, values: &[&dyn std::fmt::Display]) -> Detail {
        Detail {
            texts,
            values: {
                let mut texts = Vec::with_capacity(values.len());
                for v in values {
                    texts.push(v.to_string());
                }
                texts
            },
        }
    }

    /// The text in Chinese (`zh`) or English.
    pub fn text(&self, zh: bool) -> String {
        let template = if zh { self.texts.1 } else { self.texts.0 };
        // A placeholder is `{` + one digit + `}` (the catalog's tests check the templates).
        crate::text::render(template, &|name, out| {
            let digit = name
                .as_bytes()
                .first()
                .map_or(0xff, |d| d.wrapping_sub(b'0'));
            if let Some(value) = self.values.get(usize::from(digit)) {
                out.push_str(value);
            }
            true
        })
    }
}

impl std::fmt::Display for Detail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(false))
    }
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

    #[test]
    fn details_fill_their_values_once_in_either_language() {
        let d = super::Detail::new(
            super::details::SAVING_ABOVE_OFFICIAL,
            &[&"1.50", &"{2}", &7],
        );
        assert_eq!(
            d.text(false),
            "saving 1.50 on line \"{2}\" exceeds its official amount 7"
        );
        assert_eq!(d.text(true), "订单项 \"{2}\" 的折扣金额 1.50 超过官网价 7");
        assert_eq!(d.to_string(), d.text(false));
        let fixed = super::Detail::new(super::details::TYPE_NOT_PAYABLE, &[]);
        assert_eq!(fixed.text(true), super::details::TYPE_NOT_PAYABLE.1);
    }
}
