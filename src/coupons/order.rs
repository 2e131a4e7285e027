//! [`Order`]: the cart or order a coupon is evaluated against.
//!
//! The order is engine input, not a BSS object: a storefront builds it from its cart before any
//! BSS order exists (or from a pending order). Unlike coupons, a malformed order is an error
//! ([`CouponError::InvalidOrder`](super::CouponError::InvalidOrder)) naming the field path.

use super::policy::{DiscountFamily, Policy};
use crate::json::map::TextMap;
use crate::json::write::{self, Object, WriteJson, write_as_str};
use crate::money::Amount;

/// The most lines an order may have.
pub const MAX_LINES: usize = 1000;

/// The subscription type of an order, as the `subscribeType` limit names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum OrderType {
    /// 新购 — includes on-demand-to-period conversion and trial-to-commercial.
    New,
    /// 续订.
    Renew,
    /// 变更.
    Change,
}

impl OrderType {
    /// The wire value (`new`, `renew`, `change`).
    pub fn as_str(self) -> &'static str {
        match self {
            OrderType::New => "new",
            OrderType::Renew => "renew",
            OrderType::Change => "change",
        }
    }
}

/// How a line is charged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ChargingMode {
    /// 包年/包月 (yearly/monthly, or daily/hourly periods).
    Period,
    /// 按需.
    OnDemand,
    /// 一次性.
    OneTime,
}

impl ChargingMode {
    /// The wire value (`period`, `on_demand`, `one_time`).
    pub fn as_str(self) -> &'static str {
        match self {
            ChargingMode::Period => "period",
            ChargingMode::OnDemand => "on_demand",
            ChargingMode::OneTime => "one_time",
        }
    }
}

/// The BSS `period_type` of a period (包周期) purchase: `0` day, `2` month, `3` year, `4` hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u8"))]
pub enum PeriodType {
    /// `0`.
    Day,
    /// `2`.
    Month,
    /// `3`.
    Year,
    /// `4`.
    Hour,
}

impl TryFrom<u8> for PeriodType {
    type Error = String;
    fn try_from(code: u8) -> Result<Self, String> {
        match code {
            0 => Ok(PeriodType::Day),
            2 => Ok(PeriodType::Month),
            3 => Ok(PeriodType::Year),
            4 => Ok(PeriodType::Hour),
            _ => Err(format!(
                "period_type {code} is not one of 0 (day), 2 (month), 3 (year), 4 (hour)"
            )),
        }
    }
}

impl From<PeriodType> for u8 {
    fn from(p: PeriodType) -> u8 {
        match p {
            PeriodType::Day => 0,
            PeriodType::Month => 2,
            PeriodType::Year => 3,
            PeriodType::Hour => 4,
        }
    }
}

/// One order line.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Line {
    /// The caller's line id; verdicts name eligible lines by it. Unique within the order.
    pub id: String,
    /// Cloud service type code, e.g. `hws.service.type.ec2`.
    pub cloud_service_type: String,
    /// Resource type code, e.g. `hws.resource.type.vm`.
    #[cfg_attr(feature = "serde", serde(default))]
    pub resource_type: Option<String>,
    /// Resource spec code, e.g. `c6.large.2.linux`.
    #[cfg_attr(feature = "serde", serde(default))]
    pub resource_spec: Option<String>,
    /// Region code, e.g. `cn-north-4`.
    pub region: String,
    /// Product id (the `productId` / product blacklist limits need it).
    #[cfg_attr(feature = "serde", serde(default))]
    pub product_id: Option<String>,
    /// List price (官网价).
    pub official_amount: Amount,
    /// Payable price after the order's discount (before coupons); `official_amount` when absent.
    #[cfg_attr(feature = "serde", serde(default))]
    pub amount: Option<Amount>,
    /// Pay ratio of the chosen discount on this line (0.85 = pay 85 %); read by
    /// `minConsumeDiscount` when `order.discount.lines` is empty.
    #[cfg_attr(feature = "serde", serde(default))]
    pub discount_ratio: Option<Amount>,
    /// This line's charging mode when it differs from the order's.
    #[cfg_attr(feature = "serde", serde(default))]
    pub charging_mode: Option<ChargingMode>,
    /// This line's period type when it differs from the order's.
    #[cfg_attr(feature = "serde", serde(default))]
    pub period_type: Option<PeriodType>,
    /// Whether the product is a KooGallery strict-selected (严选) product
    /// (`isOnlyForStrictSelected`); unknown when absent.
    #[cfg_attr(feature = "serde", serde(default))]
    pub is_strict_selected: Option<bool>,
    /// Whether the line is hardware (a `coupon_group` 3 coupon pays for hardware only); a
    /// line that does not say so is a cloud service.
    #[cfg_attr(feature = "serde", serde(default))]
    pub is_hardware: Option<bool>,
}

