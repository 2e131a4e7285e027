// The Node runner of `make bench`: every scenario through the wasm package (the `node`
// export of bss-storefront), and the peers on the same scenarios, each peer in its own
// process (bench/peer.mjs). Before anything is timed, the wasm answers are checked equal to
// the native runner's, and each peer's answers equal to ours; a peer that differs is
// reported with the differences and not timed.
//
//   node bench/node.mjs --native target/bench/native.json --out target/bench/node.json

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { measureSync } from './lib/measure.mjs';
import { BENCH, loadScenario, signInputs } from './lib/scenarios.mjs';
import { couponAnswer, quoteAnswer, registrationAnswer, differences } from './lib/answers.mjs';
import { PEERS } from './peers/index.mjs';

const require = createRequire(import.meta.url);
const pkg = require('bss-storefront');

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const native = JSON.parse(fs.readFileSync(arg('--native'), 'utf8')).answers;

const log = (s) => process.stderr.write(`${s}\n`);
const us = (t) => `${(t.median_ns / 1000).toFixed(1)} µs`;

/** One peer on one scenario, in its own process (bench/peer.mjs). */
function peer(name, id) {
  const r = spawnSync(process.execPath, [path.join(BENCH, 'peer.mjs'), name, id], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`bench/peer.mjs ${name} ${id}: exit ${r.status}`);
  const p = JSON.parse(r.stdout);
  log(p.equal
    ? `  ${p.name}: equal answers; median ${us(p.timing)}, ${p.timing.paired_ratio.toFixed(2)}× ours in interleaved rounds`
    : `  ${p.name}: ANSWERS DIFFER, not timed: ${p.differences.join('; ')}`);
  return p;
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
  const wasm = measureSync(() => pkg.evaluateCoupons(s.order, s.coupons, s.opts));
  log(`  wasm: median ${us(wasm)}`);
  // The JS side of the call alone: the binding stringifies the arguments and parses the result.
  const out = JSON.stringify(pkg.evaluateCoupons(s.order, s.coupons, s.opts));
  const boundary = measureSync(() => {
    JSON.stringify(s.order);
    JSON.stringify(s.coupons);
    JSON.stringify(s.opts);
    JSON.parse(out);
  });
  results.a = { wasm, json_boundary: boundary, peers: PEERS.a.map((p) => peer('a', p.id)) };
}

// (b), (c) quote.
for (const name of ['b', 'c']) {
  const s = loadScenario(name);
  const ours = quoteAnswer(pkg.quote(s.input));
  checkNative(name, ours, quoteAnswer);
  log(`(${name}) quote: wasm = native`);
  const wasm = measureSync(() => pkg.quote(s.input));
  log(`  wasm: median ${us(wasm)}`);
  const out = JSON.stringify(pkg.quote(s.input));
  const boundary = measureSync(() => {
    JSON.stringify(s.input);
    JSON.parse(out);
  });
  results[name] = { wasm, json_boundary: boundary, peers: PEERS[name].map((p) => peer(name, p.id)) };
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
