// Hardening (issue 15) through the built package: redirects are never followed (client,
// proxy, getToken; local servers on 127.0.0.1 only), echoed secrets are masked, the proxy
// answers unreadable bodies with an error Response, argument types and sizes are refused
// with BssError before the glue runs, and the documented limits hold at limit and limit + 1.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { loadBuilds } from './builds.mjs';
import { rejection } from './rejection.mjs';

const builds = await loadBuilds();
const servers = [];
after(() => {
  for (const s of servers) s.close();
});

function listen(handler) {
  return new Promise((resolve) => {
    const s = http.createServer(handler);
    servers.push(s);
    s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${s.address().port}`));
  });
}


// The other origin: records every request it receives.
const received = [];
const elsewhere = await listen((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    res.setHeader('x-subject-token', 'from-elsewhere');
    res.end('{"token":{"expires_at":"2099-01-01T00:00:00.000000Z"}}');
  });
});

for (const [name, lib] of Object.entries(builds)) {
  const { BssClient, BssError, createProxy, getToken } = lib;

  for (const status of [301, 302, 303, 307, 308]) {
    test(`${name}: a ${status} is refused by the client, the proxy and getToken; nothing reaches the other origin`, async () => {
      const endpoint = await listen((req, res) => {
        res.statusCode = status;
        res.setHeader('location', `${elsewhere}/steal${req.url}`);
        res.end();
      });
      received.length = 0;
      const secrets = ['TOKEN-SECRET-1', 'SK-SECRET-1', 'STS-SECRET-1', 'PASSWORD-SECRET-1', 'PROXY-TOKEN-1'];
      const clients = [
        new BssClient({ endpoint, credentials: { token: secrets[0] } }),
        new BssClient({ endpoint, credentials: { ak: 'AK1', sk: secrets[1], domain_id: 'DOM1', security_token: secrets[2] } }),
      ];
      for (const c of clients) {
        const e = await rejection(c.listServiceTypes({}));
        assert.ok(e instanceof BssError);
        assert.deepEqual([e.code, e.status], ['redirect_refused', status]);
      }
      const e = await rejection(getToken({ endpoint, user_name: 'u', password: secrets[3], domain_name: 'd' }));
      assert.deepEqual([e instanceof BssError, e.code], [true, 'redirect_refused']);
      const proxy = createProxy({ endpoint, credentials: { token: secrets[4] }, allow: ['ListServiceTypes'] });
      const r = await proxy.handle(new Request('http://x/api/bss/ListServiceTypes', { method: 'POST', body: '{}' }));
      assert.equal(r.status, 502);
      assert.equal((await r.json()).error_code, 'redirect_refused');
      assert.deepEqual(received, [], 'the other origin received no request');
    });
  }

  test(`${name}: echoed secrets are masked in every error field, before the message is cut`, async () => {
    const token = 'MIIT' + 'k'.repeat(600);
    const endpoint = await listen((req, res) => {
      const echo = req.headers['x-auth-token'];
      res.statusCode = 401;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ error_code: 'APIGW.0301', error_msg: 'x'.repeat(450) + ' bad token ' + echo,
        encoded_authorization_message: 'token=' + echo, issues: [{ message: 'got ' + echo }] }));
    });
    const e = await rejection(new BssClient({ endpoint, credentials: { token } }).listServiceTypes({}));
    assert.equal(e.code, 'APIGW.0301');
    const all = JSON.stringify(e) + e.message;
    assert.ok(!all.includes('MIIT') && !all.includes('kkkk'), all.slice(-300));
    assert.equal(e.encoded_authorization_message, 'token=***');
    assert.deepEqual(e.issues, [{ message: 'got ***' }]);
    const proxy = createProxy({ endpoint, credentials: { token }, allow: ['ListServiceTypes'] });
    const r = await proxy.handle(new Request('http://x/api/bss/ListServiceTypes', { method: 'POST', body: '{}' }));
    const body = await r.text();
    assert.equal(r.status, 401);
    assert.ok(!body.includes('MIIT') && body.includes('***'), body.slice(-200));
  });

  test(`${name}: an aborted or locked request body gets an error Response, never a rejection`, async () => {
    const proxy = createProxy({ endpoint: 'http://127.0.0.1:9', credentials: { token: 'T-SECRET' }, allow: ['ListServiceTypes'] });
    const aborted = new Request('http://x/api/bss/ListServiceTypes', { method: 'POST', duplex: 'half',
      body: new ReadableStream({ start(c) { c.error(new Error('client went away')); } }) });
    const locked = new Request('http://x/api/bss/ListServiceTypes', { method: 'POST', body: '{}' });
    locked.body.getReader();
    for (const request of [aborted, locked]) {
      const r = await proxy.handle(request);
      assert.equal(r.status, 400);
      assert.equal((await r.json()).error_code, 'invalid_body');
    }
  });

  test(`${name}: a Retry-After past u64 is too long to wait: one request, the error returned`, async () => {
    let n = 0;
    const endpoint = await listen((req, res) => {
      n++;
      res.statusCode = 503;
      res.setHeader('retry-after', '99999999999999999999999');
      res.end('{"error_code":"X","error_msg":"busy"}');
    });
    const e = await rejection(new BssClient({ endpoint, credentials: { token: 'T' }, retry_delay_ms: 10 }).listServiceTypes({}));
    assert.deepEqual([e.code, e.status, n], ['X', 503, 1]);
  });

  test(`${name}: a non-string operation is a BssError, never a trap`, async () => {
    const c = new BssClient({ endpoint: 'http://127.0.0.1:9', credentials: { token: 't' } });
    for (const op of [{}, 42, true, null, undefined, [], 10n, Symbol('x')]) {
      const e = await rejection(c.call(op, {}));
      assert.ok(e instanceof BssError, String(e));
      assert.deepEqual([e.code, e.field], ['unknown_operation', 'operation']);
    }
    assert.equal(lib.normalizeAmount('1.0'), '1', 'the instance is alive');
  });

  test(`${name}: sizes past the limits are refused before the work`, () => {
    const line = (i) => ({ id: `L${i}`, cloud_service_type: 'hws.service.type.ec2', region: 'cn-north-4', official_amount: '1' });
    const order = (n) => ({ order_type: 'new', charging_mode: 'period', period_type: 2, period_num: 1, lines: Array.from({ length: n }, (_, i) => line(i)) });
    const now = '2024-06-01T00:00:00Z';
    const coupon = { coupon_id: 'c', coupon_type: 4, status: 2, face_value: '1' };
    const refused = (f, field) => assert.throws(f, (e) => e instanceof BssError && e.code === 'too_large' && e.field === field);
    // Each limit: answered at the limit, too_large one past it.
    assert.equal(lib.evaluateCoupons(order(1000), [coupon], { now }).length, 1);
    refused(() => lib.evaluateCoupons(order(1001), [], { now }), 'lines');
    assert.equal(lib.evaluateCoupons(order(1), Array(1000).fill(coupon), { now }).length, 1000);
    refused(() => lib.evaluateCoupons(order(1), Array(1001).fill(coupon), { now }), 'coupons');
    assert.equal(lib.quote({ now, order: order(1000) }).lines.length, 1000);
    refused(() => lib.quote({ now, order: order(1001) }), 'order.lines');
    refused(() => lib.quote({ now, order: order(1), coupons: Array(1001).fill(coupon) }), 'coupons');
    refused(() => lib.quote({ now, order: order(1), discounts: Array(21).fill({}) }), 'discounts');
    const options = (n) => Array.from({ length: n }, (_, i) => ({ discount_id: `d${i}`, discount_type: 607, amount: '1' }));
    const rating = (n) => ({ official_website_rating_result: { official_website_amount: '2' }, optional_discount_rating_results: options(n) });
    assert.equal(typeof lib.selectDiscount(rating(1000)).discount_id, 'string');
    refused(() => lib.selectDiscount(rating(1001)), 'optional_discount_rating_results');
    refused(() => lib.selectDiscount(JSON.stringify(rating(1001))), 'optional_discount_rating_results');
    // Bytes: 8 MiB of JSON text per argument.
    const padded = (bytes) => `{"pad":"${'x'.repeat(bytes - 10)}"}`;
    assert.throws(() => lib.selectDiscount(padded(8 * 1024 * 1024)), (e) => e.code !== 'too_large');
    refused(() => lib.selectDiscount(padded(8 * 1024 * 1024 + 1)), 'rating');
    refused(() => lib.quote({ now, order: order(1), pad: 'x'.repeat(8 * 1024 * 1024) }), 'input');
    // A million lines: refused from the array's length, before JSON.stringify.
    const million = { ...order(0), lines: new Array(1_000_000).fill(line(0)) };
    refused(() => lib.quote({ now, order: million }), 'order.lines');
    refused(() => lib.evaluateCoupons(million, [], { now }), 'lines');
  });
}
