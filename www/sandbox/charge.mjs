// PayOrders' charge in the BSS sandbox: what BSS takes for a pending order and a PayOrders
// (v3) body. Both order flows pay through it: the fixture orders (./server.mjs) and the
// orders placed in the sandbox (./orders.mjs).
//
// It is computed here, independently of the package, with the sandbox's own decimal code
// (./decimal.mjs), by the documented stacking (spec coupons §6.2): one discount — its saving
// as ListOrderDiscounts states it — or a discount coupon (折扣券, a pay ratio) instead; then one
// cash coupon (代金券); then flexi-purchase coupons (现金券, each capped by maxDeductionRatio
// × the amount after the discount, floored to the cent); then a stored-value card (储值卡);
// every deduction in whole cents, off the lines the coupon's limits allow; the rest, kept
// exact until here, truncated to the cent (抹零) and paid from the cash balance, then the
// credit balance.
//
// Refusals, with BSS's codes (spec coupons §6.1, §6.3, §7): more than 3 coupons or more of a
// type/group than coupon_max_use_quantity allows (CBC.0100), 代金券 with 折扣券
// (CBC.99003147), KooGallery with 1024 dedicated coupons (CBC.99003156), a discount the order
// is not offered (CBC.99003108), a coupon or card not offered, used up, or whose `baseValue`
// the order no longer meets after the discount (CBC.99003112), a coupon that may not be
// combined with the chosen discount (CBC.99003116), a `minConsumeDiscount` conflict
// (CBC.99003117), too little balance (CBC.99005003).
//
// It is part of the sandbox (a test double of BSS), not of the package.
import { Dec } from './decimal.mjs';

const ZERO = Dec.of('0');
const sum = (xs) => xs.reduce((s, v) => s.add(v), ZERO);
const min = (...xs) => xs.reduce((a, b) => (Dec.of(a).cmp(b) <= 0 ? Dec.of(a) : Dec.of(b)));
const refuse = (code, message) => ({ error: { status: 400, code, message } });
const unavailable = () => refuse('CBC.99003112', 'The coupon or stored-value card has been used or is not available.');
const notCombinable = () => refuse('CBC.99003116', 'The coupon cannot be used together with the discount.');

/** Which ListOrderDiscounts types each "may not be combined" flag names (spec coupons §6.3). */
const FLAGS = {
  simultaneousUseWithEmpowerDiscount: 3, // partner-granted (伙伴授予折扣)
  simultaneousUseWithContractDiscount: 2, // business (商务授权折扣)
  simultaneousUseWithPromotionDiscount: 0, // promotion
};

/** A coupon's `use_limits` rows of `key`. */
export const limitRows = (c, key) => (c.use_limits ?? []).filter((l) => l.limit_key === key);

/**
 * The lines a coupon's line-selecting limits allow: `serviceType`, `serviceTypeBlackList`,
 * `regionCode`, `productId` (comma-separated lists), and `coupon_group` 3 (hardware lines only).
 */
export function eligibleLines(c, lines) {
  const list = (key) => limitRows(c, key).flatMap((l) => String(l.value1 ?? '').split(',').map((v) => v.trim()).filter(Boolean));
  const [services, banned, regions, products] = ['serviceType', 'serviceTypeBlackList', 'regionCode', 'productId'].map(list);
  return lines.filter((l) => (!services.length || services.includes(l.service_type_code))
    && !banned.includes(l.service_type_code)
    && (!regions.length || regions.includes(l.region))
    && (!products.length || products.includes(l.product_id))
    && (Number(c.coupon_group ?? 0) !== 3 || l.is_hardware === true));
}

/** `baseValue` met by `amount`: lower bound exclusive, upper inclusive (spec coupons §4.1 row 1). */
export function inRange(c, amount) {
  return limitRows(c, 'baseValue').every((l) => (l.value1 == null || l.value1 === '' || Dec.of(amount).cmp(l.value1) > 0)
    && (l.value2 == null || l.value2 === '' || Dec.of(amount).cmp(l.value2) <= 0));
}

/** The amount a coupon or card still holds. */
const held = (x) => Dec.of(x.balance ?? x.face_value);

/**
 * Per line, what it owes after the chosen ListOrderDiscounts discount `d` (wire form): each
 * `order_line_items` group's lines at its `discount_ratio` (else the discount's
 * `discount_value`), and its stated `discount_amount` wins — the difference from the ratio
 * goes to the group's first line; a group with an amount and no ratio takes the amount off its
 * lines in order. Also the lines' pay ratios, for `minConsumeDiscount`.
 */
