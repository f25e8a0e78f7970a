// The generate step shared by `generate`, `accept` and `export --format postman`, on flows already
// read: endpoints inferred from every exchange → the collection and its environments (no I/O here).
import { inferEndpoints, type InferOptions } from '../assertions/infer.js';
import { isAcceptedExchange } from '../cassette/types.js';
import { generateCollection } from './generate.js';
import { planTargetEnvironments, type TargetEnvironment } from './target-environments.js';
import type { CollectionV21, GenerateOptions, GenerateResult, RecordedFlow } from './types.js';

export interface FromFlowsOptions extends GenerateOptions {
  /** Collection name; default the single flow's name, else `fallbackName`. */
  name?: string;
  fallbackName: string;
  infer?: InferOptions;
}

/** What `generateFromFlows` gives: the generate result plus the collection name and recording targets. */
export interface FromFlowsResult extends GenerateResult {
  name: string;
  /**
   * One entry per reverse-mode target when the cassettes were recorded against two or more
   * (`planTargetEnvironments`); empty otherwise. Their environments follow the default one in
   * `environments`, which always comes first.
   */
  targets: TargetEnvironment[];
}

/**
 * Generates from the flows of the chosen cassettes. Exchanges appended by `apitape accept` feed
 * inference (so the tests learn the accepted behaviour) but are not steps of the flows.
 */
export function generateFromFlows(all: RecordedFlow[], options: FromFlowsOptions): FromFlowsResult {
  const name = options.name ?? (all.length === 1 ? all[0]!.name : options.fallbackName);
  const endpoints = inferEndpoints(all.flatMap((f) => f.exchanges), options.infer ?? {});
  const flows = all.map((f) => ({ ...f, exchanges: f.exchanges.filter((e) => !isAcceptedExchange(e)) }));
  const { timing, envName } = options;
  const result = generateCollection({ name, flows, endpoints }, { ...(timing !== undefined ? { timing } : {}), ...(envName ? { envName } : {}) });
  const targets = planTargetEnvironments(flows, result.environments[0]!);
  return { name, ...result, environments: [...result.environments, ...targets.map((t) => t.environment)], targets };
}

/** The collection file's text: two-space JSON with a final newline (the same collection gives the same bytes). */
export function serializeCollection(collection: CollectionV21): string {
  return `${JSON.stringify(collection, null, 2)}\n`;
}
