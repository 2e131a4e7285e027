//! The wording of issues: English and Chinese templates with `{name}` placeholders, filled
//! from an issue's params and a few display-only values. One renderer serves every message,
//! which keeps the wasm small.

use super::fields::label;
use super::issue::{Because, Operation, Params, Problem};
use super::kinds::push_decimal;
use crate::text::render;

impl Problem {
    /// The English and Chinese message templates. `{label}` is the field's name; other
    /// placeholders are params, or `{at}` (1-based position), `{detail}` (the reason's text),
    /// `{site_name}`, `{type_zh}` / `{actual_zh}` (type names in Chinese).
    pub(super) fn templates(&self, field: &str, op: Operation) -> (&'static str, &'static str) {
        match self {
            Problem::Required(None) => ("{label} is required.", "请填写{label}。"),
            Problem::Required(Some(Because::MobileGiven)) => (
                "{label} is required when a mobile number is given (send one with SendVerificationMessageCode first).",
                "填写了手机号码时须填写{label}（请先发送短信验证码）。",
            ),
            Problem::Required(Some(Because::EmailGiven)) => (
                "{label} is required when an email address is given (send one with SendVerificationMessageCode first).",
                "填写了邮箱时须填写{label}（请先发送邮件验证码）。",
            ),
            Problem::Required(Some(Because::Scene18)) => (
                "{label} is required for scene 18 (bank-card real-name authentication).",
                "场景为18（个人银行卡实名认证）时须填写{label}。",
            ),
            Problem::Empty if field == "password" => (
                "{label} must not be empty; leave it out to have one generated.",
                "{label}不能为空字符串；不填则由系统随机生成。",
            ),
            Problem::Empty => (
                "{label} must not be empty; leave it out instead.",
                "{label}不能为空字符串，不需要时请不传。",
            ),
            Problem::InvalidType { .. } => (
                "{label} must be of type {expected}, not {actual}.",
                "{label}的类型须为{expected_zh}，而不是{actual_zh}。",
            ),
            Problem::Length { min, max, .. } if min == max => (
                "{label} must be exactly {min} characters long (it has {actual}).",
                "{label}须为{min}位（当前为{actual}位）。",
            ),
            Problem::Length { min, .. } if *min <= 1 => (
                "{label} must be at most {max} characters long (it has {actual}).",
                "{label}最多{max}个字符（当前为{actual}个）。",
            ),
            Problem::Length { .. } => (
                "{label} must be {min} to {max} characters long (it has {actual}).",
                "{label}长度须为{min}~{max}个字符（当前为{actual}个）。",
            ),
            Problem::InvalidCharacter {
                character: Some(_), ..
            } => (
                "{label} contains a character that is not allowed ({character} at position {at}); {alphabet}.",
                "{label}包含不允许的字符（第{at}位的{character}）；{alphabet}。",
            ),
            Problem::InvalidCharacter {
                character: None, ..
            } => (
                "{label} contains a character that is not allowed (at position {at}); {alphabet}.",
                "{label}包含不允许的字符（第{at}位）；{alphabet}。",
            ),
            Problem::InvalidStart if op == Operation::CreateSubCustomer => (
                "{label} must start with a letter or '-'. CreateSubCustomer would also accept '_', but CheckUserIdentity would not, so such a name could not be checked for availability first.",
                "{label}须以字母或“-”开头。创建客户接口也接受“_”开头，但校验客户注册信息接口不接受，这样的名称无法预先校验是否可用。",
            ),
            Problem::InvalidStart => (
                "{label} must start with a letter or '-'.",
                "{label}须以字母或“-”开头。",
            ),
            Problem::ReservedPrefix(_) => (
                "{label} must not start with '{prefix}' (in any case); the prefix is reserved.",
                "{label}不能以“{prefix}”开头（不区分大小写），该前缀为系统保留。",
            ),
            Problem::AllDigits => ("{label} must not be all digits.", "{label}不能为纯数字。"),
            Problem::TooFewCharacterClasses { .. } => (
                "{label} must contain at least {min} of: upper-case letters, lower-case letters, digits, special characters (it has {actual}).",
                "{label}须至少包含大写字母、小写字母、数字、特殊字符中的{min}种（当前为{actual}种）。",
            ),
            Problem::SameAsName => (
                "{label} must not be the same as the account name.",
                "{label}不能与账号名相同。",
            ),
            Problem::SameAsReversedName => (
                "{label} must not be the account name written backwards.",
                "{label}不能与账号名的倒序相同。",
            ),
            Problem::ContainsMobile => (
                "{label} must not contain the mobile number.",
                "{label}不能包含手机号码。",
            ),
            Problem::ContainsEmail => (
                "{label} must not contain the email address.",
                "{label}不能包含邮箱地址。",
            ),
            Problem::Mobile(_) | Problem::Email(_) => {
                ("{label} is not valid: {detail}.", "{label}无效：{detail}。")
            }
            Problem::InvalidValue(_) => (
                "{label} must be one of {allowed}.",
                "{label}须为{allowed}之一。",
            ),
            Problem::OutOfRange {
                replaced: Some(_), ..
            } => (
                "{label} must be between {min} and {max} (it is {actual}). Note: the server replaces values above {replaced_above} with {replaced_with}.",
                "{label}须在{min}~{max}之间（当前为{actual}）。注意：大于{replaced_above}的值会被服务端替换为{replaced_with}。",
            ),
            Problem::OutOfRange { .. } => (
                "{label} must be between {min} and {max} (it is {actual}).",
                "{label}须在{min}~{max}之间（当前为{actual}）。",
            ),
            Problem::InvalidCountryCode {
                suggestion: Some(_),
            } => (
                "{label} must be an ISO 3166-1 alpha-2 code in upper case, such as \"{suggestion}\".",
                "{label}须为大写的ISO 3166-1二位字母代码，例如“{suggestion}”。",
            ),
            Problem::InvalidCountryCode { suggestion: None } => (
                "{label} must be an ISO 3166-1 alpha-2 code in upper case, such as \"MX\".",
                "{label}须为大写的ISO 3166-1二位字母代码，例如“MX”。",
            ),
            Problem::NotOnSite(_) => (
                "{label} is not a field of the {site_name} site; the server would ignore it.",
                "{site_name}不支持{label}字段，服务端会忽略该值。",
            ),
        }
    }

