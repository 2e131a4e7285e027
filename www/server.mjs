// The demo's web server: static files from www/ and the npm package under /pkg/, the
// signing proxy under /api/bss/<Operation>, and the local BSS sandbox behind it.
//
//   node www/server.mjs [--port 8080] [--host 127.0.0.1]

import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startSandbox } from './sandbox/server.mjs';
import { nodeHandler } from './sandbox/http.mjs';

const require = createRequire(import.meta.url);

const WWW = path.dirname(fileURLToPath(import.meta.url));
const PKG = path.resolve(WWW, '..', 'pkg');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ts': 'text/plain; charset=utf-8',
};

/** Maps a URL path to a file under www/ or pkg/, or null when it would leave them. */
function resolveFile(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const [root, rest] = decoded.startsWith('/pkg/') ? [PKG, decoded.slice(4)] : [WWW, decoded];
  const file = path.resolve(root, '.' + (rest.endsWith('/') ? rest + 'index.html' : rest));
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

async function serveStatic(req, res) {
  const url = new URL(req.url, 'http://localhost');
  const file = resolveFile(url.pathname);
  if (!file || path.basename(file) === 'server.mjs') {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  try {
    const body = await fs.readFile(file);
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}

/** What the demo's browser may call through the proxy (with the sandbox partner's key). */
export const DEMO_ALLOW = [
  'CheckUserIdentity', 'SendVerificationMessageCode', 'CreateSubCustomer', 'ListSubCustomers',
  'ListServiceTypes', 'ListResourceTypes', 'ListServiceResources', 'ListUsageTypes', 'ListMeasureUnits',
  'ListConversions', 'ListResourceSpecs', 'ListIncentiveDiscountPolicies',
];

/**
 * Starts the server. Resolves to `{ url, sandbox, close() }` once it listens.
 * `port: 0` picks a free port (tests).
 */
export async function startServer({ host = '127.0.0.1', port = 8080 } = {}) {
  // The BSS sandbox on its own port, and the signing proxy that holds its partner key.
  const sandbox = await startSandbox({ host });
  const partner = sandbox.accounts.access_keys.find((k) => k.role === 'partner');
  const { createProxy } = require('bss-storefront');
  const proxy = createProxy({
    endpoint: sandbox.url,
    credentials: { ak: partner.ak, sk: partner.sk, domain_id: partner.domain_id },
    allow: DEMO_ALLOW,
  });
  let origin = '';
  const proxyHandler = nodeHandler((request) => proxy.handle(request), () => origin);
  const server = http.createServer((req, res) => {
    if (req.url.startsWith('/api/bss/')) {
      proxyHandler(req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'content-type': 'text/plain' }).end('method not allowed');
      return;
    }
    serveStatic(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: actual } = server.address();
  origin = `http://${host}:${actual}`;
  return {
    url: origin,
    sandbox,
    close: () => new Promise((resolve) => server.close(resolve)).then(() => sandbox.close()),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
  };
  const { url } = await startServer({ host: arg('--host', '127.0.0.1'), port: Number(arg('--port', 8080)) });
  console.log(`bss-storefront demo on ${url}/  (signing proxy on ${url}/api/bss/, BSS sandbox behind it; Ctrl-C to stop)`);
}
