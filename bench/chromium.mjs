// The Chromium runner of `make bench`: scenarios (a) and (b) through the web build
// (`pkg/dist/pricing.js`) in headless Debian Chromium, driven by playwright-core. The page
// is cross-origin isolated (COOP/COEP), so performance.now() has its fine resolution.
//
//   node bench/chromium.mjs --out target/bench/chromium.json

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { launchChromium } from '../tests/js/chromium.mjs';
import { ROOT, BENCH, SCENARIO_DIR, FILES } from './lib/scenarios.mjs';

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};

const PAGE = `<!doctype html><meta charset="utf-8"><title>bss-storefront bench</title>
<script type="module">
  import init, { evaluateCoupons, quote, version } from '/pkg/dist/pricing.js';
  import { measureSync } from '/bench/lib/measure.mjs';
  window.runBench = async () => {
    await init();
    const load = async (f) => (await fetch('/scenarios/' + f)).json();
    const a = await load('${FILES.a}');
    const b = await load('${FILES.b}');
    const answers = { a: evaluateCoupons(a.order, a.coupons, a.opts), b: quote(b.input) };
    const timings = {
      a: measureSync(() => evaluateCoupons(a.order, a.coupons, a.opts)),
      b: measureSync(() => quote(b.input)),
    };
    return { version: version(), userAgent: navigator.userAgent, isolated: crossOriginIsolated, answers, timings };
  };
  document.title = 'ready';
</script>`;

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

/** Serves the page, pkg/dist, bench/lib and the scenarios; nothing else. */
function serve() {
  const roots = { '/pkg/dist/': path.join(ROOT, 'pkg/dist'), '/bench/lib/': path.join(BENCH, 'lib'), '/scenarios/': SCENARIO_DIR };
  const server = http.createServer((req, res) => {
    const headers = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp', 'cache-control': 'no-store' };
    const url = new URL(req.url, 'http://localhost').pathname;
    if (url === '/') {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      return;
    }
    const prefix = Object.keys(roots).find((p) => url.startsWith(p));
    const file = prefix && path.resolve(roots[prefix], '.' + url.slice(prefix.length - 1));
    if (!file?.startsWith(roots[prefix] + path.sep) || !fs.existsSync(file)) {
      res.writeHead(404, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const server = await serve();
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => document.title === 'ready');
  const result = await page.evaluate(() => window.runBench());
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  result.browser = browser.version();
  fs.writeFileSync(arg('--out'), JSON.stringify(result));
  for (const k of ['a', 'b']) process.stderr.write(`chromium (${k}): median ${(result.timings[k].median_ns / 1000).toFixed(1)} µs\n`);
} finally {
  await browser.close();
  server.close();
}
