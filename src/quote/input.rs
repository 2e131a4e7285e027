//! Reading `quote(input, opts)`: the whole input is read once as JSON (numbers keep their
//! text), then each part into its type, with errors naming the path (`order.lines[3].unit_price`).
//!
//! Lines without `official_amount` are priced from their list-price fields ([`price_line`]);
//! `period_num` and `charging_mode` default to the order's. The quote sets each line's
//! `amount` / `discount_ratio` and the order's `discount` from the discount it applies, so
//! the input must not carry them.

use super::error::QuoteError;
use super::pricing::{LinePriceInput, PRICE_FIELDS, object, price_line};
use crate::coupons::input::OrderError;
use crate::coupons::{
    self, Coupon, CouponError, CouponKind, MAX_COUPONS, Order, Policy, Timestamp,
};
use crate::discounts::DiscountOption;
use crate::discounts::policy_options;
use crate::json::read::{Obj, Path, member, shape, tree};
use crate::json::tree::Node;
use crate::json::{JsonError, JsonErrorKind};
use crate::money::Amount;

/// The most discount options a quote accepts (each is a context the search prices).
pub const MAX_DISCOUNTS: usize = 20;

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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuoteOptions {
    /// The policy for undocumented questions (every field defaults).
    pub policy: Policy,
}

impl QuoteOptions {
    /// Reads `{ policy?: Partial<Policy> }` (or `null`); a bad field is `invalid_option`.
    pub fn from_value(v: &Node<'_>) -> Result<QuoteOptions, QuoteError> {
        let (_, policy) = policy_options(v, false)?;
        Ok(QuoteOptions { policy })
    }
}

/// The fields of a quote input.
const FIELDS: [&str; 8] = [
    "order",
    "discounts",
    "coupons",
    "coupon_max_use_quantity",
    "selection",
    "auto_pay",
    "balances",
    "now",
];

impl QuoteInput {
    /// Reads a quote input from JSON text; `default_now` fills `now` when absent.
    pub fn from_json(text: &str, default_now: Option<&str>) -> Result<QuoteInput, QuoteError> {
        QuoteInput::from_value(tree(text)?, default_now)
    }

    /// Reads a quote input from a JSON tree (numbers kept as text).
    pub fn from_value(root: Node<'_>, default_now: Option<&str>) -> Result<QuoteInput, QuoteError> {
        let o = object(&root, Path::new(""), &FIELDS)?;
        let order = read_order(o.required("order")?)?;
        QuoteInput::from_fields(&o, order, default_now, None)
    }

