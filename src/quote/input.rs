//! Reading `quote(input, opts)`: the whole input is read once as JSON (numbers keep their
//! text), then each part into its type, with errors naming the path (`order.lines[3].unit_price`).
//!
//! Lines without `official_amount` are priced from their list-price fields ([`price_line`]);
//! `period_num` and `charging_mode` default to the order's. The quote sets each line's
//! `amount` / `discount_ratio` and the order's `discount` from the discount it applies, so
//! the input must not carry them.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::error::QuoteError;
use super::pricing::{LinePriceInput, price_line};
use crate::coupons::{
    self, Coupon, CouponError, CouponKind, MAX_COUPONS, Order, Policy, Timestamp,
};
use crate::discounts::DiscountOption;
use crate::json::{JsonError, JsonErrorKind};
use crate::money::Amount;

/// The most discount options a quote accepts.
pub const MAX_DISCOUNTS: usize = 1000;

/// The list-price fields of a line, removed before the line is read as a coupon-area line.
const PRICE_FIELDS: [&str; 8] = [
    "unit_price",
    "subscription_num",
    "resource_size",
    "period_num",
    "period_conversion_ratio",
    "usage_value",
    "usage_conversion_ratio",
    "inquiry_precision",
];

/// Which discount the caller asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiscountRequest {
    /// `discount_id` absent: the 609 adjustment if any, else the selection rules (best offer,
    /// largest saving, auto-pay) — unless a discount coupon is requested instead.
    Default,
    /// `discount_id: null`: no discount (a 609 adjustment still applies: it is mandatory).
    None,
    /// This discount.
    Id(String),
}

/// What to quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// No `selection`: the default discount and no coupon.
    Default,
    /// `"best"`: the combination with the lowest payable amount.
    Best,
    /// `{ discount_id?, coupon_ids? }`.
    Explicit {
        /// The discount asked for.
        discount: DiscountRequest,
        /// The coupons asked for, in the caller's order.
        coupon_ids: Vec<String>,
    },
}

/// A `coupon_max_use_quantity` element of ListOrderCouponsByOrderId: at most
/// `use_quantity_value` coupons of this type and group on the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaxUseQuantity {
    /// The coupon kind (`coupon_type` in either code space).
    pub kind: CouponKind,
    /// `coupon_group` (absent = 0).
    pub coupon_group: i64,
    /// The most coupons of this kind and group.
    pub use_quantity_value: u32,
}

/// The customer's balances: cash first, then credit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Balances {
    /// Cash account balance.
    pub cash: Amount,
    /// Credit account balance.
    pub credit: Amount,
}

/// A quote input, read and validated.
#[derive(Debug, Clone)]
pub struct QuoteInput {
    /// The order, lines priced, validated by the coupon area's rules.
    pub order: Order,
    /// Discount options, as received.
    pub discounts: Vec<DiscountOption>,
    /// Coupons, as received (a malformed coupon is rejected, not an error).
    pub coupons: Vec<Coupon>,
    /// Per-type limits from the server.
    pub coupon_max_use_quantity: Vec<MaxUseQuantity>,
    /// What to quote.
    pub selection: Selection,
    /// The order is placed with auto-pay.
    pub auto_pay: bool,
    /// Account balances (0 when not given: the whole payable is `unpaid`).
    pub balances: Balances,
    /// The instant coupons are checked at.
    pub now: Timestamp,
}

/// `opts` of `quote`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteOptions {
    /// The policy for undocumented questions (every field defaults).
    #[serde(default)]
    pub policy: Policy,
}

impl QuoteInput {
    /// Reads a quote input from JSON text; `default_now` fills `now` when absent.
    pub fn from_json(text: &str, default_now: Option<&str>) -> Result<QuoteInput, QuoteError> {
        let root: Value = crate::json::from_str(text)?;
        QuoteInput::from_value(root, default_now)
    }

