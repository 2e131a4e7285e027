// Checks made in JS before the wasm-bindgen glue runs. The glue copies a string argument
// into wasm memory by its `length` (a non-string there traps: "memory access out of
// bounds"), and the engine exports turn an object into JSON text before the core sees it (a
// million-line order costs seconds of JSON.stringify before the core's `too_large`). These
// guards answer both with the core's own BssError codes, in microseconds. The limits are the
// core's (src/limits.rs, MAX_LINES, MAX_COUPONS, MAX_DISCOUNTS, MAX_ELEMENTS); the core
// checks them again, so a guard can only refuse earlier, never accept more.
import { BssError } from './bss_error.js';

const MAX_INPUT_BYTES = 8 * 1024 * 1024;
const MAX_LINES = 1000;
const MAX_COUPONS = 1000;
const MAX_DISCOUNTS = 20;
const MAX_ELEMENTS = 1000;

const tooLarge = (field, n, max) =>
  new BssError('too_large', `${field}: ${n} elements, more than ${max}`, { field });

/** Throws `too_large` when `obj[key]` is an array longer than `max` (`field` names it). */
function checkList(obj, key, max, field) {
  if (obj === null || typeof obj !== 'object') return;
  let list;
  try {
    list = obj[key];
  } catch {
    return; // a throwing getter: JSON.stringify meets it again and the binding reports it
  }
  if (Array.isArray(list) && list.length > max) throw tooLarge(field, list.length, max);
}

/** Throws `too_large` for a string longer than the byte limit (UTF-16 units ≤ UTF-8 bytes). */
function checkText(value, field) {
  if (typeof value === 'string' && value.length > MAX_INPUT_BYTES) {
    throw new BssError('too_large', `${field}: more than ${MAX_INPUT_BYTES} bytes of JSON`, { field });
  }
}

/** Guards `BssClient.prototype.call` of the client area's glue `api` in place. */
export function guardClient(api) {
  const call = api.BssClient.prototype.call;
  if (!call.guarded) {
    const guarded = function (operation, input) {
      if (typeof operation !== 'string') {
        const got = operation === null ? 'null' : Array.isArray(operation) ? 'array' : typeof operation;
        return Promise.reject(new BssError('unknown_operation',
          `operation: expected an operation name (string), got ${got}`, { field: 'operation' }));
      }
      return call.call(this, operation, input);
    };
    guarded.guarded = true;
    api.BssClient.prototype.call = guarded;
  }
}

/** The guarded `evaluateCoupons`, `quote` and `selectDiscount` of the pricing area's glue `api`. */
export function guardPricing(api) {
  const { evaluateCoupons, quote, selectDiscount } = api;
  return {
    evaluateCoupons(order, coupons, opts) {
      checkText(order, 'order');
      checkList(order, 'lines', MAX_LINES, 'lines');
      checkText(coupons, 'coupons');
      if (Array.isArray(coupons) && coupons.length > MAX_COUPONS) {
        throw tooLarge('coupons', coupons.length, MAX_COUPONS);
      }
      return evaluateCoupons(order, coupons, opts);
    },
    quote(input, opts) {
      checkText(input, 'input');
      if (input !== null && typeof input === 'object') {
        let order;
        try {
          order = input.order;
        } catch {
          order = undefined;
        }
        checkList(order, 'lines', MAX_LINES, 'order.lines');
        checkList(input, 'coupons', MAX_COUPONS, 'coupons');
        checkList(input, 'discounts', MAX_DISCOUNTS, 'discounts');
      }
      return quote(input, opts);
    },
    selectDiscount(rating, opts) {
      checkText(rating, 'rating');
      checkList(rating, 'optional_discount_rating_results', MAX_ELEMENTS, 'optional_discount_rating_results');
      if (rating !== null && typeof rating === 'object') {
        let official;
        try {
          official = rating.official_website_rating_result;
        } catch {
          official = undefined;
        }
        checkList(official, 'product_rating_results', MAX_ELEMENTS,
          'official_website_rating_result.product_rating_results');
      }
      return selectDiscount(rating, opts);
    },
  };
}
