// Inference's public entry points: from a stream of exchanges to sorted Endpoint models, in one
// streamed pass (a bounded accumulator per path position, never the samples), and endpoint lookup.
import { isWebSocketExchange, type Exchange } from '../cassette/types.js';
import type { Endpoint } from './types.js';
import { matchEndpoint } from './endpoint-match.js';
import { addExchangeTo } from './endpoint-accumulator.js';
import { finishEndpoints } from './finish.js';
import { createPathNode, endpointAt, insertPath, type PathEnd, type PathNode } from './path-trie.js';
import { resolveInferOptions } from './options.js';
import { splitUrl } from './url-parts.js';

export interface InferOptions {
  /**
   * Emit `enum` for fields with few distinct values. Off by default: an enum learnt from a small
   * recording makes tests fail on the first new legitimate value. `true` means
   * `{ minSamples: 20, maxValues: 10 }`: at least 20 values seen, at most 10 distinct, each seen
   * twice on average.
   */
  enums?: boolean | { minSamples: number; maxValues: number };
  /** Add `additionalProperties: false` to every object: new fields then fail the tests. */
  strict?: boolean;
  /** A field is `required` only when present in every sample and in at least this many (default 2). */
  minSamplesForRequired?: number;
}

/** The state of one inference run: a path trie per origin. */
export interface Inference {
  roots: Map<string, PathNode>;
  next: number;
  /** Scratch space for insertPath, reused for every exchange. */
  end: PathEnd;
}

export function startInference(): Inference {
  return { roots: new Map(), next: 0, end: { node: createPathNode(0), varying: 0 } };
}

/**
 * Feeds one exchange (failures included: they count as samples of their endpoint). WebSocket
 * exchanges are skipped: their messages are no HTTP response to test or describe.
 */
export function addExchange(state: Inference, exchange: Exchange): void {
  if (isWebSocketExchange(exchange)) return;
  const index = state.next++;
  const { origin, segments, query } = splitUrl(exchange.request.url);
  let root = state.roots.get(origin);
  if (!root) state.roots.set(origin, (root = createPathNode(index)));
  const end = state.end;
  insertPath(root, segments, index, end);
  addExchangeTo(endpointAt(end.node, exchange.request.method.toUpperCase()), exchange, segments, query, end.varying, index);
}

/** The endpoints learnt so far, sorted by key. */
export function finishInference(state: Inference, options: InferOptions = {}): Endpoint[] {
  return finishEndpoints(state.roots, resolveInferOptions(options));
}

/** Infers the endpoints of `exchanges`; sorted by key, the same output for the same input. */
export function inferEndpoints(exchanges: Iterable<Exchange>, options: InferOptions = {}): Endpoint[] {
  const state = startInference();
  for (const exchange of exchanges) addExchange(state, exchange);
  return finishInference(state, options);
}

/**
 * Like inferEndpoints over an async stream (a cassette being read). `open` is called once: the
 * single pass keeps one bounded accumulator per path position, so memory does not grow with the
 * number of samples per endpoint.
 */
export async function inferEndpointsFromStream(open: () => AsyncIterable<Exchange>, options: InferOptions = {}): Promise<Endpoint[]> {
  const state = startInference();
  for await (const exchange of open()) addExchange(state, exchange);
  return finishInference(state, options);
}

/** The endpoint a request to `method` `url` belongs to, with its path parameters (raw segments). */
export function findEndpoint(endpoints: Endpoint[], method: string, url: string): { endpoint: Endpoint; params: Record<string, string> } | undefined {
  return matchEndpoint(endpoints, method, url);
}
