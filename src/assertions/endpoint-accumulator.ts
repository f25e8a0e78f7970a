// What one endpoint (one method at one path position) accumulates: sample and failure counts,
// query parameters with examples, and a ResponseAccumulator per status code.
import type { Exchange } from '../cassette/types.js';
import { addExample, createExamples, mergeExamples, noteExample, type ExampleSet } from './examples.js';
import { addResponse, createResponseAccumulator, mergeResponse, type ResponseAccumulator } from './response-model.js';

/** Distinct query parameter names kept per endpoint. */
export const QUERY_NAMES_CAP = 64;

export interface QueryAccumulator {
  /** Samples the parameter was present in (once per sample, however often repeated). */
  present: number;
  examples: ExampleSet;
}

export interface EndpointAccumulator {
  samples: number;
  /** Exchanges that got no response (`response === null`). */
  failures: number;
  query: Map<string, QueryAccumulator>;
  /** Examples of the segment at each path position (read for the positions that are parameters). */
  segments: ExampleSet[];
  responses: Map<number, ResponseAccumulator>;
}

export function createEndpointAccumulator(): EndpointAccumulator {
  return { samples: 0, failures: 0, query: new Map(), segments: [], responses: new Map() };
}

/**
 * Records exchange number `index`, whose URL split into `segments` and `query`. Segment examples
 * are noted on the endpoint's first exchange and then only at the `varying` positions (bit `i` for
 * segment `i`, see PathEnd): elsewhere the segment is the same literal every time, so noting it
 * again would change nothing.
 */
export function addExchangeTo(
  acc: EndpointAccumulator,
  exchange: Exchange,
  segments: readonly string[],
  query: ReadonlyArray<[string, string]>,
  varying: number,
  index: number,
): void {
  const every = acc.samples === 0;
  acc.samples += 1;
  for (let i = 0; i < segments.length; i++) {
    if (every || (varying & (1 << i)) !== 0) noteExample((acc.segments[i] ??= createExamples()), segments[i] as string, index);
  }
  const counted = query.length > 16 ? new Set<string>() : undefined; // short queries are scanned instead
  for (let q = 0; q < query.length; q++) {
    const [name, value] = query[q] as [string, string];
    let param = acc.query.get(name);
    if (!param) {
      if (acc.query.size >= QUERY_NAMES_CAP) continue;
      acc.query.set(name, (param = { present: 0, examples: createExamples() }));
    }
    if (!(counted ? counted.has(name) : appearsBefore(query, q, name))) param.present += 1;
    counted?.add(name);
    noteExample(param.examples, value, index);
  }
  const response = exchange.response;
  if (!response) {
    acc.failures += 1;
    return;
  }
  let model = acc.responses.get(response.status);
  if (!model) acc.responses.set(response.status, (model = createResponseAccumulator(response.status)));
  addResponse(model, exchange);
}

/** Whether parameter `name` occurs in `query` before position `q` (counted once per sample). */
function appearsBefore(query: ReadonlyArray<[string, string]>, q: number, name: string): boolean {
  for (let i = 0; i < q; i++) if ((query[i] as [string, string])[0] === name) return true;
  return false;
}

/** Merges `from` into `into` (two path positions that turned out to be one endpoint). */
export function mergeEndpointAccumulators(into: EndpointAccumulator, from: EndpointAccumulator): void {
  into.samples += from.samples;
  into.failures += from.failures;
  for (const [name, param] of from.query) {
    const target = into.query.get(name);
    if (target) {
      target.present += param.present;
      mergeExamples(target.examples, param.examples);
    } else if (into.query.size < QUERY_NAMES_CAP) {
      const examples = createExamples();
      mergeExamples(examples, param.examples);
      into.query.set(name, { present: param.present, examples });
    }
  }
  from.segments.forEach((examples, i) => mergeExamples((into.segments[i] ??= createExamples()), examples));
  for (const [status, model] of from.responses) {
    let target = into.responses.get(status);
    if (!target) into.responses.set(status, (target = createResponseAccumulator(status)));
    mergeResponse(target, model);
  }
}
