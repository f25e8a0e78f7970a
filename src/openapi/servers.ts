// OpenAPI servers from Postman environments: each environment's `baseUrl` is one server.
import type { OpenApiServer } from './build.js';

/** The parts of a Postman environment this reads (structurally, so any environment value fits). */
export interface EnvironmentLike {
  name: string;
  values: ReadonlyArray<{ key: string; value?: unknown; enabled?: boolean }>;
}

/**
 * One server per environment with an http(s) `baseUrl` (disabled and templated values skipped),
 * described by the environment's name, trailing slash removed; sorted by name, and an URL two
 * environments share is listed once (under the first name). Pure.
 */
export function serversFromEnvironments(environments: readonly EnvironmentLike[]): OpenApiServer[] {
  const byUrl = new Map<string, OpenApiServer>();
  const sorted = [...environments].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const environment of sorted) {
    const entry = environment.values.find((v) => v.key === 'baseUrl' && v.enabled !== false);
    const url = typeof entry?.value === 'string' ? entry.value.trim().replace(/\/+$/, '') : '';
    if (!/^https?:\/\/[^/{}\s]+/i.test(url) || url.includes('{{')) continue;
    if (!byUrl.has(url)) byUrl.set(url, { url, description: environment.name });
  }
  return [...byUrl.values()];
}
