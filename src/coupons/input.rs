//! Reading the order and the options with the one reader ([`crate::json::read::Obj`]),
//! naming the path of a bad value (`lines[3].official_amount`).
//!
//! The inputs are read by hand from one parsed tree (a [`JsonNode`]: the binding's borrowed
//! [`Node`], or a `serde_json::Value`) instead of through serde derives: that keeps the wasm
//! module small (every derived deserializer is code of its own) and the error paths exact.
//! Reading errors become `invalid_order` / `invalid_option` here, once. Rust callers can
//! also use the serde derives on [`Order`] and [`Policy`].

use super::CouponError;
use super::order::{ChargingMode, DiscountLine, Line, Order, OrderDiscount, OrderType, PeriodType};
use super::policy::{
    Allocation, BaseValueAmount, BestDiscount, Bound, DiscountFamily, EmpowerScope,
    ListedHardwareCoupon, Policy, RatioBase, Rounding, StackingOrder, Undecided,
};
use crate::json::JsonError;
use crate::json::map::TextMap;
use crate::json::read::{First, Obj};
use crate::json::tree::{JsonNode, Node};
use crate::money::Amount;

/// Which argument is read: it decides the error a bad value gives.
#[derive(Clone, Copy)]
enum Arg {
    Order,
    Options,
}

impl Arg {
    /// The coupon area's error for a reading error.
    fn error(self, e: JsonError) -> CouponError {
        let (path, message) = (e.path, e.message);
        match self {
            Arg::Order => CouponError::InvalidOrder { path, message },
            Arg::Options => CouponError::InvalidOptions { path, message },
        }
    }
}

/// Names and values of `order_type` (as [`Obj::pick`] takes them).
const ORDER_TYPES: (&[&str], &[OrderType]) = (
    &["new", "renew", "change"],
    &[OrderType::New, OrderType::Renew, OrderType::Change],
);

/// Names and values of `charging_mode`.
const CHARGING_MODES: (&[&str], &[ChargingMode]) = (
    &["period", "on_demand", "one_time"],
    &[
        ChargingMode::Period,
        ChargingMode::OnDemand,
        ChargingMode::OneTime,
    ],
);

fn period_type(o: &Obj<'_, '_>, field: &str) -> Result<Option<PeriodType>, JsonError> {
    match o.uint(field, 255)? {
        None => Ok(None),
        Some(code) => PeriodType::try_from(code as u8)
            .map(Some)
            .map_err(|e| o.fail(field, e)),
    }
}

const LINE_FIELDS: [&str; 13] = [
    "id",
    "cloud_service_type",
    "resource_type",
    "resource_spec",
    "region",
    "product_id",
    "official_amount",
    "amount",
    "discount_ratio",
    "charging_mode",
    "period_type",
    "is_strict_selected",
    "is_hardware",
];

/// A line, pushed to `lines`; `priced`: its official amount when the caller priced it from
/// list-price fields.
/// A required field is looked up once (`string`, then `missing`), not twice.
/// Not inlined: the order reader's loop held two copies of it (−265 B of wasm gzipped).
/// `has`: the fields of [`LINE_FIELDS`] the line has (bit `i`: `LINE_FIELDS[i]`), from
/// [`line_fields`]: an optional field it lacks is not looked up (an absent field is a scan
/// of every member; most lines lack half of them).
#[inline(never)]
fn line(
    o: &Obj<'_, '_>,
    has: u16,
    priced: Option<Amount>,
    lines: &mut Vec<Line>,
) -> Result<(), JsonError> {
    let mut e = First::default();
    let line = Line {
        id: e.take(required_string(o, "id")),
        cloud_service_type: e.take(required_string(o, "cloud_service_type")),
        resource_type: e.take(given!(has, "resource_type", |f| o.string(f))),
        resource_spec: e.take(given!(has, "resource_spec", |f| o.string(f))),
        region: e.take(required_string(o, "region")),
        product_id: e.take(given!(has, "product_id", |f| o.string(f))),
        official_amount: match priced {
            Some(amount) => amount,
            None => e.take(required_amount(o, "official_amount")),
        },
        amount: e.take(given!(has, "amount", |f| o.number_or_text_amount(f))),
        discount_ratio: e.take(given!(has, "discount_ratio", |f| o.number_or_text_amount(f))),
        charging_mode: e.take(given!(has, "charging_mode", |f| o.pick(f, CHARGING_MODES))),
        period_type: e.take(given!(has, "period_type", |f| period_type(o, f))),
        is_strict_selected: e
            .take(given!(has, "is_strict_selected", |f| o.boolean(f, TRUE_OR_FALSE))),
        is_hardware: e.take(given!(has, "is_hardware", |f| o.boolean(f, TRUE_OR_FALSE))),
    };
    // Pushed here, not returned: a returned line was copied once more.
    e.done(line).map(|line| lines.push(line))
}

