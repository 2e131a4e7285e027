//! Reading BSS bodies and engine inputs by hand from the coupon area's borrowed JSON tree
//! ([`crate::json::tree::Node`]: numbers kept as their text), with the path of every
//! bad value (`optional_discount_rating_results[1].amount`).
//!
//! Reading by hand instead of through serde derives keeps the wasm module small (each derived
//! deserializer is code of its own, and serde_json's deserializer is not needed at all), and
//! sharing the tree with the coupon area shares its parser and readers.
//! BSS integer codes may arrive as numbers or numeric strings, amounts as numbers or strings;
//! `null` is the same as absent.

use serde::Serializer;

use super::error::DiscountError;
use crate::json::tree::{self, Node, type_name};
use crate::json::{JsonError, JsonErrorKind};
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

/// `path.field` (or `field` at the root).
pub fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
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

/// An object being read.
pub struct Obj<'a, 't> {
    members: &'a [(std::borrow::Cow<'t, str>, Node<'t>)],
    path: String,
}

impl<'a, 't> Obj<'a, 't> {
    /// `v` as an object at `path`.
    pub fn new(v: &'a Node<'t>, path: &str) -> Result<Obj<'a, 't>, JsonError> {
        match v {
            Node::Object(members) => Ok(Obj {
                members,
                path: path.to_owned(),
            }),
            other => Err(shape(
                path,
                format!("expected an object, got {}", type_name(other)),
            )),
        }
    }

    /// Rejects fields not in `allowed` (engine inputs, where a typo must not pass silently).
    pub fn only(self, allowed: &[&str]) -> Result<Obj<'a, 't>, JsonError> {
        if let Some((k, _)) = self
            .members
            .iter()
            .find(|(k, _)| !allowed.contains(&k.as_ref()))
        {
            return Err(shape(
                self.at(k),
                format!("unknown field (expected one of: {})", allowed.join(", ")),
            ));
        }
        Ok(self)
    }

    /// The path of `field`.
    pub fn at(&self, field: &str) -> String {
        join(&self.path, field)
    }

    /// A present, non-null value (a repeated key: the last one counts).
    pub fn get(&self, field: &str) -> Option<&'a Node<'t>> {
        self.members
            .iter()
            .rev()
            .find(|(k, _)| k == field)
            .map(|(_, v)| v)
            .filter(|v| !matches!(v, Node::Null))
    }

    /// A required value.
    pub fn required(&self, field: &str) -> Result<&'a Node<'t>, JsonError> {
        self.get(field)
            .ok_or_else(|| shape(self.at(field), "missing"))
    }

    /// A string (a number is taken as its text: ids sometimes arrive as numbers).
    pub fn text(&self, field: &str) -> Result<Option<String>, JsonError> {
        match self.get(field) {
            None => Ok(None),
            Some(Node::String(s)) => Ok(Some(s.to_string())),
            Some(Node::Number(n)) => Ok(Some((*n).to_owned())),
            Some(other) => Err(shape(
                self.at(field),
                format!("expected a string, got {}", type_name(other)),
            )),
        }
    }

    /// An amount.
    pub fn amount(&self, field: &str) -> Result<Option<Amount>, JsonError> {
        self.get(field)
            .map(|v| amount_of(v, &self.at(field)))
            .transpose()
    }

    /// An amount that may also be `""` (absent), as `discount_value` of a fixed price.
    pub fn lenient_amount(&self, field: &str) -> Result<Option<Amount>, JsonError> {
        match self.get(field) {
            Some(Node::String(s)) if s.is_empty() => Ok(None),
            _ => self.amount(field),
        }
    }

