//! Validation issues: what is wrong with one field, in English and Chinese, with the CBC code
//! the server answers for it.
//!
//! Rules report a `Problem` (typed data); this module turns it into the public [`Issue`]
//! (stable code, params, server code) and `messages` words it in both languages, so every
//! message is written once.

use std::borrow::Cow;

#[cfg(feature = "serde")]
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::kinds::{Allowed, EmailProblem, MobileProblem, Site};
use crate::json::write::{self, Object, WriteJson};

/// The BSS operation a request is validated for; it decides which CBC code the server
/// answers for a field error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// `POST /v2/partners/sub-customers/users/check-identity`.
    CheckUserIdentity,
    /// `POST /v2/bases/verificationcode/send`.
    SendVerificationMessageCode,
    /// `POST /v2/partners/sub-customers`.
    CreateSubCustomer,
}

impl Operation {
    /// The CBC code the server returns for a format error in `field`. CreateSubCustomer's
    /// status table names three field-specific codes; everything else is the generic
    /// parameter error `CBC.0100` (the other two operations' tables name no field codes).
    pub fn server_code(self, field: &str) -> &'static str {
        // A table, not a `match` on (operation, field): see `messages::TYPES_ZH`.
        const CREATE_SUB_CUSTOMER: [(&str, &str); 3] = [
            ("domain_name", "CBC.99000031"),
            ("password", "CBC.99000036"),
            ("mobile_phone", "CBC.5017"),
        ];
        let table: &[(&str, &str)] = match self {
            Operation::CreateSubCustomer => &CREATE_SUB_CUSTOMER,
            _ => &[],
        };
        table
            .iter()
            .find(|(f, _)| *f == field)
            .map_or("CBC.0100", |(_, code)| code)
    }
}

/// Stable issue codes (serialised in snake_case, e.g. `too_long`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IssueCode {
    /// Missing: absent, `null`, or `""` where `""` means missing.
    Required,
    /// `""` where the server rejects the empty string (leave the field out instead).
    Empty,
    /// The value has the wrong JSON type (`params.expected`, `params.actual`).
    InvalidType,
    /// Shorter than `params.min` (UTF-16 code units, as JavaScript's `.length`).
    TooShort,
    /// Longer than `params.max`.
    TooLong,
    /// A character outside the field's alphabet, at `params.position` (UTF-16 index).
    InvalidCharacter,
    /// An account name that does not start with a letter or `-`.
    InvalidStart,
    /// An account name starting with `op_` or `shadow_` (any case).
    ReservedPrefix,
    /// An account name made of digits only.
    AllDigits,
    /// A password with fewer than 2 of: upper case, lower case, digit, special character.
    TooFewCharacterClasses,
    /// A password equal to the account name (ignoring case).
    SameAsName,
    /// A password equal to the account name reversed (ignoring case).
    SameAsReversedName,
    /// A password containing the mobile number.
    ContainsMobile,
    /// A password containing the email address (ignoring case).
    ContainsEmail,
    /// Not a Chinese mobile number (`params.reason`).
    InvalidMobile,
    /// Not a well-formed email address (`params.reason`).
    InvalidEmail,
    /// Not one of `params.allowed`.
    InvalidValue,
    /// A number outside `params.min`..=`params.max`.
    OutOfRange,
    /// Not an ISO 3166-1 alpha-2 code in upper case (`params.suggestion` when only the case
    /// is wrong).
    InvalidCountryCode,
    /// A field of the other site (`email` on the China site, `mobile_phone` on the
    /// international site) was filled in; the server would drop it silently.
    FieldNotOnSite,
}

