// The CLI in pipelines: `-` reads standard input for every subcommand, a reader that goes away
// ends the run quietly, Ctrl-C stops with a summary, and every documented exit code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { cli as run, start, tempDir, outputMatches } from './cli-process.mjs';
import { startSandbox } from '../../www/sandbox/server.mjs';

let tmp;
before(() => { tmp = tempDir(); });
after(() => tmp.remove());
const cli = (args, options = {}) => run(args, { cwd: tmp.dir, ...options });

const HEADER = 'xaccount_id,xaccount_type,domain_name';
/** CSV rows 1..n; the rows in `bad` have a reserved account name. */
const rows = (from, to, bad = new Set()) => {
  let text = '';
  for (let i = from; i <= to; i++) text += `user${i},ACME_IDP,${bad.has(i) ? `op_user${i}` : `shop_${i}`}\n`;
  return text;
};
const ORDER = {
  order_type: 'new', charging_mode: 'period', period_type: 2, period_num: 1,
  lines: [{ id: 'ecs', cloud_service_type: 'hws.service.type.ec2', region: 'cn-north-4', official_amount: '612.00' }],
};
const COUPON = { coupon_id: 'c1', coupon_type: 1, status: 2, face_value: '100', effective_time: '2024-01-01T00:00:00Z', expire_time: '2024-12-31T00:00:00Z' };
const NOW = ['--now', '2024-06-01T00:00:00Z'];

