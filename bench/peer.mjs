// One peer on one scenario, in its own Node process (so that no other peer's code shares its
// JIT profile or heap): checks that the peer's answer equals ours (the wasm package), and only
// then times ours and the peer in interleaved rounds. Prints one JSON line.
//
//   node bench/peer.mjs a zen

import { createRequire } from 'node:module';
import { measureRounds } from './lib/measure.mjs';
import { differences } from './lib/answers.mjs';
import { PEERS, ours } from './peers/index.mjs';

const [name, id] = process.argv.slice(2);
const pkg = createRequire(import.meta.url)('bss-storefront');
const peer = PEERS[name].find((p) => p.id === id);
const us = ours(pkg, name);
const impl = await peer.setup();
const theirs = impl.async ? await impl.call() : impl.call();
const diffs = differences(us.answer(us.call()), us.answer(theirs), 8);
const out = {
  name: peer.name,
  version: peer.version(),
  expressed_in_js: peer.inexpressible,
  equal: diffs.length === 0,
  differences: diffs,
};
if (out.equal) {
  const [mine, their] = await measureRounds([{ fn: us.call }, { fn: impl.call, async: impl.async }]);
  out.timing = their;
  out.ours_in_rounds = mine;
}
impl.dispose?.();
process.stdout.write(JSON.stringify(out) + '\n');
