// The npm package as a partner gets it: size budget, and installation into a separate
// project that uses it through `require` and `import`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BUDGETS, moduleSizes } from '../../bench/lib/sizes.mjs';

const PKG = fileURLToPath(new URL('../../pkg/', import.meta.url));

// DESIGN.md budgets, one wasm module per area (gzip -9 is deterministic for a given build).
// The JS glue budget holds. The wasm budgets are not met yet (see docs/performance.md): the test
// prints the verdict and fails on any growth past each module's CEILING (bench/lib/sizes.mjs).
test('each area module: JS glue within budget, wasm verdict and no growth past the ceiling', () => {
  const sizes = moduleSizes();
  for (const [area, s] of Object.entries(sizes)) {
    const b = BUDGETS[area];
    const verdict = s.wasm_gzip <= b.wasm ? 'met' : `MISSED by ${s.wasm_gzip - b.wasm} B`;
    const held = b.ceiling === undefined ? 'enforced' : `ceiling ${b.ceiling}`;
    console.log(
      `size: ${area} wasm ${s.wasm_raw} B raw, ${s.wasm_gzip} B gzipped (budget ${b.wasm}: ${verdict}; ${held}); JS glue ${s.glue_gzip} B gzipped (budget ${b.glue})`,
    );
  }
  for (const [area, s] of Object.entries(sizes)) {
    const b = BUDGETS[area];
    const limit = Math.max(b.wasm, b.ceiling ?? 0);
    assert.ok(s.wasm_gzip <= limit, `${area}: wasm is ${s.wasm_gzip} B gzipped, past ${limit} B`);
    assert.ok(s.glue_gzip <= b.glue, `${area}: JS glue is ${s.glue_gzip} B gzipped, over ${b.glue} B`);
  }
});

// The client runs the registration operations' rules in the registration module (loaded on the
// first such call, docs/client.md): its own wasm carries none of them. Texts only those rules have.
test('the client module carries no registration rules; the registration module does', () => {
  const wasm = (area) => fs.readFileSync(path.join(PKG, 'dist', `${area}_bg.wasm`)).toString('latin1');
  for (const text of ['shadow_', "use letters, digits, '_' and '-'", 'control characters are not allowed']) {
    assert.ok(wasm('registration').includes(text), `registration: ${text}`);
    assert.ok(!wasm('client').includes(text), `client: ${text}`);
  }
});

test('a separate project installs the package and uses it via require and import', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bss-consumer-'));
  try {
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', PKG], { cwd: dir, stdio: 'pipe' });
    fs.writeFileSync(path.join(dir, 'use.cjs'), `
      const { normalizeAmount, BssError } = require('bss-storefront');
      let code; try { normalizeAmount('abc'); } catch (e) { code = e instanceof BssError && e.code; }
      console.log(JSON.stringify([normalizeAmount('0010.500'), code]));`);
    fs.writeFileSync(path.join(dir, 'use.mjs'), `
      import init, { normalizeAmount, BssError } from 'bss-storefront';
      await init();
      let code; try { normalizeAmount('abc'); } catch (e) { code = e instanceof BssError && e.code; }
      console.log(JSON.stringify([normalizeAmount(0.1 + 0.2), code]));`);
    const run = (file) => JSON.parse(execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' }));
    assert.deepEqual(run('use.cjs'), ['10.5', 'invalid_amount']);
    assert.deepEqual(run('use.mjs'), ['0.30000000000000004', 'invalid_amount']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('package.json exports point at files the build produced', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'bss-storefront');
  const targets = [];
  const walk = (v) => (typeof v === 'string' ? targets.push(v) : Object.values(v).forEach(walk));
  walk(pkg.exports);
  for (const t of [...targets, pkg.main, pkg.types]) {
    assert.ok(fs.existsSync(path.join(PKG, t)), `${t} is missing`);
  }
});
