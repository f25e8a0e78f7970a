// Deterministic output: a deep copy of a JSON value with every object's keys in sorted order.
import { setOwnProperty } from '../own-property.js';

/**
 * Returns `value` with the keys of every nested object sorted (code-unit order); arrays keep their
 * order. The same document then always serialises to the same bytes, whatever order it was built in.
 */
export function sortKeysDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => sortKeysDeep(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) setOwnProperty(out, key, sortKeysDeep((value as Record<string, unknown>)[key]));
  return out as T;
}
