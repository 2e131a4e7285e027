// bench/RESULTS.md from bench/results.json: budgets first, then one table per scenario.
//
//   node bench/report.mjs        rewrite RESULTS.md from results.json (no measuring)

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUDGETS } from './lib/sizes.mjs';

const KIB = 1024;

const fmtTime = (ns) => {
  if (ns >= 1e9) return `${(ns / 1e9).toFixed(2)} s`;
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(ns >= 1e8 ? 0 : ns >= 1e7 ? 1 : 2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(ns >= 1e5 ? 0 : ns >= 1e4 ? 1 : 2)} µs`;
  return `${ns.toFixed(0)} ns`;
};
const fmtRate = (perSecond) => {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M`;
  if (perSecond >= 1e4) return `${(perSecond / 1e3).toFixed(1)} k`;
  if (perSecond >= 100) return `${Math.round(perSecond)}`;
  return perSecond.toFixed(perSecond >= 10 ? 1 : 2);
};
const ratio = (x) => (x >= 100 ? `${Math.round(x)}×` : x >= 10 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`);
const kb = (bytes) => `${(bytes / KIB).toFixed(1)} KB`;
const spread = (t) => `${fmtTime(t.p10_ns)} – ${fmtTime(t.p90_ns)}`;

/** The cold-start table of Chromium's first and repeat visits (bench/cold-start-chromium.mjs). */
export function chromiumColdStart(c) {
  if (!c) return [];
  const ms = (x) => `${x.toFixed(1)} ms`;
  const step = (v) => `${ms(v.total_ms)} (${ms(v.compile_ms)} + ${ms(v.instantiate_ms)} + ${ms(v.first_quote_ms)})`;
  const ways = {
    streaming: '`compileStreaming(fetch(url))`, cacheable response',
    'no-store': '`compileStreaming(fetch(url))`, `cache-control: no-store`',
    'array-buffer': '`fetch` → `arrayBuffer()` → `WebAssembly.compile`, cacheable',
    glue: "the package's `init()` (wasm-bindgen loader: fetch + compile + instantiate in the first figure), cacheable",
  };
  const lines = [
    `### Chromium, first and repeat visits (${c.browser}, ${c.visits} visits per way, a new profile per way; load average ${c.load_average_start.join(' / ')} at the start, ${c.load_average_end.join(' / ')} at the end)`,
    '',
    'Each visit is a new page of one persistent profile (HTTP cache and code cache on disk) served on 127.0.0.1; it stays ' + c.stay_ms / 1000 + ' s after its first quote so the module can tier up and be cached. Cells: compile + instantiate + first `quote` (compile ms + instantiate ms + quote ms); "repeat" is the median of visits 3 to ' + c.visits + '.',
    '',
    '| way of loading | first visit, one-line quote | repeat visit, one-line quote | first visit, quote of (b) | repeat visit, quote of (b) |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const [way, name] of Object.entries(ways)) {
    const s = c.series[`${way}/small`];
    const b = c.series[`${way}/b`];
    if (!s || !b) continue;
    lines.push(`| ${name} | ${step(s.first_visit)} | ${step(s.repeat_visits)} | ${step(b.first_visit)} | ${step(b.repeat_visits)} |`);
  }
  lines.push(
    '',
    `Totals per visit, in order (ms), and the bytes in the profile's wasm code cache after the last visit: ${Object.entries(c.series).map(([k, v]) => `${k} ${v.totals_ms.join(', ')} (${v.wasm_code_cache_bytes?.at(-1) ?? '—'} B)`).join('; ')}.`,
    '',
  );
  return lines;
}

