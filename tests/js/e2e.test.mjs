// End-to-end: the storefront demo (www/) in Debian Chromium, against the demo server with
// its signing proxies and the BSS sandbox, started here on a random port. What the page
// shows is checked against the package's Node build computing the same thing, and against
// what the sandbox received. Screenshots of every step go to test-output/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  BssClient, BssError, quote, validateField, validateRegistration, normalizeMobile, normalizeAmount, version,
} from 'bss-storefront';
import { startServer } from '../../www/server.mjs';
import { launchChromium } from './chromium.mjs';

const OUT = new URL('../../test-output/e2e/', import.meta.url);
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };
const PRODUCTS = {
  c6: 'hws.service.type.ec2|hws.resource.type.vm|c6.large.2.linux',
  s6: 'hws.service.type.ec2|hws.resource.type.vm|s6.small.1.linux',
  gpssd: 'hws.service.type.ebs|hws.resource.type.volume|GPSSD',
};
const DISCOUNT_COUPON = 'CP2025030100000002';
const CASH_COUPON = 'CP2025030100000001';
const CATALOG_UNPRICED = '400 /api/customer/ListRateOnPeriodDetail';

let server;
let browser;
/** Every preview update the page measured: { cause, ms, rated }. */
const timings = [];

before(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  // env {}: always the sandbox, whatever BSS_* the machine has.
  server = await startServer({ port: 0, env: {} });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [label, rows] of [['with a rating call', timings.filter((x) => x.rated)], ['local only', timings.filter((x) => !x.rated)]]) {
    if (rows.length) {
      const ms = rows.map((x) => x.ms);
      console.log(`edit → updated preview (${label}): n=${ms.length} median ${median(ms).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms`);
    }
  }
});

/**
 * Opens the page in a fresh context. Collects console errors and uncaught exceptions, and
 * the HTTP errors the page received; `done(expected4xx)` checks that the only errors are the
 * BSS errors the scenario provokes (Chromium logs each 4xx answer as a console error).
 */