/// Which fields of [`LINE_FIELDS`] line `o` has (bit `i`: `LINE_FIELDS[i]`), in one pass over
/// its members; a field neither there nor `ignored` is the error of
/// [`Obj::only_named_except`] (which then finds it).
#[inline(never)]
fn line_fields<'a, 't>(o: Obj<'a, 't>, ignored: &[&str]) -> Result<(Obj<'a, 't>, u16), JsonError> {
    let mut has = 0;
    for (k, _) in o.members() {
        match LINE_FIELDS.iter().position(|f| f == k) {
            Some(i) => has |= 1 << i,
            None if ignored.contains(&k.as_ref()) => {}
            None => return o.only_named_except(&LINE_FIELDS, ignored).map(|o| (o, has)),
        }
    }
    Ok((o, has))
}

/// The bit of field `name` in [`line_fields`]' answer: its position in [`LINE_FIELDS`], found
/// at compile time (a name not in the list does not compile).
const fn bit(name: &str) -> u32 {
    let mut i = 0;
    while i < LINE_FIELDS.len() {
        let (a, b) = (LINE_FIELDS[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i as u32;
            }
        }
        i += 1;
    }
    panic!("not a line field")
}

/// `$read($name)` when the line has field `$name` (its bit in `$has`, from [`line_fields`]),
/// else absent; the bit is found at compile time.
macro_rules! given {
    ($has:expr, $name:literal, $read:expr) => {
        if $has & (1 << const { bit($name) }) != 0 {
            $read($name)
        } else {
            Ok(None)
        }
    };
}
use given;

/// A required string (only a string): `missing` when absent.
fn required_string(o: &Obj<'_, '_>, field: &str) -> Result<String, JsonError> {
    o.string(field)?.ok_or_else(|| o.fail(field, "missing"))
}

/// How a boolean is asked for in this area's messages.
const TRUE_OR_FALSE: &str = "true or false";

fn required_amount(o: &Obj<'_, '_>, field: &str) -> Result<Amount, JsonError> {
    o.number_or_text_amount(field)?
        .ok_or_else(|| o.fail(field, "missing"))
}

fn discount(o: &Obj<'_, '_>) -> Result<OrderDiscount, JsonError> {
    o.required("discount_type")?;
    let discount_type = o
        .uint("discount_type", u64::from(u16::MAX))?
        .unwrap_or_default() as u16;
    let mut lines = Vec::new();
    for (i, v) in o.array("lines")?.into_iter().flatten().enumerate() {
        let l = o
            .item("lines", i, v)?
            .only_named(&["id", "discount_ratio"])?;
        lines.push(DiscountLine {
            id: required_string(&l, "id")?,
            discount_ratio: required_amount(&l, "discount_ratio")?,
        });
    }
    Ok(OrderDiscount {
        discount_id: o.string("discount_id")?,
        discount_type,
        lines,
    })
}

/// Reads an order (see [`Order`] for the fields); unknown fields are errors.
pub fn order_from_value<N: JsonNode>(v: &N) -> Result<Order, CouponError> {
    order_from_node(&v.as_node())
}

const ORDER_FIELDS: [&str; 9] = [
    "order_id",
    "order_type",
    "charging_mode",
    "period_type",
    "period_num",
    "currency",
    "first_order_in_service",
    "discount",
    "lines",
];

fn order_from_node(v: &Node<'_>) -> Result<Order, CouponError> {
    read_order(v, "", &[], &[]).map_err(|e| match e {
        OrderError::Value(e) => Arg::Order.error(e),
        OrderError::TooManyLines(count) => CouponError::TooLarge {
            what: "lines",
            count,
            max: super::MAX_LINES,
        },
    })
}

/// Why an order cannot be read.
pub(crate) enum OrderError {
    /// A value, at its path (an amount that does not parse keeps its kind).
    Value(JsonError),
    /// More than [`MAX_LINES`](super::MAX_LINES) lines (this many).
    TooManyLines(usize),
}

