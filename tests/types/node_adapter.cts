// toNodeListener's declarations (CommonJS).
import bss = require('bss-storefront');

const listener: bss.NodeListener = bss.toNodeListener((request: Request) => new Response(request.method));
console.log(listener.length);
