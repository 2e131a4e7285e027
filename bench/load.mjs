// `make bench-load`: the signing proxy under load, with autocannon, on 127.0.0.1.
//
//   proxy   the package's proxy (createProxy + toNodeListener) in front of a trivial upstream
//   plain   a forwarding proxy without signing or validation, in front of the same upstream
//   demo    the demo server end to end (www/server.mjs: proxy + BSS sandbox, signatures checked)
//
// Every target is called with the same CheckUserIdentity request at 1, 10 and 50 connections,
// 4 rounds each; each server runs in its own process, fresh per target, and reports its
// resident memory after every round. Results: bench/LOAD.md (and target/bench/load.json).
// Reported, never asserted.
//
//   node bench/load.mjs [--seconds 5] [--root .] [--label after] [--out bench/LOAD.md]
//                       [--json target/bench/load.json] [--before target/bench/load-before.json]
//
// --root measures another checkout's pkg/ and www/ (built), e.g. main before a change;
// --before adds a previous run's JSON as the "before" table.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { compareAdapters, adaptersMarkdown } from './node-adapters.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');
const require = createRequire(path.join(BENCH, 'package.json'));
const autocannon = require('autocannon');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const SECONDS = Number(arg('seconds', process.env.LOAD_SECONDS ?? 5));
const TARGET_ROOT = path.resolve(arg('root', ROOT));
const LABEL = arg('label', 'this build');
const OUT = path.resolve(arg('out', path.join(BENCH, 'LOAD.md')));
const JSON_OUT = path.resolve(arg('json', path.join(ROOT, 'target/bench/load.json')));
const BEFORE = arg('before', null);
const CONNECTIONS = [1, 10, 50];
const ROUNDS = 4;
const BODY = JSON.stringify({ search_type: 'email', search_value: 'load@example.com' });

