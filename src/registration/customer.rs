//! CreateSubCustomer (`POST /v2/partners/sub-customers`): the registration form, its field
//! rules and the wire body.
//!
//! Absent / `null` / `""` per field, as the spec tables give them:
//!
//! | field | absent, null | `""` |
//! |---|---|---|
//! | `xaccount_id`, `xaccount_type` | `required` | `required` |
//! | `domain_name` | left out (BSS generates a name) | left out |
//! | `mobile_phone` (China) | left out | sent as `""` |
//! | `email` (international) | left out | left out |
//! | `domain_area` (international) | `required` | `required` |
//! | `verification_code` | left out; `required` when a mobile (email) is given | `empty` |
//! | `password` | left out (BSS generates one) | `empty` |
//! | `is_close_market_ms`, `include_association_result` | left out (server default false) | left out |
//! | `indirect_partner_id` | left out | left out |

#[cfg(feature = "serde")]
use serde::Serializer;

use crate::json::write::{Object, WriteJson};

use super::account_name::check_account_name;
use super::country::check_country_code;
use super::email::check_email;
use super::fields::{
    Entry, check_alphabet, check_length, flag, fold_fullwidth_digit, identifier, not_on_site,
    optional_text, owned, required_text,
};
use super::form::{FieldValue, Form, RegistrationError};
use super::issue::{Because, Issue, Issues, Operation, Problem, Validation};
use super::kinds::Site;
use super::mobile::national_mobile;
use super::password::{Others, check_password};

/// The fields of the registration form (both sites), in wire order.
pub const REGISTRATION_FIELDS: [&str; 11] = [
    "xaccount_id",
    "xaccount_type",
    "domain_name",
    "mobile_phone",
    "email",
    "domain_area",
    "verification_code",
    "password",
    "is_close_market_ms",
    "indirect_partner_id",
    "include_association_result",
];

/// Longest `xaccount_id`.
pub const XACCOUNT_ID_MAX: usize = 128;
/// Longest `xaccount_type` (China doc; an older international text says 30).
pub const XACCOUNT_TYPE_MAX: usize = 64;
/// Longest `indirect_partner_id`.
pub const INDIRECT_PARTNER_ID_MAX: usize = 64;
/// Length of a verification code.
pub const VERIFICATION_CODE_LEN: usize = 6;

/// The CreateSubCustomer request body. Fields that are `None` are left out of the JSON (the
/// server then applies its default: a generated name or password, no mobile, …).
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CreateSubCustomerBody {
    /// The partner platform's user ID.
    pub xaccount_id: String,
    /// The platform identifier Huawei assigned to the partner.
    pub xaccount_type: String,
    /// The account (login) name; `None` lets BSS generate one.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub domain_name: Option<String>,
    /// National mobile number (China site), or `""` when the form gave `""`.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub mobile_phone: Option<String>,
    /// Email address (international site).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub email: Option<String>,
    /// ISO 3166-1 alpha-2 code (international site).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub domain_area: Option<String>,
    /// The 6-digit code from SendVerificationMessageCode.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub verification_code: Option<String>,
    /// The password; `None` lets BSS generate one.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub password: Option<String>,
    /// Stop marketing messages; sent as the string `"true"` / `"false"`.
    #[cfg_attr(
        feature = "serde",
        serde(
            skip_serializing_if = "Option::is_none",
            serialize_with = "bool_as_string"
        )
    )]
    pub is_close_market_ms: Option<bool>,
    /// The cloud reseller the customer is created for.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub indirect_partner_id: Option<String>,
    /// Ask the call to report the partner–customer association result.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub include_association_result: Option<bool>,
}

