// The mock's route table: one route per method + path template, holding the recorded samples it
// answers with, ordered so the most specific template is tried first (`/users/me` before `/users/:userId`).
import type { Endpoint } from '../assertions/types.js';
import type { Exchange } from '../cassette/types.js';

/** A recorded exchange and the cassette it came from. */
export interface MockSample {
  /** Cassette name, so a reply can say where it came from. */
  source: string;
  exchange: Exchange;
}

export interface MockRoute {
  method: string;
  /** `/users/:userId`; origins are merged (the mock answers on its own address). */
  template: string;
  /** Template segments: a `:name` segment matches any non-empty segment. */
  parts: string[];
  /** `L`/`P` per segment (literal, parameter); among equal lengths, the smaller rank is more specific. */
  rank: string;
  /** In recorded order (cassettes in the order given, then exchange order). */
  samples: MockSample[];
}

/**
 * Routes for every endpoint, each holding the samples (with a response) whose method and path it
 * matches best. A sample no template matches (endpoints inferred from other traffic) gets a route
 * of its own exact path. Sorted by method, then most specific first; pure.
 */
export function buildRoutes(endpoints: readonly Endpoint[], samples: readonly MockSample[]): MockRoute[] {
  const byKey = new Map<string, MockRoute>();
  for (const endpoint of endpoints) {
    const method = endpoint.method.toUpperCase();
    const key = `${method} ${endpoint.template}`;
    if (!byKey.has(key)) byKey.set(key, createRoute(method, endpoint.template));
  }
  let routes = sortRoutes([...byKey.values()]);
  for (const sample of samples) {
    if (!sample.exchange.response) continue; // a transport failure has nothing to replay
    const method = sample.exchange.request.method.toUpperCase();
    const path = pathOf(sample.exchange.request.url);
    let route = findRoute(routes, method, path);
    if (!route) {
      route = createRoute(method, path);
      routes = sortRoutes([...routes, route]);
    }
    route.samples.push(sample);
  }
  return routes.filter((r) => r.samples.length > 0);
}

/** The first (most specific) route for `method` and raw `path`; routes must be sorted. */
export function findRoute(routes: readonly MockRoute[], method: string, path: string): MockRoute | undefined {
  const segments = splitSegments(path);
  const wanted = method.toUpperCase();
  return routes.find((route) => route.method === wanted && matchesParts(route.parts, segments));
}

/** Whether template `parts` match raw path `segments` (a trailing slash is a last empty segment). */
export function matchesParts(parts: readonly string[], segments: readonly string[]): boolean {
  if (parts.length !== segments.length) return false;
  return parts.every((part, i) => (isParam(part) ? segments[i] !== '' : part === segments[i]));
}

/** `/a/b` → `['a','b']`; `/` → `[]`; `/a/` → `['a','']`. */
export function splitSegments(path: string): string[] {
  if (path === '' || path === '/') return [];
  return path.replace(/^\//, '').split('/');
}

/** The raw (still percent-encoded) path of an absolute or relative URL. */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return new URL(url, 'http://relative.invalid').pathname;
  }
}

function createRoute(method: string, template: string): MockRoute {
  const parts = splitSegments(template);
  return { method, template, parts, rank: parts.map((p) => (isParam(p) ? 'P' : 'L')).join(''), samples: [] };
}

function isParam(part: string): boolean {
  return part.startsWith(':') && part.length > 1;
}

function sortRoutes(routes: MockRoute[]): MockRoute[] {
  return routes.sort((a, b) => compare(a.method, b.method) || compare(a.rank, b.rank) || compare(a.template, b.template));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
