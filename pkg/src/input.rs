//! The object arguments of the engine exports (coupons, discounts, quote), as JSON text for
//! the core's readers, and the one body those exports share.

use wasm_bindgen::prelude::*;

use bss_storefront::codes::error as code;
use bss_storefront::quote::wallet::Wallet;

use crate::convert::js_type_name;
use crate::error::{field_error, to_js_error};

/// An engine export: which core call [`call`] makes on its arguments.
pub(crate) enum Op<'a> {
    PriceLine,
    Quote,
    QuoteOrder,
    OrderFromDetails,
    SelectDiscount,
    EvaluateCoupons,
    WalletQuote(&'a Wallet),
    WalletEvaluate(&'a Wallet),
}

/// How an argument is read (see [`json_text`]): its name, the error code for a value JSON
/// cannot hold, whether JSON text is taken as such, whether `undefined` is `null`.
type Spec = (&'static str, &'static str, bool, bool);

const OPTS: Spec = ("opts", code::INVALID_INPUT, false, true);

impl Op<'_> {
    fn args(&self) -> &'static [Spec] {
        match self {
            Op::PriceLine => &[("line", code::INVALID_INPUT, false, false)],
            Op::Quote => &[("input", code::INVALID_INPUT, true, false), OPTS],
            Op::QuoteOrder => &[("input", code::INVALID_INPUT, false, false), OPTS],
            Op::OrderFromDetails => &[("details", code::INVALID_INPUT, true, false)],
            Op::SelectDiscount => &[("rating", code::INVALID_INPUT, true, false), OPTS],
            Op::EvaluateCoupons => &[
                ("order", code::INVALID_ORDER, true, false),
                ("coupons", code::INVALID_INPUT, true, false),
                OPTS,
            ],
            Op::WalletQuote(_) | Op::WalletEvaluate(_) => {
                &[("order", code::INVALID_ORDER, true, false), OPTS]
            }
        }
    }
}

/// A core result with its error as a JS `BssError`.
fn js<E: bss_storefront::error::ErrorCode>(result: Result<String, E>) -> Result<String, JsValue> {
    result.map_err(|e| to_js_error(&e))
}

/// The body of every engine export, out of line once instead of inlined into each export's
/// shim: the arguments as JSON text (in order; the first bad one throws), the core call, its
/// JSON result through one `JSON.parse`, and for coupon verdicts the line ids.
#[inline(never)]
pub(crate) fn call(op: Op, values: &[&JsValue]) -> Result<JsValue, JsValue> {
    // A fixed array (no export takes more than three arguments): `a[i]` below needs no
    // bounds check, where a `Vec` had one (and a panic location) at each use.
    let mut a: [String; 3] = Default::default();
    for (slot, (value, &(what, code, text_allowed, optional))) in
        a.iter_mut().zip(values.iter().zip(op.args()))
    {
        *slot = json_text(value, what, code, text_allowed, optional)?;
    }
    let now = || crate::js::now_iso();
    let mut ids = None;
    let out = match op {
        Op::PriceLine => js(bss_storefront::quote::pricing::price_line_json(&a[0])),
        Op::Quote => js(bss_storefront::quote::quote_json(
            &a[0],
            &a[1],
            Some(&now()),
        )),
        Op::QuoteOrder => js(bss_storefront::orders::quote_order_json(
            &a[0],
            &a[1],
            Some(&now()),
        )),
        Op::OrderFromDetails => js(bss_storefront::orders::order_from_details_json(&a[0])),
        Op::SelectDiscount => js(bss_storefront::discounts::select_json(&a[0], &a[1])),
        Op::EvaluateCoupons => {
            js(
                bss_storefront::coupons::evaluate_json_with_ids(&a[0], &a[1], &a[2], Some(&now()))
                    .map(|(verdicts, line_ids)| {
                        ids = Some(line_ids);
                        verdicts
                    }),
            )
        }
        Op::WalletQuote(wallet) => js(wallet.quote_json(&a[0], &a[1])),
        Op::WalletEvaluate(wallet) => {
            js(wallet
                .evaluate_json(&a[0], &a[1])
                .map(|(verdicts, line_ids)| {
                    ids = Some(line_ids);
                    verdicts
                }))
        }
    };
    let out = crate::js::json_parse(&out?)?;
    if let Some(ids) = ids {
        crate::coupons::eligible_line_ids(&out, &ids)?;
    }
    Ok(out)
}

/// The JSON text of an argument. A string is taken as JSON text when `text_allowed` (a BSS
/// body as received keeps every digit, even beyond what a JS number holds); `undefined` is
/// `null` when `optional`; anything else goes through `JSON.stringify`. A value JSON cannot
/// hold (a BigInt, a cycle) is a `BssError` with `code` and `field` = `what`.
pub(crate) fn json_text(
    value: &JsValue,
    what: &str,
    code: &str,
    text_allowed: bool,
    optional: bool,
) -> Result<String, JsValue> {
    if optional && value.is_undefined() {
        return Ok("null".to_owned());
    }
    if text_allowed {
        if let Some(text) = value.as_string() {
            return Ok(text);
        }
    }
    crate::js::json_stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            field_error(
                code,
                what,
                &format!(
                    "{what}: cannot read a value of type {} (expected JSON data)",
                    js_type_name(value)
                ),
            )
        })
}
