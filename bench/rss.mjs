// Peak resident set of a Node process running scenario (c) (200 lines × 300 coupons,
// explicit selection) 20 times: through the wasm package (`wasm`) or the hand-written
// decimal.js quote (`decimal`). Prints one JSON line; sizes in KiB (`maxRSS`).
//
//   node bench/rss.mjs wasm | decimal

import { createRequire } from 'node:module';
import { loadScenario } from './lib/scenarios.mjs';

const which = process.argv[2];
const quote = which === 'wasm'
  ? createRequire(import.meta.url)('bss-storefront').quote
  : (await import('./peers/quote-decimal.mjs')).quote;
const input = loadScenario('c').input;
const baseline = process.resourceUsage().maxRSS;
for (let i = 0; i < 20; i++) quote(input);
process.stdout.write(JSON.stringify({ baseline_kib: baseline, peak_kib: process.resourceUsage().maxRSS, calls: 20 }) + '\n');
