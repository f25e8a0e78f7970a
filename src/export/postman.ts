// `export --format postman`: the generated collection and a blank environment template, for Postman
// monitors and plain `newman run` (nothing of apitape is needed to run them); no I/O here.
import * as path from 'node:path';
import { serializeEnvironment } from '../collection/environment.js';
import type { GenerateResult } from '../collection/types.js';

/** The environment template's text: the default environment, named `<cassette> (template)`. */
export function renderEnvironmentTemplate(result: GenerateResult, cassette: string): string {
  return serializeEnvironment({ ...result.environments[0]!, name: `${cassette} (template)` });
}

/** `<out minus .postman_collection.json>.postman_environment.json`, beside `out`. */
export function environmentTemplatePath(out: string): string {
  return path.join(path.dirname(out), `${path.basename(out).replace(/(\.postman_collection)?\.json$/, '')}.postman_environment.json`);
}
