//! Validation issues: what is wrong with one field, in English and Chinese, with the CBC code
//! the server answers for it.
//!
//! Rules report a [`Problem`] (typed data); this module turns it into the public [`Issue`]
//! (stable code, params, both messages, server code), so every message is written once.

use serde::Serialize;
use serde_json::{Map, Value};

use super::email::EmailProblem;
use super::fields::{Allowed, label};
use super::form::Site;
use super::mobile::MobileProblem;

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
        match (self, field) {
            (Operation::CreateSubCustomer, "domain_name") => "CBC.99000031",
            (Operation::CreateSubCustomer, "password") => "CBC.99000036",
            (Operation::CreateSubCustomer, "mobile_phone") => "CBC.5017",
            _ => "CBC.0100",
        }
    }
}

/// Stable issue codes (serialised in snake_case, e.g. `too_long`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
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

impl IssueCode {
    /// The stable snake_case code.
    pub fn as_str(self) -> &'static str {
        match self {
            IssueCode::Required => "required",
            IssueCode::Empty => "empty",
            IssueCode::InvalidType => "invalid_type",
            IssueCode::TooShort => "too_short",
            IssueCode::TooLong => "too_long",
            IssueCode::InvalidCharacter => "invalid_character",
            IssueCode::InvalidStart => "invalid_start",
            IssueCode::ReservedPrefix => "reserved_prefix",
            IssueCode::AllDigits => "all_digits",
            IssueCode::TooFewCharacterClasses => "too_few_character_classes",
            IssueCode::SameAsName => "same_as_name",
            IssueCode::SameAsReversedName => "same_as_reversed_name",
            IssueCode::ContainsMobile => "contains_mobile",
            IssueCode::ContainsEmail => "contains_email",
            IssueCode::InvalidMobile => "invalid_mobile",
            IssueCode::InvalidEmail => "invalid_email",
            IssueCode::InvalidValue => "invalid_value",
            IssueCode::OutOfRange => "out_of_range",
            IssueCode::InvalidCountryCode => "invalid_country_code",
            IssueCode::FieldNotOnSite => "field_not_on_site",
        }
    }
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    pub params: Map<String, Value>,
    /// The CBC code the server answers for this field error (`CBC.99000031`, `CBC.0100`, …);
    /// `None` for a client-side guard the server does not check.
    pub server_code: Option<&'static str>,
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

/// `U+0041`: how a character is named in params and messages (it may be invisible).
fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

