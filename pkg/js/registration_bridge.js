// The client module's way to the registration rules: the registration module, loaded on the
// first registration operation (CheckUserIdentity, SendVerificationMessageCode,
// CreateSubCustomer) from next to this file. The client's wasm carries none of those rules.
let registration;

export function registrationOutcome(operation, form, site) {
  registration ??= import('./registration.js').then(async (m) => {
    await m.default();
    return m;
  });
  return registration.then((m) => m.__registrationOutcome(operation, form, site));
}
