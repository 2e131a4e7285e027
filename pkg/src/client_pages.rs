//! `client.pages(operation, input, max_pages?)`: an async iterator over the pages of a list
//! operation (offset/limit or marker) (`for await (const page of client.pages(...))`). The paging
//! rule is the core's (`api::next_page`); this file holds the JS iterator protocol.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::client::{BssClient, api_error_to_js, run_json};
use crate::js_input::{self, json_to_js};
use bss_storefront::api::{self, MAX_INPUT_BYTES, options};

fn step(value: JsValue, done: bool) -> JsValue {
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &"value".into(), &value);
    let _ = js_sys::Reflect::set(&o, &"done".into(), &done.into());
    o.into()
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
        let pending = Rc::new(RefCell::new(Some(first)));
        let sent = Rc::new(Cell::new(0u32));
        let transport = self.transport.clone();
        let next = Closure::<dyn FnMut() -> js_sys::Promise>::new(move || {
            let (transport, pending, sent) = (transport.clone(), pending.clone(), sent.clone());
            wasm_bindgen_futures::future_to_promise(async move {
                let input = pending.borrow_mut().take();
                let Some(input) = input.filter(|_| sent.get() < max) else {
                    return Ok(step(JsValue::UNDEFINED, true));
                };
                sent.set(sent.get() + 1);
                let answer = run_json(&transport, op, &input).await?;
                *pending.borrow_mut() = api::next_page(op, &input, &answer);
                Ok(step(json_to_js(&answer)?, false))
            })
        });
        let next = next.into_js_value();
        let it = js_sys::Object::new();
        js_sys::Reflect::set(&it, &"next".into(), &next)?;
        // A fresh `{ next }` rather than `it` itself: no cycle through a Rust-held value.
        let iter = Closure::<dyn FnMut() -> JsValue>::new(move || {
            let o = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&o, &"next".into(), &next);
            o.into()
        });
        js_sys::Reflect::set(
            &it,
            &js_sys::Symbol::async_iterator(),
            &iter.into_js_value(),
        )?;
        Ok(it.into())
    }
}
