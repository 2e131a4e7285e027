// What a storefront does with a pending order, for the orders tests and the e2e test: fetch
// the order's BSS bodies with the client, quote them with quoteOrder, pay with the quote's
// PayOrders body. Carts are the sandbox's priced products.

export const ECS = { cloud_service_type: 'hws.service.type.ec2', resource_type: 'hws.resource.type.vm', resource_spec: 'c6.large.2.linux', region: 'cn-north-4' };
export const ECS_SMALL = { ...ECS, resource_spec: 's6.small.1.linux' };
export const EVS = { cloud_service_type: 'hws.service.type.ebs', resource_type: 'hws.resource.type.volume', resource_spec: 'GPSSD', region: 'cn-north-4' };

export const CASH_50 = 'CP2026110100000011';
export const CASH_200 = 'CP2026110100000012';
export const FLEX_30 = 'CP2026110100000021';
export const FLEX_20 = 'CP2026110100000022';
export const DISC_85 = 'CP2026110100000031';
export const CARD = 'SVC2026110100000001';

/**
 * The scenarios of issue 14: a cart, the selection a customer makes on the order page, and
 * whether the wallet can pay it.
 */
export const SCENARIOS = [
  { name: 'discount only', items: [{ ...ECS, period_type: 2, period_num: 1, subscription_num: 1 }], selection: { coupon_ids: [] } },
  // A 折扣券 is a pay ratio (spec §2): the engine previews it, the sandbox charges it.
  { name: 'discount coupon (折扣券) instead of the discount', items: [{ ...ECS, period_type: 2, period_num: 1, subscription_num: 1 }, { ...EVS, period_type: 2, period_num: 1, subscription_num: 1, resource_size: 40 }], selection: { discount_id: null, coupon_ids: [DISC_85] } },
  { name: 'cash coupon plus flexi-purchase coupons (best)', items: [{ ...ECS, period_type: 3, period_num: 1, subscription_num: 1 }], selection: 'best' },
  { name: 'stored-value card', items: [{ ...ECS_SMALL, period_type: 2, period_num: 1, subscription_num: 2 }], selection: { coupon_ids: [CARD] } },
  { name: 'balances too small', items: [{ ...ECS, period_type: 3, period_num: 1, subscription_num: 3 }], selection: 'best', insufficient: true },
];

/** The BSS bodies quoteOrder takes, fetched with `bss` (a BssClient of the customer). */
export async function orderParts(bss, orderId) {
  const [details, discounts, coupons, balances, cards] = await Promise.all([
    bss.showCustomerOrderDetails({ order_id: orderId, limit: 100 }),
    bss.listOrderDiscounts({ order_id: orderId }),
    bss.listOrderCouponsByOrderId({ order_id: orderId }),
    bss.showCustomerAccountBalances(),
    bss.listStoredValueCards({ status: 1 }),
  ]);
  return { details, discounts, coupons, balances, cards };
}

/** The figures a receipt compares: what was previewed (a quote) or charged (a sandbox charge). */
export function figures(x) {
  const q = x.payment !== undefined;
  return {
    discount_amount: x.discount_amount,
    coupon_amount: x.coupon_amount,
    flexipurchase_coupon_amount: x.flexipurchase_coupon_amount,
    stored_card_amount: x.stored_card_amount,
    payable: x.payable,
    cash: q ? x.payment.cash : x.cash,
    credit: q ? x.payment.credit : x.credit,
  };
}

/** A decimal string as an exact integer of 10^-12 units (BSS amounts have at most 12 decimals here). */
export function units(text) {
  const m = /^(-?)(\d+)(?:\.(\d{0,12}))?$/.exec(String(text));
  if (!m) throw new Error(`not a decimal amount: ${text}`);
  const v = BigInt(m[2]) * 10n ** 12n + BigInt((m[3] ?? '').padEnd(12, '0'));
  return m[1] ? -v : v;
}
/** Equal amounts whatever their trailing zeros ("183.6" and "183.60"). */
export const sameAmount = (a, b) => units(a) === units(b);
