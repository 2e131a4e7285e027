// `make bench`: one run, one table. Generates the scenarios, runs the native, Node and
// Chromium runners and the peers (answers checked equal before timing), measures cold start,
// peak RSS and sizes, and writes bench/results.json and bench/RESULTS.md.
//
//   node bench/run.mjs            (make bench builds the package and the tools first)

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ROOT, BENCH, FILES, loadScenario, scenarioDigest } from './lib/scenarios.mjs';
import { couponAnswer, quoteAnswer, differences } from './lib/answers.mjs';
import { markdown } from './report.mjs';
import { moduleSizes } from './lib/sizes.mjs';

const require = createRequire(import.meta.url);
const OUT = path.join(ROOT, 'target/bench');
const COLD_RUNS = 21;
const started = Date.now();
const loadStart = os.loadavg();
fs.mkdirSync(OUT, { recursive: true });

const log = (s) => process.stderr.write(`\n== ${s}\n`);

function run(cmd, args, { capture = false } = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}`);
  return r.stdout;
}

const readJson = (f) => JSON.parse(fs.readFileSync(f, 'utf8'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quiet = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
};

log('scenarios');
run('node', ['bench/scenarios/generate.mjs']);

log('native runner (cargo bench --bench scenarios)');
const nativeFile = path.join(OUT, 'native.json');
run('cargo', ['bench', '--bench', 'scenarios', '--', '--out', nativeFile]);
const native = readJson(nativeFile);
const nativeRss = JSON.parse(run('cargo', ['bench', '--bench', 'scenarios', '--', '--peak-rss', 'c'], { capture: true }).trim().split('\n').pop());

log('Node runner (wasm package and peers)');
const nodeFile = path.join(OUT, 'node.json');
run('node', ['bench/node.mjs', '--native', nativeFile, '--out', nodeFile]);
const node = readJson(nodeFile);

log('Chromium runner (web build)');
const chromiumFile = path.join(OUT, 'chromium.json');
run('node', ['bench/chromium.mjs', '--out', chromiumFile]);
const chromium = readJson(chromiumFile);
for (const [k, answer] of [['a', couponAnswer], ['b', quoteAnswer]]) {
  const diffs = differences(answer(native.answers[k]), answer(chromium.answers[k]), 8);
  if (diffs.length) throw new Error(`(${k}) Chromium answers differently from native: ${diffs.join('; ')}`);
}

log('official Python signer (huaweicloudsdkcore)');
const python = path.join(ROOT, '.venv/bin/python');
const pythonFile = path.join(OUT, 'python.json');
run(python, ['tests/sign/official_signer.py', 'scenario', path.join(BENCH, 'scenarios', FILES.e), pythonFile]);
const py = readJson(pythonFile);
{
  const diffs = differences(node.results.e.authorizations, py.authorizations, 8);
  node.results.e.peers.push({
    name: 'huaweicloudsdkcore Signer (Python)',
    version: `${py.sdk}, Python ${py.python}`,
    expressed_in_js: [],
    equal: diffs.length === 0,
    differences: diffs,
    ...(diffs.length === 0 ? { timing: py.timing } : {}),
  });
  delete node.results.e.authorizations;
  process.stderr.write(`  Authorization headers: ${diffs.length ? `DIFFER: ${diffs.join('; ')}` : 'all 10,000 equal to signRequest'}\n`);
}

log(`cold start in Node (${COLD_RUNS} fresh processes per mode, modes alternating)`);
const cold = {};
const coldModes = ['web', 'web-small', 'node'];
const coldRuns = Object.fromEntries(coldModes.map((mode) => [mode, []]));
for (let i = 0; i < COLD_RUNS; i++) {
  for (const mode of coldModes) coldRuns[mode].push(JSON.parse(run('node', ['bench/cold-start.mjs', mode], { capture: true })));
}
for (const mode of coldModes) {
  const runs = coldRuns[mode];
  const keys = Object.keys(runs[0]);
  cold[mode] = { runs: runs.length, median_ms: Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))])) };
  const total = runs.map((r) => (r.compile_ms ?? 0) + (r.instantiate_ms ?? 0) + (r.require_ms ?? 0) + r.first_quote_ms);
  cold[mode].median_ms.total_ms = median(total);
  cold[mode].min_total_ms = Math.min(...total);
  process.stderr.write(`  ${mode}: ${JSON.stringify(cold[mode].median_ms)}\n`);
}

log('cold start in Chromium, first and repeat visits (bench/cold-start-chromium.mjs)');
const coldChromiumFile = path.join(OUT, 'cold-start-chromium.json');
run('node', ['bench/cold-start-chromium.mjs', '--out', coldChromiumFile]);
const coldChromium = readJson(coldChromiumFile);

log('wallet handle (bench/wallet.mjs)');
const walletFile = path.join(OUT, 'wallet.json');
const nativeWalletFile = path.join(OUT, 'native-wallet.json');
run('cargo', ['bench', '--bench', 'scenarios', '--', '--wallet', nativeWalletFile]);
run('node', ['bench/wallet.mjs', '--out', walletFile, '--native', nativeWalletFile], { capture: true });
const wallet = readJson(walletFile);

log('peak RSS, scenario (c)');
const rss = {
  native: nativeRss,
  wasm_node: JSON.parse(run('node', ['bench/rss.mjs', 'wasm'], { capture: true })),
  decimal_node: JSON.parse(run('node', ['bench/rss.mjs', 'decimal'], { capture: true })),
};
process.stderr.write(`  ${JSON.stringify(rss)}\n`);

const sizes = moduleSizes();

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const osRelease = fs.existsSync('/etc/os-release') ? (fs.readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)/m)?.[1] ?? '') : '';
const results = {
  generated_at: new Date().toISOString(),
  duration_s: 0,
  machine: {
    cpu,
    cores: os.cpus().length,
    memory_gib: Math.round(os.totalmem() / 2 ** 30),
    os: `${osRelease} (${os.type()} ${os.release()})`,
    load_average_start: loadStart.map((x) => +x.toFixed(2)),
    load_average_end: os.loadavg().map((x) => +x.toFixed(2)),
  },
  tools: {
    rustc: quiet('rustc', ['--version']),
    node: `${node.node} (V8 ${node.v8})`,
    chromium: chromium.browser,
    python: `${py.python}, huaweicloudsdkcore ${py.sdk}`,
    'json-rules-engine': require('json-rules-engine/package.json').version,
    '@gorules/zen-engine': require('@gorules/zen-engine/package.json').version,
    'decimal.js': require('decimal.js/package.json').version,
    'bss-storefront': require('bss-storefront/package.json').version,
  },
  scenarios: Object.fromEntries(Object.keys(FILES).map((k) => {
    const s = loadScenario(k);
    return [k, { file: `bench/scenarios/${FILES[k]}`, title: s.title, call: s.call, sha256: scenarioDigest(k) }];
  })),
  results: Object.fromEntries(Object.keys(FILES).map((k) => [k, {
    native: native.timings[k],
    wasm_node: node.results[k].wasm,
    ...(node.results[k].json_boundary ? { json_boundary_node: node.results[k].json_boundary } : {}),
    ...(node.results[k].wasm_per_form ? { wasm_node_per_form: node.results[k].wasm_per_form } : {}),
    ...(chromium.timings[k] ? { wasm_chromium: chromium.timings[k] } : {}),
    peers: node.results[k].peers,
  }])),
  cold_start: cold,
  cold_start_chromium: coldChromium,
  wallet,
  wallet_before: readJson(path.join(BENCH, 'wallet-before.json')),
  peak_rss_c: rss,
  sizes,
};
results.duration_s = Math.round((Date.now() - started) / 1000);
results.machine.load_average_end = os.loadavg().map((x) => +x.toFixed(2));
fs.writeFileSync(path.join(BENCH, 'results.json'), JSON.stringify(results, null, 2) + '\n');
fs.writeFileSync(path.join(BENCH, 'RESULTS.md'), markdown(results));
log(`bench/RESULTS.md and bench/results.json written (${results.duration_s} s)`);
process.stdout.write(markdown(results).split('\n## ')[1] ? `## ${markdown(results).split('\n## ')[1]}\n` : '');
