//! [`Coupon`]: a coupon exactly as BSS sends it.
//!
//! One type reads the objects of ListSubCustomerCoupons (`IQueryUserCouponsResultV2`, with
//! `valid_time`), ListOrderCouponsByOrderId (`CouponInfoV2`, with `effective_time`),
//! ListIssuedPartnerCoupons (`IQueryUserPartnerCouponsResultV2`) and ListStoredValueCards
//! (`card_id`). Amounts may be JSON numbers or strings and are read from their text.
//!
//! Reading never fails (the one reader's lenient mode, [`crate::json::read::Lenient`]): a
//! field that cannot be read is recorded in [`Coupon::malformed`] and
//! the coupon's verdict becomes `indeterminate` (`malformed_coupon`), so one bad coupon does
//! not hide the verdicts of the others. Unknown fields are ignored.

#[cfg(feature = "serde")]
use serde::{Deserialize, Deserializer};

use crate::json::read::{Lenient, member};
/// The JSON type of a value, for error messages.
pub(crate) use crate::json::tree::type_name as json_type;
use crate::json::tree::{JsonNode, Node};

use super::timestamp::Timestamp;
use crate::money::Amount;

/// The most coupons one call evaluates.
pub const MAX_COUPONS: usize = 1000;

/// The most `use_limits` rows a coupon may have; more make it malformed.
pub const MAX_USE_LIMITS: usize = 100;

/// The longest id or limit value read; longer text makes the field malformed.
pub const MAX_TEXT_LEN: usize = 8192;

/// What a coupon is, whichever `coupon_type` code space it came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CouponKind {
    /// 代金券: list code `1`, order/pay code `301`.
    CashCoupon,
    /// 折扣券: list code `2`, order/pay code `300`.
    DiscountCoupon,
    /// 现金券: list code `4`, order/pay code `302`.
    FlexiPurchaseCoupon,
    /// 储值卡: order/pay code `303` (ListStoredValueCards objects have no type code).
    StoredValueCard,
    /// 产品券: list code `3`; BSS documents no rules for it.
    ProductCoupon,
}

impl CouponKind {
    /// The kind of a `coupon_type` code from either code space (1–4 or 300–303).
    pub fn from_code(code: i64) -> Option<CouponKind> {
        match code {
            1 | 301 => Some(CouponKind::CashCoupon),
            2 | 300 => Some(CouponKind::DiscountCoupon),
            3 => Some(CouponKind::ProductCoupon),
            4 | 302 => Some(CouponKind::FlexiPurchaseCoupon),
            303 => Some(CouponKind::StoredValueCard),
            _ => None,
        }
    }

    /// The PayOrders `coupon_infos[].type` code (300–303); `None` for product coupons.
    pub fn pay_type(self) -> Option<u16> {
        match self {
            CouponKind::DiscountCoupon => Some(300),
            CouponKind::CashCoupon => Some(301),
            CouponKind::FlexiPurchaseCoupon => Some(302),
            CouponKind::StoredValueCard => Some(303),
            CouponKind::ProductCoupon => None,
        }
    }

    /// The wire name (`cash_coupon`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            CouponKind::CashCoupon => "cash_coupon",
            CouponKind::DiscountCoupon => "discount_coupon",
            CouponKind::FlexiPurchaseCoupon => "flexi_purchase_coupon",
            CouponKind::StoredValueCard => "stored_value_card",
            CouponKind::ProductCoupon => "product_coupon",
        }
    }
}

/// One `use_limits` row (`ICouponUseLimitInfoV2` / `LimitInfoV2`), values as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct UseLimit {
    /// The restriction key (`baseValue`, `serviceType`, …).
    pub limit_key: Option<String>,
    /// First value (meaning depends on the key).
    pub value1: Option<String>,
    /// Second value (meaning depends on the key).
    pub value2: Option<String>,
    /// Why the row itself could not be read (not an object, a value not text), if so.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub malformed: Option<String>,
}

/// A field of a coupon that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Malformed {
    /// The field (`coupon_id`, `face_value`, `use_limits[2]`).
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

