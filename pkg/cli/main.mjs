// The `bss-storefront` command line: bulk work for partners' Node scripts.
//
// Exit codes: 0 all good, 1 findings (invalid rows) or a failed call, 2 bad input or usage,
// 130 interrupted (Ctrl-C) after a summary. A reader that goes away (`| head`) ends the run
// quietly with the code of what was written.

import { parseArgs } from 'node:util';
import * as lib from '../dist/index.node.mjs';
import { UsageError, FileError, closest } from './errors.mjs';
import { readJson, walletCoupons } from './input.mjs';
import { createOutput, OutputClosed, table, csvRow } from './output.mjs';
import { createProgress } from './progress.mjs';
import { openForms, FORM_FIELDS } from './records.mjs';
import { words, money, minus, isZero } from './text.mjs';

const EXIT_CODES = `Exit codes: 0 all good, 1 findings (invalid rows, a failed call), 2 bad input or usage,
130 interrupted (Ctrl-C), 70 an internal error (a bug in bss-storefront: please report it).`;

// Every help ends with one worked example, which tests/js/cli-help.test.mjs runs: the lines
// after "$ " are the commands (a here-document runs to its EOF), the rest is their output
// ("…" stands for what changes from run to run).
const HELP = {
  main: `Usage: bss-storefront <command> [options]

Huawei Cloud partner sales platform (BSS) rules for storefronts, from the command line.

Commands:
  validate FILE            check registration forms (CSV or JSON Lines) against the BSS field rules
  quote FILE               price preview of a quote input (JSON)
  coupons ORDER COUPONS    which coupons of a wallet apply to an order, and why not
  call OPERATION           call one BSS operation (credentials from the environment)
  order ORDER_ID           preview a pending order with every coupon's verdict; --pay pays it

FILE, ORDER and COUPONS may be - for standard input.

Options:
  -h, --help               help for a command, with an example: bss-storefront <command> --help
  -V, --version            print the version

${EXIT_CODES}
`,
  validate: `Usage: bss-storefront validate FILE [--format text|json|jsonl|csv] [--site cn|intl] [--lang en|zh] [--allow-unknown]

Checks every registration form in FILE (- for standard input) against the CreateSubCustomer
field rules and prints the issues of each invalid row, then a summary. The input is streamed:
memory stays flat on files of any length. Ctrl-C stops reading and prints the summary so far.

FILE is CSV with a header row of RegistrationForm field names (an empty cell means the field is
absent) or JSON Lines, one form object per line (.jsonl, .ndjson, or text starting with "{").
Fields: ${FORM_FIELDS.join(', ')}.
A column or field that is not one of them, or a missing required column, is an error (exit 2).

Options:
  --format FORMAT      text (default); json: {"invalid": [...], "summary": {...}};
                       jsonl: one {"row","line","valid":false,"issues"} line per invalid row,
                       then {"summary": {...}}; csv: row,line,field,code,message per issue
                       (the summary goes to stderr)
  --site cn|intl       China site (default) or international site rules
  --lang en|zh         language of the messages (default en)
  --allow-unknown      ignore columns and fields that are not RegistrationForm fields

Exit codes: 0 all rows valid, 1 some rows invalid, 2 bad input or usage, 130 interrupted.

Example:
  $ printf 'xaccount_id,xaccount_type,domain_name\\nu1,ACME_IDP,shop_2024\\nu2,ACME_IDP,op_admin\\n' | bss-storefront validate -
  row 2 (line 3)  domain_name  reserved_prefix  Account name must not start with 'op_' (in any case); the prefix is reserved.
  2 rows: 1 valid, 1 invalid (… s, … rows/s)
`,
  quote: `Usage: bss-storefront quote FILE [--format text|json|jsonl|csv] [--lang en|zh]

Prints the price preview of FILE (- for standard input), a quote input as JSON: { order,
discounts?, coupons?, selection?, auto_pay?, balances?, now? }. The text goes to the engine as
written, so every digit of an amount counts.

The text output lists the deductions from the official amount to the payable amount, then
every line with each money column that is not zero: official − discount − coupons −
flexi-purchase − stored-value card − truncated = payable, on every line and in the total.

Options:
  --format FORMAT      text (default); json: the quote; jsonl: the quote on one line;
                       csv: one row per order line with every money column
  --lang en|zh         language of the text output (default en)

Exit codes: 0 ok, 2 bad input or usage.

Example:
  $ bss-storefront quote - <<'EOF'
  {"now": "2024-06-01T00:00:00Z",
   "order": {"order_type": "new", "charging_mode": "period", "period_type": 2, "period_num": 1,
     "lines": [{"id": "ecs", "cloud_service_type": "hws.service.type.ec2", "region": "cn-north-4",
                "official_amount": "1234.50"}]},
   "coupons": [{"coupon_id": "c1", "coupon_code": "SPRING100", "plan_name": "Spring voucher",
                "coupon_type": 1, "status": 2, "face_value": "100",
                "effective_time": "2024-01-01T00:00:00Z", "expire_time": "2024-12-31T00:00:00Z"}],
   "selection": {"coupon_ids": ["c1"]}}
  EOF
                                            amount
  --------------------------------------  --------
  official amount                         1,234.50
  cash coupon SPRING100 "Spring voucher"   -100.00
  payable                                 1,134.50

  line   official  coupons   payable
  -----  --------  -------  --------
  ecs    1,234.50   100.00  1,134.50
  -----  --------  -------  --------
  total  1,234.50   100.00  1,134.50
`,
  coupons: `Usage: bss-storefront coupons ORDER COUPONS [--now ISO8601] [--format text|json|jsonl|csv] [--lang en|zh]

Evaluates every coupon of COUPONS against ORDER and prints the verdicts: applicable or not, and
why. ORDER is an Order as JSON; COUPONS is a JSON array of coupons as BSS returns them, or a
ListSubCustomerCoupons / ListOrderCouponsByOrderId response body ({"user_coupons": [...]}).
Either may be - for standard input; both go to the engine as written.

Options:
  --now ISO8601        the moment to evaluate at, with a zone (default: now)
  --format FORMAT      text (default); json: the verdicts; jsonl: one verdict per line;
                       csv: one row per coupon
  --lang en|zh         language of the text output (default en)

Exit codes: 0 ok, 2 bad input or usage.

Example:
  $ echo '[{"coupon_id": "c1", "coupon_code": "SPRING100", "plan_name": "Spring voucher", "coupon_type": 1, "status": 2, "face_value": "100", "effective_time": "2024-01-01T00:00:00Z", "expire_time": "2024-12-31T00:00:00Z"}]' > wallet.json
  $ bss-storefront coupons - wallet.json --now 2024-06-01T00:00:00Z <<'EOF'
  {"order_type": "new", "charging_mode": "period", "period_type": 2, "period_num": 1,
   "lines": [{"id": "ecs", "cloud_service_type": "hws.service.type.ec2", "region": "cn-north-4", "official_amount": "1234.50"}]}
  EOF
  coupon     name            id  kind         status      eligible  max deduction  reasons
  ---------  --------------  --  -----------  ----------  --------  -------------  -------
  SPRING100  Spring voucher  c1  cash coupon  applicable  1,234.50         100.00

  1 of 1 coupons applicable
`,
  call: `Usage: bss-storefront call OPERATION [--body FILE] [--query key=value ...] [--format json|jsonl]

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
  --format FORMAT      json (default, indented) or jsonl (one line)

Exit codes: 0 ok, 1 the call failed (code and message are printed), 2 bad input or usage
(the request is checked before it is sent).

Example:
  $ bss-storefront call CheckUserIdentity --query search_type=name --query search_value=shop_2024 --format jsonl
  {"check_result":"available"}
`,
  order: `Usage: bss-storefront order ORDER_ID [--pay [--yes]] [--coupons ID,ID] [--discount ID|none] [--format text|json|jsonl] [--lang en|zh]

Fetches the pending order ORDER_ID through BssClient — ShowCustomerOrderDetails,
ListOrderDiscounts, ListOrderCouponsByOrderId, ShowCustomerAccountBalances and
ListStoredValueCards — and prints its price preview (quoteOrder) with every coupon and
stored-value card: used (what it takes), applicable (what it would take on its own), or not,
and why. The selection is --coupons and --discount, or without them the best combination.

With --pay it pays exactly that preview: it shows the payable amount, asks for confirmation on
the terminal (--yes: do not ask, for scripts) and sends the quote's PayOrders body. A selected
coupon or discount the order cannot use is refused before anything is paid.

Credentials come from the environment, as for call: BSS_AK, BSS_SK and BSS_DOMAIN_ID (or
BSS_TOKEN) of the customer, BSS_ENDPOINT for a sandbox or a signing proxy.

Options:
  --coupons ID,ID      the coupons and stored-value cards to use (ids, comma-separated)
  --discount ID|none   the discount to use; none: no discount (to use a discount coupon)
  --pay                pay the order after confirmation
  --yes                with --pay: do not ask (without a terminal --pay needs it)
  --format FORMAT      text (default); json: the quote with coupon_verdicts; jsonl: on one line
                       (with json and jsonl the payment's outcome goes to stderr)
  --lang en|zh         language of the text output (default en)

Exit codes: 0 ok (previewed, or paid), 1 a failed call (BSS's code and message are printed),
the order is not pending payment, or the payment was not confirmed, 2 bad input or usage,
130 Ctrl-C at the question.

Example:
  $ bss-storefront order CS2611011200EXAMPL
  order CS2611011200EXAMPL, pending payment until …

                                                        amount
  ---------------------------------------------------  -------
  official amount                                       232.00
  business discount "商务授权折扣 9折" (DSC-BIZ-90)     -23.20
  amount after discount                                 208.80
  cash coupon SBX-ORD-CASH-50                           -50.00
  flexi-purchase coupon SBX-ORD-FLEX-30                 -30.00
  stored-value card SVC2026110100000001 "储值卡 ¥120"  -120.00
  payable                                                 8.80
    paid from cash balance                                8.80

  line                       official  discount  coupons  flexi-purchase  stored-value card  payable
  -------------------------  --------  --------  -------  --------------  -----------------  -------
  CS2611011200EXAMPL-000001    204.00     20.40    43.97           26.38             105.51     7.74
  CS2611011200EXAMPL-000002     28.00      2.80     6.03            3.62              14.49     1.06
  -------------------------  --------  --------  -------  --------------  -----------------  -------
  total                        232.00     23.20    50.00           30.00             120.00     8.80

  coupons and cards:
  coupon               name         id                   verdict          amount  why
  -------------------  -----------  -------------------  --------------  -------  ------------------------------------------------------------------------------------------------------------
  SBX-ORD-CASH-50                   CP2026110100000011   used             -50.00
  SBX-ORD-FLEX-30                   CP2026110100000021   used             -30.00
  SBX-ORD-FLEX-20                   CP2026110100000022   applicable       -20.00
  SBX-ORD-DISC-85                   CP2026110100000031   not applicable           coupon_not_applicable: the coupon does not apply to this order: Cannot be combined with a business discount.
  SVC2026110100000001  储值卡 ¥120  SVC2026110100000001  used            -120.00
`,
};

