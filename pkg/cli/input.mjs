// JSON inputs as text: the engine reads the text itself, so every digit of an amount reaches
// it as written (`JSON.parse` would round 123456789.123456789 to 123456789.12345679).

import fs from 'node:fs';
import { FileError, UsageError, isStdin } from './errors.mjs';

/**
 * The text of `file` (`-`: standard input, which can be read once per run) and, for the
 * labels the CLI shows (coupon codes, names), its parsed form. Numbers in `doc` may be
 * rounded: never take an amount from it.
 */
export function readJson(file, io) {
  const stdin = isStdin(file);
  if (stdin) {
    if (io.stdinTaken) throw new UsageError('standard input (-) can be read only once');
    io.stdinTaken = true;
  }
  let text;
  try {
    text = fs.readFileSync(stdin ? 0 : file, 'utf8');
  } catch (e) {
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'a folder, not a file' : e.message;
    throw new FileError(`cannot read ${file}: ${why}`);
  }
  text = text.replace(/^\uFEFF/, '');
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new FileError(`${stdin ? 'standard input' : file}: not JSON: ${e.message}`);
  }
  return { text, doc };
}

const WS = new Set([' ', '\t', '\n', '\r']);

function skipSpace(text, i) {
  while (WS.has(text[i])) i++;
  return i;
}

/** The end of the string that starts at `i`. */
function skipString(text, i) {
  let j = i + 1;
  while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** The end of the value that starts at `i`. */
function skipValue(text, i) {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    let j = i;
    do {
      const d = text[j];
      if (d === '"') {
        j = skipString(text, j);
        continue;
      }
      if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') depth--;
      j++;
    } while (depth > 0);
    return j;
  }
  let j = i;
  while (j < text.length && !WS.has(text[j]) && text[j] !== ',' && text[j] !== '}' && text[j] !== ']') j++;
  return j;
}

/**
 * The text of member `key` of the JSON object `text` (already known to be valid JSON), as
 * written; the last one when the key repeats, as `JSON.parse` does. Undefined when absent.
 */
export function memberText(text, key) {
  let i = skipSpace(text, 0) + 1;
  let found;
  for (;;) {
    i = skipSpace(text, i);
    if (text[i] === '}') return found;
    const keyEnd = skipString(text, i);
    const name = JSON.parse(text.slice(i, keyEnd));
    i = skipSpace(text, skipSpace(text, keyEnd) + 1);
    const end = skipValue(text, i);
    if (name === key) found = text.slice(i, end);
    i = skipSpace(text, end);
    if (text[i] === ',') i++;
  }
}

/**
 * The coupons of a wallet file: a JSON array, or a ListSubCustomerCoupons /
 * ListOrderCouponsByOrderId body with `user_coupons`. Returns their text (for the engine) and
 * parsed list (for labels).
 */
export function walletCoupons({ text, doc }, file) {
  if (Array.isArray(doc)) return { text, list: doc };
  if (doc && Array.isArray(doc.user_coupons)) return { text: memberText(text, 'user_coupons'), list: doc.user_coupons };
  throw new FileError(`${file}: expected a JSON array of coupons or a body with "user_coupons"`);
}
