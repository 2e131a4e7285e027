// My orders, the order page and the receipt. The order page fetches the pending order's BSS
// bodies (ShowCustomerOrderDetails, ListOrderDiscounts, ListOrderCouponsByOrderId,
// ShowCustomerAccountBalances, ListStoredValueCards) through the customer's proxy and
// previews the payment with quoteOrder; "Pay" sends the quote's PayOrders body; the receipt
// puts what BSS charged (the paid order's amounts) next to what was previewed.
import { quoteOrder, BssError } from '/pkg/dist/index.js';
import { lang } from './i18n.js';
import { ot, errorText, rejectText, formatMoney, formatTime, statusName } from './orders-i18n.js';

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const { dataset, ...rest } = props; // `dataset` has no setter: its entries are copied
  const node = Object.assign(document.createElement(tag), rest);
  if (dataset) Object.assign(node.dataset, dataset);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
};
const isZero = (amount) => /^-?0(\.0*)?$/.test(String(amount));
const bssLanguage = () => (lang() === 'zh' ? 'zh_CN' : 'en_US');
const FILTERS = ['', '6', '5', '4'];

/** The figures a receipt compares, from a quote or from a paid order's `amount_info`. */
export function previewFigures(q) {
  return {
    discount: q.discount_amount, cash_coupon: q.coupon_amount, flexi_coupon: q.flexipurchase_coupon_amount,
    card: q.stored_card_amount, payable: q.payable,
  };
}
function chargedFigures(info) {
  const a = info.amount_info ?? {};
  const discount = (a.discounts ?? []).map((d) => d.discount_amount)[0] ?? '0.00';
  return {
    discount, cash_coupon: a.coupon_amount ?? '0.00', flexi_coupon: a.flexipurchase_coupon_amount ?? '0.00',
    card: a.stored_card_amount ?? '0.00', payable: a.consumed_amount ?? info.amount_after_discount,
  };
}
/** Equal amounts as decimal text ("183.6" = "183.60"), by text. */
const same = (a, b) => {
  const norm = (x) => {
    const [i, f = ''] = String(x).split('.');
    return `${i.replace(/^0+(?=\d)/, '')}.${f.replace(/0+$/, '')}`;
  };
  return norm(a) === norm(b);
};

/**
 * Wires the orders section. `customer` is the BssClient on the customer's proxy. Returns
 * `{ show(route), render() }`; `route` is `''` (the list) or an order id.
 */
