// Acceptance: record a CRUD flow against one sample API, generate, replay with newman against a
// second instance whose ids and token differ (every test passes) and against a drifted one.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { parseEnvironment, serializeEnvironment, type PostmanEnvironment } from '../../../src/collection/environment.js';
import type { CollectionItem, CollectionV21 } from '../../../src/collection/types.js';
import { SAMPLE_CREDENTIALS, startSampleApi } from '../../../src/sample-api/server.js';
import { fakeIo } from '../../helpers/io.js';
import { recordCrudFlow } from './record-crud.js';
import { runNewman, withValues } from './newman-run.js';

let dir: string;
let collection: CollectionV21;
let environment: PostmanEnvironment;
let recordedUrl: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'apitape-generate-'));
  const a = await startSampleApi();
  recordedUrl = a.url;
  try {
    expect(await recordCrudFlow(a.url, path.join(dir, 'cassettes', 'crud.ndjson'))).toEqual([200, 200, 201, 200, 200, 201, 200, 204]);
  } finally {
    await a.close();
  }
  const io = fakeIo(dir);
  expect(await main(['generate'], io), io.err()).toBe(0);
  collection = JSON.parse(await readFile(path.join(dir, 'collections', 'crud.postman_collection.json'), 'utf8'));
  environment = parseEnvironment(await readFile(path.join(dir, 'environments', 'local.postman_environment.json'), 'utf8'), 'local');
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function requestNames(items: CollectionItem[]): string[] {
  return items.flatMap((i) => (i.item ? requestNames(i.item) : [i.name]));
}

async function replayAgainst(options: { drift?: boolean }) {
  const b = await startSampleApi({ seedUsers: 4, ...options });
  onTestFinished(() => b.close());
  return runNewman(collection, withValues(environment, { baseUrl: b.url, password: SAMPLE_CREDENTIALS.password }));
}

describe('generate → replay on another instance', () => {
  it('writes a valid v2.1 collection and an environment with the recorded origin and an empty secret', async () => {
    const schema = JSON.parse(await readFile(new URL('../../fixtures/schemas/postman-collection-v2.1.0.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(collection), JSON.stringify(validate.errors)).toBe(true);
    expect(requestNames(collection.item)).toEqual([
      'Log in', 'List users', 'Create user', 'Get user by id', 'Update user', 'Create order for user', 'Get order by id', 'Delete user',
    ]);
    expect(environment.values.map((v) => [v.key, v.value, v.type])).toEqual([
      ['baseUrl', recordedUrl, 'default'],
      ['password', '', 'secret'],
    ]);
    expect(JSON.stringify(collection)).not.toContain(SAMPLE_CREDENTIALS.password);
    const requests = JSON.stringify(collection.item);
    expect(requests).not.toContain(recordedUrl.replace('http://', ''));
    expect(requests.match(/"raw":"\{\{baseUrl\}\}\//g)).toHaveLength(8);
  });

  it('passes every test against a second instance whose ids and token differ', async () => {
    const outcome = await replayAgainst({});
    expect(outcome.failures).toEqual([]);
    expect(outcome.requests).toBe(8);
    expect(outcome.assertions.length).toBeGreaterThanOrEqual(30);
    expect(outcome.assertions.every((a) => a.passed)).toBe(true);
    expect(outcome.assertions.map((a) => a.test)).toContain('body matches schema for GET /orders/:orderId 200');
  });

  it('fails exactly the order schema tests against a drifted instance, naming the endpoints', async () => {
    const outcome = await replayAgainst({ drift: true });
    expect(outcome.failures.sort()).toEqual([
      'Create order for user: body matches schema for POST /users/:userId/orders 201',
      'Get order by id: body matches schema for GET /orders/:orderId 200',
    ]);
  });

  it('runs under the newman CLI too, with the secret given on the command line', async () => {
    const b = await startSampleApi();
    onTestFinished(() => b.close());
    const envFile = path.join(dir, 'environments', 'replay.postman_environment.json');
    await writeFile(envFile, serializeEnvironment(withValues(environment, { baseUrl: b.url })));
    const newmanBin = path.resolve('node_modules', 'newman', 'bin', 'newman.js');
    const collectionFile = path.join(dir, 'collections', 'crud.postman_collection.json');
    const run = promisify(execFile);
    const result = await run(process.execPath, [newmanBin, 'run', collectionFile, '-e', envFile, '--env-var', `password=${SAMPLE_CREDENTIALS.password}`, '--reporters', 'cli', '--color', 'off'], {
      timeout: 100_000,
    }).catch((error: { code?: number; stdout?: string }) => error);
    const output = `${String(result.stdout)}${String((result as { stderr?: string }).stderr)}`;
    expect('code' in result && result.code !== undefined ? result.code : 0, output).toBe(0);
    expect(String(result.stdout)).toMatch(/assertions\s*│\s*\d+\s*│\s*0/);
  }, 120_000);
});
