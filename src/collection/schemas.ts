// Response schemas stored once per endpoint and status as collection variables (JSON text), so a
// request's test reads `JSON.parse(pm.collectionVariables.get(key))` instead of carrying a copy.
import type { Endpoint, JsonSchema } from '../assertions/types.js';

/** Collects the schema variables the requests use, one per endpoint label and status. */
export class SchemaVariables {
  private readonly byKey = new Map<string, string>();

  /** Registers `schema` and returns the collection variable key holding it. */
  add(label: string, schema: JsonSchema): string {
    const key = `schema ${label}`;
    if (!this.byKey.has(key)) this.byKey.set(key, canonicalJson(schema));
    return key;
  }

  /** Every variable, sorted by key (stable output whatever the request order). */
  entries(): Array<{ key: string; value: string }> {
    return [...this.byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => ({ key, value }));
  }
}

/** `POST /users 201`, or `GET payments.example.com/charges 200` for an origin other than the main one. */
export function endpointLabel(endpoint: Endpoint, status: number, mainOrigin: string): string {
  const where = endpoint.origin === mainOrigin ? endpoint.template : `${endpoint.origin.replace(/^[a-z]+:\/\//i, '')}${endpoint.template}`;
  return `${endpoint.method.toUpperCase()} ${where} ${status}`;
}

/** Compact JSON with object keys sorted at every level: the same schema always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      Object.defineProperty(out, key, { value: sortKeys((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
