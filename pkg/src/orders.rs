//! `quoteOrder` and `orderFromDetails`: a pending BSS order, from the BSS bodies as received.

use wasm_bindgen::prelude::*;

use crate::input::{Op, call};

#[wasm_bindgen(typescript_custom_section)]
const ORDERS_TS: &'static str = r#"
/** The BSS response bodies of a pending order, each as received: JSON text (every digit kept) or the parsed object. */
export interface QuoteOrderInput {
  /** ShowCustomerOrderDetails (every page of `order_line_items`). */
  details: string | object;
  /** ListOrderDiscounts. */
  discounts?: string | object;
  /** ListOrderCouponsByOrderId (with `coupon_max_use_quantity`). */
  coupons?: string | object;
  /** ShowCustomerAccountBalances (account type 1 cash, 2 credit). */
  balances?: string | object;
  /** ListStoredValueCards. */
  cards?: string | object;
  selection?: "best" | { discount_id?: string | null; coupon_ids?: string[] };
  /** ISO 8601 UTC; defaults to the current time. */
  now?: string;
}
/** A coupon limit taken as satisfied because ListOrderCouponsByOrderId listed the coupon for the order. */
export interface FactFromBss {
  coupon_id: string;
  limit_key: string;
  /** The fact the order details lack: "region", "first_order_in_service", "is_strict_selected", "product_id", "cloud_service_type", "period_type", "period_num", "is_hardware" (limit_key "coupon_group") or "unknown_limit". */
  missing: string;
}
export interface OrderQuote extends Quote {
  order_id: string;
  facts_from_bss: FactFromBss[];
}
"#;

/// The quote of a pending order from its BSS bodies, with the PayOrders (v3) body for it.
/// Throws `BssError` (`invalid_input`, `invalid_order`, `invalid_amount`, `too_large`).
#[wasm_bindgen(js_name = quoteOrder, unchecked_return_type = "OrderQuote")]
pub fn quote_order(
    #[wasm_bindgen(unchecked_param_type = "QuoteOrderInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "QuoteOptions")] opts: JsValue,
) -> Result<JsValue, JsValue> {
    call(Op::QuoteOrder, &[&input, &opts])
}

/// The engine's `Order` for a ShowCustomerOrderDetails body (text or object). Lines carry
/// no region: the details have none.
#[wasm_bindgen(js_name = orderFromDetails, unchecked_return_type = "Order")]
pub fn order_from_details(
    #[wasm_bindgen(unchecked_param_type = "string | object")] details: JsValue,
) -> Result<JsValue, JsValue> {
    call(Op::OrderFromDetails, &[&details])
}
