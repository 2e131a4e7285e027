//! Which discount BSS applies: the selection rules of the rating APIs.
//!
//! 1. A 609 order price adjustment, when present, is mandatory.
//! 2. With auto-pay, a business discount wins when one exists (the flagged one if it is a
//!    business discount, else the largest business saving).
//! 3. Otherwise the element flagged `best_offer = 1`.
//! 4. Without a flag, the largest saving among business (605, 606) and partner (607)
//!    discounts, ties to business, then to response order. Promotions are never "best".
//! 5. Nothing qualifies: the official price.

use std::cmp::Ordering;

use crate::json::tree::Node;

use super::error::DiscountError;
use super::kind::{contests_best_offer, is_business};
use super::rating::{PriceTriple, RatedDiscount, RatedLine, RatingResponse};
use crate::coupons::input::policy_from_node;
use crate::coupons::{CouponError, DiscountKind, Policy};
use crate::json::JsonError;
use crate::json::read::Obj;
use crate::json::write::{Object, WriteJson, write_as_str};
use crate::money::Amount;

/// The rule that decided a selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelectionRule {
    /// No discount qualifies: the official price.
    NoDiscount,
    /// The element flagged `best_offer = 1`.
    BestOffer,
    /// No flag: the largest saving among business and partner discounts, ties to business.
    LargestSaving,
    /// Auto-pay: a business discount wins when one exists.
    AutoPayBusinessFirst,
    /// A 609 order price adjustment is present and must be used.
    OrderAdjustment,
    /// The quote's caller asked for this discount.
    Requested,
    /// The quote's best-combination search chose it.
    BestCombination,
}

impl SelectionRule {
    /// The wire name (`no_discount`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            SelectionRule::NoDiscount => "no_discount",
            SelectionRule::BestOffer => "best_offer",
            SelectionRule::LargestSaving => "largest_saving",
            SelectionRule::AutoPayBusinessFirst => "auto_pay_business_first",
            SelectionRule::OrderAdjustment => "order_adjustment",
            SelectionRule::Requested => "requested",
            SelectionRule::BestCombination => "best_combination",
        }
    }
}

write_as_str!(SelectionRule);

/// Options of [`select_discount`].
#[derive(Debug, Clone, Default)]
pub struct SelectOptions {
    /// The order is placed with auto-pay.
    pub auto_pay: bool,
    /// The policy (606's family, whether auto-pay prefers business discounts).
    pub policy: Policy,
}

impl SelectOptions {
    /// Reads `{ auto_pay?: boolean, policy?: Partial<Policy> }` (or `null`); a bad field is
    /// `invalid_option`, as for every options argument.
    pub fn from_value(v: &Node<'_>) -> Result<SelectOptions, CouponError> {
        let (auto_pay, policy) = policy_options(v, true)?;
        Ok(SelectOptions { auto_pay, policy })
    }
}

/// `policy` (and `auto_pay`, when `with_auto_pay`) of an options object that has no other
/// field, read with the one reader: a bad field is `invalid_option` at its path.
pub fn policy_options(v: &Node<'_>, with_auto_pay: bool) -> Result<(bool, Policy), CouponError> {
    if let Node::Null = v {
        return Ok((false, Policy::default()));
    }
    let fields: &[&str] = if with_auto_pay {
        &["auto_pay", "policy"]
    } else {
        &["policy"]
    };
    let read = || -> Result<(bool, Policy), JsonError> {
        let o = Obj::new(v, "")?.only_named(fields)?;
        let auto_pay = o.flag("auto_pay")?.unwrap_or(false);
        let policy = match o.get("policy") {
            None => Policy::default(),
            Some(p) => policy_from_node(p, "policy")?,
        };
        Ok((auto_pay, policy))
    };
    read().map_err(|e| CouponError::InvalidOptions {
        path: e.path,
        message: e.message,
    })
}

/// `selectDiscount` on JSON text: the rating response (raw text) and the options in, the
/// choice out.
pub fn select_json(rating: &str, options: &str) -> Result<String, DiscountError> {
    use crate::limits::{MAX_INPUT_BYTES, MAX_OPTIONS_BYTES, check_text};
    check_text("rating", rating, MAX_INPUT_BYTES)?;
    check_text("opts", options, MAX_OPTIONS_BYTES)?;
    let rating = RatingResponse::from_json(rating)?;
    let options = SelectOptions::from_value(&super::wire::tree(options)?)?;
    let choice = select_discount(&rating, &options)?;
    Ok(choice.to_json())
}

/// What a discount option offers, for the selection rules.
pub trait Contender {
    /// The discount's kind.
    fn kind(&self) -> DiscountKind;
    /// Its saving on the order.
    fn saving(&self) -> Amount;
    /// Whether BSS flagged it the best offer.
    fn best_offer(&self) -> bool;
}

