// The words of the orders pages (My orders, the order page, the receipt) in English and
// Chinese, money as the customer reads it, and the PayOrders / order errors a customer can
// meet, in the chosen language.
import { lang, msg } from './i18n.js';

const TEXT = {
  en: {
    nav_orders: 'My orders',
    orders_title: 'My orders',
    filter: 'Show',
    filter_all: 'All orders',
    status_6: 'Pending payment',
    status_5: 'Paid',
    status_4: 'Cancelled',
    status_other: 'Status {code}',
    col_order: 'Order',
    col_created: 'Placed',
    col_status: 'Status',
    col_amount: 'List price',
    no_orders: 'No orders yet. Add products to the cart in the shop and place an order.',
    loading: 'Loading…',
    open: 'Open',
    back: 'Back to my orders',
    order_title: 'Order {id}',
    pay_by: 'Pay by {time}',
    lines_title: 'What you ordered',
    line_period: '{n} × {periods} {unit}',
    months: 'month(s)',
    years: 'year(s)',
    preview_title: 'What you will pay',
    discount: 'Discount',
    no_discount: 'No discount',
    coupons_title: 'Coupons and cards',
    no_coupons: 'No coupon or card can be used on this order.',
    used: 'used: −{amount}',
    not_used: 'not used: {reason}',
    available: 'available',
    best: 'Best combination',
    official: 'List price',
    discount_saving: 'Discount',
    cash_coupon: 'Cash coupon',
    flexi_coupon: 'Flexi-purchase coupons',
    card: 'Stored-value card',
    cut: 'Below a cent (not charged)',
    payable: 'To pay',
    you_save: 'You save {amount}',
    paid_from: 'Paid from',
    cash_balance: 'Cash balance',
    credit_balance: 'Credit',
    unpaid: 'Not covered by your balances',
    balances: 'Your balances',
    per_line: 'Per line',
    pay: 'Pay {amount}',
    cancel: 'Cancel order',
    cancel_confirm: 'Cancel order {id}? This cannot be undone.',
    cancelled: 'Order {id} was cancelled.',
    paying: 'Paying…',
    receipt_title: 'Receipt',
    receipt_paid: 'Order {id} is paid.',
    previewed: 'Previewed',
    charged: 'Charged by Huawei Cloud',
    match: 'The charge equals the preview.',
    mismatch: 'The charge differs from the preview.',
    developer: 'Developer details',
    dev_pay_body: 'PayOrders body',
    dev_facts: 'Coupon limits taken from ListOrderCouponsByOrderId',
    dev_none: 'none',
    error: 'Something went wrong',
    place_order: 'Place order',
    placing: 'Placing the order…',
    placed: 'Order {id} placed.',
    excluded_banner: '{n} line(s) cannot be ordered (no price or not sold in the region) and are left out.',
    nothing_to_order: 'Nothing in the cart can be ordered.',
    continue_shop: 'Continue to the shop',
    discount_coupon: 'Discount coupon',
    discount_type_0: 'Promotion discount',
    discount_type_1: 'Contract discount',
    discount_type_2: 'Business discount',
    discount_type_3: 'Partner discount',
    discount_type_609: 'Price adjustment',
  },
  zh: {
    nav_orders: '我的订单',
    orders_title: '我的订单',
    filter: '显示',
    filter_all: '全部订单',
    status_6: '待支付',
    status_5: '已支付',
    status_4: '已取消',
    status_other: '状态 {code}',
    col_order: '订单',
    col_created: '下单时间',
    col_status: '状态',
    col_amount: '官网价',
    no_orders: '还没有订单。请在商店中把产品加入购物车并下单。',
    loading: '加载中…',
    open: '查看',
    back: '返回我的订单',
    order_title: '订单 {id}',
    pay_by: '请在 {time} 前支付',
    lines_title: '订购内容',
    line_period: '{n} 个 × {periods} {unit}',
    months: '个月',
    years: '年',
    preview_title: '应付金额',
    discount: '折扣',
    no_discount: '不使用折扣',
    coupons_title: '优惠券和储值卡',
    no_coupons: '此订单没有可用的优惠券或储值卡。',
    used: '已使用：−{amount}',
    not_used: '未使用：{reason}',
    available: '可用',
    best: '最优组合',
    official: '官网价',
    discount_saving: '折扣',
    cash_coupon: '代金券',
    flexi_coupon: '现金券',
    card: '储值卡',
    cut: '不足一分（抹零）',
    payable: '应付',
    you_save: '共节省 {amount}',
    paid_from: '支付方式',
    cash_balance: '现金余额',
    credit_balance: '信用额度',
    unpaid: '余额不足部分',
    balances: '账户余额',
    per_line: '按订单项',
    pay: '支付 {amount}',
    cancel: '取消订单',
    cancel_confirm: '确定取消订单 {id}？取消后不能恢复。',
    cancelled: '订单 {id} 已取消。',
    paying: '支付中…',
    receipt_title: '支付凭证',
    receipt_paid: '订单 {id} 已支付。',
    previewed: '预览金额',
    charged: '华为云实际扣款',
    match: '实际扣款与预览一致。',
    mismatch: '实际扣款与预览不一致。',
    developer: '开发者信息',
    dev_pay_body: 'PayOrders 请求体',
    dev_facts: '取自 ListOrderCouponsByOrderId 的优惠券限制',
    dev_none: '无',
    error: '出错了',
    place_order: '下单',
    placing: '正在下单…',
    placed: '订单 {id} 已创建。',
    excluded_banner: '{n} 个订单项无法订购（无价格或该区域不售卖），已排除。',
    nothing_to_order: '购物车中没有可订购的产品。',
    continue_shop: '继续前往商店',
    discount_coupon: '折扣券',
    discount_type_0: '促销折扣',
    discount_type_1: '合同折扣',
    discount_type_2: '商务折扣',
    discount_type_3: '伙伴授予折扣',
    discount_type_609: '订单调价',
  },
};

