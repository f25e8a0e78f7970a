// Malformed and unusual HTTP from clients (RELIABILITY 1–4, 6, 9, 17), sent raw over `net` sockets:
// smuggling-shaped and invalid requests get a 400/431 and a closed connection, nothing reaches the
// upstream, and the proxy keeps serving and recording; pipelined requests are each paired with their
// own response; bodiless responses get no invented body; h2c prior knowledge is served.
import * as http2 from 'node:http2';
import { connect } from 'node:net';
import { request } from 'undici';
import { describe, expect, it, onTestFinished } from 'vitest';
import { readRecorded, startRecording, tempDir, upstream } from '../record/helpers.js';
import { sendRaw } from './raw-http.js';

/** An upstream that answers `you sent <method> <url>` and remembers every request it saw. */
async function echoUpstream() {
  const seen: string[] = [];
  const { url } = await upstream((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'text/plain');
      res.end(`you sent ${req.method} ${req.url}`);
    });
  });
  return { url, seen };
}

async function expectServing(proxyUrl: string, path: string): Promise<void> {
  const res = await request(`${proxyUrl}${path}`);
  expect(res.statusCode).toBe(200);
  expect(await res.body.text()).toBe(`you sent GET ${path}`);
}

const statusLine = (text: string) => text.split('\r\n')[0];

/** Requests llhttp (Node's parser) must refuse; `\r\n` line ends unless a case is about them. */
const REFUSED: Record<string, string> = {
  'Content-Length with Transfer-Encoding: chunked': 'POST /smuggle-clte HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
  'Transfer-Encoding twice': 'POST /smuggle-tete HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n',
  'Transfer-Encoding not ending in chunked': 'POST /smuggle-te HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n',
  'whitespace before the colon': 'POST /cl-space HTTP/1.1\r\nHost: x\r\nContent-Length : 4\r\n\r\nabcd',
  'Content-Length: NaN': 'POST /cl-nan HTTP/1.1\r\nHost: x\r\nContent-Length: NaN\r\n\r\nabcd',
  'Content-Length: -1': 'POST /cl-negative HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\nabcd',
  'two different Content-Length values': 'POST /cl-two HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcde',
  // From llhttp test/request/invalid.md (nodejs/llhttp):
  'ICE protocol and GET method': 'GET /ice ICE/1.0\r\nHost: example.com\r\n\r\n',
  'ICE protocol, but not really': 'GET /ihttp IHTTP/1.0\r\nHost: example.com\r\n\r\n',
  'RTSP protocol and PUT method': 'PUT /rtsp RTSP/1.0\r\nHost: example.com\r\n\r\n',
  'HTTP protocol and ANNOUNCE method': 'ANNOUNCE /announce HTTP/1.0\r\nHost: example.com\r\n\r\n',
  'headers separated by CR': 'GET /cr HTTP/1.1\r\nFoo: 1\rBar: 2\r\n\r\n',
  'headers separated by LF': 'POST /lf HTTP/1.1\r\nHost: localhost:5000\r\nx:x\nTransfer-Encoding: chunked\r\n\r\n1\r\nA\r\n0\r\n\r\n',
  'headers separated by dummy characters': 'GET /dummy HTTP/1.1\r\nConnection: close\r\nHost: a\r\n\rZGET /evil: HTTP/1.1\r\nHost: a\r\n\r\n',
  'empty header value separated by LF': 'POST /empty-lf HTTP/1.1\r\nHost: localhost:5000\r\nx:\nTransfer-Encoding: chunked\r\n\r\n1\r\nA\r\n0\r\n\r\n',
  'invalid header token': 'GET /token HTTP/1.1\r\nFo@: Failure\r\n\r\n',
  'header name with a NUL': 'GET /nul HTTP/1.1\r\nFoo\x00\\test: Bar\r\n\r\n',
  'empty header name': 'GET /no-name HTTP/1.1\r\n: Bar\r\n\r\n',
  'invalid method': 'MKCOLA /mkcola HTTP/1.1\r\n\r\n',
  'header name folded onto the next line': 'GET /fold-name HTTP/1.1\r\nname\r\n : value\r\n\r\n',
  'obs-fold continuation line': 'GET /obs-fold HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\n\r\n',
  'corrupted Connection header': 'GET /corrupt HTTP/1.1\r\nHost: www.example.com\r\nConnection\r\x1b\x35\xd5eep-Alive\r\nAccept-Encoding: gzip\r\n\r\n',
  'missing CR between headers (smuggles GET /admin)':
    'GET /missing-cr HTTP/1.1\r\nHost: localhost\r\nDummy: x\nContent-Length: 23\r\n\r\nGET / HTTP/1.1\r\nDummy: GET /admin HTTP/1.1\r\nHost: localhost\r\n\r\n',
  'HTTP/1.2': 'GET /v12 HTTP/1.2\r\nHost: x\r\n\r\n',
  'HTTP/5.6': 'GET /v56 HTTP/5.6\r\nHost: x\r\n\r\n',
  'space after the start line': 'GET /space-start HTTP/1.1\r\n Host: foo\r\n\r\n',
  'only LFs': 'POST /lf-only HTTP/1.1\nTransfer-Encoding: chunked\nTrailer: Baz\nFoo: abc\n\n1\nA\n0\n\nBaz: ghi\n\n',
  'spaces before a header (smuggles GET /bye)': 'POST /hello HTTP/1.1\r\nHost: localhost\r\nFoo: bar\r\n Content-Length: 38\r\n\r\nGET /bye HTTP/1.1\r\nHost: localhost\r\n\r\n',
  'binary garbage': '\x00\x01\x02\xffhello\r\n\r\n',
};

