// Generates tests/vectors/quotes.json: `node tests/vectors/quotes.gen.mjs`.
//
// Two kinds of cases:
// * hand cases — the documented examples, every combination rule, discount choice and
//   best-selection cases whose optimum is argued in the case's `why`; expected values are
//   worked out by hand;
// * cent-drift families — many lines, ratios such as 0.85 and 0.7777 over odd amounts,
//   amount-off savings split in thirds, coupons split over lines. Their expected columns come
//   from `oracle()` below: an exact (BigInt) re-implementation of the documented policy
//   (proportional split, largest remainder to the cent, payable truncated to the cent), written
//   independently of the Rust engine.
//
// `expect` is matched partially: every key given must be equal (arrays element by element,
// same length). The runners also check on every quote that each column of `lines` sums to its
// total and that every line satisfies official − discount − coupon − flexi − card − truncated
// = payable.
import fs from 'node:fs';

const NOW = '2024-06-01T00:00:00Z';
const svc = (s) => `hws.service.type.${s}`;
const line = (id, official_amount, service = 'ec2', extra = {}) =>
  ({ id, cloud_service_type: svc(service), region: 'cn-north-4', official_amount, ...extra });
const order = (lines, extra = {}) =>
  ({ order_type: 'new', charging_mode: 'period', period_type: 2, period_num: 1, lines, ...extra });
const limit = (limit_key, value1, value2) => ({ limit_key, value1, ...(value2 === undefined ? {} : { value2 }) });
const coupon = (coupon_id, coupon_type, face_value, extra = {}) => ({
  coupon_id, coupon_type, status: 2, face_value, effective_time: '2024-01-01T00:00:00Z',
  expire_time: '2024-12-31T00:00:00Z', ...extra,
});
const cash = (id, face, extra) => coupon(id, 1, face, extra);
const flexi = (id, face, extra) => coupon(id, 4, face, extra);
// A 折扣券's face value is a pay ratio (0.84 = pay 84 %), spec coupons §2 terminology; issue 13
// item 1 replaced the amounts these cases used to carry (80 → 0.84 on 500.00 keeps the 80.00 saving).
const dcoupon = (id, face, extra) => coupon(id, 2, face, extra);
const card = (id, face, extra) => coupon(id, 303, face, { balance: face, ...extra });
const ratio = (discount_id, discount_type, discount_ratio, ids) => ({
  discount_id, discount_type,
  orders: [{ order_id: 'CS1', order_line_items: [{ order_line_item_ids: ids, discount_mode: 0, discount_ratio }] }],
});
const amountOff = (discount_id, discount_type, mode, discount_amount, ids) => ({
  discount_id, discount_type,
  orders: [{ order_id: 'CS1', order_line_items: [{ order_line_item_ids: ids, discount_mode: mode, discount_amount }] }],
});
const rated = (discount_id, discount_type, official, amount, extra = {}) =>
  ({ discount_id, discount_type, official_website_amount: official, amount, ...extra });
const pick = (...ids) => ({ coupon_ids: ids });

const cases = [];
const add = (name, spec, input, expect, extra = {}) =>
  cases.push({ name, spec, input: { now: NOW, ...input }, ...extra, expect });
const fail = (name, spec, input, error, extra = {}) =>
  cases.push({ name, spec, input: { now: NOW, ...input }, ...extra, error });

// ---------------------------------------------------------------------------------------
// Documented examples.
add('EVS 30 GB × 5 months at 0.7 元/GB/month is 105.00 (priced from list prices)', 'pricing §6 T1, §4.5',
  { order: order([{ id: 'GPSSD', cloud_service_type: svc('ebs'), region: 'cn-north-1', unit_price: '0.7', resource_size: 30 }],
    { period_num: 5 }) },
  { official_amount: '105.00', payable: '105.00', truncated_amount: '0.00', discount: null,
    lines: [{ id: 'GPSSD', official_amount: '105.00', payable: '105.00' }] });
add('on-demand EVS 25874 s × 0.00064 × 10 GB billed 0.04599822: payable 0.04, 0.00599822 truncated', 'pricing §6 T3, §4.4',
  { order: order([line('evs', '0.04599822', 'ebs')], { charging_mode: 'on_demand', period_type: undefined, period_num: undefined }) },
  { official_amount: '0.04599822', payable: '0.04', truncated_amount: '0.00599822',
    payment: { cash: '0.00', credit: '0.00', unpaid: '0.04' },
    lines: [{ id: 'evs', payable: '0.04', truncated_amount: '0.00599822' }] });
add('on-demand EVS priced from list prices at the default inquiry precision (6 decimals)', 'pricing §2, §6 T3',
  { order: order([{ id: 'evs', cloud_service_type: svc('ebs'), region: 'cn-north-1', unit_price: 0.00064, resource_size: 10,
    usage_value: 25874, usage_conversion_ratio: 3600 }], { charging_mode: 'on_demand', period_type: undefined, period_num: undefined }) },
  { official_amount: '0.045998', payable: '0.04', truncated_amount: '0.005998' });
add('on-demand EVS priced at inquiry_precision 1 (10 decimals)', 'pricing §2',
  { order: order([{ id: 'evs', cloud_service_type: svc('ebs'), region: 'cn-north-1', unit_price: '0.0006400000', resource_size: 10,
    usage_value: 25874, usage_conversion_ratio: 3600, inquiry_precision: 1 }], { charging_mode: 'on_demand', period_type: undefined, period_num: undefined }) },
  { official_amount: '0.0459982222', payable: '0.04', truncated_amount: '0.0059982222' });
add('minConsumeDiscount 0.9: the discount is below 90 % on every line, the coupon is rejected', 'coupons §6.3, §8.5 (CBC.99003117)',
  { order: order([line('a', '100.00'), line('b', '50.00')]), discounts: [ratio('p85', 3, '0.85', ['a', 'b'])],
    coupons: [cash('c', '10', { use_limits: [limit('minConsumeDiscount', '0.9')] })], selection: pick('c') },
  { discount: { discount_id: 'p85', discount_amount: '22.50' }, discount_rule: 'largest_saving',
    coupons: [], payable: '127.50', rejected: [{ id: 'c', code: 'coupon_not_applicable', reasons: [{ code: 'discount_below_minimum' }] }] });
add('minConsumeDiscount 0.9: one line at 90 % or more and the coupon combines', 'coupons §6.3',
  { order: order([line('a', '100.00'), line('b', '50.00')]),
    discounts: [{ discount_id: 'mix', discount_type: 3, orders: [{ order_line_items: [
      { order_line_item_ids: ['a'], discount_mode: 0, discount_ratio: '0.85' },
      { order_line_item_ids: ['b'], discount_mode: 0, discount_ratio: '0.9' }] }] }],
    coupons: [cash('c', '10', { use_limits: [limit('minConsumeDiscount', '0.9')] })], selection: pick('c') },
  { discount_amount: '20.00', coupons: [{ coupon_id: 'c', deducted: '10.00' }], payable: '120.00', rejected: [] });
add('满100: an eligible amount of exactly 100 is not enough (lower bound exclusive)', 'coupons §4.1 baseValue, DESIGN Policies',
  { order: order([line('a', '100.00')]), coupons: [cash('c', '20', { use_limits: [limit('baseValue', '100', '')] })], selection: pick('c') },
  { coupons: [], payable: '100.00', rejected: [{ id: 'c', code: 'coupon_not_applicable', reasons: [{ code: 'amount_below_minimum' }] }] });
add('满100 compares the amount after discount: 120 × 0.85 = 102 is enough', 'coupons §4.1 baseValue (payable)',
  { order: order([line('a', '120.00')]), discounts: [ratio('p85', 3, '0.85', ['a'])],
    coupons: [cash('c', '20', { use_limits: [limit('baseValue', '100', '')] })], selection: { discount_id: 'p85', coupon_ids: ['c'] } },
  { discount_amount: '18.00', coupon_amount: '20.00', payable: '82.00', discount_rule: 'requested' });
add('满100 after discount: 115 × 0.85 = 97.75 is not enough', 'coupons §4.1 baseValue (payable)',
  { order: order([line('a', '115.00')]), discounts: [ratio('p85', 3, '0.85', ['a'])],
    coupons: [cash('c', '20', { use_limits: [limit('baseValue', '100', '')] })], selection: { discount_id: 'p85', coupon_ids: ['c'] } },
  { discount_amount: '17.25', coupon_amount: '0.00', payable: '97.75', rejected: [{ id: 'c', code: 'coupon_not_applicable' }] });

// ---------------------------------------------------------------------------------------
// Combination rules.
const three = order([line('a', '300.00'), line('b', '200.00', 'ebs')]);
add('at most 3 coupons: the fourth is rejected', 'coupons §6.1 (PayOrders ≤ 3)',
  { order: three, coupons: [flexi('f1', '10'), flexi('f2', '10'), flexi('f3', '10'), flexi('f4', '10')], selection: pick('f1', 'f2', 'f3', 'f4') },
  { flexipurchase_coupon_amount: '30.00', payable: '470.00', rejected: [{ id: 'f4', code: 'too_many_coupons' }],
    pay_request: { use_coupon: 'YES', coupon_infos: [{ id: 'f1', type: 302 }, { id: 'f2', type: 302 }, { id: 'f3', type: 302 }], use_discount: 'NO' } });
add('one cash coupon per order: the second is rejected', 'coupons §6.1 (billing center)',
  { order: three, coupons: [cash('c1', '50'), cash('c2', '60')], selection: pick('c1', 'c2') },
  { coupon_amount: '50.00', payable: '450.00', rejected: [{ id: 'c2', code: 'too_many_cash_coupons' }] });
add('the policy can allow two cash coupons', 'DESIGN Policies max_cash_coupons_per_order',
  { order: three, coupons: [cash('c1', '50'), cash('c2', '60')], selection: pick('c1', 'c2') },
  { coupon_amount: '110.00', payable: '390.00', rejected: [] }, { opts: { policy: { max_cash_coupons_per_order: 2 } } });
add('the policy can lower the coupon limit to 2', 'DESIGN Policies max_coupons_per_order',
  { order: three, coupons: [flexi('f1', '10'), flexi('f2', '10'), flexi('f3', '10')], selection: pick('f1', 'f2', 'f3') },
  { flexipurchase_coupon_amount: '20.00', rejected: [{ id: 'f3', code: 'too_many_coupons' }] },
  { opts: { policy: { max_coupons_per_order: 2 } } });
