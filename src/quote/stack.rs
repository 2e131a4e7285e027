//! Deducting coupons from the lines, one after another, in integers of one fixed scale.
//!
//! A coupon takes `min(max_deduction, what its eligible lines still owe, what the order
//! still owes)`, whole cents, and spreads it over its eligible lines in proportion to what
//! each still owes, largest remainder to the cent. What remains on each line is what later
//! coupons see. The explicit selection and the search run this same code.

use super::error::QuoteError;
use crate::allocation::split_into;
use crate::allocation::units::{floor_to, from_units, pow10, scale_of, to_units};
use crate::money::Amount;

/// The fixed scale of one quote: every line amount after discount is an integer of
/// `10^-scale` units; a cent is `cent` units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ledger {
    scale: u32,
    cent: i128,
}

impl Ledger {
    /// A ledger fine enough for every amount in `amounts` (and never coarser than the cent).
    pub fn for_amounts(amounts: impl IntoIterator<Item = Amount>) -> Result<Ledger, QuoteError> {
        let scale = amounts.into_iter().map(scale_of).fold(2, u32::max);
        Ok(Ledger {
            scale,
            cent: pow10(scale - 2)?,
        })
    }

    /// `amount` in units (exact: the ledger is at least as fine as the amount).
    pub fn units(&self, amount: Amount) -> Result<i128, QuoteError> {
        Ok(to_units(amount.floor_dp(self.scale), self.scale)?)
    }

    /// Units as an amount (out of line: one body for its many callers).
    #[inline(never)]
    pub fn amount(&self, units: i128) -> Result<Amount, QuoteError> {
        Ok(from_units(units, self.scale)?)
    }

    /// Units per cent.
    pub fn cent(&self) -> i128 {
        self.cent
    }

    /// `units` rounded down to whole cents.
    pub fn floor_cent(&self, units: i128) -> i128 {
        floor_to(units, self.cent)
    }

    /// How many whole cents `units` (≥ 0, or a multiple of the cent) make (not `#[inline]`: that
    /// saved 0.6 % of a wallet quote's instructions for +388 B of the pricing module gzipped).
    pub fn cents(&self, units: i128) -> i128 {
        match (i64::try_from(units), i64::try_from(self.cent)) {
            (Ok(u), Ok(c)) => i128::from(u / c),
            _ => units / self.cent,
        }
    }
}

/// What the order and each line still owe.
///
/// Coupons move whole cents only, so the part of a line below the cent never changes: a line
/// owes `cents[i]` whole cents plus its fixed `sub[i]` units (`0 ≤ sub < cent`). Keeping
/// the two apart spares the search every division but the proportional one.
#[derive(Debug, PartialEq, Eq)]
pub struct Position {
    /// Per line, whole cents owed (below zero only in the sub-cent corner case where the
    /// cents of a split could not all stay within the lines' amounts).
    pub cents: Vec<i128>,
    /// Per line, the fixed units below the cent.
    pub sub: Vec<i128>,
    /// The order's total, in units.
    pub total: i128,
    /// The base of `maxDeductionRatio` caps, in units (period and one-time lines).
    pub ratio_base: i128,
    /// `ratio_base` before any coupon (the caps in `Piece::max` were taken on it).
    pub ratio_base_start: i128,
}

/// Out of line: one body for the search's and the settlement's copies of the start.
impl Clone for Position {
    #[inline(never)]
    fn clone(&self) -> Position {
        Position {
            cents: self.cents.clone(),
            sub: self.sub.clone(),
            ..*self
        }
    }
}

impl Position {
    /// The position before any coupon: the lines' amounts after discount, in units.
    pub fn new(ledger: &Ledger, amounts: &[i128]) -> Position {
        let mut cents = Vec::with_capacity(amounts.len());
        let mut sub = Vec::with_capacity(amounts.len());
        for &a in amounts {
            let whole = ledger.floor_cent(a);
            // A multiple of the cent: exact, and a 64-bit division (`/` on i128 is a call).
            cents.push(ledger.cents(whole));
            sub.push(a - whole);
        }
        let total = amounts.iter().sum();
        Position {
            cents,
            sub,
            total,
            ratio_base: total,
            ratio_base_start: total,
        }
    }

