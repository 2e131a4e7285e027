//! `getToken`: an IAM password token for BSS (domain scope), cached until shortly before it
//! expires. The cache, the refresh margin and the reading of IAM's answer are the core's
//! (`api::token`); this file reads the options and the answer, and the JS driver does the
//! `fetch` ([`Exchange`]).

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use bss_storefront::codes::error as code;

use crate::client::{api_error_to_js, given, int_option};
use crate::fetch::{Exchange, Job, Outcome, drive, no_answer};
use crate::js_input::{self, opt_string};
use bss_storefront::api::options::{self, DEFAULT_TIMEOUT_MS};
use bss_storefront::api::token::{
    IAM_ENDPOINT, PasswordLogin, TokenAnswer, TokenCache, iso_time, read_token, refresh_margin_s,
};
use bss_storefront::api::{self, ApiError, Outgoing};
use bss_storefront::sign::{SdkDate, Secret};

thread_local! {
    static CACHE: RefCell<TokenCache> = const { RefCell::new(TokenCache::new()) };
}

#[wasm_bindgen(typescript_custom_section)]
const TOKEN_TS: &'static str = r#"
/** Options of `getToken`: an IAM user of the partner account. */
export interface GetTokenOptions {
  user_name: string;
  password: string;
  /** The account (domain) name; the token is scoped to it. */
  domain_name: string;
  /** IAM endpoint; default `https://iam.myhuaweicloud.com`. */
  endpoint?: string;
  /** Renew a cached token this many seconds before it expires (default 3600). */
  refresh_margin_s?: number;
  timeout_ms?: number;
}
/** An IAM token (`X-Subject-Token`) and its expiry. */
export interface IamToken { token: string; expires_at: string; cached: boolean }
"#;

fn answer(token: &Secret, expires: SdkDate, cached: bool) -> Result<JsValue, JsValue> {
    let out = js_sys::Object::new();
    js_sys::Reflect::set(&out, &"token".into(), &token.expose().into())?;
    js_sys::Reflect::set(&out, &"expires_at".into(), &iso_time(expires).into())?;
    js_sys::Reflect::set(&out, &"cached".into(), &cached.into())?;
    Ok(out.into())
}

/// A token request to send: what [`Job::Token`] carries out.
#[derive(Debug)]
pub(crate) struct Login {
    login: PasswordLogin,
    endpoint: String,
    key: String,
    now: SdkDate,
    timeout_ms: u32,
}

impl Login {
    /// The request, the local time, the time limit.
    pub(crate) fn outgoing(&self) -> (Outgoing, SdkDate, u32) {
        (
            self.login.request(&self.endpoint),
            self.now,
            self.timeout_ms,
        )
    }

    /// The token from IAM's answer, kept in the cache.
    pub(crate) fn finish(self, outcome: Option<Outcome>) -> Result<JsValue, JsValue> {
        let secrets = [self.login.password.expose()];
        let fail = |e: ApiError| api_error_to_js(&e, None, &secrets);
        let Some(o @ Outcome::Answer { status, body, .. }) = &outcome else {
            return Err(fail(no_answer(outcome, self.timeout_ms)));
        };
        let (token, expires) = read_token(
            TokenAnswer {
                status: *status,
                body,
                request_id: o.header("x-request-id"),
                subject_token: o.header("x-subject-token"),
            },
            &secrets,
        )
        .map_err(fail)?;
        CACHE.with(|c| {
            c.borrow_mut()
                .put(self.key.clone(), token.clone(), expires, self.now)
        });
        answer(&token, expires, false)
    }
}

/// Gets an IAM password token, from the cache while it has more than `refresh_margin_s`
/// left. Rejects with `BssError` (`invalid_option`, the IAM error code, `network_error`,
/// `timeout`); the password never appears in an error.
#[wasm_bindgen(js_name = getToken, unchecked_return_type = "Promise<IamToken>")]
pub fn get_token(
    #[wasm_bindgen(unchecked_param_type = "GetTokenOptions")] options: JsValue,
) -> JsValue {
    let job = login(&options).unwrap_or_else(|e| Job::Done(Err(e)));
    drive(Exchange::new(job))
}

/// The request to send, or the cached token.
fn login(options: &JsValue) -> Result<Job, JsValue> {
    let login = PasswordLogin {
        user_name: opt_string(options, "user_name", code::INVALID_OPTION)?.unwrap_or_default(),
        password: Secret::new(
            opt_string(options, "password", code::INVALID_OPTION)?.unwrap_or_default(),
        ),
        domain_name: opt_string(options, "domain_name", code::INVALID_OPTION)?.unwrap_or_default(),
    };
    let secrets = [login.password.expose()];
    let fail = |e: ApiError| api_error_to_js(&e, None, &secrets);
    login.validate().map_err(fail)?;
    let url = opt_string(options, "endpoint", code::INVALID_OPTION)?;
    let endpoint = api::endpoint(url.as_deref().unwrap_or(IAM_ENDPOINT)).map_err(fail)?;
    let margin = refresh_margin_s(given(options, "refresh_margin_s"));
    let timeout_ms = int_option(options, options::TIMEOUT_MS)?.unwrap_or(DEFAULT_TIMEOUT_MS);
    let now = options::clock(js_input::now_unix()).map_err(fail)?;
    let key = login.cache_key(&endpoint);
    if let Some((token, expires)) = CACHE.with(|c| c.borrow().get(&key, now, margin)) {
        return Ok(Job::Done(answer(&token, expires, true)));
    }
    Ok(Job::Token(Login {
        login,
        endpoint,
        key,
        now,
        timeout_ms,
    }))
}