function discounted(d, lines, orderId) {
  const owed = new Map(lines.map((l) => [l.id, Dec.of(l.official_amount)]));
  const ratios = [];
  for (const o of d.orders ?? []) {
    if (o.order_id != null && o.order_id !== orderId) continue;
    for (const item of o.order_line_items ?? []) {
      const ids = item.order_line_item_ids ?? lines.map((l) => l.id);
      const covered = lines.filter((l) => ids.includes(l.id));
      if (!covered.length) continue;
      const ratio = item.discount_ratio ?? d.discount_value;
      const official = sum(covered.map((l) => l.official_amount));
      if (ratio != null && ratio !== '') {
        ratios.push(Dec.of(ratio));
        for (const l of covered) owed.set(l.id, Dec.of(l.official_amount).mul(ratio));
        if (item.discount_amount != null) {
          const drift = official.sub(item.discount_amount).sub(sum(covered.map((l) => owed.get(l.id))));
          owed.set(covered[0].id, owed.get(covered[0].id).add(drift));
        }
      } else if (item.discount_amount != null) {
        let left = Dec.of(item.discount_amount);
        for (const l of covered) {
          const part = min(left, owed.get(l.id));
          owed.set(l.id, owed.get(l.id).sub(part));
          left = left.sub(part);
        }
      }
    }
  }
  return { owed, ratios };
}

/**
 * PayOrders' charge of order `o` ({ order_id, lines: [{ id, official_amount,
 * service_type_code, region, product_id?, is_hardware? }] }) for body `b`, given what BSS
 * offers the customer for it:
 *   discounts — the ListOrderDiscounts `discounts` for the order (wire form);
 *   coupons — the coupons ListOrderCouponsByOrderId lists for it (pay type codes 300–302);
 *   cards — the customer's stored-value cards (type 303);
 *   maxUseQuantity — `coupon_max_use_quantity`;
 *   balances — { cash, credit } of the customer;
 *   now — the sandbox clock, ms.
 * On success the coupons, cards and balances are debited (they are the sandbox's own objects)
 * and the charge is returned: { charge }. Otherwise nothing changes: { error: { status, code,
 * message } }.
 */
