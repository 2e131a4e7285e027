// Writes bench/scenarios/quote-best-20x30.json: a cart of 20 lines, 2 discount options and
// a wallet of 30 coupons (8 cash, 16 flexi-purchase, 2 discount coupons, 4 stored-value
// cards) with the restrictions a real wallet carries. Deterministic: run it again and the
// file is the same. The native bench (bench/quote.rs) and the Node bench
// (bench/quote-node.mjs) both read the file.
import fs from 'node:fs';

let seed = 0x9e3779b9;
const rand = () => {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 2 ** 32;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const cents = (lo, hi) => (Math.round((lo + rand() * (hi - lo)) * 100) / 100).toFixed(2);

const services = [
  ['hws.service.type.ec2', 'hws.resource.type.vm'],
  ['hws.service.type.ebs', 'hws.resource.type.volume'],
  ['hws.service.type.vpc', 'hws.resource.type.bandwidth'],
  ['hws.service.type.rds', 'hws.resource.type.rds.vm'],
];
const lines = Array.from({ length: 20 }, (_, i) => {
  const [cloud_service_type, resource_type] = services[i % services.length];
  return { id: `L${i + 1}`, cloud_service_type, resource_type, region: pick(['cn-north-4', 'cn-east-3']),
    official_amount: cents(40, 2400) };
});
const ids = lines.map((l) => l.id);
const discounts = [
  { discount_id: 'partner-085', discount_type: 3, discount_value: '0.85',
    orders: [{ order_id: 'CS2411210001', order_line_items: [{ order_line_item_ids: ids, discount_mode: 0, discount_ratio: '0.85' }] }] },
  { discount_id: 'business-ecs-08', discount_type: 2,
    orders: [{ order_id: 'CS2411210001', order_line_items: [
      { order_line_item_ids: ids.filter((_, i) => i % 4 === 0), discount_mode: 0, discount_ratio: '0.8' },
      { order_line_item_ids: ids.filter((_, i) => i % 4 === 1), discount_mode: 0, discount_ratio: '0.9' }] }] },
];
const month = () => `2025-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-01T00:00:00Z`;
const coupons = [];
const add = (n, coupon_type, face, limits) => {
  for (let i = 0; i < n; i++) {
    const use_limits = limits(i);
    coupons.push({ coupon_id: `${coupon_type}-${coupons.length + 1}`, coupon_type, status: 2, coupon_version: 2,
      face_value: face(), balance: face(), effective_time: '2024-01-01T00:00:00Z', expire_time: month(),
      is_frozen: '0', ...(use_limits.length ? { use_limits } : {}) });
  }
};
add(8, 1, () => cents(50, 800), (i) => [
  ...(i % 2 ? [{ limit_key: 'baseValue', value1: String(500 * i), value2: '' }] : []),
  ...(i % 3 === 0 ? [{ limit_key: 'serviceType', value1: pick(services)[0] }] : []),
  ...(i % 4 === 1 ? [{ limit_key: 'simultaneousUseWithEmpowerDiscount', value1: '0' }] : []),
]);
add(16, 4, () => cents(10, 400), (i) => [
  ...(i % 3 === 0 ? [{ limit_key: 'maxDeductionRatio', value1: pick(['0.1', '0.2', '0.5']) }] : []),
  ...(i % 4 === 0 ? [{ limit_key: 'serviceType', value1: pick(services)[0] }] : []),
  ...(i % 5 === 2 ? [{ limit_key: 'minConsumeDiscount', value1: '0.9' }] : []),
  ...(i % 6 === 3 ? [{ limit_key: 'regionCode', value1: 'cn-north-4' }] : []),
]);
add(2, 2, () => cents(100, 600), () => [{ limit_key: 'simultaneousUseWithEmpowerDiscount', value1: '0' }]);
add(4, 303, () => cents(20, 300), () => []);

const scenario = {
  description: 'quote with selection "best": 20 lines, 2 discount options, 30 coupons (bench/quote-scenario.mjs)',
  input: { now: '2024-11-21T00:00:00Z', order: { order_id: 'CS2411210001', order_type: 'new', charging_mode: 'period',
    period_type: 2, period_num: 1, lines }, discounts, coupons, selection: 'best',
    balances: { cash: '1500.00', credit: '5000.00' } },
};
const out = new URL('./scenarios/quote-best-20x30.json', import.meta.url);
fs.writeFileSync(out, `${JSON.stringify(scenario, null, 1)}\n`);
console.log(`wrote ${out.pathname}`);
