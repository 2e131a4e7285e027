// Writes the benchmark scenarios (bench/scenarios/*.json) shared by every runner: native Rust,
// Node through the wasm package, Chromium, and the peers. Seeded, so every run writes the
// same bytes:
//
//   node bench/scenarios/generate.mjs            (re)write the files
//   node bench/scenarios/generate.mjs --check    fail when a committed file differs
//
// (a) coupon applicability, 20 lines × 30 coupons        a-coupons.json
// (b) quote with selection "best", 20 lines × 30 coupons b-quote-best.json
// (c) a large wallet, 200 lines × 300 coupons, explicit  c-large-wallet.json
// (d) registration validation, 10,000 forms              d-registration.json
// (e) AK/SK signing, 10,000 requests                     e-signing.json

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = path.dirname(fileURLToPath(import.meta.url));

/** xorshift32: small, deterministic, the same in every Node version. */
function rng(seed) {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  const r = {
    below: (n) => next() % n,
    chance: (percent) => next() % 100 < percent,
    pick: (items) => items[next() % items.length],
    /** `k` distinct items, in the list's order. */
    some: (items, k) => {
      const idx = items.map((_, i) => i);
      for (let i = idx.length - 1; i > 0; i--) {
        const j = next() % (i + 1);
        [idx[i], idx[j]] = [idx[j], idx[i]];
      }
      return idx.slice(0, k).sort((a, b) => a - b).map((i) => items[i]);
    },
  };
  return r;
}

const pad = (n, w) => String(n).padStart(w, '0');

/** An amount of `cents` cents, with sub-cent digits on some lines (on-demand style prices). */
function money(r, minCents, maxCents, subCentPercent = 0) {
  const cents = minCents + r.below(maxCents - minCents + 1);
  const base = `${Math.floor(cents / 100)}.${pad(cents % 100, 2)}`;
  return r.chance(subCentPercent) ? `${base}${pad(1 + r.below(99), 2)}` : base;
}

const SERVICES = [
  ['hws.service.type.ec2', 'hws.resource.type.vm'],
  ['hws.service.type.ebs', 'hws.resource.type.volume'],
  ['hws.service.type.vpc', 'hws.resource.type.bandwidth'],
  ['hws.service.type.rds', 'hws.resource.type.rds.vm'],
  ['hws.service.type.obs', 'hws.resource.type.obs.bucket'],
  ['hws.service.type.elb', 'hws.resource.type.elb'],
  ['hws.service.type.dcs', 'hws.resource.type.dcs'],
  ['hws.service.type.cdn', 'hws.resource.type.cdn'],
];
const REGIONS = ['cn-north-4', 'cn-east-3', 'cn-south-1', 'ap-southeast-1'];
const NOW = '2025-06-01T08:00:00Z';

function productId(serviceIndex, k) {
  return `OFFI${pad(100 + serviceIndex * 10 + k, 6)}`;
}

/** Order lines: `n` lines over the services, regions and products above. */
function lines(r, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const s = r.below(SERVICES.length);
    const line = {
      id: `L${pad(i + 1, 3)}`,
      cloud_service_type: SERVICES[s][0],
      resource_type: SERVICES[s][1],
      region: r.pick(REGIONS),
      product_id: productId(s, r.below(3)),
      official_amount: money(r, 500, 400000, 15),
    };
    if (r.chance(20)) line.period_type = 3; // a yearly line in a monthly order
    out.push(line);
  }
  return out;
}

function order(r, n) {
  return {
    order_type: 'new',
    charging_mode: 'period',
    period_type: 2,
    period_num: 1,
    currency: 'CNY',
    // History for some services only: `firstOrderInService` is undecidable for the others.
    first_order_in_service: {
      'hws.service.type.ec2': true,
      'hws.service.type.ebs': false,
      'hws.service.type.rds': true,
    },
    lines: lines(r, n),
  };
}

const ISO = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
const NOW_MS = Date.parse(NOW);
const DAY = 86400000;

