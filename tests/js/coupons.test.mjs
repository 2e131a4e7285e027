// evaluateCoupons: the shared vectors (tests/vectors/coupons.json) in every build, plus what
// only JS can show (the default `now`, hostile JS values, BssError).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCases } from './vectors.mjs';
import { loadBuilds } from './builds.mjs';

const builds = await loadBuilds();
const cases = loadCases('coupons');

// The same comparison rules as tests/cases/coupons.rs (see the vector file's description).
function verdictDiff(got, want) {
  const diffs = [];
  const same = (what, g, w) => {
    try {
      assert.deepStrictEqual(g, w);
    } catch {
      diffs.push(`${what}: got ${JSON.stringify(g)}, want ${JSON.stringify(w)}`);
    }
  };
  same('coupon_id', got.coupon_id, want.coupon_id);
  same('status', got.status, want.status);
  const gr = got.reasons ?? [];
  const wr = want.reasons ?? [];
  same('reason codes', gr.map((r) => r.code), wr.map((r) => r.code));
  gr.forEach((g, i) => {
    const w = wr[i];
    for (const key of ['message', 'message_zh']) {
      same(`reasons[${i}].${key} present`, typeof g[key] === 'string' && g[key].length > 0, true);
    }
    if (!w) return;
    for (const key of ['limit_key', 'message', 'message_zh']) {
      if (key in w) same(`reasons[${i}].${key}`, g[key], w[key]);
    }
    for (const [k, v] of Object.entries(w.params ?? {})) same(`reasons[${i}].params.${k}`, g.params?.[k], v);
  });
  for (const key of ['kind', 'eligible_lines', 'eligible_amount', 'available', 'max_deduction', 'params']) {
    if (key in want) same(key, got[key], want[key]);
  }
  return diffs;
}

const ORDER = {
  order_type: 'new', charging_mode: 'period', period_type: 2, period_num: 1,
  lines: [{ id: 'a', cloud_service_type: 'hws.service.type.ec2', region: 'cn-north-4', official_amount: '100.00' }],
};
const COUPON = { coupon_id: 'c', coupon_type: 1, status: 2, face_value: '30' };

