//! The combination rules for the coupons of one payment (Policies table, PayOrders):
//!
//! * at most `max_coupons_per_order` coupons (3);
//! * at most `max_cash_coupons_per_order` cash coupons (代金券, 1) per `coupon_group`, unless
//!   the server's `coupon_max_use_quantity` gives the limit for that type and group;
//! * any other `coupon_max_use_quantity` limit the server gives;
//! * one discount coupon (it is the order's discount);
//! * never a cash coupon with a discount coupon (CBC.99003147), unless the policy allows it;
//! * never a discount coupon with a coupon flagged `simultaneousUseWithDiscountCoupon = 0`;
//! * never a KooGallery coupon (group 1) with a 1024 dedicated coupon (group 2, CBC.99003156).
//!
//! Every rule is monotone (adding a coupon never lifts a conflict), so a [`Tally`] of the
//! coupons chosen so far decides whether one more is admitted.

use super::input::MaxUseQuantity;
use crate::coupons::{CouponKind, Policy, Timestamp};

/// Why a requested coupon or discount is not used (its code and messages: `quote::rejection`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RejectCode {
    /// No coupon with this id was given.
    UnknownCoupon,
    /// No discount with this id was given.
    UnknownDiscount,
    /// The coupon is requested twice.
    DuplicateCoupon,
    /// The evaluator rules the coupon out for this order (`reasons` says why).
    CouponNotApplicable,
    /// The evaluator cannot decide the coupon locally (`reasons` says why); a preview does
    /// not count on it.
    CouponIndeterminate,
    /// A product coupon (产品券) or a coupon without a usable kind.
    UnsupportedCouponKind,
    /// More coupons than `max_coupons_per_order`.
    TooManyCoupons,
    /// More cash coupons than `max_cash_coupons_per_order`.
    TooManyCashCoupons,
    /// More coupons of this type and group than the server's `coupon_max_use_quantity`.
    CouponMaxUseQuantity,
    /// A second discount coupon.
    TooManyDiscountCoupons,
    /// A cash coupon and a discount coupon (CBC.99003147).
    CashWithDiscountCoupon,
    /// A discount coupon with a coupon that forbids it (`simultaneousUseWithDiscountCoupon`).
    DiscountCouponNotCombinable,
    /// A KooGallery coupon with a 1024 dedicated coupon (CBC.99003156).
    CouponGroupConflict,
    /// Everything the coupon could cover is already paid by the benefits before it.
    NothingToDeduct,
    /// The discount option does not fit the order (`message` says why).
    DiscountNotApplicable,
    /// A discount PayOrders cannot take (`discount_type` 1 合同折扣, or another code outside
    /// 0 / 2 / 3 / 609).
    DiscountNotPayable,
    /// A 609 order price adjustment is present: it must be used, no other discount.
    OrderAdjustmentMandatory,
}

/// PayOrders takes at most three `coupon_infos` ("目前支持传递最多三个", spec coupons §6.1).
pub const PAY_ORDERS_MAX_COUPONS: usize = 3;

/// The limits of one quote.
#[derive(Debug, Clone)]
pub struct Limits {
    max_total: usize,
    max_cash: u32,
    cash_with_discount_coupon: bool,
    server: Vec<MaxUseQuantity>,
}

impl Limits {
    /// The limits from the policy and the server's quantities.
    pub fn new(policy: &Policy, server: &[MaxUseQuantity]) -> Limits {
        Limits {
            // The policy may lower PayOrders' limit, never raise it (issue 13 item 4).
            max_total: (policy.max_coupons_per_order as usize).min(PAY_ORDERS_MAX_COUPONS),
            max_cash: policy.max_cash_coupons_per_order,
            cash_with_discount_coupon: policy.cash_with_discount_coupon,
            server: server.to_vec(),
        }
    }

    /// The most coupons one payment may use.
    pub fn max_total(&self) -> usize {
        self.max_total
    }

    /// The server's limit for `kind` in `group`, if it gave one.
    fn server_limit(&self, kind: CouponKind, group: i64) -> Option<u32> {
        self.server
            .iter()
            .filter(|q| q.kind == kind && q.coupon_group == group)
            .map(|q| q.use_quantity_value)
            .min()
    }
}

/// What the rules need to know of a coupon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Combinable {
    /// Its kind.
    pub kind: CouponKind,
    /// `coupon_group` (absent = 0).
    pub group: i64,
    /// `simultaneousUseWithDiscountCoupon = 0`.
    pub forbids_discount_coupon: bool,
    /// `expire_time` (for the stacking order and the search's tie-break).
    pub expire_time: Option<Timestamp>,
}

