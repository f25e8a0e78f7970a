// HAR entries → exchanges, leniently: what can be read is kept, and each entry that cannot is named with why.
import type { BodyOptions } from './body.js';
import { redactUrl } from './redact.js';
import { bodyFromHarContent, bodyFromHarPostData, isBodilessResponse } from './har-body.js';
import { asArray, asNumber, asObject, asString, headersFromHar, httpVersionFromHar, timingsFromHar, type Loose } from './har-fields.js';
import { webSocketFromHar } from './har-websocket.js';
import type { Exchange, ExchangeFailure, RecordedResponse } from './types.js';

export type ImportedExchange = Omit<Exchange, 'id'>;

export type HarEntryResult =
  | { ok: true; exchange: ImportedExchange; warnings: string[] }
  | { ok: false; reason: string };

/** An entry that was not imported: its 1-based position in `log.entries`, a label and the reason. */
export interface SkippedEntry {
  entry: number;
  label: string;
  reason: string;
}

export interface HarImportOptions extends BodyOptions {
  /** Receives one line per entry that was skipped or partly read. */
  onWarning?: (message: string) => void;
  onSkip?: (skipped: SkippedEntry) => void;
}

const EPOCH = '1970-01-01T00:00:00.000Z';
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Maps `log.entries` in file order; skipped entries go to `onSkip`, partial reads to `onWarning`. */
export function* importHarEntries(entries: readonly unknown[], options: HarImportOptions = {}): Generator<ImportedExchange> {
  let previousStart = EPOCH;
  for (const [index, value] of entries.entries()) {
    const label = entryLabel(value, index);
    const result = exchangeFromHarEntry(value, { ...options, fallbackStartedAt: previousStart });
    if (!result.ok) {
      options.onSkip?.({ entry: index + 1, label, reason: result.reason });
      continue;
    }
    for (const warning of result.warnings) options.onWarning?.(`${label}: ${warning}`);
    previousStart = result.exchange.timings.startedAt;
    yield result.exchange;
  }
}

/** `entry 3 (POST https://api.example.com/login)`, for messages. */
export function entryLabel(value: unknown, index: number): string {
  const request = asObject(asObject(value)?.request);
  const method = asString(request?.method);
  const raw = asString(request?.url);
  const url = raw && redactUrl(raw);
  const what = method && url ? ` (${method} ${url.length > 80 ? `${url.slice(0, 77)}...` : url})` : '';
  return `entry ${index + 1}${what}`;
}

/** One HAR entry → one exchange, or the reason it cannot be one. Pure. */
export function exchangeFromHarEntry(value: unknown, options: BodyOptions & { fallbackStartedAt?: string } = {}): HarEntryResult {
  const entry = asObject(value);
  if (!entry) return { ok: false, reason: 'not an object' };
  const request = asObject(entry.request);
  if (!request) return { ok: false, reason: 'it has no request' };
  const method = asString(request.method)?.trim();
  if (!method || !TOKEN.test(method)) return { ok: false, reason: `request.method ${JSON.stringify(request.method ?? null)} is not an HTTP method` };
  const url = urlFromHar(request);
  if (!url.ok) return { ok: false, reason: url.reason };

  const warnings: string[] = [];
  const requestHeaders = headersFromHar(request.headers);
  const requestBody = bodyFromHarPostData(request.postData, request.bodySize, requestHeaders.headers, options);
  if (requestBody.missing) warnings.push('the request body is not in the HAR (size only); kept as truncated');
  const response = responseFromHar(entry.response, method, options, warnings);
  const failure = failureFromHar(entry, response);
  const dropped = requestHeaders.dropped + (response?.dropped ?? 0);
  if (dropped > 0) warnings.push(`${dropped} malformed header(s) without a name were dropped`);

  const startedAt = startedAtFromHar(entry.startedDateTime, options.fallbackStartedAt, warnings);
  const exchange: ImportedExchange = {
    timings: timingsFromHar(entry.time, entry.timings, startedAt, response === undefined),
    request: { method, url: url.url, httpVersion: httpVersionFromHar(request.httpVersion), headers: requestHeaders.headers, body: requestBody.body },
    response: response?.response ?? null,
  };
  if (failure) exchange.failure = failure;
  const websocket = url.webSocket ? webSocketFromHar(entry, startedAt, warnings) : undefined;
  if (websocket) exchange.websocket = websocket;
  const comment = asString(entry.comment);
  if (comment) exchange.note = comment;
  return { ok: true, exchange, warnings };
}