impl WriteJson for CreateSubCustomerBody {
    fn write_json(&self, out: &mut String) {
        let market = self
            .is_close_market_ms
            .map(|b| if b { "true" } else { "false" });
        Object::new(out)
            .field("xaccount_id", &self.xaccount_id)
            .field("xaccount_type", &self.xaccount_type)
            .some("domain_name", self.domain_name.as_ref())
            .some("mobile_phone", self.mobile_phone.as_ref())
            .some("email", self.email.as_ref())
            .some("domain_area", self.domain_area.as_ref())
            .some("verification_code", self.verification_code.as_ref())
            .some("password", self.password.as_ref())
            .some("is_close_market_ms", market.as_ref())
            .some("indirect_partner_id", self.indirect_partner_id.as_ref())
            .some(
                "include_association_result",
                self.include_association_result.as_ref(),
            )
            .end();
    }
}

#[cfg(feature = "serde")]
fn bool_as_string<S: Serializer>(value: &Option<bool>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(true) => s.serialize_str("true"),
        Some(false) => s.serialize_str("false"),
        None => s.serialize_none(),
    }
}

// The password and the verification code are secrets: never in logs.
impl std::fmt::Debug for CreateSubCustomerBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hidden = |v: &Option<String>| v.as_ref().map(|_| "<hidden>");
        f.debug_struct("CreateSubCustomerBody")
            .field("xaccount_id", &self.xaccount_id)
            .field("xaccount_type", &self.xaccount_type)
            .field("domain_name", &self.domain_name)
            .field("mobile_phone", &self.mobile_phone)
            .field("email", &self.email)
            .field("domain_area", &self.domain_area)
            .field("verification_code", &hidden(&self.verification_code))
            .field("password", &hidden(&self.password))
            .field("is_close_market_ms", &self.is_close_market_ms)
            .field("indirect_partner_id", &self.indirect_partner_id)
            .field(
                "include_association_result",
                &self.include_association_result,
            )
            .finish()
    }
}

/// Reads the form, optionally with one field's value replaced (per-keystroke validation).
struct Reader<'a> {
    map: &'a Form,
    site: Site,
    replaced: Option<(&'a str, Option<&'a FieldValue>)>,
}

/// The mobile number (China) or email (international) the customer gave.
#[derive(Default)]
struct Contact<'a> {
    /// Why a verification code is needed, when it is.
    needs_code: Option<Because>,
    /// The body value: the national mobile (or `""`), or the email.
    wire: Option<String>,
    /// For the password rule: the national mobile / the email.
    mobile: Option<String>,
    email: Option<&'a str>,
}

