// The published TypeScript declarations: a strict compile of consumer code (ESM and CommonJS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('the package types compile under tsc --strict (nodenext, ESM and CommonJS)', () => {
  const tsc = fileURLToPath(new URL('node_modules/.bin/tsc', `file://${root}`));
  try {
    execFileSync(tsc, ['-p', 'tests/types/tsconfig.json'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`tsc reported:\n${e.stdout}${e.stderr}`);
  }
});
