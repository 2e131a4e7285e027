import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loadCases } from './vectors.mjs';
import { loadBuilds } from './builds.mjs';

const builds = await loadBuilds();
const cases = loadCases('amounts');
// The crate version (what version() reports) is the npm package's.
const PACKAGE_VERSION = JSON.parse(fs.readFileSync(new URL('../../pkg/package.json', import.meta.url), 'utf8')).version;

for (const [name, lib] of Object.entries(builds)) {
  describe(`${name}: amount vectors (${cases.length} cases)`, () => {
    for (const c of cases) test(`amounts::${c.name}`, () => {
      let input = c.input;
      if (c.js_number !== undefined) {
        input = Number(c.js_number);
        // The vector must hold the shortest round-trip form, or Rust and JS would read different text.
        assert.equal(String(input), c.js_number, `${c.name}: vector is not String(n)`);
      }
      if (c.error) {
        assert.throws(() => lib.normalizeAmount(input), (e) => {
          assert.ok(e instanceof lib.BssError, `${c.name}: not a BssError`);
          assert.ok(e instanceof Error);
          assert.equal(e.code, c.error, c.name);
          return true;
        });
      } else {
        assert.equal(lib.normalizeAmount(input), c.expected, c.name);
      }
    });
  });

  test(`${name}: documented examples`, () => {
    assert.equal(lib.normalizeAmount('0010.500'), '10.5');
    assert.equal(lib.normalizeAmount(0.1 + 0.2), '0.30000000000000004');
    assert.equal(lib.normalizeAmount('1e-7'), '0.0000001');
    assert.equal(lib.version(), PACKAGE_VERSION);
  });

  test(`${name}: BssError carries code and message and serialises`, () => {
    try {
      lib.normalizeAmount('abc');
      assert.fail('no throw');
    } catch (e) {
      assert.ok(e instanceof lib.BssError);
      assert.equal(e.name, 'BssError');
      assert.equal(e.code, 'invalid_amount');
      assert.match(e.message, /invalid amount "abc"/);
      assert.ok(e.stack.includes('BssError'));
      assert.deepEqual(JSON.parse(JSON.stringify(e)), { name: 'BssError', code: 'invalid_amount', message: e.message });
    }
    const long = 'x'.repeat(200);
    assert.throws(() => lib.normalizeAmount(`1${long}`), (e) => e.message.length < 200);
  });

  test(`${name}: no input of any JS type kills the instance`, () => {
    const sym = Symbol('s');
    const cyclic = {};
    cyclic.self = cyclic;
    const bad = [
      undefined, null, true, false, {}, [], ['1'], { value: '1' }, cyclic, sym, 10n, () => 1,
      NaN, Infinity, -Infinity, new Number(5), new String('5'), new Date(0), /1/, new Uint8Array(4),
      'x'.repeat(10 * 1024 * 1024), '1'.repeat(10 * 1024 * 1024), '\uD800', '1\u0000', '😀',
      Object.create(null), new Proxy({}, {}),
    ];
    for (const value of bad) {
      assert.throws(() => lib.normalizeAmount(value), (e) => e instanceof lib.BssError && e.code === 'invalid_amount',
        `bad input ${typeof value}`);
      // The instance is still alive: the next good call works.
      assert.equal(lib.normalizeAmount('1.50'), '1.5');
    }
    assert.throws(() => lib.normalizeAmount(), { code: 'invalid_amount' });
    assert.equal(lib.normalizeAmount(-0), '0');
  });
}

test('Node require and import share one instance and one BssError class', () => {
  assert.equal(builds.cjs.normalizeAmount, builds.esm.normalizeAmount);
  assert.equal(builds.cjs.BssError, builds.esm.BssError);
});
