//! How much a coupon may take: `maxDeductionRatio` (cap on the order total), `usageTimes`
//! (repeat use) and `isRebate` (reporting only), and [`max_deduction`].

use super::{BadValue, LimitKey, flag, ratio, value1};
use crate::coupons::model::{CouponKind, UseLimit};
use crate::coupons::verdict::CouponParams;
use crate::money::{Amount, AmountError};

/// Reads one row into `params`. Several `maxDeductionRatio` rows: the lowest wins.
pub(crate) fn parse(
    key: LimitKey,
    row: &UseLimit,
    kind: Option<CouponKind>,
    params: &mut CouponParams,
) -> Result<(), BadValue> {
    match key {
        LimitKey::MaxDeductionRatio => {
            let r = ratio(row, true)?;
            params.max_deduction_ratio =
                Some(params.max_deduction_ratio.map_or(r, |old| old.min(r)));
        }
        LimitKey::IsRebate => params.is_rebate = Some(flag(row)?),
        _ => params.usage_times = Some(usage_times(value1(row), kind)),
    }
    Ok(())
}

/// `usageTimes` as BSS coerces it: a discount coupon is always single-use (1); for cash and
/// flexi-purchase coupons a value other than 0 or 1 becomes 0 (unlimited).
pub fn usage_times(v: &str, kind: Option<CouponKind>) -> u32 {
    if kind == Some(CouponKind::DiscountCoupon) {
        return 1;
    }
    match v.trim() {
        "1" => 1,
        _ => 0,
    }
}

/// What a coupon may cover: the payable sum of its eligible lines, and the on-demand part of it.
#[derive(Debug, Clone, Copy)]
pub struct Eligible {
    /// Payable sum of the eligible lines.
    pub amount: Amount,
    /// The part of `amount` on on-demand lines.
    pub on_demand: Amount,
}

/// The most the coupon can take from the order: `available`, capped by the eligible payable
/// amount and by `maxDeductionRatio` × `ratio_base`, floored to the cent.
///
/// `ratio_base` is the order total the ratio applies to (after discount, or the list-price
/// total, by policy) over the period and one-time lines: on-demand consumption is not subject
/// to the ratio (partner console), so on-demand eligible amounts add to the cap uncapped.
pub fn max_deduction(
    available: Amount,
    eligible: Eligible,
    ratio_base: Amount,
    params: &CouponParams,
) -> Result<Amount, AmountError> {
    let mut cap = available.min(eligible.amount);
    if let Some(r) = params.max_deduction_ratio {
        let ratio_cap = ratio_base
            .checked_mul_floor(r, 2)?
            .checked_add(eligible.on_demand)?;
        cap = cap.min(ratio_cap);
    }
    Ok(cap.floor_dp(2))
}
