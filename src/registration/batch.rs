//! Many forms in one call, for bulk onboarding: only the invalid forms are reported, so a
//! file of a million mostly valid rows costs one small result per batch.

use super::customer::validate_registration;
use super::form::Form;
use super::issue::Issue;
use super::kinds::Site;
use crate::json::write::{Object, WriteJson};

/// The most forms one batch may hold.
pub const MAX_BATCH_FORMS: usize = 10_000;

/// The issues of one invalid form of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct InvalidForm {
    /// The form's position in the batch (0-based).
    pub index: usize,
    /// Its issues, as [`validate_registration`] reports them.
    pub issues: Vec<Issue>,
}

/// The outcome of a batch: how many forms are valid, and the issues of the others.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BatchValidation {
    /// The number of valid forms.
    pub valid: usize,
    /// The invalid forms, in batch order.
    pub invalid: Vec<InvalidForm>,
}

impl WriteJson for InvalidForm {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("index", &self.index)
            .field("issues", &self.issues)
            .end();
    }
}

impl WriteJson for BatchValidation {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("valid", &self.valid)
            .field("invalid", &self.invalid)
            .end();
    }
}

/// Validates every form as [`validate_registration`] does, keeping only the issues.
pub fn validate_registrations<'a>(
    forms: impl IntoIterator<Item = &'a Form>,
    site: Site,
) -> BatchValidation {
    let mut out = BatchValidation::default();
    for (index, form) in forms.into_iter().enumerate() {
        let result = validate_registration(form, site);
        if result.valid {
            out.valid += 1;
        } else {
            out.invalid.push(InvalidForm {
                index,
                issues: result.issues,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registration::FieldValue;

    fn form(pairs: &[(&str, &str)]) -> Form {
        let mut f = Form::new();
        for (k, v) in pairs {
            f.set(k, FieldValue::Text((*v).to_owned()));
        }
        f
    }

    #[test]
    fn reports_only_invalid_forms_with_the_same_issues_as_one_by_one() {
        let good = form(&[
            ("xaccount_id", "u1"),
            ("xaccount_type", "p_IDP"),
            ("domain_name", "goodname"),
        ]);
        let bad = form(&[
            ("xaccount_id", "u2"),
            ("xaccount_type", "p_IDP"),
            ("domain_name", "op_bad"),
        ]);
        let forms = [good.clone(), bad.clone(), good];
        let batch = validate_registrations(&forms, Site::Cn);
        assert_eq!(batch.valid, 2);
        assert_eq!(batch.invalid.len(), 1);
        assert_eq!(batch.invalid[0].index, 1);
        assert_eq!(
            batch.invalid[0].issues,
            validate_registration(&bad, Site::Cn).issues
        );
        assert!(!batch.invalid[0].issues.is_empty());
    }

    /// The hand writer (what the wasm binding sends) against serde_json (the Rust derives),
    /// over forms that raise every kind of param: numbers, texts, lists, `null` server codes,
    /// escaped characters, both sites, and valid forms with every body field.
    #[test]
    fn written_json_is_serde_json_s() {
        use crate::json::write::WriteJson;
        let full = |site_fields: &[(&str, FieldValue)]| {
            let mut f = form(&[
                ("xaccount_id", "u\"1\\"),
                ("xaccount_type", "p_IDP"),
                ("domain_name", "goodname"),
                ("password", "Secret#2024x"),
                ("indirect_partner_id", "r1"),
            ]);
            f.set("is_close_market_ms", FieldValue::Bool(true));
            f.set("include_association_result", FieldValue::Bool(false));
            for (k, v) in site_fields {
                f.set(k, v.clone());
            }
            f
        };
        let text = |s: &str| FieldValue::Text(s.to_owned());
        let forms = [
            full(&[
                ("mobile_phone", text("13800000000")),
                ("verification_code", text("123456")),
            ]),
            full(&[
                ("email", text("a@example.com")),
                ("domain_area", text("MX")),
                ("verification_code", text("123456")),
            ]),
            form(&[
                ("domain_name", "op_\u{1}x"),
                ("password", "short"),
                ("mobile_phone", "12"),
            ]),
            form(&[
                ("xaccount_id", ""),
                ("email", "bad"),
                ("domain_area", "mx"),
                ("password", "\u{7}aaaaaaaaa"),
            ]),
            full(&[
                ("is_close_market_ms", FieldValue::Number("3".into())),
                ("domain_area", FieldValue::Other("array")),
            ]),
            full(&[
                ("mobile_phone", text("1380000000a")),
                ("password", FieldValue::Null),
            ]),
        ];
        for site in [Site::Cn, Site::Intl] {
            for f in &forms {
                let v = validate_registration(f, site);
                assert_eq!(v.to_json(), serde_json::to_string(&v).unwrap());
            }
            let batch = validate_registrations(&forms, site);
            assert!(
                batch.valid > 0 && !batch.invalid.is_empty(),
                "{}",
                batch.to_json()
            );
            assert_eq!(batch.to_json(), serde_json::to_string(&batch).unwrap());
        }
        let m = crate::registration::normalize_mobile("+86 138 0000 0000").unwrap();
        assert_eq!(m.to_json(), serde_json::to_string(&m).unwrap());
    }

    /// The request bodies of the two other operations, written by hand and by serde.
    #[test]
    fn other_bodies_are_written_as_serde_json_writes_them() {
        use crate::json::write::WriteJson;
        use crate::registration::{
            check_user_identity_request, send_verification_message_code_request,
        };
        let number = |n: &str| FieldValue::Number(n.to_owned());
        let mut bodies = 0;
        for (search_type, value) in [
            ("mobile", "138 0000 0000"),
            ("email", "a@b.co"),
            ("name", "jo-smith"),
        ] {
            let v = check_user_identity_request(&form(&[
                ("search_type", search_type),
                ("search_value", value),
            ]));
            assert!(v.valid, "{}", v.to_json());
            assert_eq!(v.to_json(), serde_json::to_string(&v).unwrap());
            bodies += 1;
        }
        let sms = form(&[("mobile_phone", "13800000000"), ("lang", "en-us")])
            .with("receiver_type", number("1"))
            .with("timeout", number("10"))
            .with("scene", number("29"));
        let mail = form(&[("email", "a\"b@example.com")]).with("receiver_type", number("2"));
        for (f, site) in [(sms, Site::Cn), (mail, Site::Intl)] {
            let v = send_verification_message_code_request(&f, site);
            if v.valid {
                bodies += 1;
            }
            assert_eq!(v.to_json(), serde_json::to_string(&v).unwrap());
        }
        assert_eq!(bodies, 5, "every body case is valid");
    }
}
