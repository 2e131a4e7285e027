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
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadCases } from './vectors.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const ts = require(path.join(ROOT, 'node_modules/typescript5'));
const lib = require(path.join(ROOT, 'pkg/dist/index.node.cjs'));

const program = ts.createProgram([path.join(ROOT, 'pkg/dist/index.d.ts')], { strict: true, noEmit: true, types: [] });
const checker = program.getTypeChecker();
const entry = checker.getSymbolAtLocation(program.getSourceFile(path.join(ROOT, 'pkg/dist/index.d.ts')));
const exported = new Map(checker.getExportsOfModule(entry).map((s) => [s.name, s]));
const resolved = (name) => {
  const s = exported.get(name);
  assert.ok(s, `${name} is not exported`);
  return s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
};
/** The declared return type of an exported function. */
const returns = (name) => {
  const s = resolved(name);
  return checker.getSignaturesOfType(checker.getTypeOfSymbolAtLocation(s, s.declarations[0]), ts.SignatureKind.Call)[0].getReturnType();
};
/** The declared type of an exported class's instances (BssError). */
const instance = (name) => checker.getDeclaredTypeOfSymbol(resolved(name));

const members = (type) => (type.isUnion() ? type.types : [type]);
const F = ts.TypeFlags;
const isNullish = (t) => t.flags & (F.Null | F.Undefined | F.Void);
const isArray = (t) => checker.isArrayType(t) || checker.isTupleType(t);
const isObject = (t) => t.flags & (F.Object | F.Intersection) && !isArray(t);

/** The problems of `value` against `type` at `where`; the declared key paths it reached go to `seen`. */
function walk(value, type, where, seen, problems) {
  const kinds = members(type);
  if (kinds.some((t) => t.flags & (F.Any | F.Unknown))) return;
  if (value === null || value === undefined) {
    if (!kinds.some(isNullish)) problems.push(`${where}: ${value} where ${checker.typeToString(type)} is declared`);
    return;
  }
  if (Array.isArray(value)) {
    const arrays = kinds.filter(isArray);
    if (arrays.length === 0) {
      problems.push(`${where}: an array where ${checker.typeToString(type)} is declared`);
      return;
    }
    const element = checker.getUnionType(arrays.flatMap((a) => checker.getTypeArguments(a)));
    for (const v of value) walk(v, element, `${where}[]`, seen, problems);
    return;
  }
  if (typeof value === 'object') {
    const objects = kinds.filter(isObject);
    if (objects.length === 0) {
      problems.push(`${where}: an object where ${checker.typeToString(type)} is declared`);
      return;
    }
    for (const [key, v] of Object.entries(value)) {
      const props = objects.map((o) => checker.getPropertyOfType(o, key)).filter(Boolean);
      if (props.length) {
        seen.add(`${where}.${key}`);
        walk(v, checker.getUnionType(props.map((p) => checker.getTypeOfSymbol(p))), `${where}.${key}`, seen, problems);
        continue;
      }
      const index = objects.map((o) => checker.getIndexTypeOfType(o, ts.IndexKind.String)).filter(Boolean);
      if (index.length) walk(v, checker.getUnionType(index), `${where}.*`, seen, problems);
      else problems.push(`${where}.${key}: emitted, not declared`);
    }
    return;
  }
  const literal = kinds.filter((t) => t.isLiteral() || t.flags & F.BooleanLiteral);
  const wide = { string: F.String | F.TemplateLiteral, number: F.Number, boolean: F.Boolean | F.BooleanLiteral }[typeof value];
  if (kinds.some((t) => t.flags & wide && !(t.flags & F.BooleanLiteral))) {
    if (typeof value !== 'string' || !kinds.some((t) => t.flags & F.TemplateLiteral) || kinds.some((t) => t.flags & F.String)) return;
  }
  if (literal.some((t) => (t.flags & F.BooleanLiteral ? checker.typeToString(t) === String(value) : t.value === value))) return;
  if (typeof value === 'string' && kinds.some((t) => t.flags & F.TemplateLiteral && templateMatches(t, value))) return;
  problems.push(`${where}: ${JSON.stringify(value)} is not a ${checker.typeToString(type)}`);
}

/** `CBC.${string}`-style template literal types (ServerErrorCode). */
function templateMatches(t, value) {
  const [head, ...spans] = t.texts;
  if (!value.startsWith(head)) return false;
  if (spans.length === 1 && spans[0] === '') {
    const rest = value.slice(head.length);
    return t.types[0].flags & F.Number ? rest !== '' && !Number.isNaN(Number(rest)) : true;
  }
  return false;
}

/** Every declared property path of `type` (to `depth` levels), as `walk` names them. */
function declared(type, where, out, depth = 6, stack = new Set()) {
  if (depth === 0) return out;
  for (const t of members(type)) {
    if (isArray(t)) {
      for (const e of checker.getTypeArguments(t)) declared(e, `${where}[]`, out, depth - 1, stack);
    } else if (isObject(t) && !stack.has(t)) {
      stack.add(t);
      for (const p of checker.getPropertiesOfType(t)) {
        out.add(`${where}.${p.name}`);
        declared(checker.getTypeOfSymbol(p), `${where}.${p.name}`, out, depth - 1, stack);
      }
      stack.delete(t);
    }
  }
  return out;
}

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
check('quoteOrder', loadCases('orders'), (c) => lib.quoteOrder(c.input), results);
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
