// Bodies between HAR (`response.content`, `request.postData`) and `Body`, with hints so export → import is exact.
import { DEFAULT_MAX_DECODED_BYTES, bodyBytes, bodyFromDecoded, decodeContent, type BodyOptions } from './body.js';
import { asArray, asNumber, asObject, asString, type Loose } from './har-fields.js';
import type { HarBodyHint, HarContent, HarParam, HarPostData } from './har.js';
import { headerValue, mediaType } from './headers.js';
import type { Body, BodyMeta, Header } from './types.js';

/** A body read from HAR, and why part of it could not be (for the import warnings). */
export interface HarBodyResult {
  body: Body;
  /** Set when HAR held no bytes for a non-empty body (size only): the body is kept as truncated. */
  missing?: true;
}

/** Responses that never carry a body (RFC 9110): to HEAD, 1xx, 204 and 304. */
export function isBodilessResponse(method: string, status: number): boolean {
  return method.toUpperCase() === 'HEAD' || (status >= 100 && status < 200) || status === 204 || status === 304;
}

/**
 * `response.content` → body. HAR holds the decoded body (`text`, base64 when `encoding` says so);
 * the `Content-Encoding` header is kept as a note. A few tools store still-gzipped bytes in base64:
 * those are decoded.
 */
export function bodyFromHarContent(value: unknown, headers: readonly Header[], bodiless: boolean, options: BodyOptions = {}): HarBodyResult {
  const content = asObject(value) ?? {};
  const hint = readHint(content._apitape);
  if (bodiless && hint?.kind === undefined) return { body: { kind: 'none' } };
  let bytes = textBytes(content.text, content.encoding);
  let declared = asNumber(content.size);
  const encoding = headerValue(headers, 'content-encoding');
  if (bytes && encoding && content.encoding === 'base64' && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const decoded = decodeContent(bytes, encoding, options.maxDecodedBytes ?? DEFAULT_MAX_DECODED_BYTES);
    if (decoded.error === undefined && !decoded.capped) {
      bytes = decoded.bytes;
      declared = undefined; // it counted the gzipped bytes
    }
  }
  const type = mediaType(headers) ?? mimeTypeOf(content.mimeType);
  return readBody(bytes ?? Buffer.alloc(0), declared, (bytes?.length ?? 0) === 0, { type, encoding, hint, options, emptyKind: 'empty' });
}

/**
 * `request.postData` → body. `text` wins; otherwise `params` are encoded as the form they came from
 * (url-encoded, or multipart when the type says so). No postData → `none`; an empty one is `empty`
 * only when the request framed a body (Content-Length / Transfer-Encoding).
 */
export function bodyFromHarPostData(value: unknown, bodySize: unknown, headers: readonly Header[], options: BodyOptions = {}): HarBodyResult {
  const postData = asObject(value);
  const declared = asNumber(bodySize);
  if (!postData) {
    if (declared !== undefined && declared > 0) return readBody(Buffer.alloc(0), declared, true, { type: mediaType(headers), options, emptyKind: 'none' });
    return { body: { kind: 'none' } };
  }
  const hint = readHint(postData._apitape);
  const contentTypes = [headerValue(headers, 'content-type') ?? '', asString(postData.mimeType) ?? ''];
  let bytes = textBytes(postData.text, postData.encoding ?? postData._encoding);
  if (!bytes?.length && asArray(postData.params).length > 0) bytes = paramsBytes(asArray(postData.params), contentTypes);
  const framed = headerValue(headers, 'content-length') !== undefined || headerValue(headers, 'transfer-encoding') !== undefined;
  const type = mediaType(headers) ?? mimeTypeOf(postData.mimeType);
  const encoding = headerValue(headers, 'content-encoding');
  const missing = bytes === undefined && declared !== undefined && declared > 0;
  return readBody(bytes ?? Buffer.alloc(0), declared, missing, { type, encoding, hint, options, emptyKind: framed ? 'empty' : 'none' });
}

interface ReadContext {
  type: string | undefined;
  encoding?: string;
  hint?: HarBodyHint;
  options: BodyOptions;
  /** What zero bytes with no declared size mean here. */
  emptyKind: 'empty' | 'none';
}

