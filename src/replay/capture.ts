// Turns newman's request events into replayed requests: decoded bodies, failures classified, secrets redacted.
import { bodyFromDecoded } from '../cassette/body.js';
import { headerValue, mediaType } from '../cassette/headers.js';
import { redactExchange, type RedactionRules } from '../cassette/redact.js';
import type { Body, Exchange, ExchangeFailure, Header } from '../cassette/types.js';
import type { NewmanRequestEvent } from './newman.js';
import { scrubSecrets } from './scrub.js';
import type { ReplayedRequest } from './types.js';

export interface CaptureOptions {
  /** Bytes of a response body kept in `run.json`; longer bodies keep a prefix and a hash. */
  maxBodySize?: number;
  redaction?: RedactionRules;
  /**
   * Values that must never be written (variables given through `--env-var` or `APITAPE_VAR_*`):
   * every occurrence in the captured request or response is replaced by its placeholder.
   */
  secrets?: Array<{ name: string; value: string }>;
}

const TLS_CODE = /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_|HOSTNAME_MISMATCH)/;
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EPROTO']);

/** Classifies a transport error by where it happened; unknown codes count as before headers. */
export function classifyFailure(error: { code?: string; message: string }): ExchangeFailure {
  const code = error.code ?? (/timeout|timed out/i.test(error.message) ? 'ETIMEDOUT' : 'EUNKNOWN');
  let phase: ExchangeFailure['phase'] = 'headers';
  if (CONNECT_CODES.has(code)) phase = 'connect';
  else if (TLS_CODE.test(code) || /certificate|SSL|TLS/i.test(error.message)) phase = 'tls';
  return { code, message: error.message, phase };
}

/** Builds the replayed request for one newman request event (without assertions yet). */
export function captureRequest(event: NewmanRequestEvent, index: number, options: CaptureOptions = {}): ReplayedRequest {
  const exchange: Exchange = {
    id: String(index),
    timings: { startedAt: new Date(event.startedAt).toISOString(), durationMs: event.response?.responseTimeMs ?? 0 },
    request: {
      method: event.request.method,
      url: event.request.url,
      httpVersion: '1.1',
      headers: event.request.headers,
      body: requestBody(event.request.body, event.request.headers),
    },
    response: null,
  };
  if (event.response) {
    const { headers, body } = event.response;
    exchange.response = {
      status: event.response.status,
      statusText: event.response.statusText,
      httpVersion: '1.1',
      headers,
      body: responseBody(body, headers, options.maxBodySize),
    };
  } else {
    exchange.failure = classifyFailure(event.error ?? { message: 'no response' });
    exchange.timings.durationMs = Math.max(0, Date.now() - event.startedAt);
  }
  const redacted = scrubSecrets(redactExchange(exchange, options.redaction), options.secrets ?? []);
  const replayed: ReplayedRequest = {
    index,
    iteration: event.iteration,
    itemId: event.item.id,
    itemName: event.item.name,
    itemPath: event.item.path,
    request: redacted.request,
    response: redacted.response,
    timings: redacted.timings,
    assertions: [],
  };
  if (redacted.failure) replayed.failure = redacted.failure;
  return replayed;
}

function requestBody(text: string | undefined, headers: Header[]): Body {
  if (text === undefined) return { kind: 'none' };
  return bodyFromDecoded(Buffer.from(text, 'utf8'), mediaType(headers));
}

/** newman hands out the decoded bytes but keeps `Content-Encoding`: note it rather than decode again. */
function responseBody(bytes: Buffer, headers: Header[], maxBodySize: number | undefined): Body {
  const encoding = headerValue(headers, 'content-encoding');
  const options = maxBodySize === undefined ? {} : { maxBodySize };
  return bodyFromDecoded(bytes, mediaType(headers), { ...options, meta: encoding ? { contentEncoding: encoding } : {} });
}
