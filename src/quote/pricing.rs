//! The official (list-price) amount of a line, with BSS's formulas and precision.
//!
//! * yearly/monthly: `period_num / period_conversion_ratio × [resource_size ×] unit_price × subscription_num`
//! * on-demand: `usage_value / usage_conversion_ratio × [resource_size ×] unit_price × subscription_num`
//! * one-time: `[resource_size ×] unit_price × subscription_num`
//!
//! The product is exact: the single division comes last. Precision of the result:
//! * on-demand: truncated to 6 decimals, or 10 with `inquiry_precision: 1` — what
//!   ListOnDemandResourceRatings returns;
//! * yearly/monthly and one-time: exact; a quotient that does not terminate (a conversion
//!   ratio that does not divide) is truncated at 10 decimals, the precision of BSS prices.

use crate::json::tree::Node;

use super::error::QuoteError;
pub use crate::coupons::ChargingMode;
use crate::coupons::verdict::Money;
use crate::json::JsonError;
use crate::json::read::{Obj, Path, amount_for, tree};
use crate::json::write::{Object, WriteJson};
use crate::money::Amount;

/// Decimal places of the on-demand inquiry at `inquiry_precision` 0 (the default).
pub const INQUIRY_DECIMALS_DEFAULT: u32 = 6;
/// Decimal places of the on-demand inquiry at `inquiry_precision` 1.
pub const INQUIRY_DECIMALS_PRECISE: u32 = 10;
/// Decimal places of BSS list prices; non-terminating period amounts are cut here.
pub const PRICE_DECIMALS: u32 = 10;

/// The list-price inputs of one line (the names of the rating and fee-record APIs).
#[derive(Debug, Clone, Default)]
pub struct LinePriceInput {
    /// How the line is charged; inferred from `period_num` / `usage_value` when absent.
    pub charging_mode: Option<ChargingMode>,
    /// List price per pricing unit (元).
    pub unit_price: Amount,
    /// Number of instances (default 1).
    pub subscription_num: Option<Amount>,
    /// Size of a linear product (GB, Mbps, …); absent for non-linear products.
    pub resource_size: Option<Amount>,
    /// Number of periods bought (yearly/monthly).
    pub period_num: Option<Amount>,
    /// Periods per pricing period (周期转化率, default 1).
    pub period_conversion_ratio: Option<Amount>,
    /// Usage quantity (on-demand), e.g. seconds.
    pub usage_value: Option<Amount>,
    /// Usage units per pricing unit (e.g. 3600 seconds per hour, default 1).
    pub usage_conversion_ratio: Option<Amount>,
    /// On-demand inquiry precision: 0 (default) truncates to 6 decimals, 1 to 10.
    pub inquiry_precision: Option<u8>,
}

/// A priced line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinePrice {
    /// The charging mode used.
    pub charging_mode: ChargingMode,
    /// The official amount at BSS's precision (see the module documentation).
    pub official_amount: Amount,
    /// The exact product before any truncation (28 significant digits at most).
    pub exact_amount: Amount,
}

impl WriteJson for LinePrice {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("charging_mode", &self.charging_mode)
            .field("official_amount", &Money(self.official_amount))
            .field("exact_amount", &Money(self.exact_amount))
            .end();
    }
}

/// The fields of a line price input.
pub const PRICE_FIELDS: [&str; 9] = [
    "charging_mode",
    "unit_price",
    "subscription_num",
    "resource_size",
    "period_num",
    "period_conversion_ratio",
    "usage_value",
    "usage_conversion_ratio",
    "inquiry_precision",
];

impl LinePriceInput {
    /// Reads a line price input at `path`; other fields are errors.
    pub fn from_value(v: &Node<'_>, path: &str) -> Result<LinePriceInput, JsonError> {
        let o = object(v, path.into(), &PRICE_FIELDS)?;
        LinePriceInput::read(&o, o.get("charging_mode"), o.get("period_num"))
    }

