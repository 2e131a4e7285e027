export * from '../node/bss_storefront.js';
