//! Reading form values and the rules shared by many fields: length, alphabet, opaque
//! identifiers, yes/no flags, enumerations and integers.
//!
//! Lengths are counted in UTF-16 code units — JavaScript's `.length` and Java's
//! `String.length()` — which is never less than the number of characters, so a value that
//! passes here is never too long for the server.

use super::form::{FieldValue, Form};
use super::issue::{Issues, Problem};
pub(crate) use super::kinds::Allowed;
use super::kinds::Site;

/// A form value as the rules see it. Absent, `null` and `""` stay apart: the spec gives them
/// different meanings per field.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Entry<'a> {
    Absent,
    Null,
    Text(&'a str),
    Bool(bool),
    /// A number's JSON text.
    Number(&'a str),
    /// Another type, named.
    Other(&'static str),
}

impl<'a> Entry<'a> {
    pub(crate) fn of(value: Option<&'a FieldValue>) -> Self {
        match value {
            None => Entry::Absent,
            Some(FieldValue::Null) => Entry::Null,
            Some(FieldValue::Text(s)) => Entry::Text(s),
            Some(FieldValue::Bool(b)) => Entry::Bool(*b),
            Some(FieldValue::Number(n)) => Entry::Number(n),
            Some(FieldValue::Other(t)) => Entry::Other(t),
        }
    }

    pub(crate) fn get(form: &'a Form, field: &str) -> Self {
        Entry::of(form.get(field))
    }

    /// Absent, `null` or `""`.
    pub(crate) fn is_blank(self) -> bool {
        matches!(self, Entry::Absent | Entry::Null | Entry::Text(""))
    }

    /// The `invalid_type` problem for this value.
    pub(crate) fn wrong_type(self, expected: &'static str) -> Problem {
        let actual = match self {
            Entry::Absent => "undefined",
            Entry::Null => "null",
            Entry::Text(_) => "string",
            Entry::Bool(_) => "boolean",
            Entry::Number(_) => "number",
            Entry::Other(t) => t,
        };
        Problem::InvalidType { expected, actual }
    }
}

/// A field of the other site must be blank: the server would drop its value without a word.
pub(crate) fn not_on_site(issues: &mut Issues, field: &'static str, entry: Entry<'_>, site: Site) {
    if !entry.is_blank() {
        issues.add(field, Problem::NotOnSite(site));
    }
}

/// The English and Chinese names of the fields, for messages. A table, not a `match` (one
/// loop instead of a comparison chain per arm).
const LABELS: [(&str, &str, &str); 18] = [
    ("xaccount_id", "Partner user ID", "伙伴平台用户ID"),
    ("xaccount_type", "Partner platform ID", "伙伴平台标识"),
    ("domain_name", "Account name", "账号名"),
    ("mobile_phone", "Mobile number", "手机号码"),
    ("verification_code", "Verification code", "验证码"),
    ("password", "Password", "密码"),
    ("email", "Email", "邮箱"),
    ("domain_area", "Country/region", "国家/地区"),
    (
        "is_close_market_ms",
        "Marketing messages option",
        "关闭营销消息选项",
    ),
    ("indirect_partner_id", "Reseller ID", "云经销商ID"),
    (
        "include_association_result",
        "Association result option",
        "返回关联结果选项",
    ),
    ("search_type", "Search type", "查询类型"),
    ("search_value", "Search value", "查询值"),
    ("receiver_type", "Receiver type", "接收类型"),
    ("timeout", "Code validity (minutes)", "验证码有效期（分钟）"),
    ("lang", "Language", "语言"),
    ("scene", "Scene", "场景"),
    ("customer_id", "Customer ID", "客户ID"),
];

/// The English and Chinese names of a field, for messages.
pub(crate) fn label(field: &str) -> (&'static str, &'static str) {
    LABELS
        .iter()
        .find(|(name, _, _)| *name == field)
        .map_or(("Field", "字段"), |&(_, en, zh)| (en, zh))
}

/// A body value as an owned text. Out of line: the bodies' copies of `to_owned`, inlined,
/// cost 220 B gzipped more (measured).
#[inline(never)]
pub(crate) fn owned(text: Option<&str>) -> Option<String> {
    text.map(str::to_owned)
}

/// The length of `s` in UTF-16 code units.
pub(crate) fn utf16_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().map(char::len_utf16).sum()
    }
}

/// Full-width digits (`０`–`９`, typed with Chinese input methods) as ASCII digits; any other
/// character unchanged.
pub(crate) fn fold_fullwidth_digit(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' => {
            char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')).unwrap_or(c)
        }
        c => c,
    }
}

/// Records `too_short` / `too_long` unless `min <= len <= max`.
pub(crate) fn check_length(
    issues: &mut Issues,
    field: &'static str,
    s: &str,
    min: usize,
    max: usize,
) {
    let actual = utf16_len(s);
    if actual < min || actual > max {
        issues.add(field, Problem::Length { min, max, actual });
    }
}

