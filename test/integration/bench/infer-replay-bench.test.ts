// The infer and replay benchmarks still run end to end (tiny settings): their figures are for
// `npm run bench`; this only keeps the scripts from rotting.
import { describe, expect, it } from 'vitest';
import { benchInfer } from '../../../bench/infer.js';
import { benchReplay } from '../../../bench/replay.js';

describe('bench/infer.ts and bench/replay.ts', () => {
  it('infer: parses and infers a generated cassette and reports the ratio', async () => {
    const result = await benchInfer({ exchanges: 400, endpoints: 8, bodyBytes: 256, print: false });
    expect(result.exchanges).toBe(400);
    expect(result.infer.count).toBe(8);
    expect(result.ratio).toBeGreaterThan(0);
  }, 60_000);

  it('replay: runs plain newman and apitape replay on the same requests', async () => {
    const result = await benchReplay({ requests: 10, rounds: 1, print: false });
    expect(result.requests).toBe(10);
    expect(result.newmanMs).toBeGreaterThan(0);
    expect(result.apitapeMs).toBeGreaterThan(0);
  }, 60_000);
});
