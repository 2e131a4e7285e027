//! `explain`: where each money column of a quote came from, so that a partner can answer a
//! customer's "why this price" without reading the engine. One compact code per column,
//! `source:rule` or `source:rule:policy` — the `source` (`input`, `server`, `computed`,
//! `none`), the rule id, and the [`Policy`](crate::coupons::Policy) field that decided (when
//! one did), e.g. `server:discount.stated`, `computed:truncate:rounding`; [`describe`]
//! renders a rule id as a sentence (English or Chinese) with the spec section it rests on.

use crate::coupons::verdict::Money;
use crate::discounts::{AmountSource, AppliedDiscount, SelectionRule};
use crate::json::write::{Object, WriteJson};
use crate::money::Amount;

/// The money columns of a line, of a runner-up and of a quote's totals:
/// `official − discount − coupon − flexi − card − truncated = payable`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Columns {
    /// List price.
    pub official_amount: Amount,
    /// The discount stage: the discount, or the discount coupon.
    pub discount_amount: Amount,
    /// Cash coupons (代金券).
    pub coupon_amount: Amount,
    /// Flexi-purchase coupons (现金券).
    pub flexipurchase_coupon_amount: Amount,
    /// Stored-value cards (储值卡).
    pub stored_card_amount: Amount,
    /// The cut below the cent. On a line it is the line's share of the order's cut, which
    /// may be below zero by less than a cent when the sub-cent remainders of several lines
    /// add up to a cent of the payable amount.
    pub truncated_amount: Amount,
    /// Payable.
    pub payable: Amount,
}

impl Columns {
    /// Writes the columns, in [`COLUMNS`] order, as members of `o` (a line, a runner-up).
    pub fn write_members(&self, o: &mut Object<'_>) {
        let c = self;
        let amounts = [
            c.official_amount,
            c.discount_amount,
            c.coupon_amount,
            c.flexipurchase_coupon_amount,
            c.stored_card_amount,
            c.truncated_amount,
            c.payable,
        ];
        for (name, a) in COLUMNS.iter().zip(amounts) {
            o.field(name, &Money(a));
        }
    }
}

/// Where a number comes from: `input` (given by the caller, or priced from the list-price
/// fields given), `server` (an amount BSS stated, used as stated), `computed` (from ratios,
/// caps and the stacking order), `none` (nothing of this kind applies). Plain strings: one
/// writer for all (the wasm stays small).
pub mod source {
    /// Given by the caller.
    pub const INPUT: &str = "input";
    /// Stated by BSS.
    pub const SERVER: &str = "server";
    /// Computed by the engine.
    pub const COMPUTED: &str = "computed";
    /// Nothing applies.
    pub const NONE: &str = "none";
}

/// One column's origin (written as its compact code, see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    /// Where the number comes from ([`source`]).
    pub source: &'static str,
    /// The policy field that decided, when one did.
    pub policy: Option<&'static str>,
    /// The rule id ([`describe`] renders it).
    pub rule: &'static str,
}

/// The money columns [`Explain`] covers, in its order.
pub const COLUMNS: [&str; 7] = [
    "official_amount",
    "discount_amount",
    "coupon_amount",
    "flexipurchase_coupon_amount",
    "stored_card_amount",
    "truncated_amount",
    "payable",
];

/// The origin of every money column of a quote's totals, in [`COLUMNS`] order; written
/// as an object keyed by column (one loop, not a struct per column: the wasm stays small).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Explain(pub [Origin; 7]);

impl Explain {
    /// The origin of `column` (a [`COLUMNS`] name).
    pub fn get(&self, column: &str) -> Option<&Origin> {
        COLUMNS
            .iter()
            .position(|c| *c == column)
            .map(|i| &self.0[i])
    }
}

impl WriteJson for Explain {
    fn write_json(&self, out: &mut String) {
        let mut o = Object::new(out);
        for (column, origin) in COLUMNS.iter().zip(&self.0) {
            // `source:rule` or `source:rule:policy`: static codes, nothing to escape (one
            // `push_str` for all the parts).
            let code = o.key(column);
            let (colon, policy) = origin.policy.map_or(("", ""), |p| (":", p));
            for part in ["\"", origin.source, ":", origin.rule, colon, policy, "\""] {
                code.push_str(part);
            }
        }
        o.end();
    }
}

