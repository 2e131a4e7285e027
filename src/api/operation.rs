//! The BSS operations the client covers: method, path, parameters with their documented
//! rules, whether a call may be repeated, and cross-field rules.
//!
//! Limits come from the spec (registration-auth, coupons, pricing-discounts) and the
//! official SDK models. Where the docs give no upper bound, the bound used is marked
//! "bound" in the tables below: ids 64 characters (the documented length of every BSS id
//! that has one), list `limit` 1–100 (the BSS list-API norm), free text 1024.

use super::sdk_table;
use super::value::Json;

use super::issue::{Issue, Problem};
use super::registration;
use super::schema::{Empty, Field, Rule, X_LANGUAGE};

/// When a call may be sent again after a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    /// Reads (GETs and query POSTs): retried after network errors, timeouts, 429, 502, 503
    /// and 504.
    ReadOnly,
    /// Writes: retried only after 429 (throttled before BSS processed the request).
    OnThrottle,
    /// Never retried (CreateSubCustomer: a repeat creates a second account or fails with
    /// CBC.99000039; reconcile with ListSubCustomers instead).
    Never,
}

/// Who calls an operation (from the SDK's description of it, see `operations.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    /// The partner, with its AK/SK (or through the signing proxy).
    Partner,
    /// The customer, with its own AK/SK or IAM token.
    Customer,
    /// Either.
    Either,
}

/// Cross-field rules of one operation.
pub type CrossCheck = fn(&Json, &mut Vec<Issue>);

/// The definition of one operation.
#[derive(Debug)]
pub struct Spec {
    /// BSS operation name (`ListSubCustomers`).
    pub name: &'static str,
    /// The client method (`listSubCustomers`).
    pub js_name: &'static str,
    /// HTTP method.
    pub method: &'static str,
    /// Resource path (`{name}` marks a path parameter).
    pub path: &'static str,
    /// Whether the request has a JSON body (the SDK's request model has `body`).
    pub body: bool,
    /// Retry class.
    pub repeat: Repeat,
    /// Parameters.
    pub fields: &'static [Field],
    /// Rules between fields.
    pub cross: Option<CrossCheck>,
    /// For the registration operations: the parameter names and the registration rules,
    /// which replace `fields`.
    pub registration: Option<&'static [&'static str]>,
}

macro_rules! operations {
    ($($op:ident $js:literal $method:literal $path:literal $repeat:ident $body:literal $fields:path, $cross:expr, $reg:expr;)*) => {
        /// A BSS operation of the client.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Operation {
            $(
                #[doc = concat!("`", $method, " ", $path, "`")]
                $op,
            )*
        }

        impl Operation {
            /// Every operation: the DESIGN list, then the SDK's order.
            pub const ALL: &'static [Operation] = &[$(Operation::$op),*];

            /// The operation's definition.
            pub fn spec(self) -> &'static Spec {
                match self {
                    $(Operation::$op => &Spec {
                        name: stringify!($op),
                        js_name: $js,
                        method: $method,
                        path: $path,
                        body: $body,
                        repeat: Repeat::$repeat,
                        fields: $fields,
                        cross: $cross,
                        registration: $reg,
                    },)*
                }
            }
        }
    };
}

