//! Many forms in one call, for bulk onboarding: only the invalid forms are reported, so a
//! file of a million mostly valid rows costs one small result per batch.

use serde::Serialize;

use super::customer::validate_registration;
use super::form::{Form, Site};
use super::issue::Issue;

/// The most forms one batch may hold.
pub const MAX_BATCH_FORMS: usize = 10_000;

/// The issues of one invalid form of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvalidForm {
    /// The form's position in the batch (0-based).
    pub index: usize,
    /// Its issues, as [`validate_registration`] reports them.
    pub issues: Vec<Issue>,
}

/// The outcome of a batch: how many forms are valid, and the issues of the others.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct BatchValidation {
    /// The number of valid forms.
    pub valid: usize,
    /// The invalid forms, in batch order.
    pub invalid: Vec<InvalidForm>,
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
}
