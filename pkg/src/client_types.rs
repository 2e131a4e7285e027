//! TypeScript declarations of the client's options, inputs and results (BSS wire names;
//! amounts are strings in results and `string | number` in inputs).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const CLIENT_TS: &'static str = r#"
/** AK/SK of the partner (servers only), or an IAM token. */
export type BssCredentials =
  | { ak: string; sk: string; domain_id: string; security_token?: string }
  | { token: string };
/** Options of `new BssClient`. Without `credentials`, `endpoint` is a signing proxy (`createProxy`). */
export interface BssClientOptions {
  /** Default `https://bss.myhuaweicloud.com` (international: `https://bss-intl.myhuaweicloud.com`). */
  endpoint?: string;
  credentials?: BssCredentials;
  /** Time limit of one attempt, body included (default 30000). */
  timeout_ms?: number;
  /** Retries of reads after network errors, timeouts, 429/502/503/504, and of writes after 429 (default 2; never for createSubCustomer). */
  max_retries?: number;
  /** First backoff ceiling in ms (full jitter, doubling; default 1000). */
  retry_delay_ms?: number;
  /** Registration rules of this site; default from the endpoint (`bss-intl.…`/`….eu`: `intl`, else `cn`). */
  site?: "cn" | "intl";
}
export type Language = "zh_CN" | "en_US";
export type BssAmount = string | number;
export interface PageInput { x_language?: Language; offset?: number; limit?: number }
export interface LanguageInput { x_language?: Language }
export interface CheckUserIdentityInput { search_type: "email" | "mobile" | "name"; search_value: string }
export interface CheckUserIdentityResult { check_result?: "available" | "used_by_user"; mobile_remain_available_num?: number; error_code?: string; error_msg?: string }
export interface SendVerificationMessageCodeInput {
  receiver_type: 1 | 2; timeout?: number; mobile_phone?: string; email?: string;
  lang?: "zh-cn" | "en-us"; scene?: 29 | 18; customer_id?: string;
}
export interface CreateSubCustomerInput {
  xaccount_id: string; xaccount_type: string; domain_name?: string; mobile_phone?: string;
  verification_code?: string; password?: string; email?: string; domain_area?: string;
  is_close_market_ms?: "true" | "false"; indirect_partner_id?: string; include_association_result?: boolean;
}
/**
 * The new account. `association_pending: true` is BSS's CBC.99000050 (HTTP 500): the account
 * exists but the partner association was not confirmed in time. Record `domain_id`, never
 * create the customer again, and confirm with `listSubCustomers({ customer_id: domain_id })`.
 */