async function open(hash = '', viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  const failed = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${new URL(r.url()).pathname}`));
  await page.goto(`${server.url}/${hash}`);
  await page.waitForSelector('body[data-ready="true"]');
  if (hash === '#shop') await page.waitForSelector('body[data-shop-ready="true"]');
  return {
    page,
    async shot(name, options = {}) {
      await page.screenshot({ path: new URL(`${name}.png`, OUT).pathname, fullPage: true, ...options });
    },
    async done(expected = []) {
      // The shop asks for the list price of every product on sale; the sandbox prices all but
      // the SAS disk, and says so with CBC.99006006.
      const expected4xx = hash === '#shop' ? [...expected, CATALOG_UNPRICED] : expected;
      assert.deepEqual(failed.sort(), [...expected4xx].sort(), 'HTTP errors received by the page');
      const loadErrors = errors.filter((e) => /Failed to load resource: the server responded with a status of 4\d\d/.test(e));
      assert.deepEqual(errors.filter((e) => !loadErrors.includes(e)), [], 'console errors');
      assert.equal(loadErrors.length, expected4xx.length, 'only the expected BSS errors are logged');
      timings.push(...await page.evaluate(() => window.storefrontTimings ?? []));
      await context.close();
    },
  };
}

const text = (page, selector) => page.textContent(selector).then((s) => s.trim());
/** An amount as the page shows money: ¥ and thousands separators. */
const yuan = (amount) => `¥${amount.replace(/^\d+/, (i) => i.replace(/\B(?=(\d{3})+(?!\d))/g, ','))}`;
const messages = (page, field) => page.$$eval(`#${field}-msg span`, (spans) => spans.map((s) => s.textContent));

/** Runs an edit and waits until the preview has caught up with it. */
async function edit(page, action) {
  await action();
  await page.waitForSelector('body[data-preview-busy="false"]');
}

// ---- sign-up ----

test('sign-up: live messages in English and Chinese, invalid then valid, account created', async () => {
  const { page, shot, done } = await open();
  assert.match(await text(page, '#version'), /^\d+\.\d+\.\d+/);
  assert.equal(await text(page, '#version'), version());
  assert.equal(await page.getAttribute('#lang-en', 'aria-pressed'), 'true');

  // Invalid values: the page shows exactly what validateField says, as the customer types.
  await page.fill('#domain_name', '1ab');
  await page.fill('#mobile_phone', '138 0000 000');
  await page.fill('#password', 'abc');
  const form = { domain_name: '1ab', mobile_phone: '138 0000 000', password: 'abc' };
  const expected = Object.fromEntries(Object.keys(form).map((f) => [f, validateField(f, form[f], form)]));
  for (const [field, issues] of Object.entries(expected)) {
    assert.ok(issues.length > 0, `${field} has issues`);
    assert.deepEqual(await messages(page, field), issues.map((i) => i.message), field);
    assert.equal(await page.getAttribute(`#${field}`, 'aria-invalid'), 'true');
  }
  assert.deepEqual(expected.domain_name.map((i) => i.code), ['too_short', 'invalid_start']);
  await shot('signup-1-invalid-en');

  // The same issues in Chinese after the switch, labels included.
  await page.click('#lang-zh');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await text(page, 'label[for="domain_name"]'), '账号名');
  for (const [field, issues] of Object.entries(expected)) {
    assert.deepEqual(await messages(page, field), issues.map((i) => i.message_zh), field);
  }
  // Submitting an invalid form sends nothing and puts the focus on the first bad field.
  const sent = server.sandbox.requests.length;
  await page.click('#create-account');
  await page.waitForSelector('#signup-status.error');
  const whole = validateRegistration({ xaccount_id: 'x', xaccount_type: 'T', ...form, is_close_market_ms: false });
  const bad = new Set(whole.issues.map((i) => i.field));
  assert.deepEqual([...bad].sort(), ['domain_name', 'mobile_phone', 'password', 'verification_code']);
  assert.equal(await text(page, '#signup-status'), `请修改 ${bad.size} 个字段。`);
  assert.deepEqual(await messages(page, 'verification_code'), whole.issues.filter((i) => i.field === 'verification_code').map((i) => i.message_zh));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'domain_name');
  assert.equal(server.sandbox.requests.length, sent, 'an invalid form never reaches BSS');
  await shot('signup-2-invalid-zh');

  // Valid values: the messages turn into confirmations; the mobile is normalised.
  await page.fill('#domain_name', 'new-shop-user');
  await page.fill('#mobile_phone', '+86 139-0000-0009');
  await page.fill('#password', 'Shop#2024ok');
  assert.equal(await text(page, '#domain_name-msg'), '格式正确。');
  assert.equal(await page.getAttribute('#domain_name', 'aria-invalid'), null);
  const mobile = normalizeMobile('+86 139-0000-0009');
  assert.equal(await text(page, '#mobile-normalized'), `发送为 ${mobile.national}；校验为 ${mobile.check_identity}。`);
  await page.click('#lang-en');
  for (const field of ['domain_name', 'mobile_phone', 'password']) {
    assert.equal(await text(page, `#${field}-msg`), 'Looks good.', field);
  }

  // Check name, send code (CheckUserIdentity on the mobile first), create account.
  await page.click('#check-name');
  await page.waitForSelector('#domain_name-msg.ok >> text=This name is available.');
  await page.click('#send-code');
  await page.waitForSelector(`#signup-status >> text=Code sent to ${mobile.national}.`);
  assert.match(await text(page, '#send-code'), /^Resend in \d+ s$/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'verification_code');
  const code = await text(page, '#verification_code-hint');
  assert.match(code, /^Sandbox: the code is \d{6}\.$/);
  await page.fill('#verification_code', code.match(/\d{6}/)[0]);
  await page.check('#is_close_market_ms');
  await shot('signup-3-valid-en');
  await page.click('#create-account');
  await page.waitForSelector('#signup-status.ok >> text=created');
  assert.match(await text(page, '#signup-status'), /^Account new-shop-user created \(ID \w+\)\.$/);
  await shot('signup-4-created');

  // What reached BSS: the identity checks, the code, and the body validateRegistration builds.
  const ops = server.sandbox.requests.slice(sent).map((r) => r.operation);
  assert.deepEqual(ops, ['CheckUserIdentity', 'CheckUserIdentity', 'SendVerificationMessageCode', 'CreateSubCustomer']);
  const [name, mobileCheck, send, create] = server.sandbox.requests.slice(sent).map((r) => JSON.parse(r.body));
  assert.deepEqual(name, { search_type: 'name', search_value: 'new-shop-user' });
  assert.deepEqual(mobileCheck, { search_type: 'mobile', search_value: mobile.check_identity });
  assert.equal(send.mobile_phone, mobile.national);
  const [xaccountType, xaccountId] = (await text(page, '#xaccount')).split(' / ');
  const { valid, body } = validateRegistration({
    xaccount_id: xaccountId, xaccount_type: xaccountType, domain_name: 'new-shop-user',
    mobile_phone: '+86 139-0000-0009', verification_code: code.match(/\d{6}/)[0], password: 'Shop#2024ok',
    is_close_market_ms: true,
  });
  assert.ok(valid);
  assert.deepEqual(create, body);
  await done();
});