    /// The fields of a quote input other than `order`, read from `o` (a wallet reads them
    /// without an order: its orders come with each call), or, for `quoteOrder`, the parts
    /// `bss` gives from the BSS bodies (`selection` and `now` are still `o`'s). Each part is
    /// read in the same order, so the first bad one is the error.
    pub(crate) fn from_fields(
        o: &Obj<'_, '_>,
        order: Order,
        default_now: Option<&str>,
        bss: Option<BssParts<'_, '_, '_>>,
    ) -> Result<QuoteInput, QuoteError> {
        let (discounts_in, quantities_in) = match &bss {
            None => (Some(o), Some(o)),
            Some(b) => (b.discounts, b.quantities),
        };
        let mut discounts = Vec::new();
        if let Some(d) = discounts_in {
            fits(d, "discounts", MAX_DISCOUNTS)?;
            discounts = d
                .each("discounts", MAX_DISCOUNTS, DiscountOption::from_value)?
                .unwrap_or_default();
        }
        let coupons = match &bss {
            None => {
                fits(o, "coupons", MAX_COUPONS)?;
                o.list("coupons", MAX_COUPONS)?
                    .iter()
                    .map(Coupon::from_value)
                    .collect()
            }
            Some(b) if b.coupons.len() > MAX_COUPONS => {
                return Err(QuoteError::TooLarge {
                    field: "coupons".into(),
                    limit: MAX_COUPONS,
                });
            }
            Some(_) => Vec::new(),
        };
        let quantities = match quantities_in {
            Some(q) => q
                .each("coupon_max_use_quantity", MAX_COUPONS, read_quantity)?
                .unwrap_or_default(),
            None => Vec::new(),
        };
        let now_text = match o.text("now")? {
            Some(t) => t,
            None => default_now
                .ok_or_else(|| {
                    shape(
                        "now",
                        "missing (an ISO 8601 UTC time such as 2024-05-06T08:05:01Z)",
                    )
                })?
                .to_owned(),
        };
        let now = Timestamp::parse(&now_text).map_err(|e| shape_with("now", &e))?;
        let selection = read_selection(o.get("selection"))?;
        let auto_pay = o.flag("auto_pay")?.unwrap_or(false);
        let (coupons, balances) = match bss {
            None => (coupons, read_balances(o)?),
            Some(b) => (b.coupons, b.balances),
        };
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

/// The parts of a `quoteOrder` input that its BSS bodies give (see
/// [`QuoteInput::from_fields`]).
pub(crate) struct BssParts<'o, 'a, 't> {
    /// The ListOrderDiscounts body (its `discounts` array).
    pub discounts: Option<&'o Obj<'a, 't>>,
    /// The coupons and cards, read.
    pub coupons: Vec<Coupon>,
    /// The ListOrderCouponsByOrderId body (its `coupon_max_use_quantity` array).
    pub quantities: Option<&'o Obj<'a, 't>>,
    /// The balances.
    pub balances: Balances,
}

/// A shape error at `path`, the message another error's text (cold, out of line).
#[cold]
#[inline(never)]
fn shape_with(path: &str, e: &dyn std::fmt::Display) -> JsonError {
    shape(path, e.to_string())
}

/// A list longer than `max` is `too_large`.
fn fits(o: &Obj<'_, '_>, field: &str, max: usize) -> Result<(), QuoteError> {
    match o.get(field) {
        Some(Node::Array(items)) if items.len() > max => Err(QuoteError::TooLarge {
            field: o.at(field),
            limit: max,
        }),
        _ => Ok(()),
    }
}

/// The order, with lines priced and validated; errors are `invalid_order` (or
/// `invalid_amount` for an amount that does not parse) under `order.`. Every line is priced
/// (or refused) before the coupon area's reader reads the order; a line priced from
/// list-price fields reaches that reader as an amount, not as text in the tree.
fn read_order(order: &Node<'_>) -> Result<Order, QuoteError> {
    let Node::Object(members) = order else {
        return Err(QuoteError::invalid("order", "expected an order object"));
    };
    if member(members, "discount").is_some() {
        return Err(QuoteError::invalid(
            "order.discount",
            "the quote sets the discount from `discounts`; leave it out",
        ));
    }
    let o = Obj::new(order, "order")?;
    // Only the lines priced here have an entry (most orders: none, and no allocation).
    let mut priced = Vec::new();
    if let Some(Node::Array(lines)) = member(members, "lines") {
        if lines.len() > coupons::MAX_LINES {
            return Err(too_many_lines());
        }
        let defaults = [
            member(members, "charging_mode"),
            member(members, "period_num"),
        ];
        for (i, line) in lines.iter().enumerate() {
            if let Node::Object(_) = line {
                if let Some(amount) = price_missing_amount(&o.item("lines", i, line)?, defaults)? {
                    priced.resize(i, None);
                    priced.push(Some(amount));
                }
            }
        }
    }
    let order = coupons::input::read_order(order, "order", &PRICE_FIELDS, &priced).map_err(
        |e| match e {
            OrderError::Value(e) if e.kind == JsonErrorKind::Amount => QuoteError::Json(e),
            OrderError::Value(e) => QuoteError::InvalidOrder {
                field: e.path,
                message: e.message,
            },
            OrderError::TooManyLines(_) => too_many_lines(),
        },
    )?;
    coupons::validate_order(&order).map_err(order_error)?;
    Ok(order)
}

/// More than `MAX_LINES` lines: one cold body for both places that find it.
#[cold]
#[inline(never)]
fn too_many_lines() -> QuoteError {
    QuoteError::TooLarge {
        field: "order.lines".into(),
        limit: coupons::MAX_LINES,
    }
}

/// The coupon area's order errors (of [`coupons::validate_order`]) under `order.`.
fn order_error(e: CouponError) -> QuoteError {
    match e {
        CouponError::InvalidOrder { path, message } => QuoteError::InvalidOrder {
            field: join_path("order", &path),
            message,
        },
        CouponError::TooLarge { what, max, .. } => QuoteError::TooLarge {
            field: format!("order.{what}"),
            limit: max,
        },
        CouponError::Amount(a) => QuoteError::Amount(a),
        other => super::error::invalid_with("order", &other),
    }
}

/// The official amount of `line` when it has none, priced from its list-price fields (the
/// order's `charging_mode` and `period_num`, `defaults`, when the line has none); `None`
/// when the line has an official amount or no list price. The list-price fields are left to
/// this function: the coupon area's reader passes them over.
fn price_missing_amount<'t>(
    line: &Obj<'_, 't>,
    [order_mode, order_periods]: [Option<&Node<'t>>; 2],
) -> Result<Option<Amount>, QuoteError> {
    let members = line.members();
    for field in ["amount", "discount_ratio"] {
        if member(members, field).is_some() {
            return Err(QuoteError::invalid(
                line.at(field),
                "the quote computes it from the discount it applies; leave it out",
            ));
        }
    }
    // An official amount wins over list-price fields; without either, the coupon area's
    // reader reports the missing `official_amount`. A field given as `null` is given.
    let has_official = !matches!(member(members, "official_amount"), None | Some(Node::Null));
    if has_official
        || !PRICE_FIELDS
            .iter()
            .any(|&f| f != "charging_mode" && member(members, f).is_some())
    {
        return Ok(None);
    }
    let mode = member(members, "charging_mode").or(order_mode);
    let is_on_demand = matches!(mode, Some(Node::String(m)) if m == "on_demand");
    let periods = match member(members, "period_num") {
        None if !is_on_demand => order_periods,
        own => own,
    };
    let input = LinePriceInput::read(line, mode, periods)?;
    let priced = price_line(&input).map_err(|e| e.at(&line.at("")))?;
    Ok(Some(priced.official_amount))
}

fn read_quantity(v: &Node<'_>, path: Path<'_>) -> Result<MaxUseQuantity, JsonError> {
    let o = object(
        v,
        path,
        &["coupon_type", "coupon_group", "use_quantity_value"],
    )?;
    let code = o
        .code("coupon_type")?
        .ok_or_else(|| shape(o.at("coupon_type"), "missing"))?;
    let kind = CouponKind::from_code(code)
        .ok_or_else(|| shape(o.at("coupon_type"), format!("unknown coupon type {code}")))?;
    let value = o
        .code("use_quantity_value")?
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| shape(o.at("use_quantity_value"), "expected a whole number ≥ 0"))?;
    Ok(MaxUseQuantity {
        kind,
        coupon_group: o.code("coupon_group")?.unwrap_or(0),
        use_quantity_value: value,
    })
}

