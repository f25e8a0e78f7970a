import { describe, expect, it } from 'vitest';
import { addLatency, createLatency, EXACT_LIMIT, latencyStats, mergeLatency } from '../../../src/assertions/latency.js';

function statsOf(values: number[]): ReturnType<typeof latencyStats> {
  const acc = createLatency();
  for (const v of values) addLatency(acc, v);
  return latencyStats(acc);
}

describe('latency', () => {
  it('gives nearest-rank p50, p95 and max', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(statsOf(values)).toEqual({ p50: 50, p95: 95, max: 100 });
    expect(statsOf([7])).toEqual({ p50: 7, p95: 7, max: 7 });
    expect(statsOf([])).toEqual({ p50: 0, p95: 0, max: 0 });
  });

  it('ignores negative and non-finite timings', () => {
    expect(statsOf([5, -1, Number.NaN, Infinity])).toEqual({ p50: 5, p95: 5, max: 5 });
  });

  it('stays within 2% past the exact limit, with bounded memory, in any order', () => {
    const values = Array.from({ length: EXACT_LIMIT * 10 }, (_, i) => 1 + (i % 1000) * 0.5);
    const acc = createLatency();
    for (const v of values) addLatency(acc, v);
    expect(acc.exact).toBeUndefined();
    expect(acc.buckets!.size).toBeLessThan(400);
    const stats = latencyStats(acc);
    const sorted = [...values].sort((a, b) => a - b);
    const exact = (q: number): number => sorted[Math.ceil(q * sorted.length) - 1] as number;
    expect(Math.abs(stats.p50 - exact(0.5)) / exact(0.5)).toBeLessThan(0.02);
    expect(Math.abs(stats.p95 - exact(0.95)) / exact(0.95)).toBeLessThan(0.02);
    expect(stats.max).toBe(500.5);
    expect(statsOf([...values].reverse())).toEqual(stats);
  });

  it('merges to the same figures as one accumulator fed everything', () => {
    const values = Array.from({ length: EXACT_LIMIT + 500 }, (_, i) => (i * 7919) % 3001);
    for (const cut of [0, 10, EXACT_LIMIT, values.length]) {
      const left = createLatency();
      const right = createLatency();
      values.slice(0, cut).forEach((v) => addLatency(left, v));
      values.slice(cut).forEach((v) => addLatency(right, v));
      mergeLatency(left, right);
      expect(latencyStats(left)).toEqual(statsOf(values));
    }
  });
});
