// `validate` and the columns of its input: unknown, misspelt, missing or repeated columns (CSV)
// and fields (JSON Lines) are input errors (exit 2) with the closest known name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cli as run, tempDir } from './cli-process.mjs';
import { closest, editDistance } from '../../pkg/cli/errors.mjs';

let tmp;
before(() => { tmp = tempDir(); });
after(() => tmp.remove());
const cli = (args, options = {}) => run(args, { cwd: tmp.dir, ...options });

test('the issue\'s file: a misspelt password column is an error naming it and "password", not "1 valid"', async () => {
  const file = tmp.write('typo.csv', 'xaccount_id,xaccount_type,domain_name,nickname,passwd\nuser1,ACME_IDP,cust1name,nick,Pa55word!1\n');
  const r = await cli(['validate', file]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /column "passwd" is not a RegistrationForm field — did you mean "password"\?/);
  // Nothing near "nickname": named, without a guess.
  assert.match(r.stderr, /column "nickname" is not a RegistrationForm field\n/);
  assert.match(r.stderr, /--allow-unknown ignores unknown columns/);
  const zh = await cli(['validate', file, '--lang', 'zh']);
  assert.equal(zh.code, 2);
  assert.match(zh.stderr, /列“passwd”不是注册表单（RegistrationForm）的字段——是否应为“password”？/);
  // Deliberately ignored: the rows are validated without them, and stderr says which.
  const allowed = await cli(['validate', file, '--allow-unknown']);
  assert.equal(allowed.code, 0, allowed.stderr);
  assert.match(allowed.stdout, /^1 rows: 1 valid, 0 invalid \(/);
  assert.equal(allowed.stderr, 'bss-storefront: ignoring columns: "nickname", "passwd"\n');
});

test('missing required columns are errors, with the unknown column they may be', async () => {
  const file = tmp.write('missing.csv', 'xaccount_id,xacount_type,domain_name\nu1,ACME_IDP,shop_2024\n');
  const r = await cli(['validate', file]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /column "xacount_type" is not a RegistrationForm field — did you mean "xaccount_type"\?/);
  assert.match(r.stderr, /the header has no "xaccount_type" column, which CreateSubCustomer requires — is it "xacount_type"\?/);
  // --allow-unknown does not excuse a missing required column.
  assert.equal((await cli(['validate', file, '--allow-unknown'])).code, 2);
  // Required columns follow the site: domain_area only on the international site.
  const noArea = tmp.write('noarea.csv', 'xaccount_id,xaccount_type,domain_name\nu1,ACME_IDP,shop_2024\n');
  assert.equal((await cli(['validate', noArea])).code, 0);
  const intl = await cli(['validate', noArea, '--site', 'intl']);
  assert.equal(intl.code, 2);
  assert.match(intl.stderr, /the header has no "domain_area" column/);
  // Case and separators are forgiven in the suggestion, and a column may not appear twice.
  const cased = await cli(['validate', tmp.write('cased.csv', 'xaccount_id,xaccount_type,Mobile-Phone,email,email\nu1,ACME_IDP,13800000000,a@b.cn,a@b.cn\n')]);
  assert.equal(cased.code, 2);
  assert.match(cased.stderr, /column "Mobile-Phone" is not a RegistrationForm field — did you mean "mobile_phone"\?/);
  assert.match(cased.stderr, /column "email" appears more than once/);
});

test('JSON Lines: an unknown field stops at its line after the rows before it; --allow-unknown drops it', async () => {
  const lines = [
    { xaccount_id: 'a', xaccount_type: 'ACME_IDP', domain_name: 'op_admin' },
    { xaccount_id: 'b', xaccount_type: 'ACME_IDP' },
    { xaccount_id: 'c', xaccount_type: 'ACME_IDP', mobile_phon: '13800000000' },
    { xaccount_id: 'd', xaccount_type: 'ACME_IDP', domain_name: 'op_root' },
  ];
  const file = tmp.write('forms.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const r = await cli(['validate', file]);
  assert.equal(r.code, 2);
  assert.match(r.stdout, /^row 1 \(line 1\)  domain_name  reserved_prefix  /);
  assert.ok(!r.stdout.includes('row 4'), 'nothing after the bad line');
  assert.match(r.stderr, /line 3: field "mobile_phon" is not a RegistrationForm field — did you mean "mobile_phone"\?/);
  const allowed = await cli(['validate', file, '--allow-unknown', '--format', 'jsonl']);
  assert.equal(allowed.code, 1);
  const out = allowed.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(out.slice(0, -1).map((o) => o.row), [1, 4]);
  assert.deepEqual(out.at(-1).summary.rows, 4);
});

test('the suggestion: edit distance against a brute-force recursion, and the nearness bound', () => {
  // Optimal string alignment distance by its recursive definition (exponential, fine for short words).
  const osa = (a, b) => {
    if (a.length === 0) return b.length;
    if (b.length === 0) return a.length;
    const i = a.length;
    const j = b.length;
    let d = Math.min(osa(a.slice(0, -1), b) + 1, osa(a, b.slice(0, -1)) + 1, osa(a.slice(0, -1), b.slice(0, -1)) + (a[i - 1] === b[j - 1] ? 0 : 1));
    if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, osa(a.slice(0, -2), b.slice(0, -2)) + 1);
    return d;
  };
  let seed = 7;
  const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const word = () => Array.from({ length: rand(6) }, () => 'abc'[rand(3)]).join('');
  for (let k = 0; k < 400; k++) {
    const a = word();
    const b = word();
    assert.equal(editDistance(a, b), osa(a, b), `${a} / ${b}`);
  }
  assert.equal(editDistance('passwd', 'password'), 2);
  assert.equal(editDistance('ab', 'ba'), 1);
  const fields = ['xaccount_id', 'password', 'mobile_phone', 'domain_name'];
  assert.equal(closest('passwd', fields), 'password');
  assert.equal(closest('xaccountId', fields), 'xaccount_id');
  assert.equal(closest('nickname', fields), undefined);
  assert.equal(closest('x', fields), undefined);
});
