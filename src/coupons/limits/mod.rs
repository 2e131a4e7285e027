//! The `use_limits` vocabulary: one evaluator per `limit_key` (spec §4.1, and the quota keys of
//! §4.2 that may be copied onto coupons).
//!
//! A coupon's rows are first compiled into [`Rules`] (values parsed once, rows with the same key
//! merged); the evaluators then read the order. Limits fall in three groups:
//!
//! * **line-selecting** ([`LineRule`]: service type, region, product, blacklists, strict
//!   selection, charging mode/period, first order in service) decide `eligible_lines`;
//! * **order-level** (`baseValue` on the eligible amount, `subscribeType`, `cycleNum`);
//! * **discount-related** (`simultaneousUseWith…`, `minConsumeDiscount`, `maxDeductionRatio`,
//!   `usageTimes`, `isRebate`): checked against `order.discount` when there is one, and
//!   reported in [`CouponParams`] for the quote.
//!
//! Multi-valued limits are read both ways BSS may send them: comma-separated values in one
//! row, or several rows with the same key (their values are merged). For bounds and flags the
//! strictest row wins. A key the engine does not know gives `unknown_limit` — never "no
//! restriction".

pub mod amount;
pub mod deduction;
pub mod discount;
pub mod period;
pub mod scope;
pub mod subscription;

use std::borrow::Cow;

use super::model::{Coupon, CouponKind, UseLimit};
use super::order::{Line, Order};
use super::policy::{Policy, Undecided};
use super::verdict::{
    CouponParams, Param, Reason, ReasonCode, Status, distinct, push_reason, text, to_text,
};
use crate::money::Amount;

/// The most values one limit may list (after merging rows); more make it malformed.
pub const MAX_LIMIT_VALUES: usize = 1000;

/// Every `limit_key` the engine evaluates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LimitKey {
    /// Order amount range (`value1` lower, `value2` upper).
    BaseValue,
    /// Cloud service type whitelist.
    ServiceType,
    /// Region whitelist (`value2` is the region's name).
    RegionCode,
    /// Product id whitelist.
    ProductId,
    /// Order type: `new`, `renew`, `change`.
    SubscribeType,
    /// Only the customer's first order of the service.
    FirstOrderInService,
    /// Allowed number of periods.
    CycleNum,
    /// Allowed charging mode / period type codes.
    CycleType,
    /// May combine with business and partner discounts.
    SimultaneousUseWithEmpowerDiscount,
    /// May combine with business/contract discounts.
    SimultaneousUseWithContractDiscount,
    /// May combine with promotion discounts.
    SimultaneousUseWithPromotionDiscount,
    /// How many times the coupon may be used.
    UsageTimes,
    /// Only KooGallery strict-selected products.
    IsOnlyForStrictSelected,
    /// Counts toward the partner rebate.
    IsRebate,
    /// Cloud service type blacklist.
    ServiceTypeBlackList,
    /// Lowest discount pay ratio the coupon may be combined with.
    MinConsumeDiscount,
    /// Most of the order total the coupon may cover.
    MaxDeductionRatio,
    /// May combine with discount coupons.
    SimultaneousUseWithDiscountCoupon,
    /// Product id blacklist.
    ProductIdBlackList,
}

impl LimitKey {
    /// Every key, in the order of the spec's tables.
    pub const ALL: [LimitKey; 19] = [
        LimitKey::BaseValue,
        LimitKey::ServiceType,
        LimitKey::RegionCode,
        LimitKey::ProductId,
        LimitKey::SubscribeType,
        LimitKey::FirstOrderInService,
        LimitKey::CycleNum,
        LimitKey::CycleType,
        LimitKey::SimultaneousUseWithEmpowerDiscount,
        LimitKey::SimultaneousUseWithContractDiscount,
        LimitKey::SimultaneousUseWithPromotionDiscount,
        LimitKey::UsageTimes,
        LimitKey::IsOnlyForStrictSelected,
        LimitKey::IsRebate,
        LimitKey::ServiceTypeBlackList,
        LimitKey::MinConsumeDiscount,
        LimitKey::MaxDeductionRatio,
        LimitKey::SimultaneousUseWithDiscountCoupon,
        LimitKey::ProductIdBlackList,
    ];

