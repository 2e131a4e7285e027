//! The registry of every code the package emits (biome's `categories.rs` is the model): the
//! `BssError` codes, the signing proxy's refusals, the validation issue codes of registration
//! and of BSS requests, the coupon reason codes and the quote's rejection codes.
//!
//! Each code is a constant here (`codes::error::INVALID_AMOUNT`); the code that mints one uses
//! the constant, never a string literal (`tests/codes.rs` greps `src/` and `pkg/src/` for
//! literals). Each set also lists its codes with their area and meaning ([`Set::codes`]), from
//! which `docs/errors.md`'s tables and the TypeScript unions are generated
//! (`UPDATE=1 cargo test --test codes` rewrites the generated parts). The tables are only read
//! by tests and generators, so the wasm modules carry the constants they use and nothing else.
//!
//! A code is never renamed silently: a change is listed in `docs/errors.md` ("Changed codes").

pub mod catalog;

/// The part of the package a code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Area {
    /// Any area: amounts, JSON, argument shapes and sizes.
    Shared,
    /// Registration fields (`validateRegistration`, the three registration operations).
    Registration,
    /// Coupon applicability (`evaluateCoupons`).
    Coupons,
    /// Discounts and the quote (`selectDiscount`, `quote`).
    Quote,
    /// The BSS client (`BssClient`).
    Client,
    /// The signing proxy (`createProxy`, `toNodeListener`).
    Proxy,
    /// The request signer (`signRequest`).
    Signer,
}

impl Area {
    /// The area's name in the docs.
    pub fn as_str(self) -> &'static str {
        match self {
            Area::Shared => "shared",
            Area::Registration => "registration",
            Area::Coupons => "coupons",
            Area::Quote => "quote",
            Area::Client => "client",
            Area::Proxy => "proxy",
            Area::Signer => "signer",
        }
    }
}

/// Whether the client tries a call again after an error with this code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retried {
    /// Never.
    No,
    /// For read-only operations (with backoff); never for operations that change state.
    ReadOnly,
}

/// One registered code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// The stable snake_case code.
    pub code: &'static str,
    /// Where it comes from.
    pub area: Area,
    /// What it means (the constant's doc comment).
    pub meaning: &'static str,
    /// The HTTP status of the answer that carries it (proxy refusals).
    pub status: Option<u16>,
    /// Whether the client retries after it.
    pub retried: Retried,
}

/// A set of codes: the values one field can take.
#[derive(Debug, Clone, Copy)]
pub struct Set {
    /// The TypeScript union of the set (`ErrorCode`).
    pub union: &'static str,
    /// Where the codes appear (`BssError.code`).
    pub field: &'static str,
    /// The codes.
    pub codes: &'static [Code],
}