impl<'a> Reader<'a> {
    fn entry(&self, field: &str) -> Entry<'a> {
        match self.replaced {
            Some((name, value)) if name == field => Entry::of(value),
            _ => Entry::get(self.map, field),
        }
    }

    fn not_on_site(&self, issues: &mut Issues, field: &'static str) {
        not_on_site(issues, field, self.entry(field), self.site);
    }

    fn domain_name(&self, issues: &mut Issues) -> Option<&'a str> {
        const FIELD: &str = "domain_name";
        let name = optional_text(issues, FIELD, self.entry(FIELD))?;
        check_account_name(issues, FIELD, name);
        Some(name)
    }

    /// `mobile_phone` on the China site, `email` on the international site (the other one
    /// must be blank).
    fn contact(&self, issues: &mut Issues) -> Contact<'a> {
        match self.site {
            Site::Cn => {
                self.not_on_site(issues, "email");
                self.mobile_phone(issues)
            }
            Site::Intl => {
                self.not_on_site(issues, "mobile_phone");
                self.email(issues)
            }
        }
    }

    fn mobile_phone(&self, issues: &mut Issues) -> Contact<'a> {
        const FIELD: &str = "mobile_phone";
        match self.entry(FIELD) {
            Entry::Absent | Entry::Null => Contact::default(),
            // "" is accepted and stored as empty: no mobile, no code needed.
            Entry::Text("") => Contact {
                wire: Some(String::new()),
                ..Contact::default()
            },
            Entry::Text(typed) => {
                let national = national_mobile(typed)
                    .map_err(|reason| issues.add(FIELD, Problem::Mobile(reason)))
                    .ok();
                Contact {
                    needs_code: Some(Because::MobileGiven),
                    wire: national.clone(),
                    mobile: national,
                    email: None,
                }
            }
            other => {
                issues.add(FIELD, other.wrong_type("string"));
                Contact {
                    needs_code: Some(Because::MobileGiven),
                    ..Contact::default()
                }
            }
        }
    }

    fn email(&self, issues: &mut Issues) -> Contact<'a> {
        const FIELD: &str = "email";
        match self.entry(FIELD) {
            e if e.is_blank() => Contact::default(),
            Entry::Text(address) => {
                check_email(issues, FIELD, address);
                Contact {
                    needs_code: Some(Because::EmailGiven),
                    wire: owned(Some(address)),
                    mobile: None,
                    email: Some(address),
                }
            }
            other => {
                issues.add(FIELD, other.wrong_type("string"));
                Contact {
                    needs_code: Some(Because::EmailGiven),
                    ..Contact::default()
                }
            }
        }
    }

    fn domain_area(&self, issues: &mut Issues) -> Option<&'a str> {
        const FIELD: &str = "domain_area";
        if self.site == Site::Cn {
            self.not_on_site(issues, FIELD);
            return None;
        }
        let code = required_text(issues, FIELD, self.entry(FIELD))?;
        check_country_code(issues, FIELD, code);
        Some(code)
    }

    fn verification_code(
        &self,
        issues: &mut Issues,
        needs_code: Option<Because>,
    ) -> Option<String> {
        const FIELD: &str = "verification_code";
        match self.entry(FIELD) {
            Entry::Absent | Entry::Null => {
                if let Some(because) = needs_code {
                    issues.add(FIELD, Problem::Required(Some(because)));
                }
                None
            }
            Entry::Text("") => {
                issues.add(FIELD, Problem::Empty);
                None
            }
            Entry::Text(typed) => {
                // Full-width digits (typed with a Chinese input method) are digits.
                let code: String = typed.chars().map(fold_fullwidth_digit).collect();
                check_length(
                    issues,
                    FIELD,
                    &code,
                    VERIFICATION_CODE_LEN,
                    VERIFICATION_CODE_LEN,
                );
                check_alphabet(issues, FIELD, &code, |c| c.is_ascii_digit(), true);
                Some(code)
            }
            other => {
                issues.add(FIELD, other.wrong_type("string"));
                None
            }
        }
    }

    fn password(&self, issues: &mut Issues, others: Others<'_>) -> Option<&'a str> {
        const FIELD: &str = "password";
        match self.entry(FIELD) {
            Entry::Absent | Entry::Null => None,
            Entry::Text("") => {
                issues.add(FIELD, Problem::Empty);
                None
            }
            Entry::Text(password) => {
                check_password(issues, password, others);
                Some(password)
            }
            other => {
                issues.add(FIELD, other.wrong_type("string"));
                None
            }
        }
    }

    /// What the password must not resemble: the account name and the contact.
    fn password_others(&self, contact: &'a Contact<'a>) -> Others<'a> {
        let name = match self.entry("domain_name") {
            Entry::Text(name) => Some(name),
            _ => None,
        };
        Others {
            name,
            mobile: contact.mobile.as_deref(),
            email: contact.email,
        }
    }

    fn flag(&self, issues: &mut Issues, field: &'static str) -> Option<bool> {
        flag(issues, field, self.entry(field))
    }

    /// An opaque id field: `xaccount_id`, `xaccount_type` (required) or `indirect_partner_id`.
    fn id(&self, issues: &mut Issues, field: &'static str) -> Option<&'a str> {
        let (max, required) = match field {
            "xaccount_id" => (XACCOUNT_ID_MAX, true),
            "xaccount_type" => (XACCOUNT_TYPE_MAX, true),
            _ => (INDIRECT_PARTNER_ID_MAX, false),
        };
        let when_blank = required.then_some(Problem::Required(None));
        identifier(issues, field, self.entry(field), max, when_blank)
    }
}

