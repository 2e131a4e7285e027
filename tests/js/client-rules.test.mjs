// The client's registration operations without the registration module: alone in its process,
// so no other test has loaded that module first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';

// The registration operations' rules run in the registration module, which the client's driver
// loads on the first such call. Where it cannot load (here: the web glue in Node, whose `fetch`
// of a `file:` URL fails), the call rejects with `internal` and nothing is sent.
test('a registration operation rejects with internal when the registration module cannot load', async () => {
  const { readFile } = await import('node:fs/promises');
  const web = await import('../../pkg/dist/client.web.js');
  await web.default({ module_or_path: await readFile(new URL('../../pkg/dist/client_bg.wasm', import.meta.url)) });
  let sent = 0;
  const server = http.createServer((req, res) => {
    sent += 1;
    res.end('{}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const bss = new web.BssClient({ endpoint: `http://127.0.0.1:${server.address().port}/api/bss` });
    await assert.rejects(
      bss.checkUserIdentity({ search_type: 'email', search_value: 'buyer@example.com' }),
      (e) => e instanceof web.BssError && e.code === 'internal' && /registration module did not load/.test(e.message),
    );
    // Another operation of the same client is unaffected.
    await bss.listServiceTypes({ limit: 1 });
    assert.equal(sent, 1, 'only the other operation reached the server');
  } finally {
    server.close();
  }
});
