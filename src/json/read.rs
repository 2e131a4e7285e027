//! The one reader of every input: a cursor over a parsed [`Node`] tree that knows the path of
//! the value it reads (`order.lines[3].unit_price`).
//!
//! * [`Obj`] reads strictly: a wrong type, an unknown key ([`Obj::only`]) or a list over its
//!   limit is a [`JsonError`] naming the path; each area maps it to its own error once, at
//!   its entry point.
//! * [`Lenient`] reads BSS objects that must not fail as a whole (a coupon): a value that
//!   cannot be read is recorded (field, message) and read as absent.
//!
//! Paths are built by [`join`] only. Amounts are read from the number's or string's text
//! ([`amount_of`]), never through `f64`. Reading by hand instead of through serde derives
//! keeps each wasm module small (serde_json's deserializer is not linked at all).

use std::borrow::Cow;

use super::tree::{self, Node, type_name};
use super::{JsonError, JsonErrorKind};
use crate::error::quote_input;
use crate::money::Amount;

/// Parses JSON text into a tree; a syntax error is `invalid_json`.
pub fn tree(text: &str) -> Result<Node<'_>, JsonError> {
    tree::parse_node(text).map_err(|e| JsonError {
        kind: JsonErrorKind::Syntax,
        path: String::new(),
        message: e.to_string(),
    })
}

/// An `invalid_input` error at `path`.
pub fn shape(path: impl Into<String>, message: impl Into<String>) -> JsonError {
    JsonError {
        kind: JsonErrorKind::Shape,
        path: path.into(),
        message: message.into(),
    }
}

/// `path` + `field`: `path.field`, `field` at the root; a `field` that starts with an index
/// (`[2]`, `[2].amount`) is appended without a dot.
pub fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else if field.is_empty() {
        path.to_owned()
    } else if field.starts_with('[') {
        format!("{path}{field}")
    } else {
        format!("{path}.{field}")
    }
}

/// An amount given as a JSON number (its text) or a decimal string.
pub fn amount_of(v: &Node<'_>, path: &str) -> Result<Amount, JsonError> {
    let parsed = match v {
        Node::Number(n) => Amount::parse(n),
        Node::String(s) => Amount::parse(s),
        other => Err(crate::money::AmountError::wrong_type(type_name(other))),
    };
    parsed.map_err(|e| JsonError {
        kind: JsonErrorKind::Amount,
        path: path.to_owned(),
        message: e.to_string(),
    })
}

/// `names` separated by `, ` (as `names.join(", ")`, without std's generic join: −190 B of
/// wasm gzipped).
fn listed(names: &[&str]) -> String {
    let mut out = String::new();
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(name);
    }
    out
}

/// `text.parse::<i64>().ok()`, by hand: the standard parser's generic code is larger
/// (133 B gzipped in the registration module, 131 B in pricing, measured). An optional sign,
/// then ASCII digits; `None` on overflow.
pub fn parse_i64(text: &str) -> Option<i64> {
    let (negative, digits) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        all => (false, all),
    };
    if digits.is_empty() {
        return None;
    }
    // Accumulated negatively: i64::MIN has no positive counterpart.
    let mut n: i64 = 0;
    for &b in digits {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_sub(i64::from(b - b'0'))?;
    }
    if negative { Some(n) } else { n.checked_neg() }
}

/// `text.parse::<u64>().ok()` for values up to `i64::MAX` (so also `u32`/`u8` parsing after a
/// `try_from`), on [`parse_i64`]: an optional `+`, then ASCII digits; a `-` is refused.
pub fn parse_u64(text: &str) -> Option<u64> {
    if text.starts_with('-') {
        return None;
    }
    parse_i64(text).and_then(|i| u64::try_from(i).ok())
}

/// The members of an object node, in order.
pub type Members<'t> = [(Cow<'t, str>, Node<'t>)];

