// Reads the bytes of a .har file into its entries: BOMs and UTF-16, JSON errors with line:col, torn files.
import { ApitapeError } from '../errors.js';
import { asObject, asString } from './har-fields.js';
import { lineColumn } from '../text-position.js';

/** What a HAR file holds before its entries are mapped. */
export interface HarDocumentContents {
  entries: unknown[];
  /** `name version` of the tool that wrote it, when it says (`WebInspector 537.36`, `Charles Proxy 4.6.3`). */
  creator?: string;
  /** Problems with the file as a whole that did not stop the import (a torn file, an odd version). */
  warnings: string[];
}

const EXPECTED = 'expected a HAR file: JSON like {"log": {"version": "1.2", "entries": [...]}}';

/**
 * Parses a HAR file. Throws `ApitapeError` `HAR_INVALID` (exit 2) only when the file is not HAR at
 * all; a file cut short after some complete entries gives those entries and a warning.
 */
export function parseHarDocument(bytes: Buffer, file: string): HarDocumentContents {
  const text = decodeText(bytes);
  if (text.trim() === '') throw invalid(file, 'the file is empty');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return salvageEntries(text, file, error as Error);
  }
  const log = asObject(asObject(value)?.log);
  if (!log) throw invalid(file, `found ${describe(value)} without a "log" object`);
  if (!Array.isArray(log.entries)) throw invalid(file, `"log.entries" is ${describe(log.entries)}, not an array`);
  const warnings: string[] = [];
  const version = asString(log.version);
  if (version !== undefined && !/^1\.[0-9]$/.test(version)) warnings.push(`${file}: HAR version ${JSON.stringify(version)} is not 1.x; read as 1.2`);
  return { entries: log.entries, creator: creatorOf(log.creator), warnings };
}

function invalid(file: string, found: string, hint?: string): ApitapeError {
  return new ApitapeError('HAR_INVALID', `${file} is not a HAR file: ${found}`, {
    hint: hint ?? `${EXPECTED}; export one from the browser's network panel ("Save all as HAR") or your proxy tool`,
  });
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function creatorOf(value: unknown): string | undefined {
  const creator = asObject(value);
  const name = asString(creator?.name);
  if (!name) return undefined;
  const version = asString(creator?.version);
  return version ? `${name} ${version}` : name;
}

/** UTF-8 (with or without BOM) or UTF-16 with its BOM, as Windows tools sometimes write. */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
}

/**
 * A file that is not valid JSON: if it starts like HAR, keep every complete entry before the damage
 * (a browser or proxy killed while saving leaves such files); otherwise fail with the position.
 */
function salvageEntries(text: string, file: string, error: Error): HarDocumentContents {
  const problem = jsonProblem(text, error);
  const start = /^\s*\{\s*"log"\s*:\s*\{/.test(text) ? /"entries"\s*:\s*\[/g : undefined;
  const match = start?.exec(text);
  const entries = match ? completeElements(text, match.index + match[0].length) : [];
  if (entries.length === 0) throw invalid(file, problem, `${EXPECTED}; fix the JSON or export the HAR again`);
  return {
    entries,
    warnings: [`${file}: ${problem}; read the ${entries.length} complete entries before it, the rest of the file was ignored`],
  };
}

/** `invalid JSON at 12:5 (Expected ',' or '}' after property value)`, never quoting the file's text. */
function jsonProblem(text: string, error: Error): string {
  const message = error.message;
  const firstChar = text.search(/\S/);
  const position =
    /position (\d+)/.exec(message)?.[1] ??
    (/end of JSON/.test(message) ? String(text.length) : /^[{[]/.test(text.slice(firstChar)) ? undefined : String(firstChar));
  const what = message.replace(/ in JSON at position[\s\S]*$/, '').replace(/, "[\s\S]*$/, '');
  return `invalid JSON${position === undefined ? '' : ` at ${lineColumn(text, Number(position))}`} (${what})`;
}

/** Parses array elements from `from` until one is incomplete or not JSON. */
function completeElements(text: string, from: number): unknown[] {
  const out: unknown[] = [];
  let i = from;
  for (;;) {
    while (i < text.length && /[\s,]/.test(text[i]!)) i += 1;
    if (text[i] !== '{') return out;
    const end = objectEnd(text, i);
    if (end < 0) return out;
    try {
      out.push(JSON.parse(text.slice(i, end)));
    } catch {
      return out;
    }
    i = end;
  }
}

/** Index just past the `}` closing the object that opens at `start`, or -1 when the text ends first. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}
