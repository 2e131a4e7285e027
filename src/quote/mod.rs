//! Line pricing, the stacking order, allocation to lines and the best-combination search.
//!
//! [`quote`] prices an order the way BSS charges it:
//!
//! 1. lines: `official_amount`, or priced from list prices ([`pricing`]);
//! 2. one discount: a 609 price adjustment when present (mandatory), else the one asked
//!    for, else the selection rules of [`crate::discounts`] — or a discount coupon instead;
//! 3. coupons, each checked by [`crate::coupons::evaluate_coupon`] against the order *with*
//!    the discount (flags, `minConsumeDiscount`, `baseValue` on the discounted amounts), then
//!    combined under [`rules`], then deducted in the stacking order ([`stack`]): discount
//!    coupon → cash coupon → flexi-purchase coupons → stored-value cards;
//! 4. the payable amount truncated to the cent, paid by cash, then credit, then `unpaid`;
//! 5. every order-level amount spread over the lines by largest remainder
//!    ([`allocation`](crate::allocation)), so each column of `lines` sums exactly to its total.
//!
//! With `selection: "best"` the combination is found by [`search`].

pub mod build;
mod error;
pub mod explain;
pub mod input;
pub mod pay_request;
pub mod pricing;
mod rejection;
pub mod rules;
pub mod search;
mod sorting;
pub mod stack;
pub mod wallet;

pub use build::{Alternative, Quote, QuoteLine, Rejection};
pub use error::QuoteError;
pub use explain::Columns;
pub use input::{DiscountRequest, QuoteInput, QuoteOptions, Selection};
pub use pay_request::{PayItem, PayRequest};
pub use pricing::{ChargingMode, LinePrice, LinePriceInput, price_line};

use crate::codes::catalog::{Detail, details};
use crate::coupons::evaluate::{Matched, OrderFacts, evaluate_matched, match_compiled};
use crate::coupons::limits::Rules;
use crate::coupons::order::ChargingMode as LineMode;
use crate::coupons::policy::RatioBase;
use crate::coupons::{
    Coupon, CouponKind, DiscountKind, DiscountLine, EvalOptions, Order, OrderDiscount, Status,
    Verdict,
};
use crate::discounts::{
    AppliedDiscount, ApplyError, LineIndex, LineRef, SelectionRule, choose, pay_discount_type,
};
use crate::json::write::WriteJson;
use crate::money::Amount;
use build::{Settled, payment, quote_discount, settle};
use rules::{Combinable, Limits, RejectCode, Tally, stacking_rank};
use search::{Candidate, Context, Found, Funds, Wallet};
use stack::{Ledger, Position};

/// `quote` on JSON text: input and options in, the quote out. `default_now` fills
/// `input.now` when absent (the JS binding passes the current time).
pub fn quote_json(
    input: &str,
    opts: &str,
    default_now: Option<&str>,
) -> Result<String, QuoteError> {
    use crate::limits::{MAX_INPUT_BYTES, MAX_OPTIONS_BYTES, check_text};
    check_text("input", input, MAX_INPUT_BYTES)?;
    check_text("opts", opts, MAX_OPTIONS_BYTES)?;
    let input = QuoteInput::from_json(input, default_now)?;
    let opts = QuoteOptions::from_value(&crate::discounts::wire::tree(opts)?)?;
    let quote = quote(&input, &opts)?;
    Ok(quote.to_json())
}

/// Prices `input` under `opts`.
pub fn quote(input: &QuoteInput, opts: &QuoteOptions) -> Result<Quote, QuoteError> {
    quote_order(
        input,
        &Fixed::new(input, opts),
        &input.order,
        &input.selection,
    )
}

/// Prices `order` with the wallet `input` (its coupons, discounts, balances; `input.order` and
/// `input.selection` are not read) and its order-independent facts `fixed`: the one path of
/// [`quote`] and of [`wallet::Wallet::quote`].
fn quote_order(
    input: &QuoteInput,
    fixed: &Fixed,
    order: &Order,
    selection: &Selection,
) -> Result<Quote, QuoteError> {
    let prep = Prep::new(input, fixed, order)?;
    match selection {
        Selection::Default => prep.explicit(&DiscountRequest::Default, &[]),
        Selection::Explicit {
            discount,
            coupon_ids,
        } => prep.explicit(discount, coupon_ids),
        Selection::Best => prep.best(),
    }
}

/// Appends a rejection: one out-of-line body for every site (an inlined push is a copy each).
#[inline(never)]
fn reject(rejected: &mut Vec<Rejection>, id: &str, code: RejectCode, detail: Option<&Detail>) {
    rejected.push(Rejection::new(id, code, detail));
}

