//! Registration field rules (CheckUserIdentity, SendVerificationMessageCode,
//! CreateSubCustomer), mobile and email normalisation, and the wire body.
//!
//! Validation of user input is not an error: each request function returns a
//! [`Validation`] with every [`Issue`] found (field, stable code, English and Chinese
//! message, params, and the CBC code the server would answer) and, when there is none, the
//! body to send. The rules are the spec's; where the docs leave a choice open the rule is
//! the stricter one, so a request that passes here is not rejected for a field rule.
//!
//! * [`validate_registration`] / [`validate_field`] — CreateSubCustomer, whole form or one
//!   field (per keystroke); [`validate_registrations`] — a batch, for bulk onboarding.
//! * [`check_user_identity_request`] — CheckUserIdentity.
//! * [`send_verification_message_code_request`] — SendVerificationMessageCode.
//! * [`normalize_mobile`] — what people type, as `13800000000` and `0086-13800000000`.

mod account_name;
mod batch;
mod country;
mod customer;
mod email;
mod fields;
mod form;
mod identity;
mod issue;
mod kinds;
mod messages;
mod mobile;
mod outcome;
mod password;
mod verification;

pub use account_name::{ACCOUNT_NAME_LENGTH, RESERVED_PREFIXES};
pub use batch::{BatchValidation, InvalidForm, MAX_BATCH_FORMS, validate_registrations};
pub use country::is_country_code;
pub use customer::{
    CreateSubCustomerBody, INDIRECT_PARTNER_ID_MAX, REGISTRATION_FIELDS, VERIFICATION_CODE_LEN,
    XACCOUNT_ID_MAX, XACCOUNT_TYPE_MAX, validate_field, validate_registration,
};
pub use email::EMAIL_LENGTH;
pub use form::{FieldValue, Form, RegistrationError};
pub use identity::{
    CheckUserIdentityBody, SEARCH_TYPES, SEARCH_VALUE_MAX, check_user_identity_request,
};
pub use issue::{Issue, IssueCode, Operation, Validation};
pub use kinds::{EmailProblem, MobileProblem, Site};
pub use mobile::{MAX_MOBILE_INPUT_CHARS, MobileNumber, normalize_mobile};
pub use outcome::outcome_json;
pub use password::PASSWORD_LENGTH;
pub use verification::{
    CUSTOMER_ID_MAX, LANGS, SCENE_BANK_CARD_AUTH, SCENE_REGISTRATION,
    SendVerificationMessageCodeBody, TIMEOUT_RANGE, TIMEOUT_REPLACED_ABOVE, TIMEOUT_REPLACEMENT,
    send_verification_message_code_request,
};
