//! Turning an operation and its input into the HTTP request to send: validated, laid out,
//! addressed to an endpoint (BSS itself or a signing proxy).

use super::error::ApiError;
use super::issue::Problem;
use super::operation::Operation;
use super::schema::{Laid, validate};
use super::value::Json;
use crate::registration::Site;
use crate::sign::{AccessKey, SdkDate, Secret, canonical_query, sign_url, split_url};
use crate::text::ByteSearch as _;
use crate::text::replace;

/// The most bytes of JSON input a request may have (the proxy's body limit).
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

/// A validated BSS request.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiRequest {
    /// The operation.
    pub operation: Operation,
    /// The resource path, path parameters filled in (percent-encoded).
    pub path: String,
    /// Query pairs (raw strings).
    pub query: Vec<(String, String)>,
    /// Headers: `Content-Type` (as the SDK sends it for every operation) and `X-Language`.
    pub headers: Vec<(String, String)>,
    /// The JSON body (compact UTF-8) for POST operations.
    pub body: Option<String>,
}

/// The registration operations' body, from the registration rules' `outcome`.
fn registration(
    op: Operation,
    input: &Json,
    names: &[&str],
    outcome: super::registration::Outcome,
) -> Result<Laid, Vec<super::issue::Issue>> {
    let keys: Vec<&str> = match input {
        Json::Object(entries) => entries.iter().map(|(k, _)| k.as_ref()).collect(),
        Json::Null => Vec::new(),
        _ => return Err(vec![Problem::InvalidType("object").at("")]),
    };
    let unknown: Vec<_> = keys
        .into_iter()
        .filter(|k| !names.contains(k))
        .map(|k| Problem::UnknownField(op.spec().name).at(k))
        .collect();
    match outcome {
        Ok(Json::Object(body)) if unknown.is_empty() => Ok(Laid {
            body,
            ..Laid::default()
        }),
        Ok(_) => Err(unknown),
        Err(issues) => Err(unknown.into_iter().chain(issues).collect()),
    }
}

/// Validates `input` for `op` on `site`. With issues, nothing is to be sent.
pub fn build(op: Operation, input: &Json, site: Site) -> Result<ApiRequest, ApiError> {
    build_with(op, input, site, || {
        let names = op.spec().registration.unwrap_or_default();
        super::registration::check(op.spec().name, names, input, site)
            .unwrap_or_else(|| Err(Vec::new()))
    })
}

/// [`build`], with the registration rules' answer for a registration operation given by
/// `registration` (called only for those): the client module of the npm package gets it
/// from the registration module ([`read_outcome`](super::registration::read_outcome)).
pub fn build_with(
    op: Operation,
    input: &Json,
    site: Site,
    registration: impl FnOnce() -> super::registration::Outcome,
) -> Result<ApiRequest, ApiError> {
    let spec = op.spec();
    if site == Site::Intl && !op.on_intl() {
        return Err(ApiError::InvalidRequest {
            operation: op,
            issues: vec![Problem::NotOnSite("operation").at("")],
        });
    }
    let laid = match spec.registration {
        Some(names) => self::registration(op, input, names, registration()),
        None => validate(spec.fields, input, spec.name),
    };
    let mut issues = laid.as_ref().err().cloned().unwrap_or_default();
    if let (Some(cross), Json::Object(_)) = (spec.cross, input) {
        cross(input, &mut issues);
    }
    // Registration operations apply their own site rules.
    if site == Site::Intl && spec.registration.is_none() {
        for field in op.intl_missing_fields() {
            if input.has(field) {
                issues.push(Problem::NotOnSite("field").at(field));
            }
        }
    }
    let laid = match laid {
        Ok(laid) if issues.is_empty() => laid,
        _ => {
            return Err(ApiError::InvalidRequest {
                operation: op,
                issues,
            });
        }
    };
    let mut headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
    headers.extend(laid.headers);
    let body = spec.body.then(|| Json::Object(laid.body).text());
    let mut path = spec.path.to_owned();
    for (name, value) in &laid.path {
        let mut template = String::from("{");
        template.push_str(name);
        template.push('}');
        path = replace(&path, &template, &percent_encode(value));
    }
    Ok(ApiRequest {
        operation: op,
        path,
        query: laid.query,
        headers,
        body,
    })
}