    /// The key as BSS spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            LimitKey::BaseValue => "baseValue",
            LimitKey::ServiceType => "serviceType",
            LimitKey::RegionCode => "regionCode",
            LimitKey::ProductId => "productId",
            LimitKey::SubscribeType => "subscribeType",
            LimitKey::FirstOrderInService => "firstOrderInService",
            LimitKey::CycleNum => "cycleNum",
            LimitKey::CycleType => "cycleType",
            LimitKey::SimultaneousUseWithEmpowerDiscount => "simultaneousUseWithEmpowerDiscount",
            LimitKey::SimultaneousUseWithContractDiscount => "simultaneousUseWithContractDiscount",
            LimitKey::SimultaneousUseWithPromotionDiscount => {
                "simultaneousUseWithPromotionDiscount"
            }
            LimitKey::UsageTimes => "usageTimes",
            LimitKey::IsOnlyForStrictSelected => "isOnlyForStrictSelected",
            LimitKey::IsRebate => "isRebate",
            LimitKey::ServiceTypeBlackList => "serviceTypeBlackList",
            LimitKey::MinConsumeDiscount => "minConsumeDiscount",
            LimitKey::MaxDeductionRatio => "maxDeductionRatio",
            LimitKey::SimultaneousUseWithDiscountCoupon => "simultaneousUseWithDiscountCoupon",
            LimitKey::ProductIdBlackList => "productIdBlackList",
        }
    }

    /// The key of a `limit_key` text. The product blacklist's exact name was cut off in the
    /// quota table; `productBlackList` is read as an alias of `productIdBlackList`.
    pub fn from_key(key: &str) -> Option<LimitKey> {
        // Found among `ALL` by `as_str`: the names are written once (a `match` on the texts
        // was their second copy and 0.8 KB of comparisons in the wasm).
        if key == "productBlackList" {
            return Some(LimitKey::ProductIdBlackList);
        }
        LimitKey::ALL.into_iter().find(|k| k.as_str() == key)
    }
}

/// How one line fares against one line-selecting limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineMatch {
    /// The line satisfies the limit.
    Yes,
    /// The line does not satisfy the limit.
    No,
    /// The order lacks the data to tell.
    Unknown,
}

impl LineMatch {
    fn from_bool(b: bool) -> LineMatch {
        if b { LineMatch::Yes } else { LineMatch::No }
    }
}

/// A sorted set of limit values (`hws.service.type.ec2`, `cn-north-4`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValueSet<'a>(Vec<Cow<'a, str>>);

impl<'a> ValueSet<'a> {
    /// Whether `v` is in the set.
    pub fn contains(&self, v: &str) -> bool {
        // A few values (the usual list): equality rejects on length before comparing bytes,
        // cheaper than the ordered compares of a binary search. Codes of one kind share long
        // prefixes (`hws.service.type.`) and differ at the end, so bytes compare from the
        // end: wasm's `memcmp` is a byte loop from the start (6 % of a wallet evaluate in Node).
        if self.0.len() <= 8 {
            return self.0.iter().any(|s| same_from_end(s, v));
        }
        self.0.binary_search_by(|s| (**s).cmp(v)).is_ok()
    }

    /// The values, sorted.
    pub fn values(&self) -> &[Cow<'a, str>] {
        &self.0
    }

    fn list(&self) -> Vec<String> {
        let mut list = Vec::with_capacity(self.0.len());
        for s in &self.0 {
            list.push((**s).to_owned());
        }
        list
    }

    /// The values copied (compiled sets borrow them all: nothing to move).
    fn to_owned_set(&self) -> ValueSet<'static> {
        let mut set = Vec::with_capacity(self.0.len());
        for s in &self.0 {
            set.push(Cow::Owned(String::from(&**s)));
        }
        ValueSet(set)
    }
}

/// `a == b`, comparing bytes from the end.
fn same_from_end(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().rev().zip(b.iter().rev()).all(|(x, y)| x == y)
}

