//! Line pricing, the stacking order, allocation to lines and the best-combination search.
//!
//! * [`pricing`] — the official amount of a line from list prices ([`price_line`]).
//! * [`allocation`] — largest-remainder allocation of order amounts to lines.
//! * [`pay_request`] — the PayOrders (v3) body.

pub mod allocation;
mod error;
pub mod input;
pub mod pay_request;
pub mod pricing;
pub mod units;

pub use error::QuoteError;
pub use input::{QuoteInput, QuoteOptions, Selection};
pub use pay_request::{PayItem, PayRequest};
pub use pricing::{ChargingMode, LinePrice, LinePriceInput, price_line};