/// A path parameter as the SDK writes it (Python's `quote(v, safe='')`): every byte but
/// the unreserved `A-Z a-z 0-9 _ . - ~` percent-encoded.
fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b'~') {
            out.push(b as char);
        } else {
            // By hand: `{:02X}` links the integer formatter's hex path (part of crate::text's 5.8 KB).
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

/// Reads an endpoint option: an absolute `http(s)` URL without query; a trailing `/` is
/// dropped. Returns it as `scheme://host[/prefix]`.
pub fn endpoint(url: &str) -> Result<String, ApiError> {
    let bad = |message: String| ApiError::InvalidOption {
        option: "endpoint",
        message,
    };
    let split = split_url(url).map_err(|e| bad(e.to_string()))?;
    if !split.query.is_empty() || url.has(b'?') || url.has(b'#') {
        return Err(bad("the endpoint must not have a query or fragment".into()));
    }
    let path = split.wire_path.trim_end_matches('/');
    Ok(format!("{}://{}{path}", split.scheme, split.host))
}

impl ApiRequest {
    /// The URL of the request at a BSS endpoint (as returned by [`endpoint`]): the
    /// operation's path and the canonical query, exactly what is signed.
    pub fn url(&self, endpoint: &str) -> String {
        let query = canonical_query(&self.query);
        let sep = if query.is_empty() { "" } else { "?" };
        format!("{endpoint}{}{sep}{query}", self.path)
    }
}

/// The site an endpoint belongs to: the international endpoints (`bss-intl.…`, `….eu`)
/// validate registration for email, the others for the China site's mobile.
pub fn site_of(endpoint: &str) -> Site {
    let host = split_url(endpoint).map(|u| u.host).unwrap_or_default();
    let host = host.pieces(b':').next().unwrap_or_default();
    if host.starts_with("bss-intl.") || host.ends_with(".eu") {
        Site::Intl
    } else {
        Site::Cn
    }
}

/// The URL of an operation at a signing proxy: `<proxy>/<OperationName>`.
pub fn proxy_url(endpoint: &str, op: Operation) -> String {
    format!("{endpoint}/{}", op.spec().name)
}

/// How a request is authenticated.
#[derive(Debug, Clone, Copy)]
pub enum Auth<'a> {
    /// AK/SK signing, with the account (domain) ID the SDK sends as `X-Domain-Id`, and the
    /// security token of temporary credentials.
    AkSk {
        /// The key pair.
        key: &'a AccessKey,
        /// The partner's account ID.
        domain_id: &'a str,
        /// `X-Security-Token` of temporary (STS) credentials.
        security_token: Option<&'a Secret>,
    },
    /// An IAM token (`X-Auth-Token`).
    Token(&'a Secret),
}

/// A request ready for `fetch`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// HTTP method.
    pub method: &'static str,
    /// Absolute URL.
    pub url: String,
    /// Headers to set (`Host` is left to `fetch`).
    pub headers: Vec<(String, String)>,
    /// Body text.
    pub body: Option<String>,
}

