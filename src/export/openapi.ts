// `export --format openapi`: an OpenAPI 3.1 description inferred from a cassette.
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { inferEndpoints } from '../assertions/infer.js';
import { readCassetteAll } from '../cassette/store.js';
import { readEnvironmentFile } from '../collection/files.js';
import { loadConfig } from '../config/load.js';
import { buildOpenApi } from '../openapi/build.js';
import { serversFromEnvironments } from '../openapi/servers.js';
import type { ExportRequest } from './types.js';

/** Writes the OpenAPI document (JSON); servers come from `environments/*.postman_environment.json`. */
export async function exportOpenApi({ cassette, cassetteFile, out, io }: ExportRequest): Promise<number> {
  const config = await loadConfig(io.cwd);
  const { header, exchanges } = await readCassetteAll(cassetteFile, { onWarning: (m) => io.stderr.write(`apitape export: warning: ${m}\n`) });
  const envDir = path.join(io.cwd, 'environments');
  const envFiles = (await readdir(envDir).catch(() => [] as string[])).filter((f) => f.endsWith('.postman_environment.json')).sort();
  const environments = await Promise.all(envFiles.map((f) => readEnvironmentFile(path.join(envDir, f))));
  const servers = serversFromEnvironments(environments);
  if (servers.length === 0 && header.target) servers.push({ url: header.target.replace(/\/+$/, ''), description: 'recorded target' });
  const doc = buildOpenApi(inferEndpoints(exchanges, config.infer), exchanges, { title: cassette, servers, ...(config.infer ? { infer: config.infer } : {}) });
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  if (out === '-') io.stdout.write(text);
  else await (await import('../collection/files.js')).writeFilesAtomically([{ path: out, text }]);
  return exchanges.length;
}
