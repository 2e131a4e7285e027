//! The rules of the signing proxy (`createProxy`), sans IO: which requests it answers itself
//! and with what, which operations a proxy allows, what it reads of a request body and which
//! of BSS's answer headers it passes on. The binding only moves bytes and headers.
//!
//! A browser's `BssClient` whose `endpoint` is the proxy sends `POST <mount>/<Operation>` with
//! the operation's input as JSON; the proxy signs with its own credentials and forwards
//! nothing of the browser's request but that input.

use std::fmt;

use super::{
    ApiError, ApiRequest, Json, MAX_INPUT_BYTES, Operation, RetryPolicy, build, build_with,
    is_redirect, issues_json, parse_json, redact,
};
use crate::error::quote_input;
use crate::registration::Site;

/// The largest request body the proxy reads.
pub const MAX_BODY_BYTES: usize = MAX_INPUT_BYTES;

/// The headers of BSS's answer that reach the browser (besides `content-type`): the request id
/// for support, and `Retry-After` for the browser client's backoff.
pub const PASSED_HEADERS: [&str; 2] = ["x-request-id", "retry-after"];

/// An answer the proxy gives itself, without calling BSS: an HTTP status, a stable code, a
/// message and, for `invalid_request`, the issues as JSON text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The HTTP status of the answer.
    pub status: u16,
    /// The stable error code.
    pub code: String,
    /// The message.
    pub message: String,
    /// `invalid_request`: the validation issues (a JSON array).
    pub issues: Option<String>,
}

impl Refusal {
    fn new(status: u16, code: &str, message: impl Into<String>) -> Refusal {
        Refusal {
            status,
            code: code.to_owned(),
            message: message.into(),
            issues: None,
        }
    }
}

