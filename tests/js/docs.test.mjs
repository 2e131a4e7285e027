// Every `js` / `mjs` / `cjs` code block of README.md, pkg/README.md and docs/*.md runs here,
// one test per block named `<file>:<line>` (the line of its opening fence), as its own Node
// process against the built package (`make build`): `bss-storefront` resolves to pkg/ through a
// node_modules symlink in a temporary directory. Blocks in other languages (`sh` commands,
// `ts` type listings, tables of output) are not run, nor are the blocks between the
// `<!-- mount-examples: begin -->` and `<!-- mount-examples: end -->` markers of docs/client.md:
// those start servers that listen until stopped, so tests/js/readme_mount.test.mjs runs them as
// the processes they are (and stops them).
//
// The examples' comments are checked:
//   EXPR; // → VALUE                          deep strict equality of EXPR with the JS literal VALUE
//   EXPR; // throws BssError { code: 'x' }    EXPR throws (or, with `await`, rejects with) a
//                                             BssError whose properties include those given
// The comment may also stand alone on the line after `EXPR;` (which may carry a remark). VALUE
// may continue on the following lines when they are comments indented past `//` by at
// least two spaces. A result is compared as JSON data (what `JSON.stringify` keeps).
//
// Blocks that talk to BSS read `process.env.BSS_ENDPOINT`, `BSS_AK`, `BSS_SK`, `BSS_DOMAIN_ID`
// (and `BSS_ORDER_ID`, a pending order of that customer; `BSS_IAM_ENDPOINT`, `BSS_IAM_USER`,
// `BSS_IAM_PASSWORD`, `BSS_IAM_DOMAIN` for an IAM token): this test starts the BSS sandbox on
// 127.0.0.1, gives every block the sandbox customer's keys, IAM user and pending order
// (www/sandbox/fixtures), resets the sandbox before each block and stops it at the end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../../www/sandbox/server.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
const PENDING_ORDER = 'CS2503011200AAAAA'; // www/sandbox/fixtures/orders.json