#[cfg(feature = "serde")]
impl Serialize for IssueCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl IssueCode {
    /// The stable snake_case code.
    pub fn as_str(self) -> &'static str {
        match self {
            IssueCode::Required => crate::codes::registration::REQUIRED,
            IssueCode::Empty => crate::codes::registration::EMPTY,
            IssueCode::InvalidType => crate::codes::registration::INVALID_TYPE,
            IssueCode::TooShort => crate::codes::registration::TOO_SHORT,
            IssueCode::TooLong => crate::codes::registration::TOO_LONG,
            IssueCode::InvalidCharacter => crate::codes::registration::INVALID_CHARACTER,
            IssueCode::InvalidStart => crate::codes::registration::INVALID_START,
            IssueCode::ReservedPrefix => crate::codes::registration::RESERVED_PREFIX,
            IssueCode::AllDigits => crate::codes::registration::ALL_DIGITS,
            IssueCode::TooFewCharacterClasses => {
                crate::codes::registration::TOO_FEW_CHARACTER_CLASSES
            }
            IssueCode::SameAsName => crate::codes::registration::SAME_AS_NAME,
            IssueCode::SameAsReversedName => crate::codes::registration::SAME_AS_REVERSED_NAME,
            IssueCode::ContainsMobile => crate::codes::registration::CONTAINS_MOBILE,
            IssueCode::ContainsEmail => crate::codes::registration::CONTAINS_EMAIL,
            IssueCode::InvalidMobile => crate::codes::registration::INVALID_MOBILE,
            IssueCode::InvalidEmail => crate::codes::registration::INVALID_EMAIL,
            IssueCode::InvalidValue => crate::codes::registration::INVALID_VALUE,
            IssueCode::OutOfRange => crate::codes::registration::OUT_OF_RANGE,
            IssueCode::InvalidCountryCode => crate::codes::registration::INVALID_COUNTRY_CODE,
            IssueCode::FieldNotOnSite => crate::codes::registration::FIELD_NOT_ON_SITE,
        }
    }
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Issue {
    /// The field (BSS wire name, e.g. `domain_name`).
    pub field: &'static str,
    /// The stable code.
    pub code: IssueCode,
    /// The explanation for the customer, in English.
    pub message: String,
    /// The explanation for the customer, in Chinese.
    pub message_zh: String,
    /// The data of the rule (`{"min": 5, "max": 32, "actual": 40}`); `{}` when there is none.
    pub params: Params,
    /// The CBC code the server answers for this field error (`CBC.99000031`, `CBC.0100`, …);
    /// `None` for a client-side guard the server does not check.
    pub server_code: Option<&'static str>,
}

impl WriteJson for IssueCode {
    fn write_json(&self, out: &mut String) {
        write::string(out, self.as_str());
    }
}

impl WriteJson for Issue {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("field", self.field)
            .field("code", &self.code)
            .field("message", &self.message)
            .field("message_zh", &self.message_zh)
            .field("params", &self.params)
            .field("server_code", &self.server_code)
            .end();
    }
}

/// Why a field needs a value it does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Because {
    /// A mobile number was given, so the SMS code is needed.
    MobileGiven,
    /// An email address was given, so the email code is needed.
    EmailGiven,
    /// Scene 18 (bank-card real-name authentication) names the customer.
    Scene18,
}

/// A rule violation with its data, before it is worded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    Required(Option<Because>),
    Empty,
    InvalidType {
        expected: &'static str,
        actual: &'static str,
    },
    Length {
        min: usize,
        max: usize,
        actual: usize,
    },
    /// `character` is left out for secrets (passwords).
    InvalidCharacter {
        position: usize,
        character: Option<char>,
    },
    InvalidStart,
    ReservedPrefix(&'static str),
    AllDigits,
    TooFewCharacterClasses {
        actual: usize,
    },
    SameAsName,
    SameAsReversedName,
    ContainsMobile,
    ContainsEmail,
    Mobile(MobileProblem),
    Email(EmailProblem),
    InvalidValue(Allowed),
    /// `actual` is the number's JSON text (it may not fit an `i64`).
    OutOfRange {
        min: i64,
        max: i64,
        actual: String,
        /// SendVerificationMessageCode `timeout`: above this the server uses `replaced_with`.
        replaced: Option<(i64, i64)>,
    },
    InvalidCountryCode {
        suggestion: Option<String>,
    },
    NotOnSite(Site),
}

/// How many of the four character classes a password must draw on.
pub(crate) const MIN_PASSWORD_CLASSES: usize = 2;

/// One value of an issue's params.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(untagged))]
pub enum Param {
    /// A number (`min`, `max`, `actual`, `position`, …).
    Int(i64),
    /// A text (`reason`, `prefix`, `site`, `character` as `U+0041`, …).
    Text(Cow<'static, str>),
    /// The allowed texts of an enumeration.
    Texts(&'static [&'static str]),
    /// The allowed integers of an enumeration.
    Ints(&'static [i64]),
}

impl Param {
    pub(super) fn int(n: usize) -> Param {
        Param::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }

    /// How the value reads in a message; `sep` joins lists.
    /// (Written by hand: `format!` and `join` would pull the formatter's padding code.)
    #[cfg(test)]
    pub(super) fn display(&self, sep: &str) -> String {
        let mut out = String::new();
        self.write_display(&mut out, sep);
        out
    }

