// `export --format openapi`: the OpenAPI 3.1 description (JSON text) inferred from a cassette's exchanges; no I/O here.
import { inferEndpoints, type InferOptions } from '../assertions/infer.js';
import type { Exchange } from '../cassette/types.js';
import type { PostmanEnvironment } from '../collection/environment.js';
import { buildOpenApi } from '../openapi/build.js';
import { serversFromEnvironments } from '../openapi/servers.js';

export interface OpenApiExportInput {
  /** The document's title: the cassette name. */
  title: string;
  exchanges: Exchange[];
  /** The target the cassette was recorded against (its header), the server when no environment names one. */
  target?: string;
  /** The project's environments (`environments/*.postman_environment.json`): their base URLs are the servers. */
  environments: PostmanEnvironment[];
  infer?: InferOptions;
}

/** The OpenAPI document as two-space JSON with a final newline. */
export function renderOpenApiExport({ title, exchanges, target, environments, infer }: OpenApiExportInput): string {
  const servers = serversFromEnvironments(environments);
  if (servers.length === 0 && target) servers.push({ url: target.replace(/\/+$/, ''), description: 'recorded target' });
  const doc = buildOpenApi(inferEndpoints(exchanges, infer), exchanges, { title, servers, ...(infer ? { infer } : {}) });
  return `${JSON.stringify(doc, null, 2)}\n`;
}
