//! The registration operations' rules, asked of the registration module: the client module
//! carries none of them (12 KB gzipped less, measured). An exchange of a registration
//! operation (a call, or a request the proxy forwards) first hands the driver the request as
//! the registration module reads it (`rules`), and is built from its answer (`ruled`).

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use bss_storefront::api::registration::{Outcome, flat_form, read_outcome};
use bss_storefront::api::{Json, Operation, proxy};
use bss_storefront::codes::error as code;
use bss_storefront::registration::Site;

use crate::client::{Call, Transport};
use crate::client_pages::Pages;
use crate::error::bss_error;
use crate::fetch::{Exchange, Job};
use crate::proxy::{Forward, refused};

/// A registration operation's exchange before the registration rules answered.
#[derive(Debug)]
pub(crate) struct Waiting {
    pub op: Operation,
    pub site: Site,
    pub input: Json,
    pub then: Then,
}

/// What the exchange becomes once the rules answered.
#[derive(Debug)]
pub(crate) enum Then {
    Call {
        transport: Rc<Transport>,
        pages: Option<Rc<Pages>>,
    },
    Forward(Forward),
}

/// The answer `build_with` takes for an operation without registration rules (not called).
pub(crate) fn no_rules() -> Outcome {
    Err(Vec::new())
}

impl Waiting {
    /// The exchange when no answer came: the call rejects, the proxy answers 500 `internal`.
    pub(crate) fn unanswered(self) -> Job {
        self.build(None)
    }

    /// The exchange, built with the rules' answer (`None`: none could be had).
    fn build(self, answer: Option<Outcome>) -> Job {
        let Waiting {
            op,
            site,
            input,
            then,
        } = self;
        match (then, answer) {
            (Then::Call { transport, pages }, Some(a)) => {
                Call::job(&transport, op, input, pages, || a)
            }
            (Then::Forward(f), Some(a)) => f.built(op, input, site, || a),
            (Then::Call { .. }, None) => Job::Done(Err(bss_error(
                code::INTERNAL,
                "the registration rules could not be run: the registration module did not load",
                JsValue::UNDEFINED,
            ))),
            (Then::Forward(_), None) => refused(&proxy::internal()),
        }
    }
}

#[wasm_bindgen]
impl Exchange {
    // For a registration operation: JSON text `[operation, site, ...form]`, the form as the
    // registration module reads it (`Form::to_flat`); its answer goes to `ruled`. Else `""`.
    #[wasm_bindgen(skip_jsdoc)]
    pub fn rules(&self) -> String {
        let Job::Rules(w) = &self.job else {
            return String::new();
        };
        let names = w.op.spec().registration.unwrap_or_default();
        let head = [w.op.spec().name.to_owned(), w.site.as_str().to_owned()];
        let all = head.into_iter().chain(flat_form(names, &w.input));
        Json::Array(all.map(Json::str).collect()).text()
    }

    // The registration module's answer (`undefined`: it could not be loaded).
    #[wasm_bindgen(skip_jsdoc)]
    pub fn ruled(&mut self, answer: Option<String>) {
        let job = std::mem::replace(&mut self.job, Job::Done(Ok(JsValue::UNDEFINED)));
        self.job = match job {
            Job::Rules(w) => w.build(answer.as_deref().and_then(read_outcome)),
            other => other,
        };
    }
}
