// toNodeListener: the signing proxy on a real Node http server (and on Express) on 127.0.0.1,
// in front of the BSS sandbox, against hostile requests sent as raw bytes: every method, URLs
// and Host headers the Fetch API refuses, aborted, slow and oversized bodies. Each request is
// answered, and the process (this one) stays up with no unhandled rejection.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { createRequire } from 'node:module';
import express from 'express';
import { startSandbox } from '../../www/sandbox/server.mjs';

const require = createRequire(import.meta.url);
const { createProxy, toNodeListener } = await import('bss-storefront');
const BODY_TIMEOUT_MS = 300;

const unhandled = [];
process.on('unhandledRejection', (e) => unhandled.push(e));

let sandbox;
let proxy;
let server;
let port;

async function listen(listener) {
  const s = http.createServer(listener);
  await new Promise((resolve) => s.listen(0, '127.0.0.1', resolve));
  return s;
}

async function close(s) {
  s.closeAllConnections();
  await new Promise((resolve) => s.close(resolve));
}

before(async () => {
  sandbox = await startSandbox();
  const key = sandbox.accounts.access_keys.find((k) => k.role === 'partner');
  proxy = createProxy({
    endpoint: sandbox.url,
    credentials: { ak: key.ak, sk: key.sk, domain_id: key.domain_id },
    allow: ['ListServiceTypes', 'CheckUserIdentity'],
  });
  server = await listen(toNodeListener(proxy, { bodyTimeoutMs: BODY_TIMEOUT_MS }));
  port = server.address().port;
});

after(async () => {
  await close(server);
  await sandbox.close();
  assert.deepEqual(unhandled, [], 'no unhandled rejection');
});

/**
 * Sends `bytes` on a fresh connection and resolves to the parsed answer when the server has
 * answered in full (Content-Length) or closed: { status, headers, body, closed }.
 * `abortAfter` closes the connection from this side after writing.
 */
function raw(bytes, { abortAfter = false, head = false, to = port } = {}) {
  return new Promise((resolve) => {
    const socket = net.connect(to, '127.0.0.1');
    let data = Buffer.alloc(0);
    let done = false;
    const finish = (closed) => {
      if (done) return;
      done = true;
      const text = data.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const lines = (end < 0 ? text : text.slice(0, end)).split('\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0);
      const headers = Object.fromEntries(lines.slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      let body = end < 0 ? '' : data.subarray(end + 4).toString('utf8');
      if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = unchunk(body);
      resolve({ status, headers, body, closed });
      socket.destroy();
    };
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      const text = data.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, end));
      if (head || (length && data.length >= end + 4 + Number(length[1]))) finish(false);
    });
    socket.on('error', () => {});
    socket.on('close', () => finish(true));
    socket.write(bytes, () => { if (abortAfter) socket.destroy(); });
  });
}

/** The payload of a chunked body (ASCII sizes and data). */
function unchunk(text) {
  let out = '';
  for (let at = 0; ;) {
    const eol = text.indexOf('\r\n', at);
    const size = parseInt(text.slice(at, eol), 16);
    if (!(size > 0)) return out;
    out += text.slice(eol + 2, eol + 2 + size);
    at = eol + 2 + size + 2;
  }
}

const request = (line, headers = {}, body = '') => {
  const all = { Host: `127.0.0.1:${port}`, Connection: 'close', ...headers };
  return `${line}\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`;
};

/** The server still answers a valid call, signed and forwarded to the sandbox. */
async function assertServing() {
  const r = await fetch(`http://127.0.0.1:${port}/api/bss/ListServiceTypes`, { method: 'POST', body: '{"limit":1}' });
  assert.equal(r.status, 200);
  assert.equal((await r.json()).total_count, 4);
}

test('the listener is exported by both Node entries and refuses what is not a handler', () => {
  assert.equal(require('bss-storefront').toNodeListener, toNodeListener);
  assert.throws(() => toNodeListener({}), TypeError);
  assert.throws(() => toNodeListener(proxy, { bodyTimeoutMs: 0 }), TypeError);
});

