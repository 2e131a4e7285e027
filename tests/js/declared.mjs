// The checker shared by the checked-types tests (issue 12, item 4): the package's declarations
// (pkg/dist/index.d.ts, read with the TypeScript compiler API) and a walk of a value the
// package returned alongside its declared type:
//
// * every key the code emits is a declared property (or falls under an index signature);
// * every value fits its declared type (string, number, boolean, null, array, object, and for
//   a union of literals — the code unions generated from the registry — one of them);
// * `declared` lists a type's property paths, as `walk` names them, for the converse check.
import path from 'node:path';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const ts = require(path.join(ROOT, 'node_modules/typescript5'));
const DTS = path.join(ROOT, 'pkg/dist/index.d.ts');
const DIST = path.join(ROOT, 'pkg/dist') + path.sep;

// The consumers' target (tests/types/tsconfig*.json): under ES5's default lib, `AsyncIterableIterator`
// would not resolve and the checker would take `pages` for `any` without a word.
const program = ts.createProgram([DTS], { strict: true, noEmit: true, types: [], target: ts.ScriptTarget.ES2022 });
const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
assert.deepEqual(diagnostics, [], 'the declarations do not compile');
export const checker = program.getTypeChecker();
const entry = checker.getSymbolAtLocation(program.getSourceFile(DTS));
const exported = new Map(checker.getExportsOfModule(entry).map((s) => [s.name, s]));
const resolved = (name) => {
  const s = exported.get(name);
  assert.ok(s, `${name} is not exported`);
  return s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
};
const signature = (type, what) => {
  const [sig] = checker.getSignaturesOfType(type, ts.SignatureKind.Call);
  assert.ok(sig, `${what} is not callable`);
  return sig;
};

/** The declared return type of an exported function. */
export const returns = (name) => {
  const s = resolved(name);
  return signature(checker.getTypeOfSymbolAtLocation(s, s.declarations[0]), name).getReturnType();
};
/** The declared type of an exported class's instances (BssError), or an exported interface or type alias. */
export const instance = (name) => checker.getDeclaredTypeOfSymbol(resolved(name));
/** The call signatures of method `name` of `type` (a class instance or an interface), overloads included. */
export const signatures = (type, name) => {
  const p = checker.getPropertyOfType(type, name);
  assert.ok(p, `${checker.typeToString(type)}.${name} is not declared`);
  return checker.getSignaturesOfType(checker.getTypeOfSymbol(p), ts.SignatureKind.Call);
};
/** The declared return type of method `name` of `type` (its first signature). */
export const methodReturns = (type, name) => {
  const [sig] = signatures(type, name);
  assert.ok(sig, `${checker.typeToString(type)}.${name} is not callable`);
  return sig.getReturnType();
};
/** The declared type of property `name` of `type`. */
export const propertyType = (type, name) => {
  const p = checker.getPropertyOfType(type, name);
  assert.ok(p, `${checker.typeToString(type)}.${name} is not declared`);
  return checker.getTypeOfSymbol(p);
};
/** What a declared `Promise<T>` resolves to (`T`). */
export const awaited = (type) => checker.getAwaitedType(type) ?? type;

const members = (type) => (type.isUnion() ? type.types : [type]);
const F = ts.TypeFlags;
const isNullish = (t) => t.flags & (F.Null | F.Undefined | F.Void);
const isArray = (t) => checker.isArrayType(t) || checker.isTupleType(t);
const isObject = (t) => t.flags & (F.Object | F.Intersection) && !isArray(t);
/** Methods are not data: a declared `toJSON()` is not a key to emit. */
const isMethod = (p) => p.flags & ts.SymbolFlags.Method;

/** The problems of `value` against `type` at `where`; the declared key paths it reached go to `seen`. */
export function walk(value, type, where, seen, problems) {
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

/**
 * Every declared data property path of `type` (to `depth` levels), as `walk` names them;
 * with `own`, only the properties the package declares (not those of `Error` or the DOM lib).
 */
export function declared(type, where, out, { depth = 6, own = false } = {}, stack = new Set()) {
  if (depth === 0) return out;
  const inPackage = (p) => !own || p.declarations?.some((d) => d.getSourceFile().fileName.startsWith(DIST));
  for (const t of members(type)) {
    if (isArray(t)) {
      for (const e of checker.getTypeArguments(t)) declared(e, `${where}[]`, out, { depth: depth - 1, own }, stack);
    } else if (isObject(t) && !stack.has(t)) {
      stack.add(t);
      for (const p of checker.getPropertiesOfType(t)) {
        if (isMethod(p) || !inPackage(p)) continue;
        out.add(`${where}.${p.name}`);
        declared(checker.getTypeOfSymbol(p), `${where}.${p.name}`, out, { depth: depth - 1, own }, stack);
      }
      stack.delete(t);
    }
  }
  return out;
}

/** The name of a type as the declarations write it (for messages). */
export const typeName = (type) => checker.typeToString(type);
