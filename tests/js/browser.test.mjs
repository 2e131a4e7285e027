// Browser smoke test: the demo page loads the web build as plain ES modules in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startServer } from '../../www/server.mjs';
import { launchChromium, openPage } from './chromium.mjs';

const OUT = new URL('../../test-output/', import.meta.url);
let server;
let browser;

before(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  server = await startServer({ port: 0 });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the demo page runs normalizeAmount in Chromium', async () => {
  const { page, errors } = await openPage(browser, `${server.url}/`);
  await page.waitForSelector('body[data-ready="true"]');
  assert.match(await page.textContent('#version'), /^\d+\.\d+\.\d+/);
  assert.equal(await page.textContent('#amount-out'), '10.5');
  await page.fill('#amount', '2.5E+3');
  assert.equal(await page.textContent('#amount-out'), '2500');
  await page.fill('#amount', '1,000');
  assert.match(await page.textContent('#amount-out'), /^invalid_amount: /);
  assert.equal(await page.getAttribute('#amount', 'aria-invalid'), 'true');
  // In the page itself: the error is a BssError and the instance survives bad input.
  const result = await page.evaluate(async () => {
    const m = await import('/pkg/entry/web.js');
    let code;
    try { m.normalizeAmount({}); } catch (e) { code = e instanceof m.BssError && e instanceof Error && e.code; }
    return [code, m.normalizeAmount(0.1 + 0.2)];
  });
  assert.deepEqual(result, ['invalid_amount', '0.30000000000000004']);
  await page.screenshot({ path: new URL('browser-smoke.png', OUT).pathname });
  assert.deepEqual(errors, []);
});
