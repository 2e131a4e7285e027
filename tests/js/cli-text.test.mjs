// What the CLI prints: text that adds up (every money column that is not zero), coupon codes
// and names, every label in the chosen language, thousands separators, machine formats, and
// amounts that reach the engine as written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cli as run, tempDir } from './cli-process.mjs';
import { loadCases } from './vectors.mjs';
import { readCsv } from '../../pkg/cli/csv.mjs';

let tmp;
before(() => { tmp = tempDir(); });
after(() => tmp.remove());
const cli = (args, options = {}) => run(args, { cwd: tmp.dir, ...options });

/** A decimal string ("-1,234.5678") as an integer count of 10^-12, for exact sums. */
const units = (text) => {
  const m = /^(-?)([\d,]+)(?:\.(\d+))?$/.exec(text);
  assert.ok(m, `not an amount: ${JSON.stringify(text)}`);
  const v = BigInt(m[2].replace(/,/g, '') + (m[3] ?? '').padEnd(12, '0'));
  return m[1] ? -v : v;
};

/** Money in text output: digits grouped by three with commas. */
const grouped = (text) => /^-?\d{1,3}(,\d{3})*(\.\d+)?$/.test(text);

// The cart of the issue: an ecs line of 612.00 with a discount, a cash coupon and a flexi-purchase
// coupon (its row did not add up: 612.00 61.20 100.00 417.81), a line over a million, a coupon
// that does not apply, and balances.
const CART = {
  now: '2024-06-01T00:00:00Z',
  order: {
    order_type: 'new', charging_mode: 'period', period_type: 2, period_num: 1,
    lines: [
      { id: 'ecs', cloud_service_type: 'hws.service.type.ec2', region: 'cn-north-4', official_amount: '612.00' },
      { id: 'evs', cloud_service_type: 'hws.service.type.ebs', region: 'cn-north-4', official_amount: '1234567.891' },
    ],
  },
  discounts: [{ discount_id: 'partner-10', discount_type: 3, discount_name: 'Partner discount 10%', orders: [{ order_id: 'CS1', order_line_items: [{ order_line_item_ids: ['ecs', 'evs'], discount_mode: 0, discount_ratio: '0.9' }] }] }],
  coupons: [
    { coupon_id: 'c-100', coupon_code: 'SPRING100', plan_name: 'Spring voucher', coupon_type: 1, status: 2, face_value: '100', effective_time: '2024-01-01T00:00:00Z', expire_time: '2024-12-31T00:00:00Z', use_limits: [{ limit_key: 'serviceType', value1: 'hws.service.type.ec2' }] },
    { coupon_id: 'f-33', coupon_code: 'FLEXI3299', plan_name: 'Partner flexi', coupon_type: 4, status: 2, face_value: '32.99', effective_time: '2024-01-01T00:00:00Z', expire_time: '2024-12-31T00:00:00Z', use_limits: [{ limit_key: 'serviceType', value1: 'hws.service.type.ec2' }] },
    { coupon_id: 'x-1', coupon_code: 'NEXTYEAR', coupon_type: 1, status: 2, face_value: '5', effective_time: '2025-01-01T00:00:00Z', expire_time: '2025-12-31T00:00:00Z' },
  ],
  selection: { discount_id: 'partner-10', coupon_ids: ['c-100', 'f-33', 'x-1'] },
  balances: { cash: '1000000', credit: '50000' },
};

const COLUMNS = ['official_amount', 'discount_amount', 'coupon_amount', 'flexipurchase_coupon_amount', 'stored_card_amount', 'truncated_amount', 'payable'];
const HEADER_EN = ['official', 'discount', 'coupons', 'flexi-purchase', 'stored-value card', 'truncated', 'payable'];
const isZero = (a) => units(a) === 0n;

/** The tables of a quote's text output: [summary rows, line table {header, rows}, rest]. */
function tables(text) {
  const [summary, lines, ...rest] = text.replace(/\n$/, '').split('\n\n');
  const cells = (l) => l.trim().split(/ {2,}/);
  const s = summary.split('\n').slice(2).map((l) => ({ label: l.replace(/ {2,}\S+$/, ''), amount: l.split(/ {2,}/).at(-1), payment: l.startsWith('  ') }));
  const [head, , ...body] = lines.split('\n');
  return { summary: s, header: cells(head), rows: body.filter((l) => !/^-+( +-+)*$/.test(l)).map(cells), rest: rest.join('\n\n') };
}

