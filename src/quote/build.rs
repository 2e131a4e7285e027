//! The quote a storefront shows: totals, lines that sum exactly to them, the coupons used,
//! what was rejected and why, and the PayOrders body.

use super::error::QuoteError;
use super::explain::Columns;
use super::input::Balances;
use super::pay_request::{PayItem, PayRequest};
use super::rules::RejectCode;
use super::search::{Candidate, Context, SearchStats};
use super::stack::{Ledger, Position, Scratch, apply};
use crate::allocation::allocate_into;
use crate::codes::catalog::Detail;
use crate::coupons::verdict::{Messages, Money, Reasons};
use crate::coupons::{Coupon, CouponKind, DiscountKind, Line, Policy, Reason};
use crate::discounts::{AmountSource, AppliedDiscount, SelectionRule};
use crate::json::write::{self, Object, WriteJson};
use crate::money::Amount;

/// The price preview of one order and one choice of discount and coupons. Written as
/// [`QuoteView`] writes it with [`View::FULL`] (one writer for both forms).
#[derive(Debug, Clone)]
pub struct Quote {
    /// List price of the order.
    pub official_amount: Amount,
    /// The discount applied (`null`: none, or a discount coupon instead).
    pub discount: Option<QuoteDiscount>,
    /// How the discount was chosen.
    pub discount_rule: SelectionRule,
    /// Saving of the discount stage: the discount, or the discount coupon.
    pub discount_amount: Amount,
    /// `official_amount − discount_amount`: payable before coupons and cards.
    pub amount_after_discount: Amount,
    /// The coupons used, in stacking order.
    pub coupons: Vec<UsedCoupon>,
    /// Cash coupons (代金券).
    pub coupon_amount: Amount,
    /// Flexi-purchase coupons (现金券).
    pub flexipurchase_coupon_amount: Amount,
    /// Stored-value cards (储值卡).
    pub stored_card_amount: Amount,
    /// What is left to pay, truncated to the cent.
    pub payable: Amount,
    /// The digits below the cent cut from the payable amount (抹零).
    pub truncated_amount: Amount,
    /// How the payable amount is paid: cash balance, then credit, then the rest.
    pub payment: Payment,
    /// Per line; every column sums exactly to its total.
    pub lines: Vec<QuoteLine>,
    /// Every requested coupon or discount that is not used, and why.
    pub rejected: Vec<Rejection>,
    /// The PayOrders (v3) body for this choice.
    pub pay_request: PayRequest,
    /// With `selection: "best"`: up to three runners-up, best first.
    pub alternatives: Option<Vec<Alternative>>,
    /// With `selection: "best"`: how much searching it took.
    pub search: Option<SearchStats>,
    /// The policy used.
    pub policy: Policy,
    /// Where each money column came from (compact codes; `explain::describe` renders them).
    pub explain: super::explain::Explain,
}

/// The discount of a quote.
#[derive(Debug, Clone)]
pub struct QuoteDiscount {
    /// Its id.
    pub discount_id: String,
    /// Its `discount_type` code, as given.
    pub discount_type: i64,
    /// Its kind.
    pub kind: DiscountKind,
    /// Its saving.
    pub discount_amount: Amount,
    /// `server`: the saving BSS stated; `computed`: derived from the ratio here; `mixed`.
    pub amount_source: AmountSource,
}

/// A coupon used by a quote.
#[derive(Debug, Clone)]
pub struct UsedCoupon {
    /// Its id.
    pub coupon_id: String,
    /// Its kind.
    pub kind: CouponKind,
    /// What it takes.
    pub deducted: Amount,
    /// What it keeps: balance or face value minus `deducted`; 0 for a single-use coupon.
    pub balance_after: Amount,
}

/// How the payable amount is paid.
#[derive(Debug, Clone)]
pub struct Payment {
    /// From the cash balance.
    pub cash: Amount,
    /// From the credit balance.
    pub credit: Amount,
    /// Not covered by the balances.
    pub unpaid: Amount,
}

