// What a path knows of a scalar flag: one integer, or one of a few sign classes learnt from tests against zero
// (`if (r < 0) goto err;` says r < 0 on one edge and r >= 0 on the other). A value is one number so that states
// stay cheap to compare: exact values are themselves, the classes are sentinels far below any real constant.
import { NONZERO_FLAG, type FlagOp } from './ir';

/** r < 0 / r > 0 / r >= 0 / r <= 0, learnt from status tests (OpenSC's `if (_ret < 0)`). */
export const NEGATIVE_FLAG = NONZERO_FLAG + 1;
export const POSITIVE_FLAG = NONZERO_FLAG + 2;
export const NON_NEGATIVE_FLAG = NONZERO_FLAG + 3;
export const NON_POSITIVE_FLAG = NONZERO_FLAG + 4;

interface Range {
  lo: number;
  hi: number;
  /** Zero excluded (only meaningful when the range spans it). */
  notZero: boolean;
}

const INF = Number.POSITIVE_INFINITY;

const CLASSES: ReadonlyArray<readonly [number, Range]> = [
  [NONZERO_FLAG, { lo: -INF, hi: INF, notZero: true }],
  [NEGATIVE_FLAG, { lo: -INF, hi: -1, notZero: false }],
  [POSITIVE_FLAG, { lo: 1, hi: INF, notZero: false }],
  [NON_NEGATIVE_FLAG, { lo: 0, hi: INF, notZero: false }],
  [NON_POSITIVE_FLAG, { lo: -INF, hi: 0, notZero: false }],
];

/** A sign class rather than one known integer. */
export function isFlagClass(value: number): boolean {
  return CLASSES.some(([v]) => v === value);
}

function rangeOf(value: number): Range {
  for (const [v, r] of CLASSES) if (v === value) return r;
  return { lo: value, hi: value, notZero: false };
}

/** The values `x op k` allows; `!=` other than zero allows too much to say (undefined). */
function testRange(op: FlagOp, k: number): Range | undefined {
  switch (op) {
    case '==':
      return { lo: k, hi: k, notZero: false };
    case '!=':
      return k === 0 ? { lo: -INF, hi: INF, notZero: true } : undefined;
    case '<':
      return { lo: -INF, hi: k - 1, notZero: false };
    case '<=':
      return { lo: -INF, hi: k, notZero: false };
    case '>':
      return { lo: k + 1, hi: INF, notZero: false };
    case '>=':
      return { lo: k, hi: INF, notZero: false };
  }
}

function intersect(a: Range, b: Range): Range | undefined {
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  const notZero = (a.notZero || b.notZero) && lo <= 0 && hi >= 0;
  if (lo > hi) return undefined;
  if (notZero && lo === 0 && hi === 0) return undefined;
  if (notZero && lo === 0) return { lo: 1, hi, notZero: false };
  if (notZero && hi === 0) return { lo, hi: -1, notZero: false };
  return { lo, hi, notZero };
}

function contains(outer: Range, inner: Range): boolean {
  if (outer.lo > inner.lo || outer.hi < inner.hi) return false;
  return !outer.notZero || !(inner.lo <= 0 && inner.hi >= 0 && !inner.notZero);
}

/** The tightest value this domain has for a range (an over-approximation), or undefined when it says nothing. */
function valueOf(r: Range): number | undefined {
  if (r.lo === r.hi) return r.lo;
  let best: number | undefined;
  let bestRange: Range | undefined;
  for (const [v, c] of CLASSES) {
    if (!contains(c, r)) continue;
    if (!bestRange || contains(bestRange, c)) {
      best = v;
      bestRange = c;
    }
  }
  return best;
}

/** Whether `x op k` can hold for a flag known to hold `value`. */
export function flagHolds(value: number, op: FlagOp, k: number): boolean {
  if (op === '!=' && k !== 0) return value !== k;
  return intersect(rangeOf(value), testRange(op, k)!) !== undefined;
}

/** What is known after `x op k` holds on an edge: `known` narrowed (undefined when nothing can be said). */
export function flagAfterTest(known: number | undefined, op: FlagOp, k: number): number | undefined {
  const test = testRange(op, k);
  if (!test) return known;
  if (known === undefined) return valueOf(test);
  const r = intersect(rangeOf(known), test);
  return r ? (valueOf(r) ?? known) : known;
}

/** What two paths that meet both allow (undefined: nothing). */
export function flagJoin(a: number, b: number): number | undefined {
  if (a === b) return a;
  const ra = rangeOf(a);
  const rb = rangeOf(b);
  const lo = Math.min(ra.lo, rb.lo);
  const hi = Math.max(ra.hi, rb.hi);
  const notZero = !(ra.lo <= 0 && ra.hi >= 0 && !ra.notZero) && !(rb.lo <= 0 && rb.hi >= 0 && !rb.notZero);
  return valueOf({ lo, hi, notZero: notZero && lo <= 0 && hi >= 0 });
}