/// The coupons chosen so far, as counters: coupons can be added and removed again (the
/// search walks back up its tree without copying).
#[derive(Debug, Clone, Default)]
pub struct Tally {
    count: usize,
    per_kind_group: Vec<(CouponKind, i64, u32)>,
    cash: u32,
    discount_coupons: u32,
    forbidding: u32,
    group_1: u32,
    group_2: u32,
}

impl Tally {
    /// Whether `c` may join the coupons chosen so far; the rule it breaks otherwise.
    pub fn admits(&self, c: &Combinable, limits: &Limits) -> Result<(), RejectCode> {
        if self.count >= limits.max_total {
            return Err(RejectCode::TooManyCoupons);
        }
        let in_group = self
            .per_kind_group
            .iter()
            .find(|(k, g, _)| *k == c.kind && *g == c.group)
            .map_or(0, |e| e.2);
        match limits.server_limit(c.kind, c.group) {
            Some(limit) if in_group >= limit => return Err(RejectCode::CouponMaxUseQuantity),
            Some(_) => {}
            // The policy's cash limit counts the whole order, unless the server gave cash
            // limits per group: then it stands in for the groups the server left out.
            None if c.kind == CouponKind::CashCoupon => {
                let per_group = limits
                    .server
                    .iter()
                    .any(|q| q.kind == CouponKind::CashCoupon);
                let have = if per_group { in_group } else { self.cash };
                if have >= limits.max_cash {
                    return Err(RejectCode::TooManyCashCoupons);
                }
            }
            None => {}
        }
        let is_dc = c.kind == CouponKind::DiscountCoupon;
        if is_dc && self.discount_coupons > 0 {
            return Err(RejectCode::TooManyDiscountCoupons);
        }
        let cash_and_dc = (is_dc && self.cash > 0)
            || (c.kind == CouponKind::CashCoupon && self.discount_coupons > 0);
        if cash_and_dc && !limits.cash_with_discount_coupon {
            return Err(RejectCode::CashWithDiscountCoupon);
        }
        if (is_dc && self.forbidding > 0)
            || (c.forbids_discount_coupon && self.discount_coupons > 0)
        {
            return Err(RejectCode::DiscountCouponNotCombinable);
        }
        if (c.group == 1 && self.group_2 > 0) || (c.group == 2 && self.group_1 > 0) {
            return Err(RejectCode::CouponGroupConflict);
        }
        Ok(())
    }

    /// Adds `c` (which [`admits`](Self::admits) accepted).
    pub fn add(&mut self, c: &Combinable) {
        self.step(c, 1);
    }

    /// Removes `c`, added before.
    pub fn remove(&mut self, c: &Combinable) {
        self.step(c, -1);
    }

    fn step(&mut self, c: &Combinable, delta: i32) {
        // Wrapping, without a branch: a coupon is only removed after it was added, so no
        // counter ever goes below zero.
        let bump = |n: &mut u32, yes: bool| {
            *n = n.wrapping_add((delta as u32) & u32::from(yes).wrapping_neg());
        };
        match self
            .per_kind_group
            .iter_mut()
            .find(|(k, g, _)| *k == c.kind && *g == c.group)
        {
            Some(e) => bump(&mut e.2, true),
            None if delta > 0 => self.per_kind_group.push((c.kind, c.group, 1)),
            None => {}
        }
        self.count = self.count.wrapping_add_signed(delta as isize);
        bump(&mut self.cash, c.kind == CouponKind::CashCoupon);
        bump(
            &mut self.discount_coupons,
            c.kind == CouponKind::DiscountCoupon,
        );
        bump(&mut self.forbidding, c.forbids_discount_coupon);
        bump(&mut self.group_1, c.group == 1);
        bump(&mut self.group_2, c.group == 2);
    }

    /// How many coupons are chosen.
    pub fn count(&self) -> usize {
        self.count
    }
}

