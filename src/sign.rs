//! The SDK-HMAC-SHA256 signer, exactly as Huawei's official SDK (`huaweicloudsdkcore`
//! `Signer`) computes it.
//!
//! The steps (spec: registration-auth §5.3):
//!
//! 1. add `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` when the `Content-Type` header is present and
//!    is neither JSON nor BSON; add `X-Sdk-Date` and `Host` when absent;
//! 2. sign every header whose name has no `_`, lower-cased and sorted;
//! 3. canonical headers `name:trimmed value\n`;
//! 4. canonical URI: the path percent-decoded once, each segment re-encoded with the unreserved
//!    set, always ending in `/`;
//! 5. canonical query: pairs sorted on the raw strings, encoded, `k=v` joined with `&`;
//! 6. hashed payload: the empty-body constant, the `X-Sdk-Content-Sha256` value, or the body's
//!    SHA-256;
//! 7. canonical request, string to sign, HMAC-SHA256 with the SK (no key derivation), and the
//!    `Authorization` header.
//!
//! The core is pure: the date is an input ([`SdkDate`]); the JS binding defaults it to now.
//! The SK is held in a [`Secret`], which never prints.

mod canonical;
mod date;
mod url;

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use crate::error::{ErrorCode, quote_input};
use crate::text::ByteSearch as _;

pub use canonical::{
    EMPTY_BODY_SHA256, canonical_query, canonical_uri, percent_decode_lossy, percent_encode,
    trim_python,
};
pub use date::SdkDate;
pub use url::{MAX_URL_LEN, SplitUrl, split_url};

/// The signing algorithm name, first word of the `Authorization` header.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
/// The date header (name as the SDK adds it).
pub const HEADER_DATE: &str = "X-Sdk-Date";
/// The payload-hash override header (name as the SDK adds it).
pub const HEADER_CONTENT_SHA256: &str = "X-Sdk-Content-Sha256";
/// The value of [`HEADER_CONTENT_SHA256`] for payloads that are not hashed.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
/// The most headers one request may carry.
pub const MAX_HEADERS: usize = 100;
/// The most query parameters one request may carry.
pub const MAX_QUERY_PAIRS: usize = 1000;

/// A secret string (an SK, a token, a password). It never appears in `Debug` or `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for the one place that must use it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the secret is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// An access key pair. `Debug` shows the AK (an identifier, sent in every `Authorization`
/// header) and never the SK.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessKey {
    /// The access key ID.
    pub ak: String,
    /// The secret access key.
    pub sk: Secret,
}

impl AccessKey {
    /// A key pair.
    pub fn new(ak: impl Into<String>, sk: impl Into<String>) -> Self {
        AccessKey {
            ak: ak.into(),
            sk: Secret::new(sk),
        }
    }
}

/// A request as the SDK's `SdkRequest` sees it, before signing.
#[derive(Clone, Debug, Default)]
pub struct SignRequest<'a> {
    /// HTTP method (any case; signed upper-cased).
    pub method: &'a str,
    /// The URL authority as sent (`bss.myhuaweicloud.com`, `127.0.0.1:8080`); signed as the
    /// `Host` header unless `headers` has one.
    pub host: &'a str,
    /// The resource path, raw or percent-encoded (`/v2/partners/sub-customers`).
    pub path: &'a str,
    /// Query pairs, raw (unencoded) strings, in any order.
    pub query: &'a [(String, String)],
    /// Headers in the order given; names are matched case-insensitively.
    pub headers: &'a [(String, String)],
    /// The exact body bytes that will be sent.
    pub body: &'a [u8],
}

/// The outcome of signing: what to send, and the intermediate strings for debugging (they
/// hold no secret).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signed {
    /// Every header to send, in the SDK's order: the caller's (values trimmed), then the
    /// added `X-Sdk-Content-Sha256`, `X-Sdk-Date`, `Host`, and `Authorization` last.
    pub headers: Vec<(String, String)>,
    /// The canonical query string, which is also the query to send (`path?query`).
    pub query: String,
    /// The canonical request.
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// `h1;h2;…`
    pub signed_headers: String,
    /// The `Authorization` header value.
    pub authorization: String,
}