/// The member `key` of `members` (a repeated key: the last one counts), `null` included.
pub fn member<'a, 't>(members: &'a Members<'t>, key: &str) -> Option<&'a Node<'t>> {
    members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// A value for an error message: scalars quoted (cut to 40 characters), others by type.
pub fn describe(v: &Node<'_>) -> String {
    match v {
        Node::String(s) => format!("\"{}\"", quote_input(s, 40)),
        Node::Number(n) => quote_input(n, 40),
        Node::Bool(b) => b.to_string(),
        other => type_name(other).to_owned(),
    }
}

/// Where a value sits: `up` + `field` (joined as by [`join`]) + `[index]`. Rendered as text
/// only for an error: building every path while reading cost tens of thousands of
/// instructions per quote.
#[derive(Clone, Copy)]
pub struct Path<'p> {
    up: Option<&'p Path<'p>>,
    field: &'p str,
    index: Option<usize>,
}

impl<'p> Path<'p> {
    /// A path given as text.
    pub const fn new(text: &'p str) -> Path<'p> {
        Path {
            up: None,
            field: text,
            index: None,
        }
    }

    /// The path as text (`order.lines[3]`).
    pub fn text(&self) -> String {
        let up = self.up.map(Path::text).unwrap_or_default();
        let mut out = join(&up, self.field);
        if let Some(i) = self.index {
            out.push('[');
            crate::text::digits(&mut out, i as u64, 1);
            out.push(']');
        }
        out
    }
}

impl<'p> From<&'p str> for Path<'p> {
    fn from(text: &'p str) -> Path<'p> {
        Path::new(text)
    }
}

impl From<Path<'_>> for String {
    fn from(path: Path<'_>) -> String {
        path.text()
    }
}

/// An object being read strictly, with its path.
pub struct Obj<'a, 't> {
    members: &'a Members<'t>,
    path: Path<'a>,
}

impl<'a, 't> Obj<'a, 't> {
    /// `v` as an object at `path`.
    pub fn new(v: &'a Node<'t>, path: &'a str) -> Result<Obj<'a, 't>, JsonError> {
        Obj::at_path(v, Path::new(path))
    }

    /// The members of an object node, read at `path` (no type check left to fail).
    pub fn of(members: &'a Members<'t>, path: &'a str) -> Obj<'a, 't> {
        Obj {
            members,
            path: Path::new(path),
        }
    }

    /// `v` as an object at `path`.
    pub fn at_path(v: &'a Node<'t>, path: Path<'a>) -> Result<Obj<'a, 't>, JsonError> {
        match v {
            Node::Object(members) => Ok(Obj { members, path }),
            other => Err(shape(
                path,
                format!("expected an object, got {}", type_name(other)),
            )),
        }
    }

    /// The path of `field[index]` (of `field` without an index).
    fn below(&self, field: &'a str, index: Option<usize>) -> Path<'_> {
        Path {
            up: Some(&self.path),
            field,
            index,
        }
    }

    /// The member `field` of this object read as an object, at `path.field`.
    pub fn child<'b>(&'b self, field: &'b str, v: &'b Node<'t>) -> Result<Obj<'b, 't>, JsonError> {
        Obj::at_path(v, self.below(field, None))
    }

