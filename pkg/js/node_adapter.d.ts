/**
 * What `toNodeListener` mounts: the signing proxy of `createProxy` (its `handle`), or any
 * Fetch-API handler.
 */
export type FetchHandler =
  | { handle(request: Request): Promise<Response> }
  | ((request: Request) => Response | Promise<Response>);

/** Options of `toNodeListener`. */
export interface NodeListenerOptions {
  /** Time the request body has to arrive in full, in milliseconds (default 30000); then 408. */
  bodyTimeoutMs?: number;
}

/**
 * A Node request listener (`http.createServer(listener)`), also an Express / Connect
 * middleware (`app.use('/api/bss', listener)`). Its parameters are Node's
 * `http.IncomingMessage` and `http.ServerResponse` (typed loosely here so that the package's
 * types do not need `@types/node`).
 */
export type NodeListener = (req: object, res: object, next?: (error?: unknown) => void) => void;

/**
 * Answers Node `http` requests with a Fetch-API handler. Every request is answered and the
 * process stays up: TRACE/TRACK get 405, a URL or header the Fetch API refuses 400, a body
 * that does not arrive in `bodyTimeoutMs` 408, a handler that rejects 500.
 */
export function toNodeListener(handler: FetchHandler, options?: NodeListenerOptions): NodeListener;