    /// The same position with `base` as the ratio base.
    pub fn with_ratio_base(mut self, base: i128) -> Position {
        self.ratio_base = base;
        self.ratio_base_start = base;
        self
    }

    /// What line `i` owes, in units.
    pub fn owed(&self, i: usize, ledger: &Ledger) -> i128 {
        self.cents[i] * ledger.cent + self.sub[i]
    }

    /// Copies `other` into `self` (same lines): the search reuses its positions.
    pub fn copy_from(&mut self, other: &Position) {
        self.cents.copy_from_slice(&other.cents);
        self.total = other.total;
        self.ratio_base = other.ratio_base;
    }
}

/// One coupon as the stack sees it.
#[derive(Debug, Clone, Copy)]
pub struct Piece<'a> {
    /// Indices of its eligible lines.
    pub lines: &'a [usize],
    /// The most it may take, in units (whole cents).
    pub max: i128,
    /// `maxDeductionRatio` r and the uncapped (on-demand) eligible units: the coupon takes at
    /// most `floor(r × ratio base) + uncapped`, on the base as it stands when it applies.
    pub ratio: Option<(Amount, i128)>,
    /// What it takes lowers the ratio base (a discount coupon: spec §6.2 step 4, "with a
    /// 折扣券 the 现金券 applies on the discounted price").
    pub cuts_base: bool,
}

/// Reusable buffers of [`apply`].
#[derive(Debug, Default)]
pub struct Scratch {
    weights: Vec<i128>,
    caps: Vec<i128>,
    cents: Vec<i128>,
    order: Vec<u128>,
}

impl Scratch {
    /// Buffers for coupons on up to `lines` lines: [`apply`] then never grows them.
    pub fn for_lines(lines: usize) -> Scratch {
        Scratch {
            weights: Vec::with_capacity(lines),
            caps: Vec::with_capacity(lines),
            cents: Vec::with_capacity(lines),
            order: Vec::with_capacity(lines),
        }
    }
}

