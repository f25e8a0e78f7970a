// What a client is told when the upstream fails (502/504 with a plain-text reason), and how each
// failure is classified for the cassette.
import type { ExchangeFailure } from '../cassette/types.js';

/** A response the proxy writes itself instead of the upstream's. */
export interface GatewayReply {
  status: 502 | 504;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EADDRNOTAVAIL']);
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_TLS_CERT)/;

/** Classifies an upstream error code (from Node or mockttp) into a failure with its phase. */
export function upstreamFailure(code: string | undefined, message: string, headersSent: boolean): ExchangeFailure {
  const stable = code && /^[A-Z0-9_]+$/.test(code) ? code : 'UPSTREAM_ERROR';
  if (headersSent) return { code: stable, message, phase: 'body' };
  if (CONNECT_CODES.has(stable)) return { code: stable, message, phase: 'connect' };
  if (TLS_CODE.test(stable) || /certificate|ssl|tls/i.test(message)) return { code: stable, message, phase: 'tls' };
  return { code: stable, message, phase: 'headers' };
}

/** The failure for an upstream that sent nothing within the first-byte timeout. */
export function firstByteTimeout(ms: number): ExchangeFailure {
  return { code: 'TIMEOUT_FIRST_BYTE', message: `the upstream sent no response within ${ms} ms`, phase: 'headers' };
}

/** The failure for a response body that stalled for longer than the idle timeout. */
export function idleTimeout(ms: number): ExchangeFailure {
  return { code: 'TIMEOUT_IDLE', message: `the upstream sent nothing for ${ms} ms while streaming the body`, phase: 'body' };
}

/** The failure for a client that went away before the exchange completed. */
export function clientAborted(hasResponse: boolean, detail?: string): ExchangeFailure {
  const message = detail ? `the client closed the connection (${detail})` : 'the client closed the connection';
  return { code: 'CLIENT_ABORTED', message, phase: hasResponse ? 'body' : 'headers' };
}

/** The failure for an exchange still in flight when the recording stopped. */
export function recordingStopped(hasResponse: boolean): ExchangeFailure {
  return { code: 'RECORDING_STOPPED', message: 'the recording stopped before the exchange completed', phase: hasResponse ? 'body' : 'headers' };
}

/** The 502/504 a client receives for `failure` on a request to `url`. */
export function gatewayReply(failure: ExchangeFailure, url: string): GatewayReply {
  const timeout = failure.code.startsWith('TIMEOUT');
  const origin = originOf(url);
  const what = timeout
    ? `apitape: no response from ${origin}: ${failure.message}.`
    : `apitape: could not reach ${origin} (${failure.code}${failure.phase === 'tls' ? ', TLS' : ''}): ${failure.message}.`;
  const hint =
    failure.phase === 'tls'
      ? ' The upstream certificate was not accepted; pass --upstream-ca FILE to trust a private CA, or --insecure to skip verification.'
      : timeout
        ? ' Raise --first-byte-timeout if the API is slow.'
        : '';
  return {
    status: timeout ? 504 : 502,
    statusText: timeout ? 'Gateway Timeout' : 'Bad Gateway',
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'x-apitape-error': failure.code,
      connection: 'close',
    },
    body: `${what}${hint}\n`,
  };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
