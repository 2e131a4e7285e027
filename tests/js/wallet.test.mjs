// The Wallet handle: every quote and coupon vector gives, through a wallet, exactly what the
// one-shot `quote` / `evaluateCoupons` give (full view); the compact default leaves out lines,
// alternatives, policy, explain and texts; a wallet is freed by free() and by `using`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { loadCases } from './vectors.mjs';

const require = createRequire(import.meta.url);
const lib = require('../../pkg/dist/pricing.node.cjs');
const FULL = { messages: 'both', lines: true, alternatives: true, policy: true, explain: true };

/** The one-shot result, or the BssError code it throws. */
function outcome(call) {
  try {
    return { value: call() };
  } catch (e) {
    assert.ok(e instanceof lib.BssError, String(e));
    return { code: e.code };
  }
}

describe('a wallet answers every quote vector as the one-shot quote does', () => {
  for (const c of loadCases('quotes')) {
    if (c.error || typeof c.input !== 'object' || c.input === null) continue;
    test(c.name, () => {
      const { order, selection, ...rest } = c.input;
      const wallet = lib.Wallet.from({ ...rest, ...(c.opts?.policy ? { policy: c.opts.policy } : {}) });
      try {
        const one = outcome(() => lib.quote(c.input, c.opts));
        const mine = outcome(() => wallet.quote(order, { ...FULL, ...(selection === undefined ? {} : { selection }) }));
        assert.deepEqual(mine, one);
      } finally {
        wallet.free();
      }
    });
  }
});

describe('a wallet evaluates every coupon vector as evaluateCoupons does', () => {
  for (const c of loadCases('coupons')) {
    if (c.error || !Array.isArray(c.coupons) || typeof c.opts?.now !== 'string') continue;
    test(c.name, () => {
      const wallet = lib.Wallet.from({ coupons: c.coupons, now: c.opts.now, ...(c.opts.policy ? { policy: c.opts.policy } : {}) });
      try {
        assert.deepEqual(
          outcome(() => wallet.evaluate(c.order, { messages: 'both' })),
          outcome(() => lib.evaluateCoupons(c.order, c.coupons, c.opts)),
        );
      } finally {
        wallet.free();
      }
    });
  }
});

const ORDER = {
  order_type: 'new', charging_mode: 'period', period_type: 2, period_num: 1,
  lines: [
    { id: 'L1', cloud_service_type: 'hws.service.type.ec2', region: 'cn-north-4', official_amount: '120.00' },
    { id: 'L2', cloud_service_type: 'hws.service.type.ebs', region: 'cn-north-4', official_amount: '30.00' },
  ],
};
const WALLET = {
  coupons: [
    { coupon_id: 'C1', coupon_type: 301, status: 2, face_value: '20.00' },
    { coupon_id: 'C2', coupon_type: 301, status: 2, face_value: '50.00', use_limits: [{ limit_key: 'baseValue', value1: '500', value2: '' }] },
    { coupon_id: 'F1', coupon_type: 302, status: 2, face_value: '10.00' },
  ],
  balances: { cash: '100.00' },
  now: '2025-06-01T00:00:00Z',
};

describe('the compact result and its options', () => {
  test('codes, params and totals by default; the rest on request', () => {
    const w = lib.Wallet.from(WALLET);
    const q = w.quote(ORDER, { selection: 'best' });
    assert.equal(q.payable, '120.00');
    assert.deepEqual(q.coupons.map((c) => c.coupon_id), ['C1', 'F1']);
    for (const key of ['lines', 'alternatives', 'policy', 'explain']) assert.ok(!(key in q), key);
    const rejected = q.rejected.find((r) => r.id === 'C2');
    assert.equal(rejected.code, 'coupon_not_applicable');
    assert.ok(!('message' in rejected));
    assert.deepEqual(rejected.reasons.map((r) => [r.code, r.params.actual, 'message' in r, 'message_zh' in r]),
      [['amount_below_minimum', '150.00', false, false]]);
    const zh = w.quote(ORDER, { selection: 'best', messages: 'zh', lines: true }).rejected.find((r) => r.id === 'C2');
    assert.match(zh.reasons[0].message_zh, /大于 500/);
    assert.ok(!('message' in zh.reasons[0]));
    assert.equal(w.quote(ORDER, { selection: 'best', lines: true }).lines.length, 2);
    // `reasons: false`: the same quote, each rejection its id and code only.
    const lean = w.quote(ORDER, { selection: 'best', reasons: false });
    assert.deepEqual(lean.rejected, q.rejected.map(({ id, code }) => ({ id, code })));
    assert.deepEqual({ ...lean, rejected: [] }, { ...q, rejected: [] });
    assert.throws(() => w.quote(ORDER, { reasons: 'no' }), (e) => e.code === 'invalid_option' && e.field === 'reasons');
    assert.throws(() => w.evaluate(ORDER, { reasons: false }), (e) => e.code === 'invalid_option' && e.field === 'reasons');
    assert.ok(JSON.stringify(q).length * 2 < JSON.stringify(lib.quote({ ...WALLET, order: ORDER, selection: 'best' })).length);
    const v = w.evaluate(ORDER);
    assert.deepEqual(v.map((x) => x.status), ['applicable', 'not_applicable', 'applicable']);
    assert.deepEqual(v[0].eligible_lines, ['L1', 'L2']);
    assert.ok(!('message' in v[1].reasons[0]));
    w.free();
  });

  test('the order as JSON text keeps every digit', () => {
    const w = lib.Wallet.from(JSON.stringify(WALLET));
    const text = JSON.stringify(ORDER).replace('"120.00"', '120.123456789012345678');
    assert.equal(w.quote(text).official_amount, '150.123456789012345678');
    w.free();
  });

  test('bad calls are BssErrors with the core codes', () => {
    const codeOf = (f) => {
      try {
        f();
      } catch (e) {
        assert.ok(e instanceof lib.BssError, String(e));
        return e.code;
      }
      assert.fail('no error');
    };
    assert.equal(codeOf(() => lib.Wallet.from({ ...WALLET, order: ORDER })), 'invalid_input');
    assert.equal(codeOf(() => lib.Wallet.from({ ...WALLET, policy: { max_coupons_per_order: 'x' } })), 'invalid_option');
    const w = lib.Wallet.from(WALLET);
    assert.equal(codeOf(() => w.quote(ORDER, { messages: 'fr' })), 'invalid_option');
    assert.equal(codeOf(() => w.quote({ ...ORDER, lines: [] }, { selection: 'nope' })), 'invalid_input');
    assert.equal(codeOf(() => w.evaluate({ ...ORDER, lines: [{ id: 'x' }] })), 'invalid_order');
    w.free();
  });

  test('free() and Symbol.dispose release the wallet; a freed wallet throws', () => {
    const w = lib.Wallet.from(WALLET);
    w.free();
    assert.throws(() => w.quote(ORDER));
    // What `using w = Wallet.from(…)` calls at the end of its block (Node ≥ 20.5 has the symbol).
    assert.ok(Symbol.dispose, 'Symbol.dispose');
    const u = lib.Wallet.from(WALLET);
    assert.equal(u.quote(ORDER, { selection: 'best' }).payable, '120.00');
    u[Symbol.dispose]();
    assert.throws(() => u.quote(ORDER));
  });
});
