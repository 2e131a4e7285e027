//! Errors of the quote area.

use crate::codes::error as code;
use crate::coupons::CouponError;
use crate::discounts::DiscountError;
use crate::error::ErrorCode;
use crate::json::JsonError;
use crate::json::read::join as join_path;
use crate::money::AmountError;

use crate::allocation::AllocationError;

/// Why a line cannot be priced or an order cannot be quoted. Problems with one coupon or one
/// discount are not errors: the quote reports them in `rejected`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuoteError {
    /// The order (or a line) is not a valid order: negative price, missing amount, …
    #[error("{field}: {message}")]
    InvalidOrder {
        /// The path of the offending value (`order.lines[3].unit_price`).
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// More lines, coupons or discounts than the engine accepts.
    #[error("{field}: more than {limit} elements")]
    TooLarge {
        /// The list that is too long.
        field: String,
        /// The limit.
        limit: usize,
    },
    /// The input could not be read (bad JSON, an amount that does not parse, wrong shape).
    #[error(transparent)]
    Json(#[from] JsonError),
    /// A rating response given to the quote is malformed.
    #[error(transparent)]
    Discount(#[from] DiscountError),
    /// The options are malformed (`invalid_option`).
    #[error(transparent)]
    Options(#[from] CouponError),
    /// The quote could not be written (a bug, never expected): `internal`, as for coupons.
    #[error("internal error: {0}")]
    Internal(String),
    /// An arithmetic result does not fit an amount.
    #[error(transparent)]
    Amount(#[from] AmountError),
    /// An argument longer than its byte limit (`too_large`), refused before it is parsed.
    #[error(transparent)]
    InputTooLarge(#[from] crate::limits::TooLarge),
}

impl QuoteError {
    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        QuoteError::InvalidOrder {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The same error with its field path under `prefix` (`unit_price` →
    /// `order.lines[2].unit_price`).
    pub fn at(self, prefix: &str) -> Self {
        match self {
            QuoteError::InvalidOrder { field, message } => QuoteError::InvalidOrder {
                field: join_path(prefix, &field),
                message,
            },
            QuoteError::TooLarge { field, limit } => QuoteError::TooLarge {
                field: join_path(prefix, &field),
                limit,
            },
            QuoteError::Json(mut e) => {
                e.path = join_path(prefix, &e.path);
                QuoteError::Json(e)
            }
            other => other,
        }
    }
}

/// `invalid_order` at `field`, the message another error's text: one cold body for every
/// such error (each `to_string` inlined its formatting).
#[cold]
#[inline(never)]
pub(crate) fn invalid_with(field: &str, e: &dyn std::fmt::Display) -> QuoteError {
    QuoteError::invalid(field, e.to_string())
}

impl From<AllocationError> for QuoteError {
    fn from(e: AllocationError) -> Self {
        match e {
            AllocationError::Amount(a) => QuoteError::Amount(a),
            other => invalid_with("", &other),
        }
    }
}

impl ErrorCode for QuoteError {
    fn code(&self) -> &'static str {
        match self {
            QuoteError::InvalidOrder { .. } => code::INVALID_ORDER,
            QuoteError::TooLarge { .. } => code::TOO_LARGE,
            QuoteError::Json(e) => e.code(),
            QuoteError::Discount(e) => e.code(),
            QuoteError::Options(e) => e.code(),
            QuoteError::Amount(e) => e.code(),
            QuoteError::InputTooLarge(_) => code::TOO_LARGE,
            QuoteError::Internal(_) => code::INTERNAL,
        }
    }

    fn field(&self) -> Option<&str> {
        match self {
            QuoteError::InvalidOrder { field, .. } | QuoteError::TooLarge { field, .. } => {
                (!field.is_empty()).then_some(field.as_str())
            }
            QuoteError::Json(e) => e.field(),
            QuoteError::Discount(e) => e.field(),
            QuoteError::Options(e) => e.field(),
            QuoteError::Amount(_) | QuoteError::Internal(_) => None,
            QuoteError::InputTooLarge(e) => Some(e.what),
        }
    }
}