/** Checks the text of `input`'s quote against its JSON: everything adds up, nothing non-zero left out. */
async function checkQuoteText(name, input) {
  const file = tmp.write('quote.json', JSON.stringify(input));
  const json = await cli(['quote', file, '--format', 'json']);
  assert.equal(json.code, 0, `${name}: ${json.stderr}`);
  const q = JSON.parse(json.stdout);
  const text = await cli(['quote', file]);
  assert.equal(text.code, 0);
  const t = tables(text.stdout);
  // Every column with a non-zero amount on a line or in the total, and no other.
  const expected = COLUMNS.filter((k, i) => i === 0 || k === 'payable' || !isZero(q[k]) || q.lines.some((l) => !isZero(l[k])));
  assert.deepEqual(t.header, ['line', ...expected.map((k) => HEADER_EN[COLUMNS.indexOf(k)])], name);
  assert.equal(t.rows.length, q.lines.length + 1, name);
  for (const [i, row] of t.rows.entries()) {
    const source = i < q.lines.length ? q.lines[i] : q;
    assert.equal(row[0], i < q.lines.length ? source.id : 'total', name);
    const values = row.slice(1);
    values.forEach((v, j) => {
      assert.ok(grouped(v), `${name}: ${v}`);
      assert.equal(units(v), units(source[expected[j]]), `${name}: ${row[0]} ${expected[j]}`);
    });
    // official − every deduction = payable, on each line and in the total.
    const [official, ...rest] = values.map(units);
    const payable = rest.pop();
    assert.equal(official - rest.reduce((a, b) => a + b, 0n), payable, `${name}: row ${row[0]} does not add up`);
  }
  // The summary: official, then deductions (negative), subtotals, payable; the payment splits it.
  const s = t.summary;
  assert.equal(s[0].label, 'official amount');
  const payableAt = s.findIndex((r) => r.label === 'payable');
  const deductions = s.slice(1, payableAt).filter((r) => r.amount.startsWith('-'));
  assert.equal(units(s[0].amount) + deductions.reduce((a, r) => a + units(r.amount), 0n), units(s[payableAt].amount), `${name}: summary does not add up`);
  assert.equal(units(s[payableAt].amount), units(q.payable));
  for (const c of q.coupons) {
    const coupon = input.coupons.find((x) => (x.coupon_id ?? x.card_id) === c.coupon_id);
    const row = s.find((r) => r.label.includes(` ${coupon.coupon_code ?? c.coupon_id}`));
    assert.ok(row, `${name}: coupon ${c.coupon_id} in the summary`);
    assert.equal(units(row.amount), -units(c.deducted));
  }
  const paid = s.filter((r) => r.payment);
  if (input.balances) assert.equal(paid.reduce((a, r) => a + units(r.amount), 0n), units(q.payable), `${name}: payment`);
  else assert.equal(paid.length, 0);
  return { q, text: text.stdout, t };
}

test('quote: the issue\'s cart adds up, with the flexi-purchase and truncation columns, codes, names and separators', async () => {
  const { t, text } = await checkQuoteText('cart', CART);
  assert.deepEqual(t.rows[0], ['ecs', '612.00', '61.20', '100.00', '32.99', '0.00', '417.81']);
  assert.deepEqual(t.rows[1], ['evs', '1,234,567.891', '123,456.7891', '0.00', '0.00', '0.0019', '1,111,111.10']);
  assert.deepEqual(t.rows[2], ['total', '1,235,179.891', '123,517.9891', '100.00', '32.99', '0.0019', '1,111,528.91']);
  assert.match(text, /^partner discount "Partner discount 10%" \(partner-10\) +-123,517\.9891$/m);
  assert.match(text, /^cash coupon SPRING100 "Spring voucher" +-100\.00$/m);
  assert.match(text, /^flexi-purchase coupon FLEXI3299 "Partner flexi" +-32\.99$/m);
  assert.match(t.rest, /^not used:\ncoupon or discount +code +why\n[- ]+\nNEXTYEAR +coupon_not_applicable +the coupon does not apply/);
});

test('quote: text adds up on the shared vectors with flexi-purchase, card or truncation amounts', async () => {
  const cases = loadCases('quotes').filter((c) => c.expect && ['flexipurchase_coupon_amount', 'stored_card_amount', 'truncated_amount']
    .some((k) => c.expect[k] !== undefined && !isZero(c.expect[k]))).slice(0, 8);
  assert.ok(cases.length >= 4, `${cases.length} cases`);
  for (const c of cases) await checkQuoteText(c.name, c.input);
});