/// One line of a quote; its columns sum exactly, over the lines, to the quote's totals.
#[derive(Debug, Clone)]
pub struct QuoteLine {
    /// The line id.
    pub id: String,
    /// Its shares (written as members of the line).
    pub columns: Columns,
}

impl WriteJson for QuoteDiscount {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("discount_id", &self.discount_id)
            .field("discount_type", &self.discount_type)
            .field("kind", &self.kind)
            .field("discount_amount", &Money(self.discount_amount))
            .field("amount_source", &self.amount_source)
            .end();
    }
}

impl WriteJson for UsedCoupon {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("coupon_id", &self.coupon_id)
            .field("kind", &self.kind)
            .field("deducted", &Money(self.deducted))
            .field("balance_after", &Money(self.balance_after))
            .end();
    }
}

impl WriteJson for Payment {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("cash", &Money(self.cash))
            .field("credit", &Money(self.credit))
            .field("unpaid", &Money(self.unpaid))
            .end();
    }
}

impl WriteJson for QuoteLine {
    fn write_json(&self, out: &mut String) {
        let mut o = Object::new(out);
        o.field("id", &self.id);
        self.columns.write_members(&mut o);
        o.end();
    }
}

/// A requested coupon or discount that is not used. Its messages are written from the code,
/// the detail and the first reason when a view asks for them, not when the quote is made.
#[derive(Debug, Clone)]
pub struct Rejection {
    /// The coupon or discount id.
    pub id: String,
    /// Why.
    pub code: RejectCode,
    /// What follows the message (`None`: the first reason's text, if any).
    pub detail: Option<Detail>,
    /// The evaluator's reasons, for coupons it rules out (not written when empty).
    pub reasons: Vec<Reason>,
}

impl WriteJson for Rejection {
    fn write_json(&self, out: &mut String) {
        RejectionView(self, View::FULL).write_json(out);
    }
}

impl Rejection {
    /// A rejection whose message (`codes::catalog`) is followed by `detail`.
    pub fn new(id: &str, code: RejectCode, detail: Option<&Detail>) -> Rejection {
        Rejection {
            id: id.to_owned(),
            code,
            detail: detail.cloned(),
            reasons: Vec::new(),
        }
    }

    /// The rejection with the evaluator's reasons: each message is then followed by the
    /// first reason's text in its language.
    pub fn with_reasons(mut self, reasons: Vec<Reason>) -> Rejection {
        self.reasons = reasons;
        self
    }

    /// Why, in English.
    pub fn message(&self) -> String {
        let base = self.code.messages().0;
        match (&self.detail, self.reasons.first()) {
            (Some(d), _) => format!("{base}: {d}"),
            (None, Some(first)) => format!("{base}: {}", first.message()),
            (None, None) => base.to_owned(),
        }
    }

    /// Why, in Chinese.
    pub fn message_zh(&self) -> String {
        let base = self.code.messages().1;
        match (&self.detail, self.reasons.first()) {
            (Some(d), _) => format!("{base}：{}", d.text(true)),
            (None, Some(first)) => format!("{base}：{}", first.message_zh()),
            (None, None) => base.to_owned(),
        }
    }
}

/// What a written quote carries besides its codes, params and totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct View {
    /// The reasons' (and rejections') messages.
    pub messages: Messages,
    /// `lines`: the per-line breakdown.
    pub lines: bool,
    /// `alternatives`: the runners-up of `selection: "best"`.
    pub alternatives: bool,
    /// `policy`: the policy used.
    pub policy: bool,
    /// `explain`: where each money column came from.
    pub explain: bool,
    /// The rejections' `reasons` (without them, each rejection is its id and code).
    pub reasons: bool,
}

impl View {
    /// Everything: what the one-shot `quote` returns.
    pub const FULL: View = View {
        messages: Messages::Both,
        lines: true,
        alternatives: true,
        policy: true,
        explain: true,
        reasons: true,
    };