export function charge(o, b, { discounts = [], coupons = [], cards = [], maxUseQuantity = [], balances, now }) {
  const { lines } = o;
  const official = sum(lines.map((l) => l.official_amount));
  const infos = b.coupon_infos ?? [];
  if (infos.length > 3) return refuse('CBC.0100', 'Parameter error: at most 3 coupons');
  const types = infos.map((c) => c.type);
  if (types.includes(300) && types.includes(301)) return refuse('CBC.99003147', 'Cash coupons and discount coupons cannot be used together.');

  let discount = null;
  for (const d of b.discount_infos ?? []) {
    discount = discounts.find((x) => x.discount_id === d.id && Number(x.discount_type) === d.type);
    if (!discount) return refuse('CBC.99003108', 'The discount is not applicable to the order.');
  }
  const chosen = [];
  for (const info of infos) {
    if (info.type === 303) {
      const card = cards.find((c) => c.card_id === info.id);
      if (card?.status !== 1 || held(card).cmp('0') <= 0 || now >= Date.parse(card.expire_time)) return unavailable();
      chosen.push({ kind: 303, card });
      continue;
    }
    const coupon = coupons.find((c) => c.coupon_id === info.id && c.coupon_type === info.type);
    if (coupon?.status !== 2) return unavailable();
    chosen.push({ kind: info.type, coupon });
  }
  for (const q of maxUseQuantity) {
    const n = chosen.filter((c) => c.kind === q.coupon_type && Number(c.coupon?.coupon_group ?? 0) === Number(q.coupon_group ?? 0)).length;
    if (n > q.use_quantity_value) return refuse('CBC.0100', `Parameter error: at most ${q.use_quantity_value} coupons of type ${q.coupon_type}`);
  }
  const groups = new Set(chosen.map((c) => Number(c.coupon?.coupon_group ?? 0)));
  if (groups.has(1) && groups.has(2)) return refuse('CBC.99003156', 'KooGallery coupons and 1024 dedicated coupons cannot be used together.');

  // 1. One discount, or a 折扣券 instead (spec §6.2 step 2). Per line, exact.
  const discountCoupon = chosen.find((c) => c.kind === 300)?.coupon;
  if (discountCoupon && discount) return notCombinable();
  let owed = new Map(lines.map((l) => [l.id, Dec.of(l.official_amount)]));
  let ratios = [];
  if (discount) ({ owed, ratios } = discounted(discount, lines, o.order_id));
  if (discountCoupon) {
    const ratio = Dec.of(discountCoupon.face_value);
    if (ratio.cmp('0') <= 0 || ratio.cmp('1') >= 0) return unavailable();
    for (const l of eligibleLines(discountCoupon, lines)) owed.set(l.id, owed.get(l.id).mul(ratio));
  }
  const afterDiscount = sum([...owed.values()]);
  for (const { coupon } of chosen.filter((c) => c.coupon && c.kind !== 300)) {
    if (discount && Object.entries(FLAGS).some(([key, type]) => Number(discount.discount_type) === type
      && limitRows(coupon, key).some((l) => String(l.value1) === '0'))) return notCombinable();
    const least = limitRows(coupon, 'minConsumeDiscount')[0];
    if (least && ratios.length && ratios.every((r) => r.cmp(least.value1) < 0)) {
      return refuse('CBC.99003117', 'The discount is below the lowest discount the coupon allows.');
    }
  }

  // 2. 代金券, 现金券 (in the order given), 储值卡, each in whole cents off its lines.
  const afterStage = new Map(owed);
  const take = { 301: ZERO, 302: ZERO, 303: ZERO };
  const used = [];
  for (const kind of [301, 302, 303]) {
    for (const c of chosen.filter((x) => x.kind === kind)) {
      const its = c.coupon ? eligibleLines(c.coupon, lines) : lines;
      if (c.coupon && (!its.length || !inRange(c.coupon, sum(its.map((l) => afterStage.get(l.id)))))) return unavailable();
      let cap = held(c.coupon ?? c.card);
      const ratio = c.coupon && limitRows(c.coupon, 'maxDeductionRatio')[0];
      if (ratio) cap = min(cap, afterDiscount.mul(ratio.value1).fixed(2));
      const amount = Dec.of(min(cap, sum(its.map((l) => owed.get(l.id)))).fixed(2));
      if (amount.cmp('0') <= 0) continue;
      let left = amount;
      for (const l of its) {
        const part = min(left, owed.get(l.id));
        owed.set(l.id, owed.get(l.id).sub(part));
        left = left.sub(part);
      }
      take[kind] = take[kind].add(amount);
      used.push({ c, amount });
    }
  }

  // 3. The rest, truncated to the cent: cash, then credit.
  const rest = sum([...owed.values()]);
  const payable = Dec.of(rest.fixed(2));
  const cash = min(balances.cash, payable);
  const credit = min(balances.credit, payable.sub(cash));
  if (cash.add(credit).cmp(payable) < 0) return refuse('CBC.99005003', 'The account balance is insufficient.');

  // Commit: coupons, cards, balances.
  for (const { c, amount } of used) {
    const x = c.coupon ?? c.card;
    x.balance = held(x).sub(amount).fixed(2);
    if (c.coupon) {
      c.coupon.used_by_order_id = o.order_id;
      const once = c.coupon.coupon_version === 1 || limitRows(c.coupon, 'usageTimes').some((l) => String(l.value1) === '1');
      if (once || held(x).cmp('0') <= 0) c.coupon.status = 3;
    } else if (held(x).cmp('0') <= 0) {
      c.card.status = 2;
    }
  }
  if (discountCoupon) {
    discountCoupon.used_by_order_id = o.order_id;
    discountCoupon.status = 3;
  }
  balances.cash = Dec.of(balances.cash).sub(cash).fixed(2);
  balances.credit = Dec.of(balances.credit).sub(credit).fixed(2);
  return {
    charge: {
      paid_at: now, official_amount: official.fixed(2),
      discount_id: discount?.discount_id ?? null,
      discount_type: discount ? Number(discount.discount_type) : discountCoupon ? 300 : null,
      discount_amount: official.sub(afterDiscount).fixed(2), amount_after_discount: afterDiscount.fixed(2),
      coupon_amount: take[301].fixed(2), flexipurchase_coupon_amount: take[302].fixed(2), stored_card_amount: take[303].fixed(2),
      payable: payable.fixed(2), truncated_amount: rest.sub(payable.fixed(2)).toString(),
      cash: cash.fixed(2), credit: credit.fixed(2),
      coupons: used.map(({ c, amount }) => ({ id: c.coupon?.coupon_id ?? c.card.card_id, type: c.kind, deducted: amount.fixed(2), balance_after: (c.coupon ?? c.card).balance })),
    },
  };
}
