// The browser path: the web build's BssClient in Chromium calls the demo server's signing
// proxy (no secret in the page), which signs for the BSS sandbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../www/server.mjs';
import { launchChromium, openPage } from './chromium.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ port: 0 });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the web build calls BSS through the proxy from Chromium', async () => {
  const { page, errors } = await openPage(browser, `${server.url}/`);
  const result = await page.evaluate(async () => {
    const m = await import('/pkg/dist/index.js');
    await m.default();
    const bss = new m.BssClient({ endpoint: `${location.origin}/api/bss` });
    const types = await bss.listServiceTypes({ x_language: 'en_US', limit: 2 });
    const identity = await bss.checkUserIdentity({ search_type: 'mobile', search_value: '138 0000 0001' });
    const codes = [];
    for (const call of [
      () => bss.payOrders({ order_id: 'o', use_coupon: 'NO', use_discount: 'NO' }),
      () => bss.listServiceTypes({ limit: 0 }),
      () => bss.createSubCustomer({ xaccount_id: 'shop-user-1001', xaccount_type: 'SANDBOX_IDP' }),
    ]) {
      try { await call(); } catch (e) { codes.push([e instanceof m.BssError, e.code, e.status ?? null]); }
    }
    return { names: types.service_types.map((s) => s.service_type_name), identity, codes };
  });
  assert.deepEqual(result.names, ['Elastic Cloud Server', 'Elastic Volume Service']);
  assert.deepEqual(result.identity, { check_result: 'used_by_user', mobile_remain_available_num: 0 });
  assert.deepEqual(result.codes, [
    [true, 'operation_not_allowed', 403],
    [true, 'invalid_request', null],
    [true, 'CBC.99000039', 400],
  ]);
  const seen = server.sandbox.requests.map((r) => r.operation);
  assert.deepEqual(seen, ['ListServiceTypes', 'CheckUserIdentity', 'CreateSubCustomer'], 'the refused and invalid calls never reached BSS');
  assert.ok(server.sandbox.requests.every((r) => r.principal?.ak === 'SANDBOXPARTNERAK0001'));
  // The refused calls are 4xx answers, which Chromium logs; nothing else may go wrong.
  assert.deepEqual(errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e)), []);
});
