//! The JavaScript binding. This is the only code that knows about JS: it converts values
//! and errors and calls the core. It holds no rule.

mod client;
mod client_types;
mod convert;
mod coupons;
mod discounts;
mod error;
mod fetch;
mod input;
mod js_input;
mod money;
mod orders;
mod proxy;
mod quote;
mod registration;
mod sign;
mod token;
