// What "the same answer" means for each scenario: the fields every implementation must
// produce, amounts compared as exact decimals (formatting aside), reason codes as sorted lists.

import Decimal from 'decimal.js';

/** An amount in one canonical text (no trailing zeros, no exponent). */
export const canon = (x) => new Decimal(String(x)).toFixed();

/** (a): per coupon, status, reason codes, eligible lines and amounts. */
export function couponAnswer(verdicts) {
  return verdicts.map((v) => ({
    coupon_id: v.coupon_id,
    status: v.status,
    reasons: v.reasons.map((r) => (typeof r === 'string' ? r : r.code)).sort(),
    eligible_lines: [...v.eligible_lines],
    eligible_amount: canon(v.eligible_amount),
    max_deduction: canon(v.max_deduction),
  }));
}

const COLUMNS = ['official_amount', 'discount_amount', 'coupon_amount', 'flexipurchase_coupon_amount', 'stored_card_amount', 'truncated_amount', 'payable'];

/** (b), (c): the choice, every total, every line, what was rejected, the runners-up. */
export function quoteAnswer(q) {
  const pick = (o, keys) => Object.fromEntries(keys.map((k) => [k, canon(o[k])]));
  return {
    discount_id: q.discount?.discount_id ?? null,
    totals: pick(q, [...COLUMNS, 'amount_after_discount']),
    coupons: q.coupons.map((c) => ({ coupon_id: c.coupon_id, deducted: canon(c.deducted), balance_after: canon(c.balance_after) })),
    payment: pick(q.payment, ['cash', 'credit', 'unpaid']),
    lines: q.lines.map((l) => ({ id: l.id, ...pick(l, COLUMNS) })),
    rejected: q.rejected.map((r) => ({ id: r.id, code: r.code })),
    alternatives: (q.alternatives ?? []).map((a) => ({ discount_id: a.discount_id ?? null, coupon_ids: [...a.coupon_ids], ...pick(a, COLUMNS) })),
  };
}

/** (d): how many forms are valid, and each invalid form's issue codes by field. */
export function registrationAnswer(batch) {
  return {
    valid: batch.valid,
    invalid: batch.invalid.map((f) => ({ index: f.index, issues: f.issues.map((i) => `${i.field}:${i.code}`) })),
  };
}

/** Up to `max` differences between two answers, as `path: ours ≠ theirs`. */
export function differences(ours, theirs, max = 5, path = '') {
  const out = [];
  const walk = (a, b, p) => {
    if (out.length >= max) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) out.push(`${p}.length: ${a.length} ≠ ${b.length}`);
      for (let i = 0; i < Math.min(a.length, b.length); i++) walk(a[i], b[i], `${p}[${i}]`);
    } else if (a && b && typeof a === 'object' && typeof b === 'object') {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[k], b[k], p ? `${p}.${k}` : k);
    } else if (a !== b) {
      out.push(`${p}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
    }
  };
  walk(ours, theirs, path);
  return out;
}
