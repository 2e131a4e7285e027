/**
 * Node's `http` (and Express / Connect) ↔ the Fetch API, so that the signing proxy of
 * `createProxy` — or any `(request: Request) => Response` handler — runs on a Node server:
 *
 *   http.createServer(toNodeListener(proxy)).listen(8787);
 *   app.use('/api/bss', toNodeListener(proxy));            // Express / Connect
 *
 * Every request is answered and none can stop the process: a method the Fetch API refuses
 * (TRACE, TRACK) gets 405, a URL or header it cannot parse 400, a body that does not arrive in
 * time 408; a client that goes away only ends its own request. No dependency, no `node:`
 * import (Node's globals `Request`, `Response`, `ReadableStream`, `Buffer` suffice).
 */

/** Methods the Fetch API's `Request` constructor throws on (they never reach a handler). */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
/** Statuses whose response has no body. */
const NULL_BODY = new Set([101, 204, 205, 304]);
const DEFAULT_BODY_TIMEOUT_MS = 30_000;
/** How long an unread rest of a body is drained after the answer before the connection is cut. */
const LINGER_MS = 1000;

/**
 * A Node request listener, also an Express / Connect middleware, that answers each request
 * with `handler`: the proxy of `createProxy` (its `handle`) or a function `Request →
 * Response`. `options.bodyTimeoutMs` (default 30000) is the time the request body has to
 * arrive in full, from the moment the listener is called.
 */
export function toNodeListener(handler, options = {}) {
  const handle = typeof handler === 'function' ? handler
    : typeof handler?.handle === 'function' ? (request) => handler.handle(request) : null;
  if (!handle) throw new TypeError('toNodeListener: expected createProxy(…) or a function Request → Response');
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  if (!(Number.isFinite(bodyTimeoutMs) && bodyTimeoutMs > 0)) {
    throw new TypeError('toNodeListener: bodyTimeoutMs must be a positive number of milliseconds');
  }
  return function listener(req, res) {
    serve(handle, req, res, bodyTimeoutMs);
  };
}

function serve(handle, req, res, bodyTimeoutMs) {
  const method = String(req.method ?? 'GET').toUpperCase();
  if (FORBIDDEN_METHODS.has(method)) {
    sendError(req, res, 405, 'method_not_allowed', `${method} is not served here`);
    return;
  }
  let url;
  try {
    const scheme = req.socket?.encrypted ? 'https' : 'http';
    url = new URL(req.url ?? '/', `${scheme}://${req.headers.host ?? 'localhost'}`);
  } catch {
    sendError(req, res, 400, 'invalid_request', 'the request URL or Host header is not valid');
    return;
  }
  let request;
  let body;
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    if (method !== 'GET' && method !== 'HEAD') {
      body = requestBody(req, res, bodyTimeoutMs);
      if (!body) {
        // A server set-up error, not the client's: an Express / Connect parser came first.
        sendError(req, res, 500, 'internal', 'the body was read by a body parser mounted before this listener');
        return;
      }
    }
    request = new Request(url, {
      method, headers, body: body?.stream, duplex: body ? 'half' : undefined,
    });
  } catch {
    body?.stop();
    sendError(req, res, 400, 'invalid_request', 'the request method or a header is not valid');
    return;
  }
  Promise.resolve()
    .then(() => handle(request))
    .then((response) => sendResponse(req, res, response))
    .catch((e) => {
      const code = typeof e?.code === 'string' && e.name === 'BssError' ? e.code : 'internal';
      const message = code === 'internal' ? 'the request could not be answered' : String(e.message);
      sendError(req, res, 500, code, message);
    })
    .catch(() => res.destroy())
    .finally(() => body?.stop());
}

/**
 * The body as a Fetch `ReadableStream` that reads `req` only as fast as the handler does
 * (a body over the handler's limit is not buffered), with a deadline for the whole body.
 * A body an Express / Connect parser has already read is taken from `req.rawBody` or a
 * `Buffer` / string `req.body`; a parsed object gives null (re-serialising it would change
 * the input, e.g. numbers beyond a double's precision).
 */
