//! `client.pages(operation, input, max_pages?)`: an async iterator over the pages of a list
//! operation (offset/limit or marker) (`for await (const page of client.pages(...))`). The paging
//! rule is the core's (`api::next_page`); the iterator protocol is the JS driver's, which asks a
//! pager (an [`Exchange`] of [`Job::Pages`]) for each page's exchange.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::client::{BssClient, Call, Transport, api_error_to_js};
use crate::fetch::{Exchange, Job, page_iterator};
use crate::js_input;
use bss_storefront::api::{self, Json, MAX_INPUT_BYTES, Operation, options};

/// The state of one `pages` iteration, shared with the exchange of the page being fetched.
#[derive(Debug)]
pub(crate) struct Pages {
    /// The input of the next page; `None` after the last (or a failed) page.
    pending: RefCell<Option<Json>>,
    /// Pages asked for so far.
    sent: Cell<u32>,
    max: u32,
}

impl Pages {
    /// Keeps the input of the page after `answer` (the answer to `input`).
    pub(crate) fn answered(&self, op: Operation, input: &Json, answer: &Json) {
        *self.pending.borrow_mut() = api::next_page(op, input, answer);
    }
}

/// The pages of one `client.pages` call: what a pager ([`Job::Pages`]) hands out.
#[derive(Debug)]
pub(crate) struct Pager {
    transport: Rc<Transport>,
    op: Operation,
    pages: Rc<Pages>,
}

impl Pager {
    /// The exchange of the next page; `None` after the last one or `max_pages`.
    fn next(&self) -> Option<Exchange> {
        let input = self.pages.pending.borrow_mut().take();
        let input = input.filter(|_| self.pages.sent.get() < self.pages.max)?;
        self.pages.sent.set(self.pages.sent.get() + 1);
        let pages = Some(self.pages.clone());
        Some(Call::exchange(&self.transport, self.op, input, pages))
    }
}

#[wasm_bindgen]
impl Exchange {
    // A pager's exchange of the next page; `undefined` after the last one.
    #[wasm_bindgen(skip_jsdoc)]
    pub fn page(&self) -> Option<Exchange> {
        match &self.job {
            Job::Pages(pager) => pager.next(),
            _ => None,
        }
    }
}

#[wasm_bindgen]
impl BssClient {
    /// The pages of a list operation (each the BSS answer), at most `max_pages` (default
    /// 100, at most 10000). Throws `BssError` `unknown_operation`, or `invalid_option` for an
    /// operation that does not page. Declared in `client_methods.rs` (typed by operation).
    #[wasm_bindgen(skip_typescript, skip_jsdoc)]
    pub fn pages(
        &self,
        operation: &str,
        #[wasm_bindgen(unchecked_param_type = "object")] input: JsValue,
        max_pages: Option<u32>,
    ) -> Result<JsValue, JsValue> {
        let op = options::paged_operation(operation).map_err(|e| api_error_to_js(&e, None, &[]))?;
        let max = options::max_pages(max_pages);
        let first = js_input::json_value(&input, "input", MAX_INPUT_BYTES)?;
        let pager = Pager {
            transport: self.transport.clone(),
            op,
            pages: Rc::new(Pages {
                pending: RefCell::new(Some(first)),
                sent: Cell::new(0),
                max,
            }),
        };
        Ok(page_iterator(Exchange::new(Job::Pages(pager))))
    }
}
