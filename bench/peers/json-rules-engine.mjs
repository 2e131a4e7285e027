// Scenario (a) with json-rules-engine: the coupon limits as rules.
//
// The rules are generic, one per limit (and per outcome: a line that fails a limit, a line
// the order lacks data for), written once; each coupon's `use_limits` and each cart line are
// facts. Every rule fires an event when its limit is NOT met, so `events` are the reasons.
// Two engines: line rules (run once per coupon × line pair: a rule cannot loop over lines)
// and coupon rules (state, `baseValue`, `subscribeType`, `cycleNum`; run once per coupon).
//
// What the rules cannot say is done in JavaScript around them, with the same code as the
// hand-written peer (coupons-js.mjs) — see INEXPRESSIBLE.

import { Engine } from 'json-rules-engine';
import {
  D, readCoupon, lineRules, periodCode, verdict, eligibleSpan,
} from './coupons-js.mjs';

export const NAME = 'json-rules-engine';

export const INEXPRESSIBLE = [
  'reading `use_limits` rows (comma lists, repeated keys, unknown keys → unknown_limit) into facts',
  'sums over the eligible lines (a condition cannot aggregate over an array): done in JS with decimal.js',
  'exact amount comparison: the built-in greaterThan/lessThan compare binary floats, so `baseValue` uses custom operators backed by decimal.js',
  '"no line satisfies this limit" reasons and the status (worst reason wins): aggregated in JS',
  '`max_deduction` (min of balance, eligible amount and ratio × total, floored to the cent): decimal.js in JS',
  '`firstOrderInService`: a fact path cannot be keyed by another fact (the line\'s service), so the history lookup is done in JS',
];

const has = (key) => ({ fact: 'limits', path: `$.has.${key}`, operator: 'equal', value: true });
const lineFact = (field, operator, value) => ({ fact: 'line', path: `$.${field}`, operator, value });
const limitRef = (key) => ({ fact: 'limits', path: `$.${key}` });
const event = (key, match) => ({ type: 'line', params: { key, match } });

/** Line rules: each fires when the line does not meet (or cannot be checked against) a limit. */
const LINE_RULES = [
  { name: 'serviceType', conditions: { all: [has('serviceType'), lineFact('cloud_service_type', 'notIn', limitRef('serviceType'))] }, event: event('serviceType', 'no') },
  { name: 'serviceTypeBlackList', conditions: { all: [has('serviceTypeBlackList'), lineFact('cloud_service_type', 'in', limitRef('serviceTypeBlackList'))] }, event: event('serviceTypeBlackList', 'no') },
  { name: 'regionCode', conditions: { all: [has('regionCode'), lineFact('region', 'notIn', limitRef('regionCode'))] }, event: event('regionCode', 'no') },
  { name: 'productId', conditions: { all: [has('productId'), lineFact('has_product', 'equal', true), lineFact('product_id', 'notIn', limitRef('productId'))] }, event: event('productId', 'no') },
  { name: 'productId?', conditions: { all: [has('productId'), lineFact('has_product', 'equal', false)] }, event: event('productId', 'unknown') },
  { name: 'productIdBlackList', conditions: { all: [has('productIdBlackList'), lineFact('has_product', 'equal', true), lineFact('product_id', 'in', limitRef('productIdBlackList'))] }, event: event('productIdBlackList', 'no') },
  { name: 'productIdBlackList?', conditions: { all: [has('productIdBlackList'), lineFact('has_product', 'equal', false)] }, event: event('productIdBlackList', 'unknown') },
  {
    name: 'cycleType',
    conditions: {
      all: [
        has('cycleType'),
        { fact: 'limits', path: '$.cycleType', operator: 'doesNotContain', value: 6 },
        {
          any: [
            { all: [lineFact('mode', 'equal', 'on_demand'), { fact: 'limits', path: '$.cycleType', operator: 'doesNotContain', value: 5 }] },
            { all: [lineFact('mode', 'equal', 'one_time'), { fact: 'limits', path: '$.cycleType', operator: 'doesNotContain', value: 7 }] },
            {
              all: [
                lineFact('mode', 'equal', 'period'),
                { fact: 'limits', path: '$.cycleType', operator: 'doesNotContain', value: 0 },
                lineFact('period_code', 'notEqual', -1),
                lineFact('period_code', 'notIn', limitRef('cycleType')),
              ],
            },
            {
              all: [
                lineFact('mode', 'equal', 'period'),
                { fact: 'limits', path: '$.cycleType', operator: 'doesNotContain', value: 0 },
                lineFact('period_code', 'equal', -1),
                { fact: 'limits', path: '$.cycleTypePeriodic', operator: 'equal', value: false },
              ],
            },
          ],
        },
      ],
    },
    event: event('cycleType', 'no'),
  },
  {
    name: 'cycleType?',
    conditions: {
      all: [
        has('cycleType'),
        { fact: 'limits', path: '$.cycleType', operator: 'doesNotContain', value: 6 },
        lineFact('mode', 'equal', 'period'),
        { fact: 'limits', path: '$.cycleType', operator: 'doesNotContain', value: 0 },
        lineFact('period_code', 'equal', -1),
        { fact: 'limits', path: '$.cycleTypePeriodic', operator: 'equal', value: true },
      ],
    },
    event: event('cycleType', 'unknown'),
  },
  { name: 'firstOrderInService', conditions: { all: [has('firstOrderInService'), lineFact('first_order', 'equal', 'no')] }, event: event('firstOrderInService', 'no') },
  { name: 'firstOrderInService?', conditions: { all: [has('firstOrderInService'), lineFact('first_order', 'equal', 'unknown')] }, event: event('firstOrderInService', 'unknown') },
  { name: 'periodOnly', conditions: { all: [has('periodOnly'), lineFact('mode', 'notEqual', 'period')] }, event: event('periodOnly', 'no') },
];

