// What the package returns against what its declarations say (issue 12, item 4): every shared
// vector (registration, coupons, discounts, quotes, orders, pricing) runs through the built
// package (`make build`), and each result — and each BssError thrown — is walked alongside the
// declared return type, read from pkg/dist/index.d.ts with the TypeScript compiler API:
//
// * every key the code emits is a declared property (or falls under an index signature);
// * every value fits its declared type (string, number, boolean, null, array, object, and for
//   a union of literals — the code unions generated from the registry — one of them);
// * every declared property of those types is emitted by at least one vector (vice versa).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { loadCases } from './vectors.mjs';
import { returns, instance, walk, declared } from './declared.mjs';

const require = createRequire(import.meta.url);
const lib = require('bss-storefront');

/** Runs `call` for each case; results are walked against `fn`'s return type, errors against BssError. */
function check(fn, cases, call, results) {
  const type = returns(fn);
  results[fn] ??= { type, seen: new Set(), problems: [], runs: 0 };
  const r = results[fn];
  for (const c of cases) {
    let got;
    try {
      got = call(c);
    } catch (e) {
      assert.ok(e instanceof lib.BssError, `${fn}: ${c.name}: ${e}`);
      walk({ ...e }, instance('BssError'), 'BssError', results.error.seen, results.error.problems);
      continue;
    }
    r.runs++;
    walk(got, type, fn, r.seen, r.problems);
  }
}

const results = { error: { seen: new Set(), problems: [] } };
const registration = loadCases('registration');
check('validateRegistration', registration.filter((c) => c.call === 'validateRegistration'), (c) => lib.validateRegistration(c.form, c.site ? { site: c.site } : undefined), results);
check('validateField', registration.filter((c) => c.call === 'validateField'), (c) => lib.validateField(c.field, c.value, c.form, c.site ? { site: c.site } : undefined), results);
check('normalizeMobile', registration.filter((c) => c.call === 'normalizeMobile'), (c) => lib.normalizeMobile(c.input), results);
check('validateRegistrations', [registration.filter((c) => c.call === 'validateRegistration').map((c) => c.form)], (forms) => lib.validateRegistrations(forms), results);
check('evaluateCoupons', loadCases('coupons'), (c) => lib.evaluateCoupons(c.order, c.coupons, c.opts), results);
check('selectDiscount', loadCases('discounts'), (c) => lib.selectDiscount(c.rating_text ?? c.rating, c.opts), results);
const quotes = loadCases('quotes');
// No quote vector names an existing order; PayOrders' `order_id` is then in the body.
const ordered = quotes.find((c) => c.expect && typeof c.input.order === 'object');
quotes.push({ ...ordered, input: { ...ordered.input, order: { ...ordered.input.order, order_id: 'CS2503011200AAAAA' } } });
check('quote', quotes, (c) => lib.quote(c.input, c.opts), results);
check('quoteOrder', loadCases('orders'), (c) => lib.quoteOrder(c.input, c.opts), results);
check('priceLine', loadCases('pricing'), (c) => lib.priceLine(c.line), results);

test('every key and value the engine returns for the vectors is declared', () => {
  for (const [fn, r] of Object.entries(results)) {
    if (fn !== 'error') assert.ok(r.runs > 0, `${fn}: no result`);
    assert.deepEqual([...new Set(r.problems)].slice(0, 20), [], fn);
  }
});

// Declared, and emitted by no vector: each needs a vector, or its declaration is wrong.
// (Listed here, with the reason, only when the vectors cannot reach it.)
const UNREACHED = new Set([]);

test('every declared key of the results is emitted by some vector', () => {
  for (const [fn, r] of Object.entries(results)) {
    if (fn === 'error') continue;
    // OrderQuote extends Quote: what it inherits may be emitted by the quote vectors.
    const elsewhere = (k) => fn === 'quoteOrder' && results.quote.seen.has(k.replace(/^quoteOrder/, 'quote'));
    const missing = [...declared(r.type, fn, new Set())].filter((k) => !r.seen.has(k) && !elsewhere(k) && !UNREACHED.has(k));
    assert.deepEqual(missing, [], `${fn}: declared, never emitted`);
  }
});

test('BssError: the codes and keys thrown for the vectors are declared', () => {
  assert.ok(results.error.seen.has('BssError.code'), 'no error thrown');
  assert.deepEqual([...new Set(results.error.problems)], []);
});
