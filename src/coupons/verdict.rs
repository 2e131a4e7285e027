//! [`Verdict`]: what a storefront shows next to each coupon — usable or not, and every reason
//! why not, in English and Chinese.

use std::fmt::Write as _;

pub(crate) use super::message::to_text;
use super::model::CouponKind;
use crate::json::write::{self, Object, WriteJson, write_as_str};
use crate::money::Amount;

/// Whether a coupon can be used on the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Every limit is satisfied.
    Applicable,
    /// Some limit cannot be decided locally (unknown key, malformed data, missing history):
    /// BSS (ListOrderCouponsByOrderId) has the answer.
    Indeterminate,
    /// At least one limit is certainly not satisfied.
    NotApplicable,
}

impl Status {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Applicable => "applicable",
            Status::Indeterminate => "indeterminate",
            Status::NotApplicable => "not_applicable",
        }
    }
}

/// A reason's stable code. The set is documented in README.md ("Coupon reason codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReasonCode {
    /// A coupon field cannot be read (`params.field`).
    MalformedCoupon,
    /// A `use_limits` row cannot be read (`params.field`, `params.value`).
    MalformedLimit,
    /// A `limit_key` the engine does not know.
    UnknownLimit,
    /// A coupon kind without documented rules (产品券).
    UnsupportedKind,
    /// `status` 1: not activated.
    NotActivated,
    /// `status` 3: used up.
    UsedUp,
    /// `status` 4, or `expire_time ≤ now`.
    Expired,
    /// `status` 5: reclaimed by the partner.
    Reclaimed,
    /// `now < effective_time`.
    NotYetValid,
    /// `is_frozen` = "1".
    Frozen,
    /// Nothing left on a new-version coupon or card.
    NoBalance,
    /// `used_by_order_id` names another order.
    LockedByOtherOrder,
    /// `lock_order_id` names another order: part of the balance may be held by it.
    LockedAmountUnknown,
    /// The coupon's currency differs from the order's.
    CurrencyMismatch,
    /// `serviceType`: no line of an allowed service type.
    ServiceTypeNotAllowed,
    /// `serviceTypeBlackList`: every line's service type is blacklisted.
    ServiceTypeBlacklisted,
    /// `regionCode`: no line in an allowed region.
    RegionNotAllowed,
    /// `productId`: no line of an allowed product.
    ProductNotAllowed,
    /// Product blacklist: every line's product is blacklisted.
    ProductBlacklisted,
    /// `isOnlyForStrictSelected`: no strict-selected (严选) line.
    NotStrictSelected,
    /// `cycleType`: no line with an allowed charging mode / period type.
    CycleTypeNotAllowed,
    /// A discount coupon on lines that are not yearly/monthly.
    DiscountCouponPeriodOnly,
    /// A discount coupon whose `face_value` is not a pay ratio in (0, 1).
    DiscountCouponFaceValue,
    /// `coupon_group` 3: a coupon for hardware only, and no line is hardware.
    HardwareOnly,
    /// `firstOrderInService`: no line is the customer's first order of its service.
    NotFirstOrder,
    /// `firstOrderInService`: the order carries no history for the lines' services.
    FirstOrderUnknown,
    /// A line-selecting limit needs a line field the order does not carry.
    LineDataMissing,
    /// Each line-selecting limit matches some line, but no line matches all of them.
    NoEligibleLine,
    /// `baseValue`: the eligible amount is not above the lower bound.
    AmountBelowMinimum,
    /// `baseValue`: the eligible amount is above the upper bound.
    AmountAboveMaximum,
    /// `subscribeType`: the order type is not allowed.
    SubscribeTypeNotAllowed,
    /// `cycleNum`: the order's period count is not allowed.
    CycleNumNotAllowed,
    /// `cycleNum`: the order carries no `period_num`.
    PeriodNumMissing,
    /// A `simultaneousUseWith…Discount` flag forbids the order's discount (CBC.99003116).
    DiscountNotCombinable,
    /// `minConsumeDiscount`: every discounted line is below the minimum ratio (CBC.99003117).
    DiscountBelowMinimum,
    /// The order's discount has an unknown `discount_type`, so the coupon flags cannot be
    /// checked.
    DiscountTypeUnknown,
    /// `minConsumeDiscount`: the order's discount carries no line ratios.
    DiscountRatioMissing,
}

