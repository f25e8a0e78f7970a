// Determinism of `generate` and `docs` with several cassettes: the default name comes from the
// cassette names, never the project folder's name, so the same cassettes give the same bytes anywhere.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openCassetteWriter } from '../../../src/cassette/store.js';
import type { Exchange } from '../../../src/cassette/types.js';
import { main } from '../../../src/cli/main.js';
import { nameFromCassettes } from '../../../src/docs/from-flows.js';
import { fakeIo } from '../../helpers/io.js';
import { crudExchanges } from '../../unit/collection/fixtures.js';

async function projectNamed(folder: string): Promise<string> {
  const parent = await mkdtemp(path.join(tmpdir(), 'apitape-names-'));
  onTestFinished(() => rm(parent, { recursive: true, force: true }));
  const dir = path.join(parent, folder);
  await mkdir(dir);
  for (const [name, exchanges] of [['login', crudExchanges().slice(0, 2)], ['checkout', crudExchanges().slice(2)]] as Array<[string, Exchange[]]>) {
    const writer = await openCassetteWriter(path.join(dir, 'cassettes', `${name}.ndjson`), { name, now: () => new Date(0) });
    for (const { id: _id, ...exchange } of exchanges) await writer.append(exchange);
    await writer.close();
  }
  return dir;
}

describe('default names from cassettes', () => {
  it('sorts and joins the names, and falls back to "collection" when too long', () => {
    expect(nameFromCassettes(['login', 'checkout', 'login'])).toBe('checkout+login');
    expect(nameFromCassettes(['one'])).toBe('one');
    expect(nameFromCassettes(Array.from({ length: 20 }, (_, i) => `cassette-${i}`))).toBe('collection');
  });

  it('generate and docs give the same bytes in differently named folders', async () => {
    const outputs: string[][] = [];
    for (const folder of ['alpha', 'beta']) {
      const dir = await projectNamed(folder);
      const gen = fakeIo(dir);
      expect(await main(['generate'], gen), gen.err()).toBe(0);
      const docs = fakeIo(dir);
      expect(await main(['docs'], docs), docs.err()).toBe(0);
      outputs.push([
        await readFile(path.join(dir, 'collections/checkout-login.postman_collection.json'), 'utf8'),
        await readFile(path.join(dir, 'api-docs/index.html'), 'utf8'),
      ]);
    }
    expect(outputs[0]![0]).toContain('"name": "checkout+login"');
    expect(outputs[0]![1]).toContain('checkout+login');
    expect(outputs[1]).toEqual(outputs[0]);
  }, 60_000);
});
