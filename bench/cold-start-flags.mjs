// Where a Node cold start goes, by V8's wasm tiers: bench/cold-start.mjs (web-small: one-line
// quote; web: first quote of b) in fresh processes with V8's default (lazy Liftoff, then
// TurboFan), `--no-liftoff` (TurboFan only) and `--liftoff-only`, runs alternating between
// all of them. To explain the split, not a setting to ship. Prints medians and the load.
//
//   node bench/cold-start-flags.mjs [--runs 7]

import os from 'node:os';
import { execFileSync } from 'node:child_process';

const i = process.argv.indexOf('--runs');
const RUNS = i < 0 ? 7 : Number(process.argv[i + 1]);
const FLAGS = { default: [], 'no-liftoff': ['--no-liftoff'], 'liftoff-only': ['--liftoff-only'] };
const MODES = ['web-small', 'web'];
const script = new URL('./cold-start.mjs', import.meta.url).pathname;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const load_average_start = os.loadavg().map((x) => +x.toFixed(2));
const runs = {};
for (let r = 0; r < RUNS; r++) {
  for (const [flag, args] of Object.entries(FLAGS)) {
    for (const mode of MODES) {
      const one = JSON.parse(execFileSync(process.execPath, [...args, script, mode], { encoding: 'utf8' }));
      (runs[`${flag} ${mode}`] ??= []).push(one);
    }
  }
}
const rows = Object.entries(runs).map(([name, rs]) => {
  const m = (k) => +median(rs.map((x) => x[k])).toFixed(2);
  return { name, runs: rs.length, read_ms: m('read_ms'), compile_ms: m('compile_ms'), instantiate_ms: m('instantiate_ms'), first_quote_ms: m('first_quote_ms'), total_ms: +median(rs.map((x) => x.compile_ms + x.instantiate_ms + x.first_quote_ms)).toFixed(2), with_read_ms: +median(rs.map((x) => x.read_ms + x.compile_ms + x.instantiate_ms + x.first_quote_ms)).toFixed(2) };
});
process.stdout.write(`${JSON.stringify({ load_average_start, load_average_end: os.loadavg().map((x) => +x.toFixed(2)), node: process.version, rows }, null, 2)}\n`);
