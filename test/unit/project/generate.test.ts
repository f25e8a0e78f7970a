import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { cassettePath, openCassetteWriter } from '../../../src/cassette/store.js';
import { generateFromCassettes } from '../../../src/project/generate.js';
import { jsonBody, makeExchange } from '../../helpers/exchange.js';

describe('generateFromCassettes', () => {
  it('learns from accepted exchanges but does not replay them as extra requests', async () => {
    const cwd = await fs.mkdtemp(path.join(os.tmpdir(), 'apitape-from-'));
    onTestFinished(() => fs.rm(cwd, { recursive: true, force: true }));
    const writer = await openCassetteWriter(cassettePath(cwd, 'flow'), { name: 'flow' });
    const { id: _a, ...recorded } = makeExchange({ request: { method: 'POST' }, response: { status: 201, body: jsonBody({ total: 1 }) } });
    const { id: _b, ...accepted } = makeExchange({ request: { method: 'POST' }, response: { status: 201, body: jsonBody({ total: '1.00' }) } });
    await writer.append(recorded);
    await writer.append({ ...accepted, note: 'accepted from reports/run-1' });
    await writer.close();

    const result = await generateFromCassettes(cwd, { fallbackName: 'x', onWarning: () => {} });
    expect(result.summary.requests).toBe(1);
    const schemas = JSON.stringify(result.collection.variable);
    expect(schemas).toContain('integer');
    expect(schemas).toContain('string');
  });

  it('leaves WebSocket exchanges out of the collection and its inference, and says so', async () => {
    const cwd = await fs.mkdtemp(path.join(os.tmpdir(), 'apitape-from-'));
    onTestFinished(() => fs.rm(cwd, { recursive: true, force: true }));
    const writer = await openCassetteWriter(cassettePath(cwd, 'flow'), { name: 'flow' });
    const { id: _a, ...http } = makeExchange({ request: { url: 'https://api.example.com/users' } });
    const { id: _b, ...socket } = makeExchange({
      request: { url: 'wss://api.example.com/live' },
      response: { status: 101, statusText: 'Switching Protocols', headers: [], body: { kind: 'none' } },
    });
    await writer.append(http);
    await writer.append({ ...socket, note: 'websocket' });
    await writer.close();

    const warnings: string[] = [];
    const result = await generateFromCassettes(cwd, { fallbackName: 'x', onWarning: (w) => warnings.push(w) });
    expect(result.summary.requests).toBe(1);
    expect(JSON.stringify(result.collection)).not.toContain('/live');
    expect(warnings).toEqual([expect.stringContaining('flow: 1 WebSocket exchange(s) left out')]);
  });
});