/// Reads the order `v` at `path`, the one order reader of `evaluateCoupons`, `quote` and a
/// wallet's calls. Its lines may also carry `ignored` fields (list-price fields the caller
/// read) and line `i` has the official amount `priced[i]` when that is set (the caller
/// priced it): the amounts reach the order as values, never as text written into the tree.
pub(crate) fn read_order(
    v: &Node<'_>,
    path: &str,
    ignored: &[&str],
    priced: &[Option<Amount>],
) -> Result<Order, OrderError> {
    let o = Obj::new(v, path)
        .and_then(|o| o.only_named(&ORDER_FIELDS))
        .map_err(OrderError::Value)?;
    let lines = o
        .array("lines")
        .and_then(|lines| lines.ok_or_else(|| o.fail("lines", "missing")))
        .map_err(OrderError::Value)?;
    if lines.len() > super::MAX_LINES {
        return Err(OrderError::TooManyLines(lines.len()));
    }
    order_fields(&o, lines, ignored, priced).map_err(OrderError::Value)
}

fn order_fields(
    o: &Obj<'_, '_>,
    lines_value: &[Node<'_>],
    ignored: &[&str],
    priced: &[Option<Amount>],
) -> Result<Order, JsonError> {
    // Each read fails into `e` (the first error is kept, as a `?` would return it) and the
    // order is dropped once on an error, not what was read so far at each `?` (see `First`).
    let mut e = First::default();
    let mut lines = Vec::with_capacity(lines_value.len());
    for (i, v) in lines_value.iter().enumerate() {
        let read = o
            .item("lines", i, v)
            .and_then(|l| line_fields(l, ignored))
            .and_then(|(l, has)| line(&l, has, priced.get(i).copied().flatten(), &mut lines));
        if read.is_err() {
            e.take(read);
            break;
        }
    }
    let first_order_in_service = e.take(first_orders(o));
    let discount = e.take(match o.get("discount") {
        None => Ok(None),
        Some(v) => o
            .child("discount", v)
            .and_then(|d| d.only_named(&["discount_id", "discount_type", "lines"]))
            .and_then(|d| discount(&d))
            .map(Some),
    });
    let order_id = e.take(o.string("order_id"));
    let order_type = e.take(required(o, "order_type", o.pick("order_type", ORDER_TYPES)));
    let charging_mode = e.take(required(
        o,
        "charging_mode",
        o.pick("charging_mode", CHARGING_MODES),
    ));
    let period_type = e.take(period_type(o, "period_type"));
    let period_num = e.take(o.uint("period_num", u64::from(u32::MAX)));
    let currency = e.take(o.string("currency"));
    e.done(Order {
        order_id,
        // Both set unless there is an error.
        order_type: order_type.unwrap_or(OrderType::New),
        charging_mode: charging_mode.unwrap_or(ChargingMode::Period),
        period_type,
        period_num: period_num.map(|n| n as u32),
        currency,
        first_order_in_service,
        discount,
        lines,
    })
}

/// A value that must be present: `missing` when absent.
fn required<T>(
    o: &Obj<'_, '_>,
    field: &str,
    read: Result<Option<T>, JsonError>,
) -> Result<Option<T>, JsonError> {
    match read {
        Ok(None) => Err(o.fail(field, "missing")),
        read => read,
    }
}

/// `first_order_in_service`: service type → whether the order is its first.
fn first_orders(o: &Obj<'_, '_>) -> Result<Option<TextMap<bool>>, JsonError> {
    let Some(v) = o.get("first_order_in_service") else {
        return Ok(None);
    };
    let Node::Object(members) = v else {
        return Err(o.wrong("first_order_in_service", "an object", v));
    };
    let mut out = TextMap::new();
    for (service, first) in members {
        let Node::Bool(b) = first else {
            let field = format!("first_order_in_service.{service}");
            return Err(o.wrong(&field, TRUE_OR_FALSE, first));
        };
        out.insert(service, *b);
    }
    Ok(Some(out))
}

/// How a field of [`Policy::FIELDS`] is read.
enum Read {
    /// One of these wire names (its index).
    Names(&'static [&'static str]),
    /// A count (`u32`).
    Count,
    /// A boolean.
    Flag,
}