impl<C: Contender> Contender for &C {
    fn kind(&self) -> DiscountKind {
        (*self).kind()
    }
    fn saving(&self) -> Amount {
        (*self).saving()
    }
    fn best_offer(&self) -> bool {
        (*self).best_offer()
    }
}

impl Contender for RatedDiscount {
    fn kind(&self) -> DiscountKind {
        self.kind
    }
    fn saving(&self) -> Amount {
        self.price.discount_amount
    }
    fn best_offer(&self) -> bool {
        self.best_offer
    }
}

/// Applies the selection rules to `options`; `None` means no discount.
pub fn choose<C: Contender>(options: &[C], auto_pay: bool) -> Option<(usize, SelectionRule)> {
    let mut facts = Vec::with_capacity(options.len());
    for c in options {
        facts.push(Facts {
            kind: c.kind(),
            saving: c.saving(),
            best_offer: c.best_offer(),
        });
    }
    choose_among(&facts, auto_pay)
}

/// What the rules read of a contender: [`choose`]'s rules are instantiated once, for these,
/// instead of once per contender type (1.1 KB of wasm each).
#[derive(Clone, Copy)]
struct Facts {
    kind: DiscountKind,
    saving: Amount,
    best_offer: bool,
}

impl Contender for Facts {
    fn kind(&self) -> DiscountKind {
        self.kind
    }
    fn saving(&self) -> Amount {
        self.saving
    }
    fn best_offer(&self) -> bool {
        self.best_offer
    }
}

fn choose_among(options: &[Facts], auto_pay: bool) -> Option<(usize, SelectionRule)> {
    let best_of = |pred: &dyn Fn(&Facts) -> bool| best_of(options, pred);
    if let Some(i) = best_of(&|c| c.kind() == DiscountKind::OrderAdjustment) {
        return Some((i, SelectionRule::OrderAdjustment));
    }
    if auto_pay {
        let business = |c: &Facts| is_business(c.kind());
        if let Some(i) = best_of(&|c| business(c) && c.best_offer()).or_else(|| best_of(&business))
        {
            return Some((i, SelectionRule::AutoPayBusinessFirst));
        }
    }
    if let Some(i) = best_of(&|c| c.best_offer()) {
        return Some((i, SelectionRule::BestOffer));
    }
    best_of(&|c| contests_best_offer(c.kind())).map(|i| (i, SelectionRule::LargestSaving))
}

/// The position of the best option that `pred` accepts (ties: the first): one loop out of
/// line, not an iterator chain inlined at each of [`choose_among`]'s rules.
#[inline(never)]
fn best_of(options: &[Facts], pred: &dyn Fn(&Facts) -> bool) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, c) in options.iter().enumerate() {
        if pred(c) && best.is_none_or(|b| better(c, &options[b]) == Ordering::Less) {
            best = Some(i);
        }
    }
    best
}

/// `Less` when `a` beats `b`: larger saving, then business before partner.
fn better<C: Contender>(a: &C, b: &C) -> Ordering {
    let business_first = |c: &C| !is_business(c.kind());
    b.saving()
        .cmp(&a.saving())
        .then(business_first(a).cmp(&business_first(b)))
}

/// The discount BSS applies to a rated inquiry, and the price under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscountChoice {
    /// The chosen discount, `null` for the official price.
    pub discount_id: Option<String>,
    /// Its rating code (605 / 606 / 607).
    pub discount_type: Option<i64>,
    /// Its kind.
    pub kind: Option<DiscountKind>,
    /// Its name, when the response gives one (not written when absent).
    pub discount_name: Option<String>,
    /// The amounts under the chosen discount (written as members of the choice).
    pub price: PriceTriple,
    /// The rule that decided.
    pub rule: SelectionRule,
    /// Per-product amounts under the chosen discount.
    pub lines: Vec<RatedLine>,
}

impl WriteJson for DiscountChoice {
    fn write_json(&self, out: &mut String) {
        let mut o = Object::new(out);
        o.field("discount_id", &self.discount_id)
            .field("discount_type", &self.discount_type)
            .field("kind", &self.kind)
            .some("discount_name", self.discount_name.as_ref());
        self.price.write_members(&mut o);
        o.field("rule", &self.rule)
            .field("lines", &self.lines)
            .end();
    }
}

