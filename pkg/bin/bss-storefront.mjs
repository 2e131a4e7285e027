#!/usr/bin/env node
import { run } from '../cli/main.mjs';

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (e) {
  // Not an input problem: a bug in bss-storefront. A code of its own, so scripts can tell.
  process.stderr.write(`bss-storefront: internal error: ${e?.stack ?? e}\n`);
  process.exitCode = 70;
}