add('coupon_max_use_quantity from the server: two cash coupons of group 0 allowed', 'coupons §3.3 CouponMaxUseQuantity',
  { order: three, coupons: [cash('c1', '50'), cash('c2', '60')], selection: pick('c1', 'c2'),
    coupon_max_use_quantity: [{ coupon_type: 1, coupon_group: 0, use_quantity_value: 2 }] },
  { coupon_amount: '110.00', rejected: [] });
add('coupon_max_use_quantity from the server: one flexi-purchase coupon only', 'coupons §3.3 CouponMaxUseQuantity',
  { order: three, coupons: [flexi('f1', '10'), flexi('f2', '20')], selection: pick('f1', 'f2'),
    coupon_max_use_quantity: [{ coupon_type: 302, use_quantity_value: 1 }] },
  { flexipurchase_coupon_amount: '10.00', rejected: [{ id: 'f2', code: 'coupon_max_use_quantity' }] });
add('a cash coupon and a discount coupon are never used together', 'coupons §6.1 (CBC.99003147)',
  { order: three, coupons: [cash('c', '50'), dcoupon('d', '0.84')], selection: { discount_id: null, coupon_ids: ['c', 'd'] } },
  { coupon_amount: '50.00', rejected: [{ id: 'd', code: 'cash_with_discount_coupon' }] });
add('the discount coupon first, then the cash coupon is rejected', 'coupons §6.1 (CBC.99003147)',
  { order: three, coupons: [cash('c', '50'), dcoupon('d', '0.84')], selection: { discount_id: null, coupon_ids: ['d', 'c'] } },
  { discount_amount: '80.00', coupon_amount: '0.00', payable: '420.00', rejected: [{ id: 'c', code: 'cash_with_discount_coupon' }],
    coupons: [{ coupon_id: 'd', kind: 'discount_coupon', deducted: '80.00', balance_after: '0.00' }],
    pay_request: { use_coupon: 'YES', coupon_infos: [{ id: 'd', type: 300 }], use_discount: 'NO' } });
add('one discount coupon per order', 'coupons §6.1 (one discount)',
  { order: three, coupons: [dcoupon('d1', '0.94'), dcoupon('d2', '0.92')], selection: { discount_id: null, coupon_ids: ['d1', 'd2'] } },
  { discount_amount: '30.00', rejected: [{ id: 'd2', code: 'too_many_discount_coupons' }] });
add('simultaneousUseWithDiscountCoupon = 0 keeps a flexi-purchase coupon from a discount coupon', 'coupons §4.2',
  { order: three, coupons: [dcoupon('d', '0.94'), flexi('f', '20', { use_limits: [limit('simultaneousUseWithDiscountCoupon', '0')] })],
    selection: { discount_id: null, coupon_ids: ['d', 'f'] } },
  { discount_amount: '30.00', flexipurchase_coupon_amount: '0.00', rejected: [{ id: 'f', code: 'discount_coupon_not_combinable' }] });
add('a KooGallery coupon and a 1024 dedicated coupon are not combined', 'coupons §6.1 (CBC.99003156)',
  { order: three, coupons: [flexi('k', '20', { coupon_group: 1 }), flexi('x', '30', { coupon_group: 2 })], selection: pick('k', 'x') },
  { flexipurchase_coupon_amount: '20.00', rejected: [{ id: 'x', code: 'coupon_group_conflict' }] });
add('one cash coupon per order, whatever its group', 'coupons §6.1, DESIGN Policies',
  { order: three, coupons: [cash('c0', '50'), cash('c1', '40', { coupon_group: 1 })], selection: pick('c0', 'c1') },
  { coupon_amount: '50.00', rejected: [{ id: 'c1', code: 'too_many_cash_coupons' }] });
add('server limits per group: one cash coupon in group 0 and one in group 1', 'coupons §3.3 CouponMaxUseQuantity',
  { order: three, coupons: [cash('c0', '50'), cash('c1', '40', { coupon_group: 1 }), cash('c2', '30')], selection: pick('c0', 'c1', 'c2'),
    coupon_max_use_quantity: [{ coupon_type: 1, coupon_group: 0, use_quantity_value: 1 }, { coupon_type: 1, coupon_group: 1, use_quantity_value: 1 }] },
  { coupon_amount: '90.00', rejected: [{ id: 'c2', code: 'coupon_max_use_quantity' }] });
add('unknown and duplicate coupon ids are rejected, not thrown', 'issue 5 (bad input)',
  { order: three, coupons: [flexi('f', '10')], selection: pick('f', 'nope', 'f') },
  { flexipurchase_coupon_amount: '10.00', rejected: [{ id: 'nope', code: 'unknown_coupon' }, { id: 'f', code: 'duplicate_coupon' }] });
add('an unknown discount id is rejected and no discount is used', 'issue 5 (bad input)',
  { order: three, discounts: [ratio('p', 3, '0.9', ['a', 'b'])], selection: { discount_id: 'zzz' } },
  { discount: null, discount_rule: 'no_discount', payable: '500.00', rejected: [{ id: 'zzz', code: 'unknown_discount' }] });
add('an expired coupon is rejected with its reason', 'coupons §2.2, §6.4',
  { order: three, coupons: [cash('old', '50', { expire_time: '2024-05-01T00:00:00Z' })], selection: pick('old') },
  { coupon_amount: '0.00', rejected: [{ id: 'old', code: 'coupon_not_applicable', reasons: [{ code: 'expired' }] }] });
add('a coupon with a limit key the engine does not know is indeterminate: rejected', 'DESIGN Policies (unknown limit_key)',
  { order: three, coupons: [cash('u', '50', { use_limits: [limit('payMethod', '1')] })], selection: pick('u') },
  { coupon_amount: '0.00', rejected: [{ id: 'u', code: 'coupon_indeterminate', reasons: [{ code: 'unknown_limit' }] }] });
add('a product coupon (产品券) is not used', 'coupons §2.1 (type 3)',
  { order: three, coupons: [coupon('p', 3, '50')], selection: pick('p') },
  { coupons: [], rejected: [{ id: 'p', code: 'coupon_indeterminate' }] });
add('a coupon with nothing left to cover is rejected: nothing_to_deduct', 'DESIGN stacking order',
  { order: order([line('a', '40.00')]), coupons: [flexi('f1', '50'), flexi('f2', '10')], selection: pick('f1', 'f2') },
  { flexipurchase_coupon_amount: '40.00', payable: '0.00', coupons: [{ coupon_id: 'f1', deducted: '40.00', balance_after: '10.00' }],
    rejected: [{ id: 'f2', code: 'nothing_to_deduct' }], pay_request: { coupon_infos: [{ id: 'f1', type: 302 }] } });

// Discount × coupon flags.
const flagged = (key) => [cash('c', '30', { use_limits: [limit(key, '0')] })];
add('simultaneousUseWithEmpowerDiscount = 0 forbids a partner-granted discount (type 3)', 'coupons §6.3',
  { order: three, discounts: [ratio('p', 3, '0.9', ['a', 'b'])], coupons: flagged('simultaneousUseWithEmpowerDiscount'),
    selection: { discount_id: 'p', coupon_ids: ['c'] } },
  { discount_amount: '50.00', coupon_amount: '0.00', rejected: [{ id: 'c', code: 'coupon_not_applicable', reasons: [{ code: 'discount_not_combinable' }] }] });
add('simultaneousUseWithEmpowerDiscount = 0 forbids a business discount too (policy business_and_partner)', 'coupons §4.1 row 9, DESIGN Policies',
  { order: three, discounts: [ratio('b', 2, '0.9', ['a', 'b'])], coupons: flagged('simultaneousUseWithEmpowerDiscount'),
    selection: { discount_id: 'b', coupon_ids: ['c'] } },
  { coupon_amount: '0.00', rejected: [{ id: 'c', code: 'coupon_not_applicable' }] });
add('with empower_scope "partner" the same coupon combines with a business discount', 'coupons §6.3 (PayOrders wording)',
  { order: three, discounts: [ratio('b', 2, '0.9', ['a', 'b'])], coupons: flagged('simultaneousUseWithEmpowerDiscount'),
    selection: { discount_id: 'b', coupon_ids: ['c'] } },
  { discount_amount: '50.00', coupon_amount: '30.00', payable: '420.00', rejected: [] }, { opts: { policy: { empower_scope: 'partner' } } });
add('simultaneousUseWithContractDiscount = 0 forbids a business discount', 'coupons §6.3',
  { order: three, discounts: [ratio('b', 2, '0.9', ['a', 'b'])], coupons: flagged('simultaneousUseWithContractDiscount'),
    selection: { discount_id: 'b', coupon_ids: ['c'] } },
  { coupon_amount: '0.00', rejected: [{ id: 'c', code: 'coupon_not_applicable', reasons: [{ code: 'discount_not_combinable' }] }] });
add('simultaneousUseWithContractDiscount = 0 allows a promotion discount', 'coupons §6.3',
  { order: three, discounts: [ratio('promo', 0, '0.9', ['a', 'b'])], coupons: flagged('simultaneousUseWithContractDiscount'),
    selection: { discount_id: 'promo', coupon_ids: ['c'] } },
  { discount_amount: '50.00', coupon_amount: '30.00', payable: '420.00', rejected: [] });
add('simultaneousUseWithPromotionDiscount = 0 forbids a promotion discount', 'coupons §6.3',
  { order: three, discounts: [ratio('promo', 0, '0.9', ['a', 'b'])], coupons: flagged('simultaneousUseWithPromotionDiscount'),
    selection: { discount_id: 'promo', coupon_ids: ['c'] } },
  { coupon_amount: '0.00', rejected: [{ id: 'c', code: 'coupon_not_applicable' }] });
add('a discount coupon is never combined with a discount', 'coupons §6.2 step 2',
  { order: three, discounts: [ratio('p', 3, '0.9', ['a', 'b'])], coupons: [dcoupon('d', '0.88')], selection: { discount_id: 'p', coupon_ids: ['d'] } },
  { discount_amount: '50.00', rejected: [{ id: 'd', code: 'coupon_not_applicable', reasons: [{ code: 'discount_not_combinable' }] }] });
