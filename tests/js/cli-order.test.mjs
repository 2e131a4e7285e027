// `bss-storefront order` as real processes against the BSS sandbox started here: the preview of
// a placed pending order equals quoteOrder computed in this process from the same BSS bodies,
// --pay --yes is charged exactly the previewed amount, and each refusal has its exit code.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cli, BIN } from './cli-process.mjs';
import { loadBuilds } from './builds.mjs';
import { startSandbox } from '../../www/sandbox/server.mjs';
import { ECS, EVS, CASH_50, CASH_200, DISC_85, orderParts, figures } from './orders-flow.mjs';
import { money } from '../../pkg/cli/text.mjs';

const { BssClient, quoteOrder } = (await loadBuilds()).esm;

let sandbox;
let key;
let bss;
before(async () => {
  sandbox = await startSandbox({ port: 0 });
  key = sandbox.accounts.access_keys.find((a) => a.role === 'customer');
  bss = new BssClient({ endpoint: sandbox.url, credentials: { ak: key.ak, sk: key.sk, domain_id: key.domain_id }, max_retries: 0 });
});
after(() => sandbox.close());
beforeEach(() => sandbox.reset());

const env = () => ({ BSS_ENDPOINT: sandbox.url, BSS_AK: key.ak, BSS_SK: key.sk, BSS_DOMAIN_ID: key.domain_id, BSS_TOKEN: '' });
const NO_CREDENTIALS = { BSS_ENDPOINT: '', BSS_AK: '', BSS_SK: '', BSS_DOMAIN_ID: '', BSS_TOKEN: '' };
const MONTH = [{ ...ECS, period_type: 2, period_num: 1, subscription_num: 1 }, { ...EVS, period_type: 2, period_num: 1, subscription_num: 1, resource_size: 40 }];
const place = (items = MONTH) => {
  const placed = sandbox.placeOrder({ customer_id: key.domain_id, items });
  assert.ok(placed.order_id, JSON.stringify(placed));
  return placed.order_id;
};
const order = (args, options = {}) => cli(['order', ...args], { env: { ...env(), ...options.env }, input: options.input });
const payRequests = () => sandbox.requests.filter((r) => r.operation === 'PayOrders');
/** What a run printed never holds the secret key. */
const noSecret = (r) => assert.ok(!`${r.stdout}${r.stderr}`.includes(key.sk), 'the secret key is never printed');

/** The money of a quote that the preview and the charge must agree on. */
const amounts = (q) => ({
  official_amount: q.official_amount, discount: q.discount, discount_amount: q.discount_amount, coupons: q.coupons,
  ...figures(q), truncated_amount: q.truncated_amount, payment: q.payment, lines: q.lines, pay_request: q.pay_request,
});

