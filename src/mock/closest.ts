// The answer to a request no recording matches: a 404 whose JSON body lists the closest recorded
// endpoints, so a front-end developer sees at once whether it is a typo or a missing recording.
import { splitSegments, type MockRoute } from './routes.js';

export interface ClosestEndpoint {
  method: string;
  path: string;
  samples: number;
}

export interface UnmatchedBody {
  error: string;
  request: { method: string; path: string };
  closest: ClosestEndpoint[];
  hint: string;
}

/** The `limit` routes most like `method` + `path`: same method first, then segment by segment. */
export function closestRoutes(routes: readonly MockRoute[], method: string, path: string, limit = 5): ClosestEndpoint[] {
  const segments = splitSegments(path);
  const wanted = method.toUpperCase();
  return routes
    .map((route) => ({ route, score: similarity(route, wanted, segments) }))
    .sort((a, b) => b.score - a.score || order(a.route, b.route))
    .slice(0, limit)
    .map(({ route }) => ({ method: route.method, path: route.template === '' ? '/' : route.template, samples: route.samples.length }));
}

/** The 404 body for an unmatched request. */
export function unmatchedBody(routes: readonly MockRoute[], method: string, path: string): UnmatchedBody {
  return {
    error: `no recorded endpoint matches ${method.toUpperCase()} ${path}`,
    request: { method: method.toUpperCase(), path },
    closest: closestRoutes(routes, method, path),
    hint: 'record this request (apitape record), or start the mock with --fallback URL to forward unknown requests',
  };
}

/** Matching segments score by position (literal 4, case-insensitive 3, parameter 2, near-typo 1). */
function similarity(route: MockRoute, method: string, segments: readonly string[]): number {
  let score = route.method === method ? 3 : 0;
  score -= 2 * Math.abs(route.parts.length - segments.length);
  for (let i = 0; i < Math.min(route.parts.length, segments.length); i += 1) {
    score += segmentScore(route.parts[i]!, segments[i]!);
  }
  return score;
}

function segmentScore(part: string, segment: string): number {
  if (part === segment) return 4;
  if (part.startsWith(':')) return segment === '' ? 0 : 2;
  if (part.toLowerCase() === segment.toLowerCase()) return 3;
  return editDistance(part.toLowerCase(), segment.toLowerCase()) <= 2 ? 1 : 0;
}

/** Levenshtein distance, stopping early: only "at most 2" matters here. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function order(a: MockRoute, b: MockRoute): number {
  const x = `${a.template} ${a.method}`;
  const y = `${b.template} ${b.method}`;
  return x < y ? -1 : x > y ? 1 : 0;
}