/// Records `invalid_character` for the first character `allowed` refuses. `quote` names the
/// character in the issue (off for secrets). (`fn`, not `impl Fn`, and out of line: one copy
/// for the five alphabets, 171 B gzipped less, measured.)
#[inline(never)]
pub(crate) fn check_alphabet(
    issues: &mut Issues,
    field: &'static str,
    s: &str,
    allowed: fn(char) -> bool,
    quote: bool,
) {
    let mut position = 0; // UTF-16 index, as JS would highlight it
    for c in s.chars() {
        if !allowed(c) {
            let character = quote.then_some(c);
            issues.add(
                field,
                Problem::InvalidCharacter {
                    position,
                    character,
                },
            );
            return;
        }
        position += c.len_utf16();
    }
}

/// A string field that must be given: a blank value records `required`, another type
/// `invalid_type`.
pub(crate) fn required_text<'a>(
    issues: &mut Issues,
    field: &'static str,
    entry: Entry<'a>,
) -> Option<&'a str> {
    if entry.is_blank() {
        issues.add(field, Problem::Required(None));
        return None;
    }
    optional_text(issues, field, entry)
}

/// A string field that may be left blank (`None`); another type records `invalid_type`.
pub(crate) fn optional_text<'a>(
    issues: &mut Issues,
    field: &'static str,
    entry: Entry<'a>,
) -> Option<&'a str> {
    match entry {
        e if e.is_blank() => None,
        Entry::Text(s) => Some(s),
        other => {
            issues.add(field, other.wrong_type("string"));
            None
        }
    }
}

/// An opaque identifier (`xaccount_id`, `indirect_partner_id`, `customer_id`, …): at most
/// `max` UTF-16 units, no control characters (C0, DEL, C1 — NUL included). A blank value
/// records `when_blank`, if any. Returns the text when it is a non-empty string.
pub(crate) fn identifier<'a>(
    issues: &mut Issues,
    field: &'static str,
    entry: Entry<'a>,
    max: usize,
    when_blank: Option<Problem>,
) -> Option<&'a str> {
    match entry {
        e if e.is_blank() => {
            if let Some(problem) = when_blank {
                issues.add(field, problem);
            }
            None
        }
        Entry::Text(s) => {
            check_length(issues, field, s, 1, max);
            check_alphabet(issues, field, s, |c| !c.is_control(), true);
            Some(s)
        }
        other => {
            issues.add(field, other.wrong_type("string"));
            None
        }
    }
}

/// A yes/no option (`is_close_market_ms`, `include_association_result`): a boolean, or the
/// strings `"true"` / `"false"`. Blank means "not set" (`None`; the server default is false).
pub(crate) fn flag(issues: &mut Issues, field: &'static str, entry: Entry<'_>) -> Option<bool> {
    match entry {
        e if e.is_blank() => None,
        Entry::Bool(b) => Some(b),
        Entry::Text("true") => Some(true),
        Entry::Text("false") => Some(false),
        Entry::Text(_) => {
            issues.add(
                field,
                Problem::InvalidValue(Allowed::Texts(&["true", "false"])),
            );
            None
        }
        other => {
            issues.add(field, other.wrong_type("string or boolean"));
            None
        }
    }
}

/// The allowed text equal to `s`, or `invalid_value`.
pub(crate) fn one_of(
    issues: &mut Issues,
    field: &'static str,
    s: &str,
    allowed: &'static [&'static str],
) -> Option<&'static str> {
    let found = allowed.iter().copied().find(|a| *a == s);
    if found.is_none() {
        issues.add(field, Problem::InvalidValue(Allowed::Texts(allowed)));
    }
    found
}

pub(crate) use crate::json::read::parse_i64;

/// A number that must be an integer: `Ok` when it fits an `i64`, `Err(text)` for an integer
/// too large to hold; a fraction or exponent records `invalid_type`.
pub(crate) fn integer(
    issues: &mut Issues,
    field: &'static str,
    text: &str,
) -> Option<Result<i64, String>> {
    if let Some(i) = parse_i64(text) {
        return Some(Ok(i));
    }
    let digits = text.strip_prefix('-').unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Err(text.to_owned()));
    }
    issues.add(
        field,
        Problem::InvalidType {
            expected: "integer",
            actual: "number",
        },
    );
    None
}

#[cfg(test)]
mod tests {
    use super::parse_i64;

    #[test]
    fn parse_i64_is_the_standard_parser() {
        let mut texts: Vec<String> = [
            "",
            "-",
            "+",
            "0",
            "-0",
            "+0",
            "7",
            "+7",
            "-7",
            "007",
            "12a",
            "a12",
            " 1",
            "1 ",
            "1.0",
            "1e3",
            "--1",
            "+-1",
            "-+1",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "+9223372036854775807",
            "99999999999999999999",
            "１２",
            "٣",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        for n in [
            i64::MIN,
            i64::MIN + 1,
            -1,
            0,
            1,
            3000,
            i64::MAX - 1,
            i64::MAX,
        ] {
            texts.push(n.to_string());
        }
        // Every text of up to 4 characters over signs, digits and a letter.
        let alphabet = ['-', '+', '0', '1', '9', 'a'];
        let mut short = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = short
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            texts.extend(longer.iter().cloned());
            short = longer;
        }
        for text in &texts {
            assert_eq!(parse_i64(text), text.parse::<i64>().ok(), "{text:?}");
        }
    }
}