function requestBody(req, res, bodyTimeoutMs) {
  if (req.readableEnded) {
    const raw = Buffer.isBuffer(req.rawBody) ? req.rawBody
      : Buffer.isBuffer(req.body) || typeof req.body === 'string' ? Buffer.from(req.body) : null;
    if (!raw) return null;
    return { stream: new Blob([raw]).stream(), stop() {} };
  }
  let done = false;
  let controller;
  const onData = (chunk) => {
    controller.enqueue(chunk);
    if (controller.desiredSize <= 0) req.pause();
  };
  const finish = (error) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    req.off('data', onData);
    if (error) controller.error(error);
    else controller.close();
  };
  const onEnd = () => finish();
  const onError = (e) => finish(e ?? new Error('the request was aborted'));
  const onClose = () => { if (!req.complete) finish(new Error('the request was aborted')); };
  const timer = setTimeout(() => {
    if (done) return;
    sendError(req, res, 408, 'request_timeout', `the request body did not arrive within ${bodyTimeoutMs} ms`);
    finish(new Error('the request body did not arrive in time'));
    discardRest(req, res);
  }, bodyTimeoutMs);
  timer.unref?.();
  const stream = new ReadableStream({
    start(c) {
      controller = c;
      req.on('data', onData);
      req.once('end', onEnd);
      req.once('error', onError);
      req.once('close', onClose);
    },
    pull() { req.resume(); },
    // The handler stopped reading (a body over its limit): the rest is read and dropped so
    // that the answer reaches the client, and the connection is closed after it.
    cancel() {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.off('data', onData);
      discardRest(req, res);
    },
  }, { highWaterMark: 1 });
  return {
    stream,
    stop() {
      clearTimeout(timer);
      req.off('end', onEnd);
      req.off('close', onClose);
      // Keep an `error` listener: an `error` event without one would end the process.
      if (!done) {
        done = true;
        req.off('data', onData);
        discardRest(req, res);
      }
    },
  };
}

/**
 * Drops the rest of a body nobody reads: the answer reaches the client only if its request is
 * read (closing a socket with unread data resets it), but at most `LINGER_MS` after the
 * answer, so that an endless body cannot hold the connection.
 */
function discardRest(req, res) {
  req.resume();
  if (req.complete) return;
  const cut = () => {
    const timer = setTimeout(() => req.destroy(), LINGER_MS);
    timer.unref?.();
    req.once('end', () => clearTimeout(timer));
  };
  if (res.writableFinished) cut();
  else res.once('finish', cut);
}

async function sendResponse(req, res, response) {
  if (!(response instanceof Response)) throw new TypeError('the handler did not answer with a Response');
  if (res.headersSent || res.destroyed) {
    await response.body?.cancel();
    return;
  }
  const noBody = NULL_BODY.has(response.status);
  const bytes = noBody || !response.body ? null : Buffer.from(await response.arrayBuffer());
  if (res.headersSent || res.destroyed) return;
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie' && name !== 'content-length') res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie?.() ?? [];
  if (cookies.length) res.setHeader('set-cookie', cookies);
  if (!noBody) res.setHeader('content-length', bytes?.byteLength ?? 0);
  // An unread rest of the request body would be taken for the next request on this connection.
  if (!req.complete) res.setHeader('connection', 'close');
  res.end(bytes ?? undefined);
}

/** The proxy's own error shape: `{"error_code": …, "error_msg": …}`. */
function sendError(req, res, status, code, message) {
  if (res.headersSent || res.destroyed) {
    if (!res.writableEnded) res.destroy();
    return;
  }
  const body = JSON.stringify(status === 400 ? { error_code: code, error_msg: message, issues: [] } : { error_code: code, error_msg: message });
  res.writeHead(status, {
    'content-type': 'application/json;charset=UTF-8',
    'content-length': Buffer.byteLength(body),
    ...(req.complete ? {} : { connection: 'close' }),
  });
  res.end(body);
}