    /// Appends [`Param::display`]'s text to `out`.
    pub(super) fn write_display(&self, out: &mut String, sep: &str) {
        match self {
            Param::Int(n) => write::int(out, *n),
            Param::Text(t) => out.push_str(t),
            Param::Texts(list) => {
                for (i, t) in list.iter().enumerate() {
                    if i > 0 {
                        out.push_str(sep);
                    }
                    out.push('"');
                    out.push_str(t);
                    out.push('"');
                }
            }
            Param::Ints(list) => {
                for (i, n) in list.iter().enumerate() {
                    if i > 0 {
                        out.push_str(sep);
                    }
                    write::int(out, *n);
                }
            }
        }
    }
}

/// The data of an issue, in a fixed order; serialised as a JSON object.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Params(Vec<(&'static str, Param)>);

impl Params {
    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Param> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// The entries, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Param)> {
        self.0.iter().map(|(k, v)| (*k, v))
    }

    /// No params.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    // Out of line, one function per kind of value: `Problem::params` calls these 26 times
    // (0.2 KB gzipped less than pushing `(key, Param)` in place, measured).
    #[inline(never)]
    fn push(&mut self, key: &'static str, value: Param) {
        self.0.push((key, value));
    }

    #[inline(never)]
    fn int(&mut self, key: &'static str, n: i64) {
        self.push(key, Param::Int(n));
    }

    #[inline(never)]
    fn size(&mut self, key: &'static str, n: usize) {
        self.push(key, Param::int(n));
    }

    #[inline(never)]
    fn text(&mut self, key: &'static str, t: &'static str) {
        self.push(key, Param::Text(Cow::Borrowed(t)));
    }
}

#[cfg(feature = "serde")]
impl Serialize for Params {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl WriteJson for Param {
    fn write_json(&self, out: &mut String) {
        match self {
            Param::Int(n) => write::int(out, *n),
            Param::Text(t) => write::string(out, t),
            Param::Texts(list) => list.write_json(out),
            Param::Ints(list) => list.write_json(out),
        }
    }
}

impl WriteJson for Params {
    fn write_json(&self, out: &mut String) {
        let mut o = Object::new(out);
        for (k, v) in &self.0 {
            o.field(k, v);
        }
        o.end();
    }
}

/// `U+0041`: how a character is named in params and messages (it may be invisible).
fn code_point(c: char) -> Param {
    // `U+{:04X}` by hand (the formatter's hex and padding code is not needed elsewhere).
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let n = u32::from(c);
    let mut out = String::from("U+");
    let digits = (32 - n.leading_zeros()).div_ceil(4).max(4);
    for i in (0..digits).rev() {
        out.push(char::from(HEX[((n >> (4 * i)) & 15) as usize]));
    }
    Param::Text(Cow::Owned(out))
}

impl Problem {
    fn code(&self) -> IssueCode {
        match self {
            Problem::Required(_) => IssueCode::Required,
            Problem::Empty => IssueCode::Empty,
            Problem::InvalidType { .. } => IssueCode::InvalidType,
            Problem::Length { min, actual, .. } if actual < min => IssueCode::TooShort,
            Problem::Length { .. } => IssueCode::TooLong,
            Problem::InvalidCharacter { .. } => IssueCode::InvalidCharacter,
            Problem::InvalidStart => IssueCode::InvalidStart,
            Problem::ReservedPrefix(_) => IssueCode::ReservedPrefix,
            Problem::AllDigits => IssueCode::AllDigits,
            Problem::TooFewCharacterClasses { .. } => IssueCode::TooFewCharacterClasses,
            Problem::SameAsName => IssueCode::SameAsName,
            Problem::SameAsReversedName => IssueCode::SameAsReversedName,
            Problem::ContainsMobile => IssueCode::ContainsMobile,
            Problem::ContainsEmail => IssueCode::ContainsEmail,
            Problem::Mobile(_) => IssueCode::InvalidMobile,
            Problem::Email(_) => IssueCode::InvalidEmail,
            Problem::InvalidValue(_) => IssueCode::InvalidValue,
            Problem::OutOfRange { .. } => IssueCode::OutOfRange,
            Problem::InvalidCountryCode { .. } => IssueCode::InvalidCountryCode,
            Problem::NotOnSite(_) => IssueCode::FieldNotOnSite,
        }
    }