/// How each field of [`Policy::FIELDS`] is read, in that order.
const POLICY_READS: [Read; 18] = [
    Read::Names(Bound::WIRE),
    Read::Names(Bound::WIRE),
    Read::Names(BaseValueAmount::WIRE),
    Read::Names(Undecided::WIRE),
    Read::Names(Undecided::WIRE),
    Read::Count,
    Read::Count,
    Read::Flag,
    Read::Flag,
    Read::Names(EmpowerScope::WIRE),
    Read::Names(RatioBase::WIRE),
    Read::Names(DiscountFamily::WIRE),
    Read::Flag,
    Read::Names(ListedHardwareCoupon::WIRE),
    Read::Names(BestDiscount::WIRE),
    Read::Names(StackingOrder::WIRE),
    Read::Names(Rounding::WIRE),
    Read::Names(Allocation::WIRE),
];

/// The value named at index `i` of `names`, `default` when the field was absent.
fn named<T: Copy>(names: &[(&str, T)], i: Option<u32>, default: T) -> T {
    i.and_then(|i| names.get(i as usize))
        .map_or(default, |n| n.1)
}

/// Reads a partial policy at `path`: fields absent or `null` keep their defaults.
pub(crate) fn policy_from_node(v: &Node<'_>, path: &str) -> Result<Policy, JsonError> {
    let o = Obj::new(v, path)?.only_named(&Policy::FIELDS)?;
    // One loop reads every field in `FIELDS` order (the first bad one is the error): a name's
    // index, a count or a flag as a number, `None` when absent. Field by field, each read
    // carried its own error path (2.3 KB of wasm).
    let mut read = [None; 18];
    for ((field, how), slot) in Policy::FIELDS.iter().zip(&POLICY_READS).zip(&mut read) {
        *slot = match how {
            Read::Names(names) => o.pick_index(field, names)?.map(|i| i as u32),
            Read::Count => o.uint(field, u64::from(u32::MAX))?.map(|n| n as u32),
            Read::Flag => o.boolean(field, TRUE_OR_FALSE)?.map(u32::from),
        };
    }
    let d = Policy::default();
    let flag = |i: Option<u32>, default: bool| i.map_or(default, |b| b != 0);
    Ok(Policy {
        base_value_lower: named(Bound::NAMES, read[0], d.base_value_lower),
        base_value_upper: named(Bound::NAMES, read[1], d.base_value_upper),
        base_value_amount: named(BaseValueAmount::NAMES, read[2], d.base_value_amount),
        unknown_limit: named(Undecided::NAMES, read[3], d.unknown_limit),
        first_order_unknown: named(Undecided::NAMES, read[4], d.first_order_unknown),
        max_coupons_per_order: read[5].unwrap_or(d.max_coupons_per_order),
        max_cash_coupons_per_order: read[6].unwrap_or(d.max_cash_coupons_per_order),
        cash_with_discount_coupon: flag(read[7], d.cash_with_discount_coupon),
        discount_with_coupons: flag(read[8], d.discount_with_coupons),
        empower_scope: named(EmpowerScope::NAMES, read[9], d.empower_scope),
        max_deduction_ratio_base: named(RatioBase::NAMES, read[10], d.max_deduction_ratio_base),
        discount_606: named(DiscountFamily::NAMES, read[11], d.discount_606),
        auto_pay_business_first: flag(read[12], d.auto_pay_business_first),
        listed_hardware_coupon: named(
            ListedHardwareCoupon::NAMES,
            read[13],
            d.listed_hardware_coupon,
        ),
        best_discount: named(BestDiscount::NAMES, read[14], d.best_discount),
        stacking_order: named(StackingOrder::NAMES, read[15], d.stacking_order),
        rounding: named(Rounding::NAMES, read[16], d.rounding),
        allocation: named(Allocation::NAMES, read[17], d.allocation),
    })
}

/// Reads `{ now?: string, policy?: Partial<Policy> }` (or `null`): the `now` text and the
/// policy.
pub fn options_from_value<N: JsonNode>(v: &N) -> Result<(Option<String>, Policy), CouponError> {
    options_from_node(&v.as_node())
}

