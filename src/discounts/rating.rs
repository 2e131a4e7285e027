//! The response bodies of ListRateOnPeriodDetail and ListRenewRateOnPeriod, read exactly.
//!
//! Both answer with the list price once (`official_website_rating_result`) and one element
//! per optional discount (`optional_discount_rating_results[]`). Amounts are JSON numbers in
//! the first and strings in the second; both are read from their text. Unknown fields are
//! ignored, `null` is the same as absent.

use crate::json::tree::Node;

use super::error::DiscountError;
use super::kind::kind_of;
use super::option::{DiscountOption, MAX_ELEMENTS, ProductRatingResult};
use super::wire::{Obj, in_yuan, shape};
use crate::coupons::verdict::Money;
use crate::coupons::{DiscountKind, Policy};
use crate::json::JsonError;
use crate::json::write::{Object, WriteJson};
use crate::money::Amount;

/// A rating response as received.
#[derive(Debug, Clone, Default)]
pub struct RatingResponse {
    /// The list-price result (always present in a successful answer).
    pub official_website_rating_result: Option<OfficialWebsiteRatingResult>,
    /// One element per optional discount the customer enjoys; absent when there is none.
    pub optional_discount_rating_results: Option<Vec<DiscountOption>>,
    /// `CNY`; empty or absent means RMB.
    pub currency: Option<String>,
}

/// `official_website_rating_result`: the list price of the whole inquiry.
#[derive(Debug, Clone)]
pub struct OfficialWebsiteRatingResult {
    /// Total list price.
    pub official_website_amount: Amount,
    /// Unit of the amounts (1 = 元).
    pub measure_id: Option<i64>,
    /// Per requested product (`id` echoes the request).
    pub product_rating_results: Option<Vec<ProductRatingResult>>,
}

impl RatingResponse {
    /// Reads a response body; unknown fields are ignored.
    pub fn from_value(v: &Node<'_>) -> Result<RatingResponse, JsonError> {
        let o = Obj::new(v, "")?;
        let official = match o.get("official_website_rating_result") {
            None => None,
            Some(r) => {
                let r = o.child("official_website_rating_result", r)?;
                Some(OfficialWebsiteRatingResult {
                    official_website_amount: r
                        .amount("official_website_amount")?
                        .ok_or_else(|| shape(r.at("official_website_amount"), "missing"))?,
                    measure_id: r.code("measure_id")?,
                    product_rating_results: r.each(
                        "product_rating_results",
                        MAX_ELEMENTS,
                        ProductRatingResult::from_value,
                    )?,
                })
            }
        };
        Ok(RatingResponse {
            official_website_rating_result: official,
            optional_discount_rating_results: o.each(
                "optional_discount_rating_results",
                MAX_ELEMENTS,
                DiscountOption::from_value,
            )?,
            currency: o.text("currency")?,
        })
    }

    /// Reads a response body from its raw text.
    pub fn from_json(text: &str) -> Result<RatingResponse, JsonError> {
        RatingResponse::from_value(&super::wire::tree(text)?)
    }
}

/// The three amounts of a price, in 元: `amount = official_amount − discount_amount`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PriceTriple {
    /// List price.
    pub official_amount: Amount,
    /// Saving.
    pub discount_amount: Amount,
    /// Final price.
    pub amount: Amount,
}

impl PriceTriple {
    /// Writes the three amounts as members of `o` (the triple is flattened into its owner).
    pub fn write_members(&self, o: &mut Object<'_>) {
        o.field("official_amount", &Money(self.official_amount))
            .field("discount_amount", &Money(self.discount_amount))
            .field("amount", &Money(self.amount));
    }

    /// A price without discount.
    pub fn undiscounted(official_amount: Amount) -> PriceTriple {
        PriceTriple {
            official_amount,
            discount_amount: Amount::ZERO,
            amount: official_amount,
        }
    }

