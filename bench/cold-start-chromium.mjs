// Cold start of the pricing module in headless Chromium, first visit and repeat visits: each
// visit is a new page of one persistent profile (its HTTP cache and code cache on disk, as a
// returning customer's), served by a server started here on 127.0.0.1. Per visit: the wasm
// fetched and compiled, instantiated, and the first `quote` (one-line cart or scenario b).
// Ways of loading, each in its own fresh profile:
//   streaming     WebAssembly.compileStreaming(fetch(url)), response cacheable (max-age)
//   no-store      the same, response `cache-control: no-store` (nothing to cache)
//   array-buffer  fetch → arrayBuffer() → WebAssembly.compile (what a bundler's inlined or
//                 hand-fetched bytes do: never code-cached)
//   glue          the package's own `init()` (wasm-bindgen's loader), response cacheable
// After its first quote a visit keeps quoting for a while and stays open past V8's caching
// timeout, so the module tiers up and can be cached, as on a real page.
//
//   node bench/cold-start-chromium.mjs [--visits 6] [--out file.json]
//     [--ways streaming,glue] [--first small|b] [--js-flags '--wasm-caching-threshold=1000']

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/js/chromium.mjs';
import { ROOT, SCENARIO_DIR, FILES } from './lib/scenarios.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : process.argv[i + 1];
};
const VISITS = Number(arg('--visits', 6));
const STAY_MS = 2500; // V8 serializes a tiered-up module for the cache after ~2 s (--wasm-caching-timeout-ms)
const JS_FLAGS = arg('--js-flags'); // to explain only (e.g. V8's caching threshold), never a setting to ship
const WAYS = (arg('--ways') ?? 'streaming,no-store,array-buffer,glue').split(',');
const FIRSTS = (arg('--first') ?? 'small,b').split(',');

const SMALL = {
  order: { order_type: 'new', charging_mode: 'period', period_type: 2, period_num: 1, lines: [{ id: 'L1', cloud_service_type: 'hws.service.type.ec2', region: 'cn-north-4', official_amount: '120.50' }] },
  now: '2025-06-01T08:00:00Z',
};

const PAGE = `<!doctype html><meta charset="utf-8"><title>cold start</title>
<script type="module">
  const q = new URLSearchParams(location.search);
  const way = q.get('way');
  const wasm = '/' + way + '/pricing_bg.wasm';
  window.visit = async () => {
    const input = q.get('first') === 'b' ? (await (await fetch('/scenarios/${FILES.b}')).json()).input : ${JSON.stringify(SMALL)};
    const t0 = performance.now();
    const glue = await import('/' + way + '/pricing.js');
    const t1 = performance.now();
    let module;
    if (way === 'glue') {
      await glue.default({ module_or_path: wasm });
    } else {
      module = way === 'array-buffer'
        ? await WebAssembly.compile(await (await fetch(wasm)).arrayBuffer())
        : await WebAssembly.compileStreaming(fetch(wasm));
    }
    const t2 = performance.now();
    if (module) glue.initSync({ module });
    const t3 = performance.now();
    glue.quote(input);
    const t4 = performance.now();
    const until = performance.now() + 300;
    while (performance.now() < until) glue.quote(input);
    return { import_glue_ms: t1 - t0, compile_ms: t2 - t1, instantiate_ms: t3 - t2, first_quote_ms: t4 - t3, isolated: crossOriginIsolated, userAgent: navigator.userAgent };
  };
  document.title = 'ready';
</script>`;

const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

/** `/<way>/<file>` serves pkg/dist/<file> with that way's cache header; `/scenarios/` the scenarios. */
function serve() {
  const dist = path.join(ROOT, 'pkg/dist');
  const server = http.createServer((req, res) => {
    const headers = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
    const url = new URL(req.url, 'http://localhost').pathname;
    if (url === '/') {
      res.writeHead(200, { ...headers, 'cache-control': 'no-store', 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      return;
    }
    const [, top, ...rest] = url.split('/');
    const dir = top === 'scenarios' ? SCENARIO_DIR : WAYS.includes(top) ? dist : null;
    const file = dir && path.resolve(dir, rest.join('/'));
    if (!file?.startsWith(dir + path.sep) || !fs.existsSync(file)) {
      res.writeHead(404, headers).end();
      return;
    }
    const cache = top === 'no-store' ? 'no-store' : 'public, max-age=3600';
    res.writeHead(200, { ...headers, 'cache-control': cache, 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Bytes under a directory (Chromium's wasm code cache), 0 if it does not exist. */
function dirBytes(dir) {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).reduce((n, e) => n + (e.isFile() ? fs.statSync(path.join(e.parentPath ?? e.path, e.name)).size : 0), 0);
}

/** One series: `VISITS` visits of one way in a new profile. */
async function series(origin, way, first) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bss-cold-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...(JS_FLAGS ? [`--js-flags=${JS_FLAGS}`] : [])] });
  try {
    const visits = [];
    for (let i = 0; i < VISITS; i++) {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${origin}/?way=${way}&first=${first}`);
      await page.waitForFunction(() => document.title === 'ready');
      visits.push(await page.evaluate(() => window.visit()));
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
      await page.waitForTimeout(STAY_MS);
      await page.close();
      visits[i].wasm_code_cache_bytes = dirBytes(path.join(profile, 'Default', 'Code Cache', 'wasm'));
    }
    return { browser: visits[0].userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? visits[0].userAgent, visits };
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const total = (v) => v.compile_ms + v.instantiate_ms + v.first_quote_ms;
const round = (x) => +x.toFixed(2);

const server = await serve();
const origin = `http://127.0.0.1:${server.address().port}`;
const result = { visits: VISITS, js_flags: JS_FLAGS ?? null, stay_ms: STAY_MS, load_average_start: os.loadavg().map(round), series: {} };
try {
  for (const first of FIRSTS) {
    for (const way of WAYS) {
      const s = await series(origin, way, first);
      const repeat = s.visits.slice(Math.min(2, VISITS - 1)); // visits 3.. : the cache, if any, is written by then
      const summary = (vs) => ({
        compile_ms: round(median(vs.map((v) => v.compile_ms))),
        instantiate_ms: round(median(vs.map((v) => v.instantiate_ms))),
        first_quote_ms: round(median(vs.map((v) => v.first_quote_ms))),
        total_ms: round(median(vs.map(total))),
      });
      result.series[`${way}/${first}`] = { first_visit: summary(s.visits.slice(0, 1)), repeat_visits: summary(repeat), totals_ms: s.visits.map((v) => round(total(v))), wasm_code_cache_bytes: s.visits.map((v) => v.wasm_code_cache_bytes), isolated: s.visits.every((v) => v.isolated) };
      result.browser ??= s.browser;
      process.stderr.write(`  ${`${way}/${first}`.padEnd(20)} visits (compile + instantiate + first quote): ${s.visits.map((v) => total(v).toFixed(1)).join(', ')} ms; wasm code cache after each: ${s.visits.map((v) => v.wasm_code_cache_bytes).join(', ')} B\n`);
    }
  }
} finally {
  server.close();
}
result.load_average_end = os.loadavg().map(round);
const out = arg('--out');
if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
else process.stdout.write(JSON.stringify(result, null, 2) + '\n');
