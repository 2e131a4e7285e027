// quote, selectDiscount and priceLine: the shared vectors in every build (Node CommonJS,
// Node ESM, web build), the invariants every quote keeps, and hostile input.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCases } from './vectors.mjs';
import { loadBuilds } from './builds.mjs';

const builds = await loadBuilds();
const quotes = loadCases('quotes');
const discounts = loadCases('discounts');
const pricing = loadCases('pricing');

/** Every key of `expected` equals the same key of `actual`; arrays element by element. */
function matches(expected, actual, path = '') {
  if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${path}: got ${JSON.stringify(actual)}`);
    if (Array.isArray(expected)) {
      assert.ok(Array.isArray(actual), `${path}: not an array`);
      assert.equal(actual.length, expected.length, `${path}: ${actual.length} elements, expected ${expected.length}`);
      expected.forEach((e, i) => {
        matches(e, actual[i], `${path}[${i}]`);
      });
    } else {
      for (const [k, v] of Object.entries(expected)) {
        assert.ok(k in actual, `${path}.${k}: missing`);
        matches(v, actual[k], `${path}.${k}`);
      }
    }
  } else {
    assert.deepEqual(actual, expected, path);
  }
}

// Money strings as BigInt units of 10^-20: exact sums.
const units = (s) => {
  const neg = s.startsWith('-');
  const [i, f = ''] = (neg ? s.slice(1) : s).split('.');
  const v = BigInt(i + f.padEnd(20, '0'));
  return neg ? -v : v;
};
const CENT = 10n ** 18n;
const COLUMNS = ['official_amount', 'discount_amount', 'coupon_amount', 'flexipurchase_coupon_amount',
  'stored_card_amount', 'truncated_amount', 'payable'];

function invariants(q, name) {
  for (const col of COLUMNS) {
    const sum = q.lines.reduce((s, l) => s + units(l[col]), 0n);
    assert.equal(sum, units(q[col]), `${name}: lines do not sum to ${col}`);
  }
  for (const l of q.lines) {
    const [o, d, c, f, s, t, p] = COLUMNS.map((col) => units(l[col]));
    assert.equal(o - d - c - f - s - t, p, `${name}: line ${l.id}`);
    assert.equal(p % CENT, 0n, `${name}: line payable below the cent`);
  }
  assert.equal(units(q.payable) % CENT, 0n, name);
  const pay = q.payment;
  assert.equal(units(pay.cash) + units(pay.credit) + units(pay.unpaid), units(q.payable), name);
  const used = q.coupons.map((c) => c.coupon_id);
  if (q.pay_request.use_coupon === 'YES') {
    assert.deepEqual(q.pay_request.coupon_infos.map((c) => c.id), used, name);
  } else {
    assert.deepEqual(used, [], name);
    assert.ok(!('coupon_infos' in q.pay_request), name);
  }
}

function run(lib, c, call, check = () => {}) {
  if (c.error) {
    assert.throws(call, (e) => {
      assert.ok(e instanceof lib.BssError, `${c.name}: not a BssError: ${e}`);
      assert.equal(e.code, c.error.code, `${c.name}: ${e.message}`);
      if (c.error.field) assert.equal(e.field, c.error.field, `${c.name}: ${e.message}`);
      return true;
    });
  } else {
    const out = call();
    matches(c.expect, out, c.name);
    check(out, c.name);
  }
}

for (const [name, lib] of Object.entries(builds)) {
  describe(`${name}: quote vectors (${quotes.length} cases)`, () => {
    for (const c of quotes) test(`quotes::${c.name}`, () => run(lib, c, () => lib.quote(c.input, c.opts), invariants));
  });

  describe(`${name}: selectDiscount vectors (${discounts.length} cases)`, () => {
    for (const c of discounts) test(`discounts::${c.name}`, () => {
      run(lib, c, () => lib.selectDiscount(c.rating_text ?? c.rating, c.opts));
      if (c.rating && !c.error) {
        // The parsed object gives the same answer as its text when no digit is lost.
        assert.deepEqual(lib.selectDiscount(JSON.stringify(c.rating), c.opts), lib.selectDiscount(c.rating, c.opts), c.name);
      }
    });
  });

  describe(`${name}: priceLine vectors (${pricing.length} cases)`, () => {
    for (const c of pricing) test(`pricing::${c.name}`, () => run(lib, c, () => lib.priceLine(c.line)));
  });

  test(`${name}: quote defaults now to the current time`, () => {
    const input = { order: { order_type: 'new', charging_mode: 'period', lines: [
      { id: 'a', cloud_service_type: 'hws.service.type.ec2', region: 'cn-north-4', official_amount: '10.00' }] },
    coupons: [{ coupon_id: 'c', coupon_type: 1, status: 2, face_value: '3', effective_time: '2000-01-01T00:00:00Z',
      expire_time: '2999-01-01T00:00:00Z' }], selection: { coupon_ids: ['c'] } };
    assert.equal(lib.quote(input).payable, '7.00');
    const expired = structuredClone(input);
    expired.coupons[0].expire_time = '2001-01-01T00:00:00Z';
    assert.equal(lib.quote(expired).rejected[0].code, 'coupon_not_applicable');
  });

  test(`${name}: amounts given as JS numbers are read as String(n)`, () => {
    const q = lib.quote({ now: '2024-06-01T00:00:00Z', order: { order_type: 'new', charging_mode: 'period', lines: [
      { id: 'a', cloud_service_type: 's', region: 'r', official_amount: 0.1 },
      { id: 'b', cloud_service_type: 's', region: 'r', official_amount: 0.2 }] } });
    assert.equal(q.official_amount, '0.30');
    assert.equal(lib.priceLine({ unit_price: 0.1, period_num: 3 }).official_amount, '0.30');
  });

  test(`${name}: hostile input throws BssError and the instance lives on`, () => {
    const cyclic = {};
    cyclic.self = cyclic;
    const bad = [undefined, null, 42, 'x', [], {}, cyclic, () => 1, Symbol('s'), 10n, { order: null },
      { order: { order_type: 'new', charging_mode: 'period', lines: 'many' } },
      { order: { order_type: 'new', charging_mode: 'period', lines: [] }, coupons: 'c' },
      { order: { order_type: 'new', charging_mode: 'period', lines: [] }, selection: { coupon_ids: [1] } },
      { now: 'yesterday', order: { order_type: 'new', charging_mode: 'period', lines: [] } }];
    for (const input of bad) {
      assert.throws(() => lib.quote(input), (e) => e instanceof lib.BssError && typeof e.code === 'string', String(typeof input));
      assert.throws(() => lib.selectDiscount(input), (e) => e instanceof lib.BssError);
      assert.throws(() => lib.priceLine(input), (e) => e instanceof lib.BssError);
    }
    assert.equal(lib.priceLine({ unit_price: '1', period_num: 1 }).official_amount, '1.00');
  });

  test(`${name}: size limits are BssError too_large`, () => {
    const coupons = Array.from({ length: 1001 }, (_, i) => ({ coupon_id: `c${i}`, coupon_type: 1 }));
    assert.throws(() => lib.quote({ now: '2024-06-01T00:00:00Z', order: { order_type: 'new', charging_mode: 'period', lines: [] }, coupons }),
      (e) => e instanceof lib.BssError && e.code === 'too_large' && e.field === 'coupons');
    const lines = Array.from({ length: 1001 }, (_, i) => ({ id: `l${i}`, cloud_service_type: 's', region: 'r', official_amount: '1' }));
    assert.throws(() => lib.quote({ now: '2024-06-01T00:00:00Z', order: { order_type: 'new', charging_mode: 'period', lines } }),
      (e) => e instanceof lib.BssError && e.code === 'too_large' && e.field === 'order.lines');
    const discounts = Array.from({ length: 21 }, (_, i) => ({ discount_id: `d${i}`, discount_type: 3, amount: 1 }));
    assert.throws(() => lib.quote({ now: '2024-06-01T00:00:00Z', order: { order_type: 'new', charging_mode: 'period', lines: [] }, discounts }),
      (e) => e instanceof lib.BssError && e.code === 'too_large' && e.field === 'discounts');
  });
}

// ---- preview = charge (issue 13): what the quote previews is what the sandbox charges ----
// The sandbox computes its charge independently of the engine (www/sandbox/charge.mjs
// `charge`): a 折扣券 as a pay ratio, ListOrderDiscounts amounts as stated.
test('preview = charge: the quote\'s pay_request, paid in the sandbox, costs the quote\'s payable', async () => {
  const { startSandbox } = await import('../../www/sandbox/server.mjs');
  const sandbox = await startSandbox();
  try {
    const lib = builds.esm;
    const [, customer] = sandbox.accounts.access_keys;
    const bss = new lib.BssClient({ endpoint: sandbox.url, credentials: { ak: customer.ak, sk: customer.sk, domain_id: customer.domain_id } });
    const order_id = 'CS2503011200AAAAA';
    const selections = [
      ['best', 'best', '980.00'], // 1200 × 0.9 (stated 120.00) − 代金券 100 (满100) = 980.00
      ['the 八五折 coupon alone', { discount_id: null, coupon_ids: ['CP2025030100000002'] }, '1020.00'], // 1200 × 0.85
      ['the partner discount with the cash coupon', { discount_id: 'DSC-PTN-95', coupon_ids: ['CP2025030100000001'] }, '1040.00'],
    ];
    for (const [name, selection, expected] of selections) {
      sandbox.reset();
      const coupons = (await bss.listOrderCouponsByOrderId({ order_id })).user_coupons;
      const { discounts } = await bss.listOrderDiscounts({ order_id });
      const q = lib.quote({
        now: '2026-01-01T00:00:00Z', coupons, discounts, selection,
        order: { order_id, order_type: 'new', charging_mode: 'period', period_type: 2, period_num: 1,
          lines: [{ id: `${order_id}-000001`, cloud_service_type: 'hws.service.type.ec2', region: 'cn-north-4', official_amount: '1200.00' }] },
      });
      assert.equal(q.payable, expected, `${name}: preview`);
      assert.equal(await bss.payOrders(q.pay_request), null, name);
      assert.equal(sandbox.order(order_id).charge.payable, q.payable, `${name}: charged`);
    }
  } finally {
    await sandbox.close();
  }
});
