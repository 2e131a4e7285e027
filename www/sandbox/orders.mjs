// Orders in the BSS sandbox: what the Huawei console does when a customer buys (a pending
// yearly/monthly order from a cart, priced from the sandbox's list prices), the customer
// order operations, the customer's wallet (account balances, stored-value cards, the coupons
// BSS offers for an order), and PayOrders paying the order.
//
// ListOrderCouponsByOrderId lists the customer's usable coupons whose line limits some line
// meets and whose `baseValue` the official amount of those lines meets. PayOrders charges
// through ./charge.mjs (the one charge of the sandbox, documented there); here it refuses
// CBC.99003106 the order status changed (paid twice, or cancelled), CBC.99003110 the payment
// deadline passed, CBC.30000010 not the customer's order.
//
// It is part of the sandbox (a test double of BSS), not of the package.
import fs from 'node:fs';
import { Dec, RawNumber } from './decimal.mjs';
import { charge, eligibleLines, inRange } from './charge.mjs';

const FIXTURE = new URL('./fixtures/wallet.json', import.meta.url);

/** The order operations, by route; a `{name}` segment is a path parameter. */
export const ORDER_OPERATIONS = {
  'GET /v2/orders/customer-orders': ['ListCustomerOrders', 'customer'],
  'GET /v2/orders/customer-orders/details/{order_id}': ['ShowCustomerOrderDetails', 'customer'],
  'PUT /v2/orders/customer-orders/cancel': ['CancelCustomerOrder', 'customer'],
  'GET /v2/orders/customer-orders/refund-orders': ['ShowRefundOrderDetails', 'customer'],
  'GET /v2/accounts/customer-accounts/balances': ['ShowCustomerAccountBalances', 'customer'],
  'GET /v2/promotions/benefits/stored-value-cards': ['ListStoredValueCards', 'customer'],
};

/** The route of `METHOD /path` among the order operations (path parameters matched). */
export function orderRoute(key) {
  for (const [route, op] of Object.entries(ORDER_OPERATIONS)) {
    const re = new RegExp(`^${route.replace(/\{[a-z_]+\}/g, '([^/]+)')}$`);
    if (re.test(key)) return op;
  }
  return null;
}

/** Path parameters of a request path for its operation. */
function pathParams(operation, path) {
  const route = Object.keys(ORDER_OPERATIONS).find((r) => ORDER_OPERATIONS[r][0] === operation);
  const names = [...route.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]);
  const re = new RegExp(`^${route.split(' ')[1].replace(/\{[a-z_]+\}/g, '([^/]+)')}$`);
  const m = re.exec(path) ?? [];
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]));
}

const STATUS = { pending: 6, cancelled: 4, completed: 5 };
const DAY_MS = 24 * 3600 * 1000;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}/, '');
const money = (d) => new RawNumber(Dec.of(d).fixed(2));

/** The wallet fixture: order coupons (pay type codes 300–303), cards, balances. */
export function seedWallet() {
  const w = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
  return {
    orders: [],
    coupons: w.coupons.map((c) => ({ ...c, use_limits: c.use_limits.map((l) => ({ ...l })) })),
    max_use_quantity: w.coupon_max_use_quantity,
    cards: w.cards.map((c) => ({ ...c })),
    balances: Object.fromEntries(Object.entries(w.balances).map(([k, v]) => [k, { ...v }])),
    charges: [],
  };
}

/**
 * The order handlers over `ctx`: { state() (the sandbox state; `state().wallet` is this
 * module's part), now(), nextId(prefix, width), findPrice(item), reply: { ok, noContent, cbc,
 * paramError }, localized(value, lang) }.
 */
