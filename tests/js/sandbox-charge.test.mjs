// The BSS sandbox's one PayOrders charge (www/sandbox/charge.mjs), which both of its order
// flows use, on hand-made orders: every figure below is worked out by hand from the documented
// stacking (spec coupons §6.2), the exclusion flags (§6.3) and the quantities (§6.1, §7).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { charge } from '../../www/sandbox/charge.mjs';

const NOW = Date.parse('2026-11-01T00:00:00Z');
const line = (id, official_amount, extra = {}) => ({ id, official_amount, service_type_code: 's1', region: 'r1', product_id: 'p1', ...extra });
const coupon = (coupon_id, coupon_type, balance, use_limits = [], extra = {}) => ({
  coupon_id, coupon_type, status: 2, face_value: balance, balance, coupon_version: 2, coupon_group: 0, use_limits, ...extra,
});
const limit = (limit_key, value1, value2 = '') => ({ limit_key, value1, value2 });
const discount = (discount_id, discount_type, ratio, discount_amount, ids) => ({
  discount_id, discount_type, discount_value: ratio,
  orders: [{ order_id: 'O1', order_line_items: [{ order_line_item_ids: ids, discount_mode: 0, discount_ratio: ratio, ...(discount_amount ? { discount_amount } : {}) }] }],
});
const pay = (coupons = [], discounts = []) => ({
  order_id: 'O1', use_coupon: coupons.length ? 'YES' : 'NO', use_discount: discounts.length ? 'YES' : 'NO',
  ...(coupons.length ? { coupon_infos: coupons.map(([id, type]) => ({ id, type })) } : {}),
  ...(discounts.length ? { discount_infos: discounts.map(([id, type]) => ({ id, type })) } : {}),
});
const offer = (extra = {}) => ({ balances: { cash: '10000.00', credit: '0.00' }, now: NOW, ...extra });
const code = (r) => r.error?.code;

test('a stated ListOrderDiscounts amount wins over its ratio; the payable is truncated once, at the end', () => {
  const o = { order_id: 'O1', lines: [line('a', '100.00'), line('b', '33.33')] };
  // 133.33 × 0.9 = 119.997; BSS states a saving of 13.33: 120.00 to pay.
  const r = charge(o, pay([], [['D', 2]]), offer({ discounts: [discount('D', 2, '0.9', '13.33', ['a', 'b'])] }));
  assert.equal(r.charge.discount_amount, '13.33');
  assert.equal(r.charge.amount_after_discount, '120.00');
  assert.equal(r.charge.payable, '120.00');
  // Without a stated amount: the ratio, exact; 119.997 is truncated to 119.99.
  const exact = charge(o, pay([], [['D', 2]]), offer({ discounts: [discount('D', 2, '0.9', null, ['a', 'b'])] }));
  assert.equal(exact.charge.payable, '119.99');
  assert.equal(exact.charge.truncated_amount, '0.007');
});

test('a 折扣券 is a pay ratio on the lines its limits allow, kept exact until the payable is truncated', () => {
  const o = { order_id: 'O1', lines: [line('a', '10.01'), line('b', '5.00', { service_type_code: 's2' })] };
  const c = coupon('C300', 300, '0.85', [limit('serviceType', 's1')], { face_value: '0.85' });
  // a: 10.01 × 0.85 = 8.5085; b: 5.00 → 13.5085 → 13.50 (0.0085 cut); the saving 1.5015 → 1.50.
  const r = charge(o, pay([['C300', 300]]), offer({ coupons: [c] }));
  assert.equal(r.charge.payable, '13.50');
  assert.equal(r.charge.truncated_amount, '0.0085');
  assert.equal(r.charge.discount_amount, '1.50');
  assert.equal(r.charge.discount_type, 300);
  assert.equal(c.status, 3, 'a 折扣券 is used once');
  // Not with a discount (CBC.99003116), not with a 代金券 (CBC.99003147), a ratio in (0, 1) only.
  const d = discount('D', 3, '0.95', null, ['a', 'b']);
  assert.equal(code(charge(o, pay([['C', 300]], [['D', 3]]), offer({ coupons: [coupon('C', 300, '0.85')], discounts: [d] }))), 'CBC.99003116');
  assert.equal(code(charge(o, pay([['C', 300], ['K', 301]]), offer({ coupons: [coupon('C', 300, '0.85'), coupon('K', 301, '5')] }))), 'CBC.99003147');
  assert.equal(code(charge(o, pay([['C', 300]]), offer({ coupons: [coupon('C', 300, '1.5')] }))), 'CBC.99003112');
});