    /// Reads a quote input from a JSON value (numbers read with `arbitrary_precision`).
    pub fn from_value(root: Value, default_now: Option<&str>) -> Result<QuoteInput, QuoteError> {
        let Value::Object(mut root) = root else {
            return Err(shape("", "expected an object"));
        };
        const KEYS: [&str; 8] = [
            "order",
            "discounts",
            "coupons",
            "coupon_max_use_quantity",
            "selection",
            "auto_pay",
            "balances",
            "now",
        ];
        if let Some(key) = root.keys().find(|k| !KEYS.contains(&k.as_str())) {
            return Err(shape(key, "unknown field"));
        }
        let order = read_order(root.remove("order").unwrap_or(Value::Null))?;
        let discounts: Vec<DiscountOption> =
            read_list(root.get("discounts"), "discounts", MAX_DISCOUNTS)?;
        let coupons = match root.get("coupons") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => {
                if items.len() > MAX_COUPONS {
                    return Err(QuoteError::TooLarge {
                        field: "coupons".into(),
                        limit: MAX_COUPONS,
                    });
                }
                items.iter().map(Coupon::from_value).collect()
            }
            Some(_) => return Err(shape("coupons", "expected an array of coupons")),
        };
        let quantities = read_quantities(root.get("coupon_max_use_quantity"))?;
        let selection = read_selection(root.get("selection"))?;
        let auto_pay = match root.get("auto_pay") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err(shape("auto_pay", "expected a boolean")),
        };
        let balances = read_balances(root.get("balances"))?;
        let now_text = match root.get("now") {
            None | Some(Value::Null) => default_now,
            Some(Value::String(s)) => Some(s.as_str()),
            Some(_) => return Err(shape("now", "expected an ISO 8601 UTC time string")),
        }
        .ok_or_else(|| {
            shape(
                "now",
                "missing (an ISO 8601 UTC time such as 2024-05-06T08:05:01Z)",
            )
        })?;
        let now = Timestamp::parse(now_text).map_err(|e| shape("now", e.to_string()))?;
        Ok(QuoteInput {
            order,
            discounts,
            coupons,
            coupon_max_use_quantity: quantities,
            selection,
            auto_pay,
            balances,
            now,
        })
    }
}

fn shape(field: &str, message: impl Into<String>) -> QuoteError {
    QuoteError::Json(JsonError {
        kind: JsonErrorKind::Shape,
        path: field.to_owned(),
        message: message.into(),
    })
}

/// Reads `T` from a JSON value; errors carry `prefix` + the path inside the value.
///
/// The value goes back through its text: serde_json hands a number that an `f64` happens to
/// hold exactly to `visit_f64`, which [`Amount`] refuses by design, while the text of every
/// number survives `arbitrary_precision` unchanged.
pub(crate) fn from_value<T: DeserializeOwned>(value: &Value, prefix: &str) -> Result<T, JsonError> {
    let text = value.to_string();
    crate::json::from_str(&text).map_err(|mut e| {
        e.path = join_path(prefix, &e.path);
        e
    })
}

/// `prefix` + `path`, where `path` may start with an index (`[2].amount`).
pub(crate) fn join_path(prefix: &str, path: &str) -> String {
    match (prefix.is_empty(), path.is_empty()) {
        (true, _) => path.to_owned(),
        (false, true) => prefix.to_owned(),
        (false, false) if path.starts_with('[') => format!("{prefix}{path}"),
        (false, false) => format!("{prefix}.{path}"),
    }
}

fn read_list<T: DeserializeOwned>(
    value: Option<&Value>,
    field: &str,
    limit: usize,
) -> Result<Vec<T>, QuoteError> {
    match value {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) if items.len() > limit => Err(QuoteError::TooLarge {
            field: field.to_owned(),
            limit,
        }),
        Some(v) => Ok(from_value(v, field)?),
    }
}

/// The order, with lines priced and validated; errors are `invalid_order` (or
/// `invalid_amount` for an amount that does not parse) under `order.`.
fn read_order(mut order: Value) -> Result<Order, QuoteError> {
    let Value::Object(obj) = &mut order else {
        return Err(QuoteError::invalid("order", "expected an order object"));
    };
    if obj.contains_key("discount") {
        return Err(QuoteError::invalid(
            "order.discount",
            "the quote sets the discount from `discounts`; leave it out",
        ));
    }
    let order_mode = obj.get("charging_mode").cloned();
    let order_periods = obj.get("period_num").cloned();
    if let Some(Value::Array(lines)) = obj.get_mut("lines") {
        if lines.len() > coupons::MAX_LINES {
            return Err(QuoteError::TooLarge {
                field: "order.lines".into(),
                limit: coupons::MAX_LINES,
            });
        }
        for (i, line) in lines.iter_mut().enumerate() {
            if let Value::Object(line) = line {
                price_missing_amount(line, &order_mode, &order_periods)
                    .map_err(|e| e.at(&format!("order.lines[{i}]")))?;
            }
        }
    }
    let order: Order = from_value(&order, "order").map_err(|e| match e.kind {
        JsonErrorKind::Amount => QuoteError::Json(e),
        _ => QuoteError::InvalidOrder {
            field: e.path,
            message: e.message,
        },
    })?;
    coupons::validate_order(&order).map_err(|e| match e {
        CouponError::InvalidOrder { path, message } => QuoteError::InvalidOrder {
            field: if path.is_empty() {
                "order".into()
            } else {
                format!("order.{path}")
            },
            message,
        },
        CouponError::TooLarge { what, max, .. } => QuoteError::TooLarge {
            field: format!("order.{what}"),
            limit: max,
        },
        CouponError::Amount(a) => QuoteError::Amount(a),
        other => QuoteError::invalid("order", other.to_string()),
    })?;
    Ok(order)
}

