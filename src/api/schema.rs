//! Request schemas: every operation's parameters as data (name, where it goes, rule, whether
//! it is required and what `""` means), and the one validator that checks a request against
//! them and lays it out as query, headers and body.
//!
//! Inputs are JSON values read from raw text, so numbers keep their digits; amounts are
//! checked with [`Amount`] and written into the body as exact JSON numbers. `null` means
//! absent (the SDK never sends `null`). Keys the operation does not have are issues: a typo
//! such as `limt` would otherwise be dropped silently by the server.

use super::issue::{Issue, Problem};
use super::value::Json;
use crate::json::read::join;
use crate::money::Amount;

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// A key of the JSON body.
    Body,
    /// A query parameter (a list is sent as repeated pairs, the SDK's `multi` format).
    Query,
    /// A segment of the path (`{name}`), percent-encoded.
    Path,
    /// A header (its wire name).
    Header(&'static str),
}

/// What `""` means for a string parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Empty {
    /// Checked by the rule like any value (`too_short`, `invalid_value`, …).
    Rule,
    /// Sent as is: the docs give `""` a meaning (a filter, or "not set").
    Keep,
    /// Rejected: the docs say `""` is not supported.
    Reject,
}

/// The rule of one value.
#[derive(Debug, Clone, Copy)]
pub enum Rule {
    /// A string of `min..=max` characters (UTF-16 units, as BSS counts them).
    Text(usize, usize),
    /// One of these strings.
    OneOf(&'static [&'static str]),
    /// One of these strings in any letter case (sent as given).
    OneOfAnyCase(&'static [&'static str]),
    /// An integer in `min..=max`.
    Int(i64, i64),
    /// One of these integers.
    IntOneOf(&'static [i64]),
    /// `true` or `false`.
    Bool,
    /// A UTC time `yyyy-MM-ddTHH:mm:ssZ`.
    Time,
    /// A month `YYYY-MM`.
    Month,
    /// An amount (number or decimal string): `> 0` with at most 2 decimals.
    FaceValue,
    /// An amount `>= 0` (a usage quantity).
    Quantity,
    /// Any decimal number (number or decimal string), sent as an exact JSON number.
    Decimal,
    /// Any JSON value, sent as given (the SDK types it `object`).
    Any,
    /// A list of `min..=max` items, each checked by the rule; `unique` rejects repeats.
    List {
        /// Rule of each item.
        item: &'static Rule,
        /// Fewest items.
        min: usize,
        /// Most items.
        max: usize,
        /// Whether two equal items are an issue.
        unique: bool,
    },
    /// An object with these fields.
    Object(&'static [Field]),
}

/// One parameter.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Wire name.
    pub name: &'static str,
    /// Where it goes (ignored inside objects and lists).
    pub at: At,
    /// Its rule.
    pub rule: Rule,
    /// Whether it must be present.
    pub required: bool,
    /// What `""` means.
    pub empty: Empty,
    /// Whether a space is refused (the doc: "不支持携带空格查询").
    pub no_spaces: bool,
}

impl Field {
    /// An optional body field whose `""` goes through the rule.
    pub const fn body(name: &'static str, rule: Rule) -> Field {
        Field {
            name,
            at: At::Body,
            rule,
            required: false,
            empty: Empty::Rule,
            no_spaces: false,
        }
    }

    /// An optional path parameter.
    pub const fn path(name: &'static str, rule: Rule) -> Field {
        Field {
            at: At::Path,
            ..Field::body(name, rule)
        }
    }

    /// An optional header `wire`, given as `input` in the request object.
    pub const fn header(input: &'static str, wire: &'static str, rule: Rule) -> Field {
        Field {
            at: At::Header(wire),
            ..Field::body(input, rule)
        }
    }

    /// The same field, refusing spaces.
    pub const fn no_spaces(self) -> Field {
        Field {
            no_spaces: true,
            ..self
        }
    }

    /// An optional query parameter whose `""` goes through the rule.
    pub const fn query(name: &'static str, rule: Rule) -> Field {
        Field {
            at: At::Query,
            ..Field::body(name, rule)
        }
    }

    /// The same field, required.
    pub const fn required(self) -> Field {
        Field {
            required: true,
            ..self
        }
    }

    /// The same field with another meaning of `""`.
    pub const fn empty(self, empty: Empty) -> Field {
        Field { empty, ..self }
    }
}

/// The `X-Language` header (`x_language` in the input): `zh_CN` or `en_US`, in any letter
/// case (ListResourceSpecs' doc: "忽略大小写"; the default is spelt `zh_cn` there).
pub const X_LANGUAGE: Field = Field {
    name: "x_language",
    at: At::Header("X-Language"),
    rule: Rule::OneOfAnyCase(&["zh_CN", "en_US"]),
    required: false,
    empty: Empty::Rule,
    no_spaces: false,
};

