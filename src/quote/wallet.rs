//! A customer's wallet read once, priced against many carts: the coupons, stored-value cards,
//! balances, discount options, policy and `now` are read and their order-independent facts
//! (id ranks, duplicates, combination limits) computed once; each cart edit then only reads
//! the order. [`super::quote`] and [`crate::coupons::evaluate_coupons`] are the one-shot forms
//! of the same path: a wallet gives the same answers.

use super::build::{QuoteView, View};
use super::error::QuoteError;
use super::input::{QuoteInput, QuoteOptions, Selection, order_from_json, selection_from_value};
use super::{Fixed, Quote, quote_order};
use crate::coupons::input::policy_from_node;
use crate::coupons::verdict::Messages;
use crate::coupons::{ChargingMode, CouponError, Order, OrderType, Policy, Verdict};
use crate::discounts::wire::{Obj, tree};
use crate::json::JsonError;
use crate::json::read::member;
use crate::json::tree::Node;
use crate::json::write::WriteJson;

/// The fields of a wallet (`Wallet.from`): a quote input without `order` and `selection`,
/// with the `policy` of the options.
const FIELDS: [&str; 7] = [
    "discounts",
    "coupons",
    "coupon_max_use_quantity",
    "auto_pay",
    "balances",
    "now",
    "policy",
];

/// A wallet, read once (see the module documentation).
#[derive(Debug)]
pub struct Wallet {
    /// The wallet as a quote input; its `order` (empty) and `selection` are never read.
    input: QuoteInput,
    fixed: Fixed,
}

impl std::fmt::Debug for Fixed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fixed").finish_non_exhaustive()
    }
}

/// Options of one wallet call: `{ selection?, messages?, lines?, alternatives?, policy?,
/// explain?, reasons? }` (`evaluate` takes `messages` only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallOptions {
    /// What to quote.
    pub selection: Selection,
    /// What to write.
    pub view: View,
}

impl Wallet {
    /// A wallet from a read quote input (its `order` and `selection` are ignored) and options.
    pub fn new(input: QuoteInput, opts: &QuoteOptions) -> Wallet {
        Wallet {
            fixed: Fixed::new(&input, opts),
            input,
        }
    }

    /// Reads `{ discounts?, coupons?, coupon_max_use_quantity?, auto_pay?, balances?, now?,
    /// policy? }` from JSON text, each field as `quote` reads it; `default_now` fills `now`.
    pub fn from_json(text: &str, default_now: Option<&str>) -> Result<Wallet, QuoteError> {
        use crate::limits::{MAX_INPUT_BYTES, check_text};
        check_text("wallet", text, MAX_INPUT_BYTES)?;
        let root = tree(text)?;
        let o = super::pricing::object(&root, "".into(), &FIELDS)?;
        let policy = match o.get("policy") {
            None => Policy::default(),
            Some(p) => policy_from_node(p, "policy").map_err(invalid_option)?,
        };
        let opts = QuoteOptions { policy };
        // The quote input's reader without an order: the carts come with each call.
        let input = QuoteInput::from_fields(&o, empty_order(), default_now, None)?;
        Ok(Wallet::new(input, &opts))
    }

    /// The quote of `order` under `selection`: what [`super::quote`] gives for this wallet's
    /// input with this order and selection.
    pub fn quote(&self, order: &Order, selection: &Selection) -> Result<Quote, QuoteError> {
        quote_order(&self.input, &self.fixed, order, selection)
    }

    /// Every coupon's verdict on `order` (a coupon-area order, as `evaluateCoupons` takes it).
    pub fn evaluate(&self, order: &Order) -> Result<Vec<Verdict>, CouponError> {
        let compiled = Some(self.fixed.rules.as_slice());
        crate::coupons::evaluate_compiled(order, &self.input.coupons, compiled, &self.fixed.eval)
    }

    /// [`Wallet::quote`] on JSON text: the order (as `quote` reads `input.order`) and the call
    /// options in, the quote written under the options' view out (compact by default).
    pub fn quote_json(&self, order: &str, opts: &str) -> Result<String, QuoteError> {
        use crate::limits::{MAX_INPUT_BYTES, MAX_OPTIONS_BYTES, check_text};
        check_text("order", order, MAX_INPUT_BYTES)?;
        check_text("opts", opts, MAX_OPTIONS_BYTES)?;
        let order = order_from_json(order)?;
        let call = CallOptions::from_json(opts, true)?;
        let quote = self.quote(&order, &call.selection)?;
        let view = QuoteView {
            quote: &quote,
            view: call.view,
        };
        Ok(view.to_json())
    }