impl Signed {
    /// A header of the signed request, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why a request cannot be signed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    /// The AK or the SK is empty.
    #[error("the {0} is empty")]
    MissingCredentials(&'static str),
    /// The method is not an HTTP token.
    #[error("invalid HTTP method \"{0}\"")]
    InvalidMethod(String),
    /// A header name is not an HTTP token, or appears twice (in any case).
    #[error("invalid header \"{name}\": {reason}")]
    InvalidHeader {
        /// The header name, cut to 64 characters.
        name: String,
        /// Why.
        reason: &'static str,
    },
    /// More than [`MAX_HEADERS`] headers.
    #[error("more than {MAX_HEADERS} headers")]
    TooManyHeaders,
    /// More than [`MAX_QUERY_PAIRS`] query parameters.
    #[error("more than {MAX_QUERY_PAIRS} query parameters")]
    TooManyQueryPairs,
    /// The `X-Sdk-Date` header or the given date is not `YYYYMMDDTHHMMSSZ`.
    #[error("invalid X-Sdk-Date \"{0}\": expected YYYYMMDDTHHMMSSZ (UTC), e.g. 20250101T080000Z")]
    InvalidDate(String),
    /// The URL cannot be signed (see [`split_url`]).
    #[error("invalid URL: {0}")]
    InvalidUrl(String),
}

impl ErrorCode for SignError {
    fn code(&self) -> &'static str {
        match self {
            SignError::MissingCredentials(_) => crate::codes::error::MISSING_CREDENTIALS,
            SignError::InvalidMethod(_) => crate::codes::error::INVALID_METHOD,
            SignError::InvalidHeader { .. } | SignError::TooManyHeaders => {
                crate::codes::error::INVALID_HEADER
            }
            SignError::InvalidDate(_) => crate::codes::error::INVALID_DATE,
            SignError::InvalidUrl(_) | SignError::TooManyQueryPairs => {
                crate::codes::error::INVALID_URL
            }
        }
    }

    fn field(&self) -> Option<&str> {
        match self {
            SignError::MissingCredentials(what) => Some(what),
            SignError::InvalidMethod(_) => Some("method"),
            SignError::InvalidHeader { .. } | SignError::TooManyHeaders => Some("headers"),
            SignError::InvalidDate(_) => Some("date"),
            SignError::InvalidUrl(_) | SignError::TooManyQueryPairs => Some("url"),
        }
    }
}

/// HTTP `token` characters (RFC 9110), for methods and header names.
#[allow(clippy::manual_contains)] // `contains` links memchr (with fetch's `lines`: 274 B gz)
pub fn is_http_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".iter().any(|&t| t == b))
}