/// Cold and out of line: the message formatting is not copied into every caller.
#[cold]
#[inline(never)]
fn coupon_error(e: crate::coupons::CouponError) -> QuoteError {
    match e {
        crate::coupons::CouponError::Amount(a) => QuoteError::Amount(a),
        other => error::invalid_with("order", &other),
    }
}

/// What a wallet's quotes share whatever the order: read once per wallet.
struct Fixed {
    opts: QuoteOptions,
    eval: EvalOptions,
    limits: Limits,
    /// Per coupon: the rank of its id among all coupon ids.
    coupon_ranks: Vec<u32>,
    /// Per coupon: whether an earlier coupon has the same id.
    duplicate: Vec<bool>,
    /// Per discount option: the rank of its id among the discount ids.
    discount_ranks: Vec<u32>,
    /// Per coupon: its `use_limits` compiled (they depend on the policy only).
    rules: Vec<Rules<'static>>,
}

impl Fixed {
    fn new(input: &QuoteInput, opts: &QuoteOptions) -> Fixed {
        // A wallet merged from several lists may carry one coupon several times: BSS takes
        // each id once (issue 13 item 3), so only the first copy is a candidate.
        let (coupon_ranks, duplicate) = ranks(&mut input.coupons.iter().map(Coupon::id));
        let mut rules = Vec::with_capacity(input.coupons.len());
        for c in &input.coupons {
            rules.push(crate::coupons::limits::compile(c, &opts.policy).into_owned());
        }
        Fixed {
            duplicate,
            coupon_ranks,
            discount_ranks: ranks(&mut input.discounts.iter().map(|d| d.discount_id.as_str())).0,
            eval: EvalOptions {
                now: input.now,
                policy: opts.policy.clone(),
            },
            limits: Limits::new(&opts.policy, &input.coupon_max_use_quantity),
            rules,
            opts: opts.clone(),
        }
    }
}

/// What every selection needs: the discounts applied to the lines, the limits.
struct Prep<'a> {
    input: &'a QuoteInput,
    order: &'a Order,
    opts: &'a QuoteOptions,
    fixed: &'a Fixed,
    /// Per discount option: applied, or why not.
    applied: Vec<Result<AppliedDiscount, (RejectCode, Detail)>>,
    /// The first applicable 609 adjustment.
    mandatory: Option<usize>,
}

/// The `discount_infos[].type` codes PayOrders (v3) accepts (spec coupons §7); the same set
/// our client's `payOrders` validation enforces (`src/api/operation.rs` DISCOUNT_INFO).
const PAYABLE_DISCOUNT_TYPES: [i64; 4] = [0, 2, 3, 609];

/// One discount context, ready for the stack.
struct Prepared {
    discount: Option<usize>,
    context: Context,
}