/// A coupon as BSS sends it, read leniently (see the module docs).
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Coupon {
    /// `coupon_id`.
    pub coupon_id: Option<String>,
    /// `card_id` of a ListStoredValueCards object (whose `status` codes are 1 usable,
    /// 2 used up).
    pub card_id: Option<String>,
    /// `coupon_code`.
    pub coupon_code: Option<String>,
    /// `coupon_type` as sent (1–4 or 300–303).
    pub coupon_type: Option<i64>,
    /// The kind `coupon_type` maps to (a stored-value card when only `card_id` is given).
    pub kind: Option<CouponKind>,
    /// `status`: 1 not activated, 2 usable, 3 used, 4 expired, 5 reclaimed.
    pub status: Option<i64>,
    /// `face_value` (元).
    pub face_value: Option<Amount>,
    /// `balance` (元), for new-version coupons and stored-value cards.
    pub balance: Option<Amount>,
    /// `coupon_version`: 1 old (single use), 2 new (reusable while balance remains).
    pub coupon_version: Option<i64>,
    /// `coupon_group`: 0 Huawei Cloud, 1 KooGallery, 2 1024 dedicated, 3 hardware.
    pub coupon_group: Option<i64>,
    /// `valid_time` (ListSubCustomerCoupons) or `effective_time` (the other APIs).
    pub effective_time: Option<Timestamp>,
    /// `expire_time`.
    pub expire_time: Option<Timestamp>,
    /// `is_frozen` ("0"/"1").
    pub is_frozen: Option<bool>,
    /// `lock_order_id`: the order holding part of a new-version coupon.
    pub lock_order_id: Option<String>,
    /// `used_by_order_id`: the order that exclusively occupies the coupon.
    pub used_by_order_id: Option<String>,
    /// `currency`.
    pub currency: Option<String>,
    /// `measure_id` (1 = 元).
    pub measure_id: Option<i64>,
    /// `use_limits`, in order.
    pub use_limits: Vec<UseLimit>,
    /// Fields that could not be read.
    pub malformed: Vec<Malformed>,
}

#[cfg(feature = "serde")]
impl<'de> Deserialize<'de> for Coupon {
    /// Accepts any JSON value; see [`Coupon::from_value`].
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(deserializer).map(|v| Coupon::from_value(&v))
    }
}

fn read_use_limit(v: &Node<'_>) -> UseLimit {
    let Node::Object(members) = v else {
        return UseLimit {
            malformed: Some(format!("expected an object, got {}", json_type(v))),
            ..UseLimit::default()
        };
    };
    // A row keeps `""` values (only the coupon's own fields read `""` as absent), and names
    // its last problem.
    let mut r = Lenient::new(members).keeping_empty();
    let limit_key = r.text("limit_key", MAX_TEXT_LEN);
    let value1 = r.text("value1", MAX_TEXT_LEN);
    let value2 = r.text("value2", MAX_TEXT_LEN);
    let malformed = r.problems.pop().map(|(field, message)| {
        if message.starts_with("longer") {
            format!("{field} is {message}")
        } else {
            format!("{field}: {message}")
        }
    });
    UseLimit {
        limit_key,
        value1,
        value2,
        malformed,
    }
}

/// A time field, recorded as malformed when it is not an ISO 8601 time.
fn time(r: &mut Lenient<'_, '_>, field: &str) -> Option<Timestamp> {
    let text = r.text(field, MAX_TEXT_LEN)?;
    match Timestamp::parse(&text) {
        Ok(t) => Some(t),
        Err(e) => {
            r.bad(field, super::message::to_text(&e));
            None
        }
    }
}

impl Coupon {
    /// Reads a coupon from any JSON value (a `serde_json::Value` or the binding's
    /// [`Node`]); never fails (see the module docs).
    pub fn from_value<N: JsonNode>(value: &N) -> Coupon {
        Coupon::from_node(&value.as_node())
    }

    fn from_node(value: &Node<'_>) -> Coupon {
        Coupon::from_node_keeping(value, &|_| true)
    }