impl ReasonCode {
    /// The stable snake_case code.
    pub fn as_str(self) -> &'static str {
        use crate::codes::reason;
        use ReasonCode::*;
        match self {
            MalformedCoupon => reason::MALFORMED_COUPON,
            MalformedLimit => reason::MALFORMED_LIMIT,
            UnknownLimit => reason::UNKNOWN_LIMIT,
            UnsupportedKind => reason::UNSUPPORTED_KIND,
            NotActivated => reason::NOT_ACTIVATED,
            UsedUp => reason::USED_UP,
            Expired => reason::EXPIRED,
            Reclaimed => reason::RECLAIMED,
            NotYetValid => reason::NOT_YET_VALID,
            Frozen => reason::FROZEN,
            NoBalance => reason::NO_BALANCE,
            LockedByOtherOrder => reason::LOCKED_BY_OTHER_ORDER,
            LockedAmountUnknown => reason::LOCKED_AMOUNT_UNKNOWN,
            CurrencyMismatch => reason::CURRENCY_MISMATCH,
            ServiceTypeNotAllowed => reason::SERVICE_TYPE_NOT_ALLOWED,
            ServiceTypeBlacklisted => reason::SERVICE_TYPE_BLACKLISTED,
            RegionNotAllowed => reason::REGION_NOT_ALLOWED,
            ProductNotAllowed => reason::PRODUCT_NOT_ALLOWED,
            ProductBlacklisted => reason::PRODUCT_BLACKLISTED,
            NotStrictSelected => reason::NOT_STRICT_SELECTED,
            CycleTypeNotAllowed => reason::CYCLE_TYPE_NOT_ALLOWED,
            DiscountCouponPeriodOnly => reason::DISCOUNT_COUPON_PERIOD_ONLY,
            DiscountCouponFaceValue => reason::DISCOUNT_COUPON_FACE_VALUE,
            HardwareOnly => reason::HARDWARE_ONLY,
            NotFirstOrder => reason::NOT_FIRST_ORDER,
            FirstOrderUnknown => reason::FIRST_ORDER_UNKNOWN,
            LineDataMissing => reason::LINE_DATA_MISSING,
            NoEligibleLine => reason::NO_ELIGIBLE_LINE,
            AmountBelowMinimum => reason::AMOUNT_BELOW_MINIMUM,
            AmountAboveMaximum => reason::AMOUNT_ABOVE_MAXIMUM,
            SubscribeTypeNotAllowed => reason::SUBSCRIBE_TYPE_NOT_ALLOWED,
            CycleNumNotAllowed => reason::CYCLE_NUM_NOT_ALLOWED,
            PeriodNumMissing => reason::PERIOD_NUM_MISSING,
            DiscountNotCombinable => reason::DISCOUNT_NOT_COMBINABLE,
            DiscountBelowMinimum => reason::DISCOUNT_BELOW_MINIMUM,
            DiscountTypeUnknown => reason::DISCOUNT_TYPE_UNKNOWN,
            DiscountRatioMissing => reason::DISCOUNT_RATIO_MISSING,
        }
    }
}

write_as_str!(Status, ReasonCode, CouponKind);

/// A value in a reason's `params`.
#[derive(Debug, Clone, PartialEq)]
pub enum Param {
    /// Text.
    Text(String),
    /// Text known at compile time (no allocation).
    Static(&'static str),
    /// An amount, written with at least two decimals (`"80.00"`).
    Money(Amount),
    /// A list of texts.
    List(Vec<String>),
}

impl WriteJson for Param {
    fn write_json(&self, out: &mut String) {
        match self {
            Param::Text(t) => write::string(out, t),
            Param::Static(t) => write::string(out, t),
            Param::Money(a) => Money(*a).write_json(out),
            Param::List(l) => l.write_json(out),
        }
    }
}

impl std::fmt::Display for Param {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = String::new();
        self.push_to(&mut s);
        f.write_str(&s)
    }
}

/// A reason's `params`: an ordered map from names to values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params(pub Vec<(&'static str, Param)>);

