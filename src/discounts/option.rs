//! A discount option as BSS describes it, from either API family:
//!
//! * an element of a rating response's `optional_discount_rating_results`
//!   (`discount_type` 605 / 606 / 607, amounts, `best_offer`, `product_rating_results`);
//! * a `DiscountInfoV3` of ListOrderDiscounts (`discount_type` 0 / 1 / 2 / 3 / 609,
//!   `discount_value`, and per order line item `discount_mode` 0 ratio / 1 fixed price /
//!   2 amount off with `discount_amount` and `discount_ratio`).
//!
//! One struct reads both, so a quote accepts either unchanged.

use crate::json::tree::Node;

use super::wire::{Obj, Path};
use crate::json::JsonError;
use crate::json::read::First;
use crate::money::Amount;

/// The most elements of any list inside a discount option or rating response.
pub const MAX_ELEMENTS: usize = 1000;

/// A discount option, as received.
#[derive(Debug, Clone)]
pub struct DiscountOption {
    /// The discount ID (what PayOrders takes).
    pub discount_id: String,
    /// Rating code (605 / 606 / 607) or order code (0 / 1 / 2 / 3 / 609).
    pub discount_type: Option<i64>,
    /// The discount's name.
    pub discount_name: Option<String>,
    /// Rating: final price under this discount.
    pub amount: Option<Amount>,
    /// Rating: list price.
    pub official_website_amount: Option<Amount>,
    /// Rating: the saving.
    pub discount_amount: Option<Amount>,
    /// Rating: unit of the amounts (1 = 元).
    pub measure_id: Option<i64>,
    /// Rating: `1` marks the best offer.
    pub best_offer: Option<i64>,
    /// Rating: per requested product.
    pub product_rating_results: Option<Vec<ProductRatingResult>>,
    /// ListOrderDiscounts: the rate or amount-off value; empty for a fixed price.
    pub discount_value: Option<Amount>,
    /// ListOrderDiscounts: the orders and line items the discount covers.
    pub orders: Option<Vec<OrderV3>>,
}

/// `OrderV3` of ListOrderDiscounts.
#[derive(Debug, Clone)]
pub struct OrderV3 {
    /// The order ID.
    pub order_id: Option<String>,
    /// The line items under the discount.
    pub order_line_items: Option<Vec<OrderLineItemV3>>,
}

/// `OrderLineItemV3`: lines with the same product, spec and final price are merged.
#[derive(Debug, Clone)]
pub struct OrderLineItemV3 {
    /// The order line IDs of the group.
    pub order_line_item_ids: Option<Vec<String>>,
    /// `0` ratio, `1` fixed price (一口价), `2` amount off (满减).
    pub discount_mode: Option<i64>,
    /// The saving of the group.
    pub discount_amount: Option<Amount>,
    /// The pay ratio (0.85 = pay 85 %).
    pub discount_ratio: Option<Amount>,
}

impl DiscountOption {
    /// Reads an option at `path`; unknown fields are ignored (BSS adds fields over time).
    pub fn from_value(v: &Node<'_>, path: Path<'_>) -> Result<DiscountOption, JsonError> {
        let o = Obj::at_path(v, path)?;
        let discount_id = o
            .text("discount_id")?
            .ok_or_else(|| super::wire::shape(o.at("discount_id"), "missing"))?;
        let mut e = First::default();
        let option = DiscountOption {
            discount_id,
            discount_type: e.take(o.code("discount_type")),
            discount_name: e.take(o.text("discount_name")),
            amount: e.take(o.amount("amount")),
            official_website_amount: e.take(o.amount("official_website_amount")),
            discount_amount: e.take(o.amount("discount_amount")),
            measure_id: e.take(o.code("measure_id")),
            best_offer: e.take(o.code("best_offer")),
            product_rating_results: e.take(o.each(
                "product_rating_results",
                MAX_ELEMENTS,
                ProductRatingResult::from_value,
            )),
            discount_value: e.take(o.lenient_amount("discount_value")),
            orders: e.take(o.each("orders", MAX_ELEMENTS, OrderV3::from_value)),
        };
        e.done(option)
    }
}

impl OrderV3 {
    fn from_value(v: &Node<'_>, path: Path<'_>) -> Result<OrderV3, JsonError> {
        let o = Obj::at_path(v, path)?;
        Ok(OrderV3 {
            order_id: o.text("order_id")?,
            order_line_items: o.each(
                "order_line_items",
                MAX_ELEMENTS,
                OrderLineItemV3::from_value,
            )?,
        })
    }
}

impl OrderLineItemV3 {
    fn from_value(v: &Node<'_>, path: Path<'_>) -> Result<OrderLineItemV3, JsonError> {
        let o = Obj::at_path(v, path)?;
        Ok(OrderLineItemV3 {
            order_line_item_ids: o.strings(
                "order_line_item_ids",
                MAX_ELEMENTS,
                "expected a line id string",
            )?,
            discount_mode: o.code("discount_mode")?,
            discount_amount: o.lenient_amount("discount_amount")?,
            discount_ratio: o.lenient_amount("discount_ratio")?,
        })
    }
}

/// A per-product result (`PeriodProductRatingResult` / `PeriodProductOfficialRatingResult`).
#[derive(Debug, Clone)]
pub struct ProductRatingResult {
    /// The `id` of the requested product.
    pub id: Option<String>,
    /// The product ID.
    pub product_id: Option<String>,
    /// Final price.
    pub amount: Option<Amount>,
    /// List price.
    pub official_website_amount: Option<Amount>,
    /// The saving.
    pub discount_amount: Option<Amount>,
    /// Unit of the amounts (1 = 元).
    pub measure_id: Option<i64>,
}

impl ProductRatingResult {
    /// Reads one product result at `path`.
    pub fn from_value(v: &Node<'_>, path: Path<'_>) -> Result<ProductRatingResult, JsonError> {
        let o = Obj::at_path(v, path)?;
        Ok(ProductRatingResult {
            id: o.text("id")?,
            product_id: o.text("product_id")?,
            amount: o.amount("amount")?,
            official_website_amount: o.amount("official_website_amount")?,
            discount_amount: o.amount("discount_amount")?,
            measure_id: o.code("measure_id")?,
        })
    }
}
