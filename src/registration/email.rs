//! Email addresses (international site: CreateSubCustomer `email`, SendVerificationMessageCode
//! `email`, CheckUserIdentity `search_value`).
//!
//! The docs only say "a complete, well-formed address containing `@`", max 64. The rule here
//! is the spec's recommendation: 3–64 ASCII characters without spaces, exactly one `@`, a
//! non-empty local part, and a domain with a `.` and no empty labels.

use super::fields::{check_alphabet, check_length};
use super::issue::{Issues, Problem};
use super::kinds::EmailProblem;

/// The shortest and longest email address accepted.
pub const EMAIL_LENGTH: (usize, usize) = (3, 64);

fn email_char(c: char) -> bool {
    c.is_ascii_graphic()
}

/// The shape of an address whose characters are already known to be allowed. (On bytes:
/// `str::split` pulls a searcher into the wasm module for a one-byte separator.)
fn shape(address: &str) -> Result<(), EmailProblem> {
    let b = address.as_bytes();
    let mut parts = b.split(|&c| c == b'@');
    let (local, domain) = match (parts.next(), parts.next(), parts.next()) {
        (Some(local), Some(domain), None) => (local, domain),
        _ => return Err(EmailProblem::AtSign),
    };
    if local.is_empty() {
        return Err(EmailProblem::LocalPart);
    }
    if !domain.contains(&b'.') || domain.split(|&c| c == b'.').any(<[u8]>::is_empty) {
        return Err(EmailProblem::Domain);
    }
    Ok(())
}

/// Checks a non-empty address, recording every problem on `field`.
pub(crate) fn check_email(issues: &mut Issues, field: &'static str, address: &str) {
    let (min, max) = EMAIL_LENGTH;
    check_length(issues, field, address, min, max);
    check_alphabet(issues, field, address, email_char, true);
    if let Err(problem) = shape(address) {
        issues.add(field, Problem::Email(problem));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("a@b.c"), Ok(()));
        assert_eq!(shape("first.last+tag@mail.example.com"), Ok(()));
        assert_eq!(shape("ab.c"), Err(EmailProblem::AtSign));
        assert_eq!(shape("a@b@c.d"), Err(EmailProblem::AtSign));
        assert_eq!(shape("@b.c"), Err(EmailProblem::LocalPart));
        assert_eq!(shape("a@bc"), Err(EmailProblem::Domain));
        assert_eq!(shape("a@b..c"), Err(EmailProblem::Domain));
        assert_eq!(shape("a@.bc"), Err(EmailProblem::Domain));
        assert_eq!(shape("a@bc."), Err(EmailProblem::Domain));
        assert_eq!(shape("a@"), Err(EmailProblem::Domain));
    }
}