// The table: the hand-kept rows (the project's documented rules; the registration rows use the
// registration rules, stricter on purpose in one place: an account name may not start with `_`,
// which CreateSubCustomer accepts but CheckUserIdentity refuses, so such a name could not be
// checked first), then the rows generated from the SDK (`sdk_table.rs`). Facts, doc text and
// sources per operation: `operations.json`.
with_sdk_rows! { operations {
    CheckUserIdentity "checkUserIdentity" "POST" "/v2/partners/sub-customers/users/check-identity" ReadOnly true NONE, None, Some(registration::CHECK_USER_IDENTITY_FIELDS);
    SendVerificationMessageCode "sendVerificationMessageCode" "POST" "/v2/bases/verificationcode/send" OnThrottle true NONE, None, Some(registration::SEND_VERIFICATION_CODE_FIELDS);
    CreateSubCustomer "createSubCustomer" "POST" "/v2/partners/sub-customers" Never true NONE, None, Some(registration::CREATE_SUB_CUSTOMER_FIELDS);
    ListSubCustomers "listSubCustomers" "POST" "/v2/partners/sub-customers/query" ReadOnly true LIST_SUB_CUSTOMERS, None, None;
    ListSubCustomerCoupons "listSubCustomerCoupons" "GET" "/v2/promotions/benefits/coupons" ReadOnly false LIST_SUB_CUSTOMER_COUPONS, Some(offset_needs_limit), None;
    ListIssuedPartnerCoupons "listIssuedPartnerCoupons" "GET" "/v2/promotions/benefits/partner-coupons" ReadOnly false LIST_ISSUED_PARTNER_COUPONS, None, None;
    CreatePartnerCoupons "createPartnerCoupons" "POST" "/v2/promotions/benefits/partner-coupons" OnThrottle true CREATE_PARTNER_COUPONS, Some(valid_before_expire), None;
    ReclaimPartnerCoupons "reclaimPartnerCoupons" "POST" "/v2/promotions/benefits/partner-coupons/reclaim" OnThrottle true RECLAIM_PARTNER_COUPONS, None, None;
    ListQuotaCoupons "listQuotaCoupons" "POST" "/v2/partners/coupon-quotas/query" ReadOnly true LIST_QUOTA_COUPONS, None, None;
    ListOrderCouponsByOrderId "listOrderCouponsByOrderId" "GET" "/v2/orders/customer-orders/order-coupons" ReadOnly false ORDER_ID, None, None;
    ListOrderDiscounts "listOrderDiscounts" "GET" "/v2/orders/customer-orders/order-discounts" ReadOnly false ORDER_ID, None, None;
    PayOrders "payOrders" "POST" "/v3/orders/customer-orders/pay" OnThrottle true PAY_ORDERS, Some(pay_rules), None;
    ListRateOnPeriodDetail "listRateOnPeriodDetail" "POST" "/v2/bills/ratings/period-resources/subscribe-rate" ReadOnly true RATE_ON_PERIOD, Some(unique_product_ids), None;
    ListOnDemandResourceRatings "listOnDemandResourceRatings" "POST" "/v2/bills/ratings/on-demand-resources" ReadOnly true RATE_ON_DEMAND, Some(unique_product_ids), None;
    ListRenewRateOnPeriod "listRenewRateOnPeriod" "POST" "/v2/bills/ratings/period-resources/renew-rate" ReadOnly true RENEW_RATE, Some(renew_period_rules), None;
    ListServiceTypes "listServiceTypes" "GET" "/v2/products/service-types" ReadOnly false LIST_SERVICE_TYPES, None, None;
    ListResourceTypes "listResourceTypes" "GET" "/v2/products/resource-types" ReadOnly false LIST_RESOURCE_TYPES, None, None;
    ListServiceResources "listServiceResources" "GET" "/v2/products/service-resources" ReadOnly false LIST_SERVICE_RESOURCES, None, None;
    ListUsageTypes "listUsageTypes" "GET" "/v2/products/usage-types" ReadOnly false LIST_USAGE_TYPES, None, None;
    ListMeasureUnits "listMeasureUnits" "GET" "/v2/bases/measurements" ReadOnly false LANGUAGE_ONLY, None, None;
    ListConversions "listConversions" "GET" "/v2/bases/conversions" ReadOnly false LIST_CONVERSIONS, None, None;
    ListResourceSpecs "listResourceSpecs" "POST" "/v2/products/resource-specs-query" ReadOnly true LIST_RESOURCE_SPECS, None, None;
    ListIncentiveDiscountPolicies "listIncentiveDiscountPolicies" "GET" "/v2/products/incentive-discount-policies" ReadOnly false LIST_INCENTIVE_POLICIES, None, None;
}}

impl Operation {
    /// The operation with this BSS name (`ListSubCustomers`) or client method name
    /// (`listSubCustomers`).
    pub fn from_name(name: &str) -> Option<Operation> {
        Operation::ALL
            .iter()
            .copied()
            .find(|op| op.spec().name == name || op.spec().js_name == name)
    }

    /// Whether the international site (`bssintl`) has this operation.
    pub fn on_intl(self) -> bool {
        !sdk_table::CN_ONLY.contains(&self.spec().name)
    }

