// The JS loader of the shared test vectors in tests/vectors/*.json (the Rust tests have their
// twin in tests/common/mod.rs).
import fs from 'node:fs';

/** The `cases` of tests/vectors/<name>.json. */
export function loadCases(name) {
  const url = new URL(`../vectors/${name}.json`, import.meta.url);
  const doc = JSON.parse(fs.readFileSync(url, 'utf8'));
  if (!Array.isArray(doc.cases) || doc.cases.length === 0) throw new Error(`${name}: no cases`);
  return doc.cases;
}
