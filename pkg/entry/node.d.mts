export * from '../node/bss_storefront.js';
/** Nothing to do in Node (the module is ready on import); kept for code shared with browsers. */
export default function init(): Promise<void>;
export { toNodeListener, type FetchHandler, type NodeListener, type NodeListenerOptions } from '../node/node_adapter.js';
