// Parsing of the replay command's values.
import { ApitapeError } from '../errors.js';

/** A `--timeout-request`-style flag: a whole number of milliseconds, or undefined when absent. */
export function parseMilliseconds(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) > 2_147_483_647) {
    throw new ApitapeError('USAGE', `${flag} must be a whole number of milliseconds, got "${value}"`, { hint: `e.g. ${flag} 5000` });
  }
  return Number(value);
}