const LANG = { type: 'string', choices: ['en', 'zh'] };
const FORMATS = { type: 'string', choices: ['text', 'json', 'jsonl', 'csv'] };

/** `argv` against `options` with node:util's parseArgs; usage errors say what was meant. */
function parseCommand(command, argv, options) {
  const spec = { help: { type: 'boolean', short: 'h' } };
  for (const [name, o] of Object.entries(options)) spec[name] = { type: o.type, multiple: o.multiple ?? false };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: spec, allowPositionals: true, strict: true });
  } catch (e) {
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const given = /'([^']*)'/.exec(e.message)?.[1] ?? '';
      const near = closest(given.replace(/^-+/, '').split('=')[0], Object.keys(spec));
      throw new UsageError(`unknown option ${given} for ${command}${near ? ` — did you mean --${near}?` : ''} (see bss-storefront ${command} --help)`);
    }
    if (typeof e.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS_')) throw new UsageError(e.message);
    throw e;
  }
  const flags = { ...parsed.values };
  for (const [name, o] of Object.entries(options)) {
    if (o.choices && flags[name] !== undefined && !o.choices.includes(flags[name])) {
      throw new UsageError(`--${name} must be one of ${o.choices.join(', ')} (got ${JSON.stringify(flags[name])})`);
    }
  }
  return { positionals: parsed.positionals, flags };
}