/// `SHA-256(data)` (the RustCrypto `sha2` crate).
pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// `HMAC-SHA256(key, data)` (the RustCrypto `hmac` crate).
pub fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    // RFC 2104 §2: a key longer than the block is hashed first, then zero-padded to the
    // block. Handing HMAC that block through its fixed-size `new` keeps this infallible
    // (`new_from_slice` returns a `Result` that HMAC never fails but the type still carries).
    let mut block = hmac::digest::Key::<Hmac<Sha256>>::default();
    if key.len() > block.len() {
        block[..32].copy_from_slice(&sha256(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut mac = <Hmac<Sha256> as KeyInit>::new(&block);
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// Lowercase hex of `SHA-256(data)`.
pub fn sha256_hex(data: &[u8]) -> String {
    hex(&sha256(data))
}

/// Lowercase hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0x0f)] as char);
    }
    out
}

/// Lowercase hex of `HMAC-SHA256(key, data)`.
pub fn hmac_sha256_hex(key: &[u8], data: &[u8]) -> String {
    hex(&hmac_sha256(key, data))
}

/// Sorts a short slice in place (insertion sort, stable). The slices sorted here are
/// bounded (headers, query pairs) and std's sort costs ~10 KB of wasm per element type.
pub(crate) fn sort_small<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && less(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// Signs a request. `date` is used when the request has no `X-Sdk-Date` header (the SDK
/// uses the current time there).
pub fn sign(req: &SignRequest<'_>, key: &AccessKey, date: SdkDate) -> Result<Signed, SignError> {
    if key.ak.is_empty() {
        return Err(SignError::MissingCredentials("ak"));
    }
    if key.sk.is_empty() {
        return Err(SignError::MissingCredentials("sk"));
    }
    if !is_http_token(req.method) {
        return Err(SignError::InvalidMethod(quote_input(req.method, 64)));
    }
    if req.headers.len() > MAX_HEADERS {
        return Err(SignError::TooManyHeaders);
    }
    if req.query.len() > MAX_QUERY_PAIRS {
        return Err(SignError::TooManyQueryPairs);
    }
    for (i, (name, _)) in req.headers.iter().enumerate() {
        let bad = |reason| SignError::InvalidHeader {
            name: quote_input(name, 64),
            reason,
        };
        if !is_http_token(name) {
            return Err(bad("not an HTTP header name"));
        }
        if req.headers[..i]
            .iter()
            .any(|(other, _)| other.eq_ignore_ascii_case(name))
        {
            return Err(bad("given twice"));
        }
    }

    // Step 1: the headers the SDK adds. The lookups mirror the SDK's: `Content-Type` by
    // exact name, `X-Sdk-Date` and `Host` in any case.
    let mut headers: Vec<(String, String)> = req.headers.to_vec();
    let content_type = headers
        .iter()
        .find(|(k, _)| k == "Content-Type")
        .map(|(_, v)| v.as_str());
    if let Some(ct) = content_type
        && !ct.is_empty()
        && !ct.starts_with("application/json")
        && !ct.starts_with("application/bson")
    {
        match headers.iter_mut().find(|(k, _)| k == HEADER_CONTENT_SHA256) {
            Some((_, v)) => *v = UNSIGNED_PAYLOAD.to_owned(),
            None => {
                if headers
                    .iter()
                    .any(|(k, _)| k.eq_ignore_ascii_case(HEADER_CONTENT_SHA256))
                {
                    return Err(SignError::InvalidHeader {
                        name: HEADER_CONTENT_SHA256.to_owned(),
                        reason: "must be spelt X-Sdk-Content-Sha256 when Content-Type is not JSON",
                    });
                }
                headers.push((
                    HEADER_CONTENT_SHA256.to_owned(),
                    UNSIGNED_PAYLOAD.to_owned(),
                ));
            }
        }
    }
    let date = match headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(HEADER_DATE))
    {
        // The SDK parses the raw (untrimmed) value, and signs its re-formatted form.
        Some((_, v)) => {
            SdkDate::parse(v).ok_or_else(|| SignError::InvalidDate(quote_input(v, 64)))?
        }
        None => {
            headers.push((HEADER_DATE.to_owned(), date.to_string()));
            date
        }
    };
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        headers.push(("Host".to_owned(), req.host.to_owned()));
    }

    // Steps 2–3: every header is trimmed (and sent trimmed); those without `_` are signed.
    for (_, v) in headers.iter_mut() {
        let trimmed = trim_python(v);
        if trimmed.len() != v.len() {
            *v = trimmed.to_owned();
        }
    }
    let mut signed: Vec<(String, &str)> = headers
        .iter()
        .filter(|(k, _)| !k.has(b'_'))
        .map(|(k, v)| (k.to_ascii_lowercase(), v.as_str()))
        .collect();
    sort_small(&mut signed, |a, b| a.0 < b.0);
    let mut canonical_headers = String::new();
    for (k, v) in &signed {
        canonical_headers.push_str(k);
        canonical_headers.push(':');
        canonical_headers.push_str(v);
        canonical_headers.push('\n');
    }
    // Pushed, not collected and joined (with the token cache key and the path template: 232 B
    // gzipped of the client module).
    let mut signed_headers = String::new();
    for (i, (k, _)) in signed.iter().enumerate() {
        if i > 0 {
            signed_headers.push(';');
        }
        signed_headers.push_str(k);
    }

    // Step 6. The SDK reads the override after rewriting header values as latin-1 decodings
    // of their UTF-8 bytes, so a non-ASCII override is hashed in that form.
    let hashed_payload = if req.body.is_empty() {
        EMPTY_BODY_SHA256.to_owned()
    } else {
        match headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(HEADER_CONTENT_SHA256))
            .filter(|(_, v)| !v.is_empty())
        {
            Some((_, v)) => v.bytes().map(char::from).collect(),
            None => sha256_hex(req.body),
        }
    };

    // Steps 4, 5, 7–10.
    let query = canonical_query(req.query);
    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        req.method.to_ascii_uppercase(),
        canonical_uri(req.path),
        query,
        canonical_headers,
        signed_headers,
        hashed_payload
    );
    let string_to_sign = format!(
        "{ALGORITHM}\n{date}\n{}",
        sha256_hex(canonical_request.as_bytes())
    );
    let signature = hmac_sha256_hex(key.sk.expose().as_bytes(), string_to_sign.as_bytes());
    let authorization = format!(
        "{ALGORITHM} Access={}, SignedHeaders={signed_headers}, Signature={signature}",
        key.ak
    );
    headers.push(("Authorization".to_owned(), authorization.clone()));
    Ok(Signed {
        headers,
        query,
        canonical_request,
        string_to_sign,
        signed_headers,
        authorization,
    })
}

