// Exchanges → HAR 1.2 entries and log, in a fixed key order so the same cassette gives the same bytes.
import type { BodyOptions } from './body.js';
import { harContentFromBody, harPostDataFromBody, isBodilessResponse } from './har-body.js';
import { headersToHar, httpVersionToHar, timingsToHar } from './har-fields.js';
import { HAR_VERSION, type HarCookie, type HarCreator, type HarEntry, type HarLog, type HarNameValue, type HarRequest, type HarResponse } from './har.js';
import { headerValue, headerValues } from './headers.js';
import { harWebSocketHint, harWebSocketMessages } from './har-websocket.js';
import type { Exchange, RecordedRequest, RecordedResponse } from './types.js';

/** One exchange → one HAR entry. Pure; the same exchange always gives the same entry. */
export function harEntryFromExchange(exchange: Exchange, options: BodyOptions = {}): HarEntry {
  const { time, timings } = timingsToHar(exchange.timings);
  const entry: HarEntry = {
    startedDateTime: exchange.timings.startedAt,
    time,
    request: harRequest(exchange.request, options),
    response: exchange.response ? harResponse(exchange.response, exchange.request.method, options) : failedResponse(exchange),
    cache: {},
    timings,
  };
  if (exchange.note !== undefined && exchange.note !== '') entry.comment = exchange.note;
  if (exchange.failure) entry._apitape = { failure: { code: exchange.failure.code, message: exchange.failure.message, phase: exchange.failure.phase } };
  if (exchange.websocket) {
    const hint = harWebSocketHint(exchange.websocket);
    if (hint) entry._apitape = { ...entry._apitape, websocket: hint };
    entry._webSocketMessages = harWebSocketMessages(exchange.websocket, exchange.timings.startedAt);
  }
  return entry;
}

function harRequest(request: RecordedRequest, options: BodyOptions): HarRequest {
  const out: HarRequest = {
    method: request.method,
    url: request.url,
    httpVersion: httpVersionToHar(request.httpVersion),
    cookies: requestCookies(headerValues(request.headers, 'cookie')),
    headers: headersToHar(request.headers),
    queryString: queryOf(request.url),
    headersSize: -1,
    bodySize: request.body.kind === 'none' ? 0 : request.body.size,
  };
  const postData = harPostDataFromBody(request.body, request.headers, options);
  if (postData) out.postData = postData;
  return reorder(out, REQUEST_KEYS);
}

const REQUEST_KEYS = ['method', 'url', 'httpVersion', 'cookies', 'headers', 'queryString', 'postData', 'headersSize', 'bodySize'] as const;

function harResponse(response: RecordedResponse, method: string, options: BodyOptions): HarResponse {
  const body = response.body;
  const bodiless = isBodilessResponse(method, response.status);
  return {
    status: response.status,
    statusText: response.statusText,
    httpVersion: httpVersionToHar(response.httpVersion),
    cookies: headerValues(response.headers, 'set-cookie').map(setCookieToHar),
    headers: headersToHar(response.headers),
    content: harContentFromBody(body, response.headers, bodiless, options),
    redirectURL: (response.status >= 300 && response.status < 400 && headerValue(response.headers, 'location')) || '',
    headersSize: -1,
    // bytes on the wire: unknown when a content-encoding was removed
    bodySize: body.kind === 'none' || body.kind === 'empty' ? 0 : body.contentEncoding === undefined ? body.size : -1,
  };
}

/** HAR has no entry without a response: write what Chrome writes for one that failed (status 0, `_error`). */
function failedResponse(exchange: Exchange): HarResponse {
  return {
    status: 0,
    statusText: '',
    httpVersion: '',
    cookies: [],
    headers: [],
    content: { size: 0, mimeType: '' },
    redirectURL: '',
    headersSize: -1,
    bodySize: -1,
    _error: exchange.failure?.message ?? 'no response',
  };
}

function queryOf(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

/** `Cookie: a=1; b=2` → `[{a, 1}, {b, 2}]`. */
export function requestCookies(values: readonly string[]): HarCookie[] {
  return values.flatMap((value) =>
    value
      .split(';')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => {
        const eq = part.indexOf('=');
        return eq < 0 ? { name: '', value: part } : { name: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() };
      }),
  );
}

/** `Set-Cookie: sid=x; Path=/; HttpOnly` → a HAR cookie with its attributes. */
export function setCookieToHar(value: string): HarCookie {
  const [pair = '', ...attributes] = value.split(';');
  const eq = pair.indexOf('=');
  const cookie: HarCookie = eq < 0 ? { name: '', value: pair.trim() } : { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim() };
  for (const attribute of attributes) {
    const [rawName = '', ...rest] = attribute.split('=');
    const name = rawName.trim().toLowerCase();
    const attrValue = rest.join('=').trim();
    if (name === 'path') cookie.path = attrValue;
    else if (name === 'domain') cookie.domain = attrValue;
    else if (name === 'expires' && Number.isFinite(Date.parse(attrValue))) cookie.expires = new Date(Date.parse(attrValue)).toISOString();
    else if (name === 'httponly') cookie.httpOnly = true;
    else if (name === 'secure') cookie.secure = true;
  }
  return reorder(cookie, COOKIE_KEYS);
}

const COOKIE_KEYS = ['name', 'value', 'path', 'domain', 'expires', 'httpOnly', 'secure'] as const;

export interface HarLogOptions {
  creator: HarCreator;
  /** Written as `log.comment`, e.g. which cassette the HAR came from. */
  comment?: string;
}

/** The log around `entries`, keys in the order the streaming writer relies on (entries last). */
export function harLog(entries: HarEntry[], options: HarLogOptions): HarLog {
  const log: HarLog = { version: HAR_VERSION, creator: { name: options.creator.name, version: options.creator.version }, entries: [] };
  if (options.comment !== undefined) log.comment = options.comment;
  log.pages = [];
  log.entries = entries;
  return reorder(log, ['version', 'creator', 'comment', 'pages', 'entries']);
}

/** The HAR file text: two-space indented JSON and a final newline. */
export function serializeHar(log: HarLog): string {
  return `${JSON.stringify({ log }, null, 2)}\n`;
}

/** The pieces of a HAR file: `empty` when there are no entries, else head, entries joined by separator, tail. */
export interface HarFrame {
  empty: string;
  head: string;
  separator: string;
  tail: string;
  entry(entry: HarEntry): string;
}

/** Splits `serializeHar` output around the entries, so a writer can stream entries one at a time. */
export function harFrame(options: HarLogOptions): HarFrame {
  const empty = serializeHar(harLog([], options));
  const marker = '"entries": []';
  const at = empty.lastIndexOf(marker);
  const indent = '      ';
  return {
    empty,
    head: `${empty.slice(0, at)}"entries": [\n`,
    separator: ',\n',
    tail: `\n    ]${empty.slice(at + marker.length)}`,
    entry: (e) => indent + JSON.stringify(e, null, 2).replace(/\n/g, `\n${indent}`),
  };
}

function reorder<T extends object>(value: T, keys: readonly string[]): T {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  for (const key of Object.keys(source)) if (!(key in out) && source[key] !== undefined) out[key] = source[key];
  return out as T;
}