async function validate(argv, io) {
  const { positionals, flags } = parseCommand('validate', argv, {
    format: FORMATS, site: { type: 'string', choices: ['cn', 'intl'] }, lang: LANG, 'allow-unknown': { type: 'boolean' },
  });
  if (flags.help) return io.help('validate');
  if (positionals.length !== 1) throw new UsageError('validate takes one FILE (- for standard input)');
  const { out } = io;
  const w = words(flags.lang);
  const format = flags.format ?? 'text';
  const opts = { site: flags.site ?? 'cn' };
  // The columns a header must have: the fields the engine requires of an empty form.
  const required = lib.validateRegistration({}, opts).issues.filter((i) => i.code === 'required').map((i) => i.field);
  const input = await openForms(positionals[0], {
    required, allowUnknown: flags['allow-unknown'] ?? false, w, stdin: io.stdin,
    notice: (text) => io.stderr.write(`bss-storefront: ${text}\n`),
  });
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130); // a second Ctrl-C: now
    interrupted = true;
    input.stop();
  };
  process.on('SIGINT', onSigint);
  try {
    return await validateForms(input, { out, w, format, opts, io, interrupted: () => interrupted });
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function validateForms(input, { out, w, format, opts, io, interrupted }) {
  const progress = createProgress({ label: w.t('validating'), unit: w.t('rows'), total: input.size });
  const started = process.hrtime.bigint();
  let rows = 0;
  let invalid = 0;
  if (format === 'json') await out.write('{"invalid":[');
  if (format === 'csv') await out.write(csvRow(['row', 'line', 'field', 'code', 'message']));
  const report = async (rec, issues) => {
    invalid++;
    io.code = 1;
    if (format === 'json' || format === 'jsonl') {
      const json = JSON.stringify({ row: rec.row, line: rec.line, valid: false, issues });
      await out.write(format === 'jsonl' ? `${json}\n` : `${invalid === 1 ? '' : ','}\n${json}`);
    } else if (format === 'csv') {
      await out.write(issues.map((i) => csvRow([rec.row, rec.line, i.field, i.code, w.message(i)])).join(''));
    } else {
      const where = w.t('row', { row: rec.row, line: rec.line });
      await out.write(issues.map((i) => `${where}  ${i.field || '-'}  ${i.code}  ${w.message(i)}\n`).join(''));
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
    const done = batch;
    batch = [];
    for (const rec of done) {
      const issues = rec.error ? [{ ...rec.error, params: {} }] : issuesOf.get(rec);
      if (issues) await report(rec, issues);
    }
  };
  try {
    for await (const rec of input.forms) {
      if (interrupted()) break;
      rows++;
      batch.push(rec);
      if (batch.length === BATCH) await flush();
      if ((rows & 1023) === 0) progress.update(rows, input.position());
    }
  } catch (e) {
    // Bad input part-way (an unknown field on line N): the rows before it are reported first.
    if (e instanceof FileError) await flush();
    throw e;
  } finally {
    progress.done();
  }
  if (batch.length > 0) await flush();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const summary = {
    rows, valid: rows - invalid, invalid, seconds: Number(seconds.toFixed(3)),
    rows_per_second: Math.round(rows / Math.max(seconds, 1e-9)),
    ...(interrupted() ? { interrupted: true } : {}),
  };
  const line = w.t('summary', {
    rows: w.count(rows), valid: w.count(summary.valid), invalid: w.count(invalid),
    seconds: seconds.toFixed(2), rate: w.count(summary.rows_per_second),
  });
  if (format === 'json') await out.write(`${invalid === 0 ? '' : '\n'}],\n"summary":${JSON.stringify(summary)}}\n`);
  else if (format === 'jsonl') await out.write(JSON.stringify({ summary }) + '\n');
  else if (format === 'csv') io.stderr.write(`bss-storefront: ${line}\n`);
  else await out.write(line + '\n');
  if (interrupted()) {
    io.stderr.write(`bss-storefront: ${w.t('interrupted', { rows: w.count(rows) })}\n`);
    return 130;
  }
  return invalid === 0 ? 0 : 1;
}

/** Labels of the coupons and discounts in an input, by id (names and codes, never amounts). */
function labels(list) {
  const byId = new Map();
  for (const c of Array.isArray(list) ? list : []) {
    if (c && typeof c === 'object') byId.set(String(c.coupon_id ?? c.card_id ?? c.discount_id), c);
  }
  return (id) => {
    const c = byId.get(String(id)) ?? {};
    return { code: c.coupon_code, name: c.plan_name ?? c.promotion_plan_name ?? c.card_name ?? c.discount_name };
  };
}

/** A coupon or discount as people know it: its code (or id) and its name. */
const named = (id, { code, name }) => `${code ?? id}${name ? ` "${name}"` : ''}`;

/** The engine's reasons of a verdict or rejection, in the chosen language. */
const reasonText = (w, reasons) => reasons.map((r) => `${r.code}${r.limit_key ? ` (${r.limit_key})` : ''}: ${w.message(r)}`).join('; ');

async function coupons(argv, io) {
  const { positionals, flags } = parseCommand('coupons', argv, { format: FORMATS, now: { type: 'string' }, lang: LANG });
  if (flags.help) return io.help('coupons');
  if (positionals.length !== 2) throw new UsageError('coupons takes ORDER and COUPONS files (- for standard input)');
  const order = readJson(positionals[0], io);
  const wallet = walletCoupons(readJson(positionals[1], io), positionals[1]);
  const verdicts = lib.evaluateCoupons(order.text, wallet.text, flags.now ? { now: flags.now } : {});
  const { out } = io;
  const w = words(flags.lang);
  const format = flags.format ?? 'text';
  const label = labels(wallet.list);
  if (format === 'json') return out.write(JSON.stringify(verdicts, null, 2) + '\n').then(() => 0);
  if (format === 'jsonl') return out.write(verdicts.map((v) => JSON.stringify(v) + '\n').join('')).then(() => 0);
  if (format === 'csv') {
    const header = ['coupon_id', 'coupon_code', 'name', 'kind', 'status', 'eligible_amount', 'available', 'max_deduction', 'reason_codes', 'reasons'];
    const rows = verdicts.map((v) => {
      const { code, name } = label(v.coupon_id);
      return csvRow([v.coupon_id, code, name, v.kind, v.status, v.eligible_amount, v.available, v.max_deduction,
        v.reasons.map((r) => r.code).join(';'), v.reasons.map((r) => w.message(r)).join('; ')]);
    });
    return out.write(csvRow(header) + rows.join('')).then(() => 0);
  }
  const rows = verdicts.map((v) => {
    const { code, name } = label(v.coupon_id);
    return [code ?? v.coupon_id, name ?? '', v.coupon_id, w.t(v.kind ?? 'unknown_kind'), w.t(v.status),
      money(v.eligible_amount), money(v.max_deduction), reasonText(w, v.reasons)];
  });
  const header = ['coupon', 'name', 'id', 'kind', 'status', 'eligible', 'max_deduction', 'reasons'].map((k) => w.t(k));
  await out.write(table(header, rows, { right: [5, 6] }));
  const usable = verdicts.filter((v) => v.status === 'applicable').length;
  await out.write(`\n${w.t('applicable_count', { usable: w.count(usable), total: w.count(verdicts.length) })}\n`);
  return 0;
}

/** The money columns of a quote and its lines, in the order they are deducted. */
const COLUMNS = [
  ['official_amount', 'official'], ['discount_amount', 'discount'], ['coupon_amount', 'coupons'],
  ['flexipurchase_coupon_amount', 'flexi'], ['stored_card_amount', 'card'], ['truncated_amount', 'truncated'],
  ['payable', 'payable'],
];

/**
 * A quote as text: the deductions from the official amount to the payable amount (and how
 * the balances pay it, with `payment`), the lines with every non-zero money column, and what
 * was not used and why.
 */
async function quoteText(out, w, q, { couponLabel, discountLabel, payment }) {
  const summary = [[w.t('official_amount'), money(q.official_amount)]];
  if (q.discount || !isZero(q.discount_amount)) {
    const d = q.discount;
    const dname = d && discountLabel(d.discount_id).name;
    const name = d ? `${dname ? `"${dname}" ` : ''}(${d.discount_id})` : '';
    summary.push([w.t('discount_of', { kind: d ? w.t(d.kind) : '', name }).trim(), minus(q.discount_amount)]);
    summary.push([w.t('amount_after_discount'), money(q.amount_after_discount)]);
  }
  for (const c of q.coupons) summary.push([`${w.t(c.kind)} ${named(c.coupon_id, couponLabel(c.coupon_id))}`, minus(c.deducted)]);
  if (!isZero(q.truncated_amount)) summary.push([w.t('cut'), minus(q.truncated_amount)]);
  summary.push([w.t('payable'), money(q.payable)]);
  // How the balances pay it, when the input gives balances.
  for (const [key, k] of payment ? [['cash', 'paid_cash'], ['credit', 'paid_credit'], ['unpaid', 'unpaid']] : []) {
    if (!isZero(q.payment[key])) summary.push([w.t(k), money(q.payment[key])]);
  }
  await out.write(table(['', w.t('amount')], summary, { right: [1] }));
  // Every column that is not zero on some line or in the total, so that each row adds up.
  const shown = COLUMNS.filter(([k], i) => i === 0 || k === 'payable' || !isZero(q[k]) || q.lines.some((l) => !isZero(l[k])));
  const row = (id, x) => [id, ...shown.map(([k]) => money(x[k]))];
  await out.write('\n' + table([w.t('line'), ...shown.map(([, label]) => w.t(label))],
    [...q.lines.map((l) => row(l.id, l)), null, row(w.t('total'), q)],
    { right: shown.map((_, i) => i + 1) }));
  if (q.rejected.length > 0) {
    const label = (r) => named(r.id, r.code === 'unknown_discount' || r.code === 'discount_not_applicable' || r.code === 'order_adjustment_mandatory' ? discountLabel(r.id) : couponLabel(r.id));
    await out.write(`\n${w.t('not_used')}\n${table([w.t('offer'), w.t('code'), w.t('why')], q.rejected.map((r) => [label(r), r.code, w.message(r)]))}`);
  }
}

async function quote(argv, io) {
  const { positionals, flags } = parseCommand('quote', argv, { format: FORMATS, lang: LANG });
  if (flags.help) return io.help('quote');
  if (positionals.length !== 1) throw new UsageError('quote takes one FILE (- for standard input)');
  const input = readJson(positionals[0], io);
  const q = lib.quote(input.text);
  const { out } = io;
  const format = flags.format ?? 'text';
  if (format === 'json') return out.write(JSON.stringify(q, null, 2) + '\n').then(() => 0);
  if (format === 'jsonl') return out.write(JSON.stringify(q) + '\n').then(() => 0);
  if (format === 'csv') {
    const keys = COLUMNS.map(([k]) => k);
    return out.write(csvRow(['id', ...keys]) + q.lines.map((l) => csvRow([l.id, ...keys.map((k) => l[k])])).join('')).then(() => 0);
  }
  await quoteText(out, words(flags.lang), q, {
    couponLabel: labels(input.doc?.coupons), discountLabel: labels(input.doc?.discounts), payment: Boolean(input.doc?.balances),
  });
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

/** Client error codes that mean the request itself is wrong: it was never sent. */
const REQUEST_ERRORS = new Set(['invalid_option', 'unknown_operation', 'invalid_input', 'invalid_request']);

async function call(argv, io) {
  const { positionals, flags } = parseCommand('call', argv, {
    body: { type: 'string' }, query: { type: 'string', multiple: true }, format: { type: 'string', choices: ['json', 'jsonl'] },
  });
  if (flags.help) return io.help('call');
  if (positionals.length !== 1) throw new UsageError('call takes one OPERATION');
  const operation = positionals[0].charAt(0).toUpperCase() + positionals[0].slice(1);
  // The client takes an object: string amounts keep their digits, JSON numbers are JS numbers.
  const input = flags.body ? readJson(flags.body, io).doc : {};
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new FileError(`${flags.body}: the body must be a JSON object`);
  }
  for (const q of flags.query ?? []) {
    const [key, value] = queryPair(q);
    input[key] = value;
  }
  const { env, stderr, out } = io;
  const client = clientFromEnv(env);
  try {
    const result = await client.call(operation, input);
    await out.write((flags.format === 'jsonl' ? JSON.stringify(result) : JSON.stringify(result, null, 2)) + '\n');
    return 0;
  } catch (e) {
    return callFailed(e, stderr);
  }
}

/** A failed client call on stderr; its exit code (2: the request was never sent, 1: it failed). */
function callFailed(e, stderr) {
  if (!(e instanceof lib.BssError)) throw e;
  // The error's own fields only: the client never puts secrets in them.
  let text = `bss-storefront: ${e.code}: ${e.message}\n`;
  if (e.status) text += `  status: ${e.status}\n`;
  if (e.request_id) text += `  request_id: ${e.request_id}\n`;
  for (const i of e.issues ?? []) text += `  ${i.field || '-'}  ${i.code}  ${i.message}\n`;
  stderr.write(text);
  return REQUEST_ERRORS.has(e.code) ? 2 : 1;
}

/** The client of the environment's credentials and endpoint (`call` and `order`). */
function clientFromEnv(env) {
  const credentials = credentialsFromEnv(env);
  return new lib.BssClient({ ...(env.BSS_ENDPOINT ? { endpoint: env.BSS_ENDPOINT } : {}), ...(credentials ? { credentials } : {}) });
}

/** The BSS bodies quoteOrder takes for `orderId`, fetched with `client` (as docs/pricing.md lists them). */
async function orderBodies(client, orderId, lang) {
  const [details, discounts, coupons, balances, cards] = await Promise.all([
    client.showCustomerOrderDetails({ order_id: orderId, limit: 100, x_language: lang === 'zh' ? 'zh_CN' : 'en_US' }),
    client.listOrderDiscounts({ order_id: orderId }),
    client.listOrderCouponsByOrderId({ order_id: orderId }),
    client.showCustomerAccountBalances(),
    client.listStoredValueCards({ status: 1 }),
  ]);
  return { details, discounts, coupons, balances, cards };
}

/** The selection of --coupons and --discount ("none": no discount); "best" without either. */
function orderSelection(flags) {
  if (flags.coupons === undefined && flags.discount === undefined) return 'best';
  const ids = (flags.coupons ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '');
  if (flags.coupons !== undefined && ids.length === 0) throw new UsageError('--coupons takes coupon or card ids separated by commas');
  const selection = { coupon_ids: ids };
  if (flags.discount !== undefined) selection.discount_id = flags.discount === 'none' ? null : flags.discount;
  return selection;
}

/**
 * Every coupon and card of the order with its verdict under the quote's discount: used (what
 * it takes), not used (why), or, for one not selected, what it would take on its own or why not.
 */
function couponVerdicts(bodies, q) {
  const held = [...(bodies.coupons?.user_coupons ?? []), ...(bodies.cards?.stored_value_cards ?? [])];
  return held.map((c) => {
    const id = String(c.coupon_id ?? c.card_id);
    const used = q.coupons.find((u) => u.coupon_id === id);
    if (used) return { coupon_id: id, verdict: 'used', kind: used.kind, deducted: used.deducted };
    const rejected = q.rejected.find((r) => r.id === id);
    if (rejected) return { coupon_id: id, verdict: 'unused', rejection: rejected };
    const alone = lib.quoteOrder({ ...bodies, selection: { discount_id: q.discount?.discount_id ?? null, coupon_ids: [id] } });
    const u = alone.coupons.find((x) => x.coupon_id === id);
    if (u) return { coupon_id: id, verdict: 'applicable', kind: u.kind, deducted: u.deducted };
    return { coupon_id: id, verdict: 'not_applicable', rejection: alone.rejected.find((r) => r.id === id) };
  });
}

/** Asks on the terminal: 'yes' for y or yes, 'no' for anything else or end of input, 'interrupted' for Ctrl-C. */
async function confirm(stdin, stderr, question) {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: stdin, output: stderr });
  const interrupt = new AbortController();
  let sigint = false;
  rl.on('SIGINT', () => {
    sigint = true;
    interrupt.abort();
  });
  rl.on('close', () => interrupt.abort()); // end of input: the question would wait for ever
  try {
    return /^y(es)?$/i.test((await rl.question(question, { signal: interrupt.signal })).trim()) ? 'yes' : 'no';
  } catch {
    // Ctrl-D or Ctrl-C closes the question: never a yes.
    stderr.write('\n');
    return sigint ? 'interrupted' : 'no';
  } finally {
    rl.close();
  }
}