function readBody(bytes: Buffer, declared: number | undefined, missing: boolean, ctx: ReadContext): HarBodyResult {
  const meta: Partial<BodyMeta> = {};
  if (ctx.encoding !== undefined) meta.contentEncoding = ctx.encoding;
  const size = declared !== undefined && Number.isInteger(declared) && declared > bytes.length ? declared : bytes.length;
  if (size > bytes.length) {
    meta.size = size;
    meta.truncated = true;
  }
  if (bytes.length === 0 && size === 0 && ctx.emptyKind === 'none' && ctx.hint?.kind === undefined) return { body: { kind: 'none' } };
  const body = bodyFromDecoded(bytes, ctx.type, { ...ctx.options, meta });
  const result: HarBodyResult = { body: ctx.hint ? applyHint(body, bytes, ctx.hint) : body };
  if (missing && bytes.length === 0 && size > 0 && !ctx.hint) result.missing = true;
  return result;
}

function textBytes(text: unknown, encoding: unknown): Buffer | undefined {
  if (typeof text !== 'string') return undefined;
  return encoding === 'base64' ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
}

function mimeTypeOf(value: unknown): string | undefined {
  const type = asString(value)?.split(';')[0]?.trim().toLowerCase();
  return type ? type : undefined;
}

/** Form params as the bytes a browser would have sent (the header's type and boundary first, then postData's). */
function paramsBytes(params: unknown[], contentTypes: string[]): Buffer {
  const items = params.map(asObject).filter((p): p is Loose => p !== undefined && typeof p.name === 'string') as unknown as HarParam[];
  const multipart = contentTypes.some((t) => /^\s*multipart\/form-data/i.test(t));
  const boundary = contentTypes.map((t) => /boundary=("?)([^";]+)\1/i.exec(t)?.[2]).find((b) => b !== undefined);
  if (multipart && boundary) {
    const parts = items.map((p) => {
      const file = p.fileName === undefined ? '' : `; filename="${p.fileName}"`;
      const type = p.contentType ? `\r\nContent-Type: ${p.contentType}` : '';
      return `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${file}${type}\r\n\r\n${p.value ?? ''}\r\n`;
    });
    return Buffer.from(`${parts.join('')}--${boundary}--\r\n`, 'utf8');
  }
  return Buffer.from(new URLSearchParams(items.map((p): [string, string] => [p.name, p.value ?? ''])).toString(), 'utf8');
}

function readHint(value: unknown): HarBodyHint | undefined {
  const hint = asObject(value);
  return hint ? (hint as HarBodyHint) : undefined;
}

/** Overrides what import derived with what the hint says (see `HarBodyHint`). */
export function applyHint(body: Body, bytes: Buffer, hint: HarBodyHint): Body {
  const meta: Partial<BodyMeta> = body.kind === 'none' ? {} : metaOf(body);
  if (hint.size !== undefined) meta.size = hint.size;
  if (hint.truncated === true) meta.truncated = true;
  if (hint.truncated === false) delete meta.truncated;
  for (const key of ['sha256', 'decodeError', 'contentEncoding'] as const) {
    const v = hint[key];
    if (v === null) delete meta[key];
    else if (v !== undefined) meta[key] = v;
  }
  return makeBody(hint.kind ?? body.kind, bytes, { size: bytes.length, ...meta });
}

function metaOf(body: Exclude<Body, { kind: 'none' }>): Partial<BodyMeta> {
  const { size, contentEncoding, truncated, sha256, decodeError } = body;
  const meta: Partial<BodyMeta> = { size };
  if (contentEncoding !== undefined) meta.contentEncoding = contentEncoding;
  if (truncated) meta.truncated = truncated;
  if (sha256 !== undefined) meta.sha256 = sha256;
  if (decodeError !== undefined) meta.decodeError = decodeError;
  return meta;
}

