//! The code unions of each area's TypeScript declarations, straight from the core's registry
//! (`bss_storefront::codes`): a code added there is in the `.d.ts` of the next build.

use bss_storefront::codes;
use wasm_bindgen::prelude::*;

#[cfg(feature = "registration")]
#[wasm_bindgen(typescript_custom_section)]
const REGISTRATION_ISSUE_CODE: &'static str = codes::registration::TS_TYPE;

#[cfg(feature = "pricing")]
#[wasm_bindgen(typescript_custom_section)]
const REASON_CODE: &'static str = codes::reason::TS_TYPE;

#[cfg(feature = "pricing")]
#[wasm_bindgen(typescript_custom_section)]
const REJECTION_CODE: &'static str = codes::rejection::TS_TYPE;