    /// The fields of this operation that the international site's model lacks.
    pub fn intl_missing_fields(self) -> &'static [&'static str] {
        let name = self.spec().name;
        sdk_table::INTL_MISSING_FIELDS
            .iter()
            .find(|(op, _)| *op == name)
            .map_or(&[], |(_, fields)| fields)
    }

    /// Whether BSS answers success with `204 No Content`.
    pub fn no_content(self) -> bool {
        sdk_table::NO_CONTENT.contains(&self.spec().name)
    }

    /// Who calls the operation.
    pub fn caller(self) -> Caller {
        let name = self.spec().name;
        if sdk_table::CUSTOMER_CALLED.contains(&name) {
            Caller::Customer
        } else if sdk_table::EITHER_CALLED.contains(&name) {
            Caller::Either
        } else {
            Caller::Partner
        }
    }
}

/// Largest offset: BSS offsets are 32-bit integers.
pub const OFFSET_MAX: i64 = 2_147_483_647;
/// Longest id where the docs give no length (bound).
pub const ID_MAX: usize = 64;

const ID: Rule = Rule::Text(1, ID_MAX);
const FILTER_ID: Rule = Rule::Text(0, ID_MAX);
const OFFSET: Rule = Rule::Int(0, OFFSET_MAX);
const LIMIT_100: Rule = Rule::Int(1, 100);
const fn body(name: &'static str, rule: Rule) -> Field {
    Field::body(name, rule)
}
const fn query(name: &'static str, rule: Rule) -> Field {
    Field::query(name, rule)
}
const fn time(name: &'static str, at_query: bool) -> Field {
    let f = if at_query {
        query(name, Rule::Time)
    } else {
        body(name, Rule::Time)
    };
    f.empty(Empty::Reject)
}
const fn ids(item: &'static Rule, min: usize, max: usize) -> Rule {
    Rule::List {
        item,
        min,
        max,
        unique: true,
    }
}

// ---- registration: validated by `crate::registration` (see `registration.rs`) ----

const NONE: &[Field] = &[];

// ---- customers and coupons (spec coupons §1, §3, §5) ----

// account_name, customer, label: "不支持携带空格查询" (no spaces). offset: at most 40,000,000
// (the international API page; the China page states no bound).
const LIST_SUB_CUSTOMERS: &[Field] = &[
    body("account_name", Rule::Text(0, 64))
        .empty(Empty::Keep)
        .no_spaces(),
    body("customer", Rule::Text(0, 64))
        .empty(Empty::Keep)
        .no_spaces(),
    body("offset", Rule::Int(0, 40_000_000)),
    body("limit", LIMIT_100),
    body("label", Rule::Text(0, 64))
        .empty(Empty::Keep)
        .no_spaces(),
    body("association_type", Rule::OneOf(&["1", "2"])).empty(Empty::Keep),
    time("associated_on_begin", false),
    time("associated_on_end", false),
    body("customer_id", FILTER_ID).empty(Empty::Keep),
    body("indirect_partner_id", FILTER_ID).empty(Empty::Keep),
];

const LIST_SUB_CUSTOMER_COUPONS: &[Field] = &[
    query("coupon_id", FILTER_ID).empty(Empty::Keep),
    query("order_id", FILTER_ID).empty(Empty::Keep),
    query("promotion_plan_id", FILTER_ID).empty(Empty::Keep),
    query("coupon_type", Rule::IntOneOf(&[1, 2, 3, 4])),
    query("status", Rule::IntOneOf(&[1, 2, 3, 4, 5])),
    time("active_start_time", true),
    time("active_end_time", true),
    query("offset", OFFSET),
    query("limit", LIMIT_100),
    query("source_id", Rule::Text(0, 255)).empty(Empty::Keep),
    query("indirect_partner_id", FILTER_ID).empty(Empty::Keep),
];

fn offset_needs_limit(map: &Json, issues: &mut Vec<Issue>) {
    if map.has("offset") && !map.has("limit") {
        issues.push(Problem::RequiredWhen("offset is given".into()).at("limit"));
    }
}