describe('malformed requests', () => {
  it('get a 400 and a closed connection, reach nothing upstream, and the proxy keeps serving and recording', async () => {
    const cwd = await tempDir();
    const api = await echoUpstream();
    const rec = await startRecording(cwd, ['--target', api.url, '--quiet']);
    const port = Number(new URL(rec.url).port);
    let n = 0;
    for (const [name, raw] of Object.entries(REFUSED)) {
      const reply = await sendRaw(port, Buffer.from(raw, 'latin1'));
      expect({ name, status: statusLine(reply.text), closed: reply.closed }).toEqual({ name, status: 'HTTP/1.1 400 Bad Request', closed: true });
      await expectServing(rec.url, `/ok/${n++}`);
    }
    expect(await rec.stop()).toBe(130);
    expect(api.seen).toEqual(Array.from({ length: n }, (_, i) => `GET /ok/${i}`)); // no smuggled /evil, /admin or /bye
    expect((await readRecorded(cwd)).map((e) => new URL(e.request.url).pathname)).toEqual(api.seen.map((s) => s.slice('GET '.length)));
  });

  it('answers headers over 16 KiB with a 431, passes 15 KiB of headers, and keeps serving', async () => {
    const cwd = await tempDir();
    const api = await echoUpstream();
    const rec = await startRecording(cwd, ['--target', api.url, '--quiet']);
    const port = Number(new URL(rec.url).port);
    const big = await sendRaw(port, `GET /big HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
    expect([statusLine(big.text), big.closed]).toEqual(['HTTP/1.1 431 Request Header Fields Too Large', true]);
    // Node counts the bytes of names and values (not ": " and CRLF) against its 16 KiB limit.
    const many = await sendRaw(port, `GET /many HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 300 }, (_, i) => `X-H${i}: ${'v'.repeat(100)}\r\n`).join('')}\r\n`);
    expect(statusLine(many.text)).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    const fits = await request(`${rec.url}/fits`, { headers: { 'x-large': 'b'.repeat(15 * 1024) } });
    expect(await fits.body.text()).toBe('you sent GET /fits');
    await expectServing(rec.url, '/after');
    await rec.stop();
    expect(api.seen).toEqual(['GET /fits', 'GET /after']);
    const [fitted] = await readRecorded(cwd);
    expect(fitted!.request.headers.find(([name]) => name === 'x-large')?.[1]).toHaveLength(15 * 1024);
  });
});

describe('pipelining', () => {
  it('answers 10 pipelined requests in order on the wire and records 10 exchanges, each with its own response', async () => {
    const cwd = await tempDir();
    const { url: target } = await upstream((req, res) => {
      req.resume();
      const i = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('i'));
      setTimeout(() => res.end(`answer ${i}`), (10 - i) * 15); // later requests are answered first upstream
    });
    const rec = await startRecording(cwd, ['--target', target, '--quiet']);
    const burst = Array.from({ length: 10 }, (_, i) => `GET /pipe?i=${i} HTTP/1.1\r\nHost: x\r\n\r\n`).join('');
    const reply = await sendRaw(Number(new URL(rec.url).port), burst, /answer 9$/);
    expect(reply.text.match(/answer \d+/g)).toEqual(Array.from({ length: 10 }, (_, i) => `answer ${i}`));
    await rec.stop();
    const exchanges = await readRecorded(cwd);
    expect(exchanges).toHaveLength(10);
    const pairs = exchanges.map((e) => [new URL(e.request.url).searchParams.get('i'), e.response?.body.kind === 'text' ? e.response.body.text : undefined]);
    for (const [i, text] of pairs) expect(text).toBe(`answer ${i}`);
    expect(new Set(pairs.map(([i]) => i)).size).toBe(10);
  });
});

describe('bodies a response must not have, and trailers', () => {
  it('passes trailers through, and invents no body for HEAD, 204 or 304 with a Content-Length', async () => {
    const cwd = await tempDir();
    const { url: target } = await upstream((req, res) => {
      req.resume();
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/trailers') {
        res.writeHead(200, { 'content-type': 'text/plain', trailer: 'x-checksum' });
        res.write('hello ');
        res.addTrailers({ 'x-checksum': 'abc123' });
        return res.end('world');
      }
      if (path === '/head') res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      else if (path === '/no-content') res.writeHead(204, { 'content-length': '0' });
      else if (path === '/not-modified') res.writeHead(304, { 'content-length': '1000', etag: '"v1"' });
      else return res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '9' }).end(`after ${req.method}`);
      res.end();
    });
    const rec = await startRecording(cwd, ['--target', target, '--quiet']);
    const socket = connect(Number(new URL(rec.url).port), '127.0.0.1');
    onTestFinished(() => void socket.destroy());
    let wire = '';
    socket.on('data', (chunk: Buffer) => (wire += chunk.toString('latin1')));
    const exchange = async (head: string, done: RegExp) => {
      const before = wire.length;
      socket.write(`${head}\r\nHost: x\r\n\r\n`);
      for (let i = 0; i < 1000 && !done.test(wire.slice(before)); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      return wire.slice(before);
    };
    // One keep-alive connection: a body invented for a bodiless response would corrupt the next one.
    const trailers = await exchange('GET /trailers HTTP/1.1\r\nTE: trailers', /\r\n0\r\n[\s\S]*\r\n\r\n$/);
    expect(trailers).toMatch(/\r\n\r\n6\r\nhello \r\n5\r\nworld\r\n0\r\nx-checksum: abc123\r\n\r\n$/);
    for (const [head, status] of [
      ['HEAD /head HTTP/1.1', '200 OK'],
      ['GET /no-content HTTP/1.1', '204 No Content'],
      ['GET /not-modified HTTP/1.1\r\nIf-None-Match: "v1"', '304 Not Modified'],
    ] as const) {
      const reply = await exchange(head, /\r\n\r\n/);
      expect(reply.startsWith(`HTTP/1.1 ${status}\r\n`)).toBe(true);
      expect(reply.endsWith('\r\n\r\n')).toBe(true); // the head, and nothing after it
      const next = await exchange('GET /after HTTP/1.1', /after GET$/);
      expect(next).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nafter GET$/);
    }
    await rec.stop();
    const recorded = await readRecorded(cwd);
    const byPath = (p: string) => recorded.find((e) => new URL(e.request.url).pathname === p)!;
    expect(byPath('/trailers').response).toMatchObject({ status: 200, body: { kind: 'text', text: 'hello world' } });
    expect(byPath('/trailers').response!.headers).toContainEqual(['trailer', 'x-checksum']);
    for (const p of ['/head', '/no-content', '/not-modified']) expect(byPath(p).response!.body).toEqual({ kind: 'none' });
    expect(byPath('/head').response!.headers).toContainEqual(['content-length', '1000']);
    expect(recorded.filter((e) => e.request.url.endsWith('/after'))).toHaveLength(3);
  });
});

describe('HTTP/2 without TLS', () => {
  it('serves an h2c prior-knowledge request from an HTTP/1.1 upstream and records it as HTTP/2, without pseudo-headers', async () => {
    const cwd = await tempDir();
    const api = await echoUpstream();
    const rec = await startRecording(cwd, ['--target', api.url, '--quiet']);
    const client = http2.connect(rec.url);
    onTestFinished(() => void client.close());
    client.on('error', () => undefined);
    const { status, body } = await new Promise<{ status: unknown; body: string }>((resolve, reject) => {
      const stream = client.request({ ':method': 'POST', ':path': '/h2c?x=1', 'content-type': 'text/plain' });
      let text = '';
      let status: unknown;
      stream.on('response', (headers) => (status = headers[':status']));
      stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
      stream.on('end', () => resolve({ status, body: text }));
      stream.on('error', reject);
      stream.end('over h2c');
    });
    expect([status, body]).toEqual([200, 'you sent POST /h2c?x=1']);
    await expectServing(rec.url, '/http1-after');
    await rec.stop();
    const [h2c] = await readRecorded(cwd);
    expect(h2c).toMatchObject({ request: { method: 'POST', httpVersion: '2', body: { kind: 'text', text: 'over h2c' } }, response: { status: 200 } });
    expect([...h2c!.request.headers, ...h2c!.response!.headers].filter(([name]) => name.startsWith(':'))).toEqual([]);
  });
});
