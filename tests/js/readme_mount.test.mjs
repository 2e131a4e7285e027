// docs/client.md's three ways of mounting the signing proxy (Node http, Express, a Fetch-API
// worker), run exactly as written there: the blocks between the `mount-examples` markers are
// written to files under target/ (so that `bss-storefront` and `express` resolve as they would
// in a partner's project), the servers started as their own processes and the worker module
// called the way a worker runtime calls it, each in front of the BSS sandbox on 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startSandbox } from '../../www/sandbox/server.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIR = path.join(ROOT, 'target/readme-mount');

/** docs/client.md's examples: { 'node-http.mjs': code, … }, named by each block's first comment. */
function examples() {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/client.md'), 'utf8');
  const section = /<!-- mount-examples: begin[^>]*-->([\s\S]*?)<!-- mount-examples: end -->/.exec(doc)?.[1];
  assert.ok(section, 'docs/client.md has the mount-examples section');
  const blocks = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  return Object.fromEntries(blocks.map((code) => [/^\/\/ ([\w-]+\.mjs):/.exec(code)?.[1], code]));
}

let sandbox;
let env;
let files;

before(async () => {
  sandbox = await startSandbox();
  const key = sandbox.accounts.access_keys.find((k) => k.role === 'partner');
  env = { BSS_AK: key.ak, BSS_SK: key.sk, BSS_DOMAIN_ID: key.domain_id, BSS_ENDPOINT: sandbox.url };
  fs.mkdirSync(DIR, { recursive: true });
  files = {};
  for (const [name, code] of Object.entries(examples())) {
    files[name] = path.join(DIR, name);
    fs.writeFileSync(files[name], code);
  }
  assert.deepEqual(Object.keys(files).sort(), ['express.mjs', 'node-http.mjs', 'worker.mjs']);
});

after(() => sandbox.close());

async function freePort() {
  const s = http.createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/** Runs a server example; resolves to the answer of ListServiceTypes called through it. */
async function throughServer(file, prefix) {
  const port = await freePort();
  const child = spawn(process.execPath, [file], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    // Until it listens (bounded by the number of tries, not by a time assertion).
    for (let tries = 0; ; tries++) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}${prefix}/ListServiceTypes`, { method: 'POST', body: '{"limit":1}' });
        return [r.status, await r.json()];
      } catch (e) {
        if (tries >= 200 || child.exitCode !== null) throw new Error(`${path.basename(file)} did not serve: ${stderr || e}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  } finally {
    child.kill();
    await exited;
  }
}

test('docs/client.md, Node http: http.createServer(toNodeListener(proxy))', async () => {
  const before = sandbox.requests.length;
  const [status, body] = await throughServer(files['node-http.mjs'], '');
  assert.equal(status, 200);
  assert.equal(body.total_count, 4);
  const seen = sandbox.recent(1)[0];
  assert.equal(sandbox.requests.length, before + 1);
  assert.match(seen.headers.authorization, new RegExp(`^SDK-HMAC-SHA256 Access=${env.BSS_AK}, `));
});

test('docs/client.md, Express: app.use("/api/bss", toNodeListener(proxy))', async () => {
  const [status, body] = await throughServer(files['express.mjs'], '/api/bss');
  assert.equal(status, 200);
  assert.equal(body.total_count, 4);
  assert.equal(sandbox.recent(1)[0].operation, 'ListServiceTypes');
});

test('docs/client.md, Fetch-API worker: export default { fetch } with proxy.handle', async () => {
  const worker = (await import(pathToFileURL(files['worker.mjs']).href)).default;
  const call = (op, body) => worker.fetch(new Request(`https://shop.example/api/bss/${op}`, { method: 'POST', body }), env, {});
  let r = await call('ListServiceTypes', '{"limit":1}');
  assert.equal(r.status, 200);
  assert.equal((await r.json()).total_count, 4);
  r = await call('ListQuotaCoupons', '{}');
  assert.deepEqual([r.status, (await r.json()).error_code], [403, 'operation_not_allowed']);
});