fn params<const N: usize>(entries: [(&str, Value); N]) -> Map<String, Value> {
    entries
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
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

    fn params(&self) -> Map<String, Value> {
        match self {
            Problem::Required(Some(because)) => match because {
                Because::MobileGiven => params([("required_by", "mobile_phone".into())]),
                Because::EmailGiven => params([("required_by", "email".into())]),
                Because::Scene18 => params([("required_by", "scene".into()), ("when", 18.into())]),
            },
            Problem::InvalidType { expected, actual } => params([
                ("expected", (*expected).into()),
                ("actual", (*actual).into()),
            ]),
            Problem::Length { min, max, actual } => params([
                ("min", (*min).into()),
                ("max", (*max).into()),
                ("actual", (*actual).into()),
            ]),
            Problem::InvalidCharacter {
                position,
                character: Some(c),
            } => params([
                ("position", (*position).into()),
                ("character", code_point(*c).into()),
            ]),
            Problem::InvalidCharacter { position, .. } => {
                params([("position", (*position).into())])
            }
            Problem::ReservedPrefix(prefix) => params([("prefix", (*prefix).into())]),
            Problem::TooFewCharacterClasses { actual } => params([
                ("min", MIN_PASSWORD_CLASSES.into()),
                ("actual", (*actual).into()),
            ]),
            Problem::Mobile(reason) => params([("reason", reason.as_str().into())]),
            Problem::Email(reason) => params([("reason", reason.as_str().into())]),
            Problem::InvalidValue(Allowed::Texts(allowed)) => {
                params([("allowed", (*allowed).into())])
            }
            Problem::InvalidValue(Allowed::Integers(allowed)) => {
                params([("allowed", (*allowed).into())])
            }
            Problem::OutOfRange {
                min,
                max,
                actual,
                replaced,
            } => {
                // The text of a JSON integer, kept as a number where it fits.
                let actual = actual
                    .parse::<i64>()
                    .map(Value::from)
                    .unwrap_or_else(|_| actual.as_str().into());
                let mut p = params([
                    ("min", (*min).into()),
                    ("max", (*max).into()),
                    ("actual", actual),
                ]);
                if let Some((above, with)) = replaced {
                    p.insert("replaced_above".to_owned(), (*above).into());
                    p.insert("replaced_with".to_owned(), (*with).into());
                }
                p
            }
            Problem::InvalidCountryCode {
                suggestion: Some(s),
            } => params([("suggestion", s.as_str().into())]),
            Problem::NotOnSite(site) => params([("site", site.as_str().into())]),
            _ => Map::new(),
        }
    }

    /// The English and Chinese messages. `op` changes the wording where the rule's origin
    /// differs between operations (the account-name start rule).
    fn messages(&self, field: &str, op: Operation) -> (String, String) {
        let (en, zh) = label(field);
        match self {
            Problem::Required(None) => (format!("{en} is required."), format!("请填写{zh}。")),
            Problem::Required(Some(Because::MobileGiven)) => (
                format!(
                    "{en} is required when a mobile number is given (send one with SendVerificationMessageCode first)."
                ),
                format!("填写了手机号码时须填写{zh}（请先发送短信验证码）。"),
            ),
            Problem::Required(Some(Because::EmailGiven)) => (
                format!(
                    "{en} is required when an email address is given (send one with SendVerificationMessageCode first)."
                ),
                format!("填写了邮箱时须填写{zh}（请先发送邮件验证码）。"),
            ),
            Problem::Required(Some(Because::Scene18)) => (
                format!("{en} is required for scene 18 (bank-card real-name authentication)."),
                format!("场景为18（个人银行卡实名认证）时须填写{zh}。"),
            ),
            Problem::Empty if field == "password" => (
                format!("{en} must not be empty; leave it out to have one generated."),
                format!("{zh}不能为空字符串；不填则由系统随机生成。"),
            ),
            Problem::Empty => (
                format!("{en} must not be empty; leave it out instead."),
                format!("{zh}不能为空字符串，不需要时请不传。"),
            ),
            Problem::InvalidType { expected, actual } => (
                format!("{en} must be of type {expected}, not {actual}."),
                format!(
                    "{zh}的类型须为{}，而不是{}。",
                    type_zh(expected),
                    type_zh(actual)
                ),
            ),
            Problem::Length { min, max, actual } if min == max => (
                format!("{en} must be exactly {min} characters long (it has {actual})."),
                format!("{zh}须为{min}位（当前为{actual}位）。"),
            ),
            Problem::Length { min, max, actual } if *min <= 1 => (
                format!("{en} must be at most {max} characters long (it has {actual})."),
                format!("{zh}最多{max}个字符（当前为{actual}个）。"),
            ),
            Problem::Length { min, max, actual } => (
                format!("{en} must be {min} to {max} characters long (it has {actual})."),
                format!("{zh}长度须为{min}~{max}个字符（当前为{actual}个）。"),
            ),
            Problem::InvalidCharacter {
                position,
                character,
            } => {
                let allowed_en = alphabet_en(field);
                let allowed_zh = alphabet_zh(field);
                match character {
                    Some(c) => (
                        format!(
                            "{en} contains a character that is not allowed ({} at position {}); {allowed_en}.",
                            code_point(*c),
                            position + 1
                        ),
                        format!(
                            "{zh}包含不允许的字符（第{}位的{}）；{allowed_zh}。",
                            position + 1,
                            code_point(*c)
                        ),
                    ),
                    None => (
                        format!(
                            "{en} contains a character that is not allowed (at position {}); {allowed_en}.",
                            position + 1
                        ),
                        format!(
                            "{zh}包含不允许的字符（第{}位）；{allowed_zh}。",
                            position + 1
                        ),
                    ),
                }
            }
            Problem::InvalidStart if op == Operation::CreateSubCustomer => (
                format!(
                    "{en} must start with a letter or '-'. CreateSubCustomer would also accept '_', but CheckUserIdentity would not, so such a name could not be checked for availability first."
                ),
                format!(
                    "{zh}须以字母或“-”开头。创建客户接口也接受“_”开头，但校验客户注册信息接口不接受，这样的名称无法预先校验是否可用。"
                ),
            ),
            Problem::InvalidStart => (
                format!("{en} must start with a letter or '-'."),
                format!("{zh}须以字母或“-”开头。"),
            ),
            Problem::ReservedPrefix(prefix) => (
                format!(
                    "{en} must not start with '{prefix}' (in any case); the prefix is reserved."
                ),
                format!("{zh}不能以“{prefix}”开头（不区分大小写），该前缀为系统保留。"),
            ),
            Problem::AllDigits => (
                format!("{en} must not be all digits."),
                format!("{zh}不能为纯数字。"),
            ),
            Problem::TooFewCharacterClasses { actual } => (
                format!(
                    "{en} must contain at least {MIN_PASSWORD_CLASSES} of: upper-case letters, lower-case letters, digits, special characters (it has {actual})."
                ),
                format!(
                    "{zh}须至少包含大写字母、小写字母、数字、特殊字符中的{MIN_PASSWORD_CLASSES}种（当前为{actual}种）。"
                ),
            ),
            Problem::SameAsName => (
                format!("{en} must not be the same as the account name."),
                format!("{zh}不能与账号名相同。"),
            ),
            Problem::SameAsReversedName => (
                format!("{en} must not be the account name written backwards."),
                format!("{zh}不能与账号名的倒序相同。"),
            ),
            Problem::ContainsMobile => (
                format!("{en} must not contain the mobile number."),
                format!("{zh}不能包含手机号码。"),
            ),
            Problem::ContainsEmail => (
                format!("{en} must not contain the email address."),
                format!("{zh}不能包含邮箱地址。"),
            ),
            Problem::Mobile(reason) => (
                format!("{en} is not valid: {}.", reason.message_en()),
                format!("{zh}无效：{}。", reason.message_zh()),
            ),
            Problem::Email(reason) => (
                format!("{en} is not valid: {}.", reason.message_en()),
                format!("{zh}无效：{}。", reason.message_zh()),
            ),
            Problem::InvalidValue(allowed) => {
                let list: Vec<String> = match allowed {
                    Allowed::Texts(texts) => texts.iter().map(|a| format!("\"{a}\"")).collect(),
                    Allowed::Integers(ints) => ints.iter().map(i64::to_string).collect(),
                };
                (
                    format!("{en} must be one of {}.", list.join(", ")),
                    format!("{zh}须为{}之一。", list.join("、")),
                )
            }
            Problem::OutOfRange {
                min,
                max,
                actual,
                replaced,
            } => {
                let (note_en, note_zh) = match replaced {
                    Some((above, with)) => (
                        format!(" Note: the server replaces values above {above} with {with}."),
                        format!("注意：大于{above}的值会被服务端替换为{with}。"),
                    ),
                    None => (String::new(), String::new()),
                };
                (
                    format!("{en} must be between {min} and {max} (it is {actual}).{note_en}"),
                    format!("{zh}须在{min}~{max}之间（当前为{actual}）。{note_zh}"),
                )
            }
            Problem::InvalidCountryCode {
                suggestion: Some(s),
            } => (
                format!("{en} must be an ISO 3166-1 alpha-2 code in upper case, such as \"{s}\"."),
                format!("{zh}须为大写的ISO 3166-1二位字母代码，例如“{s}”。"),
            ),
            Problem::InvalidCountryCode { suggestion: None } => (
                format!("{en} must be an ISO 3166-1 alpha-2 code in upper case, such as \"MX\"."),
                format!("{zh}须为大写的ISO 3166-1二位字母代码，例如“MX”。"),
            ),
            Problem::NotOnSite(site) => (
                format!(
                    "{en} is not a field of the {} site; the server would ignore it.",
                    site.name_en()
                ),
                format!("{}不支持{zh}字段，服务端会忽略该值。", site.name_zh()),
            ),
        }
    }
}

