// The response-time budget of generated tests, one rule for every command that generates
// (generate, accept, export): flags over the config's `generate` section over `DEFAULT_TIMING`.
import { DEFAULT_TIMING, type TimingOptions } from '../collection/types.js';
import type { ApitapeConfig } from './schema.js';

/** Command-line overrides (only `generate` has them). */
export interface TimingFlags {
  timing?: boolean;
  floorMs?: number;
  factor?: number;
}

/** The timing options, or `false` when response-time tests are off. A floor of 0 is a floor of 0. */
export function resolveTiming(config: ApitapeConfig, flags: TimingFlags = {}): TimingOptions | false {
  if (!(flags.timing ?? config.generate?.timing ?? true)) return false;
  return {
    floorMs: flags.floorMs ?? config.generate?.timingFloorMs ?? DEFAULT_TIMING.floorMs,
    factor: flags.factor ?? DEFAULT_TIMING.factor,
  };
}
