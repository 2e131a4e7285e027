//! IAM password tokens for BSS (spec registration-auth §5.2): the domain-scoped request, the
//! expiry read from the answer, and when a cached token must be renewed.
//!
//! The token itself comes back in the `X-Subject-Token` header; the body says when it
//! expires (`token.expires_at`, 24 hours after issue).

use super::value::Json;

use super::error::{ApiError, server_error_redacted};
use super::options::Given;
use super::request::Outgoing;
use super::response::is_redirect;
use crate::sign::{SdkDate, Secret, sha256_hex};

/// IAM's global endpoint (China site).
pub const IAM_ENDPOINT: &str = "https://iam.myhuaweicloud.com";
/// The token path (`nocatalog` keeps the answer small).
pub const TOKEN_PATH: &str = "/v3/auth/tokens?nocatalog=true";
/// A cached token is renewed this long before it expires, by default.
pub const DEFAULT_REFRESH_MARGIN_S: i64 = 3600;
/// The largest refresh margin: a token lives 24 hours.
pub const MAX_REFRESH_MARGIN_S: i64 = 86_400;
/// The most tokens a [`TokenCache`] keeps (one per endpoint, account, user and password).
pub const CACHE_SIZE: usize = 16;

/// The refresh margin asked for (`refresh_margin_s`): a number of seconds from 0 to
/// [`MAX_REFRESH_MARGIN_S`] (fractions dropped); anything else means the default.
pub fn refresh_margin_s(given: Given) -> i64 {
    match given {
        // In range: the conversion is exact up to the dropped fraction.
        Given::Number(m) if (0.0..=MAX_REFRESH_MARGIN_S as f64).contains(&m) => m as i64,
        _ => DEFAULT_REFRESH_MARGIN_S,
    }
}

/// Who asks for a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordLogin {
    /// IAM user name.
    pub user_name: String,
    /// The user's password.
    pub password: Secret,
    /// The account (domain) name; the token is scoped to it.
    pub domain_name: String,
}

impl PasswordLogin {
    /// Checks the fields.
    pub fn validate(&self) -> Result<(), ApiError> {
        for (option, value) in [
            ("user_name", self.user_name.as_str()),
            ("password", self.password.expose()),
            ("domain_name", self.domain_name.as_str()),
        ] {
            if value.is_empty() || value.len() > 256 {
                return Err(ApiError::InvalidOption {
                    option,
                    message: "required, at most 256 characters".into(),
                });
            }
        }
        Ok(())
    }

    /// The request body: password method, domain scope (BSS is global).
    pub fn body(&self) -> String {
        let obj = |pairs: Vec<(&str, Json)>| {
            Json::Object(
                pairs
                    .into_iter()
                    .map(|(k, v)| (k.to_owned().into(), v))
                    .collect(),
            )
        };
        let domain = obj(vec![("name", Json::str(self.domain_name.as_str()))]);
        let user = obj(vec![
            ("name", Json::str(self.user_name.as_str())),
            ("password", Json::str(self.password.expose())),
            ("domain", domain.clone()),
        ]);
        let identity = obj(vec![
            ("methods", Json::Array(vec![Json::str("password")])),
            ("password", obj(vec![("user", user)])),
        ]);
        let scope = obj(vec![("domain", domain)]);
        obj(vec![(
            "auth",
            obj(vec![("identity", identity), ("scope", scope)]),
        )])
        .text()
    }

    /// The token request to IAM at `endpoint`.
    pub fn request(&self, endpoint: &str) -> Outgoing {
        Outgoing {
            method: "POST",
            url: format!("{endpoint}{TOKEN_PATH}"),
            headers: vec![(
                "Content-Type".into(),
                "application/json;charset=utf8".into(),
            )],
            body: Some(self.body()),
        }
    }

    /// The cache key: a hash, so the cache holds no password in clear.
    pub fn cache_key(&self, endpoint: &str) -> String {
        let mut joined = endpoint.to_owned();
        for part in [&self.domain_name, &self.user_name, self.password.expose()] {
            joined.push('\n');
            joined.push_str(part);
        }
        sha256_hex(joined.as_bytes())
    }
}

/// Reads `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`.
pub fn parse_iso_time(text: &str) -> Option<SdkDate> {
    let (main, rest) = text.split_at_checked(19)?;
    let frac_ok = match rest.strip_suffix('Z')? {
        "" => true,
        f => f
            .strip_prefix('.')
            .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())),
    };
    if !frac_ok {
        return None;
    }
    let compact = format!("{main}Z");
    super::schema::is_utc_time(&compact)
        .then(|| {
            compact
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == 'T' || *c == 'Z')
                .collect::<String>()
        })
        .and_then(|c| SdkDate::parse(&c))
}

