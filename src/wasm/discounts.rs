//! `selectDiscount`.

use wasm_bindgen::prelude::*;

use super::convert::to_js;
use super::error::to_js_error;
use super::input::{body_from_js, options_from_js};
use crate::discounts::{RatingResponse, SelectOptions, select_discount as select};

#[wasm_bindgen(typescript_custom_section)]
const DISCOUNTS_TS: &'static str = r#"
/** Options of `selectDiscount`. */
export interface SelectDiscountOptions {
  /** The order is placed with auto-pay: a business discount wins when one exists. */
  auto_pay?: boolean;
}
/** The amounts of a price, as decimal strings: `amount = official_amount − discount_amount`. */
export interface PriceTriple {
  official_amount: string;
  discount_amount: string;
  amount: string;
}
/** One product of a rating response under the chosen discount. */
export interface RatedLine extends PriceTriple {
  id: string | null;
  product_id?: string;
}
/** The discount BSS applies to a rated inquiry, and the price under it. */
export interface DiscountChoice extends PriceTriple {
  discount_id: string | null;
  /** Rating code: 605 / 606 business, 607 partner. */
  discount_type: number | null;
  kind: "business" | "partner" | "promotion" | "order_adjustment" | null;
  discount_name?: string;
  rule: "no_discount" | "best_offer" | "largest_saving" | "auto_pay_business_first" | "order_adjustment";
  lines: RatedLine[];
}
"#;

/// The discount BSS applies to a ListRateOnPeriodDetail or ListRenewRateOnPeriod response,
/// given as received: the raw response text (exact to every digit) or the parsed object.
/// Throws `BssError` `invalid_rating` (with `field`), `invalid_amount` or `invalid_json`.
#[wasm_bindgen(js_name = selectDiscount, unchecked_return_type = "DiscountChoice")]
pub fn select_discount(
    #[wasm_bindgen(unchecked_param_type = "string | object")] rating: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SelectDiscountOptions")] opts: JsValue,
) -> Result<JsValue, JsValue> {
    let rating: RatingResponse = body_from_js(&rating, "rating")?;
    let opts: SelectOptions = options_from_js(&opts, "opts")?;
    let choice = select(&rating, &opts).map_err(|e| to_js_error(&e))?;
    to_js(&choice)
}
