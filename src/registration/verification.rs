//! SendVerificationMessageCode (`POST /v2/bases/verificationcode/send`): the SMS code (China
//! site) or email code (international site) that CreateSubCustomer's `verification_code`
//! needs.
//!
//! | field | rule | absent, null | `""` |
//! |---|---|---|---|
//! | `receiver_type` | `1` (China, SMS) / `2` (international, email) | `required` | `required` |
//! | `timeout` | integer 1–3000 minutes; the server uses 5 for values above 60 | left out (10 min) | `empty` |
//! | `mobile_phone` (China) | Chinese mobile, sent in national form | `required` | `required` |
//! | `email` (international) | email, max 64 | `required` | `required` |
//! | `lang` | `zh-cn` / `en-us` | left out (site default) | left out |
//! | `scene` (China) | `29` registration / `18` bank-card real-name authentication | left out (29) | `empty` |
//! | `customer_id` (China) | max 64, required for scene 18, ignored otherwise | — | — |

use crate::json::write::{Object, WriteJson};

use super::email::check_email;
use super::fields::{
    Allowed, Entry, identifier, integer, not_on_site, one_of, optional_text, owned, required_text,
};
use super::form::Form;
use super::issue::{Because, Issues, Operation, Problem, Validation};
use super::kinds::Site;
use super::mobile::national_mobile;

/// The `timeout` range, in minutes.
pub const TIMEOUT_RANGE: (i64, i64) = (1, 3000);
/// Above this many minutes the server replaces `timeout` with [`TIMEOUT_REPLACEMENT`].
pub const TIMEOUT_REPLACED_ABOVE: i64 = 60;
/// The `timeout` the server uses instead of a value above [`TIMEOUT_REPLACED_ABOVE`].
pub const TIMEOUT_REPLACEMENT: i64 = 5;
/// The `lang` values.
pub const LANGS: [&str; 2] = ["zh-cn", "en-us"];
/// Scene: registration.
pub const SCENE_REGISTRATION: i64 = 29;
/// Scene: personal bank-card real-name authentication (needs `customer_id`).
pub const SCENE_BANK_CARD_AUTH: i64 = 18;
/// Longest `customer_id`.
pub const CUSTOMER_ID_MAX: usize = 64;

/// The SendVerificationMessageCode request body. `None` fields are left out.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SendVerificationMessageCodeBody {
    /// `1` SMS (China site), `2` email (international site).
    pub receiver_type: i64,
    /// Code validity in minutes.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub timeout: Option<i64>,
    /// National mobile number (China site).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub mobile_phone: Option<String>,
    /// Email address (international site).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub email: Option<String>,
    /// `zh-cn` or `en-us`.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub lang: Option<&'static str>,
    /// `29` or `18` (China site).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub scene: Option<i64>,
    /// The customer, for scene 18.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub customer_id: Option<String>,
}

impl WriteJson for SendVerificationMessageCodeBody {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("receiver_type", &self.receiver_type)
            .some("timeout", self.timeout.as_ref())
            .some("mobile_phone", self.mobile_phone.as_ref())
            .some("email", self.email.as_ref())
            .some("lang", self.lang.as_ref())
            .some("scene", self.scene.as_ref())
            .some("customer_id", self.customer_id.as_ref())
            .end();
    }
}

/// An integer field restricted to `allowed`.
fn integer_in(
    issues: &mut Issues,
    field: &'static str,
    entry: Entry<'_>,
    allowed: &'static [i64],
) -> Option<i64> {
    let n = match entry {
        Entry::Number(n) => n,
        other => {
            issues.add(field, other.wrong_type("integer"));
            return None;
        }
    };
    match integer(issues, field, n)? {
        Ok(v) if allowed.contains(&v) => Some(v),
        _ => {
            issues.add(field, Problem::InvalidValue(Allowed::Integers(allowed)));
            None
        }
    }
}

