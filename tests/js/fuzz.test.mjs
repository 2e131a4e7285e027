// The JS fuzzer: every export of the package, called with the shared vectors mutated into
// hostile shapes (deep nesting, huge arrays, __proto__ keys, lone surrogates, 10 MB strings,
// extreme exponents, getters that throw, cycles, BigInts, symbols). Each call must return, or
// throw / reject a BssError with a code; never a trap (RuntimeError) or a foreign error; the
// instance must stay alive (a known call still answers afterwards); every quote keeps its
// money invariants (checked with BigInt). `make test` runs it for a few seconds; `make fuzz`
// for FUZZ_SECONDS and prints calls per export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { loadCases } from './vectors.mjs';

const require = createRequire(import.meta.url);
const lib = require('bss-storefront');
const { BssError } = lib;
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 3);

let seed = Number(process.env.FUZZ_SEED ?? 0x2545f491) >>> 0 || 1;
const rand = () => {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 2 ** 32;
};
const below = (n) => Math.floor(rand() * n);
const chance = (n) => below(n) === 0;

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);
function deep(n) {
  let v = 1;
  for (let i = 0; i < n; i++) v = chance(2) ? [v] : { a: v };
  return v;
}
function hostile() {
  // The costly shapes (10 MB, 100,000 levels, 200,000 elements) one time in ten.
  if (!chance(10)) {
    const light = [0, 1, 2, 3, 4, 5, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19, 20, 21];
    return hostileOf(light[below(light.length)]);
  }
  return hostileOf([6, 7, 8, 15][below(4)]);
}
function hostileOf(kind) {
  switch (kind) {
    case 0: return null;
    case 1: return undefined;
    case 2: return below(2) === 0;
    case 3: return [1e308, -1e-320, Number.MAX_SAFE_INTEGER + 2, -0, NaN, Infinity][below(6)];
    case 4: return ['1e400', '-1e-400', '79228162514264337593543950336', '0.' + '0'.repeat(40) + '1', '1_0', '１２３'][below(6)];
    case 5: return '\ud800' + 'a' + '\udfff';
    case 6: return TEN_MB;
    case 7: return deep(100_000);
    case 8: return new Array(below(2) ? 1001 : 200_000).fill({});
    case 20: return deep(50);
    case 9: return JSON.parse('{"__proto__": {"polluted": 1}, "id": "p"}');
    case 10: return 10n ** 30n;
    case 11: return Symbol('s');
    case 12: return () => 1;
    case 13: { const o = {}; o.self = o; return o; }
    case 14: return { get id() { throw new Error('getter'); } };
    case 15: return { toJSON() { return TEN_MB; } };
    case 16: return new Date(8.64e15);
    case 17: return new Uint8Array(4);
    case 18: return Object.create(null);
    case 19: return '2024-02-30T00:00:00Z';
    default: return ['', '0', '-0', 'hws.service.type.ec2', '__proto__'][below(5)];
  }
}
function mutate(v, depth = 0) {
  if (depth > 0 && chance(8)) return hostile();
  if (Array.isArray(v) && v.length > 0) {
    const out = v.slice();
    const i = below(out.length);
    if (chance(5)) out.splice(i, 1);
    else out[i] = mutate(out[i], depth + 1);
    return out;
  }
  if (v && typeof v === 'object') {
    const out = { ...v };
    const keys = Object.keys(out);
    if (keys.length) {
      const k = keys[below(keys.length)];
      if (chance(5)) delete out[k];
      else out[k] = mutate(out[k], depth + 1);
    }
    if (chance(10)) Object.defineProperty(out, '__proto__', { value: hostile(), enumerable: true });
    return out;
  }
  return depth === 0 || chance(2) ? hostile() : v;
}

/** Money invariants of a quote, exactly (decimal strings to scaled BigInt). */
function checkQuote(q) {
  const cols = ['official_amount', 'discount_amount', 'coupon_amount', 'flexipurchase_coupon_amount', 'stored_card_amount', 'truncated_amount', 'payable'];
  const SCALE = 30;
  const big = (s) => {
    assert.equal(typeof s, 'string');
    const neg = s.startsWith('-');
    const [w, f = ''] = s.replace('-', '').split('.');
    const v = BigInt(w + f.padEnd(SCALE, '0'));
    return neg ? -v : v;
  };
  let rest = big(q.official_amount);
  for (const c of cols.slice(1, 6)) rest -= big(q[c]);
  assert.equal(rest, big(q.payable), 'official − … − truncated = payable');
  assert.ok(big(q.payable) >= 0n, 'payable ≥ 0');
  for (const c of cols) {
    assert.equal(q.lines.reduce((s, l) => s + big(l[c]), 0n), big(q[c]), `lines sum to ${c}`);
  }
}