test('sign-up: BSS errors are shown on their field (CBC.99000038 name, CBC.99004010 code)', async () => {
  const { page, shot, done } = await open('', PHONE);
  // "Check name" on a taken name.
  await page.fill('#domain_name', 'alice-cloud');
  await page.click('#check-name');
  await page.waitForSelector('#domain_name-msg.error');
  assert.equal(await text(page, '#domain_name-msg'), 'This account name is already taken. (CBC.99000038)');
  // CreateSubCustomer answers CBC.99000038 for the name: on the name field, focused.
  await page.fill('#mobile_phone', '13900000008');
  await page.click('#send-code');
  await page.waitForSelector('#signup-status.ok');
  await page.fill('#verification_code', '000000');
  await page.fill('#password', 'Shop#2024ok');
  await page.click('#create-account');
  await page.waitForSelector('#domain_name-msg.error >> text=CBC.99000038');
  assert.equal(await page.getAttribute('#domain_name', 'aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'domain_name');
  assert.equal(await page.getAttribute('#domain_name-msg', 'aria-live'), 'polite');
  await shot('signup-5-name-taken-375');
  // A free name: now the wrong code, CBC.99004010, on the code field — in Chinese too.
  await page.fill('#domain_name', 'fresh-name-01');
  await page.click('#create-account');
  await page.waitForSelector('#verification_code-msg.error');
  assert.equal(await text(page, '#verification_code-msg'), 'The verification code is incorrect. (CBC.99004010)');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'verification_code');
  assert.equal(await text(page, '#domain_name-msg'), 'Looks good.');
  await page.click('#lang-zh');
  assert.equal(await text(page, '#verification_code-msg'), '验证码不正确。 (CBC.99004010)');
  await shot('signup-6-wrong-code-375-zh');
  const answers = server.sandbox.requests.filter((r) => r.operation === 'CreateSubCustomer').slice(-2);
  assert.deepEqual(answers.map((r) => JSON.parse(r.body).domain_name), ['alice-cloud', 'fresh-name-01']);
  await done(['400 /api/bss/CreateSubCustomer', '400 /api/bss/CreateSubCustomer']);
});

// ---- shop ----

/** The wallet and a rating straight from the sandbox with the customer's key (not the page's path). */
async function customerClient() {
  const key = server.sandbox.accounts.access_keys.find((k) => k.role === 'customer');
  return new BssClient({ endpoint: server.sandbox.url, credentials: { ak: key.ak, sk: key.sk, domain_id: key.domain_id } });
}

/** The quote of a cart computed in Node: rating from the sandbox, then quote(). */
async function nodeQuote(cart, { periodType, periodNum, selection, orderId = 'CS2503011200AAAAA' }) {
  const bss = await customerClient();
  const infos = cart.map((l) => ({
    id: l.id, cloud_service_type: l.product.split('|')[0], resource_type: l.product.split('|')[1],
    resource_spec: l.product.split('|')[2], region: l.region ?? 'cn-north-4', period_type: periodType,
    period_num: periodNum, subscription_num: l.quantity ?? 1,
    ...(l.size ? { resource_size: l.size, size_measure_id: 17 } : {}),
  }));
  const rating = await bss.listRateOnPeriodDetail({ project_id: 'sandbox-project', product_infos: infos });
  const { user_coupons: wallet } = await bss.listSubCustomerCoupons({ limit: 100 });
  const rated = rating.official_website_rating_result.product_rating_results;
  const order = {
    order_id: orderId, order_type: 'new', charging_mode: 'period', period_type: periodType, period_num: periodNum,
    lines: infos.map((i) => ({
      id: i.id, cloud_service_type: i.cloud_service_type, resource_type: i.resource_type, resource_spec: i.resource_spec,
      region: i.region, product_id: rated.find((r) => r.id === i.id).product_id,
      official_amount: rated.find((r) => r.id === i.id).official_website_amount,
    })),
  };
  return quote({ order, discounts: rating.optional_discount_rating_results ?? [], coupons: wallet, selection });
}

/** A ListRateOnPeriodDetail answer for one line: discounts as [id, type, amount, discount_amount, best_offer]. */
function exactRating(id, official, discounts) {
  const product = { id, product_id: '00301-230301-0--0', measure_id: 1 };
  return {
    currency: 'CNY',
    official_website_rating_result: {
      official_website_amount: official, measure_id: 1,
      product_rating_results: [{ ...product, official_website_amount: official }],
    },
    optional_discount_rating_results: discounts.map(([discountId, type, amount, saving, best]) => ({
      discount_id: discountId, discount_type: type, discount_name: discountId, measure_id: 1, best_offer: best,
      official_website_amount: official, amount, discount_amount: saving,
      product_rating_results: [{ ...product, official_website_amount: official, amount, discount_amount: saving }],
    })),
  };
}

/** What the page shows: totals (data-amount of each row) and the per-line table. */
async function shown(page) {
  return page.evaluate(() => {
    const amount = (id) => document.getElementById(id)?.dataset.amount ?? null;
    const head = [...document.querySelectorAll('#p-lines thead th')].map((th) => th.textContent);
    return {
      official_amount: amount('p-official'),
      discount_amount: amount('p-discount'),
      coupon_amount: amount('p-coupons'),
      truncated_amount: amount('p-truncated'),
      payable: amount('p-payable'),
      payable_text: document.getElementById('p-payable')?.textContent,
      head,
      lines: [...document.querySelectorAll('#p-lines tbody tr')].map((tr) => [tr.dataset.line, ...[...tr.querySelectorAll('td')].map((td) => td.textContent)]),
      checked: [...document.querySelectorAll('#wallet input[type=checkbox]:checked')].map((b) => b.id.replace(/^use-/, '')),
      discount: document.getElementById('discount-choice').value,
      pay_body: document.getElementById('pay-body').textContent,
    };
  });
}

/** The shop's developer panel (order id, PayOrders body, the fixture order's Pay button). */
async function openDeveloper(page) {
  if (!(await page.$eval('#shop-developer', (d) => d.open))) await page.click('#shop-developer-summary');
}

async function addProduct(page, product) {
  await edit(page, () => page.click(`button[data-product="${product}"]`));
}

test('shop: the payable amount shown equals quote() in Node, per line too; the truncated cent', async () => {
  const { page, shot, done } = await open('#shop');
  assert.equal(await text(page, '#customer'), 'Signed in as alice-cloud');
  assert.deepEqual(await page.$$eval('#catalog .product .price', (p) => p.map((x) => x.textContent)),
    ['¥204.00 / month', '¥36.80 / month', '¥0.70 / GB / month', 'no list price']);
  await shot('shop-1-catalog');
  await addProduct(page, PRODUCTS.c6);
  await addProduct(page, PRODUCTS.gpssd);
  await edit(page, () => page.selectOption('#period-type', '3'));
  await edit(page, () => page.fill('#L1-qty', '2'));
  await edit(page, () => page.fill('#L2-size', '45'));
  const cart = [{ id: 'L1', product: PRODUCTS.c6, quantity: 2 }, { id: 'L2', product: PRODUCTS.gpssd, size: 45 }];
  const q = await nodeQuote(cart, { periodType: 3, periodNum: 1, selection: { coupon_ids: [] } });
  let s = await shown(page);
  assert.equal(s.payable, q.payable);
  assert.equal(s.payable_text, yuan(q.payable));
  assert.equal(s.official_amount, q.official_amount);
  assert.equal(s.discount_amount, q.discount_amount);
  assert.equal(s.truncated_amount, q.truncated_amount);
  assert.deepEqual(s.head, ['Line', 'List', 'Discount', 'Coupons', 'Payable']);
  assert.deepEqual(s.lines, q.lines.map((l) => [l.id, l.official_amount, l.discount_amount, l.coupon_amount, l.payable]));
  assert.equal(q.discount.discount_id, 'DSC-BIZ-90', 'the rating\'s best offer');
  assert.match(await page.textContent('#discount-choice option[value="auto"]'), /best offer: /);
  assert.deepEqual(JSON.parse(s.pay_body), q.pay_request);
  await shot('shop-2-cart-yearly');

  // The truncated cent. The sandbox rounds its ratings to the cent; BSS answers at more
  // precision, so the next rating answer is BSS-like: the partner discount (0.95) of a month
  // of 45 GB, 31.50 → 29.925, unrounded. Chosen by hand, it leaves 29.92 to pay and cuts 0.005.
  await edit(page, () => page.click('#line-L1 .remove'));
  const rating = exactRating('L2', '31.50', [['DSC-BIZ-90', 605, '28.35', '3.15', 1], ['DSC-PTN-95', 607, '29.925', '1.575', 0]]);
  server.sandbox.inject({ operation: 'ListRateOnPeriodDetail', status: 200, body: rating });
  const rated = server.sandbox.requests.length;
  await edit(page, () => page.selectOption('#period-type', '2'));
  assert.deepEqual(JSON.parse(server.sandbox.requests.slice(rated)[0].body).product_infos.map((i) => [i.id, i.period_type, i.resource_size]), [['L2', 2, 45]]);
  await edit(page, () => page.selectOption('#discount-choice', 'DSC-PTN-95'));
  const order = {
    order_id: 'CS2503011200AAAAA', order_type: 'new', charging_mode: 'period', period_type: 2, period_num: 1,
    lines: [{ id: 'L2', cloud_service_type: 'hws.service.type.ebs', resource_type: 'hws.resource.type.volume',
      resource_spec: 'GPSSD', region: 'cn-north-4', product_id: '00301-230301-0--0', official_amount: '31.50' }],
  };
  const { user_coupons: wallet } = await (await customerClient()).listSubCustomerCoupons({ limit: 100 });
  const cut = quote({ order, discounts: rating.optional_discount_rating_results, coupons: wallet, selection: { discount_id: 'DSC-PTN-95', coupon_ids: [] } });
  s = await shown(page);
  assert.equal(cut.payable, '29.92');
  assert.equal(cut.truncated_amount, '0.005');
  assert.equal(s.payable, cut.payable);
  assert.equal(s.truncated_amount, cut.truncated_amount);
  assert.equal(await text(page, '#p-truncated'), '−¥0.005');
  assert.deepEqual(s.head, ['Line', 'List', 'Discount', 'Coupons', 'Cut', 'Payable']);
  assert.deepEqual(s.lines, cut.lines.map((l) => [l.id, l.official_amount, l.discount_amount, l.coupon_amount, l.truncated_amount, l.payable]));
  assert.deepEqual(JSON.parse(s.pay_body), cut.pay_request);
  // Six columns still fit the preview without scrolling.
  assert.ok(await page.$eval('#p-lines', (t) => t.scrollWidth <= t.clientWidth), 'the per-line table fits');
  await shot('shop-3-truncated-cent');
  await done();
});

test('shop: a coupon that does not apply shows its reasons, in both languages', async () => {
  const { page, shot, done } = await open('#shop');
  await addProduct(page, PRODUCTS.s6);
  await edit(page, () => page.selectOption('#period-type', '3'));
  // Before toggling: the wallet already says why (evaluateCoupons under the chosen discount).
  const badge = `#${DISCOUNT_COUPON}-status`;
  assert.equal(await text(page, badge), 'not usable');
  await edit(page, () => page.check(`#use-${DISCOUNT_COUPON}`));
  const q = await nodeQuote([{ id: 'L1', product: PRODUCTS.s6 }], { periodType: 3, periodNum: 1, selection: { coupon_ids: [DISCOUNT_COUPON] } });
  const rejected = q.rejected.find((r) => r.id === DISCOUNT_COUPON);
  assert.equal(rejected.code, 'coupon_not_applicable');
  const reasons = () => page.$$eval(`#${DISCOUNT_COUPON}-reasons li`, (lis) => lis.map((li) => [li.dataset.code, li.textContent]));
  assert.deepEqual(await reasons(), [
    ['coupon_not_applicable', `Not used: ${rejected.message}`],
    ...rejected.reasons.map((r) => [r.code, r.message]),
  ]);
  assert.deepEqual(rejected.reasons.map((r) => r.code), ['cycle_type_not_allowed', 'discount_not_combinable']);
  assert.equal((await shown(page)).payable, q.payable, 'the coupon takes nothing');
  assert.equal(q.coupons.length, 0);
  await shot('shop-4-coupon-reason-en');
  await page.click('#lang-zh');
  await page.waitForSelector('body[data-preview-busy="false"]');
  assert.deepEqual(await reasons(), [
    ['coupon_not_applicable', `未使用：${rejected.message_zh}`],
    ...rejected.reasons.map((r) => [r.code, r.message_zh]),
  ]);
  assert.equal(await text(page, badge), '不可用');
  await shot('shop-5-coupon-reason-zh');
  await done();
});

test('shop: "best combination" picks what quote({ selection: "best" }) picks; pay succeeds', async () => {
  server.sandbox.reset();
  const { page, shot, done } = await open('#shop', PHONE);
  await addProduct(page, PRODUCTS.c6);
  await addProduct(page, PRODUCTS.gpssd);
  await edit(page, () => page.fill('#L2-size', '45'));
  await edit(page, () => page.check(`#use-${DISCOUNT_COUPON}`)); // a worse start than the best
  const cart = [{ id: 'L1', product: PRODUCTS.c6 }, { id: 'L2', product: PRODUCTS.gpssd, size: 45 }];
  const best = await nodeQuote(cart, { periodType: 2, periodNum: 1, selection: 'best' });
  await edit(page, () => page.click('#best'));
  const s = await shown(page);
  assert.deepEqual(s.checked, best.coupons.map((c) => c.coupon_id));
  assert.equal(s.discount, best.discount?.discount_id ?? 'none');
  assert.equal(s.payable, best.payable);
  assert.deepEqual(JSON.parse(s.pay_body), best.pay_request);
  assert.equal(await text(page, '#preview-status'), `Best combination chosen: payable ${yuan(best.payable)}.`);
  assert.equal(await text(page, '#payable-bar'), `Payable ${yuan(best.payable)}`);
  // This cart's best is the business discount with the cash coupon (over the discount coupon alone).
  assert.deepEqual(best.coupons.map((c) => c.coupon_id), [CASH_COUPON]);
  assert.equal(best.discount.discount_id, 'DSC-BIZ-90');
  await shot('shop-6-best-375');

  const before = server.sandbox.requests.length;
  await openDeveloper(page);
  await page.click('#pay');
  await page.waitForSelector('#pay-status.ok');
  assert.equal(await text(page, '#pay-status'), 'Paid: BSS accepted order CS2503011200AAAAA.');
  const pay = server.sandbox.requests.slice(before);
  assert.deepEqual(pay.map((r) => r.operation), ['PayOrders']);
  assert.deepEqual(JSON.parse(pay[0].body), best.pay_request);
  await shot('shop-7-paid-375');
  // The sandbox's answer to paying the same order twice is shown as it is.
  await openDeveloper(page);
  await page.click('#pay');
  await page.waitForSelector('#pay-status.error');
  assert.match(await text(page, '#pay-status'), /^Error: CBC\.99003106 /);
  await done(['400 /api/customer/PayOrders']);
  server.sandbox.reset();
});

test('shop: a product not sold in a region is marked on its line; the rest is still priced', async () => {
  const { page, done } = await open('#shop');
  await addProduct(page, PRODUCTS.c6);
  await addProduct(page, PRODUCTS.gpssd);
  await edit(page, () => page.selectOption('#L1-region', 'cn-north-1'));
  assert.equal(await text(page, '#L1-msg'), 'Not on sale in this region. (CBC.99006006)');
  const q = await nodeQuote([{ id: 'L2', product: PRODUCTS.gpssd, size: 40 }], { periodType: 2, periodNum: 1, selection: { coupon_ids: [] } });
  const s = await shown(page);
  assert.deepEqual(s.lines.map((l) => l[0]), ['L2']);
  assert.equal(s.payable, q.payable);
  // Bad input is refused on the line, and the preview waits for a valid cart.
  await edit(page, () => page.click('#line-L1 .remove'));
  await edit(page, () => page.fill('#L2-qty', '0'));
  assert.equal(await text(page, '#L2-msg'), 'Enter a whole number from 1 to 10000.');
  assert.equal(await page.getAttribute('#L2-qty', 'aria-invalid'), 'true');
  assert.equal(await text(page, '#preview-status'), 'Correct the cart to see its price.');
  assert.ok(await page.isDisabled('#pay'), 'no payment for a price that is not on screen');
  assert.equal(await page.$('#p-payable'), null);
  await edit(page, () => page.fill('#L2-qty', '3'));
  await edit(page, () => page.fill('#period-num', '12'));
  assert.equal(await text(page, '#period-msg'), 'Enter a whole number from 1 to 11 for the period.');
  assert.equal(await page.getAttribute('#period-num', 'aria-invalid'), '');
  assert.ok(await page.isDisabled('#pay'));
  await edit(page, () => page.fill('#period-num', '11'));
  const eleven = await nodeQuote([{ id: 'L2', product: PRODUCTS.gpssd, size: 40, quantity: 3 }], { periodType: 2, periodNum: 11, selection: { coupon_ids: [] } });
  assert.equal((await shown(page)).payable, eleven.payable);
  assert.equal(await text(page, '#period-msg'), '');
  // The whole-cart rating and the one of L1 alone are refused (CBC.99006006), nothing else.
  await done(['400 /api/customer/ListRateOnPeriodDetail', '400 /api/customer/ListRateOnPeriodDetail']);
});

// ---- accessibility and layout ----

test('accessibility basics: labels, keyboard, visible focus, live regions', async () => {
  const { page, shot, done } = await open('#shop', PHONE);
  await addProduct(page, PRODUCTS.c6);
  // Every form control has an accessible name from a label (or aria-label).
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, button, textarea')]
    .filter((e) => !e.closest('[hidden]'))
    .filter((e) => !(e.labels?.length || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || (e.tagName === 'BUTTON' && e.textContent.trim())))
    .map((e) => e.id || e.outerHTML.slice(0, 60)));
  assert.deepEqual(unlabelled, []);
  // Keyboard only: focus the coupon box, toggle it with Space, run "best" with Enter.
  await page.focus(`#use-${CASH_COUPON}`);
  await edit(page, () => page.keyboard.press('Space'));
  assert.ok(await page.isChecked(`#use-${CASH_COUPON}`));
  await page.focus('#best');
  await edit(page, () => page.keyboard.press('Enter'));
  assert.match(await text(page, '#preview-status'), /^Best combination chosen/);
  // Visible focus: after keyboard navigation the focused control has a 3 px outline.
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return [document.activeElement.tagName, s.outlineStyle, s.outlineWidth];
  });
  assert.deepEqual(outline.slice(1), ['solid', '3px'], `focus ring on ${outline[0]}`);
  await shot('a11y-focus-375', { fullPage: false });
  // Messages are announced: field messages and statuses are live regions.
  for (const id of ['preview-status', 'pay-status', 'catalog-status']) {
    assert.equal(await page.getAttribute(`#${id}`, 'aria-live'), 'polite', id);
  }
  // Sections switch by keyboard: the tab links are links.
  await page.focus('#tab-signup');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#signup:not([hidden])');
  assert.equal(await page.getAttribute('#tab-signup', 'aria-current'), 'page');
  await done();
});

