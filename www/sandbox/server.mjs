// The BSS sandbox: a local test double of Huawei's partner sales platform API for the demo
// and the client tests. It serves the documented paths, bodies, status codes and CBC error
// codes of the 29 operations the client covers (the order ones in ./orders.mjs) and IAM's token endpoint; it verifies AK/SK
// signatures with the project's own signer and rejects an X-Sdk-Date more than 15 minutes
// from its clock, like the API gateway; its state is seeded from fixtures/*.json; and tests
// can inject faults (429 with Retry-After, 503, slow and malformed answers).
//
//   const sandbox = await startSandbox({ port: 0 });   // 127.0.0.1, random port
//   sandbox.url, sandbox.requests, sandbox.recent(n), sandbox.inject({...}), sandbox.setClockOffset(ms), sandbox.close()
//
// Its memory is bounded whatever the traffic (it runs behind the demo and the load
// benchmark): the request log is a ring of the last `logLimit` requests, and every table that
// grows with calls — IAM tokens, verification codes, the mobile numbers' registrations, the
// sub-customers created — keeps at most `tableLimit` entries, expired and oldest first out.
//
// It is a test double, not part of the package.
import http from 'node:http';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Dec, RawNumber, stringify } from './decimal.mjs';
import { tableRoute, emptyAnswer } from './operations.mjs';
import { orderHandlers, orderRoute, seedWallet } from './orders.mjs';
import { charge } from './charge.mjs';

const require = createRequire(import.meta.url);
const { signRequest } = require('bss-storefront');

const FIXTURES = new URL('./fixtures/', import.meta.url);
const SKEW_LIMIT_MS = 15 * 60 * 1000;
const TOKEN_LIFETIME_MS = 24 * 3600 * 1000;
/** Requests the log keeps by default (the last ones). */
const LOG_LIMIT = 1000;
/** Entries each traffic-grown table keeps at most. */
const TABLE_LIMIT = 10_000;
const HOUR_MS = 3600_000;

/** Drops a Map's first-inserted (oldest) entries beyond `limit`. */
function trim(map, limit) {
  for (const key of map.keys()) {
    if (map.size <= limit) return;
    map.delete(key);
  }
}

/** `map.set`, with the entry moved to the newest end, and the oldest beyond `limit` dropped. */
function setNewest(map, key, value, limit) {
  map.delete(key);
  map.set(key, value);
  trim(map, limit);
}

/** The last `limit` items pushed: a circular buffer, so that it holds exactly that many once full. */
class Ring {
  constructor(limit) {
    this.limit = limit;
    this.items = [];
    this.next = 0; // where the next push goes once full: the oldest item
  }

  push(item) {
    if (this.items.length < this.limit) this.items.push(item);
    else this.items[this.next] = item;
    this.next = (this.next + 1) % this.limit;
  }

  /** The last `n` (at most `limit`) items, oldest first. */
  last(n = this.limit) {
    const k = Math.max(0, Math.min(n, this.items.length));
    if (k === 0) return [];
    const ordered = this.items.length < this.limit ? this.items : [...this.items.slice(this.next), ...this.items.slice(0, this.next)];
    return ordered.slice(ordered.length - k);
  }

  clear() {
    this.items.length = 0;
    this.next = 0;
  }
}

