//! Validation issues of a request: which field, a stable code, and the explanation in English
//! and Chinese. A request with issues is never sent.

use std::borrow::Cow;

use super::value::{Json, write_str};
use crate::codes::request;

/// One problem with one field of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The path of the field (`product_infos[2].period_num`); `""` for the request itself.
    pub field: String,
    /// Stable code: `required`, `empty`, `invalid_type`, `too_short`, `too_long`,
    /// `invalid_value`, `out_of_range`, `too_few_items`, `too_many_items`, `duplicate`,
    /// `invalid_time`, `invalid_amount`, `unknown_field`, `not_allowed`, `contains_space`, plus the
    /// registration codes (`invalid_mobile`, `reserved_prefix`, …).
    pub code: &'static str,
    /// English explanation.
    pub message: String,
    /// Chinese explanation.
    pub message_zh: String,
    /// The data of the rule (`{"max": 64}`).
    pub params: Vec<(Cow<'static, str>, Json)>,
    /// The CBC code BSS answers for this problem, when the docs name one.
    pub server_code: Option<String>,
}

impl Issue {
    /// Appends the issue as a JSON object (`params` and `server_code` only when present).
    pub fn write(&self, out: &mut String) {
        out.push_str("{\"field\":");
        write_str(out, &self.field);
        out.push_str(",\"code\":");
        write_str(out, self.code);
        out.push_str(",\"message\":");
        write_str(out, &self.message);
        out.push_str(",\"message_zh\":");
        write_str(out, &self.message_zh);
        if !self.params.is_empty() {
            out.push_str(",\"params\":");
            Json::Object(self.params.clone()).write(out);
        }
        if let Some(code) = &self.server_code {
            out.push_str(",\"server_code\":");
            write_str(out, code);
        }
        out.push('}');
    }
}

/// Issues as a JSON array.
pub fn issues_json(issues: &[Issue]) -> String {
    let mut out = String::from("[");
    for (i, issue) in issues.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        issue.write(&mut out);
    }
    out.push(']');
    out
}