const reason = (code, effect) => ({ type: 'reason', params: { code, effect } });
const fact = (f, path, operator, value) => ({ fact: f, path, operator, value });
const NA = 'not_applicable';
const IND = 'indeterminate';

/** Coupon rules: state, `baseValue` (one range), `subscribeType`, `cycleNum`. */
const COUPON_RULES = [
  { conditions: { all: [fact('coupon', '$.kind', 'equal', 'product_coupon')] }, event: reason('unsupported_kind', IND) },
  { conditions: { all: [fact('coupon', '$.status', 'equal', 1)] }, event: reason('not_activated', NA) },
  { conditions: { all: [fact('coupon', '$.status', 'equal', 3)] }, event: reason('used_up', NA) },
  { conditions: { all: [fact('coupon', '$.status', 'equal', 4)] }, event: reason('expired', NA) },
  { conditions: { all: [fact('coupon', '$.status', 'equal', 5)] }, event: reason('reclaimed', NA) },
  { conditions: { all: [fact('coupon', '$.has_effective', 'equal', true), { fact: 'now_ms', operator: 'lessThan', value: { fact: 'coupon', path: '$.effective_ms' } }] }, event: reason('not_yet_valid', NA) },
  { conditions: { all: [fact('coupon', '$.has_expire', 'equal', true), fact('coupon', '$.status', 'notEqual', 4), { fact: 'now_ms', operator: 'greaterThanInclusive', value: { fact: 'coupon', path: '$.expire_ms' } }] }, event: reason('expired', NA) },
  { conditions: { all: [fact('coupon', '$.has_available', 'equal', true), fact('coupon', '$.available', 'decimalEqual', '0')] }, event: reason('no_balance', NA) },
  // baseValue lower bound (exclusive): the eligible amount must be > value1.
  { conditions: { all: [has('lower'), { fact: 'span', path: '$.possible', operator: 'decimalLte', value: limitRef('lower') }] }, event: reason('amount_below_minimum', NA) },
  { conditions: { all: [has('lower'), { fact: 'span', path: '$.known', operator: 'decimalLte', value: limitRef('lower') }, { fact: 'span', path: '$.possible', operator: 'decimalGt', value: limitRef('lower') }] }, event: reason('amount_below_minimum', IND) },
  // baseValue upper bound (inclusive): the eligible amount must be ≤ value2.
  { conditions: { all: [has('upper'), { fact: 'span', path: '$.known', operator: 'decimalGt', value: limitRef('upper') }] }, event: reason('amount_above_maximum', NA) },
  { conditions: { all: [has('upper'), { fact: 'span', path: '$.known', operator: 'decimalLte', value: limitRef('upper') }, { fact: 'span', path: '$.possible', operator: 'decimalGt', value: limitRef('upper') }] }, event: reason('amount_above_maximum', IND) },
  { conditions: { all: [has('subscribeType'), { fact: 'order', path: '$.order_type', operator: 'notIn', value: limitRef('subscribeType') }] }, event: reason('subscribe_type_not_allowed', NA) },
  { conditions: { all: [has('cycleNum'), fact('order', '$.charging_mode', 'notEqual', 'period')] }, event: reason('cycle_num_not_allowed', NA) },
  { conditions: { all: [has('cycleNum'), fact('order', '$.charging_mode', 'equal', 'period'), fact('order', '$.period_num', 'equal', -1)] }, event: reason('period_num_missing', IND) },
  { conditions: { all: [has('cycleNum'), fact('order', '$.charging_mode', 'equal', 'period'), fact('order', '$.period_num', 'notEqual', -1), { fact: 'order', path: '$.period_num', operator: 'notIn', value: limitRef('cycleNum') }] }, event: reason('cycle_num_not_allowed', NA) },
];

