// A recorded body as documentation shows it: small bodies whole, large ones trimmed (arrays cut to
// their first items, long strings shortened, then a hard cut) with a note that says so.
import { mediaType } from '../cassette/headers.js';
import type { Body, Header } from '../cassette/types.js';

/** Bodies up to this many characters (as shown: compact or pretty JSON, or text) are shown whole. */
export const EXAMPLE_BODY_LIMIT = 8 * 1024;

export interface ExampleBodyOptions {
  /** Characters shown whole; larger bodies are trimmed. Default EXAMPLE_BODY_LIMIT. */
  limit?: number;
  /**
   * Indent JSON (for a page a person reads as is). Off, a JSON body is its recorded bytes exactly
   * (a `json` body's compact form is what was recorded), which Postman pretty-prints on display.
   */
  pretty?: boolean;
}
/** Items an array keeps, and characters a string keeps, once a body is trimmed. */
const KEPT_ITEMS = 3;
const KEPT_STRING = 200;
/** Trimming walks no deeper than this; a deeper body is cut as text instead. */
const MAX_DEPTH = 64;

export interface ExampleBody {
  text: string;
  /** How to highlight it (Postman's `_postman_previewlanguage`). */
  language: 'json' | 'html' | 'xml' | 'text';
  /** Why the text is not the whole recorded body, for a reader; absent when it is. */
  note?: string;
}

/** The example text of a recorded body (`headers` give its media type). Pure and deterministic. */
export function exampleBody(body: Body, headers: readonly Header[], options: ExampleBodyOptions = {}): ExampleBody {
  const limit = options.limit ?? EXAMPLE_BODY_LIMIT;
  if (body.kind === 'none' || body.kind === 'empty') return { text: '', language: 'text' };
  const captured = body.truncated ? `the recorder kept only the first part of this ${formatBytes(body.size)} body` : undefined;
  if (body.kind === 'binary') return { text: '', language: 'text', note: `binary body (${formatBytes(body.size)}) left out` };
  if (body.kind === 'json') return { ...jsonExample(body.value, body.size, limit, options.pretty === true), ...(captured ? { note: captured } : {}) };
  const language = languageOf(headers);
  if (body.text.length <= limit) return { text: body.text, language, ...(captured ? { note: captured } : {}) };
  return { text: cut(body.text, limit), language, note: captured ?? `cut at ${formatBytes(limit)} of ${formatBytes(body.size)}` };
}

function jsonExample(value: unknown, size: number, limit: number, pretty: boolean): ExampleBody {
  // the shown text is never shorter than the compact text `size` measures: skip printing a body that cannot fit
  const whole = size <= limit ? serialize(value, pretty) : undefined;
  if (whole !== undefined && whole.length <= limit) return { text: whole, language: 'json' };
  const shrunk = shrink(value, 0);
  const text = shrunk === TOO_DEEP ? undefined : serialize(shrunk, pretty);
  const trimmed = `trimmed from ${formatBytes(size)}: arrays cut to their first ${KEPT_ITEMS} items, strings to ${KEPT_STRING} characters`;
  if (text !== undefined && text.length <= limit) return { text, language: 'json', note: trimmed };
  return { text: cut(text ?? serialize(value, pretty) ?? '', limit), language: 'json', note: `${trimmed}, then cut at ${formatBytes(limit)}` };
}

const TOO_DEEP = Symbol('too deep');

/** A copy with arrays cut to KEPT_ITEMS items and strings to KEPT_STRING characters. */
function shrink(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) return TOO_DEEP;
  if (typeof value === 'string') return value.length > KEPT_STRING ? `${value.slice(0, KEPT_STRING - 1)}…` : value;
  if (value === null || typeof value !== 'object') return value;
  const entries: Array<[string, unknown]> = Array.isArray(value)
    ? value.slice(0, KEPT_ITEMS).map((item, i) => [String(i), item])
    : Object.entries(value);
  const out: Array<[string, unknown]> = [];
  for (const [key, item] of entries) {
    const child = shrink(item, depth + 1);
    if (child === TOO_DEEP) return TOO_DEEP;
    out.push([key, child]);
  }
  return Array.isArray(value) ? out.map(([, item]) => item) : fromEntries(out);
}

/** Like Object.fromEntries, but a `__proto__` key stays an own property (recorded JSON may hold one). */
function fromEntries(entries: Array<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

function serialize(value: unknown, pretty: boolean): string | undefined {
  try {
    return pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value);
  } catch {
    return undefined; // nesting too deep for the stack
  }
}

/** The first `limit` characters, ending at a line break when one is near, and a marker. */
function cut(text: string, limit: number): string {
  const head = text.slice(0, limit);
  const lastBreak = head.lastIndexOf('\n');
  return lastBreak > limit * 0.8 ? `${head.slice(0, lastBreak)}\n…` : `${head}…`;
}

function languageOf(headers: readonly Header[]): ExampleBody['language'] {
  const type = mediaType(headers) ?? '';
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type === 'text/html') return 'html';
  if (type.endsWith('/xml') || type.endsWith('+xml')) return 'xml';
  return 'text';
}

/** `512 bytes`, `48.2 KB`, `3.1 MB` (1 KB = 1024 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
