// A capped list of example values kept in first-seen order; mergeable, so the same examples come
// out however the exchanges were grouped on the way.

/** Examples kept per parameter. */
export const EXAMPLES_CAP = 5;

export interface ExampleSet {
  /** value → index of the first exchange it was seen in; at most EXAMPLES_CAP entries. */
  first: Map<string, number>;
  /** The largest index in `first` (-1 when empty): a full set ignores later values at a glance. */
  latest: number;
  /** Whether `first` holds EXAMPLES_CAP values (kept in step with it, read without touching the map). */
  full: boolean;
  /** The value noteExample saw last (a constant segment then costs one comparison). */
  last: string | undefined;
}

export function createExamples(): ExampleSet {
  return { first: new Map(), latest: -1, full: false, last: undefined };
}

/**
 * addExample for a stream whose indexes only grow (the recorded order): repeats are skipped, and so
 * is everything once the set is full, since a later index can no longer displace a kept value.
 */
export function noteExample(set: ExampleSet, value: string, index: number): void {
  if (set.full && index > set.latest) return;
  if (value === set.last) return;
  set.last = value;
  addExample(set, value, index);
}

/** Records `value` seen in exchange number `index`; keeps the EXAMPLES_CAP earliest values. */
export function addExample(set: ExampleSet, value: string, index: number): void {
  if (set.full && index > set.latest) return;
  const known = set.first.get(value);
  if (known !== undefined) {
    if (index < known) {
      set.first.set(value, index);
      set.latest = Math.max(...set.first.values());
    }
    return;
  }
  if (set.first.size < EXAMPLES_CAP) {
    set.first.set(value, index);
    set.latest = Math.max(set.latest, index);
    set.full = set.first.size >= EXAMPLES_CAP;
    return;
  }
  let latest: string | undefined;
  let latestIndex = -1;
  for (const [v, i] of set.first) {
    if (i > latestIndex || (i === latestIndex && latest !== undefined && v > latest)) {
      latest = v;
      latestIndex = i;
    }
  }
  if (latest !== undefined && index < latestIndex) {
    set.first.delete(latest);
    set.first.set(value, index);
    set.latest = Math.max(...set.first.values());
  }
}

export function mergeExamples(into: ExampleSet, from: ExampleSet): void {
  for (const [value, index] of from.first) addExample(into, value, index);
}

/** The examples in first-seen order (ties by value). */
export function listExamples(set: ExampleSet): string[] {
  return [...set.first].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([v]) => v);
}
