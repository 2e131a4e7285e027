//! `selection: "best"`: the exact best combination, by branch and bound.
//!
//! A combination is one discount context (no discount, or one discount option) and a set of
//! coupons applicable in it. Combinations are ordered by [`Key`]: the lowest payable amount,
//! then the lowest cash + credit spend, then the fewest coupons, then the one that keeps the
//! longer-lived coupons (its latest-expiring coupon expires first, and so on), then by ids.
//!
//! The search enumerates coupon sets in stacking order, depth first, so each node adds one
//! coupon to its parent's position. A node's descendants owe at least what it owes minus
//! the largest deductions still possible (the biggest `max_deduction`s among the remaining
//! candidates, as many as there are free slots); when even that cannot beat the current
//! fourth-best combination, the branch is cut. Keeping the four best makes the three
//! runners-up exact too.
//!
//! Coupons that are identical in everything but their id and stand next to each other in
//! the stacking order are interchangeable: only the first `max_coupons_per_order` of such a
//! run are searched (the smaller ids, which the tie-break prefers anyway).

use std::cmp::Ordering;

use super::error::QuoteError;
use super::rules::{Combinable, Limits, Tally};
use super::sorting::sort_by;
use super::stack::{Ledger, Piece, Position, Scratch, apply};
use crate::coupons::Timestamp;
use crate::money::Amount;

/// The most search nodes (coupon applications) one quote may spend; beyond it the search
/// stops and reports `exact: false` with the best combination found.
pub const SEARCH_NODE_LIMIT: u64 = 250_000;

/// The most work one quote's search may spend, in line steps: a node costs the lines of the
/// position it copies plus the lines its coupon is spread over. The node count alone does
/// not bound the time (a node costs O(lines)); with this budget the search at the documented
/// limits (1,000 lines) stops after about 4,000 nodes. Past it the search stops with
/// `exact: false` and the best combination found.
pub const SEARCH_WORK_LIMIT: u64 = 8_000_000;

/// How many combinations the search keeps: the best and three runners-up.
pub const KEPT: usize = 4;

/// A coupon the search may use in a context.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Index of the coupon in the input (its id is the coupon's).
    pub coupon: usize,
    /// Its id's rank among all coupon ids (equal ids, equal rank): ids compare as ranks.
    pub rank: u32,
    /// What the combination rules need.
    pub rules: Combinable,
    /// Its eligible lines (indices), shared with its verdicts.
    pub lines: crate::coupons::LineIndexes,
    /// Its `max_deduction` in the context's units.
    pub max: i128,
    /// What it has to give.
    pub wallet: Wallet,
    /// `maxDeductionRatio` and the on-demand part of its eligible amount (in units), which
    /// the ratio does not cap: the cap is taken again on the base a discount coupon left.
    pub ratio: Option<(Amount, i128)>,
    /// A discount coupon: what it takes lowers the base of later coupons' ratio caps.
    pub cuts_base: bool,
}

/// What a coupon has before a payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wallet {
    /// Balance or face value.
    pub available: Amount,
    /// Single use (old-version coupons, discount coupons, `usageTimes` 1): nothing is left
    /// after it is used.
    pub single_use: bool,
}

/// One discount context of the search.
#[derive(Debug, Clone)]
pub struct Context {
    /// The discount id (`None`: no discount).
    pub discount_id: Option<String>,
    /// Its id's rank among the discount ids.
    pub discount_rank: Option<u32>,
    /// The context's units.
    pub ledger: Ledger,
    /// What each line owes after the discount.
    pub start: Position,
    /// Candidates in stacking order.
    pub candidates: Vec<Candidate>,
}

/// A combination found by the search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Combo {
    /// Index of the context.
    pub context: usize,
    /// Indices of the chosen candidates, in stacking order.
    pub picks: Vec<usize>,
}

/// The order of combinations; smaller is better.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    /// Payable amount, in cents.
    pub payable: i128,
    /// Cash + credit spent, in cents.
    pub spend: i128,
    /// Number of coupons.
    pub count: usize,
    /// Expiry times of the coupons, latest first (no expiry = latest of all).
    pub expiry: Vec<i64>,
    /// The discount id's rank (no discount first).
    pub discount: Option<u32>,
    /// The coupon ids' ranks, sorted.
    pub coupons: Vec<u32>,
}

impl Key {
    /// The derived order, out of line: one body for the kept list's two comparisons.
    #[inline(never)]
    fn order(&self, other: &Key) -> Ordering {
        self.cmp(other)
    }
}

