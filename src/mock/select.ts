// Picks the recorded sample that answers a request: best match on path, query and body first, and
// among equally good samples the recorded order (repeats replay in turn, then the last one sticks).
import { bodyBytes, bodyJson } from '../cassette/body.js';
import { pathOf, type MockRoute, type MockSample } from './routes.js';
import { isObject, sameJson, sameString } from './secret-match.js';

/** The parts of an incoming request that matching looks at. */
export interface IncomingRequest {
  method: string;
  /** Raw path, without the query. */
  path: string;
  query: Array<[name: string, value: string]>;
  /** The decoded request body (empty when none). */
  body: Buffer;
}

/** Weights: an exact path beats anything else; query and body count equally. */
const EXACT_PATH = 1000;
const EXACT_QUERY = 100;
const EXACT_BODY = 100;
const PARTIAL = 50;

/** How well `sample` matches `request` (higher is better); pure. */
export function scoreSample(sample: MockSample, request: IncomingRequest): number {
  const recorded = sample.exchange.request;
  let score = pathOf(recorded.url) === request.path ? EXACT_PATH : 0;
  score += scoreQuery(queryOf(recorded.url), request.query);
  score += scoreBody(bodyBytes(recorded.body), request.body);
  return score;
}

/** A key that tells samples apart across cassettes. */
export function sampleKey(sample: MockSample): string {
  return `${sample.source}#${sample.exchange.id}`;
}

/**
 * The sample to answer with. Among the best-scoring samples, the first one not served yet (in
 * recorded order); once all were served, the last of them keeps answering, as a recording of
 * `GET /users` before and after a `POST /users` replays in that order. Updates `served`.
 */
export function selectSample(route: MockRoute, request: IncomingRequest, served: Map<string, number>): MockSample {
  let best: MockSample[] = [];
  let bestScore = -1;
  for (const sample of route.samples) {
    const score = scoreSample(sample, request);
    if (score > bestScore) [best, bestScore] = [[sample], score];
    else if (score === bestScore) best.push(sample);
  }
  const chosen = best.find((s) => !served.has(sampleKey(s))) ?? best[best.length - 1]!;
  served.set(sampleKey(chosen), (served.get(sampleKey(chosen)) ?? 0) + 1);
  return chosen;
}

function queryOf(url: string): Array<[string, string]> {
  try {
    return [...new URL(url, 'http://relative.invalid').searchParams];
  } catch {
    return [];
  }
}

/** Exact (same pairs, any order) scores full; otherwise the share of pairs both sides have. */
function scoreQuery(recorded: Array<[string, string]>, incoming: Array<[string, string]>): number {
  if (recorded.length === 0 && incoming.length === 0) return EXACT_QUERY;
  const unmatched = [...incoming];
  let common = 0;
  for (const [name, value] of recorded) {
    const at = unmatched.findIndex(([n, v]) => n === name && sameString(value, v));
    if (at >= 0) {
      unmatched.splice(at, 1);
      common += 1;
    }
  }
  if (common === recorded.length && unmatched.length === 0) return EXACT_QUERY;
  return Math.floor((PARTIAL * common) / Math.max(recorded.length, incoming.length));
}

/** Equal bytes (or equal JSON) score full; JSON objects score by the share of equal top-level fields. */
function scoreBody(recorded: Buffer, incoming: Buffer): number {
  if (recorded.equals(incoming)) return EXACT_BODY;
  const a = parseJson(recorded);
  const b = parseJson(incoming);
  if (!a.ok || !b.ok) return 0;
  if (sameJson(a.value, b.value)) return EXACT_BODY;
  if (!isObject(a.value) || !isObject(b.value)) return 0;
  const record = a.value;
  const live = b.value;
  const keys = new Set([...Object.keys(record), ...Object.keys(live)]);
  let equal = 0;
  for (const key of keys) if (Object.hasOwn(record, key) && Object.hasOwn(live, key) && sameJson(record[key], live[key])) equal += 1;
  return Math.floor((PARTIAL * equal) / keys.size);
}

function parseJson(bytes: Buffer): { ok: true; value: unknown } | { ok: false } {
  if (bytes.length === 0) return { ok: false };
  return bodyJson({ kind: 'text', text: bytes.toString('utf8'), size: bytes.length });
}
