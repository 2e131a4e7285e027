//! Paging through a list operation: the input of the next page from the answer of this one.
//!
//! Offset/limit operations (the table's `PAGED`, from the SDK's models): the next offset is
//! this offset plus the items received; the last page is an empty or short page, or the one
//! that reaches the answer's total count. Marker operations (`MARKER_PAGED`, ListResourceSpecs):
//! the next page asks for the answer's `next_marker`; none (or `""`) ends. Callers bound the
//! number of pages.

use super::operation::Operation;
use super::sdk_table::{MARKER_PAGED, PAGED};
use super::value::Json;
use crate::text::ByteSearch as _;

/// How an operation pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// The answer's list (`customer_infos`).
    pub list: &'static str,
    /// The answer's total count (`count`, `total_count`), when it has one.
    pub count: Option<&'static str>,
    /// For marker paging, where the answer holds the next marker (`page_info.next_marker`).
    pub marker: Option<&'static str>,
}

impl Operation {
    /// How the operation pages (offset/limit or marker), if it is a list operation.
    pub fn paging(self) -> Option<Paging> {
        let name = self.spec().name;
        let offset = PAGED
            .iter()
            .find(|(op, _, _)| *op == name)
            .map(|(_, list, count)| Paging {
                list,
                count: (!count.is_empty()).then_some(*count),
                marker: None,
            });
        offset.or_else(|| {
            MARKER_PAGED
                .iter()
                .find(|(op, _, _)| *op == name)
                .map(|(_, list, at)| Paging {
                    list,
                    count: None,
                    marker: Some(*at),
                })
        })
    }
}

/// The input of the page after `answer` (the answer to `input`), or `None` after the last
/// page or for an operation that does not page.
pub fn next_page(op: Operation, input: &Json, answer: &Json) -> Option<Json> {
    let paging = op.paging()?;
    if let Some(at) = paging.marker {
        let marker = at
            .pieces(b'.')
            .try_fold(answer, |v, k| v.get(k))
            .and_then(Json::as_str)
            .filter(|m| !m.is_empty())?;
        return Some(with(input, "marker", Json::str(marker)));
    }
    let received = answer.get(paging.list).and_then(Json::as_array)?.len() as i64;
    let offset = input.get("offset").and_then(Json::as_i64).unwrap_or(0);
    let next = offset.checked_add(received)?;
    let limit = input.get("limit").and_then(Json::as_i64);
    let total = paging
        .count
        .and_then(|c| answer.get(c))
        .and_then(Json::as_i64);
    let last =
        received == 0 || limit.is_some_and(|l| received < l) || total.is_some_and(|t| next >= t);
    if last {
        return None;
    }
    Some(with(input, "offset", Json::int(next)))
}

/// `input` with `key` set to `value`.
fn with(input: &Json, key: &str, value: Json) -> Json {
    let mut entries = match input {
        Json::Object(entries) => entries.clone(),
        _ => Vec::new(),
    };
    entries.retain(|(k, _)| k != key);
    entries.push((key.to_owned().into(), value));
    Json::Object(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(text: &str) -> Json {
        Json::parse(text).unwrap()
    }

    #[test]
    fn offsets_advance_by_the_items_received_until_the_total() {
        let op = Operation::ListSubCustomers;
        assert_eq!(
            op.paging(),
            Some(Paging {
                list: "customer_infos",
                count: Some("count"),
                marker: None,
            })
        );
        let input = j(r#"{"account_name":"a","limit":2}"#);
        let next = next_page(op, &input, &j(r#"{"count":5,"customer_infos":[{},{}]}"#)).unwrap();
        assert_eq!(
            next.to_string(),
            r#"{"account_name":"a","limit":2,"offset":2}"#
        );
        let next = next_page(op, &next, &j(r#"{"count":5,"customer_infos":[{},{}]}"#)).unwrap();
        assert_eq!(next.get("offset").and_then(Json::as_i64), Some(4));
        // The total is reached, a short page, an empty page: done.
        assert_eq!(
            next_page(op, &next, &j(r#"{"count":5,"customer_infos":[{}]}"#)),
            None
        );
        assert_eq!(
            next_page(op, &input, &j(r#"{"customer_infos":[{}]}"#)),
            None
        );
        assert_eq!(next_page(op, &input, &j(r#"{"customer_infos":[]}"#)), None);
        // Not a paged operation; an answer without the list.
        assert_eq!(Operation::PayOrders.paging(), None);
        assert_eq!(next_page(op, &input, &j(r#"{"count":5}"#)), None);
    }

    #[test]
    fn markers_are_followed_until_there_is_none() {
        let op = Operation::ListResourceSpecs;
        let input = j(r#"{"cloud_service_type":"s","marker":"m1","limit":2}"#);
        let page = j(r#"{"page_info":{"next_marker":"m2"},"cloud_service_basics":[{}]}"#);
        let next = next_page(op, &input, &page).unwrap();
        assert_eq!(
            next.to_string(),
            r#"{"cloud_service_type":"s","limit":2,"marker":"m2"}"#
        );
        let last = j(r#"{"page_info":{"next_marker":""},"cloud_service_basics":[{}]}"#);
        assert_eq!(next_page(op, &next, &last), None);
        assert_eq!(
            next_page(op, &next, &j(r#"{"cloud_service_basics":[]}"#)),
            None
        );
    }
}