/// Prices a line that has no `official_amount` and removes the list-price fields.
fn price_missing_amount(
    line: &mut Map<String, Value>,
    order_mode: &Option<Value>,
    order_periods: &Option<Value>,
) -> Result<(), QuoteError> {
    for field in ["amount", "discount_ratio"] {
        if line.contains_key(field) {
            return Err(QuoteError::invalid(
                field,
                "the quote computes it from the discount it applies; leave it out",
            ));
        }
    }
    let mut price = Map::new();
    for field in PRICE_FIELDS {
        if let Some(v) = line.remove(field) {
            price.insert(field.to_owned(), v);
        }
    }
    let has_official = !matches!(line.get("official_amount"), None | Some(Value::Null));
    if has_official || price.is_empty() {
        // An official amount wins over list-price fields; without either, the coupon area's
        // reader reports the missing `official_amount`.
        return Ok(());
    }
    if let Some(mode) = line.get("charging_mode").or(order_mode.as_ref()) {
        price.insert("charging_mode".into(), mode.clone());
    }
    let is_on_demand = price.get("charging_mode").and_then(Value::as_str) == Some("on_demand");
    if !price.contains_key("period_num") && !is_on_demand {
        if let Some(n) = order_periods {
            price.insert("period_num".into(), n.clone());
        }
    }
    let input: LinePriceInput = from_value(&Value::Object(price), "")?;
    let priced = price_line(&input)?;
    line.insert(
        "official_amount".into(),
        Value::String(priced.official_amount.to_string()),
    );
    Ok(())
}

fn read_quantities(value: Option<&Value>) -> Result<Vec<MaxUseQuantity>, QuoteError> {
    #[derive(serde::Deserialize)]
    struct Raw {
        coupon_type: i64,
        #[serde(default)]
        coupon_group: Option<i64>,
        use_quantity_value: u32,
    }
    let raw: Vec<Raw> = read_list(value, "coupon_max_use_quantity", MAX_COUPONS)?;
    raw.into_iter()
        .enumerate()
        .map(|(i, r)| {
            let kind = CouponKind::from_code(r.coupon_type).ok_or_else(|| {
                shape(
                    &format!("coupon_max_use_quantity[{i}].coupon_type"),
                    format!("unknown coupon type {}", r.coupon_type),
                )
            })?;
            Ok(MaxUseQuantity {
                kind,
                coupon_group: r.coupon_group.unwrap_or(0),
                use_quantity_value: r.use_quantity_value,
            })
        })
        .collect()
}

fn read_selection(value: Option<&Value>) -> Result<Selection, QuoteError> {
    let obj = match value {
        None | Some(Value::Null) => return Ok(Selection::Default),
        Some(Value::String(s)) if s == "best" => return Ok(Selection::Best),
        Some(Value::Object(obj)) => obj,
        Some(_) => {
            return Err(shape(
                "selection",
                r#"expected "best" or { discount_id?, coupon_ids? }"#,
            ));
        }
    };
    if let Some(key) = obj
        .keys()
        .find(|k| !["discount_id", "coupon_ids"].contains(&k.as_str()))
    {
        return Err(shape(&format!("selection.{key}"), "unknown field"));
    }
    let discount = match obj.get("discount_id") {
        None => DiscountRequest::Default,
        Some(Value::Null) => DiscountRequest::None,
        Some(Value::String(id)) => DiscountRequest::Id(id.clone()),
        Some(_) => return Err(shape("selection.discount_id", "expected a string or null")),
    };
    let coupon_ids: Vec<String> =
        read_list(obj.get("coupon_ids"), "selection.coupon_ids", MAX_COUPONS)?;
    Ok(Selection::Explicit {
        discount,
        coupon_ids,
    })
}