test('every method Node parses is answered: POST is served, the others get 405', async () => {
  const before = sandbox.requests.length;
  // CONNECT never reaches a request listener (Node hands it to the server's `connect` event).
  for (const method of http.METHODS.filter((m) => m !== 'CONNECT')) {
    const r = await raw(request(`${method} /api/bss/ListServiceTypes HTTP/1.1`, { 'Content-Length': 2 }, '{}'), { head: method === 'HEAD' });
    if (method === 'POST') {
      assert.equal(r.status, 200, method);
      assert.equal(JSON.parse(r.body).total_count, 4);
    } else {
      assert.equal(r.status, 405, method);
      if (method !== 'HEAD') assert.equal(JSON.parse(r.body).error_code, 'method_not_allowed', method);
    }
  }
  assert.equal(sandbox.requests.length, before + 1, 'only the POST reached BSS');
  await assertServing();
});

test('a request target or Host that is no URL gets 400 invalid_request', async () => {
  for (const bytes of [
    request('POST //[ HTTP/1.1', { 'Content-Length': 2 }, '{}'),
    request('POST http://[/api/bss/ListServiceTypes HTTP/1.1', { 'Content-Length': 2 }, '{}'),
    request('POST /api/bss/ListServiceTypes HTTP/1.1', { Host: 'a b', 'Content-Length': 2 }, '{}'),
  ]) {
    const r = await raw(bytes);
    assert.equal(r.status, 400, bytes.split('\r\n')[0]);
    assert.equal(JSON.parse(r.body).error_code, 'invalid_request');
  }
  await assertServing();
});

test('a client that goes away in the middle of its body ends only its own request', async () => {
  const before = sandbox.requests.length;
  for (let i = 0; i < 5; i++) {
    const r = await raw(request('POST /api/bss/ListServiceTypes HTTP/1.1', { 'Content-Length': 100 }, '{"limit":'), { abortAfter: true });
    assert.equal(r.status, 0, 'nothing to answer: the client is gone');
  }
  await assertServing();
  assert.equal(sandbox.requests.length, before + 1, 'no cut-off body reached BSS');
});

test('a body that does not arrive in time gets 408 and the connection is closed', async () => {
  const r = await raw(request('POST /api/bss/ListServiceTypes HTTP/1.1', { 'Content-Length': 100, Connection: 'keep-alive' }, '{"limit":'));
  assert.equal(r.status, 408);
  assert.equal(r.headers.connection, 'close');
  assert.equal(JSON.parse(r.body).error_code, 'request_timeout');
  await assertServing();
});

test('an oversized body (declared or chunked) gets 413 without being buffered, then the server goes on', async () => {
  const big = 'x'.repeat(3 * 1024 * 1024);
  let r = await raw(request('POST /api/bss/ListServiceTypes HTTP/1.1', { 'Content-Length': big.length }, big));
  assert.equal(r.status, 413);
  assert.equal(JSON.parse(r.body).error_code, 'request_too_large');
  const chunked = `${(1 << 20).toString(16)}\r\n${'y'.repeat(1 << 20)}\r\n`.repeat(3) + '0\r\n\r\n';
  r = await raw(request('POST /api/bss/ListServiceTypes HTTP/1.1', { 'Transfer-Encoding': 'chunked', Connection: 'keep-alive' }) + chunked);
  assert.equal(r.status, 413);
  assert.equal(r.headers.connection, 'close', 'the unread rest must not be taken for the next request');
  const streamed = await fetch(`http://127.0.0.1:${port}/api/bss/ListServiceTypes`, { method: 'POST', body: big });
  assert.equal(streamed.status, 413);
  await assertServing();
});

test('keep-alive: many calls on one connection, each answered', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set();
  try {
    for (let i = 0; i < 20; i++) {
      const body = await new Promise((resolve, reject) => {
        const req = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/api/bss/CheckUserIdentity', agent }, (res) => {
          sockets.add(req.socket);
          let text = '';
          res.on('data', (c) => { text += c; });
          res.on('end', () => resolve([res.statusCode, JSON.parse(text)]));
        });
        req.on('error', reject);
        req.end(JSON.stringify({ search_type: 'email', search_value: `user${i}@example.com` }));
      });
      assert.deepEqual(body, [200, { check_result: 'available' }]);
    }
    assert.equal(sockets.size, 1, 'one connection served them all');
  } finally {
    agent.destroy();
  }
});

