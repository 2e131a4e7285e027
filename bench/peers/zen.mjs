// Scenario (a) with @gorules/zen-engine: the coupon limits as decision tables.
//
// Two JDM decisions, created once: a line table run in loop mode over every coupon × line
// pair, and a coupon table run in loop mode over the coupons. Both use the "collect" hit
// policy and one row per limit outcome: a row matches when the limit is NOT met, and its
// outputs are the reason. Amounts are compared with ZEN's own decimals (`number()` of the
// decimal strings). What the tables cannot say is done in JavaScript around them, with the
// same code as the hand-written peer (coupons-js.mjs) — see INEXPRESSIBLE.

import { ZenEngine } from '@gorules/zen-engine';
import { readCoupon, lineRules, periodCode, verdict, eligibleSpan } from './coupons-js.mjs';

export const NAME = '@gorules/zen-engine';

export const INEXPRESSIBLE = [
  'reading `use_limits` rows (comma lists, repeated keys, unknown keys → unknown_limit) into table inputs',
  'a table loops over one array: the coupon × line pairs are built in JS, and the sums over eligible lines between the two tables are done in JS with decimal.js',
  '"no line satisfies this limit" reasons and the status (worst reason wins): aggregated in JS',
  '`max_deduction` (min of balance, eligible amount and ratio × total, floored to the cent): decimal.js in JS',
  '`firstOrderInService`: the history lookup by the line\'s service is done in JS',
];

const node = (id, type, content) => ({ id, type, name: id, position: { x: 0, y: 0 }, content });

function table(inputField, inputs, outputs, rules) {
  return {
    contentType: 'application/vnd.gorules.decision',
    nodes: [
      node('request', 'inputNode', { schema: '' }),
      node('table', 'decisionTableNode', {
        hitPolicy: 'collect', inputField, outputPath: 'results', executionMode: 'loop', passThrough: false,
        inputs, outputs,
        // Every cell present: an empty cell matches anything, a missing one matches nothing.
        rules: rules.map((r, i) => ({ _id: `r${i}`, ...Object.fromEntries(inputs.map((c) => [c.id, ''])), ...r })),
      }),
      node('response', 'outputNode', {}),
    ],
    edges: [
      { id: 'e1', type: 'edge', sourceId: 'request', targetId: 'table' },
      { id: 'e2', type: 'edge', sourceId: 'table', targetId: 'response' },
    ],
  };
}

const NO = "'no'";
const UNKNOWN = "'unknown'";
const q = (s) => `'${s}'`;

