//! `priceLine`, `quote` and the `Wallet` handle.

use wasm_bindgen::prelude::*;

use bss_storefront::codes::error as code;

use crate::error::to_js_error;
use crate::input::{Op, call, json_text};

#[wasm_bindgen(typescript_custom_section)]
const QUOTE_TS: &'static str = r#"
/** The list-price inputs of one line. Amounts as decimal strings (or numbers). */
export interface PriceLineInput {
  /** Inferred from `period_num` / `usage_value` when absent. */
  charging_mode?: "period" | "on_demand" | "one_time";
  unit_price: string | number;
  /** Instances, whole number ≥ 1 (default 1). */
  subscription_num?: string | number;
  /** Size of a linear product (GB, Mbps, …). */
  resource_size?: string | number;
  period_num?: string | number;
  /** Periods per pricing period (周期转化率), default 1. */
  period_conversion_ratio?: string | number;
  usage_value?: string | number;
  /** Usage units per pricing unit (e.g. 3600 s per hour), default 1. */
  usage_conversion_ratio?: string | number;
  /** On-demand: 0 (default) truncates to 6 decimals, 1 to 10. */
  inquiry_precision?: 0 | 1;
}
/** A priced line. */
export interface LinePrice {
  charging_mode: "period" | "on_demand" | "one_time";
  /** At BSS precision: on-demand truncated to the inquiry precision, period exact (≤ 10 decimals). */
  official_amount: string;
  /** The exact product before any truncation. */
  exact_amount: string;
}
/** A discount option as BSS sends it: a rating result element, or a ListOrderDiscounts `DiscountInfoV3`. */
export interface DiscountOption {
  discount_id: string;
  /** Rating 605 / 606 / 607, or order 0 / 1 / 2 / 3 / 609. */
  discount_type: number | string;
  discount_name?: string;
  amount?: string | number;
  official_website_amount?: string | number;
  discount_amount?: string | number;
  measure_id?: number;
  best_offer?: 0 | 1;
  product_rating_results?: { id: string; amount?: string | number; official_website_amount?: string | number; discount_amount?: string | number; [field: string]: unknown }[];
  discount_value?: string | number;
  orders?: { order_id?: string; order_line_items?: { order_line_item_ids: string[]; discount_mode?: 0 | 1 | 2; discount_amount?: string | number; discount_ratio?: string | number }[] }[];
  [field: string]: unknown;
}
/** An order line of a quote: `official_amount`, or the list-price fields of `PriceLineInput`. */
export interface QuoteOrderLine extends Omit<OrderLine, "official_amount" | "amount" | "discount_ratio">,
  Omit<Partial<PriceLineInput>, "charging_mode"> {
  official_amount?: string | number;
}
/** The order of a quote (its discount comes from `discounts`). */
export interface QuoteOrder extends Omit<Order, "lines" | "discount"> {
  lines: QuoteOrderLine[];
}
export interface QuoteInput {
  order: QuoteOrder;
  discounts?: DiscountOption[];
  coupons?: Coupon[];
  /** From ListOrderCouponsByOrderId: at most `use_quantity_value` coupons of this type and group. */
  coupon_max_use_quantity?: { coupon_type: number; coupon_group?: number; use_quantity_value: number }[];
  /** Absent: the default discount, no coupon. `discount_id: null` means no discount (a 609 still applies). */
  selection?: "best" | { discount_id?: string | null; coupon_ids?: string[] };
  auto_pay?: boolean;
  balances?: { cash?: string | number; credit?: string | number };
  /** ISO 8601 UTC; defaults to the current time. */
  now?: string;
}
export interface QuoteOptions {
  policy?: Policy;
}
/** Money columns: `official − discount − coupon − flexi − card − truncated = payable`. */
export interface QuoteColumns {
  official_amount: string;
  discount_amount: string;
  coupon_amount: string;
  flexipurchase_coupon_amount: string;
  stored_card_amount: string;
  truncated_amount: string;
  payable: string;
}
export interface QuoteLine extends QuoteColumns {
  id: string;
}
export interface QuoteRejection {
  id: string;
  code: RejectionCode;
  /** Why, in English (with the first reason or the discount's problem). */
  message: string;
  /** Why, in Chinese (with the first reason's Chinese text). */
  message_zh: string;
  reasons?: CouponReason[];
}
export interface Quote {
  official_amount: string;
  discount: { discount_id: string; discount_type: number; kind: DiscountKind; discount_amount: string;
    amount_source: "server" | "computed" | "mixed" } | null;
  discount_rule: DiscountRule;
  discount_amount: string;
  amount_after_discount: string;
  coupons: { coupon_id: string; kind: "cash_coupon" | "discount_coupon" | "flexi_purchase_coupon" | "stored_value_card"; deducted: string; balance_after: string }[];
  coupon_amount: string;
  flexipurchase_coupon_amount: string;
  stored_card_amount: string;
  payable: string;
  truncated_amount: string;
  payment: { cash: string; credit: string; unpaid: string };
  lines: QuoteLine[];
  rejected: QuoteRejection[];
  /** The PayOrders (v3) body; `coupon_infos` / `discount_infos` only with "YES". */
  pay_request: {
    order_id?: string;
    use_coupon: "YES" | "NO";
    coupon_infos?: { id: string; type: 300 | 301 | 302 | 303 }[];
    use_discount: "YES" | "NO";
    discount_infos?: { id: string; type: number }[];
  };
  /** Per money column, `source:rule[:policy]` (source input | server | computed | none; README "explain"). */
  explain: Record<"official_amount" | "discount_amount" | "coupon_amount" | "flexipurchase_coupon_amount"
    | "stored_card_amount" | "truncated_amount" | "payable", string>;
  /** With `selection: "best"`: up to three runners-up, best first. */
  alternatives?: (QuoteColumns & { discount_id: string | null; coupon_ids: string[] })[];
  /** With `selection: "best"`: coupon applications searched; `exact` is false only past the node limit. */
  search?: { nodes: number; exact: boolean };
  policy: Required<Policy>;
}
"#;