/** Text left after removing data (ids, codes, names, amounts, dates) and stable codes: the labels. */
const labelsOf = (text, data) => {
  let rest = text;
  for (const d of data.filter(Boolean).sort((a, b) => b.length - a.length)) rest = rest.split(d).join(' ');
  return rest.replace(/\b[a-z]+(_[a-z0-9]+)+\b/g, ' ').replace(/[\d.,:TZ+-]+/g, ' ');
};

test('--lang zh: every label in Chinese (quote, coupons, validate), the engine\'s messages in Chinese', async () => {
  const data = [...CART.coupons.flatMap((c) => [c.coupon_id, c.coupon_code, c.plan_name]), 'partner-10', 'Partner discount 10%', 'ecs', 'evs', 'ID', 'RegistrationForm'];
  const quote = await cli(['quote', tmp.write('cart.json', JSON.stringify(CART)), '--lang', 'zh']);
  assert.equal(quote.code, 0);
  assert.doesNotMatch(labelsOf(quote.stdout, data), /[A-Za-z]{2,}/, quote.stdout);
  assert.match(quote.stdout, /^订单项 +官网价 +折扣 +代金券 +现金券 +抹零 +应付$/m);
  assert.match(quote.stdout, /^合计 +1,235,179\.891 /m);
  assert.match(quote.stdout, /NEXTYEAR +coupon_not_applicable +该优惠券不适用于此订单：优惠券自 \S+ 起生效。$/m);

  const order = tmp.write('order.json', JSON.stringify(CART.order));
  const wallet = tmp.write('wallet.json', JSON.stringify({ count: 3, user_coupons: CART.coupons }));
  const coupons = await cli(['coupons', order, wallet, '--now', CART.now, '--lang', 'zh']);
  assert.equal(coupons.code, 0);
  assert.doesNotMatch(labelsOf(coupons.stdout, data), /[A-Za-z]{2,}/, coupons.stdout);
  assert.match(coupons.stdout, /^SPRING100 +Spring voucher +c-100 +代金券 +可用 +612\.00 +100\.00$/m);
  assert.match(coupons.stdout, /^3 张优惠券中 2 张可用$/m);

  const forms = tmp.write('forms.csv', 'xaccount_id,xaccount_type,domain_name,password\nu1,ACME_IDP,op_admin,abc\nu2,ACME_IDP\n');
  const validate = await cli(['validate', forms, '--lang', 'zh']);
  assert.equal(validate.code, 1);
  assert.doesNotMatch(labelsOf(validate.stdout, ['domain_name', 'password', 'op_']), /[A-Za-z]{2,}/, validate.stdout);
});

test('coupons: codes and names from the wallet, grouped amounts; csv and jsonl for machines', async () => {
  const order = tmp.write('order.json', JSON.stringify(CART.order));
  const coupons = CART.coupons.map((c, i) => (i === 0 ? { ...c, plan_name: 'Spring, "best" voucher' } : c));
  const wallet = tmp.write('wallet.json', JSON.stringify(coupons));
  const text = await cli(['coupons', order, wallet, '--now', CART.now]);
  assert.equal(text.code, 0);
  assert.match(text.stdout, /^coupon +name +id +kind +status +eligible +max deduction +reasons$/m);
  assert.match(text.stdout, /^SPRING100 +Spring, "best" voucher +c-100 +cash coupon +applicable +612\.00 +100\.00$/m);
  assert.match(text.stdout, /^FLEXI3299 +Partner flexi +f-33 +flexi-purchase coupon +applicable /m);
  assert.match(text.stdout, /^NEXTYEAR +x-1 +cash coupon +not applicable +1,235,179\.891 +0\.00 +not_yet_valid: /m);
  const json = JSON.parse((await cli(['coupons', order, wallet, '--now', CART.now, '--format', 'json'])).stdout);
  const csv = await cli(['coupons', order, wallet, '--now', CART.now, '--format', 'csv']);
  assert.equal(csv.code, 0);
  const records = [];
  for await (const r of readCsv([csv.stdout])) records.push(r.fields);
  assert.deepEqual(records[0], ['coupon_id', 'coupon_code', 'name', 'kind', 'status', 'eligible_amount', 'available', 'max_deduction', 'reason_codes', 'reasons']);
  assert.deepEqual(records.slice(1).map((r) => [r[0], r[1], r[2], r[4], r[7], r[8]]),
    json.map((v, i) => [v.coupon_id, coupons[i].coupon_code, coupons[i].plan_name ?? '', v.status, v.max_deduction, v.reasons.map((x) => x.code).join(';')]));
});

