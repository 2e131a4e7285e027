// One server of the load benchmark, in its own process so that its resident memory is its
// own (bench/load.mjs forks it). It tells its URL over IPC and answers `{ memory: true }` with
// its process.memoryUsage(), the heap left after a full GC, its CPU time so far, and the
// sandbox's table sizes.
//
//   node bench/lib/load-serve.mjs upstream
//   node bench/lib/load-serve.mjs proxy  <root> <upstream url>   the package's signing proxy
//   node bench/lib/load-serve.mjs plain  <root> <upstream url>   a forwarding proxy: no signing, no validation
//   node bench/lib/load-serve.mjs demo   <root>                  www/server.mjs with its sandbox
//
// <root> is the repository whose pkg/ and www/ are measured (another checkout for a
// before/after comparison).
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [kind, root = '.', upstream] = process.argv.slice(2);
const at = (rel) => pathToFileURL(path.resolve(root, rel)).href;
/** BSS's answer to CheckUserIdentity, the operation every target is called with. */
const ANSWER = '{"check_result":"available"}';

async function listen(listener) {
  const server = http.createServer(listener);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${server.address().port}`;
}

async function start() {
  if (kind === 'upstream') {
    return {
      url: await listen((req, res) => {
        req.resume();
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8', 'x-request-id': 'upstream' });
          res.end(ANSWER);
        });
      }),
    };
  }
  if (kind === 'plain') {
    // What an operator would write without the package: read the body, forward it with
    // fetch (the transport the proxy uses too), send the answer back.
    return {
      url: await listen(async (req, res) => {
        try {
          const chunks = [];
          for await (const c of req) chunks.push(c);
          const name = req.url.split('?')[0].split('/').pop();
          const r = await fetch(`${upstream}/${name}`, {
            method: 'POST', body: Buffer.concat(chunks), headers: { 'content-type': 'application/json' },
          });
          const text = await r.text();
          res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
          res.end(text);
        } catch {
          if (!res.headersSent) res.writeHead(502);
          res.end();
        }
      }),
    };
  }
  if (kind === 'proxy') {
    const pkg = await import(at('pkg/dist/index.node.mjs'));
    const proxy = pkg.createProxy({
      endpoint: upstream,
      credentials: { ak: 'LOADBENCHAK000000001', sk: 'load-bench-sk', domain_id: '0123456789abcdef0123456789abcdef' },
      allow: ['CheckUserIdentity'],
    });
    // Before the package had an adapter, the demo's own (www/sandbox/http.mjs) mounted it.
    let listener;
    if (pkg.toNodeListener) {
      listener = pkg.toNodeListener(proxy);
    } else {
      const { nodeHandler } = await import(at('www/sandbox/http.mjs'));
      let origin = '';
      listener = nodeHandler((request) => proxy.handle(request), () => origin);
      const url = await listen(listener);
      origin = url;
      return { url, adapter: 'www/sandbox/http.mjs' };
    }
    return { url: await listen(listener), adapter: 'toNodeListener' };
  }
  if (kind === 'demo') {
    const { startServer } = await import(at('www/server.mjs'));
    const server = await startServer({ port: 0, env: {} });
    return { url: server.url, sandbox: server.sandbox };
  }
  throw new Error(`unknown server kind ${kind}`);
}

const { url, adapter, sandbox } = await start();
process.on('message', (m) => {
  if (m?.memory) {
    // RSS as the operator sees it; then the heap that survives a full collection (forked with
    // --expose-gc): what the server keeps per request, free of garbage not yet collected.
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    globalThis.gc?.();
    const retained = process.memoryUsage().heapUsed;
    process.send({ memory, retained, cpu, cpuAfterGc: process.cpuUsage(), sizes: sandbox?.sizes?.() ?? (sandbox ? { log: sandbox.requests.length } : null) });
  }
});
process.send({ url, adapter });
