//! The small value types the registration files share — the site and the kinds of problem a
//! rule reports. A leaf: the rule files and the issue file both name these, so keeping them
//! here keeps those files from importing each other.

/// The Huawei Cloud site a customer registers on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Site {
    /// China site (`bss.myhuaweicloud.com`): the customer gives a mobile number.
    #[default]
    Cn,
    /// International site (`bss-intl`): the customer gives an email and a `domain_area`.
    Intl,
}

impl Site {
    /// `cn` or `intl`.
    pub fn as_str(self) -> &'static str {
        match self {
            Site::Cn => "cn",
            Site::Intl => "intl",
        }
    }

    /// The site's name in English and Chinese, for messages.
    pub(crate) fn names(self) -> (&'static str, &'static str) {
        match self {
            Site::Cn => ("China", "中国站"),
            Site::Intl => ("international", "国际站"),
        }
    }
}

/// The values an enumerated field allows, for `invalid_value` params and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Allowed {
    Texts(&'static [&'static str]),
    Integers(&'static [i64]),
}

/// What is wrong with the shape of an email address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailProblem {
    /// Not exactly one `@`.
    AtSign,
    /// Nothing before the `@`.
    LocalPart,
    /// The domain has no `.`, or an empty label (`a@b..c`, `a@.b`, `a@b.`).
    Domain,
}

impl EmailProblem {
    /// The `reason` param of an `invalid_email` issue.
    pub fn as_str(self) -> &'static str {
        match self {
            EmailProblem::AtSign => "at_sign",
            EmailProblem::LocalPart => "local_part",
            EmailProblem::Domain => "domain",
        }
    }

    /// The English and Chinese explanations.
    pub(crate) fn texts(self) -> (&'static str, &'static str) {
        match self {
            EmailProblem::AtSign => ("it must contain exactly one '@'", "须包含且只包含一个“@”"),
            EmailProblem::LocalPart => ("there must be a name before the '@'", "“@”前须有用户名"),
            EmailProblem::Domain => (
                "the part after the '@' must be a domain such as example.com",
                "“@”后须为域名，例如example.com",
            ),
        }
    }
}

/// The longest input `normalize_mobile` reads, in characters. Longer input is rejected
/// without being scanned further.
pub const MAX_MOBILE_INPUT_CHARS: usize = 64;

/// Why a text is not a Chinese mobile number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MobileProblem {
    /// No digits at all.
    Empty,
    /// More than [`MAX_MOBILE_INPUT_CHARS`] characters.
    TooLong,
    /// A character that is neither a digit, a leading `+`, nor a separator.
    Character,
    /// A country code other than 86.
    NotChinese,
    /// Not 11 digits after the country code is removed (the count is given).
    Length(usize),
    /// 11 digits, but not starting with 13–19.
    Prefix,
    /// Not a string (the JSON/JS type is given).
    WrongType(&'static str),
}

impl MobileProblem {
    /// The `reason` param of an `invalid_mobile` issue.
    pub fn as_str(self) -> &'static str {
        match self {
            MobileProblem::Empty => "empty",
            MobileProblem::TooLong => "too_long",
            MobileProblem::Character => "invalid_character",
            MobileProblem::NotChinese => "not_chinese",
            MobileProblem::Length(_) => "length",
            MobileProblem::Prefix => "prefix",
            MobileProblem::WrongType(_) => "invalid_type",
        }
    }

    /// The English and Chinese templates of the explanation (`{digits}`, `{max}`, `{type}`).
    pub(crate) fn templates(self) -> (&'static str, &'static str) {
        match self {
            MobileProblem::Empty => ("it has no digits", "未包含数字"),
            MobileProblem::TooLong => ("longer than {max} characters", "超过{max}个字符"),
            MobileProblem::Character => (
                "use digits, spaces and '-' only, with an optional leading +86 or 0086",
                "只能包含数字、空格和“-”，可带+86或0086前缀",
            ),
            MobileProblem::NotChinese => (
                "only Chinese mobile numbers (+86) are supported",
                "仅支持中国大陆手机号码（+86）",
            ),
            MobileProblem::Length(_) => (
                "a Chinese mobile number has 11 digits, not {digits}",
                "中国大陆手机号码为11位数字，而不是{digits}位",
            ),
            MobileProblem::Prefix => (
                "a Chinese mobile number starts with 13 to 19",
                "中国大陆手机号码须以13~19开头",
            ),
            MobileProblem::WrongType(_) => ("expected a string, got {type}", "须为字符串"),
        }
    }

    /// Appends a template variable of the explanation (`{max}`, `{digits}`, `{type}`) to
    /// `out`; `false` when there is none.
    pub(crate) fn var(self, name: &str, out: &mut String) -> bool {
        match (name, self) {
            ("max", _) => push_decimal(out, MAX_MOBILE_INPUT_CHARS),
            ("digits", MobileProblem::Length(n)) => push_decimal(out, n),
            ("type", MobileProblem::WrongType(t)) => out.push_str(t),
            _ => return false,
        }
        true
    }
}

/// Appends `n` in decimal. By hand (`json::write::int`): `to_string` pulls the formatter's
/// integer code into the registration module.
pub(crate) fn push_decimal(out: &mut String, n: usize) {
    crate::json::write::int(out, i64::try_from(n).unwrap_or(i64::MAX));
}
