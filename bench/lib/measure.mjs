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

/**
 * Times several implementations of the same job in interleaved rounds (one sample of each
 * per round), so that they see the same machine load: on shared cores this keeps their ratio
 * stable where separate runs would not. `candidates`: `{ fn, async? }`. Returns per candidate
 * its stats and, against candidate 0, the median of the per-round ratios (`paired_ratio`).
 */
export async function measureRounds(candidates, items = 1, options = {}) {
  const o = { ...DEFAULTS, budgetMs: 3000, minSamples: 7, ...options };
  const once = async (c) => {
    const t = performance.now();
    if (c.async) await c.fn();
    else c.fn();
    return performance.now() - t;
  };
  const plans = [];
  for (const c of candidates) {
    await once(c); // warm-up
    plans.push(Math.max(1, Math.ceil(o.sampleMs / Math.max(await once(c), 1e-6))));
  }
  const samples = candidates.map(() => []);
  const begin = performance.now();
  while (samples[0].length < o.maxSamples && (samples[0].length < o.minSamples || performance.now() - begin < o.budgetMs)) {
    for (let k = 0; k < candidates.length; k++) {
      const c = candidates[k];
      const t = performance.now();
      for (let i = 0; i < plans[k]; i++) {
        if (c.async) await c.fn();
        else c.fn();
      }
      samples[k].push((performance.now() - t) / plans[k]);
    }
  }
  return samples.map((s, k) => {
    const out = stats(s, items);
    if (k > 0) {
      const ratios = s.map((x, i) => x / samples[0][i]).sort((a, b) => a - b);
      out.paired_ratio = pct(ratios, 0.5);
    }
    return out;
  });
}