    /// [`Coupon::from_value`] with only the `use_limits` rows `keep` keeps (`quoteOrder`
    /// leaves out the rows BSS vouched for when it listed the coupon for the order): the
    /// coupon reads as if the others were not in its JSON.
    pub(crate) fn from_node_keeping(value: &Node<'_>, keep: &dyn Fn(&Node<'_>) -> bool) -> Coupon {
        let Node::Object(members) = value else {
            return Coupon {
                malformed: vec![Malformed {
                    field: String::new(),
                    message: format!("expected a coupon object, got {}", json_type(value)),
                }],
                ..Coupon::default()
            };
        };
        let mut r = Lenient::new(members);
        let coupon_id = r.text("coupon_id", MAX_TEXT_LEN);
        let card_id = r.text("card_id", MAX_TEXT_LEN);
        let coupon_type = r.int("coupon_type");
        let mut kind = coupon_type.and_then(CouponKind::from_code);
        if coupon_type.is_none() && card_id.is_some() && r.get("coupon_type").is_none() {
            kind = Some(CouponKind::StoredValueCard);
        }
        if coupon_id.is_none() && card_id.is_none() && !r.is_bad("coupon_id") {
            r.bad("coupon_id", "missing");
        }
        match coupon_type {
            Some(code) if kind.is_none() => r.bad(
                "coupon_type",
                format!("unknown coupon type {code} (expected 1–4 or 300–303)"),
            ),
            None if kind.is_none() && !r.is_bad("coupon_type") => r.bad("coupon_type", "missing"),
            _ => {}
        }
        let status = r.int("status");
        let face_value = r.amount("face_value");
        let balance = r.amount("balance");
        let coupon_version = r.int("coupon_version");
        let coupon_group = r.int("coupon_group");
        let effective_time = if r.get("valid_time").is_some() {
            time(&mut r, "valid_time")
        } else {
            time(&mut r, "effective_time")
        };
        let expire_time = time(&mut r, "expire_time");
        let is_frozen = r.flag("is_frozen");
        let lock_order_id = r.text("lock_order_id", MAX_TEXT_LEN);
        let used_by_order_id = r.text("used_by_order_id", MAX_TEXT_LEN);
        let currency = r.text("currency", MAX_TEXT_LEN);
        let measure_id = r.int("measure_id");
        // `member`, not `get`: `""` here is a wrong type, not an absent list.
        let use_limits = match member(members, "use_limits") {
            None | Some(Node::Null) => Vec::new(),
            Some(Node::Array(rows)) => {
                let count = rows.iter().filter(|row| keep(row)).count();
                if count > MAX_USE_LIMITS {
                    r.bad(
                        "use_limits",
                        format!("{count} rows, more than {MAX_USE_LIMITS}"),
                    );
                    Vec::new()
                } else {
                    // A plain loop: the iterator chain's `collect` was ~1 KB of wasm.
                    let mut kept = Vec::with_capacity(count);
                    for row in rows {
                        if keep(row) {
                            kept.push(read_use_limit(row));
                        }
                    }
                    kept
                }
            }
            Some(other) => {
                let ty = json_type(other);
                r.bad("use_limits", format!("expected an array, got {ty}"));
                Vec::new()
            }
        };
        let coupon_code = r.text("coupon_code", MAX_TEXT_LEN);
        // Moved out by a plain loop (no in-place `collect` machinery in the wasm).
        let mut malformed = Vec::with_capacity(r.problems.len());
        for (field, message) in &mut r.problems {
            malformed.push(Malformed {
                field: std::mem::take(field),
                message: std::mem::take(message),
            });
        }
        Coupon {
            coupon_id,
            card_id,
            coupon_code,
            coupon_type,
            kind,
            status,
            face_value,
            balance,
            coupon_version,
            coupon_group,
            effective_time,
            expire_time,
            is_frozen,
            lock_order_id,
            used_by_order_id,
            currency,
            measure_id,
            use_limits,
            malformed,
        }
    }

    /// The id verdicts report: `coupon_id`, else `card_id`, else `""`.
    pub fn id(&self) -> &str {
        self.coupon_id
            .as_deref()
            .or(self.card_id.as_deref())
            .unwrap_or_default()
    }

    /// Whether this is a ListStoredValueCards object (`card_id`, no `coupon_id`): its
    /// `status` uses the card codes.
    pub fn is_stored_value_card_object(&self) -> bool {
        self.coupon_id.is_none() && self.card_id.is_some()
    }

    /// Reads a coupon from JSON text; only text that is not JSON is an error.
    pub fn from_json(text: &str) -> Result<Coupon, crate::json::JsonError> {
        crate::json::read::tree(text).map(|n| Coupon::from_node(&n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Coupon {
        Coupon::from_json(text).unwrap()
    }

    #[test]
    fn both_code_spaces_map_to_one_kind() {
        for (code, kind) in [
            (1, CouponKind::CashCoupon),
            (301, CouponKind::CashCoupon),
            (2, CouponKind::DiscountCoupon),
            (300, CouponKind::DiscountCoupon),
            (4, CouponKind::FlexiPurchaseCoupon),
            (302, CouponKind::FlexiPurchaseCoupon),
            (303, CouponKind::StoredValueCard),
            (3, CouponKind::ProductCoupon),
        ] {
            assert_eq!(CouponKind::from_code(code), Some(kind), "{code}");
        }
        assert_eq!(CouponKind::from_code(5), None);
        assert_eq!(CouponKind::from_code(304), None);
    }

    #[test]
    fn reads_list_and_order_shapes_exactly() {
        let c = read(
            r#"{"coupon_id":"C1","coupon_type":1,"status":2,"face_value":100.10,
                "balance":"20.005","coupon_version":2,"valid_time":"2024-01-01T00:00:00Z",
                "expire_time":"2025-01-01T00:00:00Z","is_frozen":"0","lock_order_id":"",
                "use_limits":[{"limit_key":"baseValue","value1":"100","value2":""}]}"#,
        );
        assert!(c.malformed.is_empty(), "{:?}", c.malformed);
        assert_eq!(c.face_value.unwrap().to_string(), "100.1");
        assert_eq!(c.balance.unwrap().to_string(), "20.005");
        assert_eq!(c.lock_order_id, None);
        assert_eq!(c.is_frozen, Some(false));
        assert_eq!(c.use_limits[0].value2.as_deref(), Some(""));

        let c = read(
            r#"{"coupon_id":"C2","coupon_type":300,"status":1,"face_value":"5",
                "effective_time":"2024-01-01T00:00:00Z","used_by_order_id":"O1"}"#,
        );
        assert_eq!(c.kind, Some(CouponKind::DiscountCoupon));
        assert!(c.effective_time.is_some());
        assert_eq!(c.used_by_order_id.as_deref(), Some("O1"));

        let card = read(r#"{"card_id":"S1","face_value":"50","balance":"12.5","status":1}"#);
        assert_eq!(card.kind, Some(CouponKind::StoredValueCard));
        assert_eq!(card.id(), "S1");
        assert!(card.is_stored_value_card_object());
    }

    #[test]
    fn bad_fields_are_recorded_not_fatal() {
        let c = read(r#"{"coupon_type":9,"face_value":"abc","is_frozen":"yes","use_limits":[1]}"#);
        let fields: Vec<&str> = c.malformed.iter().map(|m| m.field.as_str()).collect();
        assert_eq!(
            fields,
            ["coupon_id", "coupon_type", "face_value", "is_frozen"]
        );
        assert!(c.use_limits[0].malformed.is_some());
        let c = read("[]");
        assert_eq!(c.malformed.len(), 1);
        assert!(c.malformed[0].message.contains("array"));
    }

    #[test]
    fn use_limit_rows_keep_empty_values_and_name_their_last_problem() {
        let long = "x".repeat(MAX_TEXT_LEN + 1);
        let c = read(&format!(
            r#"{{"coupon_id":"c","coupon_type":1,"use_limits":[
                {{"limit_key":"","value1":null,"value2":7}},
                {{"limit_key":[],"value1":"{long}"}},
                {{"limit_key":"k","value2":true}}],"coupon_code":"","status":" 2 "}}"#
        ));
        assert!(c.malformed.is_empty(), "{:?}", c.malformed);
        assert_eq!(c.status, Some(2));
        assert_eq!(c.coupon_code, None, "\"\" is absent on the coupon");
        let rows = &c.use_limits;
        assert_eq!(
            rows[0].limit_key.as_deref(),
            Some(""),
            "\"\" is kept in a row"
        );
        assert_eq!(
            (rows[0].value1.as_deref(), rows[0].value2.as_deref()),
            (None, Some("7"))
        );
        assert_eq!(rows[0].malformed, None);
        let too_long = format!("value1 is longer than {MAX_TEXT_LEN} bytes");
        assert_eq!(rows[1].malformed.as_deref(), Some(too_long.as_str()));
        assert_eq!(
            rows[2].malformed.as_deref(),
            Some("value2: expected a string, got boolean")
        );
        let c =
            read(r#"{"coupon_id":"c","coupon_type":1,"use_limits":"","is_frozen":2,"status":[1]}"#);
        let got: Vec<(&str, &str)> = c
            .malformed
            .iter()
            .map(|m| (m.field.as_str(), m.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("status", "expected an integer, got array"),
                ("is_frozen", "expected \"0\" or \"1\", got 2"),
                ("use_limits", "expected an array, got string"),
            ]
        );
    }
}
