'use strict';
// The client module's way to the registration rules (Node): the registration module, required
// on the first registration operation. The client's wasm carries none of those rules.
function registrationOutcome(operation, form, site) {
  return Promise.resolve().then(() => require('./registration.cjs').__registrationOutcome(operation, form, site));
}
module.exports = { registrationOutcome };
