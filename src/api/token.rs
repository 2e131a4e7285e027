//! IAM password tokens for BSS (spec registration-auth §5.2): the domain-scoped request, the
//! expiry read from the answer, and when a cached token must be renewed.
//!
//! The token itself comes back in the `X-Subject-Token` header; the body says when it
//! expires (`token.expires_at`, 24 hours after issue).

use super::value::Json;

use super::error::ApiError;
use crate::sign::{SdkDate, Secret, sha256_hex};

/// IAM's global endpoint (China site).
pub const IAM_ENDPOINT: &str = "https://iam.myhuaweicloud.com";
/// The token path (`nocatalog` keeps the answer small).
pub const TOKEN_PATH: &str = "/v3/auth/tokens?nocatalog=true";
/// A cached token is renewed this long before it expires, by default.
pub const DEFAULT_REFRESH_MARGIN_S: i64 = 3600;

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
            Json::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
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
        .to_string()
    }

    /// The cache key: a hash, so the cache holds no password in clear.
    pub fn cache_key(&self, endpoint: &str) -> String {
        let joined = [
            endpoint,
            &self.domain_name,
            &self.user_name,
            self.password.expose(),
        ]
        .join("\n");
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
}