    /// Element `index` of the array `field` of this object read as an object, at
    /// `path.field[index]`.
    pub fn item<'b>(
        &'b self,
        field: &'b str,
        index: usize,
        v: &'b Node<'t>,
    ) -> Result<Obj<'b, 't>, JsonError> {
        Obj::at_path(v, self.below(field, Some(index)))
    }

    fn unknown(&self, allowed: &[&str], ignored: &[&str]) -> Option<&'a str> {
        for (k, _) in self.members {
            let k: &'a str = k;
            if !allowed.contains(&k) && !ignored.contains(&k) {
                return Some(k);
            }
        }
        None
    }

    /// Rejects fields not in `allowed` (engine inputs, where a typo must not pass silently):
    /// `unknown field (expected one of: …)` at the field's path.
    pub fn only(self, allowed: &[&str]) -> Result<Obj<'a, 't>, JsonError> {
        if let Some(k) = self.unknown(allowed, &[]) {
            return Err(shape(
                self.at(k),
                format!("unknown field (expected one of: {})", listed(allowed)),
            ));
        }
        Ok(self)
    }

    /// As [`Obj::only`], the message naming the key: `unknown field "x" (expected one of: …)`
    /// (the coupon area's wording).
    pub fn only_named(self, allowed: &[&str]) -> Result<Obj<'a, 't>, JsonError> {
        self.only_named_except(allowed, &[])
    }

    /// As [`Obj::only_named`], fields in `ignored` passing too (read by someone else) without
    /// being offered in the message.
    pub fn only_named_except(
        self,
        allowed: &[&str],
        ignored: &[&str],
    ) -> Result<Obj<'a, 't>, JsonError> {
        if let Some(k) = self.unknown(allowed, ignored) {
            let message = format!(
                "unknown field \"{}\" (expected one of: {})",
                quote_input(k, 40),
                listed(allowed)
            );
            return Err(shape(self.at(k), message));
        }
        Ok(self)
    }

    /// The path of `field`.
    pub fn at(&self, field: &str) -> String {
        join(&self.path.text(), field)
    }

    /// The members, in order.
    pub fn members(&self) -> &'a Members<'t> {
        self.members
    }

    /// A shape error at `field`.
    pub fn fail(&self, field: &str, message: impl Into<String>) -> JsonError {
        shape(self.at(field), message)
    }

    /// `expected {expected}, got {type of v}` at `field`.
    pub fn wrong(&self, field: &str, expected: &str, v: &Node<'_>) -> JsonError {
        self.fail(field, format!("expected {expected}, got {}", type_name(v)))
    }

    /// A present, non-null value (a repeated key: the last one counts).
    pub fn get(&self, field: &str) -> Option<&'a Node<'t>> {
        member(self.members, field).filter(|v| !matches!(v, Node::Null))
    }

    /// A required value.
    pub fn required(&self, field: &str) -> Result<&'a Node<'t>, JsonError> {
        self.get(field).ok_or_else(|| self.fail(field, "missing"))
    }

    /// A string (a number is taken as its text: ids sometimes arrive as numbers).
    pub fn text(&self, field: &str) -> Result<Option<String>, JsonError> {
        match self.get(field) {
            None => Ok(None),
            Some(Node::String(s)) => Ok(Some(s.to_string())),
            Some(Node::Number(n)) => Ok(Some(n.to_string())),
            Some(other) => Err(self.wrong(field, "a string", other)),
        }
    }

    /// A string, and only a string.
    pub fn string(&self, field: &str) -> Result<Option<String>, JsonError> {
        match self.get(field) {
            None => Ok(None),
            Some(Node::String(s)) => Ok(Some(s.to_string())),
            Some(other) => Err(self.wrong(field, "a string", other)),
        }
    }

    /// A required string (only a string).
    pub fn required_string(&self, field: &str) -> Result<String, JsonError> {
        self.required(field)?;
        self.string(field).map(Option::unwrap_or_default)
    }

    /// An amount.
    pub fn amount(&self, field: &str) -> Result<Option<Amount>, JsonError> {
        self.get(field)
            .map(|v| self.amount_at(field, v))
            .transpose()
    }

    /// [`amount_of`] `v`, the path of `field` rendered only for an error.
    fn amount_at(&self, field: &str, v: &Node<'_>) -> Result<Amount, JsonError> {
        amount_of(v, "").map_err(|mut e| {
            e.path = self.at(field);
            e
        })
    }

    /// An amount that may also be `""` (absent), as `discount_value` of a fixed price.
    pub fn lenient_amount(&self, field: &str) -> Result<Option<Amount>, JsonError> {
        match self.get(field) {
            Some(Node::String(s)) if s.is_empty() => Ok(None),
            _ => self.amount(field),
        }
    }

    /// An amount given as a number or a string; any other type is
    /// `expected an amount (decimal string or number)` (the coupon area's wording).
    pub fn number_or_text_amount(&self, field: &str) -> Result<Option<Amount>, JsonError> {
        match self.get(field) {
            None => Ok(None),
            Some(v @ (Node::Number(_) | Node::String(_))) => self.amount_at(field, v).map(Some),
            Some(other) => Err(self.wrong(field, "an amount (decimal string or number)", other)),
        }
    }

    /// An integer code, as a number or a numeric string (`605` or `"605"`).
    pub fn code(&self, field: &str) -> Result<Option<i64>, JsonError> {
        let text: &str = match self.get(field) {
            None => return Ok(None),
            Some(Node::Number(n)) => n,
            Some(Node::String(s)) => s,
            Some(other) => return Err(self.wrong(field, "an integer code", other)),
        };
        parse_i64(text)
            .map(Some)
            .ok_or_else(|| self.fail(field, format!("expected an integer code, got \"{text}\"")))
    }

    /// A JSON integer from 0 to `max`.
    pub fn uint(&self, field: &str, max: u64) -> Result<Option<u64>, JsonError> {
        let n: &str = match self.get(field) {
            None => return Ok(None),
            Some(Node::Number(n)) => n,
            Some(other) => return Err(self.wrong(field, "an integer", other)),
        };
        // As `n.parse::<u64>()` for every `max` up to `i64::MAX`.
        match parse_u64(n) {
            Some(u) if u <= max => Ok(Some(u)),
            _ => {
                let mut message = String::from("expected an integer from 0 to ");
                crate::text::digits(&mut message, max, 1);
                message.push_str(", got ");
                message.push_str(&quote_input(n, 40));
                Err(self.fail(field, message))
            }
        }
    }

    /// A boolean; a wrong type is `expected {expected}, got …`.
    pub fn boolean(&self, field: &str, expected: &str) -> Result<Option<bool>, JsonError> {
        match self.get(field) {
            None => Ok(None),
            Some(Node::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(self.wrong(field, expected, other)),
        }
    }

    /// A boolean (`expected a boolean`).
    pub fn flag(&self, field: &str) -> Result<Option<bool>, JsonError> {
        self.boolean(field, "a boolean")
    }

    /// The position in `names` of a string value: `expected one of a, b, got "x"` otherwise.
    pub fn pick_index(&self, field: &str, names: &[&str]) -> Result<Option<usize>, JsonError> {
        let Some(v) = self.get(field) else {
            return Ok(None);
        };
        let text = match v {
            Node::String(s) => Some(s.as_ref()),
            _ => None,
        };
        if let Some(i) = text.and_then(|s| names.iter().position(|n| *n == s)) {
            return Ok(Some(i));
        }
        // A string quoted as `describe` quotes it; another value by its type.
        let shown = match text {
            Some(_) => describe(v),
            None => type_name(v).to_owned(),
        };
        Err(self.fail(
            field,
            format!("expected one of {}, got {shown}", listed(names)),
        ))
    }

    /// One of the named values of an enum: `names[i]` names `values[i]` (two lists, so that
    /// no list of names is gathered from pairs on every read).
    pub fn pick<T: Copy>(
        &self,
        field: &str,
        (names, values): (&[&str], &[T]),
    ) -> Result<Option<T>, JsonError> {
        // Only the lookup is generic; reading and the error are shared by every enum.
        Ok(self
            .pick_index(field, names)?
            .and_then(|i| values.get(i))
            .copied())
    }

    /// An array (absent = `None`).
    pub fn array(&self, field: &str) -> Result<Option<&'a [Node<'t>]>, JsonError> {
        match self.get(field) {
            None => Ok(None),
            Some(Node::Array(items)) => Ok(Some(items)),
            Some(other) => Err(self.wrong(field, "an array", other)),
        }
    }

    /// An array of at most `max` elements (absent = empty).
    pub fn list(&self, field: &str, max: usize) -> Result<&'a [Node<'t>], JsonError> {
        let items = self.array(field)?.unwrap_or_default();
        if items.len() > max {
            return Err(JsonError {
                kind: JsonErrorKind::TooLarge,
                path: self.at(field),
                message: crate::text::with_int("more than ", max as i64, " elements"),
            });
        }
        Ok(items)
    }

    /// Each element of an optional array read by `read` (absent = `None`), with its path.
    pub fn each<T>(
        &self,
        field: &str,
        max: usize,
        read: impl Fn(&Node<'t>, Path<'_>) -> Result<T, JsonError>,
    ) -> Result<Option<Vec<T>>, JsonError> {
        let Some(items) = self.items(field, max)? else {
            return Ok(None);
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            out.push(read(v, self.below(field, Some(i)))?);
        }
        Ok(Some(out))
    }

    /// Each string of an optional array (absent = `None`); another element is `message` at
    /// its path. One instance of [`Obj::each`] for every list of ids.
    pub fn strings(
        &self,
        field: &str,
        max: usize,
        message: &str,
    ) -> Result<Option<Vec<String>>, JsonError> {
        self.each(field, max, |v, p| match v {
            Node::String(s) => Ok(s.to_string()),
            _ => Err(shape(p, message)),
        })
    }

    /// The elements [`Obj::each`] reads: its one body shared by every element type (each
    /// instance of `each` was 0.7–1.4 KB of wasm with this inlined).
    #[inline(never)]
    fn items(&self, field: &str, max: usize) -> Result<Option<&'a [Node<'t>]>, JsonError> {
        if self.get(field).is_none() {
            return Ok(None);
        }
        self.list(field, max).map(Some)
    }
}

