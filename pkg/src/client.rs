//! `BssClient`: one async method per BSS operation, on `fetch`.
//!
//! Every rule (validation, layout, signing, retries, clock skew, error reading) is in the
//! core (`bss_storefront::api`, `bss_storefront::sign`); this file holds the options, the loop that applies the
//! core's decisions, and the conversions to JS.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use bss_storefront::codes::error as code;

use crate::error::{bss_error, to_js_error};
use crate::fetch::{self, Failure, Received};
use crate::js_input::{self, json_to_js, opt_string, prop};
use bss_storefront::api::options::{self, Given, IntOption};
use bss_storefront::api::{
    self, Answer, ApiError, Attempt, Context, Credentials, CredentialsInput, Json, MAX_INPUT_BYTES,
    Operation, RetryPolicy, Step,
};
use bss_storefront::registration::Site;

/// The China-site BSS endpoint.
pub(crate) const DEFAULT_ENDPOINT: &str = "https://bss.myhuaweicloud.com";

/// `obj[key]` as a numeric option for the core's rules.
pub(crate) fn given(obj: &JsValue, key: &str) -> Given {
    let v = prop(obj, key);
    if v.is_undefined() || v.is_null() {
        Given::Absent
    } else {
        v.as_f64().map_or(Given::Other, Given::Number)
    }
}

/// The integer option `option` of `options` (the range: the core's).
pub(crate) fn int_option(options: &JsValue, option: IntOption) -> Result<Option<u32>, JsValue> {
    option
        .read(given(options, option.name))
        .map_err(|e| api_error_to_js(&e, None, &[]))
}

/// Reads `{ak, sk, domain_id, security_token?}` or `{token}` (the rules: the core's
/// [`Credentials::new`]).
pub(crate) fn credentials_from_js(value: &JsValue) -> Result<Credentials, JsValue> {
    let fail = |e: ApiError| api_error_to_js(&e, None, &[]);
    if !value.is_object() {
        return Err(fail(Credentials::not_an_object()));
    }
    let get = |k: &str| opt_string(value, k, code::INVALID_OPTION);
    Credentials::new(CredentialsInput {
        token: get("token")?,
        ak: get("ak")?,
        sk: get("sk")?,
        domain_id: get("domain_id")?,
        security_token: get("security_token")?,
    })
    .map_err(fail)
}
/// An [`ApiError`] as a JS `BssError`, with `status`, `request_id`, `issues`, `operation`;
/// any secret echoed by a server is masked.
pub(crate) fn api_error_to_js(e: &ApiError, op: Option<Operation>, secrets: &[&str]) -> JsValue {
    let details = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&details, &k.into(), &v);
    };
    if let Some(op) = op {
        set("operation", op.spec().name.into());
    }
    if let Some(status) = e.status() {
        set("status", status.into());
    }
    if let Some(id) = e.request_id() {
        set("request_id", api::redact(id, secrets).into());
    }
    match e {
        ApiError::InvalidRequest { issues, .. } => {
            let list = js_sys::JSON::parse(&api::issues_json(issues));
            set("issues", list.unwrap_or(JsValue::UNDEFINED));
        }
        ApiError::Server(s) => {
            if let Some(issues) = &s.issues {
                set("issues", json_to_js(issues).unwrap_or(JsValue::UNDEFINED));
            }
            if let Some(m) = &s.encoded_authorization_message {
                set(
                    "encoded_authorization_message",
                    api::redact(m, secrets).into(),
                );
            }
        }
        ApiError::InvalidOption { option, .. } => set("field", (*option).into()),
        ApiError::UnknownOperation { .. } => set("field", "operation".into()),
        _ => {}
    }
    let code = api::redact(e.code(), secrets);
    bss_error(&code, &api::redact(&e.to_string(), secrets), details.into())
}

/// Endpoint, credentials, limits and the learnt clock offset: what the client and the proxy
/// share to send requests.
#[derive(Debug)]
pub(crate) struct Transport {
    pub endpoint: String,
    /// `None`: the endpoint is a signing proxy.
    pub credentials: Option<Credentials>,
    pub timeout_ms: u32,
    pub policy: RetryPolicy,
    /// The site whose registration rules apply.
    pub site: Site,
    /// Server clock minus local clock, learnt from a "signature expired" answer.
    pub clock_offset_s: Cell<i64>,
}

impl Transport {
    /// Reads `endpoint`, `timeout_ms`, `max_retries`, `retry_delay_ms`.
    pub(crate) fn from_options(
        options: &JsValue,
        credentials: Option<Credentials>,
    ) -> Result<Transport, JsValue> {
        let url = opt_string(options, "endpoint", code::INVALID_OPTION)?;
        let endpoint = api::endpoint(url.as_deref().unwrap_or(DEFAULT_ENDPOINT))
            .map_err(|e| api_error_to_js(&e, None, &[]))?;
        let retry_delay_ms = int_option(options, options::RETRY_DELAY_MS)?;
        let site = match opt_string(options, "site", code::INVALID_OPTION)? {
            Some(s) => s.parse::<Site>().map_err(|e| to_js_error(&e))?,
            None => api::site_of(&endpoint),
        };
        let timeout_ms = int_option(options, options::TIMEOUT_MS)?;
        let max_retries = int_option(options, options::MAX_RETRIES)?;
        Ok(Transport {
            site,
            endpoint,
            credentials,
            timeout_ms: timeout_ms.unwrap_or(options::DEFAULT_TIMEOUT_MS),
            policy: options::retry_policy(max_retries, retry_delay_ms),
            clock_offset_s: Cell::new(0),
        })
    }

