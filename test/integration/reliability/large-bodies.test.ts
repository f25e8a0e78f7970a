// 256 MB each way through the built recorder (RELIABILITY 15; the 1 GiB of the list is left to a
// bench): both ends see the same SHA-256, the cassette keeps the size, the hash and a prefix capped
// at --max-body-size, and the recorder's peak memory stays far below one body.
import { createHash, randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { bodyBytes } from '../../../src/cassette/body.js';
import { readCassetteAll } from '../../../src/cassette/store.js';
import { readRecorded, tempDir, upstream } from '../record/helpers.js';
import { peakRss, spawnRecorder } from '../../helpers/built-cli.js';

const MB = 1024 * 1024;
const CHUNKS = 256;

describe('a 256 MB upload and download through the recorder', () => {
  it('arrive byte-identical (SHA-256) while the cassette keeps size, hash and a 2 MB prefix, in bounded memory', async () => {
    const cwd = await tempDir();
    const sent = { sha256: '', first: Buffer.alloc(0) };
    const { url: target } = await upstream(async (req, res) => {
      if (req.url === '/download') {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(CHUNKS * MB) });
        const hash = createHash('sha256');
        for (let i = 0; i < CHUNKS; i += 1) {
          const chunk = randomBytes(MB);
          if (i < 2) sent.first = Buffer.concat([sent.first, chunk]);
          hash.update(chunk);
          if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
        }
        sent.sha256 = hash.digest('hex');
        return void res.end();
      }
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of req) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ size, sha256: hash.digest('hex') }));
    });
    const rec = await spawnRecorder(cwd, ['--target', target, '--max-body-size', '2MB']);
    const baseline = peakRss(rec.child.pid!);

    const download = await request(`${rec.url}/download`);
    const received = createHash('sha256');
    let receivedSize = 0;
    for await (const chunk of download.body) {
      received.update(chunk);
      receivedSize += chunk.length;
    }
    expect([receivedSize, received.digest('hex')]).toEqual([CHUNKS * MB, sent.sha256]);

    const uploaded = createHash('sha256');
    let uploadFirst = Buffer.alloc(0);
    async function* upload() {
      for (let i = 0; i < CHUNKS; i += 1) {
        const chunk = randomBytes(MB);
        if (i < 2) uploadFirst = Buffer.concat([uploadFirst, chunk]);
        uploaded.update(chunk);
        yield chunk;
      }
    }
    const echo = await request(`${rec.url}/upload`, { method: 'POST', body: Readable.from(upload()), headers: { 'content-type': 'application/octet-stream' } });
    const uploadSha = uploaded.digest('hex');
    expect(await echo.body.json()).toEqual({ size: CHUNKS * MB, sha256: uploadSha });
    await rec.waitFor(/\/upload → 200/);

    // Holding one whole body would take 256 MB more; what streams through here is a few MB at a time.
    const growth = peakRss(rec.child.pid!) - baseline;
    expect(growth).toBeLessThan(200 * MB);
    rec.child.kill('SIGINT');
    expect((await rec.exit).code).toBe(130);

    const warnings: string[] = [];
    await readCassetteAll(path.join(cwd, 'cassettes', 'default.ndjson'), { onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
    const [down, up] = await readRecorded(cwd);
    expect(down!.response!.body).toMatchObject({ kind: 'binary', size: CHUNKS * MB, truncated: true, sha256: sent.sha256 });
    expect(bodyBytes(down!.response!.body).equals(sent.first)).toBe(true); // the first 2 MB
    expect(up!.request.body).toMatchObject({ kind: 'binary', size: CHUNKS * MB, truncated: true, sha256: uploadSha });
    expect(bodyBytes(up!.request.body).equals(uploadFirst)).toBe(true);
  }, 60_000);
});
