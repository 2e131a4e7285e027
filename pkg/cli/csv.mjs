// A streaming CSV reader (RFC 4180): quoted fields with "" escapes and embedded newlines,
// CRLF or LF line ends, a UTF-8 byte-order mark. Only the unfinished record is held between
// chunks, so memory stays flat on files of any length.

/** Hard cap on one record's size: a stray quote must not swallow the whole file. */
export const MAX_RECORD_CHARS = 1 << 20;

/** A CSV syntax error, with the line the record starts on. */
export class CsvError extends Error {
  constructor(message, line) {
    super(`line ${line}: ${message}`);
    this.line = line;
  }
}

/**
 * Parses one record of `buf` starting at `pos`. Returns `{ fields, end, newlines }`, or null
 * when the record may continue past the end of `buf` (and `final` is false).
 */
function parseRecord(buf, pos, final, line) {
  const fields = [];
  let newlines = 0;
  let i = pos;
  for (;;) {
    let value;
    if (buf.charCodeAt(i) === 34) { // a quoted field
      let text = '';
      let from = i + 1;
      for (;;) {
        const q = buf.indexOf('"', from);
        if (q < 0) {
          if (final) throw new CsvError('an unclosed quote at the end of the file', line);
          return null;
        }
        if (q + 1 === buf.length && !final) return null; // "" split across chunks?
        text += buf.slice(from, q);
        if (buf.charCodeAt(q + 1) === 34) { text += '"'; from = q + 2; continue; }
        i = q + 1;
        break;
      }
      for (let k = 0; k < text.length; k++) {
        const c = text.charCodeAt(k);
        if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) newlines++;
      }
      value = text;
      const c = buf.charCodeAt(i);
      if (i < buf.length && c !== 44 && c !== 10 && c !== 13) {
        throw new CsvError('text after the closing quote of a field', line + newlines);
      }
    } else {
      let j = i;
      while (j < buf.length) {
        const c = buf.charCodeAt(j);
        if (c === 44 || c === 10 || c === 13) break;
        if (c === 34) throw new CsvError('a quote inside an unquoted field (quote the whole field and double the quote)', line + newlines);
        j++;
      }
      value = buf.slice(i, j);
      i = j;
    }
    fields.push(value);
    if (i >= buf.length) {
      if (!final) return null;
      return { fields, end: i, newlines };
    }
    const c = buf.charCodeAt(i);
    if (c === 44) { i++; continue; }
    // End of record: LF, CR or CRLF (a CR at the very end of a chunk may be half of a CRLF).
    if (c === 13 && i + 1 === buf.length && !final) return null;
    i += c === 13 && buf.charCodeAt(i + 1) === 10 ? 2 : 1;
    return { fields, end: i, newlines: newlines + 1 };
  }
}

/**
 * Yields `{ fields, line }` for every record of the text chunks from `source` (an async
 * iterable of strings); `line` is the physical line the record starts on (1-based). Blank
 * lines are skipped.
 */
export async function* readCsv(source) {
  let buf = '';
  let line = 1;
  let first = true;
  const drain = function* (final) {
    let pos = 0;
    while (pos < buf.length) {
      const r = parseRecord(buf, pos, final, line);
      if (!r) break;
      const blank = r.fields.length === 1 && r.fields[0] === '';
      if (!blank) yield { fields: r.fields, line };
      line += r.newlines;
      pos = r.end;
    }
    buf = buf.slice(pos);
    if (buf.length > MAX_RECORD_CHARS) {
      throw new CsvError(`a record longer than ${MAX_RECORD_CHARS} characters (an unclosed quote?)`, line);
    }
  };
  for await (let chunk of source) {
    if (first && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    first = false;
    buf += chunk;
    yield* drain(false);
  }
  yield* drain(true);
}