    pub(crate) fn secrets(&self) -> Vec<&str> {
        self.credentials
            .as_ref()
            .map(Credentials::secrets)
            .unwrap_or_default()
    }

    /// Sends a validated request, applying the core's decisions (retry, backoff, re-sign
    /// after clock skew), and returns the last answer or failure.
    pub(crate) async fn exchange(
        &self,
        request: &api::ApiRequest,
        input: &Json,
    ) -> Result<Result<Received, Failure>, ApiError> {
        let op = request.operation;
        let mut retries = 0;
        let mut resigned = false;
        loop {
            let clock = |offset: i64| options::clock(js_input::now_unix().saturating_add(offset));
            let now = clock(0)?;
            let outgoing = match &self.credentials {
                None => api::proxy_outgoing(&self.endpoint, op, input),
                Some(c) => {
                    request.outgoing(&self.endpoint, c.auth(), clock(self.clock_offset_s.get())?)?
                }
            };
            let result = fetch::send(&outgoing, self.timeout_ms).await;
            let attempt = match &result {
                Ok(received) => received.attempt(),
                Err(Failure::Network(_)) => Attempt::Network,
                Err(Failure::Timeout) => Attempt::Timeout,
            };
            let ctx = Context {
                operation: op,
                retries,
                can_resign: !resigned && matches!(self.credentials, Some(Credentials::AkSk { .. })),
                now,
                random: fetch::random_u32(),
            };
            match api::next_step(&self.policy, ctx, attempt) {
                Step::Resign { offset_s } => {
                    self.clock_offset_s.set(offset_s);
                    resigned = true;
                }
                Step::Retry { delay_ms } => {
                    fetch::sleep(delay_ms).await;
                    retries += 1;
                }
                Step::Return => return Ok(result),
            }
        }
    }
}

/// A thin BSS client on `fetch`. Without credentials, `endpoint` is a signing proxy
/// (`createProxy`), which is how a browser calls BSS without holding secrets.
#[wasm_bindgen]
pub struct BssClient {
    pub(crate) transport: Rc<Transport>,
}

#[wasm_bindgen]
impl BssClient {
    /// Creates a client. Throws `BssError` `invalid_option` for a bad option.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "BssClientOptions")] options: JsValue,
    ) -> Result<BssClient, JsValue> {
        let credentials = match prop(&options, "credentials") {
            v if v.is_undefined() || v.is_null() => None,
            v => Some(credentials_from_js(&v)?),
        };
        options::require_credentials(
            credentials.is_some(),
            !prop(&options, "endpoint").is_undefined(),
        )
        .map_err(|e| api_error_to_js(&e, None, &[]))?;
        Ok(BssClient {
            transport: Rc::new(Transport::from_options(&options, credentials)?),
        })
    }

    /// Calls an operation by its BSS name (`"ListSubCustomers"`) or method name.
    #[wasm_bindgen(unchecked_return_type = "Promise<any>")]
    pub fn call(
        &self,
        operation: &str,
        #[wasm_bindgen(unchecked_param_type = "object")] input: JsValue,
    ) -> js_sys::Promise {
        match options::operation(operation) {
            Ok(op) => {
                let transport = self.transport.clone();
                wasm_bindgen_futures::future_to_promise(
                    async move { run(&transport, op, &input).await },
                )
            }
            Err(e) => js_sys::Promise::reject(&api_error_to_js(&e, None, &[])),
        }
    }
}

async fn run(transport: &Transport, op: Operation, input: &JsValue) -> Result<JsValue, JsValue> {
    let value = js_input::json_value(input, "input", MAX_INPUT_BYTES)?;
    json_to_js(&run_json(transport, op, &value).await?)
}

/// Validates, sends and reads one call (`client_pages.rs` pages with it).
pub(crate) async fn run_json(
    transport: &Transport,
    op: Operation,
    value: &Json,
) -> Result<Json, JsValue> {
    let secrets = transport.secrets();
    let fail = |e: ApiError| api_error_to_js(&e, Some(op), &secrets);
    // Validation first: a request with issues is never sent.
    let outcome = crate::registration_rules::outcome(op, value, transport.site).await?;
    let request = api::build_with(
        op,
        value,
        transport.site,
        crate::registration_rules::given(outcome),
    )
    .map_err(fail)?;
    match transport.exchange(&request, value).await.map_err(fail)? {
        Ok(r) => {
            let answer = Answer {
                status: r.status,
                body: &r.body,
                request_id: r.request_id.as_deref(),
            };
            api::interpret_redacted(op, answer, &secrets).map_err(fail)
        }
        Err(Failure::Network(message)) => Err(fail(ApiError::Network { message })),
        Err(Failure::Timeout) => Err(fail(ApiError::Timeout {
            timeout_ms: transport.timeout_ms,
        })),
    }
}
