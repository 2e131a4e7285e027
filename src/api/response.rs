//! Reading BSS answers: bodies parsed from raw text with amounts exact, error statuses as
//! [`ApiError`]s, `204 No Content`, and CreateSubCustomer's `CBC.99000050` outcome.
//!
//! Amount fields (`amount`, `official_website_amount`, `discount_amount`, `face_value`,
//! `balance`, `quota_value`, `discount_ratio`, …) are written as canonical decimal strings
//! ([`Amount`]), whether BSS sent a number or a string. Any other number that a JavaScript
//! `number` cannot hold exactly (a fraction, or an integer beyond 2^53) becomes a string of its
//! exact digits; safe integers (`count`, `measure_id`, `status`) stay numbers.

use super::error::{ApiError, server_error_redacted};
use super::operation::Operation;
use super::value::{Json, JsonSyntax, is_integer_text};
use crate::money::Amount;

/// The code of CreateSubCustomer's "created, association result timed out" answer.
pub const ASSOCIATION_PENDING: &str = "CBC.99000050";

/// Keys whose values are amounts in the responses of the covered operations.
pub const AMOUNT_KEYS: &[&str] = &[
    "amount",
    "official_website_amount",
    "discount_amount",
    "face_value",
    "balance",
    "quota_value",
    "discount_ratio",
    "installment_amount",
    "installment_official_website_amount",
    "installment_official_discount_amount",
    "official_amount",
    "amount_after_discount",
    "coupon_amount",
    "flexipurchase_coupon_amount",
    "stored_card_amount",
    "commission_amount",
    "consumed_amount",
    "debt_amount",
    "credit_amount",
    "designated_amount",
];

/// The part of an HTTP answer the client reads.
#[derive(Debug, Clone, Copy)]
pub struct Answer<'a> {
    /// HTTP status.
    pub status: u16,
    /// The body text.
    pub body: &'a str,
    /// `X-Request-Id`.
    pub request_id: Option<&'a str>,
}

const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

fn exact(key: Option<&str>, v: Json) -> Json {
    let amount_key = key.is_some_and(|k| {
        AMOUNT_KEYS.contains(&k) || super::sdk_table::SDK_AMOUNT_KEYS.contains(&k)
    });
    match v {
        Json::Number(text) => {
            if amount_key && let Ok(a) = Amount::parse(&text) {
                return Json::str(a.to_string());
            }
            let safe = is_integer_text(&text)
                && text
                    .trim_start_matches('-')
                    .parse::<u64>()
                    .is_ok_and(|i| i <= MAX_SAFE_INTEGER);
            if safe {
                Json::Number(text)
            } else {
                Json::String(text)
            }
        }
        Json::String(s) if amount_key => match Amount::parse(&s) {
            Ok(a) => Json::str(a.to_string()),
            Err(_) => Json::String(s),
        },
        Json::Array(items) => Json::Array(items.into_iter().map(|i| exact(key, i)).collect()),
        Json::Object(entries) => Json::Object(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let v = exact(Some(&k), v);
                    (k, v)
                })
                .collect(),
        ),
        other => other,
    }
}

/// Parses JSON text keeping every number's digits.
pub fn parse_json(text: &str) -> Result<Json, JsonSyntax> {
    Json::parse(text)
}

/// Parses a JSON body keeping every number's digits, amounts as canonical strings.
pub fn parse_body(text: &str) -> Result<Json, String> {
    let v = parse_json(text).map_err(|e| e.to_string())?;
    Ok(exact(None, v))
}

/// Sets `key` of an object (replacing it, or appending it).
fn set(v: &mut Json, key: &str, value: Json, replace: bool) {
    if let Json::Object(entries) = v {
        match entries.iter_mut().find(|(k, _)| k == key) {
            Some((_, slot)) if replace => *slot = value,
            Some(_) => {}
            None => entries.push((key.to_owned().into(), value)),
        }
    }
}

/// What a call returns: the converted body (`null` for `204`), or the error.
///
/// CreateSubCustomer's `CBC.99000050` (HTTP 500, the account exists but the association
/// result timed out) is a success carrying `domain_id`/`domain_name` and
/// `association_pending: true`: the account must be recorded, never created again, and the
/// association confirmed with ListSubCustomers (`customer_id` = `domain_id`).
pub fn interpret(op: Operation, answer: Answer<'_>) -> Result<Json, ApiError> {
    interpret_redacted(op, answer, &[])
}

/// Whether a status is a redirect: 3xx, or 0 (a browser's opaque answer to
/// `redirect: "manual"`). BSS never redirects an API call; see [`ApiError::Redirect`].
pub fn is_redirect(status: u16) -> bool {
    status == 0 || (300..400).contains(&status)
}