/// Every rule id: (id, source section, English, Chinese).
pub const RULES: [(&str, &str, &str, &str); 12] = [
    (
        "official",
        "pricing §4.5",
        "The list price of the lines, as given (or unit price × quantity × periods).",
        "各产品的官网价（传入值，或按单价 × 数量 × 周期计算）。",
    ),
    (
        "discount.none",
        "coupons §6.2 step 2",
        "No discount and no discount coupon applies.",
        "没有可用的折扣或折扣券。",
    ),
    (
        "discount.stated",
        "pricing §1.3, §3.3",
        "The saving Huawei Cloud states for the chosen discount, used as stated.",
        "所选折扣的优惠金额取自华为云返回的金额，原样使用。",
    ),
    (
        "discount.ratio",
        "pricing §3.3",
        "Huawei Cloud states no saving for the discount: list price × (1 − discount ratio).",
        "华为云未返回优惠金额：官网价 × (1 − 折扣率)。",
    ),
    (
        "discount.mixed",
        "pricing §3.3",
        "Some line groups carry the stated saving, the others list price × (1 − discount ratio).",
        "部分产品组使用华为云返回的优惠金额，其余按官网价 × (1 − 折扣率) 计算。",
    ),
    (
        "discount.coupon",
        "coupons §2, §6.2 step 2",
        "A discount coupon instead of a discount: list price of its yearly/monthly lines × (1 − face value), cut to the cent.",
        "使用折扣券代替折扣：包年/包月产品官网价 × (1 − 折扣率)，精确到分（舍去）。",
    ),
    (
        "coupon.none",
        "coupons §6.2",
        "No coupon of this kind is used.",
        "未使用此类优惠券。",
    ),
    (
        "coupon.cash",
        "coupons §6.1, §6.2 step 3",
        "One cash coupon (代金券) on what remains after the discount, within its limits.",
        "一张代金券，在折扣后的金额上按其使用限制抵扣。",
    ),
    (
        "coupon.flexi",
        "coupons §6.2 step 4",
        "Flexi-purchase coupons (现金券) on what remains, each capped by its maximum payment ratio.",
        "现金券在剩余金额上抵扣，每张不超过其最大支付比例。",
    ),
    (
        "coupon.card",
        "coupons §6.2 step 5",
        "Stored-value cards after the coupons.",
        "储值卡在优惠券之后抵扣。",
    ),
    (
        "truncate",
        "pricing §4.4",
        "Digits below the cent are not charged (抹零).",
        "分以下的金额不收取（抹零）。",
    ),
    (
        "payable",
        "coupons §6.2, pricing §4.4",
        "What remains after the discount and every coupon and card, cut to the cent.",
        "扣除折扣、优惠券和储值卡后的剩余金额，精确到分（舍去）。",
    ),
];

/// The sentence of a rule id with its source, or `None` for an unknown id.
pub fn describe(rule: &str, zh: bool) -> Option<String> {
    RULES
        .iter()
        .find(|r| r.0 == rule)
        .map(|&(_, source, en, cn)| {
            if zh {
                format!("{cn}（依据：{source}）")
            } else {
                format!("{en} (source: {source})")
            }
        })
}

fn origin(source: &'static str, policy: Option<&'static str>, rule: &'static str) -> Origin {
    Origin {
        source,
        policy,
        rule,
    }
}

/// A coupon column: computed under `policy` when it holds an amount.
fn coupons(amount: Amount, policy: &'static str, rule: &'static str) -> Origin {
    match amount.is_zero() {
        true => origin(source::NONE, None, "coupon.none"),
        false => origin(source::COMPUTED, Some(policy), rule),
    }
}

/// The explanation of a quote's `totals` under `discount`, chosen by `rule`;
/// `discount_coupon`: a discount coupon is used.
pub fn explain(
    totals: &Columns,
    discount: Option<&AppliedDiscount>,
    rule: SelectionRule,
    discount_coupon: bool,
) -> Explain {
    let decided_by = match rule {
        SelectionRule::BestOffer | SelectionRule::LargestSaving => Some("best_discount"),
        SelectionRule::AutoPayBusinessFirst => Some("auto_pay_business_first"),
        _ => None,
    };
    let discount_amount = match discount {
        Some(d) => match d.amount_source {
            AmountSource::Server => origin(source::SERVER, decided_by, "discount.stated"),
            AmountSource::Computed => origin(source::COMPUTED, decided_by, "discount.ratio"),
            AmountSource::Mixed => origin(source::COMPUTED, decided_by, "discount.mixed"),
        },
        None if discount_coupon => origin(source::COMPUTED, Some("rounding"), "discount.coupon"),
        None => origin(source::NONE, None, "discount.none"),
    };
    Explain([
        origin(source::INPUT, None, "official"),
        discount_amount,
        coupons(
            totals.coupon_amount,
            "max_cash_coupons_per_order",
            "coupon.cash",
        ),
        coupons(
            totals.flexipurchase_coupon_amount,
            "max_deduction_ratio_base",
            "coupon.flexi",
        ),
        coupons(totals.stored_card_amount, "stacking_order", "coupon.card"),
        origin(source::COMPUTED, Some("rounding"), "truncate"),
        origin(source::COMPUTED, Some("stacking_order"), "payable"),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_renders_in_both_languages_with_its_source() {
        for (id, source, ..) in RULES {
            let en = describe(id, false).unwrap();
            let zh = describe(id, true).unwrap();
            assert!(en.ends_with(&format!("(source: {source})")), "{en}");
            assert!(zh.contains(source), "{zh}");
        }
        assert_eq!(describe("nope", false), None);
    }
}
