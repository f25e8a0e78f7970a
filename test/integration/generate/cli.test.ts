// `apitape generate` in-process: files written atomically and byte-stable, bad input exits 2 with
// nothing written, an environment a person edited keeps its values.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { openCassetteWriter } from '../../../src/cassette/store.js';
import type { Exchange } from '../../../src/cassette/types.js';
import { fakeIo } from '../../helpers/io.js';
import { call, crudExchanges } from '../../unit/collection/fixtures.js';

async function project(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'apitape-gen-cli-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function writeCassette(dir: string, name: string, exchanges: Exchange[]): Promise<void> {
  const writer = await openCassetteWriter(path.join(dir, 'cassettes', `${name}.ndjson`), { name, now: () => new Date(0) });
  for (const { id: _id, ...exchange } of exchanges) await writer.append(exchange);
  await writer.close();
}

async function generate(dir: string, ...args: string[]) {
  const io = fakeIo(dir);
  const code = await main(['generate', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

const COLLECTION = ['collections', 'crud.postman_collection.json'];
const ENVIRONMENT = ['environments', 'example.postman_environment.json'];

describe('apitape generate', () => {
  it('writes the collection and environment, byte-identical when run again', async () => {
    const dir = await project();
    await writeCassette(dir, 'crud', crudExchanges());
    const first = await generate(dir);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain('wrote collections/crud.postman_collection.json: 8 requests in 2 folders');
    expect(first.out).toContain('fill in before replay (redacted when recorded): password');
    const collection = await readFile(path.join(dir, ...COLLECTION), 'utf8');
    const environment = await readFile(path.join(dir, ...ENVIRONMENT), 'utf8');
    expect((await generate(dir)).code).toBe(0);
    expect(await readFile(path.join(dir, ...COLLECTION), 'utf8')).toBe(collection);
    expect(await readFile(path.join(dir, ...ENVIRONMENT), 'utf8')).toBe(environment);
  });

  it('keeps values a person filled into the environment', async () => {
    const dir = await project();
    await writeCassette(dir, 'crud', crudExchanges());
    expect((await generate(dir)).code).toBe(0);
    const file = path.join(dir, ...ENVIRONMENT);
    await writeFile(file, (await readFile(file, 'utf8')).replace('"value": ""', '"value": "s3cret"'));
    const again = await generate(dir);
    expect(again.out).toContain('kept its existing values');
    expect(await readFile(file, 'utf8')).toContain('"value": "s3cret"');
  });

  it('honours --out, --name, --env-name, --no-timing and --json', async () => {
    const dir = await project();
    await writeCassette(dir, 'crud', crudExchanges());
    const result = await generate(dir, '--out', 'out/api.json', '--name', 'My API', '--env-name', 'staging', '--no-timing', '--json');
    expect(result.code, result.err).toBe(0);
    const summary = JSON.parse(result.out);
    expect(summary).toMatchObject({ requests: 8, chained: ['accessToken', 'userId', 'orderId'], secrets: ['password'] });
    const collection = JSON.parse(await readFile(path.join(dir, 'out', 'api.json'), 'utf8'));
    expect(collection.info.name).toBe('My API');
    expect(JSON.stringify(collection)).not.toContain('response time');
    expect(existsSync(path.join(dir, 'environments', 'staging.postman_environment.json'))).toBe(true);
  });

  it('turns the config file\'s generate and infer settings into defaults', async () => {
    const dir = await project();
    await writeCassette(dir, 'crud', crudExchanges());
    await writeFile(path.join(dir, 'apitape.config.json'), JSON.stringify({ generate: { timingFloorMs: 7000 }, infer: { strict: true } }));
    expect((await generate(dir)).code).toBe(0);
    const text = await readFile(path.join(dir, ...COLLECTION), 'utf8');
    expect(text).toContain('response time is under 7000 ms');
    expect(text).toContain('additionalProperties');
  });

  it.each([
    ['no cassettes folder', async (_dir: string) => {}, /no cassettes in/],
    ['an empty cassette file', async (dir: string) => {
      await mkdir(path.join(dir, 'cassettes'), { recursive: true });
      await writeFile(path.join(dir, 'cassettes', 'crud.ndjson'), '');
    }, /empty, not a cassette/],
    ['a cassette with a header and no exchanges', async (dir: string) => writeCassette(dir, 'crud', []), /holds no exchanges/],
    ['a cassette with no JSON responses', async (dir: string) => writeCassette(dir, 'crud', [
      call({ path: '/files/report.pdf', body: { kind: 'binary', base64: 'JVBERi0xLjQ=', size: 8 } }),
    ]), /no JSON responses/],
    ['a corrupt cassette', async (dir: string) => {
      await writeCassette(dir, 'crud', crudExchanges());
      const file = path.join(dir, 'cassettes', 'crud.ndjson');
      await writeFile(file, `${await readFile(file, 'utf8')}<<<<<<< HEAD\n{}\n`);
    }, /crud\.ndjson:\d+/],
  ])('exits 2 on %s and writes nothing', async (_what, arrange, message) => {
    const dir = await project();
    await arrange(dir);
    const result = await generate(dir);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(existsSync(path.join(dir, 'collections'))).toBe(false);
    expect(existsSync(path.join(dir, 'environments'))).toBe(false);
  });

  it('exits 2 on a missing named cassette and leaves an earlier collection untouched', async () => {
    const dir = await project();
    await writeCassette(dir, 'crud', crudExchanges());
    expect((await generate(dir)).code).toBe(0);
    const before = await readFile(path.join(dir, ...COLLECTION), 'utf8');
    const result = await generate(dir, '--cassette', 'crud', 'missing');
    expect(result.code).toBe(2);
    expect(result.err).toContain('no cassette at');
    expect(await readFile(path.join(dir, ...COLLECTION), 'utf8')).toBe(before);
  });

  it('exits 2 on a malformed existing environment without writing the collection', async () => {
    const dir = await project();
    await writeCassette(dir, 'crud', crudExchanges());
    await mkdir(path.join(dir, 'environments'), { recursive: true });
    await writeFile(path.join(dir, ...ENVIRONMENT), '{ not json');
    const result = await generate(dir);
    expect(result.code).toBe(2);
    expect(result.err).toContain('is not a Postman environment');
    expect(existsSync(path.join(dir, ...COLLECTION))).toBe(false);
  });
});