/// The first error of a run of reads that goes on past it: each value read fails into a
/// default and the first error is kept, so a struct of many fields is dropped once on an
/// error instead of the fields read so far at each `?` (that drop glue was most of each
/// reader's wasm). The reads have no effects, so the first error is the one a `?` gave.
#[derive(Default)]
pub struct First(Option<JsonError>);

impl First {
    /// `r`'s value, or the default after keeping its error (when it is the first).
    pub fn take<T: Default>(&mut self, r: Result<T, JsonError>) -> T {
        match r {
            Ok(v) => v,
            Err(e) => {
                self.keep(e);
                T::default()
            }
        }
    }

    #[inline(never)]
    fn keep(&mut self, e: JsonError) {
        if self.0.is_none() {
            self.0 = Some(e);
        }
    }

    /// `v`, or the first error.
    pub fn done<T>(self, v: T) -> Result<T, JsonError> {
        match self.0 {
            None => Ok(v),
            Some(e) => Err(e),
        }
    }
}

/// An object read leniently: a value that cannot be read is recorded in
/// [`Lenient::problems`] (field, message) and read as absent. `null` and `""` are absent.
pub struct Lenient<'a, 't> {
    members: &'a Members<'t>,
    empty_is_absent: bool,
    /// The fields that could not be read, with why, in reading order.
    pub problems: Vec<(String, String)>,
}

