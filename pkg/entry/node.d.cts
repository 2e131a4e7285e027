export * from '../node/bss_storefront.js';
export { toNodeListener, type FetchHandler, type NodeListener, type NodeListenerOptions } from '../node/node_adapter.js';
