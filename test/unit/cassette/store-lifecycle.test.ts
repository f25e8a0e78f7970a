// The cassette writer's open/overwrite/close lifecycle: nothing on disk changes before `open()`, an
// overwrite replaces the old cassette only on `close()`, and paths that are not files are refused.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { cassettePath, openCassetteWriter, prepareCassetteWriter, readCassetteAll } from '../../../src/cassette/store.js';
import { ApitapeError } from '../../../src/errors.js';
import { makeExchange } from '../../helpers/exchange.js';

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'apitape-store-life-'));
  onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

function exchange(p: string) {
  const { id: _id, ...rest } = makeExchange({ request: { url: `https://api.example.com${p}` } });
  return rest;
}

/** A cassette with `paths` recorded, written the ordinary way. */
async function recorded(dir: string, name: string, paths: string[]): Promise<string> {
  const file = cassettePath(dir, name);
  const writer = await openCassetteWriter(file, { name, now: () => new Date(0) });
  for (const p of paths) await writer.append(exchange(p));
  await writer.close();
  return file;
}

async function urls(file: string): Promise<string[]> {
  return (await readCassetteAll(file)).exchanges.map((e) => new URL(e.request.url).pathname);
}

describe('prepareCassetteWriter', () => {
  it('changes nothing until open(): cancel leaves a cassette with a torn last line byte for byte', async () => {
    const dir = await tempDir();
    const file = await recorded(dir, 'flow', ['/a', '/b']);
    await fs.appendFile(file, '{"id":"000002","timings":{"sta'); // appending would cut this
    const before = await fs.readFile(file);
    for (const overwrite of [false, true]) {
      const prepared = await prepareCassetteWriter(file, { name: 'flow', overwrite });
      expect(prepared.exists).toBe(true);
      await prepared.cancel();
      expect(await fs.readFile(file)).toEqual(before);
    }
    expect((await fs.readdir(path.dirname(file))).sort()).toEqual(['flow.ndjson']);
  });

  it('holds the lock from prepare on, and a cancelled first recording leaves no folder behind', async () => {
    const dir = await tempDir();
    const file = cassettePath(dir, 'new');
    const prepared = await prepareCassetteWriter(file, { name: 'new' });
    expect(prepared.exists).toBe(false);
    await expect(prepareCassetteWriter(file, { name: 'new' })).rejects.toMatchObject({ code: 'CASSETTE_LOCKED' });
    await prepared.cancel();
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('refuses a folder or a device where the cassette should be, before taking the lock for good', async () => {
    const dir = await tempDir();
    const folder = cassettePath(dir, 'folder');
    await fs.mkdir(folder, { recursive: true });
    const device = cassettePath(dir, 'device');
    await fs.symlink('/dev/full', device); // appending would first read it: endless zeros
    for (const [file, kind] of [
      [folder, 'a folder'],
      [device, 'a device'],
    ] as const) {
      for (const overwrite of [false, true]) {
        const error = (await prepareCassetteWriter(file, { name: 'x', overwrite }).catch((e: unknown) => e)) as ApitapeError;
        expect(error).toBeInstanceOf(ApitapeError);
        expect(error.code).toBe('CASSETTE_NOT_FILE');
        expect(error.exit).toBe(2);
        expect(error.message).toBe(`${file} is ${kind}, not a cassette file`);
        expect(error.hint).toMatch(/--cassette NAME/);
      }
    }
    expect((await fs.readdir(path.dirname(folder))).sort()).toEqual(['device.ndjson', 'folder.ndjson']);
  });
});

describe('an overwrite', () => {
  it('writes beside the old cassette and replaces it only on close', async () => {
    const dir = await tempDir();
    const file = await recorded(dir, 'flow', ['/old-1', '/old-2']);
    const before = await fs.readFile(file);
    const writer = await openCassetteWriter(file, { name: 'flow', overwrite: true });
    expect(writer.path).toBe(file);
    expect(writer.stagingPath).toBe(`${file}.recording-${process.pid}`);
    await writer.append(exchange('/new'));
    expect(await fs.readFile(file)).toEqual(before); // what a kill -9 now would leave
    expect(await urls(writer.stagingPath!)).toEqual(['/new']);
    await writer.close();
    expect(await urls(file)).toEqual(['/new']);
    expect((await fs.readdir(path.dirname(file))).sort()).toEqual(['flow.ndjson']);
  });

  it("with 'keep-old' leaves the old cassette, keeps new exchanges aside, and names them on the next open", async () => {
    const dir = await tempDir();
    const file = await recorded(dir, 'flow', ['/old']);
    const before = await fs.readFile(file);

    const empty = await openCassetteWriter(file, { name: 'flow', overwrite: true });
    await empty.close('keep-old');
    expect(await fs.readFile(file)).toEqual(before);
    expect((await fs.readdir(path.dirname(file))).sort()).toEqual(['flow.ndjson']); // nothing to keep aside

    const failed = await openCassetteWriter(file, { name: 'flow', overwrite: true });
    await failed.append(exchange('/refused'));
    await failed.close('keep-old');
    expect(await fs.readFile(file)).toEqual(before);
    expect(await urls(failed.stagingPath!)).toEqual(['/refused']);

    const warnings: string[] = [];
    const next = await openCassetteWriter(file, { name: 'flow', onWarning: (w) => warnings.push(w) });
    await next.close();
    expect(warnings).toEqual([
      `${failed.stagingPath} holds an --overwrite recording that did not replace flow.ndjson ` +
        '(it stopped early, or nothing in it reached the target): rename it over the cassette to use it, or delete it',
    ]);
  });

  it('ignores the ending when appending: the lines are already in the cassette', async () => {
    const dir = await tempDir();
    const file = await recorded(dir, 'flow', ['/a']);
    const writer = await openCassetteWriter(file, { name: 'flow' });
    expect(writer.stagingPath).toBeUndefined();
    await writer.append(exchange('/b'));
    await writer.close('keep-old');
    expect(await urls(file)).toEqual(['/a', '/b']);
  });
});
