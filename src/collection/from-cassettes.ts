// The project-level generate step shared by `generate`, `accept` and `export --format postman`:
// cassettes on disk → endpoints inferred from every exchange → collection and environment files.
import { inferEndpoints, type InferOptions } from '../assertions/infer.js';
import { isAcceptedExchange } from '../cassette/types.js';
import { mergeEnvironment, serializeEnvironment } from './environment.js';
import { environmentPath, readEnvironmentIfPresent, writeFilesAtomically } from './files.js';
import { generateCollection } from './generate.js';
import { loadFlows } from './load.js';
import type { GenerateOptions, GenerateResult } from './types.js';

export interface FromCassettesOptions extends GenerateOptions {
  /** Cassettes in replay order; empty or absent: every cassette in `<cwd>/cassettes/`. */
  cassettes?: string[];
  /** Collection name; default the single cassette's name, else `fallbackName`. */
  name?: string;
  fallbackName: string;
  infer?: InferOptions;
  onWarning: (message: string) => void;
}

/**
 * Reads the cassettes and generates. Exchanges appended by `apitape accept` feed inference (so the
 * tests learn the accepted behaviour) but are not steps of the flows.
 */
export async function generateFromCassettes(cwd: string, options: FromCassettesOptions): Promise<GenerateResult & { name: string }> {
  const all = await loadFlows(cwd, options.cassettes, options.onWarning);
  const name = options.name ?? (all.length === 1 ? all[0]!.name : options.fallbackName);
  const endpoints = inferEndpoints(all.flatMap((f) => f.exchanges), options.infer ?? {});
  const flows = all.map((f) => ({ ...f, exchanges: f.exchanges.filter((e) => !isAcceptedExchange(e)) }));
  const { timing, envName } = options;
  return { name, ...generateCollection({ name, flows, endpoints }, { ...(timing !== undefined ? { timing } : {}), ...(envName ? { envName } : {}) }) };
}

/**
 * Writes the collection to `collectionFile` and the environment under `<cwd>/environments/`,
 * keeping values a person filled into an existing environment; both atomically.
 */
export async function writeGenerated(cwd: string, result: GenerateResult, collectionFile: string): Promise<{ environment: string; keptValues: boolean }> {
  const generated = result.environments[0]!;
  const envFile = environmentPath(cwd, generated.name);
  const existing = await readEnvironmentIfPresent(envFile);
  await writeFilesAtomically([
    { path: collectionFile, text: `${JSON.stringify(result.collection, null, 2)}\n` },
    { path: envFile, text: serializeEnvironment(existing ? mergeEnvironment(generated, existing) : generated) },
  ]);
  return { environment: envFile, keptValues: existing !== undefined };
}
