// The benchmark peers (bench/peers/) must give our answers on the benchmark scenarios, or
// `make bench` would compare different work: json-rules-engine and zen on (a), the
// hand-written decimal.js rules and quote on (a)–(c), against the package's answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { loadScenario } from './lib/scenarios.mjs';
import { couponAnswer, quoteAnswer } from './lib/answers.mjs';
import * as handWritten from './peers/coupons-js.mjs';
import * as decimalQuote from './peers/quote-decimal.mjs';
import * as jre from './peers/json-rules-engine.mjs';
import * as zen from './peers/zen.mjs';

const pkg = createRequire(import.meta.url)('bss-storefront');

test('bench (a): every coupon peer gives the engine\'s verdicts', async () => {
  const s = loadScenario('a');
  const ours = couponAnswer(pkg.evaluateCoupons(s.order, s.coupons, s.opts));
  // The scenario exercises every outcome: applicable, not applicable, indeterminate.
  assert.deepEqual([...new Set(ours.map((v) => v.status))].sort(), ['applicable', 'indeterminate', 'not_applicable']);
  assert.deepEqual(couponAnswer(handWritten.evaluateCoupons(s.order, s.coupons, s.opts)), ours);
  assert.deepEqual(couponAnswer(await jre.evaluateCoupons(jre.create(), s.order, s.coupons, s.opts)), ours);
  const z = zen.create();
  try {
    assert.deepEqual(couponAnswer(await zen.evaluateCoupons(z, s.order, s.coupons, s.opts)), ours);
  } finally {
    zen.dispose(z);
  }
});

test('bench (b), (c): the decimal.js quote gives the engine\'s quote, runners-up included', () => {
  for (const name of ['b', 'c']) {
    const { input } = loadScenario(name);
    const ours = quoteAnswer(pkg.quote(input));
    assert.ok(ours.coupons.length > 0, `(${name}) the quote uses coupons`);
    assert.deepEqual(quoteAnswer(decimalQuote.quote(input)), ours, `(${name})`);
  }
  assert.equal(quoteAnswer(pkg.quote(loadScenario('b').input)).alternatives.length, 3);
});

test('bench peers are not vacuous: a changed coupon changes their answer', async () => {
  const s = loadScenario('a');
  const coupons = structuredClone(s.coupons);
  const i = coupons.findIndex((c) => c.use_limits.some((l) => l.limit_key === 'serviceType'));
  coupons[i].use_limits = coupons[i].use_limits.map((l) => (l.limit_key === 'serviceType' ? { ...l, value1: 'hws.service.type.none' } : l));
  const ours = couponAnswer(pkg.evaluateCoupons(s.order, coupons, s.opts));
  assert.equal(ours[i].status, 'not_applicable');
  assert.deepEqual(couponAnswer(handWritten.evaluateCoupons(s.order, coupons, s.opts)), ours);
  const z = zen.create();
  try {
    assert.deepEqual(couponAnswer(await zen.evaluateCoupons(z, s.order, coupons, s.opts)), ours);
  } finally {
    zen.dispose(z);
  }
});
