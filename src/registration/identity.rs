//! CheckUserIdentity (`POST /v2/partners/sub-customers/users/check-identity`): is a name,
//! mobile number or email still free to register?
//!
//! `search_value` (max 64) must have the form its `search_type` needs: an account name
//! (`^[A-Za-z-][A-Za-z0-9_-]{4,31}$`, no `op_` / `shadow_`), an email, or a mobile in the
//! country-code form `0086-<number>`. A mobile may be given as typed (`138 0000 0000`,
//! `+86…`); the body carries the `0086-` form. Each type's rule is within the 64 limit.

use crate::json::write::{Object, WriteJson};

use super::account_name::check_account_name;
use super::email::check_email;
use super::fields::{Entry, one_of, owned, required_text};
use super::form::Form;
use super::issue::{Issues, Operation, Problem, Validation};
use super::mobile::{check_identity_form, national_mobile};

/// The `search_type` values.
pub const SEARCH_TYPES: [&str; 3] = ["email", "mobile", "name"];

/// Longest `search_value`.
pub const SEARCH_VALUE_MAX: usize = 64;

/// The CheckUserIdentity request body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CheckUserIdentityBody {
    /// `email`, `mobile` or `name`.
    pub search_type: &'static str,
    /// The value in the form its type needs (`0086-13800000000` for a mobile).
    pub search_value: String,
}

impl WriteJson for CheckUserIdentityBody {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("search_type", self.search_type)
            .field("search_value", &self.search_value)
            .end();
    }
}

/// Validates a CheckUserIdentity request (`{search_type, search_value}`): every issue, and
/// the wire-ready body when there is none.
pub fn check_user_identity_request(request: &Form) -> Validation<CheckUserIdentityBody> {
    let mut issues = Issues::new(Operation::CheckUserIdentity);
    let search_type = required_text(
        &mut issues,
        "search_type",
        Entry::get(request, "search_type"),
    )
    .and_then(|t| one_of(&mut issues, "search_type", t, &SEARCH_TYPES));
    const FIELD: &str = "search_value";
    let value = required_text(&mut issues, FIELD, Entry::get(request, FIELD));
    let search_value = match (search_type, value) {
        (Some("mobile"), Some(value)) => national_mobile(value)
            .map(|national| check_identity_form(&national))
            .map_err(|reason| issues.add(FIELD, Problem::Mobile(reason)))
            .ok(),
        (Some("email"), Some(value)) => {
            check_email(&mut issues, FIELD, value);
            owned(Some(value))
        }
        (Some(_), Some(value)) => {
            check_account_name(&mut issues, FIELD, value);
            owned(Some(value))
        }
        // Without a valid type there is no form to check the value against.
        _ => None,
    };
    Validation::finish(issues, || CheckUserIdentityBody {
        search_type: search_type.unwrap_or_default(),
        search_value: search_value.unwrap_or_default(),
    })
}
