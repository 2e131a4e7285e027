// The package's module sizes against the DESIGN budgets: one wasm module per area, gzip -9
// (deterministic for a given build), and the JS each area's web entry loads. Used by the size
// test in `make test` and by `make bench`'s report.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const DIST = fileURLToPath(new URL('../../pkg/dist/', import.meta.url));
export const KB = 1024;

/**
 * DESIGN.md budgets, gzipped bytes. `ceiling`: where a module stands today while its wasm
 * budget is missed (the measured size plus 1 %), so that growth fails `make test`; a module
 * without one is held to its budget.
 */
export const BUDGETS = {
  registration: { wasm: 30 * KB, glue: 10 * KB },
  // pricing: results written by json::write instead of serde_json, byte searches, one string sort,
  // amounts by their digits (155,059 -> 140,107 B); then wasm-opt flags, a sorted Vec for
  // first_order_in_service, talc, the Fx hash, no std join or integer parsers (140,166 ->
  // 132,227 B); then amounts on the crate's own integers (no rust_decimal), no hash map, loops
  // instead of collect chains, cold paths out of line, no js-sys in the binding (132,860 ->
  // 118,000 B); then message tables instead of match arms, out-of-line shared bodies, no
  // drops at error exits, errors' texts written by hand (117,870 -> 111,520 B): held to its
  // budget, no ceiling.
  pricing: { wasm: 110 * KB, glue: 10 * KB },
  // client: within its budget since talc, no trunc_dp, no u128 division and byte searches
  // (76,294 -> 71,412 B), then wasm-opt flags and one JSON value type (70,655 B): held to it,
  // no ceiling.
  client: { wasm: 70 * KB, glue: 10 * KB },
};

const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** Raw and gzipped sizes of each area's wasm and of the JS its web entry loads. */
export function moduleSizes() {
  return Object.fromEntries(
    Object.keys(BUDGETS).map((area) => {
      const wasm = path.join(DIST, `${area}_bg.wasm`);
      const guarded = area === 'registration' ? [] : ['guard.js'];
      // JS the client's entry runs on its glue: its operation methods and its I/O driver.
      const setup = area === 'client' ? ['client_methods.js', 'client_driver.js'] : [];
      const glue = [`${area}.js`, `${area}.web.js`, 'bss_error.js', ...guarded, ...setup].map((f) => path.join(DIST, f));
      return [
        area,
        {
          wasm_raw: fs.statSync(wasm).size,
          wasm_gzip: gz(wasm),
          glue_raw: glue.reduce((n, f) => n + fs.statSync(f).size, 0),
          glue_gzip: glue.reduce((n, f) => n + gz(f), 0),
        },
      ];
    }),
  );
}