    /// Completes a triple from what a response gave. `amount` wins when present (the
    /// saving is then `official − amount`); otherwise `amount = official − discount`.
    /// Negative amounts and a final price above the list price are rejected.
    fn resolve(
        official: Amount,
        amount: Option<Amount>,
        discount: Option<Amount>,
        field: &str,
    ) -> Result<PriceTriple, DiscountError> {
        let amount = match (amount, discount) {
            (Some(a), _) => a,
            (None, Some(d)) => official.checked_sub(d)?,
            (None, None) => {
                return Err(DiscountError::invalid(
                    field,
                    "needs `amount` or `discount_amount`",
                ));
            }
        };
        if official.is_negative() || amount.is_negative() {
            return Err(DiscountError::invalid(field, "negative amount"));
        }
        if amount > official {
            return Err(DiscountError::invalid(
                field,
                format!("final price {amount} is above the list price {official}"),
            ));
        }
        Ok(PriceTriple {
            official_amount: official,
            discount_amount: official.checked_sub(amount)?,
            amount,
        })
    }
}

/// A per-product line of a rating result, resolved to 元.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatedLine {
    /// The `id` of the requested product (`null` when the response omits it).
    pub id: Option<String>,
    /// The product ID (not written when absent).
    pub product_id: Option<String>,
    /// The line's amounts (written as members of the line).
    pub price: PriceTriple,
}

impl WriteJson for RatedLine {
    fn write_json(&self, out: &mut String) {
        let mut o = Object::new(out);
        o.field("id", &self.id)
            .some("product_id", self.product_id.as_ref());
        self.price.write_members(&mut o);
        o.end();
    }
}

/// One optional discount, resolved: kind, flag and amounts in 元.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatedDiscount {
    /// The discount ID.
    pub discount_id: String,
    /// The rating code (605 / 606 / 607), when given.
    pub discount_type: Option<i64>,
    /// Its kind.
    pub kind: DiscountKind,
    /// The discount's name.
    pub discount_name: Option<String>,
    /// Whether BSS flagged it `best_offer = 1`.
    pub best_offer: bool,
    /// Total amounts.
    pub price: PriceTriple,
    /// Per-product amounts, in response order.
    pub lines: Vec<RatedLine>,
}

impl RatingResponse {
    /// The list price of the whole inquiry, in 元.
    pub fn official_amount(&self) -> Result<Option<Amount>, DiscountError> {
        self.official_website_rating_result
            .as_ref()
            .map(|o| {
                in_yuan(
                    o.official_website_amount,
                    o.measure_id,
                    "official_website_rating_result",
                    "official_website_amount",
                )
            })
            .transpose()
    }

    /// The list-price lines (`official_website_rating_result.product_rating_results`).
    pub fn official_lines(&self) -> Result<Vec<RatedLine>, DiscountError> {
        let Some(official) = &self.official_website_rating_result else {
            return Ok(Vec::new());
        };
        resolve_lines(
            official.product_rating_results.as_deref(),
            official.measure_id,
            "official_website_rating_result",
            true,
        )
    }

    /// Every optional discount, resolved, in response order.
    pub fn discounts(&self, policy: &Policy) -> Result<Vec<RatedDiscount>, DiscountError> {
        let elements = self
            .optional_discount_rating_results
            .as_deref()
            .unwrap_or_default();
        let official = self.official_amount()?;
        let mut out = Vec::with_capacity(elements.len());
        for (i, e) in elements.iter().enumerate() {
            let path = crate::text::with_int("optional_discount_rating_results[", i as i64, "]");
            out.push(e.resolve(official, &path, policy)?);
        }
        Ok(out)
    }
}