const LIST_ISSUED_PARTNER_COUPONS: &[Field] = &[
    query("coupon_id", ID).empty(Empty::Reject),
    query("customer_id", FILTER_ID).empty(Empty::Keep),
    query("order_id", ID).empty(Empty::Reject),
    query("coupon_type", Rule::IntOneOf(&[1, 4])),
    query("status", Rule::IntOneOf(&[1, 2, 3, 4, 5])),
    time("create_time_begin", true),
    time("create_time_end", true),
    time("effective_time_begin", true),
    time("effective_time_end", true),
    time("expire_time_begin", true),
    time("expire_time_end", true),
    query("offset", OFFSET),
    query("limit", LIMIT_100),
    query("indirect_partner_id", FILTER_ID).empty(Empty::Keep),
];

const CREATE_PARTNER_COUPONS: &[Field] = &[
    body("quota_id", ID).required(),
    body("customer_ids", ids(&ID, 1, 100)).required(),
    body("face_value", Rule::FaceValue).required(),
    time("valid_time", false),
    time("expire_time", false),
    body("cloud_service_types", ids(&ID, 0, 10)),
    body("product_ids", ids(&ID, 0, 10)),
    body("memo", Rule::Text(0, 1024)).empty(Empty::Keep),
    body("indirect_partner_id", FILTER_ID).empty(Empty::Keep),
];

fn valid_before_expire(map: &Json, issues: &mut Vec<Issue>) {
    // The fixed-width UTC form orders like time.
    if let (Some(from), Some(to)) = (
        map.get("valid_time").and_then(Json::as_str),
        map.get("expire_time").and_then(Json::as_str),
    ) && from >= to
    {
        issues.push(
            Problem::Conflict(
                "CBC.0100",
                "must be later than valid_time",
                "必须晚于valid_time",
            )
            .at("expire_time"),
        );
    }
}

const RECLAIM_PARTNER_COUPONS: &[Field] = &[
    body("coupon_id", ID).required(),
    body("indirect_partner_id", Rule::Text(1, 100)).empty(Empty::Reject),
];

const LIST_QUOTA_COUPONS: &[Field] = &[
    body("quota_ids", ids(&ID, 0, 50)),
    body(
        "quota_status_list",
        ids(&Rule::IntOneOf(&[0, 3, 4, 5]), 0, 5),
    ),
    body("quota_type", Rule::IntOneOf(&[0, 1])),
    time("create_time_begin", false),
    time("create_time_end", false),
    time("effective_time_begin", false),
    time("effective_time_end", false),
    time("expire_time_begin", false),
    time("expire_time_end", false),
    body("offset", OFFSET),
    body("limit", LIMIT_100),
    body("indirect_partner_id", FILTER_ID).empty(Empty::Keep),
];

// ---- orders (spec coupons §7, pricing-discounts §3.3) ----

const ORDER_ID: &[Field] = &[query("order_id", ID).required()];

const COUPON_INFO: &[Field] = &[
    body("id", ID).required(),
    body("type", Rule::IntOneOf(&[300, 301, 302, 303])).required(),
];
const DISCOUNT_INFO: &[Field] = &[
    body("id", ID).required(),
    body("type", Rule::IntOneOf(&[0, 2, 3, 609])).required(),
];
const PAY_ORDERS: &[Field] = &[
    body("order_id", ID).required(),
    body("use_coupon", Rule::OneOf(&["YES", "NO"])).required(),
    body("use_discount", Rule::OneOf(&["YES", "NO"])).required(),
    body(
        "coupon_infos",
        Rule::List {
            item: &Rule::Object(COUPON_INFO),
            min: 1,
            max: 3,
            unique: true,
        },
    ),
    body(
        "discount_infos",
        Rule::List {
            item: &Rule::Object(DISCOUNT_INFO),
            min: 1,
            max: 1,
            unique: true,
        },
    ),
];

