//! `selectDiscount`.

use wasm_bindgen::prelude::*;

use crate::input::{Op, call};

#[wasm_bindgen(typescript_custom_section)]
const DISCOUNTS_TS: &'static str = r#"
/** Options of `selectDiscount`. */
export interface SelectDiscountOptions {
  /** The order is placed with auto-pay: a business discount wins when one exists. */
  auto_pay?: boolean;
  /** Policy overrides (`discount_606`, `auto_pay_business_first`, …); see `Policy`. */
  policy?: Record<string, unknown>;
}
/** The amounts of a price, as decimal strings: `amount = official_amount − discount_amount`. */
export interface PriceTriple {
  official_amount: string;
  discount_amount: string;
  amount: string;
}
/** Discount kinds: order code 1 is `contract`, 2 and rating 605 / 606 `business`, 3 and 607 `partner`, 0 `promotion`, 609 `order_adjustment`. */
export type DiscountKind = "business" | "contract" | "partner" | "promotion" | "order_adjustment";
/** One product of a rating response under the chosen discount. */
export interface RatedLine extends PriceTriple {
  id: string | null;
  product_id?: string;
}
/** How a discount was chosen (`requested` and `best_combination` come from `quote` only). */
export type DiscountRule = "no_discount" | "best_offer" | "largest_saving" | "auto_pay_business_first"
  | "order_adjustment" | "requested" | "best_combination";
/** The discount BSS applies to a rated inquiry, and the price under it. */
export interface DiscountChoice extends PriceTriple {
  discount_id: string | null;
  /** Rating code: 605 / 606 business, 607 partner. */
  discount_type: number | null;
  kind: DiscountKind | null;
  discount_name?: string;
  rule: DiscountRule;
  lines: RatedLine[];
}
"#;

/// The discount BSS applies to a ListRateOnPeriodDetail or ListRenewRateOnPeriod response,
/// given as received: the raw response text (exact to every digit) or the parsed object.
/// Throws `BssError` `invalid_rating` (with `field`), `invalid_amount`, `invalid_json`,
/// `invalid_input` or `invalid_option`.
#[wasm_bindgen(js_name = selectDiscount, unchecked_return_type = "DiscountChoice")]
pub fn select_discount(
    #[wasm_bindgen(unchecked_param_type = "string | object")] rating: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SelectDiscountOptions")] opts: JsValue,
) -> Result<JsValue, JsValue> {
    call(Op::SelectDiscount, &[&rating, &opts])
}
