// quote with selection "best" on the 20 lines × 30 coupons scenario, through the wasm
// package in Node (the budget in DESIGN.md: p50 ≤ 50 µs). Not a test: it prints figures.
//   make build && node bench/quote-node.mjs [iterations]
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const lib = require('../pkg/entry/node.cjs');
const scenario = JSON.parse(fs.readFileSync(new URL('./scenarios/quote-best-20x30.json', import.meta.url), 'utf8'));
const iterations = Number(process.argv[2] ?? 2000);

function time(label, fn) {
  for (let i = 0; i < Math.max(50, iterations / 10); i++) fn();
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const t = process.hrtime.bigint();
    fn();
    samples[i] = Number(process.hrtime.bigint() - t) / 1000;
  }
  samples.sort();
  const at = (p) => samples[Math.min(samples.length - 1, Math.round((samples.length - 1) * p))];
  console.log(`${label.padEnd(56)} p50 ${at(0.5).toFixed(1).padStart(8)} µs   p90 ${at(0.9).toFixed(1).padStart(8)} µs   min ${at(0).toFixed(1).padStart(8)} µs   (${iterations} runs)`);
}

const q = lib.quote(scenario.input);
console.log(`best: discount ${q.discount?.discount_id ?? null}, coupons ${JSON.stringify(q.coupons.map((c) => c.coupon_id))}, payable ${q.payable}; ${q.search.nodes} search nodes, exact ${q.search.exact}`);
time('quote (object in, object out), 20 lines × 30 coupons', () => lib.quote(scenario.input));
const explicit = { ...scenario.input, selection: { discount_id: q.discount?.discount_id ?? null, coupon_ids: q.coupons.map((c) => c.coupon_id) } };
time('quote, the same combination given explicitly', () => lib.quote(explicit));
time('evaluateCoupons alone (same order and coupons)', () => lib.evaluateCoupons(scenario.input.order, scenario.input.coupons, { now: scenario.input.now }));
