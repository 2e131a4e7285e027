// Why the package ships its own Node adapter (toNodeListener) rather than depend on
// @hono/node-server's getRequestListener: the same hostile requests against both, each mounted
// on a Node http server on 127.0.0.1 in front of the same Fetch handler (it reads the body
// like the signing proxy, 1 MB at most, then 413), their throughput with autocannon, and
// their size, and the server CPU each costs per request. Reported in bench/LOAD.md by `make bench-load`; run alone:
//
//   node bench/node-adapters.mjs [--json target/bench/node-adapters.json]
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');
const require = createRequire(path.join(BENCH, 'package.json'));
const autocannon = require('autocannon');
const { toNodeListener } = await import(pathToFileURL(path.join(ROOT, 'pkg/js/node_adapter.js')).href);
const honoEntry = require.resolve('@hono/node-server');
const { getRequestListener } = await import(pathToFileURL(honoEntry).href);
const LIMIT = 1 << 20;
const WAIT_MS = 2000;

/** A Fetch handler shaped like the proxy: POST only, body read up to 1 MB. */
async function handler(request) {
  if (request.method !== 'POST') return Response.json({ error_code: 'method_not_allowed' }, { status: 405 });
  let size = 0;
  const reader = request.body?.getReader();
  for (;;) {
    const { done, value } = reader ? await reader.read() : { done: true };
    if (done) break;
    size += value.length;
    if (size > LIMIT) {
      await reader.cancel();
      return Response.json({ error_code: 'request_too_large' }, { status: 413 });
    }
  }
  return Response.json({ check_result: 'available', size });
}

/** Raw bytes on a fresh connection: the status line the server answered, or what happened. */
function raw(port, bytes, { abort = false } = {}) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => { socket.destroy(); resolve(data ? data.split('\r\n')[0] : `no answer in ${WAIT_MS} ms`); }, WAIT_MS);
    socket.on('data', (d) => { data += d.toString('latin1'); });
    socket.on('error', () => {});
    socket.on('close', () => { clearTimeout(timer); resolve(data ? data.split('\r\n')[0] : 'connection closed, no answer'); });
    socket.write(bytes, () => { if (abort) setTimeout(() => socket.destroy(), 20); });
  });
}

const CASES = {
  'TRACE': 'TRACE /x HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n',
  'target //[': 'POST //[ HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
  'Host "a b"': 'POST /x HTTP/1.1\r\nHost: a b\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
  'slow body (2 of 100 bytes)': 'POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{"',
  'aborted body': 'POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n{"',
  'oversized chunked body (3 MB)': 'POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n'
    + `${(1 << 20).toString(16)}\r\n${'y'.repeat(1 << 20)}\r\n`.repeat(3) + '0\r\n\r\n',
};

async function withServer(listener, fn) {
  const server = http.createServer(listener);
  let crashed = null;
  const onCrash = (e) => { crashed = String(e?.message ?? e); };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    return { ...(await fn(server.address().port)), crashed };
  } finally {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

const listeners = {
  ours: () => toNodeListener(handler, { bodyTimeoutMs: 1000 }),
  hono: () => getRequestListener(handler),
};
const LOAD_REQUESTS = 20_000;

/**
 * The adapter's cost: the server in its own process, CPU time (user + system) per request
 * over LOAD_REQUESTS requests after as many to warm up — steadier than req/s on a shared
 * machine — and the req/s and p99 of that run.
 */
async function cost(kind) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', kind], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const ask = () => new Promise((resolve) => { child.once('message', resolve); child.send('cpu'); });
  try {
    const { port } = await new Promise((resolve) => child.once('message', resolve));
    const run = () => new Promise((resolve, reject) => autocannon({
      url: `http://127.0.0.1:${port}/x`, connections: 10, amount: LOAD_REQUESTS, method: 'POST', body: '{"search_type":"email"}',
    }, (e, r) => (e ? reject(e) : resolve(r))));
    await run();
    const a = await ask();
    const load = await run();
    const b = await ask();
    return {
      cpu_us: +((b.user + b.system - a.user - a.system) / LOAD_REQUESTS).toFixed(1),
      rps: Math.round(load.requests.average), p99: load.latency.p99, errors: load.errors + load.non2xx,
    };
  } finally {
    child.kill();
  }
}

