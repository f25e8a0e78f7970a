// Cassette format migrations: one small pure function per version step, applied on read.
import type { Exchange } from './types.js';

/** `MIGRATIONS[n]` turns a version-n exchange line into version n+1. Empty while only v1 exists. */
const MIGRATIONS: Record<number, (line: unknown) => unknown> = {};

/** Brings an exchange read from a cassette of `fromVersion` up to the current format. */
export function migrateExchange(line: unknown, fromVersion: number): Exchange {
  let value = line;
  for (let version = fromVersion; MIGRATIONS[version] !== undefined; version += 1) value = MIGRATIONS[version]!(value);
  return value as Exchange;
}