impl Params {
    /// The value of `name`, if set.
    pub fn get(&self, name: &str) -> Option<&Param> {
        self.0.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    /// Whether no value is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl WriteJson for Params {
    fn write_json(&self, out: &mut String) {
        let mut o = Object::new(out);
        for (k, v) in &self.0 {
            o.field(k, v);
        }
        o.end();
    }
}

/// One reason a coupon does not (or may not) apply. Its English and Chinese messages are
/// written from the code, the limit key and the params only when asked for ([`Reason::message`],
/// serialization): a quote judges every coupon in every discount context, and shows few.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    /// Stable code.
    pub code: ReasonCode,
    /// The `limit_key` the reason concerns, if any.
    pub limit_key: Option<String>,
    /// The values behind the reason (`required`, `actual`, `field`, `lines`, …).
    pub params: Params,
    /// `NotApplicable` if the reason rules the coupon out, `Indeterminate` if it only leaves
    /// the verdict open.
    pub effect: Status,
}

impl Reason {
    /// A reason from the code, the limit key and the params.
    pub fn new(
        code: ReasonCode,
        effect: Status,
        limit_key: Option<&str>,
        params: Vec<(&'static str, Param)>,
    ) -> Reason {
        Reason {
            code,
            limit_key: limit_key.map(str::to_owned),
            params: Params(params),
            effect,
        }
    }

    /// A reason with its limit key and `params`, or without them (`None`): its code and
    /// effect are what a verdict that serves the quote's search needs (no allocation).
    pub fn detailed(
        code: ReasonCode,
        effect: Status,
        limit_key: Option<&str>,
        params: Option<Vec<(&'static str, Param)>>,
    ) -> Reason {
        match params {
            Some(p) => Reason::new(code, effect, limit_key, p),
            None => Reason::new(code, effect, None, Vec::new()),
        }
    }

    /// English text for the customer.
    pub fn message(&self) -> String {
        self.text(false)
    }

    /// Chinese text for the customer.
    pub fn message_zh(&self) -> String {
        self.text(true)
    }

    #[inline(never)]
    fn text(&self, zh: bool) -> String {
        let (en, zh_template) = templates(self.code, &self.params);
        let template = if zh { zh_template } else { en };
        fill(template, self.limit_key.as_deref(), &self.params)
    }

    /// The reason as written with `messages`.
    pub fn view(&self, messages: Messages) -> ReasonView<'_> {
        ReasonView {
            reason: self,
            messages,
        }
    }
}

/// Which messages a result carries: codes and params always, texts on request.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Messages {
    /// None: codes and params only (a storefront with its own texts).
    None,
    /// English (`message`).
    En,
    /// Chinese (`message_zh`).
    Zh,
    /// Both (what the one-shot calls return).
    #[default]
    Both,
}

impl Messages {
    /// Whether the English text is written.
    pub fn en(self) -> bool {
        matches!(self, Messages::En | Messages::Both)
    }

    /// Whether the Chinese text is written.
    pub fn zh(self) -> bool {
        matches!(self, Messages::Zh | Messages::Both)
    }
}

/// A [`Reason`] as written: `code`, `limit_key`, the messages asked for, `params`.
#[derive(Debug, Clone, Copy)]
pub struct ReasonView<'a> {
    reason: &'a Reason,
    messages: Messages,
}

impl WriteJson for ReasonView<'_> {
    fn write_json(&self, out: &mut String) {
        let r = self.reason;
        let mut o = Object::new(out);
        o.field("code", &r.code)
            .some("limit_key", r.limit_key.as_ref());
        if self.messages.en() {
            o.field("message", &r.message());
        }
        if self.messages.zh() {
            o.field("message_zh", &r.message_zh());
        }
        if !r.params.is_empty() {
            o.field("params", &r.params);
        }
        o.end();
    }
}

impl WriteJson for Reason {
    fn write_json(&self, out: &mut String) {
        self.view(Messages::Both).write_json(out);
    }
}

/// Reasons written with the messages asked for.
#[derive(Debug, Clone, Copy)]
pub struct Reasons<'a>(pub &'a [Reason], pub Messages);

impl WriteJson for Reasons<'_> {
    fn write_json(&self, out: &mut String) {
        write::array(out, self.0.iter().map(|r| r.view(self.1)));
    }
}

/// `Param::List` of the distinct `items`, sorted.
pub fn distinct<'a>(items: impl Iterator<Item = &'a str>) -> Param {
    let mut v: Vec<&str> = Vec::new();
    for item in items {
        v.push(item);
    }
    distinct_of(v)
}