/// Selects the discount of a ListRateOnPeriodDetail or ListRenewRateOnPeriod response.
pub fn select_discount(
    rating: &RatingResponse,
    options: &SelectOptions,
) -> Result<DiscountChoice, DiscountError> {
    let policy = &options.policy;
    let mut discounts = rating.discounts(policy)?;
    if let Some((i, rule)) = choose(
        &discounts,
        options.auto_pay && policy.auto_pay_business_first,
    ) {
        // The `i`th taken out by `truncate` and `pop` (an `IntoIter` and its `nth` are more
        // code, and `swap_remove` has a panic path).
        let chosen = if i < discounts.len() {
            discounts.truncate(i + 1);
            discounts.pop()
        } else {
            None
        };
        let d = chosen.ok_or_else(|| {
            DiscountError::invalid("optional_discount_rating_results", "index out of range")
        })?;
        return Ok(DiscountChoice {
            discount_id: Some(d.discount_id),
            discount_type: d.discount_type,
            kind: Some(d.kind),
            discount_name: d.discount_name,
            price: d.price,
            rule,
            lines: d.lines,
        });
    }
    let official = match rating.official_amount()? {
        Some(official) => official,
        // Only promotions were offered: their list price is the order's.
        None => discounts
            .first()
            .map(|d| d.price.official_amount)
            .ok_or_else(|| {
                DiscountError::invalid(
                    "official_website_rating_result",
                    "missing: the response has no price at all",
                )
            })?,
    };
    Ok(DiscountChoice {
        discount_id: None,
        discount_type: None,
        kind: None,
        discount_name: None,
        price: PriceTriple::undiscounted(official),
        rule: SelectionRule::NoDiscount,
        lines: rating.official_lines()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct C(DiscountKind, i64, bool);
    impl Contender for C {
        fn kind(&self) -> DiscountKind {
            self.0
        }
        fn saving(&self) -> Amount {
            Amount::from(self.1)
        }
        fn best_offer(&self) -> bool {
            self.2
        }
    }
    use DiscountKind::*;

    /// The options are read by the one reader: `invalid_option` at the path of the bad value,
    /// in the reader's words.
    #[test]
    fn options_errors_name_the_path() {
        use crate::error::ErrorCode;
        let err = |text: &str, with_auto_pay: bool| {
            let v = crate::json::read::tree(text).unwrap();
            let e = policy_options(&v, with_auto_pay).unwrap_err();
            assert_eq!(e.code(), "invalid_option", "{text}");
            (e.field().unwrap_or_default().to_owned(), e.to_string())
        };
        assert_eq!(
            err(r#"{"auto_pay":"yes"}"#, true),
            (
                "auto_pay".into(),
                "invalid options: auto_pay: expected a boolean, got string".into()
            )
        );
        assert_eq!(err(r#"{"auto_pay":true}"#, false).0, "auto_pay");
        assert_eq!(err(r#"{"now":"x"}"#, true).0, "now");
        assert_eq!(
            err(r#"{"policy":{"discount606":1}}"#, true).0,
            "policy.discount606"
        );
        assert_eq!(err("[]", true).0, "");
        let v = crate::json::read::tree(r#"{"auto_pay":true,"policy":{"discount_606":"partner"}}"#)
            .unwrap();
        let (auto_pay, policy) = policy_options(&v, true).unwrap();
        assert!(auto_pay);
        assert_eq!(
            policy.discount_606,
            crate::coupons::policy::DiscountFamily::Partner
        );
        assert_eq!(
            policy_options(&Node::Null, true).unwrap().1,
            Policy::default()
        );
    }

    #[test]
    fn rules_in_order() {
        assert_eq!(choose::<C>(&[], false), None);
        let opts = [
            C(Partner, 30, false),
            C(Business, 20, false),
            C(Promotion, 90, false),
        ];
        assert_eq!(
            choose(&opts, false),
            Some((0, SelectionRule::LargestSaving))
        );
        assert_eq!(
            choose(&opts, true),
            Some((1, SelectionRule::AutoPayBusinessFirst))
        );
        let tie = [
            C(Partner, 20, false),
            C(Business, 20, false),
            C(Business, 20, false),
        ];
        assert_eq!(choose(&tie, false), Some((1, SelectionRule::LargestSaving)));
        let flagged = [
            C(Partner, 30, false),
            C(Partner, 10, true),
            C(Business, 5, false),
        ];
        assert_eq!(choose(&flagged, false), Some((1, SelectionRule::BestOffer)));
        assert_eq!(
            choose(&flagged, true),
            Some((2, SelectionRule::AutoPayBusinessFirst))
        );
        let flagged_business = [C(Business, 30, false), C(Business, 10, true)];
        assert_eq!(
            choose(&flagged_business, true),
            Some((1, SelectionRule::AutoPayBusinessFirst))
        );
        assert_eq!(choose(&[C(Promotion, 50, false)], false), None);
        assert_eq!(choose(&[C(Promotion, 50, false)], true), None);
        let adj = [C(Business, 50, true), C(OrderAdjustment, 1, false)];
        assert_eq!(
            choose(&adj, true),
            Some((1, SelectionRule::OrderAdjustment))
        );
    }
}
