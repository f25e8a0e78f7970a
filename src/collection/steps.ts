// From recorded exchanges to the requests of the collection: identical reads collapse into one step
// unless a write in between changed what they answered (then both stay, in recorded order).
import type { Endpoint } from '../assertions/types.js';
import { bodyJson } from '../cassette/body.js';
import type { Exchange } from '../cassette/types.js';
import { diffJson } from './json-diff.js';
import type { RecordedFlow } from './types.js';

/** One request of the collection: the first recorded exchange of it, and how many it stands for. */
export interface Step {
  /** Index of the flow (cassette) it came from. */
  flow: number;
  exchange: Exchange;
  endpoint: Endpoint;
  /** Recorded exchanges folded into this step (1 when it was not repeated). */
  occurrences: number;
}

export interface StepPlan {
  /** Steps per flow, in recorded order. */
  flows: Step[][];
  collapsed: number;
  /** Failed exchanges (no response) and exchanges that match no endpoint. */
  skipped: number;
}

export type EndpointLookup = (method: string, url: string) => Endpoint | undefined;

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Request headers that vary between identical reads without changing what is asked. */
const NOISY_HEADERS = new Set([
  'date', 'user-agent', 'x-request-id', 'x-correlation-id', 'traceparent', 'tracestate', 'x-amzn-trace-id',
  'if-none-match', 'if-modified-since', 'content-length', 'connection', 'host', 'accept-encoding', 'keep-alive',
]);

/** Whether a method only reads (and so may be collapsed with its identical repeats). */
export function isRead(method: string): boolean {
  return READS.has(method.toUpperCase());
}

/** Plans the steps of every flow. Pure: `lookup` maps an exchange to its inferred endpoint. */
export function planSteps(flows: RecordedFlow[], lookup: EndpointLookup): StepPlan {
  let collapsed = 0;
  let skipped = 0;
  const planned = flows.map((flow, flowIndex) => {
    const usable: Array<{ exchange: Exchange; endpoint: Endpoint }> = [];
    for (const exchange of flow.exchanges) {
      const endpoint = exchange.response ? lookup(exchange.request.method, exchange.request.url) : undefined;
      if (endpoint) usable.push({ exchange, endpoint });
      else skipped += 1;
    }
    const noise = learnNoise(usable.map((u) => u.exchange));
    const steps: Step[] = [];
    const lastRead = new Map<string, { step: Step; latest: Exchange; writes: number }>();
    let writes = 0;
    for (const { exchange, endpoint } of usable) {
      if (!isRead(exchange.request.method)) {
        writes += 1;
        steps.push({ flow: flowIndex, exchange, endpoint, occurrences: 1 });
        continue;
      }
      const key = readKey(exchange);
      const previous = lastRead.get(key);
      if (previous && isRepeat(previous, exchange, writes, noise.get(key))) {
        previous.step.occurrences += 1;
        previous.latest = exchange;
        previous.writes = writes;
        collapsed += 1;
        continue;
      }
      const step: Step = { flow: flowIndex, exchange, endpoint, occurrences: 1 };
      steps.push(step);
      lastRead.set(key, { step, latest: exchange, writes });
    }
    return steps;
  });
  return { flows: planned, collapsed, skipped };
}

/** What makes two reads "the same request": method, URL, meaningful headers and body. */
export function readKey(exchange: Exchange): string {
  const { method, url, headers, body } = exchange.request;
  const kept = headers
    .filter(([name]) => !NOISY_HEADERS.has(name.toLowerCase()))
    .map(([name, value]) => `${name.toLowerCase()}:${value}`);
  return JSON.stringify([method.toUpperCase(), url, kept, body]);
}

/**
 * Pointers whose values changed between repeats of one read with no write in between: clocks,
 * request ids, counters. Differences there do not make a repeat after a write "different".
 */
function learnNoise(exchanges: Exchange[]): Map<string, Set<string>> {
  const noise = new Map<string, Set<string>>();
  const last = new Map<string, { exchange: Exchange; writes: number }>();
  let writes = 0;
  for (const exchange of exchanges) {
    if (!isRead(exchange.request.method)) {
      writes += 1;
      continue;
    }
    const key = readKey(exchange);
    const previous = last.get(key);
    if (previous && previous.writes === writes) {
      const diff = diffResponses(previous.exchange, exchange);
      if (diff) {
        const set = noise.get(key) ?? new Set<string>();
        for (const pointer of diff) set.add(pointer);
        noise.set(key, set);
      }
    }
    last.set(key, { exchange, writes });
  }
  return noise;
}

/**
 * A read repeats an earlier step when it got the same status and either nothing was written since
 * the last time it was seen, or its response is the same apart from noise.
 */
function isRepeat(
  previous: { latest: Exchange; writes: number },
  exchange: Exchange,
  writes: number,
  noise: Set<string> | undefined,
): boolean {
  if (previous.latest.response?.status !== exchange.response?.status) return false;
  return previous.writes === writes || sameResponse(previous.latest, exchange, noise);
}

function sameResponse(a: Exchange, b: Exchange, noise: Set<string> | undefined): boolean {
  const diff = diffResponses(a, b);
  return diff !== undefined && diff.every((pointer) => noise?.has(pointer) === true);
}

/** Generalised pointers that differ between two responses; undefined when they cannot be compared. */
function diffResponses(a: Exchange, b: Exchange): string[] | undefined {
  if (!a.response || !b.response || a.response.status !== b.response.status) return undefined;
  const left = bodyJson(a.response.body);
  const right = bodyJson(b.response.body);
  if (left.ok && right.ok) return diffJson(left.value, right.value);
  if (left.ok !== right.ok) return undefined;
  return JSON.stringify(a.response.body) === JSON.stringify(b.response.body) ? [] : undefined;
}