/// A limit that selects lines.
#[derive(Debug, Clone, PartialEq)]
pub enum LineRule<'a> {
    /// `serviceType`: the line's service type is listed.
    ServiceType(ValueSet<'a>),
    /// `serviceTypeBlackList`: the line's service type is not listed.
    ServiceTypeBlackList(ValueSet<'a>),
    /// `regionCode`: the line's region is listed.
    RegionCode(ValueSet<'a>),
    /// `productId`: the line's product is listed.
    ProductId(ValueSet<'a>),
    /// Product blacklist: the line's product is not listed.
    ProductIdBlackList(ValueSet<'a>),
    /// `isOnlyForStrictSelected` = 1.
    StrictSelected,
    /// `cycleType`: the line's charging mode / period type is allowed.
    CycleType(period::CycleTypes),
    /// `firstOrderInService` = 1.
    FirstOrderInService,
    /// A discount coupon: yearly/monthly lines only (no `limit_key`).
    PeriodOnly,
    /// `coupon_group` 3 ("华为云券-使用限制-抵扣硬件的券"): hardware lines only (no `limit_key`).
    HardwareOnly,
}

impl LineRule<'_> {
    /// The `limit_key` the rule comes from (`None` for the discount-coupon rule).
    pub fn key(&self) -> Option<LimitKey> {
        Some(match self {
            LineRule::ServiceType(_) => LimitKey::ServiceType,
            LineRule::ServiceTypeBlackList(_) => LimitKey::ServiceTypeBlackList,
            LineRule::RegionCode(_) => LimitKey::RegionCode,
            LineRule::ProductId(_) => LimitKey::ProductId,
            LineRule::ProductIdBlackList(_) => LimitKey::ProductIdBlackList,
            LineRule::StrictSelected => LimitKey::IsOnlyForStrictSelected,
            LineRule::CycleType(_) => LimitKey::CycleType,
            LineRule::FirstOrderInService => LimitKey::FirstOrderInService,
            LineRule::PeriodOnly | LineRule::HardwareOnly => return None,
        })
    }

    /// How `line` of `order` fares against the rule.
    pub fn check(&self, line: &Line, order: &Order, policy: &Policy) -> LineMatch {
        match self {
            LineRule::ServiceType(set) => {
                LineMatch::from_bool(scope::listed(set, &line.cloud_service_type))
            }
            LineRule::ServiceTypeBlackList(set) => {
                LineMatch::from_bool(!scope::listed(set, &line.cloud_service_type))
            }
            LineRule::RegionCode(set) => LineMatch::from_bool(scope::listed(set, &line.region)),
            LineRule::ProductId(set) => scope::product_listed(set, line, true),
            LineRule::ProductIdBlackList(set) => scope::product_listed(set, line, false),
            LineRule::StrictSelected => scope::strict_selected(line),
            LineRule::CycleType(types) => period::cycle_type_match(*types, line, order),
            LineRule::FirstOrderInService => subscription::first_order(line, order, policy),
            LineRule::PeriodOnly => LineMatch::from_bool(
                line.charging_mode(order) == super::order::ChargingMode::Period,
            ),
            // Only a line that says it is hardware: the safe reading (issue 13 item 6).
            LineRule::HardwareOnly => LineMatch::from_bool(line.is_hardware == Some(true)),
        }
    }

    /// The reason when no line satisfies the rule. `unknown` lists the lines the order lacks
    /// data for.
    pub fn reason(&self, order: &Order, unknown: &[&Line], policy: &Policy) -> Reason {
        let key = self.key().map(LimitKey::as_str);
        if let LineRule::FirstOrderInService = self {
            // Lines without history are unknown, or (by policy) count as not first orders:
            // either way the reason names the missing history.
            let missing = subscription::lines_without_history(order);
            if !missing.is_empty() {
                return subscription::first_order_unknown(&missing, policy);
            }
        } else if !unknown.is_empty() {
            return Reason::new(
                ReasonCode::LineDataMissing,
                Status::Indeterminate,
                key,
                vec![
                    ("field", text(self.line_field())),
                    ("lines", line_ids(unknown)),
                ],
            );
        }
        let na = |code, params| Reason::new(code, Status::NotApplicable, key, params);
        // The five value lists share one body: the list, then the lines' values when the
        // list is an allow-list.
        type Actual = Option<fn(&Line) -> &str>;
        let (code, name, set, actual): (ReasonCode, &'static str, &ValueSet<'_>, Actual) =
            match self {
                LineRule::ServiceType(set) => (
                    ReasonCode::ServiceTypeNotAllowed,
                    "required",
                    set,
                    Some(|l| &l.cloud_service_type),
                ),
                LineRule::ServiceTypeBlackList(set) => {
                    (ReasonCode::ServiceTypeBlacklisted, "excluded", set, None)
                }
                LineRule::RegionCode(set) => (
                    ReasonCode::RegionNotAllowed,
                    "required",
                    set,
                    Some(|l| &l.region),
                ),
                LineRule::ProductId(set) => (
                    ReasonCode::ProductNotAllowed,
                    "required",
                    set,
                    Some(|l| l.product_id.as_deref().unwrap_or_default()),
                ),
                LineRule::ProductIdBlackList(set) => {
                    (ReasonCode::ProductBlacklisted, "excluded", set, None)
                }
                LineRule::StrictSelected => return na(ReasonCode::NotStrictSelected, vec![]),
                LineRule::CycleType(types) => return period::cycle_type_reason(*types, order),
                LineRule::FirstOrderInService => return na(ReasonCode::NotFirstOrder, vec![]),
                LineRule::HardwareOnly => return na(ReasonCode::HardwareOnly, vec![]),
                LineRule::PeriodOnly => {
                    return na(
                        ReasonCode::DiscountCouponPeriodOnly,
                        vec![(
                            "actual",
                            distinct(order.lines.iter().map(|l| l.charging_mode(order).as_str())),
                        )],
                    );
                }
            };
        let mut params = vec![(name, Param::List(set.list()))];
        if let Some(f) = actual {
            params.push(("actual", distinct(order.lines.iter().map(f))));
        }
        na(code, params)
    }

    /// The line field the rule reads (for `line_data_missing`).
    pub fn line_field(&self) -> &'static str {
        match self {
            LineRule::ProductId(_) | LineRule::ProductIdBlackList(_) => "product_id",
            LineRule::StrictSelected => "is_strict_selected",
            LineRule::CycleType(_) => "period_type",
            LineRule::FirstOrderInService => "first_order_in_service",
            LineRule::ServiceType(_) | LineRule::ServiceTypeBlackList(_) => "cloud_service_type",
            LineRule::RegionCode(_) => "region",
            LineRule::PeriodOnly => "charging_mode",
            LineRule::HardwareOnly => "is_hardware",
        }
    }
}

/// `Param::List` of line ids.
pub fn line_ids(lines: &[&Line]) -> Param {
    let mut ids = Vec::with_capacity(lines.len());
    for l in lines {
        ids.push(l.id.clone());
    }
    Param::List(ids)
}

/// A coupon's limits, compiled.
#[derive(Debug, Clone, Default)]
pub struct Rules<'a> {
    /// Line-selecting limits.
    pub line_rules: Vec<LineRule<'a>>,
    /// `baseValue` ranges (every one must hold).
    pub base_values: Vec<amount::Range>,
    /// `subscribeType`: allowed order types.
    pub subscribe_types: Option<subscription::SubscribeTypes>,
    /// `cycleNum`: allowed period counts.
    pub cycle_nums: Option<Vec<u32>>,
    /// Discount-related values for the quote.
    pub params: CouponParams,
    /// `malformed_limit` and `unknown_limit` reasons.
    pub reasons: Vec<Reason>,
}

impl Rules<'_> {
    /// The same rules owning their values: a wallet compiles each coupon once and keeps the
    /// result beside the coupons.
    pub fn into_owned(self) -> Rules<'static> {
        // A plain loop over borrowed rules: no in-place `collect` machinery in the wasm.
        let mut line_rules = Vec::with_capacity(self.line_rules.len());
        for r in &self.line_rules {
            line_rules.push(match r {
                LineRule::ServiceType(s) => LineRule::ServiceType(s.to_owned_set()),
                LineRule::ServiceTypeBlackList(s) => {
                    LineRule::ServiceTypeBlackList(s.to_owned_set())
                }
                LineRule::RegionCode(s) => LineRule::RegionCode(s.to_owned_set()),
                LineRule::ProductId(s) => LineRule::ProductId(s.to_owned_set()),
                LineRule::ProductIdBlackList(s) => LineRule::ProductIdBlackList(s.to_owned_set()),
                LineRule::StrictSelected => LineRule::StrictSelected,
                LineRule::CycleType(t) => LineRule::CycleType(*t),
                LineRule::FirstOrderInService => LineRule::FirstOrderInService,
                LineRule::PeriodOnly => LineRule::PeriodOnly,
                LineRule::HardwareOnly => LineRule::HardwareOnly,
            });
        }
        Rules {
            line_rules,
            base_values: self.base_values,
            subscribe_types: self.subscribe_types,
            cycle_nums: self.cycle_nums,
            params: self.params,
            reasons: self.reasons,
        }
    }
}

