// Finds the endpoint a request belongs to: same method and origin, template segments matching,
// literal segments preferred over parameters (`/users/me` before `/users/:userId`).
import type { Endpoint } from './types.js';
import { splitUrl } from './url-parts.js';

export interface EndpointMatch {
  endpoint: Endpoint;
  /** Parameter name → the segment as it appears in the URL (still percent-encoded, like the examples). */
  params: Record<string, string>;
}

/** The best endpoint for `method` + `url`, or undefined when none matches. */
export function matchEndpoint(endpoints: readonly Endpoint[], method: string, url: string): EndpointMatch | undefined {
  const { origin, segments } = splitUrl(url);
  const wanted = method.toUpperCase();
  let best: { match: EndpointMatch; rank: string } | undefined;
  for (const endpoint of endpoints) {
    if (endpoint.method !== wanted || endpoint.origin !== origin) continue;
    const attempt = matchTemplate(endpoint.template, segments);
    if (!attempt) continue;
    if (!best || attempt.rank > best.rank) best = { match: { endpoint, params: attempt.params }, rank: attempt.rank };
  }
  return best?.match;
}

/** Matches raw `segments` against `template`; `rank` orders matches (a literal position, 1, beats a parameter, 0). */
export function matchTemplate(template: string, segments: readonly string[]): { params: Record<string, string>; rank: string } | undefined {
  const parts = template === '/' ? [] : template.slice(1).split('/');
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  let rank = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const segment = segments[i] as string;
    if (part.startsWith(':') && part.length > 1) {
      if (segment === '') return undefined;
      params[part.slice(1)] = segment;
      rank += '0';
    } else if (part === segment) {
      rank += '1';
    } else {
      return undefined;
    }
  }
  return { params, rank };
}
