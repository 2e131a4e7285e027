//! Charging mode and period: `cycleType` (selects lines) and `cycleNum` (order-level).

use super::{BadValue, LineMatch, items, value1};
use crate::coupons::order::{ChargingMode, Line, Order, PeriodType};
use crate::coupons::verdict::{Param, Reason, ReasonCode, Status, distinct};
use crate::json::read::parse_u64;

/// The `cycleType` codes a coupon allows, as a bit set over the codes 0–11.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CycleTypes(u16);

/// Codes documented for `cycleType`, with English and Chinese names.
const CODES: [(u8, &str, &str); 10] = [
    (0, "yearly/monthly (any period)", "包年/包月-不限"),
    (1, "yearly", "包年/包月-年"),
    (2, "monthly", "包年/包月-月"),
    (3, "daily", "包年/包月-天"),
    (4, "hourly", "包年/包月-小时"),
    (5, "pay-per-use", "按需"),
    (6, "any billing mode", "通用"),
    (7, "one-time", "一次性"),
    (8, "reserved instance", "预留实例"),
    (11, "savings plan", "节省计划"),
];

impl CycleTypes {
    /// Whether code `c` is allowed.
    pub fn has(self, c: u8) -> bool {
        c < 16 && self.0 & (1 << c) != 0
    }

    /// Both sets.
    pub fn union(self, other: CycleTypes) -> CycleTypes {
        CycleTypes(self.0 | other.0)
    }

    fn names(self, zh: bool) -> Vec<String> {
        let mut names = Vec::new();
        for (c, en, cn) in CODES {
            if self.has(c) {
                names.push((if zh { cn } else { en }).to_owned());
            }
        }
        names
    }
}

/// Reads `cycleType` codes (comma-separated) from `value1`.
pub fn parse_cycle_types(row: &crate::coupons::model::UseLimit) -> Result<CycleTypes, BadValue> {
    let mut set = CycleTypes::default();
    for item in items(value1(row)) {
        // As `item.parse::<u8>()`, without the standard parser's generic code.
        match parse_u64(item).and_then(|c| u8::try_from(c).ok()) {
            Some(c) if CODES.iter().any(|(k, _, _)| *k == c) => set.0 |= 1 << c,
            _ => {
                return Err(BadValue::new(
                    "value1",
                    item,
                    "unknown cycleType code (expected 0–8 or 11)",
                ));
            }
        }
    }
    if set.0 == 0 {
        return Err(BadValue::new("value1", "", "no cycleType code"));
    }
    Ok(set)
}

/// Whether the line's charging mode and period type are among the allowed codes. A period
/// line without `period_type` is unknown when only specific periods are allowed. Lines are
/// never reserved instances or savings plans (codes 8, 11).
pub fn cycle_type_match(types: CycleTypes, line: &Line, order: &Order) -> LineMatch {
    if types.has(6) {
        return LineMatch::Yes;
    }
    match line.charging_mode(order) {
        ChargingMode::OnDemand => LineMatch::from_bool(types.has(5)),
        ChargingMode::OneTime => LineMatch::from_bool(types.has(7)),
        ChargingMode::Period => {
            if types.has(0) {
                return LineMatch::Yes;
            }
            let code = match line.period_type(order) {
                Some(PeriodType::Year) => 1,
                Some(PeriodType::Month) => 2,
                Some(PeriodType::Day) => 3,
                Some(PeriodType::Hour) => 4,
                None if (1..=4).any(|c| types.has(c)) => return LineMatch::Unknown,
                None => return LineMatch::No,
            };
            LineMatch::from_bool(types.has(code))
        }
    }
}

/// `cycle_type_not_allowed`, naming the allowed codes and the order's modes.
pub fn cycle_type_reason(types: CycleTypes, order: &Order) -> Reason {
    let actual = distinct(order.lines.iter().map(|l| {
        match (l.charging_mode(order), l.period_type(order)) {
            (ChargingMode::Period, Some(p)) => period_name(p),
            (mode, _) => mode.as_str(),
        }
    }));
    Reason::new(
        ReasonCode::CycleTypeNotAllowed,
        Status::NotApplicable,
        Some(super::LimitKey::CycleType.as_str()),
        vec![
            ("required", Param::List(types.names(false))),
            ("required_zh", Param::List(types.names(true))),
            ("actual", actual),
        ],
    )
}

fn period_name(p: PeriodType) -> &'static str {
    match p {
        PeriodType::Year => "period/year",
        PeriodType::Month => "period/month",
        PeriodType::Day => "period/day",
        PeriodType::Hour => "period/hour",
    }
}

/// Reads `cycleNum`: the allowed period counts, comma-separated positive integers.
pub fn parse_cycle_nums(row: &crate::coupons::model::UseLimit) -> Result<Vec<u32>, BadValue> {
    let mut nums = Vec::new();
    for item in items(value1(row)) {
        // As `item.parse::<u32>()`, without the standard parser's generic code.
        match parse_u64(item).and_then(|n| u32::try_from(n).ok()) {
            Some(n) if n > 0 => nums.push(n),
            _ => return Err(BadValue::new("value1", item, "expected a positive integer")),
        }
    }
    if nums.is_empty() {
        return Err(BadValue::new("value1", "", "no period count"));
    }
    if nums.len() > super::MAX_LIMIT_VALUES {
        let n = nums.len();
        return Err(BadValue::new(
            "value1",
            "",
            crate::text::with_int("", n as i64, " period counts"),
        ));
    }
    Ok(nums)
}

/// `cycleNum`: the order is a period purchase of an allowed number of periods. Without
/// `detail` the reason carries its code and effect only.
pub fn check_cycle_num(allowed: &[u32], order: &Order, detail: bool) -> Option<Reason> {
    let key = Some(super::LimitKey::CycleNum.as_str());
    let required = || {
        (
            "required",
            Param::List({
                let mut list = Vec::with_capacity(allowed.len());
                for n in allowed {
                    list.push(crate::text::int(i64::from(*n)));
                }
                list
            }),
        )
    };
    let (code, effect, actual) = match order.period_num {
        _ if order.charging_mode != ChargingMode::Period => (
            ReasonCode::CycleNumNotAllowed,
            Status::NotApplicable,
            Some(Param::Static(order.charging_mode.as_str())),
        ),
        None => (ReasonCode::PeriodNumMissing, Status::Indeterminate, None),
        Some(n) if allowed.contains(&n) => return None,
        Some(n) => (
            ReasonCode::CycleNumNotAllowed,
            Status::NotApplicable,
            Some(Param::Text(crate::text::int(i64::from(n)))),
        ),
    };
    let params = detail.then(|| {
        let mut p = vec![required()];
        if let Some(a) = actual {
            p.push(("actual", a));
        }
        p
    });
    Some(Reason::detailed(code, effect, key, params))
}