impl DiscountOption {
    /// Resolves the element; `official` is the response's list price, used when the element
    /// omits its own. `path` names the element in errors.
    pub fn resolve(
        &self,
        official: Option<Amount>,
        path: &str,
        policy: &Policy,
    ) -> Result<RatedDiscount, DiscountError> {
        let yuan = |a: Option<Amount>, name: &str| {
            a.map(|a| in_yuan(a, self.measure_id, path, name))
                .transpose()
        };
        let own_official = yuan(self.official_website_amount, "official_website_amount")?;
        let official = own_official.or(official).ok_or_else(|| {
            DiscountError::invalid(
                path,
                "no official_website_amount here nor in official_website_rating_result",
            )
        })?;
        let price = PriceTriple::resolve(
            official,
            yuan(self.amount, "amount")?,
            yuan(self.discount_amount, "discount_amount")?,
            path,
        )?;
        Ok(RatedDiscount {
            discount_id: self.discount_id.clone(),
            discount_type: self.discount_type,
            kind: kind_of(self.discount_type, policy),
            discount_name: self.discount_name.clone(),
            best_offer: self.best_offer == Some(1),
            price,
            lines: resolve_lines(
                self.product_rating_results.as_deref(),
                self.measure_id,
                path,
                false,
            )?,
        })
    }
}

