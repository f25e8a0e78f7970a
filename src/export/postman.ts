// `export --format postman`: the generated collection and a blank environment template, for Postman
// monitors and plain `newman run` (nothing of apitape is needed to run them).
import * as path from 'node:path';
import { serializeEnvironment } from '../collection/environment.js';
import { writeFilesAtomically } from '../collection/files.js';
import { generateFromCassettes } from '../collection/from-cassettes.js';
import { DEFAULT_TIMING } from '../collection/types.js';
import { loadConfig } from '../config/load.js';
import type { ExportRequest } from './types.js';

/** Writes `<out>` (the collection) and `<out minus .postman_collection.json>.postman_environment.json`. */
export async function exportPostman({ cassette, out, io }: ExportRequest): Promise<number> {
  const config = await loadConfig(io.cwd);
  const timing = (config.generate?.timing ?? true) && { ...DEFAULT_TIMING, ...(config.generate?.timingFloorMs ? { floorMs: config.generate.timingFloorMs } : {}) };
  const result = await generateFromCassettes(io.cwd, {
    cassettes: [cassette],
    fallbackName: cassette,
    ...(config.infer ? { infer: config.infer } : {}),
    timing,
    onWarning: (m) => io.stderr.write(`apitape export: warning: ${m}\n`),
  });
  const environment = { ...result.environments[0]!, name: `${cassette} (template)` };
  const collectionText = `${JSON.stringify(result.collection, null, 2)}\n`;
  if (out === '-') {
    io.stdout.write(collectionText);
  } else {
    const envFile = path.join(path.dirname(out), `${path.basename(out).replace(/(\.postman_collection)?\.json$/, '')}.postman_environment.json`);
    await writeFilesAtomically([
      { path: out, text: collectionText },
      { path: envFile, text: serializeEnvironment(environment) },
    ]);
    io.stderr.write(`environment template: ${path.relative(io.cwd, envFile)} (fill in the blank secrets, e.g. newman run … --env-var password=…)\n`);
  }
  return result.summary.requests;
}
