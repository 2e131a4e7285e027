// The shop: a catalog from BSS, a cart, and a price preview that follows every edit —
// list prices and discount options from the rating API (ListRateOnPeriodDetail), the
// discount BSS would apply (selectDiscount), every wallet coupon judged against the cart
// (evaluateCoupons), and the payable amount with its per-line breakdown (quote). "Pay"
// sends the quote's PayOrders body through the customer's proxy.

import { quote, selectDiscount, evaluateCoupons, BssError } from '/pkg/dist/index.js';
import { t, msg, lang } from './i18n.js';
import { ot, errorText, customerError, formatMoney } from './orders-i18n.js';

/** Regions offered by the demo (BSS has no region-list operation among the 23). */
const REGIONS = [
  { code: 'cn-north-4', en: 'CN North-Beijing4', zh: '华北-北京四' },
  { code: 'cn-north-1', en: 'CN North-Beijing1', zh: '华北-北京一' },
  { code: 'cn-east-3', en: 'CN East-Shanghai1', zh: '华东-上海一' },
];
/** Resource types sold by size (linear products): unit, BSS size_measure_id, limits. */
const LINEAR = {
  'hws.resource.type.volume': { unit: 'GB', measure: 17, min: 10, max: 32768, initial: 40 },
  'hws.resource.type.bandwidth': { unit: 'Mbit/s', measure: 15, min: 1, max: 2000, initial: 5 },
};
const QUANTITY = { min: 1, max: 10000 };
/** Months 1–11 and years 1–3, as BSS limits renewals. */
const PERIODS = { 2: { min: 1, max: 11, unit: 'months' }, 3: { min: 1, max: 3, unit: 'years' } };
const NOT_ON_SALE = 'CBC.99006006';

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};
/** An amount string as money: ¥, thousands separators, at least two decimals; `—` for none. */
const money = formatMoney;
const isZero = (amount) => /^-?0(\.0*)?$/.test(String(amount));
const bssLanguage = () => (lang() === 'zh' ? 'zh_CN' : 'en_US');
const wholeIn = (text, { min, max }) => (/^\d+$/.test(text) && Number(text) >= min && Number(text) <= max ? Number(text) : null);

/** Performance marks of each preview update: { cause, ms, rated } (read by the e2e test). */
window.storefrontTimings = [];

/**
 * Wires the shop. `partner` / `customer` are BssClients on the two proxies; `config` is
 * /demo/config. Returns `{ activate, render }`: `activate()` loads data on first view.
 */
