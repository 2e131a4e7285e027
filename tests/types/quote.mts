// Compiled by `tsc --noEmit --strict` in tests/js/quote.test.mjs: the published types of
// selectDiscount, priceLine and quote describe the API.
import init, { selectDiscount, priceLine, quote, BssError, Wallet } from 'bss-storefront';
import type { DiscountChoice, LinePrice, Quote, QuoteInput, WalletQuote, WalletVerdict } from 'bss-storefront';

await init();
const choice: DiscountChoice = selectDiscount('{"official_website_rating_result":{"official_website_amount":1}}', { auto_pay: true });
const rule: 'no_discount' | 'best_offer' | 'largest_saving' | 'auto_pay_business_first' | 'order_adjustment'
  | 'requested' | 'best_combination' = choice.rule;
const saving: string = choice.discount_amount;
const priced: LinePrice = priceLine({ unit_price: '0.7', resource_size: 30, period_num: 5 });
const official: string = priced.official_amount;
const input: QuoteInput = {
  now: '2024-06-01T00:00:00Z',
  order: { order_type: 'new', charging_mode: 'period', lines: [
    { id: 'a', cloud_service_type: 'hws.service.type.ebs', region: 'cn-north-1', unit_price: '0.7', resource_size: 30, period_num: 5 },
    { id: 'b', cloud_service_type: 'hws.service.type.ec2', region: 'cn-north-1', official_amount: '10.00' }] },
  discounts: [{ discount_id: 'p', discount_type: 3, orders: [{ order_line_items: [{ order_line_item_ids: ['a'], discount_mode: 0, discount_ratio: '0.85' }] }] }],
  coupons: [{ coupon_id: 'c', coupon_type: 1, status: 2, face_value: '5' }],
  selection: 'best',
  balances: { cash: '10' },
};
const q: Quote = quote(input, { policy: { max_coupons_per_order: 2 } });
const payable: string = q.payable;
const firstLine: string = q.lines[0].truncated_amount;
const body: 'YES' | 'NO' = q.pay_request.use_coupon;
const alternatives: number = q.alternatives?.length ?? 0;
const code: string | undefined = q.rejected[0]?.code;
try {
  quote({ ...input, selection: { discount_id: null, coupon_ids: ['c'] } });
} catch (e) {
  if (e instanceof BssError) console.log(e.code, e.field);
}
console.log(rule, saving, official, payable, firstLine, body, alternatives, code);
// @ts-expect-error selection is "best" or an object
quote({ ...input, selection: 'cheapest' });
// @ts-expect-error a line price needs unit_price
priceLine({ period_num: 5 });
quote(input, { policy: { listed_hardware_coupon: 'every_line' } });
// @ts-expect-error listed_hardware_coupon is one_product or every_line
quote(input, { policy: { listed_hardware_coupon: 'all_lines' } });

// The wallet handle: read once, compact results, the rest on request.
const { order: cart, selection: _selection, ...walletInput } = input;
const wallet: Wallet = Wallet.from({ ...walletInput, policy: { max_coupons_per_order: 2 } });
const wq: WalletQuote = wallet.quote(cart, { selection: 'best', messages: 'zh', lines: true });
const wqLines: number = wq.lines?.length ?? 0;
const wqZh: string | undefined = wq.rejected[0]?.reasons?.[0]?.message_zh;
const verdicts: WalletVerdict[] = wallet.evaluate(JSON.stringify({ ...cart, lines: [cart.lines[1]] }), { messages: false });
console.log(wq.payable, wqLines, wqZh, verdicts[0]?.reasons[0]?.code);
wallet.free();
// @ts-expect-error messages are "en", "zh", "both" or false
wallet.quote(cart, { messages: 'fr' });
// @ts-expect-error the order goes to each call, not to the wallet
Wallet.from({ order: cart });
