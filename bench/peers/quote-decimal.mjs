// The quote of scenarios (b) and (c) written by hand in JavaScript with decimal.js: the
// discount options applied to the lines, the coupons checked under each discount (the
// hand-written evaluator of coupons-js.mjs), the combination rules, the stacking order with
// largest-remainder allocation to the cent, the truncated payable amount, and for
// `selection: "best"` the same exact branch-and-bound search as the engine, contexts ordered
// and skipped by the same bound (so the two are compared on the arithmetic, not on the
// algorithm). Default policy only (`max_deduction_ratio_base: "after_cash_coupon"`: a
// `maxDeductionRatio` cap is taken again on the base a discount or cash coupon lowered); the
// discount shapes the scenarios use (DiscountInfoV3, modes 0 and 2).

import { D, ZERO, floor2, readCoupon, evaluateOne } from './coupons-js.mjs';

const RANK = { discount_coupon: 0, cash_coupon: 1, flexi_purchase_coupon: 2, stored_value_card: 3 };
const MAX_COUPONS = 3;
const KEPT = 4;

const scaleOf = (x) => x.decimalPlaces();

/** `total` units split over `weights` (largest remainder, caps served first). */
function allocateUnits(total, weights, caps) {
  let sum = ZERO;
  for (const w of weights) sum = sum.plus(w);
  if (total.isZero()) return weights.map(() => ZERO);
  const parts = [];
  const rems = [];
  let given = ZERO;
  for (const w of weights) {
    const p = total.times(w);
    const q = p.divToInt(sum);
    parts.push(q);
    rems.push(p.minus(q.times(sum)));
    given = given.plus(q);
  }
  let missing = total.minus(given).toNumber();
  if (missing > 0) {
    const fits = (i) => !caps || parts[i].lt(caps[i]);
    const order = weights.map((_, i) => i).filter((i) => rems[i].gt(0));
    const fit = order.map(fits);
    const byIndex = new Map(order.map((i, k) => [i, fit[k]]));
    order.sort((i, j) => (byIndex.get(j) - byIndex.get(i)) || rems[j].comparedTo(rems[i]) || i - j);
    for (const i of order) {
      if (missing-- <= 0) break;
      parts[i] = parts[i].plus(1);
    }
  }
  return parts;
}

/** `total` over `weights` to the cent (or finer when `total` is finer), capped by `caps`. */
function allocate(total, weights, caps) {
  const unitScale = Math.max(2, scaleOf(total));
  const weightScale = Math.max(0, ...weights.map(scaleOf));
  const u = (x, s) => x.times(new D(10).pow(s));
  const parts = allocateUnits(u(total, unitScale), weights.map((w) => u(w, weightScale)), caps?.map((c) => u(c, unitScale).floor()));
  return parts.map((p) => p.div(new D(10).pow(unitScale)));
}

/** A DiscountInfoV3 option applied to the lines: per line, covered and saving. */
function applyDiscount(option, lines) {
  const out = lines.map(() => ({ covered: false, saving: ZERO, ratio: new D(1) }));
  const index = new Map(lines.map((l, i) => [l.id, i]));
  for (const order of option.orders ?? []) {
    for (const item of order.order_line_items ?? []) {
      const group = item.order_line_item_ids.map((id) => index.get(id));
      if (group.some((i) => i == null)) throw new Error(`${option.discount_id}: a line is not in the order`);
      const mode = item.discount_mode ?? (item.discount_ratio != null ? 0 : 2);
      if (mode === 0) {
        const ratio = new D(item.discount_ratio);
        const off = new D(1).minus(ratio);
        for (const i of group) out[i] = { covered: true, saving: new D(lines[i].official_amount).times(off), ratio };
      } else if (mode === 2) {
        const officials = group.map((i) => new D(lines[i].official_amount));
        const parts = allocate(new D(item.discount_amount), officials, officials);
        group.forEach((i, k) => {
          const official = officials[k];
          out[i] = { covered: true, saving: parts[k], ratio: official.isZero() ? new D(1) : official.minus(parts[k]).div(official) };
        });
      } else {
        throw new Error(`discount_mode ${mode}: not written by hand for this benchmark`);
      }
    }
  }
  let total = ZERO;
  for (const l of out) total = total.plus(l.saving);
  return { id: option.discount_id, type: option.discount_type, lines: out, total };
}

