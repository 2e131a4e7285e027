//! `createProxy`: a Fetch-API handler (`Request` → `Response`) that a partner mounts on its
//! server so that browsers call BSS without holding secrets. Its rules (routing, refusals,
//! body limit, passed headers) are the core's `api::proxy`; the JS driver moves the bytes
//! ([`Exchange`]). It re-signs once after clock skew and leaves retries to the client.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use bss_storefront::codes::error as code;

use crate::client::{Transport, credentials_from_js};
use crate::error::field_error;
use crate::fetch::{Exchange, Job, Outcome, drive, reply_json, serve};
use crate::js_input::prop;
use crate::registration_rules::{Then, Waiting, no_rules};
use bss_storefront::api::proxy::{self, MAX_BODY_BYTES, Refusal};
use bss_storefront::api::registration::Outcome as RulesOutcome;
use bss_storefront::api::{ApiError, ApiRequest, Json, Operation};
use bss_storefront::registration::Site;

#[wasm_bindgen]
extern "C" {
    /// The Fetch API's `Request` (only its type is checked here: the driver reads it).
    #[wasm_bindgen(js_name = Request)]
    type FetchRequest;
}

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

#[derive(Debug)]
pub(crate) struct ProxyInner {
    pub transport: Transport,
    allow: Vec<Operation>,
}

/// A request the proxy forwards: what [`Job::Forward`] carries out. Its operation once
/// routed, then the BSS request built from its body.
#[derive(Debug)]
pub(crate) struct Forward {
    pub proxy: Rc<ProxyInner>,
    op: Option<Operation>,
    pub built: Option<(ApiRequest, Json)>,
}

impl Forward {
    /// The reply (JSON for the driver) from BSS's answer or its absence.
    pub(crate) fn finish(self, outcome: Option<Outcome>, failed: Option<ApiError>) -> String {
        let secrets = self.proxy.transport.secrets();
        let reply = match (&outcome, failed) {
            (_, Some(e)) => proxy::not_sent(&e, &secrets),
            (Some(o @ Outcome::Answer { status, body, .. }), None) => {
                proxy::forward(*status, body, |name| o.header(name), &secrets)
            }
            (Some(Outcome::Network(m)), None) => {
                proxy::no_answer(Some(m.clone()), self.proxy.transport.timeout_ms, &secrets)
            }
            (Some(Outcome::Timeout), None) => {
                proxy::no_answer(None, self.proxy.transport.timeout_ms, &secrets)
            }
            // Not reached: the driver hands over the body before it finishes.
            (None, None) => proxy::internal().reply(),
        };
        reply_json(reply)
    }
}

impl Forward {
    /// The job of forwarding `input`, validated with `rules` (the registration rules' answer,
    /// for those operations): the request to sign and send, or the refusal.
    pub(crate) fn built(
        mut self,
        op: Operation,
        input: Json,
        site: Site,
        rules: impl FnOnce() -> RulesOutcome,
    ) -> Job {
        match proxy::request_with(op, &input, site, rules) {
            Ok(request) => {
                self.built = Some((request, input));
                Job::Forward(self)
            }
            Err(r) => refused(&r),
        }
    }
}

/// A refusal as the driver's reply.
pub(crate) fn refused(r: &Refusal) -> Job {
    Job::Done(Ok(reply_json(r.reply()).into()))
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

#[wasm_bindgen]
impl BssProxy {
    /// Answers one request (`POST <mount>/<Operation>`). Never rejects for a bad request: it
    /// resolves to an error `Response`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Response>")]
    pub fn handle(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Request")] request: JsValue,
    ) -> JsValue {
        let forward = Job::Forward(Forward {
            proxy: self.inner.clone(),
            op: None,
            built: None,
        });
        if !request.is_instance_of::<FetchRequest>() {
            let e = field_error(
                code::INVALID_INPUT,
                "request",
                "handle: expected a Fetch API Request",
            );
            return drive(Exchange::new(Job::Done(Err(e))));
        }
        // Whatever JS throws on the way (a Response the runtime refuses to build, …) becomes
        // this error Response: the promise never rejects with a foreign value.
        let fallback = reply_json(proxy::internal().reply());
        serve(Exchange::new(forward), &request, fallback)
    }
}

#[wasm_bindgen]
impl Exchange {
    // The proxy's routing of a request (method, URL, `content-length` header): the most body
    // bytes to read and hand to `body`, or 0 when the proxy answers without reading it.
    #[wasm_bindgen(skip_jsdoc)]
    pub fn route(&mut self, method: String, url: String, declared: String) -> u32 {
        let Job::Forward(f) = &mut self.job else {
            return 0;
        };
        match proxy::route(&method, &url, &f.proxy.allow) {
            Err(r) => self.job = refused(&r),
            Ok(_) if proxy::declared_too_large(Some(&declared)) => {
                self.job = refused(&proxy::unreadable_body(true));
            }
            Ok(op) => {
                f.op = Some(op);
                return MAX_BODY_BYTES as u32;
            }
        }
        0
    }

    // The request's body: `undefined` when it could not be read, past the limit (`past_limit`)
    // or not (aborted, errored, locked or already read: the request's fault).
    #[wasm_bindgen(skip_jsdoc)]
    pub fn body(&mut self, bytes: Option<Vec<u8>>, past_limit: bool) {
        let Job::Forward(f) = &mut self.job else {
            return;
        };
        let (Some(op), Some(bytes)) = (f.op, bytes) else {
            self.job = refused(&proxy::unreadable_body(past_limit));
            return;
        };
        let input = match proxy::input(&bytes) {
            Ok(input) => input,
            Err(r) => {
                self.job = refused(&r);
                return;
            }
        };
        let site = f.proxy.transport.site;
        let Job::Forward(f) = std::mem::replace(&mut self.job, Job::Done(Ok(JsValue::UNDEFINED)))
        else {
            return;
        };
        // A registration operation waits for the registration rules (`rules`, `ruled`).
        self.job = if op.spec().registration.is_some() {
            Job::Rules(Box::new(Waiting {
                op,
                site,
                input,
                then: Then::Forward(f),
            }))
        } else {
            f.built(op, input, site, no_rules)
        };
    }
}
