//! `evaluateCoupons`: the coupon wallet next to the cart, in one call.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use bss_storefront::codes::error as code;

use crate::error::bss_error;
use crate::input::{Op, call};

/// Evaluates every coupon against the order: applicable, not applicable or indeterminate,
/// with every reason. `order` and `coupons` are objects or JSON text (text keeps every digit
/// of an amount). `opts.now` (ISO 8601) defaults to the current time. Throws `BssError`
/// (`invalid_order`, `too_large`, `invalid_input`, `invalid_option`) for a bad order or
/// arguments; a malformed coupon gets an `indeterminate` verdict instead.
#[wasm_bindgen(js_name = evaluateCoupons, unchecked_return_type = "CouponVerdict[]")]
pub fn evaluate_coupons(
    #[wasm_bindgen(unchecked_param_type = "Order | string")] order: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Coupon[] | string")] coupons: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "EvaluateCouponsOptions")] opts: JsValue,
) -> Result<JsValue, JsValue> {
    call(Op::EvaluateCoupons, &[&order, &coupons, &opts])
}

/// Replaces each verdict's `eligible_lines` indexes with the line ids. Every verdict refers
/// to the same JS string per line, so the output grows with lines × coupons references, never
/// with the ids' length (the core writes indexes for that reason).
pub(crate) fn eligible_line_ids(verdicts: &JsValue, ids: &[String]) -> Result<(), JsValue> {
    let ids: Vec<JsValue> = ids.iter().map(|id| JsValue::from_str(id)).collect();
    let key = JsValue::from_str("eligible_lines");
    // `unchecked_ref`, not `Array::from` (which would copy): the arrays are changed in place.
    let verdicts: &crate::js::Indexed = verdicts.unchecked_ref();
    for v in 0..verdicts.length() {
        let lines: crate::js::Indexed =
            crate::js::reflect_get(&verdicts.get(v), &key)?.unchecked_into();
        for i in 0..lines.length() {
            // The core wrote a whole index below `ids.len()`; anything else (`NaN` included,
            // which fails every comparison) is an internal error, never a wrong id.
            let n = lines.get_number(i);
            let id = (n >= 0.0 && n.fract() == 0.0)
                .then(|| ids.get(n as usize))
                .flatten()
                .ok_or_else(|| {
                    bss_error(code::INTERNAL, "eligible line index", JsValue::UNDEFINED)
                })?;
            lines.set(i, id);
        }
    }
    Ok(())
}

#[wasm_bindgen(typescript_custom_section)]
const COUPONS_TS: &'static str = r#"
/** A cart or order: what coupons are evaluated against. Amounts are decimal strings (numbers are read as `String(n)`). */
export interface Order {
  /** The BSS order id, when the order exists: a coupon locked by this order stays usable. */
  order_id?: string;
  order_type: "new" | "renew" | "change";
  charging_mode: "period" | "on_demand" | "one_time";
  /** 0 day, 2 month, 3 year, 4 hour. */
  period_type?: 0 | 2 | 3 | 4;
  period_num?: number;
  currency?: string;
  /** Per cloud service type: is this the customer's first order of it (`firstOrderInService`). */
  first_order_in_service?: { [cloud_service_type: string]: boolean };
  /** The chosen discount, when known: coupon exclusivity flags and `minConsumeDiscount` are checked against it. */
  discount?: OrderDiscount;
  lines: OrderLine[];
}
export interface OrderLine {
  id: string;
  cloud_service_type: string;
  resource_type?: string;
  resource_spec?: string;
  region: string;
  product_id?: string;
  official_amount: string | number;
  /** Payable after discount, before coupons; `official_amount` when absent. */
  amount?: string | number;
  discount_ratio?: string | number;
  charging_mode?: "period" | "on_demand" | "one_time";
  period_type?: 0 | 2 | 3 | 4;
  is_strict_selected?: boolean;
  is_hardware?: boolean;
}
export interface OrderDiscount {
  discount_id?: string;
  /** 0 promotion, 1 contract, 2 business, 3 partner, 609 order adjustment; also 605/606/607 (rating) and 700. */
  discount_type: number;
  lines?: { id: string; discount_ratio: string | number }[];
}
/** A coupon object as ListSubCustomerCoupons / ListOrderCouponsByOrderId / ListIssuedPartnerCoupons / ListStoredValueCards return it. */
export interface Coupon {
  coupon_id?: string;
  card_id?: string;
  coupon_type?: number;
  status?: number;
  face_value?: string | number;
  balance?: string | number;
  coupon_version?: number;
  coupon_group?: number;
  valid_time?: string;
  effective_time?: string;
  expire_time?: string;
  is_frozen?: string;
  lock_order_id?: string;
  used_by_order_id?: string;
  currency?: string;
  use_limits?: { limit_key: string; value1?: string; value2?: string; [field: string]: unknown }[];
  [field: string]: unknown;
}
/** Choices where Huawei's documentation is silent; every field has the DESIGN.md default. */
export interface Policy {
  base_value_lower?: "exclusive" | "inclusive";
  base_value_upper?: "exclusive" | "inclusive";
  base_value_amount?: "eligible_payable" | "order_payable";
  unknown_limit?: "indeterminate" | "not_applicable";
  first_order_unknown?: "indeterminate" | "not_applicable";
  max_coupons_per_order?: number;
  max_cash_coupons_per_order?: number;
  cash_with_discount_coupon?: boolean;
  discount_with_coupons?: boolean;
  empower_scope?: "any_discount" | "business_and_partner" | "partner";
  max_deduction_ratio_base?: "after_cash_coupon" | "after_discount" | "official";
  discount_606?: "business" | "partner";
  auto_pay_business_first?: boolean;
  /** quoteOrder: lines a listed coupon_group 3 (hardware only) coupon marks as hardware. */
  listed_hardware_coupon?: "one_product" | "every_line";
  best_discount?: "best_offer_then_largest_saving";
  stacking_order?: "discount_cash_flexi_card_cash_credit";
  rounding?: "truncate_payable_floor_caps";
  allocation?: "proportional_largest_remainder";
}
export interface EvaluateCouponsOptions {
  /** ISO 8601 with a zone, e.g. "2024-05-06T08:05:01Z"; defaults to the current time. */
  now?: string;
  policy?: Policy;
}
export interface CouponReason {
  /** Stable code, e.g. "amount_below_minimum", "unknown_limit", "malformed_coupon". */
  code: ReasonCode;
  limit_key?: string;
  message: string;
  message_zh: string;
  /** E.g. { required: "> 100", actual: "80.00" }. */
  params?: Record<string, string | string[]>;
}
export interface CouponVerdict {
  coupon_id: string;
  kind: "cash_coupon" | "discount_coupon" | "flexi_purchase_coupon" | "stored_value_card" | "product_coupon" | null;
  status: "applicable" | "not_applicable" | "indeterminate";
  reasons: CouponReason[];
  eligible_lines: string[];
  eligible_amount: string;
  /** Balance (new-version coupons, cards) or face value. */
  available: string;
  /** The most this coupon could take from this order, floored to the cent. */
  max_deduction: string;
  /** Discount-related limits, for combining the coupon with a discount later. */
  params: {
    simultaneous_use_with_empower_discount?: boolean;
    simultaneous_use_with_contract_discount?: boolean;
    simultaneous_use_with_promotion_discount?: boolean;
    simultaneous_use_with_discount_coupon?: boolean;
    min_consume_discount?: string;
    max_deduction_ratio?: string;
    usage_times?: number;
    is_rebate?: boolean;
    coupon_group?: number;
  };
}
"#;
