//! Request schemas: every operation's parameters as data (name, where it goes, rule, whether
//! it is required and what `""` means), and the one validator that checks a request against
//! them and lays it out as query, headers and body.
//!
//! Inputs are JSON values read from raw text, so numbers keep their digits; amounts are
//! checked with [`Amount`] and written into the body as exact JSON numbers. `null` means
//! absent (the SDK never sends `null`). Keys the operation does not have are issues: a typo
//! such as `limt` would otherwise be dropped silently by the server.

use std::borrow::Cow;

use super::issue::{Issue, Problem};
use super::value::Json;
use crate::json::read::join;
use crate::money::Amount;
use crate::text::ByteSearch as _;
use crate::text::split_once;

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

/// The parameters of an operation (or the fields of an object) as a program of text, which
/// the validator walks as it checks a request. Text, rather than a table of [`Field`]
/// structs: the client module carries 555 parameters, which as structs (pointers, `usize::MAX`
/// bounds) took 21.9 KB of its data section (8.3 KB gzipped), as text 10.7 KB (3.2 KB); the
/// walker costs 1.6 KB more code than the struct interpreter (measured with the table empty).
///
/// Fields are separated by spaces; each is `place? name header? flag* ':' rule`:
///
/// * place: none for a body key, `?` a query parameter, `/` a path segment; `@Wire` after the
///   name: a header sent as `Wire`, given as `name` (`x_language@X-Language`);
/// * flags: `!` required, `~` `""` is sent as is, `#` `""` is refused, `%` no spaces;
/// * rule: `s` a string (`s1..64`: 1 to 64 characters), `i` an integer (`i0..100`),
///   `e(A|B)` one of these strings, `E(a|b)` the same in any letter case, `n(1|2)` one of
///   these integers, `b` boolean, `t` UTC time, `m` month, `f` face value, `q` quantity,
///   `d` decimal, `a` any value, `[rule]` a list of items (`[s]1..10u`: 1 to 10 items,
///   unique), `{fields}` an object. No bounds: no limit.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Fields(pub &'static str);

impl std::fmt::Debug for Fields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Fields({:?})", self.0)
    }
}

/// The rule of one value, decoded (see [`Fields`]: `Deref` to `[Field]`).
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

/// One parameter, decoded (see [`Fields`]).
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

/// One field of a program as the validator reads it: the rule still text.
struct Item {
    name: &'static str,
    at: At,
    required: bool,
    empty: Empty,
    no_spaces: bool,
    rule: &'static str,
}

impl Fields {
    fn items(self) -> Items {
        Items(self.0)
    }
}

