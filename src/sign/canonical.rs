//! The canonical forms of the path, the query and header values, byte for byte as the SDK
//! (Python `urllib.parse.quote(s, safe='~')`, `unquote`, `str.strip`) produces them.
use crate::text::ByteSearch as _;

/// The hashed payload of an empty body: `SHA-256("")`.
pub const EMPTY_BODY_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

/// Percent-encodes the UTF-8 bytes of `s`, leaving only `A-Z a-z 0-9 - _ . ~`, with
/// upper-case hex (space is `%20`, `+` is `%2B`).
pub fn percent_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if is_unreserved(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
    out
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `%XX` escapes once; a `%` not followed by two hex digits stays as it is, and
/// byte sequences that are not UTF-8 become U+FFFD (Python's `unquote`).
pub fn percent_decode_lossy(s: &str) -> String {
    if !s.has(b'%') {
        return s.to_owned();
    }
    crate::text::lossy(&percent_decode_bytes(s))
}

/// Decodes `%XX` escapes once into bytes; a `%` not followed by two hex digits stays.
pub(crate) fn percent_decode_bytes(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex_value),
                bytes.get(i + 2).copied().and_then(hex_value),
            )
        {
            out.push(h << 4 | l);
            i += 3;
            continue;
        }
        out.push(b);
        i += 1;
    }
    out
}

/// The canonical URI: the path decoded once, each `/`-separated segment re-encoded, and a
/// trailing `/` added when missing. An encoded `%2F` therefore becomes a separator, and an
/// already-encoded path gives the same result as the raw one.
pub fn canonical_uri(path: &str) -> String {
    let decoded = percent_decode_lossy(path);
    let mut out = encode_segments(decoded.pieces(b'/'));
    if !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// The canonical query string, which the SDK also sends as the URL query: pairs sorted by
/// (key, value) on the raw strings (code-point order), each side percent-encoded, `k=v`
/// joined with `&` — empty keys and values included.
pub fn canonical_query(pairs: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = pairs.iter().collect();
    super::sort_small(&mut sorted, |a, b| a < b);
    // Pushed, not `join` of `String`s: a second copy of std's join code in the client module
    // (with `encode_segments`: 337 B gzipped).
    let mut out = String::new();
    for (i, (k, v)) in sorted.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(&percent_encode(k));
        out.push('=');
        out.push_str(&percent_encode(v));
    }
    out
}

/// Path segments percent-encoded and joined with `/`.
pub fn encode_segments<'a>(segments: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, s) in segments.enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(&percent_encode(s));
    }
    out
}

/// Trims what Python's `str.strip()` trims: Unicode white space plus the separators
/// U+001C..U+001F, which Rust's `trim` keeps.
pub fn trim_python(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_uses_the_unreserved_set() {
        assert_eq!(
            percent_encode("a b+c/~*!'()中"),
            "a%20b%2Bc%2F~%2A%21%27%28%29%E4%B8%AD"
        );
        assert_eq!(percent_encode("AZaz09-_.~"), "AZaz09-_.~");
    }

    #[test]
    fn decoding_matches_python_unquote() {
        assert_eq!(percent_decode_lossy("%E4%B8%AD%2f%zz%4"), "中/%zz%4");
        assert_eq!(percent_decode_lossy("a%FFb"), "a\u{fffd}b");
        assert_eq!(percent_decode_lossy("%e4%b8中"), "\u{fffd}中");
    }

    #[test]
    fn canonical_uri_always_ends_with_a_slash() {
        assert_eq!(
            canonical_uri("/v2/partners/sub-customers"),
            "/v2/partners/sub-customers/"
        );
        assert_eq!(canonical_uri("/a b/%2F/"), "/a%20b///");
        assert_eq!(canonical_uri("/a%20b"), canonical_uri("/a b"));
        assert_eq!(canonical_uri(""), "/");
    }

    #[test]
    fn query_pairs_sort_on_raw_strings() {
        let pairs: Vec<(String, String)> = [
            ("a中", "1"),
            ("ab", "2"),
            ("a^", "3"),
            ("aZ", "4"),
            ("", "e"),
            ("k", ""),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(
            canonical_query(&pairs),
            "=e&aZ=4&a%5E=3&ab=2&a%E4%B8%AD=1&k="
        );
    }

    #[test]
    fn strip_matches_python() {
        assert_eq!(trim_python("\u{1f}\t x y \u{3000}\u{85}"), "x y");
        assert_eq!(trim_python("\u{200b}x"), "\u{200b}x");
    }
}
