//! Errors of the discounts area.

use crate::codes::error as code;
use crate::coupons::CouponError;
use crate::error::ErrorCode;
use crate::json::JsonError;
use crate::money::AmountError;

/// Why a rating response or a discount option cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiscountError {
    /// The response does not have the documented shape or its amounts contradict each other.
    InvalidRating {
        /// The path of the offending value (`optional_discount_rating_results[1].amount`).
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// The body could not be read (bad JSON, an amount that does not parse, wrong shape).
    Json(JsonError),
    /// The options are malformed (`invalid_option`).
    Options(CouponError),
    /// Arithmetic on the amounts overflowed.
    Amount(AmountError),
    /// An argument longer than its byte limit (`too_large`), refused before it is parsed.
    InputTooLarge(crate::limits::TooLarge),
}

impl std::error::Error for DiscountError {}

/// `{field}: {message}`, or the wrapped error's text.
impl std::fmt::Display for DiscountError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DiscountError::InvalidRating { field, message } => {
                f.write_str(field)?;
                f.write_str(": ")?;
                f.write_str(message)
            }
            DiscountError::Json(e) => e.fmt(f),
            DiscountError::Options(e) => e.fmt(f),
            DiscountError::Amount(e) => e.fmt(f),
            DiscountError::InputTooLarge(e) => e.fmt(f),
        }
    }
}

macro_rules! from_errors {
    ($($variant:ident($t:ty)),+) => {$(
        impl From<$t> for DiscountError {
            fn from(e: $t) -> Self {
                DiscountError::$variant(e)
            }
        }
    )+};
}

from_errors!(
    Json(JsonError),
    Options(CouponError),
    Amount(AmountError),
    InputTooLarge(crate::limits::TooLarge)
);

impl DiscountError {
    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        DiscountError::InvalidRating {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl ErrorCode for DiscountError {
    fn code(&self) -> &'static str {
        match self {
            DiscountError::InvalidRating { .. } => code::INVALID_RATING,
            DiscountError::Json(e) => e.code(),
            DiscountError::Options(e) => e.code(),
            DiscountError::Amount(e) => e.code(),
            DiscountError::InputTooLarge(_) => code::TOO_LARGE,
        }
    }

    fn field(&self) -> Option<&str> {
        match self {
            DiscountError::InvalidRating { field, .. } => Some(field),
            DiscountError::Json(e) => e.field(),
            DiscountError::Options(e) => e.field(),
            DiscountError::Amount(_) => None,
            DiscountError::InputTooLarge(e) => Some(e.what),
        }
    }
}
