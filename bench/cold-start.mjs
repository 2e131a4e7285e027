// One cold start in a fresh Node process (the orchestrator runs it many times): the web
// build's glue imported, the .wasm read, compiled, instantiated, and the first `quote` of
// scenario (b) (`web`) or of a one-line cart without coupons (`web-small`); and the
// package's Node entry (`require('bss-storefront')`, which reads,
// compiles and instantiates synchronously) up to its first `quote`. Prints one JSON line.
//
//   node bench/cold-start.mjs web | web-small | node

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, loadScenario } from './lib/scenarios.mjs';

const mode = process.argv[2];
const SMALL = {
  order: { order_type: 'new', charging_mode: 'period', period_type: 2, period_num: 1, lines: [{ id: 'L1', cloud_service_type: 'hws.service.type.ec2', region: 'cn-north-4', official_amount: '120.50' }] },
  now: '2025-06-01T08:00:00Z',
};
const input = mode === 'web-small' ? SMALL : loadScenario('b').input;
const out = {};

if (mode === 'web' || mode === 'web-small') {
  const t0 = performance.now();
  const glue = await import(path.join(ROOT, 'pkg/dist/pricing.js'));
  const t1 = performance.now();
  const bytes = fs.readFileSync(path.join(ROOT, 'pkg/dist/pricing_bg.wasm'));
  const t2 = performance.now();
  const module = await WebAssembly.compile(bytes);
  const t3 = performance.now();
  glue.initSync({ module });
  const t4 = performance.now();
  glue.quote(input);
  const t5 = performance.now();
  Object.assign(out, { import_glue_ms: t1 - t0, read_ms: t2 - t1, compile_ms: t3 - t2, instantiate_ms: t4 - t3, first_quote_ms: t5 - t4 });
} else {
  const require = createRequire(import.meta.url);
  const t0 = performance.now();
  const pkg = require('bss-storefront');
  const t1 = performance.now();
  pkg.quote(input);
  const t2 = performance.now();
  Object.assign(out, { require_ms: t1 - t0, first_quote_ms: t2 - t1 });
}
process.stdout.write(JSON.stringify(out) + '\n');