async function order(argv, io) {
  const { positionals, flags } = parseCommand('order', argv, {
    format: { type: 'string', choices: ['text', 'json', 'jsonl'] }, lang: LANG, pay: { type: 'boolean' }, yes: { type: 'boolean' },
    coupons: { type: 'string' }, discount: { type: 'string' },
  });
  if (flags.help) return io.help('order');
  if (positionals.length !== 1) throw new UsageError('order takes one ORDER_ID');
  if (flags.yes && !flags.pay) throw new UsageError('--yes confirms a payment: use it with --pay');
  const orderId = positionals[0];
  const selection = orderSelection(flags);
  const { env, stderr, out } = io;
  const w = words(flags.lang);
  const format = flags.format ?? 'text';
  // Checked before anything is fetched: a script without a terminal must say --yes.
  const stdin = flags.pay && !flags.yes ? io.stdin() : null;
  if (stdin && !stdin.isTTY) throw new UsageError('--pay asks for confirmation on a terminal: standard input is not one; add --yes to pay without asking');
  const client = clientFromEnv(env);
  let bodies;
  try {
    bodies = await orderBodies(client, orderId, flags.lang);
  } catch (e) {
    return callFailed(e, stderr);
  }
  const status = bodies.details?.order_info?.status;
  if (status !== 6) {
    stderr.write(`bss-storefront: ${w.t('not_pending', { order: orderId, status })}\n`);
    return 1;
  }
  const q = lib.quoteOrder({ ...bodies, selection });
  const verdicts = couponVerdicts(bodies, q);
  if (format === 'json') await out.write(JSON.stringify({ ...q, coupon_verdicts: verdicts }, null, 2) + '\n');
  else if (format === 'jsonl') await out.write(JSON.stringify({ ...q, coupon_verdicts: verdicts }) + '\n');
  else await orderText(out, w, q, bodies, verdicts);
  if (!flags.pay) return 0;
  // Pay exactly what was previewed: a requested coupon or discount that is not used is a
  // wrong selection, never a silent change of the amount.
  if (q.rejected.length > 0) {
    throw new UsageError(w.t('not_paying_rejected', { ids: q.rejected.map((r) => r.id).join(', ') }));
  }
  const amount = w.t('pay_amount', { payable: money(q.payable), order: orderId });
  const answer = stdin ? await confirm(stdin, stderr, `${amount} [y/N] `) : 'yes';
  if (answer !== 'yes') {
    stderr.write(`bss-storefront: ${w.t('not_paid')}\n`);
    return answer === 'interrupted' ? 130 : 1;
  }
  try {
    await client.payOrders(q.pay_request);
  } catch (e) {
    return callFailed(e, stderr);
  }
  const paid = `${w.t('paid', { payable: money(q.payable), order: orderId })}\n`;
  if (format === 'text') await out.write(paid);
  else stderr.write(`bss-storefront: ${paid}`);
  return 0;
}

