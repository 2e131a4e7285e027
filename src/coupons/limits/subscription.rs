//! Who and what kind of order: `subscribeType` (order-level) and `firstOrderInService`
//! (selects lines by the customer's history per service).

use super::{BadValue, LineMatch, items, line_ids, value1};
use crate::coupons::order::{Line, Order, OrderType};
use crate::coupons::policy::{Policy, Undecided};
use crate::coupons::verdict::{Param, Reason, ReasonCode, Status, distinct};

/// The order types a coupon allows (`subscribeType`), as a bit set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SubscribeTypes(u8);

const TYPES: [(OrderType, &str); 3] = [
    (OrderType::New, "新购"),
    (OrderType::Renew, "续订"),
    (OrderType::Change, "变更"),
];

impl SubscribeTypes {
    fn bit(t: OrderType) -> u8 {
        match t {
            OrderType::New => 1,
            OrderType::Renew => 2,
            OrderType::Change => 4,
        }
    }

    /// Whether `t` is allowed.
    pub fn allows(self, t: OrderType) -> bool {
        self.0 & Self::bit(t) != 0
    }

    /// Both sets.
    pub fn union(self, other: SubscribeTypes) -> SubscribeTypes {
        SubscribeTypes(self.0 | other.0)
    }
}

/// Reads `subscribeType` values (`new`, `renew`, `change`; comma-separated).
pub fn parse_subscribe_types(
    row: &crate::coupons::model::UseLimit,
) -> Result<SubscribeTypes, BadValue> {
    let mut set = SubscribeTypes::default();
    for item in items(value1(row)) {
        let t = TYPES
            .iter()
            .find(|(t, _)| t.as_str().eq_ignore_ascii_case(item))
            .ok_or_else(|| BadValue::new("value1", item, "expected new, renew or change"))?;
        set.0 |= SubscribeTypes::bit(t.0);
    }
    if set.0 == 0 {
        return Err(BadValue::new("value1", "", "no order type"));
    }
    Ok(set)
}

/// `subscribeType`: the order's type is allowed. Without `detail` the reason carries its code
/// and effect only.
pub fn check_subscribe_type(
    allowed: SubscribeTypes,
    order: &Order,
    detail: bool,
) -> Option<Reason> {
    if allowed.allows(order.order_type) {
        return None;
    }
    let names = |zh: bool| {
        let mut v = Vec::new();
        for (t, cn) in TYPES {
            if allowed.allows(t) {
                v.push((if zh { cn } else { t.as_str() }).to_owned());
            }
        }
        Param::List(v)
    };
    Some(Reason::detailed(
        ReasonCode::SubscribeTypeNotAllowed,
        Status::NotApplicable,
        Some(super::LimitKey::SubscribeType.as_str()),
        detail.then(|| {
            vec![
                ("required", names(false)),
                ("required_zh", names(true)),
                ("actual", Param::Static(order.order_type.as_str())),
            ]
        }),
    ))
}

/// `firstOrderInService` = 1: the order says this is the customer's first order of the line's
/// service. Without that history the policy decides (default: unknown).
pub fn first_order(line: &Line, order: &Order, policy: &Policy) -> LineMatch {
    let known = order
        .first_order_in_service
        .as_ref()
        .and_then(|m| m.get(&line.cloud_service_type));
    match (known, policy.first_order_unknown) {
        (Some(first), _) => LineMatch::from_bool(*first),
        (None, Undecided::Indeterminate) => LineMatch::Unknown,
        (None, Undecided::NotApplicable) => LineMatch::No,
    }
}

/// The lines whose service has no entry in `order.first_order_in_service`.
pub fn lines_without_history(order: &Order) -> Vec<&Line> {
    let map = order.first_order_in_service.as_ref();
    let mut lines = Vec::new();
    for l in &order.lines {
        if map.is_none_or(|m| !m.contains_key(&l.cloud_service_type)) {
            lines.push(l);
        }
    }
    lines
}

/// `first_order_unknown` for lines whose service has no history in the order.
pub fn first_order_unknown(lines: &[&Line], policy: &Policy) -> Reason {
    let effect = match policy.first_order_unknown {
        Undecided::Indeterminate => Status::Indeterminate,
        Undecided::NotApplicable => Status::NotApplicable,
    };
    let services = distinct(lines.iter().map(|l| l.cloud_service_type.as_str()));
    Reason::new(
        ReasonCode::FirstOrderUnknown,
        effect,
        Some(super::LimitKey::FirstOrderInService.as_str()),
        vec![("services", services), ("lines", line_ids(lines))],
    )
}
