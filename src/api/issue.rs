//! Validation issues of a request: which field, a stable code, and the explanation in English
//! and Chinese. A request with issues is never sent.

use serde::Serialize;
use serde_json::{Map, Value};

/// One problem with one field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// The path of the field (`product_infos[2].period_num`); `""` for the request itself.
    pub field: String,
    /// Stable code: `required`, `empty`, `invalid_type`, `too_short`, `too_long`,
    /// `invalid_value`, `out_of_range`, `too_few_items`, `too_many_items`, `duplicate`,
    /// `invalid_time`, `invalid_amount`, `unknown_field`, `not_allowed`, plus the
    /// registration codes (`invalid_mobile`, `reserved_prefix`, …).
    pub code: &'static str,
    /// English explanation.
    pub message: String,
    /// Chinese explanation.
    pub message_zh: String,
    /// The data of the rule (`{"max": 64}`).
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub params: Map<String, Value>,
    /// The CBC code BSS answers for this problem, when the docs name one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_code: Option<&'static str>,
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
        let mut params = Map::new();
        let mut param = |k: &str, v: Value| {
            params.insert(k.to_owned(), v);
        };
        let mut server_code = None;
        let (code, message, message_zh) = match self {
            Problem::Required => (
                "required",
                format!("{f} is required"),
                format!("{f}为必填项"),
            ),
            Problem::RequiredWhen(when) => {
                let m = (
                    format!("{f} is required when {when}"),
                    format!("当{when}时，{f}为必填项"),
                );
                param("when", when.into());
                ("required", m.0, m.1)
            }
            Problem::NotAllowed(when) => {
                let m = (
                    format!("{f} must be left out when {when}"),
                    format!("当{when}时，不能传{f}"),
                );
                param("when", when.into());
                ("not_allowed", m.0, m.1)
            }
            Problem::Empty => (
                "empty",
                format!("{f} must not be an empty string: leave it out instead"),
                format!("{f}不支持空字符串，不需要时请不传"),
            ),
            Problem::InvalidType(t) => {
                param("expected", t.into());
                (
                    "invalid_type",
                    format!("{f} must be a {t}"),
                    format!("{f}应为{}", zh_type(t)),
                )
            }
            Problem::TooShort(min) => {
                param("min", min.into());
                (
                    "too_short",
                    format!("{f} must have at least {min} characters"),
                    format!("{f}至少需要{min}个字符"),
                )
            }
            Problem::TooLong(max) => {
                param("max", max.into());
                (
                    "too_long",
                    format!("{f} must have at most {max} characters"),
                    format!("{f}最多{max}个字符"),
                )
            }
            Problem::InvalidValue(allowed) => {
                let m = (
                    format!("{f} must be one of {allowed}"),
                    format!("{f}的取值只能是{allowed}"),
                );
                param("allowed", allowed.into());
                ("invalid_value", m.0, m.1)
            }
            Problem::OutOfRange(min, max) => {
                param("min", min.into());
                param("max", max.into());
                (
                    "out_of_range",
                    format!("{f} must be between {min} and {max}"),
                    format!("{f}的取值范围是{min}～{max}"),
                )
            }
            Problem::TooFewItems(min) => {
                param("min", min.into());
                (
                    "too_few_items",
                    format!("{f} needs at least {min} item(s)"),
                    format!("{f}至少需要{min}项"),
                )
            }
            Problem::TooManyItems(max) => {
                param("max", max.into());
                (
                    "too_many_items",
                    format!("{f} may have at most {max} items"),
                    format!("{f}最多{max}项"),
                )
            }
            Problem::Duplicate(value) => {
                let m = (
                    format!("{f} repeats \"{value}\""),
                    format!("{f}中的“{value}”重复"),
                );
                param("value", value.into());
                ("duplicate", m.0, m.1)
            }
            Problem::InvalidTime(form) => {
                param("format", form.into());
                (
                    "invalid_time",
                    format!("{f} must be written {form}"),
                    format!("{f}的格式应为{form}"),
                )
            }
            Problem::InvalidAmount(rule) => (
                "invalid_amount",
                format!("{f} must be {rule}"),
                format!("{f}应为金额（{rule}）"),
            ),
            Problem::UnknownField(op) => {
                param("operation", op.into());
                (
                    "unknown_field",
                    format!("{f} is not a parameter of {op}"),
                    format!("{f}不是{op}的参数"),
                )
            }
            Problem::Conflict(code, en, zh) => {
                server_code = Some(code);
                ("conflict", format!("{f}: {en}"), format!("{f}：{zh}"))
            }
        };
        Issue {
            field: field.to_owned(),
            code,
            message,
            message_zh,
            params,
            server_code,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Problem;

    #[test]
    fn messages_name_the_field_and_the_rule() {
        let i = Problem::TooLong(64).at("coupon_id");
        assert_eq!(i.code, "too_long");
        assert_eq!(i.message, "coupon_id must have at most 64 characters");
        assert_eq!(i.message_zh, "coupon_id最多64个字符");
        assert_eq!(i.params["max"], 64);
        let i = Problem::Required.at("");
        assert_eq!(i.message, "the request is required");
        let json = serde_json::to_string(&Problem::Empty.at("x")).unwrap();
        assert!(
            !json.contains("params") && !json.contains("server_code"),
            "{json}"
        );
    }
}
