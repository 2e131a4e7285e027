// BssClient, createProxy and getToken over real HTTP on 127.0.0.1 against the BSS sandbox
// (www/sandbox): every operation's success path, validation that sends nothing, the error
// mappings, retries and their absence, timeouts, 204, CBC.99000050, clock skew, the
// proxy's allow-list, header stripping and size limit, and secrets that never leak.
import { describe, test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import util from 'node:util';
import { loadBuilds } from './builds.mjs';
import { loadCases } from './vectors.mjs';
import { startSandbox } from '../../www/sandbox/server.mjs';

import { ROLES } from '../../www/sandbox/operations.mjs';
import { rejection } from './rejection.mjs';

const builds = await loadBuilds();
const { BssClient, BssError, createProxy, getToken, toNodeListener } = builds.esm;
// Who calls each operation: the operations table (src/api/operations.json).
const CUSTOMER_OPERATIONS = new Set(Object.keys(ROLES).filter((op) => ROLES[op] === 'customer'));
const lower = (op) => op[0].toLowerCase() + op.slice(1);

let sandbox;
let partner;
let customer;
const creds = (k) => ({ ak: k.ak, sk: k.sk, domain_id: k.domain_id });
const client = (k = partner, opts = {}) => new BssClient({ endpoint: sandbox.url, credentials: creds(k), retry_delay_ms: 10, ...opts });


/** A port nothing listens on. */
async function closedPort() {
  const s = http.createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

before(async () => {
  sandbox = await startSandbox();
  [partner, customer] = sandbox.accounts.access_keys;
});
after(() => sandbox.close());
beforeEach(() => sandbox.reset());

// ---- the shared vectors, in every build: what the sandbox received, or nothing ----

for (const [name, m] of Object.entries(builds)) {
  describe(`${name}: client request vectors through the sandbox`, () => {
    const cases = loadCases('api_requests');
    test('api_requests::(coverage)', () => assert.equal(new Set(cases.map((c) => c.operation)).size, Object.keys(ROLES).length, 'every operation of the table has a vector'));
    for (const c of cases) test(`api_requests::${c.name}`, async () => {
      sandbox.reset();
      const key = CUSTOMER_OPERATIONS.has(c.operation) ? customer : partner;
      const bss = new m.BssClient({ endpoint: sandbox.url, credentials: creds(key), site: c.site ?? 'cn', max_retries: 0 });
      let outcome;
      try {
        outcome = await bss[lower(c.operation)](c.input === null ? undefined : c.input);
      } catch (e) {
        outcome = e;
      }
      if (c.issues) {
        assert.ok(outcome instanceof m.BssError, `${c.name}: ${outcome}`);
        assert.equal(outcome.code, 'invalid_request', c.name);
        assert.deepEqual(outcome.issues.map((i) => [i.field, i.code]), c.issues, c.name);
        assert.equal(sandbox.requests.length, 0, `${c.name}: nothing may be sent`);
      } else {
        assert.equal(sandbox.requests.length, 1, `${c.name}: one request`);
        const [got] = sandbox.requests;
        assert.equal(got.method, c.request.method, c.name);
        assert.equal(got.path, c.request.path, c.name);
        assert.equal(got.rawQuery, c.request.query, c.name);
        for (const [k, v] of Object.entries(c.request.headers ?? {})) assert.equal(got.headers[k.toLowerCase()], v, c.name);
        assert.deepEqual(got.body === '' ? null : JSON.parse(got.body), c.request.body, c.name);
        assert.notEqual(got.principal, undefined, `${c.name}: the sandbox verified the signature`);
      }
    });
  });
}

// ---- every operation's success path ----

test('registration: check, send the code, create, and find the customer', async () => {
  const bss = client();
  assert.deepEqual(await bss.checkUserIdentity({ search_type: 'name', search_value: 'alice-cloud' }), { check_result: 'used_by_user' });
  assert.deepEqual(await bss.checkUserIdentity({ search_type: 'email', search_value: 'new@example.com' }), { check_result: 'available' });
  assert.deepEqual(await bss.checkUserIdentity({ search_type: 'mobile', search_value: '13800000002' }),
    { check_result: 'available', mobile_remain_available_num: 4 });
  assert.equal(await bss.sendVerificationMessageCode({ receiver_type: 1, mobile_phone: '13900000009' }), null);
  const created = await bss.createSubCustomer({
    xaccount_id: 'shop-user-9001', xaccount_type: 'SANDBOX_IDP', domain_name: 'shop-user-9001',
    mobile_phone: '13900000009', verification_code: '246810', password: 'Sandbox-Pass-99',
  });
  assert.equal(created.domain_name, 'shop-user-9001');
  assert.equal(created.association_pending, false);
  assert.match(created.domain_id, /^d0{20,}/);
  const found = await bss.listSubCustomers({ customer_id: created.domain_id });
  assert.equal(found.count, 1);
  assert.equal(found.customer_infos[0].telephone, '13900000009');
  const names = await bss.listSubCustomers({ account_name: 'o', limit: 2 });
  assert.equal(names.customer_infos.length, 2);
});

test('coupons: list, issue against the quota, reclaim', async () => {
  const bss = client();
  const held = await client(customer).listSubCustomerCoupons({ status: 2, limit: 10 });
  assert.equal(held.count, 2);
  assert.equal(held.user_coupons[0].face_value, '100', 'amounts are exact strings');
  const before = (await bss.listQuotaCoupons({ quota_ids: ['2025010100000001'] })).quotas[0].balance;
  assert.equal(before, '4200');
  const issued = await bss.createPartnerCoupons({
    quota_id: '2025010100000001', face_value: '10.50',
    customer_ids: ['c0ffee00c0ffee00c0ffee00c0ffee01', 'c0ffee00c0ffee00c0ffee00c0ffee02', 'c0ffee00c0ffee00c0ffeeffffffffff'],
  });
  assert.equal(issued.coupon_infos.length, 2);
  assert.deepEqual(issued.error_details.map((e) => e.error_code), ['CBC.99000035']);
  assert.equal((await bss.listQuotaCoupons({ quota_ids: ['2025010100000001'] })).quotas[0].balance, '4179');
  const list = await bss.listIssuedPartnerCoupons({ coupon_id: issued.coupon_infos[0].coupon_id });
  assert.equal(list.user_coupons[0].face_value, '10.5');
  assert.equal(await bss.reclaimPartnerCoupons({ coupon_id: issued.coupon_infos[0].coupon_id }), null);
  const again = await rejection(bss.reclaimPartnerCoupons({ coupon_id: issued.coupon_infos[0].coupon_id }));
  assert.equal(again.code, 'CBC.99000048');
  assert.equal(again.status, 400);
});

test('orders: available coupons and discounts, then pay', async () => {
  const bss = client(customer);
  const order_id = 'CS2503011200AAAAA';
  const coupons = await bss.listOrderCouponsByOrderId({ order_id });
  assert.deepEqual(coupons.user_coupons.map((c) => [c.coupon_id, c.coupon_type, c.face_value]),
    [['CP2025030100000001', 301, '100'], ['CP2025030100000002', 300, '0.85']]);
  assert.equal(coupons.coupon_max_use_quantity[0].use_quantity_value, 1);
  const discounts = await bss.listOrderDiscounts({ order_id });
  assert.deepEqual(discounts.discounts.map((d) => [d.discount_id, d.orders[0].order_line_items[0].discount_ratio]),
    [['DSC-BIZ-90', '0.9'], ['DSC-PTN-95', '0.95']]);
  const pay = { order_id, use_coupon: 'YES', use_discount: 'YES', coupon_infos: [{ id: 'CP2025030100000001', type: 301 }], discount_infos: [{ id: 'DSC-BIZ-90', type: 2 }] };
  assert.equal(await bss.payOrders(pay), null);
  const twice = await rejection(bss.payOrders(pay));
  assert.equal(twice.code, 'CBC.99003106');
});

test('ratings: yearly/monthly (the doc example), on demand, renewal', async () => {
  const bss = client(customer);
  const period = await bss.listRateOnPeriodDetail({
    project_id: 'p', product_infos: [{ id: 'GPSSD', cloud_service_type: 'hws.service.type.ebs', resource_type: 'hws.resource.type.volume',
      resource_spec: 'GPSSD', region: 'cn-north-1', available_zone: 'cn-north-1b', resource_size: 30, size_measure_id: 17, period_type: 2, period_num: 5, subscription_num: 1 }],
  });
  // spec pricing-discounts T1: 0.70 × 30 GB × 5 months = 105 yuan.
  assert.equal(period.official_website_rating_result.official_website_amount, '105');
  assert.deepEqual(period.optional_discount_rating_results.map((r) => [r.discount_type, r.amount, r.discount_amount, r.best_offer]),
    [[605, '94.5', '10.5', 1], [607, '99.75', '5.25', 0]]);
  const demand = await bss.listOnDemandResourceRatings({
    project_id: 'p', product_infos: [{ id: 'd', cloud_service_type: 'hws.service.type.ebs', resource_type: 'hws.resource.type.volume', resource_spec: 'GPSSD',
      region: 'cn-north-4', resource_size: 10, size_measure_id: 17, usage_factor: 'Duration', usage_value: '7.18722222', usage_measure_id: 4, subscription_num: 1 }],
  });
  // 0.00064 × 7.18722222 h × 10 GB = 0.0459982222…, cut to 6 places; × 0.9 business discount.
  assert.deepEqual([demand.official_website_amount, demand.amount, demand.discount_amount], ['0.045998', '0.041398', '0.0046']);
  const renew = await bss.listRenewRateOnPeriod({ resource_ids: ['vm-0001-sandbox', 'gone'], period_type: 3, period_num: 2 });
  assert.deepEqual(renew.renew_inquiry_results, [{ resource_id: 'vm-0001-sandbox', amount: '4161.6' }]);
  assert.equal(renew.fail_resource_infos[0].resource_id, 'gone');
});

test('catalog operations', async () => {
  const bss = client();
  const types = await bss.listServiceTypes({ x_language: 'en_US', limit: 2 });
  assert.equal(types.total_count, 4);
  assert.deepEqual(types.service_types.map((s) => s.service_type_name), ['Elastic Cloud Server', 'Elastic Volume Service']);
  assert.equal((await bss.listServiceTypes({ service_type_name: '硬盘' })).service_types[0].abbreviation, 'EVS');
  assert.equal((await bss.listResourceTypes({ limit: 10 })).resource_types.length, 4);
  assert.deepEqual((await bss.listServiceResources({ service_type_code: 'hws.service.type.vpc' })).infos.map((i) => i.basic_info.resource_type_code),
    ['hws.resource.type.bandwidth', 'hws.resource.type.ip']);
  assert.deepEqual((await bss.listUsageTypes({ resource_type_code: 'hws.resource.type.bandwidth' })).usage_types.map((u) => u.code), ['upflow']);
  assert.equal((await bss.listMeasureUnits({ x_language: 'en_US' })).measure_units[1].measure_name, 'Hour');
  assert.deepEqual((await bss.listConversions({ measure_type: 3 })).conversions, [{ measure_id: 10, ref_measure_id: 11, conversion_ratio: 1024, measure_type: 3 }]);
  const spec = { cloud_service_type: 'hws.service.type.ec2', resource_type: 'hws.resource.type.vm', region_code: 'cn-north-4', charge_mode: '1', limit: 1 };
  const first = await bss.listResourceSpecs(spec);
  assert.equal(first.page_info.next_marker, '1');
  const second = await bss.listResourceSpecs({ ...spec, marker: first.page_info.next_marker });
  assert.equal(second.cloud_service_basics[0].resource_spec, 's6.small.1.linux');
  assert.equal(second.page_info.next_marker, null);
  const policies = await bss.listIncentiveDiscountPolicies({ time: '2025-06', service_type_code: 'hws.service.type.obs' });
  assert.equal(policies.policies[0].allow_discount, 'NO');
  // call() by name reaches the same operations.
  assert.equal((await bss.call('ListMeasureUnits')).measure_units.length, 5);
  assert.equal((await rejection(bss.call('DropDatabase', {}))).code, 'unknown_operation');
});

test('getToken: a domain-scoped IAM token, cached, used as X-Auth-Token', async () => {
  const login = { endpoint: sandbox.url, user_name: 'partner-ops', password: 'Sandbox-Pass-1', domain_name: 'storefront-partner' };
  const first = await getToken(login);
  assert.equal(first.cached, false);
  assert.match(first.expires_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const second = await getToken(login);
  assert.deepEqual([second.cached, second.token], [true, first.token]);
  const iamCalls = sandbox.requests.filter((r) => r.operation === 'IamToken');
  assert.equal(iamCalls.length, 1);
  assert.equal(JSON.parse(iamCalls[0].body).auth.scope.domain.name, 'storefront-partner');
  // A margin longer than the token's life forces a new one.
  assert.equal((await getToken({ ...login, refresh_margin_s: 86400 })).cached, false);
  const bss = new BssClient({ endpoint: sandbox.url, credentials: { token: first.token } });
  assert.equal((await bss.listQuotaCoupons({})).total_count, 2);
  assert.equal(sandbox.requests.at(-1).headers['x-auth-token'], first.token);
  assert.equal(sandbox.requests.at(-1).headers.authorization, undefined);
});

// ---- error mappings ----

test('errors: BSS bodies, gateway bodies, non-JSON bodies, network failures', async () => {
  const dup = await rejection(client().createSubCustomer({ xaccount_id: 'x-1', xaccount_type: 'T', domain_name: 'alice-cloud' }));
  assert.ok(dup instanceof BssError && dup instanceof Error);
  assert.deepEqual([dup.code, dup.status, dup.operation], ['CBC.99000038', 400, 'CreateSubCustomer']);
  assert.equal(dup.request_id, sandbox.requests.at(-1).requestId);
  assert.match(dup.message, /The name exists/);

  const wrongKey = await rejection(client({ ...partner, sk: 'not-the-secret' }).listMeasureUnits());
  assert.deepEqual([wrongKey.code, wrongKey.status], ['APIGW.0301', 401]);
  assert.match(wrongKey.message, /verify aksk signature fail/);

  const role = await rejection(client(partner).payOrders({ order_id: 'o', use_coupon: 'NO', use_discount: 'NO' }));
  assert.deepEqual([role.code, role.status], ['CBC.0151', 403]);

  const noApi = await rejection(new BssClient({ endpoint: `${sandbox.url}/old`, credentials: creds(partner) }).listMeasureUnits());
  assert.deepEqual([noApi.code, noApi.status], ['APIGW.0101', 404]);

  sandbox.inject({ operation: 'ListMeasureUnits', status: 502, body: '<html>Bad Gateway</html>' });
  const html = await rejection(client(partner, { max_retries: 0 }).listMeasureUnits());
  assert.deepEqual([html.code, html.status, html.message], ['502', 502, '<html>Bad Gateway</html> (HTTP 502)']);

  sandbox.inject({ operation: 'ListServiceTypes', malformed: true });
  const cut = await rejection(client().listServiceTypes({}));
  assert.deepEqual([cut.code, cut.status], ['invalid_response', 200]);

  const down = await rejection(new BssClient({ endpoint: `http://127.0.0.1:${await closedPort()}`, credentials: creds(partner), max_retries: 0 }).listMeasureUnits());
  assert.equal(down.code, 'network_error');
  assert.equal(down.status, undefined);

  const token = await rejection(new BssClient({ endpoint: sandbox.url, credentials: { token: 'MIIunknown' } }).listMeasureUnits());
  assert.deepEqual([token.code, token.status], ['CBC.0154', 401]);

  const iam = await rejection(getToken({ endpoint: sandbox.url, user_name: 'partner-ops', password: 'bad-password', domain_name: 'storefront-partner' }));
  assert.deepEqual([iam.code, iam.status, iam.message], ['401', 401, 'The username or password is wrong. (HTTP 401)']);

  assert.throws(() => new BssClient({ credentials: { ak: 'a', sk: 's' } }), { code: 'invalid_option', field: 'credentials' });
  assert.throws(() => new BssClient({ endpoint: 'ftp://x', credentials: creds(partner) }), { code: 'invalid_option' });
  assert.throws(() => new BssClient({ credentials: creds(partner), timeout_ms: 0 }), { code: 'invalid_option', field: 'timeout_ms' });
  assert.throws(() => new BssClient({}), { code: 'invalid_option' });
  const notJson = await rejection(client().listServiceTypes({ limit: 10n }));
  assert.equal(notJson.code, 'invalid_input');
});

// ---- retries ----

test('retries: reads after 503 and 429 (Retry-After honoured), writes only after 429', async () => {
  sandbox.inject({ operation: 'ListServiceTypes', status: 503, times: 2 });
  assert.equal((await client().listServiceTypes({})).total_count, 4);
  assert.equal(sandbox.requests.length, 3);

  sandbox.reset();
  sandbox.inject({ operation: 'ListSubCustomers', status: 429, retry_after: 1 });
  const start = Date.now();
  assert.equal((await client().listSubCustomers({})).count, 3);
  assert.ok(Date.now() - start >= 900, 'waited for Retry-After: 1');
  assert.equal(sandbox.requests.length, 2);

  sandbox.reset();
  sandbox.inject({ operation: 'ListServiceTypes', status: 503, times: 5 });
  const exhausted = await rejection(client(partner, { max_retries: 2 }).listServiceTypes({}));
  assert.deepEqual([exhausted.code, exhausted.status], ['CBC.0999', 503]);
  assert.equal(sandbox.requests.length, 3);

  sandbox.reset();
  sandbox.inject({ operation: 'PayOrders', status: 503 });
  const pay = { order_id: 'CS2503011200AAAAA', use_coupon: 'NO', use_discount: 'NO' };
  assert.equal((await rejection(client(customer).payOrders(pay))).status, 503);
  assert.equal(sandbox.requests.length, 1, 'a payment is not repeated after a 503');

  sandbox.reset();
  sandbox.inject({ operation: 'PayOrders', status: 429 });
  assert.equal(await client(customer).payOrders(pay), null);
  assert.equal(sandbox.requests.length, 2, 'a throttled payment is sent again');

  sandbox.reset();
  sandbox.inject({ operation: 'ListServiceTypes', status: 429, retry_after: 120 });
  assert.equal((await rejection(client().listServiceTypes({}))).code, 'APIG.0308');
  assert.equal(sandbox.requests.length, 1, 'a Retry-After beyond 20 s is not waited for');
});

test('retries: CreateSubCustomer is never repeated', async () => {
  const input = { xaccount_id: 'shop-user-7', xaccount_type: 'SANDBOX_IDP', domain_name: 'shop-user-7' };
  for (const fault of [{ status: 429, retry_after: 0 }, { status: 503 }, { delay_ms: 400 }]) {
    sandbox.reset();
    sandbox.inject({ operation: 'CreateSubCustomer', ...fault });
    const e = await rejection(client(partner, { timeout_ms: 200 }).createSubCustomer(input));
    assert.ok(['APIG.0308', 'CBC.0999', 'timeout'].includes(e.code), e.code);
    assert.equal(sandbox.requests.length, 1, JSON.stringify(fault));
  }
});

test('timeouts: AbortController limits one attempt; reads are retried', async () => {
  sandbox.inject({ operation: 'ListMeasureUnits', delay_ms: 500 });
  const e = await rejection(client(partner, { timeout_ms: 100, max_retries: 0 }).listMeasureUnits());
  assert.deepEqual([e.code, e.message], ['timeout', 'no response within 100 ms']);
  sandbox.reset();
  sandbox.inject({ operation: 'ListMeasureUnits', delay_ms: 500 });
  assert.equal((await client(partner, { timeout_ms: 200 }).listMeasureUnits()).measure_units.length, 5);
  assert.equal(sandbox.requests.length, 2);
});

// ---- CBC.99000050 ----

test('CBC.99000050: the account exists, the association is pending; reconcile with ListSubCustomers', async () => {
  sandbox.inject({ operation: 'CreateSubCustomer', association_timeout: true });
  const bss = client();
  const out = await bss.createSubCustomer({ xaccount_id: 'shop-user-8', xaccount_type: 'SANDBOX_IDP', include_association_result: true });
  assert.equal(out.association_pending, true);
  assert.equal(out.error_code, 'CBC.99000050');
  assert.match(out.domain_name, /^a\d{31}$/, 'BSS generated a 32-character name');
  assert.equal(out.request_id, sandbox.requests.at(-1).requestId);
  assert.equal(sandbox.requests.length, 1, 'never created twice');
  const reconciled = await bss.listSubCustomers({ customer_id: out.domain_id });
  assert.equal(reconciled.customer_infos[0].xaccount_id, 'shop-user-8');
});

// ---- clock skew ----

test('clock skew: "signature expired" is re-signed once with the server clock, then remembered', async () => {
  for (const offset of [40 * 60_000, -40 * 60_000]) {
    sandbox.reset();
    sandbox.setClockOffset(offset);
    const bss = client(partner, { max_retries: 0 });
    assert.equal((await bss.listMeasureUnits()).measure_units.length, 5);
    const [expired, resigned] = sandbox.requests;
    assert.equal(sandbox.requests.length, 2);
    const at = (r) => Date.parse(r.headers['x-sdk-date'].replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
    assert.ok(Math.abs(at(resigned) - at(expired) - offset) < 5000);
    assert.equal((await bss.createSubCustomer({ xaccount_id: `skew-${offset}`, xaccount_type: 'T' })).association_pending, false);
    assert.equal(sandbox.requests.length, 3, 'the offset is remembered');
  }
  sandbox.reset();
  sandbox.setClockOffset(40 * 60_000);
  const fresh = client(partner);
  await fresh.createSubCustomer({ xaccount_id: 'skew-create', xaccount_type: 'T' });
  assert.equal(sandbox.requests.length, 2, 'a re-sign is not a retry: CreateSubCustomer goes once more');
});

// ---- the signing proxy ----

async function startProxy(options = {}) {
  const proxy = createProxy({
    endpoint: sandbox.url, credentials: creds(partner),
    allow: ['ListServiceTypes', 'createSubCustomer', 'CheckUserIdentity', 'SendVerificationMessageCode'], ...options,
  });
  const hits = [];
  const server = http.createServer(toNodeListener((req) => { hits.push(req.url); return proxy.handle(req); }));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { url: `${origin}/api/bss`, hits, close: () => new Promise((r) => server.close(r)) };
}

test('proxy: the browser calls by operation name; the proxy checks, signs and forwards', async () => {
  const proxy = await startProxy();
  try {
    const browser = new BssClient({ endpoint: proxy.url, retry_delay_ms: 10 });
    assert.equal((await browser.listServiceTypes({ limit: 1 })).total_count, 4);
    assert.deepEqual(proxy.hits, [`${proxy.url}/ListServiceTypes`]);
    assert.match(sandbox.requests[0].headers.authorization, /^SDK-HMAC-SHA256 Access=SANDBOXPARTNERAK0001, /);

    const denied = await rejection(browser.listQuotaCoupons({}));
    assert.deepEqual([denied.code, denied.status], ['operation_not_allowed', 403]);

    const invalid = await rejection(browser.checkUserIdentity({ search_type: 'name', search_value: 'op_x' }));
    assert.equal(invalid.code, 'invalid_request');
    assert.equal(proxy.hits.length, 2, 'an invalid request does not reach the proxy');
    assert.equal(sandbox.requests.length, 1, 'nor BSS');

    sandbox.inject({ operation: 'CreateSubCustomer', association_timeout: true });
    const pending = await browser.createSubCustomer({ xaccount_id: 'via-proxy', xaccount_type: 'T' });
    assert.equal(pending.association_pending, true);

    sandbox.inject({ operation: 'ListServiceTypes', status: 503 });
    assert.equal((await browser.listServiceTypes({})).total_count, 4, 'the browser client retries through the proxy');

    // BSS's 204 (no body) passes through the proxy as a 204.
    assert.equal(await browser.sendVerificationMessageCode({ receiver_type: 1, mobile_phone: '13900000019' }), null);
  } finally {
    await proxy.close();
  }
});

test('proxy: refuses on its own, strips client credentials, limits bodies to 1 MB', async () => {
  const proxy = await startProxy();
  try {
    const post = (op, body, headers = {}) => fetch(`${proxy.url}/${op}`, { method: 'POST', body, headers });
    let r = await post('CheckUserIdentity', JSON.stringify({ search_type: 'phone', search_value: 1 }));
    assert.equal(r.status, 400);
    const body = await r.json();
    assert.equal(body.error_code, 'invalid_request');
    assert.deepEqual(body.issues.map((i) => i.field), ['search_type', 'search_value']);
    r = await post('CheckUserIdentity', '{not json');
    assert.equal((await r.json()).error_code, 'invalid_request');
    r = await post('ListQuotaCoupons', '{}');
    assert.deepEqual([r.status, (await r.json()).error_code], [403, 'operation_not_allowed']);
    r = await post('DropTables', '{}');
    assert.deepEqual([r.status, (await r.json()).error_code], [404, 'unknown_operation']);
    r = await fetch(`${proxy.url}/ListServiceTypes`);
    assert.deepEqual([r.status, (await r.json()).error_code], [405, 'method_not_allowed']);
    r = await post('ListServiceTypes', JSON.stringify({ limit: 1, pad: 'x'.repeat(1024 * 1024) }));
    assert.deepEqual([r.status, (await r.json()).error_code], [413, 'request_too_large']);
    const stream = new ReadableStream({
      start(c) { for (let i = 0; i < 20; i++) c.enqueue(new Uint8Array(64 * 1024).fill(32)); c.close(); },
    });
    r = await fetch(`${proxy.url}/ListServiceTypes`, { method: 'POST', body: stream, duplex: 'half' });
    assert.deepEqual([r.status, (await r.json()).error_code], [413, 'request_too_large'], 'a chunked body is counted too');
    assert.equal(sandbox.requests.length, 0, 'none of these reached BSS');

    r = await post('ListServiceTypes', '{"limit":2}', {
      Authorization: 'SDK-HMAC-SHA256 Access=EVILAK, SignedHeaders=host, Signature=' + '0'.repeat(64),
      'X-Auth-Token': 'stolen-token', Cookie: 'session=1', 'X-Domain-Id': 'evil',
    });
    assert.equal(r.status, 200);
    const [seen] = sandbox.requests;
    assert.match(seen.headers.authorization, /^SDK-HMAC-SHA256 Access=SANDBOXPARTNERAK0001, /);
    assert.equal(seen.headers['x-auth-token'], undefined);
    assert.equal(seen.headers.cookie, undefined);
    assert.equal(seen.headers['x-domain-id'], partner.domain_id);
  } finally {
    await proxy.close();
  }
  assert.throws(() => createProxy({ credentials: creds(partner), allow: ['ListServiceTypes', 'Nope'] }), { code: 'invalid_option', field: 'allow' });
  assert.throws(() => createProxy({ allow: [] }), { code: 'invalid_option', field: 'credentials' });
  assert.throws(() => createProxy({ credentials: creds(partner), allow: 'ListServiceTypes' }), { code: 'invalid_option' });
});

test('proxy: re-signs after clock skew, answers 502/504 when BSS is unreachable or slow', async () => {
  sandbox.setClockOffset(30 * 60_000);
  let proxy = await startProxy();
  try {
    const browser = new BssClient({ endpoint: proxy.url, max_retries: 0 });
    assert.equal((await browser.listServiceTypes({})).total_count, 4);
    assert.equal(sandbox.requests.length, 2);
    sandbox.setClockOffset(0);
    sandbox.inject({ operation: 'ListServiceTypes', delay_ms: 300 });
    await proxy.close();
    proxy = await startProxy({ timeout_ms: 100 });
    const slow = await rejection(new BssClient({ endpoint: proxy.url, max_retries: 0 }).listServiceTypes({}));
    assert.deepEqual([slow.code, slow.status], ['timeout', 504]);
    await proxy.close();
    proxy = await startProxy({ endpoint: `http://127.0.0.1:${await closedPort()}` });
    const down = await rejection(new BssClient({ endpoint: proxy.url, max_retries: 0 }).listServiceTypes({}));
    assert.deepEqual([down.code, down.status], ['network_error', 502]);
  } finally {
    await proxy.close();
  }
});

// ---- secrets ----

test('secrets never appear in errors, JSON or inspection', async () => {
  const SK = 'SK-SECRET-3f9a1c77';
  const TOKEN = 'TOKEN-SECRET-77ab19';
  const PASSWORD = 'PASSWORD-SECRET-1x';
  const secrets = [SK, TOKEN, PASSWORD];
  const errors = [];
  const collect = async (p) => errors.push(await rejection(p));
  const ak = new BssClient({ endpoint: sandbox.url, credentials: { ak: 'UNKNOWNAK', sk: SK, domain_id: 'd' }, max_retries: 0, timeout_ms: 200 });
  const tk = new BssClient({ endpoint: sandbox.url, credentials: { token: TOKEN }, max_retries: 0, timeout_ms: 200 });
  const down = `http://127.0.0.1:${await closedPort()}`;
  await collect(ak.listMeasureUnits()); // APIGW.0301, unknown AK
  await collect(tk.listMeasureUnits()); // CBC.0154
  await collect(ak.listServiceTypes({ limit: -1 })); // invalid_request
  await collect(new BssClient({ endpoint: down, credentials: { ak: 'A', sk: SK, domain_id: 'd' }, max_retries: 0 }).listMeasureUnits());
  await collect(new BssClient({ endpoint: down, credentials: { token: TOKEN }, max_retries: 0 }).listMeasureUnits());
  sandbox.inject({ operation: '*', delay_ms: 400 });
  await collect(tk.listMeasureUnits()); // timeout
  // A server that echoes what it received: the client masks the secrets.
  const good = client(partner, { max_retries: 0 });
  sandbox.inject({ operation: 'ListMeasureUnits', status: 500, body: { error_code: 'CBC.0999', error_msg: `echo ${partner.sk} and ${TOKEN}` } });
  const echoed = await rejection(good.listMeasureUnits());
  assert.equal(echoed.message, 'echo *** and TOKEN-SECRET-77ab19 (HTTP 500)', 'only the client\'s own secret is known to it');
  const { token: issued } = await getToken({ endpoint: sandbox.url, user_name: 'alice-admin', password: 'Sandbox-Pass-2', domain_name: 'alice-cloud' });
  secrets.push(issued);
  const tokenEcho = new BssClient({ endpoint: sandbox.url, credentials: { token: issued }, max_retries: 0 });
  sandbox.inject({ operation: 'ListMeasureUnits', status: 500, body: { error_code: 'CBC.0999', error_msg: `token ${issued}` } });
  errors.push(await rejection(tokenEcho.listMeasureUnits()));
  assert.equal(errors.at(-1).message, 'token *** (HTTP 500)');
  await collect(getToken({ endpoint: sandbox.url, user_name: 'partner-ops', password: PASSWORD, domain_name: 'storefront-partner' }));
  await collect(getToken({ endpoint: down, user_name: 'u', password: PASSWORD, domain_name: 'd' }));
  await collect(getToken({ endpoint: sandbox.url, user_name: '', password: PASSWORD, domain_name: 'd' }));
  for (const make of [
    () => new BssClient({ credentials: { ak: 'A', sk: SK } }),
    () => new BssClient({ endpoint: 'nope', credentials: { token: TOKEN } }),
    () => createProxy({ credentials: { ak: 'A', sk: SK, domain_id: 'd' }, allow: ['x'] }),
  ]) {
    try { make(); } catch (e) { errors.push(e); }
  }
  const proxy = await startProxy({ endpoint: down, credentials: { ak: 'A', sk: SK, domain_id: 'd' } });
  try {
    const r = await fetch(`${proxy.url}/ListServiceTypes`, { method: 'POST', body: '{}' });
    errors.push(new Error(await r.text()));
  } finally {
    await proxy.close();
  }
  assert.ok(errors.length >= 14);
  const codes = new Set(errors.map((e) => e.code));
  for (const code of ['APIGW.0301', 'CBC.0154', 'invalid_request', 'network_error', 'timeout', 'CBC.0999', '401', 'invalid_option']) {
    assert.ok(codes.has(code), `no ${code} error among ${[...codes]}`);
  }
  for (const e of errors) {
    const shown = [e.message, String(e), e.stack, JSON.stringify(e), util.inspect(e, { depth: 5 })].join('\n');
    for (const s of secrets) assert.ok(!shown.includes(s), `${e.code}: ${s} leaked: ${shown}`);
  }
  for (const c of [ak, tk]) {
    const shown = `${JSON.stringify(c)} ${util.inspect(c, { depth: 5, showHidden: true })} ${String(c)}`;
    for (const s of secrets) assert.ok(!shown.includes(s), `client shows ${s}`);
  }
});