/// Why a row's values cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadValue {
    /// `value1` or `value2`.
    pub field: &'static str,
    /// The offending text.
    pub value: String,
    /// What is wrong.
    pub error: String,
}

impl BadValue {
    /// A bad `field` holding `value` (quoted, cut to 64 characters).
    pub fn new(field: &'static str, value: &str, error: impl Into<String>) -> BadValue {
        BadValue {
            field,
            value: crate::error::quote_input(value, 64),
            error: error.into(),
        }
    }
}

/// Splits a limit value into its items: commas (ASCII or full-width) separate, blanks around
/// items are dropped, empty items ignored.
pub(crate) fn items(v: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(v);
    std::iter::from_fn(move || {
        loop {
            let text = rest?;
            let (item, after) = split_comma(text);
            rest = after;
            let item = item.trim();
            if !item.is_empty() {
                return Some(item);
            }
        }
    })
}

/// The text before the first comma (`,` or `，`) and the text after it (`None`: no comma). By
/// bytes (UTF-8 cannot match `，`'s bytes inside another character): the standard library's
/// multi-character split searcher was ~0.5 KB of wasm.
fn split_comma(text: &str) -> (&str, Option<&str>) {
    // `，` is EF BC 8C in UTF-8.
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let width = if b == b',' {
            1
        } else if b == 0xEF && bytes.get(i + 1) == Some(&0xBC) && bytes.get(i + 2) == Some(&0x8C) {
            3
        } else {
            continue;
        };
        // `get`, not indexing: `i` and `i + width` are character boundaries (ASCII or a
        // whole `，`), and indexing would link the slicing panic's formatting (4 KB of wasm).
        return (text.get(..i).unwrap_or_default(), text.get(i + width..));
    }
    (text, None)
}