fn read_balances(value: Option<&Value>) -> Result<Balances, QuoteError> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Raw {
        #[serde(default)]
        cash: Option<Amount>,
        #[serde(default)]
        credit: Option<Amount>,
    }
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return Ok(Balances::default());
    };
    let raw: Raw = from_value(value, "balances")?;
    let mut out = Balances::default();
    for (field, amount, slot) in [
        ("balances.cash", raw.cash, &mut out.cash),
        ("balances.credit", raw.credit, &mut out.credit),
    ] {
        if let Some(a) = amount {
            if a.is_negative() {
                return Err(shape(field, format!("negative balance {a}")));
            }
            *slot = a;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    const NOW: &str = r#""now":"2024-06-01T00:00:00Z""#;

    fn read(text: &str) -> Result<QuoteInput, QuoteError> {
        QuoteInput::from_json(text, None)
    }

    #[test]
    fn lines_are_priced_from_list_prices_with_order_defaults() {
        let q = read(&format!(
            r#"{{{NOW},"order":{{"order_type":"new","charging_mode":"period","period_type":2,"period_num":5,
              "lines":[{{"id":"evs","cloud_service_type":"hws.service.type.ebs","region":"cn-north-1",
                         "unit_price":"0.7","resource_size":30}},
                       {{"id":"vm","cloud_service_type":"hws.service.type.ec2","region":"cn-north-1",
                         "official_amount":12.5,"unit_price":99}}]}}}}"#
        ))
        .unwrap();
        assert_eq!(q.order.lines[0].official_amount.to_string(), "105");
        assert_eq!(q.order.lines[1].official_amount.to_string(), "12.5");
        assert_eq!(q.selection, Selection::Default);
    }

    #[test]
    fn errors_name_the_path() {
        let line = |extra: &str| {
            format!(
                r#"{{{NOW},"order":{{"order_type":"new","charging_mode":"period","lines":[
                {{"id":"a","cloud_service_type":"s","region":"r","official_amount":1}},
                {{"id":"b","cloud_service_type":"s","region":"r"{extra}}}]}}}}"#
            )
        };
        let cases = [
            (
                line(r#","official_amount":"x""#),
                "invalid_amount",
                "order.lines[1].official_amount",
            ),
            (
                line(r#","official_amount":-1"#),
                "invalid_order",
                "order.lines[1].official_amount",
            ),
            (
                line(r#","unit_price":-1,"period_num":1"#),
                "invalid_order",
                "order.lines[1].unit_price",
            ),
            (
                line(r#","unit_price":"1,5","period_num":1"#),
                "invalid_amount",
                "order.lines[1].unit_price",
            ),
            (
                line(r#","official_amount":1,"amount":1"#),
                "invalid_order",
                "order.lines[1].amount",
            ),
            (
                line(r#","official_amount":1,"colour":"red""#),
                "invalid_order",
                "order.lines[1].colour",
            ),
            (line(""), "invalid_order", "order.lines[1]"),
        ];
        for (text, code, field) in cases {
            let err = read(&text).unwrap_err();
            assert_eq!((err.code(), err.field()), (code, Some(field)), "{text}");
        }
        let err = read(r#"{"now":"2024-01-01T00:00:00Z","order":{"order_type":"new","charging_mode":"period","lines":[]},"selection":"worst"}"#).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            ("invalid_input", Some("selection"))
        );
        let err = read(r#"{"order":{"order_type":"new","charging_mode":"period","lines":[]}}"#)
            .unwrap_err();
        assert_eq!(err.field(), Some("now"));
        let err = read(r#"{"now":"2024-01-01T00:00:00Z","order":{"order_type":"new","charging_mode":"period","lines":[]},"discounts":[{"discount_id":"d","amount":"x"}]}"#).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            ("invalid_amount", Some("discounts[0].amount"))
        );
        let err = read(r#"{"now":"2024-01-01T00:00:00Z","order":{"order_type":"new","charging_mode":"period","lines":[]},"balances":{"cash":"-1"}}"#).unwrap_err();
        assert_eq!(err.field(), Some("balances.cash"));
        let err = read(r#"{"now":"2024-01-01T00:00:00Z","order":{"order_type":"new","charging_mode":"period","lines":[]},"extra":1}"#).unwrap_err();
        assert_eq!(err.field(), Some("extra"));
    }

    #[test]
    fn selections() {
        let sel = |s: &str| {
            read(&format!(
                r#"{{{NOW},"order":{{"order_type":"new","charging_mode":"period","lines":[]}},"selection":{s}}}"#
            ))
            .map(|q| q.selection)
        };
        assert_eq!(sel(r#""best""#).unwrap(), Selection::Best);
        assert_eq!(
            sel(r#"{"discount_id":null,"coupon_ids":["a"]}"#).unwrap(),
            Selection::Explicit {
                discount: DiscountRequest::None,
                coupon_ids: vec!["a".into()]
            }
        );
        assert_eq!(
            sel("{}").unwrap(),
            Selection::Explicit {
                discount: DiscountRequest::Default,
                coupon_ids: vec![]
            }
        );
        assert!(sel(r#"{"coupon_ids":"a"}"#).is_err());
        assert!(sel(r#"{"discount":"a"}"#).is_err());
    }
}
