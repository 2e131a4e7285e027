//! Orders: a pending BSS order, as the BSS responses describe it, priced by [`crate::quote`].
//!
//! [`quote_order`] takes the response bodies of ShowCustomerOrderDetails, ListOrderDiscounts,
//! ListOrderCouponsByOrderId, ShowCustomerAccountBalances and ListStoredValueCards exactly as
//! received (JSON text, or a JSON string holding that text) and returns the [`Quote`] of the
//! order with its PayOrders (v3) body.
//!
//! ListOrderCouponsByOrderId is BSS's own answer to "which coupons apply to this order"
//! (spec coupons §6.1). The order details carry no region, no purchase history and no
//! strict-selected flag, so a limit that needs such a fact cannot be decided locally; for a
//! coupon BSS listed for the order, that limit is taken as satisfied and named in
//! [`OrderQuote::facts_from_bss`]. Limits the details can decide (amount range, service type,
//! product, order type, period, discount flags) are still evaluated, and amounts (the
//! deduction caps, `maxDeductionRatio`, balances) are always computed.
//!
//! The details do not say which lines are hardware either. A `coupon_group` 3 coupon (hardware
//! only) that BSS listed for an order of one product (one line, or every line of the same
//! product) means that product is hardware: its lines are marked so and the coupon's group is
//! named in `facts_from_bss` (`coupon_group`, `is_hardware`). When the lines are of different
//! products, which of them BSS counts as hardware is not known: none is marked, and the coupon
//! is refused (`hardware_only`), the reading that never previews less than BSS may charge.
//! Policy `listed_hardware_coupon` `every_line` selects the other reading: every line of the
//! order is taken as hardware, named in `facts_from_bss` the same way.

use crate::coupons::Coupon;
use crate::coupons::limits::LimitKey;
use crate::coupons::order::{ChargingMode, Line, Order, OrderType, PeriodType};
use crate::coupons::policy::ListedHardwareCoupon;
use crate::discounts::wire::{Obj, shape, tree};
use crate::json::JsonError;
use crate::json::tree::Node;
use crate::json::write::{Object, WriteJson};
use crate::money::Amount;
use crate::quote::build::{QuoteView, View};
use crate::quote::input::{Balances, BssParts};
use crate::quote::{Quote, QuoteError, QuoteInput, QuoteOptions};

/// The fields of a `quoteOrder` input.
const FIELDS: [&str; 7] = [
    "details",
    "discounts",
    "coupons",
    "balances",
    "cards",
    "selection",
    "now",
];

/// ShowCustomerOrderDetails `order_info.status` of an order waiting for payment (待支付).
pub const STATUS_PENDING_PAYMENT: i64 = 6;

/// A limit of a coupon listed by ListOrderCouponsByOrderId that the order details cannot
/// decide, taken as satisfied on BSS's word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactFromBss {
    /// The coupon.
    pub coupon_id: String,
    /// The `limit_key` taken from BSS.
    pub limit_key: String,
    /// The fact the order details lack (`region`, `first_order_in_service`, …).
    pub missing: &'static str,
}

impl WriteJson for FactFromBss {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("coupon_id", &self.coupon_id)
            .field("limit_key", &self.limit_key)
            .field("missing", self.missing)
            .end();
    }
}

/// The quote of a pending order: on the wire, the quote's object with `order_id` and
/// `facts_from_bss` added.
#[derive(Debug, Clone)]
pub struct OrderQuote {
    /// The quote, `pay_request` carrying the order id.
    pub quote: Quote,
    /// The order id.
    pub order_id: String,
    /// The coupon limits taken from ListOrderCouponsByOrderId rather than evaluated.
    pub facts_from_bss: Vec<FactFromBss>,
}

/// An order built from ShowCustomerOrderDetails, with the facts the details lack.
#[derive(Debug, Clone)]
pub struct DetailsOrder {
    /// The order (`region` is empty on every line: the details carry none).
    pub order: Order,
    /// `order_info.status`.
    pub status: Option<i64>,
    /// Facts the details lack for some line or for the order.
    pub missing: Vec<Missing>,
}