/// Search statistics, reported with the quote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SearchStats {
    /// Coupon applications the search made.
    pub nodes: u64,
    /// Whether the whole space was searched (false only past [`SEARCH_NODE_LIMIT`] nodes or
    /// [`SEARCH_WORK_LIMIT`] line steps).
    pub exact: bool,
}

impl crate::json::write::WriteJson for SearchStats {
    fn write_json(&self, out: &mut String) {
        crate::json::write::Object::new(out)
            .field("nodes", &self.nodes)
            .field("exact", &self.exact)
            .end();
    }
}

/// The best combinations found, best first, at most [`KEPT`].
#[derive(Debug)]
pub struct Found {
    /// `(key, combination)`, best first.
    pub kept: Vec<(Key, Combo)>,
    /// Statistics.
    pub stats: SearchStats,
    /// Line steps spent (see [`SEARCH_WORK_LIMIT`]).
    pub work: u64,
    /// The key being offered: its buffers are reused from offer to offer, and a key enters
    /// the kept list in the buffers of the one it pushes out (no allocation per node).
    probe: Key,
}

impl Default for Found {
    fn default() -> Found {
        Found::new()
    }
}

impl Found {
    /// Nothing found yet.
    pub fn new() -> Found {
        Found {
            kept: Vec::new(),
            stats: SearchStats {
                nodes: 0,
                exact: true,
            },
            work: 0,
            probe: Key::default(),
        }
    }

    /// Whether the budget is spent; when it is, the result is marked inexact.
    pub fn out_of_budget(&mut self) -> bool {
        if self.stats.nodes >= SEARCH_NODE_LIMIT || self.work >= SEARCH_WORK_LIMIT {
            self.stats.exact = false;
        }
        !self.stats.exact
    }

    /// Whether a context none of whose combinations pays less than `payable` cents can still
    /// enter the kept list (a context that cannot is not even evaluated).
    pub fn could_enter(&self, payable: i128, funds: Funds) -> bool {
        !self.hopeless(payable, payable.min(funds.0), 0)
    }

    /// Offers the combination `picks` of context `context` under the key in `probe`.
    fn offer(&mut self, context: usize, picks: &[usize]) {
        let key = &self.probe;
        if self.kept.len() == KEPT
            && (self.kept.last()).is_some_and(|(worst, _)| key.order(worst) != Ordering::Less)
        {
            return;
        }
        if (self.kept.iter()).any(|(_, c)| c.context == context && c.picks == picks) {
            return;
        }
        // The worst goes out first (it is behind the new key), its buffers reused.
        let (mut k, mut combo) = match self.kept.len() == KEPT {
            true => self.kept.pop().unwrap_or_default(),
            false => Default::default(),
        };
        // Field by field: a derived `clone_from` would allocate new vectors.
        (k.payable, k.spend, k.count, k.discount) =
            (key.payable, key.spend, key.count, key.discount);
        k.expiry.clone_from(&key.expiry);
        k.coupons.clone_from(&key.coupons);
        combo.context = context;
        combo.picks.clear();
        combo.picks.extend_from_slice(picks);
        // A scan of at most KEPT keys (sorted): as `partition_point`, without its binary
        // search instantiated around the key comparison (1.1 KB of wasm).
        let at = (self.kept.iter())
            .take_while(|(kept, _)| kept.order(&k) == Ordering::Less)
            .count();
        self.kept.insert(at, (k, combo));
    }

    /// Whether a branch whose combinations all have at least this payable, spend and count
    /// can still enter the kept list (out of line: one body for its three callers).
    #[inline(never)]
    fn hopeless(&self, payable: i128, spend: i128, count: usize) -> bool {
        if self.kept.len() < KEPT {
            return false;
        }
        self.kept.last().is_some_and(|(w, _)| {
            (payable, spend, count).cmp(&(w.payable, w.spend, w.count)) == Ordering::Greater
        })
    }
}

/// The cash and credit available, in cents, for the spend criterion.
#[derive(Debug, Clone, Copy)]
pub struct Funds(pub i128);