fn read_selection(value: Option<&Node<'_>>) -> Result<Selection, QuoteError> {
    let obj = match value {
        None => return Ok(Selection::Default),
        Some(Node::String(s)) if s == "best" => return Ok(Selection::Best),
        Some(v @ Node::Object(_)) => {
            object(v, Path::new("selection"), &["discount_id", "coupon_ids"])?
        }
        Some(_) => {
            return Err(shape(
                "selection",
                r#"expected "best" or { discount_id?, coupon_ids? }"#,
            )
            .into());
        }
    };
    let discount_id = match value {
        Some(Node::Object(members)) => member(members, "discount_id"),
        _ => None,
    };
    let discount = match discount_id {
        None => DiscountRequest::Default,
        Some(Node::Null) => DiscountRequest::None,
        Some(Node::String(id)) => DiscountRequest::Id(id.to_string()),
        Some(_) => return Err(shape("selection.discount_id", "expected a string or null").into()),
    };
    let coupon_ids = obj
        .strings("coupon_ids", MAX_COUPONS, "expected a coupon id string")?
        .unwrap_or_default();
    Ok(Selection::Explicit {
        discount,
        coupon_ids,
    })
}

fn read_balances(o: &Obj<'_, '_>) -> Result<Balances, QuoteError> {
    let Some(v) = o.get("balances") else {
        return Ok(Balances::default());
    };
    let b = object(v, Path::new("balances"), &["cash", "credit"])?;
    let mut out = Balances::default();
    for (field, slot) in [("cash", &mut out.cash), ("credit", &mut out.credit)] {
        if let Some(a) = b.amount(field)? {
            if a.is_negative() {
                return Err(shape(b.at(field), format!("negative balance {a}")).into());
            }
            *slot = a;
        }
    }
    Ok(out)
}

