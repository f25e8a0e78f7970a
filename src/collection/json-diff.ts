// Where two JSON values differ, as generalised JSON pointers (`/data/*/name`), ignoring clock values.
import { escapePointer } from '../assertions/evidence.js';

/** Above this many visited nodes the values count as "not comparable" (kept apart, never merged). */
const MAX_NODES = 20_000;
const CLOCK = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Pointers (array indices written as `*`, sorted, unique) where `a` and `b` differ. Two timestamps
 * are never a difference. Returns undefined when the values are too large to compare.
 */
export function diffJson(a: unknown, b: unknown): string[] | undefined {
  const out = new Set<string>();
  const budget = { nodes: 0 };
  if (!walk(a, b, '', out, budget)) return undefined;
  return [...out].sort();
}

function walk(a: unknown, b: unknown, pointer: string, out: Set<string>, budget: { nodes: number }): boolean {
  budget.nodes += 1;
  if (budget.nodes > MAX_NODES) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.add(pointer);
    for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
      if (!walk(a[i], b[i], `${pointer}/*`, out, budget)) return false;
    }
    return true;
  }
  if (isObject(a) && isObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const child = `${pointer}/${escapePointer(key)}`;
      if (!Object.hasOwn(a, key) || !Object.hasOwn(b, key)) out.add(child);
      else if (!walk(a[key], b[key], child, out, budget)) return false;
    }
    return true;
  }
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string' && CLOCK.test(a) && CLOCK.test(b)) return true;
  out.add(pointer);
  return true;
}

export { escapePointer };

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
