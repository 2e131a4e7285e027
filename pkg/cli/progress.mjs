// A progress line on stderr, shown only on a terminal and only once the work has taken more
// than a second, so quick runs and pipes stay clean.

export function createProgress({ stream = process.stderr, label, total, unit = 'rows' } = {}) {
  if (!stream.isTTY) return { update() {}, done() {} };
  const started = Date.now();
  let shown = false;
  let last = 0;
  const fmt = new Intl.NumberFormat('en-US');
  return {
    /** `count` items done, `position` bytes read of `total`. */
    update(count, position) {
      const now = Date.now();
      if (now - started < 1000 || now - last < 100) return;
      last = now;
      shown = true;
      const rate = Math.round(count / ((now - started) / 1000));
      const pct = total ? ` ${Math.min(100, Math.floor((position / total) * 100))}%` : '';
      const width = 24;
      const bar = total ? ` [${'#'.repeat(Math.floor((Math.min(position, total) / total) * width)).padEnd(width, '.')}]` : '';
      stream.write(`\r${label}${bar}${pct} ${fmt.format(count)} ${unit} (${fmt.format(rate)} ${unit}/s)\x1b[K`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
