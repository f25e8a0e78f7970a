import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { cassettePath, openCassetteWriter } from '../../../src/cassette/store.js';
import { generateFromCassettes } from '../../../src/collection/from-cassettes.js';
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
});