/// `prefix` + `path`, where `path` may start with an index (`[2].amount`): the one reader's
/// [`join`](crate::json::read::join).
pub(crate) use crate::json::read::join as join_path;

/// Reads an order from JSON text as `quote` reads `input.order` (lines priced, validated;
/// errors under `order.`): the order a wallet's quote takes.
pub fn order_from_json(text: &str) -> Result<Order, QuoteError> {
    read_order(&tree(text)?)
}

/// Reads a `selection` value (absent: the default one).
pub fn selection_from_value(value: Option<&Node<'_>>) -> Result<Selection, QuoteError> {
    read_selection(value)
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
    fn list_price_fields_pass_the_line_reader_without_being_offered() {
        let order = |line: &str| {
            read(&format!(
                r#"{{{NOW},"order":{{"order_type":"new","charging_mode":"period","period_type":2,
                  "lines":[{{"id":"a","cloud_service_type":"s","region":"r",{line}}}]}}}}"#
            ))
        };
        // A null official amount is priced; the last of repeated keys counts.
        let q =
            order(r#""official_amount":null,"unit_price":"1","unit_price":"2.5","period_num":2"#)
                .unwrap();
        assert_eq!(q.order.lines[0].official_amount.to_string(), "5");
        let err = order(r#""unit_price":"1","period_num":1,"colour":"red""#).unwrap_err();
        assert_eq!(err.field(), Some("order.lines[0].colour"));
        let message = err.to_string();
        assert!(message.contains("unknown field \"colour\""), "{message}");
        assert!(!message.contains("unit_price"), "{message}");
    }

    /// The order's `charging_mode` and `period_num` reach a line priced from its list price
    /// as that line's own: a bad one is named at the line, and an on-demand line does not
    /// take the order's periods.
    #[test]
    fn order_defaults_are_read_as_the_line_fields() {
        let order = |fields: &str, line: &str| {
            read(&format!(
                r#"{{{NOW},"order":{{"order_type":"new",{fields},
                  "lines":[{{"id":"a","cloud_service_type":"s","region":"r","unit_price":"2"{line}}}]}}}}"#
            ))
        };
        let q = order(r#""charging_mode":"period","period_num":3"#, "").unwrap();
        assert_eq!(q.order.lines[0].official_amount.to_string(), "6");
        let err = order(r#""charging_mode":"period","period_num":"x""#, "").unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            ("invalid_amount", Some("order.lines[0].period_num"))
        );
        let err = order(r#""charging_mode":"on_demand","period_num":3"#, "").unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            ("invalid_order", Some("order.lines[0].usage_value"))
        );
        let q = order(
            r#""charging_mode":"on_demand","period_num":3"#,
            r#","charging_mode":"period""#,
        )
        .unwrap();
        assert_eq!(q.order.lines[0].official_amount.to_string(), "6");
        let err = order(r#""charging_mode":"period""#, r#","charging_mode":7"#).unwrap_err();
        assert_eq!(err.field(), Some("order.lines[0].charging_mode"));
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
            (line(""), "invalid_order", "order.lines[1].official_amount"),
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
