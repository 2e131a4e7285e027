// evaluateCoupons through wasm in Node: 30 coupons × 20 lines (bench/scenarios/coupons-30x20.json),
// the scenario of the native bench (bench/coupons.rs). A timing script, not a test:
//   make build && node bench/coupons.mjs
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { evaluateCoupons } = require('../pkg/dist/pricing.cjs');
const scenario = JSON.parse(fs.readFileSync(new URL('./scenarios/coupons-30x20.json', import.meta.url), 'utf8'));
const { order, coupons, opts } = scenario;

function measure(batches, perBatch, fn) {
  for (let i = 0; i < perBatch * 10; i++) fn();
  const times = [];
  for (let b = 0; b < batches; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < perBatch; i++) fn();
    times.push(Number(process.hrtime.bigint() - start) / 1000 / perBatch);
  }
  return times.sort((a, b) => a - b);
}

function report(name, times) {
  const at = (q) => times[Math.floor((times.length - 1) * q)];
  console.log(`${name.padEnd(44)} p50 ${at(0.5).toFixed(2).padStart(8)} µs   p10 ${at(0.1).toFixed(2).padStart(8)}   p90 ${at(0.9).toFixed(2).padStart(8)}`);
}

const verdicts = evaluateCoupons(order, coupons, opts);
const count = (s) => verdicts.filter((v) => v.status === s).length;
console.log(`scenario: ${coupons.length} coupons × ${order.lines.length} lines → ${count('applicable')} applicable, ` +
  `${count('not_applicable')} not applicable, ${count('indeterminate')} indeterminate`);
report('evaluateCoupons (objects in, objects out)', measure(100, 50, () => evaluateCoupons(order, coupons, opts)));
// The binding's own JS work: JSON.stringify of the arguments, JSON.parse of the answer.
const answer = JSON.stringify(verdicts);
report('  of which JSON.stringify of the inputs', measure(100, 50, () => JSON.stringify(order) + JSON.stringify(coupons)));
report(`  of which JSON.parse of the verdicts (${answer.length} B)`, measure(100, 50, () => JSON.parse(answer)));
