// Signing throughput of signRequest (Rust → wasm) in Node: requests signed per second for
// a typical BSS call (POST with a JSON body, Content-Type, X-Domain-Id, X-Sdk-Date).
// Compare with `tests/sign/official_signer.py throughput` (Huawei's Python signer) on the same request:
//   make bench-sign
import { signRequest } from 'bss-storefront';

const request = {
  method: 'POST',
  url: 'https://bss.myhuaweicloud.com/v2/partners/sub-customers/query',
  headers: {
    'Content-Type': 'application/json',
    'X-Domain-Id': '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    'X-Sdk-Date': '20250101T080000Z',
  },
  body: '{"account_name":"alice","offset":0,"limit":10}',
  ak: 'HPUAXXXXXXXXXXXXXXXX',
  sk: 'bench-secret-key-0123456789abcdefghijklmn',
};

const expected = 'SDK-HMAC-SHA256 Access=HPUAXXXXXXXXXXXXXXXX, SignedHeaders=content-type;host;x-domain-id;x-sdk-date, Signature=';
if (!signRequest(request).headers.Authorization.startsWith(expected)) throw new Error('unexpected signature');

const N = 20_000;
for (let i = 0; i < N; i++) signRequest(request); // warm-up
let best = Infinity;
for (let run = 0; run < 5; run++) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) signRequest(request);
  best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
}
console.log(`signRequest (wasm, Node ${process.version}): ${Math.round(N / best).toLocaleString('en-US')} requests/s (${((best / N) * 1e6).toFixed(2)} µs each, best of 5 × ${N})`);