/// A fact an order built from its details lacks, and the limits that need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// Lines have no region (never in the details).
    Region,
    /// No purchase history (never in the details).
    FirstOrderInService,
    /// No strict-selected (严选) flag (never in the details).
    StrictSelected,
    /// A line has no `product_id`.
    ProductId,
    /// A line has no `service_type_code`.
    ServiceType,
    /// A line's `period_type` is not one the engine models (week, reserved codes).
    PeriodType,
    /// The lines differ in `period_num`, or have none.
    PeriodNum,
    /// No line says whether it is hardware (never in the details); needed by a `coupon_group`
    /// 3 coupon, which is a coupon field rather than a `use_limits` row.
    Hardware,
}

impl Missing {
    /// The fact's name in [`FactFromBss::missing`].
    pub fn as_str(self) -> &'static str {
        match self {
            Missing::Region => "region",
            Missing::FirstOrderInService => "first_order_in_service",
            Missing::StrictSelected => "is_strict_selected",
            Missing::ProductId => "product_id",
            Missing::ServiceType => "cloud_service_type",
            Missing::PeriodType => "period_type",
            Missing::PeriodNum => "period_num",
            Missing::Hardware => "is_hardware",
        }
    }

    /// The limits that need this fact.
    fn needed_by(self, key: LimitKey) -> bool {
        matches!(
            (self, key),
            (Missing::Region, LimitKey::RegionCode)
                | (Missing::FirstOrderInService, LimitKey::FirstOrderInService)
                | (Missing::StrictSelected, LimitKey::IsOnlyForStrictSelected)
                | (
                    Missing::ProductId,
                    LimitKey::ProductId | LimitKey::ProductIdBlackList
                )
                | (
                    Missing::ServiceType,
                    LimitKey::ServiceType | LimitKey::ServiceTypeBlackList
                )
                | (Missing::PeriodType, LimitKey::CycleType)
                | (Missing::PeriodNum, LimitKey::CycleNum)
        )
    }
}

/// `orderFromDetails` on JSON text: the ShowCustomerOrderDetails body in, the engine's
/// [`Order`] out.
pub fn order_from_details_json(details: &str) -> Result<String, QuoteError> {
    let node = tree(details)?;
    let mut slot = None;
    let order = order_from_details(part(&node, "details", &mut slot)?, "details")?.order;
    Ok(order.to_json())
}

/// `quoteOrder` on JSON text; `default_now` fills `now` when absent.
pub fn quote_order_json(
    input: &str,
    opts: &str,
    default_now: Option<&str>,
) -> Result<String, QuoteError> {
    let root = tree(input)?;
    let opts = QuoteOptions::from_value(&tree(opts)?)?;
    let q = quote_order(&root, &opts, default_now)?;
    // The quote's object with two more members.
    let mut text = String::new();
    let mut o = Object::new(&mut text);
    let view = QuoteView {
        quote: &q.quote,
        view: View::FULL,
    };
    view.write_members(&mut o);
    o.field("order_id", &q.order_id)
        .field("facts_from_bss", &q.facts_from_bss)
        .end();
    Ok(text)
}

