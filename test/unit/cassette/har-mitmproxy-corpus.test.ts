// Real exports from mitmproxy's HAR test corpus (test/fixtures/har/mitmproxy/README.md).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseHarDocument } from '../../../src/cassette/har-document.js';
import { harEntryFromExchange, harLog, serializeHar } from '../../../src/cassette/har-export.js';
import { importHarEntries, type ImportedExchange } from '../../../src/cassette/har-import.js';

const harValidator = createRequire(import.meta.url)('har-validator') as { har(data: unknown): Promise<unknown> };

function importCorpus(name: string): { exchanges: ImportedExchange[]; notes: string[]; creator?: string } {
  const bytes = readFileSync(fileURLToPath(new URL(`../../fixtures/har/mitmproxy/${name}`, import.meta.url)));
  const doc = parseHarDocument(bytes, name);
  const notes = [...doc.warnings];
  const exchanges = [...importHarEntries(doc.entries, { onSkip: (s) => notes.push(s.reason), onWarning: (w) => notes.push(w) })];
  return { exchanges, notes, creator: doc.creator };
}

describe('mitmproxy HAR corpus', () => {
  it('with-bom.har (Fiddler): reads past the BOM, HAR 1.1, 7-digit fractions', () => {
    const bytes = readFileSync(fileURLToPath(new URL('../../fixtures/har/mitmproxy/with-bom.har', import.meta.url)));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { exchanges, notes, creator } = importCorpus('with-bom.har');
    expect(creator).toBe('Fiddler 5.0.20243.10853');
    expect(notes).toEqual([]);
    expect(exchanges).toHaveLength(1);
    const [page] = exchanges;
    expect(page!.timings).toEqual({ startedAt: '2024-07-06T19:27:16.785Z', durationMs: 1551, firstByteMs: 1550 });
    expect(page!.request.body).toEqual({ kind: 'none' });
    expect(page!.response?.body).toMatchObject({ kind: 'text', size: 1256 });
    expect(page!.response?.body).not.toHaveProperty('truncated');
  });

  it('head-content-length.har (Firefox): a HEAD answer with Content-Length has no body', () => {
    const { exchanges, notes } = importCorpus('head-content-length.har');
    expect(notes).toEqual([]);
    expect(exchanges[0]!.request.method).toBe('HEAD');
    expect(exchanges[0]!.response?.body).toEqual({ kind: 'none' });
    expect(exchanges[0]!.response?.headers.at(-1)).toEqual(['content-length', '78258']);
  });

  it('invalid_content_encoding.har (mitmproxy): keeps the bogus encoding as a note on an empty body', () => {
    const { exchanges, notes } = importCorpus('invalid_content_encoding.har');
    expect(notes).toEqual([]);
    expect(exchanges[0]!.response?.status).toBe(401);
    expect(exchanges[0]!.response?.body).toEqual({ kind: 'empty', size: 0, contentEncoding: 'UTF-8' });
    // `744916440838.90503` does not survive JSON.parse → stringify, so the body stays text (lossless)
    expect(exchanges[0]!.request.body).toMatchObject({ kind: 'text', size: 494 });
  });

  it('postdata.har (Chrome): drops pseudo-headers and reads the text/plain body', () => {
    const { exchanges, notes } = importCorpus('postdata.har');
    expect(notes).toEqual([]);
    const [ping] = exchanges;
    expect(ping!.request.headers.map(([n]) => n)).not.toContain(':path');
    expect(ping!.request.body).toMatchObject({ kind: 'text', size: 1310 });
    expect(ping!.response?.body).toEqual({ kind: 'empty', size: 0 });
  });

  it('insomnia.har: an empty postData on a GET is no body; the comment becomes the note', () => {
    const { exchanges, notes } = importCorpus('insomnia.har');
    expect(notes).toEqual([]);
    expect(exchanges[0]!.request.body).toEqual({ kind: 'none' });
    expect(exchanges[0]!.note).toBe('mitmproxy');
    expect(exchanges[0]!.response?.body).toMatchObject({ kind: 'text', size: 250 });
  });

  it.each(['with-bom.har', 'head-content-length.har', 'invalid_content_encoding.har', 'postdata.har', 'insomnia.har'])(
    '%s exports to valid HAR and imports back unchanged',
    async (name) => {
      const { exchanges } = importCorpus(name);
      const entries = exchanges.map((e, i) => harEntryFromExchange({ id: String(i), ...e }));
      const har = JSON.parse(serializeHar(harLog(entries, { creator: { name: 'apitape', version: 'test' } }))) as { log: { entries: unknown[] } };
      await expect(harValidator.har(har)).resolves.toBeTruthy();
      expect([...importHarEntries(har.log.entries)]).toEqual(exchanges);
    },
  );
});