    /// An integer code, as a number or a numeric string (`605` or `"605"`).
    pub fn code(&self, field: &str) -> Result<Option<i64>, JsonError> {
        let text: &str = match self.get(field) {
            None => return Ok(None),
            Some(Node::Number(n)) => n,
            Some(Node::String(s)) => s,
            Some(other) => {
                return Err(shape(
                    self.at(field),
                    format!("expected an integer code, got {}", type_name(other)),
                ));
            }
        };
        text.parse::<i64>().map(Some).map_err(|_| {
            shape(
                self.at(field),
                format!("expected an integer code, got \"{text}\""),
            )
        })
    }

    /// A boolean.
    pub fn flag(&self, field: &str) -> Result<Option<bool>, JsonError> {
        match self.get(field) {
            None => Ok(None),
            Some(Node::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(shape(
                self.at(field),
                format!("expected a boolean, got {}", type_name(other)),
            )),
        }
    }

    /// An array of at most `max` elements (absent = empty).
    pub fn list(&self, field: &str, max: usize) -> Result<&'a [Node<'t>], JsonError> {
        match self.get(field) {
            None => Ok(&[]),
            Some(Node::Array(items)) if items.len() > max => Err(JsonError {
                kind: JsonErrorKind::TooLarge,
                path: self.at(field),
                message: format!("more than {max} elements"),
            }),
            Some(Node::Array(items)) => Ok(items),
            Some(other) => Err(shape(
                self.at(field),
                format!("expected an array, got {}", type_name(other)),
            )),
        }
    }

    /// Each element of an optional array read by `read` (absent = `None`), with its path.
    pub fn each<T>(
        &self,
        field: &str,
        max: usize,
        read: impl Fn(&Node<'t>, &str) -> Result<T, JsonError>,
    ) -> Result<Option<Vec<T>>, JsonError> {
        if self.get(field).is_none() {
            return Ok(None);
        }
        let items = self.list(field, max)?;
        let at = self.at(field);
        let mut out = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            out.push(read(v, &format!("{at}[{i}]"))?);
        }
        Ok(Some(out))
    }
}

/// Converts an amount given in `measure_id` units to 元 (1 元, 2 角, 3 分; absent = 元).
pub(crate) fn in_yuan(
    amount: Amount,
    measure_id: Option<i64>,
    field: &str,
) -> Result<Amount, DiscountError> {
    let divisor = match measure_id {
        None | Some(1) => return Ok(amount),
        Some(2) => 10,
        Some(3) => 100,
        Some(other) => {
            return Err(DiscountError::invalid(
                field,
                format!("measure_id {other} is not a money unit (1 元, 2 角, 3 分)"),
            ));
        }
    };
    Ok(amount.checked_div(Amount::from(divisor))?)
}

/// Writes an amount as the coupon area does: every digit, at least two decimals (`"80.00"`,
/// `"0.00064"`).
pub fn money<S: Serializer>(amount: &Amount, s: S) -> Result<S::Ok, S::Error> {
    crate::coupons::verdict::serialize_money(amount, s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

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
        let each = o.each("h", 5, |_, p| Ok(p.to_owned())).unwrap().unwrap();
        assert_eq!(each, ["root.h[0]"]);
        assert_eq!(o.text("a").unwrap().as_deref(), Some("606"));
        assert!(o.flag("a").is_err());
        let strict = Obj::new(&v, "").unwrap().only(&["a"]).err().unwrap();
        assert_eq!(strict.code(), "invalid_input");
        assert_eq!(tree("{").unwrap_err().code(), "invalid_json");
        assert_eq!(Obj::new(&tree("[]").unwrap(), "x").err().unwrap().path, "x");
    }

    #[test]
    fn measure_units_convert_to_yuan() {
        let a = Amount::parse("1050").unwrap();
        assert_eq!(in_yuan(a, Some(3), "x").unwrap().to_string(), "10.5");
        assert_eq!(in_yuan(a, Some(2), "x").unwrap().to_string(), "105");
        assert_eq!(in_yuan(a, None, "x").unwrap(), a);
        assert_eq!(in_yuan(a, Some(17), "x").unwrap_err().field(), Some("x"));
    }
}