export interface CreateSubCustomerResult {
  domain_id: string; domain_name: string; association_pending: boolean;
  error_code?: string; error_msg?: string; request_id?: string;
}
export interface ListSubCustomersInput {
  account_name?: string; customer?: string; offset?: number; limit?: number; label?: string;
  association_type?: "1" | "2" | ""; associated_on_begin?: string; associated_on_end?: string;
  customer_id?: string; indirect_partner_id?: string;
}
/** The SDK's answer model (`client_methods.rs`). */
export type ListSubCustomersResult = BssListSubCustomersResponse;
export interface ListSubCustomerCouponsInput {
  coupon_id?: string; order_id?: string; promotion_plan_id?: string; coupon_type?: 1 | 2 | 3 | 4;
  status?: 1 | 2 | 3 | 4 | 5; active_start_time?: string; active_end_time?: string; offset?: number;
  limit?: number; source_id?: string; indirect_partner_id?: string;
}
/** The SDK's answer model (`client_methods.rs`). */
export type ListCouponsResult = BssListSubCustomerCouponsResponse;
export interface ListIssuedPartnerCouponsInput {
  coupon_id?: string; customer_id?: string; order_id?: string; coupon_type?: 1 | 4; status?: 1 | 2 | 3 | 4 | 5;
  create_time_begin?: string; create_time_end?: string; effective_time_begin?: string; effective_time_end?: string;
  expire_time_begin?: string; expire_time_end?: string; offset?: number; limit?: number; indirect_partner_id?: string;
}
/** The SDK's answer model (`client_methods.rs`). */
export type ListIssuedPartnerCouponsResult = BssListIssuedPartnerCouponsResponse;
export interface CreatePartnerCouponsInput {
  quota_id: string; customer_ids: string[]; face_value: BssAmount; valid_time?: string; expire_time?: string;
  cloud_service_types?: string[]; product_ids?: string[]; memo?: string; indirect_partner_id?: string;
}
export interface CreatePartnerCouponsResult {
  coupon_infos?: { id: string; coupon_id: string }[];
  error_details?: { id: string; error_code: string; error_msg: string }[];
}
export interface ReclaimPartnerCouponsInput { coupon_id: string; indirect_partner_id?: string }
export interface ListQuotaCouponsInput {
  quota_ids?: string[]; quota_status_list?: (0 | 3 | 4 | 5)[]; quota_type?: 0 | 1;
  create_time_begin?: string; create_time_end?: string; effective_time_begin?: string; effective_time_end?: string;
  expire_time_begin?: string; expire_time_end?: string; offset?: number; limit?: number; indirect_partner_id?: string;
}
/** The SDK's answer model (`client_methods.rs`). */
export type ListQuotaCouponsResult = BssListQuotaCouponsResponse;
export interface OrderIdInput { order_id: string }
/** The SDK's answer model (`client_methods.rs`). */
export type ListOrderCouponsResult = BssListOrderCouponsByOrderIdResponse;
/** The SDK's answer model (`client_methods.rs`). */
export type ListOrderDiscountsResult = BssListOrderDiscountsResponse;
export interface PayOrdersInput {
  order_id: string; use_coupon: "YES" | "NO"; use_discount: "YES" | "NO";
  coupon_infos?: { id: string; type: 300 | 301 | 302 | 303 }[];
  discount_infos?: { id: string; type: 0 | 2 | 3 | 609 }[];
}
export interface ProductKey {
  id: string; cloud_service_type: string; resource_type: string; resource_spec: string; region: string;
  available_zone?: string; resource_size?: number; size_measure_id?: 14 | 15 | 17;
}
export interface RateOnPeriodInput {
  project_id: string;
  product_infos: (ProductKey & { period_type: 0 | 2 | 3 | 4; period_num: number; subscription_num: number; fee_installment_mode?: "HALF_PAY" | "ZERO_PAY" | "NA" })[];
}
/** The SDK's answer model (`client_methods.rs`). */
export type RateOnPeriodResult = BssListRateOnPeriodDetailResponse;
export interface RateOnDemandInput {
  project_id: string; inquiry_precision?: 0 | 1;
  product_infos: (ProductKey & { usage_factor: string; usage_value: BssAmount; usage_measure_id: number; subscription_num: number })[];
}
/** The SDK's answer model (`client_methods.rs`). */
export type RateOnDemandResult = BssListOnDemandResourceRatingsResponse;
export interface RenewRateInput { resource_ids: string[]; period_type: 2 | 3; period_num: number; include_relative_resources?: boolean }
/** The SDK's answer model (`client_methods.rs`). */
export type RenewRateResult = BssListRenewRateOnPeriodResponse;
export interface ListServiceTypesInput extends PageInput { service_type_name?: string }
export interface ListServiceResourcesInput extends PageInput { service_type_code: string }
export interface ListUsageTypesInput extends PageInput { resource_type_code?: string }
export interface ListConversionsInput extends LanguageInput { measure_type?: number }
export interface ListResourceSpecsInput {
  x_language?: "zh_cn" | "en_us" | Language; cloud_service_type: string; resource_type: string; region_code: string;
  charge_mode: "1" | "3"; filters?: { key: "RESOURCE_SPEC"; value: string }[]; marker?: string; limit?: number;
}
export interface ListIncentivePoliciesInput { time?: string; service_type_code?: string; offset?: number; limit?: number }
/** Any BSS answer (each method declares its own, from the SDK's model). */
export type BssList = Record<string, unknown>;
"#;