/// [`distinct`] once its items are gathered: one body for every kind of items.
fn distinct_of(mut v: Vec<&str>) -> Param {
    super::sort_distinct(&mut v);
    let mut list = Vec::with_capacity(v.len());
    for item in v {
        list.push(item.to_owned());
    }
    Param::List(list)
}

/// Appends `reason`: one out-of-line push for the many sites that add reasons (an inlined
/// `Vec::push` of a reason is a copy of its grow path each).
#[inline(never)]
pub fn push_reason(reasons: &mut Vec<Reason>, reason: Reason) {
    reasons.push(reason);
}

/// `Param::Text` from anything displayable.
pub fn text(v: impl std::fmt::Display) -> Param {
    text_of(&v)
}

/// [`text`]'s one body for every type (out of line: no copy per type).
#[inline(never)]
fn text_of(v: &dyn std::fmt::Display) -> Param {
    Param::Text(to_text(v))
}

// One entry per code: the last code is the table's last entry.
const _: () = assert!(ReasonCode::DiscountRatioMissing as usize + 1 == TEMPLATES.len());

/// The English and Chinese message templates of a code. `{name}` is replaced by the param of
/// that name, `{key}` by the limit key, `{bound}` / `{bound_zh}` by `required` in words.
fn templates(code: ReasonCode, p: &Params) -> (&'static str, &'static str) {
    use ReasonCode::*;
    // The codes whose wording depends on their params; the others are read from the table.
    match code {
        MalformedCoupon if matches!(p.get("field"), Some(Param::Text(f)) if f.is_empty()) => (
            "The coupon data cannot be read ({error}).",
            "优惠券数据无法识别（{error}）。",
        ),
        Expired if p.get("expire_time").is_some() => (
            "The coupon expired at {expire_time}.",
            "优惠券已于 {expire_time} 过期。",
        ),
        DiscountNotCombinable if p.get("discount_kind").is_none() => (
            "Cannot be combined with the order's discount.",
            "不能与订单所选折扣同时使用。",
        ),
        _ => TEMPLATES[code as usize],
    }
}

