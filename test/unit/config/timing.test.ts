import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMING } from '../../../src/collection/types.js';
import { resolveTiming } from '../../../src/config/timing.js';

describe('resolveTiming', () => {
  it('defaults, config and flags, in that order of precedence', () => {
    expect(resolveTiming({})).toEqual(DEFAULT_TIMING);
    expect(resolveTiming({ generate: { timingFloorMs: 500 } })).toEqual({ ...DEFAULT_TIMING, floorMs: 500 });
    expect(resolveTiming({ generate: { timingFloorMs: 500 } }, { floorMs: 50, factor: 3 })).toEqual({ floorMs: 50, factor: 3 });
  });

  it('takes a floor of 0 as 0 (export used to read it as "not set")', () => {
    expect(resolveTiming({ generate: { timingFloorMs: 0 } })).toEqual({ ...DEFAULT_TIMING, floorMs: 0 });
  });

  it('is off when the config or a flag says so; a flag wins over the config', () => {
    expect(resolveTiming({ generate: { timing: false } })).toBe(false);
    expect(resolveTiming({}, { timing: false })).toBe(false);
    expect(resolveTiming({ generate: { timing: false } }, { timing: true })).toEqual(DEFAULT_TIMING);
  });
});
