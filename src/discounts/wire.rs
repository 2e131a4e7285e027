//! The discount area's wire helpers: BSS bodies and engine inputs are read with the one
//! reader, [`crate::json::read`] (re-exported here for the area's files), with the path of
//! every bad value (`optional_discount_rating_results[1].amount`); amounts in `measure_id`
//! units are converted to 元 (and written as the coupon area writes them: `verdict::Money`).
//! BSS integer codes may arrive as numbers or numeric strings, amounts as numbers or strings;
//! `null` is the same as absent.

use super::error::DiscountError;
pub use crate::json::read::{Obj, Path, amount_of, join, shape, tree};
use crate::money::Amount;

/// Converts an amount given in `measure_id` units to 元 (1 元, 2 角, 3 分; absent = 元).
/// A unit that is not money is an error at `path` + `name` (joined only then).
pub(crate) fn in_yuan(
    amount: Amount,
    measure_id: Option<i64>,
    path: &str,
    name: &str,
) -> Result<Amount, DiscountError> {
    let divisor = match measure_id {
        None | Some(1) => return Ok(amount),
        Some(2) => 10,
        Some(3) => 100,
        Some(other) => {
            return Err(DiscountError::invalid(
                join(path, name),
                crate::text::with_int(
                    "measure_id ",
                    other,
                    " is not a money unit (1 元, 2 角, 3 分)",
                ),
            ));
        }
    };
    Ok(amount.checked_div(Amount::from(divisor))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn measure_units_convert_to_yuan() {
        let a = Amount::parse("1050").unwrap();
        assert_eq!(in_yuan(a, Some(3), "x", "").unwrap().to_string(), "10.5");
        assert_eq!(in_yuan(a, Some(2), "x", "").unwrap().to_string(), "105");
        assert_eq!(in_yuan(a, None, "x", "").unwrap(), a);
        assert_eq!(
            in_yuan(a, Some(17), "x", "").unwrap_err().field(),
            Some("x")
        );
        assert_eq!(
            in_yuan(a, Some(17), "d[1]", "amount").unwrap_err().field(),
            Some("d[1].amount")
        );
    }
}
