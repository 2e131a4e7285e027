//! `priceLine`.

use wasm_bindgen::prelude::*;

use super::convert::{from_js, to_js};
use super::error::to_js_error;
use crate::quote::{LinePriceInput, price_line as price};

#[wasm_bindgen(typescript_custom_section)]
const QUOTE_TS: &'static str = r#"
/** The list-price inputs of one line. Amounts as decimal strings (or numbers). */
export interface PriceLineInput {
  /** Inferred from `period_num` / `usage_value` when absent. */
  charging_mode?: "period" | "on_demand" | "one_time";
  unit_price: string | number;
  /** Instances, whole number ≥ 1 (default 1). */
  subscription_num?: string | number;
  /** Size of a linear product (GB, Mbps, …). */
  resource_size?: string | number;
  period_num?: string | number;
  /** Periods per pricing period (周期转化率), default 1. */
  period_conversion_ratio?: string | number;
  usage_value?: string | number;
  /** Usage units per pricing unit (e.g. 3600 s per hour), default 1. */
  usage_conversion_ratio?: string | number;
  /** On-demand: 0 (default) truncates to 6 decimals, 1 to 10. */
  inquiry_precision?: 0 | 1;
}
/** A priced line. */
export interface LinePrice {
  charging_mode: "period" | "on_demand" | "one_time";
  /** At BSS precision: on-demand truncated to the inquiry precision, period exact (≤ 10 decimals). */
  official_amount: string;
  /** The exact product before any truncation. */
  exact_amount: string;
}
"#;

/// The official amount of a line from list prices, with BSS's formulas and precision.
/// Throws `BssError` `invalid_order` (with `field`) or `invalid_amount`.
#[wasm_bindgen(js_name = priceLine, unchecked_return_type = "LinePrice")]
pub fn price_line(
    #[wasm_bindgen(unchecked_param_type = "PriceLineInput")] line: JsValue,
) -> Result<JsValue, JsValue> {
    let line: LinePriceInput = from_js(&line, "line")?;
    let priced = price(&line).map_err(|e| to_js_error(&e))?;
    to_js(&priced)
}
