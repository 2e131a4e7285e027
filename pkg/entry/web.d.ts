export * from '../web/bss_storefront.js';
export { default } from '../web/bss_storefront.js';
