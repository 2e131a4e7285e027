// A small argv parser: positionals, `--flag value`, `--flag=value`, repeatable flags and
// booleans, with usage errors as exceptions the CLI turns into exit code 2.

export class UsageError extends Error {}

/**
 * Parses `argv` against `spec`: `{ flagName: { type: 'string' | 'boolean' | 'list', short? } }`.
 * Returns `{ positionals, flags }`.
 */
export function parseArgs(argv, spec) {
  const flags = {};
  const positionals = [];
  const byShort = Object.fromEntries(
    Object.entries(spec).filter(([, s]) => s.short).map(([name, s]) => [s.short, name]),
  );
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let name;
    let inline;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    } else if (arg.length === 2 && arg[0] === '-' && arg[1] !== '-') {
      name = byShort[arg[1]];
      if (!name) throw new UsageError(`unknown option ${arg}`);
    } else {
      positionals.push(arg);
      continue;
    }
    const s = spec[name];
    if (!s) throw new UsageError(`unknown option --${name}`);
    if (s.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (s.choices && !s.choices.includes(value)) {
      throw new UsageError(`--${name} must be one of ${s.choices.join(', ')} (got ${JSON.stringify(value)})`);
    }
    if (s.type === 'list') (flags[name] ??= []).push(value);
    else flags[name] = value;
  }
  return { positionals, flags };
}
