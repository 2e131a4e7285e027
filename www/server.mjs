// The demo's web server: static files from www/, the npm package under /pkg/, and two signing
// proxies (createProxy) in front of BSS — by default the BSS sandbox (www/sandbox/), started
// next to it on a random port.
//
//   node www/server.mjs [--port 8080] [--host 127.0.0.1]
//
//   POST /api/bss/<Operation>       the partner's operations (sign-up, catalog): partner keys
//   POST /api/customer/<Operation>  the signed-in customer's operations (coupons, rating, pay)
//   GET  /demo/config               what the page needs to know: mode, customer, sandbox order
//   POST /demo/reset                sandbox only: back to the fixture state
//
// With BSS_AK, BSS_SK and BSS_DOMAIN_ID in the environment the proxies sign for the real BSS
// endpoint (BSS_ENDPOINT, default https://bss.myhuaweicloud.com) instead of the sandbox. The
// customer proxy then uses BSS_CUSTOMER_AK / BSS_CUSTOMER_SK / BSS_CUSTOMER_DOMAIN_ID when
// given, else the partner's keys; BSS_PROJECT_ID is the customer's project for the rating
// calls. Secrets are never logged: the log has method, path, status
// and time only (bodies hold passwords and verification codes).

import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from './sandbox/server.mjs';

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

/** What the demo's browser may call through the partner's proxy (the partner's keys). */
export const DEMO_ALLOW = [
  'CheckUserIdentity', 'SendVerificationMessageCode', 'CreateSubCustomer', 'ListSubCustomers',
  'ListServiceTypes', 'ListResourceTypes', 'ListServiceResources', 'ListUsageTypes', 'ListMeasureUnits',
  'ListConversions', 'ListResourceSpecs', 'ListIncentiveDiscountPolicies',
];
/** What it may call through the customer's proxy (the signed-in customer's keys). */
export const CUSTOMER_ALLOW = [
  'ListSubCustomerCoupons', 'ListRateOnPeriodDetail', 'ListOrderCouponsByOrderId',
  'ListOrderDiscounts', 'PayOrders',
  // issue 14: the customer's orders and money
  'ListCustomerOrders', 'ShowCustomerOrderDetails', 'CancelCustomerOrder', 'ShowRefundOrderDetails',
  'ShowCustomerAccountBalances', 'ListStoredValueCards',
];

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

/** Server-side files that are not for the browser. */
function isPrivate(file) {
  const rel = path.relative(WWW, file);
  return path.basename(file) === 'server.mjs' || rel.startsWith('sandbox' + path.sep);
}