/// `value1` of a row, `""` when absent.
pub(crate) fn value1(row: &UseLimit) -> &str {
    row.value1.as_deref().unwrap_or_default()
}

/// Reads a `0`/`1` flag from `value1`.
pub(crate) fn flag(row: &UseLimit) -> Result<bool, BadValue> {
    match value1(row).trim() {
        "0" => Ok(false),
        "1" => Ok(true),
        other => Err(BadValue::new("value1", other, "expected 0 or 1")),
    }
}

/// Reads a decimal from `value1`, inside `(low, high)` / `(low, high]`.
pub(crate) fn ratio(row: &UseLimit, high_inclusive: bool) -> Result<Amount, BadValue> {
    let v = value1(row).trim();
    let a = Amount::parse(v).map_err(|e| BadValue::new("value1", v, to_text(&e)))?;
    let one = Amount::from(1);
    let ok = !a.is_negative() && !a.is_zero() && (a < one || (high_inclusive && a == one));
    if ok {
        Ok(a)
    } else {
        let range = if high_inclusive { "(0, 1]" } else { "(0, 1)" };
        Err(BadValue::new(
            "value1",
            v,
            format!("expected a ratio in {range}"),
        ))
    }
}

/// Accumulates the values of a list key across rows.
#[derive(Default)]
struct ListAcc<'a> {
    values: Vec<&'a str>,
    rows: usize,
}

impl<'a> ListAcc<'a> {
    fn add(&mut self, row: &'a UseLimit) {
        self.rows += 1;
        for item in items(row.value1.as_deref().unwrap_or_default()) {
            self.values.push(item);
        }
    }

    fn finish(mut self) -> ValueSet<'a> {
        // Sorted as `&str`: one sort in the wasm for both.
        crate::coupons::sort_distinct(&mut self.values);
        let mut set = Vec::with_capacity(self.values.len());
        for v in self.values {
            set.push(Cow::Borrowed(v));
        }
        ValueSet(set)
    }
}