impl<'a, 't> Lenient<'a, 't> {
    /// Reads the members of an object.
    pub fn new(members: &'a Members<'t>) -> Self {
        Lenient {
            members,
            empty_is_absent: true,
            problems: Vec::new(),
        }
    }

    /// Reads `""` as a value (only `null` is absent).
    pub fn keeping_empty(mut self) -> Self {
        self.empty_is_absent = false;
        self
    }

    /// Records that `field` cannot be read.
    pub fn bad(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push((field.to_owned(), message.into()));
    }

    /// Whether a problem was recorded for `field`.
    pub fn is_bad(&self, field: &str) -> bool {
        self.problems.iter().any(|(f, _)| f == field)
    }

    /// A present, non-null, non-empty value (`""` is a value when [`Lenient::keeping_empty`]).
    pub fn get(&self, field: &str) -> Option<&'a Node<'t>> {
        match member(self.members, field)? {
            Node::Null => None,
            Node::String(s) if s.is_empty() && self.empty_is_absent => None,
            v => Some(v),
        }
    }

    /// The text of a string or number, at most `max_len` bytes.
    pub fn text(&mut self, field: &str, max_len: usize) -> Option<String> {
        let v = self.get(field)?;
        let text = match v {
            Node::String(s) => s.as_ref(),
            Node::Number(s) => s,
            other => {
                let ty = type_name(other);
                self.bad(field, format!("expected a string, got {ty}"));
                return None;
            }
        };
        if text.len() > max_len {
            self.bad(
                field,
                crate::text::with_int("longer than ", max_len as i64, " bytes"),
            );
            return None;
        }
        Some(text.to_owned())
    }

    /// An integer, as a number or a numeric string (surrounding spaces allowed).
    pub fn int(&mut self, field: &str) -> Option<i64> {
        let v = self.get(field)?;
        let parsed = match v {
            Node::Number(n) => parse_i64(n),
            Node::String(s) => parse_i64(s.trim()),
            _ => None,
        };
        if parsed.is_none() {
            let shown = describe(v);
            self.bad(field, format!("expected an integer, got {shown}"));
        }
        parsed
    }

    /// An amount that is not negative.
    pub fn amount(&mut self, field: &str) -> Option<Amount> {
        let v = self.get(field)?;
        match amount_of(v, "") {
            Ok(a) if a.is_negative() => self.bad(field, format!("negative amount {a}")),
            Ok(a) => return Some(a),
            Err(e) => self.bad(field, e.message),
        }
        None
    }

