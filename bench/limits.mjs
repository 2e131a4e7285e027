// The worst cases inside the documented limits (docs/limits.md), through the wasm package in
// Node: each export once at its limits in a fresh process (first call, then a second), with
// the peak wasm linear memory (it never shrinks, so its size after the calls is the peak).
// Reported, not asserted.
//
//   node bench/limits.mjs            all scenarios, one child process each
//   node bench/limits.mjs <name>     one scenario, in this process
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const now = '2024-06-01T00:00:00Z';
const line = (i, idLen) => ({ id: `L${i}-`.padEnd(idLen, 'x'), cloud_service_type: 'hws.service.type.ec2', region: 'cn-north-4', official_amount: '100.00' });
const order = (n, idLen) => ({ order_type: 'new', charging_mode: 'period', period_type: 2, period_num: 1, lines: Array.from({ length: n }, (_, i) => line(i, idLen)) });
// Flexi-purchase coupons, each expiring a minute after the previous one (none interchangeable).
const flexi = (n, face) => Array.from({ length: n }, (_, i) => ({ coupon_id: `F${String(i).padStart(4, '0')}`, coupon_type: 4, status: 2, coupon_version: 2, face_value: face, balance: face,
  effective_time: '2024-01-01T00:00:00Z', expire_time: `2025-01-01T${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z` }));
const discounts = (n, ids) => Array.from({ length: n }, (_, i) => ({ discount_id: `D${i}`, discount_type: 3,
  orders: [{ order_id: 'CS1', order_line_items: [{ order_line_item_ids: ids, discount_mode: 0, discount_ratio: `0.${80 + i}` }] }] }));
// 1,000 lines, 20 discounts over every line, 1,000 coupons any 3 of which cover the order.
const quoteInput = (selection, idLen = 8) => {
  const o = order(1000, idLen);
  return { now, order: o, discounts: discounts(20, o.lines.map((l) => l.id)), coupons: flexi(1000, '33334'), selection };
};

const scenarios = {
  // 1,000 lines with ids as long as 8 MiB of order text allows × 1,000 coupons selecting every line.
  evaluateCoupons: (lib) => { const o = order(1000, 8000); const c = flexi(1000, '50'); return () => lib.evaluateCoupons(o, c, { now }).length; },
  'quote explicit': (lib) => { const i = quoteInput({ discount_id: 'D0', coupon_ids: ['F0000', 'F0001', 'F0002'] }); return () => lib.quote(i).payable; },
  'quote best': (lib) => { const i = quoteInput('best'); return () => JSON.stringify(lib.quote(i).search); },
  'quote best, 200-character ids': (lib) => { const i = quoteInput('best', 200); return () => JSON.stringify(lib.quote(i).search); },
  selectDiscount: (lib) => {
    const results = Array.from({ length: 1000 }, (_, i) => ({ discount_id: `d${i}`, discount_type: 606 + (i % 2), amount: String(1000 - i / 100), discount_amount: String(i / 100),
      official_website_amount: '1000', product_rating_results: Array.from({ length: 50 }, (_, j) => ({ id: `p${j}`, amount: '20', official_website_amount: '20', discount_amount: '0' })) }));
    const text = JSON.stringify({ official_website_rating_result: { official_website_amount: '1000', product_rating_results: [] }, optional_discount_rating_results: results });
    return () => lib.selectDiscount(text).discount_id;
  },
  validateRegistrations: (lib) => {
    const forms = Array.from({ length: 10_000 }, (_, i) => ({ account_name: `acct${i}x`.padEnd(32, 'y'), password: 'Pa55word!-long-enough', email: `a${i}@example.com`, mobile: '13800000000', customer_name: 'x'.repeat(64) }));
    return () => lib.validateRegistrations(forms).valid;
  },
  'quote, 1,000,000 lines (refused)': (lib) => { const o = { ...order(0, 8), lines: new Array(1_000_000).fill(line(0, 8)) }; return () => { try { lib.quote({ now, order: o }); } catch (e) { return e.code; } }; },
};

const only = process.argv[2];
if (only) {
  let memory;
  const Instance = WebAssembly.Instance;
  // biome-ignore lint/complexity/useArrowFunction: it replaces a constructor (called with `new`)
  WebAssembly.Instance = function (module, imports) {
    const instance = new Instance(module, imports);
    memory ??= instance.exports.memory;
    return instance;
  };
  const lib = createRequire(import.meta.url)('bss-storefront');
  const run = scenarios[only](lib);
  // Wall time, and this process's CPU time (user + system): on shared cores the CPU time is
  // the figure to read.
  const time = () => {
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    const out = run();
    const cpu = process.cpuUsage(c);
    return [Number(process.hrtime.bigint() - t) / 1e6, (cpu.user + cpu.system) / 1e3, out];
  };
  const [first, firstCpu, out] = time();
  const [second, secondCpu] = time();
  process.stdout.write(JSON.stringify({ scenario: only, first_ms: first, first_cpu_ms: firstCpu, second_ms: second, second_cpu_ms: secondCpu, result: out, wasm_memory_mib: memory.buffer.byteLength / 2 ** 20 }) + '\n');
} else {
  console.log('| scenario (docs/limits.md) | first call (CPU) | second call (CPU) | peak wasm memory | result |\n|---|---|---|---|---|');
  for (const name of Object.keys(scenarios)) {
    const r = JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), name], { encoding: 'utf8' }));
    const ms = (wall, cpu) => `${wall.toFixed(1)} ms (${cpu.toFixed(1)} ms)`;
    console.log(`| ${name} | ${ms(r.first_ms, r.first_cpu_ms)} | ${ms(r.second_ms, r.second_cpu_ms)} | ${r.wasm_memory_mib} MiB | ${r.result} |`);
  }
}