/// The official amount of a line from list prices, with BSS's formulas and precision.
/// Throws `BssError` `invalid_order` (with `field`), `invalid_amount` or `invalid_input`.
#[wasm_bindgen(js_name = priceLine, unchecked_return_type = "LinePrice")]
pub fn price_line(
    #[wasm_bindgen(unchecked_param_type = "PriceLineInput")] line: JsValue,
) -> Result<JsValue, JsValue> {
    call(Op::PriceLine, &[&line])
}

/// The exact price preview of an order: discount, coupons, stored-value card, balances,
/// payable truncated to the cent, lines that sum to the totals, what was rejected and why,
/// and the PayOrders body. `input` is an object or JSON text (text keeps every digit of an
/// amount). `input.now` defaults to the current time. Throws `BssError`
/// (`invalid_order`, `invalid_amount`, `invalid_input`, `invalid_option`, `too_large`) for
/// bad input; unknown or unusable coupons and discounts are `rejected` entries instead.
#[wasm_bindgen(js_name = quote, unchecked_return_type = "Quote")]
pub fn quote(
    #[wasm_bindgen(unchecked_param_type = "QuoteInput | string")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "QuoteOptions")] opts: JsValue,
) -> Result<JsValue, JsValue> {
    call(Op::Quote, &[&input, &opts])
}

/// A customer's wallet read once, priced against every cart edit: `Wallet.from({ coupons,
/// discounts, balances, policy, now })`, then `evaluate(order)` and `quote(order, { selection })`.
/// Results are compact by default (codes, params, totals); messages, lines, alternatives, the
/// policy and the explain codes on request. Free it with `free()` (or `using`); an unreachable
/// wallet is freed by the garbage collector too.
#[wasm_bindgen(js_name = Wallet)]
pub struct JsWallet {
    wallet: bss_storefront::quote::wallet::Wallet,
}