for (const [name, lib] of Object.entries(builds)) {
  describe(`${name}: coupon vectors (${cases.length} cases)`, () => {
    for (const c of cases) test(`coupons::${c.name}`, () => {
      const failures = [];
      let result;
      let error;
      try {
        result = lib.evaluateCoupons(c.order, c.coupons, c.opts);
      } catch (e) {
        error = e;
      }
      if (c.error) {
        if (!error) failures.push(`${c.name}: no error, want ${JSON.stringify(c.error)}`);
        else if (!(error instanceof lib.BssError)) failures.push(`${c.name}: not a BssError: ${error}`);
        else if (error.code !== c.error.code || error.field !== c.error.field) {
          failures.push(`${c.name}: error ${error.code} ${error.field} (${error.message}), want ${JSON.stringify(c.error)}`);
        }
        assert.deepEqual(failures, []);
        return;
      }
      if (error) assert.fail(`${c.name}: unexpected ${error.code}: ${error.message}`);
      if (result.length !== c.expect.length) failures.push(`${c.name}: ${result.length} verdicts, want ${c.expect.length}`);
      c.expect.forEach((want, i) => {
        const diffs = verdictDiff(result[i], want);
        if (diffs.length) failures.push(`${c.name}: ${diffs.join('; ')}`);
      });
      assert.deepEqual(failures, []);
    });
    test('coupons::(coverage)', () => {
      const verdicts = cases.reduce((n, c) => n + (c.expect?.length ?? 0), 0);
      assert.ok(cases.length >= 120 && verdicts >= 150, `${cases.length} cases, ${verdicts} verdicts`);
    });
  });

  test(`${name}: now defaults to the current time`, () => {
    const expired = { ...COUPON, expire_time: new Date(Date.now() - 60_000).toISOString() };
    const valid = { ...COUPON, coupon_id: 'v', expire_time: new Date(Date.now() + 3_600_000).toISOString() };
    const [e, v] = lib.evaluateCoupons(ORDER, [expired, valid]);
    assert.equal(e.status, 'not_applicable');
    assert.equal(e.reasons[0].code, 'expired');
    assert.equal(v.status, 'applicable');
    assert.equal(v.max_deduction, '30.00');
    // An explicit now wins.
    const [e2] = lib.evaluateCoupons(ORDER, [expired], { now: '2020-01-01T00:00:00Z' });
    assert.equal(e2.status, 'applicable');
    // undefined and null opts are "no options".
    assert.equal(lib.evaluateCoupons(ORDER, [valid], undefined)[0].status, 'applicable');
    assert.equal(lib.evaluateCoupons(ORDER, [valid], null)[0].status, 'applicable');
  });

  test(`${name}: amounts given as JS numbers are read as String(n)`, () => {
    const order = { ...ORDER, lines: [{ ...ORDER.lines[0], official_amount: 0.1 + 0.2 }] };
    const [v] = lib.evaluateCoupons(order, [{ ...COUPON, face_value: 100.1 }], { now: '2024-01-01T00:00:00Z' });
    assert.equal(v.eligible_amount, '0.30000000000000004');
    assert.equal(v.available, '100.10');
    assert.equal(v.max_deduction, '0.30');
  });

  test(`${name}: a bad order throws BssError naming the field`, () => {
    const bad = { ...ORDER, lines: [ORDER.lines[0], { ...ORDER.lines[0], id: 'b', official_amount: 'x' }] };
    assert.throws(() => lib.evaluateCoupons(bad, []), (e) => {
      assert.ok(e instanceof lib.BssError && e instanceof Error);
      assert.equal(e.code, 'invalid_order');
      assert.equal(e.field, 'lines[1].official_amount');
      assert.match(e.message, /lines\[1\]\.official_amount/);
      return true;
    });
    const many = { ...ORDER, lines: Array.from({ length: 1001 }, (_, i) => ({ ...ORDER.lines[0], id: `l${i}` })) };
    assert.throws(() => lib.evaluateCoupons(many, []), { code: 'too_large', field: 'lines' });
    assert.throws(() => lib.evaluateCoupons(ORDER, Array(1001).fill(COUPON)), { code: 'too_large', field: 'coupons' });
    assert.throws(() => lib.evaluateCoupons(ORDER, [], { now: 'soon' }), { code: 'invalid_option', field: 'now' });
  });

  test(`${name}: no JS value kills the instance`, () => {
    const cyclic = {};
    cyclic.self = cyclic;
    const bad = [undefined, null, true, 1, 'x', [], {}, cyclic, Symbol('s'), 10n, () => 1, new Date(0), NaN,
      'x'.repeat(1 << 20), { lines: 'x' }, { ...ORDER, lines: [cyclic] }, Object.create(null), new Proxy({}, {})];
    for (const order of bad) {
      assert.throws(() => lib.evaluateCoupons(order, []), (e) => e instanceof lib.BssError, `order ${typeof order}`);
      assert.equal(lib.evaluateCoupons(ORDER, [COUPON], { now: '2024-01-01T00:00:00Z' })[0].status, 'applicable');
    }
    for (const coupons of [undefined, null, 1, 'x', {}, cyclic, 10n]) {
      assert.throws(() => lib.evaluateCoupons(ORDER, coupons), (e) => e instanceof lib.BssError, `coupons ${typeof coupons}`);
    }
    // Inside the array, any value is a coupon with a verdict.
    const odd = [undefined, null, true, 1, 'x', [], {}, { coupon_id: 5, face_value: {}, use_limits: [null, 1] },
      { coupon_id: 'deep', use_limits: [{ limit_key: 'baseValue', value1: '1e400' }] }, NaN, new Date(0)];
    const verdicts = lib.evaluateCoupons(ORDER, odd, { now: '2024-01-01T00:00:00Z' });
    assert.equal(verdicts.length, odd.length);
    for (const v of verdicts) assert.notEqual(v.status, 'applicable', JSON.stringify(v));
    for (const opts of [1, 'x', [], { now: 5 }, { policy: { nope: 1 } }, { policy: 'x' }, cyclic]) {
      assert.throws(() => lib.evaluateCoupons(ORDER, [], opts), (e) => e instanceof lib.BssError, `opts ${typeof opts}`);
    }
  });
}
