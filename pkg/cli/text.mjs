// The CLI's own words in English and Chinese, and money as people read it. Rule messages come
// from the engine (`message` / `message_zh`); these are the labels around them.

const EN = {
  validating: 'validating', rows: 'rows',
  row: 'row {row} (line {line})',
  summary: '{rows} rows: {valid} valid, {invalid} invalid ({seconds} s, {rate} rows/s)',
  interrupted: 'interrupted: {rows} rows read so far',
  unknown_column: 'column "{name}" is not a RegistrationForm field',
  unknown_field: 'line {line}: field "{name}" is not a RegistrationForm field',
  did_you_mean: ' — did you mean "{name}"?',
  allow_unknown: '(--allow-unknown ignores unknown columns and fields; the fields are: {fields})',
  missing_column: 'the header has no "{name}" column, which CreateSubCustomer requires',
  missing_is_it: ' — is it "{name}"?',
  duplicate_column: 'column "{name}" appears more than once',
  ignored_columns: 'ignoring columns: {names}',
  csv_columns: 'expected {expected} columns as in the header, found {found}',
  not_json_line: 'not JSON: {error}',
  not_form: 'a line must hold one JSON object (a RegistrationForm)',
  coupon: 'coupon', name: 'name', id: 'id', kind: 'kind', status: 'status', eligible: 'eligible',
  max_deduction: 'max deduction', reasons: 'reasons',
  applicable_count: '{usable} of {total} coupons applicable',
  line: 'line', official: 'official', discount: 'discount', coupons: 'coupons', flexi: 'flexi-purchase',
  card: 'stored-value card', truncated: 'truncated', payable: 'payable', total: 'total', amount: 'amount',
  official_amount: 'official amount', amount_after_discount: 'amount after discount',
  discount_of: '{kind} discount {name}', cut: 'cut by truncation to the cent',
  paid_cash: '  paid from cash balance', paid_credit: '  paid from credit balance', unpaid: '  unpaid',
  not_used: 'not used:', offer: 'coupon or discount', code: 'code', why: 'why',
  cash_coupon: 'cash coupon', discount_coupon: 'discount coupon', flexi_purchase_coupon: 'flexi-purchase coupon',
  stored_value_card: 'stored-value card', product_coupon: 'product coupon', unknown_kind: 'unknown kind',
  not_applicable: 'not applicable', indeterminate: 'indeterminate',
  business: 'business', contract: 'contract', partner: 'partner', promotion: 'promotion', order_adjustment: 'order adjustment',
  order_head: 'order {order}, pending payment until {deadline}',
  not_pending: 'order {order} is not pending payment (status {status}): nothing to preview or pay',
  coupon_verdicts: 'coupons and cards:', verdict: 'verdict',
  used: 'used', unused: 'not used',
  pay_amount: 'Pay {payable} for order {order}?', paid: 'paid {payable} for order {order}', not_paid: 'not paid',
  not_paying_rejected: 'not paying: the selection has coupons or a discount that the order cannot use ({ids}); see the preview',
};

const ZH = {
  validating: '校验中', rows: '行',
  row: '第 {row} 行（文件第 {line} 行）',
  summary: '共 {rows} 行：有效 {valid} 行，无效 {invalid} 行（{seconds} 秒，每秒 {rate} 行）',
  interrupted: '已中断：已读取 {rows} 行',
  unknown_column: '列“{name}”不是注册表单（RegistrationForm）的字段',
  unknown_field: '文件第 {line} 行：字段“{name}”不是注册表单（RegistrationForm）的字段',
  did_you_mean: '——是否应为“{name}”？',
  allow_unknown: '（--allow-unknown 可忽略未知的列和字段；可用字段：{fields}）',
  missing_column: '表头缺少 CreateSubCustomer 必填的“{name}”列',
  missing_is_it: '——是否为“{name}”？',
  duplicate_column: '列“{name}”出现了不止一次',
  ignored_columns: '已忽略的列：{names}',
  csv_columns: '列数应与表头一致（{expected}列），实际为{found}列',
  not_json_line: '不是合法的 JSON：{error}',
  not_form: '每行须为一个 JSON 对象（注册表单）',
  coupon: '优惠券', name: '名称', id: 'ID', kind: '类型', status: '状态', eligible: '可抵扣范围',
  max_deduction: '最多抵扣', reasons: '原因',
  applicable_count: '{total} 张优惠券中 {usable} 张可用',
  line: '订单项', official: '官网价', discount: '折扣', coupons: '代金券', flexi: '现金券',
  card: '储值卡', truncated: '抹零', payable: '应付', total: '合计', amount: '金额',
  official_amount: '官网价', amount_after_discount: '折后金额',
  discount_of: '{kind}折扣 {name}', cut: '抹零（截断到分）',
  paid_cash: '  现金余额支付', paid_credit: '  信用余额支付', unpaid: '  未支付',
  not_used: '未使用：', offer: '优惠券或折扣', code: '代码', why: '原因',
  cash_coupon: '代金券', discount_coupon: '折扣券', flexi_purchase_coupon: '现金券',
  stored_value_card: '储值卡', product_coupon: '提货券', unknown_kind: '未知类型',
  applicable: '可用', not_applicable: '不可用', indeterminate: '待确认',
  business: '商务', contract: '合同', partner: '合作伙伴', promotion: '促销', order_adjustment: '订单调价',
  order_head: '订单 {order}，待支付，截止 {deadline}',
  not_pending: '订单 {order} 不是待支付状态（status {status}）：无法预览或支付',
  coupon_verdicts: '优惠券和储值卡：', verdict: '结论',
  used: '已使用', unused: '未使用',
  pay_amount: '为订单 {order} 支付 {payable}？', paid: '已为订单 {order} 支付 {payable}', not_paid: '未支付',
  not_paying_rejected: '不支付：所选的优惠券或折扣有本订单不能使用的（{ids}），见预览',
};

/** The words of one language: `t(key, params)`, and `message(x)` for an engine message. */
export function words(lang) {
  const zh = lang === 'zh';
  const table = zh ? ZH : EN;
  return {
    lang: zh ? 'zh' : 'en',
    t(key, params = {}) {
      const text = table[key] ?? EN[key] ?? key;
      return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
    },
    /** An engine issue, reason or rejection in this language. */
    message(x) {
      if (!zh) return x.message;
      return x.message_zh ?? x.message;
    },
    /** A count with thousands separators. */
    count: (n) => COUNT.format(n),
  };
}

const COUNT = new Intl.NumberFormat('en-US');

/**
 * A decimal string with thousands separators ("1234567.891" → "1,234,567.891"). The digits
 * are regrouped as text, never through a float; anything that is not a plain decimal is
 * returned as it is.
 */
export function money(amount) {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(String(amount));
  if (!m) return String(amount);
  return m[1] + m[2].replace(/\B(?=(\d{3})+$)/g, ',') + (m[3] ?? '');
}

/** True for a decimal string of zero ("0", "0.00", "-0.000"). */
export const isZero = (amount) => /^-?0*(\.0*)?$/.test(String(amount)) && /\d/.test(String(amount));

/** `amount` as a deduction: "-1,234.50"; zero stays "0.00". */
export function minus(amount) {
  const text = money(amount);
  if (isZero(amount)) return text;
  return text.startsWith('-') ? text.slice(1) : `-${text}`;
}
