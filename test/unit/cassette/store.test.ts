import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cassettePath, openCassetteWriter, readCassette, readCassetteAll } from '../../../src/cassette/store.js';
import { ApitapeError, CassetteFormatError } from '../../../src/errors.js';
import { makeExchange } from '../../helpers/exchange.js';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'apitape-store-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function writeSome(n: number, overwrite = false): Promise<string> {
  const file = cassettePath(dir, 'flow');
  const writer = await openCassetteWriter(file, { name: 'flow', overwrite, now: () => new Date(0) });
  for (let i = 0; i < n; i += 1) {
    const { id: _id, ...rest } = makeExchange({ request: { url: `https://api.example.com/users/${i}` } });
    await writer.append(rest);
  }
  await writer.close();
  return file;
}

async function collect(file: string, options = {}) {
  const out = [];
  for await (const ex of readCassette(file, options)) out.push(ex);
  return out;
}

describe('cassette store', () => {
  it('writes a header and one line per exchange, and reads them back in order', async () => {
    const file = await writeSome(3);
    const lines = (await fs.readFile(file, 'utf8')).trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toEqual({ apitape: 'cassette', formatVersion: 1, name: 'flow', createdAt: '1970-01-01T00:00:00.000Z' });
    const read = await collect(file);
    expect(read.map((e) => [e.id, e.request.url])).toEqual([
      ['000000', 'https://api.example.com/users/0'],
      ['000001', 'https://api.example.com/users/1'],
      ['000002', 'https://api.example.com/users/2'],
    ]);
  });

  it('is byte-stable: the same exchanges give the same file', async () => {
    const a = await fs.readFile(await writeSome(2), 'utf8');
    const b = await fs.readFile(await writeSome(2, true), 'utf8');
    expect(b).toBe(a);
  });

  it('appends to an existing cassette, continuing ids; --overwrite starts anew', async () => {
    await writeSome(2);
    const file = await writeSome(2);
    expect((await collect(file)).map((e) => e.id)).toEqual(['000000', '000001', '000002', '000003']);
    await writeSome(1, true);
    expect(await collect(file)).toHaveLength(1);
  });

  it('tolerates a torn last line with a warning, and appends after cutting it', async () => {
    const file = await writeSome(2);
    await fs.appendFile(file, '{"id":"000002","timings":{"sta');
    const warnings: string[] = [];
    expect(await collect(file, { onWarning: (w: string) => warnings.push(w) })).toHaveLength(2);
    expect(warnings[0]).toMatch(/flow\.ndjson:4: the last line is incomplete/);
    await writeSome(1);
    expect((await collect(file)).map((e) => e.id)).toEqual(['000000', '000001', '000002']);
  });

  it('fails on a corrupt line in the middle, naming file and line; --skip-corrupt reads the rest', async () => {
    const file = await writeSome(2);
    const lines = (await fs.readFile(file, 'utf8')).split('\n');
    lines.splice(2, 0, '<<<<<<< HEAD');
    await fs.writeFile(file, lines.join('\n'));
    const error = await collect(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CassetteFormatError);
    expect((error as Error).message).toMatch(/flow\.ndjson:3: not valid JSON/);
    expect((error as ApitapeError).hint).toMatch(/merge conflict/);
    const warnings: string[] = [];
    expect(await collect(file, { skipCorrupt: true, onWarning: (w: string) => warnings.push(w) })).toHaveLength(2);
    expect(warnings).toHaveLength(1);
  });

  it('refuses files that are not cassettes, and newer formats, and never appends to them', async () => {
    const file = cassettePath(dir, 'flow');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, '');
    await expect(readCassetteAll(file)).rejects.toThrow(/empty, not a cassette/);
    await fs.writeFile(file, '{"apitape":"cassette","formatVersion":99,"name":"x","createdAt":"x"}\n');
    await expect(readCassetteAll(file)).rejects.toThrow(/formatVersion 99, but this build reads 1 to 1/);
    await expect(openCassetteWriter(file, { name: 'flow' })).rejects.toThrow(/formatVersion 99/);
    await fs.writeFile(file, '{"log":{"entries":[]}}\n');
    await expect(readCassetteAll(file)).rejects.toThrow(/not a cassette header/);
  });

  it('names a missing cassette and how to make one', async () => {
    const error = (await readCassetteAll(cassettePath(dir, 'nope')).catch((e: unknown) => e)) as ApitapeError;
    expect(error.code).toBe('CASSETTE_NOT_FOUND');
    expect(error.hint).toMatch(/apitape record/);
  });

  it('lets only one writer hold a cassette', async () => {
    const file = cassettePath(dir, 'flow');
    const first = await openCassetteWriter(file, { name: 'flow' });
    await expect(openCassetteWriter(file, { name: 'flow' })).rejects.toMatchObject({ code: 'CASSETTE_LOCKED' });
    await first.close();
    const again = await openCassetteWriter(file, { name: 'flow' });
    await again.close();
  });

  it('rejects cassette names that could escape the folder', () => {
    for (const name of ['../../etc/passwd', 'a/b', '', 'con', 'x'.repeat(300), 'a\0b', '.hidden']) {
      expect(() => cassettePath(dir, name), name).toThrow(ApitapeError);
    }
    expect(cassettePath(dir, 'checkout-flow.v2')).toBe(path.join(dir, 'cassettes', 'checkout-flow.v2.ndjson'));
  });

  it('keeps order and every line whole when many appends are in flight at once', async () => {
    const file = cassettePath(dir, 'burst');
    const writer = await openCassetteWriter(file, { name: 'burst' });
    const appends = Array.from({ length: 200 }, (_, i) => {
      const { id: _id, ...rest } = makeExchange({ request: { url: `https://api.example.com/items/${i}` } });
      return writer.append(rest);
    });
    const written = await Promise.all(appends);
    await writer.close();
    expect(written.map((e) => e.id)).toEqual(Array.from({ length: 200 }, (_, i) => String(i).padStart(6, '0')));
    expect((await collect(file)).map((e) => e.request.url)).toEqual(Array.from({ length: 200 }, (_, i) => `https://api.example.com/items/${i}`));
  });

  it('finishes a short write (a filling disk can give one) instead of leaving a torn line', async () => {
    const file = cassettePath(dir, 'short');
    const writer = await openCassetteWriter(file, { name: 'short' });
    const probe = await fs.open(path.join(dir, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { write: (...args: unknown[]) => Promise<{ bytesWritten: number }> };
    await probe.close();
    const write = proto.write;
    let calls = 0;
    const spy = vi.spyOn(proto, 'write').mockImplementation(function (this: unknown, data: unknown, ...rest: unknown[]) {
      calls += 1;
      if (calls > 1 || typeof data !== 'string') return write.call(this, data, ...rest);
      const head = Buffer.from(data).subarray(0, 10);
      return write.call(this, head, 0, head.length); // only the first 10 bytes made it
    });
    try {
      const { id: _id, ...rest } = makeExchange({ request: { url: 'https://api.example.com/short' } });
      await writer.append(rest);
      await writer.close();
    } finally {
      spy.mockRestore();
    }
    expect(calls).toBeGreaterThan(1);
    expect((await collect(file)).map((e) => e.request.url)).toEqual(['https://api.example.com/short']);
  });

  it('redacts before writing', async () => {
    const file = cassettePath(dir, 'secret');
    const writer = await openCassetteWriter(file, { name: 'secret' });
    const { id: _id, ...rest } = makeExchange({ request: { headers: [['authorization', 'Bearer sekrit-canary-123']] } });
    await writer.append(rest);
    await writer.close();
    expect(await fs.readFile(file, 'utf8')).not.toContain('sekrit-canary-123');
  });
});

describe('appending to a cassette without a final newline', () => {
  it('keeps a complete last exchange (and a header-only file) instead of cutting it', async () => {
    const file = await writeSome(2);
    await fs.truncate(file, (await fs.stat(file)).size - 1);
    await writeSome(1);
    expect((await collect(file)).map((e) => e.id)).toEqual(['000000', '000001', '000002']);

    const headerOnly = await writeSome(0, true);
    await fs.truncate(headerOnly, (await fs.stat(headerOnly)).size - 1);
    await writeSome(1);
    expect((await collect(headerOnly)).map((e) => e.id)).toEqual(['000000']);
  });
});

describe('lines that are JSON but not exchanges', () => {
  it.each([
    ['a text body without text', (ex: Record<string, any>) => (ex.response.body = { kind: 'text', size: 3 }), /response\.body of kind text needs "text"/],
    ['headers that are not pairs', (ex: Record<string, any>) => (ex.request.headers = 'x'), /request\.headers must be a list/],
    ['an unknown body kind', (ex: Record<string, any>) => (ex.request.body = { kind: 'xml' }), /request\.body\.kind must be one of/],
    ['no timings', (ex: Record<string, any>) => delete ex.timings, /timings\.startedAt/],
  ])('names the file and line for %s', async (_label, damage, message) => {
    const file = await writeSome(2);
    const lines = (await fs.readFile(file, 'utf8')).trimEnd().split('\n');
    const exchange = JSON.parse(lines[1]!) as Record<string, any>;
    damage(exchange);
    lines[1] = JSON.stringify(exchange);
    await fs.writeFile(file, `${lines.join('\n')}\n`);
    const error = (await collect(file).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(CassetteFormatError);
    expect(error.message).toMatch(/flow\.ndjson:2: not an exchange/);
    expect(error.message).toMatch(message);
  });
});