/// A signed request ready for `fetch`: the URL to call and the headers to set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedUrl {
    /// `scheme://host/path?canonical-query`: exactly the signed path and query.
    pub url: String,
    /// The headers to send. A `Host` header the signer added is left out: `fetch` sends the
    /// same value itself and refuses to set it.
    pub headers: Vec<(String, String)>,
    /// The full signing result.
    pub signed: Signed,
}

/// Signs a request given as an absolute URL (see [`split_url`] for what is accepted) and
/// returns the URL and headers to send.
pub fn sign_url(
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: &[u8],
    key: &AccessKey,
    date: SdkDate,
) -> Result<SignedUrl, SignError> {
    let split = split_url(url)?;
    let had_host = headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host"));
    let req = SignRequest {
        method,
        host: &split.host,
        path: &split.path,
        query: &split.query,
        headers,
        body,
    };
    let signed = sign(&req, key, date)?;
    let headers = signed
        .headers
        .iter()
        .filter(|(k, _)| had_host || !k.eq_ignore_ascii_case("host"))
        .cloned()
        .collect();
    Ok(SignedUrl {
        url: split.wire_url(),
        headers,
        signed,
    })
}

/// The parts of an `Authorization: SDK-HMAC-SHA256 …` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authorization<'a> {
    /// `Access=`
    pub access: &'a str,
    /// `SignedHeaders=`, split on `;`.
    pub signed_headers: Vec<&'a str>,
    /// `Signature=`
    pub signature: &'a str,
}