fn pay_rules(map: &Json, issues: &mut Vec<Issue>) {
    for (flag, list) in [
        ("use_coupon", "coupon_infos"),
        ("use_discount", "discount_infos"),
    ] {
        match (map.get(flag).and_then(Json::as_str), map.has(list)) {
            (Some("YES"), false) => {
                issues.push(Problem::RequiredWhen(format!("{flag} is YES")).at(list))
            }
            // The doc: with NO the list "must not be filled, otherwise a parameter error".
            (Some("NO"), true) => {
                issues.push(Problem::NotAllowed(format!("{flag} is NO")).at(list))
            }
            _ => {}
        }
    }
    let types: Vec<i64> = map
        .get("coupon_infos")
        .and_then(Json::as_array)
        .map(|l| {
            l.iter()
                .filter_map(|c| c.get("type").and_then(Json::as_i64))
                .collect()
        })
        .unwrap_or_default();
    if types.contains(&300) && types.contains(&301) {
        issues.push(
            Problem::Conflict(
                "CBC.99003147",
                "a cash coupon (301) and a discount coupon (300) cannot be used together",
                "代金券（301）与折扣券（300）不能同时使用",
            )
            .at("coupon_infos"),
        );
    }
}

// ---- ratings (spec pricing-discounts §1–§3) ----

/// The product fields shared by the period and on-demand inquiries, then `$extra`.
macro_rules! product_fields {
    ($($extra:expr),* $(,)?) => {
        &[
            body("id", ID).required(),
            body("cloud_service_type", Rule::Text(1, 400)).required(),
            body("resource_type", Rule::Text(1, 400)).required(),
            body("resource_spec", Rule::Text(1, 400)).required(),
            body("region", Rule::Text(1, 64)).required(),
            body("available_zone", Rule::Text(0, 64)).empty(Empty::Keep),
            body("resource_size", Rule::Int(1, OFFSET_MAX)),
            body("size_measure_id", Rule::IntOneOf(&[14, 15, 17])),
            $($extra),*
        ]
    };
}
const PERIOD_PRODUCT: &[Field] = product_fields![
    body("period_type", Rule::IntOneOf(&[0, 2, 3, 4])).required(),
    body("period_num", Rule::Int(1, OFFSET_MAX)).required(),
    body("subscription_num", Rule::Int(1, 10_000)).required(),
    // "" (like absent) means the default NA.
    body(
        "fee_installment_mode",
        Rule::OneOf(&["HALF_PAY", "ZERO_PAY", "NA"])
    )
    .empty(Empty::Keep),
];
const DEMAND_PRODUCT: &[Field] = product_fields![
    body("usage_factor", Rule::Text(1, 64)).required(),
    body("usage_value", Rule::Quantity).required(),
    body("usage_measure_id", Rule::Int(0, 1000)).required(),
    body("subscription_num", Rule::Int(1, OFFSET_MAX)).required(),
];
const RATE_ON_PERIOD: &[Field] = &[
    body("project_id", ID).required(),
    body(
        "product_infos",
        Rule::List {
            item: &Rule::Object(PERIOD_PRODUCT),
            min: 1,
            max: 100,
            unique: false,
        },
    )
    .required(),
];
const RATE_ON_DEMAND: &[Field] = &[
    body("project_id", ID).required(),
    body("inquiry_precision", Rule::IntOneOf(&[0, 1])),
    body(
        "product_infos",
        Rule::List {
            item: &Rule::Object(DEMAND_PRODUCT),
            min: 1,
            max: 100,
            unique: false,
        },
    )
    .required(),
];

fn unique_product_ids(map: &Json, issues: &mut Vec<Issue>) {
    let Some(items) = map.get("product_infos").and_then(Json::as_array) else {
        return;
    };
    for (i, item) in items.iter().enumerate() {
        let Some(id) = item.get("id").and_then(Json::as_str) else {
            continue;
        };
        if items[..i]
            .iter()
            .any(|o| o.get("id").and_then(Json::as_str) == Some(id))
        {
            issues.push(Problem::Duplicate(id.to_owned()).at(&format!("product_infos[{i}].id")));
        }
        // Linear products are sized: the size needs its unit and the unit its size.
        for (a, b) in [
            ("resource_size", "size_measure_id"),
            ("size_measure_id", "resource_size"),
        ] {
            if item.has(a) && !item.has(b) {
                issues.push(
                    Problem::RequiredWhen(format!("{a} is given"))
                        .at(&format!("product_infos[{i}].{b}")),
                );
            }
        }
    }
}