/** The BSS errors of the order pages, in both languages. */
const ERRORS = {
  'CBC.99003106': { en: 'This order can no longer be paid: it was already paid or cancelled.', zh: '订单状态已变化（已支付或已取消），不能再支付。' },
  'CBC.99003110': { en: 'The payment deadline of this order has passed.', zh: '订单已超过支付期限。' },
  'CBC.99003112': { en: 'A coupon or card you chose has been used (perhaps by another order) or is no longer available.', zh: '所选优惠券或储值卡已被使用（可能被其他订单使用）或不可用。' },
  'CBC.99005003': { en: 'Your balance is not enough to pay this order.', zh: '账户余额不足，无法支付此订单。' },
  'CBC.99003108': { en: 'The discount does not apply to this order.', zh: '该折扣不适用于此订单。' },
  'CBC.99003116': { en: 'A coupon cannot be combined with the discount.', zh: '优惠券不能与该折扣同时使用。' },
  'CBC.99003147': { en: 'A cash coupon and a discount coupon cannot be used together.', zh: '代金券和折扣券不能同时使用。' },
  'CBC.30000010': { en: 'The order does not exist.', zh: '订单不存在。' },
  'CBC.99006006': { en: 'A product in the cart is not sold.', zh: '购物车中的产品不在售。' },
};

/** The text of `key` in the current language, `{name}` filled from `params`. */
export function ot(key, params = {}) {
  const text = TEXT[lang()][key] ?? TEXT.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** A BSS error as the customer reads it, in the current language (the code stays visible). */
export function errorText(e) {
  const known = ERRORS[e?.code];
  return known ? `${known[lang()]} (${e.code})` : `${ot('error')} (${e?.code ?? 'error'})`;
}

/** A BSS error on a customer's screen: known codes in the current language; otherwise BSS's
 * own (English) message on the English page, a plain "something went wrong" on the Chinese. */
export function customerError(e) {
  if (ERRORS[e?.code]) return errorText(e);
  return lang() === 'en' && e?.message ? `${e.message} (${e.code})` : `${ot('error')} (${e?.code ?? 'error'})`;
}

/** A quote rejection's reason in the current language (the engine's `message` / `message_zh`). */
export const rejectText = msg;

/**
 * A decimal string as money: `¥` and thousands separators, at least two decimals (more kept
 * when the amount has them), by text only (no arithmetic). Nothing given prints `—`.
 */
export function formatMoney(amount) {
  const text = amount === undefined || amount === null ? '' : String(amount);
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return '—';
  const grouped = m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = (m[3] ?? '').padEnd(2, '0');
  return `${m[1]}¥${grouped}.${frac}`;
}

/** A BSS UTC time as local date and time in the current language. */
export function formatTime(iso) {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) return '—';
  return d.toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
}

/** An order status code's name. */
export const statusName = (code) => (TEXT.en[`status_${code}`] ? ot(`status_${code}`) : ot('status_other', { code }));