/// Deducts `piece` from `pos`; returns the deduction in units. With `parts`, each line's
/// share is written there (`(line index, units)`, only non-zero shares).
pub fn apply(
    ledger: &Ledger,
    piece: Piece<'_>,
    pos: &mut Position,
    scratch: &mut Scratch,
    mut parts: Option<&mut Vec<(usize, i128)>>,
) -> Result<i128, QuoteError> {
    let (mut owed_cents, mut owed_sub) = (0i128, 0i128);
    let mut owing_lines = 0usize;
    let Scratch {
        weights,
        caps,
        cents,
        order,
    } = scratch;
    // The split's weights and caps are taken in the same pass (a split is the common case).
    weights.clear();
    caps.clear();
    for &i in piece.lines {
        let (c, s) = (pos.cents[i], pos.sub[i]);
        if c > 0 || (c == 0 && s > 0) {
            owed_cents += c;
            owed_sub += s;
            owing_lines += 1;
            weights.push(c * ledger.cent + s);
            caps.push(c);
        } else {
            weights.push(0);
            caps.push(0);
        }
    }
    // Whole cents owed by the eligible lines, and by the order.
    let owed = (owed_cents + ledger.cents(owed_sub)) * ledger.cent;
    let mut take = piece.max.min(owed).min(ledger.floor_cent(pos.total));
    if let (Some((r, uncapped)), true) = (piece.ratio, pos.ratio_base < pos.ratio_base_start) {
        // `max` holds the cap on the starting base; a discount coupon has lowered it since.
        let base = ledger.amount(pos.ratio_base.max(0))?;
        let cap = ledger.units(base.checked_mul_floor(r, 2)?)? + uncapped;
        take = take.min(ledger.floor_cent(cap));
    }
    if take <= 0 {
        return Ok(0);
    }
    if piece.cuts_base {
        pos.ratio_base -= take;
    }
    let take_cents = ledger.cents(take);
    let mut record = |pos: &mut Position, i: usize, cents: i128| {
        pos.cents[i] -= cents;
        if let Some(parts) = parts.as_deref_mut() {
            parts.push((i, cents * ledger.cent));
        }
    };
    if owing_lines == 1 || (take_cents == owed_cents && owed_sub == 0) {
        // One line owes, or the coupon pays every owing line in full: nothing to split.
        for &i in piece.lines {
            let (c, s) = (pos.cents[i], pos.sub[i]);
            if c > 0 || (c == 0 && s > 0) {
                record(pos, i, if owing_lines == 1 { take_cents } else { c });
            }
        }
    } else {
        // The weights are the owing lines' units, summed above.
        let sum = owed_cents * ledger.cent + owed_sub;
        split_into(take_cents, weights, sum, Some(caps), cents, order)?;
        for (&i, &c) in piece.lines.iter().zip(cents.iter()) {
            if c != 0 {
                record(pos, i, c);
            }
        }
    }
    pos.total -= take;
    Ok(take)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Amount {
        Amount::parse(s).unwrap()
    }

    fn position(ledger: &Ledger, amounts: &[&str]) -> Position {
        let units: Vec<i128> = amounts
            .iter()
            .map(|s| ledger.units(a(s)).unwrap())
            .collect();
        Position::new(ledger, &units)
    }

    #[test]
    fn a_coupon_spreads_over_its_lines_and_later_ones_see_the_rest() {
        let amounts = [a("60"), a("40"), a("28.3305")];
        let ledger = Ledger::for_amounts(amounts).unwrap();
        assert_eq!(ledger.cent(), 100);
        let mut pos = position(&ledger, &["60", "40", "28.3305"]);
        let mut parts = Vec::new();
        let all = [0, 1, 2];
        let took = apply(
            &ledger,
            Piece {
                lines: &all,
                max: ledger.units(a("50")).unwrap(),
                ratio: None,
                cuts_base: false,
            },
            &mut pos,
            &mut Scratch::default(),
            Some(&mut parts),
        )
        .unwrap();
        assert_eq!(ledger.amount(took).unwrap().to_string(), "50");
        let shares: Vec<String> = parts
            .iter()
            .map(|(_, u)| ledger.amount(*u).unwrap().to_string())
            .collect();
        // 50 × (60, 40, 28.3305) / 128.3305 = 23.377…, 15.584…, 11.037… → 23.38, 15.58, 11.04.
        assert_eq!(shares, ["23.38", "15.58", "11.04"]);
        // A coupon on line 1 only sees what line 1 still owes.
        let took = apply(
            &ledger,
            Piece {
                lines: &[1],
                max: ledger.units(a("100")).unwrap(),
                ratio: None,
                cuts_base: false,
            },
            &mut pos,
            &mut Scratch::default(),
            None,
        )
        .unwrap();
        assert_eq!(ledger.amount(took).unwrap().to_string(), "24.42");
        assert_eq!(ledger.amount(pos.total).unwrap().to_string(), "53.9105");
    }

    #[test]
    fn never_more_than_whole_cents_owed() {
        let amounts = [a("0.005"), a("0.005")];
        let ledger = Ledger::for_amounts(amounts).unwrap();
        let mut pos = position(&ledger, &["0.005", "0.005"]);
        let took = apply(
            &ledger,
            Piece {
                lines: &[0, 1],
                max: ledger.units(a("5")).unwrap(),
                ratio: None,
                cuts_base: false,
            },
            &mut pos,
            &mut Scratch::default(),
            None,
        )
        .unwrap();
        // 0.01 is owed in total: one whole cent, taken from the first line.
        assert_eq!(ledger.amount(took).unwrap().to_string(), "0.01");
        assert_eq!(pos.total, 0);
        let took = apply(
            &ledger,
            Piece {
                lines: &[1],
                max: ledger.units(a("5")).unwrap(),
                ratio: None,
                cuts_base: false,
            },
            &mut pos,
            &mut Scratch::default(),
            None,
        )
        .unwrap();
        assert_eq!(took, 0);
    }
}
