import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyFromDecoded } from '../../../src/cassette/body.js';
import {
  bodyFromHarContent,
  bodyFromHarPostData,
  harContentFromBody,
  harPostDataFromBody,
  isBodilessResponse,
  sameBody,
} from '../../../src/cassette/har-body.js';
import type { Body, Header } from '../../../src/cassette/types.js';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const json: Header[] = [['content-type', 'application/json']];

describe('bodyFromHarContent', () => {
  it('keeps compact JSON as a json value and pretty JSON as text', () => {
    expect(bodyFromHarContent({ size: 9, mimeType: 'application/json', text: '{"a":[1]}' }, json, false).body).toEqual({
      kind: 'json',
      value: { a: [1] },
      size: 9,
    });
    const pretty = '{\n  "a": 1\n}';
    expect(bodyFromHarContent({ size: pretty.length, mimeType: 'application/json', text: pretty }, json, false).body).toMatchObject({ kind: 'text', text: pretty });
  });

  it('decodes base64 content: binary stays binary, text becomes text', () => {
    const png = bodyFromHarContent({ size: 70, mimeType: 'image/png', text: PNG, encoding: 'base64' }, [['content-type', 'image/png']], false);
    expect(png.body).toEqual({ kind: 'binary', base64: PNG, size: 70 });
    const html = Buffer.from('<p>hi</p>').toString('base64');
    expect(bodyFromHarContent({ size: 9, mimeType: 'text/html', text: html, encoding: 'base64' }, [], false).body).toEqual({
      kind: 'text',
      text: '<p>hi</p>',
      size: 9,
    });
  });

  it('notes the Content-Encoding of decoded content, and decodes content a tool left gzipped', () => {
    const headers: Header[] = [...json, ['content-encoding', 'gzip']];
    expect(bodyFromHarContent({ size: 8, mimeType: 'application/json', text: '{"id":1}' }, headers, false).body).toEqual({
      kind: 'json',
      value: { id: 1 },
      size: 8,
      contentEncoding: 'gzip',
    });
    const gz = gzipSync('{"id":43}');
    expect(bodyFromHarContent({ size: gz.length, mimeType: 'application/json', text: gz.toString('base64'), encoding: 'base64' }, headers, false).body).toEqual({
      kind: 'json',
      value: { id: 43 },
      size: 9,
      contentEncoding: 'gzip',
    });
  });

  it('keeps a body under an invalid content-encoding as it is', () => {
    const headers: Header[] = [['content-encoding', 'UTF-8']];
    expect(bodyFromHarContent({ size: 2, mimeType: 'text/plain', text: 'ok' }, headers, false).body).toEqual({
      kind: 'text',
      text: 'ok',
      size: 2,
      contentEncoding: 'UTF-8',
    });
  });

  it('gives HEAD, 1xx, 204 and 304 responses no body, whatever the HAR says', () => {
    expect(isBodilessResponse('HEAD', 200)).toBe(true);
    expect(isBodilessResponse('GET', 304)).toBe(true);
    expect(isBodilessResponse('GET', 204)).toBe(true);
    expect(isBodilessResponse('GET', 101)).toBe(true);
    expect(isBodilessResponse('GET', 200)).toBe(false);
    const cached = bodyFromHarContent({ size: 9, mimeType: 'text/html', text: '<p>hi</p>' }, [['content-length', '9']], true);
    expect(cached.body).toEqual({ kind: 'none' });
  });

  it('reads an empty text as an empty body, and a missing one with a size as a truncated body', () => {
    expect(bodyFromHarContent({ size: 0, mimeType: '', text: '' }, [], false).body).toEqual({ kind: 'empty', size: 0 });
    expect(bodyFromHarContent(undefined, [], false).body).toEqual({ kind: 'empty', size: 0 });
    const missing = bodyFromHarContent({ size: 2048, mimeType: 'application/json' }, json, false);
    expect(missing).toEqual({ body: { kind: 'empty', size: 2048, truncated: true }, missing: true });
  });

  it('marks a text shorter than its declared size as a truncated prefix (Firefox caps saved bodies)', () => {
    const body = bodyFromHarContent({ size: 100, mimeType: 'application/json', text: '{"a":' }, json, false).body;
    expect(body).toEqual({ kind: 'text', text: '{"a":', size: 100, truncated: true });
  });
});