    /// Codes, params and totals only: a wallet's default, a few hundred bytes per preview.
    pub const COMPACT: View = View {
        messages: Messages::None,
        lines: false,
        alternatives: false,
        policy: false,
        explain: false,
        reasons: true,
    };
}

/// A [`Quote`] written under a [`View`]; with [`View::FULL`] the same text as the derived form.
#[derive(Debug, Clone, Copy)]
pub struct QuoteView<'a> {
    /// The quote.
    pub quote: &'a Quote,
    /// What to write.
    pub view: View,
}

/// A [`Rejection`] with the messages and reasons of a [`View`].
struct RejectionView<'a>(&'a Rejection, View);

impl WriteJson for RejectionView<'_> {
    fn write_json(&self, out: &mut String) {
        let (r, messages) = (self.0, self.1.messages);
        let mut o = Object::new(out);
        o.field("id", &r.id).field("code", &r.code);
        if messages.en() {
            o.field("message", &r.message());
        }
        if messages.zh() {
            o.field("message_zh", &r.message_zh());
        }
        if self.1.reasons && !r.reasons.is_empty() {
            o.field("reasons", &Reasons(&r.reasons, messages));
        }
        o.end();
    }
}

impl WriteJson for Quote {
    fn write_json(&self, out: &mut String) {
        QuoteView {
            quote: self,
            view: View::FULL,
        }
        .write_json(out);
    }
}

impl QuoteView<'_> {
    /// Writes the quote's members into `o`, which the caller opened and closes (`quoteOrder`
    /// adds its own members after them).
    pub fn write_members(&self, o: &mut Object<'_>) {
        let (q, v) = (self.quote, self.view);
        o.field("official_amount", &Money(q.official_amount))
            .field("discount", &q.discount)
            .field("discount_rule", &q.discount_rule)
            .field("discount_amount", &Money(q.discount_amount))
            .field("amount_after_discount", &Money(q.amount_after_discount))
            .field("coupons", &q.coupons)
            .field("coupon_amount", &Money(q.coupon_amount))
            .field(
                "flexipurchase_coupon_amount",
                &Money(q.flexipurchase_coupon_amount),
            )
            .field("stored_card_amount", &Money(q.stored_card_amount))
            .field("payable", &Money(q.payable))
            .field("truncated_amount", &Money(q.truncated_amount))
            .field("payment", &q.payment);
        if v.lines {
            o.field("lines", &q.lines);
        }
        let rejected = q.rejected.iter().map(|r| RejectionView(r, v));
        write::array(o.key("rejected"), rejected);
        o.field("pay_request", &q.pay_request);
        if v.alternatives {
            o.some("alternatives", q.alternatives.as_ref());
        }
        o.some("search", q.search.as_ref());
        if v.policy {
            o.field("policy", &q.policy);
        }
        if v.explain {
            o.field("explain", &q.explain);
        }
    }
}

impl WriteJson for QuoteView<'_> {
    fn write_json(&self, out: &mut String) {
        let mut o = Object::new(out);
        self.write_members(&mut o);
        o.end();
    }
}

/// A runner-up of the best combination.
#[derive(Debug, Clone)]
pub struct Alternative {
    /// The discount (`null`: none).
    pub discount_id: Option<String>,
    /// The coupons, in stacking order.
    pub coupon_ids: Vec<String>,
    /// Its totals (written as members of the runner-up).
    pub totals: Columns,
}

impl WriteJson for Alternative {
    fn write_json(&self, out: &mut String) {
        let mut o = Object::new(out);
        o.field("discount_id", &self.discount_id)
            .field("coupon_ids", &self.coupon_ids);
        self.totals.write_members(&mut o);
        o.end();
    }
}

/// One settled combination: every column of every line.
pub struct Settled {
    /// Per line: official, discount stage, cash, flexi, card, truncated, payable.
    pub lines: Vec<QuoteLine>,
    /// Coupons with a deduction, in stacking order.
    pub coupons: Vec<UsedCoupon>,
    /// Their PayOrders items.
    pub pay_items: Vec<PayItem>,
    /// Indices (into the context's candidates) of coupons that took nothing.
    pub idle: Vec<usize>,
    /// Totals: the sums of the lines' columns.
    pub totals: Columns,
}

