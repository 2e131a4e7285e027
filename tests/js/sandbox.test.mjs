// The BSS sandbox's memory is bounded whatever the traffic: its request log is a ring of the
// last `logLimit` requests, and each table that grows with calls (IAM tokens, verification
// codes, mobile registrations, created sub-customers) keeps at most `tableLimit` entries, the
// oldest out first. Small limits here, so that a few calls go past them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox } from '../../www/sandbox/server.mjs';

const { BssClient } = await import('bss-storefront');
const LOG = 5;
const TABLE = 3;
let sandbox;
let partner;

before(async () => {
  sandbox = await startSandbox({ logLimit: LOG, tableLimit: TABLE });
  const key = sandbox.accounts.access_keys.find((k) => k.role === 'partner');
  partner = new BssClient({ endpoint: sandbox.url, credentials: { ak: key.ak, sk: key.sk, domain_id: key.domain_id }, max_retries: 0 });
});

after(() => sandbox.close());

async function token() {
  const user = sandbox.accounts.iam_users.find((u) => u.role === 'partner');
  const r = await fetch(`${sandbox.url}/v3/auth/tokens`, {
    method: 'POST',
    body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: user.user_name, password: user.password, domain: { name: user.domain_name } } } } } }),
  });
  assert.equal(r.status, 201);
  return { token: r.headers.get('x-subject-token'), requestId: r.headers.get('x-request-id') };
}

const code = async (promise) => promise.then(() => 'ok', (e) => e.code);

test('the request log keeps the last logLimit requests, oldest first; recent(n) reads the last n', async () => {
  sandbox.reset();
  const issued = [];
  for (let i = 0; i < 3 * LOG + 1; i++) issued.push(await token());
  const ids = issued.map((t) => t.requestId);
  assert.deepEqual(sandbox.requests.map((r) => r.requestId), ids.slice(-LOG));
  assert.deepEqual(sandbox.recent(2).map((r) => r.requestId), ids.slice(-2));
  assert.deepEqual(sandbox.recent(100).map((r) => r.requestId), ids.slice(-LOG));
  assert.deepEqual(sandbox.recent(0), []);
  assert.equal(sandbox.sizes().log, LOG);
  sandbox.reset();
  assert.deepEqual(sandbox.requests, []);
});

test('IAM tokens: at most tableLimit kept; the oldest is refused like an expired one, the newest works', async () => {
  sandbox.reset();
  const issued = [];
  for (let i = 0; i < TABLE + 2; i++) issued.push((await token()).token);
  assert.equal(sandbox.sizes().tokens, TABLE);
  const call = (t) => code(new BssClient({ endpoint: sandbox.url, credentials: { token: t }, max_retries: 0 }).listServiceTypes({ limit: 1 }));
  assert.equal(await call(issued[0]), 'CBC.0154');
  assert.equal(await call(issued.at(-1)), 'ok');
});

test('verification codes, mobile registrations and created sub-customers: at most tableLimit each', async () => {
  sandbox.reset();
  const mobiles = ['13900000101', '13900000102', '13900000103', '13900000104', '13900000105'];
  for (const mobile_phone of mobiles) {
    assert.equal(await code(partner.sendVerificationMessageCode({ receiver_type: 1, mobile_phone })), 'ok');
  }
  assert.equal(sandbox.sizes().codes, TABLE);
  const create = (i, mobile_phone) => code(partner.createSubCustomer({
    xaccount_id: `bounded-${i}`, xaccount_type: 'sandbox', mobile_phone, verification_code: '246810',
  }));
  assert.equal(await create(0, mobiles[0]), 'CBC.99004010', 'the oldest code is gone');
  // The fixture has registrations for 2 mobile numbers: 2 new ones make 4, one over the limit.
  assert.equal(await create(1, mobiles[4]), 'ok');
  assert.equal(await create(2, mobiles[3]), 'ok');
  assert.equal(sandbox.sizes().mobile_registrations, TABLE);
  for (let i = 3; i < 3 + TABLE + 1; i++) assert.equal(await create(i), 'ok');
  assert.equal(sandbox.sizes().created_customers, TABLE);
  const list = await partner.listSubCustomers({ limit: 100 });
  assert.deepEqual(list.customer_infos.filter((c) => c.xaccount_id.startsWith('bounded-')).map((c) => c.xaccount_id),
    ['bounded-4', 'bounded-5', 'bounded-6'], 'the oldest created sub-customers made room');
});