add('a discount coupon only applies to yearly/monthly lines', 'coupons §4.1 row 8 (折扣券 only 包年/包月)',
  { order: order([line('a', '100.00')], { charging_mode: 'on_demand', period_type: undefined, period_num: undefined }),
    coupons: [dcoupon('d', '0.88')], selection: { discount_id: null, coupon_ids: ['d'] } },
  { discount_amount: '0.00', rejected: [{ id: 'd', code: 'coupon_not_applicable', reasons: [{ code: 'discount_coupon_period_only' }] }] });
add('the default discount excludes a discount coupon; discount_id null uses the coupon instead', 'issue 5 (one discount or a discount coupon)',
  { order: three, discounts: [ratio('p', 3, '0.9', ['a', 'b'])], coupons: [dcoupon('d', '0.88')], selection: { discount_id: null, coupon_ids: ['d'] } },
  { discount: null, discount_rule: 'no_discount', discount_amount: '60.00', amount_after_discount: '440.00', payable: '440.00', rejected: [] });
add('the outdated "coupons cancel discounts" rule as a policy: no coupon next to a discount', 'DESIGN Policies discount_with_coupons',
  { order: three, discounts: [ratio('p', 3, '0.9', ['a', 'b'])], coupons: [flexi('f', '10')], selection: { discount_id: 'p', coupon_ids: ['f'] } },
  { discount_amount: '50.00', flexipurchase_coupon_amount: '0.00', rejected: [{ id: 'f', code: 'coupon_not_applicable' }] },
  { opts: { policy: { discount_with_coupons: false } } });

// maxDeductionRatio, stacking, cards, balances.
add('maxDeductionRatio 0.1 caps a flexi-purchase coupon at 10 % of the amount after discount', 'coupons §4.2, DESIGN Policies',
  { order: three, discounts: [ratio('p', 3, '0.8', ['a', 'b'])], coupons: [flexi('f', '200', { use_limits: [limit('maxDeductionRatio', '0.1')] })],
    selection: { discount_id: 'p', coupon_ids: ['f'] } },
  { discount_amount: '100.00', amount_after_discount: '400.00', flexipurchase_coupon_amount: '40.00', payable: '360.00',
    coupons: [{ coupon_id: 'f', deducted: '40.00', balance_after: '160.00' }] });
add('maxDeductionRatio on the list price, by policy', 'DESIGN Policies max_deduction_ratio_base',
  { order: three, discounts: [ratio('p', 3, '0.8', ['a', 'b'])], coupons: [flexi('f', '200', { use_limits: [limit('maxDeductionRatio', '0.1')] })],
    selection: { discount_id: 'p', coupon_ids: ['f'] } },
  { flexipurchase_coupon_amount: '50.00', payable: '350.00' }, { opts: { policy: { max_deduction_ratio_base: 'official' } } });
add('stacking order: cash coupon, then flexi-purchase coupons by expiry, then the stored-value card', 'coupons §6.2',
  { order: three, coupons: [card('card', '1000'), flexi('late', '100', { expire_time: '2024-12-01T00:00:00Z' }),
    flexi('soon', '100', { expire_time: '2024-07-01T00:00:00Z' })], selection: pick('card', 'late', 'soon') },
  { flexipurchase_coupon_amount: '200.00', stored_card_amount: '300.00', payable: '0.00',
    coupons: [{ coupon_id: 'soon', kind: 'flexi_purchase_coupon', deducted: '100.00' }, { coupon_id: 'late', deducted: '100.00' },
      { coupon_id: 'card', kind: 'stored_value_card', deducted: '300.00', balance_after: '700.00' }],
    pay_request: { coupon_infos: [{ id: 'soon', type: 302 }, { id: 'late', type: 302 }, { id: 'card', type: 303 }] } });
add('cash coupon before the flexi-purchase coupon whatever the request order', 'coupons §6.2 step 3',
  { order: three, coupons: [flexi('f', '100'), cash('c', '450')], selection: pick('f', 'c') },
  { coupon_amount: '450.00', flexipurchase_coupon_amount: '50.00', payable: '0.00',
    coupons: [{ coupon_id: 'c', deducted: '450.00' }, { coupon_id: 'f', deducted: '50.00', balance_after: '50.00' }] });
add('an old-version coupon is single use: nothing left after it', 'coupons §2.3 coupon_version, §6.4',
  { order: order([line('a', '30.00')]), coupons: [cash('v1', '50', { coupon_version: 1 })], selection: pick('v1') },
  { coupons: [{ coupon_id: 'v1', deducted: '30.00', balance_after: '0.00' }], payable: '0.00' });
add('a new-version coupon keeps its balance after the order', 'coupons §6.4',
  { order: order([line('a', '30.00')]), coupons: [cash('v2', '50', { coupon_version: 2, balance: '45.50' })], selection: pick('v2') },
  { coupons: [{ coupon_id: 'v2', deducted: '30.00', balance_after: '15.50' }], payable: '0.00' });
add('cash balance first, then credit, then unpaid', 'pricing §3.3 (cash before credit)',
  { order: three, balances: { cash: '120.00', credit: '300.00' } },
  { payable: '500.00', payment: { cash: '120.00', credit: '300.00', unpaid: '80.00' } });
add('balances count in whole cents', 'DESIGN rounding',
  { order: order([line('a', '10.00')]), balances: { cash: '9.999', credit: 0 } },
  { payment: { cash: '9.99', credit: '0.00', unpaid: '0.01' } });
add('a coupon restricted to a service covers only those lines', 'coupons §6.2 (eligible lines)',
  { order: three, coupons: [cash('c', '500', { use_limits: [limit('serviceType', svc('ebs'))] })], selection: pick('c') },
  { coupon_amount: '200.00', payable: '300.00', lines: [{ id: 'a', coupon_amount: '0.00', payable: '300.00' }, { id: 'b', coupon_amount: '200.00', payable: '0.00' }] });

// ---------------------------------------------------------------------------------------
// Discount choice.
add('no discount options: the official price', 'pricing §1.5',
  { order: three }, { discount: null, discount_rule: 'no_discount', amount_after_discount: '500.00', pay_request: { use_coupon: 'NO', use_discount: 'NO' } });
add('default discount: the element flagged best_offer', 'pricing §1.5 rule 2',
  { order: three, discounts: [rated('b', 605, '500', '450'), rated('p', 607, '500', '460', { best_offer: 1 })] },
  { discount: { discount_id: 'p', discount_type: 607, kind: 'partner', discount_amount: '40.00' }, discount_rule: 'best_offer',
    pay_request: { use_discount: 'YES', discount_infos: [{ id: 'p', type: 3 }] } });
add('default discount without a flag: the largest saving', 'pricing §1.5 (derived)',
  { order: three, discounts: [rated('b', 605, '500', '460'), rated('p', 607, '500', '450')] },
  { discount: { discount_id: 'p' }, discount_rule: 'largest_saving', payable: '450.00' });
add('equal savings: business before partner', 'pricing §1.5 (tie to business)',
  { order: three, discounts: [rated('p', 607, '500', '450'), rated('b', 606, '500', '450')] },
  { discount: { discount_id: 'b', kind: 'business' }, discount_rule: 'largest_saving', pay_request: { discount_infos: [{ id: 'b', type: 2 }] } });
add('auto-pay: a business discount wins over a larger partner discount', 'pricing §1.5 rule 3',
  { order: three, auto_pay: true, discounts: [rated('p', 607, '500', '400', { best_offer: 1 }), rated('b', 605, '500', '480')] },
  { discount: { discount_id: 'b' }, discount_rule: 'auto_pay_business_first', payable: '480.00' });
add('a promotion is never the default discount', 'pricing §1.5 (promotions excluded)',
  { order: three, discounts: [ratio('promo', 0, '0.5', ['a', 'b'])] },
  { discount: null, discount_rule: 'no_discount', payable: '500.00' });
add('a requested promotion applies', 'PayOrders discount_infos type 0',
  { order: three, discounts: [ratio('promo', 0, '0.5', ['a', 'b'])], selection: { discount_id: 'promo' } },
  { discount: { discount_id: 'promo', kind: 'promotion', discount_amount: '250.00' }, discount_rule: 'requested', payable: '250.00',
    pay_request: { discount_infos: [{ id: 'promo', type: 0 }] } });
add('a 609 price adjustment is mandatory: another requested discount is rejected', 'pricing §3.3, coupons §2.3',
  { order: three, discounts: [ratio('p', 3, '0.8', ['a', 'b']), amountOff('adj', 609, 2, '5.00', ['a', 'b'])], selection: { discount_id: 'p' } },
  { discount: { discount_id: 'adj', discount_type: 609, kind: 'order_adjustment', discount_amount: '5.00' }, discount_rule: 'order_adjustment',
    payable: '495.00', rejected: [{ id: 'p', code: 'order_adjustment_mandatory' }], pay_request: { discount_infos: [{ id: 'adj', type: 609 }] } });
add('a 609 price adjustment applies even with discount_id null', 'pricing §3.3',
  { order: three, discounts: [amountOff('adj', 609, 2, '5.00', ['a'])], selection: { discount_id: null } },
  { discount: { discount_id: 'adj' }, discount_rule: 'order_adjustment', payable: '495.00', lines: [{ id: 'a', discount_amount: '5.00' }, { id: 'b', discount_amount: '0.00' }] });
add('discount_mode 1 (fixed price): the group saving spread over its lines', 'pricing §3.3 OrderLineItemV3',
  { order: order([line('a', '100.00'), line('b', '50.00'), line('c', '50.00')]), discounts: [amountOff('fp', 2, 1, '10.01', ['a', 'b', 'c'])],
    selection: { discount_id: 'fp' } },
  { discount_amount: '10.01', payable: '189.99', lines: [{ id: 'a', discount_amount: '5.01' }, { id: 'b', discount_amount: '2.50' }, { id: 'c', discount_amount: '2.50' }] });
add('discount_mode 2 (amount off) with discount_value', 'pricing §3.3 DiscountInfoV3.discount_value',
  { order: three, discounts: [{ discount_id: 'off', discount_type: 0, discount_value: '20',
    orders: [{ order_line_items: [{ order_line_item_ids: ['b'], discount_mode: 2 }] }] }], selection: { discount_id: 'off' } },
  { discount_amount: '20.00', payable: '480.00', lines: [{ id: 'a', discount_amount: '0.00' }, { id: 'b', discount_amount: '20.00' }] });
