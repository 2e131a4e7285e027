// Browsers, workers and bundlers: call `await init()` once before using the functions. It
// fetches `bss_storefront_bg.wasm` next to this build (new URL(..., import.meta.url)), which
// works as plain ES modules and in bundlers without configuration.
import * as api from '../web/bss_storefront.js';
import { guard } from '../web/guard.js';

export * from '../web/bss_storefront.js';
export { default } from '../web/bss_storefront.js';
export { BssError } from '../web/bss_error.js';
// Argument checks before the glue runs (pkg/js/guard.js); these names shadow the glue's.
export const { evaluateCoupons, quote, selectDiscount } = guard(api);