/** Line table: one row per way a line can fail (or not be checkable against) a limit. */
const LINE_TABLE = table(
  'pairs',
  [
    { id: 'service', name: 'Service type', field: 'line.cloud_service_type' },
    { id: 'region', name: 'Region', field: 'line.region' },
    { id: 'product', name: 'Product', field: 'line.product_id' },
    { id: 'mode', name: 'Charging mode', field: 'line.mode' },
    { id: 'period', name: 'Period code', field: 'line.period_code' },
    { id: 'first', name: 'First order', field: 'line.first_order' },
    { id: 'limit', name: 'Coupon limit', field: '' },
  ],
  [{ id: 'key', name: 'Limit', field: 'key' }, { id: 'match', name: 'Match', field: 'match' }],
  [
    { service: 'not in limits.serviceType', limit: 'limits.has.serviceType', key: q('serviceType'), match: NO },
    { service: 'in limits.serviceTypeBlackList', limit: 'limits.has.serviceTypeBlackList', key: q('serviceTypeBlackList'), match: NO },
    { region: 'not in limits.regionCode', limit: 'limits.has.regionCode', key: q('regionCode'), match: NO },
    { product: '$ != null and not ($ in limits.productId)', limit: 'limits.has.productId', key: q('productId'), match: NO },
    { product: '$ == null', limit: 'limits.has.productId', key: q('productId'), match: UNKNOWN },
    { product: '$ != null and $ in limits.productIdBlackList', limit: 'limits.has.productIdBlackList', key: q('productIdBlackList'), match: NO },
    { product: '$ == null', limit: 'limits.has.productIdBlackList', key: q('productIdBlackList'), match: UNKNOWN },
    { mode: "'on_demand'", limit: 'limits.has.cycleType and not (6 in limits.cycleType) and not (5 in limits.cycleType)', key: q('cycleType'), match: NO },
    { mode: "'one_time'", limit: 'limits.has.cycleType and not (6 in limits.cycleType) and not (7 in limits.cycleType)', key: q('cycleType'), match: NO },
    { mode: "'period'", period: '$ != -1 and not ($ in limits.cycleType)', limit: 'limits.has.cycleType and not (6 in limits.cycleType) and not (0 in limits.cycleType)', key: q('cycleType'), match: NO },
    { mode: "'period'", period: '-1', limit: 'limits.has.cycleType and not (6 in limits.cycleType) and not (0 in limits.cycleType) and not limits.cycleTypePeriodic', key: q('cycleType'), match: NO },
    { mode: "'period'", period: '-1', limit: 'limits.has.cycleType and not (6 in limits.cycleType) and not (0 in limits.cycleType) and limits.cycleTypePeriodic', key: q('cycleType'), match: UNKNOWN },
    { first: "'no'", limit: 'limits.has.firstOrderInService', key: q('firstOrderInService'), match: NO },
    { first: "'unknown'", limit: 'limits.has.firstOrderInService', key: q('firstOrderInService'), match: UNKNOWN },
    { mode: "not in ['period']", limit: 'limits.has.periodOnly', key: q('periodOnly'), match: NO },
  ],
);

const NA = q('not_applicable');
const IND = q('indeterminate');

/** Coupon table: state, `baseValue` (one range), `subscribeType`, `cycleNum`. */
const COUPON_TABLE = table(
  'coupons',
  [
    { id: 'kind', name: 'Kind', field: 'coupon.kind' },
    { id: 'status', name: 'Status', field: 'coupon.status' },
    { id: 'when', name: 'Validity', field: '' },
    { id: 'amount', name: 'Eligible amount', field: '' },
    { id: 'order', name: 'Order', field: '' },
  ],
  [{ id: 'code', name: 'Reason', field: 'code' }, { id: 'effect', name: 'Effect', field: 'effect' }],
  [
    { kind: "'product_coupon'", code: q('unsupported_kind'), effect: IND },
    { status: '1', code: q('not_activated'), effect: NA },
    { status: '3', code: q('used_up'), effect: NA },
    { status: '4', code: q('expired'), effect: NA },
    { status: '5', code: q('reclaimed'), effect: NA },
    { when: 'coupon.effective_ms != null and now_ms < coupon.effective_ms', code: q('not_yet_valid'), effect: NA },
    { status: '!= 4', when: 'coupon.expire_ms != null and now_ms >= coupon.expire_ms', code: q('expired'), effect: NA },
    { amount: 'coupon.available != null and number(coupon.available) == 0', code: q('no_balance'), effect: NA },
    { amount: 'limits.lower != null and number(span.possible) <= number(limits.lower)', code: q('amount_below_minimum'), effect: NA },
    { amount: 'limits.lower != null and number(span.known) <= number(limits.lower) and number(span.possible) > number(limits.lower)', code: q('amount_below_minimum'), effect: IND },
    { amount: 'limits.upper != null and number(span.known) > number(limits.upper)', code: q('amount_above_maximum'), effect: NA },
    { amount: 'limits.upper != null and number(span.known) <= number(limits.upper) and number(span.possible) > number(limits.upper)', code: q('amount_above_maximum'), effect: IND },
    { order: 'limits.subscribeType != null and not (order.order_type in limits.subscribeType)', code: q('subscribe_type_not_allowed'), effect: NA },
    { order: "limits.cycleNum != null and order.charging_mode != 'period'", code: q('cycle_num_not_allowed'), effect: NA },
    { order: "limits.cycleNum != null and order.charging_mode == 'period' and order.period_num == null", code: q('period_num_missing'), effect: IND },
    { order: "limits.cycleNum != null and order.charging_mode == 'period' and order.period_num != null and not (order.period_num in limits.cycleNum)", code: q('cycle_num_not_allowed'), effect: NA },
  ],
);