test('layout: no horizontal scrolling at 375 px; two columns on desktop (screenshots)', async () => {
  for (const [label, viewport] of [['375', PHONE], ['desktop', DESKTOP]]) {
    for (const lang of ['en', 'zh']) {
      const { page, shot, done } = await open('#shop', viewport);
      await page.click(`#lang-${lang}`);
      await addProduct(page, PRODUCTS.c6);
      await addProduct(page, PRODUCTS.gpssd);
      await edit(page, () => page.check(`#use-${DISCOUNT_COUPON}`));
      await page.evaluate(() => window.scrollTo(0, 0));
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), viewport.width, `${label} ${lang}: shop width`);
      const columns = await page.evaluate(() => {
        const main = document.querySelector('.shop-main').getBoundingClientRect();
        const side = document.querySelector('.shop-side').getBoundingClientRect();
        return side.left >= main.right ? 2 : 1;
      });
      assert.equal(columns, label === '375' ? 1 : 2);
      await shot(`layout-shop-${label}-${lang}`);
      await page.click('#tab-signup');
      await page.fill('#domain_name', '_ab');
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), viewport.width, `${label} ${lang}: sign-up width`);
      await shot(`layout-signup-${label}-${lang}`);
      await done();
    }
  }
});

// ---- the package in the page (the former smoke test) ----

