// The Request Body Object of an operation, from the request bodies its samples sent.
import { bodyJson } from '../cassette/body.js';
import { isJsonMediaType } from '../cassette/headers.js';
import type { Exchange } from '../cassette/types.js';
import type { InferOptions } from '../assertions/infer.js';
import { bodyMediaType, exampleOf, hasContent, nonJsonSchema, type MediaTypeObject } from './media.js';
import { inferValuesSchema } from './request-schema.js';
import { toOpenApiSchema } from './schema.js';

export interface RequestBodyObject {
  required: boolean;
  content: Record<string, MediaTypeObject>;
}

/**
 * One media type per Content-Type the samples sent, each with the merged schema of its JSON
 * bodies (form bodies are described as objects of strings) and the first recorded body as the
 * example. `required` when every sample had a body. Undefined when no sample sent one.
 */
export function buildRequestBody(samples: readonly Exchange[], options: InferOptions): RequestBodyObject | undefined {
  const byType = new Map<string, Exchange[]>();
  for (const sample of samples) {
    const { body, headers } = sample.request;
    const type = hasContent(body) ? bodyMediaType(headers, body) : undefined;
    if (type === undefined) continue;
    const list = byType.get(type);
    if (list) list.push(sample);
    else byType.set(type, [sample]);
  }
  if (byType.size === 0) return undefined;
  const withBody = [...byType.values()].reduce((n, list) => n + list.length, 0);
  const content: Record<string, MediaTypeObject> = {};
  for (const type of [...byType.keys()].sort()) content[type] = mediaTypeObject(type, byType.get(type)!, options);
  return { required: withBody === samples.length, content };
}

function mediaTypeObject(type: string, samples: readonly Exchange[], options: InferOptions): MediaTypeObject {
  const out: MediaTypeObject = {};
  const values = samples.map((s) => parsedBody(s, type)).filter((v): v is { ok: true; value: unknown } => v.ok);
  if (values.length > 0) out.schema = toOpenApiSchema(inferValuesSchema(values.map((v) => v.value), options));
  else {
    const schema = nonJsonSchema(type);
    if (schema) out.schema = schema;
  }
  for (const sample of samples) {
    const example = type === FORM ? parsedBody(sample, type) : exampleOf(sample.request.body, type);
    if (example.ok) {
      out.example = example.value;
      break;
    }
  }
  return out;
}

const FORM = 'application/x-www-form-urlencoded';

/** The body as a JSON value: parsed JSON for JSON types, an object of strings for form bodies. */
function parsedBody(sample: Exchange, type: string): { ok: true; value: unknown } | { ok: false } {
  const body = sample.request.body;
  if (isJsonMediaType(type)) return bodyJson(body);
  if (type === FORM && body.kind === 'text' && !body.truncated) {
    return { ok: true, value: Object.fromEntries(new URLSearchParams(body.text)) };
  }
  return { ok: false };
}