/** Every DESIGN.md budget, with the measured figure and met / missed. */
export function budgets(r) {
  const out = [];
  const add = (budget, measured, met) => out.push({ budget, measured, status: met ? 'met' : 'missed' });
  for (const [area, s] of Object.entries(r.sizes)) {
    const b = BUDGETS[area];
    add(`${area} wasm ≤ ${b.wasm / KIB} KB gzipped`, `${kb(s.wasm_gzip)} gzipped (${kb(s.wasm_raw)} raw)`, s.wasm_gzip <= b.wasm);
    add(`${area} JS glue ≤ ${b.glue / KIB} KB gzipped`, `${kb(s.glue_gzip)} gzipped (${kb(s.glue_raw)} raw)`, s.glue_gzip <= b.glue);
  }
  // DESIGN.md's speed budgets: through the wallet handle (bench/wallet.mjs), and the one-shot call.
  const f = r.wallet?.figures ?? {};
  const native = (k) => (f[`native: ${k}`] ? `; native Rust, the same call: ${fmtTime(f[`native: ${k}`].p50_us * 1e3)}` : '');
  for (const [budget, k, max] of [
    ['`quote` "best" 20 lines × 30 coupons through the wallet handle: p50 ≤ 50 µs in Node', 'quote best (b), handle, compact', 50],
    ['`evaluate` 20 lines × 30 coupons through the wallet handle: p50 ≤ 25 µs in Node', 'evaluate (a), handle, compact', 25],
  ]) {
    if (f[k]) add(budget, `p50 ${fmtTime(f[k].p50_us * 1e3)} (p10–p90 ${fmtTime(f[k].p10_us * 1e3)} – ${fmtTime(f[k].p90_us * 1e3)}${native(k)})`, f[k].p50_us <= max);
  }
  const b = r.results.b.wasm_node.median_ns;
  add('one-shot `quote` 20 lines × 30 coupons, `selection: "best"`: p50 ≤ 150 µs in Node', `p50 ${fmtTime(b)} (p10–p90 ${spread(r.results.b.wasm_node)}; native Rust ${fmtTime(r.results.b.native.median_ns)})`, b <= 150e3);
  const cold = r.cold_start.web.median_ms;
  const small = r.cold_start['web-small'].median_ms;
  add('cold start in Node, pricing module (compile + instantiate + first one-line quote) ≤ 5 ms', `${small.total_ms.toFixed(1)} ms (compile ${small.compile_ms.toFixed(1)} + instantiate ${small.instantiate_ms.toFixed(1)} + quote ${small.first_quote_ms.toFixed(1)}; load average ${r.machine.load_average_start.join(' / ')} at the run's start)`, small.total_ms <= 5);
  add('cold start in Node: first `quote` of (b) ≤ 10 ms', `${cold.first_quote_ms.toFixed(1)} ms (compile + instantiate + quote ${cold.total_ms.toFixed(1)} ms)`, cold.first_quote_ms <= 10);
  // Issue 17: the wasm in Node within twice the native core's time, on the engine's scenarios.
  for (const k of ['a', 'b', 'c']) {
    const res = r.results[k];
    if (!res?.native) continue;
    const x = res.wasm_node.median_ns / res.native.median_ns;
    add(`wasm in Node ≤ 2× native Rust on (${k})`, `${ratio(x)} (medians ${fmtTime(res.wasm_node.median_ns)} vs ${fmtTime(res.native.median_ns)})`, x <= 2);
  }
  for (const [what, k] of [['(a) through the handle', 'evaluate (a), handle, compact'], ['(b) through the handle', 'quote best (b), handle, compact']]) {
    const n = f[`native: ${k}`];
    if (!n || !f[k]) continue;
    const x = f[k].p50_us / n.p50_us;
    add(`wasm in Node ≤ 2× native Rust on ${what}`, `${ratio(x)} (medians ${fmtTime(f[k].p50_us * 1e3)} vs ${fmtTime(n.p50_us * 1e3)})`, x <= 2);
  }
  for (const [k, res] of Object.entries(r.results)) {
    for (const p of res.peers) {
      if (!/decimal|json-rules|zen/.test(p.name)) continue;
      if (!p.equal) {
        add(`faster than ${p.name} on (${k})`, 'answers differ: not comparable', false);
        continue;
      }
      const x = p.timing.paired_ratio ?? p.timing.median_ns / res.wasm_node.median_ns;
      // DESIGN.md: ≥ 10× the decimal.js port on (a) and (b); the other peers: faster.
      const tenfold = /decimal/.test(p.name) && (k === 'a' || k === 'b');
      add(`${tenfold ? '≥ 10× ' : ''}faster than ${p.name} on (${k}), Node, one-shot call`, `${x >= 1 ? `${ratio(x)} faster` : `${ratio(1 / x)} slower`} (median ratio of interleaved rounds; medians ${fmtTime((p.ours_in_rounds ?? res.wasm_node).median_ns)} vs ${fmtTime(p.timing.median_ns)})`, tenfold ? x >= 10 : x > 1);
      const h = tenfold && f[`decimal.js peer (${k}) vs handle`];
      if (h?.equal) add(`≥ 10× faster than ${p.name} on (${k}), Node, through the wallet handle`, `${ratio(h.ratio)} faster (median ratio of interleaved rounds; medians ${fmtTime(h.handle_p50_us * 1e3)} vs ${fmtTime(h.peer_p50_us * 1e3)})`, h.ratio >= 10);
    }
  }
  return out;
}