/// Reads an `Authorization` header in the exact form [`sign`] writes; `None` otherwise.
pub fn parse_authorization(value: &str) -> Option<Authorization<'_>> {
    let rest = value.strip_prefix(ALGORITHM)?.strip_prefix(' ')?;
    let (access, rest) =
        crate::text::split_once(rest.strip_prefix("Access=")?, ", SignedHeaders=")?;
    let (signed, signature) = crate::text::split_once(rest, ", Signature=")?;
    if access.is_empty() || signed.is_empty() || signature.len() != 64 {
        return None;
    }
    Some(Authorization {
        access,
        signed_headers: signed.pieces(b';').collect(),
        signature,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// V0: the official SDK's own unit-test vector (spec §5.3).
    #[test]
    fn public_vector_v0() {
        let query = pairs(&[("size", "1")]);
        let headers = pairs(&[("X-Sdk-Date", "20200608T023900Z")]);
        let req = SignRequest {
            method: "GET",
            host: "service.endpoint.myhuaweicloud.com",
            path: "/resources",
            query: &query,
            headers: &headers,
            body: b"",
        };
        let unused = SdkDate::parse("20000101T000000Z").unwrap();
        let signed = sign(&req, &AccessKey::new("my ak", "my sk"), unused).unwrap();
        assert_eq!(
            signed.authorization,
            "SDK-HMAC-SHA256 Access=my ak, SignedHeaders=host;x-sdk-date, \
             Signature=6d5bc610d3d4475346aae5cd7ed8d99585e60c0430a1d3d6e2f54e2bdd633701"
        );
        assert_eq!(
            signed.canonical_request,
            "GET\n/resources/\nsize=1\nhost:service.endpoint.myhuaweicloud.com\n\
             x-sdk-date:20200608T023900Z\n\nhost;x-sdk-date\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(signed.query, "size=1");
        assert_eq!(
            signed.header("host"),
            Some("service.endpoint.myhuaweicloud.com")
        );
        let auth = parse_authorization(&signed.authorization).unwrap();
        assert_eq!(auth.access, "my ak");
        assert_eq!(auth.signed_headers, ["host", "x-sdk-date"]);
    }

    #[test]
    fn the_given_date_is_used_without_a_date_header() {
        let req = SignRequest {
            method: "post",
            host: "h",
            path: "/p",
            body: b"{}",
            ..Default::default()
        };
        let date = SdkDate::parse("20250101T080000Z").unwrap();
        let signed = sign(&req, &AccessKey::new("a", "s"), date).unwrap();
        assert_eq!(signed.header("X-Sdk-Date"), Some("20250101T080000Z"));
        assert!(signed.canonical_request.starts_with("POST\n/p/\n\n"));
        assert!(signed.canonical_request.ends_with(&sha256_hex(b"{}")));
    }

    #[test]
    fn unsigned_payload_for_non_json_content_types() {
        let headers = pairs(&[("Content-Type", "application/octet-stream")]);
        let req = SignRequest {
            method: "PUT",
            host: "h",
            path: "/",
            headers: &headers,
            body: &[0, 1, 2],
            ..Default::default()
        };
        let date = SdkDate::parse("20250101T080000Z").unwrap();
        let signed = sign(&req, &AccessKey::new("a", "s"), date).unwrap();
        assert_eq!(
            signed.header("x-sdk-content-sha256"),
            Some("UNSIGNED-PAYLOAD")
        );
        assert!(signed.canonical_request.ends_with("\nUNSIGNED-PAYLOAD"));
        assert_eq!(
            signed.signed_headers,
            "content-type;host;x-sdk-content-sha256;x-sdk-date"
        );
    }

    #[test]
    fn bad_inputs_are_errors_not_panics() {
        let date = SdkDate::parse("20250101T080000Z").unwrap();
        let key = AccessKey::new("a", "s");
        let base = SignRequest {
            method: "GET",
            host: "h",
            path: "",
            ..Default::default()
        };
        assert!(sign(&base, &key, date).is_ok(), "an empty path signs as /");
        let bad_method = SignRequest {
            method: "G T",
            ..base.clone()
        };
        assert_eq!(
            sign(&bad_method, &key, date).unwrap_err().code(),
            "invalid_method"
        );
        let dup = pairs(&[("A", "1"), ("a", "2")]);
        let req = SignRequest {
            headers: &dup,
            ..base.clone()
        };
        assert_eq!(sign(&req, &key, date).unwrap_err().code(), "invalid_header");
        let bad_date = pairs(&[("x-sdk-date", " 20250101T080000Z")]);
        let req = SignRequest {
            headers: &bad_date,
            ..base.clone()
        };
        assert_eq!(sign(&req, &key, date).unwrap_err().code(), "invalid_date");
        assert_eq!(
            sign(&base, &AccessKey::new("a", ""), date).unwrap_err(),
            SignError::MissingCredentials("sk")
        );
    }

    #[test]
    fn urls_are_signed_as_sent() {
        let date = SdkDate::parse("20200608T023900Z").unwrap();
        let key = AccessKey::new("my ak", "my sk");
        let signed = sign_url(
            "GET",
            "https://service.endpoint.myhuaweicloud.com/resources?size=1",
            &[],
            b"",
            &key,
            date,
        )
        .unwrap();
        assert_eq!(
            signed.url,
            "https://service.endpoint.myhuaweicloud.com/resources?size=1"
        );
        assert!(signed.signed.authorization.ends_with(
            "Signature=6d5bc610d3d4475346aae5cd7ed8d99585e60c0430a1d3d6e2f54e2bdd633701"
        ));
        let names: Vec<&str> = signed.headers.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["X-Sdk-Date", "Authorization"]);
        let err = sign_url("GET", "https://h/a/../b", &[], b"", &key, date).unwrap_err();
        assert_eq!(err.code(), "invalid_url");
    }

    #[test]
    fn secrets_never_print() {
        let key = AccessKey::new("AK-PUBLIC", "SK-VERY-SECRET");
        let shown = format!("{key:?} {:?}", Secret::new("TOKEN-SECRET"));
        assert!(shown.contains("AK-PUBLIC"));
        assert!(!shown.contains("SK-VERY-SECRET") && !shown.contains("TOKEN-SECRET"));
    }

    #[test]
    fn authorization_parsing_rejects_other_forms() {
        assert!(
            parse_authorization("SDK-HMAC-SHA256 Access=a,SignedHeaders=h,Signature=x").is_none()
        );
        assert!(parse_authorization("Bearer x").is_none());
        assert!(parse_authorization("").is_none());
    }

    // The digests are the `sha2`/`hmac` crates'; these vectors check the wiring (output
    // conversion, the long-key branch), the signer's end-to-end check is the differential test.
    #[test]
    fn fips_180_vectors() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            sha256_hex(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
    }

    #[test]
    fn rfc_4231_vectors() {
        assert_eq!(
            hmac_sha256_hex(&[0x0b; 20], b"Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
        assert_eq!(
            hmac_sha256_hex(b"Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // A key longer than the block is hashed first; one of exactly a block is not.
        assert_eq!(
            hmac_sha256_hex(
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            ),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
        assert_ne!(
            hmac_sha256_hex(&[0xaa; 64], b"x"),
            hmac_sha256_hex(&sha256(&[0xaa; 64]), b"x")
        );
    }
}
