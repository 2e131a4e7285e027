//! How much a coupon may take: `maxDeductionRatio` (cap on the order total), `usageTimes`
//! (repeat use) and `isRebate` (reporting only), and [`max_deduction`].

use super::{BadValue, LimitKey, flag, ratio, value1};
use crate::coupons::model::{CouponKind, UseLimit};
use crate::coupons::order::{ChargingMode, Line, Order};
use crate::coupons::policy::{Policy, RatioBase};
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

/// The most the coupon can take from the order: `available`, capped by the `eligible` payable
/// amount and by `maxDeductionRatio` × the order total, floored to the cent.
///
/// The ratio's base is the order total after discount (or the list-price total, by policy).
/// On-demand consumption is not subject to the ratio (partner console), so on-demand lines
/// add their eligible amount to the cap uncapped.
pub fn max_deduction(
    available: Amount,
    eligible: &[&Line],
    order: &Order,
    params: &CouponParams,
    policy: &Policy,
) -> Result<Amount, AmountError> {
    let mut eligible_sum = Amount::ZERO;
    let mut on_demand_sum = Amount::ZERO;
    for line in eligible {
        eligible_sum = eligible_sum.checked_add(line.payable())?;
        if line.charging_mode(order) == ChargingMode::OnDemand {
            on_demand_sum = on_demand_sum.checked_add(line.payable())?;
        }
    }
    let mut cap = available.min(eligible_sum);
    if let Some(r) = params.max_deduction_ratio {
        let mut base = Amount::ZERO;
        for line in &order.lines {
            if line.charging_mode(order) != ChargingMode::OnDemand {
                let amount = match policy.max_deduction_ratio_base {
                    RatioBase::AfterDiscount => line.payable(),
                    RatioBase::Official => line.official_amount,
                };
                base = base.checked_add(amount)?;
            }
        }
        let ratio_cap = base
            .checked_mul(r)?
            .floor_dp(2)
            .checked_add(on_demand_sum)?;
        cap = cap.min(ratio_cap);
    }
    Ok(cap.floor_dp(2))
}