    /// Appends the display-only value `name` of a message in one language (`zh`), beyond
    /// the params, to `out`; `false` when there is none.
    fn var(&self, name: &str, field: &str, zh: bool, out: &mut String) -> bool {
        let text = match (name, self) {
            ("label", _) => pick(label(field), zh),
            ("at", Problem::InvalidCharacter { position, .. }) => {
                push_decimal(out, position + 1);
                return true;
            }
            ("alphabet", _) => pick(alphabet(field), zh),
            ("detail", Problem::Mobile(reason)) => {
                out.push_str(&reason.message(zh));
                return true;
            }
            ("detail", Problem::Email(reason)) => pick(reason.texts(), zh),
            ("site_name", Problem::NotOnSite(site)) => pick(site.names(), zh),
            ("expected_zh", Problem::InvalidType { expected, .. }) => type_zh(expected),
            ("actual_zh", Problem::InvalidType { actual, .. }) => type_zh(actual),
            _ => return false,
        };
        out.push_str(text);
        true
    }

    pub(super) fn message(&self, template: &str, params: &Params, field: &str, zh: bool) -> String {
        let sep = if zh { "、" } else { ", " };
        render(template, &|name, out| {
            self.var(name, field, zh, out)
                || params
                    .get(name)
                    .map(|p| p.write_display(out, sep))
                    .is_some()
        })
    }
}

/// The text of a pair in one language.
fn pick((en, zh_text): (&'static str, &'static str), zh: bool) -> &'static str {
    if zh { zh_text } else { en }
}

/// Type names in Chinese. A table, not a `match`: a string `match` compiles to a comparison
/// chain per arm, a table to one loop.
const TYPES_ZH: [(&str, &str); 12] = [
    ("string", "字符串"),
    ("boolean", "布尔值"),
    ("integer", "整数"),
    ("number", "数字"),
    ("array", "数组"),
    ("object", "对象"),
    ("null", "null"),
    ("undefined", "undefined"),
    ("bigint", "BigInt"),
    ("symbol", "Symbol"),
    ("function", "函数"),
    ("string or boolean", "字符串或布尔值"),
];

fn type_zh(t: &str) -> &'static str {
    TYPES_ZH
        .iter()
        .find(|(en, _)| *en == t)
        .map_or("其他类型", |(_, zh)| zh)
}

/// What a field's characters may be, for `invalid_character` messages (a table: see
/// `TYPES_ZH`).
const ALPHABETS: [(&str, &str, &str); 5] = [
    (
        "domain_name",
        "use letters, digits, '_' and '-'",
        "只能使用字母、数字、“_”和“-”",
    ),
    (
        "search_value",
        "use letters, digits, '_' and '-'",
        "只能使用字母、数字、“_”和“-”",
    ),
    (
        "password",
        "use printable ASCII characters only (letters, digits, space and symbols)",
        "只能使用可打印的ASCII字符（字母、数字、空格和符号）",
    ),
    ("verification_code", "use digits only", "只能使用数字"),
    (
        "email",
        "use ASCII characters without spaces",
        "只能使用ASCII字符且不含空格",
    ),
];

fn alphabet(field: &str) -> (&'static str, &'static str) {
    ALPHABETS.iter().find(|(name, _, _)| *name == field).map_or(
        ("control characters are not allowed", "不能包含控制字符"),
        |&(_, en, zh)| (en, zh),
    )
}
