// The string boundary (issue 17 item 4): would taking inputs as `Uint8Array`s beat strings?
// Times, on the pricing module's own instance and allocator, what moving an input into wasm
// memory costs as a JS string (the glue's one `encodeInto`, as `pkg/build.mjs` patches it) and
// as a `Uint8Array` (one `set`), and what the caller pays to have that form first: for an
// object, `JSON.stringify` (either way) and then `TextEncoder.encode` (bytes only); for bytes
// read from a file or a response body, decoding them to a string (string only). Inputs: (b)'s
// quote input, (b)'s order (one cart edit through a wallet) and (c)'s 300-coupon wallet.
// Interleaved rounds (bench/lib/measure.mjs); prints one JSON object. Not a test: figures only.
//
//   make build && node bench/boundary.mjs

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureRounds } from './lib/measure.mjs';
import { ROOT, loadScenario } from './lib/scenarios.mjs';

const glue = await import(path.join(ROOT, 'pkg/dist/pricing.js'));
const wasm = glue.initSync({ module: new WebAssembly.Module(fs.readFileSync(path.join(ROOT, 'pkg/dist/pricing_bg.wasm'))) });
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const memory = () => new Uint8Array(wasm.memory.buffer);

/** The patched glue's `passStringToWasm0`: room for 3 bytes per UTF-16 unit, one `encodeInto`, shrink. */
function stringIn(text) {
  const room = text.length * 3;
  let ptr = wasm.__wbindgen_malloc(room, 1) >>> 0;
  const { written } = encoder.encodeInto(text, memory().subarray(ptr, ptr + room));
  if (written !== room) ptr = wasm.__wbindgen_realloc(ptr, room, written, 1) >>> 0;
  wasm.__wbindgen_free(ptr, written, 1);
}

/** wasm-bindgen's `passArray8ToWasm0`: one allocation, one copy. */
function bytesIn(bytes) {
  const ptr = wasm.__wbindgen_malloc(bytes.length, 1) >>> 0;
  memory().set(bytes, ptr);
  wasm.__wbindgen_free(ptr, bytes.length, 1);
}

const b = loadScenario('b');
const c = loadScenario('c');
const inputs = { 'quote input (b)': b.input, 'order (b), one cart edit': b.input.order, 'wallet of 300 coupons (c)': { coupons: c.input.coupons } };
const us = (s) => +(s.median_ns / 1000).toFixed(2);
const results = { load_average: os.loadavg().map((x) => +x.toFixed(2)), node: process.version, inputs: {} };

for (const [name, value] of Object.entries(inputs)) {
  const text = JSON.stringify(value);
  const bytes = encoder.encode(text);
  const [stringify, toWasmString, toWasmBytes, encode, decode] = await measureRounds([
    { fn: () => JSON.stringify(value) },
    { fn: () => stringIn(text) },
    { fn: () => bytesIn(bytes) },
    { fn: () => encoder.encode(text) },
    { fn: () => decoder.decode(bytes) },
  ]);
  results.inputs[name] = {
    bytes: bytes.length,
    stringify_us: us(stringify),
    string_into_wasm_us: us(toWasmString),
    bytes_into_wasm_us: us(toWasmBytes),
    encode_us: us(encode),
    decode_us: us(decode),
    // From an object: stringify + string in, against stringify + encode + bytes in.
    object_as_string_us: +(us(stringify) + us(toWasmString)).toFixed(2),
    object_as_bytes_us: +(us(stringify) + us(encode) + us(toWasmBytes)).toFixed(2),
    // From bytes in hand (a file, a response body): decode + string in, against bytes in.
    bytes_as_string_us: +(us(decode) + us(toWasmString)).toFixed(2),
    bytes_as_bytes_us: us(toWasmBytes),
  };
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
