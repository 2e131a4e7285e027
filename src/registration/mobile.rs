//! Chinese mobile numbers: what people type, normalised to the national form BSS stores and
//! the country-code form CheckUserIdentity wants.
//!
//! BSS only accepts Chinese mobiles. The docs give no pattern; the server rejects bad ones
//! with `CBC.5017`. The rule applied is the de-facto mainland one, `^1[3-9]\d{9}$`.

use super::fields::fold_fullwidth_digit;
use super::form::RegistrationError;
use super::kinds::MobileProblem;
use crate::json::write::{Object, WriteJson};
use crate::text::render;

pub use super::kinds::MAX_MOBILE_INPUT_CHARS;

/// A Chinese mobile number in the two forms the registration APIs use.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MobileNumber {
    /// `13800000000`: SendVerificationMessageCode and CreateSubCustomer `mobile_phone`.
    pub national: String,
    /// `0086-13800000000`: CheckUserIdentity `search_value` with `search_type` `mobile`.
    pub check_identity: String,
}

impl WriteJson for MobileNumber {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("national", &self.national)
            .field("check_identity", &self.check_identity)
            .end();
    }
}

impl MobileProblem {
    /// The explanation in English (lower case, no final stop).
    pub fn message_en(self) -> String {
        self.message(false)
    }

    /// The explanation in Chinese.
    pub fn message_zh(self) -> String {
        self.message(true)
    }

    /// The explanation in Chinese (`zh`) or English.
    pub(crate) fn message(self, zh: bool) -> String {
        let (en, zh_text) = self.templates();
        render(if zh { zh_text } else { en }, &|name, out| {
            self.var(name, out)
        })
    }
}

/// Characters that people paste around or inside numbers and that carry no digit: spaces,
/// dashes, dots, brackets, and invisible formatting marks (zero-width spaces, the
/// direction marks phones wrap copied numbers in, the byte-order mark).
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\u{A0}'
            | '\u{3000}'
            | '-'
            | '\u{FF0D}'
            | '\u{2010}'..='\u{2015}'
            | '.'
            | '('
            | ')'
            | '\u{FF08}'
            | '\u{FF09}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Normalises a typed mobile number: `138 0000 0000`, `+86-138-0000-0000`,
/// `0086-13800000000`, `86 13800000000` and full-width digits all give
/// `{ national: "13800000000", check_identity: "0086-13800000000" }`.
pub fn normalize_mobile(input: &str) -> Result<MobileNumber, RegistrationError> {
    national_mobile(input)
        .map(|national| MobileNumber {
            check_identity: check_identity_form(&national),
            national,
        })
        .map_err(RegistrationError::InvalidMobile)
}

/// `0086-<national>`: the form CheckUserIdentity wants (by hand: `format!` pulls the
/// formatter into the registration module).
pub(crate) fn check_identity_form(national: &str) -> String {
    let mut out = String::from("0086-");
    out.push_str(national);
    out
}

/// The national form of a typed mobile number (see [`normalize_mobile`]).
pub(crate) fn national_mobile(input: &str) -> Result<String, MobileProblem> {
    let mut digits = String::with_capacity(16);
    let mut plus = false;
    for (i, c) in input.chars().enumerate() {
        if i >= MAX_MOBILE_INPUT_CHARS {
            return Err(MobileProblem::TooLong);
        }
        match fold_fullwidth_digit(c) {
            d @ '0'..='9' => digits.push(d),
            '+' | '\u{FF0B}' if digits.is_empty() && !plus => plus = true,
            c if is_separator(c) => {}
            _ => return Err(MobileProblem::Character),
        }
    }
    if digits.is_empty() {
        return Err(MobileProblem::Empty);
    }
    let national = if plus {
        digits.strip_prefix("86").ok_or(MobileProblem::NotChinese)?
    } else if digits.starts_with("00") {
        digits
            .strip_prefix("0086")
            .ok_or(MobileProblem::NotChinese)?
    } else if digits.len() == 13 {
        // 86 written without + or 00: 13 digits cannot be a national number.
        digits.strip_prefix("86").unwrap_or(&digits)
    } else {
        &digits
    };
    let bytes = national.as_bytes();
    if bytes.len() != 11 {
        return Err(MobileProblem::Length(bytes.len()));
    }
    if bytes.first() != Some(&b'1') || !matches!(bytes.get(1), Some(b'3'..=b'9')) {
        return Err(MobileProblem::Prefix);
    }
    Ok(national.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_forms_normalise() {
        for input in [
            "13800000000",
            "138 0000 0000",
            "138-0000-0000",
            "+86 13800000000",
            "+86-138-0000-0000",
            "0086-13800000000",
            "86 13800000000",
            "8613800000000",
            "１３８００００００００",
            "＋８６ １３８ ００００ ００００",
            "\u{202A}+86 138 0000 0000\u{202C}",
            "(+86) 138.0000.0000",
        ] {
            let m = normalize_mobile(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
            assert_eq!(m.national, "13800000000", "{input:?}");
            assert_eq!(m.check_identity, "0086-13800000000");
        }
    }

    #[test]
    fn rejections_say_why() {
        for (input, reason) in [
            ("", MobileProblem::Empty),
            ("+", MobileProblem::Empty),
            ("  - ", MobileProblem::Empty),
            ("+1 650 555 1234", MobileProblem::NotChinese),
            ("0044 20 7946 0000", MobileProblem::NotChinese),
            ("+852 9123 4567", MobileProblem::NotChinese),
            ("1380000000", MobileProblem::Length(10)),
            ("138000000001", MobileProblem::Length(12)),
            ("12800000000", MobileProblem::Prefix),
            ("23800000000", MobileProblem::Prefix),
            ("138 0000 000a", MobileProblem::Character),
            ("138+00000000", MobileProblem::Character),
            ("++8613800000000", MobileProblem::Character),
            ("١٣٨٠٠٠٠٠٠٠٠", MobileProblem::Character),
        ] {
            assert_eq!(national_mobile(input), Err(reason), "{input:?}");
        }
        let long = "1".repeat(1 << 20);
        assert_eq!(national_mobile(&long), Err(MobileProblem::TooLong));
    }
}
