import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fillCassette, readHarFile, writeHarFile } from '../../../src/cassette/har-file.js';
import type { ImportedExchange } from '../../../src/cassette/har-import.js';
import { readCassetteAll } from '../../../src/cassette/store.js';
import type { Exchange } from '../../../src/cassette/types.js';
import { ApitapeError } from '../../../src/errors.js';
import { makeExchange } from '../../helpers/exchange.js';

async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'apitape-har-file-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function imported(count: number): ImportedExchange[] {
  return Array.from({ length: count }, (_, i) => {
    const { id: _id, ...rest } = makeExchange({ request: { url: `https://api.example.com/items/${i}` } });
    return rest;
  });
}

/** Yields `items`, then throws: a failure half-way through an import or export. */
function* failingAfter<T>(items: T[]): Generator<T> {
  yield* items;
  throw new Error('disk on fire');
}

const options = { creator: { name: 'apitape', version: 'test' } };

describe('readHarFile', () => {
  it('names a missing file or a folder with exit 2', async () => {
    const dir = await folder();
    await expect(readHarFile(path.join(dir, 'nope.har'), 'nope.har')).rejects.toMatchObject({ code: 'HAR_READ', exit: 2, message: 'cannot read nope.har: no such file' });
    await expect(readHarFile(dir, 'dir')).rejects.toMatchObject({ exit: 2, message: 'cannot read dir: it is a folder' });
  });

  it('parses what it reads', async () => {
    const dir = await folder();
    await writeFile(path.join(dir, 'a.har'), '{"log":{"entries":[]}}');
    await expect(readHarFile(path.join(dir, 'a.har'))).resolves.toMatchObject({ entries: [] });
  });
});

describe('writeHarFile', () => {
  it('writes through a temp file that is gone afterwards', async () => {
    const dir = await folder();
    const count = await writeHarFile(path.join(dir, 'out.har'), toAsync([makeExchange()]), options);
    expect(count).toBe(1);
    expect(await readdir(dir)).toEqual(['out.har']);
    expect(JSON.parse(await readFile(path.join(dir, 'out.har'), 'utf8'))).toMatchObject({ log: { version: '1.2', entries: [{ request: { method: 'GET' } }] } });
  });

  it('leaves an existing file untouched and no temp file when the export fails half-way', async () => {
    const dir = await folder();
    const out = path.join(dir, 'out.har');
    await writeFile(out, 'previous export');
    await expect(writeHarFile(out, toAsync(failingAfter([makeExchange()])), options)).rejects.toThrow('disk on fire');
    expect(await readFile(out, 'utf8')).toBe('previous export');
    expect(await readdir(dir)).toEqual(['out.har']);
  });

  it('turns a missing folder into exit 2', async () => {
    const dir = await folder();
    const error = await writeHarFile(path.join(dir, 'no', 'out.har'), toAsync([]), options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApitapeError);
    expect(error).toMatchObject({ code: 'HAR_WRITE', exit: 2 });
  });
});

describe('fillCassette', () => {
  it('replaces a cassette only once the new one is complete', async () => {
    const dir = await folder();
    const file = path.join(dir, 'cassettes', 'shop.ndjson');
    expect(await fillCassette(file, imported(3), { name: 'shop' })).toBe(3);
    const before = await readFile(file, 'utf8');
    await expect(fillCassette(file, failingAfter(imported(1)), { name: 'shop' })).rejects.toThrow('disk on fire');
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await readdir(path.dirname(file))).toEqual(['shop.ndjson']);
    expect(await fillCassette(file, imported(1), { name: 'shop' })).toBe(1);
    expect((await readCassetteAll(file)).exchanges.map((e: Exchange) => e.request.url)).toEqual(['https://api.example.com/items/0']);
  });

  it('appends with ids that continue the cassette', async () => {
    const dir = await folder();
    const file = path.join(dir, 'shop.ndjson');
    await fillCassette(file, imported(2), { name: 'shop' });
    expect(await fillCassette(file, imported(2), { name: 'shop', append: true })).toBe(2);
    expect((await readCassetteAll(file)).exchanges.map((e) => e.id)).toEqual(['000000', '000001', '000002', '000003']);
  });

  it('redacts what it writes', async () => {
    const dir = await folder();
    const file = path.join(dir, 'shop.ndjson');
    const [exchange] = imported(1);
    exchange!.request.headers = [['Authorization', 'Bearer canary-token-123']];
    await fillCassette(file, [exchange!], { name: 'shop' });
    expect(await readFile(file, 'utf8')).not.toContain('canary-token-123');
  });

  it('refuses to replace a cassette that a live recorder holds', async () => {
    const dir = await folder();
    const file = path.join(dir, 'shop.ndjson');
    await writeFile(`${file}.lock`, String(process.ppid));
    await expect(fillCassette(file, imported(1), { name: 'shop' })).rejects.toMatchObject({ code: 'CASSETTE_LOCKED', exit: 3 });
    await writeFile(`${file}.lock`, '999999999');
    await expect(fillCassette(file, imported(1), { name: 'shop' })).resolves.toBe(1);
  });
});

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) yield item;
}
