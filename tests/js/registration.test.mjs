import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCases } from './vectors.mjs';
import { loadBuilds } from './builds.mjs';

const builds = await loadBuilds();
const cases = loadCases('registration');

/** Expands {"$repeat": s, "times": n, "prefix"?, "suffix"?} anywhere in a vector value. */
function expand(value) {
  if (Array.isArray(value)) return value.map(expand);
  if (value && typeof value === 'object') {
    if ('$repeat' in value) return (value.prefix ?? '') + value.$repeat.repeat(value.times) + (value.suffix ?? '');
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v)]));
  }
  return value;
}

/** JSON with object keys sorted, so issues compare whatever order their params were written in. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const comparable = (issues) =>
  issues.map(({ field, code, params, server_code }) => canonical({ field, code, params, server_code })).sort();

/** Every issue explains itself in both languages with its placeholders filled, and never quotes a password. */
function checkMessages(name, issues, password) {
  for (const issue of issues) {
    assert.equal(typeof issue.message, 'string', name);
    assert.ok(issue.message.length > 0 && issue.message_zh.length > 0, `${name}: empty message`);
    assert.doesNotMatch(issue.message + issue.message_zh, /[{}]/, `${name}: unfilled placeholder`);
    assert.match(issue.message_zh, /[\u4e00-\u9fff]/, `${name}: message_zh is not Chinese`);
    if (typeof password === 'string' && password.length >= 4) {
      assert.ok(!issue.message.includes(password) && !issue.message_zh.includes(password), `${name}: password quoted`);
    }
  }
}

const perField = {};
for (const c of cases) perField[c.about] = (perField[c.about] ?? 0) + 1;
const summary = Object.entries(perField).map(([k, n]) => `${k} ${n}`).join(', ');

