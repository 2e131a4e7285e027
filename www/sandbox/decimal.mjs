// Exact decimal arithmetic for the sandbox's prices (BigInt, 12 decimal places): the test
// double must not round money through floats either.
const SCALE = 12;
const ONE = 10n ** BigInt(SCALE);

export class Dec {
  constructor(units) { this.units = units; }

  static of(value) {
    const text = String(value).trim();
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
    if (!m) throw new Error(`not a decimal: ${text}`);
    const frac = (m[3] ?? '').slice(0, SCALE).padEnd(SCALE, '0');
    const units = BigInt(m[2]) * ONE + BigInt(frac);
    return new Dec(m[1] ? -units : units);
  }

  add(o) { return new Dec(this.units + Dec.of(o).units); }
  sub(o) { return new Dec(this.units - Dec.of(o).units); }
  mul(o) { return new Dec((this.units * Dec.of(o).units) / ONE); }
  cmp(o) { const d = this.units - Dec.of(o).units; return d < 0n ? -1 : d > 0n ? 1 : 0; }
  isZero() { return this.units === 0n; }

  /** Truncated (toward zero) to `dp` decimal places, written with exactly `dp` places. */
  fixed(dp) {
    const neg = this.units < 0n;
    const abs = neg ? -this.units : this.units;
    const cut = abs / 10n ** BigInt(SCALE - dp);
    const s = cut.toString().padStart(dp + 1, '0');
    const text = dp ? `${s.slice(0, -dp)}.${s.slice(-dp)}` : s;
    return neg && cut !== 0n ? `-${text}` : text;
  }

  toString() { return this.fixed(SCALE).replace(/\.?0+$/, '') || '0'; }
  toJSON() { return this.toString(); }
}

/** A JSON number written with these exact digits (see `stringify`). */
export class RawNumber {
  constructor(text) { this.text = text; }
}

/** JSON text in which RawNumber values are bare number tokens with their exact digits. */
export function stringify(value) {
  const marked = JSON.stringify(value, (_, v) => (v instanceof RawNumber ? `@@raw:${v.text}@@` : v));
  return marked.replace(/"@@raw:(-?[0-9.]+)@@"/g, '$1');
}
