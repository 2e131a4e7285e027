//! Errors of the discounts area.

use crate::error::ErrorCode;
use crate::money::AmountError;

/// Why a rating response or a discount option cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DiscountError {
    /// The response does not have the documented shape or its amounts contradict each other.
    #[error("{field}: {message}")]
    InvalidRating {
        /// The path of the offending value (`optional_discount_rating_results[1].amount`).
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// More elements than the engine accepts.
    #[error("{field}: more than {limit} elements")]
    TooLarge {
        /// The list that is too long.
        field: String,
        /// The documented limit.
        limit: usize,
    },
    /// Arithmetic on the amounts overflowed.
    #[error("{0}")]
    Amount(#[from] AmountError),
}

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
            DiscountError::InvalidRating { .. } => "invalid_rating",
            DiscountError::TooLarge { .. } => "too_large",
            DiscountError::Amount(e) => e.code(),
        }
    }

    fn field(&self) -> Option<&str> {
        match self {
            DiscountError::InvalidRating { field, .. } | DiscountError::TooLarge { field, .. } => {
                Some(field)
            }
            DiscountError::Amount(_) => None,
        }
    }
}