/// Defines a module of code constants, its [`Code`] table and its TypeScript union text.
macro_rules! code_set {
    (
        $(#[doc = $mdoc:literal])*
        pub mod $module:ident as $union:literal in $field:literal {
            $(
                $(#[doc = $doc:literal])+
                $name:ident = $code:literal, $area:ident $(($status:literal))? $(, $retried:ident)?;
            )+
        }
    ) => {
        $(#[doc = $mdoc])*
        pub mod $module {
            #[allow(unused_imports)]
            use super::Retried::*;
            $(
                $(#[doc = $doc])+
                pub const $name: &str = $code;
            )+
            /// The set: its union name, where its codes appear, and every code.
            pub const SET: super::Set = super::Set {
                union: $union,
                field: $field,
                codes: &[$(super::Code {
                    code: $code,
                    area: super::Area::$area,
                    meaning: concat!($($doc),+),
                    status: code_set!(@status $($status)?),
                    retried: code_set!(@retried $($retried)?),
                }),+],
            };
            /// Every code (without the table's prose, for a lookup by text).
            pub const ALL: &[&str] = &[$($code),+];
            /// The codes as a TypeScript union body: `| "a" | "b"`.
            pub const TS_UNION: &str = concat!($(" | \"", $code, "\""),+);
            /// The TypeScript declaration of the union (for the binding's `.d.ts`).
            pub const TS_TYPE: &str = concat!(
                "/**", $($mdoc,)* " */\nexport type ", $union, " =", $(" | \"", $code, "\""),+, ";\n"
            );
        }
    };
    (@status) => { None };
    (@status $s:literal) => { Some($s) };
    (@retried) => { super::Retried::No };
    (@retried $r:ident) => { $r };
}

code_set! {
    /// The codes of `BssError`s thrown by the package (besides the server's own codes:
    /// `CBC.…`, `APIGW.…` / `APIG.…`, an HTTP status, which the client passes on).
    pub mod error as "ErrorCode" in "BssError.code" {
        /// A value that must be an amount is not one (the message quotes it, cut to 64 characters).
        INVALID_AMOUNT = "invalid_amount", Shared;
        /// An arithmetic result does not fit an amount.
        AMOUNT_OVERFLOW = "amount_overflow", Shared;
        /// Text that must be JSON is not.
        INVALID_JSON = "invalid_json", Shared;
        /// An argument has the wrong shape (`field` names the path).
        INVALID_INPUT = "invalid_input", Shared;
        /// An option is wrong: an engine `opts` field (`now`, `policy.…`), a client or proxy option (`field` names it).
        INVALID_OPTION = "invalid_option", Shared;
        /// An argument past a documented limit (`field` names the argument or list; limits.md).
        TOO_LARGE = "too_large", Shared;
        /// A result could not be written (a bug, never expected); a signing proxy that failed answers 500 with it.
        INTERNAL = "internal", Shared;
        /// A mobile number that cannot be normalised (`normalizeMobile`).
        INVALID_MOBILE = "invalid_mobile", Registration;
        /// `validateField` was asked about a field the registration form does not have.
        UNKNOWN_FIELD = "unknown_field", Registration;
        /// The order or cart is not a valid order (`field` names the value).
        INVALID_ORDER = "invalid_order", Coupons;
        /// A rating response or discount option is malformed (`field` names the value).
        INVALID_RATING = "invalid_rating", Quote;
        /// The request breaks a documented rule; `issues` lists them; nothing was sent.
        INVALID_REQUEST = "invalid_request", Client;
        /// A success status whose body is not what the operation returns.
        INVALID_RESPONSE = "invalid_response", Client;
        /// No answer: the connection failed.
        NETWORK_ERROR = "network_error", Client, ReadOnly;
        /// No answer within `timeout_ms`.
        TIMEOUT = "timeout", Client, ReadOnly;
        /// The server answered with a redirect; it is never followed (credentials would go with it).
        REDIRECT_REFUSED = "redirect_refused", Client;
        /// An operation name the client does not know.
        UNKNOWN_OPERATION = "unknown_operation", Client;
        /// A URL the signer cannot sign.
        INVALID_URL = "invalid_url", Signer;
        /// A header the signer cannot sign (or too many headers).
        INVALID_HEADER = "invalid_header", Signer;
        /// An `X-Sdk-Date` that is not `YYYYMMDDTHHMMSSZ`.
        INVALID_DATE = "invalid_date", Signer;
        /// A method that is not an HTTP token.
        INVALID_METHOD = "invalid_method", Signer;
        /// A request body that cannot be read or signed.
        INVALID_BODY = "invalid_body", Signer;
        /// The AK or SK is missing.
        MISSING_CREDENTIALS = "missing_credentials", Signer;
    }
}

code_set! {
    /// The answers a signing proxy gives itself, without calling BSS: `error_code` of its
    /// `{"error_code", "error_msg"}` body, which a browser `BssClient` throws as `BssError.code`.
    pub mod refusal as "RefusalCode" in "a signing proxy's error_code, BssError.code in the browser" {
        /// The request is not `POST <mount>/<Operation>`.
        METHOD_NOT_ALLOWED = "method_not_allowed", Proxy(405);
        /// The last path segment is not an operation name.
        UNKNOWN_OPERATION = "unknown_operation", Proxy(404);
        /// The operation is not in the proxy's `allow` list.
        OPERATION_NOT_ALLOWED = "operation_not_allowed", Proxy(403);
        /// The body is larger than the proxy reads (1 MiB, declared or streamed).
        REQUEST_TOO_LARGE = "request_too_large", Proxy(413);
        /// The body could not be read (aborted, locked or already used).
        INVALID_BODY = "invalid_body", Proxy(400);
        /// The body is not JSON or the input breaks a rule (`issues` lists them).
        INVALID_REQUEST = "invalid_request", Proxy(400);
        /// BSS answered with a redirect, which is never followed.
        REDIRECT_REFUSED = "redirect_refused", Proxy(502);
        /// BSS could not be reached.
        NETWORK_ERROR = "network_error", Proxy(502);
        /// BSS did not answer in time.
        TIMEOUT = "timeout", Proxy(504);
        /// Under `toNodeListener`: the request body did not arrive in time.
        REQUEST_TIMEOUT = "request_timeout", Proxy(408);
        /// The proxy itself failed; the answer says nothing of the cause.
        INTERNAL = "internal", Proxy(500);
    }
}

code_set! {
    /// The codes of registration issues (`validateRegistration`, `validateField`).
    pub mod registration as "RegistrationIssueCode" in "RegistrationIssue.code" {
        /// Missing: absent, `null`, or `""` where `""` means missing (`params.required_by` when another field needs it).
        REQUIRED = "required", Registration;
        /// `""` where the server rejects the empty string (leave the field out instead).
        EMPTY = "empty", Registration;
        /// The value has the wrong JSON type (`params.expected`, `params.actual`).
        INVALID_TYPE = "invalid_type", Registration;
        /// Shorter than `params.min` (UTF-16 code units, as JavaScript's `.length`).
        TOO_SHORT = "too_short", Registration;
        /// Longer than `params.max`.
        TOO_LONG = "too_long", Registration;
        /// A character outside the field's alphabet, at `params.position` (UTF-16 index).
        INVALID_CHARACTER = "invalid_character", Registration;
        /// An account name that does not start with a letter or `-`.
        INVALID_START = "invalid_start", Registration;
        /// An account name starting with `op_` or `shadow_` (`params.prefix`).
        RESERVED_PREFIX = "reserved_prefix", Registration;
        /// An account name made of digits only.
        ALL_DIGITS = "all_digits", Registration;
        /// A password with fewer than 2 of: upper case, lower case, digit, special character.
        TOO_FEW_CHARACTER_CLASSES = "too_few_character_classes", Registration;
        /// A password equal to the account name (ignoring case).
        SAME_AS_NAME = "same_as_name", Registration;
        /// A password equal to the account name reversed (ignoring case).
        SAME_AS_REVERSED_NAME = "same_as_reversed_name", Registration;
        /// A password containing the mobile number.
        CONTAINS_MOBILE = "contains_mobile", Registration;
        /// A password containing the email address (ignoring case).
        CONTAINS_EMAIL = "contains_email", Registration;
        /// Not a Chinese mobile number (`params.reason`).
        INVALID_MOBILE = "invalid_mobile", Registration;
        /// Not a well-formed email address (`params.reason`).
        INVALID_EMAIL = "invalid_email", Registration;
        /// Not one of `params.allowed`.
        INVALID_VALUE = "invalid_value", Registration;
        /// A number outside `params.min`..=`params.max`.
        OUT_OF_RANGE = "out_of_range", Registration;
        /// Not an ISO 3166-1 alpha-2 code in upper case (`params.suggestion` when only the case is wrong).
        INVALID_COUNTRY_CODE = "invalid_country_code", Registration;
        /// A field of the other site (`params.site`); the server would drop it silently.
        FIELD_NOT_ON_SITE = "field_not_on_site", Registration;
    }
}

code_set! {
    /// The codes of a BSS request's validation issues (`BssError.issues[].code` of
    /// `invalid_request`) besides the registration codes, which the registration operations use.
    pub mod request as "RequestIssueCode" in "BssError.issues[].code" {
        /// Missing (absent, `null`, or `""` where that means missing); `params.when` when another field needs it.
        REQUIRED = "required", Client;
        /// Must be left out because another field has a value (`params.when`).
        NOT_ALLOWED = "not_allowed", Client;
        /// `""` where the server rejects it.
        EMPTY = "empty", Client;
        /// Wrong JSON type (`params.expected`).
        INVALID_TYPE = "invalid_type", Client;
        /// Fewer than `params.min` characters.
        TOO_SHORT = "too_short", Client;
        /// More than `params.max` characters.
        TOO_LONG = "too_long", Client;
        /// Not one of the allowed values (`params.allowed`).
        INVALID_VALUE = "invalid_value", Client;
        /// An integer outside `params.min`..=`params.max`.
        OUT_OF_RANGE = "out_of_range", Client;
        /// Fewer than `params.min` list items.
        TOO_FEW_ITEMS = "too_few_items", Client;
        /// More than `params.max` list items.
        TOO_MANY_ITEMS = "too_many_items", Client;
        /// The same value twice in a list (`params.value`).
        DUPLICATE = "duplicate", Client;
        /// An operation or field the international site (bssintl) does not have.
        NOT_ON_SITE = "not_on_site", Client;
        /// A space where the docs do not support one.
        CONTAINS_SPACE = "contains_space", Client;
        /// Not the documented time format (`params.format`).
        INVALID_TIME = "invalid_time", Client;
        /// Not an amount of the right kind.
        INVALID_AMOUNT = "invalid_amount", Client;
        /// A key the operation does not have (`params.operation`).
        UNKNOWN_FIELD = "unknown_field", Client;
        /// A combination BSS refuses (`server_code` names its CBC code).
        CONFLICT = "conflict", Client;
    }
}

code_set! {
    /// The codes of coupon verdict reasons (`CouponVerdict.reasons[].code`).
    pub mod reason as "ReasonCode" in "CouponReason.code" {
        /// A coupon field cannot be read (`params.field`, `params.error`): indeterminate.
        MALFORMED_COUPON = "malformed_coupon", Coupons;
        /// A `use_limits` row cannot be read (`params.field`, `params.value`): indeterminate.
        MALFORMED_LIMIT = "malformed_limit", Coupons;
        /// A `limit_key` the engine does not know: indeterminate.
        UNKNOWN_LIMIT = "unknown_limit", Coupons;
        /// A product coupon (产品券): no documented rules, indeterminate.
        UNSUPPORTED_KIND = "unsupported_kind", Coupons;
        /// `status` 1: not activated.
        NOT_ACTIVATED = "not_activated", Coupons;
        /// `status` 3: used up.
        USED_UP = "used_up", Coupons;
        /// `status` 4, or `expire_time` ≤ now.
        EXPIRED = "expired", Coupons;
        /// `status` 5: reclaimed by the partner.
        RECLAIMED = "reclaimed", Coupons;
        /// now < `effective_time`.
        NOT_YET_VALID = "not_yet_valid", Coupons;
        /// `is_frozen` = "1".
        FROZEN = "frozen", Coupons;
        /// Nothing left on a new-version coupon or card.
        NO_BALANCE = "no_balance", Coupons;
        /// `used_by_order_id` names another order.
        LOCKED_BY_OTHER_ORDER = "locked_by_other_order", Coupons;
        /// `lock_order_id` names another order: part of the balance may be held by it (indeterminate).
        LOCKED_AMOUNT_UNKNOWN = "locked_amount_unknown", Coupons;
        /// The coupon's currency differs from the order's.
        CURRENCY_MISMATCH = "currency_mismatch", Coupons;
        /// `serviceType`: no line of an allowed service type.
        SERVICE_TYPE_NOT_ALLOWED = "service_type_not_allowed", Coupons;
        /// `serviceTypeBlackList`: every line's service type is blacklisted.
        SERVICE_TYPE_BLACKLISTED = "service_type_blacklisted", Coupons;
        /// `regionCode`: no line in an allowed region.
        REGION_NOT_ALLOWED = "region_not_allowed", Coupons;
        /// `productId`: no line of an allowed product.
        PRODUCT_NOT_ALLOWED = "product_not_allowed", Coupons;
        /// Product blacklist: every line's product is blacklisted.
        PRODUCT_BLACKLISTED = "product_blacklisted", Coupons;
        /// `isOnlyForStrictSelected`: no strict-selected (严选) line.
        NOT_STRICT_SELECTED = "not_strict_selected", Coupons;
        /// `cycleType`: no line with an allowed charging mode / period type.
        CYCLE_TYPE_NOT_ALLOWED = "cycle_type_not_allowed", Coupons;
        /// A discount coupon on lines that are not yearly/monthly.
        DISCOUNT_COUPON_PERIOD_ONLY = "discount_coupon_period_only", Coupons;
        /// A discount coupon whose `face_value` is not a pay ratio in (0, 1) (indeterminate).
        DISCOUNT_COUPON_FACE_VALUE = "discount_coupon_face_value", Coupons;
        /// `coupon_group` 3: a coupon for hardware only, and no line is hardware.
        HARDWARE_ONLY = "hardware_only", Coupons;
        /// `firstOrderInService`: no line is the customer's first order of its service.
        NOT_FIRST_ORDER = "not_first_order", Coupons;
        /// `firstOrderInService`: the order carries no history for the lines' services (indeterminate by policy).
        FIRST_ORDER_UNKNOWN = "first_order_unknown", Coupons;
        /// A line-selecting limit needs a line field the order does not carry (indeterminate).
        LINE_DATA_MISSING = "line_data_missing", Coupons;
        /// Each line-selecting limit matches some line, but no line matches all of them.
        NO_ELIGIBLE_LINE = "no_eligible_line", Coupons;
        /// `baseValue`: the eligible amount is not above the lower bound.
        AMOUNT_BELOW_MINIMUM = "amount_below_minimum", Coupons;
        /// `baseValue`: the eligible amount is above the upper bound.
        AMOUNT_ABOVE_MAXIMUM = "amount_above_maximum", Coupons;
        /// `subscribeType`: the order type is not allowed.
        SUBSCRIBE_TYPE_NOT_ALLOWED = "subscribe_type_not_allowed", Coupons;
        /// `cycleNum`: the order's period count is not allowed.
        CYCLE_NUM_NOT_ALLOWED = "cycle_num_not_allowed", Coupons;
        /// `cycleNum`: the order carries no `period_num` (indeterminate).
        PERIOD_NUM_MISSING = "period_num_missing", Coupons;
        /// A `simultaneousUseWith…Discount` flag forbids the order's discount (CBC.99003116).
        DISCOUNT_NOT_COMBINABLE = "discount_not_combinable", Coupons;
        /// `minConsumeDiscount`: every discounted line is below the minimum ratio (CBC.99003117).
        DISCOUNT_BELOW_MINIMUM = "discount_below_minimum", Coupons;
        /// The order's discount has an unknown `discount_type`, so the coupon flags cannot be checked (indeterminate).
        DISCOUNT_TYPE_UNKNOWN = "discount_type_unknown", Coupons;
        /// `minConsumeDiscount`: the order's discount carries no line ratios (indeterminate).
        DISCOUNT_RATIO_MISSING = "discount_ratio_missing", Coupons;
    }
}

code_set! {
    /// The codes of the quote's rejections (`Quote.rejected[].code`): a requested coupon or
    /// discount that is not used. Their English and Chinese messages are in [`catalog`].
    pub mod rejection as "RejectionCode" in "QuoteRejection.code" {
        /// No coupon with this id was given.
        UNKNOWN_COUPON = "unknown_coupon", Quote;
        /// No discount with this id was given.
        UNKNOWN_DISCOUNT = "unknown_discount", Quote;
        /// The coupon id is given more than once (in the request or the wallet): it is used once.
        DUPLICATE_COUPON = "duplicate_coupon", Quote;
        /// The evaluator rules the coupon out (`reasons`).
        COUPON_NOT_APPLICABLE = "coupon_not_applicable", Quote;
        /// The evaluator cannot decide the coupon locally (`reasons`); a preview does not count on it.
        COUPON_INDETERMINATE = "coupon_indeterminate", Quote;
        /// A product coupon or a coupon without a usable type.
        UNSUPPORTED_COUPON_KIND = "unsupported_coupon_kind", Quote;
        /// More than `max_coupons_per_order`.
        TOO_MANY_COUPONS = "too_many_coupons", Quote;
        /// More than `max_cash_coupons_per_order`.
        TOO_MANY_CASH_COUPONS = "too_many_cash_coupons", Quote;
        /// More than the server's limit for this type and group (`coupon_max_use_quantity`).
        COUPON_MAX_USE_QUANTITY = "coupon_max_use_quantity", Quote;
        /// A second discount coupon.
        TOO_MANY_DISCOUNT_COUPONS = "too_many_discount_coupons", Quote;
        /// A cash coupon with a discount coupon (CBC.99003147).
        CASH_WITH_DISCOUNT_COUPON = "cash_with_discount_coupon", Quote;
        /// A discount coupon with a coupon that forbids it (`simultaneousUseWithDiscountCoupon`).
        DISCOUNT_COUPON_NOT_COMBINABLE = "discount_coupon_not_combinable", Quote;
        /// A KooGallery coupon with a 1024 dedicated coupon (CBC.99003156).
        COUPON_GROUP_CONFLICT = "coupon_group_conflict", Quote;
        /// The benefits before the coupon already cover everything it could pay.
        NOTHING_TO_DEDUCT = "nothing_to_deduct", Quote;
        /// The discount option does not fit the order (`message` says why); an inapplicable 609 is always listed.
        DISCOUNT_NOT_APPLICABLE = "discount_not_applicable", Quote;
        /// PayOrders cannot take this discount (`discount_type` 1 合同折扣, or a code outside 0 / 2 / 3 / 609).
        DISCOUNT_NOT_PAYABLE = "discount_not_payable", Quote;
        /// A 609 price adjustment is on the order and must be used instead.
        ORDER_ADJUSTMENT_MANDATORY = "order_adjustment_mandatory", Quote;
    }
}

/// Every set, in the order the docs list them.
pub const SETS: [Set; 6] = [
    error::SET,
    refusal::SET,
    registration::SET,
    request::SET,
    reason::SET,
    rejection::SET,
];

/// Codes that were renamed or merged: (old, new, since). The old code is emitted and accepted
/// nowhere.
pub const CHANGED: &[(&str, &str, &str)] = &[
    (
        "invalid_options",
        error::INVALID_OPTION,
        "0.1.0 (issue 12): one code for a bad option, engine and client alike",
    ),
    (
        "invalid_order",
        error::INTERNAL,
        "0.1.0 (issue 12): a quote whose result cannot be written is `internal`, as for coupons",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_snake_case_and_unique_per_set() {
        for set in SETS {
            let mut seen = std::collections::BTreeSet::new();
            for c in set.codes {
                assert!(
                    !c.code.is_empty()
                        && c.code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                    "{}",
                    c.code
                );
                assert!(seen.insert(c.code), "{} twice in {}", c.code, set.union);
                assert!(!c.meaning.trim().is_empty(), "{}", c.code);
            }
        }
    }

    #[test]
    fn a_code_shared_by_sets_has_one_spelling_and_renamed_codes_are_gone() {
        // The same failure is one code everywhere (issue 12: `invalid_option` vs
        // `invalid_options`): no registered code is another's plural.
        let all: Vec<&str> = SETS.iter().flat_map(|s| s.codes).map(|c| c.code).collect();
        for c in &all {
            assert!(!all.contains(&format!("{c}s").as_str()), "{c} and {c}s");
        }
        for (old, new, _) in CHANGED {
            assert!(all.contains(new), "{new}");
            // A renamed code is gone; a code that was misused for another failure stays
            // registered for its own meaning.
            if *old == "invalid_options" {
                assert!(!all.contains(old), "{old} is still registered");
            }
        }
    }

    #[test]
    fn ts_unions_list_the_codes() {
        assert!(error::TS_UNION.starts_with(" | \"invalid_amount\" | \"amount_overflow\""));
        assert_eq!(
            rejection::TS_UNION.matches(" | ").count(),
            rejection::SET.codes.len()
        );
    }
}