impl Line {
    /// The payable amount before coupons: `amount`, else `official_amount`.
    pub fn payable(&self) -> Amount {
        self.amount.unwrap_or(self.official_amount)
    }

    /// The line's charging mode: its own, else the order's.
    pub fn charging_mode(&self, order: &Order) -> ChargingMode {
        self.charging_mode.unwrap_or(order.charging_mode)
    }

    /// The line's period type: its own, else the order's.
    pub fn period_type(&self, order: &Order) -> Option<PeriodType> {
        self.period_type.or(order.period_type)
    }
}

/// The kind of the discount an order carries, across BSS's code spaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum DiscountKind {
    /// 促销折扣: order code `0`, bill code `700`.
    Promotion,
    /// 合同折扣: order code `1`.
    Contract,
    /// 商务优惠 / 商务授权折扣: order code `2`, rating codes `605` and `606` (policy).
    Business,
    /// 合作伙伴授予折扣: order code `3`, rating code `607`.
    Partner,
    /// 订单调价折扣 (partner price adjustment): code `609`.
    OrderAdjustment,
}

impl DiscountKind {
    /// The wire name (`promotion`, …, `order_adjustment`).
    pub fn as_str(self) -> &'static str {
        match self {
            DiscountKind::Promotion => "promotion",
            DiscountKind::Contract => "contract",
            DiscountKind::Business => "business",
            DiscountKind::Partner => "partner",
            DiscountKind::OrderAdjustment => "order_adjustment",
        }
    }

    /// The kind of a `discount_type` code from ListOrderDiscounts / PayOrders (0, 1, 2, 3, 609),
    /// the rating APIs (605, 606, 607) or bills (700). 606's family is a policy.
    pub fn from_code(code: u16, policy: &Policy) -> Option<DiscountKind> {
        match code {
            0 | 700 => Some(DiscountKind::Promotion),
            1 => Some(DiscountKind::Contract),
            606 if policy.discount_606 == DiscountFamily::Partner => Some(DiscountKind::Partner),
            2 | 605 | 606 => Some(DiscountKind::Business),
            3 | 607 => Some(DiscountKind::Partner),
            609 => Some(DiscountKind::OrderAdjustment),
            _ => None,
        }
    }
}

/// A line of the chosen discount (ListOrderDiscounts `order_line_items`).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct DiscountLine {
    /// The order line id.
    pub id: String,
    /// Pay ratio on that line (0.85 = pay 85 %).
    pub discount_ratio: Amount,
}

/// The discount chosen for the order, when it is known.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct OrderDiscount {
    /// The discount id (ListOrderDiscounts / rating `discount_id`), informative.
    #[cfg_attr(feature = "serde", serde(default))]
    pub discount_id: Option<String>,
    /// The BSS `discount_type` code (see [`DiscountKind::from_code`]).
    pub discount_type: u16,
    /// Pay ratio per line covered by the discount.
    #[cfg_attr(feature = "serde", serde(default))]
    pub lines: Vec<DiscountLine>,
}

impl OrderDiscount {
    /// The kind of [`discount_type`](Self::discount_type), if the code is known.
    pub fn kind(&self, policy: &Policy) -> Option<DiscountKind> {
        DiscountKind::from_code(self.discount_type, policy)
    }
}