/** The entry's absolute URL: http(s), or ws(s) for a WebSocket (its messages come from `_webSocketMessages`). */
function urlFromHar(request: Loose): { ok: true; url: string; webSocket: boolean } | { ok: false; reason: string } {
  const raw = asString(request.url)?.trim();
  if (!raw) return { ok: false, reason: 'request.url is missing' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: `request.url ${JSON.stringify(raw.slice(0, 80))} is not an absolute URL` };
  }
  const webSocket = url.protocol === 'ws:' || url.protocol === 'wss:';
  if (!webSocket && url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `request.url uses ${url.protocol} (only http:, https:, ws: and wss: exchanges are imported)` };
  }
  const query = asArray(request.queryString).map(asObject).filter((q): q is Loose => typeof q?.name === 'string');
  if (url.search === '' && query.length > 0) {
    url.search = new URLSearchParams(query.map((q): [string, string] => [String(q.name), String(q.value ?? '')])).toString();
  }
  return { ok: true, url: url.href, webSocket };
}

interface ReadResponse {
  response: RecordedResponse;
  dropped: number;
}

/** The response, or undefined when the entry has none (missing, or status 0 as Chrome writes for failures). */
function responseFromHar(value: unknown, method: string, options: BodyOptions, warnings: string[]): ReadResponse | undefined {
  const response = asObject(value);
  const status = asNumber(response?.status);
  if (!response || status === undefined || !Number.isInteger(status) || status < 100 || status > 999) return undefined;
  const headers = headersFromHar(response.headers);
  const body = bodyFromHarContent(response.content, headers.headers, isBodilessResponse(method, status), options);
  if (body.missing) warnings.push('the response body is not in the HAR (size only); kept as truncated');
  return {
    response: {
      status,
      statusText: asString(response.statusText) ?? '',
      httpVersion: httpVersionFromHar(response.httpVersion),
      headers: headers.headers,
      body: body.body,
    },
    dropped: headers.dropped,
  };
}

const PHASES: readonly ExchangeFailure['phase'][] = ['connect', 'tls', 'headers', 'body'];

/** apitape's own failure hint, else one made from Chrome's `_error` when there is no response. */
function failureFromHar(entry: Loose, response: ReadResponse | undefined): ExchangeFailure | undefined {
  const hint = asObject(asObject(entry._apitape)?.failure);
  if (hint && typeof hint.code === 'string' && typeof hint.message === 'string' && PHASES.includes(hint.phase as ExchangeFailure['phase'])) {
    return { code: hint.code, message: hint.message, phase: hint.phase as ExchangeFailure['phase'] };
  }
  if (response) return undefined;
  const error = asString(asObject(entry.response)?._error)?.trim();
  if (!error) return { code: 'NO_RESPONSE', message: 'the HAR entry has no response', phase: 'headers' };
  const code = error.replace(/^net::/, '').replace(/[^A-Za-z0-9_]+/g, '_').slice(0, 60) || 'NO_RESPONSE';
  return { code, message: error, phase: phaseOfError(code) };
}

function phaseOfError(code: string): ExchangeFailure['phase'] {
  if (/CERT|SSL|TLS/i.test(code)) return 'tls';
  if (/NAME_NOT_RESOLVED|REFUSED|UNREACHABLE|CONNECTION_TIMED_OUT|DISCONNECTED|NETWORK|PROXY|ADDRESS/i.test(code)) return 'connect';
  if (/CONTENT_LENGTH|CHUNKED|DECODING|INCOMPLETE/i.test(code)) return 'body';
  return 'headers';
}

/** `startedDateTime` as UTC ISO-8601; a missing or unreadable one takes the previous entry's. */
function startedAtFromHar(value: unknown, fallback: string | undefined, warnings: string[]): string {
  const raw = asString(value);
  const ms = raw === undefined ? Number.NaN : Date.parse(raw);
  if (Number.isFinite(ms)) return new Date(ms).toISOString();
  warnings.push(`startedDateTime ${JSON.stringify(value ?? null)} is not a date; used the previous entry's`);
  return fallback ?? EPOCH;
}
