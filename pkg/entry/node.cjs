'use strict';
// Node, CommonJS: the wasm module is compiled synchronously when this file is required.
module.exports = require('../node/bss_storefront.js');
module.exports.BssError = require('../node/bss_error.js').BssError;
module.exports.toNodeListener = require('../node/node_adapter.js').toNodeListener;