impl<'a> Prep<'a> {
    fn new(
        input: &'a QuoteInput,
        fixed: &'a Fixed,
        order: &'a Order,
    ) -> Result<Prep<'a>, QuoteError> {
        let opts = &fixed.opts;
        let policy = &opts.policy;
        let mut refs: Vec<LineRef<'_>> = Vec::with_capacity(order.lines.len());
        for l in &order.lines {
            refs.push(LineRef {
                id: &l.id,
                official_amount: l.official_amount,
            });
        }
        let index = LineIndex::new(&refs);
        let mut applied = Vec::with_capacity(input.discounts.len());
        for option in &input.discounts {
            applied.push(match option.apply_indexed(&refs, &index, policy) {
                Ok(d)
                    if d.discount_type
                        .and_then(|t| u16::try_from(t).ok())
                        .is_none() =>
                {
                    Err((
                        RejectCode::DiscountNotApplicable,
                        Detail::new(details::DISCOUNT_TYPE_MISSING, &[]),
                    ))
                }
                // A discount PayOrders cannot take (v3 `discount_infos[].type` is 0, 2, 3 or
                // 609; ListOrderDiscounts also lists 1 合同折扣): a quote never builds a body
                // BSS or our own `payOrders` refuses (issue 13 item 4).
                Ok(d)
                    if !d.discount_type.is_some_and(|t| {
                        PAYABLE_DISCOUNT_TYPES.contains(&pay_discount_type(t))
                    }) =>
                {
                    Err((
                        RejectCode::DiscountNotPayable,
                        Detail::new(details::TYPE_NOT_PAYABLE, &[]),
                    ))
                }
                Ok(d) => Ok(d),
                Err(ApplyError::Inapplicable(why)) => Err((RejectCode::DiscountNotApplicable, why)),
                Err(ApplyError::Amount(e)) => return Err(e.into()),
            });
        }
        let mandatory = applied
            .iter()
            .position(|a| matches!(a, Ok(d) if d.kind == DiscountKind::OrderAdjustment));
        Ok(Prep {
            input,
            order,
            opts,
            fixed,
            applied,
            mandatory,
        })
    }

    /// The applied discount `index` (out of line: one body for its six callers).
    #[inline(never)]
    fn discount(&self, index: Option<usize>) -> Option<&AppliedDiscount> {
        index
            .and_then(|i| self.applied.get(i))
            .and_then(|a| a.as_ref().ok())
    }

    fn official_total(&self) -> Result<Amount, QuoteError> {
        let mut total = Amount::ZERO;
        for line in &self.order.lines {
            total = total.checked_add(line.official_amount)?;
        }
        Ok(total)
    }

    fn find_discount(&self, id: &str) -> Option<usize> {
        self.input
            .discounts
            .iter()
            .position(|d| d.discount_id == id)
    }

    fn find_coupon(&self, id: &str) -> Option<usize> {
        self.input.coupons.iter().position(|c| c.id() == id)
    }

    /// Sets `order` (a copy of the input order) to what a coupon sees under the discount
    /// `index`: line amounts, pay ratios and the order's discount.
    fn set_context(&self, order: &mut Order, index: Option<usize>) -> Result<(), QuoteError> {
        let d = self.discount(index);
        let mut covered = Vec::with_capacity(d.map_or(0, |_| order.lines.len()));
        for (i, line) in order.lines.iter_mut().enumerate() {
            line.amount = None;
            line.discount_ratio = None;
            if let Some(ld) = d.map(|d| &d.lines[i]).filter(|ld| ld.covered) {
                line.amount = Some(line.official_amount.checked_sub(ld.discount_amount)?);
                line.discount_ratio = Some(ld.discount_ratio);
                covered.push(DiscountLine {
                    id: line.id.clone(),
                    discount_ratio: ld.discount_ratio,
                });
            }
        }
        order.discount = d.map(|d| OrderDiscount {
            discount_id: Some(d.discount_id.clone()),
            discount_type: d
                .discount_type
                .and_then(|t| u16::try_from(t).ok())
                .unwrap_or_default(),
            lines: covered,
        });
        Ok(())
    }

    /// The context of discount `index` with the coupons `chosen` (verdicts given) as
    /// candidates in stacking order (`chosen` is sorted into it).
    fn prepare(
        &self,
        index: Option<usize>,
        order: &Order,
        chosen: &mut [(usize, &Verdict)],
    ) -> Result<Prepared, QuoteError> {
        // The lines' amounts after the discount, read twice rather than collected.
        let ledger = Ledger::for_amounts(order.lines.iter().map(|l| l.payable()))?;
        let mut units = Vec::with_capacity(order.lines.len());
        for l in &order.lines {
            units.push(ledger.units(l.payable())?);
        }
        // The ratio caps' base: the period and one-time lines after the discount (policy
        // `max_deduction_ratio_base`); a discount coupon lowers it as it applies.
        let ratio_base = self.opts.policy.max_deduction_ratio_base;
        let after_discount = ratio_base != RatioBase::Official;
        let mut base = 0i128;
        for (line, u) in order.lines.iter().zip(&units) {
            if line.charging_mode(order) != LineMode::OnDemand {
                base += match after_discount {
                    true => *u,
                    false => ledger.units(line.official_amount)?,
                };
            }
        }
        let start = Position::new(&ledger, &units).with_ratio_base(base);
        // Stacking order; within a kind the coupon expiring first (no expiry last), then by id
        // (its rank: the same order; the sort is stable: equal ids keep the input order).
        // The chosen pairs are sorted, not the candidates built from them (a swap of a pair
        // is no copy of a candidate).
        let rank = |&(k, v): &(usize, &Verdict)| {
            let rules = combinable(&self.input.coupons[k], v);
            let expiry = rules.expire_time.map_or(i64::MAX, |t| t.millis());
            (
                stacking_rank(rules.kind),
                expiry,
                self.fixed.coupon_ranks[k],
            )
        };
        sorting::sort_by(chosen, |a, b| rank(a) < rank(b));
        let mut candidates = Vec::with_capacity(chosen.len());
        for &(k, v) in chosen.iter() {
            let coupon = &self.input.coupons[k];
            if let Some(mut c) = candidate(k, coupon, v, (order, &units), &ledger, ratio_base)? {
                c.rank = self.fixed.coupon_ranks[k];
                candidates.push(c);
            }
        }
        Ok(Prepared {
            discount: index,
            context: Context {
                discount_id: self.discount(index).map(|d| d.discount_id.clone()),
                discount_rank: index.map(|i| self.fixed.discount_ranks[i]),
                ledger,
                start,
                candidates,
            },
        })
    }

    /// Coupon `k`'s verdict in the context `order` (a [`context_copy`] of the order).
    fn verdict(&self, order: &Order, k: usize) -> Result<Verdict, QuoteError> {
        let (coupon, eval) = (&self.input.coupons[k], &self.fixed.eval);
        // The line matching reads the lines' texts: on the order itself.
        let mut m = match_compiled(self.order, coupon, eval, &self.fixed.rules[k]);
        self.judge(order, k, &mut m, true)
    }

    /// Coupon `k`'s verdict in the context `order` from its context-free part `m` (with
    /// every reason or not): one body for the explicit selection and the search's rejections.
    #[inline(never)]
    fn judge(
        &self,
        order: &Order,
        k: usize,
        m: &mut Matched<'_>,
        all_reasons: bool,
    ) -> Result<Verdict, QuoteError> {
        let (coupon, eval) = (&self.input.coupons[k], &self.fixed.eval);
        let facts = OrderFacts::of(order, eval).map_err(coupon_error)?;
        evaluate_matched(order, &facts, coupon, eval, m, all_reasons).map_err(coupon_error)
    }

    /// Every coupon's verdict in one discount context, from the coupons' context-free parts
    /// `matched`: the order's facts computed once. Without `all_reasons` the verdicts serve
    /// the search only (status, amounts), not a rejection, and a coupon no context can use
    /// (`None`) is not judged at all.
    fn verdicts(
        &self,
        order: &Order,
        matched: &mut [Matched<'_>],
        all_reasons: bool,
    ) -> Result<Vec<Option<Verdict>>, QuoteError> {
        let facts = OrderFacts::of(order, &self.fixed.eval).map_err(coupon_error)?;
        let mut out = Vec::with_capacity(matched.len());
        for (c, m) in self.input.coupons.iter().zip(matched.iter_mut()) {
            out.push(match all_reasons || m.may_apply() {
                true => Some(
                    evaluate_matched(order, &facts, c, &self.fixed.eval, m, all_reasons)
                        .map_err(coupon_error)?,
                ),
                false => None,
            });
        }
        Ok(out)
    }

    /// An explicit selection (or the default one).
    fn explicit(
        &self,
        request: &DiscountRequest,
        coupon_ids: &[String],
    ) -> Result<Quote, QuoteError> {
        let mut rejected = Vec::new();
        let (index, rule) = self.requested_discount(request, &mut rejected);
        self.reject_failed_adjustments(&mut rejected);
        let mut order = context_copy(self.order);
        self.set_context(&mut order, index)?;
        let (_, repeated) = ranks(&mut coupon_ids.iter().map(String::as_str));
        let mut tally = Tally::default();
        let mut verdicts: Vec<(usize, Verdict)> = Vec::new();
        for (id, &repeated) in coupon_ids.iter().zip(&repeated) {
            if repeated {
                reject(&mut rejected, id, RejectCode::DuplicateCoupon, None);
                continue;
            }
            let Some(k) = self.find_coupon(id) else {
                reject(&mut rejected, id, RejectCode::UnknownCoupon, None);
                continue;
            };
            let mut v = self.verdict(&order, k)?;
            if let Some(r) = unusable(&mut v, id) {
                rejected.push(r);
                continue;
            }
            let rules = combinable(&self.input.coupons[k], &v);
            match tally.admits(&rules, &self.fixed.limits) {
                Ok(()) => {
                    tally.add(&rules);
                    verdicts.push((k, v));
                }
                Err(code) => reject(&mut rejected, id, code, None),
            }
        }
        let mut chosen: Vec<(usize, &Verdict)> = Vec::with_capacity(verdicts.len());
        for (k, v) in &verdicts {
            chosen.push((*k, v));
        }
        let prepared = self.prepare(index, &order, &mut chosen)?;
        let mut picks: Vec<usize> = Vec::with_capacity(prepared.context.candidates.len());
        for k in 0..prepared.context.candidates.len() {
            picks.push(k);
        }
        let (quote, idle) = self.assemble(&prepared, &picks, rule, rejected)?;
        Ok(with_idle(quote, &prepared, &idle, &self.input.coupons))
    }

    /// A 609 price adjustment is mandatory (spec §6.2): one that cannot be applied is
    /// reported whatever the selection, never dropped silently (issue 13 item 8).
    fn reject_failed_adjustments(&self, rejected: &mut Vec<Rejection>) {
        for (option, a) in self.input.discounts.iter().zip(&self.applied) {
            let adjustment = crate::discounts::kind_of(option.discount_type, &self.opts.policy)
                == DiscountKind::OrderAdjustment;
            if let (true, Err((code, why))) = (adjustment, a) {
                if !rejected.iter().any(|r| r.id == option.discount_id) {
                    reject(rejected, &option.discount_id, *code, Some(why));
                }
            }
        }
    }

    /// Which discount an explicit selection uses, and the rule that decided.
    fn requested_discount(
        &self,
        request: &DiscountRequest,
        rejected: &mut Vec<Rejection>,
    ) -> (Option<usize>, SelectionRule) {
        if let Some(m) = self.mandatory {
            if let DiscountRequest::Id(id) = request {
                if self.input.discounts[m].discount_id != *id {
                    let code = match self.find_discount(id) {
                        None => RejectCode::UnknownDiscount,
                        Some(_) => RejectCode::OrderAdjustmentMandatory,
                    };
                    reject(rejected, id, code, None);
                }
            }
            return (Some(m), SelectionRule::OrderAdjustment);
        }
        match request {
            DiscountRequest::None => (None, SelectionRule::NoDiscount),
            DiscountRequest::Id(id) => match self.find_discount(id) {
                None => {
                    reject(rejected, id, RejectCode::UnknownDiscount, None);
                    (None, SelectionRule::NoDiscount)
                }
                Some(i) => match &self.applied[i] {
                    Ok(_) => (Some(i), SelectionRule::Requested),
                    Err((code, why)) => {
                        reject(rejected, id, *code, Some(why));
                        (None, SelectionRule::NoDiscount)
                    }
                },
            },
            DiscountRequest::Default => {
                let mut usable: Vec<usize> = Vec::new();
                let mut options: Vec<&AppliedDiscount> = Vec::new();
                for (i, a) in self.applied.iter().enumerate() {
                    if let Ok(d) = a {
                        usable.push(i);
                        options.push(d);
                    }
                }
                let auto_pay = self.input.auto_pay && self.opts.policy.auto_pay_business_first;
                match choose(&options, auto_pay) {
                    Some((j, rule)) => (usable.get(j).copied(), rule),
                    None => (None, SelectionRule::NoDiscount),
                }
            }
        }
    }

    /// `selection: "best"`.
    fn best(&self) -> Result<Quote, QuoteError> {
        let mut rejected = Vec::new();
        for (i, a) in self.applied.iter().enumerate() {
            let id = &self.input.discounts[i].discount_id;
            match a {
                Err((code, why)) => reject(&mut rejected, id, *code, Some(why)),
                Ok(_) if self.mandatory.is_some_and(|m| m != i) => reject(
                    &mut rejected,
                    id,
                    RejectCode::OrderAdjustmentMandatory,
                    None,
                ),
                Ok(_) => {}
            }
        }
        let mut choices: Vec<Option<usize>> = Vec::new();
        match self.mandatory {
            Some(m) => choices.push(Some(m)),
            None => {
                choices.push(None);
                for (i, a) in self.applied.iter().enumerate() {
                    if a.is_ok() {
                        choices.push(Some(i));
                    }
                }
            }
        }
        let funds = self
            .input
            .balances
            .cash
            .floor_dp(2)
            .checked_add(self.input.balances.credit.floor_dp(2))?;
        let funds = Funds(crate::allocation::units::to_units(funds, 2)?);
        // The most any coupons could take: the largest balances or face values, one per slot;
        // a discount coupon's face value is a ratio, it may take up to the whole list price.
        let official = self.official_total()?;
        let mut values: Vec<Amount> = Vec::with_capacity(self.input.coupons.len());
        for c in &self.input.coupons {
            values.push(match c.kind {
                Some(CouponKind::DiscountCoupon) => official,
                _ => c.balance.max(c.face_value).unwrap_or(Amount::ZERO),
            });
        }
        // The largest first, one slot after another: a few slots need no sort of every value
        // (the first of equal values, as a stable sort takes them).
        let mut most = Amount::ZERO;
        for _ in 0..self.fixed.limits.max_total().min(values.len()) {
            let mut at = 0;
            for (i, v) in values.iter().enumerate() {
                if *v > values[at] {
                    at = i;
                }
            }
            most = most.checked_add(values.remove(at))?;
        }
        // Contexts in the order of the least they could cost: a context whose least cannot
        // beat the fourth-best combination found so far is not evaluated at all.
        let mut ordered: Vec<(usize, i128)> = Vec::with_capacity(choices.len());
        for (c, &index) in choices.iter().enumerate() {
            let saving = self
                .discount(index)
                .map_or(Amount::ZERO, |d| d.discount_amount);
            let least = official
                .checked_sub(saving)?
                .checked_sub(most)?
                .max(Amount::ZERO)
                .floor_dp(2);
            ordered.push((c, crate::allocation::units::to_units(least, 2)?));
        }
        sorting::sort_by(&mut ordered, |a, b| a.1 < b.1);
        let mut order = context_copy(self.order);
        let mut prepared = Vec::with_capacity(choices.len());
        // Pushed, not `vec![None; n]`: that links the clone of verdicts (1 KB of wasm).
        let mut verdicts_of: Vec<Option<Vec<Option<Verdict>>>> = Vec::with_capacity(choices.len());
        for _ in &choices {
            verdicts_of.push(None);
        }
        let mut used_somewhere = vec![false; self.input.coupons.len()];
        let mut found = Found::new();
        let mut walk = search::Walk::default();
        // State, limits and line selection do not depend on the discount: once per coupon.
        let mut matched: Vec<Matched<'_>> = Vec::with_capacity(self.input.coupons.len());
        for (c, r) in self.input.coupons.iter().zip(&self.fixed.rules) {
            matched.push(match_compiled(self.order, c, &self.fixed.eval, r));
        }
        for &(c, least) in &ordered {
            if !found.could_enter(least, funds) {
                continue;
            }
            let index = choices[c];
            self.set_context(&mut order, index)?;
            // Rejections quote the first context's reasons only (see below).
            let verdicts = self.verdicts(&order, &mut matched, c == 0)?;
            let mut chosen: Vec<(usize, &Verdict)> = Vec::with_capacity(verdicts.len());
            for (k, v) in verdicts.iter().enumerate() {
                if let Some(v) = v.as_ref().filter(|v| usable(v) && !self.fixed.duplicate[k]) {
                    chosen.push((k, v));
                }
            }
            let p = self.prepare(index, &order, &mut chosen)?;
            for cand in &p.context.candidates {
                used_somewhere[cand.coupon] |= cand.max > 0;
            }
            search::search_context(
                prepared.len(),
                &p.context,
                &self.fixed.limits,
                funds,
                &mut found,
                &mut walk,
            )?;
            verdicts_of[c] = Some(verdicts);
            prepared.push(p);
        }
        // A coupon is rejected when no context can use it; the contexts the bound skipped
        // are asked about such coupons only.
        for (k, used) in used_somewhere.iter_mut().enumerate() {
            if self.fixed.duplicate[k] {
                let id = self.input.coupons[k].id();
                if !rejected
                    .iter()
                    .any(|r| r.id == id && r.code == RejectCode::DuplicateCoupon)
                {
                    reject(&mut rejected, id, RejectCode::DuplicateCoupon, None);
                }
                continue;
            }
            if *used {
                continue;
            }
            let mut first = None;
            for (c, &index) in choices.iter().enumerate() {
                if first.is_some() && !matched[k].may_apply() {
                    // Ruled out whatever the discount: the first context's verdict says why.
                    break;
                }
                // Each verdict is read once here: taken, not cloned.
                let v = match verdicts_of[c].as_mut().and_then(|vs| vs.get_mut(k)?.take()) {
                    Some(v) => v,
                    None => {
                        self.set_context(&mut order, index)?;
                        // The first context lists the reasons (not moved yet: it was
                        // skipped); the others only tell whether the coupon is used.
                        self.judge(&order, k, &mut matched[k], first.is_none())?
                    }
                };
                *used |= usable(&v) && v.max_deduction > Amount::ZERO;
                first.get_or_insert(v);
            }
            if let (false, Some(mut v)) = (*used, first) {
                let id = self.input.coupons[k].id();
                rejected.push(
                    unusable(&mut v, id)
                        .unwrap_or_else(|| Rejection::new(id, RejectCode::NothingToDeduct, None)),
                );
            }
        }
        let mut kept = found.kept.iter();
        let Some((_, best)) = kept.next() else {
            return Err(QuoteError::invalid("", "the search found no combination"));
        };
        let p = &prepared[best.context];
        let rule = match (self.mandatory, p.discount) {
            (Some(_), _) => SelectionRule::OrderAdjustment,
            (None, Some(_)) => SelectionRule::BestCombination,
            (None, None) => SelectionRule::NoDiscount,
        };
        let (mut quote, _) = self.assemble(p, &best.picks, rule, rejected)?;
        let mut alternatives = Vec::new();
        for (_, combo) in kept {
            let p = &prepared[combo.context];
            let mut s = settle(
                &self.order.lines,
                &self.input.coupons,
                self.discount(p.discount),
                &p.context,
                &combo.picks,
                false,
            )?;
            // The ids taken from the settled coupons (dropped next): no copies.
            let mut coupon_ids = Vec::with_capacity(s.coupons.len());
            for c in &mut s.coupons {
                coupon_ids.push(std::mem::take(&mut c.coupon_id));
            }
            alternatives.push(Alternative {
                discount_id: p.context.discount_id.clone(),
                coupon_ids,
                totals: s.totals,
            });
        }
        quote.alternatives = Some(alternatives);
        quote.search = Some(found.stats);
        Ok(quote)
    }

    /// The quote of `picks` in a prepared context; also the candidates that took nothing.
    fn assemble(
        &self,
        p: &Prepared,
        picks: &[usize],
        rule: SelectionRule,
        rejected: Vec<Rejection>,
    ) -> Result<(Quote, Vec<usize>), QuoteError> {
        let discount = self.discount(p.discount);
        let s = settle(
            &self.order.lines,
            &self.input.coupons,
            discount,
            &p.context,
            picks,
            true,
        )?;
        // The fallible parts first, while the settled parts are still one value (an error
        // then drops it whole, not each part the quote has taken so far).
        let totals = s.totals;
        let amount_after_discount = totals.official_amount.checked_sub(totals.discount_amount)?;
        let payment = payment(totals.payable, &self.input.balances)?;
        let discount_coupon = (s.coupons.iter()).any(|c| c.kind == CouponKind::DiscountCoupon);
        let explain = explain::explain(&totals, discount, rule, discount_coupon);
        let Settled {
            lines,
            coupons,
            pay_items,
            idle,
            ..
        } = s;
        let pay_discount =
            discount.and_then(|d| d.discount_type.map(|t| (d.discount_id.clone(), t)));
        let quote = Quote {
            official_amount: totals.official_amount,
            discount: discount.and_then(quote_discount),
            discount_rule: rule,
            discount_amount: totals.discount_amount,
            amount_after_discount,
            coupons,
            coupon_amount: totals.coupon_amount,
            flexipurchase_coupon_amount: totals.flexipurchase_coupon_amount,
            stored_card_amount: totals.stored_card_amount,
            payable: totals.payable,
            truncated_amount: totals.truncated_amount,
            payment,
            lines,
            rejected,
            pay_request: PayRequest::new(self.order.order_id.clone(), pay_items, pay_discount),
            alternatives: None,
            search: None,
            policy: self.opts.policy.clone(),
            explain,
        };
        Ok((quote, idle))
    }
}