export function setupShop(partner, customer, config, hooks = {}) {
  const state = {
    region: REGIONS[0].code,
    catalog: new Map(), // `${region}|${lang}` → products
    prices: new Map(), // product key|region → list price or null
    names: new Map(), // service type code → { en, zh }
    cart: [],
    nextLine: 1,
    periodType: 2,
    periodNum: 1,
    wallet: [],
    walletError: null,
    discount: 'auto', // 'auto' | 'none' | discount_id
    couponIds: [],
    ratings: new Map(), // product_infos JSON → rating (or error)
    unavailable: new Map(), // line id → error code
    last: null, // { rating, choice, quote, verdicts, lines }
    previewError: null, // () → text in the current language
    pay: null, // { ok, text }
    announce: '',
  };
  let loaded = null;
  let seq = 0;

  const productKey = (p) => `${p.cloud_service_type}|${p.resource_type}|${p.resource_spec}`;
  const productName = (p) => {
    const names = state.names.get(p.cloud_service_type);
    const service = names ? names[lang()] ?? names.en : p.cloud_service_type;
    return `${service} · ${p.resource_spec_name || p.resource_spec}`;
  };

  // ---- catalog ----

  async function serviceNames() {
    const language = bssLanguage();
    const { service_types: types = [] } = await partner.listServiceTypes({ x_language: language, limit: 100 });
    for (const s of types) {
      const names = state.names.get(s.service_type_code) ?? {};
      names[lang()] = s.service_type_name;
      state.names.set(s.service_type_code, names);
    }
    return types;
  }

  async function listPrice(p, region) {
    const key = `${productKey(p)}|${region}`;
    if (!state.prices.has(key)) {
      const size = LINEAR[p.resource_type];
      const info = {
        id: 'price', cloud_service_type: p.cloud_service_type, resource_type: p.resource_type,
        resource_spec: p.resource_spec, region, period_type: 2, period_num: 1, subscription_num: 1,
        ...(size ? { resource_size: 1, size_measure_id: size.measure } : {}),
      };
      state.prices.set(key, customer.listRateOnPeriodDetail({ project_id: config.project_id, product_infos: [info] })
        .then((r) => r.official_website_rating_result?.official_website_amount ?? null)
        .catch((e) => {
          if (!(e instanceof BssError)) throw e;
          return null;
        }));
    }
    return state.prices.get(key);
  }

  async function loadCatalog() {
    const key = `${state.region}|${lang()}`;
    if (state.catalog.has(key)) return state.catalog.get(key);
    const region = state.region;
    const types = await serviceNames();
    const products = [];
    for (const s of types) {
      const { infos = [] } = await partner.listServiceResources({ service_type_code: s.service_type_code, x_language: bssLanguage(), limit: 100 });
      for (const { basic_info: r } of infos) {
        const { cloud_service_basics: specs = [] } = await partner.listResourceSpecs({
          cloud_service_type: s.service_type_code, resource_type: r.resource_type_code, region_code: region,
          charge_mode: '1', x_language: bssLanguage(),
        });
        for (const spec of specs) {
          products.push({
            cloud_service_type: spec.cloud_service_type, resource_type: spec.resource_type,
            resource_spec: spec.resource_spec, resource_spec_name: spec.resource_spec_name, region,
          });
        }
      }
    }
    await Promise.all(products.map(async (p) => { p.price = await listPrice(p, region); }));
    state.catalog.set(key, products);
    return products;
  }

  async function showCatalog() {
    $('catalog-status').textContent = t('catalog_loading');
    try {
      await loadCatalog();
      $('catalog-status').textContent = '';
    } catch (e) {
      if (!(e instanceof BssError)) throw e;
      $('catalog-status').textContent = customerError(e);
    }
    renderCatalog();
  }

  function renderCatalog() {
    const list = $('catalog');
    const products = state.catalog.get(`${state.region}|${lang()}`) ?? [];
    list.replaceChildren(...products.map((p) => {
      const size = LINEAR[p.resource_type];
      const price = p.price == null
        ? t('price_unavailable')
        : `${money(p.price)}${size ? ` / ${size.unit}` : ''} ${t('per_month')}`;
      const add = el('button', { type: 'button', textContent: t('add_to_cart') });
      add.setAttribute('aria-label', t('add_to_cart_label', { name: productName(p) }));
      add.dataset.product = productKey(p);
      add.addEventListener('click', () => addToCart(p));
      return el('li', { className: 'product' },
        el('span', { className: 'name', textContent: productName(p) }),
        el('span', { className: 'price', textContent: price }),
        add);
    }));
  }

  // ---- cart ----

  function addToCart(p) {
    const size = LINEAR[p.resource_type];
    const line = {
      id: `L${state.nextLine++}`,
      product: p,
      region: p.region,
      quantity: '1',
      size: size ? String(size.initial) : null,
    };
    state.cart.push(line);
    buildCart();
    $(`${line.id}-qty`).focus();
    refresh('add');
  }

  function buildCart() {
    $('cart').replaceChildren(...state.cart.map((line) => {
      const { id } = line;
      const size = LINEAR[line.product.resource_type];
      const region = el('select', { id: `${id}-region` });
      region.addEventListener('change', () => { line.region = region.value; refresh('region'); });
      const qty = el('input', { id: `${id}-qty`, type: 'number', min: QUANTITY.min, max: QUANTITY.max, step: 1, value: line.quantity, inputMode: 'numeric' });
      qty.setAttribute('aria-describedby', `${id}-msg`);
      qty.addEventListener('input', () => { line.quantity = qty.value; refresh('quantity'); });
      const fields = [
        el('div', { className: 'field inline' }, el('label', { htmlFor: region.id, className: 'region-label' }), region),
        el('div', { className: 'field inline' }, el('label', { htmlFor: qty.id, className: 'qty-label' }), qty),
      ];
      if (size) {
        const input = el('input', { id: `${id}-size`, type: 'number', min: size.min, max: size.max, step: 1, value: line.size, inputMode: 'numeric' });
        input.setAttribute('aria-describedby', `${id}-msg`);
        input.addEventListener('input', () => { line.size = input.value; refresh('size'); });
        fields.push(el('div', { className: 'field inline' }, el('label', { htmlFor: input.id, className: 'size-label' }), input));
      }
      const remove = el('button', { type: 'button', className: 'remove' });
      remove.addEventListener('click', () => {
        const at = state.cart.indexOf(line);
        state.cart.splice(at, 1);
        buildCart();
        const next = state.cart[at] ?? state.cart[at - 1];
        (next ? $(`${next.id}-qty`) : $('catalog-region')).focus();
        refresh('remove');
      });
      return el('li', { className: 'line', id: `line-${id}` },
        el('div', { className: 'line-head' }, el('strong', { className: 'line-name' }), remove),
        el('div', { className: 'line-fields' }, ...fields),
        el('p', { className: 'msg', id: `${id}-msg` }),
        el('p', { className: 'line-price', id: `${id}-price` }));
    }));
    renderCart();
  }

  /** The problem of a line's inputs, or null. */
  function lineProblem(line) {
    if (wholeIn(line.quantity, QUANTITY) === null) return ['quantity_range', QUANTITY];
    const size = LINEAR[line.product.resource_type];
    if (size && wholeIn(line.size, size) === null) return ['size_range', size];
    return null;
  }

  function renderCart() {
    $('cart-empty').hidden = state.cart.length > 0;
    const period = PERIODS[state.periodType];
    $('period-unit').textContent = t(period.unit);
    const periodOk = wholeIn(String($('period-num').value), period) !== null;
    $('period-num').toggleAttribute('aria-invalid', !periodOk);
    $('period-msg').textContent = periodOk ? '' : t('period_range', period);
    for (const line of state.cart) {
      const { id } = line;
      const item = $(`line-${id}`);
      const size = LINEAR[line.product.resource_type];
      item.querySelector('.line-name').textContent = `${id} · ${productName(line.product)}`;
      item.querySelector('.region-label').textContent = t('region');
      item.querySelector('.qty-label').textContent = t('quantity');
      if (size) item.querySelector('.size-label').textContent = t('size', { unit: size.unit });
      const remove = item.querySelector('.remove');
      remove.textContent = t('remove');
      remove.setAttribute('aria-label', t('remove_label', { name: `${id} ${productName(line.product)}` }));
      const region = $(`${id}-region`);
      if (region.dataset.lang !== lang()) { // rebuilt only for a new language: keeps keyboard use smooth
        region.replaceChildren(...REGIONS.map((r) => el('option', { value: r.code, textContent: r[lang()], selected: r.code === line.region })));
        region.dataset.lang = lang();
      }
      const out = $(`${id}-msg`);
      const problem = lineProblem(line);
      const missing = state.unavailable.get(id);
      out.className = 'msg';
      out.textContent = problem ? t(problem[0], problem[1]) : missing ? `${t('line_unavailable')} (${missing})` : '';
      if (problem || missing) out.classList.add('error');
      for (const input of item.querySelectorAll('input')) input.removeAttribute('aria-invalid');
      if (problem) $(`${id}-${problem[0] === 'size_range' ? 'size' : 'qty'}`).setAttribute('aria-invalid', 'true');
      const priced = state.last?.quote.lines.find((l) => l.id === id);
      $(`${id}-price`).textContent = priced
        ? `${t('official_amount')} ${money(priced.official_amount)} → ${t('payable')} ${money(priced.payable)}`
        : '';
    }
  }

  // ---- rating and quote ----

  function productInfo(line) {
    const p = line.product;
    const size = LINEAR[p.resource_type];
    return {
      id: line.id, cloud_service_type: p.cloud_service_type, resource_type: p.resource_type,
      resource_spec: p.resource_spec, region: line.region, period_type: state.periodType,
      period_num: state.periodNum, subscription_num: Number(line.quantity),
      ...(size ? { resource_size: Number(line.size), size_measure_id: size.measure } : {}),
    };
  }

  /** ListRateOnPeriodDetail for these products, once per distinct input. */
  function rate(infos) {
    const key = JSON.stringify(infos);
    if (!state.ratings.has(key)) {
      state.ratings.set(key, customer.listRateOnPeriodDetail({ project_id: config.project_id, product_infos: infos })
        .then((rating) => ({ rating }), (error) => {
          if (!(error instanceof BssError)) throw error;
          state.ratings.delete(key); // do not keep a failure: a retry may succeed
          return { error };
        }));
    }
    return state.ratings.get(key);
  }

  /** Rates the cart; when BSS does not sell a product, finds which lines and rates the rest. */
  async function rateCart(lines) {
    state.unavailable.clear();
    let infos = lines.map(productInfo);
    let answer = await rate(infos);
    if (answer.error?.code === NOT_ON_SALE && infos.length > 1) {
      const alone = await Promise.all(infos.map((i) => rate([{ ...i }])));
      alone.forEach((a, k) => { if (a.error?.code === NOT_ON_SALE) state.unavailable.set(infos[k].id, NOT_ON_SALE); });
      infos = infos.filter((i) => !state.unavailable.has(i.id));
      answer = infos.length ? await rate(infos) : { rating: null };
    } else if (answer.error?.code === NOT_ON_SALE) {
      state.unavailable.set(infos[0].id, NOT_ON_SALE);
      answer = { rating: null };
    }
    return { ...answer, infos };
  }

  /** The quote input for the rated lines: what the e2e test rebuilds in Node. */
  function quoteInput(rating, infos, selection) {
    const rated = new Map((rating.official_website_rating_result?.product_rating_results ?? []).map((r) => [r.id, r]));
    const orderId = $('order-id').value.trim();
    return {
      order: {
        ...(orderId ? { order_id: orderId } : {}),
        order_type: 'new', charging_mode: 'period', period_type: state.periodType, period_num: state.periodNum,
        lines: infos.map((i) => ({
          id: i.id, cloud_service_type: i.cloud_service_type, resource_type: i.resource_type,
          resource_spec: i.resource_spec, region: i.region, product_id: rated.get(i.id)?.product_id,
          official_amount: rated.get(i.id)?.official_website_amount,
        })),
      },
      discounts: rating.optional_discount_rating_results ?? [],
      coupons: state.wallet,
      selection,
    };
  }

  function selection() {
    return {
      ...(state.discount === 'auto' ? {} : { discount_id: state.discount === 'none' ? null : state.discount }),
      coupon_ids: [...state.couponIds],
    };
  }

  /**
   * The order as the coupon evaluator sees it under the quote's discount: the discount,
   * and each line's amount after it as the rating answered it.
   */
  function evaluatedOrder(input, q) {
    const option = q.discount && input.discounts.find((d) => d.discount_id === q.discount.discount_id);
    if (!option) return input.order;
    const rated = new Map((option.product_rating_results ?? []).map((r) => [r.id, r.amount]));
    return {
      ...input.order,
      discount: { discount_id: q.discount.discount_id, discount_type: q.discount.discount_type },
      lines: input.order.lines.map((l) => (rated.has(l.id) ? { ...l, amount: rated.get(l.id) } : l)),
    };
  }

  /**
   * Recomputes the preview. `started` is the time of the edit (performance.now()), so the
   * recorded time covers the whole path from the edit to the updated preview.
   */
  async function refresh(cause, started = performance.now()) {
    const my = ++seq;
    document.body.dataset.previewBusy = 'true';
    try {
      await update(my, cause, started);
    } finally {
      if (my === seq) document.body.dataset.previewBusy = 'false';
    }
  }

  async function update(my, cause, started) {
    state.pay = null;
    renderCart();
    const ready = state.cart.filter((l) => !lineProblem(l));
    const periodOk = wholeIn(String($('period-num').value), PERIODS[state.periodType]) !== null;
    if (!periodOk || ready.length < state.cart.length) {
      // Never show (or pay) a price for other inputs than the ones on screen.
      state.last = null;
      state.previewError = () => t('fix_cart');
      renderAll();
      return;
    }
    if (!state.cart.length) {
      state.last = null;
      state.previewError = null;
      renderAll();
      return;
    }
    $('preview-status').textContent = t('preview_updating');
    const cached = state.ratings.has(JSON.stringify(ready.map(productInfo)));
    const { rating, error, infos } = await rateCart(ready);
    if (my !== seq) return; // a newer edit is under way
    if (error) {
      state.last = null;
      state.previewError = () => customerError(error);
      renderAll();
      return;
    }
    if (!rating) {
      state.last = null;
      state.previewError = null;
      renderAll();
      return;
    }
    try {
      const choice = selectDiscount(rating);
      const input = quoteInput(rating, infos, selection());
      const q = quote(input);
      const verdicts = evaluateCoupons(evaluatedOrder(input, q), state.wallet);
      state.last = { rating, choice, input, quote: q, verdicts };
      state.previewError = null;
    } catch (e) {
      if (!(e instanceof BssError)) throw e;
      state.last = null;
      state.previewError = () => customerError(e);
    }
    renderAll();
    const ms = performance.now() - started;
    window.storefrontTimings.push({ cause, ms, rated: !cached });
    $('preview-time').textContent = t('preview_time', { ms: ms.toFixed(1) });
    document.body.dataset.previewSeq = String(my);
  }

  // ---- preview ----

  /** A discount in the page's language: its kind and id (BSS's `discount_name` is the
   * partner's free text in one language). */
  function discountLabel(d) {
    return `${t(`kind_${d.kind}`)} · ${d.discount_id}`;
  }

  function renderDiscountChoice() {
    const select = $('discount-choice');
    const options = state.last?.rating.optional_discount_rating_results ?? [];
    const choice = state.last?.choice;
    if (!options.length) {
      select.replaceChildren(el('option', { value: 'auto', textContent: t('discount_none_available') }));
      select.disabled = true;
      return;
    }
    select.disabled = false;
    const auto = choice?.discount_id
      ? `${t(`rule_${choice.rule}`)}: ${choice.discount_name ?? choice.discount_id}`
      : t(`rule_${choice?.rule ?? 'no_discount'}`);
    select.replaceChildren(
      el('option', { value: 'auto', textContent: t('discount_auto', { rule: auto }) }),
      ...options.map((o) => el('option', {
        value: o.discount_id,
        textContent: `${o.discount_name ?? o.discount_id} −${money(o.discount_amount)}`,
      })),
      el('option', { value: 'none', textContent: t('discount_none') }),
    );
    select.value = state.discount;
  }

  function renderPreview() {
    const out = $('preview');
    const status = $('preview-status');
    status.className = 'msg';
    status.textContent = state.previewError?.() ?? state.announce;
    if (state.previewError) status.classList.add('error');
    renderDiscountChoice();
    const q = state.last?.quote;
    $('best').disabled = !q;
    $('pay').disabled = !q;
    $('pay-body').textContent = q ? JSON.stringify(q.pay_request, null, 2) : '';
    if (!q) {
      out.replaceChildren();
      $('payable-bar').hidden = true;
      renderPay();
      return;
    }
    const rows = [
      ['official', t('official_amount'), q.official_amount, false],
      ['discount', q.discount ? `${t('discount')}: ${discountLabel(q.discount)}` : t('discount'), q.discount_amount, true],
      ['coupons', t('coupons'), q.coupon_amount, true],
    ];
    const flexi = q.flexipurchase_coupon_amount !== '0.00';
    const cards = q.stored_card_amount !== '0.00';
    if (flexi) rows.push(['flexi', t('flexi'), q.flexipurchase_coupon_amount, true]);
    if (cards) rows.push(['cards', t('cards'), q.stored_card_amount, true]);
    rows.push(['truncated', t('truncated'), q.truncated_amount, true]);
    const dl = el('dl', { className: 'totals' });
    for (const [id, label, amount, minus] of rows) {
      const dd = el('dd', { id: `p-${id}`, textContent: `${minus && !isZero(amount) ? '−' : ''}${money(amount)}` });
      dd.dataset.amount = amount;
      dl.append(el('dt', { textContent: label }), dd);
    }
    const payable = el('dd', { id: 'p-payable', className: 'payable', textContent: money(q.payable) });
    payable.dataset.amount = q.payable;
    dl.append(el('dt', { className: 'payable', textContent: t('payable') }), payable);

    // Per line, the same columns (those that are not all zero): they sum exactly to the totals.
    const columns = [
      ['col_official', 'official_amount'], ['col_discount', 'discount_amount'], ['col_coupons', 'coupon_amount'],
      ...(flexi ? [['col_flexi', 'flexipurchase_coupon_amount']] : []),
      ...(cards ? [['col_cards', 'stored_card_amount']] : []),
      ...(isZero(q.truncated_amount) ? [] : [['col_truncated', 'truncated_amount']]),
      ['col_payable', 'payable'],
    ];
    const table = el('table', { className: 'lines', id: 'p-lines' },
      el('caption', { textContent: t('lines_caption') }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', textContent: t('line') }),
        ...columns.map(([key]) => el('th', { scope: 'col', textContent: t(key) })))),
      el('tbody', {}, ...q.lines.map((l) => {
        const tr = el('tr', {}, el('th', { scope: 'row', textContent: l.id }),
          ...columns.map(([, field]) => el('td', { textContent: l[field] })));
        tr.dataset.line = l.id;
        return tr;
      })));
    out.replaceChildren(dl, table);
    const bar = $('payable-bar');
    bar.hidden = false;
    bar.textContent = `${t('payable')} ${money(q.payable)}`;
    renderPay();
  }

  // ---- wallet ----

  /** "0.85" → "8.5" (八五折), "0.8" → "8": the Chinese 折 reading of a pay ratio, by digits. */
  function zheZhe(ratio) {
    const frac = (/^0\.(\d+)$/.exec(String(ratio)) ?? [])[1];
    if (!frac) return String(ratio);
    return frac.length === 1 ? frac : `${frac[0]}.${frac.slice(1)}`;
  }

  function couponLabel(c, verdict) {
    const kind = verdict?.kind ? t(`coupon_kind_${verdict.kind}`) : '';
    // A 折扣券's face value is a pay ratio (0.85 = 八五折 = pay 85 %), not an amount: show the
    // ratio the way the customer reads it and the saving the engine computed for this cart.
    const value = verdict?.kind === 'discount_coupon'
      ? t('coupon_discount_value', { value: String(c.face_value), zh: zheZhe(c.face_value), saving: money(verdict.max_deduction ?? '0') })
      : t('coupon_value', { value: money(verdict?.available ?? c.balance ?? c.face_value) });
    return `${kind} ${c.coupon_code ?? c.coupon_id} · ${value}`;
  }

  function renderWallet() {
    const list = $('wallet');
    if (state.walletError) {
      list.replaceChildren(el('li', { className: 'msg error', textContent: state.walletError }));
      return;
    }
    if (!state.wallet.length) {
      list.replaceChildren(el('li', { className: 'muted', textContent: t('wallet_empty') }));
      return;
    }
    const q = state.last?.quote;
    const verdicts = new Map((state.last?.verdicts ?? []).map((v) => [v.coupon_id, v]));
    const focused = document.activeElement?.id;
    list.replaceChildren(...state.wallet.map((c) => {
      const id = c.coupon_id;
      const verdict = verdicts.get(id);
      const box = el('input', { type: 'checkbox', id: `use-${id}`, checked: state.couponIds.includes(id), disabled: !q });
      box.setAttribute('aria-describedby', `${id}-status ${id}-reasons`);
      box.addEventListener('change', () => {
        const started = performance.now();
        state.couponIds = box.checked ? [...state.couponIds, id] : state.couponIds.filter((x) => x !== id);
        refresh('coupon', started);
      });
      const status = verdict?.status ?? 'indeterminate';
      const badge = el('span', { className: `badge ${status}`, id: `${id}-status`, textContent: t(`status_${status}`) });
      const used = q?.coupons.find((u) => u.coupon_id === id);
      const rejected = state.couponIds.includes(id) ? q?.rejected.find((r) => r.id === id) : null;
      const reasons = el('ul', { className: 'reasons', id: `${id}-reasons` });
      if (rejected) {
        const li = el('li', { className: 'rejected', textContent: t('coupon_not_used', { reason: msg(rejected) }) });
        li.dataset.code = rejected.code;
        reasons.append(li);
      }
      for (const r of (rejected?.reasons?.length ? rejected.reasons : verdict?.reasons) ?? []) {
        const li = el('li', { textContent: msg(r) });
        li.dataset.code = r.code;
        reasons.append(li);
      }
      const item = el('li', { className: `coupon ${status}` },
        el('div', { className: 'coupon-head' },
          box,
          el('label', { htmlFor: box.id, textContent: couponLabel(c, verdict) }),
          badge,
          used ? el('span', { className: 'deducted', textContent: t('coupon_used', { amount: money(used.deducted) }) }) : ''),
        reasons);
      item.dataset.coupon = id;
      return item;
    }));
    if (focused) document.getElementById(focused)?.focus();
  }

  // ---- pay ----

  function renderPay() {
    const out = $('pay-status');
    out.className = 'msg';
    out.textContent = state.pay?.text() ?? '';
    if (state.pay) out.classList.add(state.pay.ok ? 'ok' : 'error');
  }

  async function pay() {
    const q = state.last?.quote;
    if (!q) return;
    const button = $('pay');
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try {
      await customer.payOrders(q.pay_request);
      const order = q.pay_request.order_id;
      state.pay = { ok: true, text: () => t('paid', { order }) };
    } catch (e) {
      if (!(e instanceof BssError)) throw e;
      state.pay = { ok: false, text: () => `${t('error')}: ${e.code} ${e.message}` };
    } finally {
      button.removeAttribute('aria-busy');
      button.disabled = false;
    }
    renderPay();
  }

  // ---- place order (issue 14) ----

  /** The cart lines that can be ordered, and those left out (bad input, no price, not sold). */
  function orderable() {
    const ok = [];
    const excluded = [];
    for (const line of state.cart) (lineProblem(line) || state.unavailable.has(line.id) ? excluded : ok).push(line);
    return { ok, excluded };
  }

  function renderPlace() {
    const { ok, excluded } = orderable();
    const button = $('place-order');
    button.textContent = ot('place_order');
    button.disabled = state.placing || ok.length === 0;
    const out = $('place-status');
    out.className = 'msg';
    out.textContent = state.place?.text() ?? (excluded.length && ok.length ? ot('excluded_banner', { n: excluded.length }) : '');
    if (state.place && !state.place.ok) out.classList.add('error');
    else if (excluded.length) out.classList.add('warn');
  }

  async function placeOrder() {
    const { ok } = orderable();
    if (!ok.length || state.placing) return;
    state.placing = true;
    state.place = { ok: true, text: () => ot('placing') };
    renderPlace();
    try {
      const items = ok.map((line) => {
        const { id, size_measure_id: unit, ...item } = productInfo(line);
        return item;
      });
      const r = await fetch('/demo/place-order', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items }) });
      const body = await r.json();
      if (body.order_id) {
        // The ordered lines leave the cart; lines that could not be ordered stay.
        const ordered = new Set(ok.map((line) => line.id));
        state.cart = state.cart.filter((line) => !ordered.has(line.id));
        state.place = null;
        buildCart();
        refresh('order');
        hooks.placed?.(body.order_id);
      } else {
        state.place = { ok: false, text: () => errorText({ code: body.error_code }) };
      }
    } finally {
      state.placing = false;
      renderPlace();
    }
  }
  $('place-order').addEventListener('click', placeOrder);

  // ---- events ----

  $('catalog-region').addEventListener('change', () => {
    state.region = $('catalog-region').value;
    showCatalog();
  });
  $('period-type').addEventListener('change', () => {
    state.periodType = Number($('period-type').value);
    const limits = PERIODS[state.periodType];
    $('period-num').max = limits.max;
    const n = wholeIn(String($('period-num').value), limits);
    if (n === null) $('period-num').value = String(Math.min(Math.max(Number($('period-num').value) || 1, limits.min), limits.max));
    state.periodNum = Number($('period-num').value);
    refresh('period');
  });
  $('period-num').addEventListener('input', () => {
    const n = wholeIn(String($('period-num').value), PERIODS[state.periodType]);
    if (n !== null) state.periodNum = n;
    refresh('period');
  });
  $('order-id').addEventListener('input', () => refresh('order'));
  $('discount-choice').addEventListener('change', () => {
    state.discount = $('discount-choice').value;
    refresh('discount');
  });
  $('best').addEventListener('click', () => {
    const last = state.last;
    if (!last) return;
    const started = performance.now();
    const best = quote({ ...last.input, selection: 'best' });
    state.discount = best.discount ? best.discount.discount_id : 'none';
    state.couponIds = best.coupons.map((c) => c.coupon_id);
    state.announce = t('best_done', { payable: money(best.payable) });
    refresh('best', started).then(() => { state.announce = ''; });
  });
  $('pay').addEventListener('click', pay);

  function renderAll() {
    renderPlace();
    renderCatalog();
    renderCart();
    renderPreview();
    renderWallet();
    $('customer').textContent = config.customer?.account_name
      ? t('signed_in_as', { name: config.customer.account_name }) : '';
    const regions = $('catalog-region');
    if (regions.dataset.lang !== lang()) {
      regions.replaceChildren(...REGIONS.map((r) => el('option', { value: r.code, textContent: r[lang()], selected: r.code === state.region })));
      regions.dataset.lang = lang();
    }
  }

  async function activate() {
    loaded ??= (async () => {
      $('order-id').value = config.order_id ?? '';
      renderAll();
      const wallet = customer.listSubCustomerCoupons({ limit: 100 }).then((r) => { state.wallet = r.user_coupons ?? []; }, (e) => {
        if (!(e instanceof BssError)) throw e;
        state.walletError = customerError(e);
      });
      await Promise.all([showCatalog(), wallet]);
      renderAll();
      document.body.dataset.shopReady = 'true';
    })();
    return loaded;
  }

  /** Redraws in the current language (catalog names are fetched in it when missing). */
  function render() {
    renderAll();
    if (loaded) showCatalog();
  }

  return { activate, render };
}
