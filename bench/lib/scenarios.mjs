// Reading the scenario files, and the few derived inputs every runner builds the same way.

import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

export const BENCH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(BENCH, '..');
export const SCENARIO_DIR = path.join(BENCH, 'scenarios');

export const FILES = {
  a: 'a-coupons.json',
  b: 'b-quote-best.json',
  c: 'c-large-wallet.json',
  d: 'd-registration.json',
  e: 'e-signing.json',
};

export function scenarioText(name) {
  return fs.readFileSync(path.join(SCENARIO_DIR, FILES[name]), 'utf8');
}

export function loadScenario(name) {
  return JSON.parse(scenarioText(name));
}

/** SHA-256 of a scenario file (the results name the exact inputs). */
export function scenarioDigest(name) {
  return crypto.createHash('sha256').update(scenarioText(name)).digest('hex');
}

/** The URL of a signing request of (e); its query values are URL-safe by construction. */
export function requestUrl(r) {
  const query = r.query.map(([k, v]) => `${k}=${v}`).join('&');
  return `https://${r.host}${r.path}${query ? `?${query}` : ''}`;
}

/** The `signRequest` inputs of (e). */
export function signInputs(scenario) {
  return scenario.requests.map((r) => ({ method: r.method, url: requestUrl(r), headers: r.headers, body: r.body, ak: r.ak, sk: r.sk }));
}