/// Prices the pending order described by the BSS bodies in `root` (see the module doc).
/// The bodies are read where they are, by the quote input's own readers: nothing is copied
/// into a quote input tree.
pub fn quote_order(
    root: &Node<'_>,
    opts: &QuoteOptions,
    default_now: Option<&str>,
) -> Result<OrderQuote, QuoteError> {
    let o = Obj::new(root, "")?.only(&FIELDS)?;
    let [mut s0, mut s1, mut s2, mut s3, mut s4] = [None, None, None, None, None];
    let details = part(o.required("details")?, "details", &mut s0)?;
    let built = order_from_details(details, "details")?;
    if let Some(status) = built.status.filter(|s| *s != STATUS_PENDING_PAYMENT) {
        return Err(shape(
            "details.order_info.status",
            crate::text::with_int(
                "the order is not pending payment (status ",
                status,
                ", pending is 6)",
            ),
        )
        .into());
    }
    let order_id = built.order.order_id.clone().unwrap_or_default();

    let discounts = part_of(&o, "discounts", &mut s1)?;
    if let Some(d) = &discounts {
        list_of(d, "discounts", "discounts")?;
    }

    let mut facts = Vec::new();
    let mut coupons = Vec::new();
    // The ids of the coupons and cards taken so far: a card listed twice is taken once.
    let mut ids: Vec<&str> = Vec::new();
    let mut order = built.order;
    // Whether a listed hardware-only coupon marks the lines (policy `listed_hardware_coupon`).
    let marks_hardware = match opts.policy.listed_hardware_coupon {
        ListedHardwareCoupon::OneProduct => one_product(&order.lines),
        ListedHardwareCoupon::EveryLine => !order.lines.is_empty(),
    };
    let listed = part_of(&o, "coupons", &mut s2)?;
    if let Some(listed) = &listed {
        for coupon in list_of(listed, "user_coupons", "coupons")? {
            let missing = &built.missing;
            facts_from_bss(coupon, missing, &mut facts);
            let keep = |row: &Node<'_>| vouched_for(row, missing).is_none();
            coupons.push(Coupon::from_node_keeping(coupon, &keep));
            ids.extend(coupon_id(coupon));
            if marks_hardware && is_hardware_coupon(coupon) {
                // BSS listed a hardware-only coupon for this order: its lines are hardware.
                for line in &mut order.lines {
                    line.is_hardware = Some(true);
                }
                facts.push(FactFromBss {
                    coupon_id: coupon_id(coupon).unwrap_or_default().to_owned(),
                    limit_key: "coupon_group".to_owned(),
                    missing: Missing::Hardware.as_str(),
                });
            }
        }
    }
    let cards = part_of(&o, "cards", &mut s3)?;
    if let Some(cards) = &cards {
        for card in list_of(cards, "stored_value_cards", "cards")? {
            // A card ListOrderCouponsByOrderId also lists (type 303) is that one.
            let id = Obj::new(card, "cards")?.text("card_id")?;
            if id.as_deref().is_none_or(|id| !ids.contains(&id)) {
                coupons.push(Coupon::from_value(card));
                ids.extend(coupon_id(card));
            }
        }
    }

    let balances = match part_of(&o, "balances", &mut s4)? {
        Some(b) => balances(b)?,
        None => Balances::default(),
    };
    let listed = listed.and_then(object);
    let discounts = discounts.and_then(object);
    let bss = BssParts {
        discounts: discounts.as_ref(),
        coupons,
        quantities: listed.as_ref(),
        balances,
    };
    let input = QuoteInput::from_fields(&o, order, default_now, Some(bss))?;
    let quote = crate::quote::quote(&input, opts)?;
    Ok(OrderQuote {
        quote,
        order_id,
        facts_from_bss: facts,
    })
}

/// A part given as an object, or as a JSON string holding the body's text (read in place,
/// so every digit is kept).
///
/// A body given as text is parsed into `slot`: the caller's slots drop every parsed body in
/// one place (a `Cow` per part was dropped anew at each `?`).
fn part<'a>(
    v: &'a Node<'_>,
    path: &str,
    slot: &'a mut Slot<'a>,
) -> Result<&'a Node<'a>, QuoteError> {
    match v {
        Node::String(text) => {
            let parsed = tree(text).map_err(|mut e| {
                e.path = path.to_owned();
                e
            })?;
            match parsed {
                Node::Object(_) => Ok(slot.insert(parsed)),
                _ => Err(shape(
                    path,
                    "expected the JSON text of a BSS response body (an object)",
                )
                .into()),
            }
        }
        Node::Object(_) => Ok(v),
        _ => Err(shape(
            path,
            "expected the BSS response body (an object or its JSON text)",
        )
        .into()),
    }
}

/// A body [`part`] returned, read as an object (it is one).
fn object<'a, 't>(body: &'a Node<'t>) -> Option<Obj<'a, 't>> {
    match body {
        Node::Object(members) => Some(Obj::of(members, "")),
        _ => None,
    }
}

