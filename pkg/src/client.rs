//! `BssClient`: one async method per BSS operation, on `fetch`.
//!
//! Every rule (validation, layout, signing, retries, clock skew, error reading) is in the
//! core (`bss_storefront::api`, `bss_storefront::sign`); this file holds the options, the
//! call an [`Exchange`] carries out (the JS driver does the `fetch`), and the conversions to JS.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use bss_storefront::codes::error as code;

use crate::client_pages::Pages;
use crate::error::{bss_error, to_js_error};
use crate::fetch::{Exchange, Job, Outcome, drive, no_answer};
use crate::js_input::{self, json_to_js, opt_string, prop};
use crate::registration_rules::{Then, Waiting, no_rules};
use bss_storefront::api::options::{self, Given, IntOption};
use bss_storefront::api::registration::Outcome as RulesOutcome;
use bss_storefront::api::{
    self, Answer, ApiError, ApiRequest, Credentials, CredentialsInput, Json, MAX_INPUT_BYTES,
    Operation, Outgoing, RetryPolicy,
};
use bss_storefront::registration::Site;
use bss_storefront::sign::SdkDate;

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

    /// Whether requests are AK/SK-signed (only those are re-signed after clock skew).
    pub(crate) fn signs(&self) -> bool {
        matches!(self.credentials, Some(Credentials::AkSk { .. }))
    }

    /// The request for one attempt of a validated `request` (`input`: what a signing proxy
    /// gets), signed with the learnt clock offset; the local time; the time limit.
    pub(crate) fn outgoing(
        &self,
        request: &ApiRequest,
        input: &Json,
    ) -> Result<(Outgoing, SdkDate, u32), ApiError> {
        let clock = |offset: i64| options::clock(js_input::now_unix().saturating_add(offset));
        let now = clock(0)?;
        let out = match &self.credentials {
            None => api::proxy_outgoing(&self.endpoint, request.operation, input),
            Some(c) => {
                request.outgoing(&self.endpoint, c.auth(), clock(self.clock_offset_s.get())?)?
            }
        };
        Ok((out, now, self.timeout_ms))
    }
}

/// One validated call to send: what [`Job::Call`] carries out.
#[derive(Debug)]
pub(crate) struct Call {
    pub transport: Rc<Transport>,
    pub request: ApiRequest,
    pub input: Json,
    /// The pages this call is one of (`client.pages`).
    pub pages: Option<Rc<Pages>>,
}

impl Call {
    /// Validates `value` (a request with issues is never sent): the exchange of the call, or
    /// one that rejects. A registration operation's waits for the registration rules first.
    pub(crate) fn exchange(
        transport: &Rc<Transport>,
        op: Operation,
        value: Json,
        pages: Option<Rc<Pages>>,
    ) -> Exchange {
        Exchange::new(if op.spec().registration.is_some() {
            Job::Rules(Box::new(Waiting {
                op,
                site: transport.site,
                input: value,
                then: Then::Call {
                    transport: transport.clone(),
                    pages,
                },
            }))
        } else {
            Call::job(transport, op, value, pages, no_rules)
        })
    }

    /// The job of a call validated with `rules` (the registration rules' answer, for those
    /// operations).
    pub(crate) fn job(
        transport: &Rc<Transport>,
        op: Operation,
        value: Json,
        pages: Option<Rc<Pages>>,
        rules: impl FnOnce() -> RulesOutcome,
    ) -> Job {
        match api::build_with(op, &value, transport.site, rules) {
            Ok(request) => Job::Call(Call {
                transport: transport.clone(),
                request,
                input: value,
                pages,
            }),
            Err(e) => Job::Done(Err(api_error_to_js(&e, Some(op), &transport.secrets()))),
        }
    }

    /// The call's result from the last attempt's outcome (or the error before sending).
    pub(crate) fn finish(
        self,
        outcome: Option<Outcome>,
        failed: Option<ApiError>,
    ) -> Result<JsValue, JsValue> {
        let op = self.request.operation;
        let secrets = self.transport.secrets();
        let fail = |e: ApiError| api_error_to_js(&e, Some(op), &secrets);
        if let Some(e) = failed {
            return Err(fail(e));
        }
        let answer = match &outcome {
            Some(o @ Outcome::Answer { status, body, .. }) => {
                let answer = Answer {
                    status: *status,
                    body,
                    request_id: o.header("x-request-id"),
                };
                api::interpret_redacted(op, answer, &secrets).map_err(fail)?
            }
            _ => return Err(fail(no_answer(outcome, self.transport.timeout_ms))),
        };
        if let Some(pages) = &self.pages {
            pages.answered(op, &self.input, &answer);
        }
        json_to_js(&answer)
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
    ) -> JsValue {
        let exchange = match options::operation(operation) {
            Ok(op) => match js_input::json_value(&input, "input", MAX_INPUT_BYTES) {
                Ok(value) => Call::exchange(&self.transport, op, value, None),
                Err(e) => Exchange::new(Job::Done(Err(e))),
            },
            Err(e) => Exchange::new(Job::Done(Err(api_error_to_js(&e, None, &[])))),
        };
        drive(exchange)
    }
}
