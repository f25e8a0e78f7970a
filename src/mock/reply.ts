// Turns a recorded response back into what goes on the wire: headers as recorded, the body
// re-encoded with its original Content-Encoding so clients get the bytes the API sent.
import { bodyBytes } from '../cassette/body.js';
import { headerValue } from '../cassette/headers.js';
import type { Body, Header, RecordedResponse } from '../cassette/types.js';
import { acceptsEncoding, canEncode, encodeContent } from './encode.js';

export interface MockReply {
  status: number;
  statusText: string;
  headers: Header[];
  body: Buffer;
}

/** Headers about the recorded connection or framing, which the mock's own connection sets. */
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'content-encoding']);

/**
 * The reply for a recorded response. The stored (decoded) body is encoded again with the recorded
 * Content-Encoding, unless the request's Accept-Encoding refuses it (then it goes out decoded,
 * without the header). A body kept raw because it could not be decoded goes out as recorded. A
 * truncated body can only be replayed as its recorded prefix: `x-apitape-truncated` says so.
 */
export function replyFor(response: RecordedResponse, acceptEncoding: string | undefined, label: string): MockReply {
  const headers = response.headers.filter(([name]) => !FRAMING_HEADERS.has(name.toLowerCase()) && !name.startsWith(':'));
  const { body, encoding } = wireBody(response.body, headerValue(response.headers, 'content-encoding'), acceptEncoding);
  if (encoding) headers.push(['content-encoding', encoding]);
  if (response.body.kind === 'none') {
    const length = headerValue(response.headers, 'content-length');
    if (length !== undefined) headers.push(['content-length', length]); // HEAD: the length of the body not sent
  } else {
    headers.push(['content-length', String(body.length)]);
  }
  if (response.body.kind !== 'none' && response.body.truncated) headers.push(['x-apitape-truncated', String(response.body.size)]);
  headers.push(['x-apitape-exchange', label]);
  return { status: response.status, statusText: response.statusText, headers, body };
}

function wireBody(body: Body, headerEncoding: string | undefined, accept: string | undefined): { body: Buffer; encoding?: string } {
  if (body.kind === 'none' || body.kind === 'empty') {
    const encoding = body.kind === 'empty' ? body.contentEncoding : undefined;
    return encoding ? { body: Buffer.alloc(0), encoding } : { body: Buffer.alloc(0) };
  }
  const bytes = bodyBytes(body);
  const encoding = body.contentEncoding ?? headerEncoding;
  if (!encoding) return { body: bytes };
  if (body.decodeError !== undefined && !body.truncated) return { body: bytes, encoding }; // stored raw, still encoded
  if (!canEncode(encoding) || !acceptsEncoding(accept, encoding)) return { body: bytes };
  return { body: encodeContent(bytes, encoding), encoding };
}
