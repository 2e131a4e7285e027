// The client's published types: options, inputs, results (amounts are strings) and errors.
import { BssClient, BssError, createProxy, getToken, signRequest } from 'bss-storefront';
import type { CreateSubCustomerResult, RateOnPeriodResult } from 'bss-storefront';

const bss = new BssClient({ credentials: { ak: 'AK', sk: 'SK', domain_id: 'd' }, timeout_ms: 5000, site: 'cn' });
const rated: RateOnPeriodResult = await bss.listRateOnPeriodDetail({
  project_id: 'p',
  product_infos: [{ id: '1', cloud_service_type: 's', resource_type: 'r', resource_spec: 'x', region: 'cn-north-4',
    period_type: 2, period_num: 1, subscription_num: 1 }],
});
const created: CreateSubCustomerResult = await bss.createSubCustomer({ xaccount_id: 'u', xaccount_type: 't' });
const pending: boolean = created.association_pending;
const demand = await bss.listOnDemandResourceRatings({ project_id: 'p', product_infos: [] });
const amount: string | undefined = demand.amount;
const proxy = createProxy({ credentials: { token: 't' }, allow: ['ListServiceTypes'] });
const answer: Response = await proxy.handle(new Request('https://shop.example/api/bss/ListServiceTypes', { method: 'POST' }));
const token: string = (await getToken({ user_name: 'u', password: 'p', domain_name: 'd' })).token;
const { url, headers } = signRequest({ method: 'GET', url: 'https://bss.myhuaweicloud.com/v2/bases/measurements', ak: 'a', sk: 's' });
try {
  await bss.payOrders({ order_id: 'o', use_coupon: 'NO', use_discount: 'NO' });
} catch (e) {
  if (e instanceof BssError) console.log(e.code, e.status, e.issues, e.request_id);
}
console.log(rated.currency, pending, amount, answer.status, token, url, headers['Authorization']);
// @ts-expect-error use_coupon is YES or NO
await bss.payOrders({ order_id: 'o', use_coupon: 'MAYBE', use_discount: 'NO' });
// @ts-expect-error AK/SK credentials need the account ID
new BssClient({ credentials: { ak: 'a', sk: 's' } });
// Generated from the operations table: inputs typed from the SDK models, amounts as strings.
const orders = await bss.listCustomerOrders({ order_id: 'CS1', limit: 10 });
const details = await bss.showCustomerOrderDetails({ order_id: 'CS1', x_language: 'en_US' });
console.log(details.order_info?.amount_after_discount);
const total: number | undefined = orders.total_count;
const firstAmount: string | undefined = orders.order_infos?.[0]?.amount_after_discount;
console.log(total, firstAmount);
for await (const page of bss.pages('ListSubCustomers', { limit: 10 }, 5)) {
  // A page named in BSS's words is that operation's answer.
  const count: number | undefined = page.count;
  // @ts-expect-error ListSubCustomers answers have no such key
  console.log(count, page.no_such_key);
}
// @ts-expect-error limit is a number
await bss.listCustomerOrders({ limit: '10' });
// @ts-expect-error X-Language is zh_CN or en_US
await bss.showCustomerOrderDetails({ order_id: 'CS1', x_language: 'fr' });