const FILES = ['README.md', 'pkg/README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const RUN = new Set(['js', 'mjs', 'cjs']);

/**
 * The fenced blocks of a Markdown file: `{ lang, line, code, mount }`, `line` 1-based of the
 * fence, `mount` true between the mount-examples markers.
 */
export function codeBlocks(text) {
  const blocks = [];
  let open = null;
  let mount = false;
  text.split('\n').forEach((l, i) => {
    const fence = /^(\s*)(```+)\s*([\w-]*)/.exec(l);
    if (!open && /^<!-- mount-examples: begin\b/.test(l)) mount = true;
    else if (!open && /^<!-- mount-examples: end -->/.test(l)) mount = false;
    else if (!open && fence) open = { lang: fence[3], line: i + 1, fence: fence[2], lines: [] };
    else if (open && fence && fence[2] === open.fence && !fence[3]) {
      blocks.push({ lang: open.lang, line: open.line, code: open.lines.join('\n'), mount });
      open = null;
    } else if (open) open.lines.push(l);
  });
  assert.equal(open, null, 'an unclosed code block');
  assert.equal(mount, false, 'a mount-examples section without its end marker');
  return blocks;
}

/** The block with its `// →` and `// throws` comments turned into assertions. */
export function checkable(code) {
  const lines = code.split('\n');
  const out = [];
  let checks = 0;
  for (let i = 0; i < lines.length; i++) {
    let m = /^(\s*)(.*?);\s*\/\/ (→|throws BssError) ?(.*)$/.exec(lines[i]);
    let extra = 0;
    // `EXPR;` (perhaps with a remark) and `// → VALUE` on the next line.
    const below = /^\s*\/\/ (→|throws BssError) ?(.*)$/.exec(lines[i + 1] ?? '');
    const statement = /^(\s*)([^/\s].*?);\s*(?:\/\/.*)?$/.exec(lines[i]);
    if (!m && below && statement) {
      m = [null, statement[1], statement[2], below[1], below[2]];
      i++;
      extra++;
    }
    if (!m) {
      out.push(lines[i]);
      continue;
    }
    const [, indent, expr, kind, first] = m;
    let value = first;
    while (i + 1 < lines.length && /^\s*\/\/ {2,}/.test(lines[i + 1])) {
      value += '\n' + lines[++i].replace(/^\s*\/\//, '');
      extra++;
    }
    const isAwait = /^await\s/.test(expr);
    if (kind === '→') {
      out.push(`${indent}__assert.deepStrictEqual(__plain(${expr}), (${value}));`);
    } else {
      const props = value.trim() || '{}';
      out.push(isAwait
        ? `${indent}await __assert.rejects(async () => { ${expr}; }, (e) => __isBssError(e, ${props}));`
        : `${indent}__assert.throws(() => { ${expr}; }, (e) => __isBssError(e, ${props}));`);
    }
    // Keep the line numbers of the block for error messages.
    for (let k = 0; k < extra; k++) out.push('');
    checks++;
  }
  return { code: out.join('\n'), checks };
}

const PRELUDE = {
  esm: "import __assert from 'node:assert/strict'; import { BssError as __BssError } from 'bss-storefront';",
  cjs: "const __assert = require('node:assert/strict'); const { BssError: __BssError } = require('bss-storefront');",
};
const HELPERS = `const __plain = (v) => (v === undefined ? v : JSON.parse(JSON.stringify(v)));
const __isBssError = (e, props) => { __assert.ok(e instanceof __BssError, 'not a BssError: ' + e); for (const [k, v] of Object.entries(props)) __assert.deepStrictEqual(e[k], v, k); return true; };`;

let sandbox;
let dir;
let env;

before(async () => {
  assert.ok(fs.existsSync(path.join(ROOT, 'pkg/dist/index.node.mjs')), 'run `make build` first');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bss-docs-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(path.join(ROOT, 'pkg'), path.join(dir, 'node_modules', 'bss-storefront'), 'dir');
  sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
  const customer = sandbox.accounts.access_keys.find((k) => k.role === 'customer');
  const iam = sandbox.accounts.iam_users.find((u) => u.role === 'customer');
  env = {
    ...process.env,
    BSS_ENDPOINT: sandbox.url, BSS_AK: customer.ak, BSS_SK: customer.sk, BSS_DOMAIN_ID: customer.domain_id, BSS_ORDER_ID: PENDING_ORDER,
    BSS_IAM_ENDPOINT: sandbox.url, BSS_IAM_USER: iam.user_name, BSS_IAM_PASSWORD: iam.password, BSS_IAM_DOMAIN: iam.domain_name,
  };
});
after(async () => {
  await sandbox?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

let total = 0;
for (const file of FILES) {
  for (const block of codeBlocks(fs.readFileSync(path.join(ROOT, file), 'utf8'))) {
    if (!RUN.has(block.lang) || block.mount) continue;
    total++;
    test(`${file}:${block.line}`, async () => {
      sandbox.reset();
      const cjs = block.lang === 'cjs';
      const { code } = checkable(block.code);
      // The prelude and helpers share the first line, so the block's lines keep their offsets.
      const text = `${PRELUDE[cjs ? 'cjs' : 'esm']} ${HELPERS.replace('\n', ' ')}\n${code}\n`;
      const name = `${file.replace(/[/.]/g, '_')}_${block.line}.${cjs ? 'cjs' : 'mjs'}`;
      fs.writeFileSync(path.join(dir, name), text);
      try {
        await run(process.execPath, [name], { cwd: dir, env, timeout: 60_000 });
      } catch (e) {
        assert.fail(`${file}:${block.line} failed:\n${e.stderr || e.message}`);
      }
    });
  }
}

test('the docs have runnable blocks, and the harness checks what they claim', () => {
  assert.ok(total >= 10, `only ${total} blocks`);
  const { code, checks } = checkable("f(1); // → { a: '1' }\ng(); // throws BssError { code: 'x' }\nawait h(); // throws BssError { code: 'y' }\nk(); // → [1,\n//   2]\nm(); // a remark\n// → 3");
  assert.equal(checks, 5);
  assert.match(code, /__plain\(m\(\)\), \(3\)\);/);
  assert.match(code, /__assert\.deepStrictEqual\(__plain\(f\(1\)\), \(\{ a: '1' \}\)\);/);
  assert.match(code, /__assert\.throws\(\(\) => \{ g\(\); \}, \(e\) => __isBssError\(e, \{ code: 'x' \}\)\);/);
  assert.match(code, /await __assert\.rejects\(async \(\) => \{ await h\(\); \}/);
  assert.match(code, /__plain\(k\(\)\), \(\[1,\n {3}2\]\)\);\n\n__assert/);
});
