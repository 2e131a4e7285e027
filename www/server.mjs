// The demo's web server: static files from www/ and the npm package under /pkg/.
// Later parts mount the signing proxy and the BSS sandbox here.
//
//   node www/server.mjs [--port 8080] [--host 127.0.0.1]

import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

/**
 * Starts the server. Resolves to `{ url, close() }` once it listens.
 * `port: 0` picks a free port (tests).
 */
export async function startServer({ host = '127.0.0.1', port = 8080 } = {}) {
  const server = http.createServer((req, res) => {
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
  return {
    url: `http://${host}:${actual}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
  };
  const { url } = await startServer({ host: arg('--host', '127.0.0.1'), port: Number(arg('--port', 8080)) });
  console.log(`bss-storefront demo on ${url}/  (Ctrl-C to stop)`);
}
