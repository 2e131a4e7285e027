// signRequest through wasm, in every build: the SDK's public vector, the differential file
// signed by Huawei's official Python signer (written by `make sign-diff`), and errors that
// never carry the SK.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loadBuilds } from './builds.mjs';

const builds = await loadBuilds();
const DIFF_FILE = new URL('../../target/sign-differential.json', import.meta.url);
const SECRET_SK = 'SK-NEVER-SHOW-7d1f0c';

/** The official signer's cases that a URL can express the way fetch sends it. */
function urlCases() {
  if (!fs.existsSync(DIFF_FILE)) {
    throw new Error(`${DIFF_FILE.pathname} is missing: run \`make sign-diff\` (part of \`make test\`)`);
  }
  const { cases } = JSON.parse(fs.readFileSync(DIFF_FILE, 'utf8'));
  return cases.filter((c) => {
    if (!c.path.startsWith('/') || /[?#]/.test(c.path)) return false;
    const decoded = c.path.replace(/%2[eE]/g, '.').replace(/%2[fF]/g, '/');
    if (decoded.split('/').some((s) => s === '.' || s === '..')) return false;
    return c.host === c.host.toLowerCase() && !c.host.endsWith(':443');
  });
}

for (const [name, m] of Object.entries(builds)) {
  test(`${name}: the SDK's public vector V0`, () => {
    const out = m.signRequest({
      method: 'GET',
      url: 'https://service.endpoint.myhuaweicloud.com/resources?size=1',
      headers: { 'X-Sdk-Date': '20200608T023900Z' },
      ak: 'my ak',
      sk: 'my sk',
    });
    assert.equal(out.url, 'https://service.endpoint.myhuaweicloud.com/resources?size=1');
    assert.deepEqual(out.headers, {
      'X-Sdk-Date': '20200608T023900Z',
      Authorization: 'SDK-HMAC-SHA256 Access=my ak, SignedHeaders=host;x-sdk-date, '
        + 'Signature=6d5bc610d3d4475346aae5cd7ed8d99585e60c0430a1d3d6e2f54e2bdd633701',
    });
    // The same request with the date given as an option, a Date, and a Headers instance.
    const viaOption = m.signRequest({
      method: 'get', url: 'https://service.endpoint.myhuaweicloud.com/resources?size=1',
      ak: 'my ak', sk: 'my sk', date: new Date(Date.UTC(2020, 5, 8, 2, 39, 0)),
    });
    assert.equal(viaOption.headers.Authorization, out.headers.Authorization);
    const viaHeaders = m.signRequest({
      method: 'GET', url: 'https://service.endpoint.myhuaweicloud.com/resources?size=1',
      headers: new Headers({ 'x-sdk-date': '20200608T023900Z' }), ak: 'my ak', sk: 'my sk',
    });
    assert.equal(viaHeaders.headers.Authorization, out.headers.Authorization);
  });

  test(`${name}: signRequest matches the official Python signer`, () => {
    const cases = urlCases();
    assert.ok(cases.length >= 300, `only ${cases.length} URL-expressible cases`);
    const mismatches = [];
    for (const c of cases) {
      const [, query = ''] = c.expected.uri.split(/\?(.*)/s);
      const url = `https://${c.host}${c.path}${query ? `?${query}` : ''}`;
      const out = m.signRequest({
        method: c.method, url, headers: c.headers, body: Buffer.from(c.body_base64, 'base64'),
        ak: c.ak, sk: c.sk, date: c.fallback_date,
      });
      const hadHost = c.headers.some(([k]) => k.toLowerCase() === 'host');
      const expected = Object.fromEntries(c.expected.headers.filter(([k]) => hadHost || k !== 'Host'));
      const gotQuery = new URL(out.url).search.slice(1);
      if (out.headers.Authorization !== c.expected.authorization) mismatches.push(`${c.id}: Authorization`);
      else if (JSON.stringify(Object.entries(out.headers).sort()) !== JSON.stringify(Object.entries(expected).sort())) {
        mismatches.push(`${c.id}: headers`);
      } else if (out.url.split('?')[1] !== (query || undefined) || gotQuery !== query) mismatches.push(`${c.id}: query`);
    }
    console.log(`${name}: signRequest vs official signer: ${cases.length} requests compared, ${mismatches.length} mismatches`);
    assert.deepEqual(mismatches, []);
  });

  test(`${name}: signing errors are BssErrors without the SK`, () => {
    const base = { method: 'POST', url: 'https://bss.example.com/v2/x', ak: 'AK1', sk: SECRET_SK };
    const cases = [
      [{ ...base, url: '/relative' }, 'invalid_url'],
      [{ ...base, url: 'https://h/a/../b' }, 'invalid_url'],
      [{ ...base, method: 'P OST' }, 'invalid_method'],
      [{ ...base, headers: { 'bad name': 'x' } }, 'invalid_header'],
      [{ ...base, headers: { A: 1 } }, 'invalid_header'],
      [{ ...base, headers: [['A', '1'], ['a', '2']] }, 'invalid_header'],
      [{ ...base, headers: 'x' }, 'invalid_header'],
      [{ ...base, body: 42 }, 'invalid_body'],
      [{ ...base, date: '2020-06-08' }, 'invalid_date'],
      [{ ...base, date: new Date(NaN) }, 'invalid_date'],
      [{ ...base, headers: { 'X-Sdk-Date': 'yesterday' } }, 'invalid_date'],
      [{ ...base, sk: '' }, 'missing_credentials'],
      [{ ...base, ak: undefined }, 'missing_credentials'],
      [{ ...base, sk: 5 }, 'missing_credentials'],
      [null, 'invalid_input'],
    ];
    for (const [input, code] of cases) {
      let error;
      try { m.signRequest(input); } catch (e) { error = e; }
      assert.ok(error instanceof m.BssError, `${code}: ${error}`);
      assert.equal(error.code, code, error.message);
      const shown = `${error.message} ${JSON.stringify(error)} ${error.stack}`;
      assert.ok(!shown.includes(SECRET_SK), `the SK leaked into ${code}`);
    }
  });
}