const fixed = { now: '2024-06-01T00:00:00Z' };
const seeds = [
  ...loadCases('coupons').map((c) => ['evaluateCoupons', [c.order, c.coupons, fixed]]),
  ...loadCases('quotes').map((c) => ['quote', [c.input]]),
  ...loadCases('discounts').map((c) => ['selectDiscount', [c.rating]]),
  ...loadCases('pricing').map((c) => ['priceLine', [c.line]]),
  ...loadCases('registration').map((c) => [c.call === 'validateField' ? 'validateField' : 'validateRegistration', c.call === 'validateField' ? [c.field, c.value, c.form] : [c.form]]),
  ['validateRegistrations', [[{ account_name: 'a' }]]],
  ['normalizeMobile', ['138 0000 0000']],
  ['normalizeAmount', ['1.50']],
  ['signRequest', [{ method: 'GET', url: 'https://bss.myhuaweicloud.com/v2/x', ak: 'a', sk: 's' }]],
  ['createProxy', [{ credentials: { token: 't' }, allow: ['ListServiceTypes'] }]],
  ['BssClient', [{ endpoint: 'http://127.0.0.1:9', credentials: { token: 't' } }]],
  ['call', ['ListServiceTypes', {}]],
];
const regressions = loadCases('fuzz_regressions').map((c) => [c.export, c.export === 'evaluateCoupons' ? [c.input.order, c.input.coupons, fixed] : [c.input]]);

const client = new lib.BssClient({ endpoint: 'http://127.0.0.1:9', credentials: { token: 't' }, timeout_ms: 1, max_retries: 0 });
function invoke(name, args) {
  switch (name) {
    case 'BssClient': return new lib.BssClient(...args);
    case 'call': return client.call(...args);
    case 'createProxy': return lib.createProxy(...args);
    default: return lib[name](...args);
  }
}

test(`fuzz every export for ${SECONDS} s: only BssError, no trap, money invariants`, async () => {
  const calls = {};
  const errors = {};
  const bad = [];
  const pending = [];
  const judge = (name, args, e) => {
    errors[name] = (errors[name] ?? 0) + 1;
    if (!(e instanceof BssError) || typeof e.code !== 'string' || e.code === '') {
      let shown;
      try { shown = JSON.stringify(args).slice(0, 300); } catch { shown = String(args); }
      bad.push(`${name}: ${e?.constructor?.name}: ${e?.message} for ${shown}`);
    }
  };
  const one = (name, args) => {
    calls[name] = (calls[name] ?? 0) + 1;
    try {
      const out = invoke(name, args);
      if (out instanceof Promise) {
        pending.push(out.then(() => {}, (e) => judge(name, args, e)));
      } else if (name === 'quote') {
        try { checkQuote(out); } catch (e) { bad.push(`quote invariant: ${e.message}`); }
      }
    } catch (e) {
      judge(name, args, e);
    }
  };
  for (const [name, args] of regressions) one(name, args);
  const deadline = Date.now() + SECONDS * 1000;
  const exports = [...new Set(seeds.map(([name]) => name))];
  const byExport = Object.fromEntries(exports.map((e) => [e, seeds.filter(([name]) => name === e)]));
  while (Date.now() < deadline) {
    const pool = byExport[exports[below(exports.length)]];
    const [name, args] = pool[below(pool.length)];
    const mutated = args.slice();
    const i = below(Math.max(1, mutated.length));
    mutated[i] = chance(3) ? hostile() : mutate(mutated[i]);
    if (chance(6)) mutated.push(hostile());
    one(name, mutated);
    if (pending.length > 200) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  // Still alive: a known call answers as before.
  assert.equal(lib.normalizeAmount('001.50'), '1.5');
  assert.equal(lib.quote({ now: fixed.now, order: { order_type: 'new', charging_mode: 'period', period_type: 2, period_num: 1,
    lines: [{ id: 'a', cloud_service_type: 'hws.service.type.ec2', region: 'cn-north-4', official_amount: '1.00' }] } }).payable, '1.00');
  console.log(`fuzz (seed ${process.env.FUZZ_SEED ?? 'default'}, ${SECONDS} s): calls per export ${JSON.stringify(calls)}; errors ${JSON.stringify(errors)}; traps/foreign errors ${bad.length}`);
  assert.deepEqual(bad.slice(0, 10), []);
});
