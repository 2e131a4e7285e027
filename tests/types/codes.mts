// The code unions generated from the core's registry (src/codes, docs/errors.md): exported by
// the root and the area entries; they type BssError.code and the issue, reason and rejection
// codes, so a misspelt or renamed code fails to compile.
import { BssError } from 'bss-storefront';
import type {
  ErrorCode, ServerErrorCode, RefusalCode, RequestIssueCode, RequestIssue, ReasonCode, RejectionCode, RegistrationIssueCode,
  CouponReason, QuoteRejection,
} from 'bss-storefront';
import type { ReasonCode as PricingReasonCode } from 'bss-storefront/pricing';
import type { RegistrationIssueCode as AreaIssueCode } from 'bss-storefront/registration';
import type { ErrorCode as ClientErrorCode } from 'bss-storefront/client';

const option: ErrorCode = 'invalid_option';
// @ts-expect-error renamed to invalid_option (docs/errors.md, "Changed codes")
const renamed: ErrorCode = 'invalid_options';
const server: ServerErrorCode[] = ['CBC.99000038', 'APIGW.0301', '502'];
const refusal: RefusalCode = 'operation_not_allowed';
const thrown: ErrorCode = refusal;
const reason: ReasonCode = 'amount_below_minimum';
const rejection: RejectionCode = 'nothing_to_deduct';
// @ts-expect-error a reason code is not a rejection code
const notRejection: RejectionCode = 'amount_below_minimum';
const registration: RegistrationIssueCode = 'reserved_prefix';
const request: RequestIssueCode = registration;
const area: [PricingReasonCode, AreaIssueCode, ClientErrorCode] = [reason, registration, 'timeout'];

function codeOf(e: unknown): string {
  if (!(e instanceof BssError)) return '';
  const code: ErrorCode | ServerErrorCode = e.code;
  if (code === 'invalid_request') {
    const issues: RequestIssue[] = e.issues ?? [];
    const first: RequestIssueCode | undefined = issues[0]?.code;
    return `${code}: ${first}`;
  }
  return code;
}
const texts = (r: CouponReason | QuoteRejection): [string, string] => [r.message, r.message_zh];

console.log(option, renamed, server, thrown, rejection, notRejection, request, area, codeOf(null), texts);
