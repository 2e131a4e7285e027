// Node http ↔ Fetch API: lets the signing proxy (a Fetch-API handler) run behind
// `http.createServer`, as a partner's Node server would mount it.
import { Readable } from 'node:stream';

/** A Fetch `Request` for a Node `IncomingMessage`. */
export function toFetchRequest(req, origin) {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url, origin), {
    method: req.method,
    headers,
    body: hasBody ? Readable.toWeb(req) : undefined,
    duplex: hasBody ? 'half' : undefined,
  });
}

/**
 * Writes a Fetch `Response` to a Node `ServerResponse`. When the handler answered before
 * reading the whole request (a body over the size limit), the connection is closed rather
 * than kept alive: its unread rest would corrupt the next request on it.
 */
export async function sendFetchResponse(res, response, req) {
  const body = Buffer.from(await response.arrayBuffer());
  const headers = Object.fromEntries(response.headers);
  if (req && !req.complete) headers.connection = 'close';
  res.writeHead(response.status, headers);
  res.end(body);
}

/** A Node request listener that answers with `handle(request) → Response`. */
export function nodeHandler(handle, origin) {
  return (req, res) => {
    handle(toFetchRequest(req, origin()))
      .then((response) => sendFetchResponse(res, response, req))
      .catch((e) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error_code: e?.code ?? 'internal', error_msg: String(e?.message ?? e) }));
      });
  };
}