/** A coupon as ListSubCustomerCoupons returns it, with a random mix of `use_limits`. */
function coupon(r, id, orderLines) {
  const services = [...new Set(orderLines.map((l) => l.cloud_service_type))];
  const products = [...new Set(orderLines.map((l) => l.product_id))];
  const kindRoll = r.below(100);
  const type = kindRoll < 40 ? 1 : kindRoll < 62 ? 4 : kindRoll < 74 ? 303 : kindRoll < 94 ? 2 : 3;
  const face = money(r, 500, 300000);
  const c = {
    coupon_id: id,
    coupon_type: type,
    status: r.chance(88) ? 2 : r.pick([1, 3, 4]),
    face_value: face,
    coupon_version: type === 303 ? 2 : r.chance(50) ? 2 : 1,
    coupon_group: 0,
    currency: 'CNY',
    // Every coupon expires at a different time: the stacking order and the search's
    // tie-break read it.
    valid_time: ISO(NOW_MS - (30 + r.below(300)) * DAY),
    expire_time: ISO(NOW_MS + (1 + r.below(700)) * DAY + r.below(86400) * 1000),
  };
  if (r.chance(5)) c.expire_time = ISO(NOW_MS - (1 + r.below(30)) * DAY); // expired by time
  if (r.chance(4)) c.valid_time = ISO(NOW_MS + (1 + r.below(30)) * DAY); // not yet valid
  if (c.coupon_version === 2) {
    const cents = Math.round(Number(face) * 100);
    const left = r.chance(85) ? cents - r.below(Math.max(1, Math.floor(cents / 2))) : 0;
    c.balance = `${Math.floor(left / 100)}.${pad(left % 100, 2)}`;
  }
  const limits = [];
  const list = (items, k) => r.some(items, Math.min(items.length, k)).join(',');
  if (r.chance(45)) {
    // Mostly services of the cart, sometimes one it lacks.
    const pool = r.chance(80) ? services : SERVICES.map((s) => s[0]);
    limits.push({ limit_key: 'serviceType', value1: list(pool, 1 + r.below(3)), value2: '' });
  }
  if (r.chance(10)) limits.push({ limit_key: 'serviceTypeBlackList', value1: list(services, 1), value2: '' });
  if (r.chance(30)) limits.push({ limit_key: 'regionCode', value1: list(REGIONS, 1 + r.below(2)), value2: '' });
  if (r.chance(15)) limits.push({ limit_key: 'productId', value1: list(products, 1 + r.below(4)), value2: '' });
  if (r.chance(8)) limits.push({ limit_key: 'productIdBlackList', value1: list(products, 1), value2: '' });
  if (r.chance(45)) {
    const low = r.pick(['0', '100', '500', '1000', '2000', '5000', '20000']);
    const high = r.chance(20) ? r.pick(['3000', '50000', '200000']) : '';
    limits.push({ limit_key: 'baseValue', value1: low, value2: high });
  }
  if (r.chance(25)) limits.push({ limit_key: 'subscribeType', value1: r.pick(['new', 'new,renew', 'renew', 'change']), value2: '' });
  if (r.chance(20)) limits.push({ limit_key: 'cycleType', value1: r.pick(['0', '1', '2', '1,2', '5', '6']), value2: '' });
  if (r.chance(15)) limits.push({ limit_key: 'cycleNum', value1: r.pick(['1', '1,3,6', '12', '3,6,12']), value2: '' });
  if (type !== 303 && r.chance(30)) limits.push({ limit_key: 'maxDeductionRatio', value1: r.pick(['0.1', '0.2', '0.3', '0.5', '0.75']), value2: '' });
  if (r.chance(15)) limits.push({ limit_key: 'simultaneousUseWithEmpowerDiscount', value1: r.pick(['0', '1']), value2: '' });
  if (r.chance(12)) limits.push({ limit_key: 'simultaneousUseWithContractDiscount', value1: r.pick(['0', '1']), value2: '' });
  if (r.chance(12)) limits.push({ limit_key: 'simultaneousUseWithPromotionDiscount', value1: r.pick(['0', '1']), value2: '' });
  if (type !== 2 && r.chance(10)) limits.push({ limit_key: 'simultaneousUseWithDiscountCoupon', value1: '0', value2: '' });
  if (r.chance(10)) limits.push({ limit_key: 'usageTimes', value1: '1', value2: '' });
  if (r.chance(6)) limits.push({ limit_key: 'firstOrderInService', value1: '1', value2: '' });
  if (r.chance(3)) limits.push({ limit_key: 'payMethod', value1: 'alipay', value2: '' }); // undocumented key
  c.use_limits = limits;
  return c;
}

function coupons(r, n, orderLines, prefix) {
  return Array.from({ length: n }, (_, i) => coupon(r, `${prefix}${pad(i + 1, 3)}`, orderLines));
}

/** ListOrderDiscounts `DiscountInfoV3` options: business (ratio), partner (ratio), promotion (amount off). */
function discounts(r, orderLines) {
  const ids = orderLines.map((l) => l.id);
  const business = r.some(ids, Math.ceil(ids.length * 0.7));
  const promoLines = r.some(ids, 4);
  const promoOfficial = promoLines
    .map((id) => Math.round(Number(orderLines.find((l) => l.id === id).official_amount) * 100))
    .reduce((a, b) => a + b, 0);
  const off = Math.floor(promoOfficial * 0.12);
  return [
    {
      discount_id: 'D-business-85',
      discount_type: 2,
      orders: [{ order_line_items: [{ order_line_item_ids: business, discount_mode: 0, discount_ratio: '0.85' }] }],
    },
    {
      discount_id: 'D-partner-92',
      discount_type: 3,
      orders: [{ order_line_items: [{ order_line_item_ids: ids, discount_mode: 0, discount_ratio: '0.92' }] }],
    },
    {
      discount_id: 'D-promotion-off',
      discount_type: 0,
      orders: [
        {
          order_line_items: [
            { order_line_item_ids: promoLines, discount_mode: 2, discount_amount: `${Math.floor(off / 100)}.${pad(off % 100, 2)}` },
          ],
        },
      ],
    },
  ];
}

