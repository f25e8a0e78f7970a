// Assigns recorded exchanges to the endpoints inference found (recorded order kept within each).
import { findEndpoint } from '../assertions/infer.js';
import type { Endpoint } from '../assertions/types.js';
import type { Exchange } from '../cassette/types.js';

/**
 * Endpoint key → its exchanges, in recorded order. Exchanges that belong to no endpoint (a list of
 * endpoints inferred from other traffic) are left out. Lookups are cached per method and path,
 * since a flow repeats the same few requests many times.
 */
export function groupByEndpoint(endpoints: Endpoint[], exchanges: readonly Exchange[]): Map<string, Exchange[]> {
  const groups = new Map<string, Exchange[]>();
  const cache = new Map<string, string | undefined>();
  for (const exchange of exchanges) {
    const { method, url } = exchange.request;
    const lookup = `${method.toUpperCase()} ${url.split('?')[0]}`;
    let key = cache.get(lookup);
    if (!cache.has(lookup)) {
      key = findEndpoint(endpoints, method, url)?.endpoint.key;
      cache.set(lookup, key);
    }
    if (key === undefined) continue;
    const list = groups.get(key);
    if (list) list.push(exchange);
    else groups.set(key, [exchange]);
  }
  return groups;
}
