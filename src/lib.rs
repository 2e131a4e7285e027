//! Huawei Cloud partner sales platform (BSS) rules for partner storefronts.
//!
//! The core is pure Rust: no clock, no randomness, no I/O. Everything that knows about
//! JavaScript lives in `src/wasm/`, which is compiled for `wasm32` only and converts values
//! between JS and the core.
//!
//! * [`money`] — [`Amount`], the one money type: exact decimal, canonical strings.
//! * [`json`] — reading BSS bodies from raw JSON text with amounts kept exact.
//! * [`error`] — the stable error codes shared by every area.
//! * `registration`, `coupons`, `discounts`, `quote`, `api` — the BSS rule areas.
//! * [`sign`] — the SDK-HMAC-SHA256 request signer.
#![deny(missing_docs)]

pub mod api;
mod calendar;
pub mod coupons;
pub mod discounts;
pub mod error;
pub mod json;
pub mod money;
pub mod orders;
pub mod quote;
pub mod registration;
pub mod sign;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use error::ErrorCode;
pub use money::{Amount, AmountError};

/// The crate version, as published in the npm package.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
