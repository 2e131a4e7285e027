'use strict';
// Node, CommonJS: the wasm module is compiled synchronously when this file is required.
module.exports = require('../node/bss_storefront.js');
module.exports.BssError = require('../node/bss_error.js').BssError;
// Argument checks before the glue runs (pkg/js/guard.js), in place of the glue's functions.
Object.assign(module.exports, require('../node/guard.js').guard(module.exports));