/// `YYYY-MM-DDTHH:MM:SSZ`.
pub fn iso_time(t: SdkDate) -> String {
    let s = t.to_string();
    let part = |a: usize, b: usize| s.get(a..b).unwrap_or_default();
    format!(
        "{}-{}-{}T{}:{}:{}Z",
        part(0, 4),
        part(4, 6),
        part(6, 8),
        part(9, 11),
        part(11, 13),
        part(13, 15)
    )
}

/// The expiry in a token answer's body.
pub fn token_expiry(body: &str) -> Option<SdkDate> {
    let v: Json = super::response::parse_json(body).ok()?;
    parse_iso_time(v.get("token")?.get("expires_at")?.as_str()?)
}

/// Whether a token expiring at `expires_at` may still be used at `now`.
pub fn is_fresh(expires_at: SdkDate, now: SdkDate, margin_s: i64) -> bool {
    now.unix().saturating_add(margin_s) < expires_at.unix()
}

/// IAM's answer to the token request.
#[derive(Debug, Clone, Copy)]
pub struct TokenAnswer<'a> {
    /// HTTP status.
    pub status: u16,
    /// Body text.
    pub body: &'a str,
    /// `X-Request-Id`.
    pub request_id: Option<&'a str>,
    /// `X-Subject-Token`: the token.
    pub subject_token: Option<&'a str>,
}

/// The token and its expiry, or the error the answer means: a redirect is refused, an error
/// status is the server's error (any of `secrets` it echoes masked), a success without the
/// token header or the expiry is an invalid response.
pub fn read_token(
    answer: TokenAnswer<'_>,
    secrets: &[&str],
) -> Result<(Secret, SdkDate), ApiError> {
    let TokenAnswer {
        status,
        body,
        request_id,
        subject_token,
    } = answer;
    if is_redirect(status) {
        return Err(ApiError::Redirect { status });
    }
    if status >= 300 {
        let e = server_error_redacted(status, body, request_id, secrets);
        return Err(ApiError::Server(Box::new(e)));
    }
    let invalid = |reason: &str| ApiError::InvalidResponse {
        status,
        request_id: request_id.map(str::to_owned),
        reason: reason.into(),
    };
    let token = subject_token
        .filter(|t| !t.is_empty())
        .ok_or_else(|| invalid("no X-Subject-Token header"))?;
    let expires = token_expiry(body).ok_or_else(|| invalid("no token.expires_at in the body"))?;
    Ok((Secret::new(token), expires))
}

/// IAM tokens by [`PasswordLogin::cache_key`], kept until they expire, at most
/// [`CACHE_SIZE`] (the oldest goes first).
#[derive(Debug, Default)]
pub struct TokenCache {
    entries: Vec<(String, Secret, SdkDate)>,
}

impl TokenCache {
    /// An empty cache.
    pub const fn new() -> TokenCache {
        TokenCache {
            entries: Vec::new(),
        }
    }

    /// The token kept for `key` and its expiry, when it has more than `margin_s` seconds left
    /// at `now`.
    pub fn get(&self, key: &str, now: SdkDate, margin_s: i64) -> Option<(Secret, SdkDate)> {
        self.entries
            .iter()
            .find(|(k, _, exp)| k == key && is_fresh(*exp, now, margin_s))
            .map(|(_, t, exp)| (t.clone(), *exp))
    }