/// Stacking order: discount coupon → cash coupons → flexi-purchase coupons → stored-value
/// cards; within a kind the coupon expiring first goes first (no expiry last), then by id.
pub fn stacking_rank(kind: CouponKind) -> u8 {
    match kind {
        CouponKind::DiscountCoupon => 0,
        CouponKind::CashCoupon => 1,
        CouponKind::FlexiPurchaseCoupon => 2,
        CouponKind::StoredValueCard => 3,
        CouponKind::ProductCoupon => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CouponKind::*;

    fn c(kind: CouponKind, group: i64, forbids: bool) -> Combinable {
        Combinable {
            kind,
            group,
            forbids_discount_coupon: forbids,
            expire_time: None,
        }
    }

    #[test]
    fn removing_undoes_adding() {
        let l = Limits::new(&Policy::default(), &[]);
        let cash = c(CashCoupon, 1, false);
        let dc = c(DiscountCoupon, 0, false);
        let mut t = Tally::default();
        t.add(&cash);
        assert_eq!(t.admits(&dc, &l), Err(RejectCode::CashWithDiscountCoupon));
        assert_eq!(
            t.admits(&c(FlexiPurchaseCoupon, 2, false), &l),
            Err(RejectCode::CouponGroupConflict)
        );
        t.remove(&cash);
        assert_eq!(t.count(), 0);
        assert_eq!(t.admits(&dc, &l), Ok(()));
        assert_eq!(t.admits(&cash, &l), Ok(()));
        assert_eq!(t.admits(&c(FlexiPurchaseCoupon, 2, false), &l), Ok(()));
    }

    fn first_conflict(coupons: &[Combinable], limits: &Limits) -> Option<(usize, RejectCode)> {
        let mut t = Tally::default();
        for (i, x) in coupons.iter().enumerate() {
            if let Err(code) = t.admits(x, limits) {
                return Some((i, code));
            }
            t.add(x);
        }
        None
    }

    #[test]
    fn policy_limits() {
        let l = Limits::new(&Policy::default(), &[]);
        let flexi = c(FlexiPurchaseCoupon, 0, false);
        assert_eq!(
            first_conflict(&[flexi.clone(), flexi.clone(), flexi.clone()], &l),
            None
        );
        assert_eq!(
            first_conflict(
                &[flexi.clone(), flexi.clone(), flexi.clone(), flexi.clone()],
                &l
            ),
            Some((3, RejectCode::TooManyCoupons))
        );
        let cash = c(CashCoupon, 0, false);
        assert_eq!(
            first_conflict(&[cash.clone(), cash.clone()], &l),
            Some((1, RejectCode::TooManyCashCoupons))
        );
        // One cash coupon per order, whatever its group.
        assert_eq!(
            first_conflict(&[cash.clone(), c(CashCoupon, 1, false)], &l),
            Some((1, RejectCode::TooManyCashCoupons))
        );
        let dc = c(DiscountCoupon, 0, false);
        assert_eq!(
            first_conflict(&[cash.clone(), dc.clone()], &l),
            Some((1, RejectCode::CashWithDiscountCoupon))
        );
        assert_eq!(
            first_conflict(&[dc.clone(), cash.clone()], &l),
            Some((1, RejectCode::CashWithDiscountCoupon))
        );
        assert_eq!(
            first_conflict(&[dc.clone(), dc.clone()], &l),
            Some((1, RejectCode::TooManyDiscountCoupons))
        );
        assert_eq!(
            first_conflict(&[c(FlexiPurchaseCoupon, 0, true), dc.clone()], &l),
            Some((1, RejectCode::DiscountCouponNotCombinable))
        );
        assert_eq!(
            first_conflict(&[dc.clone(), c(FlexiPurchaseCoupon, 0, true)], &l),
            Some((1, RejectCode::DiscountCouponNotCombinable))
        );
        assert_eq!(
            first_conflict(
                &[c(FlexiPurchaseCoupon, 1, false), c(CashCoupon, 2, false)],
                &l
            ),
            Some((1, RejectCode::CouponGroupConflict))
        );
        let relaxed = Limits::new(
            &Policy {
                cash_with_discount_coupon: true,
                max_coupons_per_order: 5,
                max_cash_coupons_per_order: 2,
                ..Policy::default()
            },
            &[],
        );
        assert_eq!(
            first_conflict(&[cash.clone(), cash.clone(), dc.clone()], &relaxed),
            None
        );
    }

    #[test]
    fn server_quantities_win_for_their_type_and_group() {
        let server = [
            MaxUseQuantity {
                kind: CashCoupon,
                coupon_group: 0,
                use_quantity_value: 2,
            },
            MaxUseQuantity {
                kind: FlexiPurchaseCoupon,
                coupon_group: 0,
                use_quantity_value: 1,
            },
        ];
        let l = Limits::new(&Policy::default(), &server);
        let cash = c(CashCoupon, 0, false);
        assert_eq!(first_conflict(&[cash.clone(), cash.clone()], &l), None);
        assert_eq!(
            first_conflict(&[cash.clone(), cash.clone(), cash.clone()], &l),
            Some((2, RejectCode::CouponMaxUseQuantity))
        );
        let flexi = c(FlexiPurchaseCoupon, 0, false);
        assert_eq!(
            first_conflict(&[flexi.clone(), flexi.clone()], &l),
            Some((1, RejectCode::CouponMaxUseQuantity))
        );
    }
}