/// The optional part `field` of the input ([`part`], at the path `field`).
fn part_of<'a>(
    o: &Obj<'a, 'a>,
    field: &str,
    slot: &'a mut Slot<'a>,
) -> Result<Option<&'a Node<'a>>, QuoteError> {
    o.get(field).map(|v| part(v, field, slot)).transpose()
}

/// Where [`part`] parses a body given as text (an `Option`, not a `OnceCell`: no
/// reentrant-init panic path is linked).
type Slot<'a> = Option<Node<'a>>;

/// The array `field` of a body (absent or null: empty).
fn list_of<'a, 't>(
    body: &'a Node<'t>,
    field: &str,
    path: &'a str,
) -> Result<&'a [Node<'t>], QuoteError> {
    // Every body is an object here (`part`, or checked by the caller first).
    let value = match body {
        Node::Object(members) => crate::json::read::member(members, field),
        _ => None,
    };
    match value {
        None | Some(Node::Null) => Ok(&[]),
        Some(Node::Array(items)) => Ok(items),
        Some(_) => Err(shape(format!("{path}.{field}"), "expected an array").into()),
    }
}

/// The last `coupon_id` or `card_id` given as a string.
fn coupon_id<'a>(v: &'a Node<'_>) -> Option<&'a str> {
    last_string(v, &["coupon_id", "card_id"])
}

/// The last member named one of `keys` whose value is a string (one search serves the ids
/// and the limit keys).
fn last_string<'a>(v: &'a Node<'_>, keys: &[&str]) -> Option<&'a str> {
    let Node::Object(m) = v else { return None };
    m.iter().rev().find_map(|(k, v)| match v {
        Node::String(s) if keys.contains(&k.as_ref()) => Some(s.as_ref()),
        _ => None,
    })
}

/// One line, or every line of the same (known) product: a coupon BSS listed for the order
/// covers all of them or none.
fn one_product(lines: &[Line]) -> bool {
    match lines {
        [_] => true,
        [first, rest @ ..] => {
            first.product_id.is_some() && rest.iter().all(|l| l.product_id == first.product_id)
        }
        [] => false,
    }
}

/// A `coupon_group` 3 coupon (hardware only, "抵扣硬件的券").
fn is_hardware_coupon(coupon: &Node<'_>) -> bool {
    // As `Obj::code`, a value that is not a code being no group (no error built to drop).
    let group = match coupon {
        Node::Object(m) => crate::json::read::member(m, "coupon_group"),
        _ => None,
    };
    match group {
        Some(Node::Number(t) | Node::String(t)) => {
            crate::json::read::parse_i64(t) == Some(HARDWARE_GROUP)
        }
        _ => false,
    }
}

/// `coupon_group` of a hardware-only coupon.
const HARDWARE_GROUP: i64 = 3;

/// The `limit_key` of a `use_limits` row given as a string, and the fact the order details
/// lack for it when BSS's listing of the coupon vouches for the row (the engine leaves the
/// row out): a key that needs a `missing` fact, or a key the engine does not know (which
/// would make the coupon indeterminate; BSS knows it and listed the coupon).
fn vouched_for<'a>(row: &'a Node<'_>, missing: &[Missing]) -> Option<(&'a str, &'static str)> {
    let key = last_string(row, &["limit_key"])?;
    let fact = match LimitKey::from_key(key) {
        Some(k) => missing.iter().find(|m| m.needed_by(k)).map(|m| m.as_str()),
        None => Some(crate::codes::reason::UNKNOWN_LIMIT),
    };
    fact.map(|fact| (key, fact))
}

/// Records in `facts` each `use_limits` row of `coupon` that BSS vouched for
/// ([`vouched_for`]).
fn facts_from_bss(coupon: &Node<'_>, missing: &[Missing], facts: &mut Vec<FactFromBss>) {
    let Node::Object(members) = coupon else {
        return;
    };
    for (key, value) in members {
        let (true, Node::Array(rows)) = (key == "use_limits", value) else {
            continue;
        };
        for (limit_key, missing) in rows.iter().filter_map(|row| vouched_for(row, missing)) {
            facts.push(FactFromBss {
                coupon_id: coupon_id(coupon).unwrap_or_default().to_owned(),
                limit_key: limit_key.to_owned(),
                missing,
            });
        }
    }
}

