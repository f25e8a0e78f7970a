// Small lookups over recorded header lists (ordered, duplicates kept, names in original case).
import type { Header } from './types.js';

/** The first value of header `name` (case-insensitive), or undefined. */
export function headerValue(headers: readonly Header[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  // the length check first: lower-casing every name costs more than the rest of the lookup
  for (const [key, value] of headers) if (key.length === wanted.length && key.toLowerCase() === wanted) return value;
  return undefined;
}

/** Every value of header `name` (case-insensitive), in recorded order. */
export function headerValues(headers: readonly Header[], name: string): string[] {
  const wanted = name.toLowerCase();
  return headers.filter(([key]) => key.length === wanted.length && key.toLowerCase() === wanted).map(([, value]) => value);
}

/** The media type of `Content-Type` without parameters, lower-case (`application/json`). */
export function mediaType(headers: readonly Header[]): string | undefined {
  const raw = headerValue(headers, 'content-type');
  const type = raw?.split(';')[0]?.trim().toLowerCase();
  return type ? type : undefined;
}

/** Whether a media type carries JSON (`application/json`, `application/problem+json`, …). */
export function isJsonMediaType(type: string | undefined): boolean {
  return type !== undefined && (type === 'application/json' || type.endsWith('+json') || type === 'text/json');
}

/** Whether a media type is text a person can read (decoded as UTF-8 when it is valid UTF-8). */
export function isTextMediaType(type: string | undefined): boolean {
  if (type === undefined) return false;
  return (
    type.startsWith('text/') ||
    isJsonMediaType(type) ||
    type.endsWith('+xml') ||
    ['application/xml', 'application/javascript', 'application/x-www-form-urlencoded', 'application/graphql'].includes(type)
  );
}