/** The order as a coupon sees it under `discount`. */
function contextOrder(order, discount) {
  if (!discount) return order;
  const lines = order.lines.map((l, i) => {
    const d = discount.lines[i];
    return d.covered ? { ...l, amount: new D(l.official_amount).minus(d.saving).toFixed(), discount_ratio: d.ratio.toFixed() } : l;
  });
  const covered = lines.filter((_, i) => discount.lines[i].covered).map((l) => ({ id: l.id, discount_ratio: l.discount_ratio }));
  return { ...order, lines, discount: { discount_id: discount.id, discount_type: discount.type, lines: covered } };
}

/** The combination rules (default policy, no server quantities). */
class Tally {
  constructor() { this.count = 0; this.cash = 0; this.dc = false; this.forbidsDc = false; this.g1 = false; this.g2 = false; }
  admits(c) {
    if (this.count >= MAX_COUPONS) return 'too_many_coupons';
    // One cash coupon per order (no server quantities in the scenarios).
    if (c.kind === 'cash_coupon' && this.cash >= 1) return 'too_many_cash_coupons';
    if (c.kind === 'discount_coupon' && this.dc) return 'too_many_discount_coupons';
    if ((c.kind === 'discount_coupon' && this.cash > 0) || (c.kind === 'cash_coupon' && this.dc)) return 'cash_with_discount_coupon';
    if ((c.kind === 'discount_coupon' && this.forbidsDc) || (c.forbidsDc && this.dc)) return 'discount_coupon_not_combinable';
    if ((c.group === 1 && this.g2) || (c.group === 2 && this.g1)) return 'coupon_group_conflict';
    return null;
  }
  add(c) {
    const t = Object.assign(new Tally(), this);
    t.count++;
    if (c.kind === 'cash_coupon') t.cash++;
    t.dc ||= c.kind === 'discount_coupon';
    t.forbidsDc ||= c.forbidsDc;
    t.g1 ||= c.group === 1;
    t.g2 ||= c.group === 2;
    return t;
  }
}

const USABLE = new Set(['cash_coupon', 'discount_coupon', 'flexi_purchase_coupon', 'stored_value_card']);

function unusable(v) {
  if (v.status === 'not_applicable') return 'coupon_not_applicable';
  if (v.status === 'indeterminate') return 'coupon_indeterminate';
  if (!USABLE.has(v.kind)) return 'unsupported_coupon_kind';
  return null;
}

