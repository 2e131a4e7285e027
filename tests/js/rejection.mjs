// What a promise rejects with (a test that expects the rejection fails if it resolves).
import assert from 'node:assert/strict';

export async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail('expected a rejection');
}
