// A bounded, order-independent record of the distinct primitive values one field held: exact up
// to `cap` distinct values, then only "more than cap". Which values it ends with depends only on the
// multiset of values seen, never on their order, so merged schemas and evidence are
// order-independent. Long strings are counted by a bigint digest and never shown.

/** A counted value: booleans, numbers, short strings as themselves; long strings as a digest. */
export type DistinctKey = boolean | number | string | bigint;

/** How many of the smallest values are shown (FieldEvidence.values). */
export const SHOWN = 10;

export interface DistinctSet {
  readonly cap: number;
  /**
   * Every distinct key while there are at most `cap`; undefined once there were more. Dropping it
   * then keeps the per-value cost of a high-cardinality field (ids, timestamps) at one check.
   */
  all: Set<DistinctKey> | undefined;
  /** The last key added: a repeat of it (a constant field) skips the hash lookup. */
  last: DistinctKey | undefined;
}

/** Strings longer than this are counted as a digest. */
export const MAX_KEPT_STRING = 256;

export function createDistinctSet(cap: number): DistinctSet {
  return { cap, all: new Set(), last: undefined };
}

/** The key `value` is counted under. */
export function distinctKey(value: boolean | number | string): DistinctKey {
  return typeof value === 'string' && value.length > MAX_KEPT_STRING ? digestString(value) : value;
}

/** Adds one value's key. */
export function addDistinct(set: DistinctSet, key: DistinctKey): void {
  const all = set.all;
  if (all === undefined || key === set.last) return;
  set.last = key;
  if (all.has(key)) return;
  if (all.size < set.cap) all.add(key);
  else set.all = undefined;
}

/** Adds every key of `from` into `into` (the same result as seeing both value streams). */
export function mergeDistinct(into: DistinctSet, from: DistinctSet): void {
  if (from.all === undefined) into.all = undefined;
  else for (const key of from.all) addDistinct(into, key);
}

/** How many distinct values were seen, or `cap` when there were more (see isCapped). */
export function distinctCount(set: DistinctSet): number {
  return set.all === undefined ? set.cap : set.all.size;
}

export function isCapped(set: DistinctSet): boolean {
  return set.all === undefined;
}

/** Up to SHOWN of the smallest distinct values, sorted; none once the set is capped. */
export function smallestValues(set: DistinctSet): Array<string | number | boolean> {
  if (set.all === undefined) return [];
  const values = [...set.all].filter((k): k is string | number | boolean => typeof k !== 'bigint');
  return values.sort(compareKeys).slice(0, SHOWN);
}

/** Every distinct value, sorted, when all are known and none is a digest; else undefined. */
export function allValues(set: DistinctSet): Array<string | number | boolean> | undefined {
  if (set.all === undefined) return undefined;
  const values: Array<string | number | boolean> = [];
  for (const key of set.all) {
    if (typeof key === 'bigint') return undefined;
    values.push(key);
  }
  return values.sort(compareKeys);
}

/** Total order: booleans, then numbers, then strings, then digests; natural order inside each. */
export function compareKeys(a: DistinctKey, b: DistinctKey): number {
  const ta = typeof a;
  const tb = typeof b;
  if (ta === tb) return a < b ? -1 : a > b ? 1 : 0;
  return rank(ta) - rank(tb);
}

function rank(type: string): number {
  switch (type) {
    case 'boolean':
      return 0;
    case 'number':
      return 1;
    case 'string':
      return 2;
    default:
      return 3;
  }
}

/** 64-bit digest of a string (two 32-bit multiplicative hashes with different seeds). */
function digestString(value: string): bigint {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ value.length;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (BigInt(h1 >>> 0) << 32n) | BigInt(h2 >>> 0);
}
