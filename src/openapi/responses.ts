// The Responses Object of an operation: one entry per recorded status, with schema and example.
import { STATUS_CODES } from 'node:http';
import { isJsonMediaType } from '../cassette/headers.js';
import type { Exchange, RecordedResponse } from '../cassette/types.js';
import type { Endpoint, ResponseModel } from '../assertions/types.js';
import { bodyMediaType, exampleOf, hasContent, nonJsonSchema, type MediaTypeObject } from './media.js';
import { toOpenApiSchema } from './schema.js';

export interface ResponseObject {
  description: string;
  headers?: Record<string, { schema: { type: 'string' }; example?: string }>;
  content?: Record<string, MediaTypeObject>;
}

/** Response headers never described: the body's own framing, or ignored by OpenAPI itself. */
const UNDESCRIBED_HEADERS = new Set(['content-type', 'content-length', 'content-encoding', 'transfer-encoding']);

/**
 * Responses keyed by status code. An endpoint whose every sample failed at the transport level
 * gets a `default` entry saying so (OpenAPI requires at least one response).
 */
export function buildResponses(endpoint: Endpoint, samples: readonly Exchange[]): Record<string, ResponseObject> {
  const out: Record<string, ResponseObject> = {};
  for (const model of endpoint.responses) {
    const recorded = samples.flatMap((s) => (s.response?.status === model.status ? [s.response] : []));
    out[String(model.status)] = buildResponse(model, recorded);
  }
  if (Object.keys(out).length === 0) {
    out.default = { description: 'No response was recorded: every sample failed before the upstream answered.' };
  }
  return out;
}

function buildResponse(model: ResponseModel, recorded: readonly RecordedResponse[]): ResponseObject {
  const out: ResponseObject = { description: describeStatus(model.status, recorded) };
  const headers = describeHeaders(model.headers);
  if (headers) out.headers = headers;
  const types = contentTypes(model, recorded);
  if (types.length > 0) {
    out.content = {};
    for (const type of types) out.content[type] = mediaTypeObject(type, model, recorded);
  }
  return out;
}

/** The media types to describe: those inference saw, else those guessed from the stored bodies. */
function contentTypes(model: ResponseModel, recorded: readonly RecordedResponse[]): string[] {
  const hasBody = model.bodyKinds.some((k) => k === 'json' || k === 'text' || k === 'binary');
  if (!hasBody) return [];
  if (model.contentTypes.length > 0) return [...model.contentTypes].sort();
  const guessed = new Set<string>();
  for (const response of recorded) {
    const type = hasContent(response.body) ? bodyMediaType(response.headers, response.body) : undefined;
    if (type) guessed.add(type);
  }
  return [...guessed].sort();
}

function mediaTypeObject(type: string, model: ResponseModel, recorded: readonly RecordedResponse[]): MediaTypeObject {
  const out: MediaTypeObject = {};
  const schema = isJsonMediaType(type) && model.schema ? toOpenApiSchema(model.schema) : nonJsonSchema(type);
  if (schema) out.schema = schema;
  for (const response of recorded) {
    if (bodyMediaType(response.headers, response.body) !== type) continue;
    const example = exampleOf(response.body, type);
    if (example.ok) {
      out.example = example.value;
      break;
    }
  }
  return out;
}

/** The status text most samples carried (ties: the first seen), else the standard reason phrase. */
function describeStatus(status: number, recorded: readonly RecordedResponse[]): string {
  const counts = new Map<string, number>();
  for (const r of recorded) if (r.statusText.trim() !== '') counts.set(r.statusText, (counts.get(r.statusText) ?? 0) + 1);
  let best: string | undefined;
  for (const [text, count] of counts) if (best === undefined || count > counts.get(best)!) best = text;
  return best ?? STATUS_CODES[status] ?? `Status ${status}`;
}

function describeHeaders(headers: Record<string, string[]>): ResponseObject['headers'] {
  const names = Object.keys(headers).filter((h) => !UNDESCRIBED_HEADERS.has(h)).sort();
  if (names.length === 0) return undefined;
  const out: NonNullable<ResponseObject['headers']> = {};
  for (const name of names) {
    const example = headers[name]?.[0];
    out[name] = example === undefined ? { schema: { type: 'string' } } : { schema: { type: 'string' }, example };
  }
  return out;
}