async function evaluate(name, kind) {
  const found = await withServer(listeners[kind](), async (port) => {
    const cases = {};
    for (const [label, bytes] of Object.entries(CASES)) {
      cases[label] = await raw(port, bytes, { abort: label === 'aborted body' });
    }
    const ok = await fetch(`http://127.0.0.1:${port}/x`, { method: 'POST', body: '{}' }).then((r) => r.status, (e) => String(e));
    return { name, cases, after: ok };
  });
  return { ...found, ...(await cost(kind)) };
}

/** Bytes a partner installs for each, and the gzipped size of the code loaded. */
function sizes() {
  const dirSize = (dir) => fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile()).reduce((n, e) => n + fs.statSync(path.join(e.parentPath ?? e.path, e.name)).size, 0);
  const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
  const ours = path.join(ROOT, 'pkg/js/node_adapter.js');
  const honoDir = path.resolve(path.dirname(honoEntry), '..');
  const honoCore = path.resolve(honoDir, '../../hono');
  const pkg = (dir) => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return {
    ours: { file: fs.statSync(ours).size, gzip: gz(ours), installed: fs.statSync(ours).size, dependencies: 0 },
    hono: {
      version: pkg(honoDir).version, node: pkg(honoDir).engines?.node, file: fs.statSync(honoEntry).size, gzip: gz(honoEntry),
      installed: dirSize(honoDir) + (fs.existsSync(honoCore) ? dirSize(honoCore) : 0),
      dependencies: Object.keys(pkg(honoDir).peerDependencies ?? {}).map((d) => `${d} ${fs.existsSync(honoCore) ? pkg(honoCore).version : ''} (peer)`),
    },
  };
}

export async function compareAdapters() {
  const results = [
    await evaluate('toNodeListener (this package)', 'ours'),
    await evaluate('@hono/node-server getRequestListener', 'hono'),
  ];
  return { results, sizes: sizes() };
}

export function adaptersMarkdown({ results, sizes: s }) {
  const labels = Object.keys(CASES);
  return [
    '| request | ' + results.map((r) => r.name).join(' | ') + ' |',
    '|---|' + results.map(() => '---|').join(''),
    ...labels.map((l) => `| ${l} | ${results.map((r) => r.cases[l]).join(' | ')} |`),
    `| a valid POST afterwards | ${results.map((r) => r.after).join(' | ')} |`,
    `| process crash / unhandled rejection | ${results.map((r) => r.crashed ?? 'none').join(' | ')} |`,
    `| server CPU per request (${LOAD_REQUESTS} requests, 10 connections) | ${results.map((r) => `${r.cpu_us} µs`).join(' | ')} |`,
    `| same run: req/s, p99 ms, errors | ${results.map((r) => `${r.rps}, ${r.p99}, ${r.errors}`).join(' | ')} |`,
    `| code loaded (gzip) | ${s.ours.file} B (${s.ours.gzip} B) | ${s.hono.file} B (${s.hono.gzip} B) |`,
    `| installed, with dependencies | ${s.ours.installed} B, none | ${s.hono.installed} B: ${s.hono.dependencies.join(', ')}; Node ${s.hono.node} |`,
  ].join('\n');
}

if (process.argv[2] === '--serve') {
  const server = http.createServer(listeners[process.argv[3]]());
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('message', () => process.send(process.cpuUsage()));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await compareAdapters();
  const i = process.argv.indexOf('--json');
  if (i > 0) fs.writeFileSync(process.argv[i + 1], JSON.stringify(out, null, 2) + '\n');
  console.log(adaptersMarkdown(out));
}
