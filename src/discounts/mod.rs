//! Discount options from the rating and order APIs, and the rules that select one.
//!
//! * [`rating`] — ListRateOnPeriodDetail / ListRenewRateOnPeriod responses, read exactly.
//! * [`option`] — one discount option from either API family ([`DiscountOption`]).
//! * [`apply`] — an option applied to the lines of an order (per-line `discount_mode`).
//! * [`select`] — the selection rules (`best_offer`, largest saving, auto-pay, 609).
//! * [`kind`] — discount type codes and their kinds.

pub mod apply;
mod error;
pub mod kind;
pub mod option;
pub mod rating;
pub mod select;
pub mod wire;

pub use apply::{AmountSource, AppliedDiscount, ApplyError, LineDiscount, LineIndex, LineRef};
pub use error::DiscountError;
pub use kind::{contests_best_offer, is_business, kind_of, pay_discount_type};
pub use option::DiscountOption;
pub use rating::{PriceTriple, RatedDiscount, RatedLine, RatingResponse};
pub use select::{
    Contender, DiscountChoice, SelectOptions, SelectionRule, choose, policy_options,
    select_discount, select_json,
};
