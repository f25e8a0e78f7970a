import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { cassettePath, openCassetteWriter } from '../../../../src/cassette/store.js';
import { main } from '../../../../src/cli/main.js';
import type { CliIo } from '../../../../src/cli/io.js';
import { restCrudExchanges } from '../../../fixtures/apis/rest-crud.js';

function fakeIo(cwd: string): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    cwd,
    env: {},
    isTTY: false,
    signal: new AbortController().signal,
    out: () => out,
    err: () => err,
  };
}

async function projectWithCassette(): Promise<string> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'apitape-inspect-'));
  onTestFinished(() => rm(cwd, { recursive: true, force: true }));
  const writer = await openCassetteWriter(cassettePath(cwd, 'shop'), { name: 'shop', now: () => new Date('2024-05-01T00:00:00Z') });
  for (const { id: _id, ...exchange } of restCrudExchanges()) await writer.append(exchange);
  await writer.close();
  return cwd;
}

describe('apitape inspect', () => {
  it('prints the endpoint table of every cassette', async () => {
    const io = fakeIo(await projectWithCassette());
    expect(await main(['inspect'], io)).toBe(0);
    const out = io.out();
    expect(out).toContain('https://api.shop.example');
    expect(out).toMatch(/METHOD\s+TEMPLATE\s+STATUSES\s+SAMPLES\s+P50/);
    expect(out).toMatch(/GET\s+\/users\/:userId\s+200,404\s+7\s+9 ms/);
    expect(out).toMatch(/GET\s+\/users\/me\s+200\s+1\s+10 ms/);
    expect(out).toContain('12 endpoints from 31 exchanges');
    expect(out).not.toContain('email:');
  });

  it('shows field evidence with --fields', async () => {
    const io = fakeIo(await projectWithCassette());
    expect(await main(['inspect', '--cassette', 'shop', '--fields'], io)).toBe(0);
    expect(io.out()).toContain('      200 application/json: 6 samples,');
    expect(io.out()).toContain('        email: string, format email, in 6/6, 6 distinct, volatile');
    expect(io.out()).toContain('        currency: string, in 6/6, 1 distinct');
  });

  it('prints the endpoint models as JSON with --json', async () => {
    const io = fakeIo(await projectWithCassette());
    expect(await main(['inspect', '--json'], io)).toBe(0);
    const parsed = JSON.parse(io.out()) as { cassettes: string[]; endpoints: Array<{ key: string }> };
    expect(parsed.cassettes).toEqual(['shop']);
    expect(parsed.endpoints.map((e) => e.key)).toContain('GET https://api.shop.example/users/:userId/orders/:orderId');
  });

  it('fails with exit 2 naming the file when a cassette is missing', async () => {
    const cwd = await projectWithCassette();
    const io = fakeIo(cwd);
    expect(await main(['inspect', '--cassette', 'nope'], io)).toBe(2);
    expect(io.err()).toContain(path.join(cwd, 'cassettes', 'nope.ndjson'));
    expect(io.out()).toBe('');
  });

  it('fails with exit 2 when there is no cassette at all', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'apitape-inspect-'));
    onTestFinished(() => rm(cwd, { recursive: true, force: true }));
    const io = fakeIo(cwd);
    expect(await main(['inspect'], io)).toBe(2);
    expect(io.err()).toContain(path.join(cwd, 'cassettes'));
  });
});
