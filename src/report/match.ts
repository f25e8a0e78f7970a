// Finds the recorded endpoint of a replayed request, even when the replay went to another host.
import { findEndpoint } from '../assertions/infer.js';
import type { Endpoint } from '../assertions/types.js';

/**
 * Builds a matcher from replayed `method` + `url` to a recorded endpoint. A replay usually targets a
 * different origin than the recording (prod instead of staging), so when the URL as sent matches
 * nothing, it is tried on each recorded origin in turn, the most used first.
 */
export function endpointMatcher(endpoints: readonly Endpoint[]): (method: string, url: string) => Endpoint | undefined {
  const samples = new Map<string, number>();
  for (const e of endpoints) samples.set(e.origin, (samples.get(e.origin) ?? 0) + e.samples);
  const origins = [...samples.keys()].sort((a, b) => samples.get(b)! - samples.get(a)! || a.localeCompare(b));
  const list = [...endpoints];
  return (method, url) => {
    const direct = findEndpoint(list, method, url);
    if (direct) return direct.endpoint;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    const rest = `${parsed.pathname}${parsed.search}`;
    for (const origin of origins) {
      if (origin === parsed.origin) continue;
      const found = findEndpoint(list, method, `${origin}${rest}`);
      if (found) return found.endpoint;
    }
    return undefined;
  };
}

/** `GET /users/:userId`: an endpoint key without its origin, as `apitape.config.json` may name it. */
export function shortKey(endpoint: Pick<Endpoint, 'method' | 'template'>): string {
  return `${endpoint.method} ${endpoint.template}`;
}