/// The keys whose rows are value lists, and whether each is an allow-list.
const LISTS: [(LimitKey, bool); 5] = [
    (LimitKey::ServiceType, true),
    (LimitKey::ServiceTypeBlackList, false),
    (LimitKey::RegionCode, true),
    (LimitKey::ProductId, true),
    (LimitKey::ProductIdBlackList, false),
];

/// Compiles the coupon's `use_limits` (see the module docs).
pub fn compile<'a>(coupon: &'a Coupon, policy: &Policy) -> Rules<'a> {
    let mut rules = Rules {
        params: CouponParams {
            coupon_group: coupon.coupon_group,
            ..CouponParams::default()
        },
        ..Rules::default()
    };
    // The value lists, in the order of `LISTS`: one accumulator code for all five keys.
    let mut lists: [ListAcc<'a>; 5] = Default::default();
    let mut cycle_types = None;
    let mut strict = false;
    let mut first_order = false;

    for (i, row) in coupon.use_limits.iter().enumerate() {
        let key_text = row.limit_key.as_deref().unwrap_or_default();
        if let Some(problem) = &row.malformed {
            push_reason(&mut rules.reasons, malformed_row(i, key_text, "", problem));
            continue;
        }
        let Some(key) = LimitKey::from_key(key_text) else {
            if key_text.is_empty() {
                push_reason(
                    &mut rules.reasons,
                    malformed_row(i, key_text, "", "limit_key is missing"),
                );
            } else {
                let effect = match policy.unknown_limit {
                    Undecided::Indeterminate => Status::Indeterminate,
                    Undecided::NotApplicable => Status::NotApplicable,
                };
                push_reason(
                    &mut rules.reasons,
                    Reason::new(
                        ReasonCode::UnknownLimit,
                        effect,
                        Some(key_text),
                        vec![("field", Param::Text(use_limits_field(i, "")))],
                    ),
                );
            }
            continue;
        };
        let result = match key {
            LimitKey::ServiceType
            | LimitKey::ServiceTypeBlackList
            | LimitKey::RegionCode
            | LimitKey::ProductId
            | LimitKey::ProductIdBlackList => {
                if let Some(n) = LISTS.iter().position(|&(k, _)| k == key) {
                    lists[n].add(row);
                }
                Ok(())
            }
            LimitKey::IsOnlyForStrictSelected | LimitKey::FirstOrderInService => {
                // One read for both flags.
                flag(row).map(|on| match key {
                    LimitKey::IsOnlyForStrictSelected => strict |= on,
                    _ => first_order |= on,
                })
            }
            LimitKey::CycleType => period::parse_cycle_types(row).map(|t| {
                cycle_types = Some(t.union(cycle_types.unwrap_or_default()));
            }),
            LimitKey::CycleNum => period::parse_cycle_nums(row).map(|mut nums| {
                rules
                    .cycle_nums
                    .get_or_insert_with(Vec::new)
                    .append(&mut nums);
            }),
            LimitKey::BaseValue => amount::parse(row).map(|r| rules.base_values.push(r)),
            LimitKey::SubscribeType => subscription::parse_subscribe_types(row).map(|t| {
                rules.subscribe_types = Some(t.union(rules.subscribe_types.unwrap_or_default()));
            }),
            LimitKey::SimultaneousUseWithEmpowerDiscount
            | LimitKey::SimultaneousUseWithContractDiscount
            | LimitKey::SimultaneousUseWithPromotionDiscount
            | LimitKey::SimultaneousUseWithDiscountCoupon
            | LimitKey::MinConsumeDiscount => discount::parse(key, row, &mut rules.params),
            LimitKey::MaxDeductionRatio | LimitKey::UsageTimes | LimitKey::IsRebate => {
                deduction::parse(key, row, coupon.kind, &mut rules.params)
            }
        };
        if let Err(bad) = result {
            push_reason(&mut rules.reasons, malformed_value(i, key.as_str(), bad));
        }
    }

    // Whitelists with no value would allow nothing: that is bad data, not a restriction.
    for (&(key, whitelist), acc) in LISTS.iter().zip(lists) {
        if acc.rows == 0 {
            continue;
        }
        if acc.values.len() > MAX_LIMIT_VALUES {
            push_reason(
                &mut rules.reasons,
                malformed_key(
                    key,
                    crate::text::with_int("more than ", MAX_LIMIT_VALUES as i64, " values"),
                ),
            );
            continue;
        }
        let set = acc.finish();
        if set.0.is_empty() {
            if whitelist {
                push_reason(
                    &mut rules.reasons,
                    malformed_key(key, "an allow-list with no value".to_owned()),
                );
            }
            continue;
        }
        rules.line_rules.push(match key {
            LimitKey::ServiceType => LineRule::ServiceType(set),
            LimitKey::ServiceTypeBlackList => LineRule::ServiceTypeBlackList(set),
            LimitKey::RegionCode => LineRule::RegionCode(set),
            LimitKey::ProductId => LineRule::ProductId(set),
            _ => LineRule::ProductIdBlackList(set),
        });
    }
    if strict {
        rules.line_rules.push(LineRule::StrictSelected);
    }
    if let Some(t) = cycle_types {
        rules.line_rules.push(LineRule::CycleType(t));
    }
    if first_order {
        rules.line_rules.push(LineRule::FirstOrderInService);
    }
    if coupon.kind == Some(CouponKind::DiscountCoupon) {
        rules.line_rules.push(LineRule::PeriodOnly);
    }
    if coupon.coupon_group == Some(3) {
        rules.line_rules.push(LineRule::HardwareOnly);
    }
    rules
}

