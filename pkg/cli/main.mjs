// The `bss-storefront` command line: bulk work for partners' Node scripts.
//
// Exit codes: 0 success (all rows valid), 1 some rows invalid / the call failed,
// 2 usage or file errors.

import fs from 'node:fs';
import * as lib from '../dist/index.node.mjs';
import { parseArgs, UsageError } from './args.mjs';
import { createOutput, table } from './output.mjs';
import { createProgress } from './progress.mjs';
import { openForms, FileError, FORM_FIELDS } from './records.mjs';

const HELP = {
  main: `Usage: bss-storefront <command> [options]

Huawei Cloud partner sales platform (BSS) rules for storefronts, from the command line.

Commands:
  validate FILE            check registration forms (CSV or JSON Lines) against the BSS field rules
  quote FILE               price preview of a quote input (JSON)
  coupons ORDER COUPONS    which coupons of a wallet apply to an order, and why not
  call OPERATION           call one BSS operation (credentials from the environment)

Options:
  -h, --help               help for a command: bss-storefront <command> --help
  -V, --version            print the version

Exit codes: 0 ok, 1 invalid rows or a failed call, 2 usage or file errors.
`,
  validate: `Usage: bss-storefront validate FILE [--format text|json] [--site cn|intl] [--lang en|zh]

Checks every registration form in FILE against the CreateSubCustomer field rules and prints the
issues of each invalid row, then a summary. The file is streamed: memory stays flat on files of
any length.

FILE is CSV with a header row of RegistrationForm field names (an empty cell means the field is
absent) or JSON Lines, one form object per line (.jsonl, .ndjson, or content starting with "{").
Fields: ${FORM_FIELDS.join(', ')}.

Options:
  --format text|json   text (default), or JSON Lines: one {"row","line","valid":false,"issues"}
                       object per invalid row, then {"summary":{...}}
  --site cn|intl       China site (default) or international site rules
  --lang en|zh         language of the messages in text output (default en)

Exit codes: 0 all rows valid, 1 some rows invalid, 2 usage or file errors.
`,
  quote: `Usage: bss-storefront quote FILE [--format text|json]

Prints the price preview of FILE, a quote input as JSON: { order, discounts?, coupons?,
selection?, auto_pay?, balances?, now? }. Amounts are decimal strings (or JSON numbers).

Options:
  --format text|json   a readable breakdown (default) or the quote as JSON

Exit codes: 0 ok, 2 usage, file or input errors.
`,
  coupons: `Usage: bss-storefront coupons ORDER COUPONS [--now ISO8601] [--format text|json]

Evaluates every coupon of COUPONS against ORDER and prints the verdict table: applicable or not,
and the reasons. ORDER is an Order as JSON; COUPONS is a JSON array of coupons as BSS returns them,
or a ListSubCustomerCoupons / ListOrderCouponsByOrderId response body ({"user_coupons": [...]}).

Options:
  --now ISO8601        the moment to evaluate at (default: now)
  --format text|json   a table (default) or the verdicts as JSON
  --lang en|zh         language of the reasons in text output (default en)

Exit codes: 0 ok, 2 usage, file or input errors.
`,
  call: `Usage: bss-storefront call OPERATION [--body FILE] [--query key=value ...]

Calls one BSS operation through BssClient and prints the JSON response. OPERATION is the BSS
name (ListSubCustomerCoupons) or the client method (listSubCustomerCoupons).

Credentials come from the environment, never from arguments:
  BSS_AK, BSS_SK, BSS_DOMAIN_ID   AK/SK signing
  BSS_TOKEN                       or an IAM token
  BSS_ENDPOINT                    the BSS endpoint, a sandbox or a signing proxy

Options:
  --body FILE          the request input (a JSON object; - for standard input); amounts as
                       strings keep every digit
  --query key=value    a request field as a string (repeatable); key:=json for a number,
                       boolean, array or object (--query limit:=10)

Exit codes: 0 ok, 1 the call failed (code and message are printed), 2 usage or file errors.
`,
};

const COMMON = { help: { type: 'boolean', short: 'h' } };
const FORMAT = { type: 'string', choices: ['text', 'json'] };
const LANG = { type: 'string', choices: ['en', 'zh'] };

const fmt = new Intl.NumberFormat('en-US');

