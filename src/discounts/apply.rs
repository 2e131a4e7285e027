//! A discount option applied to the lines of an order: the saving of every line.
//!
//! * Rating element with `product_rating_results`: each product's saving goes to the order
//!   line with the same `id`; without them the element's saving is spread over all lines.
//! * `DiscountInfoV3`: per line item group, `discount_mode` 0 multiplies each line by its
//!   `discount_ratio` (exact); modes 1 (fixed price) and 2 (amount off) take the group's
//!   `discount_amount` and spread it over the group's lines.
//!
//! Spreading is proportional to the lines' official amounts, largest remainder to the cent
//! (or finer when the saving is finer), capped by each line's amount.
//! An option that cannot be applied to this order (a line it names is not in the order, a
//! saving larger than the price, a mode without its value) is [`ApplyError::Inapplicable`]:
//! the quote reports it in `rejected` instead of failing.

use super::DiscountError;
use super::kind::kind_of;
use super::option::{DiscountOption, OrderLineItemV3};
use super::select::Contender;
use crate::allocation::{AllocationError, allocate, sort};
use crate::codes::catalog::{Detail, Texts, details};
use crate::coupons::{DiscountKind, Policy};
use crate::error::ErrorCode;
use crate::json::write::write_as_str;
use crate::money::{Amount, AmountError};

/// An order line as a discount sees it.
#[derive(Debug, Clone, Copy)]
pub struct LineRef<'a> {
    /// The order line ID.
    pub id: &'a str,
    /// Its official amount.
    pub official_amount: Amount,
}

/// The discount of one order line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineDiscount {
    /// Whether the discount covers the line.
    pub covered: bool,
    /// The saving on the line.
    pub discount_amount: Amount,
    /// The pay ratio of the line (`1` when not covered).
    pub discount_ratio: Amount,
}

/// Where a discount's saving comes from (DESIGN "BSS's own numbers win"); written as
/// `server` / `computed` / `mixed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountSource {
    /// Every saving is an amount BSS stated (rating results, `discount_amount` of the line
    /// item groups, an amount-off value).
    Server,
    /// Every saving is computed here (`official × (1 − discount_ratio)`): BSS stated none.
    Computed,
    /// Some groups stated their saving, others were computed.
    Mixed,
}

impl AmountSource {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            AmountSource::Server => "server",
            AmountSource::Computed => "computed",
            AmountSource::Mixed => "mixed",
        }
    }

    fn and(self, other: AmountSource) -> AmountSource {
        if self == other {
            self
        } else {
            AmountSource::Mixed
        }
    }
}

write_as_str!(AmountSource);

/// A discount option applied to an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedDiscount {
    /// The discount ID.
    pub discount_id: String,
    /// Its code, when given.
    pub discount_type: Option<i64>,
    /// Its kind.
    pub kind: DiscountKind,
    /// Whether BSS flagged it the best offer (rating elements only).
    pub best_offer: bool,
    /// One entry per order line, in order.
    pub lines: Vec<LineDiscount>,
    /// The total saving (the exact sum of the lines').
    pub discount_amount: Amount,
    /// Whether the saving is BSS's stated amount or computed here.
    pub amount_source: AmountSource,
}

impl Contender for AppliedDiscount {
    fn kind(&self) -> DiscountKind {
        self.kind
    }
    fn saving(&self) -> Amount {
        self.discount_amount
    }
    fn best_offer(&self) -> bool {
        self.best_offer
    }
}

/// Why an option was not applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    /// The option does not fit this order; the message says why.
    #[error("{0}")]
    Inapplicable(Detail),
    /// Arithmetic overflow.
    #[error(transparent)]
    Amount(#[from] AmountError),
}

impl From<AllocationError> for ApplyError {
    fn from(e: AllocationError) -> Self {
        match e {
            AllocationError::Amount(a) => ApplyError::Amount(a),
            AllocationError::Negative => inapplicable_by(details::ALLOCATION_NEGATIVE),
            AllocationError::NoWeight => inapplicable_by(details::ALLOCATION_NO_WEIGHT),
        }
    }
}