function makeBody(kind: Body['kind'], bytes: Buffer, meta: BodyMeta): Body {
  switch (kind) {
    case 'none':
      return { kind: 'none' };
    case 'empty':
      return { kind: 'empty', ...meta };
    case 'json':
      return { kind: 'json', value: JSON.parse(bytes.toString('utf8')) as unknown, ...meta };
    case 'text':
      return { kind: 'text', text: bytes.toString('utf8'), ...meta };
    case 'binary':
      return { kind: 'binary', base64: bytes.toString('base64'), ...meta };
  }
}

/** The HAR text for a body: UTF-8 text as is, anything else base64. */
function bodyText(body: Body): { text: string; encoding?: 'base64' } {
  if (body.kind === 'binary') return { text: body.base64, encoding: 'base64' };
  return { text: bodyBytes(body).toString('utf8') };
}

/** Body → `response.content`, with the hint import needs to give back exactly `body`. */
export function harContentFromBody(body: Body, headers: readonly Header[], bodiless: boolean, options: BodyOptions = {}): HarContent {
  const content: HarContent = { size: body.kind === 'none' ? 0 : body.size, mimeType: headerValue(headers, 'content-type') ?? '' };
  if (body.kind !== 'none') Object.assign(content, bodyText(body));
  const hint = hintFor(body, (h) => bodyFromHarContent({ ...content, _apitape: h }, headers, bodiless, options).body);
  if (hint) content._apitape = hint;
  return content;
}

/** Body → `request.postData` (undefined for `none`), with the hint import needs. */
export function harPostDataFromBody(body: Body, headers: readonly Header[], options: BodyOptions = {}): HarPostData | undefined {
  if (body.kind === 'none') return undefined;
  const postData: HarPostData = { mimeType: headerValue(headers, 'content-type') ?? '', ...bodyText(body) };
  if (mediaType(headers) === 'application/x-www-form-urlencoded' && body.kind === 'text' && !body.truncated) {
    postData.params = [...new URLSearchParams(body.text)].map(([name, value]) => ({ name, value }));
  }
  const hint = hintFor(body, (h) => bodyFromHarPostData({ ...postData, _apitape: h }, body.size, headers, options).body);
  if (hint) postData._apitape = hint;
  return postData;
}

/**
 * The smallest hint that makes import give back `body`: starts from none and adds what differs
 * (a hint can change the path import takes, so it re-reads until nothing differs).
 */
function hintFor(body: Body, read: (hint: HarBodyHint | undefined) => Body): HarBodyHint | undefined {
  let hint: HarBodyHint | undefined;
  for (let round = 0; round < 3; round += 1) {
    const derived = read(hint);
    if (sameBody(body, derived)) return hint;
    hint = { ...hint, ...hintDiff(body, derived) };
  }
  return hint;
}

function hintDiff(body: Body, derived: Body): HarBodyHint {
  const hint: HarBodyHint = {};
  if (body.kind !== derived.kind) hint.kind = body.kind;
  if (body.kind === 'none') return hint;
  const want = metaOf(body);
  const got = derived.kind === 'none' ? {} : metaOf(derived);
  if (want.size !== got.size) hint.size = want.size!;
  if (want.truncated !== got.truncated) hint.truncated = want.truncated === true;
  for (const key of ['sha256', 'decodeError', 'contentEncoding'] as const) {
    if (want[key] !== got[key]) hint[key] = want[key] ?? null;
  }
  return hint;
}

/** Whether two bodies are the same: kind, meta and content (JSON values compared as serialised, key order included). */
export function sameBody(a: Body, b: Body): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'none' || b.kind === 'none') return true;
  const [x, y] = [metaOf(a), metaOf(b)];
  if (x.size !== y.size || x.truncated !== y.truncated || x.sha256 !== y.sha256 || x.decodeError !== y.decodeError || x.contentEncoding !== y.contentEncoding) return false;
  return payloadOf(a) === payloadOf(b);
}

function payloadOf(body: Exclude<Body, { kind: 'none' }>): string {
  switch (body.kind) {
    case 'empty':
      return '';
    case 'json':
      return JSON.stringify(body.value);
    case 'text':
      return body.text;
    case 'binary':
      return body.base64;
  }
}