/// [`templates`] by code, in the order of [`ReasonCode`]'s variants: a table, not a `match`
/// arm per code (each arm was code setting four constants; 271 B of wasm gzipped).
const TEMPLATES: [(&str, &str); 37] = [
    // MalformedCoupon
    (
        "The coupon data cannot be read ({field}: {error}).",
        "优惠券数据无法识别（{field}：{error}）。",
    ),
    // MalformedLimit
    (
        "The coupon restriction {key} cannot be read ({error}).",
        "优惠券使用限制 {key} 无法识别（{error}）。",
    ),
    // UnknownLimit
    (
        "The coupon has a restriction ({key}) that only Huawei Cloud can check.",
        "优惠券含有需由华为云校验的使用限制（{key}）。",
    ),
    // UnsupportedKind
    (
        "Product coupons can only be checked by Huawei Cloud.",
        "产品券需由华为云校验是否可用。",
    ),
    // NotActivated
    ("The coupon is not activated yet.", "优惠券尚未激活。"),
    // UsedUp
    ("The coupon has been used up.", "优惠券已使用。"),
    // Expired
    ("The coupon has expired.", "优惠券已过期。"),
    // Reclaimed
    ("The coupon has been reclaimed.", "优惠券已被回收。"),
    // NotYetValid
    (
        "The coupon is valid from {effective_time}.",
        "优惠券自 {effective_time} 起生效。",
    ),
    // Frozen
    ("The coupon is frozen.", "优惠券已冻结。"),
    // NoBalance
    ("The coupon has no balance left.", "优惠券余额为零。"),
    // LockedByOtherOrder
    (
        "The coupon is reserved for order {order_id}.",
        "优惠券已被订单 {order_id} 占用。",
    ),
    // LockedAmountUnknown
    (
        "Order {order_id} holds part of this coupon; the amount left may be lower.",
        "订单 {order_id} 已锁定该券部分金额，可用金额可能更少。",
    ),
    // CurrencyMismatch
    (
        "The coupon is in {required}, the order in {actual}.",
        "优惠券币种为 {required}，订单币种为 {actual}。",
    ),
    // ServiceTypeNotAllowed
    (
        "Only for the services {required}.",
        "仅适用于以下云服务：{required}。",
    ),
    // ServiceTypeBlacklisted
    (
        "Not for the services {excluded}.",
        "不适用于以下云服务：{excluded}。",
    ),
    // RegionNotAllowed
    (
        "Only for the regions {required}.",
        "仅适用于以下区域：{required}。",
    ),
    // ProductNotAllowed
    (
        "Only for the products {required}.",
        "仅适用于以下产品：{required}。",
    ),
    // ProductBlacklisted
    (
        "Not for the products {excluded}.",
        "不适用于以下产品：{excluded}。",
    ),
    // NotStrictSelected
    (
        "Only for KooGallery strict-selected products.",
        "仅适用于云商店严选商品。",
    ),
    // CycleTypeNotAllowed
    (
        "Only for these billing modes: {required}.",
        "仅适用于以下计费模式：{required_zh}。",
    ),
    // DiscountCouponPeriodOnly
    (
        "Discount coupons only apply to yearly/monthly purchases.",
        "折扣券仅适用于包年/包月产品。",
    ),
    // DiscountCouponFaceValue
    (
        "Face value {actual} is not a pay ratio in (0, 1).",
        "面值 {actual} 不是 (0, 1) 内的折扣率。",
    ),
    // HardwareOnly
    ("Only for hardware.", "仅可抵扣硬件。"),
    // NotFirstOrder
    (
        "Only for the first purchase of the service.",
        "仅限首次购买该云服务时使用。",
    ),
    // FirstOrderUnknown
    (
        "Only for the first purchase of the service; Huawei Cloud checks the purchase history.",
        "仅限首次购买该云服务时使用，需由华为云根据购买记录校验。",
    ),
    // LineDataMissing
    (
        "The cart lacks {field} needed to check the coupon's restrictions.",
        "购物车缺少 {field}，无法校验该券的使用限制。",
    ),
    // NoEligibleLine
    (
        "No item in the cart meets all the coupon's restrictions.",
        "购物车中没有同时满足该券全部使用限制的产品。",
    ),
    // AmountBelowMinimum
    (
        "The eligible amount must be {bound} (it is {actual}).",
        "适用产品的应付金额需{bound_zh}（当前 {actual}）。",
    ),
    // AmountAboveMaximum
    (
        "The eligible amount must be {bound} (it is {actual}).",
        "适用产品的应付金额需{bound_zh}（当前 {actual}）。",
    ),
    // SubscribeTypeNotAllowed
    (
        "Only for {required} orders.",
        "仅适用于以下订单类型：{required_zh}。",
    ),
    // CycleNumNotAllowed
    (
        "Only for {required} periods.",
        "仅适用于购买时长 {required} 个周期。",
    ),
    // PeriodNumMissing
    (
        "The cart lacks the number of periods needed to check the coupon.",
        "购物车缺少购买时长，无法校验该券。",
    ),
    // DiscountNotCombinable
    (
        "Cannot be combined with a {discount_kind} discount.",
        "不能与{discount_kind_zh}同时使用。",
    ),
    // DiscountBelowMinimum
    (
        "Cannot be combined with a discount deeper than {required} on every item.",
        "所选折扣在所有产品上均低于 {required}，不能与该券同时使用。",
    ),
    // DiscountTypeUnknown
    (
        "The discount type {discount_type} is unknown, so its combination with the coupon cannot be checked.",
        "折扣类型 {discount_type} 未知，无法校验能否与该券同时使用。",
    ),
    // DiscountRatioMissing
    (
        "The discount's per-item ratios are needed to check the coupon's minimum discount.",
        "需要折扣在各产品上的折扣率才能校验该券的最低折扣限制。",
    ),
];

/// Replaces `{name}` placeholders (see [`templates`]); a name without a value writes nothing.
fn fill(template: &str, key: Option<&str>, p: &Params) -> String {
    crate::text::render(template, &|name, out| {
        match name {
            "key" => out.push_str(key.unwrap_or_default()),
            "bound" | "bound_zh" => {
                if let Some(Param::Text(req)) = p.get("required") {
                    push_bound(out, req, name == "bound_zh");
                }
            }
            _ => {
                if let Some(v) = p.get(name) {
                    v.push_to(out);
                }
            }
        }
        true
    })
}

