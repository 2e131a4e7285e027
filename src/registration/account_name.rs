//! Account (login) names: CreateSubCustomer `domain_name` and CheckUserIdentity
//! `search_value` for `search_type` `name`.
//!
//! CreateSubCustomer allows `^[A-Za-z_-][A-Za-z0-9_-]*$` (5–32), CheckUserIdentity
//! `^[A-Za-z-][A-Za-z0-9_-]{4,31}$`. Both forbid the `op_` / `shadow_` prefixes and all-digit
//! names. The rule here is the intersection, so a name that passes can be pre-checked and
//! created; the prefixes are compared ignoring case (the docs leave case open, and stricter
//! is the safe side).

use super::fields::{check_alphabet, check_length};
use super::issue::{Issues, Problem};

/// The shortest and longest account name.
pub const ACCOUNT_NAME_LENGTH: (usize, usize) = (5, 32);

/// Prefixes an account name must not start with (in any case).
pub const RESERVED_PREFIXES: [&str; 2] = ["op_", "shadow_"];

fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// Checks a non-empty account name, recording every problem on `field`.
pub(crate) fn check_account_name(issues: &mut Issues, field: &'static str, name: &str) {
    let (min, max) = ACCOUNT_NAME_LENGTH;
    check_length(issues, field, name, min, max);
    check_alphabet(issues, field, name, name_char, true);
    if name.bytes().all(|b| b.is_ascii_digit()) {
        issues.add(field, Problem::AllDigits);
    } else if matches!(name.bytes().next(), Some(b'0'..=b'9' | b'_')) {
        issues.add(field, Problem::InvalidStart);
    }
    let prefix = RESERVED_PREFIXES.into_iter().find(|p| {
        name.get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p))
    });
    if let Some(prefix) = prefix {
        issues.add(field, Problem::ReservedPrefix(prefix));
    }
}