function scenarioTable(k, s, res) {
  const items = res.native.items_per_call;
  const unit = k === 'd' ? 'forms/s' : k === 'e' ? 'requests/s' : 'calls/s';
  const ours = res.wasm_node.median_ns;
  const rows = [];
  const row = (runner, t, vs) => {
    rows.push(`| ${runner} | ${fmtTime(t.median_ns)} | ${fmtTime(t.min_ns)} | ${spread(t)} | ${t.samples} | ${fmtRate((1e9 / t.median_ns) * items)} ${unit} | ${vs} |`);
  };
  row('**bss-storefront, native Rust**', res.native, `wasm/native ${ratio(ours / res.native.median_ns)}`);
  row('**bss-storefront, wasm in Node**', res.wasm_node, '—');
  if (res.json_boundary_node) row('JSON in/out alone (JS side of our call: `JSON.stringify` of the arguments, `JSON.parse` of the result)', res.json_boundary_node, `${Math.round((100 * res.json_boundary_node.median_ns) / ours)} % of our call`);
  if (res.wasm_node_per_form) row('bss-storefront, wasm in Node, one `validateRegistration` call per form', res.wasm_node_per_form, `${ratio(res.wasm_node_per_form.median_ns / ours)} the batch`);
  if (res.wasm_chromium) row('**bss-storefront, wasm in Chromium**', res.wasm_chromium, `${ratio(res.wasm_chromium.median_ns / ours)} Node's time`);
  for (const p of res.peers) {
    if (p.equal) {
      const x = p.timing.paired_ratio ?? p.timing.median_ns / ours;
      row(`${p.name} ${p.version}`, p.timing, x >= 1 ? `ours ${ratio(x)} faster` : `ours ${ratio(1 / x)} slower`);
    } else {
      rows.push(`| ${p.name} ${p.version} | — | — | — | — | — | answers differ, not timed: ${p.differences.join('; ')} |`);
    }
  }
  const perItem = items > 1 ? ` Times are per call of ${items.toLocaleString('en-US')} items.` : '';
  const noPeer = res.peers.length ? '' : ' No peer: the issue names none for this scenario.';
  return [
    `### (${k}) ${s.title}`,
    '',
    `\`${s.call}\` on \`${s.file}\` (sha256 \`${s.sha256.slice(0, 16)}…\`).${perItem}${noPeer}`,
    '',
    '| runner | median | min | p10 – p90 | samples | throughput (median) | comparison |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
  ].join('\n');
}