/// Settles `picks` (indices into `ctx.candidates`, stacking order; their ids are those of
/// `wallet_coupons`) on the context's lines; the per-line columns only `with_lines`
/// (runners-up need the totals only).
pub fn settle(
    lines: &[Line],
    wallet_coupons: &[Coupon],
    discount: Option<&AppliedDiscount>,
    ctx: &Context,
    picks: &[usize],
    with_lines: bool,
) -> Result<Settled, QuoteError> {
    let n = lines.len();
    let mut out = Settled {
        lines: Vec::new(),
        coupons: Vec::new(),
        pay_items: Vec::new(),
        idle: Vec::new(),
        totals: Columns::default(),
    };
    let mut work = Work {
        columns: vec![[0i128; 4]; n],
        pos: ctx.start.clone(),
        parts: Vec::with_capacity(n),
        scratch: Scratch::for_lines(n),
        owed: Vec::new(),
        weights: Vec::new(),
        caps: Vec::new(),
        cents: Vec::new(),
        order: Vec::new(),
    };
    let settled = settle_into(
        ctx,
        picks,
        (lines, wallet_coupons),
        discount,
        with_lines,
        &mut out,
        &mut work,
    );
    settled.map(|()| out)
}

/// What [`settle`] works with: owned by its caller, so that no error of [`settle_into`] drops
/// them one by one (each `?` of a function owning them carried their drops).
struct Work {
    /// Per line, in units: discount coupon, cash, flexi, card.
    columns: Vec<[i128; 4]>,
    pos: Position,
    parts: Vec<(usize, i128)>,
    scratch: Scratch,
    owed: Vec<i128>,
    weights: Vec<i128>,
    caps: Vec<i128>,
    /// Per line, the cents of the payable amount.
    cents: Vec<i128>,
    order: Vec<u128>,
}

/// The body of [`settle`], into `s`.
#[inline(never)]
fn settle_into(
    ctx: &Context,
    picks: &[usize],
    (lines, wallet_coupons): (&[Line], &[Coupon]),
    discount: Option<&AppliedDiscount>,
    with_lines: bool,
    s: &mut Settled,
    w: &mut Work,
) -> Result<(), QuoteError> {
    let ledger = &ctx.ledger;
    let n = lines.len();
    for &p in picks {
        let c: &Candidate = &ctx.candidates[p];
        w.parts.clear();
        let took = apply(
            ledger,
            super::search::piece(c),
            &mut w.pos,
            &mut w.scratch,
            Some(&mut w.parts),
        )?;
        if took == 0 {
            s.idle.push(p);
            continue;
        }
        let column = match c.rules.kind {
            CouponKind::DiscountCoupon => 0,
            CouponKind::CashCoupon => 1,
            CouponKind::FlexiPurchaseCoupon => 2,
            _ => 3,
        };
        for &(i, share) in &w.parts {
            w.columns[i][column] += share;
        }
        let deducted = ledger.amount(took)?;
        let wallet = c.wallet;
        let balance_after = if wallet.single_use {
            Amount::ZERO
        } else {
            wallet.available.checked_sub(deducted)?.max(Amount::ZERO)
        };
        let id = wallet_coupons[c.coupon].id();
        s.coupons.push(UsedCoupon {
            coupon_id: id.to_owned(),
            kind: c.rules.kind,
            deducted,
            balance_after,
        });
        // PayOrders items for the quote only (runners-up show totals and ids).
        if let (Some(t), true) = (c.rules.kind.pay_type(), with_lines) {
            s.pay_items.push(PayItem {
                id: id.to_owned(),
                item_type: i64::from(t),
            });
        }
    }
    let pos = &w.pos;
    let payable_units = ledger.floor_cent(pos.total.max(0));
    let mut sums = [0i128; 4];
    for c in &w.columns {
        for (s, v) in sums.iter_mut().zip(c) {
            *s += v;
        }
    }
    let mut official = Amount::ZERO;
    for line in lines {
        official = official.checked_add(line.official_amount)?;
    }
    let option_discount = discount.map_or(Amount::ZERO, |d| d.discount_amount);
    s.totals = columns_of(
        ledger,
        official,
        option_discount,
        sums,
        pos.total - payable_units,
        payable_units,
    )?;
    if with_lines {
        // The payable amount spread over the lines; every column then sums to its total.
        // Sized once (they grew from nothing, a copy per doubling).
        for v in [&mut w.owed, &mut w.weights, &mut w.caps] {
            v.reserve(n);
        }
        for i in 0..n {
            let o = pos.owed(i, ledger);
            w.owed.push(o);
            w.weights.push(o.max(0));
            w.caps.push(ledger.cents(o.max(0)));
        }
        allocate_into(
            ledger.cents(payable_units),
            &w.weights,
            Some(&w.caps),
            &mut w.cents,
            &mut w.order,
        )?;
        s.lines.reserve(n);
        for (i, line) in lines.iter().enumerate() {
            let option_discount = discount.map_or(Amount::ZERO, |d| d.lines[i].discount_amount);
            let payable = w.cents[i] * ledger.cent();
            let columns = columns_of(
                ledger,
                line.official_amount,
                option_discount,
                w.columns[i],
                w.owed[i] - payable,
                payable,
            )?;
            s.lines.push(QuoteLine {
                id: line.id.clone(),
                columns,
            });
        }
    }
    Ok(())
}

