// codes: generated from src/codes by tests/codes.rs (UPDATE=1 cargo test --test codes)
/** The codes the package itself throws (`docs/errors.md`), a signing proxy's refusals included. */
export type ErrorCode =
  | "invalid_amount"
  | "amount_overflow"
  | "invalid_json"
  | "invalid_input"
  | "invalid_option"
  | "too_large"
  | "internal"
  | "invalid_mobile"
  | "unknown_field"
  | "invalid_order"
  | "invalid_rating"
  | "invalid_request"
  | "invalid_response"
  | "network_error"
  | "timeout"
  | "redirect_refused"
  | "unknown_operation"
  | "invalid_url"
  | "invalid_header"
  | "invalid_date"
  | "invalid_method"
  | "invalid_body"
  | "missing_credentials"
  | "method_not_allowed"
  | "operation_not_allowed"
  | "request_too_large"
  | "request_timeout";
/** A signing proxy's own answers (`docs/errors.md`: their HTTP statuses). */
export type RefusalCode =
  | "method_not_allowed"
  | "unknown_operation"
  | "operation_not_allowed"
  | "request_too_large"
  | "invalid_body"
  | "invalid_request"
  | "redirect_refused"
  | "network_error"
  | "timeout"
  | "request_timeout"
  | "internal";
/** Codes passed on from BSS, its gateway or IAM: `CBC.99000038`, `APIGW.0301`, or the HTTP status (`"502"`). */
export type ServerErrorCode = `CBC.${string}` | `APIGW.${string}` | `APIG.${string}` | `${number}`;
/** The codes of a request's validation issues (`invalid_request`), registration codes included. */
export type RequestIssueCode =
  | "required"
  | "not_allowed"
  | "empty"
  | "invalid_type"
  | "too_short"
  | "too_long"
  | "invalid_value"
  | "out_of_range"
  | "too_few_items"
  | "too_many_items"
  | "duplicate"
  | "not_on_site"
  | "contains_space"
  | "invalid_time"
  | "invalid_amount"
  | "unknown_field"
  | "conflict"
  | "invalid_character"
  | "invalid_start"
  | "reserved_prefix"
  | "all_digits"
  | "too_few_character_classes"
  | "same_as_name"
  | "same_as_reversed_name"
  | "contains_mobile"
  | "contains_email"
  | "invalid_mobile"
  | "invalid_email"
  | "invalid_country_code"
  | "field_not_on_site";
// end of codes

/** One validation issue of a BSS request (`BssError.issues` of `invalid_request`). */
export interface RequestIssue {
  /** The path of the field (`product_infos[2].period_num`); `""` for the request itself. */
  field: string;
  code: RequestIssueCode;
  /** For the customer, in English. */
  message: string;
  /** For the customer, in Chinese. */
  message_zh: string;
  /** The rule's data (`{ max: 64 }`), when it has any. */
  params?: Record<string, unknown>;
  /** The CBC code BSS answers for this problem, when the docs name one. */
  server_code?: string;
}

/**
 * The body of a signing proxy's own answer (a refusal, or BSS not answering): BSS's error
 * shape, which a browser `BssClient` throws as `BssError` (`code` = `error_code`).
 */
export interface ProxyRefusal {
  error_code: RefusalCode;
  error_msg: string;
  /** The validation issues, for `invalid_request`. */
  issues?: RequestIssue[];
}

/** The one error type of bss-storefront: a real `Error` with a stable `code`. */
export class BssError extends Error {
  constructor(code: string, message: string, details?: Record<string, unknown>);
  readonly name: "BssError";
  /** Stable code: one of the package's (`invalid_amount`, `invalid_order`, …) or the server's (`CBC.99000038`, `APIGW.0301`, …). */
  code: ErrorCode | ServerErrorCode;
  /** The input field or path the error concerns, e.g. `lines[3].official_amount`. */
  field?: string;
  /** HTTP status, for errors that come from a response. */
  status?: number;
  /** Validation issues, for `invalid_request`. */
  issues?: RequestIssue[];
  /** The request id of the failed call, when the server sent one. */
  request_id?: string;
  /** The BSS operation of a client call that failed (`CreateSubCustomer`). */
  operation?: string;
  /** BSS's `encoded_authorization_message` of a permission error, when it sent one. */
  encoded_authorization_message?: string;
  toJSON(): Record<string, unknown>;
}
