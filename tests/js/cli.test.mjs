// The `bss-storefront` command line, run as real processes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCases } from './vectors.mjs';
import { cli as run, tempDir } from './cli-process.mjs';
import { startSandbox } from '../../www/sandbox/server.mjs';

const RSS = fileURLToPath(new URL('./fixtures/report-rss.mjs', import.meta.url));
let tmp;
let dir;

before(() => { tmp = tempDir(); dir = tmp.dir; });
after(() => tmp.remove());

const cli = (args, options = {}) => run(args, { cwd: dir, ...options });
const write = (name, text) => tmp.write(name, text);

const HEADER = 'xaccount_id,xaccount_type,domain_name,mobile_phone,verification_code,password,is_close_market_ms';
const goodRow = (i) => `user${i},ACME_IDP,cust${i}name,138${String(i % 1e8).padStart(8, '0')},123456,Pa55word!${i % 10},false`;

test('--version, --help and usage errors', async () => {
  const version = JSON.parse(fs.readFileSync(new URL('../../pkg/package.json', import.meta.url))).version;
  assert.deepEqual(await cli(['--version']), { code: 0, stdout: `bss-storefront ${version}\n`, stderr: '' });
  const help = await cli(['--help']);
  assert.equal(help.code, 0);
  for (const c of ['validate', 'quote', 'coupons', 'call']) assert.match(help.stdout, new RegExp(`^  ${c} `, 'm'));
  for (const c of ['validate', 'quote', 'coupons', 'call']) {
    const r = await cli([c, '--help']);
    assert.equal(r.code, 0, c);
    assert.match(r.stdout, new RegExp(`^Usage: bss-storefront ${c} `), c);
  }
  assert.equal((await cli([])).code, 2);
  const unknown = await cli(['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "frobnicate"/);
  const flag = await cli(['validate', 'x.csv', '--nope']);
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /unknown option --nope for validate \(see bss-storefront validate --help\)/);
  // node:util parseArgs reads the options; a misspelt option or command gets a suggestion.
  const near = await cli(['validate', 'x.csv', '--alow-unknown']);
  assert.equal(near.code, 2);
  assert.match(near.stderr, /unknown option --alow-unknown for validate — did you mean --allow-unknown\?/);
  assert.match((await cli(['valdate', 'x.csv'])).stderr, /unknown command "valdate" — did you mean validate\?/);
  const choice = await cli(['validate', 'x.csv', '--format', 'xml']);
  assert.equal(choice.code, 2);
  assert.match(choice.stderr, /--format must be one of text, json, jsonl, csv \(got "xml"\)/);
  const missing = await cli(['call', 'ListServiceTypes', '--body']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /Option '--body <value>' argument missing/);
  assert.equal((await cli(['validate'])).code, 2);
  assert.equal((await cli(['validate', 'a.csv', 'b.csv'])).code, 2);
});

test('validate: a valid CSV exits 0 with a summary', async () => {
  const file = write('good.csv', `\uFEFF${HEADER}\r\n${goodRow(1)}\r\n${goodRow(2)}\r\n"user3","ACME_IDP","quoted_ok",,,,\r\n`);
  const r = await cli(['validate', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^3 rows: 3 valid, 0 invalid \(/);
  assert.equal(r.stderr, '');
});

test('validate: invalid rows exit 1 with row, field, code and message (en and zh)', async () => {
  const file = write('mixed.csv', [
    HEADER, goodRow(1),
    'user2,ACME_IDP,op_admin,,,,',
    'user3,ACME_IDP,"two\nlines",13800000000,12345,abc,maybe',
    'user4,ACME_IDP',
  ].join('\n') + '\n');
  const r = await cli(['validate', file]);
  assert.equal(r.code, 1);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^row 2 \(line 3\)  domain_name  reserved_prefix  Account name must not start with 'op_'/);
  assert.ok(lines.some((l) => /^row 3 \(line 4\)  verification_code  too_short  /.test(l)));
  assert.ok(lines.some((l) => /^row 3 \(line 4\)  password  too_short  /.test(l)));
  assert.ok(lines.some((l) => /^row 3 \(line 4\)  is_close_market_ms  /.test(l)));
  // The quoted newline moves the next record to line 6.
  assert.ok(lines.some((l) => /^row 4 \(line 6\)  -  csv_columns  expected 7 columns as in the header, found 2$/.test(l)), r.stdout);
  assert.match(lines.at(-1), /^4 rows: 1 valid, 3 invalid \(/);
  const zh = await cli(['validate', file, '--lang', 'zh']);
  assert.equal(zh.code, 1);
  assert.match(zh.stdout, /^第 2 行（文件第 3 行）  domain_name  reserved_prefix  账号名不能以“op_”开头/);
  assert.match(zh.stdout, /^第 4 行（文件第 6 行）  -  csv_columns  列数应与表头一致（7列），实际为2列$/m);
  assert.match(zh.stdout.trim().split('\n').at(-1), /^共 4 行：有效 1 行，无效 3 行（[\d.]+ 秒，每秒 [\d,]+ 行）$/);
});

test('validate --format jsonl: JSON Lines per invalid row, then the summary; json and csv hold the same', async () => {
  const file = write('forms.jsonl', [
    JSON.stringify({ xaccount_id: 'a', xaccount_type: 'ACME_IDP', mobile_phone: '+86 138-0000-0000', verification_code: '123456' }),
    '42',
    '{"xaccount_id": "b", ',
    '',
    JSON.stringify({ xaccount_id: 'c', xaccount_type: 'ACME_IDP', domain_name: '12345678' }),
  ].join('\n'));
  const r = await cli(['validate', file, '--format', 'jsonl']);
  assert.equal(r.code, 1);
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(out.slice(0, 3).map((o) => [o.row, o.line, o.valid, o.issues.map((i) => `${i.field}:${i.code}`)]), [
    [2, 2, false, [':invalid_form']],
    [3, 3, false, [':invalid_json']],
    [4, 5, false, ['domain_name:all_digits']],
  ]);
  const issue = out[2].issues[0];
  assert.equal(issue.server_code, 'CBC.99000031');
  assert.equal(typeof issue.message_zh, 'string');
  const { summary } = out[3];
  assert.deepEqual({ ...summary, seconds: 0, rows_per_second: 0 }, { rows: 4, valid: 1, invalid: 3, seconds: 0, rows_per_second: 0 });
  // json: one document with the same rows and summary.
  const json = await cli(['validate', file, '--format', 'json']);
  assert.equal(json.code, 1);
  const doc = JSON.parse(json.stdout);
  assert.deepEqual(doc.invalid, out.slice(0, 3));
  assert.deepEqual(Object.keys(doc.summary), Object.keys(summary));
  assert.equal(doc.summary.rows, 4);
  // csv: one record per issue, in the chosen language; the summary on stderr.
  const csv = await cli(['validate', file, '--format', 'csv', '--lang', 'zh']);
  assert.equal(csv.code, 1);
  const records = csv.stdout.trim().split('\r\n');
  assert.equal(records[0], 'row,line,field,code,message');
  assert.equal(records.length, 4);
  assert.equal(records[3], `4,5,domain_name,all_digits,${out[2].issues[0].message_zh}`);
  assert.match(records[1], /^2,2,,invalid_form,每行须为一个 JSON 对象/);
  assert.match(csv.stderr, /^bss-storefront: 共 4 行：有效 1 行，无效 3 行/);
  // A valid file in json: an empty list.
  const none = await cli(['validate', write('ok.jsonl', JSON.stringify({ xaccount_id: 'a', xaccount_type: 'ACME_IDP' })), '--format', 'json']);
  assert.equal(none.code, 0);
  assert.deepEqual(JSON.parse(none.stdout).invalid, []);
});

test('validate: international site rules with --site intl', async () => {
  const file = write('intl.csv', 'xaccount_id,xaccount_type,email,verification_code,domain_area\nu1,ACME_IDP,a@example.com,123456,DE\nu2,ACME_IDP,not-an-email,123456,de\n');
  const r = await cli(['validate', file, '--site', 'intl', '--format', 'jsonl']);
  assert.equal(r.code, 1);
  const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(rows[0].row, 2);
  assert.deepEqual(rows[0].issues.map((i) => i.field).sort(), ['domain_area', 'email']);
});

test('validate: file errors exit 2', async () => {
  const missing = await cli(['validate', path.join(dir, 'missing.csv')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read .*missing\.csv: no such file/);
  const header = await cli(['validate', write('noheader.csv', 'a,b\n1,2\n')]);
  assert.equal(header.code, 2);
  assert.match(header.stderr, /column "a" is not a RegistrationForm field/);
  assert.match(header.stderr, /the header has no "xaccount_id" column, which CreateSubCustomer requires/);
  const quote = await cli(['validate', write('quote.csv', `${HEADER}\n"user1,ACME_IDP\n`)]);
  assert.equal(quote.code, 2);
  assert.match(quote.stderr, /line 2: an unclosed quote at the end of the file/);
  const empty = await cli(['validate', write('empty.csv', '')]);
  assert.equal(empty.code, 2);
  assert.equal((await cli(['validate', dir])).code, 2);
});

test('validate streams: 500,000 rows in a 48 MB heap, RSS and rate reported', async () => {
  const file = path.join(dir, 'large.csv');
  const out = fs.createWriteStream(file);
  out.write(HEADER + '\n');
  const rows = 500_000;
  for (let i = 0; i < rows; i += 1000) {
    let chunk = '';
    for (let j = i; j < i + 1000; j++) chunk += (j % 100 === 7 ? `user${j},ACME_IDP,op_${j},,,,` : goodRow(j)) + '\n';
    if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
  // A heap far smaller than the file: holding the rows would run out of memory.
  const r = await cli(['validate', file, '--format', 'jsonl'], { nodeArgs: ['--max-old-space-size=48', '--import', RSS] });
  assert.equal(r.code, 1, r.stderr.slice(0, 500));
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, rows / 100 + 1);
  const { summary } = JSON.parse(lines.at(-1));
  assert.equal(summary.rows, rows);
  assert.equal(summary.invalid, rows / 100);
  const rss = Number(/max_rss_kb=(\d+)/.exec(r.stderr)[1]);
  const mb = (fs.statSync(file).size / 2 ** 20).toFixed(1);
  console.log(`validate: ${rows} rows (${mb} MB) at ${summary.rows_per_second} rows/s, peak RSS ${(rss / 1024).toFixed(1)} MB`);
});

test('coupons: the verdict table and JSON agree with evaluateCoupons on the shared vectors', async () => {
  const { evaluateCoupons } = await import('bss-storefront');
  const all = loadCases('coupons').filter((c) => c.expect && c.opts?.now);
  const cases = ['applicable', 'not_applicable', 'indeterminate'].flatMap((s) => all.filter((c) => c.expect[0]?.status === s).slice(0, 3));
  assert.equal(cases.length, 9);
  const status = { applicable: 'applicable', not_applicable: 'not applicable', indeterminate: 'indeterminate' };
  for (const c of cases) {
    const order = write('order.json', JSON.stringify(c.order));
    // A ListSubCustomerCoupons body is accepted as it comes.
    const wallet = write('wallet.json', JSON.stringify({ count: c.coupons.length, user_coupons: c.coupons }));
    const json = await cli(['coupons', order, wallet, '--now', c.opts.now, '--format', 'json']);
    assert.equal(json.code, 0, json.stderr);
    const expected = evaluateCoupons(c.order, c.coupons, { now: c.opts.now });
    assert.deepEqual(JSON.parse(json.stdout), expected, c.name);
    const jsonl = await cli(['coupons', order, wallet, '--now', c.opts.now, '--format', 'jsonl']);
    assert.deepEqual(jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l)), expected, c.name);
    const text = await cli(['coupons', order, wallet, '--now', c.opts.now]);
    assert.equal(text.code, 0);
    for (const v of expected) {
      const row = text.stdout.split('\n').find((l) => l.split(/ {2,}/).includes(v.coupon_id));
      assert.ok(row, `${c.name}: no row for ${v.coupon_id}`);
      assert.ok(row.includes(`  ${status[v.status]}  `), `${c.name}: ${row}`);
      for (const r of v.reasons) assert.ok(row.includes(r.code), `${c.name}: ${r.code} missing`);
    }
    const usable = expected.filter((v) => v.status === 'applicable').length;
    assert.match(text.stdout, new RegExp(`${usable} of ${expected.length} coupons applicable`));
  }
  const bad = await cli(['coupons', write('o.json', '{"lines": 5}'), write('w.json', '[]'), '--now', '2024-01-01T00:00:00Z']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /invalid_order/);
  assert.equal((await cli(['coupons', write('o2.json', '{}'), write('w2.json', '{"nope": 1}')])).code, 2);
});

test('call: operations against the sandbox, errors with code and message and no secret', async () => {
  const sandbox = await startSandbox({ port: 0 });
  try {
    const env = {
      BSS_ENDPOINT: sandbox.url, BSS_AK: 'SANDBOXPARTNERAK0001', BSS_SK: 'sandbox-partner-secret-key-0001',
      BSS_DOMAIN_ID: '0a1b2c3d4e5f60718293a4b5c6d7e8f9', BSS_TOKEN: '',
    };
    const ok = await cli(['call', 'ListServiceTypes', '--query', 'limit:=2'], { env });
    assert.equal(ok.code, 0, ok.stderr);
    const types = JSON.parse(ok.stdout);
    assert.equal(types.service_types.length, 2);
    const camel = await cli(['call', 'listServiceTypes', '--query', 'limit:=2'], { env });
    assert.deepEqual(JSON.parse(camel.stdout), types);
    // A body file.
    const body = write('check.json', JSON.stringify({ search_type: 'name', search_value: 'fresh-name-1' }));
    const check = await cli(['call', 'CheckUserIdentity', '--body', body], { env });
    assert.equal(check.code, 0, check.stderr);
    assert.equal(typeof JSON.parse(check.stdout).check_result, 'string');
    // Invalid input: rejected before sending.
    const before = sandbox.requests.length;
    const invalid = await cli(['call', 'ListSubCustomers', '--query', 'limit:=1000'], { env });
    assert.equal(invalid.code, 2); // bad input: never sent
    assert.match(invalid.stderr, /^bss-storefront: invalid_request: /);
    assert.match(invalid.stderr, /limit  out_of_range/);
    assert.equal(sandbox.requests.length, before);
    // A wrong secret: the gateway's code, and the secret is nowhere in the output.
    const secret = 'recognisable-SECRET-value-0042';
    const denied = await cli(['call', 'ListServiceTypes'], { env: { ...env, BSS_SK: secret } });
    assert.equal(denied.code, 1);
    assert.match(denied.stderr, /APIGW\.0301/);
    assert.match(denied.stderr, /status: 401/);
    assert.ok(!denied.stderr.includes(secret) && !denied.stdout.includes(secret));
    const token = 'recognisable-TOKEN-value-0043';
    const badToken = await cli(['call', 'ListServiceTypes'], { env: { BSS_ENDPOINT: sandbox.url, BSS_TOKEN: token } });
    assert.equal(badToken.code, 1);
    assert.ok(!badToken.stderr.includes(token));
    // Usage errors.
    assert.equal((await cli(['call', 'ListServiceTypes'], { env: { BSS_ENDPOINT: '', BSS_AK: '', BSS_SK: '', BSS_TOKEN: '' } })).code, 2);
    assert.equal((await cli(['call', 'ListServiceTypes', '--query', 'novalue'], { env })).code, 2);
    assert.equal((await cli(['call', 'NoSuchOperation'], { env })).code, 2);
  } finally {
    await sandbox.close();
  }
});

test('quote: the breakdown and JSON agree with quote() on the shared vectors', async () => {
  const lib = await import('bss-storefront');
  const cases = loadCases('quotes').filter((c) => c.expect && c.input.coupons?.length && c.input.discounts?.length).slice(0, 6);
  cases.push(loadCases('quotes')[0]);
  assert.ok(cases.length >= 3);
  const plain = (s) => s.replace(/,/g, ''); // the text groups thousands
  const re = (amount) => plain(amount).replace('.', '\\.');
  for (const c of cases) {
    const file = write('quote.json', JSON.stringify(c.input));
    const json = await cli(['quote', file, '--format', 'json']);
    assert.equal(json.code, 0, `${c.name}: ${json.stderr}`);
    const expected = lib.quote(c.input);
    assert.deepEqual(JSON.parse(json.stdout), expected, c.name);
    if (c.expect.payable !== undefined) assert.equal(expected.payable, c.expect.payable, c.name);
    const text = await cli(['quote', file]);
    assert.equal(text.code, 0);
    const out = plain(text.stdout);
    assert.match(out, new RegExp(`^payable\\s+${re(expected.payable)}$`, 'm'), c.name);
    for (const l of expected.lines) assert.match(out, new RegExp(`^${l.id}\\s+${re(l.official_amount)}\\s`, 'm'));
    for (const cp of expected.coupons) assert.match(out, new RegExp(`^\\S.* ${cp.coupon_id}\\s+-${re(cp.deducted)}$`, 'm'), c.name);
    for (const r of expected.rejected) assert.ok(text.stdout.includes(r.code), c.name);
  }
  const bad = await cli(['quote', write('badquote.json', JSON.stringify({ order: { order_type: 'new', charging_mode: 'period', lines: [{ id: 'a', cloud_service_type: 'hws.service.type.ebs', region: 'cn-north-4', official_amount: 'x' }] } }))]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /invalid_amount/);
  assert.equal((await cli(['quote', write('notjson.json', '{')])).code, 2);
});
