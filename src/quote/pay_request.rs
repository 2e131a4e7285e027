//! The PayOrders (v3) body: `POST /v3/orders/customer-orders/pay`.
//!
//! `use_coupon` / `use_discount` are `"YES"` or `"NO"`; with `"NO"` the matching list is left
//! out entirely, because the documentation both says it is ignored and that filling it is a
//! parameter error. At most 3 coupons and exactly one discount.

use crate::discounts::pay_discount_type;
use crate::json::write::{Object, WriteJson};

/// Coupon types of `coupon_infos[].type`.
pub mod coupon_type {
    /// 折扣券 discount coupon.
    pub const DISCOUNT_COUPON: i64 = 300;
    /// 代金券 cash coupon (促销代金券).
    pub const CASH_COUPON: i64 = 301;
    /// 现金券 flexi-purchase coupon.
    pub const FLEXI_PURCHASE_COUPON: i64 = 302;
    /// 储值卡 stored-value card.
    pub const STORED_VALUE_CARD: i64 = 303;
}

/// `"YES"` / `"NO"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "UPPERCASE"))]
pub enum YesNo {
    /// `"YES"`.
    Yes,
    /// `"NO"`.
    No,
}

/// One `coupon_infos` / `discount_infos` element.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PayItem {
    /// Coupon or discount ID.
    pub id: String,
    /// Its PayOrders type code.
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub item_type: i64,
}

/// The PayCustomerOrderV3Req body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PayRequest {
    /// The order to pay; left out when the quote was made before the order existed.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub order_id: Option<String>,
    /// Whether coupons are used.
    pub use_coupon: YesNo,
    /// The coupons, present only with `use_coupon: "YES"`.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub coupon_infos: Option<Vec<PayItem>>,
    /// Whether a discount is used.
    pub use_discount: YesNo,
    /// The discount, present only with `use_discount: "YES"`.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub discount_infos: Option<Vec<PayItem>>,
}

impl PayRequest {
    /// The body for `coupons` (id, PayOrders coupon type, in stacking order) and an optional
    /// discount (id, `discount_type` in either code space).
    pub fn new(
        order_id: Option<String>,
        coupons: Vec<PayItem>,
        discount: Option<(String, i64)>,
    ) -> PayRequest {
        let (use_coupon, coupon_infos) = if coupons.is_empty() {
            (YesNo::No, None)
        } else {
            (YesNo::Yes, Some(coupons))
        };
        let (use_discount, discount_infos) = match discount {
            None => (YesNo::No, None),
            Some((id, code)) => (
                YesNo::Yes,
                Some(vec![PayItem {
                    id,
                    item_type: pay_discount_type(code),
                }]),
            ),
        };
        PayRequest {
            order_id,
            use_coupon,
            coupon_infos,
            use_discount,
            discount_infos,
        }
    }
}

// The serde derives stay for Rust callers that send the body with their own client; the
// binding writes it with these (the tests below hold the two to the same text).
impl WriteJson for YesNo {
    fn write_json(&self, out: &mut String) {
        out.push_str(match self {
            YesNo::Yes => "\"YES\"",
            YesNo::No => "\"NO\"",
        });
    }
}

impl WriteJson for PayItem {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("id", &self.id)
            .field("type", &self.item_type)
            .end();
    }
}

impl WriteJson for PayRequest {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .some("order_id", self.order_id.as_ref())
            .field("use_coupon", &self.use_coupon)
            .some("coupon_infos", self.coupon_infos.as_ref())
            .field("use_discount", &self.use_discount)
            .some("discount_infos", self.discount_infos.as_ref())
            .end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_lists_when_not_used() {
        let body = PayRequest::new(Some("CS1".into()), vec![], None);
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"order_id":"CS1","use_coupon":"NO","use_discount":"NO"}"#
        );
        assert_eq!(body.to_json(), serde_json::to_string(&body).unwrap());
    }

    #[test]
    fn coupons_and_a_discount() {
        let body = PayRequest::new(
            None,
            vec![
                PayItem {
                    id: "c1".into(),
                    item_type: coupon_type::CASH_COUPON,
                },
                PayItem {
                    id: "f1".into(),
                    item_type: coupon_type::FLEXI_PURCHASE_COUPON,
                },
            ],
            Some(("d1".into(), 607)),
        );
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"use_coupon":"YES","coupon_infos":[{"id":"c1","type":301},{"id":"f1","type":302}],"use_discount":"YES","discount_infos":[{"id":"d1","type":3}]}"#
        );
        assert_eq!(body.to_json(), serde_json::to_string(&body).unwrap());
    }
}
