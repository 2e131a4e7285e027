// The Node peers of each scenario: how to set each one up and call it, and how to call ours.
// bench/peer.mjs runs one (scenario, peer) pair in its own process.

import { createRequire } from 'node:module';
import { loadScenario } from '../lib/scenarios.mjs';
import { couponAnswer, quoteAnswer } from '../lib/answers.mjs';
import * as handWritten from './coupons-js.mjs';
import * as decimalQuote from './quote-decimal.mjs';
import * as jre from './json-rules-engine.mjs';
import * as zen from './zen.mjs';

const require = createRequire(import.meta.url);
const version = (name) => require(`${name}/package.json`).version;

/** Our call and the answer digest of each peer scenario. */
export function ours(pkg, name) {
  const s = loadScenario(name);
  if (name === 'a') return { answer: couponAnswer, call: () => pkg.evaluateCoupons(s.order, s.coupons, s.opts) };
  return { answer: quoteAnswer, call: () => pkg.quote(s.input) };
}

const couponPeer = (id, name, pkgName, inexpressible, make) => ({
  id, name, version: () => version(pkgName), inexpressible,
  async setup() {
    const s = loadScenario('a');
    return make(s);
  },
});

/** Peers per scenario. `setup()` gives `{ call, async, dispose? }`. */
export const PEERS = {
  a: [
    couponPeer('decimal', 'decimal.js (hand-written rules)', 'decimal.js', [], (s) => ({
      call: () => handWritten.evaluateCoupons(s.order, s.coupons, s.opts),
    })),
    couponPeer('json-rules-engine', jre.NAME, 'json-rules-engine', jre.INEXPRESSIBLE, (s) => {
      const engines = jre.create();
      return { async: true, call: () => jre.evaluateCoupons(engines, s.order, s.coupons, s.opts) };
    }),
    couponPeer('zen', zen.NAME, '@gorules/zen-engine', zen.INEXPRESSIBLE, (s) => {
      const z = zen.create();
      return { async: true, call: () => zen.evaluateCoupons(z, s.order, s.coupons, s.opts), dispose: () => zen.dispose(z) };
    }),
  ],
  ...Object.fromEntries(['b', 'c'].map((name) => [name, [{
    id: 'decimal',
    name: 'decimal.js (hand-written quote)',
    version: () => version('decimal.js'),
    inexpressible: [],
    async setup() {
      const { input } = loadScenario(name);
      return { call: () => decimalQuote.quote(input) };
    },
  }]])),
};