describe('bodyFromHarPostData', () => {
  it('reads text, and builds a url-encoded body from params when there is no text', () => {
    expect(bodyFromHarPostData({ mimeType: 'application/json', text: '{"q":1}' }, 7, json).body).toEqual({ kind: 'json', value: { q: 1 }, size: 7 });
    const form: Header[] = [['content-type', 'application/x-www-form-urlencoded']];
    const params = [
      { name: 'grant_type', value: 'client_credentials' },
      { name: 'client id', value: 'shop web' },
      { name: 'empty' },
    ];
    expect(bodyFromHarPostData({ mimeType: 'application/x-www-form-urlencoded', text: '', params }, -1, form).body).toEqual({
      kind: 'text',
      text: 'grant_type=client_credentials&client+id=shop+web&empty=',
      size: 55,
    });
  });

  it('builds a multipart body from params with the boundary of the Content-Type', () => {
    const headers: Header[] = [['Content-Type', 'multipart/form-data; boundary=XyZ']];
    const params = [
      { name: 'title', value: 'invoice' },
      { name: 'file', fileName: 'a.txt', contentType: 'text/plain', value: 'total: 1' },
    ];
    const body = bodyFromHarPostData({ mimeType: 'multipart/form-data', params }, -1, headers).body;
    expect(body.kind).toBe('binary');
    const text = Buffer.from((body as { base64: string }).base64, 'base64').toString();
    expect(text).toBe(
      '--XyZ\r\nContent-Disposition: form-data; name="title"\r\n\r\ninvoice\r\n' +
        '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\ntotal: 1\r\n--XyZ--\r\n',
    );
  });

  it('takes the boundary from postData.mimeType when the headers do not have one (Chrome)', () => {
    const body = bodyFromHarPostData({ mimeType: 'multipart/form-data; boundary=----WebKitFormBoundaryQ', params: [{ name: 'a', value: '1' }] }, -1, []).body;
    expect(Buffer.from((body as { base64: string }).base64, 'base64').toString()).toBe(
      '------WebKitFormBoundaryQ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n------WebKitFormBoundaryQ--\r\n',
    );
  });

  it('tells no body from an empty one by the framing headers', () => {
    expect(bodyFromHarPostData(undefined, 0, []).body).toEqual({ kind: 'none' });
    expect(bodyFromHarPostData({ mimeType: '', text: '', params: [] }, -1, []).body).toEqual({ kind: 'none' });
    expect(bodyFromHarPostData({ mimeType: '', text: '' }, 0, [['Content-Length', '0']]).body).toEqual({ kind: 'empty', size: 0 });
  });

  it('reads a postData without text but with a size as a body that was not saved', () => {
    expect(bodyFromHarPostData({ mimeType: 'application/json' }, 300, json)).toEqual({
      body: { kind: 'empty', size: 300, truncated: true },
      missing: true,
    });
    expect(bodyFromHarPostData(undefined, 300, json).missing).toBe(true);
  });

  it('reads base64 request bodies (apitape writes binary bodies that way)', () => {
    const body = bodyFromHarPostData({ mimeType: 'image/png', text: PNG, encoding: 'base64' }, 70, [['content-type', 'image/png']]).body;
    expect(body).toEqual({ kind: 'binary', base64: PNG, size: 70 });
  });
});

