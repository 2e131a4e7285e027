//! Splitting an absolute URL into what the signer needs, in the form `fetch` will send it.
//!
//! The signed request must be the sent request, so the URL is rebuilt from its signed parts:
//! the host as the URL standard serialises it (lower-case, default port dropped — `fetch`
//! sends exactly that `Host`), the path re-encoded segment by segment (nothing left for the
//! URL parser to change), and the canonical query. Paths with `.`/`..` segments are refused:
//! `fetch` would resolve them and send another path than the one signed.

use super::SignError;
use super::canonical::{
    canonical_query, encode_segments, percent_decode_bytes, percent_decode_lossy,
};
use crate::text::ByteSearch as _;

/// The longest URL accepted.
pub const MAX_URL_LEN: usize = 16 * 1024;

/// An absolute `http(s)` URL split for signing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitUrl {
    /// `https` or `http`.
    pub scheme: String,
    /// The host (and a non-default port), lower-case: the `Host` header `fetch` sends.
    pub host: String,
    /// The path as given (raw or encoded); the signer canonicalises it.
    pub path: String,
    /// The path to send: each decoded segment re-encoded.
    pub wire_path: String,
    /// The query pairs, decoded.
    pub query: Vec<(String, String)>,
}

impl SplitUrl {
    /// The URL to send: `scheme://host/wire_path?canonical_query`.
    pub fn wire_url(&self) -> String {
        let query = canonical_query(&self.query);
        let sep = if query.is_empty() { "" } else { "?" };
        format!(
            "{}://{}{}{sep}{query}",
            self.scheme, self.host, self.wire_path
        )
    }
}

fn invalid(reason: &str) -> SignError {
    SignError::InvalidUrl(reason.to_owned())
}

fn valid_host(host: &str) -> bool {
    let (name_ok, port) = match host.strip_prefix('[') {
        // An IPv6 literal.
        Some(rest) => match rest.cut(b']') {
            Some((addr, tail)) => (
                !addr.is_empty()
                    && addr
                        .bytes()
                        .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.'),
                if tail.is_empty() {
                    None
                } else {
                    Some(tail.strip_prefix(':').unwrap_or("x"))
                },
            ),
            None => return false,
        },
        None => {
            let (name, port) = match host.cut(b':') {
                Some((name, port)) => (name, Some(port)),
                None => (host, None),
            };
            (
                !name.is_empty()
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.'),
                port,
            )
        }
    };
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    name_ok && port_ok
}

/// Splits an absolute `http`/`https` URL. Refuses user info, non-ASCII hosts, `.`/`..`
/// segments and query parts that are not UTF-8 once decoded. A `+` in the query is a plus
/// sign (not a space), and the fragment is dropped.
pub fn split_url(url: &str) -> Result<SplitUrl, SignError> {
    if url.len() > MAX_URL_LEN {
        return Err(invalid("longer than 16384 bytes"));
    }
    // `find(':')` rather than a `"://"` search: str patterns cost wasm size.
    let (scheme, rest) = url
        .cut(b':')
        .and_then(|(scheme, rest)| Some((scheme, rest.strip_prefix("//")?)))
        .ok_or_else(|| invalid("not an absolute URL (expected https://host/path)"))?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => ":443",
        "http" => ":80",
        _ => return Err(invalid("the scheme must be http or https")),
    };
    let rest = rest.cut(b'#').map_or(rest, |(before, _)| before);
    let authority_end = rest
        .bytes()
        .position(|b| b == b'/' || b == b'?')
        .unwrap_or(rest.len());
    let (authority, rest) = (
        rest.get(..authority_end).unwrap_or_default(),
        rest.get(authority_end..).unwrap_or_default(),
    );
    if authority.has(b'@') {
        return Err(invalid("user info in the URL is not supported"));
    }
    let mut host = authority.to_ascii_lowercase();
    if !valid_host(&host) {
        return Err(invalid("the host must be an ASCII host name or IP address"));
    }
    if let Some(stripped) = host.strip_suffix(default_port) {
        host = stripped.to_owned();
    }
    let (path, query_text) = match rest.cut(b'?') {
        Some((p, q)) => (p, q),
        None => (rest, ""),
    };
    let path = if path.is_empty() { "/" } else { path };
    let decoded = percent_decode_lossy(path);
    let segments: Vec<&str> = decoded.pieces(b'/').collect();
    if segments.iter().any(|s| *s == "." || *s == "..") {
        return Err(invalid("the path has a . or .. segment"));
    }
    let wire_path = encode_segments(segments.iter().copied());
    let mut query = Vec::new();
    for piece in query_text.pieces(b'&').filter(|p| !p.is_empty()) {
        let (k, v) = piece.cut(b'=').unwrap_or((piece, ""));
        let decode = |s: &str| {
            String::from_utf8(percent_decode_bytes(s))
                .map_err(|_| invalid("a query part is not UTF-8 once decoded"))
        };
        query.push((decode(k)?, decode(v)?));
    }
    Ok(SplitUrl {
        scheme,
        host,
        path: path.to_owned(),
        wire_path,
        query,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_normalises() {
        let u = split_url("HTTPS://BSS.Example.com:443/v2/a%20b/中?b=2&a=%E4%B8%AD&a=+&flag#frag")
            .unwrap();
        assert_eq!(u.scheme, "https");
        assert_eq!(u.host, "bss.example.com");
        assert_eq!(u.path, "/v2/a%20b/中");
        assert_eq!(u.wire_path, "/v2/a%20b/%E4%B8%AD");
        assert_eq!(
            u.query,
            [("b", "2"), ("a", "中"), ("a", "+"), ("flag", "")]
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
        );
        assert_eq!(
            u.wire_url(),
            "https://bss.example.com/v2/a%20b/%E4%B8%AD?a=%2B&a=%E4%B8%AD&b=2&flag="
        );
        assert_eq!(
            split_url("http://127.0.0.1:8080").unwrap().wire_url(),
            "http://127.0.0.1:8080/"
        );
        assert_eq!(split_url("http://[::1]:80/x").unwrap().host, "[::1]");
    }

    #[test]
    fn refuses_what_fetch_would_change() {
        for bad in [
            "/relative",
            "ftp://h/",
            "https://user:pw@h/",
            "https://h/a/../b",
            "https://h/a/%2e%2E/b",
            "https://h/./b",
            "https://hé/",
            "https:///x",
            "https://h:99999999/",
            "https://h/?a=%FF",
        ] {
            assert!(split_url(bad).is_err(), "{bad}");
        }
    }
}
