// The coupon rules of the scenarios written by hand in JavaScript with decimal.js: what a
// partner would write without the engine. It is the "decimal.js" peer of scenario (a) and
// the applicability step of the decimal.js quote (b, c); its pieces (reading `use_limits`,
// line matching, reasons, eligible sums, `max_deduction`) are also the glue around the two
// rules engines, which decide the limits themselves (json-rules-engine.mjs, zen.mjs).
//
// It covers the limit keys the scenarios use, with the engine's default policy; a key it
// does not know is `indeterminate` (`unknown_limit`), as in the engine.

import Decimal from 'decimal.js';

export const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_DOWN });
export const ZERO = new D(0);

/** `x` floored to two decimals. */
export const floor2 = (x) => x.toDecimalPlaces(2, D.ROUND_FLOOR);

export const KIND = { 1: 'cash_coupon', 301: 'cash_coupon', 2: 'discount_coupon', 300: 'discount_coupon', 3: 'product_coupon', 4: 'flexi_purchase_coupon', 302: 'flexi_purchase_coupon', 303: 'stored_value_card' };

/** Every `limit_key` the scenarios use. */
export const KNOWN_KEYS = new Set([
  'serviceType', 'serviceTypeBlackList', 'regionCode', 'productId', 'productIdBlackList',
  'baseValue', 'subscribeType', 'cycleType', 'cycleNum', 'maxDeductionRatio',
  'simultaneousUseWithEmpowerDiscount', 'simultaneousUseWithContractDiscount',
  'simultaneousUseWithPromotionDiscount', 'simultaneousUseWithDiscountCoupon', 'usageTimes',
  'firstOrderInService',
]);

const NA = 'not_applicable';
const IND = 'indeterminate';
const RANK = { applicable: 0, indeterminate: 1, not_applicable: 2 };

const items = (v) => (v ?? '').split(/[,，]/).map((s) => s.trim()).filter(Boolean);
const sortedSet = (values) => [...new Set(values)].sort();

/** A coupon's own fields and its `use_limits`, read once. */
export function readCoupon(c) {
  const kind = KIND[c.coupon_type] ?? null;
  const limits = {
    serviceType: null, serviceTypeBlackList: null, regionCode: null, productId: null,
    productIdBlackList: null, cycleType: null, cycleNum: null, subscribeType: null,
    baseValues: [], maxDeductionRatio: null, firstOrder: false, usageTimes: null,
    empower: null, contract: null, promotion: null, discountCoupon: null, unknown: [],
  };
  const lists = {};
  c.use_limits.forEach((row, i) => {
    const key = row.limit_key;
    if (!KNOWN_KEYS.has(key)) {
      limits.unknown.push({ key, field: `use_limits[${i}]` });
      return;
    }
    const v1 = (row.value1 ?? '').trim();
    switch (key) {
      case 'serviceType': case 'serviceTypeBlackList': case 'regionCode': case 'productId': case 'productIdBlackList':
        (lists[key] ??= []).push(...items(row.value1));
        break;
      case 'cycleType': limits.cycleType = sortedSet([...(limits.cycleType ?? []), ...items(v1).map(Number)]); break;
      case 'cycleNum': limits.cycleNum = [...(limits.cycleNum ?? []), ...items(v1).map(Number)]; break;
      case 'subscribeType': limits.subscribeType = sortedSet([...(limits.subscribeType ?? []), ...items(v1).map((s) => s.toLowerCase())]); break;
      case 'baseValue': {
        const bound = (t) => ((t ?? '').trim() === '' ? null : new D(t.trim()));
        limits.baseValues.push({ lower: bound(row.value1), upper: bound(row.value2) });
        break;
      }
      case 'maxDeductionRatio': {
        const r = new D(v1);
        limits.maxDeductionRatio = limits.maxDeductionRatio ? D.min(limits.maxDeductionRatio, r) : r;
        break;
      }
      case 'firstOrderInService': limits.firstOrder ||= v1 === '1'; break;
      case 'usageTimes': limits.usageTimes = kind === 'discount_coupon' ? 1 : v1 === '1' ? 1 : 0; break;
      default: {
        const slot = { simultaneousUseWithEmpowerDiscount: 'empower', simultaneousUseWithContractDiscount: 'contract', simultaneousUseWithPromotionDiscount: 'promotion', simultaneousUseWithDiscountCoupon: 'discountCoupon' }[key];
        limits[slot] = (limits[slot] ?? true) && v1 === '1';
      }
    }
  });
  for (const [key, values] of Object.entries(lists)) limits[key] = sortedSet(values);
  const usesBalance = c.coupon_version === 2 || kind === 'stored_value_card' || (c.coupon_version == null && c.balance != null);
  const available = usesBalance ? c.balance : c.face_value;
  return {
    id: c.coupon_id,
    kind,
    status: c.status,
    effectiveMs: c.valid_time ?? c.effective_time ? Date.parse(c.valid_time ?? c.effective_time) : null,
    expireMs: c.expire_time ? Date.parse(c.expire_time) : null,
    available: available == null ? null : new D(available),
    faceValue: c.face_value == null ? null : new D(c.face_value),
    couponVersion: c.coupon_version ?? null,
    group: c.coupon_group ?? 0,
    limits,
  };
}