impl Refusal {
    /// The answer's body, in BSS's error shape: `{"error_code": …, "error_msg": …[, "issues": …]}`
    /// (the browser's `BssClient` reads it like any BSS error).
    pub fn body(&self) -> String {
        let text = |s: &str| Json::str(s).text();
        let issues = self
            .issues
            .as_deref()
            .map(|i| format!(r#","issues":{i}"#))
            .unwrap_or_default();
        format!(
            r#"{{"error_code":{},"error_msg":{}{issues}}}"#,
            text(&self.code),
            text(&self.message)
        )
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The operations a proxy allows, from their names (BSS names such as `"ListServiceTypes"`, or
/// method names). An unknown name is an `invalid_option` refusal naming it.
pub fn allow_list<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Vec<Operation>, Refusal> {
    names
        .into_iter()
        .map(|name| {
            Operation::from_name(name).ok_or_else(|| {
                Refusal::new(
                    400,
                    crate::codes::error::INVALID_OPTION,
                    format!("allow: unknown operation \"{}\"", quote_input(name, 64)),
                )
            })
        })
        .collect()
}

/// The `invalid_option` refusal of an `allow` option that is not a list.
pub fn allow_not_a_list() -> Refusal {
    Refusal::new(
        400,
        crate::codes::error::INVALID_OPTION,
        "allow: expected a list of operation names",
    )
}

/// A proxy's retry policy: the browser's client retries, so the proxy answers once (it still
/// re-signs after clock skew).
pub fn retry_policy(client: RetryPolicy) -> RetryPolicy {
    RetryPolicy {
        max_retries: 0,
        ..client
    }
}

/// The operation a request asks for: `POST <mount>/<Operation>` with the operation in `allow`.
/// Otherwise 405 `method_not_allowed`, 404 `unknown_operation` or 403 `operation_not_allowed`.
pub fn route(method: &str, url: &str, allow: &[Operation]) -> Result<Operation, Refusal> {
    if method != "POST" {
        return Err(Refusal::new(
            405,
            crate::codes::refusal::METHOD_NOT_ALLOWED,
            "the proxy takes POST <mount>/<Operation>",
        ));
    }
    // The last path segment by byte positions, not `split`/`rsplit` (their searchers: 391 B
    // gzipped of the client module).
    let bytes = url.as_bytes();
    let end = bytes
        .iter()
        .position(|b| matches!(b, b'?' | b'#'))
        .unwrap_or(bytes.len());
    let start = bytes[..end]
        .iter()
        .rposition(|&b| b == b'/')
        .map_or(0, |i| i + 1);
    let name = url.get(start..end).unwrap_or_default();
    let op = Operation::from_name(name).ok_or_else(|| {
        Refusal::new(
            404,
            crate::codes::refusal::UNKNOWN_OPERATION,
            format!("unknown operation \"{}\"", quote_input(name, 64)),
        )
    })?;
    if !allow.contains(&op) {
        return Err(Refusal::new(
            403,
            crate::codes::refusal::OPERATION_NOT_ALLOWED,
            format!("{} is not allowed by this proxy", op.spec().name),
        ));
    }
    Ok(op)
}

/// The refusal for a body that could not be read: past [`MAX_BODY_BYTES`] (413), or a stream
/// that failed (aborted, locked, already used: 400).
pub fn unreadable_body(past_limit: bool) -> Refusal {
    if past_limit {
        Refusal::new(
            413,
            crate::codes::refusal::REQUEST_TOO_LARGE,
            format!("the body is larger than {MAX_BODY_BYTES} bytes"),
        )
    } else {
        Refusal::new(
            400,
            crate::codes::refusal::INVALID_BODY,
            "the request body could not be read (aborted, locked or already used)",
        )
    }
}

/// The BSS request for the operation's input in the request body (empty: no input), validated
/// by the same rules as the client's, with the input (for signing); a body that is not JSON or
/// an input with issues is a 400 `invalid_request` refusal (with the issues).
pub fn request(op: Operation, body: &[u8], site: Site) -> Result<(ApiRequest, Json), Refusal> {
    let input = input(body)?;
    let request = build_refused(build(op, &input, site))?;
    Ok((request, input))
}

/// The operation's input in the request body (empty: `null`); a body that is not JSON is a 400
/// `invalid_request` refusal.
pub fn input(body: &[u8]) -> Result<Json, Refusal> {
    let text = crate::text::lossy(body);
    if text.trim().is_empty() {
        return Ok(Json::Null);
    }
    parse_json(&text).map_err(|e| invalid(format!("the body is not JSON: {e}"), "[]".into()))
}

/// [`request`] for an input already read by [`input`], with a registration operation's
/// answer given by `registration` ([`build_with`]).
pub fn request_with(
    op: Operation,
    input: &Json,
    site: Site,
    registration: impl FnOnce() -> super::registration::Outcome,
) -> Result<ApiRequest, Refusal> {
    build_refused(build_with(op, input, site, registration))
}

fn invalid(message: String, issues: String) -> Refusal {
    Refusal {
        issues: Some(issues),
        ..Refusal::new(400, crate::codes::refusal::INVALID_REQUEST, message)
    }
}

fn build_refused(built: Result<ApiRequest, ApiError>) -> Result<ApiRequest, Refusal> {
    built.map_err(|e| {
        let issues = match &e {
            ApiError::InvalidRequest { issues, .. } => issues_json(issues),
            _ => "[]".to_owned(),
        };
        invalid(e.to_string(), issues)
    })
}

/// The answer when the proxy itself failed (a `Response` the runtime refused to build, …):
/// 500 `internal`, saying nothing of the cause.
pub fn internal() -> Refusal {
    Refusal::new(
        500,
        crate::codes::refusal::INTERNAL,
        "the proxy could not answer this request",
    )
}

/// The refusal for a call to BSS that did not get an answer the browser may see: a redirect
/// (502 `redirect_refused`), no answer (502 `network_error`, 504 `timeout`) or another failure
/// of the call (500, its own code). `message` is the failure's text, already redacted.
pub fn upstream_failure(error: &ApiError, message: String) -> Refusal {
    let status = match error {
        ApiError::Redirect { .. } | ApiError::Network { .. } => 502,
        ApiError::Timeout { .. } => 504,
        _ => 500,
    };
    Refusal {
        status,
        code: error.code().to_owned(),
        message,
        issues: None,
    }
}

/// A response of the proxy: status, headers and body (`None` for 204, 205 and 304, which must
/// carry none: the Fetch API's `Response` constructor throws even on an empty one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// Headers to set.
    pub headers: Vec<(String, String)>,
    /// Body text.
    pub body: Option<String>,
}

impl Reply {
    fn new(status: u16, headers: Vec<(String, String)>, body: String) -> Reply {
        Reply {
            status,
            headers,
            body: (!matches!(status, 204 | 205 | 304)).then_some(body),
        }
    }
}

impl Refusal {
    /// The refusal as the proxy's response (JSON, in BSS's error shape).
    pub fn reply(&self) -> Reply {
        let json = "application/json;charset=UTF-8".to_owned();
        Reply::new(
            self.status,
            vec![("content-type".into(), json)],
            self.body(),
        )
    }
}

/// BSS's answer as the browser gets it: the status, the content type (default
/// `application/json`), the [`PASSED_HEADERS`] (`header` reads the answer's) and the body with
/// any of `secrets` masked (BSS may echo what it received). A redirect is refused (502).
pub fn forward<'a>(
    status: u16,
    body: &str,
    header: impl Fn(&str) -> Option<&'a str>,
    secrets: &[&str],
) -> Reply {
    if is_redirect(status) {
        let e = ApiError::Redirect { status };
        return upstream_failure(&e, e.to_string()).reply();
    }
    let content_type = header("content-type").unwrap_or("application/json");
    let mut headers = vec![("content-type".to_owned(), content_type.to_owned())];
    for name in PASSED_HEADERS {
        if let Some(v) = header(name) {
            headers.push((name.to_owned(), v.to_owned()));
        }
    }
    Reply::new(status, headers, redact(body, secrets))
}

/// The response when BSS gave no answer: the network failed (`network`: its message) or
/// nothing came within `timeout_ms`.
pub fn no_answer(network: Option<String>, timeout_ms: u32, secrets: &[&str]) -> Reply {
    match network {
        Some(message) => {
            let shown = redact(&format!("BSS unreachable: {message}"), secrets);
            upstream_failure(&ApiError::Network { message }, shown).reply()
        }
        None => upstream_failure(
            &ApiError::Timeout { timeout_ms },
            "BSS did not answer in time".into(),
        )
        .reply(),
    }
}

/// The response when the call to BSS failed before it was sent (its message redacted).
pub fn not_sent(error: &ApiError, secrets: &[&str]) -> Reply {
    upstream_failure(error, redact(&error.to_string(), secrets)).reply()
}

/// Whether a request declaring `content_length` is past [`MAX_BODY_BYTES`] (refused before its
/// body is read).
pub fn declared_too_large(content_length: Option<&str>) -> bool {
    content_length
        .and_then(|v| v.trim().parse::<u64>().ok())
        .is_some_and(|n| n > MAX_BODY_BYTES as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allow() -> Vec<Operation> {
        allow_list(["ListServiceTypes", "checkUserIdentity"]).unwrap()
    }

    #[test]
    fn routes_post_to_an_allowed_operation_by_its_last_segment() {
        let op = route(
            "POST",
            "https://shop.example/api/bss/ListServiceTypes?x=1#y",
            &allow(),
        )
        .unwrap();
        assert_eq!(op.spec().name, "ListServiceTypes");
        let op = route("POST", "/api/bss/CheckUserIdentity", &allow()).unwrap();
        assert_eq!(op.spec().name, "CheckUserIdentity");
    }

    #[test]
    fn refuses_method_unknown_and_not_allowed() {
        let r = |m, u| route(m, u, &allow()).unwrap_err();
        let get = r("GET", "/x/ListServiceTypes");
        assert_eq!((get.status, get.code.as_str()), (405, "method_not_allowed"));
        let unknown = r("POST", "/x/DropTables");
        assert_eq!(
            (unknown.status, unknown.code.as_str()),
            (404, "unknown_operation")
        );
        assert!(unknown.message.contains("DropTables"));
        let other = r("POST", "/x/PayOrders");
        assert_eq!(
            (other.status, other.code.as_str()),
            (403, "operation_not_allowed")
        );
    }

    #[test]
    fn an_unknown_name_in_allow_is_an_invalid_option() {
        let e = allow_list(["ListServiceTypes", "Nope"]).unwrap_err();
        assert_eq!(e.code, "invalid_option");
        assert!(e.message.contains("\"Nope\""));
        assert_eq!(allow_not_a_list().code, "invalid_option");
        let p = retry_policy(RetryPolicy::default());
        assert_eq!(
            (p.max_retries, p.base_delay_ms),
            (0, RetryPolicy::default().base_delay_ms)
        );
    }

    #[test]
    fn body_rules() {
        let op = Operation::from_name("ListServiceTypes").unwrap();
        assert_eq!(request(op, b"  ", Site::Cn).unwrap().1, Json::Null);
        let bad = request(op, b"{nope", Site::Cn).unwrap_err();
        assert_eq!(
            (bad.status, bad.code.as_str(), bad.issues.as_deref()),
            (400, "invalid_request", Some("[]"))
        );
        let check = Operation::from_name("CheckUserIdentity").unwrap();
        let issues = request(check, b"{}", Site::Cn).unwrap_err();
        assert!(
            issues
                .body()
                .starts_with(r#"{"error_code":"invalid_request","error_msg":"#)
        );
        assert_eq!(issues.code, "invalid_request");
        assert!(issues.issues.unwrap().contains("search_type"));
        assert_eq!(unreadable_body(true).status, 413);
        assert_eq!(unreadable_body(false).code, "invalid_body");
    }

    #[test]
    fn replies_pass_the_status_content_type_request_id_and_retry_after_with_secrets_masked() {
        let headers = [
            ("content-type", "text/plain"),
            ("x-request-id", "r1"),
            ("set-cookie", "s=1"),
        ];
        let get = |name: &str| headers.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
        let r = forward(401, "bad token T0KEN", get, &["T0KEN"]);
        assert_eq!(r.status, 401);
        assert_eq!(
            r.headers,
            [
                ("content-type".to_owned(), "text/plain".to_owned()),
                ("x-request-id".to_owned(), "r1".to_owned())
            ]
        );
        assert_eq!(r.body.as_deref(), Some("bad token ***"));
        let r = forward(204, "", |_| None, &[]);
        assert_eq!(
            (r.headers[0].1.as_str(), r.body),
            ("application/json", None)
        );
        let r = forward(302, "", |_| None, &[]);
        assert_eq!(r.status, 502);
        assert!(r.body.unwrap().contains("redirect_refused"));
        let r = no_answer(Some("connect ECONNREFUSED T0KEN".into()), 5, &["T0KEN"]);
        assert_eq!(r.status, 502);
        assert!(
            r.body
                .unwrap()
                .contains("BSS unreachable: connect ECONNREFUSED ***")
        );
        let r = no_answer(None, 5, &[]);
        assert_eq!(r.status, 504);
        assert!(r.body.unwrap().contains("BSS did not answer in time"));
        assert_eq!(
            internal().reply().headers,
            [(
                "content-type".to_owned(),
                "application/json;charset=UTF-8".to_owned()
            )]
        );
        assert!(declared_too_large(Some(" 1048577 ")));
        for fits in [Some("1048576"), Some("x"), None] {
            assert!(!declared_too_large(fits), "{fits:?}");
        }
    }

    #[test]
    fn upstream_failures() {
        let r = upstream_failure(&ApiError::Redirect { status: 302 }, "m".into());
        assert_eq!((r.status, r.code.as_str()), (502, "redirect_refused"));
        let r = upstream_failure(&ApiError::Timeout { timeout_ms: 5 }, "m".into());
        assert_eq!((r.status, r.code.as_str()), (504, "timeout"));
        let r = upstream_failure(
            &ApiError::Network {
                message: "x".into(),
            },
            "m".into(),
        );
        assert_eq!((r.status, r.code.as_str()), (502, "network_error"));
    }
}
