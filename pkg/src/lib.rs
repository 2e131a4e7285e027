//! The JavaScript binding of bss-storefront. This is the only code that knows about JS: it
//! converts values and errors and calls the core crate, which holds every rule.
//!
//! One crate, three wasm modules: `make build` compiles it once per area feature
//! (`registration`, `pricing`, `client`), so each page loads only the rules it uses.
#![cfg(target_arch = "wasm32")]

/// Every module's allocator: talc instead of the default dlmalloc (registration 2.7 KB gzipped
/// smaller, no slower on bulk validation; client 76,294 -> 73,528 B; pricing 136,431 ->
/// 133,599 B, its quote "best" through the wallet as fast in Node: 3.76-3.86 M instructions
/// per call under callgrind against dlmalloc's 3.90-3.93 M).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

// The client area declares no code union of its own (its codes are in bss_error.d.ts).
#[cfg(any(feature = "registration", feature = "pricing"))]
mod codes;
mod convert;
mod error;
mod js;

#[cfg(feature = "registration")]
mod registration;

#[cfg(feature = "pricing")]
mod coupons;
#[cfg(feature = "pricing")]
mod discounts;
#[cfg(feature = "pricing")]
mod input;
#[cfg(feature = "pricing")]
mod money;
#[cfg(feature = "pricing")]
mod orders;
#[cfg(feature = "pricing")]
mod quote;

#[cfg(feature = "client")]
mod client;
#[cfg(feature = "client")]
mod client_methods;
#[cfg(feature = "client")]
mod client_pages;
#[cfg(feature = "client")]
mod client_types;
#[cfg(feature = "client")]
mod fetch;
#[cfg(feature = "client")]
mod js_input;
#[cfg(feature = "client")]
mod proxy;
#[cfg(feature = "client")]
mod registration_rules;
#[cfg(feature = "client")]
mod sign;
#[cfg(feature = "client")]
mod token;