test('- reads standard input: validate (CSV and JSON Lines), quote, coupons (either file), call --body; /dev/stdin too', async () => {
  const csv = `${HEADER}\n${rows(1, 3, new Set([2]))}`;
  const fromStdin = await cli(['validate', '-'], { input: csv });
  assert.equal(fromStdin.code, 1);
  assert.match(fromStdin.stdout, /^row 2 \(line 3\)  domain_name  reserved_prefix  /);
  assert.match(fromStdin.stdout, /^3 rows: 2 valid, 1 invalid \(/m);
  const devStdin = await cli(['validate', '/dev/stdin'], { input: csv });
  assert.equal(devStdin.code, 1, devStdin.stderr);
  assert.equal(devStdin.stdout.split('\n')[0], fromStdin.stdout.split('\n')[0]);
  // JSON Lines is told from CSV by its first character.
  const jsonl = await cli(['validate', '-', '--format', 'jsonl'], { input: `\n${JSON.stringify({ xaccount_id: 'a', xaccount_type: 'ACME_IDP', domain_name: 'op_x1' })}\n` });
  assert.equal(jsonl.code, 1);
  assert.deepEqual(JSON.parse(jsonl.stdout.split('\n')[0]).row, 1);

  const quoteInput = JSON.stringify({ order: ORDER, now: '2024-06-01T00:00:00Z' });
  const quote = await cli(['quote', '-', '--format', 'json'], { input: quoteInput });
  assert.equal(quote.code, 0, quote.stderr);
  assert.equal(JSON.parse(quote.stdout).payable, '612.00');

  const wallet = tmp.write('wallet.json', JSON.stringify([COUPON]));
  const order = tmp.write('order.json', JSON.stringify(ORDER));
  const a = await cli(['coupons', '-', wallet, ...NOW, '--format', 'json'], { input: JSON.stringify(ORDER) });
  const b = await cli(['coupons', order, '-', ...NOW, '--format', 'json'], { input: JSON.stringify({ user_coupons: [COUPON] }) });
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  assert.deepEqual(JSON.parse(a.stdout), JSON.parse(b.stdout));
  assert.equal(JSON.parse(a.stdout)[0].max_deduction, '100.00');
  const twice = await cli(['coupons', '-', '-', ...NOW], { input: '{}' });
  assert.equal(twice.code, 2);
  assert.match(twice.stderr, /standard input \(-\) can be read only once/);

  const sandbox = await startSandbox({ port: 0 });
  try {
    const env = {
      BSS_ENDPOINT: sandbox.url, BSS_AK: 'SANDBOXPARTNERAK0001', BSS_SK: 'sandbox-partner-secret-key-0001',
      BSS_DOMAIN_ID: '0a1b2c3d4e5f60718293a4b5c6d7e8f9', BSS_TOKEN: '',
    };
    const body = await cli(['call', 'CheckUserIdentity', '--body', '-', '--format', 'jsonl'], { env, input: JSON.stringify({ search_type: 'name', search_value: 'shop_2024' }) });
    assert.equal(body.code, 0, body.stderr);
    assert.equal(typeof JSON.parse(body.stdout).check_result, 'string');
    const sent = sandbox.requests.at(-1);
    assert.equal(sent.operation, 'CheckUserIdentity');
    assert.ok(`${sent.body} ${sent.rawQuery}`.includes('shop_2024'), 'the body from stdin was sent');
  } finally {
    await sandbox.close();
  }
});

test('a reader that goes away (| head): the run ends quietly, exit code of what was written', async () => {
  const file = tmp.write('many.csv', `${HEADER}\n${rows(1, 50_000, new Set(Array.from({ length: 25_000 }, (_, i) => 2 * i + 1)))}`);
  for (const format of ['text', 'jsonl', 'csv']) {
    const p = start(['validate', file, '--format', format], { cwd: tmp.dir });
    // Read the first output, then close the pipe as `head` does.
    await outputMatches(p.child, p.output, (s) => s.length > 0);
    p.child.stdout.destroy();
    const r = await p.done;
    assert.equal(r.signal, null);
    assert.equal(r.code, 1, `${format}: ${r.stderr}`); // invalid rows had been written
    assert.equal(r.stderr, '', format); // no "Unhandled 'error' event", no EPIPE
  }
  // Nothing written yet when the reader goes: exit 0 for a good quote, silently.
  const quote = start(['quote', '-'], { cwd: tmp.dir, input: JSON.stringify({ order: ORDER, now: '2024-06-01T00:00:00Z' }) });
  quote.child.stdout.destroy();
  const q = await quote.done;
  assert.deepEqual([q.code, q.signal, q.stderr], [0, null, '']);
});

test('Ctrl-C (SIGINT) stops reading and prints the summary of the rows read so far, exit 130', async () => {
  for (const format of ['text', 'json']) {
    // Standard input stays open: the CLI waits for more rows when the signal comes.
    const p = start(['validate', '-', '--format', format], { cwd: tmp.dir, input: `${HEADER}\n${rows(1, 2000, new Set([10, 1500]))}`, keepStdin: true });
    // Row 1500 is reported when the second batch of 1,000 is checked: all 2,000 rows are read.
    await outputMatches(p.child, p.output, (s) => s.includes(format === 'text' ? 'row 1500 ' : '"row":1500'));
    p.child.kill('SIGINT');
    const r = await p.done;
    assert.equal(r.code, 130, r.stderr);
    assert.equal(r.stderr, 'bss-storefront: interrupted: 2,000 rows read so far\n');
    if (format === 'text') {
      assert.match(r.stdout.trim().split('\n').at(-1), /^2,000 rows: 1,998 valid, 2 invalid \(/);
    } else {
      const doc = JSON.parse(r.stdout); // still one whole document
      assert.deepEqual(doc.invalid.map((x) => x.row), [10, 1500]);
      assert.deepEqual([doc.summary.rows, doc.summary.invalid, doc.summary.interrupted], [2000, 2, true]);
    }
    p.child.stdin.destroy();
  }
});

test('exit codes as documented: 0 all good, 1 findings, 2 bad input or usage, 70 a bug', async () => {
  const good = tmp.write('good.csv', `${HEADER}\n${rows(1, 2)}`);
  const bad = tmp.write('bad.csv', `${HEADER}\n${rows(1, 2, new Set([2]))}`);
  const order = tmp.write('order.json', JSON.stringify(ORDER));
  const wallet = tmp.write('wallet.json', JSON.stringify([COUPON]));
  const quote = tmp.write('quote.json', JSON.stringify({ order: ORDER, now: '2024-06-01T00:00:00Z' }));
  const cases = [
    [0, ['--version']], [0, ['--help']], [0, ['validate', '--help']], [2, []], [2, ['frobnicate']],
    [0, ['validate', good]], [1, ['validate', bad]], [2, ['validate', 'missing.csv']], [2, ['validate', good, '--site', 'mars']],
    [2, ['validate', tmp.write('cols.csv', 'xaccount_id,xaccount_type,passwd\n')]], [2, ['validate', tmp.write('quote.csv', `${HEADER}\n"u1,x\n`)]],
    [0, ['quote', quote]], [2, ['quote', tmp.write('notjson.json', '{')]], [2, ['quote', 'missing.json']],
    [2, ['quote', tmp.write('amount.json', JSON.stringify({ order: { ...ORDER, lines: [{ ...ORDER.lines[0], official_amount: '6,12' }] } }))]],
    [0, ['coupons', order, wallet, ...NOW]],
    // The issue's case: a bad --now is bad input (2), not a finding (it used to exit 1).
    [2, ['coupons', order, wallet, '--now', 'yesterday']],
    [2, ['coupons', order]],
    [2, ['call', 'ListServiceTypes'], { env: { BSS_ENDPOINT: '', BSS_AK: '', BSS_SK: '', BSS_TOKEN: '' } }],
  ];
  for (const [code, args, options] of cases) {
    const r = await cli(args, options);
    assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`);
    if (code === 2 && args.length > 0 && !args.includes('--help')) assert.match(r.stderr, /^bss-storefront: /, args.join(' '));
  }
  // call: 1 when BSS says no, 2 when the request is wrong (checked before sending).
  const sandbox = await startSandbox({ port: 0 });
  try {
    const env = { BSS_ENDPOINT: sandbox.url, BSS_AK: 'SANDBOXPARTNERAK0001', BSS_SK: 'wrong-secret', BSS_DOMAIN_ID: '0a1b2c3d4e5f60718293a4b5c6d7e8f9', BSS_TOKEN: '' };
    assert.equal((await cli(['call', 'ListServiceTypes'], { env })).code, 1);
    assert.equal((await cli(['call', 'ListSubCustomers', '--query', 'limit:=1000'], { env })).code, 2);
  } finally {
    await sandbox.close();
  }
  // A bug (here: Intl broken on purpose by a preloaded module) is 70 with the stack, never 1 or 2.
  const broken = fileURLToPath(new URL('./fixtures/break-intl.mjs', import.meta.url));
  const bug = await cli(['validate', good], { nodeArgs: ['--import', broken] });
  assert.equal(bug.code, 70);
  assert.match(bug.stderr, /^bss-storefront: internal error: Error: broken on purpose/);
});
