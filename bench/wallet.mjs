// The wallet handle's budgets (issue 17), in one Node process, the pricing module's Node entry:
// quote "best" (b) and evaluate (a) one-shot and via the handle, "preview on every keystroke"
// (1 wallet, 200 successive cart edits), and the decimal.js peers on (a) and (b) timed in
// interleaved rounds with the handle after their answers are checked equal to ours. Prints
// one JSON object (and a table on stderr); also cold start of the pricing module and the
// memory a 300-coupon wallet holds. Not a test: figures only.
//
//   make build && node bench/wallet.mjs [--out FILE] [--native FILE]

import fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import os from 'node:os';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { measureSync, measureRounds } from './lib/measure.mjs';
import { loadScenario } from './lib/scenarios.mjs';
import { couponAnswer, quoteAnswer, differences } from './lib/answers.mjs';

const require = createRequire(import.meta.url);
const pkg = require('../pkg/dist/pricing.cjs');
const argOf = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : null);
const out = argOf('--out');
// `--native FILE`: the native core's compact handle calls (`cargo bench --bench scenarios --
// --wallet FILE`), answers checked equal to the handle's here, then reported next to them.
const nativeWallet = argOf('--native') ? JSON.parse(fs.readFileSync(argOf('--native'), 'utf8')) : null;
const a = loadScenario('a');
const b = loadScenario('b');
const { order: bOrder, selection, ...bWallet } = b.input;
const hasWallet = typeof pkg.Wallet === 'function';
const COLD_RUNS = 11;
const results = { load_average: os.loadavg().map((x) => +x.toFixed(2)), handle: hasWallet, figures: {} };

const us = (s) => +(s.median_ns / 1000).toFixed(1);
function record(name, s, extra = {}) {
  results.figures[name] = { p50_us: us(s), p10_us: +(s.p10_ns / 1000).toFixed(1), p90_us: +(s.p90_ns / 1000).toFixed(1), ...extra };
  process.stderr.write(`${name.padEnd(52)} p50 ${String(us(s)).padStart(9)} µs   p90 ${String(results.figures[name].p90_us).padStart(9)} µs\n`);
}
const bytes = (x) => Buffer.byteLength(JSON.stringify(x));

// (b) one-shot, full output (today's default).
const full = pkg.quote(b.input);
record('quote best (b), one-shot', measureSync(() => pkg.quote(b.input)), { result_bytes: bytes(full) });
// (a) one-shot.
const verdicts = pkg.evaluateCoupons(a.order, a.coupons, a.opts);
record('evaluateCoupons (a), one-shot', measureSync(() => pkg.evaluateCoupons(a.order, a.coupons, a.opts)), { result_bytes: bytes(verdicts) });

// 200 successive cart edits of (b): a line's amount changes, a line is removed or comes back.
const edits = [];
{
  const lines = bOrder.lines.map((l) => ({ ...l }));
  const removed = [];
  for (let i = 0; i < 200; i++) {
    const k = i % lines.length;
    if (i % 7 === 3 && lines.length > 12) removed.push(lines.splice(k, 1)[0]);
    else if (i % 11 === 5 && removed.length) lines.push(removed.shift());
    else lines[k] = { ...lines[k], official_amount: (Number(lines[k].official_amount) + ((i % 5) - 2) * 3.17).toFixed(2) };
    edits.push({ ...bOrder, lines: lines.map((l) => ({ ...l })) });
  }
}
const keystrokesOneShot = () => { for (const order of edits) pkg.quote({ ...b.input, order }); };
record('keystrokes: 200 edits, one-shot quote best', measureSync(keystrokesOneShot, 200, { budgetMs: 3000, minSamples: 5 }));

