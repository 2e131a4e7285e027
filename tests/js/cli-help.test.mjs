// Every subcommand's --help ends with one worked example: run it as printed, in bash, and
// compare its output with the help's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { BIN, cli, tempDir } from './cli-process.mjs';
import { startSandbox } from '../../www/sandbox/server.mjs';
import { ECS, EVS } from './orders-flow.mjs';

let tmp;
before(() => { tmp = tempDir(); });
after(() => tmp.remove());

/** The example of a help text: the script (commands after "$ ", here-documents to EOF) and the output. */
function example(help) {
  const at = help.indexOf('\nExample:\n');
  assert.ok(at >= 0, 'the help has an Example section');
  const lines = help.slice(at + '\nExample:\n'.length).replace(/\n+$/, '').split('\n').map((l) => {
    assert.ok(l === '' || l.startsWith('  '), `example lines are indented: ${JSON.stringify(l)}`);
    return l.slice(2);
  });
  const script = [];
  const output = [];
  let heredoc = null;
  for (const line of lines) {
    if (heredoc !== null) {
      script.push(line);
      if (line === heredoc) heredoc = null;
    } else if (line.startsWith('$ ')) {
      script.push(line.slice(2));
      heredoc = /<<'(\w+)'/.exec(line)?.[1] ?? null;
    } else {
      output.push(line);
    }
  }
  return { script: script.join('\n'), output: output.join('\n') };
}

/** Runs `script` in bash with `bss-storefront` as this package's command. */
function bash(script, env) {
  const prelude = `bss-storefront() { "${process.execPath}" "${BIN}" "$@"; }\n`;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', prelude + script], { cwd: tmp.dir, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The printed output as a pattern: "…" stands for anything on its line. */
const pattern = (text) => new RegExp(`^${text.split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^\\n]*?')}\n$`);

for (const command of ['validate', 'quote', 'coupons', 'call', 'order']) {
  test(`${command} --help: the worked example prints what the help shows`, async () => {
    const help = await cli([command, '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, new RegExp(`^Usage: bss-storefront ${command} `));
    assert.match(help.stdout, /\nExit codes: /);
    const { script, output } = example(help.stdout);
    assert.match(script, new RegExp(`(^|\\n|\\| )bss-storefront ${command} `));
    assert.ok(output.length > 0, 'the example shows its output');
    let sandbox;
    let env = {};
    if (command === 'call' || command === 'order') {
      sandbox = await startSandbox({ port: 0 });
      // call: the partner's keys; order: the customer's, with the pending order the example names.
      const key = sandbox.accounts.access_keys.find((k) => k.role === (command === 'call' ? 'partner' : 'customer'));
      env = { BSS_ENDPOINT: sandbox.url, BSS_AK: key.ak, BSS_SK: key.sk, BSS_DOMAIN_ID: key.domain_id, BSS_TOKEN: '' };
      if (command === 'order') {
        const placed = sandbox.placeOrder({
          customer_id: key.domain_id, order_id: /bss-storefront order (\S+)/.exec(script)[1],
          items: [{ ...ECS, period_type: 2, period_num: 1, subscription_num: 1 }, { ...EVS, period_type: 2, period_num: 1, subscription_num: 1, resource_size: 40 }],
        });
        assert.ok(placed.order_id, JSON.stringify(placed));
      }
    }
    try {
      const r = await bash(script, env);
      assert.equal(r.stderr, '', r.stderr);
      assert.match(r.stdout, pattern(output), `${command}: got\n${r.stdout}`);
    } finally {
      await sandbox?.close();
    }
  });
}
