// The client area's I/O: the wasm module decides (pkg/src/fetch.rs), this file does what it
// says. Redirects are not followed (they would carry the credentials): a 3xx, or in browsers
// an opaque redirect (status 0), is the answer.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Node's "fetch failed" keeps the reason in `cause`.
function message(e) {
  if (!(e instanceof Error)) return typeof e === 'string' ? e : 'fetch failed';
  const cause = e.cause instanceof Error ? e.cause.message : '';
  return cause ? `${e.message} (${cause})` : e.message;
}

// One attempt, its body included, within the time limit.
async function attempt(x, { url, method, headers, body, timeout_ms }) {
  const abort = new AbortController();
  let late = false;
  const timer = setTimeout(() => {
    late = true;
    abort.abort();
  }, timeout_ms);
  let status;
  let text = '';
  let lines = '';
  try {
    const r = await fetch(url, { method, headers, body, signal: abort.signal, redirect: 'manual' });
    status = r.type === 'opaqueredirect' ? 0 : r.status;
    if (x.reads(status)) text = await r.text();
    for (const [name, value] of r.headers) lines += `${name}:${value}\n`;
  } catch (e) {
    return x.fail(late, late ? '' : message(e));
  } finally {
    clearTimeout(timer);
  }
  return x.answer(status, lines, text);
}

// The registration operations' rules run in the registration module, loaded on first use.
let registration;
async function rules([operation, site, ...form]) {
  registration ??= import('./registration.js').then(async (m) => { await m.default(); return m; });
  return (await registration).__registrationOutcome(operation, form, site);
}

/** The exchange's result (its BssError: the rejection). */
export async function drive(x) {
  const form = x.rules();
  if (form) x.ruled(await rules(JSON.parse(form)).catch(() => undefined));
  for (let request; (request = x.send()); ) {
    const next = await attempt(x, JSON.parse(request));
    if (next === -1) break; // finish; -2: send again now; else wait first
    if (next >= 0) await sleep(next);
  }
  return x.finish();
}

// A request's body, at most `limit` bytes (undefined past it).
async function read(request, limit) {
  const reader = request.body?.getReader();
  const chunks = [];
  let n = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!(value instanceof Uint8Array)) throw new TypeError('not bytes');
    if ((n += value.length) > limit) return void reader.cancel().catch(() => {});
    chunks.push(value);
  }
  return new Uint8Array(await new Blob(chunks).arrayBuffer());
}

const reply = (json) => {
  const { status, headers, body } = JSON.parse(json);
  return new Response(body, { status, headers });
};

/** The signing proxy's Response to `request` (`fallback` when none can be built). */
export async function serve(x, request, fallback) {
  try {
    const limit = x.route(request.method, request.url, request.headers.get('content-length') ?? '');
    if (limit) {
      let bytes;
      let past = false;
      try {
        bytes = await read(request, limit);
        past = !bytes;
      } catch {
        // Aborted, errored, locked or already read: the request's fault.
      }
      x.body(bytes, past);
    }
    return reply(await drive(x));
  } catch {
    return reply(fallback);
  }
}

/** `client.pages`: an async iterator over the exchanges of the pages. */
export function pages(pager) {
  const next = () => {
    const x = pager.page();
    return x ? drive(x).then((value) => ({ value, done: false })) : Promise.resolve({ value: undefined, done: true });
  };
  return { next, [Symbol.asyncIterator]: () => ({ next }) };
}