    /// [`Wallet::evaluate`] on JSON text: the verdicts (`eligible_lines` as indexes) and the
    /// order's line ids, as [`crate::coupons::evaluate_json_with_ids`] gives them; reasons
    /// without messages unless `opts.messages` asks for them.
    pub fn evaluate_json(
        &self,
        order: &str,
        opts: &str,
    ) -> Result<(String, Vec<String>), QuoteError> {
        use crate::limits::{MAX_INPUT_BYTES, MAX_OPTIONS_BYTES, check_text};
        check_text("order", order, MAX_INPUT_BYTES)?;
        check_text("opts", opts, MAX_OPTIONS_BYTES)?;
        let order = crate::coupons::parse_order(order)?;
        let messages = CallOptions::from_json(opts, false)?.view.messages;
        Ok(crate::coupons::verdicts_json(
            order,
            &self.input.coupons,
            Some(&self.fixed.rules),
            &self.fixed.eval,
            messages,
        )?)
    }
}

/// A bad option, in the reader's words: `invalid_option` at its path.
fn invalid_option(e: JsonError) -> QuoteError {
    QuoteError::Options(CouponError::InvalidOptions {
        path: e.path,
        message: e.message,
    })
}

/// The order a wallet holds in its quote input: never read (each call brings its order).
fn empty_order() -> Order {
    Order {
        order_id: None,
        order_type: OrderType::New,
        charging_mode: ChargingMode::Period,
        period_type: None,
        period_num: None,
        currency: None,
        first_order_in_service: None,
        discount: None,
        lines: Vec::new(),
    }
}

/// The fields of call options: `quote` reads all of them, `evaluate` `messages` only.
const CALL_FIELDS: [&str; 7] = [
    "messages",
    "selection",
    "lines",
    "alternatives",
    "policy",
    "explain",
    "reasons",
];