/// `use_limits[i]`, then `.field` when there is one.
fn use_limits_field(i: usize, field: &str) -> String {
    let mut out = crate::text::with_int("use_limits[", i as i64, "]");
    if !field.is_empty() {
        out.push('.');
        out.push_str(field);
    }
    out
}

fn malformed_row(i: usize, key: &str, value: &str, error: &str) -> Reason {
    let mut params = vec![("field", Param::Text(use_limits_field(i, "")))];
    if !value.is_empty() {
        params.push(("value", text(value)));
    }
    params.push(("error", text(error)));
    Reason::new(
        ReasonCode::MalformedLimit,
        Status::Indeterminate,
        (!key.is_empty()).then_some(key),
        params,
    )
}

#[inline(never)]
fn malformed_value(i: usize, key: &str, bad: BadValue) -> Reason {
    Reason::new(
        ReasonCode::MalformedLimit,
        Status::Indeterminate,
        Some(key),
        vec![
            ("field", Param::Text(use_limits_field(i, bad.field))),
            ("value", text(bad.value)),
            ("error", text(bad.error)),
        ],
    )
}

fn malformed_key(key: LimitKey, error: String) -> Reason {
    Reason::new(
        ReasonCode::MalformedLimit,
        Status::Indeterminate,
        Some(key.as_str()),
        vec![("error", text(error))],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_round_trips() {
        for k in LimitKey::ALL {
            assert_eq!(LimitKey::from_key(k.as_str()), Some(k));
        }
        assert_eq!(LimitKey::from_key("payMethod"), None);
        assert_eq!(LimitKey::from_key("BaseValue"), None);
    }

    #[test]
    fn items_split_on_both_commas() {
        let v: Vec<&str> = items(" a, b，c,,").collect();
        assert_eq!(v, ["a", "b", "c"]);
        // As the standard split on both commas, trimmed, empty items dropped.
        for text in [
            "",
            ",",
            "，，",
            "a",
            " a ,b",
            "中，文,x",
            "a，",
            "，a",
            "\u{3000}b\u{3000},c",
            "x,,y",
        ] {
            let ours: Vec<&str> = items(text).collect();
            let std: Vec<&str> = text
                .split([',', '，'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    #[test]
    fn same_from_end_is_equality() {
        // Every pair of strings of up to three pieces (prefixes, suffixes, one byte apart,
        // multi-byte text, a code prefix).
        let alphabet = ["", "a", "b", "é", "hws.service.type."];
        let mut texts = vec![String::new()];
        for _ in 0..3 {
            let next: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(next);
        }
        texts.sort();
        texts.dedup();
        for a in &texts {
            for b in &texts {
                assert_eq!(same_from_end(a, b), a == b, "{a:?} {b:?}");
            }
        }
        let set = ValueSet(vec![
            "hws.service.type.ec2".into(),
            "hws.service.type.dcs".into(),
        ]);
        assert!(set.contains("hws.service.type.dcs"));
        assert!(!set.contains("hws.service.type.ecs"));
        assert!(!set.contains("hws.service.type.ec"));
    }
}
