// HAR 1.2 types (http://www.softwareishard.com/blog/har-12-spec/) and apitape's `_apitape` extensions.
//
// The mapping to `Exchange` lives in har-import.ts (HAR → Exchange) and har-export.ts (Exchange →
// HAR); the bodies in har-body.ts; headers, cookies, timings and versions in har-fields.ts; the files
// on disk in har-file.ts. HAR allows custom fields whose names start with `_`: apitape writes
// `_apitape` objects only where an exchange holds something HAR has no field for (a truncated body's
// hash, a transport failure, a WebSocket's close), so that export → import gives back the same
// exchange. A WebSocket's messages use Chrome's own extension, `_webSocketMessages` (har-websocket.ts).
import type { Body, ExchangeFailure, WebSocketClose } from './types.js';

export const HAR_VERSION = '1.2';

export interface HarNameValue {
  name: string;
  value: string;
  comment?: string;
}

export interface HarCookie {
  name: string;
  value: string;
  path?: string;
  domain?: string;
  /** ISO-8601. */
  expires?: string;
  httpOnly?: boolean;
  secure?: boolean;
  comment?: string;
}

export interface HarParam {
  name: string;
  value?: string;
  fileName?: string;
  contentType?: string;
  comment?: string;
}

export interface HarPostData {
  mimeType: string;
  text?: string;
  params?: HarParam[];
  /** Not in HAR 1.2: `base64` when `text` holds a binary request body (apitape, some tools). */
  encoding?: string;
  comment?: string;
  _apitape?: HarBodyHint;
}

export interface HarContent {
  /** Bytes of the decoded body. */
  size: number;
  compression?: number;
  mimeType: string;
  text?: string;
  /** `base64` when `text` is base64 (binary bodies). */
  encoding?: string;
  comment?: string;
  _apitape?: HarBodyHint;
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: HarCookie[];
  headers: HarNameValue[];
  queryString: HarNameValue[];
  postData?: HarPostData;
  headersSize: number;
  bodySize: number;
  comment?: string;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: HarCookie[];
  headers: HarNameValue[];
  content: HarContent;
  redirectURL: string;
  headersSize: number;
  bodySize: number;
  comment?: string;
  /** Chrome's field for a request that got no response (`net::ERR_CONNECTION_REFUSED`). */
  _error?: string | null;
}

/** Milliseconds per phase; -1 where a phase does not apply. `send`, `wait`, `receive` are required. */
export interface HarTimings {
  blocked?: number;
  dns?: number;
  connect?: number;
  send: number;
  wait: number;
  receive: number;
  ssl?: number;
  comment?: string;
}

export interface HarEntry {
  pageref?: string;
  startedDateTime: string;
  /** Total milliseconds. */
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, unknown>;
  timings: HarTimings;
  serverIPAddress?: string;
  connection?: string;
  comment?: string;
  _apitape?: HarEntryHint;
  /** Chrome's extension: the messages of a WebSocket entry. */
  _webSocketMessages?: HarWebSocketMessage[];
}

/** One WebSocket message as Chrome's HAR export writes it. */
export interface HarWebSocketMessage {
  /** `send`: sent by the page (the client); `receive`: received by it. */
  type: 'send' | 'receive';
  /** Seconds since the epoch (Chrome's wall time of the frame), fractional. */
  time: number;
  /** RFC 6455 opcode: 1 text, 2 binary (9 ping, 10 pong from apitape). */
  opcode: number;
  /** The text of a text message; base64 for anything else. */
  data: string;
  _apitape?: HarWebSocketMessageHint;
}

/** What a message held that Chrome's fields cannot say. */
export interface HarWebSocketMessageHint {
  /** The whole payload's size, when `data` is not all of it (truncated) or not it (redacted). */
  size?: number;
  truncated?: true;
  sha256?: string;
  /** `base64`: a text message whose payload is not UTF-8, so `data` is base64. */
  encoding?: 'base64';
}

export interface HarCreator {
  name: string;
  version: string;
  comment?: string;
}

export interface HarLog {
  version: string;
  creator: HarCreator;
  browser?: HarCreator;
  comment?: string;
  pages?: unknown[];
  entries: HarEntry[];
}

export interface HarDocument {
  log: HarLog;
}

/**
 * What a body held that plain HAR fields cannot say; each field overrides what import would
 * otherwise derive (`null` removes a derived field, `truncated: false` clears a derived truncation).
 */
export interface HarBodyHint {
  kind?: Body['kind'];
  size?: number;
  truncated?: boolean;
  sha256?: string | null;
  decodeError?: string | null;
  contentEncoding?: string | null;
}

/** Entry-level extension: the transport failure of an exchange, and a WebSocket's close and omissions (HAR has no field for them). */
export interface HarEntryHint {
  failure?: ExchangeFailure;
  websocket?: { close?: WebSocketClose; omitted?: { messages: number; bytes: number } };
}