function scenarioA() {
  const r = rng(0xa11ce);
  const o = order(r, 20);
  return {
    name: 'a',
    title: 'coupon applicability, 20 lines × 30 coupons',
    call: 'evaluateCoupons(order, coupons, { now })',
    order: o,
    coupons: coupons(r, 30, o.lines, 'CP-A'),
    opts: { now: NOW },
  };
}

function scenarioB() {
  const r = rng(0xb0b);
  const o = order(r, 20);
  return {
    name: 'b',
    title: 'quote with selection "best", 20 lines × 30 coupons, 3 discounts',
    call: 'quote(input)',
    input: {
      order: o,
      discounts: discounts(r, o.lines),
      coupons: coupons(r, 30, o.lines, 'CP-B'),
      selection: 'best',
      balances: { cash: '800.00', credit: '2000.00' },
      now: NOW,
    },
  };
}

function scenarioC() {
  const r = rng(0xc0ffee);
  const o = order(r, 200);
  const wallet = coupons(r, 300, o.lines, 'CP-C');
  // The customer's pick: a cash coupon, a flexi-purchase coupon and a stored-value card, each
  // usable on most of the cart.
  const pick = [
    { coupon_id: 'CP-C-pick-cash', coupon_type: 1, face_value: '300.00', limit: { limit_key: 'baseValue', value1: '1000', value2: '' } },
    { coupon_id: 'CP-C-pick-flexi', coupon_type: 4, face_value: '150.00', limit: { limit_key: 'regionCode', value1: 'cn-north-4,cn-east-3', value2: '' } },
    { coupon_id: 'CP-C-pick-card', coupon_type: 303, face_value: '5000.00', balance: '4321.09', limit: null },
  ].map((p, i) => ({
    coupon_id: p.coupon_id,
    coupon_type: p.coupon_type,
    status: 2,
    face_value: p.face_value,
    ...(p.balance ? { balance: p.balance, coupon_version: 2 } : { coupon_version: 1 }),
    coupon_group: 0,
    currency: 'CNY',
    valid_time: ISO(NOW_MS - 10 * DAY),
    expire_time: ISO(NOW_MS + (100 + i) * DAY),
    use_limits: p.limit ? [p.limit] : [],
  }));
  wallet.splice(17, 0, pick[0]);
  wallet.splice(150, 0, pick[1]);
  wallet.splice(290, 0, pick[2]);
  wallet.length = 300;
  if (!pick.every((p) => wallet.includes(p))) throw new Error('scenario c: a picked coupon fell off the wallet');
  return {
    name: 'c',
    title: 'large wallet: quote with an explicit selection, 200 lines × 300 coupons',
    call: 'quote(input)',
    input: {
      order: o,
      discounts: discounts(r, o.lines),
      coupons: wallet,
      selection: { discount_id: 'D-partner-92', coupon_ids: pick.map((p) => p.coupon_id) },
      balances: { cash: '10000.00', credit: '0' },
      now: NOW,
    },
  };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';

function word(r, alphabet, n) {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[r.below(alphabet.length)];
  return s;
}

/** A CreateSubCustomer form as a partner's bulk onboarding file would hold it. */
function form(r, i) {
  const f = {
    xaccount_id: `partner-user-${pad(i, 6)}`,
    xaccount_type: 'ACME_IDP',
    domain_name: `${word(r, LETTERS, 1)}${word(r, LETTERS + DIGITS + '-_', 5 + r.below(12))}${word(r, LETTERS, 1)}`,
    mobile_phone: `1${r.pick(['38', '39', '50', '58', '86', '88'])}${word(r, DIGITS, 8)}`,
    verification_code: word(r, DIGITS, 6),
    password: `${word(r, 'ABCDEFGHJKLMNPQRSTUVWXYZ', 1)}${word(r, LETTERS, 4 + r.below(4))}${word(r, '#@!%&*', 1)}${word(r, DIGITS, 2 + r.below(3))}`,
    is_close_market_ms: r.chance(50),
  };
  if (r.chance(20)) f.mobile_phone = `${f.mobile_phone.slice(0, 3)} ${f.mobile_phone.slice(3, 7)} ${f.mobile_phone.slice(7)}`;
  // About one form in six carries mistakes, as a real file does.
  const roll = r.below(120);
  if (roll < 4) f.domain_name = `op_${f.domain_name}`;
  else if (roll < 8) f.mobile_phone = `12${word(r, DIGITS, 9)}`;
  else if (roll < 12) f.password = word(r, LETTERS, 5);
  else if (roll < 15) f.verification_code = '';
  else if (roll < 17) f.domain_name = f.domain_name.slice(0, 4);
  else if (roll < 19) f.password = f.domain_name + '#1A';
  else if (roll < 20) delete f.xaccount_id;
  return f;
}

function scenarioD() {
  const r = rng(0xd00d);
  return {
    name: 'd',
    title: 'registration validation, 10,000 forms (China site)',
    call: 'validateRegistrations(forms, { site: "cn" })',
    site: 'cn',
    forms: Array.from({ length: 10000 }, (_, i) => form(r, i)),
  };
}

const BSS_HOST = 'bss.myhuaweicloud.com';

/** A BSS request a partner back end signs: the operations of the storefront, realistic bodies. */
function request(r, i) {
  const date = new Date(NOW_MS + i * 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const domain = word(r, '0123456789abcdef', 32);
  const common = { 'Content-Type': 'application/json;charset=UTF-8', 'X-Sdk-Date': date, 'X-Domain-Id': domain };
  const kind = r.below(5);
  let method, path, query, body;
  if (kind === 0) {
    method = 'POST';
    path = '/v2/partners/sub-customers';
    query = [];
    body = JSON.stringify({
      xaccount_id: `partner-user-${pad(i, 6)}`,
      xaccount_type: 'ACME_IDP',
      domain_name: `cust${word(r, LETTERS + DIGITS, 10)}`,
      mobile_phone: `0086-1${r.pick(['38', '50', '86'])}${word(r, DIGITS, 8)}`,
      verification_code: word(r, DIGITS, 6),
      is_close_market_ms: 'false',
    });
  } else if (kind === 1) {
    method = 'GET';
    path = '/v2/promotions/benefits/coupons';
    query = [['offset', String(r.below(100))], ['limit', '100'], ['status', '2'], ['customer_id', word(r, '0123456789abcdef', 32)]];
    body = '';
  } else if (kind === 2) {
    method = 'POST';
    path = '/v3/orders/customer-orders/pay';
    query = [];
    body = JSON.stringify({
      order_id: `CS${word(r, DIGITS, 16)}`,
      pay_account_type: 2,
      bp_id: word(r, '0123456789abcdef', 32),
      coupon_infos: [{ id: `CP${word(r, DIGITS, 12)}`, type: 301 }],
      discount_infos: [{ id: `D${word(r, DIGITS, 10)}`, type: 3 }],
    });
  } else if (kind === 3) {
    method = 'POST';
    path = '/v2/partners/sub-customers/query';
    query = [];
    body = JSON.stringify({ offset: r.below(1000), limit: 100, account_name: `cust${word(r, LETTERS, 6)}` });
  } else {
    method = 'GET';
    path = '/v2/orders/customer-orders/details/' + `CS${word(r, DIGITS, 16)}`;
    query = [['limit', '10'], ['offset', '0'], ['indirect_partner_id', word(r, '0123456789abcdef', 32)]];
    body = '';
  }
  return {
    method,
    host: BSS_HOST,
    path,
    query,
    headers: common,
    body,
    ak: `HPUA${word(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 16)}`,
    sk: word(r, LETTERS + LETTERS.toUpperCase() + DIGITS, 40),
  };
}

function scenarioE() {
  const r = rng(0xe5e5);
  return {
    name: 'e',
    title: 'AK/SK signing (SDK-HMAC-SHA256), 10,000 BSS requests',
    call: 'signRequest({ method, url, headers, body, ak, sk })',
    requests: Array.from({ length: 10000 }, (_, i) => request(r, i)),
  };
}

export const FILES = {
  'a-coupons.json': scenarioA,
  'b-quote-best.json': scenarioB,
  'c-large-wallet.json': scenarioC,
  'd-registration.json': scenarioD,
  'e-signing.json': scenarioE,
};

function main() {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [file, make] of Object.entries(FILES)) {
    const text = JSON.stringify(make()) + '\n';
    const target = path.join(DIR, file);
    if (check) {
      const now = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
      if (now !== text) {
        console.error(`${file}: differs from the generator's output`);
        stale++;
      }
    } else {
      fs.writeFileSync(target, text);
      console.log(`${file}: ${(text.length / 1024).toFixed(1)} KiB`);
    }
  }
  if (stale) process.exit(1);
}

main();
