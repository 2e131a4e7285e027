//! How a client or proxy authenticates: the partner's (or customer's) AK/SK with the account
//! ID BSS expects as `X-Domain-Id`, or an IAM token; which values must be there, and which are
//! secrets that no error may show.

use super::Auth;
use super::error::ApiError;
use crate::sign::{AccessKey, Secret};

/// `invalid_option` for the `credentials` option.
fn invalid(message: &str) -> ApiError {
    ApiError::InvalidOption {
        option: "credentials",
        message: message.into(),
    }
}

/// Credentials of a `BssClient` or signing proxy.
#[derive(Debug)]
pub enum Credentials {
    /// AK/SK signing (SDK-HMAC-SHA256), with the account ID and an optional security token.
    AkSk {
        /// The access key pair.
        key: AccessKey,
        /// The account ID, sent as `X-Domain-Id`.
        domain_id: String,
        /// A temporary credential's security token (`X-Security-Token`).
        security_token: Option<Secret>,
    },
    /// A domain-scoped IAM token (`X-Auth-Token`).
    Token(Secret),
}

/// The values given for [`Credentials`], as read from the caller (absent: `None`).
#[derive(Debug, Default)]
pub struct CredentialsInput {
    /// `token`.
    pub token: Option<String>,
    /// `ak`.
    pub ak: Option<String>,
    /// `sk`.
    pub sk: Option<String>,
    /// `domain_id`.
    pub domain_id: Option<String>,
    /// `security_token`.
    pub security_token: Option<String>,
}

impl Credentials {
    /// A token when one is given (it must not be empty), else AK/SK, which need `ak`, `sk` and
    /// `domain_id`; `invalid_option` (`credentials`) otherwise.
    pub fn new(input: CredentialsInput) -> Result<Credentials, ApiError> {
        if let Some(token) = input.token {
            if token.is_empty() {
                return Err(invalid("token is empty"));
            }
            return Ok(Credentials::Token(Secret::new(token)));
        }
        let (ak, sk) = (input.ak.unwrap_or_default(), input.sk.unwrap_or_default());
        if ak.is_empty() || sk.is_empty() {
            return Err(invalid("ak and sk are required (or give a token)"));
        }
        let domain_id = input.domain_id.unwrap_or_default();
        if domain_id.is_empty() {
            return Err(invalid(
                "domain_id (the partner's account ID, sent as X-Domain-Id) is required",
            ));
        }
        Ok(Credentials::AkSk {
            key: AccessKey::new(ak, sk),
            domain_id,
            security_token: input.security_token.map(Secret::new),
        })
    }

    /// How a request is authenticated with these credentials.
    pub fn auth(&self) -> Auth<'_> {
        match self {
            Credentials::AkSk {
                key,
                domain_id,
                security_token,
            } => Auth::AkSk {
                key,
                domain_id,
                security_token: security_token.as_ref(),
            },
            Credentials::Token(t) => Auth::Token(t),
        }
    }

    /// `invalid_option` (`credentials`) for a value that is not an object.
    pub fn not_an_object() -> ApiError {
        invalid("expected {ak, sk, domain_id} or {token}")
    }

    /// The secrets that must never appear in an error (masked by [`super::redact`]).
    pub fn secrets(&self) -> Vec<&str> {
        match self {
            Credentials::AkSk {
                key,
                security_token,
                ..
            } => {
                let mut s = vec![key.sk.expose()];
                s.extend(security_token.as_ref().map(Secret::expose));
                s
            }
            Credentials::Token(t) => vec![t.expose()],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(pairs: &[(&str, &str)]) -> CredentialsInput {
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        };
        CredentialsInput {
            token: get("token"),
            ak: get("ak"),
            sk: get("sk"),
            domain_id: get("domain_id"),
            security_token: get("security_token"),
        }
    }

    #[test]
    fn token_or_complete_aksk() {
        assert!(matches!(
            Credentials::new(input(&[("token", "t")])),
            Ok(Credentials::Token(_))
        ));
        let message = |pairs: &[(&str, &str)]| {
            let e = Credentials::new(input(pairs)).unwrap_err();
            assert_eq!(e.code(), "invalid_option");
            e.to_string()
        };
        assert_eq!(message(&[("token", "")]), "credentials: token is empty");
        assert_eq!(
            message(&[("ak", "a"), ("sk", "")]),
            "credentials: ak and sk are required (or give a token)"
        );
        assert!(message(&[("ak", "a"), ("sk", "s")]).starts_with("credentials: domain_id "));
        assert_eq!(
            Credentials::not_an_object().to_string(),
            "credentials: expected {ak, sk, domain_id} or {token}"
        );
        let c = Credentials::new(input(&[
            ("ak", "a"),
            ("sk", "s"),
            ("domain_id", "d"),
            ("security_token", "st"),
        ]))
        .unwrap();
        assert_eq!(c.secrets(), vec!["s", "st"]);
    }
}