/** The two decisions, created once. */
export function create() {
  const engine = new ZenEngine();
  return { engine, lines: engine.createDecision(LINE_TABLE), coupons: engine.createDecision(COUPON_TABLE) };
}

export function dispose(zen) {
  zen.engine.dispose();
}

function limitsInput(coupon, rules) {
  const l = coupon.limits;
  if (l.baseValues.length > 1) throw new Error(`${coupon.id}: several baseValue rows (one range per table row)`);
  const range = l.baseValues[0];
  return {
    has: Object.fromEntries(['serviceType', 'serviceTypeBlackList', 'regionCode', 'productId', 'productIdBlackList', 'cycleType', 'firstOrderInService', 'periodOnly'].map((k) => [k, rules.some((r) => r.key === k)])),
    serviceType: l.serviceType ?? [], serviceTypeBlackList: l.serviceTypeBlackList ?? [],
    regionCode: l.regionCode ?? [], productId: l.productId ?? [], productIdBlackList: l.productIdBlackList ?? [],
    cycleType: l.cycleType ?? [], cycleTypePeriodic: (l.cycleType ?? []).some((c) => c >= 1 && c <= 4),
    subscribeType: l.subscribeType, cycleNum: l.cycleNum,
    lower: range?.lower?.toFixed() ?? null, upper: range?.upper?.toFixed() ?? null,
  };
}

/** Scenario (a): every coupon against the cart. */
export async function evaluateCoupons(zen, order, coupons, opts) {
  const nowMs = Date.parse(opts.now);
  const lines = order.lines.map((l) => {
    const history = order.first_order_in_service?.[l.cloud_service_type];
    return {
      cloud_service_type: l.cloud_service_type,
      region: l.region,
      product_id: l.product_id ?? null,
      mode: l.charging_mode ?? order.charging_mode,
      period_code: periodCode(l, order) ?? -1,
      first_order: history == null ? 'unknown' : history ? 'yes' : 'no',
    };
  });
  const read = coupons.map((c) => {
    const coupon = readCoupon(c);
    const rules = lineRules(coupon);
    return { coupon, rules, limits: limitsInput(coupon, rules) };
  });
  const pairs = [];
  for (const r of read) if (r.rules.length) for (const line of lines) pairs.push({ line, limits: r.limits });
  const lineResults = pairs.length ? (await zen.lines.evaluate({ pairs })).result.results : [];
  let at = 0;
  const spans = read.map((r) => {
    r.matches = r.rules.map(() => lines.map(() => 'yes'));
    if (r.rules.length) {
      for (let i = 0; i < lines.length; i++) {
        for (const hit of lineResults[at++]) r.matches[r.rules.findIndex((x) => x.key === hit.key)][i] = hit.match;
      }
    }
    return eligibleSpan(order, r.rules, r.matches).span;
  });
  const orderInput = { order_type: order.order_type, charging_mode: order.charging_mode, period_num: order.period_num ?? null };
  const couponResults = (await zen.coupons.evaluate({
    coupons: read.map((r, k) => ({
      coupon: {
        kind: r.coupon.kind, status: r.coupon.status,
        effective_ms: r.coupon.effectiveMs, expire_ms: r.coupon.expireMs,
        available: r.coupon.available?.toFixed() ?? null,
      },
      now_ms: nowMs,
      limits: r.limits,
      span: { known: spans[k].known.toFixed(), possible: spans[k].possible.toFixed() },
      order: orderInput,
    })),
  })).result.results;
  return read.map((r, k) => verdict(r.coupon, r.rules, r.matches, order, [], () => couponResults[k]));
}