/// A cart or order: what every coupon is evaluated against.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Order {
    /// The BSS order id, when the order exists: a coupon locked by this order stays usable.
    #[cfg_attr(feature = "serde", serde(default))]
    pub order_id: Option<String>,
    /// New purchase, renewal or change.
    pub order_type: OrderType,
    /// Charging mode of the lines (a line may override it).
    pub charging_mode: ChargingMode,
    /// Period type of period purchases (a line may override it).
    #[cfg_attr(feature = "serde", serde(default))]
    pub period_type: Option<PeriodType>,
    /// Number of periods (`cycleNum`).
    #[cfg_attr(feature = "serde", serde(default))]
    pub period_num: Option<u32>,
    /// Currency of the amounts; coupons in another currency do not apply.
    #[cfg_attr(feature = "serde", serde(default))]
    pub currency: Option<String>,
    /// Per cloud service type: is this the customer's first order of it (`firstOrderInService`).
    #[cfg_attr(feature = "serde", serde(default))]
    pub first_order_in_service: Option<TextMap<bool>>,
    /// The discount chosen for the order, if any.
    #[cfg_attr(feature = "serde", serde(default))]
    pub discount: Option<OrderDiscount>,
    /// The order lines.
    pub lines: Vec<Line>,
}

impl Order {
    /// Payable sum of all lines (before coupons).
    pub fn payable_total(&self) -> Result<Amount, crate::money::AmountError> {
        self.lines
            .iter()
            .try_fold(Amount::ZERO, |sum, l| sum.checked_add(l.payable()))
    }
}

write_as_str!(OrderType, ChargingMode, DiscountKind);

/// Its code, a number (`2`).
impl WriteJson for PeriodType {
    fn write_json(&self, out: &mut String) {
        write::int(out, u8::from(*self).into());
    }
}

/// The order as the reader takes it (`orderFromDetails`); absent fields are left out.
impl WriteJson for Order {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .some("order_id", self.order_id.as_ref())
            .field("order_type", &self.order_type)
            .field("charging_mode", &self.charging_mode)
            .some("period_type", self.period_type.as_ref())
            .some("period_num", self.period_num.as_ref())
            .some("currency", self.currency.as_ref())
            .some(
                "first_order_in_service",
                self.first_order_in_service.as_ref(),
            )
            .some("discount", self.discount.as_ref())
            .field("lines", &self.lines)
            .end();
    }
}

impl WriteJson for Line {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("id", &self.id)
            .field("cloud_service_type", &self.cloud_service_type)
            .some("resource_type", self.resource_type.as_ref())
            .some("resource_spec", self.resource_spec.as_ref())
            .field("region", &self.region)
            .some("product_id", self.product_id.as_ref())
            .field("official_amount", &self.official_amount)
            .some("amount", self.amount.as_ref())
            .some("discount_ratio", self.discount_ratio.as_ref())
            .some("charging_mode", self.charging_mode.as_ref())
            .some("period_type", self.period_type.as_ref())
            .some("is_strict_selected", self.is_strict_selected.as_ref())
            .some("is_hardware", self.is_hardware.as_ref())
            .end();
    }
}

impl WriteJson for OrderDiscount {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .some("discount_id", self.discount_id.as_ref())
            .field("discount_type", &self.discount_type)
            .field("lines", &self.lines)
            .end();
    }
}

impl WriteJson for DiscountLine {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("id", &self.id)
            .field("discount_ratio", &self.discount_ratio)
            .end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `orderFromDetails` writes reads back to the same order, through the engine's reader
    /// and through the serde derives.
    #[test]
    fn a_written_order_reads_back() {
        let text = r#"{"order_id":"CS\"1","order_type":"renew","charging_mode":"period","period_type":3,
            "period_num":2,"currency":"CNY","first_order_in_service":{"hws.service.type.ec2":true,"a\nb":false},
            "discount":{"discount_id":"d","discount_type":607,"lines":[{"id":"l1","discount_ratio":"0.850"}]},
            "lines":[{"id":"l1","cloud_service_type":"hws.service.type.ec2","resource_type":"r","resource_spec":"s",
              "region":"cn-north-4","product_id":"p","official_amount":"100.50","amount":"85.425",
              "discount_ratio":"0.85","charging_mode":"on_demand","period_type":4,"is_strict_selected":true,
              "is_hardware":false},
             {"id":"l2","cloud_service_type":"x","region":"y","official_amount":"0"}]}"#;
        let order = crate::coupons::parse_order(text).unwrap();
        let written = order.to_json();
        assert_eq!(crate::coupons::parse_order(&written).unwrap(), order);
        assert_eq!(serde_json::from_str::<Order>(&written).unwrap(), order);
        assert!(
            written.contains(r#""official_amount":"100.5""#),
            "{written}"
        );
    }
}
