// Registration forms from a file, one at a time: CSV with a header row of RegistrationForm
// field names, or JSON Lines (one form object per line).

import fs from 'node:fs';
import path from 'node:path';
import { readCsv, CsvError } from './csv.mjs';

/** The RegistrationForm fields a CSV header may name. */
export const FORM_FIELDS = [
  'xaccount_id', 'xaccount_type', 'domain_name', 'mobile_phone', 'verification_code', 'password',
  'email', 'domain_area', 'is_close_market_ms', 'indirect_partner_id', 'include_association_result',
];

/** A problem with the file as a whole (exit code 2). */
export class FileError extends Error {}

/** Picks the format from the extension, or from the first character of the file. */
async function detectFormat(file) {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  const fh = await fs.promises.open(file, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(512), 0, 512, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').trimStart();
    return head.startsWith('{') ? 'jsonl' : 'csv';
  } finally {
    await fh.close();
  }
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

/**
 * Opens `file` and yields `{ row, line, form }` or `{ row, line, error: { field, code, message } }`
 * for every record; `position()` tells how many bytes have been read.
 */
export async function openForms(file) {
  let stat;
  try {
    stat = await fs.promises.stat(file);
  } catch (e) {
    throw new FileError(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  }
  if (!stat.isFile()) throw new FileError(`${file} is not a file`);
  const format = await detectFormat(file);
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  const position = () => stream.bytesRead;

  async function* csvForms() {
    let header;
    let row = 0;
    try {
      for await (const { fields, line } of readCsv(stream)) {
        if (!header) {
          header = fields.map((f) => f.trim());
          const known = header.filter((h) => FORM_FIELDS.includes(h));
          if (known.length === 0) {
            throw new FileError(`${file}: the header row names no RegistrationForm field (expected some of: ${FORM_FIELDS.join(', ')})`);
          }
          continue;
        }
        row++;
        if (fields.length !== header.length) {
          yield { row, line, error: { field: '', code: 'csv_columns', message: `expected ${header.length} columns as in the header, found ${fields.length}`, message_zh: `列数应与表头一致（${header.length}列），实际为${fields.length}列` } };
          continue;
        }
        const form = {};
        header.forEach((name, i) => {
          const v = csvCell(name, fields[i]);
          if (v !== undefined) form[name] = v;
        });
        yield { row, line, form };
      }
    } catch (e) {
      if (e instanceof CsvError) throw new FileError(`${file}: ${e.message}`);
      throw e;
    }
    if (!header) throw new FileError(`${file}: empty file (expected a header row)`);
  }

  async function* jsonlForms() {
    let row = 0;
    for await (const { text, line } of readLines(stream)) {
      if (text.trim() === '') continue;
      row++;
      let form;
      try {
        form = JSON.parse(text);
      } catch (e) {
        yield { row, line, error: { field: '', code: 'invalid_json', message: `not JSON: ${e.message}`, message_zh: `不是合法的 JSON：${e.message}` } };
        continue;
      }
      if (form === null || typeof form !== 'object' || Array.isArray(form)) {
        yield { row, line, error: { field: '', code: 'invalid_form', message: 'a line must hold one JSON object (a RegistrationForm)', message_zh: '每行须为一个 JSON 对象（注册表单）' } };
        continue;
      }
      yield { row, line, form };
    }
  }

  return { format, size: stat.size, position, forms: format === 'csv' ? csvForms() : jsonlForms() };
}