fn options_from_node(v: &Node<'_>) -> Result<(Option<String>, Policy), CouponError> {
    if let Node::Null = v {
        return Ok((None, Policy::default()));
    }
    let read = || -> Result<_, JsonError> {
        let o = Obj::new(v, "")?.only_named(&["now", "policy"])?;
        let policy = match o.get("policy") {
            None => Policy::default(),
            Some(p) => policy_from_node(p, "policy")?,
        };
        Ok((o.string("now")?, policy))
    };
    read().map_err(|e| Arg::Options.error(e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    fn order(text: &str) -> Result<Order, CouponError> {
        // Both trees read the same: the binding's and serde_json's.
        let by_node = order_from_value(&crate::json::tree::parse_node(text).unwrap());
        let by_value = order_from_value(&serde_json::from_str::<serde_json::Value>(text).unwrap());
        assert_eq!(by_node, by_value);
        by_node
    }

    const LINE: &str = r#"{"id":"a","cloud_service_type":"s","region":"r","official_amount":1}"#;

    #[test]
    fn errors_name_the_path() {
        let text = format!(
            r#"{{"order_type":"new","charging_mode":"period","lines":[{LINE},{LINE},{LINE},
                {{"id":"d","cloud_service_type":"s","region":"r","official_amount":"x"}}]}}"#
        );
        let err = order(&text).unwrap_err();
        assert_eq!(err.code(), "invalid_order");
        assert_eq!(err.field(), Some("lines[3].official_amount"));
        let err = order(r#"{"order_type":"old","charging_mode":"period","lines":[]}"#).unwrap_err();
        assert_eq!(err.field(), Some("order_type"));
        assert!(
            err.to_string()
                .contains("expected one of new, renew, change"),
            "{err}"
        );
        let err =
            order(r#"{"order_type":"new","charging_mode":"period","lines":[],"x":1}"#).unwrap_err();
        assert_eq!(err.field(), Some("x"));
        let err =
            order(r#"{"order_type":"new","charging_mode":"period","period_type":1,"lines":[]}"#)
                .unwrap_err();
        assert_eq!(err.field(), Some("period_type"));
        let err = order(r#"{"order_type":"new","charging_mode":"period"}"#).unwrap_err();
        assert_eq!(err.field(), Some("lines"));
    }

    #[test]
    fn reads_the_same_order_as_serde() {
        let text = r#"{"order_id":"O1","order_type":"renew","charging_mode":"period","period_type":3,
            "period_num":2,"currency":"CNY","first_order_in_service":{"s":true},
            "discount":{"discount_type":607,"lines":[{"id":"a","discount_ratio":"0.85"}]},
            "lines":[{"id":"a","cloud_service_type":"s","region":"r","product_id":"p",
              "official_amount":"100.50","amount":85.425,"discount_ratio":0.85,
              "charging_mode":"on_demand","period_type":2,"is_strict_selected":false}]}"#;
        let by_hand = order(text).unwrap();
        let by_serde: Order = serde_json::from_str(text).unwrap();
        assert_eq!(by_hand, by_serde);
    }

    #[test]
    fn policy_fields_are_all_readable() {
        let (now, p) = options_from_value(
            &serde_json::from_str::<serde_json::Value>(
                r#"{"now":"2024-01-01T00:00:00Z","policy":{"base_value_lower":"inclusive","max_coupons_per_order":2}}"#,
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(now.as_deref(), Some("2024-01-01T00:00:00Z"));
        assert_eq!(p.base_value_lower, Bound::Inclusive);
        assert_eq!(p.max_coupons_per_order, 2);
        // Every serialised default reads back to the default.
        let all: serde_json::Value =
            serde_json::from_str(&crate::json::write::WriteJson::to_json(&Policy::default()))
                .unwrap();
        assert_eq!(
            policy_from_node(&Node::borrowed(&all), "policy").unwrap(),
            Policy::default()
        );
        let err = options_from_value(&serde_json::json!({"policy": {"base_value_lowr": "x"}}))
            .unwrap_err();
        assert_eq!(err.field(), Some("policy.base_value_lowr"));
        assert_eq!(err.code(), "invalid_option");
    }

    #[test]
    fn listed_hardware_coupon_reads_its_two_values_and_refuses_others() {
        let read = |v: serde_json::Value| {
            options_from_value(&serde_json::json!({ "policy": { "listed_hardware_coupon": v } }))
        };
        assert_eq!(
            Policy::default().listed_hardware_coupon,
            ListedHardwareCoupon::OneProduct
        );
        for (text, value) in [
            ("one_product", ListedHardwareCoupon::OneProduct),
            ("every_line", ListedHardwareCoupon::EveryLine),
        ] {
            assert_eq!(read(text.into()).unwrap().1.listed_hardware_coupon, value);
        }
        for bad in [serde_json::json!("all_lines"), serde_json::json!(3)] {
            let err = read(bad).unwrap_err();
            assert_eq!(err.code(), "invalid_option");
            assert_eq!(err.field(), Some("policy.listed_hardware_coupon"));
        }
    }
}
