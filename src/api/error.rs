//! Errors of BSS calls, and how an error response becomes one.
//!
//! An error body is read the way the official SDK reads it (`exception_handler.py`):
//! `error_code`/`error_msg`, else `errorCode`/`errorMsg`, else `code`/`message`, else the same
//! keys in nested objects (IAM's `{"error": {"code": 401, "message": …}}`), else the HTTP
//! status as the code and the raw body as the message. Business errors (`CBC.*`), gateway
//! errors (`APIGW.*`/`APIG.*`), IAM errors and non-JSON bodies all come out the same way.

use std::fmt;

use super::value::Json;

use super::issue::Issue;
use super::operation::Operation;
use crate::error::quote_input;
use crate::text::{find, int, replace};

/// The longest server message kept (a raw non-JSON body can be large).
pub const MAX_MESSAGE_CHARS: usize = 512;

/// An error answered by BSS, its gateway, IAM, or the signing proxy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerError {
    /// HTTP status.
    pub status: u16,
    /// `CBC.99000038`, `APIGW.0301`, `operation_not_allowed`, or the status as text.
    pub code: String,
    /// The server's message (cut to [`MAX_MESSAGE_CHARS`]).
    pub message: String,
    /// `X-Request-Id`, or the body's `request_id`.
    pub request_id: Option<String>,
    /// IAM's encoded explanation of a policy denial, verbatim.
    pub encoded_authorization_message: Option<String>,
    /// Validation issues sent by a signing proxy (`invalid_request`).
    pub issues: Option<Json>,
}

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The request breaks documented rules; nothing was sent.
    InvalidRequest {
        /// The operation.
        operation: Operation,
        /// Every problem found.
        issues: Vec<Issue>,
    },
    /// The server answered with an error.
    Server(Box<ServerError>),
    /// No answer: the connection failed (`fetch` rejected).
    Network {
        /// The runtime's message.
        message: String,
    },
    /// No answer within the time limit.
    Timeout {
        /// The limit.
        timeout_ms: u32,
    },
    /// A success status with a body that is not what the operation returns.
    InvalidResponse {
        /// HTTP status.
        status: u16,
        /// Request id, if any.
        request_id: Option<String>,
        /// What was wrong.
        reason: String,
    },
    /// The server answered with a redirect (3xx, or a browser's opaque redirect, status 0).
    /// BSS and IAM never redirect an API call: following one would send the credentials
    /// (`X-Auth-Token`, `X-Security-Token`, an IAM password) to wherever it points, so the
    /// request is sent with `redirect: "manual"` and the answer refused.
    Redirect {
        /// HTTP status (0 for an opaque redirect).
        status: u16,
    },
    /// No operation has this name (BSS or method name).
    UnknownOperation {
        /// The name given.
        name: String,
    },
    /// A client or proxy option is wrong.
    InvalidOption {
        /// The option.
        option: &'static str,
        /// What is wrong.
        message: String,
    },
}

impl ApiError {
    /// The stable code: an engine code (`invalid_request`, `network_error`, `timeout`,
    /// `invalid_response`, `invalid_option`) or the server's (`CBC.0100`, `APIGW.0301`).
    pub fn code(&self) -> &str {
        match self {
            ApiError::InvalidRequest { .. } => crate::codes::error::INVALID_REQUEST,
            ApiError::Server(e) => &e.code,
            ApiError::Network { .. } => crate::codes::error::NETWORK_ERROR,
            ApiError::Timeout { .. } => crate::codes::error::TIMEOUT,
            ApiError::InvalidResponse { .. } => crate::codes::error::INVALID_RESPONSE,
            ApiError::InvalidOption { .. } => crate::codes::error::INVALID_OPTION,
            ApiError::UnknownOperation { .. } => crate::codes::error::UNKNOWN_OPERATION,
            ApiError::Redirect { .. } => crate::codes::error::REDIRECT_REFUSED,
        }
    }

    /// HTTP status, for errors that come from a response.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Server(e) => Some(e.status),
            ApiError::InvalidResponse { status, .. } | ApiError::Redirect { status } => {
                Some(*status)
            }
            _ => None,
        }
    }

    /// The request id, for errors that come from a response.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            ApiError::Server(e) => e.request_id.as_deref(),
            ApiError::InvalidResponse { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::InvalidRequest { operation, issues } => {
                write!(f, "invalid {} request: ", operation.spec().name)?;
                // Written one by one, not collected and joined: 96 B gzipped of the client.
                for (i, issue) in issues.iter().take(3).enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    f.write_str(&issue.message)?;
                }
                if issues.len() > 3 {
                    write!(f, " (and {} more)", issues.len() - 3)?;
                }
                Ok(())
            }
            ApiError::Server(e) => write!(f, "{} (HTTP {})", e.message, int(e.status.into())),
            ApiError::Network { message } => write!(f, "network error: {message}"),
            ApiError::Timeout { timeout_ms } => {
                write!(f, "no response within {} ms", int((*timeout_ms).into()))
            }
            ApiError::InvalidResponse { status, reason, .. } => {
                write!(
                    f,
                    "unexpected response (HTTP {}): {reason}",
                    int((*status).into())
                )
            }
            ApiError::InvalidOption { option, message } => write!(f, "{option}: {message}"),
            ApiError::UnknownOperation { name } => {
                write!(f, "unknown operation \"{}\"", quote_input(name, 64))
            }
            ApiError::Redirect { status } => write!(
                f,
                "the server answered with a redirect (HTTP {}); BSS never redirects an \
                 API call, so it was not followed and no credential was sent on",
                int((*status).into())
            ),
        }
    }
}

fn text_of(v: &Json) -> Option<String> {
    match v {
        Json::String(s) | Json::Number(s) => Some(s.to_string()),
        _ => None,
    }
}

