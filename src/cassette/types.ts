// The recorded-traffic values every stage shares: exchanges, bodies and the cassette header.
//
// Glossary
// - exchange:    one HTTP request and the response it got (or the transport failure instead), as
//                recorded. Shaped after a HAR 1.2 entry so HAR import/export is a plain mapping.
// - cassette:    a named, append-only recording: `cassettes/<name>.ndjson`, a header line then one
//                exchange a line, in recorded order.
// - origin:      scheme://host[:port] of the upstream an exchange went to (the "host" in DESIGN.md);
//                forward-mode recordings hold several, each given its own base URL later.
// - environment: a Postman environment file (`environments/<env>.postman_environment.json`) that
//                gives `baseUrl` and the secret variables at replay time.
// - drift:       a difference between what a replay received and what was recorded.
// - placeholder: what a redacted secret becomes, `<redacted:<rule>:<hash6>>`; the same secret always
//                gives the same placeholder, so later stages can see a token travel.

/** One header as recorded: order and duplicates are kept, names keep their original case. */
export type Header = [name: string, value: string];

/** Facts about a body's bytes that hold whatever its kind. */
export interface BodyMeta {
  /** Size in bytes of the decoded body (after removing any content-encoding), before truncation. */
  size: number;
  /** The original `Content-Encoding` (e.g. `gzip`, `br`), removed for storage. */
  contentEncoding?: string;
  /** Set when only a prefix of the body was kept (it was over the configured limit). */
  truncated?: true;
  /** SHA-256 (hex) of the full decoded body; present when truncated so a replay can still compare. */
  sha256?: string;
  /** Why the content-encoding could not be removed; the body then holds the raw bytes. */
  decodeError?: string;
}

/**
 * A body, stored decoded and in the most readable form that round-trips:
 * - `none`: the message had no body at all (GET request, 204, HEAD response);
 * - `empty`: a body was present but had zero bytes;
 * - `json`: UTF-8 JSON whose compact re-serialisation equals the original text, kept as a value;
 * - `text`: any other UTF-8 text (including JSON that is pretty-printed or has huge numbers);
 * - `binary`: anything else, base64.
 */
export type Body =
  | { kind: 'none' }
  | ({ kind: 'empty' } & BodyMeta)
  | ({ kind: 'json'; value: unknown } & BodyMeta)
  | ({ kind: 'text'; text: string } & BodyMeta)
  | ({ kind: 'binary'; base64: string } & BodyMeta);

export interface RecordedRequest {
  method: string;
  /** Absolute URL as sent upstream, e.g. `https://api.example.com/users/42?expand=1`. */
  url: string;
  /** `1.1` or `2`. */
  httpVersion: string;
  headers: Header[];
  body: Body;
}

export interface RecordedResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  headers: Header[];
  body: Body;
}

/** A transport failure: the upstream never gave a (complete) response. Not an HTTP error status. */
export interface ExchangeFailure {
  /** Stable code, e.g. `ECONNREFUSED`, `ECONNRESET`, `TIMEOUT_FIRST_BYTE`, `TLS_CERT`, `CLIENT_ABORTED`. */
  code: string;
  message: string;
  /** Where it failed: before a connection, during TLS, before headers, or while the body streamed. */
  phase: 'connect' | 'tls' | 'headers' | 'body';
}

export interface ExchangeTimings {
  /** ISO-8601 time the request started. */
  startedAt: string;
  /** Milliseconds from request start until the response headers arrived; absent on failure. */
  firstByteMs?: number;
  /** Milliseconds from request start until the response ended (or the failure). */
  durationMs: number;
}

export interface Exchange {
  /** Stable within a cassette: sequence number in the recording, zero-padded (`000042`). */
  id: string;
  timings: ExchangeTimings;
  request: RecordedRequest;
  /** `null` when the exchange failed before a response arrived; see `failure`. */
  response: RecordedResponse | null;
  failure?: ExchangeFailure;
  /** The messages and close of an accepted WebSocket (absent for HTTP and for a rejected upgrade). */
  websocket?: WebSocketRecord;
  /** Free-form notes for what HAR calls `comment` or for streams (`websocket`, `sse`). */
  note?: string;
}

/**
 * One WebSocket message (or control frame) as it passed the proxy, seen from the recorded client:
 * `sent` by the client to the server, `received` from it (Chrome's HAR says `send`/`receive`).
 */
export interface WebSocketMessage {
  direction: 'sent' | 'received';
  /** Milliseconds from the start of the exchange (the upgrade request), one decimal. */
  time: number;
  /** RFC 6455 opcode: 1 text, 2 binary, 9 ping, 10 pong. */
  opcode: 1 | 2 | 9 | 10;
  /** Payload bytes of the whole message (after permessage-deflate), before any truncation. */
  size: number;
  /** Set when only a prefix of the payload was kept (it was over the per-message limit). */
  truncated?: true;
  /** SHA-256 (hex) of the whole payload; present when truncated. */
  sha256?: string;
  /** The payload of a text message (opcode 1) that is valid UTF-8; a truncated one ends on a whole character. */
  text?: string;
  /** The payload of anything else (binary, ping, pong, or text that is not UTF-8), base64. */
  base64?: string;
}

/** How a WebSocket closed. */
export interface WebSocketClose {
  /** The side that sent the first close frame (or dropped the connection); absent when unknown. */
  by?: 'client' | 'server';
  /** That close frame's status code (1000, 1011, …); absent when it had none; 1006 when the connection dropped without one. */
  code?: number;
  /** That close frame's reason, when it had one. */
  reason?: string;
}

/**
 * The traffic of an accepted WebSocket. Memory and cassette size are bounded: only the first
 * messages are kept, each up to a size limit (then a prefix, its size and SHA-256).
 */
export interface WebSocketRecord {
  /** The messages kept, in the order they passed. */
  messages: WebSocketMessage[];
  /** Absent when the socket was still open when the exchange was written (see `failure`). */
  close?: WebSocketClose;
  /** Messages left out because the per-exchange limits were reached: how many, and their payload bytes. */
  omitted?: { messages: number; bytes: number };
}

/** The first line of every cassette file. */
export interface CassetteHeader {
  apitape: 'cassette';
  /** Incremented on every incompatible change; readers migrate older versions. */
  formatVersion: number;
  /** Name of the cassette (the file's base name). */
  name: string;
  /** ISO-8601 time the cassette was first created. */
  createdAt: string;
  /** The reverse-proxy target, when recorded in reverse mode. */
  target?: string;
}

export const CASSETTE_FORMAT_VERSION = 1;

/**
 * `note` prefix of exchanges appended by `apitape accept`: extra samples for inference (schemas and
 * tests learn the accepted behaviour) but not steps of the recorded flow.
 */
export const ACCEPTED_NOTE_PREFIX = 'accepted from ';

/**
 * Whether `exchange` is a WebSocket exchange (accepted or not): its URL is `ws:`/`wss:` or it holds
 * WebSocket traffic. Postman v2.1 collections cannot hold WebSockets, so inference and generation skip them.
 */
export function isWebSocketExchange(exchange: Pick<Exchange, 'request' | 'websocket'>): boolean {
  return exchange.websocket !== undefined || /^wss?:/i.test(exchange.request.url);
}

/** Whether `exchange` was appended by `apitape accept` rather than recorded. */
export function isAcceptedExchange(exchange: Pick<Exchange, 'note'>): boolean {
  return exchange.note?.startsWith(ACCEPTED_NOTE_PREFIX) === true;
}
