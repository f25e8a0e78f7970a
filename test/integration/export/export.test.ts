// export --format postman runs under plain newman (no apitape code), openapi validates.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it, onTestFinished } from 'vitest';
import { cassettePath } from '../../../src/cassette/store.js';
import { main } from '../../../src/cli/main.js';
import { SAMPLE_CREDENTIALS, startSampleApi } from '../../../src/sample-api/server.js';
import { fakeIo } from '../../helpers/io.js';
import { recordCrudFlow } from '../generate/record-crud.js';

const run = promisify(execFile);
const newmanBin = path.resolve(import.meta.dirname, '../../../node_modules/newman/bin/newman.js');

async function recordedProject(): Promise<{ cwd: string; url: string }> {
  const cwd = await fs.mkdtemp(path.join(os.tmpdir(), 'apitape-export-'));
  onTestFinished(() => fs.rm(cwd, { recursive: true, force: true }));
  const api = await startSampleApi();
  onTestFinished(() => api.close());
  await recordCrudFlow(api.url, cassettePath(cwd, 'crud'), 'crud');
  return { cwd, url: api.url };
}

describe('apitape export', () => {
  it('--format postman gives a collection and environment template that plain newman runs green', { timeout: 120_000 }, async () => {
    const { cwd } = await recordedProject();
    const io = fakeIo(cwd);
    expect(await main(['export', '--format', 'postman', '--cassette', 'crud'], io), io.err()).toBe(0);
    const collection = path.join(cwd, 'exports/crud.postman_collection.json');
    const environment = path.join(cwd, 'exports/crud.postman_environment.json');
    const env = JSON.parse(await fs.readFile(environment, 'utf8')) as { values: Array<{ key: string; value: string }> };
    expect(env.values.find((v) => v.key === 'password')?.value).toBe('');
    const { stdout } = await run(process.execPath, [newmanBin, 'run', collection, '-e', environment, '--env-var', `password=${SAMPLE_CREDENTIALS.password}`, '--reporters', 'cli', '--color', 'off'], {
      cwd,
    });
    expect(stdout).toMatch(/assertions\s+│\s+\d+\s+│\s+0\s+│/);
  });

  it('--format openapi gives an OpenAPI 3.1 document that validates, with the recorded server', async () => {
    const { cwd, url } = await recordedProject();
    const io = fakeIo(cwd);
    expect(await main(['export', '-f', 'openapi', '-c', 'crud', '-o', 'api.json'], io), io.err()).toBe(0);
    const doc = JSON.parse(await fs.readFile(path.join(cwd, 'api.json'), 'utf8')) as { openapi: string; servers: Array<{ url: string }>; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\.1/);
    expect(doc.servers[0]?.url).toBe(url);
    expect(Object.keys(doc.paths)).toContain('/users/{userId}');
    await SwaggerParser.validate(structuredClone(doc) as never);
    const again = fakeIo(cwd);
    await main(['export', '-f', 'openapi', '-c', 'crud', '-o', 'api2.json'], again);
    expect(await fs.readFile(path.join(cwd, 'api2.json'), 'utf8')).toBe(await fs.readFile(path.join(cwd, 'api.json'), 'utf8'));
  });
});
