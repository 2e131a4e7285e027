//! The client's I/O, sans IO. Each call (`BssClient.call`, a page of `pages`, `getToken`, a
//! request the proxy forwards) is an [`Exchange`]: the JS driver (`pkg/js/client_driver.js`)
//! asks it for the request to send, does the `fetch` (time limit covering the body, redirects
//! not followed), hands it the answer or the failure, and waits or sends again as it says. The
//! exchange applies the core's decisions (retry, backoff, re-sign after clock skew, reading the
//! answer). The wasm module holds no future, closure or `fetch` binding: dropping them saved
//! 13,950 B raw, 6,246 B gzipped (6 %), and the glue lost their shims.

use bss_storefront::text::ByteSearch as _;
use wasm_bindgen::prelude::*;

use crate::client::Call;
use crate::client_pages::Pager;
use crate::proxy::Forward;
use crate::registration_rules::Waiting;
use crate::token::Login;
use bss_storefront::api::proxy::Reply;
use bss_storefront::api::{ApiError, Attempt, Attempts, Json, Outgoing, Step, is_redirect};
use bss_storefront::sign::SdkDate;

#[wasm_bindgen(raw_module = "./client_driver.js")]
extern "C" {
    /// A promise of `exchange`'s result, once the requests it asks for are answered.
    pub(crate) fn drive(exchange: Exchange) -> JsValue;
    /// A promise of the Fetch-API `Response` to `request`, which `exchange` forwards
    /// (`fallback`: the reply when the runtime refuses to build one).
    pub(crate) fn serve(exchange: Exchange, request: &JsValue, fallback: String) -> JsValue;
    /// The async iterator over the pages a pager ([`Job::Pages`]) hands out.
    #[wasm_bindgen(js_name = pages)]
    pub(crate) fn page_iterator(pager: Exchange) -> JsValue;
}

/// How an attempt ended.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// An HTTP answer: status (0: an opaque redirect), headers (`name:value` lines, names in
    /// lower case), body (empty for a redirect, which is not read).
    Answer {
        status: u16,
        headers: String,
        body: String,
    },
    /// `fetch` failed, with this message.
    Network(String),
    /// No answer within the time limit.
    Timeout,
}

impl Outcome {
    /// The answer's header `name` (lower case).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        let Outcome::Answer { headers, .. } = self else {
            return None;
        };
        headers
            // The driver writes `name:value\n` lines; `lines` links std's char searcher.
            .pieces(b'\n')
            .find_map(|line| line.cut(b':').filter(|(k, _)| *k == name))
            .map(|(_, v)| v)
    }

    /// The outcome as the retry rules see it.
    fn attempt(&self) -> Attempt<'_> {
        match self {
            Outcome::Answer { status, body, .. } => Attempt::Answer {
                status: *status,
                body,
                retry_after: self.header("retry-after"),
                date: self.header("date"),
            },
            Outcome::Network(_) => Attempt::Network,
            Outcome::Timeout => Attempt::Timeout,
        }
    }
}

/// What an exchange is for.
#[derive(Debug)]
pub(crate) enum Job {
    /// `BssClient.call`, or a page of `pages`.
    Call(Call),
    /// `getToken`: one request, never repeated.
    Token(Login),
    /// A request `createProxy`'s handler forwards.
    Forward(Forward),
    /// The result, known without sending (more): a cached token, a refusal, an error.
    Done(Result<JsValue, JsValue>),
    /// `client.pages`: sends nothing itself, hands out the exchange of each page.
    Pages(Pager),
    /// A registration operation's call or forward, before the registration rules answered
    /// (`registration_rules.rs`).
    Rules(Box<Waiting>),
}

// One call's requests, answers and decisions (see the module's doc). Plain comments on the
// exported items: wasm-bindgen copies doc comments into the glue, which only the driver calls.
#[wasm_bindgen(skip_typescript)]
#[derive(Debug)]
pub struct Exchange {
    pub(crate) job: Job,
    attempts: Attempts,
    /// When the last request was sent (the local clock).
    sent_at: Option<SdkDate>,
    /// How the last attempt ended.
    outcome: Option<Outcome>,
    /// The call failed before it was sent (the clock out of range).
    failed: Option<ApiError>,
}

impl Exchange {
    pub(crate) fn new(job: Job) -> Exchange {
        Exchange {
            job,
            attempts: Attempts::default(),
            sent_at: None,
            outcome: None,
            failed: None,
        }
    }
}

/// Headers as `[[name, value]…]` (what `fetch` and `Response` take).
fn pairs(headers: Vec<(String, String)>) -> Json {
    let pair = |(k, v)| Json::Array(vec![Json::str(k), Json::str(v)]);
    Json::Array(headers.into_iter().map(pair).collect())
}

/// A request for the driver: JSON text `{url, method, headers: [[name, value]…], body,
/// timeout_ms}` (`JSON.parse` is smaller than building the object through the glue).
fn request_json(out: Outgoing, timeout_ms: u32) -> String {
    Json::Object(vec![
        ("url".into(), Json::str(out.url)),
        ("method".into(), Json::str(out.method)),
        ("headers".into(), pairs(out.headers)),
        ("body".into(), out.body.map_or(Json::Null, Json::str)),
        ("timeout_ms".into(), Json::int(i64::from(timeout_ms))),
    ])
    .text()
}

