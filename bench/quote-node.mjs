// quote with selection "best" on the 20 lines × 30 coupons scenario, through the wasm
// package in Node (the budget in DESIGN.md: p50 ≤ 50 µs). Not a test: it prints figures.
//   make build && node bench/quote-node.mjs [iterations]
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const lib = require('../pkg/dist/index.node.cjs');
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

// The search's worst case through wasm: n flexi-purchase coupons of the same face value with
// distinct expiry on a large order (every 3-coupon set pays the same; only the tie-breaks
// decide), as in bench/quote.rs.
console.log('\nworst case: n same-value flexi coupons, distinct expiry (one line, no discount)');
for (const n of [10, 20, 30, 40, 50, 60, 70, 80]) {
  const input = {
    now: '2024-11-21T00:00:00Z',
    order: { order_type: 'new', charging_mode: 'period', lines: [
      { id: 'a', cloud_service_type: 'hws.service.type.ec2', region: 'cn-north-4', official_amount: '100000.00' }] },
    coupons: Array.from({ length: n }, (_, i) => ({ coupon_id: `F${String(i).padStart(4, '0')}`, coupon_type: 4, status: 2,
      face_value: '100.00', expire_time: `2025-01-01T${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z` })),
    selection: 'best',
  };
  const runs = n <= 40 ? 20 : 5;
  const samples = [];
  let nodes = 0;
  for (let r = 0; r < runs; r++) {
    const t = process.hrtime.bigint();
    nodes = lib.quote(input).search.nodes;
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  console.log(`  n = ${String(n).padStart(3)}: p50 ${samples[Math.floor(runs / 2)].toFixed(3).padStart(9)} ms, min ${samples[0].toFixed(3).padStart(9)} ms, ${nodes} nodes`);
}
