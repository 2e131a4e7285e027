// The operations table in the package: one BssClient method per operation of the table
// (src/api/operations.json, from the official SDK), each routed by the sandbox to its
// caller; `site: "intl"` refusing what bssintl lacks before anything is sent; and `pages`,
// the bounded async iterator over offset/limit list operations.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loadBuilds } from './builds.mjs';
import { startSandbox } from '../../www/sandbox/server.mjs';

const TABLE = JSON.parse(fs.readFileSync(new URL('../../src/api/operations.json', import.meta.url), 'utf8'));
const { BssClient, BssError } = (await loadBuilds()).esm;
const lower = (op) => op[0].toLowerCase() + op.slice(1);

let sandbox;
let partner;
let customer;
const client = (k, opts = {}) => new BssClient({
  endpoint: sandbox.url, credentials: { ak: k.ak, sk: k.sk, domain_id: k.domain_id }, max_retries: 0, ...opts,
});

before(async () => {
  sandbox = await startSandbox();
  [partner, customer] = sandbox.accounts.access_keys;
});
after(() => sandbox.close());
beforeEach(() => sandbox.reset());

test('one method per operation of the table, named in camelCase', () => {
  assert.equal(TABLE.operations.length, 92);
  for (const op of TABLE.operations) {
    assert.equal(typeof BssClient.prototype[lower(op.name)], 'function', op.name);
  }
});

test('an operation of the table answers from the sandbox with its documented empty shape', async () => {
  // Operations the sandbox has no state for (orders have their own: www/sandbox/orders.mjs).
  const records = await client(customer).listCustomerselfResourceRecords({ cycle: '2025-01', limit: 10 });
  assert.deepEqual(records, { fee_records: [], total_count: 0 });
  assert.equal(sandbox.requests.at(-1).rawQuery, 'cycle=2025-01&limit=10');
  const denied = await client(partner).listCustomerselfResourceRecords({ cycle: '2025-01' }).catch((e) => e);
  assert.ok(denied instanceof BssError);
  assert.deepEqual([denied.code, denied.status], ['CBC.0151', 403], 'a customer operation with the partner key');
});

test('site intl: an operation or a field bssintl lacks is refused and nothing is sent', async () => {
  const intl = client(partner, { site: 'intl' });
  const op = await intl.listPartnerBalances({}).catch((e) => e);
  assert.equal(op.code, 'invalid_request');
  assert.deepEqual(op.issues.map((i) => [i.field, i.code]), [['', 'not_on_site']]);
  const field = await intl.listSubCustomerCoupons({ indirect_partner_id: 'p1' }).catch((e) => e);
  assert.deepEqual(field.issues.map((i) => [i.field, i.code]), [['indirect_partner_id', 'not_on_site']]);
  assert.equal(sandbox.requests.length, 0);
  // A shared operation goes out.
  await intl.listSubCustomers({ limit: 1 });
  assert.equal(sandbox.requests.length, 1);
});

test('pages: offset advances by the items received, until the count; bounded by max_pages', async () => {
  const bss = client(partner);
  const seen = [];
  for await (const page of bss.pages('ListSubCustomers', { limit: 2 })) seen.push(page.customer_infos.map((c) => c.account_name));
  assert.deepEqual(seen.map((p) => p.length), [2, 1]);
  assert.deepEqual(sandbox.requests.map((r) => JSON.parse(r.body).offset), [undefined, 2]);
  assert.equal(new Set(seen.flat()).size, 3, 'every customer once');
  sandbox.reset();
  const capped = [];
  for await (const page of bss.pages('listSubCustomers', { limit: 1 }, 2)) capped.push(page);
  assert.equal(capped.length, 2, 'max_pages');
  assert.throws(() => bss.pages('PayOrders', {}), (e) => e instanceof BssError && e.code === 'invalid_option');
  assert.throws(() => bss.pages('Nope', {}), (e) => e.code === 'unknown_operation');
});
