// The published TypeScript declarations as consumers compile them: `tsc --strict` under every
// module resolution a project may use (nodenext, node16, bundler with TypeScript's default
// `lib`, node10 with TypeScript 5 — TypeScript 7 dropped node10), then the node10 build run, so
// that `import init, {…}` compiled to CommonJS works at run time, not only in the checker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const TSC = path.join(root, 'node_modules/typescript/bin/tsc');
const TSC5 = path.join(root, 'node_modules/typescript5/bin/tsc');

function tsc(compiler, config) {
  try {
    execFileSync(process.execPath, [compiler, '-p', `tests/types/${config}`], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`tsc -p ${config} reported:\n${e.stdout}${e.stderr}`);
  }
}

for (const [config, what] of [
  ['tsconfig.json', 'nodenext, ESM and CommonJS'],
  ['tsconfig.node16.json', 'node16, default lib'],
  ['tsconfig.bundler.json', 'bundler, default lib, every area entry'],
]) {
  test(`the package types compile under tsc --strict (${what})`, () => tsc(TSC, config));
}

test('node10 (TypeScript 5): the types compile and the CommonJS output runs', () => {
  tsc(TSC5, 'tsconfig.node10.json');
  const out = path.join(root, 'target/types-node10');
  fs.writeFileSync(path.join(out, 'package.json'), '{"type":"commonjs"}\n');
  const printed = execFileSync(process.execPath, [path.join(out, 'usage.node10.js')], { cwd: root, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(printed), ['10.5', 'invalid_amount', true, '0.00', 'https://bss.example/v2/x']);
});

test('attw --pack and publint --strict find no problem with the package', () => {
  const bin = (name) => path.join(root, 'node_modules/.bin', name);
  // The wasm files are assets (for `initSync`/bundlers), not modules with types.
  const assets = ['./registration_bg.wasm', './pricing_bg.wasm', './client_bg.wasm'];
  for (const [cmd, args] of [
    [bin('attw'), ['--pack', 'pkg', '--exclude-entrypoints', ...assets]],
    [bin('publint'), ['--strict', 'pkg']],
  ]) {
    try {
      execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      assert.fail(`${path.basename(cmd)} reported:\n${e.stdout}${e.stderr}`);
    }
  }
});
