//! The codes of the quote's rejections: each [`RejectCode`] is a registry code
//! (`codes::rejection`) with its messages in the catalog (`codes::catalog`).

use super::rules::RejectCode;
use crate::codes::catalog::{Texts, messages};
use crate::codes::rejection;
use crate::json::write::write_as_str;

/// Per [`RejectCode`], in declaration order (`code as usize`): the stable code and its
/// messages. A table, not a `match`: one load instead of seventeen arms of stores.
const ENTRIES: [(&str, Texts); 17] = [
    (rejection::UNKNOWN_COUPON, messages::UNKNOWN_COUPON),
    (rejection::UNKNOWN_DISCOUNT, messages::UNKNOWN_DISCOUNT),
    (rejection::DUPLICATE_COUPON, messages::DUPLICATE_COUPON),
    (
        rejection::COUPON_NOT_APPLICABLE,
        messages::COUPON_NOT_APPLICABLE,
    ),
    (
        rejection::COUPON_INDETERMINATE,
        messages::COUPON_INDETERMINATE,
    ),
    (
        rejection::UNSUPPORTED_COUPON_KIND,
        messages::UNSUPPORTED_COUPON_KIND,
    ),
    (rejection::TOO_MANY_COUPONS, messages::TOO_MANY_COUPONS),
    (
        rejection::TOO_MANY_CASH_COUPONS,
        messages::TOO_MANY_CASH_COUPONS,
    ),
    (
        rejection::COUPON_MAX_USE_QUANTITY,
        messages::COUPON_MAX_USE_QUANTITY,
    ),
    (
        rejection::TOO_MANY_DISCOUNT_COUPONS,
        messages::TOO_MANY_DISCOUNT_COUPONS,
    ),
    (
        rejection::CASH_WITH_DISCOUNT_COUPON,
        messages::CASH_WITH_DISCOUNT_COUPON,
    ),
    (
        rejection::DISCOUNT_COUPON_NOT_COMBINABLE,
        messages::DISCOUNT_COUPON_NOT_COMBINABLE,
    ),
    (
        rejection::COUPON_GROUP_CONFLICT,
        messages::COUPON_GROUP_CONFLICT,
    ),
    (rejection::NOTHING_TO_DEDUCT, messages::NOTHING_TO_DEDUCT),
    (
        rejection::DISCOUNT_NOT_APPLICABLE,
        messages::DISCOUNT_NOT_APPLICABLE,
    ),
    (
        rejection::DISCOUNT_NOT_PAYABLE,
        messages::DISCOUNT_NOT_PAYABLE,
    ),
    (
        rejection::ORDER_ADJUSTMENT_MANDATORY,
        messages::ORDER_ADJUSTMENT_MANDATORY,
    ),
];

impl RejectCode {
    /// The stable code and its messages.
    fn entry(self) -> (&'static str, Texts) {
        ENTRIES[self as usize]
    }

    /// The stable code, as written.
    pub fn as_str(self) -> &'static str {
        self.entry().0
    }

    /// The English and Chinese messages (`codes::catalog`).
    pub fn messages(self) -> Texts {
        self.entry().1
    }
}

write_as_str!(RejectCode);

#[cfg(test)]
mod tests {
    use super::RejectCode::{self, *};
    use crate::codes::{catalog, rejection};

    const ALL: [RejectCode; 17] = [
        UnknownCoupon,
        UnknownDiscount,
        DuplicateCoupon,
        CouponNotApplicable,
        CouponIndeterminate,
        UnsupportedCouponKind,
        TooManyCoupons,
        TooManyCashCoupons,
        CouponMaxUseQuantity,
        TooManyDiscountCoupons,
        CashWithDiscountCoupon,
        DiscountCouponNotCombinable,
        CouponGroupConflict,
        NothingToDeduct,
        DiscountNotApplicable,
        DiscountNotPayable,
        OrderAdjustmentMandatory,
    ];

    /// Every variant is registered, written as its registry code, and has both
    /// messages; the registry lists no code the enum lacks.
    #[test]
    fn reject_codes_are_the_registry_set() {
        for c in ALL {
            // The table is in declaration order: each variant is its own code (its name in
            // snake case), not a neighbour's.
            let mut snake = String::new();
            for ch in format!("{c:?}").chars() {
                if ch.is_ascii_uppercase() && !snake.is_empty() {
                    snake.push('_');
                }
                snake.push(ch.to_ascii_lowercase());
            }
            assert_eq!(c.as_str(), snake);
            let wire = crate::json::write::WriteJson::to_json(&c);
            assert_eq!(wire, format!("\"{}\"", c.as_str()));
            assert_eq!(catalog::rejection(c.as_str()), Some(c.messages()));
        }
        let mut ours: Vec<&str> = ALL.iter().map(|c| c.as_str()).collect();
        let mut registered: Vec<&str> = rejection::SET.codes.iter().map(|c| c.code).collect();
        ours.sort_unstable();
        registered.sort_unstable();
        assert_eq!(ours, registered);
    }
}
