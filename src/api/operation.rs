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
use super::schema::Fields;
use crate::text::ByteSearch as _;

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
    /// HTTP method.
    pub method: &'static str,
    /// Resource path (`{name}` marks a path parameter).
    pub path: &'static str,
    /// Whether the request has a JSON body (the SDK's request model has `body`).
    pub body: bool,
    /// Retry class.
    pub repeat: Repeat,
    /// Parameters (a program: see [`Fields`]).
    pub fields: &'static Fields,
    /// Rules between fields.
    pub cross: Option<CrossCheck>,
    /// For the registration operations: the parameter names and the registration rules,
    /// which replace `fields`.
    pub registration: Option<&'static [&'static str]>,
}

macro_rules! operations {
    ($($op:ident $method:literal $path:literal $repeat:ident $body:literal $fields:path, $cross:expr, $reg:expr;)*) => {
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
                // One array in the order of the enum: the records side by side (they compress
                // better than one static per operation) and no match.
                static SPECS: [Spec; Operation::ALL.len()] = [$(Spec {
                    name: stringify!($op),
                    method: $method,
                    path: $path,
                    body: $body,
                    repeat: Repeat::$repeat,
                    fields: $fields,
                    cross: $cross,
                    registration: $reg,
                },)*];
                &SPECS[self as usize]
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
    CheckUserIdentity "POST" "/v2/partners/sub-customers/users/check-identity" ReadOnly true NONE, None, Some(registration::CHECK_USER_IDENTITY_FIELDS);
    SendVerificationMessageCode "POST" "/v2/bases/verificationcode/send" OnThrottle true NONE, None, Some(registration::SEND_VERIFICATION_CODE_FIELDS);
    CreateSubCustomer "POST" "/v2/partners/sub-customers" Never true NONE, None, Some(registration::CREATE_SUB_CUSTOMER_FIELDS);
    ListSubCustomers "POST" "/v2/partners/sub-customers/query" ReadOnly true LIST_SUB_CUSTOMERS, None, None;
    ListSubCustomerCoupons "GET" "/v2/promotions/benefits/coupons" ReadOnly false LIST_SUB_CUSTOMER_COUPONS, Some(offset_needs_limit), None;
    ListIssuedPartnerCoupons "GET" "/v2/promotions/benefits/partner-coupons" ReadOnly false LIST_ISSUED_PARTNER_COUPONS, None, None;
    CreatePartnerCoupons "POST" "/v2/promotions/benefits/partner-coupons" OnThrottle true CREATE_PARTNER_COUPONS, Some(valid_before_expire), None;
    ReclaimPartnerCoupons "POST" "/v2/promotions/benefits/partner-coupons/reclaim" OnThrottle true RECLAIM_PARTNER_COUPONS, None, None;
    ListQuotaCoupons "POST" "/v2/partners/coupon-quotas/query" ReadOnly true LIST_QUOTA_COUPONS, None, None;
    ListOrderCouponsByOrderId "GET" "/v2/orders/customer-orders/order-coupons" ReadOnly false ORDER_ID, None, None;
    ListOrderDiscounts "GET" "/v2/orders/customer-orders/order-discounts" ReadOnly false ORDER_ID, None, None;
    PayOrders "POST" "/v3/orders/customer-orders/pay" OnThrottle true PAY_ORDERS, Some(pay_rules), None;
    ListRateOnPeriodDetail "POST" "/v2/bills/ratings/period-resources/subscribe-rate" ReadOnly true RATE_ON_PERIOD, Some(unique_product_ids), None;
    ListOnDemandResourceRatings "POST" "/v2/bills/ratings/on-demand-resources" ReadOnly true RATE_ON_DEMAND, Some(unique_product_ids), None;
    ListRenewRateOnPeriod "POST" "/v2/bills/ratings/period-resources/renew-rate" ReadOnly true RENEW_RATE, Some(renew_period_rules), None;
    ListServiceTypes "GET" "/v2/products/service-types" ReadOnly false LIST_SERVICE_TYPES, None, None;
    ListResourceTypes "GET" "/v2/products/resource-types" ReadOnly false LIST_RESOURCE_TYPES, None, None;
    ListServiceResources "GET" "/v2/products/service-resources" ReadOnly false LIST_SERVICE_RESOURCES, None, None;
    ListUsageTypes "GET" "/v2/products/usage-types" ReadOnly false LIST_USAGE_TYPES, None, None;
    ListMeasureUnits "GET" "/v2/bases/measurements" ReadOnly false LANGUAGE_ONLY, None, None;
    ListConversions "GET" "/v2/bases/conversions" ReadOnly false LIST_CONVERSIONS, None, None;
    ListResourceSpecs "POST" "/v2/products/resource-specs-query" ReadOnly true LIST_RESOURCE_SPECS, None, None;
    ListIncentiveDiscountPolicies "GET" "/v2/products/incentive-discount-policies" ReadOnly false LIST_INCENTIVE_POLICIES, None, None;
}}

