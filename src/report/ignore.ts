// Ignore rules for drift: JSON pointers per endpoint (`apitape.config.json` → `drift.ignore`).
import type { Endpoint } from '../assertions/types.js';
import { shortKey } from './match.js';
import type { Drift } from './types.js';

/**
 * Endpoint selector → JSON pointers whose findings are dropped. A selector is an endpoint key
 * (`GET https://api.example.com/users/:userId`), the key without its origin (`GET /users/:userId`)
 * or `*` for every endpoint. A pointer covers itself and everything below it; `*` or a number
 * matches any array item; the empty pointer `""` drops every finding of the endpoint (status,
 * headers and latency included).
 */
export type IgnoreRules = Record<string, readonly string[]>;

/** Returns a predicate telling whether a finding is ignored. */
export function ignoreMatcher(rules: IgnoreRules | undefined, endpoints: readonly Endpoint[]): (drift: Drift) => boolean {
  if (!rules || Object.keys(rules).length === 0) return () => false;
  const byKey = new Map(endpoints.map((e) => [e.key, e]));
  return (drift) => {
    const endpoint = byKey.get(drift.endpoint);
    const selectors = ['*', drift.endpoint, ...(endpoint ? [shortKey(endpoint)] : [])];
    for (const selector of selectors) {
      for (const pointer of rules[selector] ?? []) {
        if (pointer === '') return true;
        if (drift.location === 'body' && pointerCovers(pointer, drift.pointer)) return true;
      }
    }
    return false;
  };
}

/** Whether the ignore `pattern` covers `pointer` (same or an ancestor; `*`/digits match any item). */
export function pointerCovers(pattern: string, pointer: string): boolean {
  const want = pattern.split('/').slice(1);
  const have = pointer.split('/').slice(1);
  if (want.length > have.length) return false;
  return want.every((segment, i) => {
    const actual = have[i]!;
    return segment === actual || segment === '*' || (actual === '*' && /^\d+$/.test(segment));
  });
}
