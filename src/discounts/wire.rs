//! Reading BSS integer codes and measure units as they arrive on the wire.

use serde::{Deserialize, Deserializer, Serializer, de};

use super::error::DiscountError;
use crate::money::Amount;

/// An optional integer code (`discount_type`, `best_offer`, `measure_id`, `discount_mode`)
/// given as a JSON number or as a numeric string (`605` or `"605"`).
pub(crate) fn int_code<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let Some(value) = Option::<Amount>::deserialize(d)? else {
        return Ok(None);
    };
    let decimal = value.as_decimal();
    if !decimal.fract().is_zero() {
        return Err(de::Error::custom(format!(
            "expected an integer code, got {value}"
        )));
    }
    i64::try_from(decimal.trunc())
        .map(Some)
        .map_err(|_| de::Error::custom(format!("integer code out of range: {value}")))
}

/// Writes an amount as the coupon area does: every digit, at least two decimals (`"80.00"`,
/// `"0.00064"`).
pub fn money<S: Serializer>(amount: &Amount, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&crate::coupons::verdict::money_text(*amount))
}

/// An optional amount that BSS may also send as an empty string (`discount_value` of a
/// fixed-price discount): `""` and `null` are absent, anything else must be an amount.
pub(crate) fn lenient_amount<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Amount>, D::Error> {
    match Option::<serde_json::Value>::deserialize(d)? {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) if s.is_empty() => Ok(None),
        Some(serde_json::Value::String(s)) => {
            Amount::parse(&s).map(Some).map_err(de::Error::custom)
        }
        // With arbitrary_precision the number keeps its text.
        Some(serde_json::Value::Number(n)) => Amount::parse(&n.to_string())
            .map(Some)
            .map_err(de::Error::custom),
        Some(other) => Err(de::Error::custom(format!(
            "invalid amount: expected a string or a number, got {other}"
        ))),
    }
}

/// Converts an amount given in `measure_id` units to 元 (1 元, 2 角, 3 分; absent = 元).
pub(crate) fn in_yuan(
    amount: Amount,
    measure_id: Option<i64>,
    field: &str,
) -> Result<Amount, DiscountError> {
    let divisor = match measure_id {
        None | Some(1) => return Ok(amount),
        Some(2) => 10,
        Some(3) => 100,
        Some(other) => {
            return Err(DiscountError::invalid(
                field,
                format!("measure_id {other} is not a money unit (1 元, 2 角, 3 分)"),
            ));
        }
    };
    Ok(amount.checked_div(Amount::from(divisor))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Codes {
        #[serde(default, deserialize_with = "int_code")]
        a: Option<i64>,
        #[serde(default, deserialize_with = "int_code")]
        b: Option<i64>,
        #[serde(default, deserialize_with = "int_code")]
        c: Option<i64>,
    }

    #[test]
    fn codes_from_numbers_strings_and_null() {
        let c: Codes = crate::json::from_str(r#"{"a": 605, "b": "607", "c": null}"#).unwrap();
        assert_eq!((c.a, c.b, c.c), (Some(605), Some(607), None));
        let c: Codes = crate::json::from_str("{}").unwrap();
        assert_eq!(c.a, None);
        let err = crate::json::from_str::<Codes>(r#"{"a": 1.5}"#)
            .err()
            .unwrap();
        assert_eq!(err.path, "a");
        assert!(crate::json::from_str::<Codes>(r#"{"a": "x"}"#).is_err());
        assert!(crate::json::from_str::<Codes>(r#"{"a": 1e30}"#).is_err());
    }

    #[derive(Deserialize)]
    struct Lenient {
        #[serde(default, deserialize_with = "lenient_amount")]
        v: Option<Amount>,
    }

    #[test]
    fn lenient_amounts() {
        let read =
            |t: &str| crate::json::from_str::<Lenient>(t).map(|l| l.v.map(|a| a.to_string()));
        assert_eq!(read(r#"{"v":""}"#).unwrap(), None);
        assert_eq!(read(r#"{"v":null}"#).unwrap(), None);
        assert_eq!(read("{}").unwrap(), None);
        assert_eq!(read(r#"{"v":0.8500}"#).unwrap().as_deref(), Some("0.85"));
        assert_eq!(read(r#"{"v":"0.85"}"#).unwrap().as_deref(), Some("0.85"));
        let err = read(r#"{"v":"x"}"#).unwrap_err();
        assert_eq!((err.code(), err.path.as_str()), ("invalid_amount", "v"));
        assert_eq!(read(r#"{"v":[1]}"#).unwrap_err().code(), "invalid_amount");
    }

    #[test]
    fn measure_units_convert_to_yuan() {
        let a = Amount::parse("1050").unwrap();
        assert_eq!(in_yuan(a, Some(3), "x").unwrap().to_string(), "10.5");
        assert_eq!(in_yuan(a, Some(2), "x").unwrap().to_string(), "105");
        assert_eq!(in_yuan(a, None, "x").unwrap(), a);
        assert_eq!(in_yuan(a, Some(17), "x").unwrap_err().field(), Some("x"));
    }

    use crate::error::ErrorCode;
}
