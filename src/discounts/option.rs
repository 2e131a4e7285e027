//! A discount option as BSS describes it, from either API family:
//!
//! * an element of a rating response's `optional_discount_rating_results`
//!   (`discount_type` 605 / 606 / 607, amounts, `best_offer`, `product_rating_results`);
//! * a `DiscountInfoV3` of ListOrderDiscounts (`discount_type` 0 / 1 / 2 / 3 / 609,
//!   `discount_value`, and per order line item `discount_mode` 0 ratio / 1 fixed price /
//!   2 amount off with `discount_amount` and `discount_ratio`).
//!
//! One struct reads both, so a quote accepts either unchanged.

use serde::Deserialize;

use super::rating::ProductRatingResult;
use super::wire::{int_code, lenient_amount};
use crate::money::Amount;

/// A discount option, as received.
#[derive(Debug, Clone, Deserialize)]
pub struct DiscountOption {
    /// The discount ID (what PayOrders takes).
    pub discount_id: String,
    /// Rating code (605 / 606 / 607) or order code (0 / 1 / 2 / 3 / 609).
    #[serde(default, deserialize_with = "int_code")]
    pub discount_type: Option<i64>,
    /// The discount's name.
    #[serde(default)]
    pub discount_name: Option<String>,
    /// Rating: final price under this discount.
    #[serde(default)]
    pub amount: Option<Amount>,
    /// Rating: list price.
    #[serde(default)]
    pub official_website_amount: Option<Amount>,
    /// Rating: the saving.
    #[serde(default)]
    pub discount_amount: Option<Amount>,
    /// Rating: unit of the amounts (1 = 元).
    #[serde(default, deserialize_with = "int_code")]
    pub measure_id: Option<i64>,
    /// Rating: `1` marks the best offer.
    #[serde(default, deserialize_with = "int_code")]
    pub best_offer: Option<i64>,
    /// Rating: per requested product.
    #[serde(default)]
    pub product_rating_results: Option<Vec<ProductRatingResult>>,
    /// ListOrderDiscounts: the rate or amount-off value; empty for a fixed price.
    #[serde(default, deserialize_with = "lenient_amount")]
    pub discount_value: Option<Amount>,
    /// ListOrderDiscounts: the orders and line items the discount covers.
    #[serde(default)]
    pub orders: Option<Vec<OrderV3>>,
}

/// `OrderV3` of ListOrderDiscounts.
#[derive(Debug, Clone, Deserialize)]
pub struct OrderV3 {
    /// The order ID.
    #[serde(default)]
    pub order_id: Option<String>,
    /// The line items under the discount.
    #[serde(default)]
    pub order_line_items: Option<Vec<OrderLineItemV3>>,
}

/// `OrderLineItemV3`: lines with the same product, spec and final price are merged.
#[derive(Debug, Clone, Deserialize)]
pub struct OrderLineItemV3 {
    /// The order line IDs of the group.
    #[serde(default)]
    pub order_line_item_ids: Option<Vec<String>>,
    /// `0` ratio, `1` fixed price (一口价), `2` amount off (满减).
    #[serde(default, deserialize_with = "int_code")]
    pub discount_mode: Option<i64>,
    /// The saving of the group.
    #[serde(default, deserialize_with = "lenient_amount")]
    pub discount_amount: Option<Amount>,
    /// The pay ratio (0.85 = pay 85 %).
    #[serde(default, deserialize_with = "lenient_amount")]
    pub discount_ratio: Option<Amount>,
}
