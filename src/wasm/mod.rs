//! The JavaScript binding. This is the only code that knows about JS: it converts values
//! and errors and calls the core. It holds no rule.

mod convert;
mod error;
mod money;
mod registration;