#[wasm_bindgen(js_class = Wallet)]
impl JsWallet {
    /// Reads the wallet: the fields of a `quote` input but `order` and `selection`, and the
    /// `policy`. An object or JSON text. `now` defaults to the current time (fixed for the
    /// wallet's life). Throws `BssError` as `quote` does.
    #[wasm_bindgen(js_name = from)]
    pub fn from_input(
        #[wasm_bindgen(unchecked_param_type = "WalletInput | string")] wallet: JsValue,
    ) -> Result<JsWallet, JsValue> {
        let text = json_text(&wallet, "wallet", code::INVALID_INPUT, true, false)?;
        let now = crate::js::now_iso();
        let wallet = bss_storefront::quote::wallet::Wallet::from_json(&text, Some(&now))
            .map_err(|e| to_js_error(&e))?;
        Ok(JsWallet { wallet })
    }

    /// The quote of `order` (a `quote` input's order, object or JSON text) with this wallet.
    #[wasm_bindgen(unchecked_return_type = "WalletQuote")]
    pub fn quote(
        &self,
        #[wasm_bindgen(unchecked_param_type = "QuoteOrder | string")] order: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WalletQuoteOptions")] opts: JsValue,
    ) -> Result<JsValue, JsValue> {
        call(Op::WalletQuote(&self.wallet), &[&order, &opts])
    }

    /// Every coupon's verdict on `order` (as `evaluateCoupons` takes it), reasons without
    /// messages unless `opts.messages` asks for them.
    #[wasm_bindgen(unchecked_return_type = "WalletVerdict[]")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Order | string")] order: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WalletEvaluateOptions")] opts: JsValue,
    ) -> Result<JsValue, JsValue> {
        call(Op::WalletEvaluate(&self.wallet), &[&order, &opts])
    }
}

#[wasm_bindgen(typescript_custom_section)]
const WALLET_TS: &'static str = r#"
/** A wallet: a `quote` input without `order` and `selection`, with the policy. */
export interface WalletInput extends Omit<QuoteInput, "order" | "selection"> {
  policy?: Policy;
}
/** What a wallet's results carry besides codes, params and totals (all off by default). */
export interface WalletEvaluateOptions {
  /** Reason texts: English (`message`), Chinese (`message_zh`), both, or none (default). */
  messages?: "en" | "zh" | "both" | false;
}
export interface WalletQuoteOptions extends WalletEvaluateOptions {
  /** Absent: the default discount, no coupon. */
  selection?: QuoteInput["selection"];
  /** The per-line breakdown (`lines`). */
  lines?: boolean;
  /** The runners-up of `selection: "best"` (`alternatives`). */
  alternatives?: boolean;
  /** The policy used (`policy`). */
  policy?: boolean;
  /** Where each money column came from (`explain`). */
  explain?: boolean;
  /** The rejections' `reasons` (default `true`); `false`: each rejection is its `id` and `code` only. */
  reasons?: boolean;
}
/** A reason of a wallet's result: its texts only when `messages` asks for them. */
export interface WalletReason extends Omit<CouponReason, "message" | "message_zh"> {
  message?: string;
  message_zh?: string;
}
export interface WalletVerdict extends Omit<CouponVerdict, "reasons"> {
  reasons: WalletReason[];
}
/** A wallet's quote: a `Quote` whose `lines`, `alternatives`, `policy`, `explain` and texts are there only when asked for. */
export interface WalletQuote extends Omit<Quote, "lines" | "policy" | "explain" | "rejected"> {
  lines?: QuoteLine[];
  policy?: Required<Policy>;
  explain?: Quote["explain"];
  rejected: (Omit<QuoteRejection, "message" | "reasons"> & { message?: string; reasons?: WalletReason[] })[];
}
"#;