if (hasWallet) {
  const wb = pkg.Wallet.from(bWallet);
  const wa = pkg.Wallet.from({ coupons: a.coupons, now: a.opts.now });
  // The handle gives the one-shot answer (its full output) before it is timed.
  const check = (what, d) => { if (d.length) throw new Error(`${what}: the handle answers differently: ${d.join('; ')}`); };
  check('(b)', differences(quoteAnswer(full), quoteAnswer(wb.quote(bOrder, { selection, messages: 'both', lines: true, alternatives: true, policy: true, explain: true })), 8));
  check('(a)', differences(couponAnswer(verdicts), couponAnswer(wa.evaluate(a.order, { messages: 'both' })), 8));
  const compact = wb.quote(bOrder, { selection });
  if (nativeWallet) {
    // The same compact calls in native Rust: equal answers first, then their times beside ours.
    for (const [k, mine, name] of [['wb', compact, 'quote best (b), handle, compact'], ['wa', wa.evaluate(a.order), 'evaluate (a), handle, compact']]) {
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(mine)), nativeWallet[k].answer)) throw new Error(`${k}: the native handle answers differently from the wasm handle`);
      const t = nativeWallet[k].timing;
      results.figures[`native: ${name}`] = { p50_us: +(t.median_ns / 1000).toFixed(1), p10_us: +(t.p10_ns / 1000).toFixed(1), p90_us: +(t.p90_ns / 1000).toFixed(1) };
    }
  }
  record('quote best (b), handle, compact', measureSync(() => wb.quote(bOrder, { selection })), { result_bytes: bytes(compact) });
  record('quote best (b), handle, full', measureSync(() => wb.quote(bOrder, { selection, messages: 'both', lines: true, alternatives: true, policy: true, explain: true })));
  record('quote best (b), handle, compact, reasons: false', measureSync(() => wb.quote(bOrder, { selection, reasons: false })), { result_bytes: bytes(wb.quote(bOrder, { selection, reasons: false })) });
  record('quote best (b), handle, order as JSON text', measureSync(() => wb.quote(JSON.stringify(bOrder), { selection })));
  const ev = wa.evaluate(a.order);
  record('evaluate (a), handle, compact', measureSync(() => wa.evaluate(a.order)), { result_bytes: bytes(ev) });
  // The JS side of a handle call alone (the order to JSON text, the result's text to objects):
  // what no engine change removes, next to the budgets.
  const compactText = JSON.stringify(compact);
  const evText = JSON.stringify(ev);
  record('JS side of (b) via the handle: stringify order + parse result', measureSync(() => JSON.stringify(bOrder).length + JSON.parse(compactText).coupons.length));
  record('JS side of (a) via the handle: stringify order + parse result', measureSync(() => JSON.stringify(a.order).length + JSON.parse(evText).length));
  record('keystrokes: 200 edits, handle quote best', measureSync(() => { for (const order of edits) wb.quote(order, { selection }); }, 200, { budgetMs: 3000, minSamples: 5 }));
  record('Wallet.from (b) + free', measureSync(() => pkg.Wallet.from(bWallet).free()));

  // The decimal.js peers, equal answers first, then in interleaved rounds with the handle.
  const { PEERS } = await import('./peers/index.mjs');
  for (const [name, call, answer, theirs] of [
    ['a', () => wa.evaluate(a.order), couponAnswer, PEERS.a.find((p) => p.id === 'decimal')],
    ['b', () => wb.quote(bOrder, { selection }), quoteAnswer, PEERS.b.find((p) => p.id === 'decimal')],
  ]) {
    const impl = await theirs.setup();
    const mineFull = name === 'a' ? verdicts : full;
    const d = differences(answer(mineFull), answer(impl.call()), 8);
    if (d.length) {
      results.figures[`decimal.js peer (${name})`] = { equal: false, differences: d };
      process.stderr.write(`decimal.js peer (${name}): answers differ: ${d.join('; ')}\n`);
      continue;
    }
    const [mine, peer] = await measureRounds([{ fn: call }, { fn: impl.call }]);
    results.figures[`decimal.js peer (${name}) vs handle`] = { equal: true, handle_p50_us: us(mine), peer_p50_us: us(peer), ratio: +peer.paired_ratio.toFixed(1) };
    process.stderr.write(`decimal.js peer (${name}): ${us(peer)} µs, handle ${us(mine)} µs: ${peer.paired_ratio.toFixed(1)}×\n`);
  }
  wa.free();
  wb.free();
}
// Cold start of the pricing module in fresh processes (bench/cold-start.mjs): compile +
// instantiate + the first one-line quote, and the first quote of (b).
{
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  for (const [mode, name] of [['web-small', 'cold start: compile + instantiate + first one-line quote'], ['web', 'cold start: compile + instantiate + first quote of (b)']]) {
    const runs = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      const r = JSON.parse(execFileSync(process.execPath, [new URL('./cold-start.mjs', import.meta.url).pathname, mode], { encoding: 'utf8' }));
      runs.push({ total: r.compile_ms + r.instantiate_ms + r.first_quote_ms, first: r.first_quote_ms });
    }
    results.figures[name] = { p50_ms: +median(runs.map((r) => r.total)).toFixed(2), first_call_p50_ms: +median(runs.map((r) => r.first)).toFixed(2), runs: COLD_RUNS };
    process.stderr.write(`${name.padEnd(52)} p50 ${results.figures[name].p50_ms} ms (first call ${results.figures[name].first_call_p50_ms} ms)\n`);
  }
}

// The memory a 300-coupon wallet holds: the wasm memory grown by 50 live wallets of the 300
// coupons of (c), per wallet (the web glue gives the instance's memory).
if (hasWallet) {
  const glue = await import(new URL('../pkg/dist/pricing.js', import.meta.url).href);
  const exports = glue.initSync({ module: new WebAssembly.Module(fs.readFileSync(new URL('../pkg/dist/pricing_bg.wasm', import.meta.url))) });
  const c = loadScenario('c').input;
  const wallet = { coupons: c.coupons, discounts: c.discounts, balances: c.balances, now: c.now };
  const text = JSON.stringify(wallet);
  glue.Wallet.from(text).free(); // the allocator's first growth is not the wallet's
  const before = exports.memory.buffer.byteLength;
  const live = Array.from({ length: 50 }, () => glue.Wallet.from(text));
  const grown = exports.memory.buffer.byteLength - before;
  for (const w of live) w.free();
  results.figures['memory of a 300-coupon wallet'] = { bytes_per_wallet: Math.round(grown / live.length), wallet_json_bytes: text.length, coupons: c.coupons.length };
  process.stderr.write(`memory of a 300-coupon wallet: ${Math.round(grown / live.length)} B of wasm memory per wallet (its JSON: ${text.length} B)\n`);
}

results.load_average_end = os.loadavg().map((x) => +x.toFixed(2));
const text = JSON.stringify(results, null, 2);
if (out) fs.writeFileSync(out, text + '\n');
process.stdout.write(text + '\n');