/**
 * The wallet handle's budgets (issue 17), from `bench/wallet.mjs` (`r.wallet`) next to the
 * run before the handle (`bench/wallet-before.json`, `r.wallet_before`).
 */
export function walletSection(w, before) {
  if (!w) return [];
  const f = w.figures;
  const b = before?.figures ?? {};
  const us = (x) => (x == null ? '—' : `${x.toLocaleString('en-US')} µs`);
  const msf = (x) => (x == null ? '—' : `${x} ms`);
  const rows = [];
  const row = (what, was, now, budget, met) =>
    rows.push(`| ${what} | ${was} | ${now} | ${budget} | ${met == null ? '—' : met ? '**met**' : '**missed**'} |`);
  const p50 = (k) => f[k]?.p50_us;
  const oneShotB = b['quote best (b), one-shot']?.p50_us;
  const oneShotA = b['evaluateCoupons (a), one-shot']?.p50_us;
  row('quote "best" (b) 20 × 30, 3 discounts, via the handle (compact)', `${us(oneShotB)} (one-shot, no handle)`, us(p50('quote best (b), handle, compact')), 'p50 ≤ 50 µs', p50('quote best (b), handle, compact') <= 50);
  const floor = 'native Rust, the same compact call through the handle (no JS, no wasm: the engine\'s own time)';
  row('the same, full view (messages, lines, alternatives, policy, explain)', '—', us(p50('quote best (b), handle, full')), '—', null);
  row('the same, without the rejections\' reasons (`reasons: false`)', '—', us(p50('quote best (b), handle, compact, reasons: false')), '—', null);
  row('the same, the order as JSON text', '—', us(p50('quote best (b), handle, order as JSON text')), '—', null);
  if (f['native: quote best (b), handle, compact']) row(`${floor}, (b)`, '—', us(p50('native: quote best (b), handle, compact')), '—', null);
  row('evaluate (a) 20 × 30 via the handle (compact)', `${us(oneShotA)} (one-shot, no handle)`, us(p50('evaluate (a), handle, compact')), 'p50 ≤ 25 µs', p50('evaluate (a), handle, compact') <= 25);
  row('of which the JS side alone: `JSON.stringify` of the order, `JSON.parse` of the compact result ((b), (a))', '—', `${us(p50('JS side of (b) via the handle: stringify order + parse result'))}, ${us(p50('JS side of (a) via the handle: stringify order + parse result'))}`, '—', null);
  if (f['native: evaluate (a), handle, compact']) row(`${floor}, (a)`, '—', us(p50('native: evaluate (a), handle, compact')), '—', null);
  row('one-shot `quote` "best" (b)', us(oneShotB), us(p50('quote best (b), one-shot')), 'p50 ≤ 150 µs', p50('quote best (b), one-shot') <= 150);
  row('one-shot `evaluateCoupons` (a)', us(oneShotA), us(p50('evaluateCoupons (a), one-shot')), '—', null);
  for (const k of ['a', 'b']) {
    const now = f[`decimal.js peer (${k}) vs handle`];
    const was = b[`decimal.js peer (${k}) vs one-shot`];
    row(`decimal.js port on (${k}): its time / ours`, was ? `${was.ratio}× (one-shot)` : '—', now?.equal ? `${now.ratio}× (handle; ${us(now.handle_p50_us)} vs ${us(now.peer_p50_us)})` : 'answers differ', '≥ 10×', now?.equal ? now.ratio >= 10 : false);
  }
  const coldSmall = 'cold start: compile + instantiate + first one-line quote';
  const coldB = 'cold start: compile + instantiate + first quote of (b)';
  row('cold start, pricing module: compile + instantiate + first one-line quote', msf(b[coldSmall]?.p50_ms), msf(f[coldSmall]?.p50_ms), '≤ 5 ms', f[coldSmall]?.p50_ms <= 5);
  row('first quote of (b) in a fresh process (the call alone; compile + instantiate + call in brackets)', `${msf(b[coldB]?.first_call_p50_ms)} (${msf(b[coldB]?.p50_ms)})`, `${msf(f[coldB]?.first_call_p50_ms)} (${msf(f[coldB]?.p50_ms)})`, '≤ 10 ms', f[coldB]?.first_call_p50_ms <= 10);
  const keys = (k) => (f[k] ? `${(f[k].p50_us / 1000).toFixed(1)} ms (${(f[k].p50_us / 200).toFixed(0)} µs per edit)` : '—');
  const keysBefore = b['keystrokes: 200 edits, one-shot quote best'];
  row('preview on every keystroke: 1 wallet, 200 successive cart edits, quote "best" each', keysBefore ? `${(keysBefore.p50_us / 1000).toFixed(1)} ms (one-shot)` : '—', keys('keystrokes: 200 edits, handle quote best'), '—', null);
  row('`Wallet.from` (b) + `free()`', '—', us(p50('Wallet.from (b) + free')), '—', null);
  const mem = f['memory of a 300-coupon wallet'];
  const size = (k) => (f[k]?.result_bytes ? `${f[k].result_bytes.toLocaleString('en-US')} B` : '—');
  return [
    '## Wallet handle (issue 17)',
    '',
    `\`node bench/wallet.mjs\` (in \`make bench\`), Node, the pricing module's Node entry, one process; load average ${w.load_average.join(' / ')} at its start, ${w.load_average_end.join(' / ')} at its end. Single runs on this 2-core machine vary by ±30–50 % with its load; the ratios of interleaved rounds (decimal.js rows) are the steadier figures. "Before": the same script on the commit the work started from (${before?.commit ?? '—'}), load average ${before?.load_average?.join(' / ') ?? '—'}; there was no handle then, so the handle rows compare with the one-shot call they replace. The two runs saw different loads: \`PROFILE.md\` ("Wallet handle") has both builds measured back to back and cold start alternating between them, the fairer comparison.`,
    '',
    '| scenario | before (p50) | after (p50) | budget | status |',
    '|---|---:|---:|---|---|',
    ...rows,
    '',
    `Result sizes (JSON): quote (b) one-shot ${size('quote best (b), one-shot')}, via the handle, compact ${size('quote best (b), handle, compact')}, compact without reasons ${size('quote best (b), handle, compact, reasons: false')}; evaluate (a) one-shot ${size('evaluateCoupons (a), one-shot')}, compact ${size('evaluate (a), handle, compact')}.`,
    '',
    mem ? `Memory a wallet holds: ${mem.bytes_per_wallet.toLocaleString('en-US')} B of wasm memory per wallet of ${mem.coupons} coupons (the coupons of (c); wasm memory grown by 50 live wallets, divided by 50; their JSON text is ${mem.wallet_json_bytes.toLocaleString('en-US')} B).` : '',
    '',
    'Where the time goes (callgrind, native, instructions per call, `bench/native.rs --calls`): see `PROFILE.md` ("Wallet handle").',
    '',
  ];
}