add('a rating result with product results discounts the matching lines', 'pricing §1.3 product_rating_results',
  { order: three, discounts: [rated('r', 605, '500', '470', { product_rating_results: [{ id: 'b', official_website_amount: '200', amount: '170' }] })] },
  { discount_amount: '30.00', lines: [{ id: 'a', discount_amount: '0.00' }, { id: 'b', discount_amount: '30.00', payable: '170.00' }] });
add('a discount naming a line that is not in the order is rejected', 'issue 5 (rejected, not thrown)',
  { order: three, discounts: [ratio('x', 3, '0.9', ['a', 'zz'])], selection: { discount_id: 'x' } },
  { discount: null, payable: '500.00', rejected: [{ id: 'x', code: 'discount_not_applicable' }] });
add('a discount ratio above 1 is rejected', 'pricing §3.7 (pay ratio)',
  { order: three, discounts: [ratio('x', 3, '1.2', ['a'])], selection: { discount_id: 'x' } },
  { discount: null, rejected: [{ id: 'x', code: 'discount_not_applicable' }] });

// ---------------------------------------------------------------------------------------
// selection: "best" with a known optimum.
add('best: greedy by face value is not optimal (2 coupons allowed)', 'issue 5 (exact, not greedy)',
  { order: order([line('e', '60.00'), line('v', '40.00', 'ebs')]),
    coupons: [flexi('A', '70'), flexi('B', '60', { use_limits: [limit('serviceType', svc('ec2'))] }),
      flexi('C', '40', { use_limits: [limit('serviceType', svc('ebs'))] })], selection: 'best' },
  { payable: '0.00', coupons: [{ coupon_id: 'B', deducted: '60.00' }, { coupon_id: 'C', deducted: '40.00' }], search: { exact: true } },
  { opts: { policy: { max_coupons_per_order: 2 } },
    why: 'A (70) first takes 42 from e and 28 from v; B then finds 18 on e: 88 in all. B + C cover 60 + 40 = 100.' });
add('best: a coupon that forbids the partner discount beats the discount', 'issue 5 (at most one discount, flags)',
  { order: order([line('a', '100.00')]), discounts: [ratio('p', 3, '0.85', ['a'])],
    coupons: [cash('c', '30', { use_limits: [limit('simultaneousUseWithEmpowerDiscount', '0')] })], selection: 'best' },
  { discount: null, discount_rule: 'no_discount', coupons: [{ coupon_id: 'c', deducted: '30.00' }], payable: '70.00',
    alternatives: [{ discount_id: 'p', coupon_ids: [], payable: '85.00' }, { discount_id: null, coupon_ids: [], payable: '100.00' }] },
  { why: 'no discount + c pays 70; p alone pays 85; c is not allowed with p' });
add('best: the discount and a coupon together', 'issue 5',
  { order: order([line('a', '100.00')]), discounts: [ratio('p', 3, '0.85', ['a'])], coupons: [cash('c', '30')], selection: 'best' },
  { discount: { discount_id: 'p' }, discount_rule: 'best_combination', coupon_amount: '30.00', payable: '55.00',
    alternatives: [{ discount_id: null, coupon_ids: ['c'], payable: '70.00' }, { discount_id: 'p', coupon_ids: [], payable: '85.00' },
      { discount_id: null, coupon_ids: [], payable: '100.00' }] });
add('best: fewest coupons at equal payable', 'issue 5 (tie-break 3)',
  { order: order([line('a', '100.00')]), coupons: [flexi('half1', '50'), flexi('half2', '50'), flexi('whole', '100')], selection: 'best' },
  { payable: '0.00', coupons: [{ coupon_id: 'whole' }], alternatives: [{ coupon_ids: ['half1', 'half2'], payable: '0.00' },
    { coupon_ids: ['half1', 'whole'], payable: '0.00' }, { coupon_ids: ['half2', 'whole'], payable: '0.00' }] },
  { why: 'every pair also pays 0 with 2 coupons; pairs tie further on ids: [half1, half2] < [half1, whole] < [half2, whole]' });
add('best: the coupon expiring first is used, the longer-lived one kept', 'issue 5 (tie-break 4)',
  { order: order([line('a', '100.00')]), coupons: [flexi('long', '100', { expire_time: '2025-06-01T00:00:00Z' }),
    flexi('short', '100', { expire_time: '2024-07-01T00:00:00Z' })], selection: 'best' },
  { coupons: [{ coupon_id: 'short' }], alternatives: [{ coupon_ids: ['long'], payable: '0.00' }, { coupon_ids: [], payable: '100.00' }] });
add('best: a coupon without expiry counts as the longest-lived', 'issue 5 (tie-break 4)',
  { order: order([line('a', '100.00')]), coupons: [flexi('forever', '100', { expire_time: undefined }),
    flexi('dated', '100', { expire_time: '2030-01-01T00:00:00Z' })], selection: 'best' },
  { coupons: [{ coupon_id: 'dated' }] });
add('best: last tie-break by id', 'issue 5 (tie-break 5)',
  { order: order([line('a', '100.00')]), coupons: [flexi('b', '100'), flexi('a', '100')], selection: 'best' },
  { coupons: [{ coupon_id: 'a' }], alternatives: [{ coupon_ids: ['b'] }, { coupon_ids: [] }] });
add('best: only one cash coupon, the larger one', 'coupons §6.1',
  { order: order([line('a', '500.00')]), coupons: [cash('small', '50'), cash('big', '80')], selection: 'best' },
  { coupons: [{ coupon_id: 'big', deducted: '80.00' }], payable: '420.00' });
add('best: a discount coupon instead of a weaker discount', 'coupons §6.2 step 2',
  { order: order([line('a', '100.00')]), discounts: [ratio('p', 3, '0.95', ['a'])], coupons: [dcoupon('d', '0.8')], selection: 'best' },
  { discount: null, discount_amount: '20.00', payable: '80.00', coupons: [{ coupon_id: 'd', kind: 'discount_coupon' }] });
add('best: with a 609 adjustment only the adjustment is searched', 'pricing §3.3',
  { order: order([line('a', '100.00')]), discounts: [ratio('p', 3, '0.5', ['a']), amountOff('adj', 609, 2, '1.00', ['a'])],
    coupons: [flexi('f', '10')], selection: 'best' },
  { discount: { discount_id: 'adj' }, discount_rule: 'order_adjustment', payable: '89.00', rejected: [{ id: 'p', code: 'order_adjustment_mandatory' }] });
add('best: an unusable coupon is reported, usable ones are not', 'issue 5 (rejected)',
  { order: order([line('a', '100.00')]), coupons: [cash('ok', '10'), cash('frozen', '50', { is_frozen: '1' })], selection: 'best' },
  { coupons: [{ coupon_id: 'ok' }], rejected: [{ id: 'frozen', code: 'coupon_not_applicable', reasons: [{ code: 'frozen' }] }] });
add('best: stored-value card after coupons covers the rest', 'coupons §6.2 step 5',
  { order: order([line('a', '100.00')]), coupons: [card('card', '60'), flexi('f', '50')], selection: 'best' },
  { flexipurchase_coupon_amount: '50.00', stored_card_amount: '50.00', payable: '0.00',
    coupons: [{ coupon_id: 'f' }, { coupon_id: 'card', balance_after: '10.00' }] });

// ---------------------------------------------------------------------------------------
// Thrown errors.
fail('an amount that does not parse is invalid_amount with its path', 'issue 5 (bad input)',
  { order: order([line('a', '1,00')]) }, { code: 'invalid_amount', field: 'order.lines[0].official_amount' });
fail('a negative price is invalid_order', 'issue 5 (bad input)',
  { order: order([line('a', '-1.00')]) }, { code: 'invalid_order', field: 'order.lines[0].official_amount' });
fail('a negative unit price is invalid_order', 'issue 5 (bad input)',
  { order: order([{ id: 'a', cloud_service_type: svc('ec2'), region: 'r', unit_price: '-0.1' }]) },
  { code: 'invalid_order', field: 'order.lines[0].unit_price' });
fail('a bad discount amount is invalid_amount with its path', 'issue 5 (bad input)',
  { order: three, discounts: [{ discount_id: 'd', discount_type: 605, amount: 'abc' }] }, { code: 'invalid_amount', field: 'discounts[0].amount' });
fail('the order must not carry its own discount', 'issue 5 (the quote applies the discount)',
  { order: { ...three, discount: { discount_type: 3 } } }, { code: 'invalid_order', field: 'order.discount' });
fail('a line must not carry amount (the quote computes it)', 'issue 5',
  { order: order([line('a', '1.00', 'ec2', { amount: '0.5' })]) }, { code: 'invalid_order', field: 'order.lines[0].amount' });
fail('selection is "best" or an object', 'DESIGN quote', { order: three, selection: 'cheapest' }, { code: 'invalid_input', field: 'selection' });
fail('an unknown input field is an error', 'DESIGN quote', { order: three, coupon: [] }, { code: 'invalid_input', field: 'coupon' });
fail('a policy typo is invalid_option', 'DESIGN Policies', { order: three }, { code: 'invalid_option', field: 'policy.max_coupon' },
  { opts: { policy: { max_coupon: 1 } } });
fail('a negative balance is invalid_input', 'DESIGN quote', { order: three, balances: { cash: '-5' } }, { code: 'invalid_input', field: 'balances.cash' });

