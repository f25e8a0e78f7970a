// Turns traffic the mock forwarded to the fallback API into an Exchange for the cassette.
import type { CompletedRequest, requestSteps } from 'mockttp';
import { bodyFromBytes } from '../cassette/body.js';
import type { Exchange, Header } from '../cassette/types.js';

type PassThroughResponse = requestSteps.PassThroughResponse;

/**
 * mockttp's request and the fallback's response (bytes as received, still content-encoded) of one
 * forwarded call, as a cassette exchange sent to `url`; `now` is `performance.now()` when the
 * response had fully arrived.
 */
export function exchangeFromTraffic(request: CompletedRequest, response: PassThroughResponse, url: string, now: number): Omit<Exchange, 'id'> {
  const requestHeaders = withoutPseudo(request.rawHeaders);
  const responseHeaders = withoutPseudo(response.rawHeaders);
  const start = request.timingEvents.startTimestamp;
  const bodiless = request.method === 'HEAD' || response.statusCode === 204 || response.statusCode === 304;
  return {
    timings: {
      startedAt: new Date(request.timingEvents.startTime).toISOString(),
      durationMs: Math.max(0, Math.round(now - start)),
    },
    request: {
      method: request.method,
      url,
      httpVersion: request.httpVersion === '2.0' ? '2' : '1.1',
      headers: requestHeaders,
      body: bodyFromBytes(request.body.buffer.length > 0 || hasBodyFraming(requestHeaders) ? request.body.buffer : undefined, requestHeaders),
    },
    response: {
      status: response.statusCode,
      statusText: response.statusMessage ?? '',
      httpVersion: request.httpVersion === '2.0' ? '2' : '1.1',
      headers: responseHeaders,
      body: bodiless ? { kind: 'none' } : bodyFromBytes(response.body.buffer, responseHeaders),
    },
  };
}

function withoutPseudo(headers: ReadonlyArray<[string, string]>): Header[] {
  return headers.filter(([name]) => !name.startsWith(':')).map(([name, value]): Header => [name, value]);
}

function hasBodyFraming(headers: readonly Header[]): boolean {
  return headers.some(([name]) => /^(content-length|transfer-encoding)$/i.test(name));
}
