// The CLI's own errors, and the "did you mean" of a misspelt name.

/** A wrong command line (exit code 2). */
export class UsageError extends Error {}

/** A problem with an input as a whole: unreadable, not JSON, wrong columns (exit code 2). */
export class FileError extends Error {}

/**
 * True for the names of standard input: `-`, and `/dev/stdin`, which cannot be opened when
 * standard input is a socket (as Node's child processes get it), so it is read like `-`.
 */
export const isStdin = (file) => file === '-' || file === '/dev/stdin';

/** Compared without case and separators, so `Password`, `mobile-phone` and `xaccountId` match. */
const fold = (name) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Edit distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a, b) {
  let prev2 = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row.push(d);
    }
    prev2 = prev;
    prev = row;
  }
  return prev[b.length];
}

/**
 * The candidate closest to `name`, or undefined when none is near: at most a third of the
 * name's letters differ (and at least one may), so `passwd` finds `password` and `nickname`
 * finds nothing.
 */
export function closest(name, candidates) {
  const folded = fold(name);
  let best;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(folded, fold(c));
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(folded.length / 3)) ? best : undefined;
}
