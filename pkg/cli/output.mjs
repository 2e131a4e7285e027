// Writing results: stdout with backpressure (a million result lines do not pile up in memory),
// a reader that went away (`| head`) ends the run quietly, and tables and CSV rows.

/** Thrown by `write` once the reader of the output has gone (EPIPE): the run stops quietly. */
export class OutputClosed extends Error {}

/** Output on `stream`; `close()` removes its listener again. */
export function createOutput(stream = process.stdout) {
  let closed = false;
  let failure;
  const onError = (e) => {
    // EPIPE: the reader closed the pipe. Anything else (a full disk) is reported by the next write.
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') closed = true;
    else failure = e;
  };
  stream.on('error', onError);
  const check = () => {
    if (failure) throw failure;
    if (closed || stream.destroyed) throw new OutputClosed('the output was closed');
  };
  return {
    async write(text) {
      check();
      if (!stream.write(text)) {
        await new Promise((resolve) => {
          const done = () => {
            stream.off('drain', done);
            stream.off('close', done);
            resolve();
          };
          stream.on('drain', done);
          stream.on('close', done);
          if (stream.destroyed) done();
        });
        check();
      }
    },
    close() {
      stream.off('error', onError);
    },
  };
}

/** Columns a terminal gives `text`: East Asian wide characters take two. */
function width(text) {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0);
    const wide = (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3)
      || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60)
      || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

/**
 * Formats rows (arrays of strings; `null` for a separator line) as a text table under
 * `header`; the columns listed in `right` (money) are aligned right.
 */
export function table(header, rows, { right = [] } = {}) {
  const cells = (r) => header.map((_, i) => String(r[i] ?? ''));
  const widths = header.map((h, i) => Math.max(width(h), ...rows.filter(Boolean).map((r) => width(cells(r)[i]))));
  const pad = (c, i) => {
    const fill = ' '.repeat(widths[i] - width(c));
    return right.includes(i) ? fill + c : c + fill;
  };
  const line = (r) => cells(r).map(pad).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map((r) => (r ? line(r) : rule))].join('\n') + '\n';
}

/** One CSV record (RFC 4180): a field with a comma, quote or line break is quoted. */
export function csvRow(fields) {
  return fields.map((f) => {
    const s = f === undefined || f === null ? '' : String(f);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }).join(',') + '\r\n';
}
