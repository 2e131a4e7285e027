// The three ways a partner loads the package, for tests that must hold in each: Node
// CommonJS (`require`), Node ESM (`import`), and the web build initialised in Node.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export async function loadBuilds() {
  const cjs = require('bss-storefront');
  const esm = await import('bss-storefront');
  const web = await import('../../pkg/dist/index.js');
  const wasm = (area) => ({ module_or_path: fs.readFileSync(require.resolve(`bss-storefront/${area}_bg.wasm`)) });
  await web.default({ registration: wasm('registration'), pricing: wasm('pricing'), client: wasm('client') });
  return { cjs, esm, web };
}