describe('export then import of a body', () => {
  const cases: Array<[string, Body, Header[], boolean]> = [
    ['json', { kind: 'json', value: { a: 1 }, size: 7 }, json, false],
    ['json after redaction (size of the original)', { kind: 'json', value: { token: '<redacted:token:abcdef>' }, size: 20 }, json, false],
    ['text that is shorter than its size', { kind: 'text', text: 'hi', size: 10 }, [['content-type', 'text/plain']], false],
    ['binary', { kind: 'binary', base64: PNG, size: 70 }, [['content-type', 'image/png']], false],
    ['empty', { kind: 'empty', size: 0 }, [], false],
    ['none on a 200', { kind: 'none' }, [], false],
    ['empty on a HEAD', { kind: 'empty', size: 0 }, [], true],
    ['truncated with hash', { kind: 'text', text: 'abc', size: 1000, truncated: true, sha256: 'f'.repeat(64) }, [['content-type', 'text/plain']], false],
    ['empty prefix of a missing body', { kind: 'empty', size: 2048, truncated: true }, json, false],
    [
      'raw bytes that failed to decode',
      { kind: 'binary', base64: Buffer.from('{"not":"gzip"}').toString('base64'), size: 14, contentEncoding: 'gzip', decodeError: 'gzip decoding failed: incorrect header check' },
      [...json, ['content-encoding', 'gzip']],
      false,
    ],
    ['decoded gzip', { kind: 'json', value: [1], size: 3, contentEncoding: 'gzip' }, [...json, ['content-encoding', 'gzip']], false],
    ['encoding noted without header', { kind: 'text', text: 'x', size: 1, contentEncoding: 'br' }, [['content-type', 'text/plain']], false],
  ];

  it.each(cases)('%s survives as response content', (_name, body, headers, bodiless) => {
    const content = harContentFromBody(body, headers, bodiless);
    expect(bodyFromHarContent(JSON.parse(JSON.stringify(content)), headers, bodiless).body).toEqual(body);
  });

  it.each(cases)('%s survives as request postData', (_name, body, headers) => {
    const postData = harPostDataFromBody(body, headers);
    const size = body.kind === 'none' ? 0 : body.size;
    expect(bodyFromHarPostData(JSON.parse(JSON.stringify(postData ?? null)) ?? undefined, size, headers).body).toEqual(body);
  });

  it('writes no hint when plain HAR fields say it all', () => {
    expect(harContentFromBody({ kind: 'json', value: { a: 1 }, size: 7 }, json, false)).toEqual({
      size: 7,
      mimeType: 'application/json',
      text: '{"a":1}',
    });
    expect(harContentFromBody({ kind: 'binary', base64: PNG, size: 70 }, [['content-type', 'image/png']], false)).toEqual({
      size: 70,
      mimeType: 'image/png',
      text: PNG,
      encoding: 'base64',
    });
  });

  it('adds url-encoded params next to the text of a form body', () => {
    const form: Header[] = [['content-type', 'application/x-www-form-urlencoded']];
    expect(harPostDataFromBody({ kind: 'text', text: 'a=1&b=x+y', size: 9 }, form)).toEqual({
      mimeType: 'application/x-www-form-urlencoded',
      text: 'a=1&b=x+y',
      params: [
        { name: 'a', value: '1' },
        { name: 'b', value: 'x y' },
      ],
    });
  });

  it('holds for any body the store can produce (property)', () => {
    const types = fc.constantFrom(undefined, 'application/json', 'text/plain', 'image/png', 'application/x-www-form-urlencoded');
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)),
      fc.string({ maxLength: 40 }).map((s) => Buffer.from(s)),
      fc.json({ maxDepth: 2 }).map((s) => Buffer.from(s)),
    );
    const meta = fc.record(
      {
        size: fc.nat({ max: 100 }),
        truncated: fc.constant(true as const),
        sha256: fc.constant('a'.repeat(64)),
        contentEncoding: fc.constantFrom('gzip', 'br', 'UTF-8'),
        decodeError: fc.constant('broken'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(bytes, types, meta, fc.boolean(), fc.boolean(), (raw, type, extra, bodiless, withEncodingHeader) => {
        const body = bodyFromDecoded(raw, type, { meta: extra });
        const headers: Header[] = type ? [['content-type', type]] : [];
        if (withEncodingHeader) headers.push(['content-encoding', 'gzip']);
        const content = JSON.parse(JSON.stringify(harContentFromBody(body, headers, bodiless))) as unknown;
        const back = bodyFromHarContent(content, headers, bodiless).body;
        const postData = JSON.parse(JSON.stringify(harPostDataFromBody(body, headers) ?? null)) as unknown;
        const sent = bodyFromHarPostData(postData ?? undefined, body.kind === 'none' ? 0 : body.size, headers).body;
        return sameBody(back, body) && sameBody(sent, body);
      }),
      { numRuns: 400 },
    );
  });
});
