// The Node runner of `make bench`: every scenario through the wasm package (the `node`
// export of bss-storefront), and the peers on the same scenarios. Before anything is timed,
// the wasm answers are checked equal to the native runner's, and each peer's answers equal
// to ours; a peer that differs is reported with the differences and not timed.
//
//   node bench/node.mjs --native target/bench/native.json --out target/bench/node.json

import fs from 'node:fs';
import { createRequire } from 'node:module';
import { measureSync, measureAsync } from './lib/measure.mjs';
import { loadScenario, signInputs } from './lib/scenarios.mjs';
import { couponAnswer, quoteAnswer, registrationAnswer, differences } from './lib/answers.mjs';
import * as handWritten from './peers/coupons-js.mjs';
import * as decimalQuote from './peers/quote-decimal.mjs';
import * as jre from './peers/json-rules-engine.mjs';
import * as zen from './peers/zen.mjs';

const require = createRequire(import.meta.url);
const pkg = require('bss-storefront');

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const native = JSON.parse(fs.readFileSync(arg('--native'), 'utf8')).answers;
const version = (name) => require(`${name}/package.json`).version;

const log = (s) => process.stderr.write(`${s}\n`);
const us = (t) => `${(t.median_ns / 1000).toFixed(1)} µs`;

/** Checks `theirs` against `ours`; times `run` only when they agree. */
async function peer(name, meta, ours, theirs, run, items = 1) {
  const diffs = differences(ours, theirs, 8);
  const entry = { name, version: meta.version, expressed_in_js: meta.inexpressible ?? [], equal: diffs.length === 0, differences: diffs };
  if (entry.equal) {
    entry.timing = await run();
    log(`  ${name}: equal answers; median ${us(entry.timing)}`);
  } else {
    log(`  ${name}: ANSWERS DIFFER, not timed: ${diffs.join('; ')}`);
  }
  return entry;
}

const results = {};

function checkNative(name, ours, answer) {
  const diffs = differences(answer(native[name]), ours, 8);
  if (diffs.length) throw new Error(`(${name}) the wasm build and the native core answer differently: ${diffs.join('; ')}`);
}

// (a) coupon applicability.
{
  const s = loadScenario('a');
  const ours = couponAnswer(pkg.evaluateCoupons(s.order, s.coupons, s.opts));
  checkNative('a', ours, couponAnswer);
  log('(a) evaluateCoupons: wasm = native');
  const timing = measureSync(() => pkg.evaluateCoupons(s.order, s.coupons, s.opts));
  log(`  wasm: median ${us(timing)}`);
  const peers = [];
  peers.push(await peer('decimal.js (hand-written rules)', { version: version('decimal.js') }, ours,
    couponAnswer(handWritten.evaluateCoupons(s.order, s.coupons, s.opts)),
    () => measureSync(() => handWritten.evaluateCoupons(s.order, s.coupons, s.opts))));
  const engines = jre.create();
  peers.push(await peer(jre.NAME, { version: version('json-rules-engine'), inexpressible: jre.INEXPRESSIBLE }, ours,
    couponAnswer(await jre.evaluateCoupons(engines, s.order, s.coupons, s.opts)),
    () => measureAsync(() => jre.evaluateCoupons(engines, s.order, s.coupons, s.opts))));
  const z = zen.create();
  peers.push(await peer(zen.NAME, { version: version('@gorules/zen-engine'), inexpressible: zen.INEXPRESSIBLE }, ours,
    couponAnswer(await zen.evaluateCoupons(z, s.order, s.coupons, s.opts)),
    () => measureAsync(() => zen.evaluateCoupons(z, s.order, s.coupons, s.opts))));
  zen.dispose(z);
  results.a = { wasm: timing, peers };
}

// (b), (c) quote.
for (const name of ['b', 'c']) {
  const s = loadScenario(name);
  const ours = quoteAnswer(pkg.quote(s.input));
  checkNative(name, ours, quoteAnswer);
  log(`(${name}) quote: wasm = native`);
  const timing = measureSync(() => pkg.quote(s.input));
  log(`  wasm: median ${us(timing)}`);
  const peers = [await peer('decimal.js (hand-written quote)', { version: version('decimal.js') }, ours,
    quoteAnswer(decimalQuote.quote(s.input)),
    () => measureSync(() => decimalQuote.quote(s.input)))];
  results[name] = { wasm: timing, peers };
}

// (d) registration, one batch call; and one call per form for comparison.
{
  const s = loadScenario('d');
  const opts = { site: s.site };
  const ours = registrationAnswer(pkg.validateRegistrations(s.forms, opts));
  checkNative('d', ours, registrationAnswer);
  log('(d) validateRegistrations: wasm = native');
  const timing = measureSync(() => pkg.validateRegistrations(s.forms, opts), s.forms.length);
  log(`  wasm (batch): median ${us(timing)}`);
  const perForm = measureSync(() => {
    for (const f of s.forms) pkg.validateRegistration(f, opts);
  }, s.forms.length);
  log(`  wasm (one call per form): median ${us(perForm)}`);
  results.d = { wasm: timing, wasm_per_form: perForm, peers: [] };
}

// (e) signing: one signRequest per request.
{
  const s = loadScenario('e');
  const inputs = signInputs(s);
  const ours = inputs.map((r) => pkg.signRequest(r).headers.Authorization);
  const diffs = differences(native.e, ours, 8);
  if (diffs.length) throw new Error(`(e) the wasm build and the native core sign differently: ${diffs.join('; ')}`);
  log('(e) signRequest: wasm = native');
  const timing = measureSync(() => {
    for (const r of inputs) pkg.signRequest(r);
  }, inputs.length);
  log(`  wasm: median ${us(timing)}`);
  results.e = { wasm: timing, peers: [], authorizations: ours };
}

fs.writeFileSync(arg('--out'), JSON.stringify({ node: process.version, v8: process.versions.v8, results }));