/** The text of `order`: the order, the quote (with the balances), every coupon's verdict. */
async function orderText(out, w, q, bodies, verdicts) {
  const info = bodies.details.order_info;
  await out.write(`${w.t('order_head', { order: q.order_id, deadline: info.pending_payment_end_time ?? '' })}\n\n`);
  const couponLabel = labels([...(bodies.coupons?.user_coupons ?? []), ...(bodies.cards?.stored_value_cards ?? [])]);
  const discountLabel = labels(bodies.discounts?.discounts);
  await quoteText(out, w, q, { couponLabel, discountLabel, payment: true });
  if (verdicts.length === 0) return;
  const rows = verdicts.map((v) => {
    const { code, name } = couponLabel(v.coupon_id);
    const r = v.rejection;
    const why = r ? `${r.code}: ${w.message(r)}` : '';
    return [code ?? v.coupon_id, name ?? '', v.coupon_id, w.t(v.verdict), v.deducted ? minus(v.deducted) : '', why];
  });
  const header = ['coupon', 'name', 'id', 'verdict', 'amount', 'why'].map((k) => w.t(k));
  await out.write(`\n${w.t('coupon_verdicts')}\n${table(header, rows, { right: [4] })}`);
}

const COMMANDS = { validate, quote, coupons, call, order };

