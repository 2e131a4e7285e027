// Runs the `bss-storefront` command as a real process, for the CLI tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../pkg/bin/bss-storefront.mjs', import.meta.url));

/** A temporary folder for one test file: `write(name, text)` returns the path; `remove()`. */
export function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bss-cli-'));
  return {
    dir,
    write(name, text) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return file;
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Starts the CLI with `args`; `input` (a string) is written to its stdin, which is then closed
 * unless `keepStdin`. Returns the child and `done`, a promise of { code, signal, stdout, stderr }.
 */
export function start(args, { cwd, nodeArgs = [], env = {}, input, keepStdin = false } = {}) {
  const child = spawn(process.execPath, [...nodeArgs, BIN, ...args], {
    cwd, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
  child.stdin.on('error', () => {}); // a CLI that stops reading early closes its end
  const done = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  if (input !== undefined) child.stdin.write(input);
  if (!keepStdin) child.stdin.end();
  return { child, done, output: () => stdout };
}

/** Runs the CLI to the end: { code, stdout, stderr }. */
export async function cli(args, options = {}) {
  const { code, stdout, stderr } = await start(args, options).done;
  return { code, stdout, stderr };
}

/** Resolves once `test(stdout so far)` holds (checked on each chunk of output). */
export function outputMatches(child, read, test) {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (test(read())) {
        child.stdout.off('data', check);
        resolve();
      }
    };
    child.stdout.on('data', check);
    child.on('close', () => reject(new Error(`the CLI ended before the expected output: ${read().slice(-300)}`)));
    check();
  });
}