impl ApiRequest {
    /// The request to send to a BSS `endpoint`, authenticated; `date` is the signing time.
    pub fn outgoing(
        &self,
        endpoint: &str,
        auth: Auth<'_>,
        date: SdkDate,
    ) -> Result<Outgoing, ApiError> {
        let method = self.operation.spec().method;
        let url = self.url(endpoint);
        let mut headers = self.headers.clone();
        match auth {
            Auth::Token(token) => {
                headers.push(("X-Auth-Token".to_owned(), token.expose().to_owned()));
                Ok(Outgoing {
                    method,
                    url,
                    headers,
                    body: self.body.clone(),
                })
            }
            Auth::AkSk {
                key,
                domain_id,
                security_token,
            } => {
                headers.push(("X-Domain-Id".to_owned(), domain_id.to_owned()));
                if let Some(t) = security_token {
                    headers.push(("X-Security-Token".to_owned(), t.expose().to_owned()));
                }
                let body = self.body.as_deref().unwrap_or_default().as_bytes();
                let signed = sign_url(method, &url, &headers, body, key, date).map_err(|e| {
                    ApiError::InvalidOption {
                        option: "credentials",
                        message: e.to_string(),
                    }
                })?;
                Ok(Outgoing {
                    method,
                    url: signed.url,
                    headers: signed.headers,
                    body: self.body.clone(),
                })
            }
        }
    }
}