/// The columns of a line or of the totals: the option's saving plus the discount coupons', then
/// the coupon columns (`units`: discount coupon, cash, flexi, card), truncated and payable, all
/// in units of `ledger`. One body for the totals and every line.
fn columns_of(
    ledger: &Ledger,
    official_amount: Amount,
    option_discount: Amount,
    units: [i128; 4],
    truncated: i128,
    payable: i128,
) -> Result<Columns, QuoteError> {
    let [dc, cash, flexi, card] = units;
    Ok(Columns {
        official_amount,
        discount_amount: option_discount.checked_add(ledger.amount(dc)?)?,
        coupon_amount: ledger.amount(cash)?,
        flexipurchase_coupon_amount: ledger.amount(flexi)?,
        stored_card_amount: ledger.amount(card)?,
        truncated_amount: ledger.amount(truncated)?,
        payable: ledger.amount(payable)?,
    })
}

/// Cash first, then credit, then unpaid; balances count in whole cents.
pub fn payment(payable: Amount, balances: &Balances) -> Result<Payment, QuoteError> {
    let cash = payable.min(balances.cash.floor_dp(2));
    let rest = payable.checked_sub(cash)?;
    let credit = rest.min(balances.credit.floor_dp(2));
    Ok(Payment {
        cash,
        credit,
        unpaid: rest.checked_sub(credit)?,
    })
}

/// The quote's discount object.
pub fn quote_discount(d: &AppliedDiscount) -> Option<QuoteDiscount> {
    d.discount_type.map(|t| QuoteDiscount {
        discount_id: d.discount_id.clone(),
        discount_type: t,
        kind: d.kind,
        discount_amount: d.discount_amount,
        amount_source: d.amount_source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payment_uses_cash_then_credit() {
        let a = |s: &str| Amount::parse(s).unwrap();
        let p = payment(
            a("100"),
            &Balances {
                cash: a("30.009"),
                credit: a("50"),
            },
        )
        .unwrap();
        assert_eq!(
            (
                p.cash.to_string(),
                p.credit.to_string(),
                p.unpaid.to_string()
            ),
            ("30".into(), "50".into(), "20".into())
        );
        let p = payment(a("10"), &Balances::default()).unwrap();
        assert_eq!(p.unpaid.to_string(), "10");
    }
}
