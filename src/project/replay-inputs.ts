// Loads and checks the project files a replay needs before its first request: collection, environment, variables.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { ApitapeError } from '../errors.js';
import { checkCollection, type CollectionFacts } from '../replay/collection.js';
import { applyOverrides, checkBaseUrls, envVarOverrides, parseEnvironment, parseEnvVarFlags, secretValues } from '../replay/environment.js';
import type { NewmanEnvironment } from '../replay/newman.js';
import { checkVariables, iterationDataVariables } from '../replay/variables.js';
import { readJsonFile } from './json-file.js';
import { resolveCollectionFile, resolveEnvironmentFile } from './paths.js';

export interface ReplayInputOptions {
  /** `--collection`; default: the one collection in `collections/`. */
  collection?: string;
  /** `--env NAME|PATH`. */
  env: string;
  /** `--env-var k=v` flags, in order. */
  envVars?: string[];
  /** The process environment (`APITAPE_VAR_<key>` entries override the file). */
  processEnv?: Record<string, string | undefined>;
  iterationData?: string;
  folder?: string[];
}

export interface ReplayInputs {
  collection: object;
  facts: CollectionFacts;
  /** Paths relative to `cwd` when inside it, for reports. */
  collectionFile: string;
  environment: NewmanEnvironment;
  environmentName: string;
  environmentFile: string;
  /** Absolute path of the iteration data file. */
  iterationData?: string;
  /** Values to scrub from everything written. */
  secrets: Array<{ name: string; value: string }>;
}

/**
 * Resolves and validates the replay's inputs; every problem (missing or malformed file, unknown
 * folder, a variable no source provides, a `baseUrl*` that is not an absolute http(s) URL) is an exit-2 `ApitapeError` raised before any request.
 */
export async function loadReplayInputs(cwd: string, options: ReplayInputOptions): Promise<ReplayInputs> {
  const collectionPath = await resolveCollectionFile(cwd, options.collection);
  const collection = await readJsonFile(collectionPath, 'collection', 'COLLECTION_NOT_FOUND');
  const facts = checkCollection(collection, collectionPath);
  const unknown = (options.folder ?? []).filter((f) => !facts.folders.includes(f));
  if (unknown.length > 0) {
    throw new ApitapeError('FOLDER_NOT_FOUND', `no folder ${unknown.map((f) => `"${f}"`).join(', ')} in ${collectionPath}`, {
      hint: facts.folders.length ? `folders: ${facts.folders.join(', ')}` : 'the collection has no folders',
    });
  }
  const envPath = await resolveEnvironmentFile(cwd, options.env);
  const fromFile = parseEnvironment(await readJsonFile(envPath, 'environment', 'ENV_NOT_FOUND'), envPath);
  const overrides = [...envVarOverrides(options.processEnv ?? {}), ...parseEnvVarFlags(options.envVars ?? [])];
  const environment = applyOverrides(fromFile, overrides);
  const columns: string[] = [];
  let iterationData: string | undefined;
  if (options.iterationData !== undefined) {
    iterationData = path.resolve(cwd, options.iterationData);
    const text = await fs.readFile(iterationData, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new ApitapeError('DATA_NOT_FOUND', `cannot read iteration data ${iterationData} (${error.code ?? error.message})`, { cause: error });
    });
    columns.push(...iterationDataVariables(text));
  }
  checkVariables(collection as object, environment, columns, relative(cwd, envPath));
  checkBaseUrls(environment, overrides, relative(cwd, envPath));
  const result: ReplayInputs = {
    collection: collection as object,
    facts,
    collectionFile: relative(cwd, collectionPath),
    environment,
    environmentName: fromFile.name ?? path.basename(envPath).replace(/(\.postman_environment)?\.json$/, ''),
    environmentFile: relative(cwd, envPath),
    secrets: secretValues(fromFile, overrides),
  };
  if (iterationData !== undefined) result.iterationData = iterationData;
  return result;
}

function relative(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}