impl Spec {
    /// The client method (`listSubCustomers`): the BSS name with a lower-case first letter.
    pub fn js_name(&self) -> String {
        let mut name = self.name.to_owned();
        if let Some(first) = name.get_mut(..1) {
            first.make_ascii_lowercase();
        }
        name
    }
}

impl Operation {
    /// The operation with this BSS name (`ListSubCustomers`) or client method name
    /// (`listSubCustomers`).
    pub fn from_name(name: &str) -> Option<Operation> {
        Operation::ALL.iter().copied().find(|op| {
            let own = op.spec().name.as_bytes();
            let given = name.as_bytes();
            // The method name is the BSS name with a lower-case first letter.
            own == given
                || (own.len() == given.len()
                    && own.first().map(u8::to_ascii_lowercase) == given.first().copied()
                    && own.get(1..) == given.get(1..))
        })
    }

    /// Whether the operation is in `set` (names separated by spaces).
    fn listed(self, set: &str) -> bool {
        set.pieces(b' ').any(|name| name == self.spec().name)
    }

    /// Whether the international site (`bssintl`) has this operation.
    pub fn on_intl(self) -> bool {
        !self.listed(sdk_table::CN_ONLY)
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
        self.listed(sdk_table::NO_CONTENT)
    }

    /// Who calls the operation.
    pub fn caller(self) -> Caller {
        if self.listed(sdk_table::CUSTOMER_CALLED) {
            Caller::Customer
        } else if self.listed(sdk_table::EITHER_CALLED) {
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

// The rows below are programs (see `Fields`): `s1..64` an id (`ID_MAX`), `s0..64` an id filter
// (`""` allowed), `i0..2147483647` an offset (`OFFSET_MAX`), `i1..100` a list limit; times
// (`t`) refuse `""` (`#`).

/// The `X-Language` header (`x_language` in the input): `zh_CN` or `en_US`, in any letter
/// case (ListResourceSpecs' doc: "忽略大小写"; the default is spelt `zh_cn` there).
macro_rules! x_language {
    () => {
        "x_language@X-Language:E(zh_CN|en_US)"
    };
}

// ---- registration: validated by `crate::registration` (see `registration.rs`) ----

const NONE: &Fields = &Fields("");

// ---- customers and coupons (spec coupons §1, §3, §5) ----

// account_name, customer, label: "不支持携带空格查询" (no spaces). offset: at most 40,000,000
// (the international API page; the China page states no bound).
const LIST_SUB_CUSTOMERS: &Fields = &Fields(concat!(
    "account_name~%:s0..64 ",
    "customer~%:s0..64 ",
    "offset:i0..40000000 ",
    "limit:i1..100 ",
    "label~%:s0..64 ",
    "association_type~:e(1|2) ",
    "associated_on_begin#:t ",
    "associated_on_end#:t ",
    "customer_id~:s0..64 ",
    "indirect_partner_id~:s0..64",
));

const LIST_SUB_CUSTOMER_COUPONS: &Fields = &Fields(concat!(
    "?coupon_id~:s0..64 ",
    "?order_id~:s0..64 ",
    "?promotion_plan_id~:s0..64 ",
    "?coupon_type:n(1|2|3|4) ",
    "?status:n(1|2|3|4|5) ",
    "?active_start_time#:t ",
    "?active_end_time#:t ",
    "?offset:i0..2147483647 ",
    "?limit:i1..100 ",
    "?source_id~:s0..255 ",
    "?indirect_partner_id~:s0..64",
));

fn offset_needs_limit(map: &Json, issues: &mut Vec<Issue>) {
    if map.has("offset") && !map.has("limit") {
        issues.push(Problem::RequiredWhen("offset is given".into()).at("limit"));
    }
}

const LIST_ISSUED_PARTNER_COUPONS: &Fields = &Fields(concat!(
    "?coupon_id#:s1..64 ",
    "?customer_id~:s0..64 ",
    "?order_id#:s1..64 ",
    "?coupon_type:n(1|4) ",
    "?status:n(1|2|3|4|5) ",
    "?create_time_begin#:t ",
    "?create_time_end#:t ",
    "?effective_time_begin#:t ",
    "?effective_time_end#:t ",
    "?expire_time_begin#:t ",
    "?expire_time_end#:t ",
    "?offset:i0..2147483647 ",
    "?limit:i1..100 ",
    "?indirect_partner_id~:s0..64",
));

const CREATE_PARTNER_COUPONS: &Fields = &Fields(concat!(
    "quota_id!:s1..64 ",
    "customer_ids!:[s1..64]1..100u ",
    "face_value!:f ",
    "valid_time#:t ",
    "expire_time#:t ",
    "cloud_service_types:[s1..64]0..10u ",
    "product_ids:[s1..64]0..10u ",
    "memo~:s0..1024 ",
    "indirect_partner_id~:s0..64",
));

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

const RECLAIM_PARTNER_COUPONS: &Fields = &Fields("coupon_id!:s1..64 indirect_partner_id#:s1..100");

const LIST_QUOTA_COUPONS: &Fields = &Fields(concat!(
    "quota_ids:[s1..64]0..50u ",
    "quota_status_list:[n(0|3|4|5)]0..5u ",
    "quota_type:n(0|1) ",
    "create_time_begin#:t ",
    "create_time_end#:t ",
    "effective_time_begin#:t ",
    "effective_time_end#:t ",
    "expire_time_begin#:t ",
    "expire_time_end#:t ",
    "offset:i0..2147483647 ",
    "limit:i1..100 ",
    "indirect_partner_id~:s0..64",
));

// ---- orders (spec coupons §7, pricing-discounts §3.3) ----

const ORDER_ID: &Fields = &Fields("?order_id!:s1..64");

const PAY_ORDERS: &Fields = &Fields(concat!(
    "order_id!:s1..64 ",
    "use_coupon!:e(YES|NO) ",
    "use_discount!:e(YES|NO) ",
    "coupon_infos:[{id!:s1..64 type!:n(300|301|302|303)}]1..3u ",
    "discount_infos:[{id!:s1..64 type!:n(0|2|3|609)}]1..1u",
));

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
    ($($extra:literal),* $(,)?) => {
        concat!(
            "id!:s1..64 ",
            "cloud_service_type!:s1..400 ",
            "resource_type!:s1..400 ",
            "resource_spec!:s1..400 ",
            "region!:s1..64 ",
            "available_zone~:s0..64 ",
            "resource_size:i1..2147483647 ",
            "size_measure_id:n(14|15|17) ",
            $($extra),*
        )
    };
}
// `fee_installment_mode`: "" (like absent) means the default NA.
const RATE_ON_PERIOD: &Fields = &Fields(concat!(
    "project_id!:s1..64 ",
    "product_infos!:[{",
    product_fields!(
        "period_type!:n(0|2|3|4) ",
        "period_num!:i1..2147483647 ",
        "subscription_num!:i1..10000 ",
        "fee_installment_mode~:e(HALF_PAY|ZERO_PAY|NA)",
    ),
    "}]1..100",
));
const RATE_ON_DEMAND: &Fields = &Fields(concat!(
    "project_id!:s1..64 ",
    "inquiry_precision:n(0|1) ",
    "product_infos!:[{",
    product_fields!(
        "usage_factor!:s1..64 ",
        "usage_value!:q ",
        "usage_measure_id!:i0..1000 ",
        "subscription_num!:i1..2147483647",
    ),
    "}]1..100",
));

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

// `include_relative_resources`: "" (like absent) means false.
const RENEW_RATE: &Fields = &Fields(concat!(
    "resource_ids!:[s1..64]1..10u ",
    "period_type!:n(2|3) ",
    "period_num!:i1..11 ",
    "include_relative_resources~:b",
));

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

const LIST_SERVICE_TYPES: &Fields = &Fields(concat!(
    x_language!(),
    " ?limit:i1..1000",
    " ?offset:i0..1000000000",
    " ?service_type_name:s1..128",
));
const LIST_RESOURCE_TYPES: &Fields = &Fields(concat!(
    x_language!(),
    " ?limit:i1..1000",
    " ?offset:i0..1000000000",
));
const LIST_SERVICE_RESOURCES: &Fields = &Fields(concat!(
    x_language!(),
    " ?service_type_code!:s1..64",
    " ?limit:i1..100",
    " ?offset:i0..10000000",
));
const LIST_USAGE_TYPES: &Fields = &Fields(concat!(
    x_language!(),
    " ?resource_type_code~:s0..64",
    " ?offset:i0..2147483647",
    " ?limit:i1..100",
));
const LANGUAGE_ONLY: &Fields = &Fields(x_language!());
/// ListConversions' `measure_type`: the values its doc lists.
const LIST_CONVERSIONS: &Fields = &Fields(concat!(
    x_language!(),
    " ?measure_type:n(1|2|3|4|7|9|10|11|12|16|19|20|27|28|29|30|31|40|41|98|104|108)",
));

// `marker` without `limit` is fine: limit defaults to 100 (the doc).
const LIST_RESOURCE_SPECS: &Fields = &Fields(concat!(
    x_language!(),
    " cloud_service_type!:s1..64",
    " resource_type!:s1..64",
    " region_code!:s1..64",
    " charge_mode!:e(1|3)",
    " filters:[{key!:e(RESOURCE_SPEC) value!:s1..400}]0..1",
    " marker:s1..1024",
    " limit:i1..100",
));

const LIST_INCENTIVE_POLICIES: &Fields = &Fields(concat!(
    "?time:m ",
    "?service_type_code~:s0..64 ",
    "?offset:i0..2147483647 ",
    "?limit:i1..100",
));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::schema::{At, Empty, Field, Rule};

    /// The program text of `fields`, written back from their decoded form.
    fn program(fields: &[Field]) -> String {
        fn words<T: ToString>(items: &[T]) -> String {
            items.iter().map(T::to_string).collect::<Vec<_>>().join("|")
        }
        fn size(min: usize, max: usize) -> String {
            if (min, max) == (0, usize::MAX) {
                String::new()
            } else {
                format!("{min}..{max}")
            }
        }
        fn rule(r: &Rule) -> String {
            match *r {
                Rule::Text(min, max) => format!("s{}", size(min, max)),
                Rule::Int(i64::MIN, i64::MAX) => "i".into(),
                Rule::Int(min, max) => format!("i{min}..{max}"),
                Rule::OneOf(w) => format!("e({})", words(w)),
                Rule::OneOfAnyCase(w) => format!("E({})", words(w)),
                Rule::IntOneOf(w) => format!("n({})", words(w)),
                Rule::Bool => "b".into(),
                Rule::Time => "t".into(),
                Rule::Month => "m".into(),
                Rule::FaceValue => "f".into(),
                Rule::Quantity => "q".into(),
                Rule::Decimal => "d".into(),
                Rule::Any => "a".into(),
                Rule::List {
                    item,
                    min,
                    max,
                    unique,
                } => format!(
                    "[{}]{}{}",
                    rule(item),
                    size(min, max),
                    if unique { "u" } else { "" }
                ),
                Rule::Object(fields) => format!("{{{}}}", program(fields)),
            }
        }
        let field = |f: &Field| {
            let (place, header) = match f.at {
                At::Body => ("", String::new()),
                At::Query => ("?", String::new()),
                At::Path => ("/", String::new()),
                At::Header(wire) => ("", format!("@{wire}")),
            };
            let required = if f.required { "!" } else { "" };
            let empty = match f.empty {
                Empty::Rule => "",
                Empty::Keep => "~",
                Empty::Reject => "#",
            };
            let spaces = if f.no_spaces { "%" } else { "" };
            format!(
                "{place}{}{header}{required}{empty}{spaces}:{}",
                f.name,
                rule(&f.rule)
            )
        };
        fields.iter().map(field).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn every_program_reads_back_as_written() {
        // Nothing of a program is lost or misread: decoded and written again, it is the same
        // text (bounds, flags, places, nested lists and objects).
        for op in Operation::ALL {
            let fields = op.spec().fields;
            assert_eq!(program(fields), fields.0, "{}", op.spec().name);
        }
    }

    #[test]
    fn names_resolve_both_ways_and_are_unique() {
        assert_eq!(Operation::ALL.len(), 92);
        for op in Operation::ALL {
            let s = op.spec();
            assert_eq!(Operation::from_name(s.name), Some(*op));
            assert_eq!(Operation::from_name(&s.js_name()), Some(*op));
            let mut lower = s.name.to_owned();
            lower.replace_range(..1, &s.name[..1].to_ascii_lowercase());
            assert_eq!(lower, s.js_name());
            assert!(s.path.starts_with("/v"));
        }
        assert_eq!(Operation::from_name("listsubcustomers"), None);
        assert_eq!(Operation::CreateSubCustomer.spec().repeat, Repeat::Never);
    }
}
