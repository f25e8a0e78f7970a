// Media Type Objects for recorded bodies: which media type a body was, its schema and its example.
import { bodyJson } from '../cassette/body.js';
import { isJsonMediaType, isTextMediaType, mediaType } from '../cassette/headers.js';
import type { Body, Header } from '../cassette/types.js';
import type { JsonSchema } from '../assertions/types.js';

/** Examples larger than this (serialised) are left out: a description is not a data dump. */
export const MAX_EXAMPLE_CHARS = 16 * 1024;

/** An OpenAPI Media Type Object, as far as apitape fills it. */
export interface MediaTypeObject {
  schema?: JsonSchema;
  example?: unknown;
}

/** The media type of a recorded body: its Content-Type, else guessed from how it was stored. */
export function bodyMediaType(headers: readonly Header[], body: Body): string | undefined {
  const declared = mediaType(headers);
  if (declared) return declared;
  if (body.kind === 'json') return 'application/json';
  if (body.kind === 'text') return 'text/plain';
  if (body.kind === 'binary') return 'application/octet-stream';
  return undefined;
}

/** Whether a body carries bytes (not `none` and not `empty`). */
export function hasContent(body: Body): boolean {
  return body.kind === 'json' || body.kind === 'text' || body.kind === 'binary';
}

/**
 * The example a body gives for `type`: the JSON value for JSON types, the text for other text
 * types, nothing for binary, truncated or oversized bodies.
 */
export function exampleOf(body: Body, type: string): { ok: true; value: unknown } | { ok: false } {
  if (body.kind === 'none' || body.kind === 'empty' || body.truncated) return { ok: false };
  if (isJsonMediaType(type)) {
    const json = bodyJson(body);
    if (!json.ok || JSON.stringify(json.value).length > MAX_EXAMPLE_CHARS) return { ok: false };
    return json;
  }
  if (body.kind === 'text' && isTextMediaType(type) && body.text.length <= MAX_EXAMPLE_CHARS) return { ok: true, value: body.text };
  return { ok: false };
}

/** The schema for a non-JSON media type: a string for text, none (any bytes) for binary. */
export function nonJsonSchema(type: string): JsonSchema | undefined {
  return isTextMediaType(type) ? { type: 'string' } : undefined;
}