/** Reads a JSON file; the text goes to the engine unparsed where numbers must stay exact. */
function readJsonFile(file) {
  let text;
  try {
    text = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new FileError(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new FileError(`${file}: not JSON: ${e.message}`);
  }
}

async function validate(argv, out) {
  const { positionals, flags } = parseArgs(argv, { ...COMMON, format: FORMAT, site: { type: 'string', choices: ['cn', 'intl'] }, lang: LANG });
  if (flags.help) return out.write(HELP.validate).then(() => 0);
  if (positionals.length !== 1) throw new UsageError('validate takes one FILE');
  const json = flags.format === 'json';
  const zh = flags.lang === 'zh';
  const opts = { site: flags.site ?? 'cn' };
  const { forms, size, position } = await openForms(positionals[0]);
  const progress = createProgress({ label: 'validating', total: size });
  const started = process.hrtime.bigint();
  let rows = 0;
  let invalid = 0;
  const report = async (rec, issues) => {
    invalid++;
    if (json) {
      await out.write(JSON.stringify({ row: rec.row, line: rec.line, valid: false, issues }) + '\n');
    } else {
      let text = '';
      for (const i of issues) text += `row ${rec.row} (line ${rec.line})  ${i.field || '-'}  ${i.code}  ${zh ? i.message_zh : i.message}\n`;
      await out.write(text);
    }
  };
  // Forms go to the engine in batches: one call per BATCH rows, and only invalid rows come
  // back. Rows that failed to parse wait in the batch too, so the output keeps file order.
  const BATCH = 1000;
  let batch = [];
  const flush = async () => {
    const withForm = batch.filter((r) => !r.error);
    const result = lib.validateRegistrations(withForm.map((r) => r.form), opts);
    const issuesOf = new Map(result.invalid.map(({ index, issues }) => [withForm[index], issues]));
    for (const rec of batch) {
      const issues = rec.error ? [{ ...rec.error, params: {} }] : issuesOf.get(rec);
      if (issues) await report(rec, issues);
    }
    batch = [];
  };
  for await (const rec of forms) {
    rows++;
    batch.push(rec);
    if (batch.length === BATCH) await flush();
    if ((rows & 1023) === 0) progress.update(rows, position());
  }
  if (batch.length > 0) await flush();
  progress.done();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const summary = { rows, valid: rows - invalid, invalid, seconds: Number(seconds.toFixed(3)), rows_per_second: Math.round(rows / Math.max(seconds, 1e-9)) };
  if (json) await out.write(JSON.stringify({ summary }) + '\n');
  else await out.write(`${fmt.format(rows)} rows: ${fmt.format(summary.valid)} valid, ${fmt.format(invalid)} invalid (${seconds.toFixed(2)} s, ${fmt.format(summary.rows_per_second)} rows/s)\n`);
  return invalid === 0 ? 0 : 1;
}

/** The coupons of a file: an array, or a BSS list response body with `user_coupons`. */
function couponList(doc, file) {
  if (Array.isArray(doc)) return doc;
  if (doc && Array.isArray(doc.user_coupons)) return doc.user_coupons;
  throw new FileError(`${file}: expected a JSON array of coupons or a body with "user_coupons"`);
}

async function coupons(argv, out) {
  const { positionals, flags } = parseArgs(argv, { ...COMMON, format: FORMAT, now: { type: 'string' }, lang: LANG });
  if (flags.help) return out.write(HELP.coupons).then(() => 0);
  if (positionals.length !== 2) throw new UsageError('coupons takes ORDER and COUPONS files');
  const order = readJsonFile(positionals[0]);
  const wallet = couponList(readJsonFile(positionals[1]), positionals[1]);
  const verdicts = lib.evaluateCoupons(order, wallet, flags.now ? { now: flags.now } : {});
  if (flags.format === 'json') {
    await out.write(JSON.stringify(verdicts, null, 2) + '\n');
    return 0;
  }
  const zh = flags.lang === 'zh';
  const rows = verdicts.map((v) => [
    v.coupon_id, v.kind, v.status, v.eligible_amount, v.max_deduction,
    v.reasons.map((r) => `${r.code}${r.limit_key ? ` (${r.limit_key})` : ''}: ${zh ? r.message_zh : r.message}`).join('; '),
  ]);
  await out.write(table(['coupon', 'kind', 'status', 'eligible', 'max deduction', 'reasons'], rows));
  const usable = verdicts.filter((v) => v.status === 'applicable').length;
  await out.write(`\n${usable} of ${verdicts.length} coupons applicable\n`);
  return 0;
}

async function quote(argv, out) {
  const { positionals, flags } = parseArgs(argv, { ...COMMON, format: FORMAT });
  if (flags.help) return out.write(HELP.quote).then(() => 0);
  if (positionals.length !== 1) throw new UsageError('quote takes one FILE');
  const q = lib.quote(readJsonFile(positionals[0]));
  if (flags.format === 'json') {
    await out.write(JSON.stringify(q, null, 2) + '\n');
    return 0;
  }
  const minus = (a) => (a === '0' || a === '0.00' ? a : `-${a}`);
  const summary = [
    ['official amount', q.official_amount],
    [q.discount ? `discount ${q.discount.discount_id} (type ${q.discount.discount_type})` : 'discount', q.discount ? minus(q.discount.discount_amount) : '0.00'],
    ['amount after discount', q.amount_after_discount],
    ...q.coupons.map((c) => [`coupon ${c.coupon_id} (${c.kind})`, minus(c.deducted)]),
    ['stored-value card', minus(q.stored_card_amount)],
    ['payable', q.payable],
    ['  cut by truncation to the cent', q.truncated_amount],
    ['  paid from cash balance', q.payment.cash],
    ['  paid from credit balance', q.payment.credit],
    ['  unpaid', q.payment.unpaid],
  ];
  await out.write(table(['', 'amount'], summary));
  await out.write('\n' + table(['line', 'official', 'discount', 'coupons', 'payable'],
    q.lines.map((l) => [l.id, l.official_amount, l.discount_amount, l.coupon_amount, l.payable])));
  if (q.rejected.length > 0) {
    await out.write('\nnot used:\n' + table(['id', 'code', 'why'], q.rejected.map((r) => [r.id, r.code, r.message])));
  }
  return 0;
}

/** `key=value` (a string) or `key:=json` (a number, boolean, array or object). */
function queryPair(text) {
  const raw = text.indexOf(':=');
  const eq = text.indexOf('=');
  if (raw > 0 && raw < eq) {
    const key = text.slice(0, raw);
    try {
      return [key, JSON.parse(text.slice(raw + 2))];
    } catch {
      throw new UsageError(`--query ${key}:= needs a JSON value (got ${JSON.stringify(text.slice(raw + 2))})`);
    }
  }
  if (eq <= 0) throw new UsageError(`--query takes key=value or key:=json (got ${JSON.stringify(text)})`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

/** Credentials from the environment; none when only an endpoint (a signing proxy) is set. */
function credentialsFromEnv(env) {
  if (env.BSS_TOKEN) return { token: env.BSS_TOKEN };
  if (env.BSS_AK || env.BSS_SK) {
    if (!env.BSS_AK || !env.BSS_SK || !env.BSS_DOMAIN_ID) {
      throw new UsageError('AK/SK signing needs BSS_AK, BSS_SK and BSS_DOMAIN_ID');
    }
    return { ak: env.BSS_AK, sk: env.BSS_SK, domain_id: env.BSS_DOMAIN_ID };
  }
  if (env.BSS_ENDPOINT) return undefined;
  throw new UsageError('no credentials: set BSS_AK, BSS_SK and BSS_DOMAIN_ID, or BSS_TOKEN, or BSS_ENDPOINT for a signing proxy');
}

async function call(argv, out, { stderr, env }) {
  const { positionals, flags } = parseArgs(argv, { ...COMMON, body: { type: 'string' }, query: { type: 'list' } });
  if (flags.help) return out.write(HELP.call).then(() => 0);
  if (positionals.length !== 1) throw new UsageError('call takes one OPERATION');
  const operation = positionals[0].charAt(0).toUpperCase() + positionals[0].slice(1);
  const input = flags.body ? readJsonFile(flags.body) : {};
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new FileError(`${flags.body}: the body must be a JSON object`);
  }
  for (const q of flags.query ?? []) {
    const [key, value] = queryPair(q);
    input[key] = value;
  }
  const credentials = credentialsFromEnv(env);
  try {
    const client = new lib.BssClient({ ...(env.BSS_ENDPOINT ? { endpoint: env.BSS_ENDPOINT } : {}), ...(credentials ? { credentials } : {}) });
    const result = await client.call(operation, input);
    await out.write(JSON.stringify(result, null, 2) + '\n');
    return 0;
  } catch (e) {
    if (!(e instanceof lib.BssError)) throw e;
    // The error's own fields only: the client never puts secrets in them.
    let text = `bss-storefront: ${e.code}: ${e.message}\n`;
    if (e.status) text += `  status: ${e.status}\n`;
    if (e.request_id) text += `  request_id: ${e.request_id}\n`;
    for (const i of e.issues ?? []) text += `  ${i.field || '-'}  ${i.code}  ${i.message}\n`;
    stderr.write(text);
    return e.code === 'invalid_option' || e.code === 'unknown_operation' || e.code === 'invalid_input' ? 2 : 1;
  }
}

const COMMANDS = { validate, quote, coupons, call };

/** Runs the CLI with `argv` (without node and the script); resolves to the exit code. */
export async function run(argv, { stdout = process.stdout, stderr = process.stderr, env = process.env } = {}) {
  const out = createOutput(stdout);
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      await out.write(HELP.main);
      return command === undefined ? 2 : 0;
    }
    if (command === '-V' || command === '--version') {
      await out.write(`bss-storefront ${lib.version()}\n`);
      return 0;
    }
    const handler = COMMANDS[command];
    if (!handler) throw new UsageError(`unknown command ${JSON.stringify(command)} (see bss-storefront --help)`);
    return await handler(rest, out, { stderr, env });
  } catch (e) {
    if (e instanceof UsageError) {
      stderr.write(`bss-storefront: ${e.message}\n`);
      return 2;
    }
    if (e instanceof FileError) {
      stderr.write(`bss-storefront: ${e.message}\n`);
      return 2;
    }
    if (e instanceof lib.BssError) {
      stderr.write(`bss-storefront: ${e.code}: ${e.message}\n`);
      return e.code === 'invalid_input' || e.code === 'invalid_json' || e.code === 'invalid_amount' || e.code === 'invalid_order' || e.code === 'too_large' ? 2 : 1;
    }
    throw e;
  }
}