// ---------------------------------------------------------------------------------------
// Cent drift: the oracle.
const SCALE = 12n; // units of 10^-12: fine enough for every amount below
const CENT = 10n ** (SCALE - 2n);
const toUnits = (s) => {
  const [i, f = ''] = String(s).split('.');
  const neg = i.startsWith('-');
  const digits = BigInt((neg ? i.slice(1) : i) + f.padEnd(Number(SCALE), '0').slice(0, Number(SCALE)));
  if (f.length > Number(SCALE)) throw new Error(`too fine: ${s}`);
  return neg ? -digits : digits;
};
const money = (u) => {
  const neg = u < 0n;
  let s = (neg ? -u : u).toString().padStart(Number(SCALE) + 1, '0');
  let int = s.slice(0, s.length - Number(SCALE));
  let frac = s.slice(s.length - Number(SCALE)).replace(/0+$/, '');
  if (frac.length < 2) frac = frac.padEnd(2, '0');
  return `${neg && u !== 0n ? '-' : ''}${int}.${frac}`;
};
const floorDiv = (a, b) => (a >= 0n ? a / b : -((-a + b - 1n) / b));
// Largest remainder: `total` units of `unit` over weights; caps in units of `unit`.
function split(total, weights, caps) {
  const W = weights.reduce((a, b) => a + b, 0n);
  if (total === 0n) return weights.map(() => 0n);
  const parts = weights.map((w) => (total * w) / W);
  const rems = weights.map((w) => (total * w) % W);
  let missing = total - parts.reduce((a, b) => a + b, 0n);
  const order = weights.map((_, i) => i).filter((i) => rems[i] > 0n).sort((i, j) => {
    const oi = caps && parts[i] >= caps[i] ? 1 : 0;
    const oj = caps && parts[j] >= caps[j] ? 1 : 0;
    if (oi !== oj) return oi - oj;
    if (rems[i] !== rems[j]) return rems[i] > rems[j] ? -1 : 1;
    return i - j;
  });
  for (const i of order) { if (missing === 0n) break; parts[i] += 1n; missing -= 1n; }
  return parts;
}
function oracle({ lines, discount, coupons }) {
  const official = lines.map((l) => toUnits(l.official_amount));
  let disc = official.map(() => 0n);
  if (discount?.ratio) {
    const r = toUnits(discount.ratio);
    disc = official.map((o) => {
      const prod = o * r; // units² / 10^12
      if (prod % (10n ** SCALE) !== 0n) throw new Error('ratio product too fine for the oracle scale');
      return o - prod / 10n ** SCALE;
    });
  } else if (discount?.off) {
    const off = toUnits(discount.off) / CENT;
    disc = split(off, official, official.map((o) => floorDiv(o, CENT))).map((c) => c * CENT);
  }
  const rem = official.map((o, i) => o - disc[i]);
  const cols = lines.map(() => ({ dc: 0n, cash: 0n, flexi: 0n, card: 0n }));
  let total = rem.reduce((a, b) => a + b, 0n);
  const used = [];
  for (const c of coupons) { // already in stacking order
    const elig = lines.map((l, i) => i).filter((i) => !c.service || lines[i].cloud_service_type === svc(c.service));
    const owed = elig.reduce((a, i) => a + (rem[i] > 0n ? rem[i] : 0n), 0n);
    let take = [toUnits(c.face) / CENT, floorDiv(owed, CENT), floorDiv(total, CENT)].reduce((a, b) => (a < b ? a : b));
    if (take <= 0n) continue;
    const w = elig.map((i) => (rem[i] > 0n ? rem[i] : 0n));
    const shares = split(take, w, w.map((x) => floorDiv(x, CENT)));
    elig.forEach((i, k) => { rem[i] -= shares[k] * CENT; cols[i][c.kind] += shares[k] * CENT; });
    total -= take * CENT;
    used.push({ coupon_id: c.id, deducted: money(take * CENT) });
  }
  const payableC = floorDiv(total, CENT);
  const w = rem.map((r) => (r > 0n ? r : 0n));
  const pay = split(payableC, w, w.map((x) => floorDiv(x, CENT))).map((c) => c * CENT);
  const outLines = lines.map((l, i) => ({
    id: l.id, official_amount: money(official[i]), discount_amount: money(disc[i] + cols[i].dc),
    coupon_amount: money(cols[i].cash), flexipurchase_coupon_amount: money(cols[i].flexi), stored_card_amount: money(cols[i].card),
    truncated_amount: money(rem[i] - pay[i]), payable: money(pay[i]),
  }));
  const sum = (k) => outLines.reduce((a, l) => a + toUnits(l[k]), 0n);
  return {
    official_amount: money(sum('official_amount')), discount_amount: money(sum('discount_amount')),
    coupon_amount: money(sum('coupon_amount')), flexipurchase_coupon_amount: money(sum('flexipurchase_coupon_amount')),
    payable: money(payableC * CENT), truncated_amount: money(total - payableC * CENT), coupons: used, lines: outLines,
  };
}

let seed = 0xC0FFEE;
const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const odd = ['33.33', '0.01', '19.99', '1234.57', '0.07', '66.67', '8.88', '101.01', '0.33', '2.5', '999.99', '14.29', '0.05', '7.77'];
function drift(name, spec, { n, discount, coupons, subCent = false }) {
  const lines = Array.from({ length: n }, (_, i) => {
    let amount = odd[rnd(odd.length)];
    if (subCent && rnd(3) === 0) amount = `${amount}${1 + rnd(9)}`;
    return line(`L${i + 1}`, amount, rnd(3) === 0 ? 'ebs' : 'ec2');
  });
  const expect = oracle({ lines, discount, coupons });
  const input = { order: order(lines) };
  const ids = [];
  if (discount) {
    input.discounts = [discount.ratio ? ratio('d', 3, discount.ratio, lines.map((l) => l.id))
      : amountOff('d', 2, 2, discount.off, lines.map((l) => l.id))];
  }
  input.coupons = coupons.map((c, k) => {
    const base = { expire_time: `2024-${String(7 + k).padStart(2, '0')}-01T00:00:00Z`,
      ...(c.service ? { use_limits: [limit('serviceType', svc(c.service))] } : {}) };
    ids.push(c.id);
    return c.kind === 'cash' ? cash(c.id, c.face, base) : flexi(c.id, c.face, base);
  });
  input.selection = { discount_id: discount ? 'd' : null, coupon_ids: ids };
  add(name, spec, input, expect, { why: 'expected columns from the exact BigInt oracle in quotes.gen.mjs' });
}
const families = [
  ['0.85 over odd amounts, one cash coupon', (n) => ({ n, discount: { ratio: '0.85' }, coupons: [{ id: 'c', kind: 'cash', face: '100.00' }] })],
  ['0.7777 over odd amounts, cash then a flexi on ec2 lines', (n) => ({ n, discount: { ratio: '0.7777' },
    coupons: [{ id: 'c', kind: 'cash', face: '55.55' }, { id: 'f', kind: 'flexi', face: '33.33', service: 'ec2' }] })],
  ['amount off 10.00 over odd lines, a flexi on ebs lines', (n) => ({ n, discount: { off: '10.00' },
    coupons: [{ id: 'f', kind: 'flexi', face: '25.00', service: 'ebs' }] })],
  ['no discount, three coupons split over all and some lines', (n) => ({ n, discount: null,
    coupons: [{ id: 'c', kind: 'cash', face: '99.99' }, { id: 'f1', kind: 'flexi', face: '12.34', service: 'ec2' },
      { id: 'f2', kind: 'flexi', face: '7.01', service: 'ebs' }] })],
  ['sub-cent amounts, 0.85, a cash coupon larger than the order', (n) => ({ n, discount: { ratio: '0.85' }, subCent: true,
    coupons: [{ id: 'c', kind: 'cash', face: '100000.00' }] })],
  ['sub-cent amounts, amount off 0.01, one flexi', (n) => ({ n, discount: { off: '0.01' }, subCent: true,
    coupons: [{ id: 'f', kind: 'flexi', face: '3.00' }] })],
];
for (const [label, make] of families) {
  for (const n of [3, 7, 13, 20, 50]) {
    drift(`cent drift: ${label} (${n} lines)`, 'DESIGN Policies (allocation, rounding)', make(n));
  }
}
// 1/3 splits: an amount-off saving and a coupon over three equal lines.
add('1/3: a 10.00 saving over three lines of 33.33', 'DESIGN Policies (largest remainder)',
  { order: order([line('a', '33.33'), line('b', '33.33'), line('c', '33.33')]), discounts: [amountOff('d', 2, 2, '10.00', ['a', 'b', 'c'])],
    selection: { discount_id: 'd' } },
  { discount_amount: '10.00', payable: '89.99', lines: [{ id: 'a', discount_amount: '3.34', payable: '29.99' },
    { id: 'b', discount_amount: '3.33', payable: '30.00' }, { id: 'c', discount_amount: '3.33', payable: '30.00' }] });
add('1/3: a 100.00 coupon over three lines of 100.00', 'DESIGN Policies (largest remainder)',
  { order: order([line('a', '100.00'), line('b', '100.00'), line('c', '100.00')]), coupons: [cash('c1', '100')], selection: pick('c1') },
  { coupon_amount: '100.00', payable: '200.00', lines: [{ id: 'a', coupon_amount: '33.34', payable: '66.66' },
    { id: 'b', coupon_amount: '33.33', payable: '66.67' }, { id: 'c', coupon_amount: '33.33', payable: '66.67' }] });

// ---------------------------------------------------------------------------------------
// Issue 13: preview = charge. Every expected number is worked out by hand from the doc text
// quoted in `why`; `rule` names the issue item (`i13.1` … `i13.8`, `i13.policy`).
const i13 = (rule, name, spec, why, input, expect, extra = {}) =>
  add(`issue 13 #${rule.slice(4)}: ${name}`, spec, input, expect, { rule, why, ...extra });
const i13fail = (rule, name, spec, why, input, error, extra = {}) =>
  fail(`issue 13 #${rule.slice(4)}: ${name}`, spec, input, error, { rule, why, ...extra });
const thousand = order([line('a', '1000.00')]);
const d85 = dcoupon('d85', '0.85', { coupon_usage: '包年包月八五折' });
const b90 = ratio('b90', 2, '0.9', ['a']);
const stated = (discount_id, discount_type, discount_ratio, discount_amount, ids) => ({
  discount_id, discount_type,
  orders: [{ order_id: 'CS1', order_line_items: [{ order_line_item_ids: ids, discount_mode: 0, discount_ratio, discount_amount }] }],
});
const DC = 'coupons §2 terminology: 折扣券 "multiplies price; yearly/monthly only; behaves like a discount"; face_value in (0, 1) is the pay ratio';

// i13.1 — the 折扣券 is a pay ratio that competes with the order's discount.
i13('i13.1', '折扣券 0.85 on a 1000.00 monthly order charges 850.00', 'coupons §2, §6.2 step 2', `${DC}: 1000.00 × 0.85 = 850.00, the saving 150.00 is reported as discount_amount (rating APIs: "discount_amount … discount coupon")`,
  { order: thousand, coupons: [d85], selection: pick('d85') },
  { discount: null, discount_amount: '150.00', amount_after_discount: '850.00', payable: '850.00',
    coupons: [{ coupon_id: 'd85', kind: 'discount_coupon', deducted: '150.00', balance_after: '0.00' }],
    pay_request: { use_coupon: 'YES', coupon_infos: [{ id: 'd85', type: 300 }], use_discount: 'NO' } });
