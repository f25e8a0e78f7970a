// RELIABILITY 6: pipelined requests are recorded in the order they were sent, even when the upstream
// answers later ones first.
import { describe, expect, it } from 'vitest';
import { readRecorded, startRecording, tempDir, upstream } from '../record/helpers.js';
import { sendRaw } from './raw-http.js';

describe('pipelining', () => {
  it('records 10 pipelined requests in the order they were sent, each with its own response', async () => {
    const cwd = await tempDir();
    const { url: target } = await upstream((req, res) => {
      req.resume();
      const i = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('i'));
      setTimeout(() => res.end(`answer ${i}`), (10 - i) * 15); // the last one sent is answered first
    });
    const rec = await startRecording(cwd, ['--target', target, '--quiet']);
    const burst = Array.from({ length: 10 }, (_, i) => `GET /pipe?i=${i} HTTP/1.1\r\nHost: x\r\n\r\n`).join('');
    await sendRaw(Number(new URL(rec.url).port), burst, /answer 9$/);
    await rec.stop();
    const recorded = await readRecorded(cwd);
    expect(recorded.map((e) => new URL(e.request.url).searchParams.get('i'))).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(recorded.map((e) => (e.response?.body.kind === 'text' ? e.response.body.text : ''))).toEqual(Array.from({ length: 10 }, (_, i) => `answer ${i}`));
  });
});
