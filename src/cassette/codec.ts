// One exchange ↔ one cassette line, with a fixed key order so the same exchange gives the same bytes.
import { CassetteFormatError } from '../errors.js';
import { CASSETTE_FORMAT_VERSION, type Body, type CassetteHeader, type Exchange } from './types.js';
import { migrateExchange } from './migrate.js';

/** Serialises the header line (no trailing newline). */
export function encodeHeader(header: CassetteHeader): string {
  return JSON.stringify(pick(header, ['apitape', 'formatVersion', 'name', 'createdAt', 'target']));
}

/** Serialises one exchange (no trailing newline). Body values keep their own key order. */
export function encodeExchange(exchange: Exchange): string {
  const { request: q, response: s } = exchange;
  return JSON.stringify({
    id: exchange.id,
    timings: pick(exchange.timings, ['startedAt', 'firstByteMs', 'durationMs']),
    request: { ...pick(q, ['method', 'url', 'httpVersion', 'headers']), body: orderBody(q.body) },
    response: s && { ...pick(s, ['status', 'statusText', 'httpVersion', 'headers']), body: orderBody(s.body) },
    ...(exchange.failure ? { failure: pick(exchange.failure, ['code', 'message', 'phase']) } : {}),
    ...(exchange.note !== undefined ? { note: exchange.note } : {}),
  });
}

const BODY_KEYS = ['kind', 'size', 'contentEncoding', 'truncated', 'sha256', 'decodeError', 'value', 'text', 'base64'] as const;

function orderBody(body: Body): Body {
  return pick(body as Record<string, unknown>, BODY_KEYS) as unknown as Body;
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
    const hint = looksLikeConflict(line) ? 'resolve the git merge conflict in the file first' : 'use --skip-corrupt to read the other lines';
    throw new CassetteFormatError(file, lineNumber, `not valid JSON (${(error as Error).message})`, { hint, cause: error });
  }
  const exchange = migrateExchange(value, formatVersion);
  const problem = shapeProblem(exchange);
  if (problem) throw new CassetteFormatError(file, lineNumber, `not an exchange: ${problem}`, { hint: 'use --skip-corrupt to read the other lines' });
  return exchange as Exchange;
}

function shapeProblem(value: unknown): string | undefined {
  const ex = value as Partial<Exchange> | null;
  if (typeof ex !== 'object' || ex === null) return 'expected an object';
  if (typeof ex.request?.method !== 'string' || typeof ex.request.url !== 'string') return 'request.method and request.url are required';
  if (!Array.isArray(ex.request.headers) || typeof ex.request.body?.kind !== 'string') return 'request.headers and request.body are required';
  if (ex.response !== null && typeof ex.response?.status !== 'number') return 'response must be null or have a numeric status';
  if (ex.response === null && ex.failure === undefined) return 'an exchange without a response needs a failure';
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