/** The line rules of a coupon, in the engine's order. */
export function lineRules(coupon) {
  const l = coupon.limits;
  const rules = [];
  for (const key of ['serviceType', 'serviceTypeBlackList', 'regionCode', 'productId', 'productIdBlackList']) {
    if (l[key]) rules.push({ key, set: l[key] });
  }
  if (l.cycleType) rules.push({ key: 'cycleType', set: l.cycleType });
  if (l.firstOrder) rules.push({ key: 'firstOrderInService' });
  if (coupon.kind === 'discount_coupon') rules.push({ key: 'periodOnly' });
  return rules;
}

const mode = (line, order) => line.charging_mode ?? order.charging_mode;
/** The `cycleType` code of a period line (1 year, 2 month, 3 day, 4 hour), or null. */
export function periodCode(line, order) {
  const p = line.period_type ?? order.period_type;
  return { 3: 1, 2: 2, 0: 3, 4: 4 }[p] ?? null;
}

/** 'yes' | 'no' | 'unknown': how a line fares against one line rule. */
export function lineMatch(rule, line, order) {
  const yes = (b) => (b ? 'yes' : 'no');
  switch (rule.key) {
    case 'serviceType': return yes(rule.set.includes(line.cloud_service_type));
    case 'serviceTypeBlackList': return yes(!rule.set.includes(line.cloud_service_type));
    case 'regionCode': return yes(rule.set.includes(line.region));
    case 'productId': return line.product_id == null ? 'unknown' : yes(rule.set.includes(line.product_id));
    case 'productIdBlackList': return line.product_id == null ? 'unknown' : yes(!rule.set.includes(line.product_id));
    case 'cycleType': {
      const s = rule.set;
      if (s.includes(6)) return 'yes';
      const m = mode(line, order);
      if (m === 'on_demand') return yes(s.includes(5));
      if (m === 'one_time') return yes(s.includes(7));
      if (s.includes(0)) return 'yes';
      const code = periodCode(line, order);
      if (code == null) return [1, 2, 3, 4].some((c) => s.includes(c)) ? 'unknown' : 'no';
      return yes(s.includes(code));
    }
    case 'firstOrderInService': {
      const known = order.first_order_in_service?.[line.cloud_service_type];
      return known == null ? 'unknown' : yes(known);
    }
    case 'periodOnly': return yes(mode(line, order) === 'period');
    default: throw new Error(`no line rule ${rule.key}`);
  }
}

const REASON = {
  serviceType: 'service_type_not_allowed', serviceTypeBlackList: 'service_type_blacklisted',
  regionCode: 'region_not_allowed', productId: 'product_not_allowed',
  productIdBlackList: 'product_blacklisted', cycleType: 'cycle_type_not_allowed',
  firstOrderInService: 'not_first_order', periodOnly: 'discount_coupon_period_only',
};