test('quote --format csv and jsonl hold the JSON\'s figures', async () => {
  const file = tmp.write('cart.json', JSON.stringify(CART));
  const q = JSON.parse((await cli(['quote', file, '--format', 'json'])).stdout);
  const jsonl = await cli(['quote', file, '--format', 'jsonl']);
  assert.equal(jsonl.stdout.split('\n').length, 2);
  assert.deepEqual(JSON.parse(jsonl.stdout), q);
  const csv = await cli(['quote', file, '--format', 'csv']);
  const records = [];
  for await (const r of readCsv([csv.stdout])) records.push(r.fields);
  assert.deepEqual(records, [['id', ...COLUMNS], ...q.lines.map((l) => [l.id, ...COLUMNS.map((k) => l[k])])]);
});

test('exact input: 123456789.123456789 reaches the engine and the output as written', async () => {
  // JSON numbers, not strings: JSON.parse would make them 123456789.12345679 and 98765432.98765433.
  const line = '{"id":"big","cloud_service_type":"hws.service.type.ec2","region":"cn-north-4","official_amount":123456789.123456789}';
  const order = `{"order_type":"new","charging_mode":"period","period_type":2,"period_num":1,"lines":[${line}]}`;
  const quoteFile = tmp.write('exact.json', `{"order":${order},"now":"2024-06-01T00:00:00Z"}`);
  const q = await cli(['quote', quoteFile, '--format', 'json']);
  assert.equal(q.code, 0, q.stderr);
  assert.equal(JSON.parse(q.stdout).lines[0].official_amount, '123456789.123456789');
  assert.equal(JSON.parse(q.stdout).official_amount, '123456789.123456789');
  assert.match((await cli(['quote', quoteFile])).stdout, /^big +123,456,789\.123456789 /m);
  assert.match((await cli(['quote', quoteFile, '--format', 'csv'])).stdout, /\r\nbig,123456789\.123456789,/);

  // A ListSubCustomerCoupons body: the user_coupons member is cut from the text as written, even
  // with "user_coupons" inside a string and a nested object before it, and a repeated key.
  const coupon = '{"coupon_id":"c","coupon_code":"BIG","coupon_type":4,"status":2,"coupon_version":2,"face_value":98765432.987654321,"balance":98765432.987654321,"effective_time":"2024-01-01T00:00:00Z","expire_time":"2024-12-31T00:00:00Z"}';
  const body = `{ "note": "user_coupons \\" [", "meta": {"user_coupons": [1]}, "user_coupons": [], "count": 1,\n "user_coupons" : [ ${coupon} ] }`;
  const orderFile = tmp.write('big-order.json', order);
  const walletFile = tmp.write('big-wallet.json', body);
  const c = await cli(['coupons', orderFile, walletFile, '--now', '2024-06-01T00:00:00Z', '--format', 'json']);
  assert.equal(c.code, 0, c.stderr);
  const [v] = JSON.parse(c.stdout);
  assert.deepEqual([v.coupon_id, v.eligible_amount, v.available, v.max_deduction], ['c', '123456789.123456789', '98765432.987654321', '98765432.98']);
  assert.match((await cli(['coupons', orderFile, walletFile, '--now', '2024-06-01T00:00:00Z'])).stdout, /^BIG +c +flexi-purchase coupon +applicable +123,456,789\.123456789 +98,765,432\.98$/m);
});

test('quote and evaluateCoupons take JSON text as well as objects (the binding), with the same result', async () => {
  const lib = await import('bss-storefront');
  const c = loadCases('quotes').find((x) => x.expect && x.input.coupons?.length && x.input.discounts?.length);
  assert.deepEqual(lib.quote(JSON.stringify(c.input)), lib.quote(c.input));
  const k = loadCases('coupons').find((x) => x.expect && x.opts?.now && x.coupons.length > 1);
  assert.deepEqual(lib.evaluateCoupons(JSON.stringify(k.order), JSON.stringify(k.coupons), k.opts), lib.evaluateCoupons(k.order, k.coupons, k.opts));
  assert.throws(() => lib.quote('{"order": '), (e) => e instanceof lib.BssError && typeof e.code === 'string');
  assert.throws(() => lib.evaluateCoupons('[1]', '[]', k.opts), (e) => e instanceof lib.BssError && e.code === 'invalid_order');
});
