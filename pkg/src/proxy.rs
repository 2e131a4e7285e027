//! `createProxy`: a Fetch-API handler (`Request` → `Response`) that a partner mounts on its
//! server so that browsers call BSS without holding secrets.
//!
//! The browser (a `BssClient` whose `endpoint` is the proxy) sends `POST <proxy>/<Operation>`
//! with the operation's input as JSON. The proxy answers 405/404/403/413/400 itself
//! (`method_not_allowed`, `unknown_operation`, `operation_not_allowed`, `request_too_large`,
//! `invalid_request` with `issues`); otherwise it validates with the same rules, signs with
//! its own credentials (nothing of the browser's request but the input is forwarded: no
//! `Authorization`, no `X-Auth-Token`, no cookie), and returns BSS's status and body. It
//! re-signs once after clock skew and leaves retries to the client.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::client::{Credentials, Transport};
use crate::error::field_error;
use crate::fetch::Failure;
use crate::js_input::prop;
use bss_storefront::api::{self, ApiError, Json, MAX_INPUT_BYTES, Operation};

/// The largest request body the proxy reads.
pub const MAX_BODY_BYTES: usize = MAX_INPUT_BYTES;

#[wasm_bindgen(typescript_custom_section)]
const PROXY_TS: &'static str = r#"
/** Options of `createProxy`. */
export interface ProxyOptions {
  /** BSS endpoint; default `https://bss.myhuaweicloud.com`. */
  endpoint?: string;
  /** The partner's credentials: they never leave the server. */
  credentials: { ak: string; sk: string; domain_id: string; security_token?: string } | { token: string };
  /** Operations the browser may call (BSS names such as `"ListServiceTypes"`, or method names). */
  allow: string[];
  /** Time limit of the call to BSS (default 30000). */
  timeout_ms?: number;
  /** Registration rules of this site; default from the endpoint. */
  site?: "cn" | "intl";
}
"#;

struct ProxyInner {
    transport: Transport,
    allow: Vec<Operation>,
}

/// A signing proxy: `handle(request)` answers a Fetch-API `Request` with a `Response`.
#[wasm_bindgen]
pub struct BssProxy {
    inner: Rc<ProxyInner>,
}

/// Creates a signing proxy. Throws `BssError` `invalid_option` for a bad option (an unknown
/// name in `allow`, missing credentials).
#[wasm_bindgen(js_name = createProxy)]
pub fn create_proxy(
    #[wasm_bindgen(unchecked_param_type = "ProxyOptions")] options: JsValue,
) -> Result<BssProxy, JsValue> {
    let credentials = Credentials::from_js(&prop(&options, "credentials"))?;
    let list = prop(&options, "allow");
    let bad = |m: String| field_error("invalid_option", "allow", &m);
    let list: &js_sys::Array = list
        .dyn_ref()
        .ok_or_else(|| bad("allow: expected a list of operation names".into()))?;
    let mut allow = Vec::new();
    for name in list.iter() {
        let name = name.as_string().unwrap_or_default();
        let op = Operation::from_name(&name).ok_or_else(|| {
            bad(format!(
                "allow: unknown operation \"{}\"",
                bss_storefront::error::quote_input(&name, 64)
            ))
        })?;
        allow.push(op);
    }
    let mut transport = Transport::from_options(&options, Some(credentials))?;
    // The browser's client retries; the proxy answers once (re-signing after skew).
    transport.policy.max_retries = 0;
    Ok(BssProxy {
        inner: Rc::new(ProxyInner { transport, allow }),
    })
}

