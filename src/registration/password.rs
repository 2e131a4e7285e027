//! CreateSubCustomer `password`.
//!
//! Documented: 8–32 characters, at least 2 of 4 classes (upper case, lower case, digit,
//! special), not the account name or the account name reversed, not containing the mobile
//! number (the email on the international site). Not documented, chosen here: "special"
//! is any printable ASCII character that is not a letter or digit (space included, as in
//! Huawei Cloud's console password rule); anything else (non-ASCII, control characters) is
//! refused; name comparisons ignore case. Every check is one linear pass, so a 1 MB password
//! costs microseconds and is reported as too long.

use super::fields::{check_alphabet, check_length};
use super::issue::{Issues, MIN_PASSWORD_CLASSES, Problem};

/// The shortest and longest password.
pub const PASSWORD_LENGTH: (usize, usize) = (8, 32);

/// What a password must not resemble.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Others<'a> {
    /// The account name (`domain_name`), when the form has one.
    pub name: Option<&'a str>,
    /// The national mobile number, when the form has a valid one.
    pub mobile: Option<&'a str>,
    /// The email address, when the form has one.
    pub email: Option<&'a str>,
}

fn password_char(c: char) -> bool {
    matches!(c, ' '..='~')
}

/// How many of upper case, lower case, digit and special the password uses.
fn classes(password: &str) -> usize {
    let (mut upper, mut lower, mut digit, mut special) = (false, false, false, false);
    for b in password.bytes() {
        match b {
            b'A'..=b'Z' => upper = true,
            b'a'..=b'z' => lower = true,
            b'0'..=b'9' => digit = true,
            b' '..=b'~' => special = true,
            _ => {}
        }
    }
    [upper, lower, digit, special]
        .into_iter()
        .filter(|c| *c)
        .count()
}

fn reversed_eq_ignore_case(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.chars()
            .zip(b.chars().rev())
            .all(|(x, y)| x.eq_ignore_ascii_case(&y))
}

/// Whether `needle` occurs in `haystack`, byte by byte (UTF-8 cannot match inside a
/// character). A plain window scan: `str::contains` pulls the two-way searcher and its slice
/// panics into the wasm module (≈3 KB) for needles of a dozen bytes.
fn contains(haystack: &str, needle: &str, ignore_case: bool) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    n.is_empty()
        || h.windows(n.len()).any(|w| {
            if ignore_case {
                w.eq_ignore_ascii_case(n)
            } else {
                w == n
            }
        })
}

/// Checks a non-empty password, recording every problem on `password`.
pub(crate) fn check_password(issues: &mut Issues, password: &str, others: Others<'_>) {
    const FIELD: &str = "password";
    let (min, max) = PASSWORD_LENGTH;
    check_length(issues, FIELD, password, min, max);
    check_alphabet(issues, FIELD, password, password_char, false);
    let actual = classes(password);
    if actual < MIN_PASSWORD_CLASSES {
        issues.add(FIELD, Problem::TooFewCharacterClasses { actual });
    }
    if let Some(name) = others.name.filter(|n| !n.is_empty()) {
        if password.eq_ignore_ascii_case(name) {
            issues.add(FIELD, Problem::SameAsName);
        } else if reversed_eq_ignore_case(password, name) {
            issues.add(FIELD, Problem::SameAsReversedName);
        }
    }
    if others.mobile.is_some_and(|m| contains(password, m, false)) {
        issues.add(FIELD, Problem::ContainsMobile);
    }
    if let Some(email) = others.email.filter(|e| !e.is_empty()) {
        if contains(password, email, true) {
            issues.add(FIELD, Problem::ContainsEmail);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_counts() {
        assert_eq!(classes("abcdefgh"), 1);
        assert_eq!(classes("abcdEFGH"), 2);
        assert_eq!(classes("abcd1234"), 2);
        assert_eq!(classes("abcd efg"), 2);
        assert_eq!(classes("Ab1!"), 4);
        assert_eq!(classes("ééééé"), 0);
    }

    #[test]
    fn reverse_compares_by_character() {
        assert!(reversed_eq_ignore_case("CBA-x", "x-abc"));
        assert!(!reversed_eq_ignore_case("abc", "abc"));
        assert!(!reversed_eq_ignore_case("ab", "abc"));
    }

    #[test]
    fn window_search_agrees_with_str_contains() {
        let words = [
            "",
            "a",
            "A",
            "ab",
            "Ab1",
            "中",
            "x中y",
            "13800000000",
            "a@B.com",
            "ba",
        ];
        for h in words {
            for n in words {
                assert_eq!(contains(h, n, false), h.contains(n), "{h:?} {n:?}");
                let folded = h.to_ascii_lowercase().contains(&n.to_ascii_lowercase());
                assert_eq!(contains(h, n, true), folded, "{h:?} {n:?}");
            }
        }
    }
}