fn resolve_lines(
    lines: Option<&[ProductRatingResult]>,
    parent_measure: Option<i64>,
    path: &str,
    list_price_only: bool,
) -> Result<Vec<RatedLine>, DiscountError> {
    let lines = lines.unwrap_or_default();
    let mut out = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let field = format!("{path}.product_rating_results[{i}]");
        let measure = line.measure_id.or(parent_measure);
        let yuan = |a: Option<Amount>| a.map(|a| in_yuan(a, measure, &field, "")).transpose();
        let official = yuan(line.official_website_amount)?
            .ok_or_else(|| DiscountError::invalid(&field, "missing official_website_amount"))?;
        // One call for both cases: each call was an inlined copy.
        let (amount, discount) = if list_price_only {
            (Some(official), None)
        } else {
            (yuan(line.amount)?, yuan(line.discount_amount)?)
        };
        let price = PriceTriple::resolve(official, amount, discount, &field)?;
        out.push(RatedLine {
            id: line.id.clone(),
            product_id: line.product_id.clone(),
            price,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    fn read(text: &str) -> RatingResponse {
        RatingResponse::from_json(text).unwrap()
    }

    #[test]
    fn period_response_with_numbers_is_read_exactly() {
        let r = read(
            r#"{"official_website_rating_result":{"official_website_amount":105.00,"measure_id":1,
                 "product_rating_results":[{"id":"GPSSD","official_website_amount":105.00,"measure_id":1}]},
                "optional_discount_rating_results":[{"discount_id":"d1","amount":89.25,
                 "official_website_amount":105.00,"discount_amount":15.75,"measure_id":1,
                 "discount_type":607,"best_offer":1,"product_rating_results":[
                 {"id":"GPSSD","amount":89.25,"official_website_amount":105,"discount_amount":15.75}]}],
                "currency":"CNY"}"#,
        );
        assert_eq!(r.official_amount().unwrap().unwrap().to_string(), "105");
        let d = r.discounts(&Policy::default()).unwrap();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].kind, DiscountKind::Partner);
        assert!(d[0].best_offer);
        assert_eq!(d[0].price.amount.to_string(), "89.25");
        assert_eq!(d[0].lines[0].price.discount_amount.to_string(), "15.75");
        assert_eq!(r.official_lines().unwrap()[0].id.as_deref(), Some("GPSSD"));
    }

    #[test]
    fn renewal_response_with_strings_and_missing_fields() {
        let r = read(
            r#"{"official_website_rating_result":{"official_website_amount":"1000.0000000001"},
                "optional_discount_rating_results":[{"discount_id":"b","discount_amount":"0.0000000001",
                "discount_type":"605"}]}"#,
        );
        let d = r.discounts(&Policy::default()).unwrap();
        assert_eq!(d[0].price.official_amount.to_string(), "1000.0000000001");
        assert_eq!(d[0].price.amount.to_string(), "1000");
        assert_eq!(d[0].kind, DiscountKind::Business);
        assert!(!d[0].best_offer);
    }

    #[test]
    fn amount_wins_over_an_inconsistent_discount_amount() {
        let r = read(
            r#"{"optional_discount_rating_results":[{"discount_id":"x","official_website_amount":100,
                "amount":80,"discount_amount":25}]}"#,
        );
        assert_eq!(
            r.discounts(&Policy::default()).unwrap()[0]
                .price
                .discount_amount
                .to_string(),
            "20"
        );
    }

    #[test]
    fn contradictions_and_gaps_are_invalid_rating_with_a_path() {
        let cases = [
            (
                r#"{"optional_discount_rating_results":[{"discount_id":"x","amount":1}]}"#,
                "optional_discount_rating_results[0]",
            ),
            (
                r#"{"official_website_rating_result":{"official_website_amount":10},
                    "optional_discount_rating_results":[{"discount_id":"x"}]}"#,
                "optional_discount_rating_results[0]",
            ),
            (
                r#"{"official_website_rating_result":{"official_website_amount":10},
                    "optional_discount_rating_results":[{"discount_id":"x","amount":11}]}"#,
                "optional_discount_rating_results[0]",
            ),
            (
                r#"{"official_website_rating_result":{"official_website_amount":10},
                    "optional_discount_rating_results":[{"discount_id":"x","amount":-1}]}"#,
                "optional_discount_rating_results[0]",
            ),
            (
                r#"{"official_website_rating_result":{"official_website_amount":10},
                    "optional_discount_rating_results":[{"discount_id":"x","amount":1,
                    "product_rating_results":[{"id":"a","amount":1}]}]}"#,
                "optional_discount_rating_results[0].product_rating_results[0]",
            ),
            (
                r#"{"official_website_rating_result":{"official_website_amount":10,"measure_id":9},
                    "optional_discount_rating_results":[{"discount_id":"x","amount":1}]}"#,
                "official_website_rating_result.official_website_amount",
            ),
        ];
        for (text, field) in cases {
            let err = read(text).discounts(&Policy::default()).unwrap_err();
            assert_eq!(err.code(), "invalid_rating", "{text}");
            assert_eq!(err.field(), Some(field), "{text}");
        }
    }

    #[test]
    fn measure_ids_other_than_yuan_are_converted() {
        let r = read(
            r#"{"official_website_rating_result":{"official_website_amount":10500,"measure_id":3},
                "optional_discount_rating_results":[{"discount_id":"x","amount":8925,"measure_id":3}]}"#,
        );
        let d = r.discounts(&Policy::default()).unwrap();
        assert_eq!(d[0].price.official_amount.to_string(), "105");
        assert_eq!(d[0].price.amount.to_string(), "89.25");
    }

    #[test]
    fn bad_values_name_their_path() {
        let err = RatingResponse::from_json(
            r#"{"optional_discount_rating_results":[{"discount_id":"x"},{"discount_id":"y","amount":"1,5"}]}"#,
        )
        .unwrap_err();
        assert_eq!(
            (err.code(), err.path.as_str()),
            (
                "invalid_amount",
                "optional_discount_rating_results[1].amount"
            )
        );
        let err =
            RatingResponse::from_json(r#"{"optional_discount_rating_results":[{"amount":1}]}"#)
                .unwrap_err();
        assert_eq!(err.path, "optional_discount_rating_results[0].discount_id");
        let elements = vec![r#"{"discount_id":"x","amount":1}"#; MAX_ELEMENTS + 1].join(",");
        let err = RatingResponse::from_json(&format!(
            r#"{{"optional_discount_rating_results":[{elements}]}}"#
        ))
        .unwrap_err();
        assert_eq!(err.path, "optional_discount_rating_results");
    }
}