    fn params(&self) -> Params {
        let mut p = Params::default();
        match self {
            Problem::Required(Some(Because::MobileGiven)) => p.text("required_by", "mobile_phone"),
            Problem::Required(Some(Because::EmailGiven)) => p.text("required_by", "email"),
            Problem::Required(Some(Because::Scene18)) => {
                p.text("required_by", "scene");
                p.int("when", 18);
            }
            Problem::InvalidType { expected, actual } => {
                p.text("expected", expected);
                p.text("actual", actual);
            }
            Problem::Length { min, max, actual } => {
                p.size("min", *min);
                p.size("max", *max);
                p.size("actual", *actual);
            }
            Problem::InvalidCharacter {
                position,
                character,
            } => {
                p.size("position", *position);
                if let Some(c) = character {
                    p.push("character", code_point(*c));
                }
            }
            Problem::ReservedPrefix(prefix) => p.text("prefix", prefix),
            Problem::TooFewCharacterClasses { actual } => {
                p.size("min", MIN_PASSWORD_CLASSES);
                p.size("actual", *actual);
            }
            Problem::Mobile(reason) => {
                p.text("reason", reason.as_str());
                if let MobileProblem::Length(digits) = reason {
                    p.size("digits", *digits);
                }
            }
            Problem::Email(reason) => p.text("reason", reason.as_str()),
            Problem::InvalidValue(Allowed::Texts(allowed)) => {
                p.push("allowed", Param::Texts(allowed));
            }
            Problem::InvalidValue(Allowed::Integers(allowed)) => {
                p.push("allowed", Param::Ints(allowed));
            }
            Problem::OutOfRange {
                min,
                max,
                actual,
                replaced,
            } => {
                p.int("min", *min);
                p.int("max", *max);
                // The text of a JSON integer, kept as a number where it fits.
                match super::fields::parse_i64(actual) {
                    Some(n) => p.int("actual", n),
                    None => p.push("actual", Param::Text(Cow::Owned(actual.clone()))),
                }
                if let Some((above, with)) = replaced {
                    p.int("replaced_above", *above);
                    p.int("replaced_with", *with);
                }
            }
            Problem::InvalidCountryCode {
                suggestion: Some(s),
            } => p.push("suggestion", Param::Text(Cow::Owned(s.clone()))),
            Problem::NotOnSite(site) => p.text("site", site.as_str()),
            _ => {}
        }
        p
    }
}

/// Collects the issues of one request.
#[derive(Debug)]
pub(crate) struct Issues {
    op: Operation,
    list: Vec<Issue>,
}

impl Issues {
    pub(crate) fn new(op: Operation) -> Self {
        Issues {
            op,
            list: Vec::new(),
        }
    }

    /// Records `problem` for `field`.
    pub(crate) fn add(&mut self, field: &'static str, problem: Problem) {
        let params = problem.params();
        let (en, zh) = problem.templates(field, self.op);
        let server_code = match problem {
            Problem::NotOnSite(_) => None,
            _ => Some(self.op.server_code(field)),
        };
        self.list.push(Issue {
            field,
            code: problem.code(),
            message: problem.message(en, &params, field, false),
            message_zh: problem.message(zh, &params, field, true),
            params,
            server_code,
        });
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub(crate) fn into_vec(self) -> Vec<Issue> {
        self.list
    }
}

/// The outcome of validating one request: every issue, and the wire-ready body when there
/// is none.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Validation<B> {
    /// `true` when `issues` is empty.
    pub valid: bool,
    /// Every problem found, in field order.
    pub issues: Vec<Issue>,
    /// The body to send, only when `valid`.
    pub body: Option<B>,
}

impl<B> Validation<B> {
    /// Builds the outcome; `body` is called only when there is no issue.
    pub(crate) fn finish(issues: Issues, body: impl FnOnce() -> B) -> Self {
        if issues.is_empty() {
            Validation {
                valid: true,
                issues: Vec::new(),
                body: Some(body()),
            }
        } else {
            Validation {
                valid: false,
                issues: issues.into_vec(),
                body: None,
            }
        }
    }
}

impl<B: WriteJson> WriteJson for Validation<B> {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("valid", &self.valid)
            .field("issues", &self.issues)
            .field("body", &self.body)
            .end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_written_texts_agree_with_format() {
        for c in [
            '\0',
            'A',
            '\u{7f}',
            'é',
            '中',
            '\u{FFFD}',
            '😀',
            '\u{10FFFF}',
        ] {
            let want = format!("U+{:04X}", u32::from(c));
            assert_eq!(code_point(c), Param::Text(Cow::Owned(want)));
        }
        assert_eq!(Param::Int(-42).display(", "), "-42");
        assert_eq!(Param::Texts(&["a", "b"]).display("、"), "\"a\"、\"b\"");
        assert_eq!(Param::Ints(&[1, 10, 30]).display(", "), "1, 10, 30");
        assert_eq!(Param::Ints(&[]).display(", "), "");
    }
}