    /// Reads the list-price fields of `o`, with `charging_mode` and `period_num` given by the
    /// caller (a quote's line takes them from its order when it has none); `null` is absent.
    /// Fields other than these are not looked at: the caller decides which are allowed.
    pub(crate) fn read<'a, 't>(
        o: &Obj<'_, '_>,
        mode: Option<&'a Node<'t>>,
        periods: Option<&'a Node<'t>>,
    ) -> Result<LinePriceInput, JsonError> {
        let given = |v: Option<&'a Node<'t>>| v.filter(|v| !matches!(v, Node::Null));
        let charging_mode = match given(mode) {
            None => None,
            Some(Node::String(text) | Node::Number(text)) => Some(match text.as_ref() {
                "period" => ChargingMode::Period,
                "on_demand" => ChargingMode::OnDemand,
                "one_time" => ChargingMode::OneTime,
                _ => {
                    return Err(o.fail(
                        "charging_mode",
                        "expected \"period\", \"on_demand\" or \"one_time\"",
                    ));
                }
            }),
            Some(other) => return Err(o.wrong("charging_mode", "a string", other)),
        };
        Ok(LinePriceInput {
            charging_mode,
            unit_price: o
                .amount("unit_price")?
                .ok_or_else(|| o.fail("unit_price", "missing"))?,
            subscription_num: o.amount("subscription_num")?,
            resource_size: o.amount("resource_size")?,
            period_num: given(periods)
                .map(|v| amount_for(o, "period_num", v))
                .transpose()?,
            period_conversion_ratio: o.amount("period_conversion_ratio")?,
            usage_value: o.amount("usage_value")?,
            usage_conversion_ratio: o.amount("usage_conversion_ratio")?,
            inquiry_precision: o
                .code("inquiry_precision")?
                .map(|p| u8::try_from(p).unwrap_or(u8::MAX)),
        })
    }
}

/// `v` as an object at `path` whose fields are all in `fields`: one out-of-line body for the
/// quote's readers (inlined, every `only` carried its own message formatting). Here, below
/// the other readers (`input`, `wallet`) that use it.
#[inline(never)]
pub(crate) fn object<'a, 't>(
    v: &'a Node<'t>,
    path: Path<'a>,
    fields: &[&str],
) -> Result<Obj<'a, 't>, JsonError> {
    Obj::at_path(v, path)?.only(fields)
}

/// `priceLine` on JSON text.
pub fn price_line_json(text: &str) -> Result<String, QuoteError> {
    crate::limits::check_text("line", text, crate::limits::MAX_OPTIONS_BYTES)?;
    let line = LinePriceInput::from_value(&tree(text)?, "")?;
    let priced = price_line(&line)?;
    Ok(priced.to_json())
}

/// Prices one line. Errors name the offending field (`unit_price`).
pub fn price_line(line: &LinePriceInput) -> Result<LinePrice, QuoteError> {
    let mode = match (line.charging_mode, line.period_num, line.usage_value) {
        (Some(mode), _, _) => mode,
        (None, Some(_), None) => ChargingMode::Period,
        (None, None, Some(_)) => ChargingMode::OnDemand,
        (None, Some(_), Some(_)) => {
            return Err(QuoteError::invalid(
                "charging_mode",
                "both period_num and usage_value are given: say which charging mode applies",
            ));
        }
        (None, None, None) => {
            return Err(QuoteError::invalid(
                "charging_mode",
                "give period_num (yearly/monthly), usage_value (on-demand) or charging_mode",
            ));
        }
    };
    let unit_price = non_negative(line.unit_price, "unit_price")?;
    let subscription_num = match line.subscription_num {
        None => Amount::from(1),
        // A whole number: truncating changes nothing (`Decimal::fract` was 2,724 B of wasm).
        Some(n) if n >= Amount::from(1) && n.trunc_dp(0) == n => n,
        Some(_) => {
            return Err(QuoteError::invalid(
                "subscription_num",
                "must be a whole number ≥ 1",
            ));
        }
    };
    let mut numerator = unit_price.checked_mul(subscription_num)?;
    if let Some(size) = line.resource_size {
        numerator = numerator.checked_mul(non_negative(size, "resource_size")?)?;
    }
    let (quantity, ratio, ratio_field) = match mode {
        ChargingMode::Period => (
            Some(positive(
                line.period_num.ok_or_else(|| {
                    QuoteError::invalid("period_num", "required for period lines")
                })?,
                "period_num",
            )?),
            line.period_conversion_ratio,
            "period_conversion_ratio",
        ),
        ChargingMode::OnDemand => (
            Some(non_negative(
                line.usage_value.ok_or_else(|| {
                    QuoteError::invalid("usage_value", "required for on-demand lines")
                })?,
                "usage_value",
            )?),
            line.usage_conversion_ratio,
            "usage_conversion_ratio",
        ),
        ChargingMode::OneTime => (None, None, ""),
    };
    if let Some(q) = quantity {
        numerator = numerator.checked_mul(q)?;
    }
    let exact = match ratio {
        Some(r) => numerator.checked_div(positive(r, ratio_field)?)?,
        None => numerator,
    };
    let official = match mode {
        ChargingMode::OnDemand => exact.trunc_dp(inquiry_decimals(line.inquiry_precision)?),
        _ => exact.trunc_dp(PRICE_DECIMALS),
    };
    Ok(LinePrice {
        charging_mode: mode,
        official_amount: official,
        exact_amount: exact,
    })
}