    /// Keeps `token` for `key` in place of the key's previous one; expired tokens are dropped,
    /// and the oldest when the cache is full.
    pub fn put(&mut self, key: String, token: Secret, expires_at: SdkDate, now: SdkDate) {
        self.entries
            .retain(|(k, _, exp)| *k != key && is_fresh(*exp, now, 0));
        if self.entries.len() >= CACHE_SIZE {
            self.entries.remove(0);
        }
        self.entries.push((key, token, expires_at));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn login() -> PasswordLogin {
        PasswordLogin {
            user_name: "ops".into(),
            password: Secret::new("P@ss-SECRET"),
            domain_name: "partner".into(),
        }
    }

    #[test]
    fn body_is_domain_scoped_and_debug_hides_the_password() {
        let body: serde_json::Value = serde_json::from_str(&login().body()).unwrap();
        assert_eq!(body["auth"]["scope"]["domain"]["name"], "partner");
        assert_eq!(
            body["auth"]["identity"]["password"]["user"]["password"],
            "P@ss-SECRET"
        );
        assert!(!format!("{:?}", login()).contains("SECRET"));
        assert!(!login().cache_key(IAM_ENDPOINT).contains("SECRET"));
        assert_ne!(login().cache_key("a"), login().cache_key("b"));
        assert!(
            PasswordLogin {
                user_name: String::new(),
                ..login()
            }
            .validate()
            .is_err()
        );
    }

    #[test]
    fn expiry_and_freshness() {
        let exp = token_expiry(
            r#"{"token":{"expires_at":"2025-01-02T08:00:00.123000Z","issued_at":"x"}}"#,
        )
        .unwrap();
        assert_eq!(exp.to_string(), "20250102T080000Z");
        assert_eq!(parse_iso_time("2025-01-02T08:00:00Z"), Some(exp));
        assert_eq!(iso_time(exp), "2025-01-02T08:00:00Z");
        for bad in [
            "2025-01-02T08:00:00",
            "2025-01-02T08:00:00.Z",
            "2025-13-02T08:00:00Z",
            "",
        ] {
            assert_eq!(parse_iso_time(bad), None, "{bad}");
        }
        let now = SdkDate::parse("20250102T070000Z").unwrap();
        assert!(is_fresh(exp, now, 1800));
        assert!(!is_fresh(exp, now, 3600));
    }

    fn at(s: &str) -> SdkDate {
        SdkDate::parse(s).unwrap()
    }

    #[test]
    fn refresh_margin_in_range_else_the_default() {
        assert_eq!(refresh_margin_s(Given::Number(0.0)), 0);
        assert_eq!(refresh_margin_s(Given::Number(86_400.0)), 86_400);
        assert_eq!(refresh_margin_s(Given::Number(90.9)), 90);
        for other in [
            Given::Absent,
            Given::Other,
            Given::Number(-1.0),
            Given::Number(86_401.0),
            Given::Number(f64::NAN),
        ] {
            assert_eq!(
                refresh_margin_s(other),
                DEFAULT_REFRESH_MARGIN_S,
                "{other:?}"
            );
        }
    }

    #[test]
    fn cache_serves_fresh_tokens_replaces_per_key_and_keeps_at_most_its_size() {
        let now = at("20250102T000000Z");
        let exp = at("20250103T000000Z");
        let mut cache = TokenCache::new();
        assert!(cache.get("k", now, 0).is_none());
        cache.put("k".into(), Secret::new("t1"), exp, now);
        assert_eq!(
            cache
                .get("k", now, 3600)
                .map(|(t, e)| (t.expose().to_owned(), e)),
            Some(("t1".into(), exp))
        );
        // Within the margin of its expiry: renewed, not served.
        assert!(cache.get("k", at("20250102T233000Z"), 3600).is_none());
        assert!(cache.get("other", now, 0).is_none());
        cache.put("k".into(), Secret::new("t2"), exp, now);
        assert_eq!(cache.get("k", now, 0).unwrap().0.expose(), "t2");
        for i in 0..CACHE_SIZE {
            cache.put(format!("n{i}"), Secret::new("x"), exp, now);
        }
        assert_eq!(cache.entries.len(), CACHE_SIZE);
        assert!(cache.get("k", now, 0).is_none(), "the oldest went first");
        assert!(cache.get(&format!("n{}", CACHE_SIZE - 1), now, 0).is_some());
        // Expired tokens are dropped when a new one is kept.
        cache.put(
            "late".into(),
            Secret::new("y"),
            at("20250105T000000Z"),
            at("20250104T000000Z"),
        );
        assert_eq!(cache.entries.len(), 1);
    }

    #[test]
    fn token_answers() {
        let body = r#"{"token":{"expires_at":"2025-01-02T08:00:00.000000Z"}}"#;
        let ok = |t: Option<&'static str>, body: &'static str| TokenAnswer {
            status: 201,
            body,
            request_id: Some("r1"),
            subject_token: t,
        };
        let (token, exp) = read_token(ok(Some("MIIT"), body), &[]).unwrap();
        assert_eq!((token.expose(), exp), ("MIIT", at("20250102T080000Z")));
        for (answer, code) in [
            (ok(None, body), "invalid_response"),
            (ok(Some(""), body), "invalid_response"),
            (ok(Some("MIIT"), "{}"), "invalid_response"),
            (
                TokenAnswer {
                    status: 302,
                    ..ok(None, "")
                },
                "redirect_refused",
            ),
            (
                TokenAnswer {
                    status: 0,
                    ..ok(None, "")
                },
                "redirect_refused",
            ),
        ] {
            assert_eq!(read_token(answer, &[]).unwrap_err().code(), code);
        }
        let denied = TokenAnswer {
            status: 401,
            body: r#"{"error":{"code":401,"message":"bad password P@ss-SECRET"}}"#,
            request_id: Some("r2"),
            subject_token: None,
        };
        let e = read_token(denied, &["P@ss-SECRET"]).unwrap_err();
        assert_eq!(
            (e.code(), e.status(), e.request_id()),
            ("401", Some(401), Some("r2"))
        );
        assert!(!e.to_string().contains("SECRET"));
        let req = login().request(IAM_ENDPOINT);
        assert_eq!(
            (req.method, req.url.as_str()),
            (
                "POST",
                "https://iam.myhuaweicloud.com/v3/auth/tokens?nocatalog=true"
            )
        );
        assert_eq!(req.body, Some(login().body()));
    }
}