impl Param {
    /// Appends the value as message text (lists joined with `, `).
    fn push_to(&self, out: &mut String) {
        match self {
            Param::Text(t) => out.push_str(t),
            Param::Static(t) => out.push_str(t),
            Param::Money(a) => push_money(out, *a),
            Param::List(l) => {
                for (i, item) in l.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(item);
                }
            }
        }
    }
}

/// Each comparison of a `required` bound in English and Chinese words.
const BOUND_WORDS: [(&str, &str, &str); 4] = [
    (">", "greater than", "大于"),
    (">=", "at least", "不低于"),
    ("<", "less than", "小于"),
    ("<=", "at most", "不超过"),
];

/// `"> 100"` → `"greater than 100"` / `"大于 100"`.
fn push_bound(out: &mut String, req: &str, zh: bool) {
    // Split at the first space by hand: `split_once` linked a 0.3 KB `memchr`.
    let (op, n) = match req.bytes().position(|b| b == b' ') {
        Some(i) => (
            req.get(..i).unwrap_or_default(),
            req.get(i + 1..).unwrap_or_default(),
        ),
        None => ("", req),
    };
    let words = BOUND_WORDS
        .iter()
        .find(|w| w.0 == op)
        .map_or(op, |w| if zh { w.2 } else { w.1 });
    out.push_str(words);
    out.push(' ');
    out.push_str(n);
}

/// An amount with at least two decimals and all its significant ones (`80` → `"80.00"`,
/// `0.00064` → `"0.00064"`): exact, and in the form customers read money.
pub fn money_text(a: Amount) -> String {
    let mut s = String::with_capacity(32);
    push_money(&mut s, a);
    s
}

/// Appends [`money_text`]`(a)` to `out`.
pub fn push_money(out: &mut String, a: Amount) {
    crate::money::push_decimal(out, a, 2);
}

/// An amount written as a JSON string of [`money_text`] (`"80.00"`, `"0.00064"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money(pub Amount);

impl WriteJson for Money {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        push_money(out, self.0);
        out.push('"');
    }
}

/// An amount in its canonical text as a JSON string (`"105"`, `"0.00064"`), as its `Display`
/// and its serde form write it (here, not in `money`: the JSON area reads amounts).
impl WriteJson for Amount {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        crate::money::push_decimal(out, *self, 0);
        out.push('"');
    }
}

/// Values of the coupon's discount-related limits, for the quote to combine coupons with a
/// discount it chooses later. A field is `None` when the coupon has no such limit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CouponParams {
    /// `simultaneousUseWithEmpowerDiscount`: `Some(false)` forbids business/partner discounts.
    pub simultaneous_use_with_empower_discount: Option<bool>,
    /// `simultaneousUseWithContractDiscount`: `Some(false)` forbids business/contract discounts.
    pub simultaneous_use_with_contract_discount: Option<bool>,
    /// `simultaneousUseWithPromotionDiscount`: `Some(false)` forbids promotion discounts.
    pub simultaneous_use_with_promotion_discount: Option<bool>,
    /// `simultaneousUseWithDiscountCoupon`: `Some(false)` forbids discount coupons (折扣券).
    pub simultaneous_use_with_discount_coupon: Option<bool>,
    /// `minConsumeDiscount`: the lowest pay ratio a discount may have on at least one line.
    pub min_consume_discount: Option<Amount>,
    /// `maxDeductionRatio`: the most of the order total the coupon may cover.
    pub max_deduction_ratio: Option<Amount>,
    /// `usageTimes` after BSS's coercion: 0 unlimited, N times.
    pub usage_times: Option<u32>,
    /// `isRebate`: counts toward the partner incentive rebate (no price effect).
    pub is_rebate: Option<bool>,
    /// `coupon_group`: 0 Huawei Cloud, 1 KooGallery, 2 1024 dedicated, 3 hardware.
    pub coupon_group: Option<i64>,
}

impl WriteJson for CouponParams {
    fn write_json(&self, out: &mut String) {
        let p = self;
        Object::new(out)
            .some(
                "simultaneous_use_with_empower_discount",
                p.simultaneous_use_with_empower_discount.as_ref(),
            )
            .some(
                "simultaneous_use_with_contract_discount",
                p.simultaneous_use_with_contract_discount.as_ref(),
            )
            .some(
                "simultaneous_use_with_promotion_discount",
                p.simultaneous_use_with_promotion_discount.as_ref(),
            )
            .some(
                "simultaneous_use_with_discount_coupon",
                p.simultaneous_use_with_discount_coupon.as_ref(),
            )
            .some("min_consume_discount", p.min_consume_discount.as_ref())
            .some("max_deduction_ratio", p.max_deduction_ratio.as_ref())
            .some("usage_times", p.usage_times.as_ref())
            .some("is_rebate", p.is_rebate.as_ref())
            .some("coupon_group", p.coupon_group.as_ref())
            .end();
    }
}