const load = (name) => JSON.parse(fs.readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8'));

/** Deterministic state from the fixture files. */
function seed() {
  const accounts = load('accounts');
  const customers = load('customers');
  const coupons = load('coupons');
  return {
    accounts,
    customers: customers.customers.map((c) => ({ ...c })),
    mobileRegistrations: new Map(Object.entries(customers.mobile_registrations)), // mobile -> accounts
    accountsPerMobile: customers.accounts_per_mobile,
    verificationCode: customers.verification_code,
    codes: new Map(), // mobile -> { code, sent: [timestamps], failures }
    quotas: coupons.quotas.map((q) => ({ ...q })),
    coupons: coupons.coupons.map((c) => ({ ...c })),
    orders: load('orders').orders.map((o) => ({ ...o })),
    catalog: load('catalog'),
    tokens: new Map(), // token -> { domain_id, role, expires }
    fixtureCustomers: customers.customers.length,
    wallet: seedWallet(), // orders placed in the sandbox, order coupons, cards, balances (./orders.mjs)
    counter: 0,
  };
}

const OPERATIONS = {
  'POST /v2/partners/sub-customers/users/check-identity': ['CheckUserIdentity', 'partner'],
  'POST /v2/bases/verificationcode/send': ['SendVerificationMessageCode', 'partner'],
  'POST /v2/partners/sub-customers': ['CreateSubCustomer', 'partner'],
  'POST /v2/partners/sub-customers/query': ['ListSubCustomers', 'partner'],
  'GET /v2/promotions/benefits/coupons': ['ListSubCustomerCoupons', 'any'],
  'GET /v2/promotions/benefits/partner-coupons': ['ListIssuedPartnerCoupons', 'partner'],
  'POST /v2/promotions/benefits/partner-coupons': ['CreatePartnerCoupons', 'partner'],
  'POST /v2/promotions/benefits/partner-coupons/reclaim': ['ReclaimPartnerCoupons', 'partner'],
  'POST /v2/partners/coupon-quotas/query': ['ListQuotaCoupons', 'partner'],
  'GET /v2/orders/customer-orders/order-coupons': ['ListOrderCouponsByOrderId', 'customer'],
  'GET /v2/orders/customer-orders/order-discounts': ['ListOrderDiscounts', 'customer'],
  'POST /v3/orders/customer-orders/pay': ['PayOrders', 'customer'],
  'POST /v2/bills/ratings/period-resources/subscribe-rate': ['ListRateOnPeriodDetail', 'customer'],
  'POST /v2/bills/ratings/on-demand-resources': ['ListOnDemandResourceRatings', 'customer'],
  'POST /v2/bills/ratings/period-resources/renew-rate': ['ListRenewRateOnPeriod', 'customer'],
  'GET /v2/products/service-types': ['ListServiceTypes', 'any'],
  'GET /v2/products/resource-types': ['ListResourceTypes', 'any'],
  'GET /v2/products/service-resources': ['ListServiceResources', 'any'],
  'GET /v2/products/usage-types': ['ListUsageTypes', 'any'],
  'GET /v2/bases/measurements': ['ListMeasureUnits', 'any'],
  'GET /v2/bases/conversions': ['ListConversions', 'any'],
  'POST /v2/products/resource-specs-query': ['ListResourceSpecs', 'any'],
  'GET /v2/products/incentive-discount-policies': ['ListIncentiveDiscountPolicies', 'partner'],
};

/** An answer: status, body (object, text, or null for no body), extra headers. */
class Reply {
  constructor(status, body = null, headers = {}) {
    Object.assign(this, { status, body, headers });
  }
}
const ok = (body) => new Reply(200, body);
const noContent = () => new Reply(204);
const cbc = (status, code, msg) => new Reply(status, { error_code: code, error_msg: msg });
const paramError = (msg) => cbc(400, 'CBC.0100', `Parameter error: ${msg}`);
const gateway = (status, code, msg, requestId) => new Reply(status, { error_msg: msg, error_code: code, request_id: requestId });

function sdkDate(ms) {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
function parseSdkDate(text) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text ?? '');
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
}
const page = (list, q) => {
  const offset = Number(q.offset ?? 0);
  const limit = Number(q.limit ?? 10);
  return list.slice(offset, offset + limit);
};
const localized = (value, lang) => (value && typeof value === 'object' ? value[lang] ?? value.zh_CN : value);
const amounts = (obj, keys) => Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, keys.includes(k) && v !== '' ? new RawNumber(v) : v]));

