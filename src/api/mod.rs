//! BSS operations for the client: each operation's request with its documented validation,
//! method and path; responses read exactly; errors, retries, clock skew and IAM tokens.
//!
//! Everything here is pure (no clock, no randomness, no I/O); the binding hands the requests to
//! its JS driver, which sends them and reports back.
//!
//! * [`Operation`] — the 23 covered operations and their [`Spec`] (method, path, parameters,
//!   retry class).
//! * [`build`] — validate an input (a JSON object with BSS wire names) into an
//!   [`ApiRequest`]; a request with issues is never sent ([`ApiError::InvalidRequest`]).
//! * [`interpret`] — an HTTP answer as the result (amounts exact) or an [`ApiError`].
//! * [`next_step`] — retry, re-sign after clock skew, or return.
//! * [`token`] — IAM password tokens.
//! * [`Json`] — the client's JSON value (numbers kept as their text): inputs, bodies and
//!   answers; `Json::from(&serde_json::Value)` for callers holding serde values.

// First: its macro appends the generated rows to the table in `operation`.
#[macro_use]
mod sdk_table;
mod credentials;
mod error;
mod issue;
mod operation;
pub mod options;
mod paging;
pub mod proxy;
pub mod registration;
mod request;
mod response;
mod retry;
pub mod schema;
pub mod token;
mod value;

pub use credentials::{Credentials, CredentialsInput};
pub use error::{
    ApiError, MAX_MESSAGE_CHARS, ServerError, redact, server_error, server_error_redacted,
};
pub use issue::{Issue, Problem, issues_json};
pub use operation::{Caller, ID_MAX, OFFSET_MAX, Operation, Repeat, Spec};
pub use paging::{Paging, next_page};
pub use request::{
    ApiRequest, Auth, MAX_INPUT_BYTES, Outgoing, build, build_with, endpoint, proxy_outgoing,
    proxy_url, site_of,
};
pub use response::{
    AMOUNT_KEYS, ASSOCIATION_PENDING, Answer, interpret, interpret_redacted, is_redirect,
    parse_body, parse_json,
};
pub use retry::{
    Attempt, Attempts, Context, RetryPolicy, Step, backoff_ms, is_signature_expired, next_step,
    retry_after_ms, server_time,
};
pub use value::{Json, JsonSyntax, MAX_DEPTH};
