//! Huawei Cloud partner sales platform (BSS) rules for partner storefronts.
//!
//! The core is pure Rust: no clock, no randomness, no I/O, and no JavaScript anywhere in its
//! dependency graph. The WebAssembly binding is a separate crate (`pkg/`, `bss-storefront-wasm`)
//! that only converts values between JS and this crate.
//!
//! * [`money`] — [`Amount`], the one money type: exact decimal, canonical strings.
//! * [`json`] — reading BSS bodies from raw JSON text with amounts kept exact.
//! * [`codes`] — the registry of every code the package emits, and the catalog of fixed messages.
//! * [`error`] — the error trait every area's error implements.
//! * `registration`, `coupons`, `discounts`, `quote`, `api` — the BSS rule areas.
//! * [`sign`] — the SDK-HMAC-SHA256 request signer.
#![deny(missing_docs)]

pub mod allocation;
pub mod api;
mod calendar;
pub mod codes;
pub mod coupons;
pub mod discounts;
pub mod error;
pub mod json;
pub mod limits;
pub mod money;
pub mod orders;
pub mod quote;
pub mod registration;
pub mod sign;
pub mod text;

pub use error::ErrorCode;
pub use money::{Amount, AmountError};

/// The crate version, as published in the npm package.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg(test)]
mod tests {
    /// The crate and the npm package it is published as carry one version.
    #[test]
    fn version_is_the_npm_package_version() {
        let package: serde_json::Value =
            serde_json::from_str(include_str!("../pkg/package.json")).unwrap();
        assert_eq!(package["version"], super::VERSION);
    }
}