function decimalOperators(engine) {
  engine.addOperator('decimalEqual', (a, b) => new D(a).eq(b));
  engine.addOperator('decimalGt', (a, b) => new D(a).gt(b));
  engine.addOperator('decimalLte', (a, b) => new D(a).lte(b));
}

/** The rule engines, built once (rules are not per call). */
export function create() {
  const lineEngine = new Engine(LINE_RULES, { allowUndefinedFacts: true });
  const couponEngine = new Engine(COUPON_RULES, { allowUndefinedFacts: true });
  decimalOperators(couponEngine);
  return { lineEngine, couponEngine };
}

/** The `limits` fact of a coupon: every list present (empty when absent) and a `has` flag. */
function limitsFact(coupon, rules) {
  const l = coupon.limits;
  if (l.baseValues.length > 1) throw new Error(`${coupon.id}: several baseValue rows (one range per rule set)`);
  const range = l.baseValues[0];
  const hasRule = Object.fromEntries(rules.map((r) => [r.key, true]));
  return {
    has: {
      ...hasRule,
      lower: !!range?.lower, upper: !!range?.upper,
      subscribeType: !!l.subscribeType, cycleNum: !!l.cycleNum,
    },
    serviceType: l.serviceType ?? [], serviceTypeBlackList: l.serviceTypeBlackList ?? [],
    regionCode: l.regionCode ?? [], productId: l.productId ?? [], productIdBlackList: l.productIdBlackList ?? [],
    cycleType: l.cycleType ?? [], cycleTypePeriodic: (l.cycleType ?? []).some((c) => c >= 1 && c <= 4),
    subscribeType: l.subscribeType ?? [], cycleNum: l.cycleNum ?? [],
    lower: range?.lower?.toFixed() ?? '0', upper: range?.upper?.toFixed() ?? '0',
  };
}

function lineFacts(order) {
  return order.lines.map((l) => {
    const history = order.first_order_in_service?.[l.cloud_service_type];
    return {
      cloud_service_type: l.cloud_service_type,
      region: l.region,
      has_product: l.product_id != null,
      product_id: l.product_id ?? '',
      mode: l.charging_mode ?? order.charging_mode,
      period_code: periodCode(l, order) ?? -1,
      first_order: history == null ? 'unknown' : history ? 'yes' : 'no',
    };
  });
}

/** Scenario (a): every coupon against the cart. */
export async function evaluateCoupons(engines, order, coupons, opts) {
  const nowMs = Date.parse(opts.now);
  const lines = lineFacts(order);
  const orderFact = { order_type: order.order_type, charging_mode: order.charging_mode, period_num: order.period_num ?? -1 };
  return Promise.all(coupons.map(async (c) => {
    const coupon = readCoupon(c);
    const rules = lineRules(coupon);
    const limits = limitsFact(coupon, rules);
    const matches = rules.map(() => lines.map(() => 'yes'));
    if (rules.length) {
      const runs = await Promise.all(lines.map((line) => engines.lineEngine.run({ line, limits })));
      runs.forEach(({ events }, i) => {
        for (const e of events) matches[rules.findIndex((r) => r.key === e.params.key)][i] = e.params.match;
      });
    }
    const { span } = eligibleSpan(order, rules, matches);
    const { events } = await engines.couponEngine.run({
      coupon: {
        kind: coupon.kind, status: coupon.status,
        has_effective: coupon.effectiveMs != null, effective_ms: coupon.effectiveMs ?? 0,
        has_expire: coupon.expireMs != null, expire_ms: coupon.expireMs ?? 0,
        has_available: coupon.available != null, available: coupon.available?.toFixed() ?? '0',
      },
      now_ms: nowMs,
      limits,
      span: { known: span.known.toFixed(), possible: span.possible.toFixed() },
      order: orderFact,
    });
    const reasons = events.map((e) => e.params);
    return verdict(coupon, rules, matches, order, [], () => reasons);
  }));
}