/// What is wrong, with the data the messages need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Missing (absent, `null`, or `""` where that means missing).
    Required,
    /// Required because another field has a value (`when` describes it).
    RequiredWhen(String),
    /// Must be left out because another field has a value.
    NotAllowed(String),
    /// `""` where the server rejects it.
    Empty,
    /// Wrong JSON type.
    InvalidType(&'static str),
    /// Fewer than `min` characters (UTF-16 units, as BSS counts).
    TooShort(usize),
    /// More than `max` characters.
    TooLong(usize),
    /// Not one of the allowed values (listed).
    InvalidValue(String),
    /// An integer outside `min..=max`.
    OutOfRange(i64, i64),
    /// Fewer than `min` list items.
    TooFewItems(usize),
    /// More than `max` list items.
    TooManyItems(usize),
    /// The same value twice in a list (`value`).
    Duplicate(String),
    /// An operation or field the request's site (`intl`) does not have.
    NotOnSite(&'static str),
    /// A space where the doc says "不支持携带空格查询" (spaces are not supported).
    Spaces,
    /// Not `yyyy-MM-ddTHH:mm:ssZ` (or `YYYY-MM` for month fields).
    InvalidTime(&'static str),
    /// Not an amount of the right kind (`rule` in words).
    InvalidAmount(&'static str),
    /// A key the operation does not have.
    UnknownField(&'static str),
    /// A combination BSS refuses (explained), with its CBC code.
    Conflict(&'static str, &'static str, &'static str),
}

fn zh_type(t: &str) -> &'static str {
    match t {
        "string" => "字符串",
        "integer" => "整数",
        "boolean" => "布尔值",
        "list" => "列表",
        "object" => "对象",
        _ => "数值",
    }
}

impl Problem {
    /// The issue for `field`.
    pub fn at(self, field: &str) -> Issue {
        let f = if field.is_empty() {
            "the request"
        } else {
            field
        };
        let mut params = Vec::new();
        let mut param = |k: &'static str, v: Json| params.push((Cow::Borrowed(k), v));
        let mut server_code = None;
        let (code, message, message_zh) = match self {
            Problem::Required => (
                request::REQUIRED,
                format!("{f} is required"),
                format!("{f}为必填项"),
            ),
            Problem::RequiredWhen(when) => {
                let m = (
                    format!("{f} is required when {when}"),
                    format!("当{when}时，{f}为必填项"),
                );
                param("when", Json::str(when.as_str()));
                (request::REQUIRED, m.0, m.1)
            }
            Problem::NotAllowed(when) => {
                let m = (
                    format!("{f} must be left out when {when}"),
                    format!("当{when}时，不能传{f}"),
                );
                param("when", Json::str(when.as_str()));
                (request::NOT_ALLOWED, m.0, m.1)
            }
            Problem::Empty => (
                request::EMPTY,
                format!("{f} must not be an empty string: leave it out instead"),
                format!("{f}不支持空字符串，不需要时请不传"),
            ),
            Problem::InvalidType(t) => {
                param("expected", Json::str(t));
                (
                    request::INVALID_TYPE,
                    format!("{f} must be a {t}"),
                    format!("{f}应为{}", zh_type(t)),
                )
            }
            Problem::TooShort(min) => {
                param("min", Json::number(min.to_string()));
                (
                    request::TOO_SHORT,
                    format!("{f} must have at least {min} characters"),
                    format!("{f}至少需要{min}个字符"),
                )
            }
            Problem::TooLong(max) => {
                param("max", Json::number(max.to_string()));
                (
                    request::TOO_LONG,
                    format!("{f} must have at most {max} characters"),
                    format!("{f}最多{max}个字符"),
                )
            }
            Problem::InvalidValue(allowed) => {
                let m = (
                    format!("{f} must be one of {allowed}"),
                    format!("{f}的取值只能是{allowed}"),
                );
                param("allowed", Json::str(allowed.as_str()));
                (request::INVALID_VALUE, m.0, m.1)
            }
            Problem::OutOfRange(min, max) => {
                let (min, max) = (crate::text::int(min), crate::text::int(max));
                let m = (
                    format!("{f} must be between {min} and {max}"),
                    format!("{f}的取值范围是{min}～{max}"),
                );
                param("min", Json::number(min));
                param("max", Json::number(max));
                (request::OUT_OF_RANGE, m.0, m.1)
            }
            Problem::TooFewItems(min) => {
                param("min", Json::number(min.to_string()));
                (
                    request::TOO_FEW_ITEMS,
                    format!("{f} needs at least {min} item(s)"),
                    format!("{f}至少需要{min}项"),
                )
            }
            Problem::TooManyItems(max) => {
                param("max", Json::number(max.to_string()));
                (
                    request::TOO_MANY_ITEMS,
                    format!("{f} may have at most {max} items"),
                    format!("{f}最多{max}项"),
                )
            }
            Problem::Duplicate(value) => {
                let m = (
                    format!("{f} repeats \"{value}\""),
                    format!("{f}中的“{value}”重复"),
                );
                param("value", Json::str(value.as_str()));
                (request::DUPLICATE, m.0, m.1)
            }
            Problem::NotOnSite(what) => (
                request::NOT_ON_SITE,
                format!("{f}: this {what} does not exist on the international site (bssintl)"),
                format!(
                    "{f}：国际站（bssintl）没有此{}",
                    if what == "operation" {
                        "接口"
                    } else {
                        "字段"
                    }
                ),
            ),
            Problem::Spaces => (
                request::CONTAINS_SPACE,
                format!("{f} must not contain spaces"),
                format!("{f}不支持携带空格"),
            ),
            Problem::InvalidTime(form) => {
                param("format", Json::str(form));
                (
                    request::INVALID_TIME,
                    format!("{f} must be written {form}"),
                    format!("{f}的格式应为{form}"),
                )
            }
            Problem::InvalidAmount(rule) => (
                request::INVALID_AMOUNT,
                format!("{f} must be {rule}"),
                format!("{f}应为金额（{rule}）"),
            ),
            Problem::UnknownField(op) => {
                param("operation", Json::str(op));
                (
                    request::UNKNOWN_FIELD,
                    format!("{f} is not a parameter of {op}"),
                    format!("{f}不是{op}的参数"),
                )
            }
            Problem::Conflict(code, en, zh) => {
                server_code = Some(code);
                (
                    request::CONFLICT,
                    format!("{f}: {en}"),
                    format!("{f}：{zh}"),
                )
            }
        };
        Issue {
            field: field.to_owned(),
            code,
            message,
            message_zh,
            params,
            server_code: server_code.map(str::to_owned),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Json, Problem, issues_json};

    #[test]
    fn messages_name_the_field_and_the_rule() {
        let i = Problem::TooLong(64).at("coupon_id");
        assert_eq!(i.code, "too_long");
        assert_eq!(i.message, "coupon_id must have at most 64 characters");
        assert_eq!(i.message_zh, "coupon_id最多64个字符");
        assert_eq!(i.params, [("max".into(), Json::int(64))]);
        let i = Problem::Required.at("");
        assert_eq!(i.message, "the request is required");
        let json = issues_json(&[Problem::Empty.at("x")]);
        assert!(
            !json.contains("params") && !json.contains("server_code"),
            "{json}"
        );
        let json = issues_json(&[Problem::OutOfRange(1, 3).at("n"), Problem::Required.at("m")]);
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed[0]["params"], serde_json::json!({"min": 1, "max": 3}));
        assert_eq!(parsed[1]["field"], "m");
    }
}
