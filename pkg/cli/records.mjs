// Registration forms from a file or standard input, one at a time: CSV with a header row of
// RegistrationForm field names, or JSON Lines (one form object per line).

import fs from 'node:fs';
import path from 'node:path';
import { readCsv, CsvError } from './csv.mjs';
import { FileError, closest, isStdin } from './errors.mjs';
import { words } from './text.mjs';

/** The RegistrationForm fields a CSV header or a JSON Lines object may name. */
export const FORM_FIELDS = [
  'xaccount_id', 'xaccount_type', 'domain_name', 'mobile_phone', 'verification_code', 'password',
  'email', 'domain_area', 'is_close_market_ms', 'indirect_partner_id', 'include_association_result',
];

const EN = words('en');
const ZH = words('zh');

/** A row-level problem in both languages, like the engine's issues. */
const rowError = (code, key, params) => ({ field: '', code, message: EN.t(key, params), message_zh: ZH.t(key, params) });

/** Picks the format from the extension, or else from the first character of the text. */
function formatOf(file, head) {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  return head.replace(/^\uFEFF/, '').trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

/** Lines of a text stream, with their 1-based numbers. */
async function* readLines(source) {
  let rest = '';
  let line = 1;
  for await (const chunk of source) {
    rest += chunk;
    let nl;
    while ((nl = rest.indexOf('\n')) >= 0) {
      yield { text: rest.slice(0, nl).replace(/\r$/, ''), line: line++ };
      rest = rest.slice(nl + 1);
    }
  }
  if (rest !== '') yield { text: rest.replace(/\r$/, ''), line };
}

function csvCell(field, value) {
  // A CSV cell cannot say "absent" or "null": an empty cell means the field is absent. Use
  // JSON Lines to send "" or null.
  if (value === '') return undefined;
  if (field === 'include_association_result' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** " — did you mean …?" for a misspelt name, or nothing. */
function hint(w, key, name, candidates) {
  const near = closest(name, candidates);
  return near === undefined ? '' : w.t(key, { name: near });
}

/**
 * Checks a CSV header: every column a RegistrationForm field (unless `allowUnknown`), none
 * twice, every `required` field present. Returns the indices of the columns to read and the
 * ignored names; throws a FileError listing every problem.
 */
function checkHeader(file, header, { required, allowUnknown, w }) {
  const problems = [];
  const known = new Set();
  const unknown = [];
  const use = [];
  header.forEach((name, i) => {
    if (!FORM_FIELDS.includes(name)) {
      unknown.push(name);
      return;
    }
    if (known.has(name)) problems.push(w.t('duplicate_column', { name }));
    known.add(name);
    use.push(i);
  });
  const absent = FORM_FIELDS.filter((f) => !known.has(f));
  if (!allowUnknown) {
    for (const name of unknown) problems.push(w.t('unknown_column', { name }) + hint(w, 'did_you_mean', name, absent));
  }
  for (const name of required.filter((f) => !known.has(f))) {
    problems.push(w.t('missing_column', { name }) + hint(w, 'missing_is_it', name, unknown));
  }
  if (problems.length > 0) {
    const more = unknown.length > 0 && !allowUnknown ? `\n  ${w.t('allow_unknown', { fields: FORM_FIELDS.join(', ') })}` : '';
    throw new FileError(`${file}:\n  ${problems.join('\n  ')}${more}`);
  }
  return { use, ignored: unknown };
}

/** The stream of `file` (`-` for standard input) as UTF-8 text, and its size when known. */
async function open(file, stdin) {
  if (isStdin(file)) {
    const stream = stdin();
    stream.setEncoding('utf8');
    return { stream, size: undefined };
  }
  let stat;
  try {
    stat = await fs.promises.stat(file);
  } catch (e) {
    throw new FileError(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  }
  // Pipes and devices (/dev/stdin, <(…)) are read like files; only a folder is refused.
  if (stat.isDirectory()) throw new FileError(`${file} is a folder, not a file`);
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  return { stream, size: stat.isFile() ? stat.size : undefined };
}

/**
 * Opens `file` (`-`: standard input) and yields `{ row, line, form }` or `{ row, line, error }`
 * for every record. `position()` tells how many bytes have been read, `stop()` ends the
 * records early (Ctrl-C). `notice(text)` hears about ignored columns.
 *
 * Options: `required` (fields a header must name), `allowUnknown`, `w` (the words of the
 * chosen language), `stdin` (a function returning the standard input stream).
 */
export async function openForms(file, { required = [], allowUnknown = false, w = EN, stdin = () => process.stdin, notice = () => {} } = {}) {
  const { stream, size } = await open(file, stdin);
  const name = isStdin(file) ? 'standard input' : file;
  let stopped = false;
  const chunks = stream[Symbol.asyncIterator]();
  const next = async () => {
    try {
      return await chunks.next();
    } catch (e) {
      if (stopped) return { done: true };
      // Read errors (a device that cannot be read) are about the input: exit code 2.
      throw new FileError(`cannot read ${name}: ${e.message}`);
    }
  };

  // The first non-blank text tells CSV from JSON Lines when the name does not.
  const head = [];
  let seen = '';
  while (seen.trim() === '') {
    const { value, done } = await next();
    if (done) break;
    head.push(value);
    seen += value;
  }
  const format = formatOf(file, seen);
  async function* text() {
    try {
      yield* head;
      for (;;) {
        const { value, done } = await next();
        if (done) return;
        yield value;
      }
    } finally {
      await chunks.return?.();
    }
  }

  async function* csvForms() {
    let columns;
    let width;
    let row = 0;
    try {
      for await (const { fields, line } of readCsv(text())) {
        if (!columns) {
          const header = fields.map((f) => f.trim());
          width = header.length;
          const { use, ignored } = checkHeader(name, header, { required, allowUnknown, w });
          if (ignored.length > 0) notice(w.t('ignored_columns', { names: ignored.map((n) => JSON.stringify(n)).join(', ') }));
          columns = use.map((i) => [i, header[i]]);
          continue;
        }
        row++;
        if (fields.length !== width) {
          yield { row, line, error: rowError('csv_columns', 'csv_columns', { expected: width, found: fields.length }) };
          continue;
        }
        const form = {};
        for (const [i, name] of columns) {
          const v = csvCell(name, fields[i]);
          if (v !== undefined) form[name] = v;
        }
        yield { row, line, form };
      }
    } catch (e) {
      if (e instanceof CsvError) throw new FileError(`${name}: ${e.message}`);
      throw e;
    }
    if (!columns && !stopped) throw new FileError(`${name}: empty (expected a header row)`);
  }

  async function* jsonlForms() {
    let row = 0;
    for await (const { text: t, line } of readLines(text())) {
      if (t.trim() === '') continue;
      row++;
      let form;
      try {
        form = JSON.parse(t);
      } catch (e) {
        yield { row, line, error: rowError('invalid_json', 'not_json_line', { error: e.message }) };
        continue;
      }
      if (form === null || typeof form !== 'object' || Array.isArray(form)) {
        yield { row, line, error: rowError('invalid_form', 'not_form') };
        continue;
      }
      for (const key of Object.keys(form).filter((k) => !FORM_FIELDS.includes(k))) {
        if (allowUnknown) {
          delete form[key];
          continue;
        }
        const absent = FORM_FIELDS.filter((f) => !(f in form));
        throw new FileError(`${name}: ${w.t('unknown_field', { line, name: key })}${hint(w, 'did_you_mean', key, absent)}\n  ${w.t('allow_unknown', { fields: FORM_FIELDS.join(', ') })}`);
      }
      yield { row, line, form };
    }
  }

  return {
    format,
    size,
    position: () => stream.bytesRead ?? 0,
    stop() {
      stopped = true;
      stream.destroy();
    },
    forms: format === 'csv' ? csvForms() : jsonlForms(),
  };
}
