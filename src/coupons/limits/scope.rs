//! Where a coupon may be spent: `serviceType`, `serviceTypeBlackList`, `regionCode`,
//! `productId`, the product blacklist and `isOnlyForStrictSelected`. Each selects lines.

use super::{LineMatch, ValueSet};
use crate::coupons::order::Line;

/// `serviceType` / `regionCode` (and, negated, `serviceTypeBlackList`): the line's code is
/// listed. Codes compare exactly (`hws.service.type.ec2`, `cn-north-4`).
pub fn listed(set: &ValueSet<'_>, code: &str) -> bool {
    set.contains(code)
}

/// `productId` (`allow = true`) or the product blacklist (`allow = false`). A line without
/// `product_id` cannot be placed on either list: unknown.
pub fn product_listed(set: &ValueSet<'_>, line: &Line, allow: bool) -> LineMatch {
    match &line.product_id {
        None => LineMatch::Unknown,
        Some(p) => LineMatch::from_bool(set.contains(p) == allow),
    }
}

/// `isOnlyForStrictSelected` = 1: the line must be a strict-selected (严选) KooGallery
/// product; unknown when the line does not say.
pub fn strict_selected(line: &Line) -> LineMatch {
    match line.is_strict_selected {
        None => LineMatch::Unknown,
        Some(b) => LineMatch::from_bool(b),
    }
}