export function orderHandlers(ctx) {
  const { ok, noContent, cbc, paramError } = ctx.reply;
  const wallet = () => ctx.state().wallet;
  const nowMs = () => ctx.now();

  /** The customer's balances (the wallet's own object: a charge debits it). */
  const balancesOf = (p) => wallet().balances[p.domain_id] ?? { cash: '0', credit: '0' };
  const own = (p, id) => wallet().orders.find((o) => o.order_id === id && o.customer_id === p.domain_id);
  const invalidOrder = () => cbc(400, 'CBC.30000010', 'The order is invalid.');

  function orderInfo(o, lang) {
    const official = o.lines.reduce((s, l) => s.add(l.official_amount), Dec.of('0'));
    const info = {
      order_id: o.order_id, customer_id: o.customer_id, service_type_code: o.lines[0]?.service_type_code ?? '',
      service_type_name: ctx.localized(o.lines[0]?.service_type_name, lang) ?? '', source_type: 1,
      status: STATUS[o.status], order_type: 1, official_amount: money(official),
      amount_after_discount: money(o.charge ? o.charge.amount_after_discount : official), measure_id: 1,
      create_time: iso(o.created), payment_time: o.charge ? iso(o.charge.paid_at) : '', currency: 'CNY',
      contract_id: '', user_name: o.user_name, pending_payment_end_time: iso(o.pay_by),
    };
    if (o.charge) {
      info.amount_info = {
        discounts: o.charge.discount_amount === '0.00' ? [] : [{ discount_type: String(o.charge.discount_type), discount_amount: money(o.charge.discount_amount) }],
        coupon_amount: money(o.charge.coupon_amount), flexipurchase_coupon_amount: money(o.charge.flexipurchase_coupon_amount),
        stored_card_amount: money(o.charge.stored_card_amount), commission_amount: money('0'), consumed_amount: money(o.charge.payable),
      };
    }
    return info;
  }

  function lineItem(o, l, lang) {
    return {
      order_line_item_id: l.id, service_type_code: l.service_type_code, service_type_name: ctx.localized(l.service_type_name, lang),
      product_id: l.product_id, product_spec_desc: ctx.localized(l.product_spec_desc, lang), period_type: l.period_type,
      period_num: l.period_num, subscription_num: l.subscription_num, official_amount: money(l.official_amount),
      amount_after_discount: money(l.official_amount), currency: 'CNY', category_code: l.resource_type,
      product_owner_service: l.service_type_code, commercial_resource: l.resource_type, order_id: o.order_id,
      base_product_info: { product_id: l.product_id, product_spec_desc: ctx.localized(l.product_spec_desc, lang), category_code: l.resource_type, product_owner_service: l.service_type_code, commercial_resource: l.resource_type },
    };
  }

  // ---- what BSS offers for an order: discounts and coupons ----

  const officialOf = (o) => o.lines.reduce((s, l) => s.add(l.official_amount), Dec.of('0'));

  /**
   * ListOrderDiscounts' `discounts` for `o` (order type codes 2 business, 3 partner-granted):
   * the customer's discounts over every line, the saving stated (official − the discounted
   * total truncated to the cent). Amounts as decimal strings.
   */
  function discountsFor(o) {
    const official = officialOf(o);
    const ids = o.lines.map((l) => l.id);
    return ctx.state().catalog.discounts.filter((d) => d.customer_id === o.customer_id).map((d) => ({
      discount_id: d.discount_id, discount_value: d.ratio, discount_type: d.discount_type === 607 ? 3 : 2, discount_name: d.discount_name,
      orders: [{ order_id: o.order_id, order_line_items: [{
        order_line_item_ids: ids, discount_mode: 0, discount_amount: official.sub(official.mul(d.ratio).fixed(2)).fixed(2), discount_ratio: d.ratio,
      }] }],
    }));
  }
  const usableNow = (c, o) => c.customer_id === o.customer_id && c.status === 2 && Dec.of(c.balance).cmp('0') > 0
    && Date.parse(c.effective_time) <= nowMs() && nowMs() < Date.parse(c.expire_time);

  /** ListOrderCouponsByOrderId: the customer's usable coupons whose limits the order meets. */
  function couponsFor(o) {
    return wallet().coupons.filter((c) => {
      if (!usableNow(c, o)) return false;
      const lines = eligibleLines(c, o.lines);
      if (!lines.length) return false;
      const amount = lines.reduce((s, l) => s.add(l.official_amount), Dec.of('0'));
      return inRange(c, amount);
    });
  }
  const couponWire = ({ customer_id, ...c }) => ({ ...c, face_value: money(c.face_value), balance: money(c.balance) });

  const handlers = {
    ListCustomerOrders(p, q, b, f, lang) {
      let list = wallet().orders.filter((o) => o.customer_id === p.domain_id);
      if (q.order_id) list = list.filter((o) => o.order_id.toLowerCase() === q.order_id.toLowerCase());
      if (q.status !== undefined && q.status !== '') list = list.filter((o) => STATUS[o.status] === Number(q.status));
      list = [...list].sort((a, b2) => (String(q.order_by ?? '').toLowerCase() === 'createtime' ? a.created - b2.created : b2.created - a.created));
      const offset = Number(q.offset || 0);
      const n = Number(q.limit || 10);
      // ListCustomerOrders answers CustomerOrderV2: without the details' user_name and
      // pending_payment_end_time (CustomerOrderV3).
      const listed = (o) => {
        const { user_name, pending_payment_end_time, ...info } = orderInfo(o, lang);
        return info;
      };
      return ok({ total_count: list.length, order_infos: list.slice(offset, offset + n).map(listed) });
    },

    ShowCustomerOrderDetails(p, q, b, f, lang, record) {
      const { order_id } = pathParams('ShowCustomerOrderDetails', record.path);
      const o = own(p, order_id);
      if (!o) return invalidOrder();
      const offset = Number(q.offset || 0);
      const n = Number(q.limit || 10);
      return ok({
        total_count: o.lines.length, order_info: orderInfo(o, lang),
        order_line_items: o.lines.slice(offset, offset + n).map((l) => lineItem(o, l, lang)),
      });
    },

    CancelCustomerOrder(p, q, b) {
      if (!b.order_id) return paramError('order_id is required');
      const o = own(p, b.order_id);
      if (!o) return invalidOrder();
      if (o.status !== 'pending') return cbc(400, 'CBC.99003106', 'The order status has changed.');
      o.status = 'cancelled';
      return noContent();
    },

    ShowRefundOrderDetails(p, q) {
      if (!q.order_id) return paramError('order_id is required');
      // The sandbox sells; it never refunds: no refund order has this id.
      return ok({ total_count: 0, refund_infos: [] });
    },

    ShowCustomerAccountBalances(p) {
      const b = balancesOf(p);
      return ok({
        account_balances: [
          { account_id: `${p.domain_id.slice(0, 8)}-cash`, account_type: 1, amount: money(b.cash), currency: 'CNY', designated_amount: money('0'), credit_amount: money('0'), measure_id: 1 },
          { account_id: `${p.domain_id.slice(0, 8)}-credit`, account_type: 2, amount: money(b.credit), currency: 'CNY', designated_amount: money('0'), credit_amount: money(b.credit_limit ?? b.credit), measure_id: 1 },
        ],
        debt_amount: money('0'), measure_id: 1, currency: 'CNY',
      });
    },

    ListStoredValueCards(p, q, b, f, lang) {
      let list = wallet().cards.filter((c) => c.customer_id === p.domain_id);
      if (q.status !== undefined && q.status !== '') list = list.filter((c) => c.status === Number(q.status));
      if (q.card_id) list = list.filter((c) => c.card_id === q.card_id);
      const offset = Number(q.offset || 0);
      const n = Number(q.limit || 10);
      return ok({
        total_count: list.length,
        stored_value_cards: list.slice(offset, offset + n).map(({ customer_id, ...c }) => ({ ...c, card_name: ctx.localized(c.card_name, lang) })),
      });
    },
  };

  /** The fixture orders (server.mjs) keep their behaviour; orders placed here get these. */
  const overrides = {
    ListOrderCouponsByOrderId(p, q) {
      const o = own(p, q.order_id);
      if (!o) return null;
      const usable = o.status === 'pending' ? couponsFor(o) : [];
      return ok({ count: usable.length, user_coupons: usable.map(couponWire), coupon_max_use_quantity: wallet().max_use_quantity });
    },
    ListOrderDiscounts(p, q) {
      const o = own(p, q.order_id);
      if (!o) return null;
      if (o.status !== 'pending') return ok({ discounts: [] });
      return ok({
        discounts: discountsFor(o).map((d) => ({
          ...d,
          orders: d.orders.map((x) => ({
            ...x,
            order_line_items: x.order_line_items.map((i) => ({ ...i, discount_amount: money(i.discount_amount), discount_ratio: new RawNumber(i.discount_ratio) })),
          })),
        })),
      });
    },
    PayOrders(p, q, b) {
      const o = own(p, b.order_id);
      if (!o) return null;
      if (o.status !== 'pending') return cbc(400, 'CBC.99003106', 'The order status has changed.');
      if (nowMs() > o.pay_by) return cbc(400, 'CBC.99003110', 'The payment deadline has passed.');
      if (b.use_coupon === 'NO' && b.coupon_infos) return paramError('coupon_infos must be empty when use_coupon is NO');
      if (b.use_discount === 'NO' && b.discount_infos) return paramError('discount_infos must be empty when use_discount is NO');
      const paid = charge(o, b, {
        discounts: discountsFor(o), coupons: couponsFor(o), cards: wallet().cards.filter((c) => c.customer_id === p.domain_id),
        maxUseQuantity: wallet().max_use_quantity, balances: balancesOf(p), now: nowMs(),
      });
      if (paid.error) return cbc(paid.error.status, paid.error.code, paid.error.message);
      o.status = 'completed';
      o.charge = paid.charge;
      wallet().charges.push({ order_id: o.order_id, ...o.charge });
      return noContent();
    },
  };

  /**
   * Sandbox only — what the console does when a customer buys: a pending order from a cart
   * of yearly/monthly items { cloud_service_type, resource_type, resource_spec, region,
   * period_type (2 month, 3 year), period_num, subscription_num, resource_size? }, each line
   * priced from the sandbox's price list. `pay_within_ms` (default 7 days) sets the payment
   * deadline; `order_id` a fixed id (for examples that name it). Returns { order_id } or
   * { error_code, error_msg }.
   */
  function placeOrder({ customer_id, user_name = '', items, pay_within_ms = 7 * DAY_MS, order_id: fixedId }) {
    if (!Array.isArray(items) || !items.length) return { error_code: 'CBC.0100', error_msg: 'Parameter error: items' };
    if (fixedId !== undefined && wallet().orders.some((o) => o.order_id === fixedId)) return { error_code: 'CBC.0100', error_msg: 'Parameter error: order_id' };
    const created = nowMs();
    const order_id = fixedId ?? ctx.nextId(`CS${iso(created).slice(2, 10).replace(/-/g, '')}`, 9);
    const lines = [];
    for (const [i, item] of items.entries()) {
      const price = ctx.findPrice(item);
      const num = Number(item.subscription_num ?? 1);
      const periods = Number(item.period_num ?? 1);
      if (!price || ![2, 3].includes(item.period_type) || !(num >= 1) || !(periods >= 1)) {
        return { error_code: 'CBC.99006006', error_msg: 'The product does not exist.' };
      }
      let official = Dec.of(item.period_type === 3 ? price.year : price.month).mul(String(periods)).mul(String(num));
      if (price.linear) official = official.mul(String(item.resource_size ?? 1));
      const service = ctx.state().catalog.service_types.find((s) => s.service_type_code === item.cloud_service_type);
      lines.push({
        id: `${order_id}-${String(i + 1).padStart(6, '0')}`, service_type_code: item.cloud_service_type,
        service_type_name: service?.service_type_name ?? item.cloud_service_type, resource_type: item.resource_type,
        product_id: price.product_id, product_spec_desc: price.spec_desc ?? item.resource_spec, region: item.region,
        period_type: item.period_type, period_num: periods, subscription_num: num, official_amount: official.fixed(2),
        // BSS knows a hardware product; the order details do not say (coupon_group 3 coupons).
        is_hardware: price.hardware === true,
      });
    }
    wallet().orders.push({ order_id, customer_id, user_name, status: 'pending', created, pay_by: created + pay_within_ms, lines });
    return { order_id };
  }

  return { handlers, overrides, placeOrder };
}