/// Per id: its rank among `ids` in string order (equal ids get equal ranks), and whether an
/// earlier id is the same (as a `HashSet::insert` that fails: equal ids are sorted by
/// position, so the first of them is the earliest). No hash set is linked for the repeats; one body for
/// every kind of id list (`dyn`: called once per quote or wallet).
fn ranks(ids: &mut dyn Iterator<Item = &str>) -> (Vec<u32>, Vec<bool>) {
    let mut sorted: Vec<(&str, usize)> = Vec::new();
    for (i, id) in ids.enumerate() {
        sorted.push((id, i));
    }
    // By id, then by position (a stable sort by id), with the sort of `(&str, usize)` the line
    // index already links (O(n log n), and no insertion sort of its own).
    crate::allocation::sort(&mut sorted);
    let mut out = vec![0; sorted.len()];
    let mut repeated = vec![false; sorted.len()];
    let mut rank = 0u32;
    for (n, &(id, i)) in sorted.iter().enumerate() {
        if n > 0 {
            if sorted[n - 1].0 != id {
                rank += 1;
            } else {
                repeated[i] = true;
            }
        }
        out[i] = rank;
    }
    (out, repeated)
}

/// The copy of `order` that a quote sets to its discount contexts: what the contexts'
/// verdicts read (amounts, charging modes, the order's type and periods), without the lines'
/// texts and purchase history, which only the line matching reads, on the order itself (the
/// full copy's allocations were a fortieth of a wallet's quote, its `Clone` 1 KB of wasm).
fn context_copy(order: &Order) -> Order {
    let mut lines = Vec::with_capacity(order.lines.len());
    for l in &order.lines {
        lines.push(crate::coupons::Line {
            id: String::new(),
            cloud_service_type: String::new(),
            resource_type: None,
            resource_spec: None,
            region: String::new(),
            product_id: None,
            ..*l
        });
    }
    Order {
        order_id: order.order_id.clone(),
        order_type: order.order_type,
        charging_mode: order.charging_mode,
        period_type: order.period_type,
        period_num: order.period_num,
        currency: order.currency.clone(),
        first_order_in_service: None,
        discount: None,
        lines,
    }
}