export function setupOrders(customer) {
  const state = {
    filter: '',
    list: null, // order_infos
    listError: null,
    route: '',
    order: null, // { id, parts, selection, quote, error }
    receipt: null, // { id, previewed, charged }
    status: null, // { ok, text: () => string }
    busy: false,
  };
  let seq = 0;

  // ---- data ----

  async function loadList() {
    const my = ++seq;
    state.listError = null;
    try {
      const r = await customer.listCustomerOrders({ ...(state.filter ? { status: Number(state.filter) } : {}), limit: 50, order_by: '-createTime' });
      if (my === seq) state.list = r.order_infos ?? [];
    } catch (e) {
      if (!(e instanceof BssError)) throw e;
      if (my === seq) state.listError = e;
    }
    render();
  }

  async function fetchParts(id) {
    const [details, discounts, coupons, balances, cards] = await Promise.all([
      customer.showCustomerOrderDetails({ order_id: id, limit: 100, x_language: bssLanguage() }),
      customer.listOrderDiscounts({ order_id: id }),
      customer.listOrderCouponsByOrderId({ order_id: id }),
      customer.showCustomerAccountBalances(),
      customer.listStoredValueCards({ status: 1 }),
    ]);
    return { details, discounts, coupons, balances, cards };
  }

  function requote() {
    const o = state.order;
    if (o?.parts?.details.order_info?.status !== 6) return;
    try {
      o.quote = quoteOrder({ ...o.parts, selection: o.selection });
      o.error = null;
      if (o.selection === 'best') {
        // From here on the customer edits the best combination.
        o.selection = { discount_id: o.quote.discount?.discount_id ?? null, coupon_ids: o.quote.coupons.map((c) => c.coupon_id) };
      }
    } catch (e) {
      if (!(e instanceof BssError)) throw e;
      o.quote = null;
      o.error = e;
    }
  }

  async function openOrder(id, selection = 'best') {
    const my = ++seq;
    state.order = { id, parts: null, selection, quote: null, error: null };
    render();
    try {
      const parts = await fetchParts(id);
      if (my !== seq) return;
      state.order.parts = parts;
      requote();
    } catch (e) {
      if (!(e instanceof BssError)) throw e;
      if (my === seq) state.order.error = e;
    }
    render();
    document.body.dataset.orderReady = id;
  }

  async function pay() {
    const o = state.order;
    if (!o?.quote || state.busy) return;
    state.busy = true;
    state.status = { ok: true, text: () => ot('paying') };
    render();
    const previewed = { ...previewFigures(o.quote), cash: o.quote.payment.cash, credit: o.quote.payment.credit };
    await busy(async () => {
      await customer.payOrders(o.quote.pay_request);
      const paid = await customer.showCustomerOrderDetails({ order_id: o.id, limit: 1 });
      const balances = await customer.showCustomerAccountBalances();
      state.receipt = { id: o.id, previewed, charged: chargedFigures(paid.order_info), balances };
      state.status = null;
      location.hash = `#orders/${o.id}/receipt`;
      await openOrder(o.id);
    });
  }

  /** Runs a BSS action with the page busy; a BssError becomes the page's status line. */
  async function busy(action) {
    try {
      await action();
    } catch (e) {
      if (!(e instanceof BssError)) throw e;
      state.status = { ok: false, text: () => errorText(e) };
    } finally {
      state.busy = false;
    }
    render();
  }

  async function cancel() {
    const o = state.order;
    if (!o || state.busy) return;
    if (!window.confirm(ot('cancel_confirm', { id: o.id }))) return;
    state.busy = true;
    await busy(async () => {
      await customer.cancelCustomerOrder({ order_id: o.id });
      state.status = { ok: true, text: () => ot('cancelled', { id: o.id }) };
      await openOrder(o.id);
    });
  }

  // ---- views ----

  function renderList() {
    const box = $('orders-list');
    const filter = el('select', { id: 'orders-filter' }, ...FILTERS.map((f) => el('option', {
      value: f, selected: f === state.filter, textContent: f ? statusName(Number(f)) : ot('filter_all'),
    })));
    filter.addEventListener('change', () => { state.filter = filter.value; loadList(); });
    const head = el('div', { className: 'field inline' }, el('label', { htmlFor: 'orders-filter', textContent: ot('filter') }), filter);
    let body;
    if (state.listError) body = el('p', { className: 'msg error', role: 'alert', textContent: errorText(state.listError) });
    else if (!state.list) body = el('p', { className: 'muted', textContent: ot('loading') });
    else if (!state.list.length) body = el('p', { className: 'muted', textContent: ot('no_orders') });
    else {
      body = el('table', { className: 'orders' },
        el('thead', {}, el('tr', {}, ...['col_order', 'col_created', 'col_status', 'col_amount'].map((k) => el('th', { scope: 'col', textContent: ot(k) })))),
        el('tbody', {}, ...state.list.map((o) => el('tr', { dataset: { orderId: o.order_id, status: String(o.status) } },
          el('td', {}, el('a', { href: `#orders/${o.order_id}`, textContent: o.order_id })),
          el('td', { textContent: formatTime(o.create_time) }),
          el('td', { textContent: statusName(o.status) }),
          el('td', { className: 'num', textContent: formatMoney(o.official_amount) })))));
    }
    const refocus = document.activeElement?.id === 'orders-filter';
    box.replaceChildren(head, body);
    if (refocus) filter.focus();
  }

  function moneyRow(label, amount, { minus = false, strong = false, key } = {}) {
    const value = `${minus && !isZero(amount) ? '−' : ''}${formatMoney(amount)}`;
    return el('div', { className: `row${strong ? ' total' : ''}`, dataset: key ? { figure: key } : {} },
      el('dt', { textContent: label }), el('dd', { textContent: value }));
  }

  /** A coupon or card in the page's language: its kind, what it is worth, its code. (Names
   * and usage notes are the partner's free text in one language: left out.) */
  function couponName(c) {
    if (c.card_id) return `${ot('card')} ${formatMoney(c.balance)} · ${c.card_id.slice(-4)}`;
    if (Number(c.coupon_type) === 300) return `${ot('discount_coupon')} ×${c.face_value} · ${c.coupon_code || c.coupon_id}`;
    const kind = { 301: ot('cash_coupon'), 302: ot('flexi_coupon') }[c.coupon_type] ?? '';
    return `${kind} ${formatMoney(c.balance)} · ${c.coupon_code || c.coupon_id}`;
  }

  /** A discount option in the page's language: its kind and pay ratio. */
  function discountName(d) {
    const kind = ot(`discount_type_${d.discount_type}`);
    return d.discount_value !== undefined ? `${kind} ×${d.discount_value}` : kind;
  }

  function renderOrder() {
    const o = state.order;
    const box = $('order-view');
    const back = el('a', { href: '#orders', className: 'back', textContent: ot('back') });
    if (!o.parts) {
      box.replaceChildren(back, el('p', o.error ? { className: 'msg error', role: 'alert', textContent: errorText(o.error) } : { className: 'muted', textContent: ot('loading') }));
      return;
    }
    const { details, discounts, coupons, cards, balances } = o.parts;
    const info = details.order_info;
    const q = o.quote;
    const title = el('h3', { id: 'order-title', textContent: ot('order_title', { id: o.id }) });
    const status = el('p', { className: 'muted', textContent: `${statusName(info.status)}${info.status === 6 ? ` · ${ot('pay_by', { time: formatTime(info.pending_payment_end_time) })}` : ''}` });
    const lines = el('section', { className: 'panel', ariaLabel: ot('lines_title') }, el('h4', { textContent: ot('lines_title') }),
      el('ul', { className: 'order-lines' }, ...(details.order_line_items ?? []).map((l) => el('li', {},
        el('span', { textContent: `${l.service_type_name} · ${l.product_spec_desc}` }),
        el('span', { className: 'muted', textContent: ot('line_period', { n: l.subscription_num, periods: l.period_num, unit: ot(l.period_type === 3 ? 'years' : 'months') }) }),
        el('span', { className: 'num', textContent: formatMoney(l.official_amount) })))));
    const parts = [back, title, status, lines];
    if (info.status === 6) parts.push(renderPreview(o, discounts, coupons, cards, balances));
    else if (state.receipt?.id === o.id) parts.push(renderReceipt());
    if (state.status) parts.push(el('p', { className: `msg ${state.status.ok ? 'ok' : 'error'}`, role: state.status.ok ? 'status' : 'alert', id: 'order-status', textContent: state.status.text() }));
    if (q) {
      parts.push(el('details', { className: 'developer' }, el('summary', { textContent: ot('developer') }),
        el('h5', { textContent: ot('dev_pay_body') }), el('pre', { id: 'order-pay-body', textContent: JSON.stringify(q.pay_request, null, 2) }),
        el('h5', { textContent: ot('dev_facts') }),
        el('pre', { textContent: q.facts_from_bss.length ? q.facts_from_bss.map((f) => `${f.coupon_id}: ${f.limit_key} (${f.missing})`).join('\n') : ot('dev_none') })));
    }
    box.replaceChildren(...parts);
  }

  function renderPreview(o, discounts, coupons, cards, balances) {
    const q = o.quote;
    const panel = el('section', { className: 'panel', id: 'order-preview' }, el('h4', { textContent: ot('preview_title') }));
    if (o.error) {
      panel.append(el('p', { className: 'msg error', role: 'alert', textContent: errorText(o.error) }));
      return panel;
    }
    const sel = o.selection;
    // Discount choice.
    const choice = el('select', { id: 'order-discount' },
      el('option', { value: '', textContent: ot('no_discount'), selected: sel.discount_id === null }),
      ...(discounts.discounts ?? []).map((d) => el('option', {
        value: d.discount_id, selected: sel.discount_id === d.discount_id, textContent: discountName(d),
      })));
    choice.addEventListener('change', () => {
      o.selection = { ...o.selection, discount_id: choice.value || null };
      requote();
      render();
      $('order-discount')?.focus();
    });
    panel.append(el('div', { className: 'field' }, el('label', { htmlFor: 'order-discount', textContent: ot('discount') }), choice));
    // Coupons and cards, each usable or not with its reason.
    const all = [...(coupons.user_coupons ?? []), ...(cards.stored_value_cards ?? [])];
    const list = el('ul', { className: 'wallet', id: 'order-coupons' });
    for (const c of all) {
      const id = c.coupon_id ?? c.card_id;
      const used = q?.coupons.find((x) => x.coupon_id === id);
      const rejected = q?.rejected.find((x) => x.id === id);
      const box = el('input', { type: 'checkbox', id: `oc-${id}`, checked: sel.coupon_ids.includes(id), value: id });
      box.addEventListener('change', () => {
        const ids = sel.coupon_ids.filter((x) => x !== id);
        o.selection = { ...o.selection, coupon_ids: box.checked ? [...ids, id] : ids };
        requote();
        render();
        $(`oc-${id}`)?.focus();
      });
      const note = used ? ot('used', { amount: formatMoney(used.deducted) }) : rejected ? ot('not_used', { reason: rejectText(rejected) }) : ot('available');
      list.append(el('li', { dataset: { couponId: id, used: String(Boolean(used)) } },
        box, el('label', { htmlFor: `oc-${id}`, textContent: couponName(c) }), el('span', { className: used ? 'ok' : 'muted', textContent: ` ${note}` })));
    }
    const best = el('button', { type: 'button', id: 'order-best', textContent: ot('best') });
    best.addEventListener('click', () => { o.selection = 'best'; requote(); render(); $('order-best')?.focus(); });
    panel.append(el('h5', { textContent: ot('coupons_title') }), all.length ? list : el('p', { className: 'muted', textContent: ot('no_coupons') }), best);
    if (!q) return panel;
    // The figures.
    const saved = [q.discount_amount, q.coupon_amount, q.flexipurchase_coupon_amount, q.stored_card_amount];
    const rows = el('dl', { className: 'figures', id: 'order-figures' },
      moneyRow(ot('official'), q.official_amount, { key: 'official' }),
      isZero(q.discount_amount) ? null : moneyRow(ot('discount_saving'), q.discount_amount, { minus: true, key: 'discount' }),
      isZero(q.coupon_amount) ? null : moneyRow(ot('cash_coupon'), q.coupon_amount, { minus: true, key: 'cash_coupon' }),
      isZero(q.flexipurchase_coupon_amount) ? null : moneyRow(ot('flexi_coupon'), q.flexipurchase_coupon_amount, { minus: true, key: 'flexi_coupon' }),
      isZero(q.stored_card_amount) ? null : moneyRow(ot('card'), q.stored_card_amount, { minus: true, key: 'card' }),
      isZero(q.truncated_amount) ? null : moneyRow(ot('cut'), q.truncated_amount, { minus: true, key: 'cut' }),
      moneyRow(ot('payable'), q.payable, { strong: true, key: 'payable' }));
    panel.append(rows);
    if (saved.some((x) => !isZero(x))) {
      panel.append(el('p', { className: 'ok', id: 'order-saving', textContent: ot('you_save', { amount: formatMoney(savedTotal(q)) }) }));
    }
    const cashRow = balances.account_balances?.find((a) => a.account_type === 1);
    const creditRow = balances.account_balances?.find((a) => a.account_type === 2);
    panel.append(el('h5', { textContent: ot('paid_from') }), el('dl', { className: 'figures' },
      moneyRow(`${ot('cash_balance')} (${formatMoney(cashRow?.amount)})`, q.payment.cash, { key: 'cash' }),
      moneyRow(`${ot('credit_balance')} (${formatMoney(creditRow?.amount)})`, q.payment.credit, { key: 'credit' }),
      isZero(q.payment.unpaid) ? null : moneyRow(ot('unpaid'), q.payment.unpaid, { key: 'unpaid' })));
    panel.append(el('details', {}, el('summary', { textContent: ot('per_line') }),
      el('table', { className: 'orders' }, el('tbody', {}, ...q.lines.map((l) => el('tr', {},
        el('td', { textContent: l.id.slice(-6) }), el('td', { className: 'num', textContent: formatMoney(l.official_amount) }),
        el('td', { className: 'num', textContent: formatMoney(l.payable) })))))));
    const payButton = el('button', { type: 'button', id: 'order-pay', className: 'primary', textContent: ot('pay', { amount: formatMoney(q.payable) }), disabled: state.busy });
    payButton.addEventListener('click', pay);
    const cancelButton = el('button', { type: 'button', id: 'order-cancel', textContent: ot('cancel'), disabled: state.busy });
    cancelButton.addEventListener('click', cancel);
    panel.append(el('div', { className: 'actions' }, payButton, cancelButton));
    return panel;
  }

  function savedTotal(q) {
    // official − payable − the cut: what discounts, coupons and cards took (text in, text out:
    // whole cents of decimal strings as BigInt).
    const cents = (x) => {
      const [i, f = ''] = String(x).split('.');
      return BigInt(i) * 100n + BigInt((f + '00').slice(0, 2));
    };
    const total = [q.discount_amount, q.coupon_amount, q.flexipurchase_coupon_amount, q.stored_card_amount].reduce((s, x) => s + cents(x), 0n);
    return `${total / 100n}.${String(total % 100n).padStart(2, '0')}`;
  }

  function renderReceipt() {
    const r = state.receipt;
    const keys = ['discount', 'cash_coupon', 'flexi_coupon', 'card', 'payable'];
    const labels = { discount: 'discount_saving', cash_coupon: 'cash_coupon', flexi_coupon: 'flexi_coupon', card: 'card', payable: 'payable' };
    const equal = keys.every((k) => same(r.previewed[k], r.charged[k]));
    return el('section', { className: 'panel receipt', id: 'receipt', ariaLabel: ot('receipt_title') },
      el('h4', { textContent: ot('receipt_title') }),
      el('p', { className: 'ok', textContent: ot('receipt_paid', { id: r.id }) }),
      el('table', { className: 'orders' },
        el('thead', {}, el('tr', {}, el('th', {}), el('th', { scope: 'col', textContent: ot('previewed') }), el('th', { scope: 'col', textContent: ot('charged') }))),
        el('tbody', {}, ...keys.map((k) => el('tr', { dataset: { figure: k } },
          el('th', { scope: 'row', textContent: ot(labels[k]) }),
          el('td', { className: 'num previewed', textContent: formatMoney(r.previewed[k]) }),
          el('td', { className: 'num charged', textContent: formatMoney(r.charged[k]) }))))),
      el('p', { className: equal ? 'ok' : 'msg error', id: 'receipt-match', textContent: ot(equal ? 'match' : 'mismatch') }),
      el('h5', { textContent: ot('balances') }),
      el('dl', { className: 'figures' }, ...(r.balances.account_balances ?? []).filter((a) => a.account_type <= 2).map((a) => moneyRow(ot(a.account_type === 1 ? 'cash_balance' : 'credit_balance'), a.amount))));
  }

  function render() {
    $('orders-title').textContent = ot('orders_title');
    $('tab-orders').textContent = ot('nav_orders');
    const onOrder = Boolean(state.route);
    $('orders-list').hidden = onOrder;
    $('order-view').hidden = !onOrder;
    if (onOrder && state.order) renderOrder();
    else renderList();
  }

  /** Shows the list (`''`) or an order (`id`, `id/receipt`). */
  function show(route) {
    const [id] = route.split('/');
    const reload = id !== state.route || !state.order;
    state.route = id;
    if (!id) {
      state.order = null;
      state.status = null;
      render();
      loadList();
    } else if (reload) {
      if (state.receipt?.id !== id) state.receipt = null;
      state.status = null;
      openOrder(id);
    } else {
      render();
    }
  }

  // A new language: the order's product names come from BSS in it; the choice is kept.
  return { show, render, language: () => (state.order ? openOrder(state.order.id, state.order.selection) : loadList()) };
}