export function markdown(r) {
  const m = r.machine;
  const t = r.tools;
  const lines = [
    '# Benchmarks',
    '',
    `Generated by \`make bench\` (${r.duration_s} s) on ${r.generated_at.slice(0, 16).replace('T', ' ')} UTC. Do not edit: \`make bench\` rewrites this file and \`bench/results.json\`.`,
    '',
    `**Machine:** ${m.cpu}, ${m.cores} cores, ${m.memory_gib} GiB, ${m.os}; load average ${m.load_average_start.join(' / ')} at the start, ${m.load_average_end.join(' / ')} at the end (the cores are shared: absolute times are pessimistic, ratios measured in the same run are the figures to read).`,
    '',
    `**Tools:** ${t.rustc}; Node ${t.node}; Chromium ${t.chromium}; Python ${t.python}; json-rules-engine ${t['json-rules-engine']}; @gorules/zen-engine ${t['@gorules/zen-engine']}; decimal.js ${t['decimal.js']}; bss-storefront ${t['bss-storefront']}.`,
    '',
    '## Budgets (DESIGN.md)',
    '',
    '| budget | measured | status |',
    '|---|---|---|',
    ...budgets(r).map((b) => `| ${b.budget} | ${b.measured} | **${b.status}** |`),
    '',
    'Profiles of the missed budgets and the proposed engine fixes, with before/after instruction counts: [`PROFILE.md`](PROFILE.md).',
    '',
    ...walletSection(r.wallet, r.wallet_before),
    '## Scenarios',
    '',
    'Every runner reads the same files (`node bench/scenarios/generate.mjs` writes them from a fixed seed). Before any timing, the wasm answers (Node and Chromium) are checked equal to the native ones, and each peer\'s answers equal to ours (per coupon: status, reason codes, eligible lines, eligible amount, `max_deduction`; per quote: the discount and coupons chosen, every total and line column, the payment split, what was rejected and the runners-up; per request: the `Authorization` header). "ours N× faster": for the Node peers, the median of the per-round ratios of ours and the peer timed in interleaved rounds (one sample of each per round, so both see the same load on the shared cores); for the Python signer, the ratio of medians.',
    '',
    ...Object.entries(r.results).map(([k, res]) => scenarioTable(k, r.scenarios[k], res)),
    '## What each peer expresses',
    '',
  ];
  const seen = new Set();
  for (const res of Object.values(r.results)) {
    for (const p of res.peers) {
      if (seen.has(p.name)) continue;
      seen.add(p.name);
      lines.push(`* **${p.name}** — ${p.equal ? 'same answers as ours on every scenario it runs' : 'answers differ'}.`);
      if (p.expressed_in_js.length) {
        lines.push('  What its rules cannot say, done in JavaScript around it (the same code as the hand-written peer):');
        for (const x of p.expressed_in_js) lines.push(`  * ${x}`);
      }
    }
  }
  lines.push(
    '* The decimal.js quote (b, c) is a hand-written port of the same rules, including the same exact branch-and-bound search for `selection: "best"` (contexts ordered and skipped by the same bound), so (b) compares implementations, not algorithms.',
    '',
    '## Cold start (Node, fresh process, median of ' + r.cold_start.web.runs + ' runs)',
    '',
    '| step | web build, first `quote` of (b) | web build, one-line `quote` | `require(\'bss-storefront\')` (Node entry) |',
    '|---|---:|---:|---:|',
  );
  const cw = r.cold_start.web.median_ms;
  const cs = r.cold_start['web-small'].median_ms;
  const cn = r.cold_start.node.median_ms;
  const ms = (x) => (x == null ? '—' : `${x.toFixed(2)} ms`);
  lines.push(
    `| import the JS glue | ${ms(cw.import_glue_ms)} | ${ms(cs.import_glue_ms)} | — |`,
    `| read the .wasm | ${ms(cw.read_ms)} | ${ms(cs.read_ms)} | — |`,
    `| compile | ${ms(cw.compile_ms)} | ${ms(cs.compile_ms)} | — |`,
    `| instantiate | ${ms(cw.instantiate_ms)} | ${ms(cs.instantiate_ms)} | — |`,
    `| \`require\` (read + compile + instantiate) | — | — | ${ms(cn.require_ms)} |`,
    `| first \`quote\` | ${ms(cw.first_quote_ms)} | ${ms(cs.first_quote_ms)} | ${ms(cn.first_quote_ms)} |`,
    `| **compile + instantiate + first call** (\`require\` + first call) | **${ms(cw.total_ms)}** | **${ms(cs.total_ms)}** | **${ms(cn.total_ms)}** |`,
    `| the same, fastest run | ${ms(r.cold_start.web.min_total_ms)} | ${ms(r.cold_start['web-small'].min_total_ms)} | ${ms(r.cold_start.node.min_total_ms)} |`,
    '',
    'V8 compiles wasm functions lazily (Liftoff on first call, TurboFan later), so the first call carries the compilation of every function it reaches.',
    '',
    ...chromiumColdStart(r.cold_start_chromium),
    '## Peak RSS, scenario (c) (20 calls, 200 lines × 300 coupons)',
    '',
    '| process | before the scenario | peak |',
    '|---|---:|---:|',
  );
  const mib = (k) => `${(k / 1024).toFixed(1)} MiB`;
  const rss = r.peak_rss_c;
  lines.push(
    `| native Rust (bench binary) | ${mib(rss.native.baseline_kib)} | ${mib(rss.native.peak_kib)} |`,
    `| Node, wasm package | ${mib(rss.wasm_node.baseline_kib)} | ${mib(rss.wasm_node.peak_kib)} |`,
    `| Node, decimal.js quote | ${mib(rss.decimal_node.baseline_kib)} | ${mib(rss.decimal_node.peak_kib)} |`,
    '',
    '## Sizes',
    '',
    ...Object.entries(r.sizes).map(
      ([area, s]) =>
        `* ${area}: wasm (\`pkg/dist/${area}_bg.wasm\`, shared by the web and Node glue) ${s.wasm_raw.toLocaleString('en-US')} B raw, ${s.wasm_gzip.toLocaleString('en-US')} B gzipped (-9); JS glue (\`${area}.js\`, \`${area}.web.js\`, \`bss_error.js\`) ${s.glue_gzip.toLocaleString('en-US')} B gzipped.`,
    ),
    '',
    '## Method',
    '',
    '* Each figure is a distribution of the time per call: a sample repeats the call until it lasts ≥ 20 ms, samples are taken for 1.5 s (at least 11; at least 5 for calls slower than ~0.4 s, 3 for the Python signer), after one warm-up call. Median, p10 and p90 over the samples. The same loop in Rust (`bench/native.rs`: `std::time::Instant`, `std::hint::black_box`), Node and Chromium (`bench/lib/measure.mjs`: `performance.now()`; the page is cross-origin isolated) and Python (`time.perf_counter`).',
    '* Native Rust is the JSON-text API a Rust service calls (`coupons::evaluate_json`, `quote::quote_json`, forms read from JSON, `sign::sign_url`), built with the crate\'s release profile (opt-level "s", LTO). Node and Chromium call the package with JS objects (one call per job).',
    '* Each Node peer runs in its own process (no other peer shares its JIT profile or heap) and is timed together with ours in interleaved rounds (one sample of each per round, at least 7 rounds and 3 s); the table gives the peer\'s median over its rounds and the median of its per-round ratio to ours. Our headline figures (bold rows) come from a separate run of ours alone.',
    '* json-rules-engine and zen build their rules once, outside the timing; coupons and the cart are facts / table inputs of every call. Async peers are awaited one call after another.',
    '* Peak RSS is `VmHWM` (native) or `process.resourceUsage().maxRSS` (Node) of a process that reads scenario (c) and quotes it 20 times.',
    '* Reproduce: `make bench`; the runners alone: `cargo bench --bench scenarios`, `node bench/node.mjs`, `node bench/chromium.mjs` (see `bench/README.md`).',
    '',
  );
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = path.dirname(fileURLToPath(import.meta.url));
  const r = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8'));
  // `node bench/report.mjs --wallet FILE`: the wallet section from a new bench/wallet.mjs run.
  const at = process.argv.indexOf('--wallet');
  if (at > 0) r.wallet = JSON.parse(fs.readFileSync(process.argv[at + 1], 'utf8'));
  r.wallet_before ??= JSON.parse(fs.readFileSync(path.join(dir, 'wallet-before.json'), 'utf8'));
  fs.writeFileSync(path.join(dir, 'RESULTS.md'), markdown(r));
}
