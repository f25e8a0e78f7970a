// The record benchmark still runs end to end (tiny settings): its figures are for `npm run bench`,
// this only keeps the script from rotting. Needs the built CLI (`npm test` builds first).
import { describe, expect, it } from 'vitest';
import { benchRecord } from '../../../bench/record.js';

describe('bench/record.ts', () => {
  it('measures the three targets side by side and the recorder’s peak RSS', async () => {
    const lines: string[] = [];
    const result = await benchRecord({ durationMs: 500, rounds: 2, concurrency: [2], largeClients: 2, largeBodyMb: 2, log: (l) => lines.push(l) });
    const [cell] = result.throughput;
    expect(cell?.concurrency).toBe(2);
    for (const target of [cell!.direct, cell!.mockttp, cell!.apitape]) expect(target.requestsPerSecond).toBeGreaterThan(0);
    expect(cell!.apitapeOverMockttp.low).toBeLessThanOrEqual(cell!.apitapeOverMockttp.median);
    expect(cell!.apitapeOverMockttp.median).toBeLessThanOrEqual(cell!.apitapeOverMockttp.high);
    expect(result.largeBody?.apitapePeakRssMb).toBeGreaterThan(10);
    expect(lines.join('\n')).toMatch(/apitape\/mockttp \(rounds\)/);
  }, 60_000);
});