/// The request to a signing proxy: `POST <proxy>/<OperationName>` with the input as JSON.
pub fn proxy_outgoing(endpoint: &str, op: Operation, input: &Json) -> Outgoing {
    Outgoing {
        method: "POST",
        url: proxy_url(endpoint, op),
        headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
        body: Some(input.text()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn build_cn(op: Operation, input: &serde_json::Value) -> Result<ApiRequest, ApiError> {
        build(op, &Json::from(input), Site::Cn)
    }

    fn issue_codes(err: ApiError) -> (Vec<(String, &'static str)>, Vec<super::super::Issue>) {
        let ApiError::InvalidRequest { issues, .. } = err else {
            panic!("{err}")
        };
        (
            issues.iter().map(|i| (i.field.clone(), i.code)).collect(),
            issues,
        )
    }

    #[test]
    fn get_requests_go_in_the_query_and_post_requests_in_the_body() {
        let req = build_cn(
            Operation::ListServiceTypes,
            &json!({"limit": 5, "offset": 0, "service_type_name": "弹性 云", "x_language": "en_US"}),
        )
        .unwrap();
        assert_eq!(req.body, None);
        assert_eq!(
            req.url("https://bss.myhuaweicloud.com"),
            "https://bss.myhuaweicloud.com/v2/products/service-types?limit=5&offset=0&service_type_name=%E5%BC%B9%E6%80%A7%20%E4%BA%91"
        );
        assert!(req.headers.contains(&("X-Language".into(), "en_US".into())));

        let req = build_cn(
            Operation::ListSubCustomers,
            &json!({"account_name": "cust", "limit": 10}),
        )
        .unwrap();
        assert_eq!(
            req.body.as_deref(),
            Some(r#"{"account_name":"cust","limit":10}"#)
        );
        assert_eq!(
            req.url("http://127.0.0.1:9"),
            "http://127.0.0.1:9/v2/partners/sub-customers/query"
        );
        assert_eq!(
            build_cn(Operation::ListMeasureUnits, &serde_json::Value::Null)
                .unwrap()
                .url("http://h"),
            "http://h/v2/bases/measurements"
        );
    }

    #[test]
    fn issues_come_from_fields_and_cross_rules_together() {
        let err = build_cn(
            Operation::PayOrders,
            &json!({"order_id": "CS1", "use_coupon": "YES", "use_discount": "NO",
                    "discount_infos": [{"id": "d", "type": 2}], "bogus": 1}),
        )
        .unwrap_err();
        let (got, _) = issue_codes(err);
        assert_eq!(
            got,
            [
                ("bogus".to_owned(), "unknown_field"),
                ("coupon_infos".to_owned(), "required"),
                ("discount_infos".to_owned(), "not_allowed")
            ]
        );
    }

    #[test]
    fn outgoing_requests_are_authenticated() {
        let req = build_cn(Operation::ListSubCustomers, &json!({"limit": 1})).unwrap();
        let date = SdkDate::parse("20250101T080000Z").unwrap();
        let key = AccessKey::new("AK", "SK-SECRET");
        let auth = Auth::AkSk {
            key: &key,
            domain_id: "dom",
            security_token: None,
        };
        let out = req
            .outgoing("https://bss.myhuaweicloud.com", auth, date)
            .unwrap();
        assert_eq!(
            out.url,
            "https://bss.myhuaweicloud.com/v2/partners/sub-customers/query"
        );
        let names: Vec<&str> = out.headers.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            names,
            ["Content-Type", "X-Domain-Id", "X-Sdk-Date", "Authorization"]
        );
        let auth = out.headers.last().unwrap();
        assert!(auth.1.starts_with(
            "SDK-HMAC-SHA256 Access=AK, SignedHeaders=content-type;host;x-domain-id;x-sdk-date, "
        ));
        let token = Secret::new("TOKEN");
        let out = req
            .outgoing("https://bss.myhuaweicloud.com", Auth::Token(&token), date)
            .unwrap();
        assert_eq!(
            out.headers.last().unwrap(),
            &("X-Auth-Token".to_owned(), "TOKEN".to_owned())
        );
        assert_eq!(out.body.as_deref(), Some(r#"{"limit":1}"#));
        let out = proxy_outgoing(
            "http://shop/api/bss",
            Operation::ListSubCustomers,
            &Json::from(&json!({"limit": 1})),
        );
        assert_eq!(
            (out.url.as_str(), out.body.as_deref()),
            (
                "http://shop/api/bss/ListSubCustomers",
                Some(r#"{"limit":1}"#)
            )
        );
    }

    #[test]
    fn registration_operations_use_the_registration_rules() {
        let req = build_cn(
            Operation::CheckUserIdentity,
            &json!({"search_type": "mobile", "search_value": "138 0000 0000"}),
        )
        .unwrap();
        assert_eq!(
            req.body.as_deref(),
            Some(r#"{"search_type":"mobile","search_value":"0086-13800000000"}"#)
        );
        let err = build_cn(
            Operation::CreateSubCustomer,
            &json!({"xaccount_id": "u1", "xaccount_type": "T", "domain_name": "op_admin", "extra": 1}),
        )
        .unwrap_err();
        let (got, issues) = issue_codes(err);
        assert_eq!(
            got,
            [
                ("extra".to_owned(), "unknown_field"),
                ("domain_name".to_owned(), "reserved_prefix")
            ]
        );
        assert_eq!(issues[1].server_code.as_deref(), Some("CBC.99000031"));
        let intl = build(
            Operation::SendVerificationMessageCode,
            &Json::from(&json!({"receiver_type": 2, "email": "a@example.com"})),
            Site::Intl,
        );
        assert!(intl.is_ok());
        assert!(
            build_cn(
                Operation::SendVerificationMessageCode,
                &json!({"receiver_type": 2, "email": "a@example.com"})
            )
            .is_err()
        );
        assert_eq!(site_of("https://bss-intl.myhuaweicloud.com"), Site::Intl);
        assert_eq!(site_of("https://bss.myhuaweicloud.eu"), Site::Intl);
        assert_eq!(site_of("https://bss.myhuaweicloud.com"), Site::Cn);
    }

    #[test]
    fn endpoints_are_normalised() {
        assert_eq!(
            endpoint("https://BSS.myhuaweicloud.com/").unwrap(),
            "https://bss.myhuaweicloud.com"
        );
        assert_eq!(
            endpoint("http://127.0.0.1:8080/api/bss/").unwrap(),
            "http://127.0.0.1:8080/api/bss"
        );
        assert!(endpoint("bss.myhuaweicloud.com").is_err());
        assert!(endpoint("https://h/?x=1").is_err());
        assert_eq!(
            proxy_url("http://h/api", Operation::PayOrders),
            "http://h/api/PayOrders"
        );
    }
}
