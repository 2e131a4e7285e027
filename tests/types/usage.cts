// CommonJS consumers get the same types through `require`.
import bss = require('bss-storefront');

const canonical: string = bss.normalizeAmount('1e-7');
const err: typeof bss.BssError = bss.BssError;
console.log(canonical, err.name);
// @ts-expect-error amounts are strings or numbers, not booleans
bss.normalizeAmount(true);