impl CallOptions {
    /// Reads call options from JSON text (`null`: the defaults, a compact result) with the one
    /// reader: a bad field is `invalid_option` at its path; `quote` takes every field,
    /// `evaluate` (`quote` false) `messages` only.
    pub fn from_json(text: &str, quote: bool) -> Result<CallOptions, QuoteError> {
        let root = tree(text)?;
        if let Node::Null = root {
            return Ok(CallOptions {
                selection: Selection::Default,
                view: View::COMPACT,
            });
        }
        let fields = if quote {
            &CALL_FIELDS[..]
        } else {
            &CALL_FIELDS[..1]
        };
        let read = || -> Result<_, JsonError> {
            let o = Obj::new(&root, "")?.only_named(fields)?;
            let messages = match o.get("messages") {
                None | Some(Node::Bool(false)) => Messages::None,
                Some(Node::String(s)) if s == "en" => Messages::En,
                Some(Node::String(s)) if s == "zh" => Messages::Zh,
                Some(Node::String(s)) if s == "both" => Messages::Both,
                Some(v) => return Err(o.wrong("messages", r#""en", "zh", "both" or false"#, v)),
            };
            // `lines`, `alternatives`, `policy`, `explain`, `reasons`: one loop, not five
            // inlined reads. The rejections' reasons (codes and params) are there unless
            // turned off; the rest is off unless asked for.
            let mut flags = [false, false, false, false, true];
            for (flag, field) in flags.iter_mut().zip(&CALL_FIELDS[2..]) {
                *flag = o.flag(field)?.unwrap_or(*flag);
            }
            // A present `selection` is read as the quote input's, `null` included (refused).
            Ok((messages, flags, member(o.members(), "selection")))
        };
        let (messages, [lines, alternatives, policy, explain, reasons], selection) =
            read().map_err(invalid_option)?;
        let selection = match selection {
            Some(v) => selection_from_value(Some(v))?,
            None => Selection::Default,
        };
        Ok(CallOptions {
            selection,
            view: View {
                messages,
                lines,
                alternatives,
                policy,
                explain,
                reasons,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORDER: &str = r#"{"order_type":"new","charging_mode":"period","period_type":2,"period_num":1,
        "lines":[{"id":"a","cloud_service_type":"hws.service.type.ec2","region":"cn-north-4","official_amount":"80.00"},
                 {"id":"b","cloud_service_type":"hws.service.type.ebs","region":"cn-north-4","official_amount":"30"}]}"#;
    const WALLET: &str = r#""coupons":[
        {"coupon_id":"c1","coupon_type":301,"status":2,"face_value":"50","use_limits":[{"limit_key":"baseValue","value1":"200","value2":""}]},
        {"coupon_id":"f1","coupon_type":302,"status":2,"face_value":"20"},
        {"coupon_id":"f1","coupon_type":302,"status":2,"face_value":"20"}],
      "discounts":[{"discount_id":"p","discount_type":3,"discount_value":"0.9",
        "orders":[{"order_line_items":[{"order_line_item_ids":["a","b"],"discount_mode":0,"discount_ratio":"0.9"}]}]}],
      "balances":{"cash":"10"},"now":"2025-01-01T00:00:00Z""#;

    #[test]
    fn a_wallet_quotes_as_the_one_shot_quote_does() {
        let wallet = Wallet::from_json(&format!("{{{WALLET}}}"), None).unwrap();
        for selection in [
            r#""best""#,
            r#"{"discount_id":"p","coupon_ids":["f1","c1"]}"#,
        ] {
            let one_shot = super::super::quote_json(
                &format!(r#"{{"order":{ORDER},"selection":{selection},{WALLET}}}"#),
                "null",
                None,
            )
            .unwrap();
            let full = format!(
                r#"{{"selection":{selection},"messages":"both","lines":true,"alternatives":true,"policy":true,"explain":true}}"#
            );
            assert_eq!(wallet.quote_json(ORDER, &full).unwrap(), one_shot);
            let compact = wallet
                .quote_json(ORDER, &format!(r#"{{"selection":{selection}}}"#))
                .unwrap();
            assert!(compact.len() < one_shot.len() / 2, "{compact}");
            for absent in ["\"lines\"", "\"policy\"", "\"explain\"", "\"message\""] {
                assert!(!compact.contains(absent), "{absent} in {compact}");
            }
            assert!(compact.contains(r#""rejected":[{"id":"#), "{compact}");
            // Without the rejections' reasons: the same quote, each rejection its id and code.
            let lean = wallet
                .quote_json(
                    ORDER,
                    &format!(r#"{{"selection":{selection},"reasons":false}}"#),
                )
                .unwrap();
            assert!(compact.contains(r#""reasons":[{"code":"#), "{compact}");
            assert!(!lean.contains("reasons"), "{lean}");
            let without = |text: &str| {
                let mut out = text.to_owned();
                while let Some(at) = out.find(r#","reasons":["#) {
                    let end = at + out[at..].find("}]}").unwrap() + 2;
                    out.replace_range(at..end, "");
                }
                out
            };
            assert_eq!(lean, without(&compact));
        }
    }

    #[test]
    fn a_wallet_evaluates_as_evaluate_coupons_does() {
        let wallet = Wallet::from_json(&format!("{{{WALLET}}}"), None).unwrap();
        let coupons = &WALLET[WALLET.find('[').unwrap()..WALLET.find("],\n").unwrap() + 1];
        let (one_shot, ids) = crate::coupons::evaluate_json_with_ids(
            ORDER,
            coupons,
            r#"{"now":"2025-01-01T00:00:00Z"}"#,
            None,
        )
        .unwrap();
        let (mine, my_ids) = wallet
            .evaluate_json(ORDER, r#"{"messages":"both"}"#)
            .unwrap();
        assert_eq!((mine, my_ids), (one_shot, ids));
        let (compact, _) = wallet.evaluate_json(ORDER, "null").unwrap();
        assert!(
            compact.contains(r#""code":"amount_below_minimum""#),
            "{compact}"
        );
        assert!(!compact.contains("message"), "{compact}");
        let (en, _) = wallet.evaluate_json(ORDER, r#"{"messages":"en"}"#).unwrap();
        assert!(
            en.contains(r#""message":"#) && !en.contains("message_zh"),
            "{en}"
        );
    }

    #[test]
    fn the_wallet_refuses_what_belongs_to_each_call() {
        let code = |text: &str| {
            use crate::error::ErrorCode;
            Wallet::from_json(text, Some("2025-01-01T00:00:00Z"))
                .unwrap_err()
                .code()
        };
        assert_eq!(code(r#"{"order":{}}"#), "invalid_input");
        assert_eq!(
            code(r#"{"policy":{"max_coupons_per_order":"x"}}"#),
            "invalid_option"
        );
        let wallet = Wallet::from_json("{}", Some("2025-01-01T00:00:00Z")).unwrap();
        let err = wallet
            .quote_json(ORDER, r#"{"messages":"fr"}"#)
            .unwrap_err();
        assert_eq!(crate::error::ErrorCode::code(&err), "invalid_option");
        let err = wallet
            .evaluate_json(ORDER, r#"{"lines":true}"#)
            .unwrap_err();
        assert_eq!(crate::error::ErrorCode::code(&err), "invalid_option");
    }

    /// Both readers go through the one reader: the codes and paths of the hand readers they
    /// replaced (compared before/after on these inputs), messages in the reader's words.
    #[test]
    fn bad_wallets_and_options_name_the_path() {
        use crate::error::ErrorCode;
        let opts = |text: &str, quote: bool| match CallOptions::from_json(text, quote) {
            Ok(_) => ("ok", String::new()),
            Err(e) => (e.code(), e.field().unwrap_or_default().to_owned()),
        };
        for (text, quote, code, path) in [
            ("[]", true, "invalid_option", ""),
            ("\"x\"", false, "invalid_option", ""),
            (r#"{"x":1}"#, true, "invalid_option", "x"),
            (r#"{"messages":true}"#, true, "invalid_option", "messages"),
            (r#"{"messages":"fr"}"#, false, "invalid_option", "messages"),
            (
                r#"{"messages":"zh","lines":true}"#,
                false,
                "invalid_option",
                "lines",
            ),
            (r#"{"lines":"yes"}"#, true, "invalid_option", "lines"),
            (
                r#"{"alternatives":{}}"#,
                true,
                "invalid_option",
                "alternatives",
            ),
            (r#"{"policy":{}}"#, true, "invalid_option", "policy"),
            (r#"{"explain":1}"#, true, "invalid_option", "explain"),
            (r#"{"reasons":"no"}"#, true, "invalid_option", "reasons"),
            (r#"{"reasons":false}"#, false, "invalid_option", "reasons"),
            (
                r#"{"selection":"worst"}"#,
                true,
                "invalid_input",
                "selection",
            ),
            (r#"{"selection":null}"#, true, "invalid_input", "selection"),
            (
                r#"{"selection":{"x":1}}"#,
                true,
                "invalid_input",
                "selection.x",
            ),
            (
                r#"{"selection":"best"}"#,
                false,
                "invalid_option",
                "selection",
            ),
            ("{", true, "invalid_json", ""),
            (
                r#"{"messages":false,"lines":null,"selection":"best"}"#,
                true,
                "ok",
                "",
            ),
        ] {
            assert_eq!(opts(text, quote), (code, path.to_owned()), "{text} {quote}");
        }
        let read = CallOptions::from_json(
            r#"{"messages":"zh","lines":true,"explain":false,"selection":"best"}"#,
            true,
        )
        .unwrap();
        assert_eq!(read.selection, Selection::Best);
        assert_eq!(
            (
                read.view.messages,
                read.view.lines,
                read.view.explain,
                read.view.reasons
            ),
            (Messages::Zh, true, false, true)
        );
        let read = CallOptions::from_json(r#"{"reasons":false}"#, true).unwrap();
        assert_eq!(
            read.view,
            View {
                reasons: false,
                ..View::COMPACT
            }
        );
        assert_eq!(
            CallOptions::from_json("null", true).unwrap().view,
            View::COMPACT
        );
        let err = CallOptions::from_json(r#"{"lines":"yes"}"#, true).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid options: lines: expected a boolean, got string"
        );

        const NOW: &str = r#""now":"2025-01-01T00:00:00Z""#;
        let wallet = |text: &str| match Wallet::from_json(text, None) {
            Ok(_) => ("ok", String::new()),
            Err(e) => (e.code(), e.field().unwrap_or_default().to_owned()),
        };
        for (fields, code, path) in [
            (r#""x":1"#, "invalid_input", "x"),
            (r#""order":{}"#, "invalid_input", "order"),
            (r#""selection":"best""#, "invalid_input", "selection"),
            (r#""policy":1"#, "invalid_option", "policy"),
            (r#""policy":{"x":1}"#, "invalid_option", "policy.x"),
            (
                r#""policy":{"discount_606":5}"#,
                "invalid_option",
                "policy.discount_606",
            ),
            (r#""discounts":[1]"#, "invalid_input", "discounts[0]"),
            (r#""coupons":"x""#, "invalid_input", "coupons"),
            (r#""auto_pay":"y""#, "invalid_input", "auto_pay"),
            (
                r#""balances":{"cash":"x"}"#,
                "invalid_amount",
                "balances.cash",
            ),
            (r#""policy":null,"auto_pay":true"#, "ok", ""),
        ] {
            let text = format!("{{{fields},{NOW}}}");
            assert_eq!(wallet(&text), (code, path.to_owned()), "{text}");
        }
        assert_eq!(wallet("{}"), ("invalid_input", "now".to_owned()));
        assert_eq!(wallet("[]"), ("invalid_input", String::new()));
    }
}