async function serveStatic(req, res) {
  const url = new URL(req.url, 'http://localhost');
  const file = resolveFile(url.pathname);
  if (!file || isPrivate(file)) {
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

function sendJson(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** The credentials of the real endpoint from the environment, or null for the sandbox. */
export function realBssFromEnv(env = process.env) {
  const { BSS_AK: ak, BSS_SK: sk, BSS_DOMAIN_ID: domainId } = env;
  if (!ak || !sk || !domainId) return null;
  const partner = { ak, sk, domain_id: domainId };
  const c = { ak: env.BSS_CUSTOMER_AK, sk: env.BSS_CUSTOMER_SK, domain_id: env.BSS_CUSTOMER_DOMAIN_ID };
  return {
    endpoint: env.BSS_ENDPOINT || 'https://bss.myhuaweicloud.com',
    partner,
    customer: c.ak && c.sk && c.domain_id ? c : partner,
  };
}

/** Backend: the two proxies, and the sandbox when there is no real endpoint. */
async function startBackend(env, log, host) {
  const { createProxy } = await import('bss-storefront');
  const real = realBssFromEnv(env);
  if (real) {
    log(`proxies sign for ${real.endpoint} with the keys from BSS_AK / BSS_SK / BSS_DOMAIN_ID`
      + (real.customer === real.partner ? '' : ' (customer keys from BSS_CUSTOMER_*)'));
    return {
      mode: 'bss',
      sandbox: null,
      partner: createProxy({ endpoint: real.endpoint, credentials: real.partner, allow: DEMO_ALLOW }),
      customer: createProxy({ endpoint: real.endpoint, credentials: real.customer, allow: CUSTOMER_ALLOW }),
      // The signed-in customer's project (rating needs one), and no order until one is given.
      config: { mode: 'bss', project_id: env.BSS_PROJECT_ID ?? '', order_id: null },
    };
  }
  const sandbox = await startSandbox({ host });
  const key = (role) => {
    const k = sandbox.accounts.access_keys.find((a) => a.role === role);
    return { ak: k.ak, sk: k.sk, domain_id: k.domain_id };
  };
  const customerKey = key('customer');
  const fixture = (name) => fs.readFile(path.join(WWW, 'sandbox', 'fixtures', `${name}.json`), 'utf8').then(JSON.parse);
  const [customers, orders] = await Promise.all([fixture('customers'), fixture('orders')]);
  const customer = customers.customers.find((c) => c.customer_id === customerKey.domain_id);
  const pending = orders.orders.find((o) => o.customer_id === customerKey.domain_id && o.status === 'pending');
  return {
    mode: 'sandbox',
    sandbox,
    partner: createProxy({ endpoint: sandbox.url, credentials: key('partner'), allow: DEMO_ALLOW }),
    customer: createProxy({ endpoint: sandbox.url, credentials: customerKey, allow: CUSTOMER_ALLOW }),
    config: {
      mode: 'sandbox',
      // What the sandbox would send by SMS, and who is signed in to the shop.
      verification_code: customers.verification_code,
      project_id: 'sandbox-project',
      customer: { customer_id: customer?.customer_id, account_name: customer?.account_name },
      // PayOrders pays an existing order: the sandbox's pending order stands for this cart's.
      order_id: pending?.order_id ?? null,
    },
  };
}

/**
 * Sandbox only: what the Huawei console does when the signed-in customer buys — a pending
 * order from the cart `{ items }` (www/sandbox/orders.mjs). Answers `{ order_id }`, or the
 * sandbox's CBC error with status 400.
 */
async function placeOrder(req, res, backend) {
  if (!backend.sandbox) {
    sendJson(res, 404, { error_code: 'not_found', error_msg: 'orders are placed in the Huawei Cloud console' });
    return;
  }
  const chunks = [];
  for await (const c of req) chunks.push(c);
  let body;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    sendJson(res, 400, { error_code: 'CBC.0100', error_msg: 'Parameter error: the body is not JSON' });
    return;
  }
  const customer = backend.config.customer;
  const placed = backend.sandbox.placeOrder({ customer_id: customer.customer_id, user_name: customer.account_name, items: body?.items });
  sendJson(res, placed.order_id ? 200 : 400, placed);
}

/**
 * Starts the server. Resolves to `{ url, close(), mode, sandbox }` once it listens.
 * `port: 0` picks a free port (tests). `env` (default `process.env`) selects the sandbox or
 * the real BSS endpoint; `log` receives one line per proxied call (default: none).
 */
export async function startServer({ host = '127.0.0.1', port = 8080, env = process.env, log = () => {} } = {}) {
  const backend = await startBackend(env, log, host);
  const { toNodeListener } = await import('bss-storefront');
  const proxies = {
    '/api/bss/': toNodeListener(backend.partner),
    '/api/customer/': toNodeListener(backend.customer),
  };
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      ({ pathname } = new URL(req.url, 'http://localhost'));
    } catch {
      // A request line whose target is no URL (it would otherwise end the process).
      sendJson(res, 400, { error_code: 'invalid_request', error_msg: 'the request URL is not valid', issues: [] });
      return;
    }
    const mount = Object.keys(proxies).find((prefix) => pathname.startsWith(prefix));
    if (mount) {
      const started = Date.now();
      res.once('finish', () => log(`${req.method} ${pathname} ${res.statusCode} ${Date.now() - started} ms`));
      proxies[mount](req, res);
      return;
    }
    if (pathname === '/demo/config' && req.method === 'GET') {
      sendJson(res, 200, backend.config);
      return;
    }
    if (pathname === '/demo/reset' && req.method === 'POST') {
      if (!backend.sandbox) {
        sendJson(res, 404, { error_code: 'not_found', error_msg: 'only the sandbox can be reset' });
        return;
      }
      backend.sandbox.reset();
      sendJson(res, 200, { reset: true });
      return;
    }
    if (pathname === '/demo/place-order' && req.method === 'POST') {
      placeOrder(req, res, backend);
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
  // CONNECT never reaches the request listener: answer it rather than drop the connection.
  server.on('connect', (req, socket) => {
    socket.on('error', () => {});
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, resolve);
    });
  } catch (e) {
    await backend.sandbox?.close();
    throw e;
  }
  const { port: actual } = server.address();
  const origin = `http://${host}:${actual}`;
  return {
    url: origin,
    mode: backend.mode,
    /** The sandbox handle (`requests`, `inject`, `reset`, …), or null with the real endpoint. */
    sandbox: backend.sandbox,
    close: async () => {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
      await backend.sandbox?.close();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
  };
  const { url, mode } = await startServer({
    host: arg('--host', '127.0.0.1'),
    port: Number(arg('--port', 8080)),
    log: (line) => console.log(line),
  });
  console.log(`bss-storefront demo on ${url}/  (${mode === 'sandbox' ? 'BSS sandbox' : 'real BSS endpoint'}; Ctrl-C to stop)`);
}