/// The (code, message) pair of an error body, searched as the SDK does.
fn find_code(v: &Json, depth: u8) -> Option<(String, String)> {
    let Json::Object(entries) = v else {
        return None;
    };
    for (c, m) in [
        ("error_code", "error_msg"),
        ("errorCode", "errorMsg"),
        ("code", "message"),
    ] {
        if let (Some(code), Some(msg)) = (v.get(c), v.get(m)) {
            return Some((text_of(code)?, text_of(msg).unwrap_or_default()));
        }
    }
    if depth == 0 {
        return None;
    }
    entries
        .iter()
        .find_map(|(_, inner)| find_code(inner, depth - 1))
}

/// The error of a `status >= 400` response.
pub fn server_error(status: u16, body: &str, request_id: Option<&str>) -> ServerError {
    server_error_redacted(status, body, request_id, &[])
}

/// [`server_error`] with every echoed secret masked in every field taken from the body
/// (message, code, request id, `issues`, `encoded_authorization_message`), before anything
/// is cut to length: a cut secret would leave its prefix readable.
pub fn server_error_redacted(
    status: u16,
    body: &str,
    request_id: Option<&str>,
    secrets: &[&str],
) -> ServerError {
    let json: Option<Json> = Json::parse(body).ok();
    let found = json.as_ref().and_then(|v| find_code(v, 4));
    let (code, message) = found.unwrap_or_else(|| (int(status.into()), body.trim().to_owned()));
    let field = |k: &str| {
        json.as_ref()
            .and_then(|v| v.get(k))
            .and_then(Json::as_str)
            .map(|s| redact(s, secrets))
    };
    ServerError {
        status,
        code: quote_input(&redact(&code, secrets), 64),
        message: quote_input(&redact(&message, secrets), MAX_MESSAGE_CHARS),
        request_id: request_id
            .map(|id| redact(id, secrets))
            .or_else(|| field("request_id")),
        encoded_authorization_message: field("encoded_authorization_message"),
        issues: json
            .as_ref()
            .and_then(|v| v.get("issues"))
            .filter(|v| v.as_array().is_some())
            .and_then(|v| redact_json(v, secrets)),
    }
}

/// `v` with the secrets masked in its text (`None` when masking broke the JSON, which only a
/// secret holding JSON syntax could do: then the issues are dropped rather than leaked).
fn redact_json(v: &Json, secrets: &[&str]) -> Option<Json> {
    let text = v.text();
    let masked = redact(&text, secrets);
    if masked == text {
        return Some(v.clone());
    }
    Json::parse(&masked).ok()
}

/// Replaces every occurrence of the secrets in `text` by `***`: a server may echo what it
/// received, and a secret must not reach an error.
pub fn redact(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_owned();
    for s in secrets.iter().filter(|s| s.len() >= 4) {
        if find(&out, s).is_some() {
            out = replace(&out, s, "***");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_are_read_like_the_sdk() {
        let e = server_error(
            400,
            r#"{"error_code":"CBC.99000038","error_msg":"The name exists."}"#,
            Some("r1"),
        );
        assert_eq!(
            (e.code.as_str(), e.message.as_str(), e.request_id.as_deref()),
            ("CBC.99000038", "The name exists.", Some("r1"))
        );
        let e = server_error(
            401,
            r#"{"error_msg":"Incorrect IAM authentication information: verify aksk signature fail","error_code":"APIGW.0301","request_id":"abc"}"#,
            None,
        );
        assert_eq!(
            (e.code.as_str(), e.request_id.as_deref()),
            ("APIGW.0301", Some("abc"))
        );
        let e = server_error(
            401,
            r#"{"error":{"message":"The username or password is wrong.","code":401,"title":"Unauthorized"}}"#,
            None,
        );
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            ("401", "The username or password is wrong.")
        );
        let e = server_error(400, r#"{"errorCode":"X","errorMsg":"y"}"#, None);
        assert_eq!(e.code, "X");
        let e = server_error(502, "<html>Bad gateway</html>", None);
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            ("502", "<html>Bad gateway</html>")
        );
        let e = server_error(500, &"x".repeat(10_000), None);
        assert!(e.message.chars().count() <= MAX_MESSAGE_CHARS + 1);
        let e = server_error(
            403,
            r#"{"error_code":"CBC.0151","error_msg":"denied","encoded_authorization_message":"enc"}"#,
            None,
        );
        assert_eq!(e.encoded_authorization_message.as_deref(), Some("enc"));
    }

    #[test]
    fn echoed_secrets_are_masked_before_the_message_is_cut() {
        let token = format!("MII{}", "t".repeat(600));
        let body = format!(
            r#"{{"error_code":"APIGW.0301","error_msg":"{}bad token {token}","encoded_authorization_message":"for {token}","issues":[{{"message":"got {token}"}}]}}"#,
            "x".repeat(400)
        );
        let e = server_error_redacted(401, &body, None, &[&token]);
        let all = format!(
            "{} {} {:?} {:?}",
            e.code, e.message, e.encoded_authorization_message, e.issues
        );
        assert!(!all.contains("MII"), "{all}");
        assert!(e.message.ends_with("bad token ***"), "{}", e.message);
        assert_eq!(e.encoded_authorization_message.as_deref(), Some("for ***"));
        // A raw (non-JSON) body longer than the cut, echoing the secret across the cut.
        let raw = format!("{}{token}", "y".repeat(500));
        let e = server_error_redacted(502, &raw, None, &[&token]);
        assert!(!e.message.contains("MII"), "{}", e.message);
    }

    #[test]
    fn secrets_are_redacted() {
        assert_eq!(
            redact("token MIIsecret in msg", &["MIIsecret", ""]),
            "token *** in msg"
        );
    }
}