/// Cash (account type 1) and credit (type 2) of a ShowCustomerAccountBalances body; a
/// negative balance (debt) counts as 0.
fn balances(body: &Node<'_>) -> Result<Balances, QuoteError> {
    let mut out = Balances::default();
    // A body `part` returned: an object.
    let Node::Object(members) = body else {
        return Ok(out);
    };
    let o = Obj::of(members, "balances");
    let accounts = list_of(body, "account_balances", "balances")?;
    for (i, account) in accounts.iter().enumerate() {
        let a = o.item("account_balances", i, account)?;
        let slot = match a.code("account_type")? {
            Some(1) => &mut out.cash,
            Some(2) => &mut out.credit,
            _ => continue,
        };
        let amount = a.amount("amount")?.unwrap_or(Amount::ZERO);
        if !amount.is_negative() {
            *slot = slot.checked_add(amount)?;
        }
    }
    Ok(out)
}

/// The engine's order for a ShowCustomerOrderDetails body (`order_info` and
/// `order_line_items`). Every line item must be present: `total_count` larger than the
/// items given means a page is missing.
pub fn order_from_details(body: &Node<'_>, path: &str) -> Result<DetailsOrder, QuoteError> {
    let o = Obj::new(body, path)?;
    let info = o.required("order_info")?;
    let info = o.child("order_info", info)?;
    let items = list_of(body, "order_line_items", path)?;
    if let Some(total) = o.code("total_count")? {
        if usize::try_from(total).map_or(true, |t| t > items.len()) {
            return Err(shape(
                o.at("total_count"),
                crate::text::with_int(
                    &crate::text::with_int("the order has ", total, " line items and "),
                    items.len() as i64,
                    " were given: fetch every page (offset/limit)",
                ),
            )
            .into());
        }
    }
    if items.len() > crate::coupons::order::MAX_LINES {
        return Err(QuoteError::TooLarge {
            field: o.at("order_line_items"),
            limit: crate::coupons::order::MAX_LINES,
        });
    }
    let order_type_code = info.code("order_type")?;
    let order_type = match order_type_code {
        // 开通, 按需转包年/包月, 试用, 转商用: the `subscribeType` "new" family.
        Some(1 | 11 | 13 | 14) => OrderType::New,
        Some(2) => OrderType::Renew,
        Some(3) => OrderType::Change,
        other => {
            return Err(shape(
                info.at("order_type"),
                match other {
                    Some(c) => crate::text::with_int(
                        "order type ",
                        c,
                        " is not a purchase, renewal or change",
                    ),
                    None => "order type missing is not a purchase, renewal or change".to_owned(),
                },
            )
            .into());
        }
    };
    let mut missing = vec![
        Missing::Region,
        Missing::FirstOrderInService,
        Missing::StrictSelected,
        Missing::Hardware,
    ];
    let mut note = |m: Missing| {
        if !missing.contains(&m) {
            missing.push(m);
        }
    };
    let mut lines = Vec::with_capacity(items.len());
    let mut periods: Option<Option<i64>> = None;
    let mut period_types: Option<Option<PeriodType>> = None;
    let mut modes: Option<ChargingMode> = None;
    for (i, item) in items.iter().enumerate() {
        let l = o.item("order_line_items", i, item)?;
        let id = filled(&l, "order_line_item_id")?
            .ok_or_else(|| l.fail("order_line_item_id", "missing"))?;
        let official_amount = l
            .amount("official_amount")?
            .ok_or_else(|| l.fail("official_amount", "missing"))?;
        let service = filled(&l, "service_type_code")?;
        if service.is_none() {
            note(Missing::ServiceType);
        }
        let product_id = match filled(&l, "product_id")? {
            Some(id) => Some(id),
            // The base product's id, when it can be read (a bad one is no id).
            None => match l.get("base_product_info") {
                Some(Node::Object(p)) => match crate::json::read::member(p, "product_id") {
                    Some(Node::String(s) | Node::Number(s)) if !s.is_empty() => Some(s.to_string()),
                    _ => None,
                },
                _ => None,
            },
        };
        if product_id.is_none() {
            note(Missing::ProductId);
        }
        // 0 天, 1 周, 2 月, 3 年, 4 小时, 5 一次性, 6 按需 (reserved), 7 按用量 (reserved).
        let (mode, period_type) = match l.code("period_type")? {
            Some(0) => (ChargingMode::Period, Some(PeriodType::Day)),
            Some(2) => (ChargingMode::Period, Some(PeriodType::Month)),
            Some(3) => (ChargingMode::Period, Some(PeriodType::Year)),
            Some(4) => (ChargingMode::Period, Some(PeriodType::Hour)),
            Some(5) => (ChargingMode::OneTime, None),
            Some(6 | 7) => (ChargingMode::OnDemand, None),
            _ => {
                note(Missing::PeriodType);
                (ChargingMode::Period, None)
            }
        };
        let period_num = l.code("period_num")?;
        match &periods {
            None => periods = Some(period_num),
            Some(p) if *p != period_num => periods = Some(None),
            _ => {}
        }
        match &period_types {
            None => period_types = Some(period_type),
            Some(p) if *p != period_type => period_types = Some(None),
            _ => {}
        }
        if modes.is_none() {
            modes = Some(mode);
        }
        lines.push(Line {
            id,
            cloud_service_type: service.unwrap_or_default(),
            resource_type: None,
            resource_spec: None,
            region: String::new(),
            product_id,
            official_amount,
            amount: None,
            discount_ratio: None,
            charging_mode: Some(mode),
            period_type,
            is_strict_selected: None,
            // ShowCustomerOrderDetails does not say; a hardware-only coupon that BSS listed for
            // the order is BSS's own answer (ListOrderCouponsByOrderId), see `facts_from_bss`.
            is_hardware: None,
        });
    }
    let period_num = periods
        .flatten()
        .and_then(|n| u32::try_from(n).ok())
        .filter(|n| *n > 0);
    if period_num.is_none() {
        note(Missing::PeriodNum);
    }
    let charging_mode = modes.unwrap_or(ChargingMode::Period);
    // Lines that share the order's mode and period type do not repeat them.
    let period_type = period_types.flatten();
    for line in &mut lines {
        if line.charging_mode == Some(charging_mode) {
            line.charging_mode = None;
        }
        if line.period_type == period_type {
            line.period_type = None;
        }
    }
    let order = Order {
        order_id: filled(&info, "order_id")?,
        order_type,
        charging_mode,
        period_type,
        period_num,
        currency: filled(&info, "currency")?,
        first_order_in_service: None,
        discount: None,
        lines,
    };
    crate::coupons::validate_order(&order).map_err(|e| match e {
        // The order's `lines[i]` are the body's `order_line_items[i]`.
        crate::coupons::CouponError::InvalidOrder { path: p, message } => {
            QuoteError::invalid(format!("{path}.{}", body_path(&p)), message)
        }
        other => QuoteError::invalid(path, other.to_string()),
    })?;
    Ok(DetailsOrder {
        order,
        status: info.code("status")?,
        missing,
    })
}