/// Appends a key with its punctuation: one out-of-line copy for every key of a verdict
/// (`push_str` inlined at each would grow the module).
#[inline(never)]
fn push(out: &mut String, text: &str) {
    out.push_str(text);
}

/// Indexes into `order.lines`, shared: a coupon's eligible lines do not depend on the
/// discount, so the quote's contexts and candidates hold one list per coupon, not a copy each.
pub type LineIndexes = std::sync::Arc<[usize]>;

/// The verdict on one coupon, in the order the coupons were given. Written as
/// [`VerdictView`] writes it with both messages.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The coupon's id (`""` when the coupon has none).
    pub coupon_id: String,
    /// The coupon's kind (`null` when its type code is missing or unknown).
    pub kind: Option<CouponKind>,
    /// Applicable, not applicable, or indeterminate.
    pub status: Status,
    /// Every reason it does not (or may not) apply; empty when applicable.
    pub reasons: Vec<Reason>,
    /// The lines that satisfy every line-selecting limit, as indexes into `order.lines`, in
    /// order: the output stays bounded by the input (an id is never copied per coupon; the
    /// JS binding gives each index its line's id string, shared).
    pub eligible_lines: LineIndexes,
    /// Payable sum of the eligible lines.
    pub eligible_amount: Amount,
    /// What the coupon has to give: its balance (new version, cards) or face value.
    pub available: Amount,
    /// The most this coupon could take from this order: `available` capped by the eligible
    /// amount and `maxDeductionRatio`, floored to the cent; `0.00` unless applicable or
    /// indeterminate.
    pub max_deduction: Amount,
    /// Discount-related limits for the quote.
    pub params: CouponParams,
}

impl Verdict {
    /// Sets `status` from the reasons: any `NotApplicable` reason wins, then `Indeterminate`.
    pub fn settle(&mut self) {
        self.status = self
            .reasons
            .iter()
            .map(|r| r.effect)
            .max()
            .unwrap_or(Status::Applicable);
    }
}

/// A [`Verdict`] as written, its reasons with `messages` (the derived form writes both).
#[derive(Debug, Clone, Copy)]
pub struct VerdictView<'a> {
    /// The verdict.
    pub verdict: &'a Verdict,
    /// The reasons' messages.
    pub messages: Messages,
}

impl WriteJson for Verdict {
    fn write_json(&self, out: &mut String) {
        VerdictView {
            verdict: self,
            messages: Messages::Both,
        }
        .write_json(out);
    }
}

impl WriteJson for VerdictView<'_> {
    fn write_json(&self, out: &mut String) {
        // Each key with its punctuation as one literal: one copy, not five pushes (thirty
        // verdicts a call).
        let v = self.verdict;
        push(out, "{\"coupon_id\":");
        v.coupon_id.write_json(out);
        push(out, ",\"kind\":");
        v.kind.write_json(out);
        push(out, ",\"status\":");
        v.status.write_json(out);
        push(out, ",\"reasons\":");
        Reasons(&v.reasons, self.messages).write_json(out);
        push(out, ",\"eligible_lines\":");
        (*v.eligible_lines).write_json(out);
        let amounts = [
            (",\"eligible_amount\":", v.eligible_amount),
            (",\"available\":", v.available),
            (",\"max_deduction\":", v.max_deduction),
        ];
        for (key, amount) in amounts {
            push(out, key);
            Money(amount).write_json(out);
        }
        push(out, ",\"params\":");
        v.params.write_json(out);
        out.push('}');
    }
}