/// Searches the context numbered `index` (the index [`Combo::context`] reports) and adds its
/// combinations to `found`; `walk` holds the buffers one quote's contexts share.
pub fn search_context(
    index: usize,
    ctx: &Context,
    limits: &Limits,
    funds: Funds,
    found: &mut Found,
    walk: &mut Walk,
) -> Result<(), QuoteError> {
    let run = Run::new(index, ctx, limits, funds);
    // Every depth starts from this context's lines (the sub-cent parts and the ratio base
    // differ from context to context; within one, a child copies the rest from its parent).
    // A walk last used on other lines (another order) starts over: the copies below need the
    // same line count.
    let lines = |p: &Position| (p.cents.len(), p.sub.len());
    if walk.positions.first().map(lines) != Some(lines(&ctx.start)) {
        walk.positions.clear();
        walk.positions.push(ctx.start.clone());
    }
    for p in &mut walk.positions {
        p.sub.copy_from_slice(&ctx.start.sub);
        p.ratio_base_start = ctx.start.ratio_base_start;
        p.copy_from(&ctx.start);
    }
    run.seed(found, walk)?;
    run.offer(&ctx.start, &[], found);
    run.explore(0, 0, walk, found)
}

/// The state of the depth-first walk: one position per depth, reused from context to
/// context of a quote (so are the stack's buffers).
#[derive(Default)]
pub struct Walk {
    positions: Vec<Position>,
    tally: Tally,
    picks: Vec<usize>,
    scratch: Scratch,
}

struct Run<'a> {
    index: usize,
    ctx: &'a Context,
    limits: &'a Limits,
    funds: Funds,
    /// Candidates kept after folding interchangeable neighbours.
    order: Vec<usize>,
    /// `suffix[j * width + k]`: the sum of the `k` largest `max` among `order[j..]`.
    suffix: Vec<i128>,
    /// `k + 1`, with `k` the most coupons a combination holds (or the candidates, if fewer).
    width: usize,
}

impl<'a> Run<'a> {
    fn new(index: usize, ctx: &'a Context, limits: &'a Limits, funds: Funds) -> Run<'a> {
        let slots = limits.max_total();
        let mut order: Vec<usize> = Vec::with_capacity(ctx.candidates.len());
        let mut run_len = 0;
        for (j, c) in ctx.candidates.iter().enumerate() {
            let same_as_previous = order
                .last()
                .is_some_and(|&p| interchangeable(&ctx.candidates[p], c));
            run_len = if same_as_previous { run_len + 1 } else { 1 };
            if run_len <= slots {
                order.push(j);
            }
        }
        let k = slots.min(order.len());
        let width = k + 1;
        let mut suffix = vec![0i128; width * (order.len() + 1)];
        for j in (0..order.len()).rev() {
            let m = ctx.candidates[order[j]].max;
            // The k largest of {m} ∪ order[j+1..]: merge m into the next row.
            let (row, next) = suffix[j * width..].split_at_mut(width);
            for kk in 1..=k {
                row[kk] = next[kk].max(next[kk - 1] + m);
            }
        }
        Run {
            index,
            ctx,
            limits,
            funds,
            order,
            suffix,
            width,
        }
    }

    /// The line steps of one node with candidate `c`: copying the position, spreading it.
    fn node_cost(&self, c: usize) -> u64 {
        (self.ctx.start.cents.len() + self.ctx.candidates[c].lines.len()) as u64
    }

    fn cents(&self, units: i128) -> i128 {
        self.ctx.ledger.cents(units.max(0))
    }

    /// Offers the combination `picks` at `pos`; the key (with its allocations) is only
    /// built when the combination can enter the kept list.
    fn offer(&self, pos: &Position, picks: &[usize], found: &mut Found) {
        let payable = self.cents(pos.total);
        let spend = payable.min(self.funds.0);
        if found.hopeless(payable, spend, picks.len()) {
            return;
        }
        let key = &mut found.probe;
        (key.payable, key.spend, key.count) = (payable, spend, picks.len());
        key.discount = self.ctx.discount_rank;
        key.expiry.clear();
        key.coupons.clear();
        for &p in picks {
            let c = &self.ctx.candidates[p];
            key.expiry
                .push(c.rules.expire_time.map_or(i64::MAX, Timestamp::millis));
            key.coupons.push(c.rank);
        }
        sort_by(&mut key.expiry, |a, b| a > b);
        sort_by(&mut key.coupons, |a, b| a < b);
        found.offer(self.index, picks);
    }

    /// A greedy combination (largest `max_deduction` first) to start with a good bound.
    fn seed(&self, found: &mut Found, walk: &mut Walk) -> Result<(), QuoteError> {
        let mut by_max = self.order.clone();
        sort_by(&mut by_max, |&a, &b| {
            self.ctx.candidates[a].max > self.ctx.candidates[b].max
        });
        let mut tally = Tally::default();
        // Chosen largest first, applied in stacking order: `order`'s (no sort of the picks).
        let mut picked = vec![false; self.ctx.candidates.len()];
        for j in by_max {
            let c = &self.ctx.candidates[j];
            if tally.admits(&c.rules, self.limits).is_ok() {
                tally.add(&c.rules);
                picked[j] = true;
            }
        }
        // In the walk's first position, set back to the start afterwards.
        let pos = &mut walk.positions[0];
        let kept = &mut walk.picks;
        for &j in &self.order {
            if !picked[j] {
                continue;
            }
            found.stats.nodes += 1;
            found.work += self.node_cost(j);
            let c = &self.ctx.candidates[j];
            if apply(&self.ctx.ledger, piece(c), pos, &mut walk.scratch, None)? > 0 {
                kept.push(j);
            }
        }
        self.offer(pos, kept, found);
        pos.copy_from(&self.ctx.start);
        kept.clear();
        Ok(())
    }

    fn explore(
        &self,
        from: usize,
        depth: usize,
        walk: &mut Walk,
        found: &mut Found,
    ) -> Result<(), QuoteError> {
        let free = self.limits.max_total().saturating_sub(walk.tally.count());
        if free == 0 {
            return Ok(());
        }
        if walk.positions.len() == depth + 1 {
            walk.positions.push(self.ctx.start.clone());
        }
        for j in from..self.order.len() {
            // Candidates skipped below cost a step each too.
            found.work += 1;
            let total = walk.positions[depth].total;
            let best_rest = self.suffix[j * self.width + free.min(self.width - 1)];
            let floor = self.cents(total - best_rest);
            if found.hopeless(floor, floor.min(self.funds.0), walk.tally.count() + 1) {
                // Later j only have smaller suffix sums: nothing further can do better.
                break;
            }
            let c = &self.ctx.candidates[self.order[j]];
            if walk.tally.admits(&c.rules, self.limits).is_err() {
                continue;
            }
            if found.out_of_budget() {
                return Ok(());
            }
            found.stats.nodes += 1;
            found.work += self.node_cost(self.order[j]);
            let (parents, children) = walk.positions.split_at_mut(depth + 1);
            let (parent, child) = (&parents[depth], &mut children[0]);
            child.copy_from(parent);
            if apply(&self.ctx.ledger, piece(c), child, &mut walk.scratch, None)? == 0 {
                // A coupon with nothing to take only adds a coupon: never better.
                continue;
            }
            walk.tally.add(&c.rules);
            walk.picks.push(self.order[j]);
            self.offer(&walk.positions[depth + 1], &walk.picks, found);
            self.explore(j + 1, depth + 1, walk, found)?;
            walk.picks.pop();
            walk.tally.remove(&c.rules);
        }
        Ok(())
    }
}