i13('i13.1', 'best prefers the 八五折 coupon (850.00) over a 九折 business discount (900.00)', 'coupons §6.2 step 2', 'one discount or a 折扣券 (alternatives): 1000 × 0.85 = 850.00 < 1000 × 0.9 = 900.00',
  { order: thousand, discounts: [b90], coupons: [d85], selection: 'best' },
  { discount: null, payable: '850.00', discount_amount: '150.00', coupons: [{ coupon_id: 'd85', deducted: '150.00' }],
    pay_request: { use_coupon: 'YES', coupon_infos: [{ id: 'd85', type: 300 }], use_discount: 'NO' } });
i13('i13.1', 'best prefers a 九折 business discount (900.00) over a 九五折 coupon (950.00)', 'coupons §6.2 step 2', '1000 × 0.9 = 900.00 < 1000 × 0.95 = 950.00: the discount wins',
  { order: thousand, discounts: [b90], coupons: [dcoupon('d95', '0.95')], selection: 'best' },
  { discount: { discount_id: 'b90' }, payable: '900.00', coupons: [] });
i13('i13.1', 'a 现金券 after the 折扣券 applies on the discounted price: 1000 × 0.85 − 100 = 750.00', 'coupons §6.2 step 4', '"with a 折扣券 the 现金券 applies on the discounted price": 850.00 − 100.00 = 750.00',
  { order: thousand, coupons: [d85, flexi('f100', '100')], selection: pick('d85', 'f100') },
  { discount_amount: '150.00', flexipurchase_coupon_amount: '100.00', payable: '750.00' });
i13('i13.1', 'a 代金券 with the 折扣券 is refused (CBC.99003147)', 'coupons §6.1', '"代金券 and 折扣券 cannot be used together (CBC.99003147)": the coupon first in the request stays, 850.00',
  { order: thousand, coupons: [d85, cash('c100', '100')], selection: pick('d85', 'c100') },
  { payable: '850.00', coupon_amount: '0.00', rejected: [{ id: 'c100', code: 'cash_with_discount_coupon' }] });
for (const face of ['1.5', '1', '85']) {
  i13('i13.1', `a 折扣券 with face_value ${face} is indeterminate, never guessed`, 'coupons §2 terminology', `${DC}; anything else is indeterminate: ${face} is not in (0, 1), the order pays its list price 1000.00`,
    { order: thousand, coupons: [dcoupon('dx', face)], selection: pick('dx') },
    { payable: '1000.00', discount_amount: '0.00', coupons: [],
      rejected: [{ id: 'dx', code: 'coupon_indeterminate', reasons: [{ code: 'discount_coupon_face_value' }] }] });
}
i13('i13.1', 'a 折扣券 with face_value 0 is refused: nothing to take, and no ratio', 'coupons §2 terminology, §6.4', `${DC}; a zero face value also reads as no balance: refused, 1000.00`,
  { order: thousand, coupons: [dcoupon('dx', '0')], selection: pick('dx') },
  { payable: '1000.00', coupons: [],
    rejected: [{ id: 'dx', code: 'coupon_not_applicable', reasons: [{ code: 'no_balance' }, { code: 'discount_coupon_face_value' }] }] });
i13('i13.1', 'the 折扣券 covers the yearly/monthly line only: 600 × 0.15 = 90.00', 'coupons §4.1 row 8', '"折扣券 only 包年/包月": the pay-per-use line (400.00) keeps its price; 600.00 × 0.15 = 90.00, payable 910.00',
  { order: order([line('a', '600.00'), line('b', '400.00', 'ebs', { charging_mode: 'on_demand' })]), coupons: [d85], selection: pick('d85') },
  { discount_amount: '90.00', payable: '910.00', lines: [{ id: 'a', discount_amount: '90.00', payable: '510.00' },
    { id: 'b', discount_amount: '0.00', payable: '400.00' }] });
i13('i13.1', 'a 折扣券 on a one-time order does not apply', 'coupons §4.1 row 8', '"折扣券 only 包年/包月": a one-time purchase is neither; payable 1000.00',
  { order: order([line('a', '1000.00')], { charging_mode: 'one_time', period_type: undefined, period_num: undefined }), coupons: [d85], selection: pick('d85') },
  { payable: '1000.00', rejected: [{ id: 'd85', code: 'coupon_not_applicable', reasons: [{ code: 'discount_coupon_period_only' }] }] });
i13('i13.1', 'a 折扣券 is not combined with the requested discount', 'coupons §6.1, §6.2 step 2', '"at most one discount … or a 折扣券 (they are alternatives)": the discount stays, 900.00',
  { order: thousand, discounts: [b90], coupons: [d85], selection: { discount_id: 'b90', coupon_ids: ['d85'] } },
  { payable: '900.00', discount: { discount_id: 'b90' }, rejected: [{ id: 'd85', code: 'coupon_not_applicable', reasons: [{ code: 'discount_not_combinable' }] }] });
i13('i13.1', 'the 折扣券 saving is floored to the cent: 33.33 × 0.15 = 4.9995 → 4.99', 'coupons §6.6', 'rounding not stated [gap]; "cap = floor to the cent (never over-deduct)": 33.33 − 4.99 = 28.34',
  { order: order([line('a', '33.33')]), coupons: [d85], selection: pick('d85') },
  { discount_amount: '4.99', payable: '28.34' });
i13('i13.1', 'a 九折 coupon over two lines splits its saving in proportion', 'DESIGN Policies (allocation)', '(100.01 + 200.02) × 0.1 = 30.003 → 30.00; 100.01 : 200.02 = 1 : 2 → 10.00 and 20.00',
  { order: order([line('a', '100.01'), line('b', '200.02', 'ebs')]), coupons: [dcoupon('d90', '0.9')], selection: pick('d90') },
  { discount_amount: '30.00', payable: '270.03', lines: [{ id: 'a', discount_amount: '10.00', payable: '90.01' }, { id: 'b', discount_amount: '20.00', payable: '180.02' }] });
i13('i13.1', 'a stored-value card after the 折扣券: 850.00 − 100.00 = 750.00', 'coupons §6.2 steps 2, 5', 'discount coupon → … → 储值卡 (derived order): 1000 × 0.85 − 100 = 750.00',
  { order: thousand, coupons: [d85, card('s100', '100')], selection: pick('d85', 's100') },
  { discount_amount: '150.00', stored_card_amount: '100.00', payable: '750.00' });
i13('i13.1', 'a 现金券 maxDeductionRatio 0.5 after the 折扣券 caps at 0.5 × 850.00 = 425.00', 'coupons §4.2 maxDeductionRatio, §6.2 step 4', '"may cover at most r × order total" on the discounted price (DESIGN: amount after discount): 0.5 × 850.00 = 425.00, payable 425.00 (not 0.5 × 1000)',
  { order: thousand, coupons: [d85, flexi('f600', '600', { use_limits: [limit('maxDeductionRatio', '0.5')] })], selection: pick('d85', 'f600') },
  { discount_amount: '150.00', flexipurchase_coupon_amount: '425.00', payable: '425.00' });
i13('i13.1', 'best with a mandatory 609: the 折扣券 cannot replace it', 'coupons §6.2 step 2', '"609 is mandatory when present" and the 折扣券 is an alternative to a discount: 1000 − 10 = 990.00',
  { order: thousand, discounts: [amountOff('adj', 609, 2, '10.00', ['a'])], coupons: [d85], selection: 'best' },
  { discount: { discount_id: 'adj' }, payable: '990.00', rejected: [{ id: 'd85', code: 'coupon_not_applicable' }] });

// i13.2 — BSS's own amounts first.
const tenOhOne = order([line('a', '10.01')]);
i13('i13.2', 'ListOrderDiscounts discount_amount 1.50 is used as stated: 10.01 − 1.50 = 8.51', 'pricing §3.3 OrderLineItemV3', '"discount_amount (saving)" — "订单可用的折扣金额（即减免金额）": BSS deducts 1.50, not 10.01 × 0.15 = 1.5015',
  { order: tenOhOne, discounts: [stated('p85', 3, '0.85', '1.50', ['a'])], selection: { discount_id: 'p85' } },
  { discount: { discount_id: 'p85', discount_amount: '1.50', amount_source: 'server' }, discount_amount: '1.50', payable: '8.51', truncated_amount: '0.00' });
i13('i13.2', 'without a stated amount the saving is computed from the ratio and says so', 'pricing §3.3', 'no discount_amount: 10.01 × 0.15 = 1.5015; 8.5085 truncated to 8.50 (抹零 0.0085)',
  { order: tenOhOne, discounts: [ratio('p85', 3, '0.85', ['a'])], selection: { discount_id: 'p85' } },
  { discount: { discount_amount: '1.5015', amount_source: 'computed' }, payable: '8.50', truncated_amount: '0.0085' });
i13('i13.2', 'a stated group amount is spread over the group, largest remainder', 'pricing §3.3 (merged line items)', 'stated 22.49 (not 150 × 0.15 = 22.50) over 100 : 50 → 14.9933…, 7.4966… → 14.99 + 7.49 = 22.48, the cent to the larger remainder: 7.50',
  { order: order([line('a', '100.00'), line('b', '50.00', 'ebs')]), discounts: [stated('p', 3, '0.85', '22.49', ['a', 'b'])], selection: { discount_id: 'p' } },
  { discount_amount: '22.49', payable: '127.51', lines: [{ id: 'a', discount_amount: '14.99' }, { id: 'b', discount_amount: '7.50' }] });
i13('i13.2', 'one group stated, one computed: amount_source mixed', 'pricing §3.3', 'group a: stated 10.00; group b: 50 × (1 − 0.8) = 10.00 computed; 150 − 20 = 130.00',
  { order: order([line('a', '100.00'), line('b', '50.00', 'ebs')]), discounts: [{ discount_id: 'm', discount_type: 3, orders: [{ order_id: 'CS1', order_line_items: [
    { order_line_item_ids: ['a'], discount_mode: 0, discount_ratio: '0.9', discount_amount: '10.00' },
    { order_line_item_ids: ['b'], discount_mode: 0, discount_ratio: '0.8' }] }] }], selection: { discount_id: 'm' } },
  { discount: { amount_source: 'mixed', discount_amount: '20.00' }, payable: '130.00' });
