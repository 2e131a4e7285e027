//! `createProxy`: a Fetch-API handler (`Request` → `Response`) that a partner mounts on its
//! server so that browsers call BSS without holding secrets. Its rules (routing, refusals,
//! body limit, passed headers) are the core's `api::proxy`; this file moves the bytes. It
//! re-signs once after clock skew and leaves retries to the client.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use bss_storefront::codes::error as code;
use wasm_bindgen_futures::JsFuture;

use crate::client::{Transport, credentials_from_js};
use crate::error::field_error;
use crate::fetch::Failure;
use crate::js_input::prop;
use bss_storefront::api::proxy::{self, MAX_BODY_BYTES, Refusal};
use bss_storefront::api::{self, ApiError, Operation};

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
    let credentials = credentials_from_js(&prop(&options, "credentials"))?;
    let list = prop(&options, "allow");
    let bad = |r: Refusal| field_error(&r.code, "allow", &r.message);
    let list: &js_sys::Array = list
        .dyn_ref()
        .ok_or_else(|| bad(proxy::allow_not_a_list()))?;
    let names: Vec<String> = list
        .iter()
        .map(|name| name.as_string().unwrap_or_default())
        .collect();
    let allow = proxy::allow_list(names.iter().map(String::as_str)).map_err(bad)?;
    let mut transport = Transport::from_options(&options, Some(credentials))?;
    transport.policy = proxy::retry_policy(transport.policy);
    Ok(BssProxy {
        inner: Rc::new(ProxyInner { transport, allow }),
    })
}

/// The proxy's own answer.
fn refusal(r: &Refusal) -> Result<JsValue, JsValue> {
    let headers = web_sys::Headers::new()?;
    headers.set("content-type", "application/json;charset=UTF-8")?;
    text_response(r.status, &r.body(), &headers)
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
                    code::INVALID_INPUT,
                    "request",
                    "handle: expected a Fetch API Request",
                ));
            };
            // Whatever JS throws on the way (a Response the runtime refuses to build, …)
            // becomes an error Response: the promise never rejects with a foreign value.
            match handle(&inner, &request).await {
                Ok(response) => Ok(response),
                Err(_) => refusal(&proxy::internal()),
            }
        })
    }
}

async fn handle(inner: &ProxyInner, request: &web_sys::Request) -> Result<JsValue, JsValue> {
    let op = match proxy::route(&request.method(), &request.url(), &inner.allow) {
        Ok(op) => op,
        Err(r) => return refusal(&r),
    };
    let bytes = match read_body(request, MAX_BODY_BYTES).await {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return refusal(&proxy::unreadable_body(true)),
        // An aborted, errored, locked or already read stream: the request's fault.
        Err(_) => return refusal(&proxy::unreadable_body(false)),
    };
    let site = inner.transport.site;
    let input = match proxy::input(&bytes) {
        Ok(input) => input,
        Err(r) => return refusal(&r),
    };
    let outcome = crate::registration_rules::outcome(op, &input, site).await?;
    let request =
        match proxy::request_with(op, &input, site, crate::registration_rules::given(outcome)) {
            Ok(request) => request,
            Err(r) => return refusal(&r),
        };
    let secrets = inner.transport.secrets();
    match inner.transport.exchange(&request, &input).await {
        Ok(Ok(r)) if api::is_redirect(r.status) => {
            let e = ApiError::Redirect { status: r.status };
            refusal(&proxy::upstream_failure(&e, e.to_string()))
        }
        Ok(Ok(r)) => {
            let headers = web_sys::Headers::new()?;
            headers.set(
                "content-type",
                r.content_type.as_deref().unwrap_or("application/json"),
            )?;
            for name in proxy::PASSED_HEADERS {
                if let Some(v) = r.headers.get(name)? {
                    headers.set(name, &v)?;
                }
            }
            // BSS may echo what it received: the proxy's own token or key never reaches the
            // browser.
            text_response(r.status, &api::redact(&r.body, &secrets), &headers)
        }
        Ok(Err(Failure::Network(m))) => {
            let message = api::redact(&format!("BSS unreachable: {m}"), &secrets);
            refusal(&proxy::upstream_failure(
                &ApiError::Network { message: m },
                message,
            ))
        }
        Ok(Err(Failure::Timeout)) => refusal(&proxy::upstream_failure(
            &ApiError::Timeout {
                timeout_ms: inner.transport.timeout_ms,
            },
            "BSS did not answer in time".into(),
        )),
        Err(e) => refusal(&proxy::upstream_failure(
            &e,
            api::redact(&e.to_string(), &secrets),
        )),
    }
}
