// RELIABILITY 1 and 3: a request the proxy cannot parse is named on stderr (error code and a short,
// redacted preview), not silently dropped; the recorder keeps serving.
import { describe, expect, it } from 'vitest';
import { readRecorded, startRecording, tempDir, upstream } from '../record/helpers.js';
import { sendRaw } from './raw-http.js';

describe('malformed requests in the session log', () => {
  it('names a smuggling attempt and an oversized head, briefly, and keeps recording', async () => {
    const cwd = await tempDir();
    const { url: target } = await upstream((_req, res) => res.end('ok'));
    const rec = await startRecording(cwd, ['--target', target, '--quiet']);
    const port = Number(new URL(rec.url).port);
    await sendRaw(port, 'POST /smuggle?api_key=s3cr3t-value HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
    await sendRaw(port, `GET /big HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
    await sendRaw(port, 'GET /fine HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', /ok$/);
    await rec.stop();
    expect(rec.io.err()).toMatch(/malformed request from a client \(HPE_\w+\).*POST .*\/smuggle/);
    expect(rec.io.err()).toMatch(/request headers too large from a client \(HPE_HEADER_OVERFLOW\).*GET .*\/big/);
    expect(rec.io.err()).not.toContain('s3cr3t-value');
    expect(rec.io.err().length).toBeLessThan(2000); // a preview, not the 20 KiB head
    expect((await readRecorded(cwd)).map((e) => new URL(e.request.url).pathname)).toEqual(['/fine']);
  });
});
