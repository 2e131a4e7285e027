// TypeScript's node10 resolution (no package.json exports): the root and each area entry.
import init, { normalizeAmount, BssError } from 'bss-storefront';
import { validateField } from 'bss-storefront/registration';
import { quote } from 'bss-storefront/pricing';
import { signRequest } from 'bss-storefront/client';

async function main(): Promise<void> {
  await init();
  let code = '';
  try {
    normalizeAmount('abc');
  } catch (e) {
    if (e instanceof BssError) code = e.code;
  }
  const payable: string = quote({ order: { order_type: 'new', charging_mode: 'on_demand', lines: [] } }).payable;
  const signed = signRequest({ method: 'GET', url: 'https://bss.example/v2/x', ak: 'a', sk: 's', date: '20250101T000000Z' });
  console.log(JSON.stringify([normalizeAmount('0010.500'), code, validateField('email', 'x@').length > 0, payable, signed.url]));
}
void main();