test('代金券, then 现金券 capped by maxDeductionRatio × the amount after the discount, then the card; cash, then credit', () => {
  const o = { order_id: 'O1', lines: [line('a', '200.01')] };
  const coupons = [coupon('K', 301, '100.00'), coupon('F', 302, '80.00', [limit('maxDeductionRatio', '0.5')])];
  const cards = [{ card_id: 'S', status: 1, balance: '30.00', expire_time: '2099-01-01T00:00:00Z' }];
  const balances = { cash: '50.00', credit: '100.00' };
  // 200.01 − 100.00 = 100.01; cap floor(0.5 × 200.01 = 100.005) = 100.00, the coupon holds 80.00,
  // 100.01 is left: 80.00 off → 20.01; the card 20.01 of its 30.00 → 0.00 to pay.
  const r = charge(o, pay([['K', 301], ['F', 302], ['S', 303]]), offer({ coupons, cards, balances }));
  assert.deepEqual([r.charge.coupon_amount, r.charge.flexipurchase_coupon_amount, r.charge.stored_card_amount, r.charge.payable], ['100.00', '80.00', '20.01', '0.00']);
  assert.deepEqual([coupons[0].status, coupons[1].status, cards[0].status, cards[0].balance], [3, 3, 1, '9.99']);
  // The cap binds: 0.3 × 200.01 = 60.003 → 60.00; 200.01 − 60.00 = 140.01 → cash 50.00, credit 90.01.
  const capped = coupon('F2', 302, '80.00', [limit('maxDeductionRatio', '0.3')]);
  const r2 = charge(o, pay([['F2', 302]]), offer({ coupons: [capped], balances }));
  assert.deepEqual([r2.charge.flexipurchase_coupon_amount, r2.charge.payable, r2.charge.cash, r2.charge.credit], ['60.00', '140.01', '50.00', '90.01']);
  assert.deepEqual(balances, { cash: '0.00', credit: '9.99' });
});

test('refusals change nothing: baseValue after the discount, too little balance', () => {
  const o = { order_id: 'O1', lines: [line('a', '110.00')] };
  const k = coupon('K', 301, '10.00', [limit('baseValue', '100')]);
  const d = discount('D', 2, '0.9', '11.00', ['a']);
  const balances = { cash: '1000.00', credit: '0.00' };
  // Listed on 110.00 (> 100), but 99.00 after the discount is not more than 100.
  assert.equal(code(charge(o, pay([['K', 301]], [['D', 2]]), offer({ coupons: [k], discounts: [d], balances }))), 'CBC.99003112');
  assert.equal(charge(o, pay([['K', 301]]), offer({ coupons: [k], balances: { cash: '1.00', credit: '0.00' } })).error.code, 'CBC.99005003');
  assert.deepEqual([k.balance, k.status, balances.cash], ['10.00', 2, '1000.00']);
  assert.equal(charge(o, pay([['K', 301]]), offer({ coupons: [k], balances })).charge.payable, '100.00');
});