    /// A `"0"` / `"1"` flag (also `0` / `1` and booleans).
    pub fn flag(&mut self, field: &str) -> Option<bool> {
        let v = self.get(field)?;
        let bit = |t: &str| match t {
            "0" => Some(false),
            "1" => Some(true),
            _ => None,
        };
        let parsed = match v {
            Node::Bool(b) => Some(*b),
            Node::Number(t) => bit(t),
            Node::String(t) => bit(t),
            _ => None,
        };
        if parsed.is_none() {
            let shown = describe(v);
            self.bad(field, format!("expected \"0\" or \"1\", got {shown}"));
        }
        parsed
    }
}

/// [`amount_of`] `v`, a value found for `field` of `o` elsewhere (a default the caller
/// looked up), at the path of `field`; the path is rendered only for an error.
pub fn amount_for(o: &Obj<'_, '_>, field: &str, v: &Node<'_>) -> Result<Amount, JsonError> {
    amount_of(v, "").map_err(|mut e| {
        e.path = o.at(field);
        e
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_with_a_dot_or_an_index() {
        assert_eq!(join("order", "lines[2].amount"), "order.lines[2].amount");
        assert_eq!(join("lines", "[2]"), "lines[2]");
        assert_eq!(join("", "x"), "x");
        assert_eq!(join("x", ""), "x");
    }
    use crate::error::ErrorCode;

    /// `uint` and `code` read integers as the standard parsers did (`u64`, `i64`).
    #[test]
    fn integers_as_the_standard_parsers() {
        for text in [
            "0",
            "-0",
            "+7",
            "7",
            "255",
            "256",
            "-1",
            "",
            "+",
            "-",
            "1.0",
            "1e3",
            " 1",
            "1 ",
            "00012",
            "4294967295",
            "4294967296",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "18446744073709551615",
            "18446744073709551616",
            "１",
            "1_000",
        ] {
            let members = [(Cow::Borrowed("a"), Node::String(text.into()))];
            let number = [(Cow::Borrowed("a"), Node::Number(Cow::Borrowed(text)))];
            let o = Obj {
                members: &number,
                path: Path::new(""),
            };
            for max in [255, u64::from(u32::MAX), i64::MAX as u64] {
                let expected = text.parse::<u64>().ok().filter(|u| *u <= max);
                assert_eq!(o.uint("a", max).ok().flatten(), expected, "{text:?} {max}");
            }
            let o = Obj {
                members: &members,
                path: Path::new(""),
            };
            assert_eq!(
                o.code("a").ok().flatten(),
                text.parse::<i64>().ok(),
                "{text:?}"
            );
            assert_eq!(parse_i64(text), text.parse::<i64>().ok(), "{text:?}");
            assert_eq!(
                parse_u64(text).and_then(|u| u32::try_from(u).ok()),
                text.parse::<u32>().ok(),
                "{text:?}"
            );
            assert_eq!(
                parse_u64(text).and_then(|u| u8::try_from(u).ok()),
                text.parse::<u8>().ok(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn codes_amounts_and_paths() {
        let v = tree(
            r#"{"a": 605, "b": "607", "c": null, "d": 1.5, "e": "x", "f": 0.0006400000, "g": "", "h": [1], "a": 606}"#,
        )
        .unwrap();
        let o = Obj::new(&v, "root").unwrap();
        assert_eq!(
            o.code("a").unwrap(),
            Some(606),
            "the last repeated key counts"
        );
        assert_eq!(o.code("b").unwrap(), Some(607));
        assert_eq!(o.code("c").unwrap(), None);
        assert_eq!(o.code("zz").unwrap(), None);
        assert_eq!(o.code("d").unwrap_err().path, "root.d");
        assert_eq!(o.amount("f").unwrap().unwrap().to_string(), "0.00064");
        let e = o.amount("e").unwrap_err();
        assert_eq!((e.code(), e.path.as_str()), ("invalid_amount", "root.e"));
        assert_eq!(o.lenient_amount("g").unwrap(), None);
        assert_eq!(o.amount("g").unwrap_err().code(), "invalid_amount");
        assert_eq!(o.amount("h").unwrap_err().code(), "invalid_amount");
        assert_eq!(o.list("h", 5).unwrap().len(), 1);
        assert_eq!(o.list("h", 0).unwrap_err().code(), "too_large");
        let each = o.each("h", 5, |_, p| Ok(p.text())).unwrap().unwrap();
        assert_eq!(each, ["root.h[0]"]);
        assert_eq!(o.text("a").unwrap().as_deref(), Some("606"));
        assert_eq!(
            o.string("a").unwrap_err().message,
            "expected a string, got number"
        );
        assert!(o.flag("a").is_err());
        assert_eq!(
            o.boolean("a", "true or false").unwrap_err().message,
            "expected true or false, got number"
        );
        assert_eq!(o.uint("a", 606).unwrap(), Some(606));
        assert_eq!(
            o.uint("a", 605).unwrap_err().message,
            "expected an integer from 0 to 605, got 606"
        );
        assert_eq!(
            o.pick("a", (&["606"], &[7])).unwrap_err().message,
            "expected one of 606, got number"
        );
        assert_eq!(o.pick("e", (&["x"], &[7])).unwrap(), Some(7));
        let strict = Obj::new(&v, "").unwrap().only(&["a"]).err().unwrap();
        assert_eq!(strict.code(), "invalid_input");
        assert_eq!(strict.path, "b");
        let named = Obj::new(&v, "p")
            .unwrap()
            .only_named(&["a", "b"])
            .err()
            .unwrap();
        assert_eq!(named.path, "p.c");
        assert_eq!(named.message, "unknown field \"c\" (expected one of: a, b)");
        assert_eq!(tree("{").unwrap_err().code(), "invalid_json");
        assert_eq!(Obj::new(&tree("[]").unwrap(), "x").err().unwrap().path, "x");
    }

    /// `First` gives the error a chain of `?` gave: the first read that fails, not a later one.
    #[test]
    fn first_keeps_the_first_error() {
        let v = tree(r#"{"a": "x", "b": 1, "c": true, "d": "y"}"#).unwrap();
        let o = Obj::new(&v, "p").unwrap();
        let mut e = First::default();
        let read = (
            e.take(o.string("a")),
            e.take(o.string("b")),
            e.take(o.flag("d")),
        );
        assert_eq!(read, (Some("x".to_owned()), None, None));
        let err = e.done(read).unwrap_err();
        assert_eq!(
            (err.path.as_str(), err.message.as_str()),
            ("p.b", "expected a string, got number")
        );
        let mut e = First::default();
        let ok = (e.take(o.string("a")), e.take(o.flag("c")));
        assert_eq!(e.done(ok).unwrap(), (Some("x".to_owned()), Some(true)));
    }

    #[test]
    fn paths_join_fields_and_indexes() {
        assert_eq!(join("", "a"), "a");
        assert_eq!(join("a", "b"), "a.b");
        assert_eq!(join("a", "[2].b"), "a[2].b");
        assert_eq!(join("order", ""), "order");
        assert_eq!(join("", "[0]"), "[0]");
    }

    #[test]
    fn lenient_records_instead_of_failing() {
        let v = tree(
            r#"{"t": 12, "s": "", "n": null, "i": " 7 ", "bad": [1], "neg": "-1", "f": "1", "g": 2, "b": false}"#,
        )
        .unwrap();
        let Node::Object(members) = &v else {
            unreachable!()
        };
        let mut r = Lenient::new(members);
        assert_eq!(r.text("t", 10).as_deref(), Some("12"));
        assert_eq!(r.text("t", 1), None);
        assert_eq!(r.text("s", 10), None);
        assert_eq!(r.int("n"), None);
        assert_eq!(r.int("i"), Some(7));
        assert_eq!(r.int("bad"), None);
        assert_eq!(r.amount("neg"), None);
        assert_eq!(r.flag("f"), Some(true));
        assert_eq!(r.flag("g"), None);
        assert_eq!(r.flag("b"), Some(false));
        let fields: Vec<&str> = r.problems.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["t", "bad", "neg", "g"]);
        assert_eq!(r.problems[1].1, "expected an integer, got array");
        assert_eq!(r.problems[2].1, "negative amount -1");
        assert_eq!(r.problems[3].1, "expected \"0\" or \"1\", got 2");
        assert!(r.is_bad("g") && !r.is_bad("f"));
    }
}
