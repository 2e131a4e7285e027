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
fail('a policy typo is invalid_options', 'DESIGN Policies', { order: three }, { code: 'invalid_options', field: 'policy.max_coupon' },
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

// Remove `undefined` fields (used above to drop defaults).
const clean = (v) => JSON.parse(JSON.stringify(v));
const doc = {
  description: 'quote(input, opts) / bss_storefront::quote::quote_json (issue 5). `expect` is matched partially: each key given must be equal, arrays element by element with the same length. `error` is the BssError code and field. `spec` points at the rule (shared spec sections or DESIGN.md); `why` explains a non-obvious expectation. Generated by quotes.gen.mjs (cent-drift expectations from its exact BigInt oracle).',
  cases: clean(cases),
};
fs.writeFileSync(new URL('./quotes.json', import.meta.url), `${JSON.stringify(doc, null, 1)}\n`);
console.log(`${cases.length} cases`);