test('exclusion flags name their discount types; minConsumeDiscount; quantities', () => {
  const o = { order_id: 'O1', lines: [line('a', '100.00')] };
  const with_ = (key, type) => charge(o, pay([['K', 301]], [['D', type]]), offer({
    coupons: [coupon('K', 301, '5.00', [limit(key, '0')])], discounts: [discount('D', type, '0.9', null, ['a'])],
  }));
  assert.equal(code(with_('simultaneousUseWithEmpowerDiscount', 3)), 'CBC.99003116');
  assert.equal(code(with_('simultaneousUseWithContractDiscount', 2)), 'CBC.99003116');
  assert.equal(code(with_('simultaneousUseWithPromotionDiscount', 0)), 'CBC.99003116');
  assert.equal(with_('simultaneousUseWithEmpowerDiscount', 2).charge.payable, '85.00');
  const least = (ratio) => charge(o, pay([['F', 302]], [['D', 2]]), offer({
    coupons: [coupon('F', 302, '5.00', [limit('minConsumeDiscount', '0.9')])], discounts: [discount('D', 2, ratio, null, ['a'])],
  }));
  assert.equal(code(least('0.85')), 'CBC.99003117');
  assert.equal(least('0.95').charge.payable, '90.00');
  const four = [1, 2, 3, 4].map((i) => coupon(`F${i}`, 302, '1.00'));
  assert.equal(code(charge(o, pay(four.map((c) => [c.coupon_id, 302])), offer({ coupons: four }))), 'CBC.0100');
  const limited = offer({ coupons: four, maxUseQuantity: [{ coupon_type: 302, coupon_group: 0, use_quantity_value: 1 }] });
  assert.equal(code(charge(o, pay([['F1', 302], ['F2', 302]]), limited)), 'CBC.0100');
  const groups = [coupon('G1', 302, '1.00', [], { coupon_group: 1 }), coupon('G2', 302, '1.00', [], { coupon_group: 2 })];
  assert.equal(code(charge(o, pay([['G1', 302], ['G2', 302]]), offer({ coupons: groups }))), 'CBC.99003156');
  assert.equal(code(charge(o, pay([], [['D', 3]]), offer({ discounts: [discount('D', 2, '0.9', null, ['a'])] }))), 'CBC.99003108');
});

test('a coupon_group 3 coupon pays hardware lines only', () => {
  const o = { order_id: 'O1', lines: [line('hw', '1500.00', { is_hardware: true }), line('vm', '204.00', { is_hardware: false })] };
  const hw = coupon('H', 301, '2000.00', [], { coupon_group: 3 });
  const r = charge(o, pay([['H', 301]]), offer({ coupons: [hw] }));
  assert.deepEqual([r.charge.coupon_amount, r.charge.payable, hw.balance], ['1500.00', '204.00', '500.00']);
  const none = { order_id: 'O1', lines: [line('vm', '204.00')] };
  assert.equal(code(charge(none, pay([['H', 301]]), offer({ coupons: [coupon('H', 301, '1.00', [], { coupon_group: 3 })] }))), 'CBC.99003112');
});

test('the fixture orders pay through the same charge: the wallet\'s balances, its refusals', async () => {
  const { startSandbox } = await import('../../www/sandbox/server.mjs');
  const { loadBuilds } = await import('./builds.mjs');
  const { BssClient } = (await loadBuilds()).esm;
  const sandbox = await startSandbox();
  try {
    const k = sandbox.accounts.access_keys.find((a) => a.role === 'customer');
    const bss = new BssClient({ endpoint: sandbox.url, credentials: { ak: k.ak, sk: k.sk, domain_id: k.domain_id }, max_retries: 0 });
    const order_id = 'CS2503011200AAAAA'; // www/sandbox/fixtures/orders.json: 1200.00, DSC-BIZ-90 states 120.00
    const body = { order_id, use_coupon: 'YES', coupon_infos: [{ id: 'CP2025030100000001', type: 301 }], use_discount: 'YES', discount_infos: [{ id: 'DSC-BIZ-90', type: 2 }] };
    const balances = sandbox.wallet.balances[k.domain_id];
    balances.cash = '500.00';
    balances.credit = '479.99';
    await assert.rejects(bss.payOrders(body), (e) => e.code === 'CBC.99005003');
    assert.equal(sandbox.order(order_id).status, 'pending');
    balances.credit = '480.00';
    assert.equal(await bss.payOrders(body), null);
    const paid = sandbox.wallet.charges.find((c) => c.order_id === order_id);
    assert.deepEqual([paid.discount_amount, paid.coupon_amount, paid.payable, paid.cash, paid.credit], ['120.00', '100.00', '980.00', '500.00', '480.00']);
    assert.deepEqual(balances, { cash: '0.00', credit: '0.00', credit_limit: '1000.00' });
    // A discount type the order is not offered with (DSC-BIZ-90 is type 2).
    sandbox.reset();
    await assert.rejects(bss.payOrders({ ...body, discount_infos: [{ id: 'DSC-BIZ-90', type: 3 }] }), (e) => e.code === 'CBC.99003108');
  } finally {
    await sandbox.close();
  }
});
