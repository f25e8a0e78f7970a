// Loads what a replay is compared with: the named cassettes of the project, streamed through inference into endpoints.
import * as fs from 'node:fs/promises';
import { inferEndpointsFromStream, type InferOptions } from '../assertions/infer.js';
import type { Endpoint } from '../assertions/types.js';
import { cassettePath, listCassettes, readCassette } from '../cassette/store.js';
import type { Exchange } from '../cassette/types.js';
import { ApitapeError } from '../errors.js';

export interface Recording {
  /** Cassette names, sorted; empty when the project has none. */
  cassettes: string[];
  endpoints: Endpoint[];
}

/**
 * Infers the endpoints of `names` (default: every cassette in `<cwd>/cassettes/`). A named cassette
 * that does not exist is an exit-2 error; corrupt lines fail with the file and line.
 */
export async function loadRecording(cwd: string, names: readonly string[] | undefined, options: InferOptions = {}, onWarning?: (message: string) => void): Promise<Recording> {
  const cassettes = names && names.length > 0 ? [...new Set(names)].sort() : await listCassettes(cwd);
  const files = cassettes.map((name) => cassettePath(cwd, name));
  for (const [i, file] of files.entries()) {
    const exists = await fs.stat(file).then((s) => s.isFile(), () => false);
    if (!exists) {
      throw new ApitapeError('CASSETTE_NOT_FOUND', `cassette "${cassettes[i]}" not found: ${file} does not exist`, {
        hint: `known cassettes: ${(await listCassettes(cwd)).join(', ') || 'none (record one with `apitape record`)'}`,
      });
    }
  }
  const endpoints = await inferEndpointsFromStream(() => readAll(files, onWarning), options);
  return { cassettes, endpoints };
}

async function* readAll(files: string[], onWarning?: (message: string) => void): AsyncGenerator<Exchange> {
  for (const file of files) yield* readCassette(file, onWarning ? { onWarning } : {});
}
