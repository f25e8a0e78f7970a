// One exchange ↔ one cassette line, with a fixed key order so the same exchange gives the same bytes.
import { CassetteFormatError } from '../errors.js';
import { CASSETTE_FORMAT_VERSION, type Body, type CassetteHeader, type Exchange } from './types.js';
import { orderWebSocket, webSocketProblem } from './websocket-codec.js';
import { migrateExchange } from './migrate.js';

/** Serialises the header line (no trailing newline). */
export function encodeHeader(header: CassetteHeader): string {
  return JSON.stringify(pick(header, ['apitape', 'formatVersion', 'name', 'createdAt', 'target']));
}

/**
 * Serialises one exchange (no trailing newline). Body values keep their own key order. Every object
 * is rebuilt as a literal in the fixed key order (`JSON.stringify` drops the keys left undefined):
 * about three times faster than copying keys one by one, and the same bytes.
 */
export function encodeExchange(exchange: Exchange): string {
  const { timings: t, request: q, response: s, failure: f } = exchange;
  return JSON.stringify({
    id: exchange.id,
    timings: { startedAt: t.startedAt, firstByteMs: t.firstByteMs, durationMs: t.durationMs },
    request: { method: q.method, url: q.url, httpVersion: q.httpVersion, headers: q.headers, body: orderBody(q.body) },
    response: s && { status: s.status, statusText: s.statusText, httpVersion: s.httpVersion, headers: s.headers, body: orderBody(s.body) },
    failure: f ? { code: f.code, message: f.message, phase: f.phase } : undefined,
    websocket: exchange.websocket && orderWebSocket(exchange.websocket),
    note: exchange.note,
  });
}

/** The body's keys in their fixed order: kind, size, contentEncoding, truncated, sha256, decodeError, then its content. */
function orderBody(body: Body): Body {
  const b = body as Partial<Record<'size' | 'contentEncoding' | 'truncated' | 'sha256' | 'decodeError' | 'value' | 'text' | 'base64', unknown>> & { kind: string };
  return {
    kind: b.kind,
    size: b.size,
    contentEncoding: b.contentEncoding,
    truncated: b.truncated,
    sha256: b.sha256,
    decodeError: b.decodeError,
    value: b.value,
    text: b.text,
    base64: b.base64,
  } as unknown as Body;
}

/** Parses the header line of `file`; throws `CassetteFormatError` when it is not one we can read. */
export function decodeHeader(line: string, file: string): CassetteHeader {
  let value: unknown;
  try {
    value = JSON.parse(line.replace(/^\uFEFF/, ''));
  } catch {
    throw new CassetteFormatError(file, 1, 'the first line is not a cassette header (not JSON)', {
      hint: looksLikeConflict(line) ? 'resolve the git merge conflict in the file first' : 'is this an apitape cassette?',
    });
  }
  const header = value as Partial<CassetteHeader> | null;
  if (header?.apitape !== 'cassette' || typeof header.formatVersion !== 'number') {
    throw new CassetteFormatError(file, 1, 'the first line is not a cassette header (expected {"apitape":"cassette","formatVersion":…})', {
      hint: 'HAR files are read with `apitape import`',
    });
  }
  if (header.formatVersion > CASSETTE_FORMAT_VERSION || header.formatVersion < 1) {
    throw new CassetteFormatError(
      file,
      1,
      `cassette has formatVersion ${header.formatVersion}, but this build reads 1 to ${CASSETTE_FORMAT_VERSION}`,
      { hint: 'upgrade apitape, or re-record the cassette' },
    );
  }
  return header as CassetteHeader;
}

/** Parses exchange line `lineNumber` (1-based) of a cassette written with `formatVersion`. */
export function decodeExchange(line: string, formatVersion: number, file: string, lineNumber: number): Exchange {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    const hint = looksLikeConflict(line) ? 'resolve the git merge conflict in the file first' : 'fix or delete that line (the others are intact); `apitape inspect --skip-corrupt` reads the rest';
    throw new CassetteFormatError(file, lineNumber, `not valid JSON (${(error as Error).message})`, { hint, cause: error });
  }
  const exchange = migrateExchange(value, formatVersion);
  const problem = shapeProblem(exchange);
  if (problem) throw new CassetteFormatError(file, lineNumber, `not an exchange: ${problem}`, { hint: 'fix or delete that line (the others are intact); `apitape inspect --skip-corrupt` reads the rest' });
  return exchange as Exchange;
}

function shapeProblem(value: unknown): string | undefined {
  const ex = value as Partial<Exchange> | null;
  if (typeof ex !== 'object' || ex === null) return 'expected an object';
  if (typeof ex.request?.method !== 'string' || typeof ex.request.url !== 'string') return 'request.method and request.url are required';
  if (typeof ex.timings?.durationMs !== 'number' || typeof ex.timings.startedAt !== 'string') return 'timings.startedAt and timings.durationMs are required';
  const request = messageProblem(ex.request, 'request');
  if (request) return request;
  if (ex.websocket !== undefined) {
    const websocket = webSocketProblem(ex.websocket);
    if (websocket) return websocket;
  }
  if (ex.response === null) return ex.failure === undefined ? 'an exchange without a response needs a failure' : undefined;
  if (typeof ex.response?.status !== 'number') return 'response must be null or have a numeric status';
  return messageProblem(ex.response, 'response');
}

/** Headers as [name, value] string pairs, and a body whose kind has the fields that kind needs. */
function messageProblem(message: { headers?: unknown; body?: unknown }, where: string): string | undefined {
  const headers = message.headers;
  if (!Array.isArray(headers) || !headers.every((h) => Array.isArray(h) && h.length === 2 && typeof h[0] === 'string' && typeof h[1] === 'string')) {
    return `${where}.headers must be a list of [name, value] string pairs`;
  }
  const body = message.body as Record<string, unknown> | undefined;
  const needs: Record<string, string | undefined> = { none: undefined, empty: undefined, json: 'value', text: 'text', binary: 'base64' };
  if (typeof body?.kind !== 'string' || !(body.kind in needs)) return `${where}.body.kind must be one of none, empty, json, text, binary`;
  const field = needs[body.kind];
  if (field === 'value' ? !('value' in body) : field !== undefined && typeof body[field] !== 'string') return `${where}.body of kind ${body.kind} needs "${field}"`;
  if (body.kind !== 'none' && typeof body.size !== 'number') return `${where}.body.size must be a number`;
  return undefined;
}

function looksLikeConflict(line: string): boolean {
  return /^(<{7}|={7}|>{7})/.test(line);
}

function pick<T extends object>(source: T, keys: readonly string[]): Partial<T> {
  const out: Record<string, unknown> = {};
  const record = source as Record<string, unknown>;
  for (const key of keys) if (record[key] !== undefined) out[key] = record[key];
  return out as Partial<T>;
}