/// A proxy reply for the driver: JSON text `{status, headers: [[name, value]…], body}`.
pub(crate) fn reply_json(reply: Reply) -> String {
    Json::Object(vec![
        ("status".into(), Json::int(i64::from(reply.status))),
        ("headers".into(), pairs(reply.headers)),
        ("body".into(), reply.body.map_or(Json::Null, Json::str)),
    ])
    .text()
}

/// A uniform random `u32` (backoff jitter).
fn random_u32() -> u32 {
    (js_sys::Math::random() * 4_294_967_296.0) as u32
}

/// What the driver does after an attempt: -1 finish, -2 send again at once, else wait this
/// many ms and send again.
const FINISH: f64 = -1.0;
const AT_ONCE: f64 = -2.0;

#[wasm_bindgen]
impl Exchange {
    // The request to send now (JSON, see [`request_json`]); `""` when there is none (more):
    // then `finish`.
    #[wasm_bindgen(skip_jsdoc)]
    pub fn send(&mut self) -> String {
        if self.failed.is_some() {
            return String::new();
        }
        let sent = match &self.job {
            Job::Done(_) | Job::Pages(_) | Job::Rules(_) => return String::new(),
            // Sent once.
            Job::Token(_) if self.outcome.is_some() => return String::new(),
            Job::Token(login) => Ok(login.outgoing()),
            Job::Call(call) => call.transport.outgoing(&call.request, &call.input),
            Job::Forward(f) => match &f.built {
                Some((request, input)) => f.proxy.transport.outgoing(request, input),
                // The body was not handed over: nothing to forward.
                None => return String::new(),
            },
        };
        match sent {
            Ok((out, now, timeout_ms)) => {
                self.sent_at = Some(now);
                request_json(out, timeout_ms)
            }
            Err(e) => {
                self.failed = Some(e);
                String::new()
            }
        }
    }

    // Whether the body of an answer with `status` is read: a redirect's is not (it is refused
    // whatever it says).
    #[wasm_bindgen(skip_jsdoc)]
    pub fn reads(&self, status: u16) -> bool {
        !is_redirect(status)
    }

    // The answer to the last request; what follows (see [`FINISH`]).
    #[wasm_bindgen(skip_jsdoc)]
    pub fn answer(&mut self, status: u16, headers: String, body: String) -> f64 {
        self.decide(Outcome::Answer {
            status,
            headers,
            body,
        })
    }

    // The last request got no answer: the time limit passed, or `fetch` failed with `message`.
    #[wasm_bindgen(skip_jsdoc)]
    pub fn fail(&mut self, timed_out: bool, message: String) -> f64 {
        self.decide(if timed_out {
            Outcome::Timeout
        } else {
            Outcome::Network(message)
        })
    }

    // The result: the call's value (a `BssError` thrown), or the proxy's reply (JSON).
    #[wasm_bindgen(skip_jsdoc)]
    pub fn finish(self) -> Result<JsValue, JsValue> {
        match self.job {
            Job::Done(result) => result,
            Job::Pages(_) => Ok(JsValue::UNDEFINED),
            // Not reached (the driver hands over the rules' answer first): as if none came.
            Job::Rules(w) => Exchange::new(w.unanswered()).finish(),
            Job::Call(call) => call.finish(self.outcome, self.failed),
            Job::Token(login) => login.finish(self.outcome),
            Job::Forward(f) => Ok(f.finish(self.outcome, self.failed).into()),
        }
    }
}

impl Exchange {
    fn decide(&mut self, outcome: Outcome) -> f64 {
        let call = match &self.job {
            Job::Call(c) => Some((&*c.transport, c.request.operation)),
            Job::Forward(Forward {
                proxy,
                built: Some((request, _)),
                ..
            }) => Some((&proxy.transport, request.operation)),
            _ => None,
        };
        let step = match (call, self.sent_at) {
            (Some((t, operation)), Some(now)) => {
                let random = random_u32();
                let step = self.attempts.next(
                    &t.policy,
                    operation,
                    t.signs(),
                    now,
                    random,
                    outcome.attempt(),
                );
                if let Step::Resign { offset_s } = step {
                    t.clock_offset_s.set(offset_s);
                }
                step
            }
            _ => Step::Return,
        };
        self.outcome = Some(outcome);
        match step {
            Step::Return => FINISH,
            Step::Resign { .. } => AT_ONCE,
            Step::Retry { delay_ms } => f64::from(delay_ms),
        }
    }
}

/// The error of a call that got no answer.
pub(crate) fn no_answer(outcome: Option<Outcome>, timeout_ms: u32) -> ApiError {
    match outcome {
        Some(Outcome::Network(message)) => ApiError::Network { message },
        Some(Outcome::Timeout) => ApiError::Timeout { timeout_ms },
        // Not reached: the driver reports every attempt.
        _ => ApiError::Network {
            message: "fetch failed".into(),
        },
    }
}
