// Turns the accumulated path tries into sorted Endpoint models: templates resolved, accumulators of
// merged positions combined, responses finished into schemas and evidence.
import type { Endpoint, ParameterModel } from './types.js';
import type { EndpointAccumulator } from './endpoint-accumulator.js';
import { listExamples } from './examples.js';
import { createLatency, latencyStats, mergeLatency } from './latency.js';
import { resolveTemplates, type TemplateToken } from './path-template.js';
import type { PathNode } from './path-trie.js';
import { finishResponse } from './response-model.js';
import type { EmitOptions } from './schema-emit.js';

/** Every endpoint of every origin, sorted by key. */
export function finishEndpoints(roots: ReadonlyMap<string, PathNode>, options: EmitOptions): Endpoint[] {
  const endpoints: Endpoint[] = [];
  for (const [origin, root] of roots) {
    for (const resolved of resolveTemplates(root)) {
      for (const [method, acc] of resolved.node.endpoints) {
        endpoints.push(finishEndpoint(method, origin, resolved.template, resolved.tokens, acc, options));
      }
    }
  }
  return endpoints.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function finishEndpoint(
  method: string,
  origin: string,
  template: string,
  tokens: readonly TemplateToken[],
  acc: EndpointAccumulator,
  options: EmitOptions,
): Endpoint {
  const statuses = [...acc.responses.keys()].sort((a, b) => a - b);
  const latency = createLatency();
  for (const status of statuses) mergeLatency(latency, acc.responses.get(status)!.latency);
  const endpoint: Endpoint = {
    key: `${method} ${origin}${template}`,
    method,
    origin,
    template,
    pathParams: tokens.flatMap((t, i): ParameterModel[] => {
      if (!('param' in t)) return [];
      const own = acc.segments[i];
      return [{ name: t.param, examples: own ? listExamples(own) : t.examples }];
    }),
    queryParams: [...acc.query.keys()].sort().map((name) => {
      const q = acc.query.get(name)!;
      return { name, examples: listExamples(q.examples), present: q.present };
    }),
    samples: acc.samples,
    responses: statuses.map((status) => finishResponse(acc.responses.get(status)!, options)),
    latency: latencyStats(latency),
  };
  if (acc.failures > 0) endpoint.failures = acc.failures;
  return endpoint;
}