/// Explicitly requested coupons that took nothing are rejected.
fn with_idle(mut quote: Quote, p: &Prepared, idle: &[usize], coupons: &[Coupon]) -> Quote {
    for &i in idle {
        let id = coupons[p.context.candidates[i].coupon].id();
        reject(&mut quote.rejected, id, RejectCode::NothingToDeduct, None);
    }
    quote
}

/// Whether the stack can use a coupon under its verdict.
fn usable(v: &Verdict) -> bool {
    v.status == Status::Applicable
        && matches!(
            v.kind,
            Some(
                CouponKind::CashCoupon
                    | CouponKind::DiscountCoupon
                    | CouponKind::FlexiPurchaseCoupon
                    | CouponKind::StoredValueCard
            )
        )
}

/// Why coupon `id` cannot be used at all under its verdict (whose reasons move to the
/// rejection).
fn unusable(v: &mut Verdict, id: &str) -> Option<Rejection> {
    let code = match v.status {
        _ if usable(v) => return None,
        Status::NotApplicable => RejectCode::CouponNotApplicable,
        Status::Indeterminate => RejectCode::CouponIndeterminate,
        Status::Applicable => RejectCode::UnsupportedCouponKind,
    };
    // The messages follow the first reason, written only when a view asks for them.
    let r = Rejection::new(id, code, None);
    Some(r.with_reasons(std::mem::take(&mut v.reasons)))
}