test('preview: the amounts equal quoteOrder of the same bodies, every coupon and card has its verdict', async () => {
  const id = place();
  const expected = quoteOrder({ ...(await orderParts(bss, id)), selection: 'best' });
  const r = await order([id, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  noSecret(r);
  const got = JSON.parse(r.stdout);
  assert.deepEqual(amounts(got), amounts(expected));
  assert.equal(got.order_id, id);
  // Every coupon BSS offers for the order and every usable card, once each.
  const parts = await orderParts(bss, id);
  const held = [...parts.coupons.user_coupons.map((c) => c.coupon_id), ...parts.cards.stored_value_cards.map((c) => c.card_id)];
  assert.deepEqual(got.coupon_verdicts.map((v) => v.coupon_id).sort(), [...held].sort());
  for (const v of got.coupon_verdicts) {
    const used = expected.coupons.find((c) => c.coupon_id === v.coupon_id);
    if (used) {
      assert.deepEqual([v.verdict, v.deducted], ['used', used.deducted], v.coupon_id);
      continue;
    }
    // Not in the best combination: what quoteOrder says of it alone, under the same discount.
    const alone = quoteOrder({ ...parts, selection: { discount_id: expected.discount?.discount_id ?? null, coupon_ids: [v.coupon_id] } });
    const u = alone.coupons.find((c) => c.coupon_id === v.coupon_id);
    if (u) assert.deepEqual([v.verdict, v.deducted], ['applicable', u.deducted], v.coupon_id);
    else assert.deepEqual([v.verdict, v.rejection.code], ['not_applicable', alone.rejected[0].code], v.coupon_id);
  }
  assert.ok(got.coupon_verdicts.some((v) => v.verdict === 'not_applicable'), 'the wallet has a coupon this order cannot use (the 折扣券 next to a discount)');

  // The text shows the same payable amount, the total row adds up, and each verdict in words.
  const text = await order([id]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, new RegExp(`\\npayable +${money(expected.payable).replace('.', '\\.')}\\n`));
  const total = text.stdout.split('\n').find((l) => l.startsWith('total '));
  const cols = total.trim().split(/ +/).slice(1).map((x) => x.replace(/,/g, ''));
  assert.equal(cols.at(-1), expected.payable);
  assert.equal(cols.slice(1, -1).reduce((s, x) => s + BigInt(x.replace('.', '')), 0n), BigInt(cols[0].replace('.', '')) - BigInt(cols.at(-1).replace('.', '')));
  for (const c of parts.coupons.user_coupons) assert.match(text.stdout, new RegExp(`\\n${c.coupon_code} +.*${c.coupon_id} +(used|applicable|not applicable) `));
  const zh = await order([id, '--lang', 'zh']);
  assert.equal(zh.code, 0, zh.stderr);
  assert.match(zh.stdout, new RegExp(`\\n应付 +${money(expected.payable).replace('.', '\\.')}\\n`));
  assert.match(zh.stdout, /优惠券和储值卡：\n/);
  assert.match(zh.stdout, / 不可用 +.*不能与商务折扣同时使用/);
  assert.equal(payRequests().length, 0, 'a preview pays nothing');
});

test('--pay --yes: the sandbox charges the previewed payable; paying again exits 1 without a second PayOrders', async () => {
  const id = place();
  const preview = JSON.parse((await order([id, '--format', 'jsonl'])).stdout);
  const r = await order([id, '--pay', '--yes']);
  assert.equal(r.code, 0, r.stderr);
  noSecret(r);
  assert.match(r.stdout, new RegExp(`\\npaid ${money(preview.payable).replace('.', '\\.')} for order ${id}\\n$`));
  const charge = sandbox.wallet.charges.find((c) => c.order_id === id);
  assert.ok(charge, 'the sandbox recorded a charge');
  assert.equal(charge.payable, preview.payable);
  assert.deepEqual(figures(charge), figures(preview));
  assert.deepEqual(payRequests().map((p) => JSON.parse(p.body)), [preview.pay_request]);
  assert.equal((await bss.showCustomerOrderDetails({ order_id: id })).order_info.status, 5);

  const again = await order([id, '--pay', '--yes']);
  assert.equal(again.code, 1);
  assert.match(again.stderr, new RegExp(`order ${id} is not pending payment \\(status 5\\)`));
  assert.equal(payRequests().length, 1, 'nothing is sent for an order that is not pending');
  assert.equal(sandbox.wallet.charges.filter((c) => c.order_id === id).length, 1);
});

test('--pay: BSS refusing the payment prints its CBC code and exits 1', async () => {
  // The balances cannot pay three yearly ECS: the sandbox's own refusal.
  const big = place([{ ...ECS, period_type: 3, period_num: 1, subscription_num: 3 }]);
  const r = await order([big, '--pay', '--yes']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /\n {2}unpaid +[\d,]+\.\d\d\n/, 'the preview shows what the balances cannot pay');
  assert.match(r.stderr, /^bss-storefront: CBC\.99005003: .*\n {2}status: 400\n/);
  assert.equal(sandbox.wallet.charges.length, 0);
  // The order's status changing between the preview and the payment (paid elsewhere):
  // BSS's CBC.99003106, answered by the sandbox for this one PayOrders.
  const id = place();
  sandbox.inject({ operation: 'PayOrders', status: 400, body: { error_code: 'CBC.99003106', error_msg: 'The order status has changed.' } });
  const changed = await order([id, '--pay', '--yes']);
  assert.equal(changed.code, 1);
  assert.match(changed.stderr, /^bss-storefront: CBC\.99003106: The order status has changed\..*\n {2}status: 400\n/);
  assert.equal(sandbox.wallet.charges.length, 0);
  noSecret(changed);
});

test('--coupons and --discount: the selection is quoted and paid as chosen', async () => {
  const id = place();
  // A 折扣券 instead of the discount: --discount none.
  const expected = quoteOrder({ ...(await orderParts(bss, id)), selection: { discount_id: null, coupon_ids: [DISC_85] } });
  assert.equal(expected.rejected.length, 0);
  const r = await order([id, '--coupons', DISC_85, '--discount', 'none', '--pay', '--yes', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(amounts(JSON.parse(r.stdout)), amounts(expected));
  assert.match(r.stderr, new RegExp(`^bss-storefront: paid ${money(expected.payable).replace('.', '\\.')} for order ${id}\\n$`));
  assert.deepEqual(figures(sandbox.wallet.charges.find((c) => c.order_id === id)), figures(expected));

  // A coupon the order cannot use is refused before anything is paid (exit 2).
  const other = place();
  const bad = await order([other, '--coupons', `${CASH_50},${CASH_200}`, '--pay', '--yes']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, new RegExp(`not paying: .*\\(${CASH_200}\\)`));
  assert.equal(payRequests().length, 1);
});

test('usage: missing ORDER_ID, no credentials, --pay without a terminal, an unknown order', async () => {
  const id = place();
  const missing = await order([]);
  assert.deepEqual([missing.code, missing.stderr], [2, 'bss-storefront: order takes one ORDER_ID\n']);
  const none = await order([id], { env: NO_CREDENTIALS });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^bss-storefront: no credentials: set BSS_AK, BSS_SK and BSS_DOMAIN_ID/);
  // Standard input is a pipe here: no one to ask.
  const noTty = await order([id, '--pay'], { input: 'y\n' });
  assert.equal(noTty.code, 2);
  assert.match(noTty.stderr, /standard input is not one; add --yes/);
  assert.equal(sandbox.requests.length, 0, 'nothing was fetched or paid');
  const yesAlone = await order([id, '--yes']);
  assert.equal(yesAlone.code, 2);
  const unknown = await order(['CS0000000000NOSUCH']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /^bss-storefront: CBC\.30000010: /);
  noSecret(unknown);
});

// A terminal for the confirmation: util-linux `script` runs the CLI on a pseudo-terminal.
const hasScript = spawnSync('script', ['--version']).status === 0;

/** `order ID --pay` on a terminal, answering `answer` once the question is shown. */
function onTerminal(id, answer) {
  const command = [process.execPath, BIN, 'order', id, '--pay'].map((a) => `'${a}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, ...env() }, stdio: ['pipe', 'pipe', 'pipe'] });
  let seen = '';
  let answered = false;
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d) => {
      seen += d;
      if (/\[y\/N\] /.test(seen) && !answered) {
        answered = true;
        child.stdin.write(answer);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, seen }));
  });
}

test('--pay on a terminal: the amount is asked for; n pays nothing, y pays it', { skip: !hasScript && 'no `script` for a pseudo-terminal' }, async () => {
  const id = place();
  const preview = JSON.parse((await order([id, '--format', 'jsonl'])).stdout);
  const question = `Pay ${money(preview.payable)} for order ${id}? [y/N] `;
  const no = await onTerminal(id, 'n\r');
  assert.equal(no.code, 1, no.seen);
  assert.ok(no.seen.includes(question), no.seen);
  assert.match(no.seen, /bss-storefront: not paid/);
  assert.equal(payRequests().length, 0);
  const ctrlC = await onTerminal(id, '\x03');
  assert.equal(ctrlC.code, 130, ctrlC.seen);
  assert.equal(payRequests().length, 0);
  const yes = await onTerminal(id, 'y\r');
  assert.equal(yes.code, 0, yes.seen);
  assert.match(yes.seen, new RegExp(`paid ${money(preview.payable).replace('.', '\\.')} for order ${id}`));
  assert.deepEqual(figures(sandbox.wallet.charges.find((c) => c.order_id === id)), figures(preview));
});