/// Validates a registration form for CreateSubCustomer: every issue of every field, and the
/// wire-ready body when there is none. Unknown fields are ignored and left out of the body.
pub fn validate_registration(form: &Form, site: Site) -> Validation<CreateSubCustomerBody> {
    let form = Reader {
        map: form,
        site,
        replaced: None,
    };
    let mut issues = Issues::new(Operation::CreateSubCustomer);
    let xaccount_id = form.id(&mut issues, "xaccount_id");
    let xaccount_type = form.id(&mut issues, "xaccount_type");
    let domain_name = form.domain_name(&mut issues);
    let contact = form.contact(&mut issues);
    let domain_area = form.domain_area(&mut issues);
    let verification_code = form.verification_code(&mut issues, contact.needs_code);
    let password = form.password(&mut issues, form.password_others(&contact));
    let is_close_market_ms = form.flag(&mut issues, "is_close_market_ms");
    let indirect_partner_id = form.id(&mut issues, "indirect_partner_id");
    let include_association_result = form.flag(&mut issues, "include_association_result");
    let (mobile_phone, email) = match site {
        Site::Cn => (contact.wire, None),
        Site::Intl => (None, contact.wire),
    };
    Validation::finish(issues, || CreateSubCustomerBody {
        xaccount_id: owned(xaccount_id).unwrap_or_default(),
        xaccount_type: owned(xaccount_type).unwrap_or_default(),
        domain_name: owned(domain_name),
        mobile_phone,
        email,
        domain_area: owned(domain_area),
        verification_code,
        password: owned(password),
        is_close_market_ms,
        indirect_partner_id: owned(indirect_partner_id),
        include_association_result,
    })
}

/// The issues of one field, as [`validate_registration`] reports them, with `value` in place
/// of the form's value (`None`: absent). The rest of the form serves the cross-field rules
/// (password vs name and mobile, code required by a mobile). For per-keystroke validation.
pub fn validate_field(
    field: &str,
    value: Option<&FieldValue>,
    form: &Form,
    site: Site,
) -> Result<Vec<Issue>, RegistrationError> {
    let field = REGISTRATION_FIELDS
        .into_iter()
        .find(|f| *f == field)
        .ok_or_else(|| RegistrationError::unknown_field(field))?;
    let form = Reader {
        map: form,
        site,
        replaced: Some((field, value)),
    };
    let mut issues = Issues::new(Operation::CreateSubCustomer);
    // Another field's issues found on the way (the contact, for the password) are not
    // reported: they go to this scratch list.
    let mut elsewhere = Issues::new(Operation::CreateSubCustomer);
    match (field, site) {
        ("xaccount_id" | "xaccount_type" | "indirect_partner_id", _) => {
            form.id(&mut issues, field);
        }
        ("domain_name", _) => {
            form.domain_name(&mut issues);
        }
        ("mobile_phone", Site::Intl) | ("email", Site::Cn) => form.not_on_site(&mut issues, field),
        ("mobile_phone", Site::Cn) => {
            form.mobile_phone(&mut issues);
        }
        ("email", Site::Intl) => {
            form.email(&mut issues);
        }
        ("domain_area", _) => {
            form.domain_area(&mut issues);
        }
        ("verification_code", _) => {
            let contact = form.contact(&mut elsewhere);
            form.verification_code(&mut issues, contact.needs_code);
        }
        ("password", _) => {
            let contact = form.contact(&mut elsewhere);
            form.password(&mut issues, form.password_others(&contact));
        }
        (flag_field, _) => {
            form.flag(&mut issues, flag_field);
        }
    }
    Ok(issues.into_vec())
}