/** One discount context: the lines after the discount (as exact decimals) and the candidates. */
function prepare(order, discount, verdicts) {
  const after = order.lines.map((l) => new D(l.amount ?? l.official_amount));
  const onDemand = order.lines.map((l) => (l.charging_mode ?? order.charging_mode) === 'on_demand');
  const candidates = verdicts.map((v) => {
    const c = v.coupon;
    const lines = v.eligible_lines.map((id) => order.lines.findIndex((l) => l.id === id));
    const r = c.limits.maxDeductionRatio;
    return {
      id: c.id,
      kind: c.kind,
      group: c.group,
      forbidsDc: c.limits.discountCoupon === false,
      expireMs: c.expireMs,
      lines,
      max: floor2(v.max_deduction),
      available: v.available,
      singleUse: c.kind === 'discount_coupon' || c.limits.usageTimes === 1 || c.couponVersion === 1,
      // The ratio cap and the on-demand eligible amount it does not cap.
      ratio: r ? { r, uncapped: lines.reduce((s, i) => (onDemand[i] ? s.plus(after[i]) : s), ZERO) } : null,
      // What lowers the ratio base of later coupons (after_cash_coupon).
      cutsBase: c.kind === 'discount_coupon' || c.kind === 'cash_coupon',
    };
  });
  candidates.sort((a, b) =>
    RANK[a.kind] - RANK[b.kind]
    || (a.expireMs == null) - (b.expireMs == null)
    || (a.expireMs ?? 0) - (b.expireMs ?? 0)
    || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let total = ZERO;
  let base = ZERO;
  after.forEach((a, i) => {
    total = total.plus(a);
    if (!onDemand[i]) base = base.plus(a);
  });
  return { order, discount, start: { rem: after, total, base, baseStart: base }, candidates };
}

const floorCent = (x) => floor2(x);

/** Deducts one coupon from the position; returns the amount taken and each line's share. */
function apply(c, pos) {
  let owed = ZERO;
  for (const i of c.lines) owed = owed.plus(D.max(pos.rem[i], 0));
  let take = D.min(c.max, floorCent(owed), floorCent(pos.total));
  if (c.ratio && pos.base.lt(pos.baseStart)) {
    take = D.min(take, floorCent(floor2(D.max(pos.base, 0).times(c.ratio.r)).plus(c.ratio.uncapped)));
  }
  if (take.lte(0)) return { take: ZERO, pos, parts: [] };
  const weights = c.lines.map((i) => D.max(pos.rem[i], 0));
  const caps = weights.map((w) => w.times(100).floor());
  const cents = allocateUnits(take.times(100), weights, caps);
  const rem = [...pos.rem];
  const parts = [];
  c.lines.forEach((i, k) => {
    if (!cents[k].isZero()) {
      const share = cents[k].div(100);
      rem[i] = rem[i].minus(share);
      parts.push([i, share]);
    }
  });
  const base = c.cutsBase ? pos.base.minus(take) : pos.base;
  return { take, pos: { rem, total: pos.total.minus(take), base, baseStart: pos.baseStart }, parts };
}

function compareKeys(a, b) {
  const cmp = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
  const r = a.payable.comparedTo(b.payable) || a.spend.comparedTo(b.spend) || a.count - b.count;
  if (r) return r;
  for (let i = 0; i < Math.min(a.expiry.length, b.expiry.length); i++) {
    const e = cmp(a.expiry[i], b.expiry[i]);
    if (e) return e;
  }
  if (a.expiry.length !== b.expiry.length) return a.expiry.length - b.expiry.length;
  if (a.discountId !== b.discountId) {
    if (a.discountId == null) return -1;
    if (b.discountId == null) return 1;
    return cmp(a.discountId, b.discountId);
  }
  for (let i = 0; i < Math.min(a.ids.length, b.ids.length); i++) {
    const e = cmp(a.ids[i], b.ids[i]);
    if (e) return e;
  }
  return a.ids.length - b.ids.length;
}

/** The four best combinations over the contexts searched (branch and bound, as the engine). */
class Search {
  constructor(funds) {
    this.funds = funds;
    this.kept = [];
  }

  key(ctx, pos, picks) {
    const payable = floorCent(D.max(pos.total, 0));
    return {
      payable,
      spend: D.min(payable, this.funds),
      count: picks.length,
      expiry: picks.map((p) => ctx.candidates[p].expireMs ?? Number.MAX_SAFE_INTEGER).sort((x, y) => y - x),
      discountId: ctx.discount?.id ?? null,
      ids: picks.map((p) => ctx.candidates[p].id).sort(),
    };
  }

  offer(k, combo) {
    const kept = this.kept;
    if (kept.length === KEPT && compareKeys(k, kept[KEPT - 1].key) >= 0) return;
    if (kept.some((e) => e.combo.ctx === combo.ctx && e.combo.picks.join() === combo.picks.join())) return;
    let at = 0;
    while (at < kept.length && compareKeys(kept[at].key, k) < 0) at++;
    kept.splice(at, 0, { key: k, combo });
    kept.length = Math.min(kept.length, KEPT);
  }

  /** Whether nothing with at least this payable, spend and count can enter the kept four. */
  hopeless(payable, spend, count) {
    if (this.kept.length < KEPT) return false;
    const w = this.kept[KEPT - 1].key;
    return (payable.comparedTo(w.payable) || spend.comparedTo(w.spend) || count - w.count) > 0;
  }

  /** Searches context `ctx` (index `c` among the contexts searched). */
  context(ctx, c) {
    const cands = ctx.candidates;
    const n = cands.length;
    const slots = Math.min(MAX_COUPONS, n);
    // suffix[j][k]: the k largest maxima among candidates j..
    const suffix = Array.from({ length: n + 1 }, () => Array(slots + 1).fill(ZERO));
    for (let j = n - 1; j >= 0; j--) {
      for (let k = 1; k <= slots; k++) suffix[j][k] = D.max(suffix[j + 1][k], suffix[j + 1][k - 1].plus(cands[j].max));
    }
    // Greedy seed: largest max first.
    const byMax = cands.map((_, j) => j).sort((a, b) => cands[b].max.comparedTo(cands[a].max) || a - b);
    let tally = new Tally();
    const seed = [];
    for (const j of byMax) if (!tally.admits(cands[j])) { tally = tally.add(cands[j]); seed.push(j); }
    seed.sort((a, b) => a - b);
    let pos = ctx.start;
    const seedKept = [];
    for (const j of seed) {
      const r = apply(cands[j], pos);
      if (r.take.gt(0)) { seedKept.push(j); pos = r.pos; }
    }
    this.offer(this.key(ctx, pos, seedKept), { ctx: c, picks: seedKept });
    this.offer(this.key(ctx, ctx.start, []), { ctx: c, picks: [] });
    const explore = (from, pos, tally, picks) => {
      const free = MAX_COUPONS - tally.count;
      if (free <= 0) return;
      for (let j = from; j < n; j++) {
        const best = suffix[j][Math.min(free, slots)];
        const floor = floorCent(D.max(pos.total.minus(best), 0));
        if (this.hopeless(floor, D.min(floor, this.funds), tally.count + 1)) break;
        if (tally.admits(cands[j])) continue;
        const r = apply(cands[j], pos);
        if (r.take.isZero()) continue;
        picks.push(j);
        this.offer(this.key(ctx, r.pos, picks), { ctx: c, picks: [...picks] });
        explore(j + 1, r.pos, tally.add(cands[j]), picks);
        picks.pop();
      }
    };
    explore(0, ctx.start, new Tally(), []);
  }
}

/** The quote of one combination: per line and in total, every column. */
function settle(ctx, picks) {
  const lines = ctx.order.lines;
  const cols = lines.map(() => ({ dc: ZERO, cash: ZERO, flexi: ZERO, card: ZERO }));
  let pos = ctx.start;
  const used = [];
  const idle = [];
  for (const p of picks) {
    const c = ctx.candidates[p];
    const r = apply(c, pos);
    if (r.take.isZero()) { idle.push(c.id); continue; }
    pos = r.pos;
    const col = { discount_coupon: 'dc', cash_coupon: 'cash', flexi_purchase_coupon: 'flexi' }[c.kind] ?? 'card';
    for (const [i, share] of r.parts) cols[i][col] = cols[i][col].plus(share);
    used.push({ coupon_id: c.id, deducted: r.take, balance_after: c.singleUse ? ZERO : D.max(c.available.minus(r.take), 0) });
  }
  const payableTotal = floorCent(D.max(pos.total, 0));
  const weights = pos.rem.map((r) => D.max(r, 0));
  const caps = weights.map((w) => w.times(100).floor());
  const lineCents = allocateUnits(payableTotal.times(100), weights, caps);
  const out = lines.map((l, i) => {
    const payable = lineCents[i].div(100);
    const optionDiscount = ctx.discount ? ctx.discount.lines[i].saving : ZERO;
    return {
      id: l.id,
      official_amount: new D(l.official_amount),
      discount_amount: optionDiscount.plus(cols[i].dc),
      coupon_amount: cols[i].cash,
      flexipurchase_coupon_amount: cols[i].flexi,
      stored_card_amount: cols[i].card,
      truncated_amount: pos.rem[i].minus(payable),
      payable,
    };
  });
  const totals = {};
  for (const k of ['official_amount', 'discount_amount', 'coupon_amount', 'flexipurchase_coupon_amount', 'stored_card_amount', 'truncated_amount', 'payable']) {
    totals[k] = out.reduce((s, l) => s.plus(l[k]), ZERO);
  }
  return { lines: out, used, idle, totals };
}

function assemble(input, ctx, picks, rejected) {
  const s = settle(ctx, picks);
  const cash = D.min(s.totals.payable, floor2(new D(input.balances?.cash ?? 0)));
  const rest = s.totals.payable.minus(cash);
  const credit = D.min(rest, floor2(new D(input.balances?.credit ?? 0)));
  return {
    quote: {
      discount: ctx.discount ? { discount_id: ctx.discount.id } : null,
      ...s.totals,
      amount_after_discount: s.totals.official_amount.minus(s.totals.discount_amount),
      coupons: s.used,
      payment: { cash, credit, unpaid: rest.minus(credit) },
      lines: s.lines,
      rejected,
    },
    idle: s.idle,
  };
}

/** Scenario (b) or (c) by hand. */
export function quote(input) {
  const nowMs = Date.parse(input.now);
  const order = input.order;
  const discounts = (input.discounts ?? []).map((o) => applyDiscount(o, order.lines));
  const coupons = input.coupons.map(readCoupon);
  const verdictsUnder = (discount) => {
    const o = contextOrder(order, discount);
    return { o, verdicts: coupons.map((c) => evaluateOne(o, c, nowMs)) };
  };
  if (input.selection === 'best') {
    const choices = [null, ...discounts];
    const funds = floor2(new D(input.balances?.cash ?? 0)).plus(floor2(new D(input.balances?.credit ?? 0)));
    // Contexts in the order of the least they could cost (the largest balances or face
    // values, one per coupon slot, taken off the discounted total); a context that cannot
    // beat the fourth-best combination found so far is not evaluated at all.
    // A discount coupon's face value is a ratio: it may take up to the whole list price.
    const official = order.lines.reduce((a, l) => a.plus(l.official_amount), ZERO);
    const values = coupons
      .map((c, k) => (c.kind === 'discount_coupon' ? official
        : D.max(new D(input.coupons[k].balance ?? 0), new D(input.coupons[k].face_value ?? 0))))
      .sort((a, b) => b.comparedTo(a));
    const most = values.slice(0, MAX_COUPONS).reduce((a, b) => a.plus(b), ZERO);
    const ordered = choices
      .map((d, c) => ({ c, least: floor2(D.max(official.minus(d ? d.total : 0).minus(most), 0)) }))
      .sort((x, y) => x.least.comparedTo(y.least) || x.c - y.c);
    const search = new Search(funds);
    const verdictsOf = choices.map(() => null);
    const contexts = [];
    const usedSomewhere = new Set();
    for (const { c, least } of ordered) {
      if (search.hopeless(least, D.min(least, funds), 0)) continue;
      const { o, verdicts } = verdictsUnder(choices[c]);
      const ctx = prepare(o, choices[c], verdicts.filter((v) => !unusable(v)));
      for (const cand of ctx.candidates) if (cand.max.gt(0)) usedSomewhere.add(cand.id);
      search.context(ctx, contexts.length);
      verdictsOf[c] = verdicts;
      contexts.push(ctx);
    }
    // A coupon no context can use is rejected, with its verdict in the first context.
    const rejected = [];
    input.coupons.forEach((coupon, k) => {
      if (usedSomewhere.has(coupon.coupon_id)) return;
      let first = null;
      let used = false;
      choices.forEach((d, c) => {
        const v = verdictsOf[c]?.[k] ?? evaluateOne(contextOrder(order, d), coupons[k], nowMs);
        used ||= !unusable(v) && v.max_deduction.gt(0);
        first ??= v;
      });
      if (!used) rejected.push({ id: first.coupon_id, code: unusable(first) ?? 'nothing_to_deduct' });
    });
    const [best, ...rest] = search.kept;
    const { quote: q } = assemble(input, contexts[best.combo.ctx], best.combo.picks, rejected);
    q.alternatives = rest.map(({ combo }) => {
      const ctx = contexts[combo.ctx];
      const s = settle(ctx, combo.picks);
      return { discount_id: ctx.discount?.id ?? null, coupon_ids: s.used.map((u) => u.coupon_id), ...s.totals };
    });
    return q;
  }
  const sel = input.selection;
  const discount = discounts.find((d) => d.id === sel.discount_id);
  if (!discount) throw new Error(`discount ${sel.discount_id}: not written by hand for this benchmark`);
  const o = contextOrder(order, discount);
  const rejected = [];
  let tally = new Tally();
  const chosen = [];
  for (const id of sel.coupon_ids) {
    const coupon = coupons.find((c) => c.id === id);
    const v = evaluateOne(o, coupon, nowMs);
    const why = unusable(v);
    if (why) { rejected.push({ id, code: why }); continue; }
    const cand = { kind: v.kind, group: coupon.group, forbidsDc: coupon.limits.discountCoupon === false };
    const conflict = tally.admits(cand);
    if (conflict) { rejected.push({ id, code: conflict }); continue; }
    tally = tally.add(cand);
    chosen.push(v);
  }
  const ctx = prepare(o, discount, chosen);
  const { quote: q, idle } = assemble(input, ctx, ctx.candidates.map((_, i) => i), rejected);
  for (const id of idle) q.rejected.push({ id, code: 'nothing_to_deduct' });
  return q;
}