fn type_zh(t: &str) -> &'static str {
    match t {
        "string" => "字符串",
        "boolean" => "布尔值",
        "integer" => "整数",
        "number" => "数字",
        "array" => "数组",
        "object" => "对象",
        "string or boolean" => "字符串或布尔值",
        _ => "其他类型",
    }
}

fn alphabet_en(field: &str) -> &'static str {
    match field {
        "domain_name" | "search_value" => "use letters, digits, '_' and '-'",
        "password" => "use printable ASCII characters only (letters, digits, space and symbols)",
        "verification_code" => "use digits only",
        "email" => "use ASCII characters without spaces",
        _ => "control characters are not allowed",
    }
}

fn alphabet_zh(field: &str) -> &'static str {
    match field {
        "domain_name" | "search_value" => "只能使用字母、数字、“_”和“-”",
        "password" => "只能使用可打印的ASCII字符（字母、数字、空格和符号）",
        "verification_code" => "只能使用数字",
        "email" => "只能使用ASCII字符且不含空格",
        _ => "不能包含控制字符",
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
        let (message, message_zh) = problem.messages(field, self.op);
        let server_code = match problem {
            Problem::NotOnSite(_) => None,
            _ => Some(self.op.server_code(field)),
        };
        self.list.push(Issue {
            field,
            code: problem.code(),
            message,
            message_zh,
            params: problem.params(),
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