fn timeout(issues: &mut Issues, entry: Entry<'_>) -> Option<i64> {
    const FIELD: &str = "timeout";
    let n = match entry {
        Entry::Absent | Entry::Null => return None,
        Entry::Text("") => {
            issues.add(FIELD, Problem::Empty);
            return None;
        }
        Entry::Number(n) => n,
        other => {
            issues.add(FIELD, other.wrong_type("integer"));
            return None;
        }
    };
    let (min, max) = TIMEOUT_RANGE;
    let actual = match integer(issues, FIELD, n)? {
        Ok(v) if (min..=max).contains(&v) => return Some(v),
        Ok(v) => {
            let mut text = String::new();
            crate::json::write::int(&mut text, v);
            text
        }
        Err(text) => text,
    };
    let replaced = Some((TIMEOUT_REPLACED_ABOVE, TIMEOUT_REPLACEMENT));
    issues.add(
        FIELD,
        Problem::OutOfRange {
            min,
            max,
            actual,
            replaced,
        },
    );
    None
}

/// Validates a SendVerificationMessageCode request for `site`: every issue, and the
/// wire-ready body when there is none.
pub fn send_verification_message_code_request(
    request: &Form,
    site: Site,
) -> Validation<SendVerificationMessageCodeBody> {
    let mut issues = Issues::new(Operation::SendVerificationMessageCode);
    let entry = |field: &str| Entry::get(request, field);
    let receiver = match site {
        Site::Cn => &[1][..],
        Site::Intl => &[2][..],
    };
    let receiver_type = match entry("receiver_type") {
        e if e.is_blank() => {
            issues.add("receiver_type", Problem::Required(None));
            None
        }
        e => integer_in(&mut issues, "receiver_type", e, receiver),
    };
    let timeout = timeout(&mut issues, entry("timeout"));
    let (mut mobile_phone, mut email) = (None, None);
    match site {
        Site::Cn => {
            not_on_site(&mut issues, "email", entry("email"), site);
            mobile_phone = required_text(&mut issues, "mobile_phone", entry("mobile_phone"))
                .and_then(|typed| {
                    national_mobile(typed)
                        .map_err(|reason| issues.add("mobile_phone", Problem::Mobile(reason)))
                        .ok()
                });
        }
        Site::Intl => {
            not_on_site(&mut issues, "mobile_phone", entry("mobile_phone"), site);
            email = required_text(&mut issues, "email", entry("email")).inspect(|address| {
                check_email(&mut issues, "email", address);
            });
        }
    }
    let lang = optional_text(&mut issues, "lang", entry("lang"))
        .and_then(|l| one_of(&mut issues, "lang", l, &LANGS));
    let (mut scene, mut customer_id) = (None, None);
    match site {
        Site::Cn => {
            scene = match entry("scene") {
                Entry::Absent | Entry::Null => None,
                Entry::Text("") => {
                    issues.add("scene", Problem::Empty);
                    None
                }
                e => integer_in(
                    &mut issues,
                    "scene",
                    e,
                    &[SCENE_REGISTRATION, SCENE_BANK_CARD_AUTH],
                ),
            };
            // Outside scene 18 the server ignores customer_id, so it is neither checked nor sent.
            if scene == Some(SCENE_BANK_CARD_AUTH) {
                customer_id = owned(identifier(
                    &mut issues,
                    "customer_id",
                    entry("customer_id"),
                    CUSTOMER_ID_MAX,
                    Some(Problem::Required(Some(Because::Scene18))),
                ));
            }
        }
        Site::Intl => {
            // The international send-code API has neither field.
            not_on_site(&mut issues, "scene", entry("scene"), site);
            not_on_site(&mut issues, "customer_id", entry("customer_id"), site);
        }
    }
    Validation::finish(issues, || SendVerificationMessageCodeBody {
        receiver_type: receiver_type.unwrap_or_default(),
        timeout,
        mobile_phone,
        email: owned(email),
        lang,
        scene,
        customer_id,
    })
}