fn inquiry_decimals(precision: Option<u8>) -> Result<u32, QuoteError> {
    match precision {
        None | Some(0) => Ok(INQUIRY_DECIMALS_DEFAULT),
        Some(1) => Ok(INQUIRY_DECIMALS_PRECISE),
        Some(_) => Err(QuoteError::invalid(
            "inquiry_precision",
            "must be 0 (6 decimals) or 1 (10 decimals)",
        )),
    }
}

fn non_negative(a: Amount, field: &str) -> Result<Amount, QuoteError> {
    if a.is_negative() {
        return Err(QuoteError::invalid(field, format!("negative: {a}")));
    }
    Ok(a)
}

fn positive(a: Amount, field: &str) -> Result<Amount, QuoteError> {
    if a.is_negative() || a.is_zero() {
        return Err(QuoteError::invalid(field, format!("must be > 0, got {a}")));
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    fn price(json: &str) -> Result<LinePrice, QuoteError> {
        price_line(&LinePriceInput::from_value(&tree(json).unwrap(), "").unwrap())
    }

    #[test]
    fn evs_30_gb_for_5_months_at_0_7_is_105() {
        let p =
            price(r#"{"unit_price":"0.7","resource_size":30,"period_num":5,"subscription_num":1}"#)
                .unwrap();
        assert_eq!(p.charging_mode, ChargingMode::Period);
        assert_eq!(p.official_amount.to_string(), "105");
    }

    #[test]
    fn on_demand_evs_25874_seconds_truncates_to_the_inquiry_precision() {
        let base = r#""unit_price":0.0006400000,"resource_size":10,"usage_value":25874,"usage_conversion_ratio":3600"#;
        let p = price(&format!("{{{base}}}")).unwrap();
        assert_eq!(p.charging_mode, ChargingMode::OnDemand);
        assert_eq!(p.official_amount.to_string(), "0.045998");
        assert!(p.exact_amount.to_string().starts_with("0.04599822222222"));
        let p = price(&format!("{{{base},\"inquiry_precision\":1}}")).unwrap();
        assert_eq!(p.official_amount.to_string(), "0.0459982222");
    }

    #[test]
    fn period_conversion_and_non_terminating_quotients() {
        // 5 months of a yearly-priced product: 5 / 12 × 1200 = 500 exactly.
        let p =
            price(r#"{"unit_price":1200,"period_num":5,"period_conversion_ratio":12}"#).unwrap();
        assert_eq!(p.official_amount.to_string(), "500");
        // 1 / 3 × 100 does not terminate: cut at 10 decimals, truncating.
        let p = price(r#"{"unit_price":100,"period_num":1,"period_conversion_ratio":3}"#).unwrap();
        assert_eq!(p.official_amount.to_string(), "33.3333333333");
        let p = price(r#"{"unit_price":200,"period_num":1,"period_conversion_ratio":3}"#).unwrap();
        assert_eq!(p.official_amount.to_string(), "66.6666666666");
    }

    #[test]
    fn one_time_and_subscriptions() {
        let p = price(r#"{"charging_mode":"one_time","unit_price":"9.99","subscription_num":3}"#)
            .unwrap();
        assert_eq!(p.official_amount.to_string(), "29.97");
    }

    #[test]
    fn bad_lines_name_their_field() {
        let cases = [
            (r#"{"unit_price":-1,"period_num":1}"#, "unit_price"),
            (r#"{"unit_price":1,"period_num":0}"#, "period_num"),
            (r#"{"unit_price":1,"usage_value":-5}"#, "usage_value"),
            (
                r#"{"unit_price":1,"period_num":1,"period_conversion_ratio":0}"#,
                "period_conversion_ratio",
            ),
            (
                r#"{"unit_price":1,"period_num":1,"subscription_num":1.5}"#,
                "subscription_num",
            ),
            (
                r#"{"unit_price":1,"period_num":1,"subscription_num":0}"#,
                "subscription_num",
            ),
            (
                r#"{"unit_price":1,"period_num":1,"resource_size":-1}"#,
                "resource_size",
            ),
            (r#"{"unit_price":1}"#, "charging_mode"),
            (
                r#"{"unit_price":1,"period_num":1,"usage_value":1}"#,
                "charging_mode",
            ),
            (r#"{"charging_mode":"period","unit_price":1}"#, "period_num"),
            (
                r#"{"unit_price":1,"usage_value":1,"inquiry_precision":2}"#,
                "inquiry_precision",
            ),
        ];
        for (json, field) in cases {
            let err = price(json).unwrap_err();
            assert_eq!(err.code(), "invalid_order", "{json}");
            assert_eq!(err.field(), Some(field), "{json}");
        }
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        let err = price(r#"{"unit_price":"7e28","period_num":"7e28"}"#).unwrap_err();
        assert_eq!(err.code(), "amount_overflow");
    }
}
