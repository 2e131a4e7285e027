//! `quoteOrder` and `orderFromDetails`: a pending BSS order, from the BSS bodies as received.

use wasm_bindgen::prelude::*;

use bss_storefront::codes::error as code;

use crate::error::to_js_error;
use crate::input::json_text;

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
    let input = json_text(&input, "input", code::INVALID_INPUT, false, false)?;
    let opts = json_text(&opts, "opts", code::INVALID_INPUT, false, true)?;
    let now = crate::js::now_iso();
    let quote = bss_storefront::orders::quote_order_json(&input, &opts, Some(&now))
        .map_err(|e| to_js_error(&e))?;
    crate::js::json_parse(&quote)
}

/// The engine's `Order` for a ShowCustomerOrderDetails body (text or object). Lines carry
/// no region: the details have none.
#[wasm_bindgen(js_name = orderFromDetails, unchecked_return_type = "Order")]
pub fn order_from_details(
    #[wasm_bindgen(unchecked_param_type = "string | object")] details: JsValue,
) -> Result<JsValue, JsValue> {
    let details = json_text(&details, "details", code::INVALID_INPUT, true, false)?;
    let order =
        bss_storefront::orders::order_from_details_json(&details).map_err(|e| to_js_error(&e))?;
    crate::js::json_parse(&order)
}
