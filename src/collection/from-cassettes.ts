// The project-level generate step shared by `generate`, `accept` and `export --format postman`:
// cassettes on disk → endpoints inferred from every exchange → collection and environment files.
import { inferEndpoints, type InferOptions } from '../assertions/infer.js';
import { isAcceptedExchange } from '../cassette/types.js';
import { mergeEnvironment, serializeEnvironment } from './environment.js';
import { environmentPath, readEnvironmentIfPresent, writeFilesAtomically } from './files.js';
import { generateCollection } from './generate.js';
import { loadFlows } from './load.js';
import { planTargetEnvironments, type TargetEnvironment } from './target-environments.js';
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

/** What `generateFromCassettes` gives: the generate result plus the collection name and recording targets. */
export interface FromCassettesResult extends GenerateResult {
  name: string;
  /**
   * One entry per reverse-mode target when the cassettes were recorded against two or more
   * (`planTargetEnvironments`); empty otherwise. Their environments follow the default one in
   * `environments`, which always comes first.
   */
  targets: TargetEnvironment[];
}

/**
 * Reads the cassettes and generates. Exchanges appended by `apitape accept` feed inference (so the
 * tests learn the accepted behaviour) but are not steps of the flows.
 */
export async function generateFromCassettes(cwd: string, options: FromCassettesOptions): Promise<FromCassettesResult> {
  const all = await loadFlows(cwd, options.cassettes, options.onWarning);
  const name = options.name ?? (all.length === 1 ? all[0]!.name : options.fallbackName);
  const endpoints = inferEndpoints(all.flatMap((f) => f.exchanges), options.infer ?? {});
  const flows = all.map((f) => ({ ...f, exchanges: f.exchanges.filter((e) => !isAcceptedExchange(e)) }));
  const { timing, envName } = options;
  const result = generateCollection({ name, flows, endpoints }, { ...(timing !== undefined ? { timing } : {}), ...(envName ? { envName } : {}) });
  const targets = planTargetEnvironments(flows, result.environments[0]!);
  return { name, ...result, environments: [...result.environments, ...targets.map((t) => t.environment)], targets };
}

/** One environment file `writeGenerated` wrote. */
export interface WrittenEnvironment {
  name: string;
  path: string;
  /** The file existed: values a person filled in were kept. */
  keptValues: boolean;
}

/**
 * Writes the collection to `collectionFile` and every environment under `<cwd>/environments/`,
 * keeping values a person filled into an existing environment; all files atomically. `environment`
 * and `keptValues` describe the first (default) environment.
 */
export async function writeGenerated(
  cwd: string,
  result: GenerateResult,
  collectionFile: string,
): Promise<{ environment: string; keptValues: boolean; environments: WrittenEnvironment[] }> {
  const files = [{ path: collectionFile, text: `${JSON.stringify(result.collection, null, 2)}\n` }];
  const environments: WrittenEnvironment[] = [];
  for (const generated of result.environments) {
    const envFile = environmentPath(cwd, generated.name);
    const existing = await readEnvironmentIfPresent(envFile);
    files.push({ path: envFile, text: serializeEnvironment(existing ? mergeEnvironment(generated, existing) : generated) });
    environments.push({ name: generated.name, path: envFile, keptValues: existing !== undefined });
  }
  await writeFilesAtomically(files);
  const first = environments[0]!;
  return { environment: first.path, keptValues: first.keptValues, environments };
}
