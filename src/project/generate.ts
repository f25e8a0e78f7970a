// Generating in a project: its cassettes → a collection and environments (src/collection) → the
// collection file and `environments/*.postman_environment.json`, values a person filled in kept.
import { mergeEnvironment, serializeEnvironment } from '../collection/environment.js';
import { generateFromFlows, serializeCollection, type FromFlowsOptions, type FromFlowsResult } from '../collection/from-flows.js';
import type { GenerateResult } from '../collection/types.js';
import { writeFilesAtomically } from './atomic-write.js';
import { readEnvironmentIfPresent } from './environments.js';
import { loadFlows } from './flows.js';
import { environmentPath } from './paths.js';

export interface FromCassettesOptions extends FromFlowsOptions {
  /** Cassettes in replay order; empty or absent: every cassette in `<cwd>/cassettes/`. */
  cassettes?: string[];
  onWarning: (message: string) => void;
}

/** Reads the cassettes and generates (`generateFromFlows`). */
export async function generateFromCassettes(cwd: string, options: FromCassettesOptions): Promise<FromFlowsResult> {
  return generateFromFlows(await loadFlows(cwd, options.cassettes, options.onWarning), options);
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
  const files = [{ path: collectionFile, text: serializeCollection(result.collection) }];
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