fn combinable(coupon: &Coupon, v: &Verdict) -> Combinable {
    Combinable {
        kind: v.kind.unwrap_or(CouponKind::ProductCoupon),
        group: v.params.coupon_group.or(coupon.coupon_group).unwrap_or(0),
        forbids_discount_coupon: v.params.simultaneous_use_with_discount_coupon == Some(false),
        expire_time: coupon.expire_time,
    }
}

/// A usable coupon as a stack candidate (`None` for a kind the stack does not handle).
fn candidate(
    k: usize,
    coupon: &Coupon,
    v: &Verdict,
    (order, units): (&Order, &[i128]),
    ledger: &Ledger,
    ratio_base: RatioBase,
) -> Result<Option<Candidate>, QuoteError> {
    let rules = combinable(coupon, v);
    let kind = rules.kind;
    if kind == CouponKind::ProductCoupon {
        return Ok(None);
    }
    // The on-demand units only a ratio cap reads (`units`: each line's payable).
    let mut on_demand = 0i128;
    if v.params.max_deduction_ratio.is_some() {
        for &i in v.eligible_lines.iter() {
            if order.lines[i].charging_mode(order) == LineMode::OnDemand {
                on_demand += units[i];
            }
        }
    }
    // The fallible parts before the lines are shared: an error has nothing to drop.
    let max = ledger.units(v.max_deduction.floor_dp(2))?;
    Ok(Some(Candidate {
        ratio: v.params.max_deduction_ratio.map(|r| (r, on_demand)),
        // What lowers the base of the caps of the coupons stacked after this one.
        cuts_base: match kind {
            CouponKind::DiscountCoupon => ratio_base != RatioBase::Official,
            CouponKind::CashCoupon => ratio_base == RatioBase::AfterCashCoupon,
            _ => false,
        },
        coupon: k,
        rank: 0,
        rules,
        lines: v.eligible_lines.clone(),
        max,
        wallet: Wallet {
            available: v.available,
            single_use: kind == CouponKind::DiscountCoupon
                || v.params.usage_times == Some(1)
                || coupon.coupon_version == Some(1),
        },
    }))
}

#[cfg(test)]
mod tests {
    /// Ranks follow string order; repeats are what a `HashSet` filled in order refuses.
    #[test]
    fn ranks_and_repeats_as_a_sort_and_a_hash_set() {
        let ids = ["c2", "a", "c2", "", "b", "a", "中", "c2", ""];
        let (ranks, repeated) = super::ranks(&mut ids.iter().copied());
        let mut distinct: Vec<&str> = ids.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        let mut seen = std::collections::HashSet::new();
        for (i, id) in ids.iter().enumerate() {
            let rank = distinct.iter().position(|d| d == id).unwrap();
            assert_eq!(ranks[i] as usize, rank, "{id:?}");
            assert_eq!(repeated[i], !seen.insert(*id), "{i} {id:?}");
        }
        assert_eq!(super::ranks(&mut [].into_iter()), (vec![], vec![]));
    }
}
