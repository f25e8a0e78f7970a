// Stable, unique, URL-safe operationIds derived from method and path template.
import type { Endpoint } from '../assertions/types.js';

/**
 * `GET /users/:userId/orders` → `getUsersByUserIdOrders`. Ids are assigned in endpoint-key order,
 * and a clash (two origins, or `/a-b` beside `/a_b`) gets `2`, `3`… in that order, so the same
 * endpoints always get the same ids. Returns endpoint key → operationId.
 */
export function assignOperationIds(endpoints: readonly Endpoint[]): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  const ordered = [...endpoints].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const endpoint of ordered) {
    const base = operationIdFor(endpoint.method, endpoint.template);
    let id = base;
    for (let n = 2; taken.has(id); n += 1) id = `${base}${n}`;
    taken.add(id);
    ids.set(endpoint.key, id);
  }
  return ids;
}

/** The base operationId of `method` + `template`: letters and digits only. */
export function operationIdFor(method: string, template: string): string {
  const segments = template.split('/').filter((s) => s !== '');
  const words = segments.map((segment) =>
    segment.startsWith(':') ? `By${pascalCase(segment.slice(1)) || 'Param'}` : pascalCase(segment),
  );
  const verb = method.toLowerCase().replace(/[^a-z0-9]/g, '') || 'request';
  return `${verb}${words.join('') || 'Root'}`;
}

function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}