for (const [build, lib] of Object.entries(builds)) {
  describe(`${build}: registration vectors (${cases.length} cases: ${summary})`, () => {
    test('registration::(coverage)', () => assert.ok(cases.length >= 150));
    for (const raw of cases) test(`registration::${raw.name}`, () => {
      const c = expand(raw);
      const opts = { site: c.site };
      if (c.call === 'validateRegistration') {
        const got = lib.validateRegistration(c.form, opts);
        assert.equal(got.valid, c.valid, `${c.name}: ${JSON.stringify(got.issues)}`);
        assert.deepEqual(comparable(got.issues), comparable(c.issues), c.name);
        assert.deepEqual(got.body, c.body ?? null, c.name);
        checkMessages(c.name, got.issues, c.form.password);
      } else if (c.call === 'validateField') {
        if (c.error) {
          assert.throws(() => lib.validateField(c.field, c.value, c.form, opts),
            (e) => e instanceof lib.BssError && e.code === c.error, c.name);
          return;
        }
        const got = lib.validateField(c.field, c.value, c.form, opts);
        assert.deepEqual(comparable(got), comparable(c.issues), c.name);
        checkMessages(c.name, got, c.value);
      } else if (c.call === 'normalizeMobile') {
        if (c.error) {
          assert.throws(() => lib.normalizeMobile(c.input), (e) => e instanceof lib.BssError && e.code === c.error, c.name);
        } else {
          assert.deepEqual(lib.normalizeMobile(c.input), c.expected, c.name);
        }
      } else {
        assert.fail(`${c.name}: unknown call ${c.call}`);
      }
    });
  });

  test(`${build}: validateRegistration defaults to the China site and returns plain data`, () => {
    const form = { xaccount_id: 'u1', xaccount_type: 'T', mobile_phone: '138 0000 0000', verification_code: '123456' };
    const got = lib.validateRegistration(form);
    assert.deepEqual(got, {
      valid: true,
      issues: [],
      body: { xaccount_id: 'u1', xaccount_type: 'T', mobile_phone: '13800000000', verification_code: '123456' },
    });
    assert.deepEqual(lib.validateRegistration(form, {}), got);
    assert.deepEqual(lib.validateRegistration(form, null), got);
    assert.deepEqual(lib.validateRegistration(form, { site: null }), got);
    // The input is not modified.
    assert.equal(form.mobile_phone, '138 0000 0000');
    // validateField without a form.
    assert.deepEqual(lib.validateField('domain_name', 'alice-01'), []);
    assert.equal(lib.validateField('domain_name', '_alice')[0].code, 'invalid_start');
  });

  test(`${build}: the docs/registration.md examples`, () => {
    const got = lib.validateRegistration({
      xaccount_id: 'user-0001', xaccount_type: 'ACME_IDP', domain_name: 'alice-2024',
      mobile_phone: '138 0000 0000', verification_code: '123456', password: 'Secret#2024',
      is_close_market_ms: true,
    });
    assert.deepEqual(got.body, {
      xaccount_id: 'user-0001', xaccount_type: 'ACME_IDP', domain_name: 'alice-2024', mobile_phone: '13800000000',
      verification_code: '123456', password: 'Secret#2024', is_close_market_ms: 'true',
    });
    assert.deepEqual(lib.validateField('password', 'alice-2024', { domain_name: 'alice-2024' }), [{
      field: 'password', code: 'same_as_name', message: 'Password must not be the same as the account name.',
      message_zh: '密码不能与账号名相同。', params: {}, server_code: 'CBC.99000036',
    }]);
    assert.deepEqual(lib.normalizeMobile('+86-138-0000-0000'), { national: '13800000000', check_identity: '0086-13800000000' });
    assert.throws(() => lib.normalizeMobile('+1 650 555 1234'), { code: 'invalid_mobile' });
  });

  test(`${build}: bad arguments are BssErrors, and the instance survives them`, () => {
    const cyclic = {};
    cyclic.self = cyclic;
    const throwing = Object.defineProperty({}, 'password', { get() { throw new Error('boom'); }, enumerable: true });
    const proxy = new Proxy({}, { get() { throw new Error('trap'); } });
    for (const form of [undefined, null, 1, 'form', true, [], ['x'], Symbol('s'), 10n, () => 1, throwing, proxy]) {
      assert.throws(() => lib.validateRegistration(form), (e) => e instanceof lib.BssError && e.code === 'invalid_input',
        `form ${typeof form}`);
      assert.equal(lib.validateRegistration({}).valid, false);
    }
    // A cyclic object is read field by field, so it is a form like any other.
    assert.equal(lib.validateRegistration(cyclic).issues.length, 2);
    for (const opts of [{ site: 'us' }, { site: 'CN' }, { site: 1 }, 'intl', 5]) {
      assert.throws(() => lib.validateRegistration({}, opts), (e) => e instanceof lib.BssError && e.code === 'invalid_input',
        `opts ${JSON.stringify(opts)}`);
    }
    assert.throws(() => lib.validateField(5, 'x'), { code: 'invalid_input' });
    assert.throws(() => lib.validateField(undefined, 'x'), { code: 'invalid_input' });
    assert.throws(() => lib.validateField('nickname', 'x'), (e) => e.code === 'unknown_field' && e.field === 'nickname');
    assert.throws(() => lib.validateField('x'.repeat(1 << 20), 'x'), (e) => e.code === 'unknown_field' && e.message.length < 200);
    for (const input of [undefined, null, 13800000000, {}, [], 10n, Symbol('s'), new String('13800000000')]) {
      assert.throws(() => lib.normalizeMobile(input), (e) => e instanceof lib.BssError && e.code === 'invalid_mobile');
    }
    assert.equal(lib.normalizeMobile('13800000000').national, '13800000000');
  });

  test(`${build}: hostile field values give issues, not errors`, () => {
    const base = { xaccount_id: 'u1', xaccount_type: 'T' };
    const issuesOf = (extra, opts) => lib.validateRegistration({ ...base, ...extra }, opts).issues.map((i) => `${i.field}:${i.code}`);
    assert.deepEqual(issuesOf({ domain_name: 10n }), ['domain_name:invalid_type']);
    assert.deepEqual(issuesOf({ password: Symbol('s') }), ['password:invalid_type']);
    assert.deepEqual(issuesOf({ indirect_partner_id: () => 1 }), ['indirect_partner_id:invalid_type']);
    assert.deepEqual(issuesOf({ mobile_phone: NaN, verification_code: '123456' }), ['mobile_phone:invalid_type']);
    assert.deepEqual(issuesOf({ domain_name: new Date(0) }), ['domain_name:invalid_type']);
    // Lone surrogates reach the core as U+FFFD.
    const lone = lib.validateRegistration({ ...base, password: 'Pass\uD800word1', domain_name: 'ab\uDC00cde' }).issues;
    assert.deepEqual(lone.map((i) => [i.field, i.code, i.params]), [
      ['domain_name', 'invalid_character', { position: 2, character: 'U+FFFD' }],
      ['password', 'invalid_character', { position: 4 }],
    ]);
    assert.equal(lib.validateField('password', '\uDFFFabcdefgh1')[0].code, 'invalid_character');
    assert.throws(() => lib.normalizeMobile('138\uD8000000000'), { code: 'invalid_mobile' });
    // 1 MB strings in every field at once: rejected by length, in linear time.
    const huge = 'aB1'.repeat(350_000);
    const got = lib.validateRegistration({
      ...base, xaccount_id: huge, domain_name: `n${huge}`, password: huge, mobile_phone: huge, verification_code: huge,
      indirect_partner_id: huge,
    });
    assert.deepEqual(got.issues.map((i) => `${i.field}:${i.code}`), [
      'xaccount_id:too_long', 'domain_name:too_long', 'mobile_phone:invalid_mobile', 'verification_code:too_long',
      'verification_code:invalid_character', 'password:too_long', 'indirect_partner_id:too_long',
    ]);
    assert.equal(got.issues[0].params.actual, huge.length);
    assert.throws(() => lib.normalizeMobile('1'.repeat(10 << 20)), { code: 'invalid_mobile' });
    // Still alive.
    assert.equal(lib.validateRegistration(base).valid, true);
  });

  test(`${build}: account names agree with the spec's pattern on random input`, () => {
    // CheckUserIdentity ^([a-zA-Z-]([a-zA-Z0-9_-]){4,31})$ ∩ CreateSubCustomer, no op_/shadow_ in any case.
    const pattern = /^[a-zA-Z-][a-zA-Z0-9_-]{4,31}$/;
    // "" is blank: the name is left out and BSS generates one.
    const oracle = (s) => s === '' || (pattern.test(s) && !/^(op_|shadow_)/i.test(s));
    const alphabet = ['a', 'Z', '0', '9', '_', '-', 'o', 'p', 'O', 'P', 's', 'h', 'd', 'w', '.', ' ', 'é', '😀', '\u200b'];
    let seed = 42;
    const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    let valid = 0;
    for (let i = 0; i < 3000; i++) {
      const prefix = ['', 'op_', 'shadow_', 'Shadow_', 'OP_', 'op', '_', '1'][rand(8)];
      let s = prefix;
      const n = rand(36);
      for (let j = 0; j < n; j++) s += alphabet[rand(alphabet.length)];
      const issues = lib.validateField('domain_name', s);
      assert.equal(issues.length === 0, oracle(s), `${JSON.stringify(s)}: ${JSON.stringify(issues)}`);
      if (issues.length === 0) valid++;
    }
    assert.ok(valid > 100, `only ${valid} valid names generated`);
  });

  test(`${build}: mobiles agree with ^1[3-9]\\d{9}$ on random digit strings`, () => {
    let seed = 7;
    const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    for (let i = 0; i < 3000; i++) {
      let digits = '';
      const n = 9 + rand(5);
      for (let j = 0; j < n; j++) digits += String(j === 0 && rand(4) ? 1 : rand(10));
      const prefix = ['', '+86 ', '0086-', '+1 ', '0044 '][rand(5)];
      const national = /^(\+86 |0086-)$/.test(prefix) || prefix === '' ? digits : null;
      const ok = national !== null && /^1[3-9]\d{9}$/.test(national);
      const input = prefix + digits;
      if (ok) {
        assert.deepEqual(lib.normalizeMobile(input), { national, check_identity: `0086-${national}` }, input);
      } else if (!(prefix === '' && digits.length === 13 && digits.startsWith('86') && /^1[3-9]\d{9}$/.test(digits.slice(2)))) {
        assert.throws(() => lib.normalizeMobile(input), { code: 'invalid_mobile' }, input);
      }
    }
  });
}

for (const [build, lib] of Object.entries(builds)) {
  test(`${build}: validateRegistrations agrees with validateRegistration form by form`, () => {
    for (const site of ['cn', 'intl']) {
      const forms = cases.filter((c) => c.call === 'validateRegistration' && (c.site ?? 'cn') === site).map((c) => c.form);
      assert.ok(forms.length > 20, `${site}: ${forms.length} forms`);
      const batch = lib.validateRegistrations(forms, { site });
      const single = forms.map((f) => lib.validateRegistration(f, { site }));
      assert.equal(batch.valid, single.filter((r) => r.valid).length);
      assert.deepEqual(
        batch.invalid,
        single.flatMap((r, index) => (r.valid ? [] : [{ index, issues: r.issues }])),
      );
    }
    assert.throws(() => lib.validateRegistrations([{}, 5]), (e) => e instanceof lib.BssError && e.code === 'invalid_input' && e.field === 'forms[1]');
    assert.throws(() => lib.validateRegistrations('x'), { code: 'invalid_input' });
    assert.throws(() => lib.validateRegistrations(new Array(10_001).fill({})), { code: 'too_large' });
    assert.deepEqual(lib.validateRegistrations([]), { valid: 0, invalid: [] });
  });
}