/// A request checked against its schema, laid out for the wire.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Laid {
    /// Query pairs.
    pub query: Vec<(String, String)>,
    /// Path parameters (name, raw value).
    pub path: Vec<(String, String)>,
    /// Extra headers (`X-Language`).
    pub headers: Vec<(String, String)>,
    /// Body fields, in the schema's order.
    pub body: Vec<(String, Json)>,
}

/// `s.length` in JavaScript: BSS (Java) counts UTF-16 units.
pub fn text_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// Whether `s` is `yyyy-MM-ddTHH:mm:ssZ` with a valid date and time.
pub fn is_utc_time(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 20
        || b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || b.get(10) != Some(&b'T')
    {
        return false;
    }
    if b.get(13) != Some(&b':') || b.get(16) != Some(&b':') || b.get(19) != Some(&b'Z') {
        return false;
    }
    // Reuse the X-Sdk-Date parser on the same digits without separators.
    let compact: String = s
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == 'T' || *c == 'Z')
        .collect();
    crate::sign::SdkDate::parse(&compact).is_some()
}

fn is_month(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b.get(4) == Some(&b'-')
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || c.is_ascii_digit())
        && matches!(s.get(5..7), Some(m) if ("01"..="12").contains(&m))
}

fn list_words<T: std::fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks one value against `rule`; returns the value to send (amounts and integers as
/// exact JSON numbers), or `None` with the issues pushed.
fn check(
    rule: &Rule,
    path: &str,
    v: &Json,
    op: &'static str,
    issues: &mut Vec<Issue>,
) -> Option<Json> {
    let mut fail = |p: Problem| {
        issues.push(p.at(path));
        None
    };
    match (rule, v) {
        (Rule::Text(min, max), Json::String(s)) => {
            let n = text_len(s);
            if n < *min {
                fail(Problem::TooShort(*min))
            } else if n > *max {
                fail(Problem::TooLong(*max))
            } else {
                Some(v.clone())
            }
        }
        (Rule::OneOf(allowed), Json::String(s)) => {
            if allowed.contains(&s.as_str()) {
                Some(v.clone())
            } else {
                fail(Problem::InvalidValue(list_words(allowed)))
            }
        }
        (Rule::OneOfAnyCase(allowed), Json::String(s)) => {
            if allowed.iter().any(|a| a.eq_ignore_ascii_case(s)) {
                Some(v.clone())
            } else {
                fail(Problem::InvalidValue(list_words(allowed)))
            }
        }
        (Rule::Int(..) | Rule::IntOneOf(_), Json::Number(_)) => {
            let Some(i) = v.as_i64() else {
                return fail(Problem::InvalidType("integer"));
            };
            match rule {
                Rule::Int(min, max) if !(min..=max).contains(&&i) => {
                    fail(Problem::OutOfRange(*min, *max))
                }
                Rule::IntOneOf(allowed) if !allowed.contains(&i) => {
                    fail(Problem::InvalidValue(list_words(allowed)))
                }
                _ => Some(Json::int(i)),
            }
        }
        (Rule::Bool, Json::Bool(_)) => Some(v.clone()),
        (Rule::Time, Json::String(s)) if is_utc_time(s) => Some(v.clone()),
        (Rule::Time, Json::String(_)) => fail(Problem::InvalidTime(
            "yyyy-MM-ddTHH:mm:ssZ (UTC), e.g. 2019-05-06T08:05:01Z",
        )),
        (Rule::Month, Json::String(s)) if is_month(s) => Some(v.clone()),
        (Rule::Month, Json::String(_)) => fail(Problem::InvalidTime("YYYY-MM, e.g. 2025-01")),
        (Rule::FaceValue | Rule::Quantity, Json::String(text) | Json::Number(text)) => {
            let face = matches!(rule, Rule::FaceValue);
            let what = if face {
                "an amount greater than 0 with at most 2 decimals"
            } else {
                "a decimal number of 0 or more"
            };
            match Amount::parse(text) {
                Ok(a) if !a.is_negative() && !(face && (a.is_zero() || a.trunc_dp(2) != a)) => {
                    // Exact digits, written as a JSON number.
                    Some(Json::Number(a.to_string()))
                }
                _ => fail(Problem::InvalidAmount(what)),
            }
        }
        (Rule::Decimal, Json::String(text) | Json::Number(text)) => match Amount::parse(text) {
            Ok(a) => Some(Json::Number(a.to_string())),
            Err(_) => fail(Problem::InvalidAmount("a decimal number")),
        },
        (Rule::Any, _) => Some(v.clone()),
        (
            Rule::List {
                item,
                min,
                max,
                unique,
            },
            Json::Array(items),
        ) => {
            if items.len() < *min {
                return fail(Problem::TooFewItems(*min));
            }
            if items.len() > *max {
                return fail(Problem::TooManyItems(*max));
            }
            let before = issues.len();
            let mut out = Vec::with_capacity(items.len());
            for (i, it) in items.iter().enumerate() {
                let p = format!("{path}[{i}]");
                if *unique && items[..i].contains(it) {
                    issues.push(
                        Problem::Duplicate(it.as_str().unwrap_or_default().to_owned()).at(&p),
                    );
                    continue;
                }
                if let Some(x) = check(item, &p, it, op, issues) {
                    out.push(x);
                }
            }
            (issues.len() == before).then_some(Json::Array(out))
        }
        (Rule::Object(fields), Json::Object(_)) => {
            let mut laid = Laid::default();
            let ok = check_fields(fields, v, path, op, issues, &mut laid);
            ok.then_some(Json::Object(laid.body))
        }
        _ => {
            let expected = match rule {
                Rule::Text(..)
                | Rule::OneOf(_)
                | Rule::OneOfAnyCase(_)
                | Rule::Time
                | Rule::Month => "string",
                Rule::Int(..) | Rule::IntOneOf(_) => "integer",
                Rule::Bool => "boolean",
                Rule::FaceValue | Rule::Quantity | Rule::Decimal => "amount",
                Rule::Any => "any",
                Rule::List { .. } => "list",
                Rule::Object(_) => "object",
            };
            fail(Problem::InvalidType(expected))
        }
    }
}

/// A query, path or header value as text: strings and numbers as they are, booleans as
/// `true`/`false`.
fn param_text(v: Json) -> String {
    match v {
        Json::String(s) | Json::Number(s) => s,
        other => other.to_string(),
    }
}

/// Checks the fields of one object; valid values are laid out into `laid` (nested objects
/// put everything into the body). Returns whether no issue was found.
pub fn check_fields(
    fields: &[Field],
    object: &Json,
    path: &str,
    op: &'static str,
    issues: &mut Vec<Issue>,
    laid: &mut Laid,
) -> bool {
    let before = issues.len();
    let keys = match object {
        Json::Object(entries) => entries.iter().map(|(k, _)| k.as_str()).collect(),
        _ => Vec::new(),
    };
    for key in keys {
        if !fields.iter().any(|f| f.name == key) {
            issues.push(Problem::UnknownField(op).at(&join(path, key)));
        }
    }
    for f in fields {
        let p = join(path, f.name);
        let value = match object.get(f.name) {
            None | Some(Json::Null) => {
                if f.required {
                    issues.push(Problem::Required.at(&p));
                }
                continue;
            }
            Some(v) => v,
        };
        let out = match (value, f.empty) {
            (Json::String(s), Empty::Keep) if s.is_empty() => Some(value.clone()),
            (Json::String(s), _) if s.is_empty() && f.required => {
                issues.push(Problem::Required.at(&p));
                None
            }
            (Json::String(s), Empty::Reject) if s.is_empty() => {
                issues.push(Problem::Empty.at(&p));
                None
            }
            // The signer reads a `/` as a segment break; the SDK would send `%2F`.
            (Json::String(s), _)
                if f.at == At::Path && (s.contains('/') || s == "." || s == "..") =>
            {
                issues
                    .push(Problem::InvalidValue("a path segment: no /, not . or ..".into()).at(&p));
                None
            }
            (Json::String(s), _) if f.no_spaces && s.contains(' ') => {
                issues.push(Problem::Spaces.at(&p));
                None
            }
            _ => check(&f.rule, &p, value, op, issues),
        };
        let Some(out) = out else { continue };
        match f.at {
            At::Body => laid.body.push((f.name.to_owned(), out)),
            // A query list goes as repeated pairs (the SDK's `multi` collection format).
            At::Query if matches!(out, Json::Array(_)) => {
                if let Json::Array(items) = out {
                    for item in items {
                        laid.query.push((f.name.to_owned(), param_text(item)));
                    }
                }
            }
            At::Query => laid.query.push((f.name.to_owned(), param_text(out))),
            At::Path => laid.path.push((f.name.to_owned(), param_text(out))),
            At::Header(h) => laid.headers.push((h.to_owned(), param_text(out))),
        }
    }
    issues.len() == before
}

/// Checks a whole request (a JSON object) against `fields`.
pub fn validate(fields: &[Field], input: &Json, op: &'static str) -> Result<Laid, Vec<Issue>> {
    let mut issues = Vec::new();
    let mut laid = Laid::default();
    match input {
        // No argument at all is an empty request.
        Json::Object(_) | Json::Null => {
            check_fields(fields, input, "", op, &mut issues, &mut laid);
        }
        _ => issues.push(Problem::InvalidType("object").at("")),
    }
    if issues.is_empty() {
        Ok(laid)
    } else {
        Err(issues)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ITEM: &[Field] = &[
        Field::body("id", Rule::Text(1, 4)).required(),
        Field::body("n", Rule::IntOneOf(&[1, 2])),
    ];
    const FIELDS: &[Field] = &[
        Field::query("name", Rule::Text(1, 3)).required(),
        Field::query("filter", Rule::Text(1, 3)).empty(Empty::Keep),
        Field::body("time", Rule::Time).empty(Empty::Reject),
        Field::body("face", Rule::FaceValue),
        Field::body(
            "ids",
            Rule::List {
                item: &Rule::Text(1, 2),
                min: 1,
                max: 2,
                unique: true,
            },
        ),
        Field::body(
            "items",
            Rule::List {
                item: &Rule::Object(ITEM),
                min: 0,
                max: 5,
                unique: false,
            },
        ),
        X_LANGUAGE,
    ];

    fn codes(r: Result<Laid, Vec<Issue>>) -> Vec<(String, &'static str)> {
        r.unwrap_err()
            .into_iter()
            .map(|i| (i.field, i.code))
            .collect()
    }

    #[test]
    fn lays_out_query_headers_and_body() {
        let input = Json::parse(
            r#"{"name":"abc","filter":"","time":"2019-05-06T08:05:01Z","face":10.50,
                "ids":["a"],"items":[{"id":"x","n":2}],"x_language":"en_US"}"#,
        )
        .unwrap();
        let laid = validate(FIELDS, &input, "Op").unwrap();
        assert_eq!(
            laid.query,
            [
                ("name".into(), "abc".into()),
                ("filter".into(), String::new())
            ]
        );
        assert_eq!(
            laid.headers,
            [("X-Language".to_owned(), "en_US".to_owned())]
        );
        assert_eq!(
            Json::Object(laid.body).to_string(),
            r#"{"time":"2019-05-06T08:05:01Z","face":10.5,"ids":["a"],"items":[{"id":"x","n":2}]}"#
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_path() {
        let input = Json::from(&json!({
            "name": "", "time": "", "face": "0.001", "ids": ["a", "a"],
            "items": [{"id": "toolong", "n": 3, "extra": 1}, 5], "limt": 1, "x_language": "fr"
        }));
        assert_eq!(
            codes(validate(FIELDS, &input, "Op")),
            [
                ("limt".to_owned(), "unknown_field"),
                ("name".to_owned(), "required"),
                ("time".to_owned(), "empty"),
                ("face".to_owned(), "invalid_amount"),
                ("ids[1]".to_owned(), "duplicate"),
                ("items[0].extra".to_owned(), "unknown_field"),
                ("items[0].id".to_owned(), "too_long"),
                ("items[0].n".to_owned(), "invalid_value"),
                ("items[1]".to_owned(), "invalid_type"),
                ("x_language".to_owned(), "invalid_value"),
            ]
        );
        assert_eq!(
            codes(validate(FIELDS, &Json::Array(vec![]), "Op")),
            [(String::new(), "invalid_type")]
        );
        assert_eq!(
            codes(validate(FIELDS, &Json::Null, "Op")),
            [("name".to_owned(), "required")]
        );
    }

    #[test]
    fn integers_and_times_are_strict() {
        const F: &[Field] = &[
            Field::body("n", Rule::Int(0, 10)),
            Field::body("t", Rule::Time),
        ];
        for (input, code) in [
            (r#"{"n": 1.0}"#, "invalid_type"),
            (r#"{"n": 1e1}"#, "invalid_type"),
            (r#"{"n": "1"}"#, "invalid_type"),
            (r#"{"n": 11}"#, "out_of_range"),
            (r#"{"n": 99999999999999999999999}"#, "invalid_type"),
            (r#"{"t": "2019-02-29T00:00:00Z"}"#, "invalid_time"),
            (r#"{"t": "2019-05-06 08:05:01Z"}"#, "invalid_time"),
        ] {
            let v = Json::parse(input).unwrap();
            assert_eq!(codes(validate(F, &v, "Op"))[0].1, code, "{input}");
        }
        assert!(is_utc_time("2024-02-29T23:59:59Z"));
        assert!(is_month("2025-12") && !is_month("2025-13") && !is_month("2025-1"));
    }
}