/// `{"error_code": …, "error_msg": …[, "issues": …]}` as the proxy's own answer.
fn error_response(
    status: u16,
    code: &str,
    message: &str,
    issues: Option<&str>,
) -> Result<JsValue, JsValue> {
    let headers = web_sys::Headers::new()?;
    headers.set("content-type", "application/json;charset=UTF-8")?;
    let text = |s: &str| Json::str(s).to_string();
    let issues = issues
        .map(|i| format!(r#","issues":{i}"#))
        .unwrap_or_default();
    let body = format!(
        r#"{{"error_code":{},"error_msg":{}{issues}}}"#,
        text(code),
        text(message)
    );
    text_response(status, &body, &headers)
}

fn text_response(status: u16, body: &str, headers: &web_sys::Headers) -> Result<JsValue, JsValue> {
    let init = web_sys::ResponseInit::new();
    init.set_status(status);
    init.set_headers(headers);
    // A null-body status (204, 205, 304) must not carry a body, not even an empty one: the
    // Fetch API's Response constructor throws on it.
    let body = (!matches!(status, 204 | 205 | 304)).then_some(body);
    web_sys::Response::new_with_opt_str_and_init(body, &init).map(Into::into)
}

fn refuse(status: u16, code: &str, message: &str) -> Result<JsValue, JsValue> {
    error_response(status, code, message, None)
}

/// Reads the body, at most `limit` bytes: `None` when it is larger.
async fn read_body(request: &web_sys::Request, limit: usize) -> Result<Option<Vec<u8>>, JsValue> {
    let declared = request
        .headers()
        .get("content-length")?
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Ok(None);
    }
    let stream = js_sys::Reflect::get(request, &"body".into())?;
    if stream.is_null() || stream.is_undefined() {
        return Ok(Some(Vec::new()));
    }
    let call = |target: &JsValue, method: &str| -> Result<JsValue, JsValue> {
        let f: js_sys::Function = js_sys::Reflect::get(target, &method.into())?.dyn_into()?;
        f.call0(target)
    };
    let reader = call(&stream, "getReader")?;
    let mut bytes = Vec::new();
    loop {
        let chunk = JsFuture::from(js_sys::Promise::from(call(&reader, "read")?)).await?;
        if js_sys::Reflect::get(&chunk, &"done".into())?.is_truthy() {
            return Ok(Some(bytes));
        }
        let value: js_sys::Uint8Array =
            js_sys::Reflect::get(&chunk, &"value".into())?.dyn_into()?;
        if bytes.len() + value.length() as usize > limit {
            let _ = call(&reader, "cancel");
            return Ok(None);
        }
        bytes.extend(value.to_vec());
    }
}

#[wasm_bindgen]
impl BssProxy {
    /// Answers one request (`POST <mount>/<Operation>`). Never rejects for a bad request: it
    /// resolves to an error `Response`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Response>")]
    pub fn handle(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Request")] request: JsValue,
    ) -> js_sys::Promise {
        let inner = self.inner.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            let Ok(request) = request.dyn_into::<web_sys::Request>() else {
                return Err(field_error(
                    "invalid_input",
                    "request",
                    "handle: expected a Fetch API Request",
                ));
            };
            // Whatever JS throws on the way (a Response the runtime refuses to build, …)
            // becomes an error Response: the promise never rejects with a foreign value.
            match handle(&inner, &request).await {
                Ok(response) => Ok(response),
                Err(_) => refuse(500, "internal", "the proxy could not answer this request"),
            }
        })
    }
}

async fn handle(inner: &ProxyInner, request: &web_sys::Request) -> Result<JsValue, JsValue> {
    if request.method() != "POST" {
        return refuse(
            405,
            "method_not_allowed",
            "the proxy takes POST <mount>/<Operation>",
        );
    }
    let url = request.url();
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let name = path.rsplit('/').next().unwrap_or_default();
    let Some(op) = Operation::from_name(name) else {
        return refuse(
            404,
            "unknown_operation",
            &format!(
                "unknown operation \"{}\"",
                bss_storefront::error::quote_input(name, 64)
            ),
        );
    };
    if !inner.allow.contains(&op) {
        return refuse(
            403,
            "operation_not_allowed",
            &format!("{} is not allowed by this proxy", op.spec().name),
        );
    }
    let read = read_body(request, MAX_BODY_BYTES).await;
    let Ok(read) = read else {
        // An aborted, errored, locked or already read stream: the request's fault.
        return refuse(
            400,
            "invalid_body",
            "the request body could not be read (aborted, locked or already used)",
        );
    };
    let Some(bytes) = read else {
        return refuse(
            413,
            "request_too_large",
            &format!("the body is larger than {MAX_BODY_BYTES} bytes"),
        );
    };
    let invalid = |message: String, issues: String| {
        error_response(400, "invalid_request", &message, Some(&issues))
    };
    let text = String::from_utf8_lossy(&bytes);
    let input: Json = if text.trim().is_empty() {
        Json::Null
    } else {
        match api::parse_json(&text) {
            Ok(v) => v,
            Err(e) => return invalid(format!("the body is not JSON: {e}"), "[]".to_owned()),
        }
    };
    let request = match api::build(op, &input, inner.transport.site) {
        Ok(r) => r,
        Err(e) => {
            let issues = match &e {
                ApiError::InvalidRequest { issues, .. } => api::issues_json(issues),
                _ => "[]".to_owned(),
            };
            return invalid(e.to_string(), issues);
        }
    };
    let secrets = inner.transport.secrets();
    match inner.transport.exchange(&request, &input).await {
        Ok(Ok(r)) if api::is_redirect(r.status) => refuse(
            502,
            ApiError::Redirect { status: r.status }.code(),
            &ApiError::Redirect { status: r.status }.to_string(),
        ),
        Ok(Ok(r)) => {
            let headers = web_sys::Headers::new()?;
            headers.set(
                "content-type",
                r.content_type.as_deref().unwrap_or("application/json"),
            )?;
            for name in ["x-request-id", "retry-after"] {
                if let Some(v) = r.headers.get(name)? {
                    headers.set(name, &v)?;
                }
            }
            // BSS may echo what it received: the proxy's own token or key never reaches the
            // browser.
            text_response(r.status, &api::redact(&r.body, &secrets), &headers)
        }
        Ok(Err(Failure::Network(m))) => refuse(
            502,
            "network_error",
            &api::redact(&format!("BSS unreachable: {m}"), &secrets),
        ),
        Ok(Err(Failure::Timeout)) => refuse(504, "timeout", "BSS did not answer in time"),
        Err(e) => refuse(500, e.code(), &api::redact(&e.to_string(), &secrets)),
    }
}
