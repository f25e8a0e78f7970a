// `apitape docs` in-process: the page is written and byte-stable, only its own earlier output is ever
// replaced, bad input exits 2 with nothing written, and secrets given at replay time never reach it
// (nor the regenerated collection) after `apitape accept`.
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openCassetteWriter } from '../../../src/cassette/store.js';
import type { Exchange } from '../../../src/cassette/types.js';
import { main } from '../../../src/cli/main.js';
import { SAMPLE_CREDENTIALS, startSampleApi } from '../../../src/sample-api/server.js';
import { fakeIo } from '../../helpers/io.js';
import { crudExchanges } from '../../unit/collection/fixtures.js';
import { recordSampleFlow, startChangingProxy } from '../replay/record-flow.js';

async function project(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'apitape-docs-cli-'));
  onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

async function writeCassette(dir: string, name: string, exchanges: Exchange[]): Promise<void> {
  const writer = await openCassetteWriter(path.join(dir, 'cassettes', `${name}.ndjson`), { name, now: () => new Date(0) });
  for (const { id: _id, ...exchange } of exchanges) await writer.append(exchange);
  await writer.close();
}

async function run(dir: string, args: string[], env: Record<string, string> = {}) {
  const io = fakeIo(dir, env);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('apitape docs', () => {
  it('writes api-docs/index.html, byte-identical when run again', async () => {
    const dir = await project();
    await writeCassette(dir, 'crud', crudExchanges());
    const first = await run(dir, ['docs']);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toBe('wrote api-docs/index.html: 8 endpoints from 8 exchanges in cassette crud\n');
    const html = await fs.readFile(path.join(dir, 'api-docs', 'index.html'), 'utf8');
    expect(html).toContain('<title>crud: API reference</title>');
    expect(html).toContain('created 1970-01-01T00:00:00.000Z');
    expect((await run(dir, ['docs'])).code).toBe(0);
    expect(await fs.readFile(path.join(dir, 'api-docs', 'index.html'), 'utf8')).toBe(html);
  });

  it('honours --cassette, --out and --name', async () => {
    const dir = await project();
    await writeCassette(dir, 'crud', crudExchanges());
    await writeCassette(dir, 'other', crudExchanges().slice(0, 2));
    const result = await run(dir, ['docs', '--cassette', 'other', 'crud', '--out', 'site/reference', '--name', 'Shop API']);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('wrote site/reference/index.html: 8 endpoints from 10 exchanges in cassettes other, crud');
    const html = await fs.readFile(path.join(dir, 'site/reference/index.html'), 'utf8');
    expect(html).toContain('<title>Shop API: API reference</title>');
    expect(html).toContain('cassettes other (created 1970-01-01T00:00:00.000Z, 2 exchanges); crud (');
  });

  it('refuses to replace an index.html it did not write, and leaves it untouched', async () => {
    const dir = await project();
    await writeCassette(dir, 'crud', crudExchanges());
    await fs.mkdir(path.join(dir, 'site'));
    await fs.writeFile(path.join(dir, 'site/index.html'), '<h1>my site</h1>');
    const result = await run(dir, ['docs', '--out', 'site']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('site/index.html exists and was not written by apitape docs');
    expect(await fs.readFile(path.join(dir, 'site/index.html'), 'utf8')).toBe('<h1>my site</h1>');
  });

  it.each([
    ['no cassettes', async (_dir: string) => {}, /no cassettes in/],
    ['a missing named cassette', async (dir: string) => writeCassette(dir, 'crud', crudExchanges()), /no cassette at/, ['--cassette', 'nope']],
    ['a cassette with no exchanges', async (dir: string) => writeCassette(dir, 'crud', []), /holds no exchanges/],
    ['an --out that is a file', async (dir: string) => {
      await writeCassette(dir, 'crud', crudExchanges());
      await fs.writeFile(path.join(dir, 'notes.txt'), 'mine');
    }, /notes\.txt is not a folder/, ['--out', 'notes.txt']],
  ])('exits 2 on %s and writes nothing', async (_what, arrange, message, extra: string[] = []) => {
    const dir = await project();
    await arrange(dir);
    const result = await run(dir, ['docs', ...extra]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(existsSync(path.join(dir, 'api-docs'))).toBe(false);
  });

  it('never lets a secret given at replay time flow back, through accept, into the collection or the page', async () => {
    const dir = await project();
    const staging = await startSampleApi();
    try {
      await recordSampleFlow(staging.url, path.join(dir, 'cassettes', 'flow.ndjson'));
    } finally {
      await staging.close();
    }
    expect((await run(dir, ['generate'])).code).toBe(0);
    const prod = await startSampleApi({ seedUsers: 2 });
    onTestFinished(() => prod.close());
    // an API that echoes the password it was sent: the worst case for a secret supplied at replay time
    const echoing = await startChangingProxy(prod.url, (m, p) => m === 'GET' && /^\/orders\/\d+$/.test(p), (body) => ({ ...body, note: `password ${SAMPLE_CREDENTIALS.password}` }));
    const env = { APITAPE_VAR_password: SAMPLE_CREDENTIALS.password };
    const replayed = await run(dir, ['replay', '--env', 'local', '--env-var', `baseUrl=${echoing.url}`, '--out', 'reports/run'], env);
    expect(replayed.code, replayed.err).toBeLessThan(2);
    const accepted = await run(dir, ['accept', '--run', 'reports/run', '--endpoint', 'POST /auth/login', '--endpoint', 'GET /orders/:orderId'], env);
    expect(accepted.code, accepted.err).toBe(0);
    expect((await run(dir, ['docs'])).code).toBe(0);

    const collection = await fs.readFile(path.join(dir, 'collections/flow.postman_collection.json'), 'utf8');
    const page = await fs.readFile(path.join(dir, 'api-docs/index.html'), 'utf8');
    expect(page).toContain('/note'); // the accepted responses did reach the models
    for (const text of [collection, page, await fs.readFile(path.join(dir, 'environments/local.postman_environment.json'), 'utf8')]) {
      expect(text).not.toContain(SAMPLE_CREDENTIALS.password);
      expect(text).not.toMatch(/tok_[0-9a-f]{24}/);
    }
  }, 60_000);
});
