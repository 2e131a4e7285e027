/** The one error type of bss-storefront: a real `Error` with a stable `code`. */
export class BssError extends Error {
  constructor(code: string, message: string, details?: Record<string, unknown>);
  readonly name: "BssError";
  /** Stable code: `invalid_amount`, `invalid_order`, `CBC.99000038`, `APIGW.0301`, … */
  code: string;
  /** The input field or path the error concerns, e.g. `lines[3].official_amount`. */
  field?: string;
  /** HTTP status, for errors that come from a response. */
  status?: number;
  /** Validation issues, for `invalid_request`. */
  issues?: unknown[];
  /** The request id of the failed call, when the server sent one. */
  request_id?: string;
  toJSON(): Record<string, unknown>;
}