test('a handler that throws, rejects or answers no Response gets 500 without its message', async () => {
  const handlers = [
    () => { throw new Error('secret detail'); },
    () => Promise.reject(new Error('secret detail')),
    () => 'not a response',
  ];
  for (const handler of handlers) {
    const s = await listen(toNodeListener(handler));
    try {
      const r = await fetch(`http://127.0.0.1:${s.address().port}/x`, { method: 'POST', body: '{}' });
      assert.equal(r.status, 500);
      const body = await r.json();
      assert.equal(body.error_code, 'internal');
      assert.doesNotMatch(body.error_msg, /secret/);
    } finally {
      await close(s);
    }
  }
});

test('the handler receives method, URL, headers and body as sent; set-cookie and statuses pass through', async () => {
  let seen;
  const s = await listen(toNodeListener(async (req) => {
    seen = { method: req.method, url: req.url, type: req.headers.get('content-type'), body: await req.text() };
    const headers = new Headers({ 'x-request-id': 'r1' });
    headers.append('set-cookie', 'a=1');
    headers.append('set-cookie', 'b=2');
    return new Response(req.method === 'DELETE' ? null : 'é', { status: req.method === 'DELETE' ? 204 : 201, headers });
  }));
  try {
    const base = `http://127.0.0.1:${s.address().port}`;
    let r = await fetch(`${base}/a/b?c=d`, { method: 'PUT', body: 'ünï', headers: { 'content-type': 'text/plain' } });
    assert.deepEqual(seen, { method: 'PUT', url: `${base}/a/b?c=d`, type: 'text/plain', body: 'ünï' });
    assert.deepEqual([r.status, r.headers.get('x-request-id'), r.headers.getSetCookie(), await r.text()], [201, 'r1', ['a=1', 'b=2'], 'é']);
    r = await fetch(`${base}/x`, { method: 'DELETE' });
    assert.deepEqual([r.status, await r.text()], [204, '']);
  } finally {
    await close(s);
  }
});

test('Express: mounted before body parsers it reads the body itself; after express.raw it takes the raw bytes; after express.json it refuses', async () => {
  const body = JSON.stringify({ search_type: 'email', search_value: 'new@example.com' });
  const call = async (app) => {
    const s = await listen(app);
    try {
      const r = await fetch(`http://127.0.0.1:${s.address().port}/api/bss/CheckUserIdentity`, {
        method: 'POST', body, headers: { 'content-type': 'application/json' },
      });
      return [r.status, await r.json()];
    } finally {
      await close(s);
    }
  };
  let app = express();
  app.use('/api/bss', toNodeListener(proxy));
  app.use(express.json());
  assert.deepEqual(await call(app), [200, { check_result: 'available' }]);

  app = express();
  app.use(express.raw({ type: '*/*' }));
  app.use('/api/bss', toNodeListener(proxy));
  assert.deepEqual(await call(app), [200, { check_result: 'available' }]);

  app = express();
  app.use(express.json());
  app.use('/api/bss', toNodeListener(proxy));
  const [status, answer] = await call(app);
  assert.equal(status, 500);
  assert.equal(answer.error_code, 'internal');
  assert.match(answer.error_msg, /body parser/);
});

test('the demo server (www/server.mjs) answers TRACE, CONNECT and a target that is no URL, and stays up', async () => {
  const { startServer } = await import('../../www/server.mjs');
  const demo = await startServer({ port: 0, env: {} });
  const to = Number(new URL(demo.url).port);
  const send = (line, headers = {}) => raw(`${line}\r\nHost: 127.0.0.1:${to}\r\nConnection: close\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`, { to });
  try {
    for (const target of ['/api/bss/CheckUserIdentity', '/api/customer/PayOrders', '/']) {
      const r = await send(`TRACE ${target} HTTP/1.1`);
      assert.equal(r.status, 405, `TRACE ${target}`);
    }
    assert.equal((await send('CONNECT 127.0.0.1:1 HTTP/1.1')).status, 405);
    for (const target of ['http://[/', '//[', 'http://[/api/bss/CheckUserIdentity']) {
      const r = await send(`GET ${target} HTTP/1.1`);
      assert.equal(r.status, 400, target);
      assert.equal(JSON.parse(r.body).error_code, 'invalid_request');
    }
    const r = await fetch(`${demo.url}/api/bss/CheckUserIdentity`, {
      method: 'POST', body: JSON.stringify({ search_type: 'email', search_value: 'new@example.com' }),
    });
    assert.deepEqual([r.status, await r.json()], [200, { check_result: 'available' }]);
  } finally {
    await demo.close();
  }
});