test('the page runs the web build: BssError, exact amounts, the same answers as Node', async () => {
  const { page, done } = await open();
  const result = await page.evaluate(async () => {
    const m = await import('/pkg/dist/index.js');
    let code;
    try { m.normalizeAmount({}); } catch (e) { code = e instanceof m.BssError && e instanceof Error && e.code; }
    return [code, m.normalizeAmount(0.1 + 0.2), m.normalizeAmount('0010.500'), m.version()];
  });
  assert.deepEqual(result, ['invalid_amount', normalizeAmount(0.1 + 0.2), '10.5', version()]);
  assert.throws(() => normalizeAmount({}), BssError);
  await done();
});

// ---- the real-endpoint mode ----

test('BSS_AK / BSS_SK / BSS_DOMAIN_ID switch the proxies to that endpoint; secrets are never logged', async () => {
  const { startSandbox } = await import('../../www/sandbox/server.mjs');
  // A second sandbox stands in for the real endpoint: it checks the signatures.
  const bss = await startSandbox({ port: 0 });
  const partner = bss.accounts.access_keys.find((k) => k.role === 'partner');
  const customer = bss.accounts.access_keys.find((k) => k.role === 'customer');
  const lines = [];
  const real = await startServer({
    port: 0,
    log: (line) => lines.push(line),
    env: {
      BSS_AK: partner.ak, BSS_SK: partner.sk, BSS_DOMAIN_ID: partner.domain_id, BSS_ENDPOINT: bss.url,
      BSS_CUSTOMER_AK: customer.ak, BSS_CUSTOMER_SK: customer.sk, BSS_CUSTOMER_DOMAIN_ID: customer.domain_id,
      BSS_PROJECT_ID: 'p-1',
    },
  });
  try {
    assert.equal(real.mode, 'bss');
    assert.equal(real.sandbox, null);
    const config = await fetch(`${real.url}/demo/config`).then((r) => r.json());
    assert.deepEqual(config, { mode: 'bss', project_id: 'p-1', order_id: null });
    assert.equal((await fetch(`${real.url}/demo/reset`, { method: 'POST' })).status, 404);
    const post = (path, body) => fetch(`${real.url}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    assert.deepEqual(await post('/api/bss/CheckUserIdentity', { search_type: 'name', search_value: 'alice-cloud' }).then((r) => r.json()),
      { check_result: 'used_by_user' });
    const coupons = await post('/api/customer/ListSubCustomerCoupons', {}).then((r) => r.json());
    assert.equal(coupons.count, 2);
    assert.deepEqual(bss.requests.map((r) => [r.operation, r.principal?.ak]),
      [['CheckUserIdentity', partner.ak], ['ListSubCustomerCoupons', customer.ak]]);
    // The customer's proxy refuses partner operations, and the reverse.
    assert.equal((await post('/api/customer/CreateSubCustomer', {})).status, 403);
    assert.equal((await post('/api/bss/PayOrders', {})).status, 403);
    assert.ok(lines.length >= 4);
    for (const secret of [partner.sk, customer.sk]) {
      assert.ok(!lines.join('\n').includes(secret), 'no secret in the log');
    }
  } finally {
    await real.close();
    await bss.close();
  }
});
