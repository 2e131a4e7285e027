//! The I/O of the client: one `fetch` on the global function (browsers, workers, Node 18+)
//! with an `AbortController` time limit covering the body, timers, and randomness.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use bss_storefront::api::{Attempt, Outgoing};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn fetch_with_init(url: &str, init: &web_sys::RequestInit) -> js_sys::Promise;
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: i32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
}

/// An HTTP answer, body read.
#[derive(Debug)]
pub(crate) struct Received {
    pub status: u16,
    pub body: String,
    pub request_id: Option<String>,
    pub retry_after: Option<String>,
    pub date: Option<String>,
    pub content_type: Option<String>,
    pub headers: web_sys::Headers,
}

impl Received {
    /// The answer as the retry logic sees it.
    pub fn attempt(&self) -> Attempt<'_> {
        Attempt::Answer {
            status: self.status,
            body: &self.body,
            retry_after: self.retry_after.as_deref(),
            date: self.date.as_deref(),
        }
    }
}

/// No answer: the network failed, or the time limit passed.
#[derive(Debug)]
pub(crate) enum Failure {
    Network(String),
    Timeout,
}

/// Waits `ms` milliseconds.
pub(crate) async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        set_timeout(&resolve, i32::try_from(ms).unwrap_or(i32::MAX));
    });
    let _ = JsFuture::from(promise).await;
}

/// A uniform random `u32` (backoff jitter).
pub(crate) fn random_u32() -> u32 {
    (js_sys::Math::random() * 4_294_967_296.0) as u32
}

fn error_message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| {
            let msg: String = e.message().into();
            // Node's "fetch failed" hides the reason in `cause`.
            let cause = js_sys::Reflect::get(e, &"cause".into()).ok().and_then(|c| {
                c.dyn_ref::<js_sys::Error>()
                    .map(|c| String::from(c.message()))
            });
            match cause {
                Some(c) if !c.is_empty() => format!("{msg} ({c})"),
                _ => msg,
            }
        })
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "fetch failed".to_owned())
}

/// Sends one request and reads its body, within `timeout_ms`.
pub(crate) async fn send(out: &Outgoing, timeout_ms: u32) -> Result<Received, Failure> {
    let headers = web_sys::Headers::new().map_err(|e| Failure::Network(error_message(&e)))?;
    for (k, v) in &out.headers {
        headers
            .append(k, v)
            .map_err(|e| Failure::Network(error_message(&e)))?;
    }
    let controller =
        web_sys::AbortController::new().map_err(|e| Failure::Network(error_message(&e)))?;
    let init = web_sys::RequestInit::new();
    init.set_method(out.method);
    init.set_headers(&headers);
    if let Some(body) = &out.body {
        init.set_body(&JsValue::from_str(body));
    }
    init.set_signal(Some(&controller.signal()));
    // Never follow a redirect: it would carry the credentials to wherever it points. The
    // 3xx (Node) or opaque redirect (browsers, status 0) comes back as the answer.
    init.set_redirect(web_sys::RequestRedirect::Manual);

    let timed_out = Rc::new(Cell::new(false));
    let flag = timed_out.clone();
    let abort = controller.clone();
    let on_timeout = Closure::once(move || {
        flag.set(true);
        abort.abort();
    });
    let timer = set_timeout(
        on_timeout.as_ref().unchecked_ref(),
        i32::try_from(timeout_ms).unwrap_or(i32::MAX),
    );
    let result = receive(&out.url, &init).await;
    clear_timeout(&timer);
    drop(on_timeout);
    result.map_err(|e| {
        if timed_out.get() {
            Failure::Timeout
        } else {
            Failure::Network(error_message(&e))
        }
    })
}

async fn receive(url: &str, init: &web_sys::RequestInit) -> Result<Received, JsValue> {
    let response: web_sys::Response = JsFuture::from(fetch_with_init(url, init))
        .await?
        .dyn_into()?;
    let status = match response.type_() {
        web_sys::ResponseType::Opaqueredirect => 0,
        _ => response.status(),
    };
    // A redirect's body is not read: it is refused whatever it says.
    let body = if bss_storefront::api::is_redirect(status) {
        String::new()
    } else {
        JsFuture::from(response.text()?)
            .await?
            .as_string()
            .unwrap_or_default()
    };
    let headers = response.headers();
    let get = |name: &str| headers.get(name).ok().flatten();
    Ok(Received {
        status,
        request_id: get("x-request-id"),
        retry_after: get("retry-after"),
        date: get("date"),
        content_type: get("content-type"),
        body,
        headers: headers.clone(),
    })
}