/// The fields of a program, in order.
struct Items(&'static str);

impl Iterator for Items {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let (head, rest) = self.0.trim_start_matches(' ').cut(b':')?;
        // The rule ends at the first space outside brackets.
        let mut depth = 0usize;
        let end = rest
            .bytes()
            .position(|b| {
                match b {
                    b'(' | b'[' | b'{' => depth += 1,
                    b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                b == b' ' && depth == 0
            })
            .unwrap_or(rest.len());
        let rule = rest.get(..end)?;
        self.0 = rest.get(end..)?;
        let (at, head) = match head.strip_prefix('?') {
            Some(h) => (At::Query, h),
            None => match head.strip_prefix('/') {
                Some(h) => (At::Path, h),
                None => (At::Body, head),
            },
        };
        let flags_at = head
            .bytes()
            .position(|b| matches!(b, b'!' | b'~' | b'#' | b'%'))
            .unwrap_or(head.len());
        let (name, flags) = (head.get(..flags_at)?, head.get(flags_at..)?);
        let (name, at) = match name.cut(b'@') {
            Some((name, wire)) => (name, At::Header(wire)),
            None => (name, at),
        };
        let empty = if flags.has(b'~') {
            Empty::Keep
        } else if flags.has(b'#') {
            Empty::Reject
        } else {
            Empty::Rule
        };
        Some(Item {
            name,
            at,
            required: flags.has(b'!'),
            empty,
            no_spaces: flags.has(b'%'),
            rule,
        })
    }
}

/// A rule as the validator reads it (see [`Fields`]); lists of words stay text (`A|B`).
enum Shape {
    Text(usize, usize),
    OneOf(&'static str, bool),
    Int(i64, i64),
    IntOneOf(&'static str),
    Bool,
    Time,
    Month,
    FaceValue,
    Quantity,
    Decimal,
    Any,
    List {
        item: &'static str,
        min: usize,
        max: usize,
        unique: bool,
    },
    Object(Fields),
}

/// `a..b` as bounds; without bounds, `min..=max` (no limit).
fn bounds(text: &str, min: i64, max: i64) -> (i64, i64) {
    match split_once(text, "..") {
        Some((a, b)) => (a.parse().unwrap_or(min), b.parse().unwrap_or(max)),
        None => (min, max),
    }
}

/// [`bounds`] of a length or a count (no upper bound: `usize::MAX`).
fn size_bounds(text: &str) -> (usize, usize) {
    let (min, max) = bounds(text, 0, -1);
    let size = |n: i64| usize::try_from(n).unwrap_or(usize::MAX);
    (size(min), size(max))
}

/// Reads the rule `text` (well-formed: the programs are generated, and a test reads them all).
fn read_rule(text: &'static str) -> Shape {
    let words = |t: &'static str| t.get(2..t.len().saturating_sub(1)).unwrap_or_default();
    match text.as_bytes().first() {
        Some(b's') => {
            let (min, max) = size_bounds(text.get(1..).unwrap_or_default());
            Shape::Text(min, max)
        }
        Some(b'i') => {
            let (min, max) = bounds(text.get(1..).unwrap_or_default(), i64::MIN, i64::MAX);
            Shape::Int(min, max)
        }
        Some(b'e') => Shape::OneOf(words(text), false),
        Some(b'E') => Shape::OneOf(words(text), true),
        Some(b'n') => Shape::IntOneOf(words(text)),
        Some(b'b') => Shape::Bool,
        Some(b't') => Shape::Time,
        Some(b'm') => Shape::Month,
        Some(b'f') => Shape::FaceValue,
        Some(b'q') => Shape::Quantity,
        Some(b'd') => Shape::Decimal,
        Some(b'[') => {
            let close = text.bytes().rposition(|b| b == b']').unwrap_or(text.len());
            let tail = text.get(close + 1..).unwrap_or_default();
            let (tail, unique) = match tail.strip_suffix('u') {
                Some(t) => (t, true),
                None => (tail, false),
            };
            let (min, max) = size_bounds(tail);
            Shape::List {
                item: text.get(1..close).unwrap_or_default(),
                min,
                max,
                unique,
            }
        }
        Some(b'{') => Shape::Object(Fields(text.get(1..text.len() - 1).unwrap_or_default())),
        _ => Shape::Any,
    }
}

impl Fields {
    /// The program decoded into [`Field`]s (for tools and tests; the validator walks the
    /// text). Decoded once per program and kept: the programs are static.
    fn decoded(self) -> &'static [Field] {
        use std::sync::Mutex;
        static DECODED: Mutex<Vec<(Fields, &'static [Field])>> = Mutex::new(Vec::new());
        let cached = || {
            let done = DECODED.lock().unwrap_or_else(|e| e.into_inner());
            done.iter().find(|(p, _)| *p == self).map(|(_, f)| *f)
        };
        if let Some(fields) = cached() {
            return fields;
        }
        let fields: Vec<Field> = self
            .items()
            .map(|i| Field {
                name: i.name,
                at: i.at,
                rule: decode(i.rule),
                required: i.required,
                empty: i.empty,
                no_spaces: i.no_spaces,
            })
            .collect();
        let fields: &'static [Field] = Box::leak(fields.into_boxed_slice());
        DECODED
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((self, fields));
        fields
    }
}

impl std::ops::Deref for Fields {
    type Target = [Field];

    fn deref(&self) -> &[Field] {
        self.decoded()
    }
}

/// The rule `text` decoded into a [`Rule`].
fn decode(text: &'static str) -> Rule {
    fn leak<T>(items: Vec<T>) -> &'static [T] {
        Box::leak(items.into_boxed_slice())
    }
    match read_rule(text) {
        Shape::Text(min, max) => Rule::Text(min, max),
        Shape::OneOf(words, false) => Rule::OneOf(leak(words.pieces(b'|').collect())),
        Shape::OneOf(words, true) => Rule::OneOfAnyCase(leak(words.pieces(b'|').collect())),
        Shape::Int(min, max) => Rule::Int(min, max),
        Shape::IntOneOf(words) => Rule::IntOneOf(leak(
            words.pieces(b'|').filter_map(|w| w.parse().ok()).collect(),
        )),
        Shape::Bool => Rule::Bool,
        Shape::Time => Rule::Time,
        Shape::Month => Rule::Month,
        Shape::FaceValue => Rule::FaceValue,
        Shape::Quantity => Rule::Quantity,
        Shape::Decimal => Rule::Decimal,
        Shape::Any => Rule::Any,
        Shape::List {
            item,
            min,
            max,
            unique,
        } => Rule::List {
            item: Box::leak(Box::new(decode(item))),
            min,
            max,
            unique,
        },
        Shape::Object(fields) => Rule::Object(fields.decoded()),
    }
}

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
    pub body: Vec<(Cow<'static, str>, Json)>,
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

/// `A|B` as the message lists them: `A, B`.
fn list_words(words: &str) -> String {
    crate::text::replace(words, "|", ", ")
}

/// Checks one value against `rule`; returns the value to send (amounts and integers as
/// exact JSON numbers), or `None` with the issues pushed.
fn check(
    rule: &'static str,
    path: &str,
    v: &Json,
    op: &'static str,
    issues: &mut Vec<Issue>,
) -> Option<Json> {
    let mut fail = |p: Problem| {
        issues.push(p.at(path));
        None
    };
    let shape = read_rule(rule);
    match (&shape, v) {
        (Shape::Text(min, max), Json::String(s)) => {
            let n = text_len(s);
            if n < *min {
                fail(Problem::TooShort(*min))
            } else if n > *max {
                fail(Problem::TooLong(*max))
            } else {
                Some(v.clone())
            }
        }
        (Shape::OneOf(allowed, any_case), Json::String(s)) => {
            let mut words = allowed.pieces(b'|');
            if words.any(|a| a == s || (*any_case && a.eq_ignore_ascii_case(s))) {
                Some(v.clone())
            } else {
                fail(Problem::InvalidValue(list_words(allowed)))
            }
        }
        (Shape::Int(..) | Shape::IntOneOf(_), Json::Number(_)) => {
            let Some(i) = v.as_i64() else {
                return fail(Problem::InvalidType("integer"));
            };
            match shape {
                Shape::Int(min, max) if !(min..=max).contains(&i) => {
                    fail(Problem::OutOfRange(min, max))
                }
                Shape::IntOneOf(allowed)
                    if !allowed.pieces(b'|').any(|a| a.parse::<i64>() == Ok(i)) =>
                {
                    fail(Problem::InvalidValue(list_words(allowed)))
                }
                _ => Some(Json::int(i)),
            }
        }
        (Shape::Bool, Json::Bool(_)) => Some(v.clone()),
        (Shape::Time, Json::String(s)) if is_utc_time(s) => Some(v.clone()),
        (Shape::Time, Json::String(_)) => fail(Problem::InvalidTime(
            "yyyy-MM-ddTHH:mm:ssZ (UTC), e.g. 2019-05-06T08:05:01Z",
        )),
        (Shape::Month, Json::String(s)) if is_month(s) => Some(v.clone()),
        (Shape::Month, Json::String(_)) => fail(Problem::InvalidTime("YYYY-MM, e.g. 2025-01")),
        (Shape::FaceValue | Shape::Quantity, Json::String(text) | Json::Number(text)) => {
            let face = matches!(shape, Shape::FaceValue);
            let what = if face {
                "an amount greater than 0 with at most 2 decimals"
            } else {
                "a decimal number of 0 or more"
            };
            // At most 2 decimals read on the canonical text (no trailing zero), not with
            // `trunc_dp`: no decimal rounding or comparison in the client (-935 B gzipped).
            match Amount::parse(text).map(|a| (a, a.to_string())) {
                Ok((a, t))
                    if !a.is_negative()
                        && !(face
                            && (a.is_zero() || t.cut(b'.').is_some_and(|(_, f)| f.len() > 2))) =>
                {
                    // Exact digits, written as a JSON number.
                    Some(Json::number(t))
                }
                _ => fail(Problem::InvalidAmount(what)),
            }
        }
        (Shape::Decimal, Json::String(text) | Json::Number(text)) => match Amount::parse(text) {
            Ok(a) => Some(Json::number(a.to_string())),
            Err(_) => fail(Problem::InvalidAmount("a decimal number")),
        },
        (Shape::Any, _) => Some(v.clone()),
        (
            Shape::List {
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
        (Shape::Object(fields), Json::Object(_)) => {
            let mut laid = Laid::default();
            let ok = check_fields(*fields, v, path, op, issues, &mut laid);
            ok.then_some(Json::Object(laid.body))
        }
        _ => {
            let expected = match shape {
                Shape::Text(..) | Shape::OneOf(..) | Shape::Time | Shape::Month => "string",
                Shape::Int(..) | Shape::IntOneOf(_) => "integer",
                Shape::Bool => "boolean",
                Shape::FaceValue | Shape::Quantity | Shape::Decimal => "amount",
                Shape::Any => "any",
                Shape::List { .. } => "list",
                Shape::Object(_) => "object",
            };
            fail(Problem::InvalidType(expected))
        }
    }
}

/// A query, path or header value as text: strings and numbers as they are, booleans as
/// `true`/`false`.
fn param_text(v: Json) -> String {
    match v {
        Json::String(s) | Json::Number(s) => s.into_owned(),
        other => other.text(),
    }
}

/// Checks the fields of one object; valid values are laid out into `laid` (nested objects
/// put everything into the body). Returns whether no issue was found.
pub fn check_fields(
    fields: Fields,
    object: &Json,
    path: &str,
    op: &'static str,
    issues: &mut Vec<Issue>,
    laid: &mut Laid,
) -> bool {
    let before = issues.len();
    let keys = match object {
        Json::Object(entries) => entries.iter().map(|(k, _)| k.as_ref()).collect(),
        _ => Vec::new(),
    };
    for key in keys {
        if !fields.items().any(|f| f.name == key) {
            issues.push(Problem::UnknownField(op).at(&join(path, key)));
        }
    }
    for f in fields.items() {
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
            (Json::String(s), _) if f.at == At::Path && (s.has(b'/') || s == "." || s == "..") => {
                issues
                    .push(Problem::InvalidValue("a path segment: no /, not . or ..".into()).at(&p));
                None
            }
            (Json::String(s), _) if f.no_spaces && s.has(b' ') => {
                issues.push(Problem::Spaces.at(&p));
                None
            }
            _ => check(f.rule, &p, value, op, issues),
        };
        let Some(out) = out else { continue };
        match f.at {
            At::Body => laid.body.push((Cow::Borrowed(f.name), out)),
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
pub fn validate(fields: &Fields, input: &Json, op: &'static str) -> Result<Laid, Vec<Issue>> {
    let mut issues = Vec::new();
    let mut laid = Laid::default();
    match input {
        // No argument at all is an empty request.
        Json::Object(_) | Json::Null => {
            check_fields(*fields, input, "", op, &mut issues, &mut laid);
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

    // An item: `id`, required, 1–4 characters; `n`: 1 or 2.
    const ITEM: &str = "{id!:s1..4 n:n(1|2)}";
    const FIELDS: &Fields = &Fields(concat!(
        "?name!:s1..3 ",
        "?filter~:s1..3 ",
        "time#:t ",
        "face:f ",
        "ids:[s1..2]1..2u ",
        "items:[{id!:s1..4 n:n(1|2)}]0..5 ",
        "x_language@X-Language:E(zh_CN|en_US)",
    ));

    #[test]
    fn programs_decode_into_fields() {
        let f = &FIELDS[..];
        assert_eq!(f.len(), 7);
        assert!(matches!(
            (f[0].name, f[0].at, f[0].rule, f[0].required, f[0].empty),
            ("name", At::Query, Rule::Text(1, 3), true, Empty::Rule)
        ));
        assert_eq!((f[1].empty, f[2].empty), (Empty::Keep, Empty::Reject));
        assert!(matches!(
            f[4].rule,
            Rule::List {
                item: Rule::Text(1, 2),
                min: 1,
                max: 2,
                unique: true
            }
        ));
        let Rule::List {
            item: Rule::Object(item),
            min: 0,
            max: 5,
            unique: false,
        } = f[5].rule
        else {
            panic!("{:?}", f[5].rule)
        };
        assert!(matches!(item[1].rule, Rule::IntOneOf([1, 2])));
        assert_eq!(format!("{{{}}}", "id!:s1..4 n:n(1|2)"), ITEM);
        assert!(matches!(
            (f[6].name, f[6].at, f[6].rule),
            (
                "x_language",
                At::Header("X-Language"),
                Rule::OneOfAnyCase(["zh_CN", "en_US"])
            )
        ));
        assert!(matches!(
            Fields("n:s a:i").decoded()[..],
            [
                Field {
                    rule: Rule::Text(0, usize::MAX),
                    ..
                },
                Field {
                    rule: Rule::Int(i64::MIN, i64::MAX),
                    ..
                }
            ]
        ));
        // Decoded once: the same slice each time.
        assert!(std::ptr::eq(&FIELDS[..], &FIELDS[..]));
    }

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
        const F: &Fields = &Fields("n:i0..10 t:t");
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
