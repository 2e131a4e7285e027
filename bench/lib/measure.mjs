// Timing loops shared by the Node and Chromium runners (browser-safe: performance.now only).
//
// A sample runs the call enough times to last `sampleMs`; samples are taken until `budgetMs`
// is spent (at least `minSamples`, at most `maxSamples`). The figure is the distribution of
// the time per call over the samples: median, p10, p90, min, max. The same scheme as the
// native runner (bench/native.rs).

export const DEFAULTS = { sampleMs: 20, budgetMs: 1500, minSamples: 11, maxSamples: 101 };

const pct = (sorted, p) => sorted[Math.round((sorted.length - 1) * p)];

/** Summary of per-call times in milliseconds → nanoseconds, as the native runner writes it. */
export function stats(perCallMs, itemsPerCall = 1) {
  const s = [...perCallMs].sort((a, b) => a - b);
  const ns = (ms) => ms * 1e6;
  return {
    median_ns: ns(pct(s, 0.5)),
    p10_ns: ns(pct(s, 0.1)),
    p90_ns: ns(pct(s, 0.9)),
    min_ns: ns(s[0]),
    max_ns: ns(s[s.length - 1]),
    samples: s.length,
    items_per_call: itemsPerCall,
  };
}

function plan(firstMs, o) {
  const perSample = Math.max(1, Math.ceil(o.sampleMs / Math.max(firstMs, 1e-6)));
  // Slow calls (over a third of the budget each): fewer samples rather than a slow run.
  const minSamples = firstMs * o.minSamples > o.budgetMs * 3 ? Math.max(5, Math.floor((o.budgetMs * 3) / firstMs)) : o.minSamples;
  return { perSample, minSamples };
}

/** Times a synchronous call. */
export function measureSync(fn, items = 1, options = {}) {
  const o = { ...DEFAULTS, ...options };
  fn(); // warm-up
  let t = performance.now();
  fn();
  const { perSample, minSamples } = plan(performance.now() - t, o);
  const samples = [];
  const begin = performance.now();
  while (samples.length < o.maxSamples && (samples.length < minSamples || performance.now() - begin < o.budgetMs)) {
    t = performance.now();
    for (let i = 0; i < perSample; i++) fn();
    samples.push((performance.now() - t) / perSample);
  }
  return stats(samples, items);
}

/** Times an asynchronous call (awaited one after another). */
export async function measureAsync(fn, items = 1, options = {}) {
  const o = { ...DEFAULTS, ...options };
  await fn();
  let t = performance.now();
  await fn();
  const { perSample, minSamples } = plan(performance.now() - t, o);
  const samples = [];
  const begin = performance.now();
  while (samples.length < o.maxSamples && (samples.length < minSamples || performance.now() - begin < o.budgetMs)) {
    t = performance.now();
    for (let i = 0; i < perSample; i++) await fn();
    samples.push((performance.now() - t) / perSample);
  }
  return stats(samples, items);
}
