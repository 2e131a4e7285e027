// Compiled by `tsc --noEmit --strict` in the JS tests: the published types describe the API.
import init, { normalizeAmount, version, BssError } from 'bss-storefront';

await init();
const canonical: string = normalizeAmount('0010.500');
const fromNumber: string = normalizeAmount(0.5);
const v: string = version();
try {
  normalizeAmount('abc');
} catch (e) {
  if (e instanceof BssError) {
    const code: string = e.code;
    const field: string | undefined = e.field;
    console.log(code, field, canonical, fromNumber, v);
  }
}
// @ts-expect-error amounts are strings or numbers, not objects
normalizeAmount({ value: '1' });