i13('i13.2', 'a stated amount above the line price is rejected, not trusted', 'pricing §3.3', 'a saving larger than the price it applies to cannot be deducted: rejected, 10.00 payable',
  { order: order([line('a', '10.00')]), discounts: [stated('p', 3, '0.85', '11.00', ['a'])], selection: { discount_id: 'p' } },
  { payable: '10.00', discount: null, rejected: [{ id: 'p', code: 'discount_not_applicable' }] });
i13('i13.2', 'a rating result is a server amount', 'pricing §1.3', '"amount = official_website_amount − discount_amount": 100 − 85 = 15.00 as stated',
  { order: order([line('a', '100.00')]), discounts: [rated('r605', 605, '100', '85')], selection: { discount_id: 'r605' } },
  { discount: { amount_source: 'server', discount_amount: '15.00' }, payable: '85.00' });
i13('i13.2', 'minConsumeDiscount still reads the stated group ratio', 'coupons §6.3 minConsumeDiscount', '"every order line … discount_ratio < m" ⇒ not combinable: 0.85 < 0.9 (CBC.99003117); payable 100 − 15 = 85.00',
  { order: order([line('a', '100.00')]), discounts: [stated('p', 3, '0.85', '15.00', ['a'])],
    coupons: [cash('c', '10', { use_limits: [limit('minConsumeDiscount', '0.9')] })], selection: { discount_id: 'p', coupon_ids: ['c'] } },
  { payable: '85.00', rejected: [{ id: 'c', code: 'coupon_not_applicable', reasons: [{ code: 'discount_below_minimum' }] }] });

// i13.3 — one coupon id is used once.
i13('i13.3', 'a wallet listing one coupon three times uses it once', 'coupons §7 PayOrders coupon_infos', 'PayOrders names each coupon by id ("IDs must come from ListOrderCouponsByOrderId"): 1000 − 100 = 900.00, one coupon_infos entry',
  { order: thousand, coupons: [flexi('F1', '100'), flexi('F1', '100'), flexi('F1', '100')], selection: 'best' },
  { payable: '900.00', coupons: [{ coupon_id: 'F1', deducted: '100.00' }], pay_request: { use_coupon: 'YES', coupon_infos: [{ id: 'F1', type: 302 }], use_discount: 'NO' },
    rejected: [{ id: 'F1', code: 'duplicate_coupon' }] });
i13('i13.3', 'a duplicated cash coupon next to a flexi-purchase coupon', 'coupons §6.1', 'one 代金券 (50) and the 现金券 (30): 1000 − 50 − 30 = 920.00; the copy is reported',
  { order: thousand, coupons: [cash('c1', '50'), cash('c1', '50'), flexi('f1', '30')], selection: 'best' },
  { payable: '920.00', coupon_amount: '50.00', flexipurchase_coupon_amount: '30.00', rejected: [{ id: 'c1', code: 'duplicate_coupon' }] });
i13('i13.3', 'an explicit selection naming one id twice uses it once', 'coupons §7', 'the second mention is rejected: 1000 − 100 = 900.00',
  { order: thousand, coupons: [flexi('F1', '100')], selection: pick('F1', 'F1') },
  { payable: '900.00', coupons: [{ coupon_id: 'F1' }], rejected: [{ id: 'F1', code: 'duplicate_coupon' }] });
i13('i13.3', 'of two copies the first is the coupon: a frozen first copy is not used', 'coupons §2.2 is_frozen', 'frozen coupons are excluded ("is_frozen … excluded from the available coupons"); the copy is not a second coupon: 1000.00',
  { order: thousand, coupons: [flexi('F1', '100', { is_frozen: '1' }), flexi('F1', '100')], selection: 'best' },
  { payable: '1000.00', coupons: [], rejected: [{ id: 'F1', code: 'coupon_not_applicable' }, { id: 'F1', code: 'duplicate_coupon' }] });

// i13.4 — a pay_request PayOrders accepts.
const hundred = order([line('a', '100.00')]);
i13('i13.4', 'a 合同折扣 (type 1) cannot be paid with: rejected, no discount_infos', 'coupons §7 PayOrders discount_infos', '"discount_infos … type (0 促销折扣, 2 商务优惠, 3 合作伙伴授予折扣)" plus 609: type 1 is not accepted; 100.00',
  { order: hundred, discounts: [ratio('k1', 1, '0.8', ['a'])], selection: { discount_id: 'k1' } },
  { payable: '100.00', discount: null, rejected: [{ id: 'k1', code: 'discount_not_payable' }], pay_request: { use_coupon: 'NO', use_discount: 'NO' } });
i13('i13.4', 'best skips a type-1 discount for a payable one', 'coupons §7', 'type 1 (0.8) is not payable; type 2 (0.9): 90.00',
  { order: hundred, discounts: [ratio('k1', 1, '0.8', ['a']), ratio('b2', 2, '0.9', ['a'])], selection: 'best' },
  { payable: '90.00', discount: { discount_id: 'b2' }, rejected: [{ id: 'k1', code: 'discount_not_payable' }], pay_request: { use_discount: 'YES', discount_infos: [{ id: 'b2', type: 2 }] } });
i13('i13.4', 'a bill code (700) is not a PayOrders discount type', 'coupons §2.1, §7', 'bill discount_type 700 促销折扣 is not one of 0/2/3/609: rejected, 100.00',
  { order: hundred, discounts: [ratio('x', 700, '0.9', ['a'])], selection: { discount_id: 'x' } },
  { payable: '100.00', rejected: [{ id: 'x', code: 'discount_not_payable' }] });
i13('i13.4', 'a policy of 5 coupons still gives at most 3 coupon_infos', 'coupons §6.1', '"at most 3 coupon IDs (目前支持传递最多三个)": 1000 − 3 × 10 = 970.00',
  { order: thousand, coupons: ['f1', 'f2', 'f3', 'f4', 'f5'].map((id) => flexi(id, '10')), selection: 'best' },
  { payable: '970.00', coupons: [{ coupon_id: 'f1' }, { coupon_id: 'f2' }, { coupon_id: 'f3' }] }, { opts: { policy: { max_coupons_per_order: 5 } } });
i13('i13.4', 'an explicit fourth coupon is rejected even when the policy says 5', 'coupons §6.1', 'PayOrders ≤ 3: f4 too_many_coupons; 1000 − 30 = 970.00',
  { order: thousand, coupons: ['f1', 'f2', 'f3', 'f4'].map((id) => flexi(id, '10')), selection: pick('f1', 'f2', 'f3', 'f4') },
  { payable: '970.00', rejected: [{ id: 'f4', code: 'too_many_coupons' }] }, { opts: { policy: { max_coupons_per_order: 5 } } });
i13('i13.4', 'a rating 606 discount is paid as type 2', 'pricing §3.4', 'the rating → order mapping (605/606 → 2 business) is derived; type 2 is accepted: 100 − 12 = 88.00',
  { order: hundred, discounts: [rated('r606', 606, '100', '88')], selection: { discount_id: 'r606' } },
  { payable: '88.00', pay_request: { use_discount: 'YES', discount_infos: [{ id: 'r606', type: 2 }] } });

// i13.5 — simultaneousUseWithEmpowerDiscount = 0 and any discount.
const empower0 = (id, face) => cash(id, face, { use_limits: [limit('simultaneousUseWithEmpowerDiscount', '0')] });
const EMP = 'PayOrders v3: "如果优惠券的限制属性上存在simultaneousUseWithEmpowerDiscount字段，并且值为0，则折扣和优惠券不能同时使用" — no kind named';
i13('i13.5', 'empower 0 refuses a promotion discount', 'coupons §6.3', `${EMP}: the coupon is refused; 100 × 0.9 = 90.00`,
  { order: hundred, discounts: [ratio('pr', 0, '0.9', ['a'])], coupons: [empower0('c', '10')], selection: { discount_id: 'pr', coupon_ids: ['c'] } },
  { payable: '90.00', coupon_amount: '0.00', rejected: [{ id: 'c', code: 'coupon_not_applicable', reasons: [{ code: 'discount_not_combinable', limit_key: 'simultaneousUseWithEmpowerDiscount' }] }] });
i13('i13.5', 'the limit-table reading stays selectable (business_and_partner)', 'coupons §4.2', 'limit table: "only partner discounts and business discounts count": 100 × 0.9 − 10 = 80.00',
  { order: hundred, discounts: [ratio('pr', 0, '0.9', ['a'])], coupons: [empower0('c', '10')], selection: { discount_id: 'pr', coupon_ids: ['c'] } },
  { payable: '80.00', coupon_amount: '10.00', rejected: [] }, { opts: { policy: { empower_scope: 'business_and_partner' } } });
i13('i13.5', 'best picks the coupon without the promotion when that is cheaper', 'coupons §6.3', `${EMP}: promotion alone 90.00, coupon alone 100 − 50 = 50.00`,
  { order: hundred, discounts: [ratio('pr', 0, '0.9', ['a'])], coupons: [empower0('c', '50')], selection: 'best' },
  { payable: '50.00', discount: null, coupons: [{ coupon_id: 'c', deducted: '50.00' }] });
i13('i13.5', 'empower 0 refuses a 609 adjustment', 'coupons §6.3, pricing §3.3', `${EMP}; the 609 is mandatory: 100 − 5 = 95.00, the coupon refused`,
  { order: hundred, discounts: [amountOff('adj', 609, 2, '5.00', ['a'])], coupons: [empower0('c', '10')], selection: pick('c') },
  { payable: '95.00', rejected: [{ id: 'c', code: 'coupon_not_applicable' }] });

// i13.6 — coupon_group 3 pays hardware only.
const HW = 'coupons §2.3 coupon_group: "3 华为云券 restricted to hardware" (华为云券-使用限制-抵扣硬件的券)';
i13('i13.6', 'a hardware coupon does not pay a cloud service line', 'coupons §2.3', `${HW}: no hardware line, 100.00`,
  { order: hundred, coupons: [cash('h', '10', { coupon_group: 3 })], selection: pick('h') },
  { payable: '100.00', rejected: [{ id: 'h', code: 'coupon_not_applicable', reasons: [{ code: 'hardware_only' }] }] });
