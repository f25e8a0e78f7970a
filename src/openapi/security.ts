// Security schemes read off recorded request headers: which operations sent which credentials.
import type { Exchange } from '../cassette/types.js';

/** An OpenAPI Security Scheme Object, as far as recorded traffic can tell. */
export type SecurityScheme =
  | { type: 'http'; scheme: 'bearer' | 'basic' }
  | { type: 'apiKey'; in: 'header'; name: string };

/** `{ bearerAuth: [] }`: scheme name → scopes (always none: scopes cannot be seen on the wire). */
export type SecurityRequirement = Record<string, string[]>;

/** Headers that carry an API key on their own (their values are redacted in the cassette). */
const KEY_HEADERS = ['x-api-key', 'x-auth-token', 'api-key', 'apikey'];

/**
 * The credential schemes each sample used, as scheme name → scheme. `Authorization: Bearer …` is
 * `bearerAuth`, `Basic …` is `basicAuth`, any other Authorization value is an API key in that
 * header, and an `X-API-Key`-style header is an API key named after it.
 */
export function schemesOf(exchange: Exchange): Map<string, SecurityScheme> {
  const found = new Map<string, SecurityScheme>();
  for (const [name, value] of exchange.request.headers) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') {
      const scheme = /^\s*(\S+)/.exec(value)?.[1]?.toLowerCase();
      if (scheme === 'bearer') found.set('bearerAuth', { type: 'http', scheme: 'bearer' });
      else if (scheme === 'basic') found.set('basicAuth', { type: 'http', scheme: 'basic' });
      else found.set('authorizationHeader', { type: 'apiKey', in: 'header', name: 'Authorization' });
    } else if (KEY_HEADERS.includes(lower)) {
      found.set(schemeName(lower), { type: 'apiKey', in: 'header', name });
    }
  }
  return found;
}

/**
 * The security requirements of an operation from its samples: one alternative per distinct set of
 * schemes seen, plus `{}` (no credentials) when some sample sent none; `[]` when none ever did,
 * which states explicitly that the operation is public. Sorted, so the output is stable.
 */
export function operationSecurity(samples: readonly Exchange[], schemes: Map<string, SecurityScheme>): SecurityRequirement[] {
  const alternatives = new Map<string, SecurityRequirement>();
  let anonymous = false;
  for (const sample of samples) {
    const used = schemesOf(sample);
    if (used.size === 0) {
      anonymous = true;
      continue;
    }
    const names = [...used.keys()].sort();
    for (const [name, scheme] of used) if (!schemes.has(name)) schemes.set(name, scheme);
    alternatives.set(names.join(' '), Object.fromEntries(names.map((n) => [n, [] as string[]])));
  }
  if (alternatives.size === 0) return [];
  const sorted = [...alternatives.keys()].sort().map((k) => alternatives.get(k)!);
  return anonymous ? [...sorted, {}] : sorted;
}

function schemeName(header: string): string {
  const camel = header.replace(/[^a-z0-9]+([a-z0-9])/g, (_all, c: string) => c.toUpperCase());
  return `${camel}Header`;
}
