//! Paging through a list operation: the input of the next page from the answer of this one.
//!
//! Offset/limit operations (the table's `PAGED`, from the SDK's models): the next offset is
//! this offset plus the items received; the last page is an empty or short page, or the one
//! that reaches the answer's total count. Callers bound the number of pages.

use super::operation::Operation;
use super::sdk_table::PAGED;
use super::value::Json;

/// How an operation pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// The answer's list (`customer_infos`).
    pub list: &'static str,
    /// The answer's total count (`count`, `total_count`), when it has one.
    pub count: Option<&'static str>,
}

impl Operation {
    /// How the operation pages (offset/limit), if it is a list operation.
    pub fn paging(self) -> Option<Paging> {
        let name = self.spec().name;
        PAGED
            .iter()
            .find(|(op, _, _)| *op == name)
            .map(|(_, list, count)| Paging {
                list,
                count: (!count.is_empty()).then_some(*count),
            })
    }
}

/// The input of the page after `answer` (the answer to `input`), or `None` after the last
/// page or for an operation that does not page.
pub fn next_page(op: Operation, input: &Json, answer: &Json) -> Option<Json> {
    let paging = op.paging()?;
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
    let mut entries = match input {
        Json::Object(entries) => entries.clone(),
        _ => Vec::new(),
    };
    entries.retain(|(k, _)| k != "offset");
    entries.push(("offset".to_owned(), Json::int(next)));
    Some(Json::Object(entries))
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
                count: Some("count")
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
}