/** The reason when no line satisfies `rule`; `unknown` lists the lines lacking data. */
export function ruleReason(rule, order, unknown) {
  if (rule.key === 'firstOrderInService') {
    const map = order.first_order_in_service ?? {};
    if (order.lines.some((l) => !(l.cloud_service_type in map))) return { code: 'first_order_unknown', effect: IND };
  } else if (unknown.length) {
    return { code: 'line_data_missing', effect: IND };
  }
  return { code: REASON[rule.key], effect: NA };
}

/** Reasons from the coupon's state at `nowMs`; the status codes the scenarios use. */
export function stateReasons(coupon, nowMs) {
  const out = [];
  if (coupon.kind === 'product_coupon') out.push({ code: 'unsupported_kind', effect: IND });
  const status = { 1: 'not_activated', 3: 'used_up', 4: 'expired', 5: 'reclaimed' }[coupon.status];
  if (status) out.push({ code: status, effect: NA });
  if (coupon.effectiveMs != null && nowMs < coupon.effectiveMs) out.push({ code: 'not_yet_valid', effect: NA });
  if (coupon.expireMs != null && nowMs >= coupon.expireMs && !out.some((r) => r.code === 'expired')) out.push({ code: 'expired', effect: NA });
  if (coupon.available?.isZero()) out.push({ code: 'no_balance', effect: NA });
  return out;
}

export const payable = (line) => new D(line.amount ?? line.official_amount);

/** `baseValue` (default policy: both bounds exclusive) on the eligible amount. */
export function baseValueReasons(range, known, possible) {
  const out = [];
  const judge = (ok, sure, hopeful) => (ok(sure) ? null : ok(hopeful) ? IND : NA);
  if (range.lower) {
    const e = judge((a) => a.gt(range.lower), known, possible);
    if (e) out.push({ code: 'amount_below_minimum', effect: e });
  }
  if (range.upper) {
    const e = judge((a) => a.lt(range.upper), possible, known);
    if (e) out.push({ code: 'amount_above_maximum', effect: e });
  }
  return out;
}

export function subscribeTypeReasons(coupon, order) {
  const allowed = coupon.limits.subscribeType;
  return allowed && !allowed.includes(order.order_type) ? [{ code: 'subscribe_type_not_allowed', effect: NA }] : [];
}

export function cycleNumReasons(coupon, order) {
  const nums = coupon.limits.cycleNum;
  if (!nums) return [];
  if (order.charging_mode !== 'period') return [{ code: 'cycle_num_not_allowed', effect: NA }];
  if (order.period_num == null) return [{ code: 'period_num_missing', effect: IND }];
  return nums.includes(order.period_num) ? [] : [{ code: 'cycle_num_not_allowed', effect: NA }];
}

const DISCOUNT_KIND = { 0: 'promotion', 700: 'promotion', 1: 'contract', 2: 'business', 605: 'business', 606: 'business', 3: 'partner', 607: 'partner', 609: 'order_adjustment' };
export const discountKind = (code) => DISCOUNT_KIND[code] ?? null;

/** A coupon next to the order's discount (flags; the scenarios have no `minConsumeDiscount`). */
export function discountReasons(coupon, discount) {
  if (!discount) return [];
  const na = { code: 'discount_not_combinable', effect: NA };
  if (coupon.kind === 'discount_coupon') return [na];
  const dk = discountKind(discount.discount_type);
  const l = coupon.limits;
  const out = [];
  const empower = ['partner', 'order_adjustment', 'business', 'contract'].includes(dk);
  if (l.empower === false && empower) out.push(na);
  if (l.contract === false && (dk === 'business' || dk === 'contract')) out.push(na);
  if (l.promotion === false && dk === 'promotion') out.push(na);
  return out;
}

/** `max_deduction`: available, capped by the eligible amount and `maxDeductionRatio`, floored. */
export function maxDeduction(available, coupon, known, order) {
  let eligible = ZERO;
  for (const line of known) eligible = eligible.plus(payable(line));
  let cap = D.min(available, eligible);
  if (coupon.limits.maxDeductionRatio) {
    let base = ZERO;
    for (const line of order.lines) if (mode(line, order) !== 'on_demand') base = base.plus(payable(line));
    cap = D.min(cap, floor2(base.times(coupon.limits.maxDeductionRatio)));
  }
  return floor2(cap);
}