impl From<DiscountError> for ApplyError {
    fn from(e: DiscountError) -> Self {
        match e {
            DiscountError::Amount(a) => ApplyError::Amount(a),
            other => {
                let field = other.field().unwrap_or_default().to_owned();
                inapplicable(details::INVALID_RATING, &[&other, &field])
            }
        }
    }
}

fn inapplicable_by(texts: Texts) -> ApplyError {
    inapplicable(texts, &[])
}

/// Cold and out of line: the message's values are formatted in one place, not at each site.
#[cold]
#[inline(never)]
fn inapplicable(texts: Texts, values: &[&dyn std::fmt::Display]) -> ApplyError {
    ApplyError::Inapplicable(Detail::new(texts, values))
}

impl DiscountOption {
    /// The option applied to `lines`.
    pub fn apply(
        &self,
        lines: &[LineRef<'_>],
        policy: &Policy,
    ) -> Result<AppliedDiscount, ApplyError> {
        self.apply_indexed(lines, &LineIndex::new(lines), policy)
    }

    /// [`DiscountOption::apply`] with the lines' `index` (made once for every option).
    pub fn apply_indexed(
        &self,
        lines: &[LineRef<'_>],
        index: &LineIndex<'_>,
        policy: &Policy,
    ) -> Result<AppliedDiscount, ApplyError> {
        let untouched = LineDiscount {
            covered: false,
            discount_amount: Amount::ZERO,
            discount_ratio: Amount::from(1),
        };
        let mut out: Vec<LineDiscount> = vec![untouched; lines.len()];
        let mut source: Option<AmountSource> = None;
        if let Some(orders) = &self.orders {
            for order in orders {
                for item in order.order_line_items.as_deref().unwrap_or_default() {
                    let group = group_lines(item, index, &out)?;
                    let s = self.apply_item(item, &group, lines, &mut out)?;
                    source = Some(source.map_or(s, |old| old.and(s)));
                }
            }
        } else {
            self.apply_rating(lines, index, &mut out, policy)?;
            source = Some(AmountSource::Server);
        }
        let mut total = Amount::ZERO;
        for l in &out {
            total = total.checked_add(l.discount_amount)?;
        }
        Ok(AppliedDiscount {
            discount_id: self.discount_id.clone(),
            discount_type: self.discount_type,
            kind: kind_of(self.discount_type, policy),
            best_offer: self.best_offer == Some(1),
            lines: out,
            discount_amount: total,
            amount_source: source.unwrap_or(AmountSource::Server),
        })
    }

    fn apply_item(
        &self,
        item: &OrderLineItemV3,
        group: &[usize],
        lines: &[LineRef<'_>],
        out: &mut [LineDiscount],
    ) -> Result<AmountSource, ApplyError> {
        let mode = item
            .discount_mode
            .unwrap_or(if item.discount_ratio.is_some() { 0 } else { 2 });
        // The saving BSS states for the group: `discount_amount` ("订单可用的折扣金额（即减免
        //金额）"), or for amount off its `discount_value`. With a ratio too (mode 0) the stated
        // amount is what BSS deducts (10.01 at 0.85 → 1.50, not 1.5015); the saving is computed
        // from the ratio only when no amount is stated (issue 13 item 2).
        let (stated, ratio) = match mode {
            0 => (
                item.discount_amount,
                item.discount_ratio.or(self.discount_value),
            ),
            1 => (item.discount_amount, item.discount_ratio),
            2 => (
                item.discount_amount.or(self.discount_value),
                item.discount_ratio,
            ),
            other => return Err(inapplicable(details::UNKNOWN_MODE, &[&other])),
        };
        if let Some(r) = ratio {
            check_ratio(r)?;
        }
        let Some(saving) = stated else {
            let ratio = ratio.filter(|_| mode == 0).ok_or_else(|| {
                let needs = if mode == 0 {
                    "discount_ratio"
                } else {
                    "discount_amount"
                };
                inapplicable(details::MODE_WITHOUT_VALUE, &[&mode, &needs])
            })?;
            let off = Amount::from(1).checked_sub(ratio)?;
            for &i in group {
                out[i] = LineDiscount {
                    covered: true,
                    discount_amount: lines[i].official_amount.checked_mul(off)?,
                    discount_ratio: ratio,
                };
            }
            return Ok(AmountSource::Computed);
        };
        let mut officials: Vec<Amount> = Vec::with_capacity(group.len());
        for &i in group {
            officials.push(lines[i].official_amount);
        }
        let parts = spread(saving, &officials)?;
        for (&i, part) in group.iter().zip(parts) {
            out[i] = LineDiscount {
                covered: true,
                discount_amount: part,
                discount_ratio: match ratio {
                    Some(r) => r,
                    None => pay_ratio(lines[i].official_amount, part)?,
                },
            };
        }
        Ok(AmountSource::Server)
    }

    fn apply_rating(
        &self,
        lines: &[LineRef<'_>],
        index: &LineIndex<'_>,
        out: &mut [LineDiscount],
        policy: &Policy,
    ) -> Result<(), ApplyError> {
        if self.amount.is_none() && self.discount_amount.is_none() {
            return Err(inapplicable(details::NO_AMOUNTS, &[]));
        }
        let mut order_official = Amount::ZERO;
        for l in lines {
            order_official = order_official.checked_add(l.official_amount)?;
        }
        let rated = self.resolve(Some(order_official), "discount", policy)?;
        if rated.lines.is_empty() {
            let mut officials: Vec<Amount> = Vec::with_capacity(lines.len());
            for l in lines {
                officials.push(l.official_amount);
            }
            let parts = spread(rated.price.discount_amount, &officials)?;
            for (i, part) in parts.into_iter().enumerate() {
                out[i] = LineDiscount {
                    covered: true,
                    discount_amount: part,
                    discount_ratio: pay_ratio(lines[i].official_amount, part)?,
                };
            }
            return Ok(());
        }
        for line in &rated.lines {
            let id = line.id.as_deref().unwrap_or_default();
            let i = index
                .get(id)
                .ok_or_else(|| inapplicable(details::LINE_NOT_IN_ORDER, &[&id]))?;
            if out[i].covered {
                return Err(inapplicable(details::LINE_RATED_TWICE, &[&id]));
            }
            let saving = line.price.discount_amount;
            if saving > lines[i].official_amount {
                let official = lines[i].official_amount;
                return Err(inapplicable(
                    details::SAVING_ABOVE_OFFICIAL,
                    &[&saving, &id, &official],
                ));
            }
            out[i] = LineDiscount {
                covered: true,
                discount_amount: saving,
                discount_ratio: pay_ratio(lines[i].official_amount, saving)?,
            };
        }
        Ok(())
    }
}

/// The position of each line by its id (a repeated id: the last line, as a hash map filled in
/// line order keeps it): the ids sorted, found by binary search. No hash map is linked into the
/// pricing module for it (hashbrown's insert and rehash were 2 KB of wasm before wasm-opt).
#[derive(Debug)]
pub struct LineIndex<'s>(Vec<(&'s str, usize)>);

impl<'s> LineIndex<'s> {
    /// The index of `lines`.
    pub fn new(lines: &[LineRef<'s>]) -> Self {
        let mut ids = Vec::with_capacity(lines.len());
        for (i, l) in lines.iter().enumerate() {
            ids.push((l.id, i));
        }
        sort(&mut ids);
        LineIndex(ids)
    }

    /// The position of the last line with `id`.
    fn get(&self, id: &str) -> Option<usize> {
        // The first entry past every (id, _): the one before it is the last with `id`.
        let (mut low, mut high) = (0, self.0.len());
        while low < high {
            let mid = low + (high - low) / 2;
            if self.0.get(mid).is_some_and(|e| e.0 <= id) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        let &(found, i) = self.0.get(low.checked_sub(1)?)?;
        (found == id).then_some(i)
    }
}

/// The order lines of a line item group; each line may be in one group only.
fn group_lines(
    item: &OrderLineItemV3,
    index: &LineIndex<'_>,
    out: &[LineDiscount],
) -> Result<Vec<usize>, ApplyError> {
    let ids = item.order_line_item_ids.as_deref().unwrap_or_default();
    if ids.is_empty() {
        return Err(inapplicable(details::ITEM_WITHOUT_LINES, &[]));
    }
    let mut group = Vec::with_capacity(ids.len());
    for id in ids {
        let i = index
            .get(id.as_str())
            .ok_or_else(|| inapplicable(details::LINE_NOT_IN_ORDER, &[&id]))?;
        if out.get(i).is_none_or(|o| o.covered) || group.contains(&i) {
            return Err(inapplicable(details::LINE_DISCOUNTED_TWICE, &[&id]));
        }
        group.push(i);
    }
    Ok(group)
}

fn check_ratio(ratio: Amount) -> Result<(), ApplyError> {
    if ratio.is_negative() || ratio > Amount::from(1) {
        return Err(inapplicable(details::RATIO_OUT_OF_RANGE, &[&ratio]));
    }
    Ok(())
}

/// Spreads a saving over lines in proportion to their official amounts.
fn spread(saving: Amount, officials: &[Amount]) -> Result<Vec<Amount>, ApplyError> {
    let mut total = Amount::ZERO;
    for o in officials {
        total = total.checked_add(*o)?;
    }
    if saving.is_negative() || saving > total {
        return Err(inapplicable(
            details::SAVING_OUT_OF_RANGE,
            &[&saving, &total],
        ));
    }
    Ok(allocate(saving, officials, Some(officials), 2)?)
}

/// `(official − saving) / official`; 1 for a line without price.
fn pay_ratio(official: Amount, saving: Amount) -> Result<Amount, AmountError> {
    if official.is_zero() {
        return Ok(Amount::from(1));
    }
    official.checked_sub(saving)?.checked_div(official)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Amount {
        Amount::parse(s).unwrap()
    }

    fn order(officials: &[&str]) -> Vec<(String, Amount)> {
        officials
            .iter()
            .enumerate()
            .map(|(i, o)| (format!("L{}", i + 1), a(o)))
            .collect()
    }

    fn apply(option: &str, lines: &[(String, Amount)]) -> Result<AppliedDiscount, ApplyError> {
        let refs: Vec<LineRef<'_>> = lines
            .iter()
            .map(|(id, o)| LineRef {
                id,
                official_amount: *o,
            })
            .collect();
        DiscountOption::from_value(&super::super::wire::tree(option).unwrap(), "".into())
            .unwrap()
            .apply(&refs, &Policy::default())
    }

    /// The index finds what a hash map filled in line order holds: the last line of an id.
    #[test]
    fn line_index_finds_as_a_hash_map() {
        let ids = ["b", "a", "", "b", "中", "ab", "a", "b", "z"];
        let amount = Amount::ZERO;
        let lines: Vec<LineRef<'_>> = ids
            .iter()
            .map(|id| LineRef {
                id,
                official_amount: amount,
            })
            .collect();
        let map: std::collections::HashMap<&str, usize> =
            ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        for n in 0..=ids.len() {
            let index = LineIndex::new(&lines[..n]);
            let map: std::collections::HashMap<&str, usize> = ids[..n]
                .iter()
                .enumerate()
                .map(|(i, id)| (*id, i))
                .collect();
            for probe in ids.iter().chain(&["c", "aa", "bb", " "]) {
                assert_eq!(index.get(probe), map.get(probe).copied(), "{n} {probe:?}");
            }
        }
        assert_eq!(LineIndex::new(&lines).get("b"), map.get("b").copied());
    }

    fn savings(d: &AppliedDiscount) -> Vec<String> {
        d.lines
            .iter()
            .map(|l| l.discount_amount.to_string())
            .collect()
    }

    #[test]
    fn ratio_mode_is_exact_per_line() {
        let lines = order(&["33.33", "33.33", "10"]);
        let d = apply(
            r#"{"discount_id":"p","discount_type":3,"discount_value":"0.85","orders":[{"order_id":"o",
                "order_line_items":[{"order_line_item_ids":["L1","L2"],"discount_mode":0,"discount_ratio":0.85}]}]}"#,
            &lines,
        )
        .unwrap();
        assert_eq!(savings(&d), ["4.9995", "4.9995", "0"]);
        assert_eq!(d.discount_amount.to_string(), "9.999");
        assert_eq!(d.kind, DiscountKind::Partner);
        assert!(d.lines[0].covered && !d.lines[2].covered);
        assert_eq!(d.lines[2].discount_ratio, Amount::from(1));
    }

    #[test]
    fn fixed_price_and_amount_off_spread_the_group_saving() {
        let lines = order(&["100", "50", "50"]);
        let d = apply(
            r#"{"discount_id":"b","discount_type":2,"orders":[{"order_line_items":[
                {"order_line_item_ids":["L1","L2","L3"],"discount_mode":1,"discount_amount":"10.01"}]}]}"#,
            &lines,
        )
        .unwrap();
        assert_eq!(savings(&d), ["5.01", "2.5", "2.5"]);
        assert_eq!(d.discount_amount.to_string(), "10.01");
        assert_eq!(d.lines[0].discount_ratio.to_string(), "0.9499");
        let d = apply(
            r#"{"discount_id":"m","discount_type":0,"discount_value":"20","orders":[{"order_line_items":[
                {"order_line_item_ids":["L2"],"discount_mode":2}]}]}"#,
            &lines,
        )
        .unwrap();
        assert_eq!(savings(&d), ["0", "20", "0"]);
        assert_eq!(d.kind, DiscountKind::Promotion);
    }

    #[test]
    fn rating_elements_with_and_without_product_results() {
        let lines = order(&["105", "45"]);
        let d = apply(
            r#"{"discount_id":"r","discount_type":605,"official_website_amount":150,"amount":135,
                "product_rating_results":[{"id":"L2","official_website_amount":45,"amount":30}]}"#,
            &lines,
        )
        .unwrap();
        assert_eq!(savings(&d), ["0", "15"]);
        assert_eq!(d.kind, DiscountKind::Business);
        let d = apply(
            r#"{"discount_id":"r","discount_type":607,"discount_amount":"15","best_offer":1}"#,
            &lines,
        )
        .unwrap();
        assert_eq!(savings(&d), ["10.5", "4.5"]);
        assert!(d.best_offer);
    }

    #[test]
    fn options_that_do_not_fit_are_inapplicable() {
        let lines = order(&["100", "50"]);
        let bad = [
            r#"{"discount_id":"x","orders":[{"order_line_items":[{"order_line_item_ids":["L9"],"discount_mode":0,"discount_ratio":0.9}]}]}"#,
            r#"{"discount_id":"x","orders":[{"order_line_items":[{"order_line_item_ids":["L1"],"discount_mode":0,"discount_ratio":1.2}]}]}"#,
            r#"{"discount_id":"x","orders":[{"order_line_items":[{"order_line_item_ids":["L1"],"discount_mode":1}]}]}"#,
            r#"{"discount_id":"x","orders":[{"order_line_items":[{"order_line_item_ids":["L1"],"discount_mode":2,"discount_amount":101}]}]}"#,
            r#"{"discount_id":"x","orders":[{"order_line_items":[{"order_line_item_ids":["L1"],"discount_mode":7,"discount_amount":1}]}]}"#,
            r#"{"discount_id":"x","orders":[{"order_line_items":[{"order_line_item_ids":["L1"],"discount_mode":0,"discount_ratio":0.9},{"order_line_item_ids":["L1"],"discount_mode":0,"discount_ratio":0.9}]}]}"#,
            r#"{"discount_id":"x","orders":[{"order_line_items":[{"discount_mode":0,"discount_ratio":0.9}]}]}"#,
            r#"{"discount_id":"x"}"#,
            r#"{"discount_id":"x","amount":10,"product_rating_results":[{"id":"L7","official_website_amount":5,"amount":4}]}"#,
            r#"{"discount_id":"x","amount":10,"product_rating_results":[{"id":"L1","official_website_amount":500,"amount":1}]}"#,
            r#"{"discount_id":"x","discount_amount":151}"#,
        ];
        for option in bad {
            assert!(
                matches!(apply(option, &lines), Err(ApplyError::Inapplicable(_))),
                "{option}"
            );
        }
    }
}
