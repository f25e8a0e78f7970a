// Latency percentiles from a bounded, order-independent accumulator: exact while small, a
// log-bucket histogram (about 1% relative error) once it holds more than EXACT_LIMIT timings.
import type { LatencyStats } from './types.js';

/** Timings kept exactly before switching to buckets. */
export const EXACT_LIMIT = 2048;
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
/** The bucket of timings under a microsecond (counted as 0 ms). */
const ZERO_BUCKET = -1_000_000;

export interface LatencyAccumulator {
  count: number;
  max: number;
  /** Exact timings while count <= EXACT_LIMIT, else undefined. */
  exact: number[] | undefined;
  /** Bucket index → count once exact is dropped; bucket i holds [GROWTH^i, GROWTH^(i+1)). */
  buckets: Map<number, number> | undefined;
}

export function createLatency(): LatencyAccumulator {
  return { count: 0, max: 0, exact: [], buckets: undefined };
}

/** Records one timing in milliseconds (negative or non-finite values are ignored). */
export function addLatency(acc: LatencyAccumulator, ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) return;
  acc.count += 1;
  if (ms > acc.max) acc.max = ms;
  if (acc.exact) {
    acc.exact.push(ms);
    if (acc.exact.length > EXACT_LIMIT) switchToBuckets(acc);
  } else {
    bump(acc.buckets as Map<number, number>, bucketOf(ms), 1);
  }
}

/** Merges `from` into `into`, as if every timing had been added to `into`. */
export function mergeLatency(into: LatencyAccumulator, from: LatencyAccumulator): void {
  if (from.exact) {
    for (const ms of from.exact) addLatency(into, ms);
    return;
  }
  into.count += from.count;
  into.max = Math.max(into.max, from.max);
  if (into.exact) switchToBuckets(into);
  for (const [bucket, n] of from.buckets as Map<number, number>) bump(into.buckets as Map<number, number>, bucket, n);
}

/** p50, p95 (nearest rank) and max; zeros when nothing was recorded. */
export function latencyStats(acc: LatencyAccumulator): LatencyStats {
  if (acc.count === 0) return { p50: 0, p95: 0, max: 0 };
  const sorted = acc.exact ? new Float64Array(acc.exact).sort() : undefined;
  return { p50: percentile(acc, 0.5, sorted), p95: percentile(acc, 0.95, sorted), max: round(acc.max) };
}

/** Nearest-rank percentile `q` (0 < q <= 1); `sorted` is the exact timings in order, when exact. */
export function percentile(acc: LatencyAccumulator, q: number, sorted = acc.exact ? new Float64Array(acc.exact).sort() : undefined): number {
  const rank = Math.max(1, Math.ceil(q * acc.count));
  if (sorted) return round(sorted[rank - 1] ?? 0);
  let seen = 0;
  const buckets = [...(acc.buckets as Map<number, number>)].sort((a, b) => a[0] - b[0]);
  for (const [bucket, n] of buckets) {
    seen += n;
    if (seen >= rank) return round(Math.min(acc.max, bucketValue(bucket)));
  }
  return round(acc.max);
}

function switchToBuckets(acc: LatencyAccumulator): void {
  const buckets = new Map<number, number>();
  for (const ms of acc.exact ?? []) bump(buckets, bucketOf(ms), 1);
  acc.exact = undefined;
  acc.buckets = buckets;
}

function bucketOf(ms: number): number {
  return ms < 1e-3 ? ZERO_BUCKET : Math.floor(Math.log(ms) / LOG_GROWTH);
}

/** The geometric middle of a bucket. */
function bucketValue(bucket: number): number {
  return bucket === ZERO_BUCKET ? 0 : Math.pow(GROWTH, bucket + 0.5);
}

function bump(map: Map<number, number>, key: number, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
