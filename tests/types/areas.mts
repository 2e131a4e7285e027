// Each area entry on its own, as a page that needs one area imports it.
import initRegistration, { validateField, BssError } from 'bss-storefront/registration';
import initPricing, { quote, normalizeAmount } from 'bss-storefront/pricing';
import initClient, { signRequest } from 'bss-storefront/client';

await Promise.all([initRegistration(), initPricing(), initClient()]);
const issues = validateField('email', 'x@');
const payable: string = quote({ order: { order_type: 'new', charging_mode: 'on_demand', lines: [] } }).payable;
const signed = signRequest({ method: 'GET', url: 'https://bss.example/v2/x', ak: 'a', sk: 's' });
const e = new BssError('invalid_amount', 'bad');
console.log(issues.length, payable, normalizeAmount('1'), signed.url, e.code);