/// The reasons of a verdict joined as one English line (for logs and test failures).
pub fn summary(v: &Verdict) -> String {
    let mut s = String::new();
    for r in &v.reasons {
        let _ = write!(s, "[{}] {} ", r.code.as_str(), r.message());
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_text_keeps_every_digit_and_two_decimals() {
        let t = |s: &str| money_text(Amount::parse(s).unwrap());
        assert_eq!(t("80"), "80.00");
        assert_eq!(t("80.5"), "80.50");
        assert_eq!(t("80.50"), "80.50");
        assert_eq!(t("0.00064"), "0.00064");
        assert_eq!(t("0"), "0.00");
        assert_eq!(t("100.000"), "100.00");
        assert_eq!(t("-5"), "-5.00");
        assert_eq!(t("-0.0"), "0.00");
        assert_eq!(t("-12.5"), "-12.50");
        assert_eq!(t("-0.00064"), "-0.00064");
        assert_eq!(t("0.1"), "0.10");
        assert_eq!(
            t("123456789.123456789012345678"),
            "123456789.123456789012345678"
        );
        assert_eq!(
            t("0.0000000000000000000000000001"),
            "0.0000000000000000000000000001"
        );
        assert_eq!(
            t("792281625142643375935439503.5"),
            "792281625142643375935439503.50"
        );
        // Too many digits to rescale: the zeros still written.
        let big = Amount::from(i64::MAX)
            .checked_mul(Amount::from(1_i64 << 30))
            .unwrap();
        assert_eq!(money_text(big), "9903520314283042198119251968.00");
    }

    /// The former `money_text`, through `Decimal`'s `Display`: the oracle of the integer one.
    fn by_display(d: rust_decimal::Decimal) -> String {
        let d = d.normalize();
        if d.scale() >= 2 {
            return d.to_string();
        }
        let mut two = d;
        two.rescale(2);
        if two.scale() == 2 {
            return two.to_string();
        }
        let mut s = d.to_string();
        s.push_str(if d.scale() == 0 { ".00" } else { "0" });
        s
    }

    #[test]
    fn money_text_writes_what_decimal_display_writes() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mantissa = i128::from(seed as i64) * i128::from((seed >> 20) as u32 | 1);
            let scale = (seed % 29) as u32;
            let d = rust_decimal::Decimal::from_i128_with_scale(mantissa % 10i128.pow(28), scale);
            let a = Amount::parse(&d.to_string()).unwrap();
            assert_eq!(money_text(a), by_display(d), "{d}");
            assert_eq!(a.to_json(), format!("\"{a}\""), "{d}");
            // The same value at a larger scale (trailing zeros) writes the same text.
            let mut wide = d;
            wide.rescale((scale + 3).min(28));
            let w = Amount::parse(&wide.to_string()).unwrap();
            assert_eq!(
                (money_text(w), w.to_json()),
                (money_text(a), a.to_json()),
                "{wide}"
            );
        }
    }

    #[test]
    fn status_order_makes_not_applicable_win() {
        assert!(Status::NotApplicable > Status::Indeterminate);
        assert!(Status::Indeterminate > Status::Applicable);
    }

    #[test]
    fn every_bound_is_written_in_words() {
        for (op, en, zh) in [
            (">", "greater than", "大于"),
            (">=", "at least", "不低于"),
            ("<", "less than", "小于"),
            ("<=", "at most", "不超过"),
            ("~", "~", "~"),
        ] {
            let r = Reason::new(
                ReasonCode::AmountAboveMaximum,
                Status::NotApplicable,
                Some("baseValue"),
                vec![
                    ("required", text(format!("{op} 5"))),
                    ("actual", Param::Money(Amount::from(8))),
                ],
            );
            assert_eq!(
                r.message(),
                format!("The eligible amount must be {en} 5 (it is 8.00).")
            );
            assert_eq!(
                r.message_zh(),
                format!("适用产品的应付金额需{zh} 5（当前 8.00）。")
            );
        }
    }

    #[test]
    fn messages_fill_in_params() {
        let r = Reason::new(
            ReasonCode::AmountBelowMinimum,
            Status::NotApplicable,
            Some("baseValue"),
            vec![
                ("required", text("> 100")),
                ("actual", Param::Money(Amount::from(80))),
            ],
        );
        assert_eq!(
            r.message(),
            "The eligible amount must be greater than 100 (it is 80.00)."
        );
        assert_eq!(
            r.message_zh(),
            "适用产品的应付金额需大于 100（当前 80.00）。"
        );
        let json = r.to_json();
        assert!(
            json.contains(r#""params":{"required":"> 100","actual":"80.00"}"#),
            "{json}"
        );
    }
}