/**
 * Runs the CLI with `argv` (without node and the script); resolves to the exit code.
 * `stdin` is a function returning the standard input stream (read only when `-` is given).
 */
export async function run(argv, { stdout = process.stdout, stderr = process.stderr, env = process.env, stdin = () => process.stdin } = {}) {
  const out = createOutput(stdout);
  // `code`: the exit code of what has been written so far, for a reader that goes away.
  const io = { out, stderr, env, stdin, code: 0, help: (name) => out.write(HELP[name]).then(() => 0) };
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
    if (!handler) {
      const near = closest(command, Object.keys(COMMANDS));
      throw new UsageError(`unknown command ${JSON.stringify(command)}${near ? ` — did you mean ${near}?` : ''} (see bss-storefront --help)`);
    }
    return await handler(rest, io);
  } catch (e) {
    if (e instanceof OutputClosed) return io.code;
    if (e instanceof UsageError || e instanceof FileError) {
      stderr.write(`bss-storefront: ${e.message}\n`);
      return 2;
    }
    // The engine throws only for input it cannot read (the client's errors are handled by call).
    if (e instanceof lib.BssError) {
      stderr.write(`bss-storefront: ${e.code}: ${e.message}\n`);
      return 2;
    }
    throw e;
  } finally {
    out.close();
  }
}