const RENEW_RATE: &[Field] = &[
    body("resource_ids", ids(&ID, 1, 10)).required(),
    body("period_type", Rule::IntOneOf(&[2, 3])).required(),
    body("period_num", Rule::Int(1, 11)).required(),
    // "" (like absent) means false.
    body("include_relative_resources", Rule::Bool).empty(Empty::Keep),
];

fn renew_period_rules(map: &Json, issues: &mut Vec<Issue>) {
    let years = map.get("period_type").and_then(Json::as_i64) == Some(3);
    if years
        && map
            .get("period_num")
            .and_then(Json::as_i64)
            .is_some_and(|n| n > 3)
    {
        issues.push(Problem::OutOfRange(1, 3).at("period_num"));
    }
}

// ---- catalog (spec pricing-discounts §3.6, §4.3, §5) ----

const LIST_SERVICE_TYPES: &[Field] = &[
    X_LANGUAGE,
    query("limit", Rule::Int(1, 1000)),
    query("offset", Rule::Int(0, 1_000_000_000)),
    query("service_type_name", Rule::Text(1, 128)),
];
const LIST_RESOURCE_TYPES: &[Field] = &[
    X_LANGUAGE,
    query("limit", Rule::Int(1, 1000)),
    query("offset", Rule::Int(0, 1_000_000_000)),
];
const LIST_SERVICE_RESOURCES: &[Field] = &[
    X_LANGUAGE,
    query("service_type_code", ID).required(),
    query("limit", LIMIT_100),
    query("offset", Rule::Int(0, 10_000_000)),
];
const LIST_USAGE_TYPES: &[Field] = &[
    X_LANGUAGE,
    query("resource_type_code", FILTER_ID).empty(Empty::Keep),
    query("offset", OFFSET),
    query("limit", LIMIT_100),
];
const LANGUAGE_ONLY: &[Field] = &[X_LANGUAGE];
/// ListConversions' `measure_type`: the values its doc lists.
const MEASURE_TYPES: &[i64] = &[
    1, 2, 3, 4, 7, 9, 10, 11, 12, 16, 19, 20, 27, 28, 29, 30, 31, 40, 41, 98, 104, 108,
];
const LIST_CONVERSIONS: &[Field] = &[
    X_LANGUAGE,
    query("measure_type", Rule::IntOneOf(MEASURE_TYPES)),
];

const SPEC_FILTER: &[Field] = &[
    body("key", Rule::OneOf(&["RESOURCE_SPEC"])).required(),
    body("value", Rule::Text(1, 400)).required(),
];
const LIST_RESOURCE_SPECS: &[Field] = &[
    X_LANGUAGE,
    body("cloud_service_type", ID).required(),
    body("resource_type", ID).required(),
    body("region_code", ID).required(),
    body("charge_mode", Rule::OneOf(&["1", "3"])).required(),
    body(
        "filters",
        Rule::List {
            item: &Rule::Object(SPEC_FILTER),
            min: 0,
            max: 1,
            unique: false,
        },
    ),
    body("marker", Rule::Text(1, 1024)),
    body("limit", LIMIT_100),
];

// `marker` without `limit` is fine: limit defaults to 100 (the doc).

const LIST_INCENTIVE_POLICIES: &[Field] = &[
    query("time", Rule::Month),
    query("service_type_code", FILTER_ID).empty(Empty::Keep),
    query("offset", OFFSET),
    query("limit", LIMIT_100),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve_both_ways_and_are_unique() {
        assert_eq!(Operation::ALL.len(), 92);
        for op in Operation::ALL {
            let s = op.spec();
            assert_eq!(Operation::from_name(s.name), Some(*op));
            assert_eq!(Operation::from_name(s.js_name), Some(*op));
            let mut lower = s.name.to_owned();
            lower.replace_range(..1, &s.name[..1].to_ascii_lowercase());
            assert_eq!(lower, s.js_name);
            assert!(s.path.starts_with("/v"));
        }
        assert_eq!(Operation::from_name("listsubcustomers"), None);
        assert_eq!(Operation::CreateSubCustomer.spec().repeat, Repeat::Never);
    }
}