i13('i13.6', 'a hardware coupon pays a line marked is_hardware', 'coupons §2.3', `${HW}: 100 − 10 = 90.00`,
  { order: order([line('a', '100.00', 'ec2', { is_hardware: true })]), coupons: [cash('h', '10', { coupon_group: 3 })], selection: pick('h') },
  { payable: '90.00', coupon_amount: '10.00' });
i13('i13.6', 'a hardware coupon covers only the hardware line', 'coupons §2.3, §6.2', `${HW}: the coupon (50) covers the 30.00 hardware line only; 130 − 30 = 100.00`,
  { order: order([line('a', '100.00'), line('b', '30.00', 'ec2', { is_hardware: true })]), coupons: [cash('h', '50', { coupon_group: 3 })], selection: pick('h') },
  { payable: '100.00', coupon_amount: '30.00', lines: [{ id: 'a', coupon_amount: '0.00' }, { id: 'b', coupon_amount: '30.00', payable: '0.00' }] });

// i13.7 — exact or amount_overflow.
i13fail('i13.7', 'a sum past 28 significant digits is amount_overflow, not rounded', 'DESIGN Non-negotiables 1', '500000000000.0000000000000001 + 0.00000000000000005 needs 29 digits: normalizeAmount would refuse the printed sum',
  { order: order([line('a', '500000000000.0000000000000001'), line('b', '0.00000000000000005')]) }, { code: 'amount_overflow' });
i13fail('i13.7', 'a discount product past 28 digits is amount_overflow', 'DESIGN Non-negotiables 1', '123456789012.3456789 × (1 − 0.8512345678) has 29 significant digits',
  { order: order([line('a', '123456789012.3456789')]), discounts: [ratio('p', 3, '0.8512345678', ['a'])], selection: { discount_id: 'p' } }, { code: 'amount_overflow' });
i13('i13.7', 'a sum that fits 28 digits stays exact', 'DESIGN Non-negotiables 1', '999999999999.9999999999999999 + 0.0000000000000001 = 1000000000000 exactly',
  { order: order([line('a', '999999999999.9999999999999999'), line('b', '0.0000000000000001')]) },
  { official_amount: '1000000000000.00', payable: '1000000000000.00', truncated_amount: '0.00' });

// i13.8 — a mandatory 609 that cannot apply is reported.
i13('i13.8', 'a 609 naming a line not in the order is reported under the default selection', 'pricing §3.3', '"If the order carries a 609 discount it must be used": it cannot, so it is rejected with its reason; 100.00',
  { order: hundred, discounts: [ratio('adj', 609, '0.9', ['zz'])] },
  { payable: '100.00', rejected: [{ id: 'adj', code: 'discount_not_applicable' }] });
i13('i13.8', 'a broken 609 is reported next to the discount that is used', 'pricing §3.3', 'the requested partner discount applies (100 × 0.9 = 90.00); the 609 is listed in rejected',
  { order: hundred, discounts: [ratio('p', 3, '0.9', ['a']), amountOff('adj', 609, 2, '500.00', ['a'])], selection: { discount_id: 'p' } },
  { payable: '90.00', discount: { discount_id: 'p' }, rejected: [{ id: 'adj', code: 'discount_not_applicable' }] });
i13('i13.8', 'a broken 609 is reported under an explicit no-discount selection', 'pricing §3.3', 'discount_id null: no discount, 100.00; the 609 still reported',
  { order: hundred, discounts: [amountOff('adj', 609, 1, null, ['a'])], selection: { discount_id: null } },
  { payable: '100.00', rejected: [{ id: 'adj', code: 'discount_not_applicable' }] });

// i13.policy — the quote reports the policy it used.
i13('i13.policy', 'the quote reports the reviewed defaults', 'DESIGN Policies', 'empower_scope any_discount (PayOrders v3), 3 coupons (PayOrders), baseValue lower exclusive (billing FAQ), upper exclusive and ratio base after the 代金券 (the docs are silent: the readings with the higher payable)',
  { order: hundred },
  { policy: { empower_scope: 'any_discount', max_coupons_per_order: 3, base_value_lower: 'exclusive', base_value_upper: 'exclusive', max_deduction_ratio_base: 'after_cash_coupon', discount_with_coupons: true, listed_hardware_coupon: 'one_product' } });
i13('i13.policy', 'listed_hardware_coupon every_line is read and reported (quoteOrder uses it; a quote has no listing)', 'DESIGN Policies', 'a policy field set to its other value is echoed; the order is priced as without it: 100.00',
  { order: hundred }, { payable: '100.00', policy: { listed_hardware_coupon: 'every_line', empower_scope: 'any_discount' } },
  { opts: { policy: { listed_hardware_coupon: 'every_line' } } });
i13fail('i13.policy', 'listed_hardware_coupon outside one_product | every_line is invalid_option', 'DESIGN Policies', 'an unknown reading never falls back silently to a default',
  { order: hundred }, { code: 'invalid_option', field: 'policy.listed_hardware_coupon' },
  { opts: { policy: { listed_hardware_coupon: 'all_lines' } } });

// i13.policy — maxDeductionRatio's base: after the 代金券 by default (the docs do not say whether
// the 代金券 comes off first; after it the cap is smallest and the payable highest).
const RATIO = 'coupons §4.2 maxDeductionRatio "占订单总金额的比例" and §6.2 step 4 (stacking: discount → 代金券 → 现金券); whether the order total is taken before or after the 代金券 is a gap';
const capped = flexi('f500', '500', { use_limits: [limit('maxDeductionRatio', '0.5')] });
i13('i13.policy', 'maxDeductionRatio 0.5 after a 代金券 of 200: the 现金券 takes 0.5 × 800.00 = 400.00, payable 400.00', 'coupons §4.2, §6.2 step 4', `${RATIO}: 1000.00 − 200.00 (代金券) = 800.00; cap 0.5 × 800.00 = 400.00; 800.00 − 400.00 = 400.00`,
  { order: thousand, coupons: [cash('c200', '200'), capped], selection: pick('c200', 'f500') },
  { coupon_amount: '200.00', flexipurchase_coupon_amount: '400.00', payable: '400.00' });
i13('i13.policy', 'maxDeductionRatio 0.5 on the amount after discount (policy after_discount): the 现金券 takes 500.00, payable 300.00', 'coupons §4.2, §6.2 step 4', `${RATIO}: the selectable reading; cap 0.5 × 1000.00 = 500.00; 1000.00 − 200.00 − 500.00 = 300.00`,
  { order: thousand, coupons: [cash('c200', '200'), capped], selection: pick('c200', 'f500') },
  { coupon_amount: '200.00', flexipurchase_coupon_amount: '500.00', payable: '300.00' },
  { opts: { policy: { max_deduction_ratio_base: 'after_discount' } } });
i13('i13.policy', 'maxDeductionRatio after a 九折 discount and a 代金券 of 100: 0.5 × (900.00 − 100.00) = 400.00, payable 400.00', 'coupons §4.2, §6.2 step 4', `${RATIO}: 1000.00 × 0.9 = 900.00; − 100.00 (代金券) = 800.00; cap 0.5 × 800.00 = 400.00; 800.00 − 400.00 = 400.00`,
  { order: thousand, discounts: [b90], coupons: [cash('c100', '100'), capped], selection: { discount_id: 'b90', coupon_ids: ['c100', 'f500'] } },
  { discount_amount: '100.00', coupon_amount: '100.00', flexipurchase_coupon_amount: '400.00', payable: '400.00' });

// i13.explain — where each column came from.
const none = 'none:coupon.none';
const cut = 'computed:truncate:rounding';
const rest = 'computed:payable:stacking_order';
i13('i13.explain', 'explain: a stated discount, a cash coupon and the cut', 'pricing §3.3, §4.4; coupons §6.2', 'discount 1.50 as stated (server), cash coupon 1.00 (computed under max_cash_coupons_per_order): 10.01 − 1.50 − 1.00 = 7.51',
  { order: tenOhOne, discounts: [stated('p85', 3, '0.85', '1.50', ['a'])], coupons: [cash('c1', '1')], selection: { discount_id: 'p85', coupon_ids: ['c1'] } },
  { payable: '7.51', explain: { official_amount: 'input:official', discount_amount: 'server:discount.stated',
    coupon_amount: 'computed:coupon.cash:max_cash_coupons_per_order', flexipurchase_coupon_amount: none,
    stored_card_amount: none, truncated_amount: cut, payable: rest } });
i13('i13.explain', 'explain: a 折扣券 and a capped 现金券', 'coupons §2, §6.2 step 4', 'the discount column is the 折扣券 (computed, floored: policy rounding); the 现金券 cap is max_deduction_ratio_base: 425.00',
  { order: thousand, coupons: [d85, flexi('f600', '600', { use_limits: [limit('maxDeductionRatio', '0.5')] })], selection: pick('d85', 'f600') },
  { payable: '425.00', explain: { discount_amount: 'computed:discount.coupon:rounding', coupon_amount: none,
    flexipurchase_coupon_amount: 'computed:coupon.flexi:max_deduction_ratio_base' } });
i13('i13.explain', 'explain: the default discount, computed from its ratio, chosen by the best-discount rule', 'pricing §1.5, §3.3', 'one business discount, no stated amount: 100 × 0.9 = 90.00 (largest saving → policy best_discount)',
  { order: hundred, discounts: [ratio('b', 2, '0.9', ['a'])] },
  { payable: '90.00', explain: { discount_amount: 'computed:discount.ratio:best_discount' } });

// Remove `undefined` fields (used above to drop defaults).
const clean = (v) => JSON.parse(JSON.stringify(v));
const doc = {
  description: 'quote(input, opts) / bss_storefront::quote::quote_json (issue 5). `expect` is matched partially: each key given must be equal, arrays element by element with the same length. `error` is the BssError code and field. `spec` points at the rule (shared spec sections or DESIGN.md); `why` explains a non-obvious expectation. Generated by quotes.gen.mjs (cent-drift expectations from its exact BigInt oracle).',
  cases: clean(cases),
};
fs.writeFileSync(new URL('./quotes.json', import.meta.url), `${JSON.stringify(doc, null, 1)}\n`);
console.log(`${cases.length} cases`);
