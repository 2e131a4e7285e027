//! How a client or proxy authenticates: the partner's (or customer's) AK/SK with the account
//! ID BSS expects as `X-Domain-Id`, or an IAM token; which values must be there, and which are
//! secrets that no error may show.

use super::Auth;
use crate::sign::{AccessKey, Secret};

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
    /// `domain_id`. The error is the message for the `credentials` option.
    pub fn new(input: CredentialsInput) -> Result<Credentials, &'static str> {
        if let Some(token) = input.token {
            if token.is_empty() {
                return Err("credentials.token is empty");
            }
            return Ok(Credentials::Token(Secret::new(token)));
        }
        let (ak, sk) = (input.ak.unwrap_or_default(), input.sk.unwrap_or_default());
        if ak.is_empty() || sk.is_empty() {
            return Err("credentials: ak and sk are required (or give a token)");
        }
        let domain_id = input.domain_id.unwrap_or_default();
        if domain_id.is_empty() {
            return Err(
                "credentials.domain_id (the partner's account ID, sent as X-Domain-Id) is required",
            );
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
        assert_eq!(
            Credentials::new(input(&[("token", "")])).unwrap_err(),
            "credentials.token is empty"
        );
        assert!(
            Credentials::new(input(&[("ak", "a"), ("sk", "")]))
                .unwrap_err()
                .contains("ak and sk")
        );
        assert!(
            Credentials::new(input(&[("ak", "a"), ("sk", "s")]))
                .unwrap_err()
                .contains("domain_id")
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
