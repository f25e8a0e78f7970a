// An ExchangeAssembler for unit tests: a fake clock, the default filter, and the emitted exchanges.
import { ExchangeAssembler, type AssemblerOptions, type CapturedExchange } from '../../../src/record/assembler.js';
import { compileFilter } from '../../../src/record/filter.js';

/** The assembler with `overrides` over test defaults (settle 5 ms), what it emitted, and the clock. */
export function setupAssembler(overrides: Partial<AssemblerOptions> = {}) {
  const emitted: CapturedExchange[] = [];
  let now = 1000;
  const assembler = new ExchangeAssembler({
    limits: { maxBodySize: 1 << 20, maxDecodedBytes: 1 << 20 },
    filter: compileFilter({ include: [], exclude: [], recordAssets: false, recordPreflight: false }),
    emit: (ex) => {
      emitted.push(ex);
    },
    now: () => now,
    settleMs: 5,
    ...overrides,
  });
  return { assembler, emitted, advance: (ms: number) => (now += ms) };
}
