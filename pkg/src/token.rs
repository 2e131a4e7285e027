//! `getToken`: an IAM password token for BSS (domain scope), cached until shortly before it
//! expires. The cache, the refresh margin and the reading of IAM's answer are the core's
//! (`api::token`); this file does the `fetch` and the conversions.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use bss_storefront::codes::error as code;

use crate::client::{api_error_to_js, given, int_option};
use crate::fetch::{self, Failure};
use crate::js_input::{self, opt_string};
use bss_storefront::api::options::{self, DEFAULT_TIMEOUT_MS};
use bss_storefront::api::token::{
    IAM_ENDPOINT, PasswordLogin, TokenAnswer, TokenCache, iso_time, read_token, refresh_margin_s,
};
use bss_storefront::api::{self, ApiError};
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

/// Gets an IAM password token, from the cache while it has more than `refresh_margin_s`
/// left. Rejects with `BssError` (`invalid_option`, the IAM error code, `network_error`,
/// `timeout`); the password never appears in an error.
#[wasm_bindgen(js_name = getToken, unchecked_return_type = "Promise<IamToken>")]
pub fn get_token(
    #[wasm_bindgen(unchecked_param_type = "GetTokenOptions")] options: JsValue,
) -> js_sys::Promise {
    wasm_bindgen_futures::future_to_promise(async move { fetch_token(&options).await })
}

async fn fetch_token(options: &JsValue) -> Result<JsValue, JsValue> {
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
        return answer(&token, expires, true);
    }
    let r = match fetch::send(&login.request(&endpoint), timeout_ms).await {
        Ok(r) => r,
        Err(Failure::Network(message)) => return Err(fail(ApiError::Network { message })),
        Err(Failure::Timeout) => return Err(fail(ApiError::Timeout { timeout_ms })),
    };
    let subject_token = r.headers.get("x-subject-token").ok().flatten();
    let (token, expires) = read_token(
        TokenAnswer {
            status: r.status,
            body: &r.body,
            request_id: r.request_id.as_deref(),
            subject_token: subject_token.as_deref(),
        },
        &secrets,
    )
    .map_err(fail)?;
    CACHE.with(|c| c.borrow_mut().put(key, token.clone(), expires, now));
    answer(&token, expires, false)
}