/// [`interpret`], with the `secrets` masked in an error taken from the body.
pub fn interpret_redacted(
    op: Operation,
    answer: Answer<'_>,
    secrets: &[&str],
) -> Result<Json, ApiError> {
    if is_redirect(answer.status) {
        return Err(ApiError::Redirect {
            status: answer.status,
        });
    }
    let invalid = |reason: String| ApiError::InvalidResponse {
        status: answer.status,
        request_id: answer.request_id.map(str::to_owned),
        reason,
    };
    if answer.status >= 400 {
        let error = server_error_redacted(answer.status, answer.body, answer.request_id, secrets);
        if op == Operation::CreateSubCustomer && error.code == ASSOCIATION_PENDING {
            let mut body = parse_body(answer.body).map_err(invalid)?;
            if body.get("domain_id").and_then(Json::as_str).is_some() {
                set(&mut body, "association_pending", Json::Bool(true), true);
                if let Some(id) = error.request_id {
                    set(&mut body, "request_id", Json::str(id), false);
                }
                return Ok(body);
            }
        }
        return Err(ApiError::Server(Box::new(error)));
    }
    if !(200..300).contains(&answer.status) {
        return Err(invalid(format!(
            "status {}",
            crate::text::int(answer.status.into())
        )));
    }
    if answer.status == 204 || answer.body.trim().is_empty() {
        return Ok(Json::Null);
    }
    let mut body = parse_body(answer.body).map_err(invalid)?;
    if op == Operation::CreateSubCustomer {
        set(&mut body, "association_pending", Json::Bool(false), true);
    }
    if !matches!(body, Json::Object(_)) {
        return Err(invalid("the body is not a JSON object".into()));
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A result as serde_json's value, for indexing in assertions.
    fn value(j: Json) -> serde_json::Value {
        serde_json::from_str(&j.to_string()).unwrap()
    }

    fn ok(op: Operation, status: u16, body: &str) -> Result<Json, ApiError> {
        interpret(
            op,
            Answer {
                status,
                body,
                request_id: Some("req-1"),
            },
        )
    }

    #[test]
    fn a_redirect_is_refused_with_its_own_code() {
        for status in [0, 301, 302, 303, 307, 308] {
            let e = ok(Operation::ListSubCustomers, status, "").unwrap_err();
            assert_eq!((e.code(), e.status()), ("redirect_refused", Some(status)));
        }
    }

    #[test]
    fn amounts_are_exact_strings_and_unsafe_numbers_keep_their_digits() {
        let v = value(ok(
            Operation::ListOnDemandResourceRatings,
            200,
            r#"{"amount":0.0006400000,"official_website_amount":12345678901234.5678901234,"discount_amount":"1.50",
                "measure_id":1,"big":9007199254740993,"ratio":0.1,"product_rating_results":[{"amount":105.00}]}"#,
        )
        .unwrap());
        assert_eq!(v["amount"], "0.00064");
        assert_eq!(v["official_website_amount"], "12345678901234.5678901234");
        assert_eq!(v["discount_amount"], "1.5");
        assert_eq!(v["measure_id"], 1);
        assert_eq!(v["big"], "9007199254740993");
        assert_eq!(v["ratio"], "0.1");
        assert_eq!(v["product_rating_results"][0]["amount"], "105");
    }

    #[test]
    fn statuses() {
        assert_eq!(ok(Operation::PayOrders, 204, "").unwrap(), Json::Null);
        let e = ok(
            Operation::ListSubCustomers,
            400,
            r#"{"error_code":"CBC.0100","error_msg":"bad"}"#,
        )
        .unwrap_err();
        assert_eq!(
            (e.code(), e.status(), e.request_id()),
            ("CBC.0100", Some(400), Some("req-1"))
        );
        let e = ok(Operation::ListSubCustomers, 200, "<html>").unwrap_err();
        assert_eq!(e.code(), "invalid_response");
        assert_eq!(
            ok(Operation::ListSubCustomers, 200, "[1]")
                .unwrap_err()
                .code(),
            "invalid_response"
        );
        assert_eq!(
            ok(Operation::ListSubCustomers, 302, "").unwrap_err().code(),
            "redirect_refused"
        );
    }

    #[test]
    fn association_pending_is_a_distinct_success() {
        let v = value(ok(
            Operation::CreateSubCustomer,
            500,
            r#"{"error_code":"CBC.99000050","error_msg":"timeout","domain_id":"d1","domain_name":"n1"}"#,
        )
        .unwrap());
        assert_eq!(
            (v["domain_id"].as_str(), v["association_pending"].as_bool()),
            (Some("d1"), Some(true))
        );
        assert_eq!(v["request_id"], "req-1");
        let v = value(
            ok(
                Operation::CreateSubCustomer,
                200,
                r#"{"domain_id":"d1","domain_name":"n1"}"#,
            )
            .unwrap(),
        );
        assert_eq!(v["association_pending"], false);
        // The same code elsewhere, or without an account id, stays an error.
        let body = r#"{"error_code":"CBC.99000050","error_msg":"timeout"}"#;
        assert_eq!(
            ok(Operation::CreateSubCustomer, 500, body)
                .unwrap_err()
                .code(),
            "CBC.99000050"
        );
        assert_eq!(
            ok(Operation::ListSubCustomers, 500, body)
                .unwrap_err()
                .code(),
            "CBC.99000050"
        );
    }
}