/** Forks one server of bench/lib/load-serve.mjs; resolves when it listens. */
function serve(kind, ...args) {
  const child = fork(path.join(BENCH, 'lib/load-serve.mjs'), [kind, TARGET_ROOT, ...args], {
    cwd: TARGET_ROOT, stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: ['--expose-gc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)));
    child.once('message', ({ url, adapter }) => {
      const memory = () => new Promise((ok) => {
        child.once('message', ok);
        child.send({ memory: true });
      });
      const stop = () => new Promise((ok) => {
        child.removeAllListeners('exit');
        child.once('exit', ok);
        child.kill();
      });
      resolve({ url, adapter, memory, stop });
    });
  });
}

function load(url, connections) {
  return new Promise((resolve, reject) => {
    autocannon({
      url, connections, duration: SECONDS, method: 'POST', body: BODY,
      headers: { 'content-type': 'application/json' },
    }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

const MB = 1024 * 1024;

async function measure(name, server, path) {
  const rows = [];
  let { cpuAfterGc: lastCpu } = await server.memory();
  for (const connections of CONNECTIONS) {
    const rounds = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const r = await load(`${server.url}${path}`, connections);
      const { memory, retained, cpu, cpuAfterGc, sizes } = await server.memory();
      // The server's CPU time per request: what one core can serve, whatever else runs beside it.
      const cpuUs = (cpu.user + cpu.system - lastCpu.user - lastCpu.system) / Math.max(1, r.requests.total);
      lastCpu = cpuAfterGc;
      rounds.push({
        rps: r.requests.average, cpu_us: +cpuUs.toFixed(1), p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total,
        errors: r.errors + r.timeouts, non2xx: r.non2xx,
        rss_mb: +(memory.rss / MB).toFixed(1), heap_mb: +(memory.heapUsed / MB).toFixed(1),
        retained_mb: retained === undefined ? null : +(retained / MB).toFixed(2), sizes,
      });
      process.stderr.write(`${name} c=${connections} round ${round}: ${Math.round(r.requests.average)} req/s, ${cpuUs.toFixed(0)} µs CPU/request, `
        + `p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, errors ${r.errors + r.timeouts}, non-2xx ${r.non2xx}, `
        + `RSS ${(memory.rss / MB).toFixed(0)} MB, heap after GC ${(retained / MB).toFixed(1)} MB`
        + `${sizes ? ` ${JSON.stringify(sizes)}` : ''}\n`);
    }
    rows.push({ name, connections, rounds });
  }
  return rows;
}

async function run() {
  const results = [];
  const upstream = await serve('upstream');
  try {
    for (const kind of ['proxy', 'plain']) {
      const server = await serve(kind, upstream.url);
      try {
        results.push(...await measure(kind === 'proxy' ? `proxy (${server.adapter})` : 'plain forwarding proxy', server, '/api/bss/CheckUserIdentity'));
      } finally {
        await server.stop();
      }
    }
  } finally {
    await upstream.stop();
  }
  const demo = await serve('demo');
  try {
    results.push(...await measure('demo end to end', demo, '/api/bss/CheckUserIdentity'));
  } finally {
    await demo.stop();
  }
  return results;
}

/** Heap kept (after GC) per request served in rounds 3 and 4. */
function perRequest(r) {
  const bytes = (r[3].retained_mb - r[1].retained_mb) * MB / (r[2].requests + r[3].requests);
  return `${Math.round(bytes)} B`;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

function table(run) {
  const lines = [
    '| target | conns | req/s (median of 4) | server CPU per request (req/s per core) | p50 ms | p99 ms | requests | errors + non-2xx | RSS MB after rounds 1 / 2 / 3 / 4 | RSS round 4 / round 2 | heap after GC, MB, rounds 2 → 4 | retained per request (rounds 3–4) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---:|',
  ];
  for (const row of run.results) {
    const r = row.rounds;
    const cpu = r[0].cpu_us === undefined ? null : median(r.map((x) => x.cpu_us));
    lines.push(`| ${row.name} | ${row.connections} | ${Math.round(median(r.map((x) => x.rps)))} | `
      + `${cpu === null ? '–' : `${cpu} µs (${Math.round(1e6 / cpu)})`} | ${median(r.map((x) => x.p50))} | `
      + `${median(r.map((x) => x.p99))} | ${sum(r.map((x) => x.requests))} | ${sum(r.map((x) => x.errors + x.non2xx))} | `
      + `${r.map((x) => Math.round(x.rss_mb)).join(' / ')} | ${(r[3].rss_mb / r[1].rss_mb).toFixed(2)} | `
      + `${r[1].retained_mb} → ${r[3].retained_mb} | ${perRequest(r)} |`);
  }
  return lines.join('\n');
}

function ratios(run) {
  const find = (prefix, c) => run.results.find((r) => r.name.startsWith(prefix) && r.connections === c);
  const lines = ['| conns | proxy / plain req/s | proxy / plain p99 | proxy / plain CPU per request |', '|---:|---:|---:|---:|'];
  for (const c of CONNECTIONS) {
    const p = find('proxy', c);
    const f = find('plain', c);
    if (!p || !f) continue;
    const rps = median(p.rounds.map((x) => x.rps)) / median(f.rounds.map((x) => x.rps));
    const p99 = median(p.rounds.map((x) => x.p99)) / median(f.rounds.map((x) => x.p99));
    const cpu = p.rounds[0].cpu_us === undefined ? '–'
      : (median(p.rounds.map((x) => x.cpu_us)) / median(f.rounds.map((x) => x.cpu_us))).toFixed(2);
    lines.push(`| ${c} | ${rps.toFixed(2)} | ${p99.toFixed(2)} | ${cpu} |`);
  }
  return lines.join('\n');
}

function section(run) {
  const demo = run.results.filter((r) => r.name === 'demo end to end').at(-1);
  const sizes = demo?.rounds.at(-1).sizes;
  return [
    `### ${run.label}`, '',
    `${run.date}; ${run.seconds} s rounds; Node ${run.node}; ${run.cpus}; load average before ${run.loadavg}.`, '',
    table(run), '',
    ratios(run), '',
    sizes ? `The demo's sandbox after the last round: ${Object.entries(sizes).map(([k, v]) => `${k} ${v}`).join(', ')}.` : '',
  ].join('\n');
}

const results = await run();
process.stderr.write('\nadapters: toNodeListener beside @hono/node-server (bench/node-adapters.mjs)\n');
const adapters = await compareAdapters();
const current = {
  label: LABEL, date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', seconds: SECONDS,
  node: process.version, cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}`,
  loadavg: os.loadavg().map((x) => x.toFixed(2)).join(' '), results, adapters,
};
fs.mkdirSync(path.dirname(JSON_OUT), { recursive: true });
fs.writeFileSync(JSON_OUT, JSON.stringify(current, null, 2) + '\n');
const before = BEFORE ? JSON.parse(fs.readFileSync(BEFORE, 'utf8')) : null;
const doc = [
  '# Load: the signing proxy and the demo under autocannon',
  '',
  'Written by `make bench-load` (bench/load.mjs); reported, never asserted. Every target answers the same',
  '`POST /api/bss/CheckUserIdentity` (`{"search_type":"email",…}`) at 1, 10 and 50 connections, 4 rounds each,',
  'from autocannon in another process on 127.0.0.1; each server runs alone in its own process, fresh per target,',
  'and reports after every round its CPU time (per request: what one core can serve whatever else runs on the',
  'machine), its resident memory (RSS) and the heap that survives a full GC (what it keeps',
  'from the requests it served; "retained per request" divides its growth from round 2 to 4 by the requests of',
  'rounds 3 and 4).',
  '',
  '* **proxy**: `createProxy` mounted with `toNodeListener` in front of a trivial upstream (answers',
  '  `{"check_result":"available"}`): conversion, validation, signing, the upstream call.',
  '* **plain forwarding proxy**: Node http + `fetch` to the same upstream, no validation or signing — the',
  '  baseline for the overhead ratios.',
  '* **demo end to end**: `www/server.mjs` as `make demo` runs it: the partner proxy and the BSS sandbox',
  '  (which verifies each signature with the package\'s signer) in one process: its CPU per request is both\'s.',
  '',
  'Goals (issue 19): no error or non-2xx; RSS round 4 ≤ 1.25 × round 2; proxy p99 ≤ 1.3 × plain;',
  '≥ 1,000 req/s through the proxy on one core. The machine is shared (2 cores, autocannon on the same cores).',
  '',
  section(current),
  ...(before ? ['', section(before)] : []),
  '',
  '## The Node adapter: own (toNodeListener) or @hono/node-server',
  '',
  'bench/node-adapters.mjs: both mounted on a Node http server in front of the same Fetch handler, which reads',
  'the body through `getReader()` as the signing proxy does (1 MB at most, then 413); raw requests on',
  '127.0.0.1 (status line answered within 2 s), then each in its own server process under autocannon: its CPU time',
  'per request (steadier than req/s on a shared machine). Same run as above.',
  '',
  adaptersMarkdown(adapters),
  '',
].join('\n');
fs.writeFileSync(OUT, doc);
process.stderr.write(`\nwrote ${path.relative(process.cwd(), OUT)} and ${path.relative(process.cwd(), JSON_OUT)}\n`);
