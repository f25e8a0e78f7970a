// Which recorded flows (cassettes) a generated collection came from, read from its `apitape.requests` variable.
import { REQUESTS_VARIABLE } from '../collection/types.js';

interface Node {
  id?: unknown;
  item?: unknown;
}

/**
 * The flow (cassette) names of `collection`'s requests, in the order its items run, each once.
 * `origins` is the parsed `apitape.requests` variable (item id → `{ flow }`); items without an
 * origin are skipped. Empty for a collection apitape did not generate.
 */
export function flowsOfCollection(collection: unknown): string[] {
  const origins = requestOrigins(collection);
  if (origins.size === 0) return [];
  const flows: string[] = [];
  const visit = (items: unknown): void => {
    if (!Array.isArray(items)) return;
    for (const entry of items as Node[]) {
      if (entry === null || typeof entry !== 'object') continue;
      if (Array.isArray(entry.item)) visit(entry.item);
      else if (typeof entry.id === 'string') {
        const flow = origins.get(entry.id);
        if (flow !== undefined && !flows.includes(flow)) flows.push(flow);
      }
    }
  };
  visit((collection as { item?: unknown }).item);
  // Origins whose item is gone (a hand-edited collection) still name a flow the collection came from.
  for (const flow of [...origins.values()].sort()) if (!flows.includes(flow)) flows.push(flow);
  return flows;
}

function requestOrigins(collection: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const variables = (collection as { variable?: unknown } | null)?.variable;
  if (!Array.isArray(variables)) return out;
  const entry = variables.find((v: { key?: unknown } | null) => v?.key === REQUESTS_VARIABLE) as { value?: unknown } | undefined;
  if (typeof entry?.value !== 'string') return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(entry.value);
  } catch {
    return out;
  }
  if (parsed === null || typeof parsed !== 'object') return out;
  for (const [id, origin] of Object.entries(parsed)) {
    const flow = (origin as { flow?: unknown } | null)?.flow;
    if (typeof flow === 'string' && flow !== '') out.set(id, flow);
  }
  return out;
}