/// A string (or a number's text) that is not empty; `""` is absent.
fn filled(o: &Obj<'_, '_>, field: &str) -> Result<Option<String>, JsonError> {
    Ok(o.text(field)?.filter(|s| !s.is_empty()))
}

/// `p` with its first `lines` replaced by `order_line_items` (as `str::replacen`), by
/// `crate::text`'s byte search: `replacen` alone linked the two-way string searcher.
fn body_path(p: &str) -> String {
    match crate::text::split_once(p, "lines") {
        Some((head, tail)) => format!("{head}order_line_items{tail}"),
        None => p.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn body_paths_are_replacen() {
        for p in [
            "lines[3].id",
            "discount.lines[0].id",
            "",
            "line",
            "xlineslines",
            "é.lines",
            "linesé",
        ] {
            assert_eq!(
                body_path(p),
                p.replacen("lines", "order_line_items", 1),
                "{p}"
            );
        }
    }

    /// A pending monthly order of `(product_id, official_amount)` lines, with one 代金券 of
    /// `coupon_group` 3 (hardware only) listed for it by ListOrderCouponsByOrderId.
    fn hardware_order(lines: &[(&str, &str)]) -> Value {
        let items: Vec<Value> = lines
            .iter()
            .enumerate()
            .map(|(i, (product, amount))| {
                json!({
                    "order_line_item_id": format!("O1-{i}"), "service_type_code": "hws.service.type.hardware",
                    "product_id": product, "period_type": 2, "period_num": 1, "official_amount": amount,
                })
            })
            .collect();
        json!({
            "details": { "total_count": lines.len(), "order_info": { "order_id": "O1", "status": 6, "order_type": 1 },
                         "order_line_items": items },
            "coupons": { "user_coupons": [{
                "coupon_id": "CP-HW-100", "coupon_type": 301, "status": 2, "face_value": "100.00", "balance": "100.00",
                "coupon_version": 2, "coupon_group": 3, "effective_time": "2026-01-01T00:00:00Z",
                "expire_time": "2099-01-01T00:00:00Z", "use_limits": [],
            }] },
            "selection": { "coupon_ids": ["CP-HW-100"] },
            "now": "2026-11-01T00:00:00Z",
        })
    }

    fn quoted(input: &Value) -> Value {
        serde_json::from_str(&quote_order_json(&input.to_string(), "null", None).unwrap()).unwrap()
    }

    #[test]
    fn a_listed_hardware_coupon_pays_an_order_of_one_product_on_bss_word() {
        let fact = json!([{ "coupon_id": "CP-HW-100", "limit_key": "coupon_group", "missing": "is_hardware" }]);
        for lines in [
            &[("P-HW", "300.00")][..],
            &[("P-HW", "300.00"), ("P-HW", "150.00")],
        ] {
            let q = quoted(&hardware_order(lines));
            assert_eq!(q["coupon_amount"], "100.00", "{q}");
            assert_eq!(q["rejected"], json!([]), "{q}");
            assert_eq!(q["facts_from_bss"], fact, "{q}");
            assert_eq!(
                q["pay_request"]["coupon_infos"],
                json!([{ "id": "CP-HW-100", "type": 301 }])
            );
        }
    }

    #[test]
    fn lines_of_different_products_keep_the_hardware_coupon_refused() {
        let q = quoted(&hardware_order(&[
            ("P-HW", "300.00"),
            ("P-OTHER", "150.00"),
        ]));
        assert_eq!(q["coupon_amount"], "0.00", "{q}");
        assert_eq!(q["payable"], "450.00");
        assert_eq!(q["rejected"][0]["id"], "CP-HW-100");
        assert_eq!(
            q["rejected"][0]["reasons"][0]["code"], "hardware_only",
            "{q}"
        );
        assert_eq!(q["facts_from_bss"], json!([]));
        // A line without a product id is not known to be the same product either.
        let mut unknown = hardware_order(&[("P-HW", "300.00"), ("P-HW", "150.00")]);
        unknown["details"]["order_line_items"][1]
            .as_object_mut()
            .unwrap()
            .remove("product_id");
        assert_eq!(quoted(&unknown)["coupon_amount"], "0.00");
    }

    #[test]
    fn policy_every_line_takes_every_line_as_hardware_for_a_listed_hardware_coupon() {
        let input = hardware_order(&[("P-HW", "300.00"), ("P-OTHER", "150.00")]);
        let opts = r#"{"policy":{"listed_hardware_coupon":"every_line"}}"#;
        let q: Value =
            serde_json::from_str(&quote_order_json(&input.to_string(), opts, None).unwrap())
                .unwrap();
        assert_eq!(q["coupon_amount"], "100.00", "{q}");
        assert_eq!(q["payable"], "350.00", "{q}");
        assert_eq!(q["rejected"], json!([]), "{q}");
        assert_eq!(q["policy"]["listed_hardware_coupon"], "every_line");
        assert_eq!(
            q["facts_from_bss"],
            json!([{ "coupon_id": "CP-HW-100", "limit_key": "coupon_group", "missing": "is_hardware" }])
        );
        assert_eq!(
            q["pay_request"]["coupon_infos"],
            json!([{ "id": "CP-HW-100", "type": 301 }])
        );
        // The default (one_product) echoes and keeps refusing the same order.
        let safe = quoted(&input);
        assert_eq!(safe["policy"]["listed_hardware_coupon"], "one_product");
        assert_eq!(safe["coupon_amount"], "0.00");
    }

    #[test]
    fn lines_are_marked_hardware_only_when_bss_lists_a_hardware_coupon() {
        let mut plain = hardware_order(&[("P-HW", "300.00")]);
        plain["coupons"]["user_coupons"][0]["coupon_group"] = json!(0);
        let q = quoted(&plain);
        assert_eq!(q["coupon_amount"], "100.00");
        assert_eq!(q["facts_from_bss"], json!([]));
    }

    /// The rows BSS vouched for are left out while the coupon is read (not from a copy):
    /// a coupon is malformed only when more than `MAX_USE_LIMITS` rows remain, every row left
    /// out is a fact, and a card that ListOrderCouponsByOrderId also listed is taken once.
    #[test]
    fn vouched_rows_are_left_out_while_reading_and_listed_cards_taken_once() {
        use crate::coupons::model::MAX_USE_LIMITS;
        let region = json!({ "limit_key": "regionCode", "value1": "cn-north-4", "value2": "" });
        let base = json!({ "limit_key": "baseValue", "value1": "1", "value2": "" });
        let coupon = |rows: Vec<Value>| {
            let mut input = hardware_order(&[("P-HW", "300.00")]);
            let c = &mut input["coupons"]["user_coupons"][0];
            c["coupon_group"] = json!(0);
            c["use_limits"] = Value::Array(rows);
            input
        };
        // MAX_USE_LIMITS rows left after the two vouched-for ones: read, two facts.
        let mut rows = vec![region.clone(), region.clone()];
        rows.extend(std::iter::repeat_n(base.clone(), MAX_USE_LIMITS));
        let q = quoted(&coupon(rows.clone()));
        assert_eq!(q["coupon_amount"], "100.00", "{q}");
        let facts = q["facts_from_bss"].as_array().unwrap();
        assert_eq!(facts.len(), 2, "{q}");
        assert_eq!(facts[0]["missing"], "region");
        // One more row that stays: malformed.
        rows.push(base);
        let q = quoted(&coupon(rows));
        assert_eq!(q["coupon_amount"], "0.00", "{q}");
        assert_eq!(
            q["rejected"][0]["reasons"][0]["code"], "malformed_coupon",
            "{q}"
        );
        // A stored-value card listed as a coupon (type 303) and as a card: once.
        let mut input = coupon(vec![]);
        let card = json!({ "card_id": "SVC-1", "face_value": "50", "balance": "50", "status": 1 });
        input["coupons"]["user_coupons"][0] = json!({
            "coupon_id": "SVC-1", "coupon_type": 303, "status": 2, "face_value": "50",
            "balance": "50", "effective_time": "2026-01-01T00:00:00Z",
            "expire_time": "2099-01-01T00:00:00Z",
        });
        input["cards"] = json!({ "stored_value_cards": [card.clone(), card] });
        input["selection"] = json!("best");
        input["balances"] = json!({ "account_balances": [
            { "account_type": 1, "amount": "10.50" }, { "account_type": 1, "amount": "-5" },
            { "account_type": 2, "amount": 7 },
        ] });
        let q = quoted(&input);
        let offered: Vec<&Value> = q["pay_request"]["coupon_infos"]
            .as_array()
            .unwrap()
            .iter()
            .chain(q["rejected"].as_array().unwrap())
            .collect();
        assert_eq!(offered.len(), 1, "{q}");
        assert_eq!(q["stored_card_amount"], "50.00", "{q}");
        // Cash 10.50 (the debt counts 0), then credit 7.
        assert_eq!(
            q["payment"],
            json!({ "cash": "10.50", "credit": "7.00", "unpaid": "232.50" })
        );
    }
}
