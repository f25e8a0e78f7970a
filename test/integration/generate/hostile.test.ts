// RELIABILITY.md line 42: recorded values full of quotes, backticks, `${}`, U+2028, `</script>` and
// `"); require('child_process')` end up in generated scripts only as data; newman runs them clean.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it, onTestFinished } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { openCassetteWriter } from '../../../src/cassette/store.js';
import { parseEnvironment } from '../../../src/collection/environment.js';
import type { CollectionItem, CollectionV21 } from '../../../src/collection/types.js';
import { fakeIo } from '../../helpers/io.js';
import { runNewman, withValues } from './newman-run.js';
import { callAndRecord } from './record-crud.js';

function hostile(canary: string): string {
  return `"'\`\${process.exit(7)}\u2028\u2029</script>"); require('child_process').execSync('touch ${canary}'); pm.test("PWNED", function () {}); //`;
}

/** A server that answers with hostile keys and values, the same on every instance. */
async function startHostileApi(h: string): Promise<{ url: string; close(): Promise<void> }> {
  const thing = { id: 'thing-4711', [h]: 'ref-90817', name: h, nested: { [h]: [h, 1] } };
  const routes: Record<string, (req: IncomingMessage) => [number, unknown, Record<string, string>?]> = {
    'POST /things': () => [201, thing, { location: '/things/thing-4711' }],
    'GET /things/thing-4711': () => [200, thing],
    'GET /refs/ref-90817': () => [200, { [h]: h, ok: true }],
    [`GET /paths/${encodeURIComponent(h)}`]: () => [200, { value: h, list: [{ [h]: h }] }],
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const route = routes[`${req.method} ${req.url}`];
      const [status, body, headers] = route ? route(req) : [404, { error: 'no route' }];
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function scripts(items: CollectionItem[]): string[] {
  return items.flatMap((i) => (i.item ? scripts(i.item) : [(i.event?.[0]?.script.exec ?? []).join('\n')]));
}

describe('hostile recorded values', () => {
  it('stay data: the collection is valid, every script parses, newman passes and nothing runs', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'apitape-hostile-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const canary = path.join(dir, 'PWNED');
    const h = hostile(canary);
    const api = await startHostileApi(h);
    onTestFinished(() => api.close());

    const writer = await openCassetteWriter(path.join(dir, 'cassettes', 'evil.ndjson'), { name: 'evil', target: api.url });
    try {
      for (const call of [
        { method: 'POST', path: '/things', body: { name: h } },
        { method: 'GET', path: '/things/thing-4711' },
        { method: 'GET', path: '/refs/ref-90817' },
        { method: 'GET', path: `/paths/${encodeURIComponent(h)}` },
      ]) {
        expect((await callAndRecord(api.url, writer, call)).status).toBeLessThan(300);
      }
    } finally {
      await writer.close();
    }

    const io = fakeIo(dir);
    expect(await main(['generate', '--name', h], io), io.err()).toBe(0);
    const files = await import('node:fs/promises').then((fs) => fs.readdir(path.join(dir, 'collections')));
    expect(files).toHaveLength(1);
    const collection = JSON.parse(await readFile(path.join(dir, 'collections', files[0]!), 'utf8')) as CollectionV21;
    const environment = parseEnvironment(await readFile(path.join(dir, 'environments', 'local.postman_environment.json'), 'utf8'), 'local');

    const schema = JSON.parse(await readFile(new URL('../../fixtures/schemas/postman-collection-v2.1.0.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(collection), JSON.stringify(validate.errors)).toBe(true);
    expect(collection.info.name).toBe(h);
    const sources = scripts(collection.item);
    expect(sources).toHaveLength(4);
    for (const source of sources) {
      expect(() => new Function('pm', source)).not.toThrow();
      expect(source).not.toContain('</script>');
      expect(source).not.toContain('\u2028');
    }
    expect(sources.join('\n')).toContain('saves {{');
    expect(sources.some((s) => s.includes('\\u003c/script\\u003e'))).toBe(true);

    const fresh = await startHostileApi(h);
    onTestFinished(() => fresh.close());
    const outcome = await runNewman(collection, withValues(environment, { baseUrl: fresh.url }));
    expect(outcome.failures).toEqual([]);
    expect(outcome.requests).toBe(4);
    expect(outcome.assertions.map((a) => a.test)).not.toContain('PWNED');
    expect(outcome.assertions.filter((a) => a.test.startsWith('saves {{')).length).toBeGreaterThanOrEqual(2);
    expect(outcome.assertions.every((a) => a.passed)).toBe(true);
    expect(existsSync(canary)).toBe(false);
  });
});