export async function startSandbox({
  host = '127.0.0.1', port = 0, clockOffsetMs = 0, logLimit = LOG_LIMIT, tableLimit = TABLE_LIMIT,
} = {}) {
  let state = seed();
  let offsetMs = clockOffsetMs;
  const requests = new Ring(logLimit);
  let faults = [];
  const now = () => Date.now() + offsetMs;
  const nextId = (prefix, width = 16) => `${prefix}${String(++state.counter).padStart(width, '0')}`;

  // ---- authentication: the API gateway's part ----

  function authenticate(req, raw, requestId) {
    const token = req.headers['x-auth-token'];
    if (token) {
      const t = state.tokens.get(token);
      if (!t || t.expires <= now()) {
        if (t) state.tokens.delete(token);
        return { error: cbc(401, 'CBC.0154', 'x_auth_token is expired or invalid') };
      }
      return { principal: t };
    }
    const auth = req.headers.authorization;
    if (!auth) {
      return { error: gateway(401, 'APIGW.0301', 'Incorrect IAM authentication information: Authorization not found', requestId) };
    }
    const m = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth);
    const key = m && state.accounts.access_keys.find((k) => k.ak === m[1]);
    if (!key) {
      return { error: gateway(401, 'APIGW.0301', 'Incorrect IAM authentication information: ak not found', requestId) };
    }
    const signedNames = m[2].split(';');
    const date = req.headers['x-sdk-date'];
    if (!signedNames.includes('host') || !signedNames.includes('x-sdk-date') || !date) {
      return { error: gateway(401, 'APIGW.0301', 'Incorrect IAM authentication information: host and x-sdk-date must be signed', requestId) };
    }
    const signedAt = parseSdkDate(date);
    if (!(Math.abs(now() - signedAt) <= SKEW_LIMIT_MS)) {
      return {
        error: gateway(401, 'APIGW.0301',
          `Incorrect IAM authentication information: signature expired, signature time:${date},server time:${sdkDate(now())}`, requestId),
      };
    }
    // Verify with the project's signer: sign the received request, signed headers only.
    const headers = signedNames.map((name) => [name, String(req.headers[name] ?? '')]);
    const expected = signRequest({
      method: req.method, url: `http://${req.headers.host}${req.url}`, headers, body: raw, ak: key.ak, sk: key.sk,
    }).headers.Authorization;
    if (expected !== auth) {
      return {
        error: gateway(401, 'APIGW.0301',
          `Incorrect IAM authentication information: verify aksk signature fail, signedHeaders:${m[2]}`, requestId),
      };
    }
    return { principal: { domain_id: key.domain_id, role: key.role, ak: key.ak } };
  }

  // ---- IAM ----

  function iamToken(body) {
    const user = body?.auth?.identity?.password?.user;
    const scope = body?.auth?.scope?.domain?.name;
    const found = state.accounts.iam_users.find(
      (u) => u.user_name === user?.name && u.password === user?.password && u.domain_name === user?.domain?.name,
    );
    if (!found || (scope && scope !== found.domain_name)) {
      return new Reply(401, { error: { message: 'The username or password is wrong.', code: 401, title: 'Unauthorized' } });
    }
    const token = `MIISandbox${nextId('', 8)}${'x'.repeat(64)}`;
    const issued = now();
    const expires = issued + TOKEN_LIFETIME_MS;
    // Tokens are issued for one lifetime, so the expired ones are the oldest, at the front.
    for (const [k, t] of state.tokens) {
      if (t.expires > issued) break;
      state.tokens.delete(k);
    }
    setNewest(state.tokens, token, { domain_id: found.domain_id, role: found.role, expires }, tableLimit);
    const iso = (ms) => new Date(ms).toISOString().replace('Z', '000Z');
    return new Reply(201, {
      token: { expires_at: iso(expires), issued_at: iso(issued), methods: ['password'],
        domain: { id: found.domain_id, name: found.domain_name }, user: { name: found.user_name } },
    }, { 'X-Subject-Token': token });
  }

  // ---- operations ----

  const byId = (list, key, id) => list.find((x) => x[key] === id);

  const handlers = {
    CheckUserIdentity(p, q, b) {
      if (!['email', 'mobile', 'name'].includes(b.search_type) || typeof b.search_value !== 'string') {
        return paramError('search_type and search_value are required');
      }
      if (b.search_type === 'mobile') {
        const m = /^0086-(\d+)$/.exec(b.search_value);
        if (!m) return paramError('search_value must be 0086-<mobile>');
        const used = state.mobileRegistrations.get(m[1]) ?? 0;
        const remain = Math.max(state.accountsPerMobile - used, 0);
        return ok({ check_result: remain > 0 ? 'available' : 'used_by_user', mobile_remain_available_num: remain });
      }
      const key = b.search_type === 'email' ? 'email' : 'account_name';
      const used = state.customers.some((c) => c[key].toLowerCase() === b.search_value.toLowerCase());
      return ok({ check_result: used ? 'used_by_user' : 'available' });
    },

    SendVerificationMessageCode(p, q, b) {
      if (b.receiver_type !== 1 || !/^1[3-9]\d{9}$/.test(b.mobile_phone ?? '')) return paramError('mobile_phone');
      if (b.scene === 18 && !b.customer_id) return paramError('customer_id is required for scene 18');
      const entry = state.codes.get(b.mobile_phone) ?? { sent: [], failures: 0 };
      // Only the last hour's sends count (and are kept).
      const sent = entry.sent.filter((t) => t > now() - HOUR_MS);
      if (sent.length >= 15) {
        return cbc(400, 'CBC.99004015', 'The number of verification codes sent has reached the upper limit.');
      }
      const minutes = b.timeout == null ? 10 : b.timeout > 60 ? 5 : b.timeout;
      setNewest(state.codes, b.mobile_phone, {
        sent: [...sent, now()], failures: 0, code: state.verificationCode, expires: now() + minutes * 60_000,
      }, tableLimit);
      return noContent();
    },

    CreateSubCustomer(p, q, b, fault) {
      if (!b.xaccount_id || !b.xaccount_type) return paramError('xaccount_id and xaccount_type are required');
      if (state.customers.some((c) => c.xaccount_id === b.xaccount_id && c.xaccount_type === b.xaccount_type)) {
        return cbc(400, 'CBC.99000039', 'xaccountId duplicated.');
      }
      if (b.domain_name && state.customers.some((c) => c.account_name.toLowerCase() === b.domain_name.toLowerCase())) {
        return cbc(400, 'CBC.99000038', 'The name exists.');
      }
      if (b.mobile_phone) {
        if (!/^1[3-9]\d{9}$/.test(b.mobile_phone)) return cbc(400, 'CBC.5017', 'The mobile number format is invalid.');
        if ((state.mobileRegistrations.get(b.mobile_phone) ?? 0) >= state.accountsPerMobile) {
          return cbc(400, 'CBC.99000030', 'The number of accounts registered with the mobile number exceeds the limit.');
        }
        const code = state.codes.get(b.mobile_phone);
        if (!code?.code) return cbc(400, 'CBC.99004010', 'The verification code is incorrect.');
        if (code.failures >= 3) return cbc(400, 'CBC.99004009', 'The verification code has failed more than 3 times.');
        if (code.expires <= now()) return cbc(400, 'CBC.99004008', 'The verification code has expired.');
        if (b.verification_code !== code.code) {
          code.failures += 1;
          return cbc(400, 'CBC.99004010', 'The verification code is incorrect.');
        }
        code.code = null;
        setNewest(state.mobileRegistrations, b.mobile_phone, (state.mobileRegistrations.get(b.mobile_phone) ?? 0) + 1, tableLimit);
      }
      const domainId = nextId('d0000000000000000000000000', 6);
      const domainName = b.domain_name || `a${nextId('', 31)}`;
      // The oldest created sub-customer makes room (the fixture's stay).
      if (state.customers.length - state.fixtureCustomers >= tableLimit) state.customers.splice(state.fixtureCustomers, 1);
      state.customers.push({
        customer_id: domainId, account_name: domainName, customer: '', xaccount_id: b.xaccount_id,
        xaccount_type: b.xaccount_type, telephone: b.mobile_phone ?? '', country_code: b.mobile_phone ? '0086' : '',
        email: b.email ?? '', associated_on: new Date(now()).toISOString().replace(/\.\d{3}/, ''),
        association_type: '2', label: '', verified_status: '0', customer_type: -1, is_frozen: 0,
      });
      if (fault?.association_timeout) {
        return new Reply(500, {
          error_code: 'CBC.99000050', error_msg: 'Querying the association result timed out.',
          domain_id: domainId, domain_name: domainName,
        });
      }
      return ok({ domain_id: domainId, domain_name: domainName });
    },

    ListSubCustomers(p, q, b) {
      const has = (v) => v !== undefined && v !== null && v !== '';
      const list = state.customers.filter((c) => (!has(b.account_name) || c.account_name.includes(b.account_name))
        && (!has(b.customer) || c.customer.includes(b.customer))
        && (!has(b.customer_id) || c.customer_id === b.customer_id)
        && (!has(b.label) || c.label.includes(b.label))
        && (!has(b.association_type) || c.association_type === b.association_type));
      const infos = page(list, b).map(({ xaccount_id, xaccount_type, ...c }) => ({ ...c, xaccount_id, xaccount_type }));
      return ok({ customer_infos: infos, count: list.length });
    },

    ListSubCustomerCoupons(p, q) {
      let list = state.coupons;
      if (p.role === 'customer') list = list.filter((c) => c.customer_id === p.domain_id);
      for (const key of ['coupon_id', 'order_id', 'promotion_plan_id', 'source_id']) {
        if (q[key] !== undefined) list = list.filter((c) => (c[key] ?? '') === q[key]);
      }
      for (const key of ['coupon_type', 'status']) {
        if (q[key] !== undefined) list = list.filter((c) => c[key] === Number(q[key]));
      }
      const coupons = page(list, q).map((c) => amounts(c, ['face_value', 'balance']));
      return ok({ count: list.length, user_coupons: coupons });
    },

    ListIssuedPartnerCoupons(p, q) {
      let list = state.coupons.filter((c) => c.source_id === p.domain_id);
      for (const key of ['coupon_id', 'customer_id', 'order_id']) {
        if (q[key] !== undefined) list = list.filter((c) => c[key] === q[key]);
      }
      for (const key of ['coupon_type', 'status']) {
        if (q[key] !== undefined) list = list.filter((c) => c[key] === Number(q[key]));
      }
      // IQueryUserPartnerCouponsResultV2: the coupon record without the fields only
      // ListSubCustomerCoupons carries.
      const coupons = page(list, q).map(({ valid_time, coupon_code, coupon_version, currency, source_id, coupon_usage, ...c }) =>
        amounts({ ...c, effective_time: valid_time }, ['face_value', 'balance']));
      return ok({ total_count: list.length, user_coupons: coupons });
    },

    CreatePartnerCoupons(p, q, b) {
      const quota = byId(state.quotas, 'quota_id', b.quota_id);
      if (!quota) return cbc(400, 'CBC.99000012', 'The quota does not exist or its status does not allow issuing.');
      if (quota.quota_status !== 0) return cbc(400, 'CBC.99000015', 'The quota status does not allow issuing coupons.');
      if (!Array.isArray(b.customer_ids) || !b.customer_ids.length) return paramError('customer_ids');
      const face = Dec.of(String(b.face_value));
      const needed = face.mul(String(b.customer_ids.length));
      if (Dec.of(quota.balance).cmp(needed) < 0) return cbc(400, 'CBC.99000013', 'The quota balance is insufficient.');
      const coupon_infos = [];
      const error_details = [];
      for (const id of b.customer_ids) {
        if (!state.customers.some((c) => c.customer_id === id)) {
          error_details.push({ id, error_code: 'CBC.99000035', error_msg: 'The customer is not your sub-customer.' });
          continue;
        }
        const couponId = nextId('CP', 16);
        quota.balance = Dec.of(quota.balance).sub(face.fixed(2)).fixed(2);
        state.coupons.push({
          coupon_id: couponId, coupon_code: '', status: 2, customer_id: id, coupon_type: quota.quota_type === 1 ? 4 : 1,
          measure_id: 1, face_value: face.fixed(2), balance: face.fixed(2), valid_time: b.valid_time ?? quota.effective_time,
          expire_time: b.expire_time ?? quota.expire_time, create_time: new Date(now()).toISOString().replace(/\.\d{3}/, ''),
          coupon_version: 2, currency: 'CNY', is_frozen: '0', source_id: p.domain_id, order_id: '', coupon_usage: b.memo ?? '',
          use_limits: (b.cloud_service_types ?? []).map((t, i) => ({ use_limiti_info_id: `N${i}`, limit_key: 'serviceType', value1: t, value2: '', value_unit: '', limit_type: '' })),
        });
        coupon_infos.push({ id, coupon_id: couponId });
      }
      return ok({ coupon_infos, error_details });
    },

    ReclaimPartnerCoupons(p, q, b) {
      const coupon = byId(state.coupons, 'coupon_id', b.coupon_id);
      if (!coupon || coupon.source_id !== p.domain_id) return paramError('coupon_id');
      if (coupon.status !== 2) return cbc(400, 'CBC.99000048', 'The coupon has expired or been reclaimed.');
      coupon.status = 5;
      return noContent();
    },

    ListQuotaCoupons(p, q, b) {
      let list = state.quotas.filter((x) => (b.quota_type ?? 0) === x.quota_type);
      if (b.quota_ids?.length) list = list.filter((x) => b.quota_ids.includes(x.quota_id));
      if (b.quota_status_list?.length) list = list.filter((x) => b.quota_status_list.includes(x.quota_status));
      const quotas = page(list, b).map((x) => amounts(x, ['quota_value', 'balance']));
      return ok({ total_count: list.length, quotas });
    },

    ListOrderCouponsByOrderId(p, q) {
      const order = byId(state.orders, 'order_id', q.order_id);
      if (!order || order.customer_id !== p.domain_id) return cbc(400, 'CBC.30000010', 'The order is invalid.');
      const usable = order.status === 'pending' ? order.coupons : [];
      return ok({ count: usable.length, user_coupons: usable, coupon_max_use_quantity: order.coupon_max_use_quantity });
    },

    ListOrderDiscounts(p, q) {
      const order = byId(state.orders, 'order_id', q.order_id);
      if (!order || order.customer_id !== p.domain_id) return cbc(400, 'CBC.30000010', 'The order is invalid.');
      return ok({ discounts: order.status === 'pending' ? order.discounts : [] });
    },

    PayOrders(p, q, b) {
      const order = byId(state.orders, 'order_id', b.order_id);
      if (!order || order.customer_id !== p.domain_id) return cbc(400, 'CBC.30000010', 'The order is invalid.');
      if (order.status !== 'pending') return cbc(400, 'CBC.99003106', 'The order status has changed.');
      if (b.use_coupon === 'NO' && b.coupon_infos) return paramError('coupon_infos must be empty when use_coupon is NO');
      if (b.use_discount === 'NO' && b.discount_infos) return paramError('discount_infos must be empty when use_discount is NO');
      // The same charge as the orders placed in the sandbox (./charge.mjs), on what the
      // fixture states BSS offers for this order.
      const paid = charge(order, b, {
        discounts: order.discounts, coupons: order.coupons, cards: state.wallet.cards.filter((c) => c.customer_id === p.domain_id),
        maxUseQuantity: order.coupon_max_use_quantity, balances: state.wallet.balances[p.domain_id] ?? { cash: '0', credit: '0' }, now: now(),
      });
      if (paid.error) return cbc(paid.error.status, paid.error.code, paid.error.message);
      order.charge = paid.charge;
      order.status = 'paid';
      state.wallet.charges.push({ order_id: order.order_id, ...paid.charge });
      return noContent();
    },

    ListRateOnPeriodDetail(p, q, b) {
      if (!b.project_id || !Array.isArray(b.product_infos)) return paramError('project_id and product_infos are required');
      const lines = [];
      for (const item of b.product_infos) {
        const price = findPrice(item);
        if (!price || ![2, 3].includes(item.period_type)) return cbc(400, 'CBC.99006006', 'The product does not exist.');
        let official = Dec.of(item.period_type === 3 ? price.year : price.month).mul(String(item.period_num)).mul(String(item.subscription_num));
        if (price.linear) official = official.mul(String(item.resource_size ?? 1));
        lines.push({ item, price, official });
      }
      const total = lines.reduce((s, l) => s.add(l.official.fixed(2)), Dec.of('0'));
      const discounts = state.catalog.discounts.filter((d) => d.customer_id === p.domain_id);
      const savings = discounts.map((d) => total.sub(total.mul(d.ratio).fixed(2)));
      let best = -1;
      discounts.forEach((d, i) => { if (best < 0 || savings[i].cmp(savings[best].toString()) > 0) best = i; });
      const body = {
        official_website_rating_result: {
          official_website_amount: new RawNumber(total.fixed(2)), measure_id: 1,
          product_rating_results: lines.map((l) => ({
            id: l.item.id, product_id: l.price.product_id, official_website_amount: new RawNumber(l.official.fixed(2)), measure_id: 1,
          })),
        },
        currency: 'CNY',
      };
      if (discounts.length) {
        body.optional_discount_rating_results = discounts.map((d, i) => ({
          discount_id: d.discount_id, discount_type: d.discount_type, discount_name: d.discount_name, measure_id: 1,
          official_website_amount: new RawNumber(total.fixed(2)),
          discount_amount: new RawNumber(savings[i].fixed(2)),
          amount: new RawNumber(total.sub(savings[i].fixed(2)).fixed(2)),
          best_offer: i === best ? 1 : 0,
          product_rating_results: lines.map((l) => {
            const amount = l.official.mul(d.ratio).fixed(2);
            return {
              id: l.item.id, product_id: l.price.product_id, measure_id: 1, amount: new RawNumber(amount),
              official_website_amount: new RawNumber(l.official.fixed(2)),
              discount_amount: new RawNumber(Dec.of(l.official.fixed(2)).sub(amount).fixed(2)),
            };
          }),
        }));
      }
      return ok(body);
    },

    ListOnDemandResourceRatings(p, q, b) {
      if (!b.project_id || !Array.isArray(b.product_infos)) return paramError('project_id and product_infos are required');
      const dp = b.inquiry_precision === 1 ? 10 : 6;
      const business = state.catalog.discounts.find((d) => d.customer_id === p.domain_id && d.discount_type === 605);
      const results = [];
      let official = Dec.of('0');
      let amount = Dec.of('0');
      for (const item of b.product_infos) {
        const price = findPrice(item);
        if (!price) return cbc(400, 'CBC.99006006', 'The product does not exist.');
        if (item.usage_measure_id !== 4) return cbc(400, 'CBC.99006050', 'The usage unit is incorrect.');
        let o = Dec.of(price.hour).mul(String(item.usage_value)).mul(String(item.subscription_num));
        if (price.linear) o = o.mul(String(item.resource_size ?? 1));
        const a = business ? o.mul(business.ratio) : o;
        official = official.add(o.fixed(dp));
        amount = amount.add(a.fixed(dp));
        results.push({
          id: item.id, product_id: price.product_id, measure_id: 1, amount: new RawNumber(a.fixed(dp)),
          official_website_amount: new RawNumber(o.fixed(dp)), discount_amount: new RawNumber(Dec.of(o.fixed(dp)).sub(a.fixed(dp)).fixed(dp)),
          discount_rating_results: business
            ? [{ discount_id: business.discount_id, discount_type: 605, discount_name: business.discount_name, measure_id: 1, amount: new RawNumber(Dec.of(o.fixed(dp)).sub(a.fixed(dp)).fixed(dp)) }]
            : [],
        });
      }
      return ok({
        amount: new RawNumber(amount.fixed(dp)), official_website_amount: new RawNumber(official.fixed(dp)),
        discount_amount: new RawNumber(official.sub(amount.fixed(dp)).fixed(dp)), measure_id: 1, currency: 'CNY',
        product_rating_results: results,
      });
    },

    ListRenewRateOnPeriod(p, q, b) {
      const results = [];
      const failed = [];
      let total = Dec.of('0');
      for (const id of b.resource_ids ?? []) {
        const r = state.catalog.renewals.find((x) => x.resource_id === id && x.customer_id === p.domain_id);
        if (!r) {
          failed.push({ resource_id: id, error_code: 'CBC.99003013', error_msg: 'The resource does not exist.' });
          continue;
        }
        const a = Dec.of(b.period_type === 3 ? r.year : r.month).mul(String(b.period_num));
        total = total.add(a.fixed(2));
        results.push({ resource_id: id, amount: a.fixed(2) });
      }
      return ok({
        currency: 'CNY', renew_inquiry_results: results, fail_resource_infos: failed,
        official_website_rating_result: { official_website_amount: total.fixed(2) },
      });
    },

    ListServiceTypes(p, q, b, f, lang) {
      let list = state.catalog.service_types.map((s) => ({ ...s, service_type_name: localized(s.service_type_name, lang) }));
      if (q.service_type_name) list = list.filter((s) => s.service_type_name.toLowerCase().includes(q.service_type_name.toLowerCase()));
      return ok({ total_count: list.length, service_types: page(list, q) });
    },
    ListResourceTypes(p, q, b, f, lang) {
      const list = state.catalog.resource_types.map((r) => ({ ...r, resource_type_name: localized(r.resource_type_name, lang) }));
      return ok({ total_count: list.length, resource_types: page(list, q) });
    },
    ListServiceResources(p, q, b, f, lang) {
      if (!q.service_type_code) return paramError('service_type_code is required');
      const list = state.catalog.resource_types.filter((r) => r.service_type_code === q.service_type_code).map((r) => ({
        basic_info: { resource_type_code: r.resource_type_code, product_owner_service: r.service_type_code, name: localized(r.resource_type_name, lang), description: '' },
      }));
      return ok({ total_count: list.length, infos: page(list, q) });
    },
    ListUsageTypes(p, q, b, f, lang) {
      let list = state.catalog.usage_types.map((u) => ({ ...u, name: localized(u.name, lang) }));
      if (q.resource_type_code !== undefined) list = list.filter((u) => u.resource_type_code === q.resource_type_code);
      return ok({ total_count: list.length, usage_types: page(list, q) });
    },
    ListMeasureUnits(p, q, b, f, lang) {
      return ok({ measure_units: state.catalog.measure_units.map((m) => ({ ...m, measure_name: localized(m.measure_name, lang) })) });
    },
    ListConversions(p, q) {
      const list = state.catalog.conversions.filter((c) => q.measure_type === undefined || c.measure_type === Number(q.measure_type));
      return ok({ conversions: list });
    },
    ListResourceSpecs(p, q, b) {
      for (const k of ['cloud_service_type', 'resource_type', 'region_code', 'charge_mode']) {
        if (!b[k]) return paramError(`${k} is required`);
      }
      let list = state.catalog.resource_specs.filter((s) => s.cloud_service_type === b.cloud_service_type
        && s.resource_type === b.resource_type && s.region_code === b.region_code && s.charge_mode === b.charge_mode);
      const spec = b.filters?.[0]?.value;
      if (spec) list = list.filter((s) => s.resource_spec === spec);
      const start = b.marker ? Number(b.marker) : 0;
      const limit = b.limit ?? 100;
      const next = start + limit < list.length ? String(start + limit) : null;
      return ok({ page_info: { next_marker: next }, cloud_service_basics: list.slice(start, start + limit) });
    },
    ListIncentiveDiscountPolicies(p, q) {
      let list = state.catalog.incentive_policies;
      if (q.service_type_code !== undefined) list = list.filter((x) => x.service_type_code === q.service_type_code);
      return ok({ total_count: list.length, policies: page(list, q) });
    },
  };

  // Orders placed in the sandbox (./orders.mjs); the fixture orders keep the handlers above.
  const orders = orderHandlers({ state: () => state, now, nextId, findPrice, localized, reply: { ok, noContent, cbc, paramError } });
  Object.assign(handlers, orders.handlers);
  for (const [name, fn] of Object.entries(orders.overrides)) {
    const base = handlers[name];
    handlers[name] = (...args) => fn(...args) ?? base(...args);
  }

  function findPrice(item) {
    return state.catalog.prices.find((x) => x.cloud_service_type === item.cloud_service_type
      && x.resource_type === item.resource_type && x.resource_spec === item.resource_spec && x.region === item.region);
  }

  // ---- the HTTP side ----

  function takeFault(operation) {
    const i = faults.findIndex((f) => f.operation === operation || f.operation === '*');
    if (i < 0) return null;
    const fault = faults[i];
    if (--fault.times <= 0) faults.splice(i, 1);
    return fault;
  }

  async function respond(req, res) {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url, 'http://sandbox');
    const requestId = nextId('sbx', 24);
    const key = `${req.method} ${url.pathname.replace(/\/$/, '')}`;
    const [operation, role] = OPERATIONS[key] ?? orderRoute(key) ?? tableRoute(req.method, url.pathname.replace(/\/$/, ''))
      ?? (key === 'POST /v3/auth/tokens' ? ['IamToken', 'none'] : [null, null]);
    const record = {
      operation, method: req.method, path: url.pathname, rawQuery: url.search.slice(1),
      query: Object.fromEntries(url.searchParams), headers: req.headers, body: raw.toString('utf8'), requestId,
    };
    requests.push(record);
    let reply;
    let delay = 0;
    if (!operation) {
      reply = gateway(404, 'APIGW.0101', 'The API does not exist or has not been published in the environment', requestId);
    } else {
      const fault = takeFault(operation);
      delay = fault?.delay_ms ?? 0;
      let body = null;
      try {
        body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
      } catch {
        reply = paramError('the body is not JSON');
      }
      if (!reply && operation === 'IamToken') {
        reply = iamToken(body);
      } else if (!reply) {
        const { principal, error } = authenticate(req, raw, requestId);
        record.principal = principal;
        if (error) {
          reply = error;
        } else if (role !== 'any' && principal.role !== role) {
          reply = cbc(403, 'CBC.0151', 'Access denied.');
        } else if (fault?.status) {
          reply = new Reply(fault.status, fault.body ?? { error_code: fault.status === 429 ? 'APIG.0308' : 'CBC.0999',
            error_msg: fault.status === 429 ? 'The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 second' : 'Service unavailable' },
          fault.retry_after !== undefined ? { 'Retry-After': String(fault.retry_after) } : {});
        } else if (fault?.malformed) {
          reply = new Reply(200, '{"total_count": 1, "service_types": [');
        } else {
          const lang = /^en/i.test(req.headers['x-language'] ?? '') ? 'en_US' : 'zh_CN';
          reply = handlers[operation]?.(principal, record.query, body ?? {}, fault, lang, record)
            ?? Object.assign(new Reply(200), emptyAnswer(operation));
        }
      }
    }
    if (delay) await new Promise((r) => setTimeout(r, delay));
    if (res.destroyed) return;
    const text = reply.body === null ? '' : typeof reply.body === 'string' ? reply.body : stringify(reply.body);
    res.writeHead(reply.status, {
      ...(reply.status === 204 ? {} : { 'Content-Type': 'application/json;charset=UTF-8' }),
      'X-Request-Id': requestId,
      Date: new Date(now()).toUTCString(),
      ...reply.headers,
    });
    res.end(reply.status === 204 ? undefined : text);
  }

  const server = http.createServer((req, res) => {
    respond(req, res).catch((e) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error_code: 'CBC.0999', error_msg: `sandbox error: ${e.message}` }));
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const sockets = new Set();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  return {
    url: `http://${host}:${server.address().port}`,
    /**
     * The last requests received (at most `logLimit`, default 1000), oldest first:
     * { operation, method, path, rawQuery, query, headers, body, principal, requestId }.
     */
    get requests() { return requests.last(); },
    /** The last `n` requests received, oldest first. */
    recent(n) { return requests.last(n); },
    /** Sizes of the log and of the tables that grow with traffic (each at most `tableLimit`, default 10000). */
    sizes() {
      return {
        log: requests.last().length, tokens: state.tokens.size, codes: state.codes.size,
        mobile_registrations: state.mobileRegistrations.size, created_customers: state.customers.length - state.fixtureCustomers,
      };
    },
    /** The fixture credentials. */
    accounts: state.accounts,
    /** An order's state, with `charge` (what PayOrders charged) once paid. */
    order(id) { return state.orders.find((o) => o.order_id === id); },
    /**
     * Injects a fault for the next `times` calls of `operation` ('*' for any), after
     * authentication: { status, retry_after, body } answers with that status; { delay_ms }
     * answers late; { malformed: true } answers 200 with a cut-off body;
     * { association_timeout: true } makes CreateSubCustomer create the account and answer
     * CBC.99000050.
     */
    inject(fault) { faults.push({ times: 1, ...fault }); },
    /** Sandbox only: a pending order from a cart, as the console creates it (./orders.mjs). */
    placeOrder(args) { return orders.placeOrder(args); },
    /** The orders, order coupons, cards, balances and recorded charges (./orders.mjs). */
    get wallet() { return state.wallet; },
    /** Moves the sandbox clock (the gateway's) by `ms` from the real one. */
    setClockOffset(ms) { offsetMs = ms; },
    /** Back to the fixture state; clears the log and the faults. */
    reset() { state = seed(); requests.clear(); faults = []; offsetMs = clockOffsetMs; },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const i = process.argv.indexOf('--port');
  const sandbox = await startSandbox({ port: i > 0 ? Number(process.argv[i + 1]) : 0 });
  console.log(`BSS sandbox on ${sandbox.url}`);
}
