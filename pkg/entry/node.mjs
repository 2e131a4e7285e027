// Node, ES modules: the same instance as `require('bss-storefront')`, so errors thrown by
// either are the same BssError class.
export * from './node.cjs';

/** Nothing to do in Node (the module is ready on import); kept for code shared with browsers. */
export default async function init() {}
