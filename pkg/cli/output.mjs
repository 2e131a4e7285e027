// Writing to stdout with backpressure, so a million result lines do not pile up in memory.

export function createOutput(stream = process.stdout) {
  return {
    async write(text) {
      if (!stream.write(text)) await new Promise((resolve) => stream.once('drain', resolve));
    },
  };
}

/** Formats rows (arrays of strings) as a text table with a header row. */
export function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells) => cells.map((c, i) => String(c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}