/// The stack's view of a candidate.
pub fn piece(c: &Candidate) -> Piece<'_> {
    Piece {
        lines: &c.lines,
        max: c.max,
        ratio: c.ratio,
        cuts_base: c.cuts_base,
    }
}

/// Whether two candidates differ only by id.
fn interchangeable(a: &Candidate, b: &Candidate) -> bool {
    a.rules == b.rules
        && a.lines == b.lines
        && a.max == b.max
        && a.wallet == b.wallet
        && a.ratio == b.ratio
        && a.cuts_base == b.cuts_base
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coupons::Policy;

    /// A context without coupons on lines owing `amounts`.
    fn context(amounts: &[&str]) -> Context {
        let amounts: Vec<Amount> = amounts.iter().map(|a| Amount::parse(a).unwrap()).collect();
        let ledger = Ledger::for_amounts(amounts.iter().copied()).unwrap();
        let units: Vec<i128> = amounts.iter().map(|&a| ledger.units(a).unwrap()).collect();
        Context {
            discount_id: None,
            discount_rank: None,
            start: Position::new(&ledger, &units),
            ledger,
            candidates: Vec::new(),
        }
    }

    /// A walk last used on other lines (another order, another line count) finds what a new
    /// walk finds, where its reused positions could not take the lines.
    #[test]
    fn a_walk_reused_on_other_lines_finds_what_a_new_one_finds() {
        let limits = Limits::new(&Policy::default(), &[]);
        let mut walk = Walk::default();
        for lines in [&["1.05", "2.10"][..], &["3.333", "4", "5.5"], &["0.01"]] {
            let ctx = context(lines);
            let (mut reused, mut fresh) = (Found::new(), Found::new());
            search_context(0, &ctx, &limits, Funds(0), &mut reused, &mut walk).unwrap();
            search_context(0, &ctx, &limits, Funds(0), &mut fresh, &mut Walk::default()).unwrap();
            assert_eq!(reused.kept, fresh.kept, "{lines:?}");
            assert!(!fresh.kept.is_empty(), "{lines:?}");
        }
    }
}
