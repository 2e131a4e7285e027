//! `getToken`: an IAM password token for BSS (domain scope), cached until shortly before it
//! expires.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use bss_storefront::codes::error as code;

use crate::client::{DEFAULT_TIMEOUT_MS, api_error_to_js};
use crate::fetch::{self, Failure};
use crate::js_input::{self, opt_string, opt_u32, prop};
use bss_storefront::api::token::{
    DEFAULT_REFRESH_MARGIN_S, IAM_ENDPOINT, PasswordLogin, TOKEN_PATH, is_fresh, iso_time,
    token_expiry,
};
use bss_storefront::api::{self, ApiError, Outgoing};
use bss_storefront::sign::{SdkDate, Secret};

/// The most tokens kept (one per endpoint, account, user and password).
const CACHE_SIZE: usize = 16;

thread_local! {
    static CACHE: RefCell<Vec<(String, Secret, SdkDate)>> = const { RefCell::new(Vec::new()) };
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
    let margin = match prop(options, "refresh_margin_s").as_f64() {
        Some(m) if (0.0..=86_400.0).contains(&m) => m as i64,
        _ => DEFAULT_REFRESH_MARGIN_S,
    };
    let timeout_ms = opt_u32(options, "timeout_ms", 1, 600_000)?.unwrap_or(DEFAULT_TIMEOUT_MS);
    let now = SdkDate::from_unix(js_input::now_unix()).ok_or_else(|| {
        fail(ApiError::InvalidOption {
            option: "clock",
            message: "the clock is out of range".into(),
        })
    })?;
    let key = login.cache_key(&endpoint);
    let cached = CACHE.with(|c| {
        c.borrow()
            .iter()
            .find(|(k, _, exp)| *k == key && is_fresh(*exp, now, margin))
            .map(|(_, t, exp)| (t.clone(), *exp))
    });
    if let Some((token, expires)) = cached {
        return answer(&token, expires, true);
    }
    let outgoing = Outgoing {
        method: "POST",
        url: format!("{endpoint}{TOKEN_PATH}"),
        headers: vec![(
            "Content-Type".into(),
            "application/json;charset=utf8".into(),
        )],
        body: Some(login.body()),
    };
    let r = match fetch::send(&outgoing, timeout_ms).await {
        Ok(r) => r,
        Err(Failure::Network(message)) => return Err(fail(ApiError::Network { message })),
        Err(Failure::Timeout) => return Err(fail(ApiError::Timeout { timeout_ms })),
    };
    if api::is_redirect(r.status) {
        return Err(fail(ApiError::Redirect { status: r.status }));
    }
    if r.status >= 300 {
        let e = api::server_error_redacted(r.status, &r.body, r.request_id.as_deref(), &secrets);
        return Err(fail(ApiError::Server(Box::new(e))));
    }
    let invalid = |reason: &str| ApiError::InvalidResponse {
        status: r.status,
        request_id: r.request_id.clone(),
        reason: reason.into(),
    };
    let token = r
        .headers
        .get("x-subject-token")
        .ok()
        .flatten()
        .filter(|t| !t.is_empty());
    let token = Secret::new(token.ok_or_else(|| fail(invalid("no X-Subject-Token header")))?);
    let expires =
        token_expiry(&r.body).ok_or_else(|| fail(invalid("no token.expires_at in the body")))?;
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        c.retain(|(k, _, exp)| *k != key && is_fresh(*exp, now, 0));
        if c.len() >= CACHE_SIZE {
            c.remove(0);
        }
        c.push((key, token.clone(), expires));
    });
    answer(&token, expires, false)
}
