// toNodeListener's declarations (ESM): the proxy or a Fetch handler in, a Node listener out.
import { createProxy, toNodeListener, type NodeListener } from 'bss-storefront';

const proxy = createProxy({ credentials: { ak: 'a', sk: 's', domain_id: 'd' }, allow: ['ListServiceTypes'] });
const listener: NodeListener = toNodeListener(proxy, { bodyTimeoutMs: 5000 });
const fromFunction: NodeListener = toNodeListener(async (request: Request) => new Response(request.url));
console.log(listener.length, fromFunction.length);
// @ts-expect-error the handler must answer Requests
toNodeListener({});
// @ts-expect-error bodyTimeoutMs is a number of milliseconds
toNodeListener(proxy, { bodyTimeoutMs: '5s' });
