// The sandbox's routing skeleton, from the operations table (src/api/operations.json, made by
// tools/bss_operations.py from the official SDK): every operation the hand-written handlers
// of server.mjs do not serve is routed by its method and path (path parameters matched) to
// the role that calls it, and answers the documented success shape with no data: `204` where
// the SDK's response model is empty, else the response's count fields as 0 and its lists
// empty. Test double only.
import fs from 'node:fs';

const TABLE = JSON.parse(fs.readFileSync(new URL('../../src/api/operations.json', import.meta.url), 'utf8'));
const ROLE = { partner: 'partner', customer: 'customer', either: 'any' };

const routes = TABLE.operations.map((op) => ({
  operation: op.name,
  method: op.method,
  pattern: new RegExp(`^${op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`),
  role: ROLE[op.caller],
  op,
}));

/** [operation, role] of a request the table knows, or null. */
export function tableRoute(method, pathname) {
  const r = routes.find((x) => x.method === method && x.pattern.test(pathname));
  return r ? [r.operation, r.role] : null;
}

/** The empty success answer of an operation: { status, body }. */
export function emptyAnswer(operation) {
  const { op } = routes.find((x) => x.operation === operation);
  if (op.no_content) return { status: 204, body: null };
  const body = {};
  for (const f of TABLE.responses[op.response] ?? []) {
    if (f.type.startsWith('list[')) body[f.name] = [];
    else if (f.type === 'int' && /count$/.test(f.name)) body[f.name] = 0;
  }
  return { status: 200, body };
}

/** Who calls each operation ('partner', 'customer', 'any'), by BSS name. */
export const ROLES = Object.fromEntries(routes.map((r) => [r.operation, r.role]));