/**
 * The lines that surely qualify (`known`: every rule says yes), those that may (`maybe`: no
 * rule says no), and the eligible amount span `{ known, possible }` over them.
 */
export function eligibleSpan(order, rules, matches) {
  const known = [];
  const maybe = [];
  order.lines.forEach((line, i) => {
    let allYes = true;
    let anyNo = false;
    for (let k = 0; k < rules.length; k++) {
      const m = matches[k][i];
      if (m !== 'yes') allYes = false;
      if (m === 'no') anyNo = true;
    }
    if (allYes) known.push(line);
    else if (!anyNo) maybe.push(line);
  });
  let eligible = ZERO;
  for (const line of known) eligible = eligible.plus(payable(line));
  let possible = eligible;
  for (const line of maybe) possible = possible.plus(payable(line));
  return { known, maybe, span: { known: eligible, possible } };
}

/**
 * The verdict on a coupon from the line matches (`matches[k][i]` for rule k, line i) and the
 * order-level reasons; `orderReasons(span)` gives the order-level limits' reasons for the
 * eligible amount span `{ known, possible }`.
 */
export function verdict(coupon, rules, matches, order, early, orderReasons) {
  const reasons = [...early];
  for (const _unknown of coupon.limits.unknown) reasons.push({ code: 'unknown_limit', effect: IND });
  const { known, maybe, span } = eligibleSpan(order, rules, matches);
  const before = reasons.length;
  rules.forEach((rule, k) => {
    if (!matches[k].includes('yes')) {
      const unknown = order.lines.filter((_, i) => matches[k][i] === 'unknown');
      reasons.push(ruleReason(rule, order, unknown));
    }
  });
  if (reasons.length === before && known.length === 0) {
    reasons.push(maybe.length ? { code: 'line_data_missing', effect: IND } : { code: 'no_eligible_line', effect: NA });
  }
  reasons.push(...orderReasons(span));
  // A discount coupon's face value is a pay ratio in (0, 1): it may save (1 − r) of its
  // lines' list price, floored to the cent; any other face value is never guessed at.
  let available = coupon.available;
  if (coupon.kind === 'discount_coupon') {
    const r = coupon.faceValue;
    if (r?.gt(0) && r.lt(1)) {
      let official = ZERO;
      for (const line of known) official = official.plus(new D(line.official_amount));
      available = floor2(official.times(new D(1).minus(r)));
    } else {
      reasons.push({ code: 'discount_coupon_face_value', effect: IND });
      available = null;
    }
  }
  const status = reasons.reduce((s, r) => (RANK[r.effect] > RANK[s] ? r.effect : s), 'applicable');
  const max = available != null && status !== NA ? maxDeduction(available, coupon, known, order) : ZERO;
  return {
    coupon_id: coupon.id,
    kind: coupon.kind,
    status,
    reasons: reasons.map((r) => r.code),
    eligible_lines: known.map((l) => l.id),
    eligible_amount: span.known,
    available: available ?? ZERO,
    max_deduction: max,
    // For the quote.
    coupon,
  };
}

/** The order-level reasons of the hand-written evaluator. */
export function orderLevel(coupon, order) {
  return (span) => [
    ...coupon.limits.baseValues.flatMap((r) => baseValueReasons(r, span.known, span.possible)),
    ...subscribeTypeReasons(coupon, order),
    ...cycleNumReasons(coupon, order),
    ...discountReasons(coupon, order.discount),
  ];
}

/** One coupon against the order, every rule in plain JavaScript. */
export function evaluateOne(order, coupon, nowMs) {
  const rules = lineRules(coupon);
  const matches = rules.map((rule) => order.lines.map((line) => lineMatch(rule, line, order)));
  return verdict(coupon, rules, matches, order, stateReasons(coupon, nowMs), orderLevel(coupon, order));
}

/** Scenario (a) by hand: every coupon of the wallet against the cart. */
export function evaluateCoupons(order, coupons, opts) {
  const nowMs = Date.parse(opts.now);
  return coupons.map((c) => evaluateOne(order, readCoupon(c), nowMs));
}
